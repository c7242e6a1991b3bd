/**
 * `npm run demo`: the end-to-end portfolio workflow on the bundled sample data — covariance →
 * expected returns and Black-Litterman views → constrained max Sharpe, ERC and HRP → risk report
 * → performance and attribution → tax lots → rebalancing trades with costs, taxes and
 * compliance — printed as a report in the terminal and written, with every chart, to
 * `report.html` (standalone: no network needed to open it).
 *
 * Each step lives in examples/demo-steps/ and returns its text; the charts are drawn here.
 */
import { writeFileSync } from 'node:fs';
import { attributionChart, correlationHeatmap, drawdownChart, efficientFrontierChart, riskContributionChart, weightsChart } from '../src/charts/index.ts';
import { correlationFromCovariance, ledoitWolf } from '../src/covariance/index.ts';
import { moments } from '../src/expected-returns/index.ts';
import { efficientFrontier, maxSharpe, minVariance } from '../src/optimize/index.ts';
import { brinsonFachler, linkAttribution } from '../src/attribution/index.ts';
import { hierarchicalRiskParity, riskContributions } from '../src/risk-parity/index.ts';
import { returnsTable } from '../src/data/index.ts';
import { portfolioReturns } from '../src/returns/index.ts';
import { loadSampleData } from './data/load.ts';
import { runAllocationStep } from './demo-steps/allocation.ts';
import { runCovarianceStep } from './demo-steps/covariance.ts';
import { runOptimizeStep } from './demo-steps/optimize.ts';
import { runPerformanceStep } from './demo-steps/performance.ts';
import { runRebalanceStep } from './demo-steps/rebalance.ts';
import { runReturnsStep } from './demo-steps/returns.ts';
import { runRiskStep } from './demo-steps/risk.ts';
import { runTaxLotsStep } from './demo-steps/tax-lots.ts';

const started = Date.now();
const data = loadSampleData(); // examples/data/*.csv, read with readPricesCsv
const ppy = data.periodsPerYear;
const dates = data.prices.dates;
const tickers = [...data.prices.assets]; // a mutable copy: chart and rebalance options take string[]
const sectors = data.assets.map((a) => a.sector);
const returns = returnsTable(data.prices); // ReturnTable: daily simple returns, dated, labelled
const rf = data.riskFreeRatePerDay;

const html: string[] = [];
function section(title: string, body: string): void {
  const bar = '='.repeat(Math.max(20, title.length + 4));
  process.stdout.write(`\n${bar}\n  ${title}\n${bar}\n${body.trimEnd()}\n`);
  html.push(`<h2>${escapeHtml(title)}</h2><pre>${escapeHtml(body.trimEnd())}</pre>`);
}
function chart(svg: string): void {
  html.push(`<figure>${svg}</figure>`);
}
function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

process.stdout.write('quantivista demo — an end-to-end portfolio workflow on the bundled sample data\n');
process.stdout.write(
  `(${tickers.length} fictional assets, daily prices ${dates[0]} .. ${dates[dates.length - 1]} read from examples/data/prices.csv; every figure computed by the library)\n`,
);

section('1. Data and returns', runReturnsStep(data));

section('2. Covariance', runCovarianceStep(returns, tickers));
const lw = ledoitWolf(returns);
const hrp = hierarchicalRiskParity(lw.covariance, { linkage: 'single' });
chart(
  correlationHeatmap(correlationFromCovariance(lw.covariance).correlation, {
    labels: tickers,
    order: hrp.dendrogram.order,
    title: 'Correlations (Ledoit-Wolf), in HRP dendrogram order',
    id: 'corr',
  }),
);

section(
  '3. Expected returns, Black-Litterman, ERC and HRP',
  runAllocationStep({ returns, tickers, marketCaps: data.assets.map((a) => a.marketCap), periodsPerYear: ppy }),
);

