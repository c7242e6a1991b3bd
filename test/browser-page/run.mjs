// Browser-page test: serves the repository root on 127.0.0.1 (node:http, random port), opens the
// example page examples/browser/ in Debian's headless Chromium through playwright-core, clicks
// "Use sample data" and "Optimise", and checks
//   - the maximum-Sharpe weights shown are feasible (sum to 1, within the 25 % cap) and equal the
//     same computation in Node on the same dist/ build (to 1e-9);
//   - the frontier and weights charts are in the page (SVG with title, axes, tick labels) and are
//     not blank in a screenshot (decoded in the page through a canvas: enough non-background
//     pixels in several colours);
//   - a malformed CSV gives a readable error, not a crash;
// then renders every chart of quantivista/charts on one page from the sample data and
// screenshot-tests each the same way (non-blank; title, <desc>, axes and labels in the DOM).
// Prints `N passed, N failed`; exit status 0 only when all passed.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureBuild, root } from '../../scripts/ci/ensure-build.mjs';
import { CHROMIUM, launchChromium } from '../browser/chromium.mjs';
import { buildBrowserBundle } from '../../examples/browser/build.mjs';
import { serveStatic } from '../../examples/browser/serve.mjs';

let passed = 0;
let failed = 0;
function report(ok, name, detail = '') {
  if (ok) passed++;
  else failed++;
  console.log(`  ${ok ? 'ok  ' : 'FAIL'}  ${name}${detail ? `\n        ${String(detail).trim().split('\n').join('\n        ')}` : ''}`);
}
function finish() {
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

ensureBuild();
if (!existsSync(CHROMIUM)) {
  report(false, `${CHROMIUM} exists`, "install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH");
  finish();
}
await buildBrowserBundle({ quiet: true });

// --- Node side: the same computation on the same build ----------------------------------------
const dist = async (d) => import(pathToFileURL(join(root, 'dist', d, 'index.js')).href);
const [{ simpleReturns }, { ledoitWolf }, { meanHistoricalReturn }, { maxSharpe }] = await Promise.all(
  ['returns', 'covariance', 'expected-returns', 'optimize'].map(dist),
);
const sample = JSON.parse(readFileSync(join(root, 'examples', 'data', 'sample-prices.json'), 'utf8'));
const tickers = sample.assets.map((a) => a.ticker);
const nodeReturns = simpleReturns(sample.prices.slice(-757));
const nodeCov = ledoitWolf(nodeReturns).covariance;
const nodeMu = meanHistoricalReturn(nodeReturns).expectedReturns;
const nodeBest = maxSharpe(nodeMu, nodeCov, { riskFreeRate: Math.pow(1.02, 1 / 252) - 1, bounds: [0, 0.25], assets: tickers });

// --- The chart gallery page: every chart of quantivista/charts from the sample data -------------
const galleryJs = `
import * as q from '/examples/browser/quantivista.bundle.js';
const data = await (await fetch('/examples/data/sample-prices.json')).json();
const tickers = data.assets.map((a) => a.ticker);
const P = 252;
const R = q.simpleReturns(data.prices.slice(-757));
const cov = q.ledoitWolf(R).covariance;
const mu = q.meanHistoricalReturn(R).expectedReturns;
const rf = data.riskFreeRatePerDay;
const best = q.maxSharpe(mu, cov, { riskFreeRate: rf, bounds: [0, 0.25], assets: tickers });
const safest = q.minVariance(cov, { mu, bounds: [0, 0.25] });
const ef = q.efficientFrontier(mu, cov, { points: 25, riskFreeRate: rf, bounds: [0, 0.25] });
const an = (p) => ({ volatility: p.volatility * Math.sqrt(P), expectedReturn: (p.expectedReturn ?? 0) * P });
const erc = q.equalRiskContribution(cov);
const rc = q.riskContributions(erc.weights, cov);
const hrp = q.hierarchicalRiskParity(cov, { input: 'covariance' });
const corr = q.correlationFromCovariance(cov).correlation;
const port = q.portfolioReturns(R, best.weights);
const sectors = [...new Set(data.assets.map((a) => a.sector))];
const charts = {
  efficientFrontierChart: q.efficientFrontierChart({ frontier: ef.points.map(an), corners: ef.corners.map(an), assets: tickers.map((label, i) => ({ label, ...an({ volatility: Math.sqrt(cov.get(i, i)), expectedReturn: mu[i] }) })), maxSharpe: an(best), minVariance: an(safest), riskFreeRate: 0.02 }, { id: 'c1' }),
  weightsChart: q.weightsChart({ labels: tickers.slice(0, 10), weights: tickers.slice(0, 10).map((_, i) => (i % 3 === 2 ? -0.05 : 0.14) - i * 0.002) }, { id: 'c2', title: 'Long-short weights' }),
  riskContributionChart: q.riskContributionChart({ labels: tickers, weights: erc.weights, contributions: rc.percentage }, { id: 'c3' }),
  drawdownChart: q.drawdownChart({ returns: port, dates: data.dates.slice(-756) }, { id: 'c4' }),
  attributionChart: q.attributionChart({ segments: sectors.map((name, k) => ({ name, allocation: ((k * 37) % 11 - 5) / 2000, selection: ((k * 53) % 13 - 6) / 2500, interaction: ((k * 29) % 7 - 3) / 8000 })) }, { id: 'c5' }),
  correlationHeatmap: q.correlationHeatmap(corr, { labels: tickers, order: hrp.dendrogram.order, id: 'c6' }),
};
const root = document.getElementById('gallery');
for (const [name, svg] of Object.entries(charts)) {
  const div = document.createElement('div');
  div.id = name;
  div.className = 'chart';
  div.innerHTML = svg;
  root.appendChild(div);
}
window.__galleryDone = Object.keys(charts);
`;
const galleryHtml = `<!doctype html><html><head><meta charset="utf-8"><title>quantivista charts</title>
<style>body{margin:0;background:#fff} .chart{display:inline-block;margin:4px;vertical-align:top}</style>
<script type="module">
window.addEventListener('error', (e) => { window.__galleryError = String(e.message); });
import('/__gallery.js').catch((e) => { window.__galleryError = String(e && e.stack || e); });
</script></head><body><div id="gallery"></div></body></html>`;

const { server, origin } = await serveStatic(root, 0, {
  '/__gallery.html': { type: 'text/html; charset=utf-8', body: galleryHtml },
  '/__gallery.js': { type: 'text/javascript; charset=utf-8', body: galleryJs },
});

// In-page PNG decoder: share of pixels that differ from the top-left (background) pixel, and how
// many distinct colours (quantised to 4 bits a channel) cover at least 20 pixels.
async function pixelStats(page, png) {
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.naturalWidth;
    c.height = img.naturalHeight;
    const ctx = c.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    const [r0, g0, b0] = [d[0], d[1], d[2]];
    let ink = 0;
    const buckets = new Map();
    for (let i = 0; i < d.length; i += 4) {
      if (Math.abs(d[i] - r0) + Math.abs(d[i + 1] - g0) + Math.abs(d[i + 2] - b0) > 48) ink++;
      const key = ((d[i] >> 4) << 8) | ((d[i + 1] >> 4) << 4) | (d[i + 2] >> 4);
      buckets.set(key, (buckets.get(key) ?? 0) + 1);
    }
    const colours = [...buckets.values()].filter((v) => v >= 20).length;
    return { width: c.width, height: c.height, inkFraction: ink / (d.length / 4), colours };
  }, png.toString('base64'));
}
// DOM facts of one rendered chart.
async function svgFacts(page, selector) {
  return page.evaluate((sel) => {
    const svg = document.querySelector(`${sel} svg`);
    if (!svg) return null;
    const texts = [...svg.querySelectorAll('text')].map((t) => t.textContent.trim()).filter(Boolean);
    const box = svg.getBoundingClientRect();
    return {
      kind: svg.getAttribute('data-chart'),
      title: svg.querySelector(':scope > title')?.textContent ?? '',
      desc: svg.querySelector(':scope > desc')?.textContent ?? '',
      role: svg.getAttribute('role'),
      visibleTitle: svg.querySelector('.chart-title')?.textContent ?? '',
      axes: svg.querySelectorAll('.axis').length,
      ticks: svg.querySelectorAll('.axis .tick').length,
      axisLabels: [...svg.querySelectorAll('.axis-label')].map((t) => t.textContent),
      texts: texts.length,
      sample: texts.slice(0, 8),
      allTexts: texts,
      shapes: svg.querySelectorAll('path, rect, circle, line, polyline, polygon').length,
      width: box.width,
      height: box.height,
    };
  }, selector);
}
async function checkChart(page, selector, name, { axes = true } = {}) {
  const facts = await svgFacts(page, selector);
  if (!facts) {
    report(false, `${name}: SVG present`, `no <svg> under ${selector}`);
    return;
  }
  const domOk =
    facts.role === 'img' &&
    facts.title.length > 0 &&
    facts.desc.length > 0 &&
    facts.visibleTitle.length > 0 &&
    facts.texts >= 5 &&
    facts.shapes >= 5 &&
    (!axes || (facts.axes >= 1 && facts.ticks >= 3 && facts.axisLabels.length >= 1));
  report(
    domOk,
    `${name}: title, <desc>, ${axes ? `${facts.axes} axes, ${facts.ticks} tick labels, axis labels [${facts.axisLabels.join(' | ')}], ` : ''}${facts.texts} text labels in the DOM`,
    domOk ? '' : JSON.stringify({ ...facts, allTexts: undefined }, null, 1),
  );
  const png = await page.locator(`${selector} svg`).first().screenshot();
  const px = await pixelStats(page, png);
  const ok = px.width >= 100 && px.height >= 100 && px.inkFraction > 0.01 && px.colours >= 3;
  report(
    ok,
    `${name}: screenshot ${px.width}x${px.height} is not blank (${(px.inkFraction * 100).toFixed(1)} % ink, ${px.colours} colours)`,
    ok ? '' : JSON.stringify(px),
  );
}

