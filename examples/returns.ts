// Returns: daily simple and log returns of the sample prices, a buy-and-hold equal-weight
// portfolio, and annualised figures (explicit periodsPerYear; nothing assumes 252).
// Run: npx tsx examples/returns.ts   or   deno run --allow-read examples/returns.ts
// In your project: import { ... } from 'quantivista/returns';
import { loadSampleData } from './data/load.ts';
import { mean, standardDeviation } from '../src/core/index.ts';
import { annualizeReturn, annualizeVolatility, cumulativeReturns, logReturns, portfolioReturns, simpleReturns } from '../src/returns/index.ts';

const data = loadSampleData();
const tickers = data.assets.map((a) => a.ticker);
const P = data.periodsPerYear;

const R = simpleReturns(data.prices); // T-1 x n Matrix, per day
const L = logReturns(data.prices);
console.log(`${R.rows} daily returns of ${R.cols} assets (${data.dates[0]} .. ${data.dates.at(-1)})`);
console.log(`first day, ${tickers[0]}: simple ${R.get(0, 0).toFixed(6)}, log ${L.get(0, 0).toFixed(6)}`);

const n = tickers.length;
const equal = new Array<number>(n).fill(1 / n);
const held = portfolioReturns(R, equal, { rebalance: 'none' });
const growth = cumulativeReturns(held);
console.log(`equal weight, buy and hold: total return ${(growth.at(-1)! * 100).toFixed(1)} %`);

const perDay = mean(held);
const sd = standardDeviation(held); // ddof = 1
console.log(`annualised: mean ${(annualizeReturn(perDay, { periodsPerYear: P }) * 100).toFixed(2)} %, volatility ${(annualizeVolatility(sd, { periodsPerYear: P }) * 100).toFixed(2)} %`);
