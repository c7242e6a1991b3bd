/**
 * Demo step: a short text summary of the sample data with quantivista/returns and
 * quantivista/expected-returns — universe, date range, annualised return and volatility per asset
 * (best and worst few), the benchmark, and an equal-weight portfolio rebalanced daily vs bought and held.
 */
import { standardDeviation } from '../../src/core/stats.ts';
import { returnsTable } from '../../src/data/index.ts';
import { capmReturn, meanHistoricalReturn } from '../../src/expected-returns/index.ts';
import { annualizeReturn, annualizeVolatility, cumulativeReturns, portfolioReturns } from '../../src/returns/index.ts';
import type { SampleData } from '../data/load.ts';

const pct = (x: number, digits = 1): string => `${(100 * x).toFixed(digits)} %`;

/** Returns the printed report text for the returns step of the demo. */
export function runReturnsStep(data: SampleData, options: { show?: number } = {}): string {
  const show = options.show ?? 5;
  const ppy = data.periodsPerYear;
  const n = data.assets.length;
  const dates = data.prices.dates;
  const T = dates.length;
  const returns = returnsTable(data.prices); // (T − 1) x n daily simple returns, dated
  const benchmark = returnsTable(data.benchmark); // one column, same dates
  const market = benchmark.values.column(0);

  const geo = meanHistoricalReturn(returns, { compounding: 'geometric' }).expectedReturns;
  const annReturn = annualizeReturn(geo, { periodsPerYear: ppy });
  const annVol = annualizeVolatility(
    Array.from({ length: n }, (_, j) => standardDeviation(returns.values.column(j))),
    { periodsPerYear: ppy },
  );
  const betas = capmReturn(returns, market, { riskFreeRate: data.riskFreeRatePerDay }).betas;

  const sectors = new Set(data.assets.map((a) => a.sector));
  const countries = new Set(data.assets.map((a) => a.country));
  const lines: string[] = [];
  lines.push('== Returns: the sample data ==');
  lines.push(
    `${n} fictional assets (${sectors.size} sectors, ${countries.size} countries), ${T} daily prices from ${dates[0]} to ${dates[T - 1]}; ${T - 1} daily returns.`,
  );
  const order = Array.from({ length: n }, (_, j) => j).sort((a, b) => (annReturn[b] as number) - (annReturn[a] as number));
  const row = (j: number): string => {
    const a = data.assets[j]!;
    return `  ${a.ticker.padEnd(5)} ${a.name.padEnd(26)} ${a.sector.padEnd(12)} ${pct(annReturn[j]!).padStart(8)} ${pct(annVol[j]!).padStart(8)} ${betas[j]!.toFixed(2).padStart(6)}`;
  };
  const header = `  ${'ticker'.padEnd(5)} ${'name'.padEnd(26)} ${'sector'.padEnd(12)} ${'return'.padStart(8)} ${'vol'.padStart(8)} ${'beta'.padStart(6)}`;
  lines.push(`Annualised (geometric, ${ppy} periods a year) return and volatility; beta against the benchmark.`);
  lines.push(`Best ${show}:`, header, ...order.slice(0, show).map(row));
  lines.push(`Worst ${show}:`, header, ...order.slice(-show).map(row));

  const bGeo = meanHistoricalReturn(benchmark, { compounding: 'geometric' }).expectedReturns[0]!;
  const bench = cumulativeReturns(market);
  let peak = 1;
  let maxDrawdown = 0;
  for (const c of bench) {
    peak = Math.max(peak, 1 + c);
    maxDrawdown = Math.max(maxDrawdown, 1 - (1 + c) / peak);
  }
  lines.push(
    `Benchmark (${data.benchmarkName}): ${pct(annualizeReturn(bGeo, { periodsPerYear: ppy }))} a year, volatility ${pct(annualizeVolatility(standardDeviation(market), { periodsPerYear: ppy }))}, maximum drawdown ${pct(maxDrawdown)}.`,
  );

  const equal = new Array<number>(n).fill(1 / n);
  const growth = (r: number[]): number => r.reduce((w, x) => w * (1 + x), 1);
  const daily = growth(portfolioReturns(returns, equal).values.column(0));
  const hold = growth(portfolioReturns(returns, equal, { rebalance: 'none' }).values.column(0));
  // Calendar years between the first and the last date (the rows are weekdays, about 261 a year).
  const years = (Date.parse(`${dates[T - 1]}T00:00:00Z`) - Date.parse(`${dates[0]}T00:00:00Z`)) / (365.25 * 86_400_000);
  lines.push(
    `Equal weights over ${years.toFixed(1)} years: rebalanced daily ${daily.toFixed(2)}x (${pct(Math.pow(daily, 1 / years) - 1)} a year), bought and held ${hold.toFixed(2)}x (${pct(Math.pow(hold, 1 / years) - 1)} a year).`,
  );
  return lines.join('\n');
}
