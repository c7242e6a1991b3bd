/**
 * Value at Risk and Expected Shortfall of a return series by five methods: historical,
 * Gaussian, Student-t, Cornish–Fisher (modified) and EWMA-filtered historical simulation.
 *
 * @module
 */
import { normalCdfKernel, normalPdfKernel, normalQuantileKernel, studentTPdfKernel, studentTQuantileKernel } from '../core/distributions.ts';
import { logBetaKernel } from '../core/special-functions.ts';
import { InvalidArgumentError } from '../core/errors.ts';
import type { MatrixLike, VectorLike } from '../core/matrix.ts';
import type { TableLike } from '../core/table.ts';
import { QUANTILE_METHODS, type QuantileMethod } from '../core/stats.ts';
import { checkOneOf, checkOptions, checkRange } from '../core/validate.ts';
import {
  checkFiniteRisk,
  checkSeries,
  cornishFisherDomain,
  cornishFisherES,
  cornishFisherZ,
  historicalTail,
  minimumForTail,
  seriesMoments,
  tailProbability,
  toReturnSeries,
} from './internal.ts';
import { missingOption, returnsOptions } from './labelled-input.ts';
import { Adder } from '../core/accumulator.ts';
import { showValue } from '../core/parse-decimal.ts';

/** VaR / ES methods. */
export type VaRMethod = 'historical' | 'gaussian' | 'student-t' | 'cornish-fisher' | 'ewma';

/** The methods accepted by {@link valueAtRisk} and {@link expectedShortfall}. */
export const VAR_METHODS: readonly VaRMethod[] = ['historical', 'gaussian', 'student-t', 'cornish-fisher', 'ewma'];

/** Options of {@link valueAtRisk} and {@link expectedShortfall}. */
export interface ValueAtRiskOptions {
  /** Estimation method; default `'historical'`. */
  method?: VaRMethod;
  /** Confidence level in [0.5, 1); default 0.95. The tail probability is 1 − confidence rounded to 15 significant digits (so 1 − 0.95 is exactly 0.05). A value below 0.5 (the tail written for the level, e.g. 0.05) throws. */
  confidence?: number;
  /** Empirical quantile rule for `'historical'` and `'ewma'` (default `'linear'`, R type 7, numpy's default). */
  quantileMethod?: QuantileMethod;
  /** When `returns` is a T x n matrix or table of asset returns: the portfolio weights (or money amounts), one per column, or, with a table, a record keyed by ticker naming every asset (`{ AAA: 0.6, BBB: 0.4 }`). */
  weights?: VectorLike | Readonly<Record<string, number>>;
  /** Rows (periods) with a missing value (NaN or `null`): `'error'` (default) throws, naming the asset and date for a table; `'drop'` removes them (entries of a single series) and `observations` counts the rows kept. */
  missing?: 'error' | 'drop';
  /** Skip the screen that refuses a matrix looking like prices (every column positive with a median above 1): the data really are returns. */
  assumeReturns?: boolean;
  /** Horizon in periods (default 1), for the parametric methods only: the mean scales with h and the standard deviation with √h (i.i.d. returns); for Cornish–Fisher skewness scales with 1/√h and excess kurtosis with 1/h (cumulants of an i.i.d. sum). `'historical'` and `'ewma'` refuse h ≠ 1: use h-period returns instead. */
  horizon?: number;
  /** `'student-t'`: degrees of freedom ν > 2; default: fitted (see `degreesOfFreedomFit`). */
  degreesOfFreedom?: number;
  /** `'student-t'` without `degreesOfFreedom`: `'moments'` (default) ν = 4 + 6 / g2 with g2 the population excess kurtosis; `'mle'` maximises the likelihood over ν with the location fixed at the sample mean and the scale tied to the sample variance, s = σ √((ν−2)/ν) (golden-section search on ln(ν − 2), ν ∈ [2.01, 1002]). */
  degreesOfFreedomFit?: 'moments' | 'mle';
  /** `'cornish-fisher'` and the `'student-t'` moment fit: `false` (default) uses the population skewness and excess kurtosis g1, g2; `true` the sample-adjusted G1, G2. */
  adjustedMoments?: boolean;
  /** `'cornish-fisher'`: what to do outside the expansion's validity domain: `'throw'` (default) an InvalidArgumentError, or `'flag'` return the formula's number with `valid: false` and a `reason`. */
  outsideDomain?: 'throw' | 'flag';
  /** `'ewma'`: decay λ in (0, 1), default 0.94 (RiskMetrics daily). */
  lambda?: number;
}

