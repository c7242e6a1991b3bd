/**
 * Euler risk decomposition: marginal, component and percentage contributions of each asset to
 * portfolio volatility, VaR or ES.
 *
 * @module
 */
import { isMomentsLike, readCovariance, type Moments } from '../core/covariance-reader.ts';
import { normalCdfKernel, normalPdfKernel, normalQuantileKernel } from '../core/distributions.ts';
import { DimensionError, InvalidArgumentError } from '../core/errors.ts';
import { allFinite, matrixData, toMatrix, toVector, type Matrix, type MatrixLike, type VectorLike } from '../core/matrix.ts';
import { isTableLike, readTable, resolveAssets, type TableLike } from '../core/table.ts';
import { neumaierSum, quantileSorted } from '../core/stats.ts';
import { checkLength, checkOneOf, checkOptions, checkRange, toReturnsMatrix } from '../core/validate.ts';
import { isWeightRecord, missingOption, readWeights, returnsOptions, type WeightsInput } from './labelled-input.ts';
import {
  checkSeries,
  cornishFisherDomain,
  cornishFisherES,
  cornishFisherZ,
  historicalTail,
  minimumForTail,
  tailProbability,
  checkAssetLabels,
  checkFiniteRisk,
} from './internal.ts';
import { Adder } from '../core/accumulator.ts';
import { checkSizeCap, SIZE_CAPS } from '../core/limits.ts';
import { columnMeans, gramRows } from '../covariance/gram-kernel.ts';

/** Risk measures that {@link componentRisk} decomposes. */
export type RiskMeasure = 'volatility' | 'var' | 'es';
/** Decomposition methods of {@link componentRisk}. */
export type ComponentRiskMethod = 'gaussian' | 'cornish-fisher' | 'historical';

/**
 * The options that {@link componentRisk} and `incrementalVaR` share: how the covariance or
 * returns are read and which risk measure is decomposed (each function states its own default
 * `measure`).
 */
export interface RiskDecompositionOptions {
  /** `'volatility'`, `'var'` or `'es'` (default: see the function). */
  measure?: RiskMeasure;
  /** `'gaussian'` (default; the only method with a covariance input), `'cornish-fisher'` or `'historical'` (both need returns). Ignored for volatility. */
  method?: ComponentRiskMethod;
  /** Confidence level in [0.5, 1) for VaR / ES; default 0.95 (tail 1 − c rounded to 15 significant digits). A value below 0.5 (the tail written for the level, e.g. 0.05) throws. */
  confidence?: number;
  /** How to read the covariance-or-returns argument: `'covariance'` or `'returns'`. Default: a symmetric n x n matrix is a covariance, anything else returns. */
  input?: 'covariance' | 'returns';
  /** Expected returns per period for the Gaussian VaR / ES with a covariance input (default zero, or a Moments' `mu`). With returns the sample mean is used. */
  mu?: VectorLike;
  /** Historical VaR: the Gaussian-kernel bandwidth on portfolio returns; default Silverman's rule 0.9 min(σ, IQR/1.34) T^(−1/5). */
  bandwidth?: number;
  /** Cornish–Fisher outside the Maillard domain: `'throw'` (default) or `'flag'`. */
  outsideDomain?: 'throw' | 'flag';
  /** Returns input: rows with a missing value (NaN or `null`) throw (`'error'`, default; naming the asset and date for a table) or are removed (`'drop'`; `observations` counts the rows kept). */
  missing?: 'error' | 'drop';
  /** Returns input: skip the screen that refuses a matrix looking like prices. */
  assumeReturns?: boolean;
}

/** Options of {@link componentRisk}. */
export interface ComponentRiskOptions extends RiskDecompositionOptions {
  /** `'volatility'` (default), `'var'` or `'es'`. */
  measure?: RiskMeasure;
  /** Asset labels; adds `byAsset` (a ReturnTable input labels the result without them). */
  assets?: readonly string[];
}

