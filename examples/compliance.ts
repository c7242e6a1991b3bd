// Compliance: the maximum-Sharpe portfolio of the sample (uncapped) checked against a rule set
// (UCITS 5/10/40, a 35 % sector cap, a 1 % cash floor, at most 20 positions), then a pre-trade
// check that says which proposed trades cause or cure breaches.
// Run: npx tsx examples/compliance.ts   or   deno run --allow-read examples/compliance.ts
// In your project: import { ... } from 'quantivista/compliance';
import { loadSampleData } from './data/load.ts';
import { returnsTable, sliceDates } from '../src/data/index.ts';
import { ledoitWolf } from '../src/covariance/index.ts';
import { meanHistoricalReturn } from '../src/expected-returns/index.ts';
import { maxSharpe } from '../src/optimize/index.ts';
import type { Holdings } from '../src/core/index.ts';
import { checkCompliance, preTradeCheck, type ComplianceRule } from '../src/compliance/index.ts';

const data = loadSampleData(); // prices.csv and assets.csv (issuer, sector, country)
const R = sliceDates(returnsTable(data.prices), '2022-01-01'); // the last three years
const tickers = R.assets;
const best = maxSharpe(meanHistoricalReturn(R).expectedReturns, ledoitWolf(R).covariance, {
  riskFreeRate: data.riskFreeRatePerDay,
  bounds: [0, 1],
  assets: tickers,
});

const nav = 10_000_000;
const positions = data.assets
  .map((a, i) => ({ asset: a.ticker, marketValue: Math.round(best.weights[i]! * nav * 0.98), issuer: a.name, sector: a.sector, country: a.country }))
  .filter((p) => p.marketValue > 0);
const portfolio: Holdings = { positions, cash: nav * 0.02 }; // sector and country serve as group tags
const rules: ComplianceRule[] = [
  { id: 'ucits', type: 'ucits-5-10-40' },
  { id: 'sector-35', type: 'group-max', tag: 'sector', limit: 0.35 },
  { id: 'cash-1', type: 'min-cash', limit: 0.01 },
  { id: 'positions-20', type: 'max-positions', limit: 20 },
];
const result = checkCompliance(portfolio, rules);
console.log(`${portfolio.positions.length} positions, compliant: ${result.compliant}`);
for (const b of result.breaches)
  console.log(`BREACH ${b.ruleId}: ${b.subject} measured ${(b.measured * 100).toFixed(2)} % vs ${b.bound} ${(b.limit * 100).toFixed(2)} %`);

// Sell half of the largest position and buy a utility: which trade cures what?
const largest = [...positions].sort((a, b) => b.marketValue - a.marketValue)[0]!;
const utility = data.assets.find((a) => a.sector === 'Utilities' && !positions.some((p) => p.asset === a.ticker))!;
const trades = [
  { asset: largest.asset, value: -largest.marketValue / 2 },
  { asset: utility.ticker, value: largest.marketValue / 2, position: { tags: { sector: utility.sector, country: utility.country }, issuer: utility.name } },
];
const pre = preTradeCheck(portfolio, trades, rules);
console.log(
  `pre-trade (sell half of ${largest.asset}, buy ${utility.ticker}): approved ${pre.approved}, ${pre.curedBreaches.length} breaches cured, ${pre.newBreaches.length} new`,
);
for (const e of pre.tradeEffects)
  console.log(
    `  ${e.asset} ${e.effect} ${e.ruleId}: ${e.subject} (headroom ${(e.headroomBefore * 100).toFixed(2)} -> ${(e.headroomAfter * 100).toFixed(2)} points)`,
  );
