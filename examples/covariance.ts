// Covariance: sample vs Ledoit-Wolf vs OAS on three years of daily returns, with diagnostics
// (condition number, smallest eigenvalue) and the most correlated pair.
// Run: npx tsx examples/covariance.ts   or   deno run --allow-read examples/covariance.ts
// In your project: import { ... } from 'quantivista/covariance';
import { loadSampleData } from './data/load.ts';
import { returnsTable, sliceDates } from '../src/data/index.ts';
import { correlationFromCovariance, covarianceDiagnostics, ledoitWolf, oracleApproximatingShrinkage, sampleCovariance } from '../src/covariance/index.ts';

const { prices } = loadSampleData(); // from examples/data/prices.csv
const R = sliceDates(returnsTable(prices), '2022-01-01'); // the last three years, per day
const tickers = R.assets;
console.log(`${R.dates.length} daily returns of ${tickers.length} assets, ${R.dates[0]} .. ${R.dates.at(-1)}`);

const estimates = {
  sample: sampleCovariance(R).covariance,
  'Ledoit-Wolf': ledoitWolf(R).covariance,
  OAS: oracleApproximatingShrinkage(R).covariance,
};
console.log(`Ledoit-Wolf shrinkage ${ledoitWolf(R).shrinkage.toFixed(4)}, OAS shrinkage ${oracleApproximatingShrinkage(R).shrinkage.toFixed(4)}`);
for (const [name, cov] of Object.entries(estimates)) {
  const d = covarianceDiagnostics(cov, { input: 'covariance' });
  console.log(
    `${name.padEnd(12)} condition number ${(d.conditionNumber ?? Infinity).toFixed(1).padStart(8)}, smallest eigenvalue ${d.smallestEigenvalue.toExponential(3)}, ${d.positiveDefinite ? 'positive definite' : 'NOT positive definite'}`,
  );
}

const corr = correlationFromCovariance(estimates['Ledoit-Wolf']).correlation;
let best = { i: 0, j: 1, rho: -2 };
for (let i = 0; i < corr.rows; i++) for (let j = i + 1; j < corr.cols; j++) if (corr.get(i, j) > best.rho) best = { i, j, rho: corr.get(i, j) };
console.log(`most correlated pair: ${tickers[best.i]} / ${tickers[best.j]} (${best.rho.toFixed(3)})`);
