/**
 * The README's quickstart, runnable: `npx tsx examples/quickstart.ts` or
 * `npx deno run --allow-read examples/quickstart.ts`. In your own code, import from
 * 'quantivista/<domain>' instead of '../src/<domain>/index.ts'.
 */
import { loadSampleData } from './data/load.ts';
import { simpleReturns } from '../src/returns/index.ts';
import { ledoitWolf } from '../src/covariance/index.ts';
import { meanHistoricalReturn } from '../src/expected-returns/index.ts';
import { maxSharpe } from '../src/optimize/index.ts';
import { expectedShortfall, valueAtRisk } from '../src/risk/index.ts';

const { prices, assets, riskFreeRatePerDay } = loadSampleData(); // T x n daily prices, oldest first
const tickers = assets.map((a) => a.ticker);

const returns = simpleReturns(prices); // (T − 1) x n Matrix of daily simple returns
const { covariance, shrinkage } = ledoitWolf(returns); // per period (daily), never annualised
const mu = meanHistoricalReturn(returns).expectedReturns; // arithmetic mean, per day

const portfolio = maxSharpe(mu, covariance, {
  riskFreeRate: riskFreeRatePerDay, // same period as mu
  bounds: [0, 0.15], // long-only, at most 15 % per asset
  assets: tickers, // adds weightsByAsset
});

const var95 = valueAtRisk(returns, { weights: portfolio.weights, method: 'historical', confidence: 0.95 });
const es95 = expectedShortfall(returns, { weights: portfolio.weights, method: 'historical', confidence: 0.95 });

console.log(`Ledoit-Wolf shrinkage ${shrinkage.toFixed(4)}`);
console.log(`max Sharpe: ${(portfolio.sharpeRatio! * Math.sqrt(252)).toFixed(2)} annualised; binding: ${portfolio.bindingConstraints.slice(0, 3).join('; ')}`);
for (const [t, w] of Object.entries(portfolio.weightsByAsset!).filter(([, w]) => w > 1e-6)) console.log(`  ${t.padEnd(5)} ${(w * 100).toFixed(2)} %`);
console.log(`one-day 95 % VaR ${(var95.var * 100).toFixed(2)} %, ES ${(es95.es * 100).toFixed(2)} % (positive = loss)`);