/** One asset's contributions. */
export interface AssetContribution {
  marginal: number;
  component: number;
  percentage: number;
}

/** Result of {@link componentRisk}. */
export interface ComponentRiskResult {
  measure: RiskMeasure;
  method: ComponentRiskMethod;
  /** Confidence (VaR / ES only). */
  confidence?: number;
  /** The portfolio risk: volatility, or VaR / ES as a positive loss. */
  total: number;
  /** ∂ total / ∂ w_i. */
  marginal: number[];
  /** w_i × marginal_i (Euler): they sum to `total` (historical VaR: rescaled so that they do). */
  component: number[];
  /** component_i / total: they sum to 1. */
  percentage: number[];
  /** Historical VaR: the kernel bandwidth used. */
  bandwidth?: number;
  /** Cornish–Fisher: whether the expansion is in its validity domain. */
  valid?: boolean;
  /** Per-asset records when `assets` is given or the input is a table. */
  byAsset?: Record<string, AssetContribution>;
  /** Returns input: the number of periods used (after dropping incomplete rows with `missing: 'drop'`). */
  observations?: number;
}

/** Kernel result: total and marginal risk. @internal */
export interface RiskGradient {
  total: number;
  marginal: Float64Array;
  bandwidth?: number;
  valid?: boolean;
  /** When the components are rescaled (historical VaR): the factor applied to w_i m_i. */
  scale?: number;
}

/** Prepared input of the decomposition kernels. @internal */
export interface RiskInput {
  kind: 'covariance' | 'returns';
  n: number;
  /** Covariance (row-major), always present (sample covariance, ddof = 1, for returns). */
  cov: Float64Array;
  /** Mean vector (zero or `mu` for covariance input; sample mean for returns). */
  mu: Float64Array;
  /** Returns (T x n, row-major) for returns input. */
  returns?: Float64Array;
  T: number;
}

const KEYS = ['measure', 'method', 'confidence', 'input', 'mu', 'bandwidth', 'outsideDomain', 'assets', 'missing', 'assumeReturns'] as const;

/** Prepare the covariance / returns input. @internal */
export function prepareRiskInput(
  fn: string,
  n: number,
  covOrReturns: MatrixLike | TableLike | Moments,
  opts: Pick<ComponentRiskOptions, 'input' | 'mu' | 'missing' | 'assumeReturns'>,
): RiskInput {
  const kind = opts.input === undefined ? undefined : checkOneOf(fn, 'input', opts.input, ['covariance', 'returns'] as const);
  // the n x n covariance (built from returns, or copied) and Σw are O(n²)
  checkSizeCap(fn, 'weights (assets)', n, SIZE_CAPS.assets, 'reduce the universe or use a factor model');
  if (isMomentsLike(covOrReturns)) {
    if (kind === 'returns') throw new InvalidArgumentError(`${fn}: \`covOrReturns\` is a Moments (a covariance), but \`input\` is 'returns'.`, 'input', kind);
    return covarianceInput(fn, n, covOrReturns, opts.mu);
  }
  const missing = missingOption(fn, opts.missing);
  const rOpts = { minRows: 2, ...returnsOptions(missing, opts.assumeReturns) };
  if (isTableLike(covOrReturns)) {
    // a table holds returns (dated rows), never a covariance
    if (kind === 'covariance') {
      throw new InvalidArgumentError(
        `${fn}: \`covOrReturns\` is a table of returns, but \`input\` is 'covariance'; pass the covariance as a matrix.`,
        'input',
        kind,
      );
    }
    if (opts.mu !== undefined)
      throw new InvalidArgumentError(`${fn}: \`mu\` applies to a covariance input only; with returns the sample mean is used.`, 'mu', 'given');
    return returnsInput(fn, n, toReturnsMatrix(fn, 'covOrReturns', covOrReturns as MatrixLike, rOpts));
  }
  const m = toMatrix(covOrReturns, fn, 'covOrReturns', missing === 'drop' ? { allowNaN: true } : {});
  let asCov = kind === 'covariance';
  if (kind === undefined && m.rows === n && m.cols === n) {
    const d = matrixData(m);
    let sym = true;
    let scale = 0;
    for (let k = 0; k < d.length; k++) scale = Math.max(scale, Math.abs(d[k]));
    for (let i = 0; i < n && sym; i++)
      for (let j = i + 1; j < n; j++)
        if (Math.abs(d[i * n + j] - d[j * n + i]) > 1e-10 * scale) {
          sym = false;
          break;
        }
    // a covariance has no missing entries: with `missing: 'drop'` a matrix holding NaN is returns
    asCov = sym && (missing !== 'drop' || allFinite(d));
  }
  if (asCov) return covarianceInput(fn, n, m, opts.mu);
  if (opts.mu !== undefined)
    throw new InvalidArgumentError(`${fn}: \`mu\` applies to a covariance input only; with returns the sample mean is used.`, 'mu', 'given');
  return returnsInput(fn, n, toReturnsMatrix(fn, 'covOrReturns', m, rOpts));
}

