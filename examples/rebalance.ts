// Rebalance: a 60/40-style five-asset portfolio set to target at the start of 2024 drifts with
// the sample prices; at year end a 5/25 band report says what is out of tolerance, and whole-share
// trades (with commissions and half-spread costs, in exact decimals) bring it back to target.
// Run: npx tsx examples/rebalance.ts   or   deno run --allow-read examples/rebalance.ts
// In your project: import { ... } from 'quantivista/rebalance';
import { loadSampleData } from './data/load.ts';
import { returnsTable, selectAssets, sliceDates } from '../src/data/index.ts';
import type { Holdings } from '../src/core/index.ts';
import { driftReport, driftWeights, rebalanceTrades } from '../src/rebalance/index.ts';
import { preTradeCheck } from '../src/compliance/index.ts';

const data = loadSampleData(); // examples/data/prices.csv, read with readPricesCsv
const tickers = ['NVLX', 'KRTN', 'HLVT', 'SOLV', 'LMNU'];
const target = [0.3, 0.2, 0.2, 0.15, 0.15];
const prices = selectAssets(sliceDates(data.prices, '2024-01-01'), tickers); // 2024's closes of the five, in this order
const first = prices.values.row(0);
const final = prices.values.row(prices.dates.length - 1);

const drifted = driftWeights(target, returnsTable(prices)); // every day of 2024
const report = driftReport(drifted.weights, target, { bands: { type: 'hybrid', absolute: 0.05, relative: 0.25 }, assets: tickers });
console.log(
  `weights on ${prices.dates.at(-1)}, set to target on ${prices.dates[0]}: ${tickers.map((t, i) => `${t} ${(drifted.weights[i]! * 100).toFixed(1)} %`).join(', ')} (portfolio ${(drifted.portfolioReturn * 100).toFixed(1)} %)`,
);
console.log(
  `5/25 bands: ${report.breaches.length ? `out of tolerance: ${report.breaches.map((b) => b.name).join(', ')}` : 'all within tolerance'}; largest drift ${(report.maxAbsoluteDrift * 100).toFixed(2)} points`,
);

// A 1,000,000 portfolio set up at the start-of-year prices, valued at year end: one Holdings
// object (quantities, prices, cash) that rebalancing and compliance both read.
const startValue = 1_000_000;
const holdings: Holdings = {
  cash: 2_500,
  positions: tickers.map((t, i) => ({ asset: t, quantity: Math.floor((startValue * target[i]!) / first[i]!), price: Math.round(final[i]! * 100) / 100 })),
};
const r = rebalanceTrades({
  holdings,
  target: Object.fromEntries(tickers.map((t, i) => [t, target[i]!])),
  costs: { commission: { perShare: 0.005, minimum: 1 }, halfSpreadBps: 5 },
});
for (const o of r.orders) console.log(`${o.side.padEnd(4)} ${o.quantity.padStart(6)} ${o.asset} at ${o.price}: ${o.value.decimal} (cost ${o.cost.decimal})`);
console.log(
  `turnover ${(r.turnover * 100).toFixed(2)} %, total cost ${r.totalCost.decimal}, cash after ${r.cashAfter.decimal}, max weight error ${(r.maxWeightError * 100).toFixed(3)} points`,
);

// The orders go to a pre-trade compliance check unchanged.
const check = preTradeCheck(holdings, r.orders, [{ id: 'max-35', type: 'max-weight', limit: 0.35 }]);
console.log(`pre-trade check of the orders (max 35 % per asset): approved ${check.approved}, ${check.after.breaches.length} breach(es) after`);
