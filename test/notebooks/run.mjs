// Notebook test: executes examples/notebooks/quickstart-deno.ipynb (Deno's Jupyter kernel) and
// examples/notebooks/quickstart-tslab.ipynb (tslab) headless, the way Jupyter runs them, and fails
// if a cell errors, if no chart is shown as rich output (image/svg+xml, or text/html holding an
// <svg>), or if the risk table is not printed.
//
// Needs Debian's Jupyter packages (apt-get install -y python3-nbclient python3-nbformat
// jupyter-client jupyter-notebook) for /usr/bin/python3, the `deno` npm package (devDependency),
// and a build (dist/, for tslab; built here when stale).
//
// tslab is NOT a devDependency: it depends on its own TypeScript 5.0 fork
// (@tslab/typescript-for-tslab), which npm would link as node_modules/.bin/tsc in place of the
// project's TypeScript. So it is used from, in this order: $TSLAB_BIN; node_modules/.bin/tslab;
// a `tslab` on PATH; or an install of tslab@TSLAB_VERSION (without install scripts; its zeromq
// ships prebuilt binaries) into node_modules/.cache/quantivista-tslab, made here on first use.
//
// Kernelspecs are installed when missing, with the commands the README gives a notebook user:
//   node_modules/.bin/deno jupyter --install
//   <tslab> install --binary=<absolute path of tslab> --python=/usr/bin/python3
// The committed notebooks carry no outputs (checked here): CI proves they run, and a saved
// output would go stale and put a 30 kB SVG in every diff.
// Prints `N passed, N failed`; exit status 0 only when all passed.
// Options: --save DIR writes the executed notebooks (with outputs) to DIR.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { delimiter, dirname, isAbsolute, join } from 'node:path';
import { ensureBuild, root } from '../../scripts/ci/ensure-build.mjs';

export const TSLAB_VERSION = '1.0.22';
const PYTHON = process.env.NOTEBOOK_PYTHON || '/usr/bin/python3';
const NOTEBOOKS = ['examples/notebooks/quickstart-deno.ipynb', 'examples/notebooks/quickstart-tslab.ipynb'];
const bin = join(root, 'node_modules', '.bin');
const saveIdx = process.argv.indexOf('--save');
const saveDir = saveIdx > 0 ? process.argv[saveIdx + 1] : undefined;

