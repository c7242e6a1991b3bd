/**
 * Equilibrium (reverse-optimised) expected returns.
 *
 * @module
 */
import { DimensionError } from '../core/errors.ts';
import { matrixData, toVector, type MatrixLike, type VectorLike } from '../core/matrix.ts';
import { SIZE_CAPS } from '../core/limits.ts';
import { checkMatrixCap } from '../optimize/constraint-readers.ts';
import { checkFinite, checkOptions, toSymmetricMatrix } from '../core/validate.ts';
import { guardFinite } from '../covariance/overflow-guard.ts';
import { BL_SCALE_HINT, checkRiskAversion } from './bl-checks.ts';

/** Options of {@link impliedReturns}. */
export interface ImpliedReturnsOptions {
  /** Risk aversion δ in [1e-8, 1e8] (e.g. from impliedRiskAversion; He & Litterman use 2.5). Required. */
  riskAversion: number;
  /** Risk-free rate added to the implied excess returns, same period as `cov`. Default 0. */
  riskFreeRate?: number;
}

/**
 * Market-implied equilibrium returns by reverse optimisation: π = δ Σ w_mkt + r_f (Black &
 * Litterman 1992; He & Litterman 1999, eq. 1). δ Σ w_mkt are the excess returns that make the
 * market portfolio the unconstrained mean-variance optimum; `riskFreeRate` turns them into total
 * returns (default 0: excess returns). Per period of `cov`.
 *
 * The market weights are used as given (they need not sum to 1, e.g. when cash is excluded).
 *
 * @param cov covariance matrix (symmetric, finite).
 * @param marketWeights market-capitalisation weights (see marketCapWeights).
 * @throws {DimensionError} on shape mismatch. @throws {InvalidArgumentError} on NaN, a
 * non-symmetric `cov`, a missing `riskAversion` or one outside [1e-8, 1e8], or inputs so far out
 * of scale that π overflows double precision (the error names the input of largest magnitude).
 * @throws {SizeLimitError} when `cov` has more than `SIZE_CAPS.assets` rows.
 *
 * Size cap: n ≤ `SIZE_CAPS.assets` (20,000; the product Σw is O(n²)).
 * @example
 * ```ts
 * import { impliedReturns } from 'quantivista/black-litterman';
 * const cov = [[0.04, 0.01], [0.01, 0.09]];
 * console.log(impliedReturns(cov, [0.6, 0.4], { riskAversion: 2.5 })); // [0.07, 0.105]
 * ```
 */
export function impliedReturns(cov: MatrixLike, marketWeights: VectorLike, options: ImpliedReturnsOptions): number[] {
  const fn = 'impliedReturns';
  const opts = checkOptions(fn, options, ['riskAversion', 'riskFreeRate']);
  const delta = checkRiskAversion(fn, opts.riskAversion);
  const rf = opts.riskFreeRate === undefined ? 0 : checkFinite(fn, 'riskFreeRate', opts.riskFreeRate);
  checkMatrixCap(fn, 'cov', cov, SIZE_CAPS.assets, true);
  const m = toSymmetricMatrix(fn, 'cov', cov);
  const n = m.rows;
  const w = toVector(marketWeights, fn, 'marketWeights');
  if (w.length !== n) throw new DimensionError(`${fn}: \`marketWeights\` must have ${n} entries (one per row of \`cov\`), got ${w.length}.`);
  const S = matrixData(m);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += S[i * n + j] * w[j];
    out[i] = delta * s + rf;
  }
  guardFinite(
    fn,
    'π',
    out,
    [
      ['cov', S],
      ['marketWeights', w],
      ['riskFreeRate', rf],
      ['riskAversion', delta],
    ],
    BL_SCALE_HINT,
  );
  return out;
}
