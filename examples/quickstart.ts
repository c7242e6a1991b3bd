/**
 * The README's quickstart, runnable: `npx tsx examples/quickstart.ts` or
 * `npx deno run --allow-read examples/quickstart.ts`. It reads the sample prices from
 * examples/data/prices.csv (a wide CSV: `date,<30 tickers>`, one line per day, oldest first).
 * In your own code, import from 'quantivista/<domain>' instead of '../src/<domain>/index.ts'.
 */
import { readFileSync } from 'node:fs';
import { readPricesCsv, returnsTable } from '../src/data/index.ts';
import { ledoitWolf } from '../src/covariance/index.ts';
import { meanHistoricalReturn } from '../src/expected-returns/index.ts';
import { maxSharpe } from '../src/optimize/index.ts';
import { expectedShortfall, valueAtRisk } from '../src/risk/index.ts';

const prices = readPricesCsv(readFileSync(new URL('./data/prices.csv', import.meta.url), 'utf8')); // PriceTable: dates, assets, values
const returns = returnsTable(prices); // ReturnTable of daily simple returns, dated from the second date
const rfPerDay = Math.pow(1.02, 1 / 252) - 1; // 2 % a year, per day like the returns

const { covariance, shrinkage } = ledoitWolf(returns); // per period (daily), never annualised
const mu = meanHistoricalReturn(returns).expectedReturns; // arithmetic mean, per day

const p = maxSharpe(mu, covariance, {
  riskFreeRate: rfPerDay, // same period as mu
  bounds: [0, 0.15], // long-only, at most 15 % per asset
  groups: [{ name: 'Technology', assets: ['NVLX', 'QBTC', 'HLSW', 'KRTN', 'CYPH'], max: 0.25 }],
  assets: returns.assets, // labels the result: p.weightsByAsset
});

const var95 = valueAtRisk(returns, { weights: p.weights, method: 'historical', confidence: 0.95 });
const es99 = expectedShortfall(returns, { weights: p.weights, method: 'cornish-fisher', confidence: 0.99 });

console.log(`${prices.assets.length} assets, ${returns.dates.length} daily returns from ${returns.dates[0]} to ${returns.dates.at(-1)}`);
console.log(`Ledoit-Wolf shrinkage ${shrinkage.toFixed(4)}`);
console.log(`max Sharpe: ${(p.sharpeRatio! * Math.sqrt(252)).toFixed(2)} annualised; binding: ${p.bindingConstraints.slice(0, 3).join('; ')}`);
for (const [ticker, w] of Object.entries(p.weightsByAsset!)
  .filter(([, w]) => w > 1e-6)
  .sort((a, b) => b[1] - a[1]))
  console.log(`  ${ticker.padEnd(5)} ${(w * 100).toFixed(2)} %`);
console.log(`one-day 95 % historical VaR ${(var95.var * 100).toFixed(2)} %, 99 % Cornish-Fisher ES ${(es99.es * 100).toFixed(2)} % (positive = loss)`);