/** Result of {@link valueAtRisk}: the VaR as a positive loss, with the estimates behind it. */
export interface ValueAtRiskResult {
  /** Value at Risk: a positive number is a loss (fraction of value for returns, money for money-weighted positions). */
  var: number;
  /** Confidence level used. */
  confidence: number;
  /** Tail probability p = 1 − confidence (rounded to 15 significant digits). */
  tailProbability: number;
  /** Method used. */
  method: VaRMethod;
  /** Horizon in periods. */
  horizon: number;
  /** Number of observations. */
  observations: number;
  /** The return quantile at p over the horizon (= −var). */
  quantile: number;
  /** Sample mean per period (parametric methods). */
  mean?: number;
  /** Sample standard deviation per period, ddof = 1 (parametric methods). */
  standardDeviation?: number;
  /** Per-period skewness (`'cornish-fisher'`; over h periods the expansion uses skewness / √h). */
  skewness?: number;
  /** Per-period excess kurtosis (`'cornish-fisher'`, over h periods divided by h; `'student-t'` with the moment fit). */
  excessKurtosis?: number;
  /** The standardised quantile used: Φ⁻¹(p), the Student-t quantile (unit variance), or the Cornish–Fisher z. */
  z?: number;
  /** Degrees of freedom (`'student-t'`). */
  degreesOfFreedom?: number;
  /** `'student-t'` with a fitted ν: how it was fitted; for `'mle'` the golden-section iterations, whether the bracket shrank below 1e-10 in ln(ν − 2), whether ν sits at a bound of [2.01, 1002], and the maximised log-likelihood. */
  fit?: { method: 'moments' | 'mle'; iterations?: number; converged?: boolean; atBound?: boolean; logLikelihood?: number };
  /** `'cornish-fisher'`: whether the expansion is monotone (Maillard 2012) for these moments. */
  valid?: boolean;
  /** `'cornish-fisher'` with `valid: false`: why. */
  reason?: string;
  /** `'ewma'`: the volatility forecast for the next period. */
  volatility?: number;
  /** `'ewma'`: the decay used. */
  lambda?: number;
}

/** Result of {@link expectedShortfall}. */
export interface ExpectedShortfallResult extends ValueAtRiskResult {
  /** Expected Shortfall (CVaR): the mean loss beyond the VaR, positive for a loss. */
  es: number;
  /** Historical and EWMA methods: number of observations at or below the VaR quantile. */
  tailCount?: number;
  /** `'cornish-fisher'`: true when the Edgeworth tail mean fell below the modified VaR and ES was set to the VaR. */
  esFlooredAtVaR?: boolean;
}

const OPTION_KEYS = [
  'method',
  'confidence',
  'quantileMethod',
  'weights',
  'horizon',
  'degreesOfFreedom',
  'adjustedMoments',
  'outsideDomain',
  'lambda',
  'degreesOfFreedomFit',
  'missing',
  'assumeReturns',
] as const;

/** The result of a parametric method: VaR, ES, the shared fields, the quantile and the sample moments, then the method's own fields. */
function parametricResult(
  v: number,
  es: number,
  base: Pick<ExpectedShortfallResult, 'confidence' | 'tailProbability' | 'method' | 'horizon' | 'observations'>,
  mom: { mean: number; sd: number },
  extra: Partial<ExpectedShortfallResult>,
): ExpectedShortfallResult {
  return { var: v, es, ...base, quantile: -v, mean: mom.mean, standardDeviation: mom.sd, ...extra };
}