/**
 * A covariance input (a matrix or a Moments, read by core's covariance reader, `'risk'` policy),
 * with `mu` from the option, else from the Moments, else zero.
 */
function covarianceInput(fn: string, n: number, cov: Matrix | Moments, muOption: VectorLike | undefined): RiskInput {
  const message = (rows: number, cols: number): string => `${fn}: \`weights\` has ${n} entries but the covariance is ${rows} x ${cols}.`;
  const c = readCovariance(fn, 'covOrReturns', cov, 'risk', { n, message });
  const mu = muOption !== undefined ? toVector(muOption, fn, 'mu') : c.mu !== null ? c.mu : new Float64Array(n);
  checkLength(fn, 'mu', mu.length, n);
  return { kind: 'covariance', n, cov: Float64Array.from(c.data), mu, T: 0 };
}

/** Sample mean and covariance (ddof = 1) of a T x n returns matrix (covariance's Gram kernel). */
function returnsInput(fn: string, n: number, R: Matrix): RiskInput {
  if (R.cols !== n) throw new DimensionError(`${fn}: \`weights\` has ${n} entries but \`covOrReturns\` has ${R.cols} columns.`);
  const T = R.rows;
  const d = matrixData(R);
  const mu = columnMeans(d, T, n); // the bits of neumaierSum over each column / T
  const cov = gramRows(d, T, n, mu, 1 / (T - 1)); // covariance's Gram kernel, the bits of sampleCovariance
  return { kind: 'returns', n, cov, mu, returns: Float64Array.from(d), T };
}

/** Kernel options of {@link riskGradient}. @internal */
export interface RiskKernelOptions {
  bandwidth?: number;
  outsideDomain?: 'throw' | 'flag';
}

/** Check the kernel options shared by componentRisk and incrementalVaR. @internal */
export function riskKernelOptions(fn: string, opts: { bandwidth?: number; outsideDomain?: 'throw' | 'flag' }): RiskKernelOptions {
  const kOpts: RiskKernelOptions = {};
  if (opts.bandwidth !== undefined) kOpts.bandwidth = checkRange(fn, 'bandwidth', opts.bandwidth, { min: 0, minOpen: true });
  if (opts.outsideDomain !== undefined) kOpts.outsideDomain = checkOneOf(fn, 'outsideDomain', opts.outsideDomain, ['throw', 'flag'] as const);
  return kOpts;
}

/** Kernel: total risk and its gradient in the weights. @internal */
export function riskGradient(
  fn: string,
  w: Float64Array,
  input: RiskInput,
  measure: RiskMeasure,
  method: ComponentRiskMethod,
  p: number,
  opts: RiskKernelOptions,
): RiskGradient {
  if (measure === 'volatility' || method === 'gaussian') return gaussianGradient(fn, w, input, measure, p);
  const R = input.returns;
  if (R === undefined) {
    throw new InvalidArgumentError(`${fn}: method '${method}' needs asset returns, not a covariance matrix.`, 'method', method);
  }
  const rp = portfolioReturns(R, w, input.T, input.n);
  if (method === 'historical') return measure === 'es' ? historicalESGradient(fn, R, rp, input.n, p) : historicalVaRGradient(fn, R, rp, w, p, opts.bandwidth);
  return cornishFisherGradient(fn, input, rp, measure, p, opts.outsideDomain);
}

