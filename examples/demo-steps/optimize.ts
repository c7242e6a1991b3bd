/**
 * Demo step: portfolio optimisation on the sample data — the maximum Sharpe ratio and the
 * minimum-variance portfolios, long-only with at most 15 % per asset and 25 % per sector,
 * printed as a weight table with the binding constraints named. Optimisation runs on daily
 * (per-period) moments; the summary annualises explicitly with `periodsPerYear`.
 */
import type { MatrixLike } from '../../src/core/matrix.ts';
import type { TableLike } from '../../src/core/table.ts';
import { moments } from '../../src/expected-returns/index.ts';
import { maxSharpe, minVariance, type PortfolioResult } from '../../src/optimize/index.ts';

/** An asset of the universe: ticker and sector. */
export interface OptimizeStepAsset {
  ticker: string;
  sector: string;
}

/**
 * Returns the printed report text for the optimisation step of the demo.
 *
 * @param returns T x n daily returns (rows are periods, oldest first): a ReturnTable (`returnsTable(prices)`, as the demo passes) or a matrix.
 * @param assets n assets (ticker, sector) in column order.
 * @param riskFreeRate per-period risk-free rate.
 * @param options `periodsPerYear` for the annualised summary (default 252), `assetCap`
 *   (default 0.15), `sectorCap` (default 0.25).
 */
export function runOptimizeStep(
  returns: MatrixLike | TableLike,
  assets: readonly OptimizeStepAsset[],
  riskFreeRate: number,
  options: { periodsPerYear?: number; assetCap?: number; sectorCap?: number } = {},
): string {
  const ppy = options.periodsPerYear ?? 252;
  const assetCap = options.assetCap ?? 0.15;
  const sectorCap = options.sectorCap ?? 0.25;
  const tickers = assets.map((a) => a.ticker);
  // one Moments (historical mean, sample covariance) labelled by ticker, passed to both optimisers
  const m = moments(returns, { mean: 'historical', assets: tickers });
  const rows = tickers.length;
  const sectors = [...new Set(assets.map((a) => a.sector))].sort();
  const groups = sectors.map((s) => ({ name: s, assets: assets.filter((a) => a.sector === s).map((a) => a.ticker), max: sectorCap }));
  const common = { bounds: [0, assetCap] as const, groups };
  const ms = maxSharpe(m, { ...common, riskFreeRate });
  const mv = minVariance(m, { ...common, riskFreeRate });
  const lines: string[] = [];
  lines.push(`${rows} assets, long-only, at most ${assetCap * 100} % per asset and ${sectorCap * 100} % per sector; daily moments (mean, sample covariance)`);
  lines.push('');
  const w = Math.max(6, ...tickers.map((t) => t.length));
  const sw = Math.max(6, ...sectors.map((s) => s.length));
  lines.push(`${'asset'.padEnd(w)}  ${'sector'.padEnd(sw)}  ${'max Sharpe'.padStart(10)}  ${'min variance'.padStart(12)}`);
  const pct = (v: number) => (Math.abs(v) < 5e-7 ? '-' : `${(v * 100).toFixed(2)} %`);
  assets.forEach((a, i) => {
    if (Math.abs(ms.weights[i]!) < 5e-7 && Math.abs(mv.weights[i]!) < 5e-7) return;
    lines.push(`${a.ticker.padEnd(w)}  ${a.sector.padEnd(sw)}  ${pct(ms.weights[i]!).padStart(10)}  ${pct(mv.weights[i]!).padStart(12)}`);
  });
  const held = (r: PortfolioResult) => r.weights.filter((v) => v > 5e-7).length;
  lines.push(`${'(held)'.padEnd(w)}  ${''.padEnd(sw)}  ${String(held(ms)).padStart(10)}  ${String(held(mv)).padStart(12)}`);
  lines.push('');
  const summary = (name: string, r: PortfolioResult) =>
    `${name}: return ${((r.expectedReturn ?? 0) * ppy * 100).toFixed(2)} % a year, volatility ${(r.volatility * Math.sqrt(ppy) * 100).toFixed(2)} % a year, Sharpe ${((r.sharpeRatio ?? 0) * Math.sqrt(ppy)).toFixed(3)} (annualised ×${ppy}, ×√${ppy}); ${r.iterations} active-set iterations, KKT residual ${r.kktResidual.toExponential(1)}`;
  lines.push(summary('Max Sharpe', ms));
  lines.push(summary('Min variance', mv));
  lines.push('');
  const binding = (name: string, r: PortfolioResult) => {
    const b = r.bindingConstraints.filter((s) => !s.includes('at its lower bound 0'));
    const zeros = r.bindingConstraints.length - b.length;
    return `${name} binding constraints: ${b.join('; ')}${zeros ? `; and ${zeros} assets at their lower bound 0` : ''}`;
  };
  lines.push(binding('Max Sharpe', ms));
  lines.push(binding('Min variance', mv));
  return lines.join('\n');
}