/** Kernel: VaR and ES of the series `x`, which it may permute (pass a copy). @internal */
export function riskOfSeries(fn: string, x: Float64Array, options: ValueAtRiskOptions): ExpectedShortfallResult {
  const method = checkOneOf(fn, 'method', options.method ?? 'historical', VAR_METHODS);
  const { confidence, p } = tailProbability(fn, options.confidence ?? 0.95);
  const quantileMethod = checkOneOf(fn, 'quantileMethod', options.quantileMethod ?? 'linear', QUANTILE_METHODS);
  const horizon = checkRange(fn, 'horizon', options.horizon ?? 1, { min: 0, minOpen: true });
  const n = x.length;
  const base = { confidence, tailProbability: p, method, horizon, observations: n };

  if (method === 'historical' || method === 'ewma') {
    if (horizon !== 1) {
      throw new InvalidArgumentError(
        `${fn}: \`horizon\` (${horizon}) must be 1 for method '${method}': scaling an empirical quantile by √h is not part of the method; pass h-period returns instead.`,
        'horizon',
        horizon,
      );
    }
    checkSeries(fn, x, minimumForTail(p));
    let series: Float64Array = x;
    let extra: { volatility: number; lambda: number } | undefined;
    if (method === 'ewma') {
      const lambda = checkRange(fn, 'lambda', options.lambda ?? 0.94, { min: 0, max: 1, minOpen: true, maxOpen: true });
      const { scaled, forecast } = ewmaFilter(x, lambda);
      series = scaled;
      extra = { volatility: forecast, lambda };
    }
    const { quantile, tailMean, tailCount } = historicalTail(series, p, quantileMethod);
    return { var: -quantile, es: -tailMean, ...base, quantile, tailCount, ...(extra ?? {}) };
  }

  checkSeries(fn, x, method === 'gaussian' ? 2 : 4);
  const adjusted = options.adjustedMoments ?? false;
  if (typeof adjusted !== 'boolean')
    throw new InvalidArgumentError(`${fn}: \`adjustedMoments\` must be a boolean, got ${showValue(adjusted)}.`, 'adjustedMoments', showValue(adjusted));
  const mom = seriesMoments(x, adjusted);
  const mu = mom.mean * horizon;
  const sd = mom.sd * Math.sqrt(horizon);
  const z = normalQuantileKernel(p);

  if (method === 'gaussian') {
    const v = -mu - sd * z;
    const es = -mu + (sd * normalPdfKernel(z)) / p;
    return parametricResult(v, es, base, mom, { z });
  }

  if (method === 'student-t') {
    let nu: number;
    let g2: number | undefined;
    let fit: ExpectedShortfallResult['fit'];
    if (options.degreesOfFreedom !== undefined) {
      nu = checkRange(fn, 'degreesOfFreedom', options.degreesOfFreedom, { min: 2, minOpen: true });
    } else if (checkOneOf(fn, 'degreesOfFreedomFit', options.degreesOfFreedomFit ?? 'moments', ['moments', 'mle'] as const) === 'mle') {
      const m = studentTMle(x, mom.mean, mom.sd);
      nu = m.nu;
      fit = { method: 'mle', iterations: m.iterations, converged: m.converged, atBound: m.atBound, logLikelihood: m.logLikelihood };
    } else {
      g2 = mom.kurtosis;
      if (!(g2 > 0)) {
        throw new InvalidArgumentError(
          `${fn}: the returns show no excess kurtosis (g2 = ${g2}), so the moment fit ν = 4 + 6/g2 of the Student-t is undefined; pass \`degreesOfFreedom\`, use \`degreesOfFreedomFit: 'mle'\` or method 'gaussian'.`,
          'returns',
          g2,
        );
      }
      nu = 4 + 6 / g2;
      fit = { method: 'moments' };
    }
    const scale = sd * Math.sqrt((nu - 2) / nu); // unit-variance t scaled to the sample variance
    const t = studentTQuantileKernel(p, nu);
    const v = -mu - scale * t;
    const es = -mu + (scale * ((nu + t * t) / (nu - 1)) * studentTPdfKernel(t, nu)) / p;
    const out = parametricResult(v, es, base, mom, { z: t * Math.sqrt((nu - 2) / nu), degreesOfFreedom: nu });
    if (g2 !== undefined) out.excessKurtosis = g2;
    if (fit !== undefined) out.fit = fit;
    return out;
  }

  // Cornish–Fisher.
  const S = mom.skewness / Math.sqrt(horizon);
  const K = mom.kurtosis / horizon;
  const domain = cornishFisherDomain(S, K);
  const outside = checkOneOf(fn, 'outsideDomain', options.outsideDomain ?? 'throw', ['throw', 'flag'] as const);
  if (!domain.valid && outside === 'throw') {
    throw new InvalidArgumentError(`${fn}: ${domain.reason}; pass \`outsideDomain: 'flag'\` to get the number anyway.`, 'returns', {
      skewness: S,
      excessKurtosis: K,
    });
  }
  const h = cornishFisherZ(z, S, K);
  const { E } = cornishFisherES(h, 0, 0, S, K, p, normalCdfKernel(h), normalPdfKernel(h));
  const v = -mu - sd * h;
  // As PerformanceAnalytics / PortfolioAnalytics (`mES.MM`: −μ − σ min(−E, h)): the Edgeworth
  // tail mean can fall below the CF quantile; ES is then floored at the modified VaR.
  const floored = E < -h;
  const es = floored ? v : -mu + sd * E;
  const out = parametricResult(v, es, base, mom, { skewness: mom.skewness, excessKurtosis: mom.kurtosis, z: h, valid: domain.valid });
  if (floored) out.esFlooredAtVaR = true;
  if (domain.reason !== undefined) out.reason = domain.reason;
  return out;
}

