// `npm test`: the preflight (scripts/ci/preflight.mjs: installs or names what the machine lacks,
// before anything else), then every test stage in order — Node (vitest), browser (headless
// Chromium), Deno, the examples, the browser page, the notebooks, the bundle sizes, an
// install of the package from a clone by path, and the fuzz suite (docs/fuzz.md). A failing
// stage does not stop the later ones, so one run shows every problem. At the end it prints each
// stage's wall time and result; the exit status is 0 only when every stage passed.
//
// Usage: node scripts/ci/test-all.mjs [stage ...]   (e.g. `npm test -- node deno`)
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const STAGES = [
  ['node', 'test:node'],
  ['browser', 'test:browser'],
  ['deno', 'test:deno'],
  ['examples', 'test:examples'],
  ['page', 'test:page'],
  ['notebooks', 'test:notebooks'],
  ['size', 'test:size'],
  ['install', 'test:install'],
  ['fuzz', 'fuzz'],
];
const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !STAGES.some(([name]) => name === w));
if (unknown.length > 0) {
  console.error(`unknown stage ${unknown.join(', ')}; stages: ${STAGES.map(([n]) => n).join(', ')}`);
  process.exit(2);
}
const t0 = Date.now();
const rows = [];
// npm writes a debug log per `npm run` and an update-notifier stamp into $HOME unless told not to
const env = { ...process.env, npm_config_logs_max: '0', npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };
function timed(name, cmd, args) {
  const start = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  rows.push({ name, seconds: (Date.now() - start) / 1000, ok: r.status === 0 });
  return r.status === 0;
}

if (!timed('preflight', process.execPath, ['scripts/ci/preflight.mjs'])) {
  process.exit(1);
}
for (const [name, script] of STAGES) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  console.log(`\n---------- npm test: ${name} (npm run ${script}) ----------`);
  timed(name, 'npm', ['run', '--silent', script]);
}
const total = (Date.now() - t0) / 1000;
console.log('\n---------- npm test: wall time by stage ----------');
for (const r of rows) console.log(`${r.name.padEnd(10)} ${r.seconds.toFixed(1).padStart(7)} s  ${r.ok ? 'ok' : 'FAILED'}`);
console.log(`${'total'.padEnd(10)} ${total.toFixed(1).padStart(7)} s`);
const failedStages = rows.filter((r) => !r.ok).map((r) => r.name);
if (failedStages.length > 0) {
  console.log(`npm test FAILED in: ${failedStages.join(', ')} (each stage printed its own failures above)`);
  process.exit(1);
}
console.log('npm test: every stage passed');
