import { DimensionError, InsufficientDataError, InvalidArgumentError, NotPositiveDefiniteError } from '../core/errors.ts';
import { choleskyKernel, choleskySolveKernel } from '../core/linalg.ts';
import { matrixData, toVector, wrapMatrix, type Matrix, type MatrixLike, type VectorLike } from '../core/matrix.ts';
import { neumaierSum, powerOfTwoScale } from '../core/stats.ts';
import { isTableLike, type ReturnTable, type TableLike } from '../core/table.ts';
import { checkOneOf, checkOptions, toReturnsMatrix } from '../core/validate.ts';
import { alignFactorTables } from './factor-tables.ts';

/** Options of {@link factorAttribution}. */
export interface FactorAttributionOptions {
  /**
   * Factor names (one per column of `factorReturns`); adds the labelled `byFactor` record. With a
   * factor table, its tickers are the names unless this option gives others.
   */
  factors?: readonly string[];
  /**
   * Periods with a missing value (NaN / `null`, from a table) in the fund or any factor: `'error'`
   * (default) throws naming the asset and the date; `'drop'` leaves those periods out.
   */
  missing?: 'error' | 'drop';
  /** Skip the screen that refuses a factor matrix looking like prices (every column positive, median above 1). */
  assumeReturns?: boolean;
}

/** Per-factor figures of a {@link FactorAttributionResult}. */
export interface FactorFigures {
  exposure: number;
  /** `null` when the regression fits exactly (see {@link FactorAttributionResult.tStats}). */
  tStat: number | null;
  contribution: number;
}

/** Result of {@link factorAttribution}. */
export interface FactorAttributionResult {
  /** Number of periods T and factors K. */
  periods: number;
  factorCount: number;
  /** OLS slopes β_k (factor exposures). */
  exposures: number[];
  /**
   * t-statistics β_k / se(β_k) with se from σ̂² (X'X)^{-1}, σ̂² = SSR / (T − K − 1). `null` when the
   * fit is exact (SSR = 0, e.g. a constant, cash-like fund): the standard errors are 0 and the
   * t-statistic is undefined; `note` then says so.
   */
  tStats: Array<number | null>;
  /** Intercept α per period (the return not explained by the factors: selection / residual). */
  alpha: number;
  /** t-statistic of α; `null` when the fit is exact (as for `tStats`). */
  alphaTStat: number | null;
  /** Present only when the t-statistics are `null`: why they are undefined. */
  note?: string;
  /** Mean return per period, = alpha + Σ contributions. */
  meanReturn: number;
  /** Average contribution per period of each factor: β_k × mean(f_k). */
  contributions: number[];
  /** R² = 1 − SSR / SST (SST about the mean). */
  rSquared: number;
  adjustedRSquared: number;
  /** Standard deviation of the residuals, √(SSR / (T − K − 1)), per period. */
  residualVolatility: number;
  /** Residual of each period, y_t − α − Σ β_k f_k,t. */
  residuals: number[];
  /** Labelled figures when `factors` is given or the factors are a table, otherwise `null`. */
  byFactor: Record<string, FactorFigures> | null;
  /** Table input only: the date of each period used (one per residual). */
  dates?: string[];
}

