// Prerequisites of `npm test`, checked before anything is built or run (shared by `npm test` and
// .ci/run's setup stage). On a fresh machine (Node 20, npm, python3, Debian's package registry):
//
//   Node 20+                      package.json engines
//   node_modules                  `npm install` (or `npm ci`) has run
//   /usr/bin/chromium             the browser tests and the example page (Debian: chromium)
//   Jupyter for /usr/bin/python3  the notebook tests (Debian: python3-nbclient python3-nbformat
//                                 jupyter-client jupyter-notebook)
//
// Missing Debian packages are installed with apt-get when this process may (root, or
// passwordless sudo); otherwise it stops at once with the exact command to run. Nothing is
// written outside the clone except what apt installs.
//
// Usage: node scripts/ci/preflight.mjs [--check]   (--check: report only, never install)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const PYTHON = process.env.NOTEBOOK_PYTHON || '/usr/bin/python3';
const JUPYTER_PACKAGES = ['python3-nbclient', 'python3-nbformat', 'jupyter-client', 'jupyter-notebook'];
const checkOnly = process.argv.includes('--check');
const t0 = Date.now();

function fail(message) {
  console.error(`\nnpm test cannot start: ${message}`);
  process.exit(1);
}

/** The Debian packages still missing, as a list. */
function missingPackages() {
  const missing = [];
  if (!existsSync(CHROMIUM)) missing.push('chromium');
  // find_spec locates the modules without importing them (an import of IPython takes seconds)
  const probe = 'import importlib.util as u, sys; sys.exit(0 if all(u.find_spec(m) for m in ("nbclient", "nbformat", "jupyter_client", "IPython")) else 1)';
  const py = spawnSync(PYTHON, ['-c', probe], { stdio: 'ignore' });
  if (py.status !== 0) missing.push(...JUPYTER_PACKAGES);
  return missing;
}

function canInstall() {
  if (process.platform !== 'linux' || !existsSync('/usr/bin/apt-get')) return undefined;
  if (typeof process.getuid === 'function' && process.getuid() === 0) return [];
  const sudo = spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' });
  return sudo.status === 0 ? ['sudo', '-n'] : undefined;
}

function run(prefix, args) {
  const [cmd, ...rest] = [...prefix, ...args];
  const r = spawnSync(cmd, rest, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return r.status === 0;
}

const major = Number(process.versions.node.split('.')[0]);
if (major < 20) fail(`Node ${process.versions.node} is too old; Node 20 or later is needed (package.json engines).`);
if (!process.env.QV_PREFLIGHT_BEFORE_INSTALL && !existsSync(join(root, 'node_modules', 'vitest')))
  fail('the dependencies are not installed: run `npm install` (or `npm ci`) in the clone first.');

let missing = missingPackages();
if (missing.length === 0) {
  console.log(`preflight: Node ${process.versions.node}, ${CHROMIUM}, Jupyter for ${PYTHON}: all present (${Date.now() - t0} ms)`);
  process.exit(0);
}
const command = `apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}`;
const prefix = checkOnly ? undefined : canInstall();
if (prefix === undefined) {
  fail(`these Debian packages are missing: ${missing.join(', ')}.\nRun, as root:\n\n  ${command}\n\nthen npm test again.`);
}
console.log(`preflight: installing the missing Debian packages: ${missing.join(' ')}`);
if (!run(prefix, ['apt-get', 'update', '-q']) || !run(prefix, ['apt-get', 'install', '-y', '-q', '--no-install-recommends', ...missing])) {
  fail(`apt-get could not install ${missing.join(', ')}; run by hand:\n\n  ${command}\n`);
}
missing = missingPackages();
if (missing.length > 0) fail(`still missing after apt-get: ${missing.join(', ')}.`);
console.log(`preflight: ready (${Math.round((Date.now() - t0) / 1000)} s)`);
