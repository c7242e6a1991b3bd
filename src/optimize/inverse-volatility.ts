/**
 * The inverse-volatility portfolio.
 *
 * @module
 */
import type { Moments } from '../core/covariance-reader.ts';
import { InvalidArgumentError } from '../core/errors.ts';
import type { MatrixLike } from '../core/matrix.ts';
import { labelWeights, type SimpleWeightsResult } from './equal-weight.ts';
import { readOptimizerInput } from './portfolio-constraints.ts';

/**
 * The inverse-volatility portfolio: w_i = (1/σ_i) / Σ_j (1/σ_j) with σ_i = sqrt(Σ_ii) — the
 * naive risk-parity portfolio, equal to the equal-risk-contribution one when correlations are
 * all equal. Only the diagonal of `cov` is used (the matrix is still checked to be symmetric).
 *
 * `cov` may be a `Moments` (see `moments()` in `quantivista/expected-returns`): its covariance is
 * used (a `Moments` the library built skips the O(n³) positive-semidefiniteness re-check; any
 * other object is fully checked) and its assets label the result (a given `assets` must match).
 *
 * @param cov n x n covariance matrix. @param options `assets` names for `weightsByAsset`.
 * Size cap: n ≤ `SIZE_CAPS.denseAssets` (5,000 assets; the positive-semidefiniteness check of `cov` is O(n³)), checked before `cov` is converted.
 * @throws {SizeLimitError} above the size cap.
 * @throws {InvalidArgumentError} when an asset has zero variance (its weight would be infinite).
 * @throws {DimensionError} when `cov` is not square.
 * @throws {NotPositiveDefiniteError} when `cov` is indefinite beyond rounding (pivoted Cholesky, tolerance 1e-10 · max diagonal; rank-deficient PSD is fine).
 * @example
 * ```ts
 * import { inverseVolatility } from 'quantivista/optimize';
 * console.log(inverseVolatility([[0.04, 0], [0, 0.01]]).weights); // [0.3333333333333333, 0.6666666666666666]
 * ```
 */
export function inverseVolatility(cov: MatrixLike | Moments, options?: { assets?: readonly string[] }): SimpleWeightsResult {
  const fn = 'inverseVolatility';
  const { n, S, opts } = readOptimizerInput(fn, cov, options, ['assets']);
  const inv = new Array<number>(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const v = S[i * n + i];
    if (!(v > 0)) throw new InvalidArgumentError(`${fn}: asset ${i} has zero variance, so its inverse volatility is infinite.`, 'cov', v);
    inv[i] = 1 / Math.sqrt(v);
    total += inv[i];
  }
  return labelWeights(
    fn,
    inv.map((v) => v / total),
    opts.assets,
  );
}