/**
 * Kernel: maximum-likelihood ν of a Student-t with location `mean` and scale sd √((ν−2)/ν), by
 * golden-section search on u = ln(ν − 2) ∈ [ln 0.01, ln 1000]. @internal
 */
export function studentTMle(
  x: Float64Array,
  mean: number,
  sd: number,
): { nu: number; iterations: number; converged: boolean; atBound: boolean; logLikelihood: number } {
  const n = x.length;
  const ll = (u: number): number => {
    const nu = 2 + Math.exp(u);
    const s = sd * Math.sqrt((nu - 2) / nu);
    const c = n * (-logBetaKernel(nu / 2, 0.5) - 0.5 * Math.log(nu) - Math.log(s));
    let acc = 0;
    for (let i = 0; i < n; i++) {
      const z = (x[i] - mean) / s;
      acc += Math.log1p((z * z) / nu);
    }
    return c - 0.5 * (nu + 1) * acc;
  };
  const lo0 = Math.log(0.01);
  const hi0 = Math.log(1000);
  const g = (Math.sqrt(5) - 1) / 2;
  let a = lo0;
  let b = hi0;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = ll(c);
  let fd = ll(d);
  let it = 0;
  while (b - a > 1e-10 && it < 200) {
    if (fc > fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = ll(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = ll(d);
    }
    it++;
  }
  const u = 0.5 * (a + b);
  return { nu: 2 + Math.exp(u), iterations: it, converged: b - a <= 1e-10, atBound: u - lo0 < 1e-8 || hi0 - u < 1e-8, logLikelihood: ll(u) };
}

/**
 * Kernel: EWMA volatilities σ_t (σ²_1 = mean of r², σ²_{t+1} = λ σ²_t + (1 − λ) r_t²) and the
 * filtered returns r_t σ_{T+1} / σ_t (Hull & White 1998). @internal
 */
export function ewmaFilter(x: Float64Array, lambda: number): { scaled: Float64Array; forecast: number } {
  const n = x.length;
  const sumSq = new Adder();
  for (let i = 0; i < n; i++) {
    const v = x[i] * x[i];
    sumSq.add(v);
  }
  let v2 = sumSq.valueOf() / n;
  const sig = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    sig[i] = Math.sqrt(v2);
    const r = x[i];
    v2 = lambda * v2 + (1 - lambda) * r * r;
  }
  const forecast = Math.sqrt(v2);
  const scaled = new Float64Array(n);
  for (let i = 0; i < n; i++) scaled[i] = (x[i] * forecast) / sig[i];
  return { scaled, forecast };
}

function run(fn: string, returns: VectorLike | MatrixLike | TableLike, options: ValueAtRiskOptions | undefined): ExpectedShortfallResult {
  const opts = checkOptions(fn, options, OPTION_KEYS);
  const x = toReturnSeries(fn, returns, opts.weights, returnsOptions(missingOption(fn, opts.missing), opts.assumeReturns));
  const r = riskOfSeries(fn, x, opts);
  checkFiniteRisk(
    fn,
    Object.values(r).filter((v): v is number => typeof v === 'number'),
    'VaR / ES',
  );
  return r;
}

