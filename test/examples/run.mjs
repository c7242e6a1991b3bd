// Examples test: runs every examples/*.ts workflow (one per domain; not examples/demo.ts, which
// `npm run demo` runs) under Node (tsx) and under Deno (`deno run --allow-read`), straight from
// the TypeScript sources (no build). Each run must exit 0, print at least two lines and write
// nothing to stderr but runtime notices; and the two runtimes must print the same text (the
// library is deterministic: same input, same bits, on every engine).
// Prints `N passed, N failed`; exit status 0 only when all passed.
// Usage: node test/examples/run.mjs [name ...]   (e.g. `optimize risk`; default: all)
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = join(root, 'node_modules', '.bin');
const SKIP = new Set(['demo.ts']);
const only = process.argv.slice(2);
const examples = readdirSync(join(root, 'examples'))
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !SKIP.has(f))
  .filter((f) => only.length === 0 || only.includes(f.replace(/\.ts$/, '')))
  .sort();
const CONCURRENCY = Math.max(1, Number(process.env.EXAMPLES_CONCURRENCY ?? 2));
const TIMEOUT_MS = 120_000;

const runtimes = {
  node: (file) => [join(bin, 'tsx'), [file]],
  deno: (file) => [join(bin, 'deno'), ['run', '--allow-read', '--no-prompt', file]],
};
// Deno's cache goes in the clone's .cache/ (git-ignored) and is removed at the end: nothing is
// written to the user's home.
const denoDir = join(root, '.cache', `deno-examples-${process.pid}`);
process.on('exit', () => rmSync(denoDir, { recursive: true, force: true }));
const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', DENO_NO_UPDATE_CHECK: '1', DENO_DIR: denoDir };
// Lines a runtime may print on stderr that are not the example's: npm's config notices.
const NOISE = /^(npm warn|Warning .*unstable|\s*$)/;

let passed = 0;
let failed = 0;
function report(ok, name, detail = '') {
  if (ok) passed++;
  else failed++;
  console.log(`  ${ok ? 'ok  ' : 'FAIL'}  ${name}${detail ? `\n        ${String(detail).trim().split('\n').join('\n        ')}` : ''}`);
}

function run(runtime, file) {
  const [cmd, args] = runtimes[runtime](join('examples', file));
  return new Promise((done) => {
    const started = Date.now();
    const child = spawn(cmd, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.on('error', (e) => (err += String(e)));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      done({ runtime, file, code, signal, out, err, ms: Date.now() - started });
    });
  });
}

for (const tool of ['tsx', 'deno']) {
  if (!existsSync(join(bin, tool))) {
    report(false, `node_modules/.bin/${tool} is installed`, 'run npm install');
  }
}
if (examples.length === 0) report(false, 'examples found', `no examples/*.ts matching ${only.join(', ')}`);

const jobs = examples.flatMap((f) => Object.keys(runtimes).map((r) => [r, f]));
const results = [];
let next = 0;
await Promise.all(
  Array.from({ length: Math.min(CONCURRENCY, jobs.length) }, async () => {
    while (next < jobs.length) {
      const [r, f] = jobs[next++];
      results.push(await run(r, f));
    }
  }),
);

for (const file of examples) {
  const byRuntime = {};
  for (const runtime of Object.keys(runtimes)) {
    const res = results.find((x) => x.file === file && x.runtime === runtime);
    byRuntime[runtime] = res;
    const lines = res.out.trim().split('\n').filter(Boolean);
    const stderr = res.err
      .split('\n')
      .filter((l) => !NOISE.test(l))
      .join('\n');
    const ok = res.code === 0 && lines.length >= 2 && stderr.trim() === '';
    const why = res.code !== 0 ? `exit ${res.code ?? res.signal}` : lines.length < 2 ? `printed ${lines.length} line(s)` : 'wrote to stderr';
    report(
      ok,
      `examples/${file} under ${runtime} (${(res.ms / 1000).toFixed(1)} s, ${lines.length} lines)`,
      ok ? '' : `${why}\n--- stdout\n${res.out.slice(-1500)}\n--- stderr\n${stderr.slice(-2500)}`,
    );
  }
  const { node, deno } = byRuntime;
  if (node.code === 0 && deno.code === 0) {
    const a = node.out.split('\n');
    const b = deno.out.split('\n');
    const k = a.findIndex((l, i) => l !== b[i]);
    const same = a.length === b.length && k === -1;
    report(same, `examples/${file}: Node and Deno print the same output`, same ? '' : `first difference at line ${k + 1}:\n  node: ${a[k]}\n  deno: ${b[k]}`);
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
