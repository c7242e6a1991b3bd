// Expected returns: historical mean (arithmetic and geometric), exponentially weighted mean and
// CAPM against the sample's cap-weighted benchmark, all per day, shown annualised (x 252).
// Run: npx tsx examples/expected-returns.ts   or   deno run --allow-read examples/expected-returns.ts
// In your project: import { ... } from 'quantivista/expected-returns';
import { loadSampleData } from './data/load.ts';
import { returnsTable, sliceDates } from '../src/data/index.ts';
import { capmReturn, emaHistoricalReturn, meanHistoricalReturn } from '../src/expected-returns/index.ts';

const data = loadSampleData(); // prices.csv and benchmark.csv, read with readPricesCsv
const P = data.periodsPerYear;
const R = sliceDates(returnsTable(data.prices), '2022-01-01'); // last three years
const market = sliceDates(returnsTable(data.benchmark), '2022-01-01'); // one column, same dates
const tickers = R.assets;

const arithmetic = meanHistoricalReturn(R, { assets: tickers }); // byAsset: labelled by ticker
const geometric = meanHistoricalReturn(R, { assets: tickers, compounding: 'geometric' });
const ema = emaHistoricalReturn(R, { span: 250, assets: tickers });
const capm = capmReturn(R, market.values.column(0), { riskFreeRate: data.riskFreeRatePerDay, assets: tickers });

const pct = (x: number) => `${(x * P * 100).toFixed(2).padStart(7)} %`;
console.log(`asset   arithmetic  geometric      EMA       CAPM    beta   (annualised x ${P})`);
for (const t of tickers.slice(0, 5)) {
  console.log(
    `${t.padEnd(6)} ${pct(arithmetic.byAsset![t]!)} ${pct(geometric.byAsset![t]!)} ${pct(ema.byAsset![t]!)} ${pct(capm.byAsset![t]!)}  ${capm.betas[tickers.indexOf(t)]!.toFixed(2)}`,
  );
}
console.log(`market mean return ${(capm.marketReturn * P * 100).toFixed(2)} % a year over ${arithmetic.periods} days (${R.dates[0]} .. ${R.dates.at(-1)})`);
