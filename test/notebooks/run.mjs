// Notebook test: executes examples/notebooks/quickstart-deno.ipynb (Deno's Jupyter kernel) and
// examples/notebooks/quickstart-tslab.ipynb (tslab) headless, the way Jupyter runs them, and fails
// if a cell errors, if no chart is shown as rich output (image/svg+xml), if the tables are
// missing, or if the outputs differ from the ones committed in the notebook (stale outputs).
//
//   npm run test:notebooks      execute and compare with the committed outputs
//   npm run notebooks:save      execute and write the outputs back into examples/notebooks/*.ipynb
//                               (= node test/notebooks/run.mjs --update; commit the result)
//   node test/notebooks/run.mjs --save DIR    also write the executed notebooks to DIR
//
// Needs Debian's Jupyter packages (apt-get install -y python3-nbclient python3-nbformat
// jupyter-client jupyter-notebook; scripts/ci/preflight.mjs installs them) for /usr/bin/python3,
// the `deno` npm package (devDependency) and a build (dist/: the notebooks import the package by
// name, `quantivista/<subpath>`; built here when stale).
//
// Nothing is written outside the clone. Everything Jupyter, IPython and Deno would put in the home
// folder or /usr/local/share/jupyter goes to .cache/notebooks-<pid>/ (git-ignored), removed at
// the end: the two kernelspecs (written there as kernel.json files, found through JUPYTER_PATH),
// Jupyter's data, config and runtime (connection files) folders, IPYTHONDIR and DENO_DIR.
//
// tslab is not a devDependency of the project: it depends on its own TypeScript 5.0 fork
// (@tslab/typescript-for-tslab), which npm would link as node_modules/.bin/tsc in place of the
// project's TypeScript. It is pinned in tools/tslab/package.json and package-lock.json and
// installed from that lockfile into tools/tslab/node_modules (git-ignored) on first use with
//   npm ci --prefix tools/tslab --ignore-scripts --no-audit --no-fund
// (--ignore-scripts: zeromq's prebuilt binaries are used, no native rebuild). $TSLAB_BIN overrides.
//
// tslab type-checks cells with TypeScript's `node10` module resolution, which knows neither
// package.json "exports" nor a package's import of its own name; so that `quantivista/optimize`
// resolves there as in a user's project, the runner links examples/notebooks/node_modules/quantivista
// to the clone (git-ignored; left in place, as `npm install` would leave it). Deno and Node resolve
// the package's own name through its "exports" without it.
// Prints `N passed, N failed`; exit status 0 only when all passed.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ensureBuild, root } from '../../scripts/ci/ensure-build.mjs';

const PYTHON = process.env.NOTEBOOK_PYTHON || '/usr/bin/python3';
const NOTEBOOKS = ['examples/notebooks/quickstart-deno.ipynb', 'examples/notebooks/quickstart-tslab.ipynb'];
const bin = join(root, 'node_modules', '.bin');
const tslabPrefix = join(root, 'tools', 'tslab');
const update = process.argv.includes('--update');
const saveIdx = process.argv.indexOf('--save');
const saveDir = saveIdx > 0 ? process.argv[saveIdx + 1] : undefined;

let passed = 0;
let failed = 0;
function report(ok, name, detail = '') {
  if (ok) passed++;
  else failed++;
  console.log(`  ${ok ? 'ok  ' : 'FAIL'}  ${name}${detail ? `\n        ${String(detail).trim().split('\n').join('\n        ')}` : ''}`);
}

