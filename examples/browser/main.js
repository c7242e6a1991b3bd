// The example page: read a price CSV with quantivista's readPricesCsv, estimate (Ledoit–Wolf or
// sample covariance, mean returns), find the long-only maximum-Sharpe and minimum-variance
// portfolios under a weight cap, and draw the efficient frontier and the optimal weights with
// quantivista's SVG charts. quantivista.bundle.js is dist/ (the published ESM build) bundled by build.mjs.
import {
  readPricesCsv,
  returnsTable,
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
 * Read a price CSV with readPricesCsv: a header row (the date column, found by name or first,
 * then tickers), one row per date (ISO dates, oldest first); comma, semicolon, tab or pipe
 * delimiter. Errors name the line and the column. The page then needs two tickers and three dates.
 */
export function readPrices(text) {
  const prices = readPricesCsv(text);
  if (prices.assets.length < 2) throw new Error('The header needs a date column and at least two tickers.');
  if (prices.dates.length < 3) throw new Error('The CSV needs at least three dates (two returns).');
  return prices;
}

/** The whole computation (no DOM): a PriceTable -> returns -> estimates -> portfolios -> charts. */
export function optimisePrices(prices, { estimator = 'ledoit-wolf', maxWeight = 0.25, periodsPerYear = 252, riskFreeAnnual = 0.02 } = {}) {
  const tickers = [...prices.assets];
  const n = tickers.length;
  if (maxWeight * n < 1) throw new Error(`A max weight of ${maxWeight} cannot hold ${n} assets fully invested: use at least ${(1 / n).toFixed(3)}.`);
  const returns = returnsTable(prices); // a missing price makes a missing return: the estimators then name the asset and date
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
    {
      frontier: frontier.points.map(annual),
      corners: frontier.corners.map(annual),
      assets,
      maxSharpe: annual(best),
      minVariance: annual(safest),
      riskFreeRate: riskFreeAnnual,
    },
    { title: 'Efficient frontier (annualised)', id: 'frontier-chart' },
  );
  const held = Object.fromEntries(Object.entries(best.weightsByAsset).filter(([, w]) => w > 1e-6));
  const weightsSvg = weightsChart(held, { title: 'Maximum-Sharpe weights', id: 'weights-chart' });
  return {
    tickers,
    weights: best.weights,
    weightsByAsset: best.weightsByAsset,
    maxSharpe: { ...annual(best), sharpeRatio: best.sharpeRatio, converged: best.converged },
    minVariance: { ...annual(safest), weights: safest.weights },
    periods: returns.dates.length,
    from: returns.dates[0],
    to: returns.dates[returns.dates.length - 1],
    frontierSvg,
    weightsSvg,
  };
}

/** The header and the last `rows` lines of a CSV text (the sample's last three years by default). */
export function lastRows(csv, rows = 757) {
  const lines = csv.split('\n').filter((l) => l.trim() !== '');
  return [lines[0], ...lines.slice(Math.max(1, lines.length - rows))].join('\n');
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
    const prices = readPrices($('csv').value);
    const options = {
      estimator: $('estimator').value,
      maxWeight: Number($('maxWeight').value),
      periodsPerYear: Number($('periodsPerYear').value),
      riskFreeAnnual: Number($('riskFree').value) / 100,
    };
    const t0 = performance.now();
    const r = optimisePrices(prices, options);
    const ms = performance.now() - t0;
    $('frontier').innerHTML = r.frontierSvg;
    $('weights').innerHTML = r.weightsSvg;
    const rows = r.tickers
      .map((t, i) => [t, r.weights[i], r.minVariance.weights[i]])
      .filter(([, w, v]) => w > 1e-6 || v > 1e-6)
      .sort((a, b) => b[1] - a[1]);
    $('table').innerHTML = `<table id="weights-table"><thead><tr><th>Asset</th><th>Max Sharpe</th><th>Min variance</th></tr></thead><tbody>${rows
      .map(
        ([t, w, v]) =>
          `<tr data-asset="${t.replace(/[<>&"]/g, '')}" data-weight="${w}"><td>${t.replace(/[<>&]/g, '')}</td><td>${pct(w)}</td><td>${pct(v)}</td></tr>`,
      )
      .join('')}</tbody></table>`;
    status(
      `${r.tickers.length} assets, ${r.periods} returns (${r.from} .. ${r.to}). Max Sharpe: return ${pct(r.maxSharpe.expectedReturn)}, volatility ${pct(r.maxSharpe.volatility)} a year` +
        `${r.maxSharpe.converged ? '' : ' (NOT converged)'}; min variance: volatility ${pct(r.minVariance.volatility)}. Computed in ${ms.toFixed(0)} ms.`,
    );
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
      const res = await fetch(new URL('../data/prices.csv', import.meta.url));
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      $('csv').value = lastRows(await res.text());
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
