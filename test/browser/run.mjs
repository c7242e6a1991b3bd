// Browser test (`npm run test:browser`): loads the built ESM bundle (dist/, as published) in
// Debian's headless Chromium through playwright-core, runs test/browser/cases.mjs in the page
// and in Node, and requires the results to be identical bit for bit. Also checks that every
// subpath in package.json `exports` loads in the browser with the same export names as in Node.
//
// The page is served by a throwaway node:http server on 127.0.0.1 (random port): /dist/* is
// the repository's dist/, bare imports in dist (ml-matrix, seedrandom, ...) resolve through an
// import map to ESM bundles of those packages that esbuild makes in a temporary folder.
// Prints `N passed, N failed` and exits non-zero on any failure.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { ensureBuild, root } from '../../scripts/ci/ensure-build.mjs';
import { CHROMIUM, launchChromium } from './chromium.mjs';
import { compareCase, runCases } from './cases.mjs';

let passed = 0;
let failed = 0;
function report(ok, name, detail = '') {
  if (ok) passed++;
  else failed++;
  console.log(`  ${ok ? 'ok  ' : 'FAIL'}  ${name}${detail ? `\n        ${detail.split('\n').join('\n        ')}` : ''}`);
}
function finish(code) {
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(code ?? (failed === 0 ? 0 : 1));
}