let passed = 0;
let failed = 0;
function report(ok, name, detail = '') {
  if (ok) passed++;
  else failed++;
  console.log(`  ${ok ? 'ok  ' : 'FAIL'}  ${name}${detail ? `\n        ${String(detail).trim().split('\n').join('\n        ')}` : ''}`);
}
function finish() {
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

// --- Prerequisites ----------------------------------------------------------------------------
const py = spawnSync(PYTHON, ['-c', 'import nbclient, nbformat, jupyter_client, IPython; print(nbclient.__version__)'], { encoding: 'utf8' });
if (py.status !== 0) {
  report(false, `${PYTHON} has nbclient, nbformat, jupyter_client and IPython`, `${(py.stderr || py.error?.message || '').trim()}\ninstall Debian's packages: apt-get install -y python3-nbclient python3-nbformat jupyter-client jupyter-notebook`);
  finish();
}
if (!existsSync(join(bin, 'deno'))) {
  report(false, 'node_modules/.bin/deno is installed', 'run npm install (deno is a devDependency)');
  finish();
}

// --- tslab ---------------------------------------------------------------------------------------
function onPath(cmd) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) if (dir && existsSync(join(dir, cmd))) return join(dir, cmd);
  return undefined;
}
function findTslab() {
  if (process.env.TSLAB_BIN) return process.env.TSLAB_BIN;
  if (existsSync(join(bin, 'tslab'))) return join(bin, 'tslab');
  const cache = join(root, 'node_modules', '.cache', 'quantivista-tslab');
  const cached = join(cache, 'node_modules', '.bin', 'tslab');
  if (existsSync(cached)) return cached;
  const global = onPath('tslab');
  if (global) return global;
  console.log(`installing tslab@${TSLAB_VERSION} into ${cache} (once; npm install --ignore-scripts)`);
  mkdirSync(cache, { recursive: true });
  const r = spawnSync('npm', ['install', '--prefix', cache, '--no-save', '--no-package-lock', '--ignore-scripts', '--no-audit', '--no-fund', `tslab@${TSLAB_VERSION}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0 || !existsSync(cached)) {
    report(false, `install tslab@${TSLAB_VERSION}`, `${r.stdout}\n${r.stderr}`);
    finish();
  }
  return cached;
}
const tslab = findTslab();
const env = { ...process.env, PATH: `${bin}${delimiter}${dirname(tslab)}${delimiter}${process.env.PATH ?? ''}`, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1', PYDEVD_DISABLE_FILE_VALIDATION: '1' };
const version = spawnSync(tslab, ['--version'], { encoding: 'utf8', env });
report(version.status === 0, `tslab ${version.stdout.trim()} runs (${tslab})`, version.status === 0 ? '' : version.stderr);

// The committed notebooks: valid nbformat 4, outputs cleared, kernel named.
const check = spawnSync(PYTHON, ['-c', `
import json, sys, nbformat
for p in sys.argv[1:]:
    nb = nbformat.read(p, as_version=4)
    nbformat.validate(nb)
    dirty = [i for i, c in enumerate(nb.cells) if c.cell_type == 'code' and (c.outputs or c.execution_count is not None)]
    print(json.dumps({"path": p, "kernel": nb.metadata.get("kernelspec", {}).get("name"), "dirty": dirty}))
`, ...NOTEBOOKS], { cwd: root, encoding: 'utf8', env });
if (check.status !== 0) {
  report(false, 'notebooks are valid nbformat 4', check.stderr);
  finish();
}
for (const line of check.stdout.trim().split('\n')) {
  const { path, kernel, dirty } = JSON.parse(line);
  report(dirty.length === 0, `${path} is committed with outputs cleared (kernel ${kernel})`, dirty.length ? `cells with outputs or execution counts: ${dirty.join(', ')}; clear them (Jupyter: Edit > Clear All Outputs) before committing` : '');
}

ensureBuild(); // tslab imports dist/*/index.cjs
// tslab type-checks each cell: without dist/<subpath>/index.d.cts it reports the .cjs file as
// "not under rootDir" instead. Say what is really missing.
const noTypes = ['returns', 'covariance', 'expected-returns', 'optimize', 'risk-parity', 'risk', 'charts'].filter((d) => !existsSync(join(root, 'dist', d, 'index.d.cts')));
report(noTypes.length === 0, 'dist/ has the CommonJS type declarations the tslab notebook needs', noTypes.length ? `missing: ${noTypes.map((d) => `dist/${d}/index.d.cts`).join(', ')} (did the dts step of npm run build fail?)` : '');

// --- Kernelspecs --------------------------------------------------------------------------------
function kernelspecs() {
  const r = spawnSync(PYTHON, ['-c', 'import json; from jupyter_client.kernelspec import KernelSpecManager as M; print(json.dumps({k: v["spec"]["argv"] for k, v in M().get_all_specs().items()}))'], { encoding: 'utf8', env });
  if (r.status !== 0) throw new Error(`cannot list kernelspecs: ${r.stderr}`);
  return JSON.parse(r.stdout);
}
function install(name, cmd, args) {
  console.log(`installing the ${name} kernelspec: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', env });
  if (r.status !== 0) report(false, `install the ${name} kernelspec`, `${r.stdout}\n${r.stderr}`);
}
let specs = kernelspecs();
// A deno kernelspec points at one checkout's binary; reinstall when that binary is gone.
// A kernelspec runs its argv[0]: an absolute path must exist, a bare name must be on our PATH.
const runnable = (argv) => Boolean(argv) && (isAbsolute(argv[0]) ? existsSync(argv[0]) : Boolean(onPathOf(argv[0])));
function onPathOf(cmd) {
  for (const dir of env.PATH.split(delimiter)) if (dir && existsSync(join(dir, cmd))) return true;
  return false;
}
if (!runnable(specs.deno)) install('deno', join(bin, 'deno'), ['jupyter', '--install', '--force']);
if (!runnable(specs.tslab)) install('tslab', tslab, ['install', `--binary=${tslab}`, `--python=${PYTHON}`]);
specs = kernelspecs();
report(runnable(specs.deno), 'deno kernelspec installed', specs.deno ? `argv: ${specs.deno.join(' ')}` : 'missing');
report(runnable(specs.tslab), 'tslab kernelspec installed', specs.tslab ? `argv: ${specs.tslab.join(' ')}` : 'missing');

// --- Execute both notebooks in parallel (one kernel each) --------------------------------------
function execute(nb) {
  return new Promise((resolve) => {
    const args = [join(root, 'test', 'notebooks', 'execute.py'), '--timeout', '180', ...(saveDir ? ['--save', saveDir] : []), nb];
    const child = spawn(PYTHON, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 240_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      let result;
      try {
        result = JSON.parse(out.trim().split('\n').filter(Boolean).at(-1));
      } catch {
        result = { notebook: nb, ok: false, errors: [`execute.py exited with ${code} without a result`], charts: 0, text: '' };
      }
      resolve({ result, stderr: err });
    });
  });
}
const runs = await Promise.all(NOTEBOOKS.map(execute));
for (const { result, stderr } of runs) {
  const name = `${result.notebook} (${result.kernel ?? '?'} kernel${result.seconds !== undefined ? `, ${result.seconds} s` : ''})`;
  const cellErrors = result.errors.filter((e) => !e.startsWith('no chart output'));
  report(cellErrors.length === 0, `${name}: every cell runs`, cellErrors.length ? `${cellErrors.join('\n')}\n${stderr.split('\n').filter((l) => !/frozen modules|Debugger warning|Xfrozen|Debugging will proceed|unstable and might change/.test(l)).join('\n').slice(-3000)}` : '');
  report(result.charts > 0, `${name}: shows a chart as rich output (${result.charts} SVG output${result.charts === 1 ? '' : 's'}${result.chartTypes?.length ? `, ${result.chartTypes.join(', ')}` : ''})`);
  const text = result.text ?? '';
  const table = /share of risk/.test(text) && /VaR\(95 %\)/.test(text) && /max Sharpe .*converged true/.test(text);
  report(table, `${name}: prints the optimisation summary and the risk table`, table ? '' : `printed:\n${text}`);
}
finish();