/** Volatility, or Gaussian VaR / ES: σ_p = √(wᵀΣw) and its gradient Σw / σ_p. */
function gaussianGradient(fn: string, w: Float64Array, input: RiskInput, measure: RiskMeasure, p: number): RiskGradient {
  const { n, cov, mu } = input;
  const Sw = new Float64Array(n);
  let variance = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += cov[i * n + j] * w[j];
    Sw[i] = s;
    variance += w[i] * s;
  }
  if (!(variance > 0))
    throw new InvalidArgumentError(`${fn}: the portfolio variance is ${variance}; the decomposition needs a positive variance.`, 'weights', variance);
  const sigma = Math.sqrt(variance);
  const marginal = new Float64Array(n);
  if (measure === 'volatility') {
    for (let i = 0; i < n; i++) marginal[i] = Sw[i] / sigma;
    return { total: sigma, marginal };
  }
  const z = normalQuantileKernel(p);
  let muP = 0;
  for (let i = 0; i < n; i++) muP += w[i] * mu[i];
  const k = measure === 'var' ? -z : normalPdfKernel(z) / p;
  for (let i = 0; i < n; i++) marginal[i] = -mu[i] + (k * Sw[i]) / sigma;
  return { total: -muP + k * sigma, marginal };
}

/** Portfolio returns r_p = R w of a T x n returns buffer. */
function portfolioReturns(R: Float64Array, w: Float64Array, T: number, n: number): Float64Array {
  const rp = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += R[t * n + j] * w[j];
    rp[t] = s;
  }
  return rp;
}

/** Historical ES contributions: the exact tail conditional means −E[r_i | r_p ≤ q]. */
function historicalESGradient(fn: string, R: Float64Array, rp: Float64Array, n: number, p: number): RiskGradient {
  checkSeries(fn, rp, minimumForTail(p));
  const T = rp.length;
  const { quantile: q, tailMean, tailCount } = historicalTail(Float64Array.from(rp), p, 'linear');
  const marginal = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const tail = new Adder();
    for (let t = 0; t < T; t++) {
      if (rp[t] <= q) {
        const v = R[t * n + j];
        tail.add(v);
      }
    }
    marginal[j] = -tail.valueOf() / tailCount;
  }
  return { total: -tailMean, marginal };
}

/** Silverman's rule 0.9 min(σ, IQR/1.34) T^(−1/5) on the portfolio returns (σ alone when the IQR is 0). */
function silvermanBandwidth(rp: Float64Array): number {
  const T = rp.length;
  const m = neumaierSum(rp) / T;
  let ss = 0;
  for (let t = 0; t < T; t++) ss += (rp[t] - m) ** 2;
  const sd = Math.sqrt(ss / (T - 1));
  const sorted = Float64Array.from(rp).sort();
  const iqr = quantileSorted(sorted, 0.75) - quantileSorted(sorted, 0.25);
  const bw = 0.9 * Math.min(sd, iqr / 1.34) * Math.pow(T, -0.2);
  return bw > 0 ? bw : 0.9 * sd * Math.pow(T, -0.2);
}