/**
 * Value at Risk of a return series (or of a portfolio: asset returns plus `weights`), as a
 * positive loss at `confidence` (default 0.95) over `horizon` periods.
 *
 * Methods (p = 1 − confidence, rounded to 15 significant digits so 1 − 0.95 is exactly 0.05):
 * - `'historical'` (default): VaR = −quantile(r, p) with the empirical rule `quantileMethod`
 *   (default `'linear'`, as `core.quantile` and numpy); found by Floyd–Rivest selection, O(T).
 * - `'gaussian'`: VaR = −(μ + σ Φ⁻¹(p)) with the sample mean and ddof = 1 standard deviation.
 * - `'student-t'`: VaR = −(μ + σ √((ν−2)/ν) t_ν⁻¹(p)), a Student-t scaled to the sample variance;
 *   ν fitted by the method of moments ν = 4 + 6/g2 (default) or by maximum likelihood
 *   (`degreesOfFreedomFit: 'mle'`, same location and variance), unless `degreesOfFreedom` is given.
 * - `'cornish-fisher'` (modified VaR; Zangari 1996, Favre & Galeano 2002): VaR = −(μ + σ z_cf)
 *   with z_cf = z + (z²−1)S/6 + (z³−3z)K/24 − (2z³−5z)S²/36, S, K the population skewness and
 *   excess kurtosis. Outside the domain where z ↦ z_cf is monotone (Maillard 2012) it throws, or
 *   with `outsideDomain: 'flag'` returns `valid: false` and a `reason`.
 * - `'ewma'`: filtered historical simulation (Hull & White 1998): each return is rescaled by
 *   σ_{T+1}/σ_t with RiskMetrics EWMA volatilities (σ²_1 = mean of r², decay `lambda`, default
 *   0.94), then the historical rule is applied.
 *
 * Horizon: parametric methods scale μ by h and σ by √h (i.i.d. returns; Cornish–Fisher also
 * scales S by 1/√h and K by 1/h); historical and EWMA methods require h = 1.
 *
 * Tables: `returns` may be a ReturnTable `{ kind: 'returns', dates, assets, values }` (a plain
 * object will do); `weights` are then an array (one per column) or a record keyed by ticker that
 * names every asset (an unknown key throws, naming the nearest ticker). A PriceTable is refused
 * (compute returns first). The result is the same, bit for bit, as for the table's values as a
 * matrix.
 *
 * Missing data: a NaN or `null` throws, naming the asset and date for a table (row and column for
 * a matrix), unless `missing: 'drop'`, which removes every row (period) with a missing value (an
 * entry of a single series) before estimating; `observations` is the number of rows kept.
 *
 * @param returns a return series (vector), or a T x n matrix or ReturnTable of asset returns with `weights` (a one-column table or matrix needs none).
 * @throws {InvalidArgumentError} for a confidence outside (0, 1) or below 0.5 (a tail probability given for the level), a missing value (unless `missing: 'drop'`), a weight key that is no ticker of the table, a ticker without a weight, a PriceTable or a matrix that looks like prices (unless `assumeReturns`), constant returns, unknown options, CF outside its domain, or returns so large the result overflows.
 * @throws {InsufficientDataError} with fewer than ⌈1/p⌉ observations (historical, EWMA), 2 (Gaussian) or 4 (Student-t, Cornish–Fisher).
 * @throws {DimensionError} when `weights` do not match the columns of `returns`.
 * @example
 * ```ts
 * import { valueAtRisk } from 'quantivista/risk';
 * const r = Array.from({ length: 100 }, (_, i) => ((i * 37) % 100) / 1000 - 0.05);
 * console.log(valueAtRisk(r, { confidence: 0.95 }).var); // 0.04505
 * console.log(valueAtRisk(r, { method: 'gaussian' }).var > 0); // true
 *
 * // A table with weights keyed by ticker: the portfolio returns are
 * // 0.01, −0.03, 0.01, 0.01, −0.01, 0.01, 0.01, 0.01, −0.01, 0.02. At 90 %, p = 0.1 and the
 * // linear quantile sits at (10 − 1) · 0.1 = 0.9 between the two smallest, −0.03 and −0.01:
 * // −0.03 + 0.9 · 0.02 = −0.012.
 * const table = {
 *   kind: 'returns',
 *   dates: ['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-08', '2024-01-09', '2024-01-10', '2024-01-11', '2024-01-12', '2024-01-15'],
 *   assets: ['AAA', 'BBB'],
 *   values: [[0.02, 0], [-0.04, -0.02], [0.01, 0.01], [0.03, -0.01], [-0.02, 0], [0, 0.02], [0.01, 0.01], [0.02, 0], [-0.01, -0.01], [0.04, 0]],
 * };
 * const v = valueAtRisk(table, { weights: { AAA: 0.5, BBB: 0.5 }, confidence: 0.9 });
 * console.log(v.var); // 0.012
 * console.log(v.observations); // 10
 * ```
 */
