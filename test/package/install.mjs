// Install test (`npm run test:install`, part of `npm test`): the package as a user gets it from
// a clone. It clones the repository's HEAD into a scratch folder inside this clone (.cache/,
// git-ignored, removed afterwards), builds it there the way `prepare` does (tsup, with this
// clone's node_modules), installs that clone by path into an empty project
// (`npm install --install-links <path>`, which packs it as npm would publish it), and then loads
// every subpath of package.json `exports` from CommonJS (`require`) and from ESM (`import`).
// quantivista/arrow is loaded with its optional peer apache-arrow installed beside it.
// The scratch work lives in the clone's .cache/; the runtime dependencies come from npm's cache,
// where `npm install` of this clone already put them (--prefer-offline).
// Prints `N passed, N failed`; exit status 0 only when all passed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const work = join(root, '.cache', `install-test-${process.pid}`);
const clone = join(work, 'quantivista');
const project = join(work, 'project');
const env = { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };

let passed = 0;
let failed = 0;
function report(ok, name, detail = '') {
  if (ok) passed++;
  else failed++;
  console.log(`  ${ok ? 'ok  ' : 'FAIL'}  ${name}${detail ? `\n        ${String(detail).trim().split('\n').join('\n        ')}` : ''}`);
  return ok;
}
function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8' });
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? r.error.message : ''}` };
}
function finish() {
  rmSync(work, { recursive: true, force: true });
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

mkdirSync(work, { recursive: true });
const dirty = run('git', ['status', '--porcelain', '--untracked-files=no'], root);
if (dirty.out.trim()) console.log('  note: uncommitted changes are not part of this test (it installs a clone of HEAD)');
if (!report(run('git', ['clone', '--quiet', '--no-hardlinks', root, clone], root).ok, 'git clone of HEAD')) finish();
symlinkSync(join(root, 'node_modules'), join(clone, 'node_modules'), 'dir');
const build = run(process.execPath, [join(root, 'node_modules', 'tsup', 'dist', 'cli-default.js')], clone);
if (!report(build.ok && existsSync(join(clone, 'dist', 'index.js')), 'the clone builds as `prepare` builds it (tsup)', build.ok ? '' : build.out)) finish();
rmSync(join(clone, 'node_modules'));

mkdirSync(project, { recursive: true });
writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'scratch', version: '1.0.0', private: true }, null, 2));
const pkg = JSON.parse(readFileSync(join(clone, 'package.json'), 'utf8'));
const arrowRange = pkg.peerDependencies?.['apache-arrow'];
const arrowVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'apache-arrow', 'package.json'), 'utf8')).version;
const install = run(
  'npm',
  ['install', '--install-links', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund', clone, `apache-arrow@${arrowVersion}`],
  project,
);
if (
  !report(
    install.ok,
    `npm install --install-links <clone> (with apache-arrow@${arrowVersion} for the ${arrowRange ?? 'optional'} peer)`,
    install.ok ? '' : install.out,
  )
)
  finish();
const installed = join(project, 'node_modules', 'quantivista');
report(
  existsSync(join(installed, 'dist', 'index.cjs')) && !existsSync(join(installed, 'src')),
  'the installed package holds dist/ and not src/ (package.json "files")',
);

const subpaths = Object.keys(pkg.exports).filter((k) => k !== './package.json');
for (const sub of subpaths) {
  const name = sub === '.' ? 'quantivista' : `quantivista/${sub.slice(2)}`;
  const cjs = run(
    process.execPath,
    ['-e', `const m = require(${JSON.stringify(name)}); if (Object.keys(m).length === 0) throw new Error('no exports'); console.log(Object.keys(m).length)`],
    project,
  );
  report(cjs.ok, `require('${name}')`, cjs.ok ? '' : cjs.out);
  const esm = run(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `const m = await import(${JSON.stringify(name)}); if (Object.keys(m).length === 0) throw new Error('no exports'); console.log(Object.keys(m).length)`,
    ],
    project,
  );
  const same = esm.ok && esm.out.trim() === cjs.out.trim();
  report(same, `import('${name}') gives the same ${cjs.out.trim()} exports`, same ? '' : esm.ok ? `ESM ${esm.out.trim()} vs CJS ${cjs.out.trim()}` : esm.out);
}
finish();
