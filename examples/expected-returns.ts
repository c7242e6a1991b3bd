// Expected returns: historical mean (arithmetic and geometric), exponentially weighted mean and
// CAPM against the sample's cap-weighted benchmark, all per day, shown annualised (x 252).
// Run: npx tsx examples/expected-returns.ts   or   deno run --allow-read examples/expected-returns.ts
// In your project: import { ... } from 'quantivista/expected-returns';
import { loadSampleData } from './data/load.ts';
import { simpleReturns } from '../src/returns/index.ts';
import { capmReturn, emaHistoricalReturn, meanHistoricalReturn } from '../src/expected-returns/index.ts';

const data = loadSampleData();
const tickers = data.assets.map((a) => a.ticker);
const P = data.periodsPerYear;
const R = simpleReturns(data.prices.slice(-757)); // last three years
const market = simpleReturns(data.benchmark.prices.slice(-757));

const arithmetic = meanHistoricalReturn(R, { assets: tickers });
const geometric = meanHistoricalReturn(R, { assets: tickers, compounding: 'geometric' });
const ema = emaHistoricalReturn(R, { span: 250, assets: tickers });
const capm = capmReturn(R, market, { riskFreeRate: data.riskFreeRatePerDay, assets: tickers });

const pct = (x: number) => `${(x * P * 100).toFixed(2).padStart(7)} %`;
console.log('asset   arithmetic  geometric      EMA       CAPM    beta   (annualised x 252)');
for (const i of [0, 1, 2, 3, 4]) {
  console.log(`${tickers[i]!.padEnd(6)} ${pct(arithmetic.expectedReturns[i]!)} ${pct(geometric.expectedReturns[i]!)} ${pct(ema.expectedReturns[i]!)} ${pct(capm.expectedReturns[i]!)}  ${capm.betas[i]!.toFixed(2)}`);
}
console.log(`market mean return ${(capm.marketReturn * P * 100).toFixed(2)} % a year over ${arithmetic.periods} days`);