export function valueAtRisk(returns: VectorLike | MatrixLike | TableLike, options?: ValueAtRiskOptions): ValueAtRiskResult {
  const { es: _es, tailCount: _tc, esFlooredAtVaR: _f, ...rest } = run('valueAtRisk', returns, options);
  return rest;
}

/**
 * Expected Shortfall (CVaR): the mean loss in the tail beyond the VaR, by the same methods and
 * options as {@link valueAtRisk} (the result carries both `es` and `var`).
 *
 * - `'historical'` / `'ewma'`: ES = −mean of the returns at or below the VaR quantile (ties included).
 * - `'gaussian'`: ES = −μ + σ φ(Φ⁻¹(p)) / p.
 * - `'student-t'`: ES = −μ + s (ν + t²)/(ν − 1) f_ν(t) / p with t = t_ν⁻¹(p), s = σ √((ν−2)/ν).
 * - `'cornish-fisher'`: modified ES (Boudt, Peterson & Croux 2008): ES = −μ − σ/p ∫_{−∞}^{z_cf} u g(u) du
 *   with the Edgeworth density g = φ [1 + S He₃/6 + K He₄/24 + S² He₆/72]. That tail mean can fall
 *   below the CF quantile (the Edgeworth tail mass beyond z_cf is not exactly p); ES is then
 *   floored at the modified VaR and `esFlooredAtVaR` is set, as PerformanceAnalytics /
 *   PortfolioAnalytics do (`−μ − σ min(−E, z_cf)`).
 *
 * Tables and missing data: as {@link valueAtRisk} — `returns` may be a ReturnTable with
 * `weights` as an array or a record keyed by ticker; a NaN or `null` throws naming the asset and
 * date, unless `missing: 'drop'` removes the incomplete rows (`observations` counts the rest).
 * @throws as {@link valueAtRisk}.
 * @example
 * ```ts
 * import { expectedShortfall } from 'quantivista/risk';
 * const r = Array.from({ length: 100 }, (_, i) => ((i * 37) % 100) / 1000 - 0.05);
 * const res = expectedShortfall(r, { confidence: 0.95 });
 * console.log(res.es); // 0.048
 * console.log(res.tailCount); // 5
 *
 * // The table of valueAtRisk's example with an eleventh day on which BBB has no price: dropped.
 * // The 90 % VaR quantile is −0.012; only −0.03 lies at or below it, so ES = 0.03.
 * const table = {
 *   kind: 'returns',
 *   dates: ['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-08', '2024-01-09', '2024-01-10', '2024-01-11', '2024-01-12', '2024-01-15', '2024-01-16'],
 *   assets: ['AAA', 'BBB'],
 *   values: [[0.02, 0], [-0.04, -0.02], [0.01, 0.01], [0.03, -0.01], [-0.02, 0], [0, 0.02], [0.01, 0.01], [0.02, 0], [-0.01, -0.01], [0.04, 0], [0.01, null]],
 * };
 * const es = expectedShortfall(table, { weights: { AAA: 0.5, BBB: 0.5 }, confidence: 0.9, missing: 'drop' });
 * console.log(es.es, es.tailCount, es.observations); // 0.03 1 10
 * ```
 */
export function expectedShortfall(returns: VectorLike | MatrixLike | TableLike, options?: ValueAtRiskOptions): ExpectedShortfallResult {
  return run('expectedShortfall', returns, options);
}