// The constrained optimisation the later steps use: max Sharpe, long-only, ≤ 15 % per asset, ≤ 25 % per sector.
section('4. Constrained optimisation', runOptimizeStep(returns, data.assets, rf));
// the same inputs as step 4: one Moments (mean daily returns and the sample covariance, checked
// once and labelled by ticker) that every optimiser and risk report below takes as it is
const m = moments(returns, { mean: 'historical' });
const mu = m.mu!;
const cov = m.covariance;
const groups = [...new Set(sectors)].sort().map((s) => ({ name: s, assets: tickers.filter((_, i) => sectors[i] === s), max: 0.25 }));
const constraints = { bounds: [0, 0.15] as [number, number], groups };
const ms = maxSharpe(m, { ...constraints, riskFreeRate: rf });
const mv = minVariance(m, { ...constraints, riskFreeRate: rf });
const frontier = efficientFrontier(m, { ...constraints, points: 30 });
const annual = (p: { volatility: number; expectedReturn: number }) => ({ volatility: p.volatility * Math.sqrt(ppy), expectedReturn: p.expectedReturn * ppy });
chart(
  efficientFrontierChart(
    {
      frontier: frontier.points.map(annual),
      corners: frontier.corners.map(annual),
      assets: tickers.map((t, i) => ({ label: t, ...annual({ volatility: Math.sqrt(cov.get(i, i)), expectedReturn: mu[i]! }) })),
      maxSharpe: annual({ volatility: ms.volatility, expectedReturn: ms.expectedReturn ?? 0 }),
      minVariance: annual({ volatility: mv.volatility, expectedReturn: mv.expectedReturn ?? 0 }),
      riskFreeRate: rf * ppy,
    },
    { title: 'Efficient frontier (annualised; ≤ 15 % per asset, ≤ 25 % per sector)', id: 'frontier' },
  ),
);
const weights = ms.weights;
const held = tickers.map((t, i) => [t, weights[i]!] as const).filter(([, w]) => w > 1e-6);
chart(weightsChart(Object.fromEntries(held), { sort: true, title: 'Max-Sharpe weights', id: 'weights' }));
const rc = riskContributions(weights, m);
const heldIdx = tickers.map((_, i) => i).filter((i) => weights[i]! > 1e-6);
chart(
  riskContributionChart(
    { labels: heldIdx.map((i) => tickers[i]!), weights: heldIdx.map((i) => weights[i]!), contributions: heldIdx.map((i) => rc.percentage[i]!) },
    { title: 'Max-Sharpe: weights and risk contributions', id: 'rc' },
  ),
);

section('5. Risk', runRiskStep(data, weights));

section('6. Performance and attribution', runPerformanceStep({ returns, weights, sectors, periodsPerYear: ppy, riskFreeRate: rf }));
const port = portfolioReturns(returns, weights); // a dated one-column ReturnTable
chart(drawdownChart(port, { title: 'Max-Sharpe portfolio (daily rebalanced): wealth and drawdown', id: 'dd' }));
{
  // Brinson-Fachler by sector against equal weights, every day, linked with Cariño.
  const n = tickers.length;
  const bench = new Array<number>(n).fill(1 / n);
  const periods = returns.values
    .toArray()
    .map((r) => brinsonFachler({ portfolioWeights: weights, benchmarkWeights: bench, portfolioReturns: r, benchmarkReturns: r, segments: sectors }));
  const linked = linkAttribution(periods, { method: 'carino' });
  chart(
    attributionChart(
      {
        segments: linked.segments.map((name, k) => ({
          name,
          allocation: linked.allocation![k]!,
          selection: linked.selection![k]!,
          interaction: linked.interaction![k]!,
        })),
      },
      { title: 'Brinson-Fachler by sector vs equal weights, linked (Cariño)', id: 'attr' },
    ),
  );
}

section('7. Tax lots', runTaxLotsStep(data));

section('8. Rebalancing, costs, taxes and compliance', runRebalanceStep(data, ms.weightsByAsset!));

const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>quantivista demo report</title>
<style>body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#1a1a1a}pre{background:#f6f6f6;padding:1em;overflow-x:auto;font-size:12px}figure{margin:1.5em 0}h2{border-bottom:1px solid #ddd;padding-bottom:.2em}</style>
</head><body><h1>quantivista demo report</h1><p>${escapeHtml(`${tickers.length} fictional assets, daily prices ${dates[0]} .. ${dates[dates.length - 1]}. Generated by npm run demo.`)}</p>
${html.join('\n')}
</body></html>
`;
writeFileSync('report.html', page);
process.stdout.write(
  `\nWrote report.html (${html.filter((h) => h.startsWith('<figure>')).length} charts). Done in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`,
);
