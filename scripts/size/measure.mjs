// Bundle-size measurement: for each case in budgets.json, bundles `import { name } from
// 'quantivista/<subpath>'` (resolved through package.json `exports` to the built dist/, as a user's
// bundler would) with esbuild (minified, tree-shaken, ESM, browser platform) and reads its
// metafile: the minified and gzipped size, and which npm packages ended up inside.
//
//   node scripts/size/measure.mjs              table of every case (needs a build: npm run build)
//   node scripts/size/measure.mjs --markdown   the same as a Markdown table (for the README)
//   node scripts/size/measure.mjs --suggest    budgets = measured x 1.25, rounded up to 0.5 kB
// SIZE_DIST=<folder> measures another build of the same layout instead of dist/ (to try a build
// configuration before adopting it).
//
// test/size/run.mjs asserts the budgets and the dependency rules.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
export const root = resolve(here, '..', '..');
export const config = JSON.parse(readFileSync(join(here, 'budgets.json'), 'utf8'));

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** `quantivista` / `quantivista/<subpath>` -> the ESM file package.json `exports` names. */
function resolveSelf(spec) {
  const key = spec === pkg.name ? '.' : `./${spec.slice(pkg.name.length + 1)}`;
  const entry = pkg.exports[key];
  if (!entry) return undefined;
  const target = typeof entry === 'string' ? entry : (entry.import?.default ?? entry.import ?? entry.default);
  if (typeof target !== 'string') return undefined;
  return process.env.SIZE_DIST ? join(resolve(process.env.SIZE_DIST), target.replace(/^\.\/dist\//, '')) : join(root, target);
}

const selfPlugin = {
  name: 'quantivista-self',
  setup(b) {
    b.onResolve({ filter: new RegExp(`^${pkg.name}(/|$)`) }, (args) => {
      const path = resolveSelf(args.path);
      if (!path) return { errors: [{ text: `${args.path} is not in package.json exports` }] };
      if (!existsSync(path)) return { errors: [{ text: `${path} does not exist: run npm run build` }] };
      return { path };
    });
  },
};

/** npm package name of a metafile input path (node_modules/<pkg>/... or node_modules/@s/<pkg>/...). */
function packageOf(input) {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input.replace(/\\/g, '/'));
  return m ? m[1] : null;
}

/** Does dist/<subpath>/index.js export `name`? (Cases for functions not built yet are skipped.) */
function exported(subpath, name) {
  const file = resolveSelf(subpath === '.' ? pkg.name : `${pkg.name}/${subpath}`);
  if (!file || !existsSync(file)) return false;
  const code = readFileSync(file, 'utf8');
  return new RegExp(`\\b${name}\\b`).test(code);
}

/** Measure one case: { name, import: [names], from: 'covariance' | '.' , ... }. */
export async function measureCase(c) {
  const spec = c.from === '.' ? pkg.name : `${pkg.name}/${c.from}`;
  const names = c.import;
  const contents = names[0] === '*' ? `export * from '${spec}';` : `export { ${names.join(', ')} } from '${spec}';`;
  const result = await build({
    stdin: { contents, resolveDir: root, sourcefile: 'size-entry.js', loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    treeShaking: true,
    metafile: true,
    write: false,
    logLevel: 'silent',
    plugins: [selfPlugin],
    nodePaths: [join(root, 'node_modules')],
  });
  const code = result.outputFiles[0].contents;
  const output = Object.values(result.metafile.outputs)[0];
  const byPackage = {};
  for (const [input, info] of Object.entries(output.inputs)) {
    const p = packageOf(input) ?? pkg.name;
    byPackage[p] = (byPackage[p] ?? 0) + info.bytesInOutput;
  }
  const packages = Object.keys(byPackage)
    .filter((p) => byPackage[p] > 0)
    .sort();
  return { ...c, spec, bytes: code.length, gzip: gzipSync(code, { level: 9 }).length, packages, byPackage };
}

/** Every case of budgets.json whose functions exist in dist/ (missing ones are reported as skipped). */
export async function measureAll() {
  const measured = [];
  const skipped = [];
  for (const c of config.cases) {
    const missing = c.import[0] === '*' ? [] : c.import.filter((n) => !exported(c.from, n));
    if (missing.length) skipped.push({ ...c, missing });
    else measured.push(await measureCase(c));
  }
  return { measured, skipped };
}

export const kB = (b) => `${(b / 1024).toFixed(1)} kB`;

export function table(rows, markdown = false) {
  const head = ['import', 'from', 'minified', 'gzip', 'budget', 'npm packages inside'];
  const body = rows.map((r) => [
    r.import.join(', '),
    r.spec,
    kB(r.bytes),
    kB(r.gzip),
    r.budget ? kB(r.budget * 1024) : '-',
    r.packages.filter((p) => p !== pkg.name).join(', ') || '(none)',
  ]);
  if (markdown)
    return [
      `| ${head.join(' | ')} |`,
      `|${head.map(() => '---').join('|')}|`,
      ...body.map((r) => `| ${r.map((x, i) => (i < 2 ? `\`${x}\`` : x)).join(' | ')} |`),
    ].join('\n');
  const w = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  return [head, ...body].map((r) => r.map((x, i) => (i >= 2 && i <= 4 ? x.padStart(w[i]) : x.padEnd(w[i]))).join('  ')).join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { measured, skipped } = await measureAll();
  if (process.argv.includes('--suggest')) {
    for (const r of measured) console.log(`${r.id.padEnd(28)} measured ${kB(r.bytes).padStart(9)} -> budget ${Math.ceil((r.bytes * 1.25) / 512) / 2} kB`);
  } else {
    console.log(table(measured, process.argv.includes('--markdown')));
  }
  for (const s of skipped) console.log(`skipped ${s.id}: ${s.missing.join(', ')} not in dist/${s.from}`);
}