/** Historical VaR contributions: E[−r_i | r_p ≈ q] with a Gaussian kernel in r_p, rescaled to sum to VaR. */
function historicalVaRGradient(fn: string, R: Float64Array, rp: Float64Array, w: Float64Array, p: number, bandwidth: number | undefined): RiskGradient {
  checkSeries(fn, rp, minimumForTail(p));
  const T = rp.length;
  const n = w.length;
  const { quantile: q } = historicalTail(Float64Array.from(rp), p, 'linear');
  const bw = bandwidth ?? silvermanBandwidth(rp);
  const kw = new Float64Array(T);
  let ksum = 0;
  for (let t = 0; t < T; t++) {
    const u = (rp[t] - q) / bw;
    kw[t] = Math.exp(-0.5 * u * u);
    ksum += kw[t];
  }
  const marginal = new Float64Array(n);
  let wm = 0;
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let t = 0; t < T; t++) s += kw[t] * R[t * n + j];
    marginal[j] = -s / ksum;
    wm += w[j] * marginal[j];
  }
  return { total: -q, marginal, bandwidth: bw, scale: -q / wm };
}

/** Cornish–Fisher (Boudt, Peterson & Croux 2008): gradients through the portfolio co-moments. */
function cornishFisherGradient(
  fn: string,
  input: RiskInput,
  rp: Float64Array,
  measure: RiskMeasure,
  p: number,
  outsideDomain: 'throw' | 'flag' | undefined,
): RiskGradient {
  const { n, T } = input;
  const R = input.returns as Float64Array;
  const mp = neumaierSum(rp) / T;
  const dp = new Float64Array(T);
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let t = 0; t < T; t++) {
    const d = rp[t] - mp;
    dp[t] = d;
    m2 += d * d;
    m3 += d * d * d;
    m4 += d * d * d * d;
  }
  m2 /= T;
  m3 /= T;
  m4 /= T;
  if (!(m2 > 0)) throw new InvalidArgumentError(`${fn}: the portfolio returns are constant, so they carry no risk information.`, 'covOrReturns', 'constant');
  const sd = Math.sqrt((m2 * T) / (T - 1));
  const S = m3 / Math.pow(m2, 1.5);
  const K = m4 / (m2 * m2) - 3;
  const domain = cornishFisherDomain(S, K);
  if (!domain.valid && (outsideDomain ?? 'throw') === 'throw') {
    throw new InvalidArgumentError(`${fn}: ${domain.reason}; pass \`outsideDomain: 'flag'\` to get the numbers anyway.`, 'covOrReturns', {
      skewness: S,
      excessKurtosis: K,
    });
  }
  const z = normalQuantileKernel(p);
  const h = cornishFisherZ(z, S, K);
  const dhdS = (z * z - 1) / 6 - ((2 * z * z * z - 5 * z) * S) / 18;
  const dhdK = (z * z * z - 3 * z) / 24;
  let es = measure === 'es' ? cornishFisherES(h, dhdS, dhdK, S, K, p, normalCdfKernel(h), normalPdfKernel(h)) : undefined;
  // ES floored at the modified VaR (see valueAtRisk): then its gradient is the VaR's.
  if (es !== undefined && es.E < -h) es = undefined;
  const marginal = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const muj = input.mu[j];
    let c2 = 0;
    let c3 = 0;
    let c4 = 0;
    for (let t = 0; t < T; t++) {
      const di = R[t * n + j] - muj;
      const d = dp[t];
      c2 += di * d;
      c3 += di * d * d;
      c4 += di * d * d * d;
    }
    const dm2 = (2 * c2) / T;
    const dm3 = (3 * c3) / T;
    const dm4 = (4 * c4) / T;
    const dsd = (sd * dm2) / (2 * m2);
    const dS = dm3 / Math.pow(m2, 1.5) - (1.5 * m3 * dm2) / Math.pow(m2, 2.5);
    const dK = dm4 / (m2 * m2) - (2 * m4 * dm2) / (m2 * m2 * m2);
    if (es === undefined) marginal[j] = -muj - dsd * h - sd * (dhdS * dS + dhdK * dK);
    else marginal[j] = -muj + dsd * es.E + sd * (es.dS * dS + es.dK * dK);
  }
  const total = es === undefined ? -mp - sd * h : -mp + sd * es.E;
  return { total, marginal, valid: domain.valid };
}

