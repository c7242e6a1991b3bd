/**
 * Exponentially weighted (RiskMetrics) covariance.
 *
 * @module
 */
import { InvalidArgumentError } from '../core/errors.ts';
import { wrapMatrix, type Matrix, type MatrixLike } from '../core/matrix.ts';
import { resolveAssets, type TableLike } from '../core/table.ts';
import { checkOneOf, checkOptions, checkRange } from '../core/validate.ts';
import { gramUpper, labelMatrix, readMissing, readReturns, transposeCentred } from './gram-kernel.ts';

const EWMA_NOT_PAIRWISE =
  "the weights are attached to periods counted back from the last row and sum to one over the whole window; over a pair's own common periods they do not, and renormalising them (pandas' ewm with gaps) or restarting the RiskMetrics recursion at each pair's first common period define two different estimators, neither of which is this one.";

/** How the weights of {@link ewmaCovariance} are formed. */
export type EwmaForm = 'recursive' | 'normalized';

/** Options of {@link ewmaCovariance}. Give `lambda` or `halfLife`, not both. */
export interface EwmaCovarianceOptions {
  /** Decay factor λ in (0, 1); default 0.94 (RiskMetrics daily). */
  lambda?: number;
  /** Half-life in periods (> 0): λ = 0.5^(1 / halfLife). */
  halfLife?: number;
  /** `'recursive'` (default): the RiskMetrics recursion; `'normalized'`: weights λ^(T−t) scaled to sum to 1. */
  form?: EwmaForm;
  /** Subtract each column's arithmetic mean over the window first (default false). */
  demean?: boolean;
  /** Asset labels (one per column); the result then also carries `labelled`. A table's own assets are used when this is not given. */
  assets?: readonly string[];
  /**
   * Missing values (NaN / `null`): `'error'` (default) throws, naming the asset and date of a
   * table; `'drop'` drops every incomplete row and weights the rows kept by their position
   * (a dropped period does not decay the weights). `'pairwise'` is refused (see the function).
   */
  missing?: 'error' | 'drop';
  /** Skip the check that refuses prices passed where returns belong. */
  assumeReturns?: boolean;
}

/** Result of {@link ewmaCovariance}. */
export interface EwmaCovarianceResult {
  /** The EWMA covariance at the last period, per period. */
  covariance: Matrix;
  /** The decay factor λ used. */
  lambda: number;
  /** The half-life ln(0.5) / ln(λ) in periods. */
  halfLife: number;
  /** The weighting form used. */
  form: EwmaForm;
  /** Whether the columns were demeaned. */
  demeaned: boolean;
  /** Kish effective number of observations (Σw)² / Σw² of the weights used. */
  effectiveObservations: number;
  /** Number of periods T. */
  observations: number;
  /** Asset labels, when given or read from a table. */
  assets?: string[];
  /** `labelled[a][b]` = EWMA covariance of assets a and b, when `assets` was given. */
  labelled?: Record<string, Record<string, number>>;
}

/**
 * Exponentially weighted moving-average covariance at the last period (RiskMetrics 1996).
 *
 * - `form: 'recursive'` (default): Σ_1 = r_1 r_1ᵀ, Σ_t = λ Σ_{t−1} + (1 − λ) r_t r_tᵀ, i.e.
 *   Σ_T = λ^(T−1) r_1 r_1ᵀ + (1 − λ) Σ_{t=2..T} λ^(T−t) r_t r_tᵀ (equal to pandas
 *   `ewm(alpha = 1 − λ, adjust = False)` on the products). Evaluated in this closed form with
 *   the blocked Gram kernel (same value as the recursion to rounding, far faster).
 * - `form: 'normalized'`: Σ = Σ_t w_t r_t r_tᵀ with w_t = λ^(T−t) / Σ_s λ^(T−s) (pandas
 *   `adjust = True`).
 *
 * Returns are not demeaned by default (RiskMetrics assumes zero mean daily returns); with
 * `demean: true` each column's arithmetic mean over the window is subtracted first (the
 * convention of PyPortfolioOpt's `exp_cov`). Per period, never annualised.
 *
 * Missing values: a NaN / `null` throws (naming the asset and date of a table) unless
 * `missing: 'drop'`, which keeps the complete rows and weights them by their position among the
 * rows kept. There is no `'pairwise'` form: the weights belong to periods counted back from the
 * last row and sum to one over the whole window, not over a pair's common periods, and the two
 * ways of mending that (renormalising, or restarting the recursion per pair) are different
 * estimators; asking for it throws, saying so. A table labels the result with its assets.
 *
 * @param returns T x n returns, T ≥ 2, oldest first.
 * @throws {InsufficientDataError} when T < 2. @throws {DimensionError} on ragged rows.
 * @throws {InvalidArgumentError} on NaN / `null` (unless `missing: 'drop'`), `missing: 'pairwise'`, ±Infinity, prices where returns belong, an unknown option, `lambda` outside (0, 1), `halfLife` ≤ 0, or both given.
 * @example
 * ```ts
 * import { ewmaCovariance } from 'quantivista/covariance';
 * const { covariance } = ewmaCovariance([[0.01], [0.02]], { lambda: 0.9 });
 * console.log(covariance.get(0, 0)); // 0.00013
 * ```
 */
