// Rebalance: a 60/40-style five-asset portfolio set to target at the start of 2024 drifts with
// the sample prices; at year end a 5/25 band report says what is out of tolerance, and whole-share
// trades (with commissions and half-spread costs, in exact decimals) bring it back to target.
// Run: npx tsx examples/rebalance.ts   or   deno run --allow-read examples/rebalance.ts
// In your project: import { ... } from 'quantivista/rebalance';
import { loadSampleData } from './data/load.ts';
import { simpleReturns } from '../src/returns/index.ts';
import { driftReport, driftWeights, rebalanceTrades } from '../src/rebalance/index.ts';

const data = loadSampleData();
const cols = [0, 3, 8, 15, 26];
const tickers = cols.map((i) => data.assets[i]!.ticker);
const target = [0.3, 0.2, 0.2, 0.15, 0.15];
const t0 = data.dates.findIndex((d) => d >= '2024-01-01');
const T = data.dates.length - 1;
const prices = data.prices.slice(t0, T + 1).map((row) => cols.map((i) => row[i]!));

const drifted = driftWeights(target, simpleReturns(prices));
const report = driftReport(drifted.weights, target, { bands: { type: 'hybrid', absolute: 0.05, relative: 0.25 }, assets: tickers });
console.log(`weights after 2024: ${tickers.map((t, i) => `${t} ${(drifted.weights[i]! * 100).toFixed(1)} %`).join(', ')} (portfolio ${(drifted.portfolioReturn * 100).toFixed(1)} %)`);
console.log(`5/25 bands: ${report.breaches.length ? `out of tolerance: ${report.breaches.map((b) => b.name).join(', ')}` : 'all within tolerance'}; largest drift ${(report.maxAbsoluteDrift * 100).toFixed(2)} points`);

// A 1,000,000 portfolio set up at the start-of-year prices, valued at year end.
const startValue = 1_000_000;
const holdings = Object.fromEntries(tickers.map((t, i) => [t, Math.floor((startValue * target[i]!) / prices[0]![i]!)]));
const last = Object.fromEntries(tickers.map((t, i) => [t, Math.round(prices.at(-1)![i]! * 100) / 100]));
const r = rebalanceTrades({
  holdings,
  prices: last,
  target: Object.fromEntries(tickers.map((t, i) => [t, target[i]!])),
  cash: 2_500,
  costs: { commission: { perShare: 0.005, minimum: 1 }, halfSpreadBps: 5 },
});
for (const o of r.orders) console.log(`${o.side.padEnd(4)} ${o.quantity.padStart(6)} ${o.asset} at ${o.price}: ${o.value.decimal} (cost ${o.cost.decimal})`);
console.log(`turnover ${(r.turnover * 100).toFixed(2)} %, total cost ${r.totalCost.decimal}, cash after ${r.cashAfter.decimal}, max weight error ${(r.maxWeightError * 100).toFixed(3)} points`);
