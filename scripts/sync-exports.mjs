// Writes package.json's `exports` (and `typesVersions`, for TypeScript's legacy node10
// resolution) from the domain folders under src/. Run after adding a domain: `npm run sync-exports`.
// test/package/exports.test.ts fails when package.json is out of date.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';

export function domains() {
  return readdirSync('src')
    .filter((d) => statSync(`src/${d}`).isDirectory())
    .sort();
}

export function expectedExports() {
  const entry = (base) => ({
    import: { types: `./dist/${base}.d.ts`, default: `./dist/${base}.js` },
    require: { types: `./dist/${base}.d.cts`, default: `./dist/${base}.cjs` },
  });
  const exports = { '.': entry('index') };
  for (const d of domains()) exports[`./${d}`] = entry(`${d}/index`);
  exports['./package.json'] = './package.json';
  const typesVersions = { '*': Object.fromEntries(domains().map((d) => [d, [`./dist/${d}/index.d.ts`]])) };
  return { exports, typesVersions };
}

if (process.argv[1] && process.argv[1].endsWith('sync-exports.mjs')) {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  const { exports, typesVersions } = expectedExports();
  pkg.main = './dist/index.cjs';
  pkg.module = './dist/index.js';
  pkg.types = './dist/index.d.ts';
  pkg.exports = exports;
  pkg.typesVersions = typesVersions;
  writeFileSync('package.json', JSON.stringify(pkg, null, 2) + '\n');
}