ensureBuild();
if (!existsSync(CHROMIUM)) {
  console.error(`${CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH. .ci/run installs it.`);
  failed++;
  finish(1);
}

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const subpaths = Object.keys(pkg.exports).filter((k) => k !== './package.json');
const entryFile = (key) => pkg.exports[key].import.default.replace(/^\.\//, ''); // e.g. dist/core/index.js

// --- Bare imports of the built files, and an ESM bundle of each for the import map ------------
function jsFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? jsFiles(join(dir, e.name)) : e.name.endsWith('.js') ? [join(dir, e.name)] : [],
  );
}
const bare = new Map(); // specifier -> { default: bool, names: Set }
for (const file of jsFiles(join(root, 'dist'))) {
  const code = readFileSync(file, 'utf8');
  for (const m of code.matchAll(/\bimport\s+([^'";]*?)\s*from\s*['"]([^'"./][^'"]*)['"]/g)) {
    const clause = m[1];
    const spec = m[2];
    const entry = bare.get(spec) ?? { default: false, names: new Set() };
    const named = /\{([^}]*)\}/.exec(clause);
    if (named)
      for (const part of named[1].split(',')) {
        const n = part.trim().split(/\s+as\s+/)[0];
        if (n) entry.names.add(n);
      }
    if (/^[A-Za-z_$][\w$]*\s*(,|$)/.test(clause.trim())) entry.default = true;
    if (/\*\s*as/.test(clause)) entry.namespace = true;
    bare.set(spec, entry);
  }
  if (/\bimport\s*['"][^'"./]/.test(code) || /\bimport\(\s*['"][^'"./]/.test(code)) {
    console.error(`${relative(root, file)} has a side-effect or dynamic bare import this harness does not map; extend test/browser/run.mjs.`);
  }
}
const tmp = mkdtempSync(join(tmpdir(), 'quantivista-browser-'));
const importMap = { imports: {} };
for (const [spec, info] of bare) {
  const safe = spec.replace(/[^\w.-]/g, '_');
  const lines = [`import * as ns from ${JSON.stringify(spec)};`, `const d = ns.default !== undefined ? ns.default : ns;`];
  if (info.default || info.namespace) lines.push('export default d;');
  for (const n of info.names) if (n !== 'default') lines.push(`export const ${n} = ns.${n} !== undefined ? ns.${n} : d.${n};`);
  writeFileSync(join(tmp, `${safe}.entry.mjs`), lines.join('\n'));
  await build({
    entryPoints: [join(tmp, `${safe}.entry.mjs`)],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    outfile: join(tmp, 'vendor', `${safe}.js`),
    nodePaths: [join(root, 'node_modules')],
    logLevel: 'error',
  });
  importMap.imports[spec] = `/vendor/${safe}.js`;
}

// --- The page -----------------------------------------------------------------------------------
const harness = `
import { runCases } from '/cases.mjs';
const subpaths = ${JSON.stringify(Object.fromEntries(subpaths.map((k) => [k, `/${entryFile(k)}`])))};
try {
  const loaded = {};
  for (const [key, url] of Object.entries(subpaths)) loaded[key] = await import(url);
  const q = Object.assign({}, ...Object.keys(loaded).filter((k) => k !== '.').map((k) => loaded[k]), loaded['.']);
  const names = Object.fromEntries(Object.entries(loaded).map(([k, m]) => [k, Object.keys(m).sort()]));
  const wasm = (await import('/dist/core/_/wasm-kernels.js')).wasmKernelsActive();
  window.__qvResult = { names, cases: runCases(q), userAgent: navigator.userAgent, wasm };
} catch (err) {
  window.__qvResult = { fatal: String(err && err.stack ? err.stack : err) };
}
`;
const html = `<!doctype html>
<html><head><meta charset="utf-8"><title>quantivista browser test</title>
<script type="importmap">${JSON.stringify(importMap)}</script>
<script type="module" src="/harness.mjs"></script>
</head><body>quantivista browser test</body></html>`;

const types = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.html': 'text/html', '.json': 'application/json', '.map': 'application/json' };
function serve(req, res) {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  let body;
  let type = 'text/javascript';
  try {
    if (url.pathname === '/' || url.pathname === '/index.html') {
      body = html;
      type = 'text/html';
    } else if (url.pathname === '/harness.mjs') body = harness;
    else if (url.pathname === '/cases.mjs') body = readFileSync(new URL('./cases.mjs', import.meta.url));
    else {
      const [base, dir] = url.pathname.startsWith('/dist/')
        ? [join(root, 'dist'), '/dist/']
        : url.pathname.startsWith('/vendor/')
          ? [join(tmp, 'vendor'), '/vendor/']
          : [];
      if (!base) throw new Error('not found');
      const file = normalize(join(base, decodeURIComponent(url.pathname.slice(dir.length))));
      if (!file.startsWith(base + sep)) throw new Error('outside');
      body = readFileSync(file);
      type = types[extname(file)] ?? 'application/octet-stream';
    }
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
    return;
  }
  res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}
const server = createServer(serve);
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const origin = `http://127.0.0.1:${server.address().port}`;

// --- Node side: the same dist files ------------------------------------------------------------
const nodeLoaded = {};
for (const key of subpaths) nodeLoaded[key] = await import(pathToFileURL(join(root, entryFile(key))).href);
const nodeQ = Object.assign({}, ...subpaths.filter((k) => k !== '.').map((k) => nodeLoaded[k]), nodeLoaded['.']);
const nodeCases = runCases(nodeQ);

// --- Browser side ------------------------------------------------------------------------------
let browser;
const pageProblems = [];
let result;
try {
  browser = await launchChromium(root);
  const page = await browser.newPage();
  // Nothing but our server: any other request is aborted (and reported).
  await page.route('**/*', (route) =>
    route.request().url().startsWith(origin) ? route.continue() : (pageProblems.push(`blocked request ${route.request().url()}`), route.abort()),
  );
  page.on('pageerror', (e) => pageProblems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') pageProblems.push(`console.error: ${m.text()}`);
  });
  page.on('requestfailed', (r) => pageProblems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
  page.on('response', (r) => {
    if (r.status() >= 400) pageProblems.push(`HTTP ${r.status()} for ${r.url()}`);
  });
  await page.goto(`${origin}/index.html`, { waitUntil: 'load', timeout: 60_000 });
  await page.waitForFunction(() => window.__qvResult !== undefined, null, { timeout: 120_000 });
  result = await page.evaluate(() => window.__qvResult);
} catch (err) {
  report(false, 'page loads and runs the cases', `${err.message}${pageProblems.length ? `\n${pageProblems.join('\n')}` : ''}`);
} finally {
  await browser?.close();
  server.close();
  rmSync(tmp, { recursive: true, force: true });
}
if (!result) finish(1);
if (result.fatal) {
  report(false, 'page loads every subpath', `${result.fatal}${pageProblems.length ? `\n${pageProblems.join('\n')}` : ''}`);
  finish(1);
}
console.log(`browser: ${result.userAgent}`);
console.log(`node:    ${process.version}`);
report(pageProblems.length === 0, 'page ran without errors or outside requests', pageProblems.join('\n'));
// The covariance cases below then compare Chromium's WebAssembly SIMD Gram kernel with Node's.
report(result.wasm === true, 'the WebAssembly SIMD kernels are active in Chromium', result.wasm === true ? '' : `wasmKernelsActive() returned ${result.wasm}`);

for (const key of subpaths) {
  const spec = key === '.' ? pkg.name : `${pkg.name}/${key.slice(2)}`;
  const a = result.names[key] ?? [];
  const b = Object.keys(nodeLoaded[key]).sort();
  const same = a.length === b.length && a.every((n, i) => n === b[i]);
  report(
    same && a.length > 0,
    `${spec} loads in the browser with the same exports as in Node (${a.length})`,
    same ? (a.length ? '' : 'no exports') : `browser: [${a}]\nnode:    [${b}]`,
  );
}

for (const [name, node] of Object.entries(nodeCases)) {
  const { ok, title, detail } = compareCase(name, node, result.cases[name], 'Chromium');
  report(ok, title, detail);
}
finish();
