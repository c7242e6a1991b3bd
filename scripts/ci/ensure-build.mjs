// Builds dist/ with tsup unless it is already newer than every input (src/**, package.json,
// tsup.config.ts, tsconfig.json). The browser, Deno and package runners call this, so
// `npm test` works from a fresh clone while .ci/run, which builds once up front, does not
// rebuild three more times.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let t = st.mtimeMs;
  for (const name of readdirSync(path)) t = Math.max(t, newestMtime(join(path, name)));
  return t;
}

export function ensureBuild() {
  const marker = join(root, 'dist', 'index.js');
  const inputs = ['src', 'package.json', 'tsup.config.ts', 'tsconfig.json'].map((p) => newestMtime(join(root, p)));
  const built = existsSync(marker) ? statSync(marker).mtimeMs : 0;
  if (built > Math.max(...inputs)) return;
  console.log(existsSync(marker) ? 'dist/ is older than its sources: rebuilding (npm run build)' : 'dist/ is missing: building (npm run build)');
  const r = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('npm run build failed; fix the build first.');
    process.exit(r.status ?? 1);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) ensureBuild();