/**
 * Returns-based factor attribution: the OLS regression with intercept
 * `r_t = α + Σ_k β_k f_k,t + ε_t` over T periods, giving the exposures β, their t-statistics, R²,
 * and the split of the mean return into factor contributions β_k · mean(f_k) plus the residual α
 * (selection): mean(r) = α + Σ_k β_k mean(f_k) exactly (OLS residuals have mean 0).
 *
 * Solved on centred data by Cholesky of the factor cross-product matrix (no explicit inverse except
 * the diagonal needed for the standard errors). Per-period figures; nothing is annualised.
 *
 * Tables: `returns` may be a one-column `ReturnTable` (the fund) and `factorReturns` a `ReturnTable`
 * whose tickers are the factor names (they label `byFactor` unless `factors` is given). Two tables
 * are aligned on their dates by an inner join (a date in only one of them is left out; no common
 * date throws); a table and an array are aligned by position (same number of rows). The result then
 * carries `dates`, the date of each period used. A missing value in the fund or a factor throws,
 * naming the asset and the date, unless `missing: 'drop'` leaves that period out (the regression
 * needs every series on the same periods, so leading blanks are not skipped silently here).
 *
 * @param returns portfolio returns, T periods, or a one-column `ReturnTable`.
 * @param factorReturns T x K factor returns (rows = periods), or a `ReturnTable` of K factors.
 * @throws {DimensionError} when the row counts differ or `factors` has the wrong length.
 * @throws {InsufficientDataError} when T ≤ K + 1 (no residual degrees of freedom).
 * A fund whose returns the factors explain exactly (a constant, cash-like return series in
 * particular) has SSR = 0: the exposures and α are still given, but the standard errors are 0, so
 * `tStats`, `alphaTStat` and each `byFactor` `tStat` are `null` and `note` gives the reason.
 *
 * @throws {NotPositiveDefiniteError} when a factor is constant or collinear with the factors before
 *   it; the message names the factor (its name, else its column).
 * @throws {InvalidArgumentError} on non-finite input or bad options, a fund table of several columns,
 *   tables with no date in common, a missing value (unless dropped), or factor data that look like
 *   prices (unless `assumeReturns`), or a figure beyond the double range (returns and factors beyond
 *   2^±400 are first scaled by powers of two, exactly).
 * @example
 * ```ts
 * import { factorAttribution } from 'quantivista/attribution';
 * const f = [[0.01], [-0.02], [0.03], [0.00], [0.02]];
 * const r = [0.012, -0.018, 0.035, 0.002, 0.021];
 * const a = factorAttribution(r, f, { factors: ['market'] });
 * console.log(a.exposures.length, a.rSquared > 0.9); // 1 true
 * // tables: two factors named by the table; 2024-01-31 is in the factors only, so four periods are used
 * const factors = { kind: 'returns', dates: ['2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30', '2024-05-31'],
 *   assets: ['market', 'size'], values: [[0.05, 0.01], [0.01, 0.01], [-0.02, 0.03], [0.03, -0.01], [0, 0.02]] } as const;
 * const fund = { kind: 'returns', dates: ['2024-02-29', '2024-03-31', '2024-04-30', '2024-05-31'], assets: ['F'],
 *   values: [[0.011], [-0.044], [0.051], [-0.008]] } as const;
 * const t = factorAttribution(fund, factors);
 * console.log(t.dates); // ['2024-02-29', '2024-03-31', '2024-04-30', '2024-05-31']
 * console.log(t.byFactor?.market?.exposure, t.byFactor?.size?.exposure); // 1.6 -0.37142857142857144
 * ```
 */
export function factorAttribution(
  returns: VectorLike | ReturnTable | TableLike,
  factorReturns: MatrixLike | ReturnTable | TableLike,
  options?: FactorAttributionOptions,
): FactorAttributionResult {
  const fn = 'factorAttribution';
  const opts = checkOptions(fn, options, ['factors', 'missing', 'assumeReturns']);
  const missing = checkOneOf(fn, 'missing', opts.missing ?? 'error', ['error', 'drop'] as const);
  const screen = opts.assumeReturns === undefined ? {} : { assumeReturns: opts.assumeReturns };
  let y: Float64Array;
  let F: Matrix;
  let dates: string[] | undefined;
  let names = opts.factors;
  if (!isTableLike(returns) && !isTableLike(factorReturns) && missing === 'error') {
    y = toVector(returns as VectorLike, fn, 'returns');
    F = toReturnsMatrix(fn, 'factorReturns', factorReturns as MatrixLike, screen);
  } else {
    const a = alignFactorTables(fn, returns, factorReturns, missing, screen);
    ({ y, F, dates } = a);
    if (names === undefined && a.factorNames) names = a.factorNames;
  }
  const T = y.length;
  const K = F.cols;
  if (F.rows !== T) throw new DimensionError(`${fn}: \`factorReturns\` must have ${T} rows (one per period of \`returns\`), got ${F.rows}.`);
  if (T <= K + 1) throw new InsufficientDataError(`${fn}: needs more than ${K + 1} periods for ${K} factors and an intercept, got ${T}.`, K + 2, T);
  if (names !== undefined) {
    if (!Array.isArray(names) || names.some((f) => typeof f !== 'string')) {
      throw new InvalidArgumentError(`${fn}: \`factors\` must be an array of strings.`, 'factors', typeof names);
    }
    if (names.length !== K) throw new DimensionError(`${fn}: \`factors\` must have ${K} names (one per column), got ${names.length}.`);
  }
  const result = scaledFactorKernel(fn, y, F, names);
  return dates ? { ...result, dates } : result;
}

