import { DimensionError, InvalidArgumentError } from '../core/errors.ts';
import { matrixData, toMatrix, wrapMatrix, type MatrixLike } from '../core/matrix.ts';
import { neumaierSum } from '../core/stats.ts';
import { checkFinite, checkOneOf, checkOptions, toReturnsMatrix } from '../core/validate.ts';
import { checkAssetLabels, labelled, type ExpectedReturnsResult } from './labels.ts';
import { meanReturnsKernel } from './mean-historical-return.ts';

/** Options of {@link capmReturn}. */
export interface CapmReturnOptions {
  /** Risk-free rate per period (same period as the returns). Default 0. */
  riskFreeRate?: number;
  /** How the market's mean return is taken: `'arithmetic'` (default) or `'geometric'` (see `meanHistoricalReturn`). */
  compounding?: 'arithmetic' | 'geometric';
  /** Asset labels (one per column); adds `byAsset` and `betasByAsset`. */
  assets?: readonly string[];
  /** Rows where an asset or the market return is missing (NaN / `null`): `'error'` (default) or `'drop'` them. */
  missing?: 'error' | 'drop';
}

/** Result of {@link capmReturn}. */
export interface CapmReturnResult extends ExpectedReturnsResult {
  /** β_i = cov(r_i, r_m) / var(r_m), both with ddof = 1 (the ratio does not depend on ddof). */
  betas: number[];
  /** Mean market return per period (arithmetic or geometric per `compounding`). */
  marketReturn: number;
  /** The risk-free rate used, per period. */
  riskFreeRate: number;
  /** `betas` keyed by the `assets` labels (only when `assets` was given). */
  betasByAsset?: Record<string, number>;
}

/**
 * CAPM expected returns per period: μ_i = r_f + β_i (E[r_m] − r_f), with
 * β_i = cov(r_i, r_m) / var(r_m) estimated from the sample (ddof = 1 in both, as pandas' `cov`)
 * and E[r_m] the historical mean market return. This is PyPortfolioOpt's `capm_return` before
 * annualising, with the market passed explicitly; nothing here assumes 252 days.
 *
 * @param returns T x n simple asset returns (rows = periods, oldest first), T ≥ 2. Not modified.
 * @param marketReturns T market (benchmark) returns for the same periods. Not modified.
 * @returns `{ expectedReturns, periods, betas, marketReturn, riskFreeRate, byAsset?, betasByAsset? }`.
 * @throws {InvalidArgumentError} on NaN / `null` in either input (unless `missing: 'drop'`, which drops
 *   the period everywhere), ±Infinity, constant market returns (β undefined), a non-finite
 *   `riskFreeRate`, bad `assets`, an unknown option.
 * @throws {DimensionError} when `marketReturns` does not have T entries, on ragged rows or a label count mismatch.
 * @throws {InsufficientDataError} with fewer than 2 periods.
 * @example
 * ```ts
 * import { capmReturn } from 'quantivista/expected-returns';
 * const market = [0.01, -0.02, 0.03, 0.0];
 * const returns = market.map((m) => [2 * m, 0.5 * m + 0.001]);
 * const c = capmReturn(returns, market, { riskFreeRate: 0.001 });
 * console.log(c.betas); // [2, 0.5]
 * console.log(c.expectedReturns); // [0.009, 0.003]
 * ```
 */
