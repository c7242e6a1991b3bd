// Post-build package check (run by `npm run lint:package` after tsup): every subpath in
// package.json `exports` loads in Node from ESM (import) and from CJS (require) through the
// package's own name, both give the same export names, the files named in `exports` exist,
// the root re-exports every domain's exports as the very same objects (a name exported by two
// domains would silently vanish from the root's `export *`), and CJS and ESM builds compute the
// same bits. Prints `N passed, N failed` and exits non-zero on failure.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
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
        console.log(
          `  FAIL  ${name}\n        ${String(err && err.message ? err.message : err)
            .split('\n')
            .join('\n        ')}`,
        );
      },
    );
}
function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}

const subpaths = Object.keys(pkg.exports).filter((k) => k !== './package.json');
// Subpaths the root leaves out: they need an optional peer dependency (quantivista/arrow needs
// apache-arrow). Keep in step with SUBPATH_ONLY in test/package/exports.test.ts.
const SUBPATH_ONLY = ['./arrow'];
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
    const a = Object.keys(esm[key])
      .filter((k) => k !== 'default' && k !== 'module.exports')
      .sort();
    const b = Object.keys(cjs[key])
      .filter((k) => k !== '__esModule')
      .sort();
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
    if (key === '.' || SUBPATH_ONLY.includes(key) || !esm[key]) continue;
    for (const [name, value] of Object.entries(esm[key])) {
      if (!(name in rootEsm))
        problems.push(`${name} (from ${key.slice(2)}) is missing from the root: exported by two domains, or src/index.ts lacks the domain`);
      else if (rootEsm[name] !== value) problems.push(`${name} (from ${key.slice(2)}) differs at the root`);
    }
  }
  assert(problems.length === 0, problems.join('\n'));
});

await check(`${pkg.name}: the root leaves out the subpath-only domains (${SUBPATH_ONLY.join(', ')})`, () => {
  const rootEsm = esm['.'];
  assert(rootEsm, 'root not loaded');
  const leaked = SUBPATH_ONLY.flatMap((key) => Object.keys(esm[key] ?? {}).filter((name) => name in rootEsm && rootEsm[name] === esm[key][name]));
  assert(leaked.length === 0, `the root exports ${leaked.join(', ')}: importing 'quantivista' would load an optional peer dependency`);
});

await check(`${pkg.name}: apache-arrow stays an external import, loaded only through quantivista/arrow`, () => {
  // tsup puts shared code in dist/chunk-*.js, so follow each entry's relative imports rather than
  // looking at file locations.
  const files = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
  const importsArrow = new Set();
  const problems = [];
  for (const file of files(join(root, 'dist'))) {
    const rel = relative(root, file).split(sep).join('/');
    const text = readFileSync(file, 'utf8');
    if (/\.d\.c?ts$/.test(rel)) {
      if (text.includes('apache-arrow') && !rel.startsWith('dist/arrow/')) problems.push(`${rel}: types outside dist/arrow/ mention apache-arrow`);
      continue;
    }
    if (/from\s*['"]apache-arrow['"]|require\(['"]apache-arrow['"]\)/.test(text)) importsArrow.add(file);
    if (/\bRecordBatchStreamWriter\b|\bRecordBatchReader\b/.test(text)) problems.push(`${rel} bundles apache-arrow's code instead of importing it`);
  }
  const closure = (entry) => {
    const seen = new Set();
    const stack = [entry];
    while (stack.length > 0) {
      const f = stack.pop();
      if (seen.has(f) || !existsSync(f)) continue;
      seen.add(f);
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(/(?:from\s*|import\s*|require\()['"](\.{1,2}\/[^'"]+)['"]/g)) stack.push(resolve(dirname(f), m[1]));
    }
    return seen;
  };
  for (const key of subpaths) {
    for (const cond of ['import', 'require']) {
      const reach = [...closure(join(root, pkg.exports[key][cond].default))].filter((f) => importsArrow.has(f));
      if (key === './arrow' && reach.length === 0) problems.push(`quantivista/arrow (${cond}) never imports apache-arrow`);
      if (key !== './arrow' && reach.length > 0)
        problems.push(
          `${key === '.' ? pkg.name : `${pkg.name}/${key.slice(2)}`} (${cond}) loads apache-arrow through ${reach.map((f) => relative(root, f)).join(', ')}`,
        );
    }
  }
  assert(importsArrow.size >= 2, `expected an ESM and a CJS file importing apache-arrow, found ${importsArrow.size}`);
  assert(problems.length === 0, problems.join('\n'));
});

await check(`${pkg.name}: CJS and ESM builds give the same bits`, () => {
  const a = esm['.'];
  const b = cjs['.'];
  assert(a && b, 'root not loaded');
  const m = [
    [4, 2, 0.6],
    [2, 3, 0.4],
    [0.6, 0.4, 2],
  ];
  const x = a
    .cholesky(m)
    .toArray()
    .flat()
    .concat(a.symmetricEigen(m).values, [a.quantile([3, 1, 4, 1, 5, 9, 2, 6], 0.37)]);
  const y = b
    .cholesky(m)
    .toArray()
    .flat()
    .concat(b.symmetricEigen(m).values, [b.quantile([3, 1, 4, 1, 5, 9, 2, 6], 0.37)]);
  assert(x.length === y.length && x.every((v, i) => Object.is(v, y[i])), `ESM ${JSON.stringify(x)} vs CJS ${JSON.stringify(y)}`);
  if (typeof a.ledoitWolf === 'function') {
    const r = [
      [0.01, -0.02, 0.003],
      [0.02, 0.01, -0.01],
      [-0.005, 0.004, 0.012],
      [0.007, -0.001, 0.002],
    ];
    const p = a.ledoitWolf(r);
    const q = b.ledoitWolf(r);
    assert(Object.is(p.shrinkage, q.shrinkage), `ledoitWolf shrinkage: ESM ${p.shrinkage} vs CJS ${q.shrinkage}`);
  }
});

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