/**
 * {@link factorKernel} with returns or factors beyond 2^±400 (where squares and cross products
 * overflow or underflow) divided first by powers of two, the fund by k_y and factor k by k_k (exact),
 * and the figures scaled back: β_k · k_y / k_k, α, contributions, residuals and their volatility
 * · k_y; t-statistics and R² are scale-free. A figure beyond the double range is an error. In the
 * usual range this is factorKernel itself, bit for bit.
 */
function scaledFactorKernel(fn: string, y: Float64Array, F: Matrix, names: readonly string[] | undefined): FactorAttributionResult {
  const T = y.length;
  const K = F.cols;
  const fd = matrixData(F);
  const ky = powerOfTwoScale(y);
  const kf = new Float64Array(K);
  const colBuf = new Float64Array(T);
  for (let k = 0; k < K; k++) {
    for (let t = 0; t < T; t++) colBuf[t] = fd[t * K + k];
    kf[k] = powerOfTwoScale(colBuf);
  }
  if (ky === 1 && kf.every((k) => k === 1)) return factorKernel(fn, y, F, names);
  const ys = Float64Array.from(y, (v) => v / ky);
  const fs = Float64Array.from(fd, (v, i) => v / (kf[i % K] as number));
  const r = factorKernel(fn, ys, wrapMatrix(T, K, fs), names);
  const exposures = r.exposures.map((b, k) => b * (ky / (kf[k] as number)));
  const contributions = r.contributions.map((c) => c * ky);
  const out: FactorAttributionResult = {
    ...r,
    exposures,
    alpha: r.alpha * ky,
    meanReturn: r.meanReturn * ky,
    contributions,
    residualVolatility: r.residualVolatility * ky,
    residuals: r.residuals.map((e) => e * ky),
    byFactor: names
      ? Object.fromEntries(
          names.map((name, k) => [name, { exposure: exposures[k] as number, tStat: r.tStats[k] as number | null, contribution: contributions[k] as number }]),
        )
      : null,
  };
  for (const v of [...exposures, ...contributions, out.alpha, out.meanReturn, out.residualVolatility, ...out.residuals]) {
    if (!Number.isFinite(v)) {
      throw new InvalidArgumentError(
        `${fn}: a figure of the regression overflows double precision (beyond 1.8e308) for \`returns\` and \`factorReturns\` this large; check their units (returns are fractions: 0.01 is 1 %).`,
        'returns',
        'overflow',
      );
    }
  }
  return out;
}

