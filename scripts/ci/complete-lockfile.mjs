// Adds lockfile entries for the other platforms' optional binary packages (@deno/*, @rollup/*)
// that `npm install` leaves out when the registry it reaches does not serve them. Without them
// `npm ci` refuses the lockfile ("Missing: @deno/darwin-arm64@ from lock file"); with them, npm
// skips each one by its os / cpu / libc fields and installs only this platform's.
// Usage: node scripts/ci/complete-lockfile.mjs   (after any `npm install` that rewrites the lock)
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

function missingFromLock() {
  try {
    execFileSync('npm', ['ci', '--dry-run', '--ignore-scripts', '--no-audit', '--no-fund'], { stdio: 'pipe' });
    return [];
  } catch (e) {
    const text = String(e.stdout) + String(e.stderr);
    return [...text.matchAll(/Missing: (\S+?)@\S* from lock file/g)].map((m) => m[1]);
  }
}

const missing = missingFromLock();
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const pk = lock.packages;
const rangeOf = (name) => {
  for (const v of Object.values(pk)) if (v.optionalDependencies && name in v.optionalDependencies) return v.optionalDependencies[name];
  return undefined;
};
for (const name of missing) {
  const range = rangeOf(name);
  if (!range) throw new Error(`no parent lists ${name} as an optional dependency`);
  const base = name.split('/')[1].replace(/^rollup-/, '');
  const [os, cpu] = base.split('-');
  const entry = { version: range.replace(/^[\^~=]/, ''), cpu: [cpu], dev: true, license: 'MIT', optional: true, os: [os] };
  if (/musl/.test(base)) entry.libc = ['musl'];
  else if (/gnu|glibc/.test(base)) entry.libc = ['glibc'];
  pk[`node_modules/${name}`] = entry;
}
writeFileSync('package-lock.json', JSON.stringify(lock, null, 2) + '\n');
process.stdout.write(`added ${missing.length} lockfile entries${missing.length ? ': ' + missing.join(', ') : ''}\n`);
