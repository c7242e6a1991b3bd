// Risk: one-day VaR and ES of an equal-weight portfolio by several methods, the assets'
// contributions to it, Monte Carlo VaR (seeded, reproducible) and a rolling VaR backtest with the
// Kupiec / Christoffersen tests and the Basel traffic light.
// Run: npx tsx examples/risk.ts   or   deno run --allow-read examples/risk.ts
// In your project: import { ... } from 'quantivista/risk';
import { loadSampleData } from './data/load.ts';
import { returnsTable, sliceDates } from '../src/data/index.ts';
import { portfolioReturns } from '../src/returns/index.ts';
import { ledoitWolf } from '../src/covariance/index.ts';
import { backtestVaR, componentRisk, expectedShortfall, monteCarloVaR, valueAtRisk } from '../src/risk/index.ts';

const { prices } = loadSampleData(); // examples/data/prices.csv, read with readPricesCsv
const all = returnsTable(prices); // ten years of daily returns
const R = sliceDates(all, '2022-01-01'); // the last three years
const tickers = R.assets;
const n = tickers.length;
const w = new Array<number>(n).fill(1 / n);
const pct = (x: number) => `${(x * 100).toFixed(3)} %`;

for (const method of ['historical', 'gaussian', 'cornish-fisher', 'student-t'] as const) {
  const v = valueAtRisk(R, { weights: w, method, confidence: 0.99 });
  const es = expectedShortfall(R, { weights: w, method, confidence: 0.99 });
  console.log(`${method.padEnd(15)} 1-day VaR(99 %) ${pct(v.var)}  ES ${pct(es.es)}`);
}

const cov = ledoitWolf(R).covariance;
const contrib = componentRisk(w, cov, { assets: tickers, measure: 'var', confidence: 0.99 });
const top = tickers
  .map((t, i) => [t, contrib.percentage[i]!] as const)
  .sort((a, b) => b[1] - a[1])
  .slice(0, 3);
console.log(`Gaussian VaR ${pct(contrib.total)}; largest contributors ${top.map(([t, p]) => `${t} ${(p * 100).toFixed(1)} %`).join(', ')}`);

const mc = monteCarloVaR({
  mu: new Array<number>(n).fill(0),
  cov,
  weights: w,
  paths: 20_000,
  seed: 42,
  confidence: 0.99,
  distribution: 'student-t',
  degreesOfFreedom: 5,
});
console.log(`Monte Carlo (Student-t 5, 20,000 paths, seed 42) VaR ${pct(mc.var)} ± ${pct(mc.standardErrors.var)}, ES ${pct(mc.es)}`);

// Backtest: 250 days of 99 % historical VaR, each from the 500 days before it.
const port = portfolioReturns(all, w).values.column(0); // the equal-weight portfolio's daily returns
const window = 500;
const days = 250;
const start = port.length - days;
const forecasts = Array.from({ length: days }, (_, k) => valueAtRisk(port.slice(start + k - window, start + k), { confidence: 0.99 }).var);
const bt = backtestVaR(port.slice(start), forecasts, { confidence: 0.99 });
console.log(
  `backtest over ${days} days (${all.dates[start]} .. ${all.dates.at(-1)}): ${bt.exceptions} exceptions, Kupiec p = ${bt.kupiec.pValue.toFixed(3)}, Basel zone ${bt.trafficLight.zone}, verdict ${bt.verdict}`,
);
