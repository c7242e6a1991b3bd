// Returns: daily simple and log returns of the sample prices (read from examples/data/prices.csv),
// a buy-and-hold equal-weight portfolio, and annualised figures (explicit periodsPerYear; nothing
// assumes 252).
// Run: npx tsx examples/returns.ts   or   deno run --allow-read examples/returns.ts
// In your project: import { ... } from 'quantivista/data' and 'quantivista/returns';
import { loadSampleData } from './data/load.ts';
import { mean, standardDeviation } from '../src/core/index.ts';
import { returnsTable } from '../src/data/index.ts';
import { annualizeReturn, annualizeVolatility, cumulativeReturns, portfolioReturns } from '../src/returns/index.ts';

const { prices, periodsPerYear: P } = loadSampleData(); // prices: PriceTable read with readPricesCsv
const R = returnsTable(prices); // ReturnTable, (T − 1) x n, per day, dated at each period's end
const L = returnsTable(prices, { kind: 'log' });
console.log(`${R.dates.length} daily returns of ${R.assets.length} assets (${R.dates[0]} .. ${R.dates.at(-1)}); prices from ${prices.dates[0]}`);
console.log(`first day, ${R.assets[0]}: simple ${R.values.get(0, 0).toFixed(6)}, log ${L.values.get(0, 0).toFixed(6)}`);

const n = R.assets.length;
const equal = Object.fromEntries(R.assets.map((t) => [t, 1 / n])); // weights keyed by ticker
const held = portfolioReturns(R, equal, { rebalance: 'none', name: 'equal weight' }); // one-column ReturnTable
const growth = cumulativeReturns(held);
console.log(`${held.assets[0]}, buy and hold: total return ${(growth.values.get(growth.dates.length - 1, 0) * 100).toFixed(1)} % by ${growth.dates.at(-1)}`);

const daily = held.values.column(0);
const perDay = mean(daily);
const sd = standardDeviation(daily); // ddof = 1
console.log(
  `annualised: mean ${(annualizeReturn(perDay, { periodsPerYear: P }) * 100).toFixed(2)} %, volatility ${(annualizeVolatility(sd, { periodsPerYear: P }) * 100).toFixed(2)} %`,
);
