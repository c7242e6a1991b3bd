// Black-Litterman: market-implied returns from the sample's market caps, two views (one
// absolute, one relative) with Idzorek confidences, the posterior and its optimal weights.
// Run: npx tsx examples/black-litterman.ts   or   deno run --allow-read examples/black-litterman.ts
// In your project: import { ... } from 'quantivista/black-litterman';
import { loadSampleData } from './data/load.ts';
import { returnsTable, sliceDates } from '../src/data/index.ts';
import { ledoitWolf } from '../src/covariance/index.ts';
import { blackLitterman, impliedReturns, impliedRiskAversion, marketCapWeights } from '../src/black-litterman/index.ts';

const data = loadSampleData(); // prices.csv, benchmark.csv, assets.csv (market caps)
const P = data.periodsPerYear;
const R = sliceDates(returnsTable(data.prices), '2022-01-01'); // the last three years
const tickers = R.assets;
const cov = ledoitWolf(R).covariance; // per day
const market = sliceDates(returnsTable(data.benchmark), '2022-01-01').values.column(0); // the benchmark's daily returns
const rf = data.riskFreeRatePerDay;

const w = marketCapWeights(data.assets.map((a) => a.marketCap));
const delta = impliedRiskAversion(market, { riskFreeRate: rf });
const pi = impliedReturns(cov, w, { riskAversion: delta, riskFreeRate: rf });
console.log(
  `implied risk aversion ${delta.toFixed(2)}; implied returns ${(Math.min(...pi) * P * 100).toFixed(2)} % .. ${(Math.max(...pi) * P * 100).toFixed(2)} % a year`,
);

const [a, b, c] = [tickers[0]!, tickers[5]!, tickers[9]!];
const bl = blackLitterman({
  cov,
  marketWeights: w,
  riskAversion: delta,
  riskFreeRate: rf,
  views: [
    { type: 'absolute', asset: a, return: 0.15 / P, confidence: 0.6 }, // a earns 15 % a year
    { type: 'relative', long: b, short: c, return: 0.03 / P, confidence: 0.4 }, // b beats c by 3 % a year
  ],
  omega: 'idzorek',
  assets: tickers,
});
for (const t of [a, b, c]) {
  const i = tickers.indexOf(t);
  console.log(
    `${t.padEnd(5)} prior ${(bl.prior[i]! * P * 100).toFixed(2).padStart(6)} %  posterior ${(bl.posteriorReturns[i]! * P * 100).toFixed(2).padStart(6)} %  weight ${(w[i]! * 100).toFixed(2)} % -> ${((bl.weights?.[i] ?? NaN) * 100).toFixed(2)} %`,
  );
}
console.log(`tau ${bl.tau}; unconstrained posterior weights (He-Litterman) sum to ${bl.weights?.reduce((s, x) => s + x, 0).toFixed(6)}`);
