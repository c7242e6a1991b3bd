// Optimise: long-only maximum-Sharpe and minimum-variance portfolios with a 25 % cap per asset
// and a 40 % cap per sector, on a Ledoit-Wolf covariance; the efficient frontier; minimum CVaR
// over the historical scenarios (an LP); and whole shares for 100,000 USD at the last prices.
// Run: npx tsx examples/optimize.ts   or   deno run --allow-read examples/optimize.ts
// In your project: import { ... } from 'quantivista/optimize';
import { loadSampleData } from './data/load.ts';
import { returnsTable, sliceDates } from '../src/data/index.ts';
import { ledoitWolf } from '../src/covariance/index.ts';
import { meanHistoricalReturn } from '../src/expected-returns/index.ts';
import { discreteAllocation, efficientFrontier, maxSharpe, minCVaR, minVariance } from '../src/optimize/index.ts';

const data = loadSampleData(); // examples/data/*.csv, read with readPricesCsv
const P = data.periodsPerYear;
const R = sliceDates(returnsTable(data.prices), '2022-01-01'); // the last three years, per day
const tickers = R.assets;
const cov = ledoitWolf(R).covariance;
const mu = meanHistoricalReturn(R).expectedReturns;
const rf = data.riskFreeRatePerDay;

const sectors = [...new Set(data.assets.map((a) => a.sector))];
const groups = sectors.map((name) => ({ name, assets: data.assets.filter((a) => a.sector === name).map((a) => a.ticker), max: 0.4 }));
const constraints = { bounds: [0, 0.25] as [number, number], groups, assets: tickers };

const best = maxSharpe(mu, cov, { riskFreeRate: rf, ...constraints });
const safest = minVariance(cov, constraints);
const fmt = (name: string, r: typeof best) =>
  `${name.padEnd(13)} return ${((r.expectedReturn ?? mu.reduce((s, m, i) => s + m * r.weights[i]!, 0)) * P * 100).toFixed(2)} %, volatility ${(r.volatility * Math.sqrt(P) * 100).toFixed(2)} % a year, ` +
  `converged ${r.converged} in ${r.iterations} iterations, KKT residual ${r.kktResidual.toExponential(1)}`;
console.log(fmt('max Sharpe', best));
console.log(fmt('min variance', safest));
const atBounds = best.bindingConstraints.filter((c) => c.startsWith('weight of'));
const others = best.bindingConstraints.filter((c) => !c.startsWith('weight of'));
console.log(`binding constraints (max Sharpe): ${others.join('; ')}; plus ${atBounds.length} weights at a bound`);
const top = Object.entries(best.weightsByAsset!)
  .sort((a, b) => b[1] - a[1])
  .slice(0, 5);
console.log(`largest weights: ${top.map(([t, w]) => `${t} ${(w * 100).toFixed(1)} %`).join(', ')}`);

const frontier = efficientFrontier(mu, cov, { points: 20, riskFreeRate: rf, bounds: constraints.bounds, groups, assets: tickers });
console.log(
  `efficient frontier: ${frontier.points.length} points, ${frontier.corners.length} corner portfolios, volatility ${(frontier.points[0]!.volatility * Math.sqrt(P) * 100).toFixed(1)} % .. ${(frontier.points.at(-1)!.volatility * Math.sqrt(P) * 100).toFixed(1)} %`,
);

const cvar = minCVaR(R, { confidence: 0.95, assets: tickers }); // scenarios: the table's rows
console.log(
  `min CVaR(95 %): 1-day CVaR ${(cvar.cvar * 100).toFixed(3)} %, VaR ${(cvar.valueAtRisk * 100).toFixed(3)} % over ${cvar.scenarios} scenarios, ${cvar.weights.filter((w) => w > 1e-6).length} holdings`,
);

// Whole shares: the sample's prices are in local currency (JP assets trade in yen), so this buys
// only the US-dollar part of the max-Sharpe portfolio, its weights rescaled to sum to 1.
const usd = data.assets.flatMap((a, i) => (a.currency === 'USD' ? [i] : []));
const usdWeight = usd.reduce((s, i) => s + best.weights[i]!, 0);
const last = data.prices.values.row(data.prices.dates.length - 1); // closes on the last date
const shares = discreteAllocation(
  usd.map((i) => best.weights[i]! / usdWeight),
  usd.map((i) => last[i]!),
  100_000,
  { assets: usd.map((i) => tickers[i]!) },
);
const bought = Object.entries(shares.sharesByAsset!).filter(([, q]) => q > 0);
console.log(
  `100,000 USD in whole shares of the US-dollar holdings at the ${data.prices.dates.at(-1)} closes: ${bought.map(([t, q]) => `${q} ${t}`).join(', ')}; left over ${shares.leftoverExact}, weight error ${(shares.weightError * 100).toFixed(2)} points`,
);
