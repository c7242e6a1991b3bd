// Deno test (`npm run test:deno`), with the Deno binary of the `deno` npm package (a dev
// dependency; nothing is downloaded at test time):
//   1. `deno check` over src/ (src/index.ts and every src/<domain>/index.ts), with the
//      compiler options of tsconfig.json, which Deno reads;
//   2. `deno run test/deno/smoke.ts`: the built package imported by name as a Deno user
//      does, checked against closed forms and scikit-learn's Ledoit-Wolf;
//   3. `deno run test/deno/cases.ts`: test/browser/cases.mjs in Deno, bit for bit against Node;
//   4. every examples/*.ts that contains the line `// @runtime deno` (exit code 0 required),
//      plus the files listed in EXTRA_EXAMPLES below.
// npm packages resolve from ./node_modules (--node-modules-dir=manual) and --cached-only
// forbids any download; DENO_DIR is a fresh temporary folder. Prints `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureBuild, root } from '../../scripts/ci/ensure-build.mjs';
import { compareCase, runCases } from '../browser/cases.mjs';

/** Examples (paths relative to the repository root) to run under Deno besides the marked ones. */
const EXTRA_EXAMPLES = [];

let passed = 0;
let failed = 0;
function report(ok, name, detail = '') {
  if (ok) passed++;
  else failed++;
  console.log(`  ${ok ? 'ok  ' : 'FAIL'}  ${name}${detail ? `\n        ${detail.trim().split('\n').join('\n        ')}` : ''}`);
}
function finish() {
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

function denoBinary() {
  const exe = process.platform === 'win32' ? 'deno.exe' : 'deno';
  const candidates = [
    join(root, 'node_modules', '.bin', exe),
    join(root, 'node_modules', 'deno', exe),
    join(root, 'node_modules', '@deno', `${process.platform}-${process.arch}${process.platform === 'linux' ? '-glibc' : ''}`, exe),
  ];
  for (const c of candidates) {
    if (existsSync(c)) {
      const r = spawnSync(c, ['--version'], { encoding: 'utf8' });
      if (r.status === 0) return [c, []];
    }
  }
  // The package's launcher finds the platform binary even when install scripts did not run.
  const launcher = join(root, 'node_modules', 'deno', 'bin.cjs');
  if (existsSync(launcher)) return [process.execPath, [launcher]];
  return [undefined, []];
}

ensureBuild();
const [deno, denoPrefix] = denoBinary();
if (!deno) {
  report(false, 'find the Deno binary', 'node_modules/deno is missing: run `npm ci` (deno is a devDependency)');
  finish();
}
mkdirSync(join(root, '.cache'), { recursive: true });
const denoDir = mkdtempSync(join(root, '.cache', 'deno-'));
const env = { ...process.env, DENO_DIR: denoDir, DENO_NO_UPDATE_CHECK: '1', DENO_NO_PROMPT: '1', NO_COLOR: '1' };
const FLAGS = ['--node-modules-dir=manual', '--cached-only'];
function runDeno(args, timeout = 300_000) {
  const r = spawnSync(deno, [...denoPrefix, ...args], { cwd: root, env, encoding: 'utf8', timeout, maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout ?? '', stderr: `${r.stderr ?? ''}${r.error ? `\n${r.error.message}` : ''}` };
}

try {
  const version = runDeno(['--version']);
  console.log(version.stdout.split('\n')[0] || version.stderr);

  // 1. deno check
  const entries = [
    'src/index.ts',
    ...readdirSync(join(root, 'src'))
      .filter((d) => existsSync(join(root, 'src', d, 'index.ts')))
      .sort()
      .map((d) => `src/${d}/index.ts`),
  ];
  const check = runDeno(['check', ...FLAGS, ...entries]);
  report(
    check.status === 0,
    `deno check ${entries.length} entry points (${entries.join(', ')})`,
    check.status === 0 ? '' : `${check.stdout}\n${check.stderr}`.slice(-6000),
  );

  // 2. smoke
  const smoke = runDeno(['run', ...FLAGS, `--allow-read=${root}`, 'test/deno/smoke.ts']);
  process.stdout.write(smoke.stdout.replace(/^/gm, '        '));
  report(
    smoke.status === 0 && /^smoke: \d+ checks passed$/m.test(smoke.stdout),
    'deno run test/deno/smoke.ts (built package vs closed forms and scikit-learn)',
    smoke.status === 0 ? '' : smoke.stderr.slice(-4000),
  );

  // 3. cross-runtime cases
  const casesRun = runDeno(['run', ...FLAGS, `--allow-read=${root}`, 'test/deno/cases.ts']);
  let denoResult;
  try {
    denoResult = JSON.parse(casesRun.stdout.trim().split('\n').pop() ?? '');
  } catch {
    report(false, 'deno run test/deno/cases.ts', `exit ${casesRun.status}\n${casesRun.stderr.slice(-4000)}`);
  }
  if (denoResult) {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const keys = Object.keys(pkg.exports).filter((k) => k !== './package.json');
    const nodeLoaded = {};
    for (const k of keys) nodeLoaded[k] = await import(pathToFileURL(join(root, pkg.exports[k].import.default)).href);
    for (const k of keys) {
      const a = denoResult.names[k] ?? [];
      const b = Object.keys(nodeLoaded[k]).sort();
      const same = a.length > 0 && a.join() === b.join();
      report(
        same,
        `${k === '.' ? pkg.name : `${pkg.name}/${k.slice(2)}`} imports in Deno by package name with the same exports as in Node (${a.length})`,
        same ? '' : `deno: [${a}]\nnode: [${b}]`,
      );
    }
    report(
      denoResult.wasm === true,
      'the WebAssembly SIMD kernels are active in Deno',
      denoResult.wasm === true ? '' : `wasmKernelsActive() returned ${denoResult.wasm}`,
    );
    const nodeQ = Object.assign({}, ...keys.filter((k) => k !== '.').map((k) => nodeLoaded[k]), nodeLoaded['.']);
    for (const [name, node] of Object.entries(runCases(nodeQ))) {
      const { ok, title, detail } = compareCase(name, node, denoResult.cases[name], 'Deno');
      report(ok, title, detail);
    }
  }

  // 4. examples meant for Deno
  const exDir = join(root, 'examples');
  const marked = existsSync(exDir)
    ? readdirSync(exDir)
        .filter((f) => f.endsWith('.ts') && /^\s*\/\/\s*@runtime\s+deno\b/m.test(readFileSync(join(exDir, f), 'utf8')))
        .map((f) => `examples/${f}`)
    : [];
  for (const file of [...new Set([...marked, ...EXTRA_EXAMPLES])].sort()) {
    const r = runDeno(['run', ...FLAGS, `--allow-read=${root}`, file]);
    report(r.status === 0, `deno run ${file}`, r.status === 0 ? '' : `exit ${r.status}\n${r.stderr.slice(-4000)}`);
  }
} finally {
  rmSync(denoDir, { recursive: true, force: true });
}
finish();