export function ewmaCovariance(returns: MatrixLike | TableLike, options?: EwmaCovarianceOptions): EwmaCovarianceResult {
  const fn = 'ewmaCovariance';
  const opts = checkOptions(fn, options, ['lambda', 'halfLife', 'form', 'demean', 'assets', 'missing', 'assumeReturns']);
  const missing = readMissing(fn, opts.missing, ['error', 'drop'] as const, EWMA_NOT_PAIRWISE);
  if (opts.lambda !== undefined && opts.halfLife !== undefined) {
    throw new InvalidArgumentError(`${fn}: give \`lambda\` or \`halfLife\`, not both (got ${opts.lambda} and ${opts.halfLife}).`, 'halfLife', opts.halfLife);
  }
  let lambda = 0.94;
  if (opts.lambda !== undefined) lambda = checkRange(fn, 'lambda', opts.lambda, { min: 0, max: 1, minOpen: true, maxOpen: true });
  if (opts.halfLife !== undefined) {
    const h = checkRange(fn, 'halfLife', opts.halfLife, { min: 0, minOpen: true });
    lambda = Math.exp(-Math.LN2 / h);
    if (!(lambda > 0 && lambda < 1)) {
      throw new InvalidArgumentError(`${fn}: \`halfLife\` (${h}) gives a decay factor ${lambda} outside (0, 1).`, 'halfLife', h);
    }
  }
  const form = opts.form === undefined ? 'recursive' : checkOneOf(fn, 'form', opts.form, ['recursive', 'normalized'] as const);
  if (opts.demean !== undefined && typeof opts.demean !== 'boolean') {
    throw new InvalidArgumentError(`${fn}: \`demean\` must be a boolean, got ${typeof opts.demean}.`, 'demean', typeof opts.demean);
  }
  const demean = opts.demean === true;
  const { data, T, n } = readReturns(fn, returns, 'returns', { missing, assumeReturns: opts.assumeReturns });
  const assets = resolveAssets(fn, opts.assets, returns, n);
  const w = new Float64Array(T);
  for (let t = 0; t < T; t++) w[t] = Math.pow(lambda, T - 1 - t);
  if (form === 'recursive') {
    for (let t = 1; t < T; t++) w[t] = (1 - lambda) * (w[t] as number);
  } else {
    let s = 0;
    for (let t = 0; t < T; t++) s += w[t] as number;
    for (let t = 0; t < T; t++) w[t] = (w[t] as number) / s;
  }
  let sw = 0;
  let sw2 = 0;
  for (let t = 0; t < T; t++) {
    sw += w[t] as number;
    sw2 += (w[t] as number) * (w[t] as number);
  }
  const { xt } = transposeCentred(data, T, n, demean);
  const root = new Float64Array(T);
  for (let t = 0; t < T; t++) root[t] = Math.sqrt(w[t] as number);
  for (let i = 0; i < n; i++) {
    const row = i * T;
    for (let t = 0; t < T; t++) xt[row + t] = (xt[row + t] as number) * (root[t] as number);
  }
  const cov = gramUpper(xt, n, T, 1);
  const result: EwmaCovarianceResult = {
    covariance: wrapMatrix(n, n, cov),
    lambda,
    halfLife: Math.log(0.5) / Math.log(lambda),
    form,
    demeaned: demean,
    effectiveObservations: (sw * sw) / sw2,
    observations: T,
  };
  if (assets) {
    result.assets = assets;
    result.labelled = labelMatrix(assets, cov);
  }
  return result;
}
