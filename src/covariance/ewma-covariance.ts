/**
 * Exponentially weighted (RiskMetrics) covariance.
 *
 * @module
 */
import { DimensionError, InvalidArgumentError } from '../core/errors.ts';
import { checkSizeCap, SIZE_CAPS } from '../core/limits.ts';
import { matrixData, wrapMatrix, type Matrix, type MatrixLike } from '../core/matrix.ts';
import { portableExp, portableLog } from '../core/portable-math.ts';
import { portablePow } from '../core/portable-pow.ts';
import { resolveAssets, type TableLike } from '../core/table.ts';
import { checkOneOf, checkOptions, checkRange, toReturnsMatrix, toSymmetricMatrix } from '../core/validate.ts';
import { gramUpper, readMissing, readReturns, transposeCentred, withLabels } from './gram-kernel.ts';

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
  /**
   * Daily RiskMetrics update: the covariance Σ_{t−1} of the previous period (a symmetric matrix,
   * or the result of an earlier `ewmaCovariance` call), to which the rows of `returns` (one or
   * more new periods, oldest first) are added by Σ_t = λ Σ_{t−1} + (1 − λ) r_t r_tᵀ. Only with
   * the `'recursive'` form and without `demean`. See {@link ewmaCovariance}.
   */
  prior?: MatrixLike | EwmaCovarianceResult;
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
 * - `prior` given (daily RiskMetrics update): starting from Σ_0 = prior, each row r_t of `returns`
 *   (T ≥ 1, oldest first; a single new row is the daily case) gives Σ_t = λ Σ_{t−1} + (1 − λ) r_t r_tᵀ,
 *   evaluated row by row. This is the `'recursive'` form continued: updating the batch estimate of
 *   rows 1..k with rows k+1..T equals the batch estimate of rows 1..T (to rounding). So `form:
 *   'normalized'` and `demean: true` (whose weights or mean depend on the whole window) are
 *   refused with a prior. When `prior` is an earlier result, its `lambda` is used unless `lambda`
 *   / `halfLife` is given (a different λ throws), `observations` and `effectiveObservations` carry
 *   on from it, and its `assets` label the result; a plain matrix prior is taken as summarising a
 *   long history, so `effectiveObservations` counts it as the Kish size (1 + λ) / (1 − λ) of an
 *   infinite recursive window, and `observations` counts only the new rows.
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
 * Size caps: at most `SIZE_CAPS.assets` (20,000) assets, `SIZE_CAPS.periods` (10,000,000) periods
 * and `SIZE_CAPS.entries` (50,000,000) periods x assets, checked once the returns are read, before
 * the weights, the scaled copy and the n x n result are allocated. The decay weights λ^k come from
 * core's portable power function, so the result is the same bits in every engine.
 *
 * @param returns T x n returns, T ≥ 2 (T ≥ 1 with `prior`), oldest first.
 * @throws {SizeLimitError} beyond a size cap.
 * @throws {InsufficientDataError} when T < 2 (T < 1 with `prior`). @throws {DimensionError} on ragged rows, or a
 * `prior` that is not n x n (or whose assets differ from the returns').
 * @throws {InvalidArgumentError} on NaN / `null` (unless `missing: 'drop'`), `missing: 'pairwise'`, ±Infinity, prices where returns belong, an unknown option, `lambda` outside (0, 1), `halfLife` ≤ 0, or both given;
 * with `prior`: a non-symmetric or non-finite prior, `form: 'normalized'`, `demean: true`, or a `lambda` other than the prior result's.
 * @example
 * ```ts
 * import { ewmaCovariance } from 'quantivista/covariance';
 * const { covariance } = ewmaCovariance([[0.01], [0.02]], { lambda: 0.9 });
 * console.log(covariance.get(0, 0)); // 0.00013
 * // daily update: Σ_t = 0.9 · 0.0001 + 0.1 · 0.02² = 0.00013 (the same as above)
 * const next = ewmaCovariance([[0.02]], { prior: [[0.0001]], lambda: 0.9 });
 * console.log(next.covariance.get(0, 0)); // 0.00013
 * ```
 */
export function ewmaCovariance(returns: MatrixLike | TableLike, options?: EwmaCovarianceOptions): EwmaCovarianceResult {
  const fn = 'ewmaCovariance';
  const opts = checkOptions(fn, options, ['lambda', 'halfLife', 'form', 'demean', 'assets', 'missing', 'assumeReturns', 'prior']);
  const missing = readMissing(fn, opts.missing, ['error', 'drop'] as const, EWMA_NOT_PAIRWISE);
  const given = readLambda(fn, opts);
  const form = opts.form === undefined ? 'recursive' : checkOneOf(fn, 'form', opts.form, ['recursive', 'normalized'] as const);
  if (opts.demean !== undefined && typeof opts.demean !== 'boolean') {
    throw new InvalidArgumentError(`${fn}: \`demean\` must be a boolean, got ${typeof opts.demean}.`, 'demean', typeof opts.demean);
  }
  const demean = opts.demean === true;
  if (opts.prior !== undefined) return ewmaUpdate(fn, returns, opts, given, form, demean, missing);
  const lambda = given ?? 0.94;
  const { data, T, n } = readReturns(fn, returns, 'returns', { missing, assumeReturns: opts.assumeReturns });
  checkEwmaSize(fn, T, n);
  const assets = resolveAssets(fn, opts.assets, returns, n);
  const w = new Float64Array(T);
  for (let t = 0; t < T; t++) w[t] = portablePow(lambda, T - 1 - t);
  if (form === 'recursive') {
    for (let t = 1; t < T; t++) w[t] = (1 - lambda) * w[t];
  } else {
    let s = 0;
    for (let t = 0; t < T; t++) s += w[t];
    for (let t = 0; t < T; t++) w[t] = w[t] / s;
  }
  let sw = 0;
  let sw2 = 0;
  for (let t = 0; t < T; t++) {
    sw += w[t];
    sw2 += w[t] * w[t];
  }
  const { xt } = transposeCentred(data, T, n, demean);
  const root = new Float64Array(T);
  for (let t = 0; t < T; t++) root[t] = Math.sqrt(w[t]);
  for (let i = 0; i < n; i++) {
    const row = i * T;
    for (let t = 0; t < T; t++) xt[row + t] = xt[row + t] * root[t];
  }
  const cov = gramUpper(xt, n, T, 1);
  const result: EwmaCovarianceResult = {
    covariance: wrapMatrix(n, n, cov),
    lambda,
    halfLife: portableLog(0.5) / portableLog(lambda),
    form,
    demeaned: demean,
    effectiveObservations: (sw * sw) / sw2,
    observations: T,
  };
  return withLabels(result, assets, cov);
}

/** The size caps of {@link ewmaCovariance}, checked before the weights, the scaled copy and the n x n result are allocated. */
function checkEwmaSize(fn: string, T: number, n: number): void {
  checkSizeCap(fn, 'returns (assets)', n, SIZE_CAPS.assets);
  checkSizeCap(fn, 'returns (periods)', T, SIZE_CAPS.periods);
  checkSizeCap(fn, 'returns (periods x assets)', T * n, SIZE_CAPS.entries, 'estimate on a shorter window or update from a prior result');
}

/** Read `lambda` / `halfLife` (at most one); `undefined` when neither is given. */
function readLambda(fn: string, opts: EwmaCovarianceOptions): number | undefined {
  if (opts.lambda !== undefined && opts.halfLife !== undefined) {
    throw new InvalidArgumentError(`${fn}: give \`lambda\` or \`halfLife\`, not both (got ${opts.lambda} and ${opts.halfLife}).`, 'halfLife', opts.halfLife);
  }
  if (opts.lambda !== undefined) return checkRange(fn, 'lambda', opts.lambda, { min: 0, max: 1, minOpen: true, maxOpen: true });
  if (opts.halfLife !== undefined) {
    const h = checkRange(fn, 'halfLife', opts.halfLife, { min: 0, minOpen: true });
    const lambda = portableExp(-Math.LN2 / h);
    if (!(lambda > 0 && lambda < 1)) {
      throw new InvalidArgumentError(`${fn}: \`halfLife\` (${h}) gives a decay factor ${lambda} outside (0, 1).`, 'halfLife', h);
    }
    return lambda;
  }
  return undefined;
}

function isEwmaResult(x: unknown): x is EwmaCovarianceResult {
  return x !== null && typeof x === 'object' && !Array.isArray(x) && 'covariance' in x && 'lambda' in x && 'effectiveObservations' in x;
}

/** The RiskMetrics update of {@link ewmaCovariance} from `opts.prior` (see there). */
function ewmaUpdate(
  fn: string,
  returns: MatrixLike | TableLike,
  opts: EwmaCovarianceOptions,
  given: number | undefined,
  form: EwmaForm,
  demean: boolean,
  missing: 'error' | 'drop',
): EwmaCovarianceResult {
  if (form !== 'recursive') {
    throw new InvalidArgumentError(
      `${fn}: \`prior\` updates the recursive form; \`form: 'normalized'\` rescales the weights over the whole window and has no update from a prior.`,
      'form',
      form,
    );
  }
  if (demean) {
    throw new InvalidArgumentError(
      `${fn}: \`prior\` cannot be combined with \`demean: true\` (the window mean changes with every new row); the RiskMetrics update assumes zero-mean returns.`,
      'demean',
      true,
    );
  }
  const prior = opts.prior as MatrixLike | EwmaCovarianceResult;
  const fromResult = isEwmaResult(prior);
  let lambda = given ?? (fromResult ? prior.lambda : 0.94);
  if (fromResult && given !== undefined && given !== prior.lambda) {
    throw new InvalidArgumentError(
      `${fn}: \`lambda\` (${given}) differs from the prior result's λ (${prior.lambda}); omit \`lambda\` to continue with the prior's.`,
      'lambda',
      given,
    );
  }
  if (fromResult) lambda = checkRange(fn, 'prior.lambda', prior.lambda, { min: 0, max: 1, minOpen: true, maxOpen: true });
  const m = toReturnsMatrix(fn, 'returns', returns as MatrixLike, {
    minRows: 1,
    missing,
    ...(opts.assumeReturns === undefined ? {} : { assumeReturns: opts.assumeReturns }),
  });
  const data = matrixData(m);
  const T = m.rows;
  const n = m.cols;
  checkEwmaSize(fn, T, n);
  const P = toSymmetricMatrix(fn, 'prior', fromResult ? prior.covariance : prior);
  if (P.rows !== n) throw new DimensionError(`${fn}: \`prior\` must be ${n} x ${n} (one row per column of \`returns\`), got ${P.rows} x ${P.cols}.`);
  let assets = resolveAssets(fn, opts.assets, returns, n);
  if (fromResult && prior.assets !== undefined) {
    if (assets === undefined) assets = prior.assets.slice();
    else if (assets.some((a, i) => a !== prior.assets?.[i])) {
      throw new DimensionError(`${fn}: the assets of \`returns\` (${assets.join(', ')}) differ from those of \`prior\` (${prior.assets.join(', ')}).`);
    }
  }
  const S = Float64Array.from(matrixData(P));
  const a = 1 - lambda;
  for (let t = 0; t < T; t++) {
    const r = data.subarray(t * n, t * n + n);
    for (let i = 0; i < n; i++) {
      const ri = r[i];
      // a · (r_i r_j) is the same for (i, j) and (j, i), so a symmetric prior stays exactly symmetric
      for (let j = 0; j < n; j++) S[i * n + j] = lambda * S[i * n + j] + a * (ri * r[j]);
    }
  }
  for (let k = 0; k < S.length; k++) {
    if (!Number.isFinite(S[k]))
      throw new InvalidArgumentError(
        `${fn}: the updated covariance overflows (a return of magnitude ~${Math.sqrt(Math.abs(S[k]))}); returns are expected as fractions.`,
        'returns',
        'overflow',
      );
  }
  // Σ of the weights is 1 in the recursive form; Σ w² = λ^(2T) · Σ w²_prior + Σ_t ((1 − λ) λ^(T−1−t))²
  const priorSw2 = fromResult ? 1 / prior.effectiveObservations : (1 - lambda) / (1 + lambda);
  let sw2 = portablePow(lambda, 2 * T) * priorSw2;
  for (let t = 0; t < T; t++) sw2 += portablePow(a * portablePow(lambda, T - 1 - t), 2);
  const result: EwmaCovarianceResult = {
    covariance: wrapMatrix(n, n, S),
    lambda,
    halfLife: portableLog(0.5) / portableLog(lambda),
    form,
    demeaned: false,
    effectiveObservations: 1 / sw2,
    observations: T + (fromResult ? prior.observations : 0),
  };
  return withLabels(result, assets, S);
}
