import { InsufficientDataError, InvalidArgumentError, DimensionError } from '../core/errors.ts';
import { matrixData, wrapMatrix, type MatrixLike } from '../core/matrix.ts';
import { seriesOnDates, tableDates, type TableLike } from '../core/table.ts';
import { showValue } from '../core/parse-decimal.ts';
import { neumaierSum } from '../core/stats.ts';
import { checkFinite, checkOneOf, checkOptions, toReturnsMatrix, type ReturnsMatrixOptions } from '../core/validate.ts';
import { readGappedReturns } from '../covariance/gapped-returns.ts';
import { labelled, readExpectedMissing, resolveLabels, type ExpectedReturnsMissing, type ExpectedReturnsResult } from './labels.ts';
import { meanReturnsKernel } from './mean-historical-return.ts';

/** Options of {@link capmReturn}. */
export interface CapmReturnOptions {
  /** Risk-free rate per period (same period as the returns). Default 0. */
  riskFreeRate?: number;
  /** How the market's mean return is taken: `'arithmetic'` (default) or `'geometric'` (see `meanHistoricalReturn`). */
  compounding?: 'arithmetic' | 'geometric';
  /** Asset labels (one per column); adds `byAsset` and `betasByAsset`. A table's own assets are used when this is not given. */
  assets?: readonly string[];
  /**
   * Missing returns (NaN / `null`) of an asset or the market: `'available'` (the default for a
   * table) estimates each β over the periods where the asset and the market are both present;
   * `'error'` (the default for a matrix) throws; `'drop'` drops every period with a missing value.
   */
  missing?: ExpectedReturnsMissing;
  /** Skip the check that refuses prices passed where returns belong. */
  assumeReturns?: boolean;
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
 * Missing values. Given a table, the default `missing: 'available'` estimates β_i pairwise with
 * the market: cov and var over the periods where asset i and the market are both present (pandas
 * `Series.cov` / `.var` on the aligned pair), and E[r_m] over all the market's present periods
 * (a property of the market, the same for every asset); `counts` / `periodsByAsset` give each
 * asset's common periods with the market. Given a matrix, a NaN / `null` throws unless `missing`
 * says otherwise (`'available'`, or `'drop'` for the periods complete everywhere). A table labels
 * the result with its assets.
 *
 * @param returns T x n simple asset returns or a ReturnTable (rows = periods, oldest first), T ≥ 2. Not modified.
 * @param marketReturns T market (benchmark) returns for the same periods, or a one-column
 *   ReturnTable: with a table of returns it is put on their dates (a date it lacks is a missing
 *   market return, handled by `missing`; no common date is an error). Not modified.
 * @returns `{ expectedReturns, periods, betas, marketReturn, riskFreeRate, byAsset?, betasByAsset?, counts?, periodsByAsset? }`.
 * @throws {InvalidArgumentError} on NaN / `null` in either input (with `missing: 'error'`), ±Infinity,
 *   prices where returns belong, constant market returns (β undefined; `'available'`: over an
 *   asset's common periods), a non-finite `riskFreeRate`, bad `assets`, an unknown option, or
 *   inputs so large (near ±1e308) that a beta or an expected return overflows the double range.
 * @throws {DimensionError} when `marketReturns` does not have T entries, on ragged rows or a label count mismatch.
 * @throws {InsufficientDataError} with fewer than 2 periods (`'available'`: fewer than 2 market values, or an asset with fewer than 2 periods in common with the market).
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
export function capmReturn(
  returns: MatrixLike | TableLike,
  marketReturns: ArrayLike<number | null> | TableLike,
  options?: CapmReturnOptions,
): CapmReturnResult {
  const fn = 'capmReturn';
  const opts = checkOptions(fn, options, ['riskFreeRate', 'compounding', 'assets', 'missing', 'assumeReturns']);
  const rf = checkFinite(fn, 'riskFreeRate', opts.riskFreeRate ?? 0);
  const compounding = checkOneOf(fn, 'compounding', opts.compounding ?? 'arithmetic', ['arithmetic', 'geometric'] as const);
  const missing = readExpectedMissing(fn, opts.missing, returns);
  if (missing === 'error') {
    // names the asset and date of a table's first missing value
    const rmo: ReturnsMatrixOptions = { minRows: 0 };
    if (opts.assumeReturns !== undefined) rmo.assumeReturns = opts.assumeReturns;
    toReturnsMatrix(fn, 'returns', returns, rmo);
  }
  // Asset returns with missing values kept (as NaN) so that 'drop' can drop periods jointly.
  const g = readGappedReturns(fn, 'returns', returns, { minRows: 0, assumeReturns: opts.assumeReturns });
  const raw = wrapMatrix(g.T, g.n, g.data);
  // a one-column market table goes on the returns' dates (a date it lacks is a missing value)
  marketReturns = seriesOnDates(fn, 'marketReturns', marketReturns, tableDates(returns)) as ArrayLike<number | null>;
  if (marketReturns === null || typeof marketReturns !== 'object' || typeof marketReturns.length !== 'number') {
    throw new InvalidArgumentError(
      `${fn}: \`marketReturns\` must be an array of numbers, got ${marketReturns === null ? 'null' : typeof marketReturns}.`,
      'marketReturns',
      showValue(marketReturns),
    );
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
          `${fn}: \`marketReturns\` has a missing value (NaN or null) at entry ${t}; clean the data, pass \`missing: 'drop'\` to drop incomplete periods, or \`missing: 'available'\` to use each asset's periods in common with the market.`,
          'marketReturns',
          { row: t },
        );
      }
      x = Number.NaN;
    } else {
      throw new InvalidArgumentError(`${fn}: \`marketReturns\` must hold finite numbers, but entry ${t} is ${showValue(v)}.`, 'marketReturns', showValue(v));
    }
    joined[t * (n + 1) + n] = x;
  }
  if (missing === 'available') return capmAvailable(fn, joined, T0, n, rf, compounding, resolveLabels(fn, opts.assets, returns, n));
  const m = toReturnsMatrix(fn, 'returns', wrapMatrix(T0, n + 1, joined), { minRows: 2, missing, assumeReturns: true });
  const labels = resolveLabels(fn, opts.assets, returns, n);
  const d = matrixData(m);
  const T = m.rows;
  const w = n + 1;
  const mMean = neumaierSum(d, n, T, w) / T;
  const dm = new Float64Array(T);
  for (let t = 0; t < T; t++) dm[t] = d[t * w + n] - mMean;
  const prod = new Float64Array(T);
  for (let t = 0; t < T; t++) prod[t] = dm[t] * dm[t];
  const sxx = neumaierSum(prod);
  if (!(sxx > 0)) {
    throw new InvalidArgumentError(`${fn}: \`marketReturns\` are constant (zero variance over ${T} periods), so betas are undefined.`, 'marketReturns', mMean);
  }
  const betas = new Array<number>(n);
  for (let j = 0; j < n; j++) {
    const mean = neumaierSum(d, j, T, w) / T;
    for (let t = 0; t < T; t++) prod[t] = (d[t * w + j] - mean) * dm[t];
    betas[j] = neumaierSum(prod) / sxx;
  }
  let marketReturn: number;
  if (compounding === 'geometric') {
    for (let t = 0; t < T; t++) {
      const x = d[t * w + n];
      if (x < -1) throw new InvalidArgumentError(`${fn}: geometric compounding needs market returns ≥ −1, but entry ${t} is ${x}.`, 'marketReturns', x);
    }
    const col = new Float64Array(T);
    for (let t = 0; t < T; t++) col[t] = d[t * w + n];
    marketReturn = meanReturnsKernel(col, T, 1, true)[0];
  } else {
    marketReturn = mMean;
  }
  const expectedReturns = capmLine(fn, betas, marketReturn, rf);
  const result: CapmReturnResult = { expectedReturns, periods: T, betas, marketReturn, riskFreeRate: rf };
  if (labels) {
    result.byAsset = labelled(labels, expectedReturns);
    result.betasByAsset = labelled(labels, betas);
  }
  return result;
}