let browser;
try {
  browser = await launchChromium(root);
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, deviceScaleFactor: 1 });
  const problems = [];
  const page = await context.newPage();
  await page.route('**/*', (route) =>
    route.request().url().startsWith(origin) ? route.continue() : (problems.push(`blocked request ${route.request().url()}`), route.abort()),
  );
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console.error: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()} for ${r.url()}`);
  });

  // --- The example page -------------------------------------------------------------------------
  await page.goto(`${origin}/examples/browser/`, { waitUntil: 'load', timeout: 60_000 });
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
  report(true, 'examples/browser/ loads the bundled ESM build');
  await page.click('#sample');
  await page.waitForFunction(() => document.getElementById('csv').value.length > 1000, null, { timeout: 30_000 });
  await page.click('#optimise');
  await page.waitForFunction(() => window.__qvLast !== undefined, null, { timeout: 60_000 });
  const last = await page.evaluate(() => window.__qvLast);
  const statusText = await page.textContent('#status');
  if (last.error) {
    report(false, 'optimisation of the sample data runs', `${last.error}\nstatus: ${statusText}`);
  } else {
    const w = last.weights;
    const sum = w.reduce((a, b) => a + b, 0);
    report(
      Math.abs(sum - 1) < 1e-9 && w.every((x) => x >= -1e-12 && x <= 0.25 + 1e-9) && last.maxSharpe.converged,
      `max-Sharpe weights are feasible: ${w.length} assets, sum ${sum.toFixed(12)}, max ${Math.max(...w).toFixed(4)}, converged ${last.maxSharpe.converged}`,
    );
    const diffs = w.map((x, i) => Math.abs(x - nodeBest.weights[i]));
    const worst = diffs.indexOf(Math.max(...diffs));
    report(
      last.tickers.join() === tickers.join() && diffs[worst] <= 1e-9,
      `page weights equal Node's (same dist/, sample data via CSV): max |difference| ${diffs[worst].toExponential(2)}`,
      diffs[worst] <= 1e-9 ? '' : `asset ${tickers[worst]}: page ${w[worst]}, node ${nodeBest.weights[worst]}`,
    );
    const shown = await page.$$eval('#weights-table tbody tr', (rows) => rows.map((r) => Number(r.dataset.weight)));
    const shownSum = shown.reduce((a, b) => a + b, 0);
    report(shown.length > 0 && Math.abs(shownSum - 1) < 1e-6, `weights table shows ${shown.length} holdings summing to ${shownSum.toFixed(9)}`);
    report(/Max Sharpe: return/.test(statusText ?? ''), 'status line reports the optimum', statusText ?? '');
  }
  await checkChart(page, '#frontier', 'page: efficient frontier chart');
  await checkChart(page, '#weights', 'page: weights chart');

  // Upload a CSV through the file input: 5 assets, 300 dates, sample covariance, 50 % cap.
  {
    const cols = [2, 6, 11, 17, 24];
    const rows = sample.prices.slice(-300);
    const csv = [
      ['date', ...cols.map((i) => tickers[i])].join(','),
      ...rows.map((r, k) => [sample.dates[sample.dates.length - 300 + k], ...cols.map((i) => r[i])].join(',')),
    ].join('\r\n');
    await page.evaluate(() => {
      window.__qvLast = undefined;
    });
    await page.setInputFiles('#file', { name: 'five.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.waitForFunction(() => /five\.csv/.test(document.getElementById('status').textContent), null, { timeout: 30_000 });
    await page.selectOption('#estimator', 'sample');
    await page.fill('#maxWeight', '0.5');
    await page.click('#optimise');
    await page.waitForFunction(() => window.__qvLast !== undefined, null, { timeout: 60_000 });
    const up = await page.evaluate(() => window.__qvLast);
    const { sampleCovariance } = await dist('covariance');
    const r5 = simpleReturns(rows.map((r) => cols.map((i) => r[i])));
    const expect5 = maxSharpe(meanHistoricalReturn(r5).expectedReturns, sampleCovariance(r5).covariance, {
      riskFreeRate: Math.pow(1.02, 1 / 252) - 1,
      bounds: [0, 0.5],
    }).weights;
    const diff5 = up.weights ? Math.max(...up.weights.map((x, i) => Math.abs(x - expect5[i]))) : Infinity;
    report(
      !up.error && up.tickers.length === 5 && Math.abs(up.weights.reduce((a, b) => a + b, 0) - 1) < 1e-9 && diff5 <= 1e-9,
      `uploaded CSV (5 assets, CRLF, sample covariance, 50 % cap): weights sum to 1 and equal Node's (max |difference| ${diff5.toExponential(2)})`,
      up.error ?? '',
    );
  }

  // A malformed CSV: a readable error in the status line, no exception.
  await page.evaluate(() => {
    window.__qvLast = undefined;
    document.getElementById('csv').value = 'date,AAA,BBB\n2024-01-02,1,2\n2024-01-03,abc,2\n2024-01-04,1,2';
  });
  await page.click('#optimise');
  await page.waitForFunction(() => window.__qvLast !== undefined, null, { timeout: 30_000 });
  const bad = await page.evaluate(() => ({
    last: window.__qvLast,
    status: document.getElementById('status').textContent,
    cls: document.getElementById('status').className,
  }));
  report(Boolean(bad.last.error) && bad.cls === 'error' && /AAA/.test(bad.status), 'a malformed CSV gives a readable error', bad.status);
  report(problems.length === 0, 'example page: no errors, no outside requests', problems.join('\n'));

  // --- Every chart of quantivista/charts ---------------------------------------------------------
  problems.length = 0;
  await page.goto(`${origin}/__gallery.html`, { waitUntil: 'load', timeout: 60_000 });
  await page.waitForFunction(() => window.__galleryDone !== undefined || window.__galleryError !== undefined, null, { timeout: 60_000 });
  const gallery = await page.evaluate(() => ({ done: window.__galleryDone, error: window.__galleryError }));
  if (gallery.error) report(false, 'chart gallery renders', gallery.error);
  else {
    const expected = ['efficientFrontierChart', 'weightsChart', 'riskContributionChart', 'drawdownChart', 'attributionChart', 'correlationHeatmap'];
    report(
      expected.every((n) => gallery.done.includes(n)),
      `chart gallery renders all ${expected.length} charts`,
      gallery.done.join(', '),
    );
    for (const name of gallery.done) await checkChart(page, `#${name}`, `chart ${name}`, { axes: name !== 'correlationHeatmap' });
    // The heatmap has no numeric axes: its asset labels are its axes.
    const heat = await svgFacts(page, '#correlationHeatmap');
    const missing = heat ? tickers.filter((t) => heat.allTexts.filter((x) => x === t).length < 2) : tickers;
    report(
      missing.length === 0,
      `chart correlationHeatmap: every asset labels a row and a column (${heat?.texts ?? 0} text labels for ${tickers.length} assets)`,
      missing.length ? `labels missing or once only: ${missing.join(', ')}` : '',
    );
  }
  report(problems.length === 0, 'chart gallery: no errors, no outside requests', problems.join('\n'));
} catch (err) {
  report(false, 'browser session', err.stack ?? String(err));
} finally {
  await browser?.close();
  server.close();
}
finish();
