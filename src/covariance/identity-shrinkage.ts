/**
 * Internal: the steps shared by the fixed-intensity (`shrunkCovariance`) and oracle
 * (`oracleApproximatingShrinkage`) shrinkage towards the scaled identity — the 1/T covariance
 * S = XᵀX / T of the centred returns with μ = trace(S) / n, and Σ = (1 − δ) S + δ μ I.
 *
 * @module
 * @internal
 */
import type { MatrixLike } from '../core/matrix.ts';
import { resolveAssets, type TableLike } from '../core/table.ts';
import { columnMeans, gramRows, readMissing, readReturns, SHRINKAGE_NOT_PAIRWISE, trace } from './gram-kernel.ts';

/**
 * Read the returns (`missing`: `'error'` or `'drop'`, `'pairwise'` refused) and labels, and form
 * S = XᵀX / T of the centred returns and μ = trace(S) / n.
 */
export function identityShrinkageInput(
  fn: string,
  returns: MatrixLike | TableLike,
  opts: { assets?: readonly string[]; missing?: unknown; assumeReturns?: boolean },
): { S: Float64Array; mu: number; T: number; n: number; assets: string[] | undefined } {
  const missing = readMissing(fn, opts.missing, ['error', 'drop'] as const, SHRINKAGE_NOT_PAIRWISE);
  const { data, T, n } = readReturns(fn, returns, 'returns', { missing, assumeReturns: opts.assumeReturns, fourthMoments: true });
  const assets = resolveAssets(fn, opts.assets, returns, n);
  const S = gramRows(data, T, n, columnMeans(data, T, n), 1 / T);
  return { S, mu: trace(S, n) / n, T, n, assets };
}

/** (1 − δ) S + δ μ I as a new flat n x n array. */
export function shrinkToIdentity(S: Float64Array, n: number, delta: number, mu: number): Float64Array {
  const cov = new Float64Array(n * n);
  for (let k = 0; k < n * n; k++) cov[k] = (1 - delta) * S[k];
  for (let i = 0; i < n; i++) cov[i * n + i] = cov[i * n + i] + delta * mu;
  return cov;
}
