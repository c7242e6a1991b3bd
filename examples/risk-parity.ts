// Risk parity: equal risk contribution (ERC), hierarchical risk parity (HRP) and the risk
// contributions of an equal-weight portfolio, on a Ledoit-Wolf covariance.
// Run: npx tsx examples/risk-parity.ts   or   deno run --allow-read examples/risk-parity.ts
// In your project: import { ... } from 'quantivista/risk-parity';
import { loadSampleData } from './data/load.ts';
import { returnsTable, sliceDates } from '../src/data/index.ts';
import { ledoitWolf } from '../src/covariance/index.ts';
import { equalRiskContribution, hierarchicalRiskParity, riskContributions } from '../src/risk-parity/index.ts';

const data = loadSampleData(); // examples/data/prices.csv, read with readPricesCsv
const P = data.periodsPerYear;
const R = sliceDates(returnsTable(data.prices), '2022-01-01'); // the last three years, per day
const tickers = R.assets;
const cov = ledoitWolf(R).covariance;
const n = tickers.length;

const equal = riskContributions(new Array<number>(n).fill(1 / n), cov, { assets: tickers });
const shares = equal.percentage.map((p, i) => [tickers[i]!, p] as const).sort((a, b) => b[1] - a[1]);
console.log(
  `equal weight: volatility ${(equal.volatility * Math.sqrt(P) * 100).toFixed(2)} % a year; largest risk shares ${shares
    .slice(0, 3)
    .map(([t, p]) => `${t} ${(p * 100).toFixed(1)} %`)
    .join(', ')}`,
);

const erc = equalRiskContribution(cov, { assets: tickers });
const rc = riskContributions(erc.weights, cov);
console.log(
  `ERC: converged ${erc.converged} in ${erc.iterations} iterations; risk shares ${(Math.min(...rc.percentage) * 100).toFixed(3)} % .. ${(Math.max(...rc.percentage) * 100).toFixed(3)} % (1/n = ${(100 / n).toFixed(3)} %)`,
);
console.log(
  `ERC volatility ${(erc.volatility * Math.sqrt(P) * 100).toFixed(2)} % a year; weights ${(Math.min(...erc.weights) * 100).toFixed(2)} % .. ${(Math.max(...erc.weights) * 100).toFixed(2)} %`,
);

const hrp = hierarchicalRiskParity(R, { input: 'returns', linkage: 'single', assets: tickers });
const hv = riskContributions(hrp.weights, cov);
console.log(
  `HRP (single linkage): volatility ${(hv.volatility * Math.sqrt(P) * 100).toFixed(2)} % a year; dendrogram order starts ${hrp.dendrogram.order
    .slice(0, 6)
    .map((i) => tickers[i])
    .join(', ')}`,
);
