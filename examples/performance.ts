// Performance: a ten-year summary of an equal-weight portfolio (rebalanced daily) against the
// sample's cap-weighted benchmark, its worst drawdowns, and time- vs money-weighted returns of an
// investor who added money every year.
// Run: npx tsx examples/performance.ts   or   deno run --allow-read examples/performance.ts
// In your project: import { ... } from 'quantivista/performance';
import { loadSampleData } from './data/load.ts';
import { returnsTable } from '../src/data/index.ts';
import { portfolioReturns } from '../src/returns/index.ts';
import { drawdowns, performanceSummary, timeWeightedReturn, xirr, type DrawdownsResult, type PerformanceSummary } from '../src/performance/index.ts';

const data = loadSampleData(); // prices.csv and benchmark.csv, read with readPricesCsv
const P = data.periodsPerYear;
const R = returnsTable(data.prices);
const n = R.assets.length;
const port = portfolioReturns(R, new Array<number>(n).fill(1 / n), { name: 'equal weight' }); // a dated one-column ReturnTable
const bench = returnsTable(data.benchmark);

// a one-column table gives one summary (several columns: a record by ticker)
const s = performanceSummary(port, { benchmark: bench, riskFreeRate: data.riskFreeRatePerDay, periodsPerYear: P }) as PerformanceSummary;
const pct = (x: number | null | undefined) => (x === null || x === undefined ? 'n/a' : `${(x * 100).toFixed(2)} %`);
console.log(`equal weight vs cap-weighted benchmark, ${s.periods} days (${s.startDate} .. ${s.endDate})`);
console.log(
  `annualised return ${pct(s.annualizedReturn)} (benchmark ${pct(s.relative?.benchmarkAnnualizedReturn)}), volatility ${pct(s.annualizedVolatility)}`,
);
console.log(
  `Sharpe ${s.sharpeRatio?.toFixed(2)}, Sortino ${s.sortinoRatio?.toFixed(2)}, Calmar ${s.calmarRatio?.toFixed(2)}, beta ${s.relative?.beta?.toFixed(2)}, tracking error ${pct(s.relative?.trackingError)}, information ratio ${s.relative?.informationRatio?.toFixed(2)}`,
);

const dd = drawdowns(port, { top: 3 }) as DrawdownsResult; // one column: one result, its episodes dated
for (const e of dd.worst) {
  console.log(
    `drawdown ${pct(e.depth)}: peak ${e.peakDate}, trough ${e.troughDate}, ${e.recoveryDate === null ? 'not recovered' : `recovered ${e.recoveryDate} (${e.length} days)`}`,
  );
}

// An investor puts 10,000 in at the start of each year (year-end valuations from the portfolio).
const dates = data.prices.dates; // wealth[k] is the value at the close of dates[k]
const wealth = [1];
for (const x of port.values.column(0)) wealth.push(wealth.at(-1)! * (1 + x));
const yearEnds = dates.map((d, t) => [d, t] as const).filter(([d], t, all) => t === all.length - 1 || all[t + 1]![0].slice(0, 4) !== d.slice(0, 4));
let units = 10_000 / wealth[0]!;
const values: number[] = [10_000];
const flows: number[] = [];
const dated = [{ date: dates[0]!, amount: -10_000 }];
for (const [k, [d, t]] of yearEnds.entries()) {
  const last = k === yearEnds.length - 1;
  values.push(last ? 0 : units * wealth[t]! + 10_000);
  flows.push(last ? -units * wealth[t]! : 10_000);
  if (last) dated.push({ date: d, amount: units * wealth[t]! });
  else {
    units += 10_000 / wealth[t]!;
    dated.push({ date: d, amount: -10_000 });
  }
}
const twr = timeWeightedReturn(values, flows, { flowTiming: 'end-of-day' });
const mwr = xirr(dated);
console.log(`investor adding 10,000 a year: time-weighted ${pct(twr.return)} in total, money-weighted (XIRR) ${pct(mwr.rate)} a year`);