/**
 * The `'available'` CAPM: β_i over the periods where asset i and the market (last column of the
 * T x (n + 1) buffer `joined`) are both present; E[r_m] over all the market's present periods.
 * For complete data the same operations, in the same order, as the complete-row path.
 */
function capmAvailable(
  fn: string,
  joined: Float64Array,
  T: number,
  n: number,
  rf: number,
  compounding: 'arithmetic' | 'geometric',
  labels: string[] | undefined,
): CapmReturnResult {
  const w = n + 1;
  const col = new Float64Array(T);
  let km = 0;
  for (let t = 0; t < T; t++) {
    const x = joined[t * w + n];
    if (x !== x) continue;
    if (compounding === 'geometric' && x < -1) {
      throw new InvalidArgumentError(`${fn}: geometric compounding needs market returns ≥ −1, but entry ${t} is ${x}.`, 'marketReturns', x);
    }
    col[km++] = x;
  }
  if (km < 2) throw new InsufficientDataError(`${fn}: \`marketReturns\` needs at least 2 values, got ${km}.`, 2, km);
  const marketReturn = compounding === 'geometric' ? meanReturnsKernel(col.subarray(0, km), km, 1, true)[0] : neumaierSum(col, 0, km) / km;
  const mx = new Float64Array(T);
  const xj = new Float64Array(T);
  const prod = new Float64Array(T);
  const betas = new Array<number>(n);
  const counts = new Array<number>(n);
  for (let j = 0; j < n; j++) {
    let k = 0;
    for (let t = 0; t < T; t++) {
      const a = joined[t * w + j];
      const b = joined[t * w + n];
      if (a !== a || b !== b) continue;
      xj[k] = a;
      mx[k] = b;
      k++;
    }
    const who = labels ? JSON.stringify(labels[j]) : `column ${j}`;
    if (k < 2)
      throw new InsufficientDataError(`${fn}: asset ${who} has ${k} period${k === 1 ? '' : 's'} in common with the market; its beta needs at least 2.`, 2, k);
    const mMean = neumaierSum(mx, 0, k) / k;
    for (let t = 0; t < k; t++) mx[t] = mx[t] - mMean;
    for (let t = 0; t < k; t++) prod[t] = mx[t] * mx[t];
    const sxx = neumaierSum(prod, 0, k);
    if (!(sxx > 0)) {
      throw new InvalidArgumentError(
        `${fn}: \`marketReturns\` are constant over the ${k} periods asset ${who} has in common with the market, so its beta is undefined.`,
        'marketReturns',
        mMean,
      );
    }
    const mean = neumaierSum(xj, 0, k) / k;
    for (let t = 0; t < k; t++) prod[t] = (xj[t] - mean) * mx[t];
    betas[j] = neumaierSum(prod, 0, k) / sxx;
    counts[j] = k;
  }
  const expectedReturns = capmLine(fn, betas, marketReturn, rf);
  const result: CapmReturnResult = { expectedReturns, periods: T, betas, marketReturn, riskFreeRate: rf, counts };
  if (labels) {
    result.byAsset = labelled(labels, expectedReturns);
    result.betasByAsset = labelled(labels, betas);
    result.periodsByAsset = labelled(labels, counts);
  }
  return result;
}

/**
 * E[r_i] = r_f + β_i (E[r_m] − r_f) for each beta; a beta, market return or expected return
 * beyond the double range (inputs near ±1e308) is a typed error, never ±Infinity.
 */
function capmLine(fn: string, betas: readonly number[], marketReturn: number, rf: number): number[] {
  const premium = marketReturn - rf;
  const out = betas.map((b) => rf + b * premium);
  for (let j = 0; j < out.length; j++) {
    if (!Number.isFinite(out[j]!) || !Number.isFinite(betas[j]!) || !Number.isFinite(marketReturn)) {
      throw new InvalidArgumentError(
        `${fn}: the expected return of asset ${j} overflows the double range (beta ${betas[j]}, market return ${marketReturn}, \`riskFreeRate\` ${rf}); returns and rates are decimals (0.05 = 5 %), far below 1e300.`,
        'riskFreeRate',
        rf,
      );
    }
  }
  return out;
}
