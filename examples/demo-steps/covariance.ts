/**
 * Demo step: the covariance report — sample covariance vs Ledoit-Wolf vs OAS (shrinkage,
 * condition number, smallest eigenvalue), the diagnostics verdict on the sample estimate, and
 * the strongest pairwise correlations. All figures are per period (daily for the sample data).
 */
import type { MatrixLike } from '../../src/core/matrix.ts';
import { correlationFromCovariance, covarianceDiagnostics, ledoitWolf, oracleApproximatingShrinkage, sampleCovariance } from '../../src/covariance/index.ts';

const sci = (x: number): string => x.toExponential(3);

/**
 * Returns the printed report text for the covariance step of the demo.
 *
 * @param returns T x n returns (rows are periods, oldest first): a ReturnTable (`returnsTable(prices)`, as the demo passes) or a matrix.
 * @param tickers n asset tickers, in column order.
 * @param options `top`: how many of the strongest correlations to list (default 5).
 */
export function runCovarianceStep(returns: MatrixLike, tickers: readonly string[], options: { top?: number } = {}): string {
  const top = options.top ?? 5;
  const sample = sampleCovariance(returns);
  const n = sample.covariance.rows;
  const T = sample.observations;
  const estimates = [
    { name: 'sample (ddof 1)', covariance: sample.covariance, shrinkage: undefined as number | undefined },
    { name: 'Ledoit-Wolf, identity', ...ledoitWolf(returns) },
    { name: 'Ledoit-Wolf, constant correlation', ...ledoitWolf(returns, { target: 'constant-correlation' }) },
    { name: 'OAS', ...oracleApproximatingShrinkage(returns) },
  ];
  const lines: string[] = [];
  lines.push(`Covariance of ${n} assets over ${T} periods (T/n = ${(T / n).toFixed(1)}), per period`);
  lines.push('');
  const w = Math.max(...estimates.map((e) => e.name.length));
  lines.push(`${'estimator'.padEnd(w)}  ${'shrinkage'.padStart(9)}  ${'condition no.'.padStart(13)}  ${'smallest eigenvalue'.padStart(19)}`);
  for (const e of estimates) {
    const d = covarianceDiagnostics(e.covariance, { input: 'covariance' });
    const cond = d.conditionNumber === null ? 'singular' : d.conditionNumber.toFixed(1);
    const shrink = e.shrinkage === undefined ? '-' : e.shrinkage.toFixed(4);
    lines.push(`${e.name.padEnd(w)}  ${shrink.padStart(9)}  ${cond.padStart(13)}  ${sci(d.smallestEigenvalue).padStart(19)}`);
  }
  lines.push('');
  lines.push(`Diagnosis of the sample estimate: ${covarianceDiagnostics(returns, { input: 'returns' }).verdict}`);
  lines.push('');
  const { correlation } = correlationFromCovariance(sample.covariance);
  const pairs: Array<{ a: number; b: number; r: number }> = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) pairs.push({ a: i, b: j, r: correlation.get(i, j) });
  pairs.sort((p, q) => Math.abs(q.r) - Math.abs(p.r) || p.a - q.a || p.b - q.b);
  lines.push(`Strongest sample correlations (top ${Math.min(top, pairs.length)}):`);
  for (const p of pairs.slice(0, top)) {
    lines.push(`  ${`${tickers[p.a] ?? `#${p.a}`} / ${tickers[p.b] ?? `#${p.b}`}`.padEnd(16)} ${p.r >= 0 ? ' ' : ''}${p.r.toFixed(3)}`);
  }
  return lines.join('\n');
}