/** Kernel of {@link factorAttribution} on validated, aligned data. @internal */
function factorKernel(fn: string, y: Float64Array, F: Matrix, names: readonly string[] | undefined): FactorAttributionResult {
  const T = y.length;
  const K = F.cols;
  const fd = matrixData(F);
  // a constant fund: its mean is its value (the compensated sum / T may round away from it)
  const ym = y.every((v) => v === y[0]) ? y[0] : neumaierSum(y) / T;
  const fm = new Float64Array(K);
  for (let k = 0; k < K; k++) fm[k] = neumaierSum(fd, k, T, K) / T;
  // centred cross products
  const XtX = new Float64Array(K * K);
  const Xty = new Float64Array(K);
  const col = new Float64Array(T);
  for (let a = 0; a < K; a++) {
    for (let t = 0; t < T; t++) col[t] = (fd[t * K + a] - fm[a]) * (y[t] - ym);
    Xty[a] = neumaierSum(col);
    for (let b = 0; b <= a; b++) {
      for (let t = 0; t < T; t++) col[t] = (fd[t * K + a] - fm[a]) * (fd[t * K + b] - fm[b]);
      const v = neumaierSum(col);
      XtX[a * K + b] = v;
      XtX[b * K + a] = v;
    }
  }
  const L = factorCholesky(fn, XtX, fd, T, K, names);
  const beta = choleskySolveKernel(L, K, Float64Array.from(Xty));
  let alpha = ym;
  for (let k = 0; k < K; k++) alpha -= beta[k] * fm[k];
  const resid = new Float64Array(T);
  const sq = new Float64Array(T);
  const dev = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    let fit = alpha;
    for (let k = 0; k < K; k++) fit += beta[k] * fd[t * K + k];
    const e = y[t] - fit;
    resid[t] = e;
    sq[t] = e * e;
    dev[t] = (y[t] - ym) ** 2;
  }
  const ssr = neumaierSum(sq);
  const sst = neumaierSum(dev);
  const dof = T - K - 1;
  const s2 = ssr / dof;
  // diagonal of (Fc'Fc)^{-1} and the intercept variance s2 (1/T + f̄' (Fc'Fc)^{-1} f̄)
  const exact = !(s2 > 0);
  const tStats: Array<number | null> = [];
  for (let k = 0; k < K; k++) {
    const e = new Float64Array(K);
    e[k] = 1;
    const ck = choleskySolveKernel(L, K, e);
    tStats.push(exact ? null : beta[k] / Math.sqrt(s2 * ck[k]));
  }
  const w = choleskySolveKernel(L, K, Float64Array.from(fm));
  let q = 0;
  for (let k = 0; k < K; k++) q += fm[k] * w[k];
  const alphaSe = Math.sqrt(s2 * (1 / T + q));
  const contributions = Array.from(beta, (b, k) => b * fm[k]);
  const r2 = sst > 0 ? 1 - ssr / sst : 0;
  const exposures = Array.from(beta);
  return {
    periods: T,
    factorCount: K,
    exposures,
    tStats,
    alpha,
    alphaTStat: exact ? null : alphaSe > 0 ? alpha / alphaSe : 0,
    meanReturn: ym,
    contributions,
    rSquared: r2,
    adjustedRSquared: 1 - ((1 - r2) * (T - 1)) / dof,
    residualVolatility: Math.sqrt(s2),
    residuals: Array.from(resid),
    byFactor: names
      ? Object.fromEntries(names.map((name, k) => [name, { exposure: exposures[k], tStat: tStats[k] as number | null, contribution: contributions[k] }]))
      : null,
    ...(exact
      ? { note: 'the factors explain the returns exactly (zero residuals), so the standard errors are 0 and the t-statistics are undefined (null)' }
      : {}),
  };
}

/** Cholesky of the centred factor cross products; a failing pivot names its factor. @internal */
function factorCholesky(fn: string, XtX: Float64Array, fd: Float64Array, T: number, K: number, names: readonly string[] | undefined): Float64Array {
  const label = (j: number): string => (names ? `factor '${names[j]}' (column ${j})` : `factor column ${j}`);
  const constant = (j: number): boolean => {
    for (let t = 1; t < T; t++) if (fd[t * K + j] !== fd[j]) return false;
    return true;
  };
  for (let j = 0; j < K; j++) {
    if (constant(j))
      throw new NotPositiveDefiniteError(`${fn}: ${label(j)} is constant; the regression needs linearly independent, non-constant factors.`, j, 0);
  }
  try {
    return choleskyKernel(XtX, K, fn);
  } catch (e) {
    if (!(e instanceof NotPositiveDefiniteError) || e.pivot < 0) throw e;
    const j = e.pivot;
    throw new NotPositiveDefiniteError(
      `${fn}: ${label(j)} is collinear with the factors before it; the regression needs linearly independent, non-constant factors.`,
      j,
      e.pivotValue,
    );
  }
}
