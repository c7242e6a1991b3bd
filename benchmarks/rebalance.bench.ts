/**
 * Rebalancing benchmarks: whole-lot trade generation for 5,000 holdings (exact decimals, with a
 * cost model), and simulateRebalancing over ten years of daily prices for 30 assets under each
 * policy (the bundled sample data).
 */
import { loadSampleData } from '../examples/data/load.ts';
import { rebalanceTrades, simulateRebalancing, type RebalancePolicy } from '../src/rebalance/index.ts';
import { measure, printTable } from './harness.ts';

// 5,000 holdings with drifted quantities, lot sizes of 1 or 100, a commission and a half spread.
const n = 5000;
const holdings: Record<string, number> = {};
const prices: Record<string, number> = {};
const target: Record<string, number> = {};
const lotSizes: Record<string, number> = {};
let s = 12345;
const rnd = () => {
  s = (Math.imul(s, 1103515245) + 12345) >>> 0;
  return s / 2 ** 32;
};
for (let i = 0; i < n; i++) {
  const a = `S${i}`;
  prices[a] = Math.round((5 + 495 * rnd()) * 100) / 100;
  holdings[a] = Math.floor(2000 * rnd());
  target[a] = 1 / n;
  lotSizes[a] = rnd() < 0.2 ? 100 : 1;
}
const input = { holdings, prices, target, lotSizes, cash: 250000, costs: { commission: { perShare: 0.005, minimum: 1 }, halfSpreadBps: 2 } };
const trades = measure('rebalanceTrades, 5,000 holdings, to target', () => rebalanceTrades(input), { minMs: 1500, maxRuns: 10 });
const orders = rebalanceTrades(input).orders.length;
trades.note = `${orders} orders`;
const band = measure(
  'rebalanceTrades, 5,000 holdings, to band edge',
  () => rebalanceTrades({ ...input, mode: 'to-band-edge', bands: { type: 'hybrid', absolute: 0.0001, relative: 0.25 } }),
  { minMs: 1500, maxRuns: 10 },
);
printTable('Trade generation (exact decimals)', [trades, band]);

const sample = loadSampleData(); // examples/data/*.csv, read with readPricesCsv
const data = { assets: sample.assets, dates: [...sample.prices.dates], prices: sample.prices.values.toArray() };
const w = new Array(data.assets.length).fill(1 / data.assets.length);
const policies: Array<[string, RebalancePolicy]> = [
  ['calendar, quarterly', { type: 'calendar', frequency: 'quarterly' }],
  ['threshold, 5/25 bands', { type: 'threshold', bands: { type: 'hybrid', absolute: 0.05, relative: 0.25 } }],
  ['volatility-scaled bands', { type: 'volatility-scaled', bands: { type: 'hybrid', absolute: 0.05, relative: 0.25 } }],
  ['hybrid, monthly + bands', { type: 'hybrid', frequency: 'monthly', bands: { type: 'relative', width: 0.2 } }],
];
const rows = policies.map(([name, policy]) => {
  const opts = { policy, dates: data.dates, costs: { commission: { bps: 5 } }, periodsPerYear: 252 };
  const m = measure(`simulateRebalancing, ${name}`, () => simulateRebalancing(data.prices, w, opts), { minMs: 1000, maxRuns: 20 });
  const r = simulateRebalancing(data.prices, w, opts);
  m.note = `${r.rebalances} rebalances, turnover ${r.annualTurnover?.toFixed(2)}/yr, TE ${(r.trackingError * 100).toFixed(2)} %`;
  return m;
});
printTable(`Policy simulation: ${data.dates.length} days x ${data.assets.length} assets`, rows);
