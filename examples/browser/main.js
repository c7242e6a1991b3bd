// The example page: parse a price CSV, estimate (Ledoit–Wolf or sample covariance, mean
// returns), find the long-only maximum-Sharpe and minimum-variance portfolios under a weight cap,
// and draw the efficient frontier and the optimal weights with quantivista's SVG charts.
// quantivista.bundle.js is dist/ (the published ESM build) bundled by build.mjs.
import {
  simpleReturns,
  ledoitWolf,
  sampleCovariance,
  meanHistoricalReturn,
  maxSharpe,
  minVariance,
  efficientFrontier,
  efficientFrontierChart,
  weightsChart,
} from './quantivista.bundle.js';

/**
 * Parse a price CSV: a header row (first cell the date column's name, then tickers), then one row
 * per date, oldest first. Delimiter: comma, semicolon or tab (from the header). Blank lines are
 * skipped; every price must be a positive finite number.
 */
export function parsePriceCsv(text) {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0);
  if (lines.length < 3) throw new Error('The CSV needs a header row and at least two rows of prices.');
  const header = lines[0];
  const delim = header.includes('\t') ? '\t' : header.includes(';') ? ';' : ',';
  const cells = (line) => line.split(delim).map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
  const head = cells(header);
  const tickers = head.slice(1);
  if (tickers.length < 2) throw new Error('The header needs a date column and at least two tickers.');
  if (new Set(tickers).size !== tickers.length) throw new Error('Tickers in the header must be distinct.');
  const dates = [];
  const prices = [];
  for (let i = 1; i < lines.length; i++) {
    const row = cells(lines[i]);
    if (row.length !== head.length) throw new Error(`Row ${i + 1} has ${row.length} cells; the header has ${head.length}.`);
    const values = row.slice(1).map(Number);
    const bad = values.findIndex((v) => !Number.isFinite(v) || v <= 0);
    if (bad >= 0) throw new Error(`Row ${i + 1}, column ${tickers[bad]}: "${row[bad + 1]}" is not a positive price.`);
    if (dates.length > 0 && row[0] <= dates[dates.length - 1] && /^\d{4}-\d{2}-\d{2}$/.test(row[0])) {
      throw new Error(`Row ${i + 1}: dates must increase (${row[0]} follows ${dates[dates.length - 1]}).`);
    }
    dates.push(row[0]);
    prices.push(values);
  }
  return { tickers, dates, prices };
}

/** The whole computation (no DOM): prices -> estimates -> portfolios -> charts. */
export function optimisePrices({ tickers, prices }, { estimator = 'ledoit-wolf', maxWeight = 0.25, periodsPerYear = 252, riskFreeAnnual = 0.02 } = {}) {
  const n = tickers.length;
  if (maxWeight * n < 1) throw new Error(`A max weight of ${maxWeight} cannot hold ${n} assets fully invested: use at least ${(1 / n).toFixed(3)}.`);
  const returns = simpleReturns(prices);
  const cov = estimator === 'sample' ? sampleCovariance(returns).covariance : ledoitWolf(returns).covariance;
  const mu = meanHistoricalReturn(returns).expectedReturns;
  const rf = Math.pow(1 + riskFreeAnnual, 1 / periodsPerYear) - 1; // per period, as mu
  const bounds = [0, maxWeight];
  const best = maxSharpe(mu, cov, { riskFreeRate: rf, bounds, assets: tickers });
  const safest = minVariance(cov, { mu, bounds, assets: tickers });
  const frontier = efficientFrontier(mu, cov, { points: 30, riskFreeRate: rf, bounds });
  const sq = Math.sqrt(periodsPerYear);
  const annual = (p) => ({ volatility: p.volatility * sq, expectedReturn: (p.expectedReturn ?? 0) * periodsPerYear });
  const assets = tickers.map((label, i) => ({ label, ...annual({ volatility: Math.sqrt(cov.get(i, i)), expectedReturn: mu[i] }) }));
  const frontierSvg = efficientFrontierChart(
    { frontier: frontier.points.map(annual), corners: frontier.corners.map(annual), assets, maxSharpe: annual(best), minVariance: annual(safest), riskFreeRate: riskFreeAnnual },
    { title: 'Efficient frontier (annualised)', id: 'frontier-chart' },
  );
  const held = Object.fromEntries(Object.entries(best.weightsByAsset).filter(([, w]) => w > 1e-6));
  const weightsSvg = weightsChart(held, { title: 'Maximum-Sharpe weights', id: 'weights-chart' });
  return { tickers, weights: best.weights, weightsByAsset: best.weightsByAsset, maxSharpe: { ...annual(best), sharpeRatio: best.sharpeRatio, converged: best.converged }, minVariance: { ...annual(safest), weights: safest.weights }, periods: returns.rows, frontierSvg, weightsSvg };
}