// The scratch folder: removed on every way out (including a failed check and Ctrl-C).
const scratch = join(root, '.cache', `notebooks-${process.pid}`);
function cleanup() {
  rmSync(scratch, { recursive: true, force: true });
}
process.on('exit', cleanup);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));
function finish() {
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

// --- Prerequisites ----------------------------------------------------------------------------
const py = spawnSync(PYTHON, ['-c', 'import nbclient, nbformat, jupyter_client, IPython; print(nbclient.__version__)'], { encoding: 'utf8' });
if (py.status !== 0) {
  report(
    false,
    `${PYTHON} has nbclient, nbformat, jupyter_client and IPython`,
    `${(py.stderr || py.error?.message || '').trim()}\ninstall Debian's packages: apt-get install -y python3-nbclient python3-nbformat jupyter-client jupyter-notebook`,
  );
  finish();
}
const deno = join(bin, 'deno');
if (!existsSync(deno)) {
  report(false, 'node_modules/.bin/deno is installed', 'run npm install (deno is a devDependency)');
  finish();
}

// --- tslab, from tools/tslab/package-lock.json ----------------------------------------------------
function findTslab() {
  if (process.env.TSLAB_BIN) return process.env.TSLAB_BIN;
  const local = join(tslabPrefix, 'node_modules', '.bin', 'tslab');
  if (existsSync(local)) return local;
  console.log('installing tslab from tools/tslab/package-lock.json (once): npm ci --prefix tools/tslab --ignore-scripts --no-audit --no-fund');
  const r = spawnSync('npm', ['ci', '--prefix', tslabPrefix, '--ignore-scripts', '--no-audit', '--no-fund'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (r.status !== 0 || !existsSync(local)) {
    report(false, 'npm ci --prefix tools/tslab --ignore-scripts', `${r.stdout}\n${r.stderr}`);
    finish();
  }
  return local;
}
const tslab = findTslab();

mkdirSync(scratch, { recursive: true });
const jupyterPath = join(scratch, 'jupyter');
// No tool reads the user's Jupyter, IPython or Deno folders, and none writes there. The kernels'
// own PATH puts the project's node_modules/.bin first (its tsc, not tslab's).
const env = {
  ...process.env,
  PATH: `${bin}:${process.env.PATH ?? ''}`,
  JUPYTER_PATH: jupyterPath,
  JUPYTER_DATA_DIR: join(scratch, 'data'),
  JUPYTER_CONFIG_DIR: join(scratch, 'config'),
  JUPYTER_RUNTIME_DIR: join(scratch, 'runtime'),
  JUPYTER_PLATFORM_DIRS: '1',
  IPYTHONDIR: join(scratch, 'ipython'),
  DENO_DIR: join(scratch, 'deno'),
  DENO_NO_UPDATE_CHECK: '1',
  DENO_NO_PROMPT: '1',
  NO_COLOR: '1',
  PYDEVD_DISABLE_FILE_VALIDATION: '1',
};
const version = spawnSync(tslab, ['--version'], { encoding: 'utf8', env });
report(version.status === 0, `tslab ${version.stdout.trim()} runs (${relative(root, tslab) || tslab})`, version.status === 0 ? '' : version.stderr);

// The committed notebooks: valid nbformat 4, kernel named, every code cell executed (outputs saved).
const check = spawnSync(
  PYTHON,
  [
    '-c',
    `
import json, sys, nbformat
for p in sys.argv[1:]:
    nb = nbformat.read(p, as_version=4)
    nbformat.validate(nb)
    unrun = [i for i, c in enumerate(nb.cells) if c.cell_type == 'code' and c.execution_count is None]
    print(json.dumps({"path": p, "kernel": nb.metadata.get("kernelspec", {}).get("name"), "unrun": unrun}))
`,
    ...NOTEBOOKS,
  ],
  { cwd: root, encoding: 'utf8', env },
);
if (check.status !== 0) {
  report(false, 'notebooks are valid nbformat 4', check.stderr);
  finish();
}
if (!update) {
  for (const line of check.stdout.trim().split('\n')) {
    const { path, kernel, unrun } = JSON.parse(line);
    report(
      unrun.length === 0,
      `${path} is committed with its outputs (kernel ${kernel})`,
      unrun.length ? `cells never executed: ${unrun.join(', ')}; run npm run notebooks:save and commit the notebook` : '',
    );
  }
}

ensureBuild(); // both notebooks import dist/ through the package name
// tslab type-checks each cell against dist/<subpath>/index.d.ts (typesVersions). Say what is
// really missing rather than letting tslab report an unresolved module.
const subpaths = ['data', 'covariance', 'expected-returns', 'optimize', 'risk-parity', 'risk', 'charts'];
const noTypes = subpaths.filter((d) => !existsSync(join(root, 'dist', d, 'index.d.ts')));
report(
  noTypes.length === 0,
  'dist/ has the type declarations the tslab notebook needs',
  noTypes.length ? `missing: ${noTypes.map((d) => `dist/${d}/index.d.ts`).join(', ')} (did the dts step of npm run build fail?)` : '',
);

// examples/notebooks/node_modules/quantivista -> the clone, for tslab's node10 resolution.
const link = join(root, 'examples', 'notebooks', 'node_modules', 'quantivista');
const target = join('..', '..', '..');
let linked = false;
try {
  linked = lstatSync(link).isSymbolicLink() && readlinkSync(link) === target;
} catch {}
if (!linked) {
  rmSync(link, { recursive: true, force: true });
  mkdirSync(join(link, '..'), { recursive: true });
  symlinkSync(target, link, 'dir');
}

// --- Kernelspecs, in the scratch JUPYTER_PATH only ------------------------------------------------
// The same argv as `deno jupyter --install` and `tslab install` write, without touching the home.
function kernelspec(name, spec) {
  mkdirSync(join(jupyterPath, 'kernels', name), { recursive: true });
  writeFileSync(join(jupyterPath, 'kernels', name, 'kernel.json'), JSON.stringify(spec, null, 2));
}
kernelspec('deno', { argv: [deno, 'jupyter', '--kernel', '--conn', '{connection_file}'], display_name: 'Deno', language: 'typescript' });
kernelspec('tslab', { argv: [tslab, 'kernel', '--config-path', '{connection_file}'], display_name: 'TypeScript', language: 'typescript' });
const listed = spawnSync(
  PYTHON,
  [
    '-c',
    'import json; from jupyter_client.kernelspec import KernelSpecManager as M; print(json.dumps({k: v["resource_dir"] for k, v in M().get_all_specs().items()}))',
  ],
  { encoding: 'utf8', env },
);
const specs = listed.status === 0 ? JSON.parse(listed.stdout) : {};
for (const name of ['deno', 'tslab']) {
  const dir = specs[name];
  report(Boolean(dir) && dir.startsWith(jupyterPath), `${name} kernelspec is the scratch one`, dir ? `found in ${dir}` : `not found: ${listed.stderr}`);
}

// --- Execute both notebooks in parallel (one kernel each) --------------------------------------
function execute(nb) {
  return new Promise((resolve) => {
    const args = [
      join(root, 'test', 'notebooks', 'execute.py'),
      '--timeout',
      '180',
      ...(update ? ['--update'] : []),
      ...(saveDir ? ['--save', saveDir] : []),
      nb,
    ];
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
  report(
    cellErrors.length === 0,
    `${name}: every cell runs`,
    cellErrors.length
      ? `${cellErrors.join('\n')}\n${stderr
          .split('\n')
          .filter((l) => !/frozen modules|Debugger warning|Xfrozen|Debugging will proceed|unstable and might change/.test(l))
          .join('\n')
          .slice(-3000)}`
      : '',
  );
  report(
    result.charts > 0,
    `${name}: shows a chart as rich output (${result.charts} SVG output${result.charts === 1 ? '' : 's'}${result.chartTypes?.length ? `, ${result.chartTypes.join(', ')}` : ''})`,
  );
  const text = result.text ?? '';
  const tables = /share of risk/.test(text) && /VaR\(95 %\)/.test(text) && /max Sharpe .*true/.test(text);
  report(tables, `${name}: shows the optimisation summary and the risk table (HTML)`, tables ? '' : `shown:\n${text}`);
  if (update) report(result.updated === true, `${name}: outputs written back into the notebook`);
  else
    report(
      (result.stale ?? ['not compared']).length === 0,
      `${name}: outputs equal the committed ones`,
      result.stale?.length ? `${result.stale.join('\n')}\nif the change is intended: npm run notebooks:save, review the diff and commit the notebook` : '',
    );
}
finish();
