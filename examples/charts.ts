// Charts: every SVG renderer of quantivista/charts on the sample data. Each returns a standalone
// SVG string (no DOM): save it as a .svg file, put it in HTML, or display it in a notebook.
// Run: npx tsx examples/charts.ts   or   deno run --allow-read examples/charts.ts
//      (add an output folder to write the files: npx tsx examples/charts.ts out/ ; Deno also needs --allow-write)
// In your project: import { ... } from 'quantivista/charts';
import { loadSampleData } from './data/load.ts';
import { returnsTable, sliceDates } from '../src/data/index.ts';
import { portfolioReturns } from '../src/returns/index.ts';
import { correlationFromCovariance, ledoitWolf } from '../src/covariance/index.ts';
import { meanHistoricalReturn } from '../src/expected-returns/index.ts';
import { efficientFrontier, maxSharpe, minVariance } from '../src/optimize/index.ts';
import { equalRiskContribution, hierarchicalRiskParity, riskContributions } from '../src/risk-parity/index.ts';
import { attributionChart, correlationHeatmap, drawdownChart, efficientFrontierChart, riskContributionChart, weightsChart } from '../src/charts/index.ts';

const data = loadSampleData(); // examples/data/prices.csv, read with readPricesCsv
const P = data.periodsPerYear;
const all = returnsTable(data.prices); // ten years of daily returns
const R = sliceDates(all, '2022-01-01'); // the last three years
const tickers = [...R.assets]; // a mutable copy: the chart options take string[]
const cov = ledoitWolf(R).covariance;
const mu = meanHistoricalReturn(R).expectedReturns;
const rf = data.riskFreeRatePerDay;
const bounds: [number, number] = [0, 0.25];
const best = maxSharpe(mu, cov, { riskFreeRate: rf, bounds, assets: tickers });
const safest = minVariance(cov, { mu, bounds });
const frontier = efficientFrontier(mu, cov, { points: 30, riskFreeRate: rf, bounds });
const annual = (p: { volatility: number; expectedReturn: number | null }) => ({
  volatility: p.volatility * Math.sqrt(P),
  expectedReturn: (p.expectedReturn ?? 0) * P,
});
const erc = equalRiskContribution(cov);
const hrp = hierarchicalRiskParity(cov, { input: 'covariance' });

const charts: Record<string, string> = {
  'efficient-frontier': efficientFrontierChart({
    frontier: frontier.points.map(annual),
    corners: frontier.corners.map(annual),
    assets: tickers.map((label, i) => ({ label, ...annual({ volatility: Math.sqrt(cov.get(i, i)), expectedReturn: mu[i]! }) })),
    maxSharpe: annual(best),
    minVariance: annual(safest),
    riskFreeRate: rf * P,
  }),
  weights: weightsChart(Object.fromEntries(Object.entries(best.weightsByAsset!).filter(([, w]) => w > 1e-4)), { title: 'Maximum-Sharpe weights' }),
  'risk-contribution': riskContributionChart(
    { labels: tickers, weights: erc.weights, contributions: riskContributions(erc.weights, cov).percentage },
    { title: 'Equal risk contribution' },
  ),
  drawdown: drawdownChart(portfolioReturns(all, best.weights), { title: 'Max-Sharpe weights held over ten years' }), // a dated one-column ReturnTable
  attribution: attributionChart({
    segments: [
      { name: 'Technology', allocation: -0.0144, selection: 0.0054, interaction: -0.0027 },
      { name: 'Energy', allocation: 0.0353, selection: -0.01, interaction: -0.012 },
      { name: 'Utilities', allocation: -0.0175, selection: 0.0009, interaction: 0.0019 },
    ],
  }),
  'correlation-heatmap': correlationHeatmap(correlationFromCovariance(cov).correlation, {
    labels: tickers,
    order: hrp.dendrogram.order,
    title: 'Correlations, ordered by the HRP dendrogram',
  }),
};

const out = typeof process !== 'undefined' ? process.argv[2] : undefined;
for (const [name, svg] of Object.entries(charts)) {
  const title = /<title[^>]*>([^<]*)<\/title>/.exec(svg)?.[1];
  console.log(`${name.padEnd(20)} ${(svg.length / 1024).toFixed(1).padStart(6)} kB  "${title}"`);
}
if (out) {
  const { mkdirSync, writeFileSync } = await import('node:fs');
  mkdirSync(out, { recursive: true });
  for (const [name, svg] of Object.entries(charts)) writeFileSync(`${out.replace(/\/$/, '')}/${name}.svg`, svg);
  console.log(`wrote ${Object.keys(charts).length} SVG files to ${out}`);
}