/** The sample data (examples/data/sample-prices.json) as a CSV of its last `rows` dates. */
export function sampleCsv(data, rows = 757) {
  const from = Math.max(0, data.dates.length - rows);
  const out = [['date', ...data.assets.map((a) => a.ticker)].join(',')];
  for (let t = from; t < data.dates.length; t++) out.push([data.dates[t], ...data.prices[t]].join(','));
  return out.join('\n');
}

// ------------------------------------------------------------------------------- page wiring
const $ = (id) => document.getElementById(id);
function status(text, isError = false) {
  $('status').textContent = text;
  $('status').className = isError ? 'error' : '';
}
const pct = (x) => `${(x * 100).toFixed(2)} %`;

function run() {
  try {
    const parsed = parsePriceCsv($('csv').value);
    const options = {
      estimator: $('estimator').value,
      maxWeight: Number($('maxWeight').value),
      periodsPerYear: Number($('periodsPerYear').value),
      riskFreeAnnual: Number($('riskFree').value) / 100,
    };
    const t0 = performance.now();
    const r = optimisePrices(parsed, options);
    const ms = performance.now() - t0;
    $('frontier').innerHTML = r.frontierSvg;
    $('weights').innerHTML = r.weightsSvg;
    const rows = r.tickers.map((t, i) => [t, r.weights[i], r.minVariance.weights[i]]).filter(([, w, v]) => w > 1e-6 || v > 1e-6).sort((a, b) => b[1] - a[1]);
    $('table').innerHTML = `<table id="weights-table"><thead><tr><th>Asset</th><th>Max Sharpe</th><th>Min variance</th></tr></thead><tbody>${rows
      .map(([t, w, v]) => `<tr data-asset="${t.replace(/[<>&"]/g, '')}" data-weight="${w}"><td>${t.replace(/[<>&]/g, '')}</td><td>${pct(w)}</td><td>${pct(v)}</td></tr>`)
      .join('')}</tbody></table>`;
    status(`${r.tickers.length} assets, ${r.periods} returns. Max Sharpe: return ${pct(r.maxSharpe.expectedReturn)}, volatility ${pct(r.maxSharpe.volatility)} a year` +
      `${r.maxSharpe.converged ? '' : ' (NOT converged)'}; min variance: volatility ${pct(r.minVariance.volatility)}. Computed in ${ms.toFixed(0)} ms.`);
    window.__qvLast = { tickers: r.tickers, weights: r.weights, maxSharpe: r.maxSharpe, minVarianceWeights: r.minVariance.weights };
  } catch (err) {
    status(`${err.name ?? 'Error'}: ${err.message}`, true);
    window.__qvLast = { error: String(err.message) };
  }
}

if (typeof document !== 'undefined') {
  $('sample').addEventListener('click', async () => {
    status('Loading the sample data…');
    try {
      const res = await fetch(new URL('../data/sample-prices.json', import.meta.url));
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      $('csv').value = sampleCsv(await res.json());
      status('Sample data loaded (last three years of 30 fictional assets). Press Optimise.');
    } catch (err) {
      status(`Could not load the sample data: ${err.message}`, true);
    }
  });
  $('file').addEventListener('change', async (e) => {
    const file = e.target.files?.[0];
    if (!file) return;
    $('csv').value = await file.text();
    status(`Loaded ${file.name}. Press Optimise.`);
  });
  $('optimise').addEventListener('click', run);
  status('Ready: paste or upload a CSV, or use the sample data.');
  document.body.dataset.ready = 'true';
}