/**
 * Euler decomposition of portfolio risk: marginal (∂R/∂w_i), component (w_i ∂R/∂w_i) and
 * percentage (component / total) contributions. The risk measures are homogeneous of degree one
 * in the weights, so the components sum to the total (Euler's theorem; to rounding).
 *
 * - `measure: 'volatility'`: σ_p = √(wᵀΣw), marginal (Σw)_i / σ_p (Σ the covariance, or the
 *   ddof = 1 sample covariance of the returns).
 * - `method: 'gaussian'` VaR / ES: VaR = −wᵀμ − z σ_p, ES = −wᵀμ + σ_p φ(z)/p, z = Φ⁻¹(p);
 *   μ = `mu` (default 0) with a covariance input, the sample mean with returns.
 * - `method: 'cornish-fisher'` (returns only): the analytic gradients of modified VaR / ES of
 *   Boudt, Peterson & Croux (2008), through the portfolio co-moments (population moments, ddof = 1
 *   standard deviation, as in valueAtRisk; ES floored at the modified VaR as there, in which case
 *   the ES contributions are the VaR contributions).
 * - `method: 'historical'` (returns only): ES contributions are the exact tail conditional means
 *   −E[r_i | r_p ≤ q] (they sum to the historical ES); VaR contributions use the kernel estimator
 *   E[−r_i | r_p ≈ q] with a Gaussian kernel of bandwidth `bandwidth` (default Silverman's rule
 *   0.9 min(σ, IQR/1.34) T^(−1/5)), then rescaled by VaR / Σ w_j m_j so that they sum exactly to
 *   the historical VaR (the `'linear'` quantile rule).
 *
 * `covOrReturns` may be a `Moments` (see `moments()` in `quantivista/expected-returns`): its covariance
 * is used (a `Moments` the library built skips the O(n³) positive-semidefiniteness re-check; any
 * other object is fully checked), its `mu` stands in for the `mu` option when that is not given,
 * and its assets label the result.
 *
 * @param weights portfolio weights (or money amounts: then the risk is in money), one per asset;
 *   or a record keyed by ticker naming every asset, when `covOrReturns` is a table or `assets` is given
 *   (an unknown key throws, naming the nearest ticker).
 * @param covOrReturns an n x n covariance, or a T x n matrix of asset returns, or a ReturnTable
 *   `{ kind: 'returns', dates, assets, values }` (a plain object will do): a table is always read as
 *   returns, its values give the same numbers, bit for bit, as the matrix, and its tickers label the
 *   result (`byAsset`) without `assets`.
 *
 * Missing data: NaN or ±Infinity in `weights`, `mu` or `bandwidth` throws InvalidArgumentError,
 * and so does a NaN / `null` in the returns (naming the asset and date for a table), unless
 * `missing: 'drop'`, which removes every row with a missing value first (`observations` counts the
 * rows kept). A covariance must be complete.
 * @throws {DimensionError} when the shapes disagree. @throws {InvalidArgumentError} for bad options, a confidence below 0.5 (a tail probability given for the level), a zero-variance portfolio, a method that needs returns, Cornish–Fisher outside its domain, a missing value, a PriceTable or a matrix that looks like prices (unless `assumeReturns`), or inputs so large the result overflows.
 * @throws {InvalidArgumentError} when `assets` is not an array of distinct strings (labelled records would drop a duplicate), or keyed `weights` miss a ticker or name an unknown one.
 * @throws {NotPositiveDefiniteError} when the covariance is not positive semidefinite (pivoted Cholesky, to 1e-10 of the largest variance).
 * @throws {InsufficientDataError} with too few observations for the tail (historical).
 * @throws {SizeLimitError} with more than `SIZE_CAPS.assets` (20,000) assets (the n x n covariance). Size cap: n ≤ 20,000.
 * @example
 * ```ts
 * import { componentRisk } from 'quantivista/risk';
 * const cov = [[0.04, 0.006], [0.006, 0.01]];
 * const r = componentRisk([0.5, 0.5], cov, { assets: ['A', 'B'] });
 * console.log(r.total); // 0.12449899597988733
 * console.log(r.percentage[0] + r.percentage[1]); // 1
 *
 * // A table: sample variances 1e-4 each and covariance −1e-4, so with w = (0.75, 0.25)
 * // Σw = (0.5e-4, −0.5e-4), σ² = 0.75 · 0.5e-4 − 0.25 · 0.5e-4 = 2.5e-5 and σ = 0.005;
 * // percentages w_i (Σw)_i / σ² = 1.5 and −0.5.
 * const returns = { kind: 'returns', dates: ['2024-01-02', '2024-01-03', '2024-01-04'], assets: ['AAA', 'BBB'], values: [[0.02, 0], [0, 0.02], [0.01, 0.01]] };
 * const t = componentRisk({ AAA: 0.75, BBB: 0.25 }, returns);
 * console.log(t.total); // 0.005
 * console.log(t.byAsset?.AAA?.percentage, t.byAsset?.BBB?.percentage); // 1.5 -0.5
 * ```
 */