export function capmReturn(returns: MatrixLike, marketReturns: ArrayLike<number | null>, options?: CapmReturnOptions): CapmReturnResult {
  const fn = 'capmReturn';
  const opts = checkOptions(fn, options, ['riskFreeRate', 'compounding', 'assets', 'missing']);
  const rf = checkFinite(fn, 'riskFreeRate', opts.riskFreeRate ?? 0);
  const compounding = checkOneOf(fn, 'compounding', opts.compounding ?? 'arithmetic', ['arithmetic', 'geometric'] as const);
  const missing = checkOneOf(fn, 'missing', opts.missing ?? 'error', ['error', 'drop'] as const);
  // Asset returns with missing values kept (as NaN) so that 'drop' can drop periods jointly.
  const raw = toMatrix(returns, fn, 'returns', { allowNaN: true });
  if (raw.rows > 0 && raw.cols === 0) throw new DimensionError(`${fn}: \`returns\` has no columns.`);
  if (missing === 'error') toReturnsMatrix(fn, 'returns', raw, { minRows: 0 });
  if (marketReturns === null || typeof marketReturns !== 'object' || typeof marketReturns.length !== 'number') {
    throw new InvalidArgumentError(`${fn}: \`marketReturns\` must be an array of numbers, got ${marketReturns === null ? 'null' : typeof marketReturns}.`, 'marketReturns', String(marketReturns));
  }
  const T0 = raw.rows;
  const n = raw.cols;
  if (marketReturns.length !== T0) {
    throw new DimensionError(`${fn}: \`marketReturns\` must have ${T0} entries (one per row of \`returns\`), got ${marketReturns.length}.`);
  }
  const joined = new Float64Array(T0 * (n + 1));
  const rd = matrixData(raw);
  for (let t = 0; t < T0; t++) {
    joined.set(rd.subarray(t * n, t * n + n), t * (n + 1));
    const v = marketReturns[t] as unknown;
    let x: number;
    if (typeof v === 'number' && Number.isFinite(v)) x = v;
    else if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) {
      if (missing === 'error') {
        throw new InvalidArgumentError(
          `${fn}: \`marketReturns\` has a missing value (NaN or null) at entry ${t}; clean the data or pass \`missing: 'drop'\` to drop incomplete periods.`,
          'marketReturns',
          { row: t },
        );
      }
      x = Number.NaN;
    } else {
      throw new InvalidArgumentError(`${fn}: \`marketReturns\` must hold finite numbers, but entry ${t} is ${String(v)}.`, 'marketReturns', String(v));
    }
    joined[t * (n + 1) + n] = x;
  }
  const m = toReturnsMatrix(fn, 'returns', wrapMatrix(T0, n + 1, joined), { minRows: 2, missing });
  const labels = checkAssetLabels(fn, opts.assets, n);
  const d = matrixData(m);
  const T = m.rows;
  const w = n + 1;
  const mMean = neumaierSum(d, n, T, w) / T;
  const dm = new Float64Array(T);
  for (let t = 0; t < T; t++) dm[t] = (d[t * w + n] as number) - mMean;
  const prod = new Float64Array(T);
  for (let t = 0; t < T; t++) prod[t] = (dm[t] as number) * (dm[t] as number);
  const sxx = neumaierSum(prod);
  if (!(sxx > 0)) {
    throw new InvalidArgumentError(`${fn}: \`marketReturns\` are constant (zero variance over ${T} periods), so betas are undefined.`, 'marketReturns', mMean);
  }
  const betas = new Array<number>(n);
  for (let j = 0; j < n; j++) {
    const mean = neumaierSum(d, j, T, w) / T;
    for (let t = 0; t < T; t++) prod[t] = ((d[t * w + j] as number) - mean) * (dm[t] as number);
    betas[j] = neumaierSum(prod) / sxx;
  }
  let marketReturn: number;
  if (compounding === 'geometric') {
    for (let t = 0; t < T; t++) {
      const x = d[t * w + n] as number;
      if (x < -1) throw new InvalidArgumentError(`${fn}: geometric compounding needs market returns ≥ −1, but entry ${t} is ${x}.`, 'marketReturns', x);
    }
    const col = new Float64Array(T);
    for (let t = 0; t < T; t++) col[t] = d[t * w + n] as number;
    marketReturn = meanReturnsKernel(col, T, 1, true)[0] as number;
  } else {
    marketReturn = mMean;
  }
  const premium = marketReturn - rf;
  const expectedReturns = betas.map((b) => rf + b * premium);
  const result: CapmReturnResult = { expectedReturns, periods: T, betas, marketReturn, riskFreeRate: rf };
  if (labels) {
    result.byAsset = labelled(labels, expectedReturns);
    result.betasByAsset = labelled(labels, betas);
  }
  return result;
}
