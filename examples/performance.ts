// Performance: a ten-year summary of an equal-weight portfolio (rebalanced daily) against the
// sample's cap-weighted benchmark, its worst drawdowns, and time- vs money-weighted returns of an
// investor who added money every year.
// Run: npx tsx examples/performance.ts   or   deno run --allow-read examples/performance.ts
// In your project: import { ... } from 'quantivista/performance';
import { loadSampleData } from './data/load.ts';
import { portfolioReturns, simpleReturns } from '../src/returns/index.ts';
import { drawdowns, performanceSummary, timeWeightedReturn, xirr } from '../src/performance/index.ts';

const data = loadSampleData();
const P = data.periodsPerYear;
const n = data.assets.length;
const r = portfolioReturns(simpleReturns(data.prices), new Array<number>(n).fill(1 / n));
const bench = simpleReturns(data.benchmark.prices);

const s = performanceSummary(r, { benchmark: bench, riskFreeRate: data.riskFreeRatePerDay, periodsPerYear: P });
const pct = (x: number | null | undefined) => (x === null || x === undefined ? 'n/a' : `${(x * 100).toFixed(2)} %`);
console.log(`equal weight vs cap-weighted benchmark, ${s.periods} days`);
console.log(`annualised return ${pct(s.annualizedReturn)} (benchmark ${pct(s.relative?.benchmarkAnnualizedReturn)}), volatility ${pct(s.annualizedVolatility)}`);
console.log(`Sharpe ${s.sharpeRatio?.toFixed(2)}, Sortino ${s.sortinoRatio?.toFixed(2)}, Calmar ${s.calmarRatio?.toFixed(2)}, beta ${s.relative?.beta?.toFixed(2)}, tracking error ${pct(s.relative?.trackingError)}, information ratio ${s.relative?.informationRatio?.toFixed(2)}`);

const dd = drawdowns(r, { top: 3 });
// Positions are on the wealth index: position k is the close of data.dates[k].
for (const e of dd.worst) {
  console.log(`drawdown ${pct(e.depth)}: peak ${data.dates[e.start]}, trough ${data.dates[e.trough]}, ${e.end === null ? 'not recovered' : `recovered ${data.dates[e.end]} (${e.length} days)`}`);
}

// An investor puts 10,000 in at the start of each year (year-end valuations from the portfolio).
const wealth = [1];
for (const x of r) wealth.push(wealth.at(-1)! * (1 + x));
const yearEnds = data.dates.map((d, t) => [d, t] as const).filter(([d], t, all) => t === all.length - 1 || all[t + 1]![0].slice(0, 4) !== d.slice(0, 4));
let units = 10_000 / wealth[0]!;
const values: number[] = [10_000];
const flows: number[] = [];
const dated = [{ date: data.dates[0]!, amount: -10_000 }];
for (const [k, [d, t]] of yearEnds.entries()) {
  const last = k === yearEnds.length - 1;
  values.push(last ? 0 : units * wealth[t]! + 10_000);
  flows.push(last ? -units * wealth[t]! : 10_000);
  if (last) dated.push({ date: d, amount: units * wealth[t]! });
  else { units += 10_000 / wealth[t]!; dated.push({ date: d, amount: -10_000 }); }
}
const twr = timeWeightedReturn(values, flows, { flowTiming: 'end-of-day' });
const mwr = xirr(dated);
console.log(`investor adding 10,000 a year: time-weighted ${pct(twr.return)} in total, money-weighted (XIRR) ${pct(mwr.rate)} a year`);
