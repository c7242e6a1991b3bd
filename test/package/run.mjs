// Post-build package check (run by `npm run lint:package` after tsup): every subpath in
// package.json `exports` loads in Node from ESM (import) and from CJS (require) through the
// package's own name, both give the same export names, the files named in `exports` exist,
// the root re-exports every domain's exports as the very same objects (a name exported by two
// domains would silently vanish from the root's `export *`), and CJS and ESM builds compute the
// same bits. Prints `N passed, N failed` and exits non-zero on failure.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const require = createRequire(join(root, 'package.json'));

let passed = 0;
let failed = 0;
function check(name, fn) {
  return Promise.resolve()
    .then(fn)
    .then(
      () => {
        passed++;
        console.log(`  ok    ${name}`);
      },
      (err) => {
        failed++;
        console.log(`  FAIL  ${name}\n        ${String(err && err.message ? err.message : err).split('\n').join('\n        ')}`);
      },
    );
}
function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}

const subpaths = Object.keys(pkg.exports).filter((k) => k !== './package.json');
const esm = {};
const cjs = {};

console.log(`package: ${pkg.name}@${pkg.version}, ${subpaths.length} entry points`);
for (const key of subpaths) {
  const spec = key === '.' ? pkg.name : `${pkg.name}/${key.slice(2)}`;
  await check(`${spec}: files named in exports exist`, () => {
    const missing = [];
    for (const cond of ['import', 'require']) {
      for (const field of ['types', 'default']) {
        const file = pkg.exports[key][cond][field];
        if (!existsSync(join(root, file))) missing.push(file);
      }
    }
    assert(missing.length === 0, `missing: ${missing.join(', ')} (did the build run? is src/${key.slice(2)}/index.ts there?)`);
  });
  await check(`${spec}: import (ESM)`, async () => {
    esm[key] = await import(spec);
    assert(Object.keys(esm[key]).length > 0, 'the ESM module has no exports');
  });
  await check(`${spec}: require (CJS)`, () => {
    cjs[key] = require(spec);
    assert(Object.keys(cjs[key]).length > 0, 'the CJS module has no exports');
  });
  await check(`${spec}: CJS and ESM export the same names`, () => {
    assert(esm[key] && cjs[key], 'not loaded');
    const a = Object.keys(esm[key]).filter((k) => k !== 'default' && k !== 'module.exports').sort();
    const b = Object.keys(cjs[key]).filter((k) => k !== '__esModule').sort();
    const onlyEsm = a.filter((k) => !b.includes(k));
    const onlyCjs = b.filter((k) => !a.includes(k));
    assert(onlyEsm.length + onlyCjs.length === 0, `only in ESM: [${onlyEsm}]; only in CJS: [${onlyCjs}]`);
  });
}

await check(`${pkg.name}: the root re-exports every domain export as the same object`, () => {
  const rootEsm = esm['.'];
  assert(rootEsm, 'root not loaded');
  const problems = [];
  for (const key of subpaths) {
    if (key === '.' || !esm[key]) continue;
    for (const [name, value] of Object.entries(esm[key])) {
      if (!(name in rootEsm)) problems.push(`${name} (from ${key.slice(2)}) is missing from the root: exported by two domains, or src/index.ts lacks the domain`);
      else if (rootEsm[name] !== value) problems.push(`${name} (from ${key.slice(2)}) differs at the root`);
    }
  }
  assert(problems.length === 0, problems.join('\n'));
});

await check(`${pkg.name}: CJS and ESM builds give the same bits`, () => {
  const a = esm['.'];
  const b = cjs['.'];
  assert(a && b, 'root not loaded');
  const m = [[4, 2, 0.6], [2, 3, 0.4], [0.6, 0.4, 2]];
  const x = a.cholesky(m).toArray().flat().concat(a.symmetricEigen(m).values, [a.quantile([3, 1, 4, 1, 5, 9, 2, 6], 0.37)]);
  const y = b.cholesky(m).toArray().flat().concat(b.symmetricEigen(m).values, [b.quantile([3, 1, 4, 1, 5, 9, 2, 6], 0.37)]);
  assert(x.length === y.length && x.every((v, i) => Object.is(v, y[i])), `ESM ${JSON.stringify(x)} vs CJS ${JSON.stringify(y)}`);
  if (typeof a.ledoitWolf === 'function') {
    const r = [[0.01, -0.02, 0.003], [0.02, 0.01, -0.01], [-0.005, 0.004, 0.012], [0.007, -0.001, 0.002]];
    const p = a.ledoitWolf(r);
    const q = b.ledoitWolf(r);
    assert(Object.is(p.shrinkage, q.shrinkage), `ledoitWolf shrinkage: ESM ${p.shrinkage} vs CJS ${q.shrinkage}`);
  }
});

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