export function componentRisk(weights: WeightsInput, covOrReturns: MatrixLike | TableLike | Moments, options?: ComponentRiskOptions): ComponentRiskResult {
  const fn = 'componentRisk';
  const opts = checkOptions(fn, options, KEYS);
  const measure = checkOneOf(fn, 'measure', opts.measure ?? 'volatility', ['volatility', 'var', 'es'] as const);
  const method = checkOneOf(fn, 'method', opts.method ?? 'gaussian', ['gaussian', 'cornish-fisher', 'historical'] as const);
  const { confidence, p } = tailProbability(fn, opts.confidence ?? 0.95);
  let keyLabels: readonly string[] | undefined;
  if (isWeightRecord(weights)) {
    // keyed weights: the labels come from `assets` or the table
    if (opts.assets !== undefined) keyLabels = checkAssetLabels(fn, opts.assets, (opts.assets as readonly string[]).length);
    else if (isTableLike(covOrReturns)) keyLabels = readTable(fn, 'covOrReturns', covOrReturns, 'returns').assets;
    else if (isMomentsLike(covOrReturns) && covOrReturns.assets) keyLabels = covOrReturns.assets;
  }
  const w = readWeights(fn, 'weights', weights, keyLabels, '`covOrReturns`', true);
  if (w.length === 0) throw new DimensionError(`${fn}: \`weights\` must not be empty.`);
  if (opts.assets !== undefined) checkAssetLabels(fn, opts.assets, w.length);
  const kOpts = riskKernelOptions(fn, opts);
  const input = prepareRiskInput(fn, w.length, covOrReturns, opts);
  const g = riskGradient(fn, w, input, measure, measure === 'volatility' ? 'gaussian' : method, p, kOpts);
  checkFiniteRisk(fn, [g.total, ...g.marginal], 'risk');
  const n = w.length;
  const marginal = Array.from(g.marginal);
  const component = marginal.map((m, i) => w[i] * m * (g.scale ?? 1));
  const percentage = component.map((c) => c / g.total);
  const out: ComponentRiskResult = { measure, method: measure === 'volatility' ? 'gaussian' : method, total: g.total, marginal, component, percentage };
  if (measure !== 'volatility') out.confidence = confidence;
  if (g.bandwidth !== undefined) out.bandwidth = g.bandwidth;
  if (g.valid !== undefined) out.valid = g.valid;
  const labels =
    opts.assets !== undefined ? opts.assets : isMomentsLike(covOrReturns) ? (covOrReturns.assets ?? undefined) : resolveAssets(fn, undefined, covOrReturns, n);
  if (labels !== undefined) {
    out.byAsset = Object.fromEntries(
      Array.from({ length: n }, (_, i) => [labels[i] as string, { marginal: marginal[i], component: component[i], percentage: percentage[i] }]),
    );
  }
  if (input.kind === 'returns') out.observations = input.T;
  return out;
}
