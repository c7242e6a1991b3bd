/**
 * Summation, moments and empirical quantiles. Sums are compensated (Neumaier); variance is
 * two-pass (mean first, then centred squares, with a compensation term).
 *
 * @module
 */
import { neumaierSum } from './accumulator.ts';
import { InsufficientDataError, InvalidArgumentError } from './errors.ts';
import { toVector, type VectorLike } from './matrix.ts';
import { checkOneOf, checkOptions, checkRange } from './validate.ts';

/** The compensated-sum kernel lives in ./accumulator.ts; re-exported here for existing importers. @internal */
export { neumaierSum };

function vec(fn: string, values: VectorLike, min: number): Float64Array {
  const x = toVector(values, fn, 'values');
  if (x.length < min) {
    throw new InsufficientDataError(`${fn}: \`values\` needs at least ${min} entries, got ${x.length}.`, min, x.length);
  }
  return x;
}

/**
 * Compensated (Neumaier) sum: exact to the last bit far more often than naive summation,
 * e.g. `sum([1, 1e100, 1, -1e100])` is 2.
 *
 * @param values finite numbers (NaN / ±Infinity throw); an empty array sums to 0.
 * @throws {InvalidArgumentError} on a non-finite entry.
 * @example
 * ```ts
 * import { sum } from 'quantivista/core';
 * console.log(sum([1, 1e100, 1, -1e100])); // 2
 * ```
 */
export function sum(values: VectorLike): number {
  return neumaierSum(vec('sum', values, 0));
}

/**
 * Arithmetic mean with compensated summation.
 * @throws {InsufficientDataError} on an empty array. @throws {InvalidArgumentError} on a non-finite entry.
 * @example
 * ```ts
 * import { mean } from 'quantivista/core';
 * console.log(mean([1, 2, 3, 4])); // 2.5
 * ```
 */
export function mean(values: VectorLike): number {
  const x = vec('mean', values, 1);
  const k = powerOfTwoScale(x);
  if (k === 1) return neumaierSum(x) / x.length;
  return (neumaierSum(scaled(x, k)) / x.length) * k;
}

/**
 * A power of two k with max |x| / k in [0.5, 1) when max |x| is beyond 2^±400 (where squares and
 * fourth powers would overflow or underflow), else 1. Dividing by k is exact.
 * @internal
 */
export function powerOfTwoScale(x: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) {
    const a = Math.abs(x[i]);
    if (a > m) m = a;
  }
  if (m === 0 || (m < 2 ** 400 && m > 2 ** -400)) return 1;
  let k = 1;
  // Math.log2 rounds up to 1024 near the largest double, whose exponent is 1023
  let e = Math.min(Math.floor(Math.log2(m)), 1023);
  // step in halves so that 2^e stays representable for subnormal and near-overflow m
  while (e > 0) {
    const step = Math.min(e, 1000);
    k *= 2 ** step;
    e -= step;
  }
  while (e < 0) {
    const step = Math.max(e, -1000);
    k *= 2 ** step;
    e -= step;
  }
  return k;
}

function scaled(x: ArrayLike<number>, k: number): Float64Array {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = x[i] / k;
  return out;
}

/** Kernel: two-pass central moments of x: returns [mean, m2, m3, m4] with m_k = Σ (x − mean)^k (sums, not averages). @internal */
export function centralSums(x: ArrayLike<number>): [number, number, number, number] {
  const n = x.length;
  const m = neumaierSum(x) / n;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - m;
    const d2 = d * d;
    s1 += d;
    s2 += d2;
    s3 += d2 * d;
    s4 += d2 * d2;
  }
  // Compensation of the two-pass algorithm (Chan, Golub & LeVeque): remove the rounding in the mean.
  const corr = s1 / n;
  const m2 = s2 - s1 * corr;
  return [m + corr, m2, s3, s4];
}

/** Options of {@link variance} and {@link standardDeviation}. */
export interface VarianceOptions {
  /** Delta degrees of freedom: the divisor is n − ddof. Default 1 (the sample variance). */
  ddof?: number;
}

/**
 * Variance Σ (x − x̄)² / (n − ddof), by the corrected two-pass algorithm.
 *
 * @param options `ddof` (default 1: the unbiased sample variance; 0: the population variance).
 * Values beyond 2^±400 are scaled by a power of two first (exact), so the squares neither
 * overflow nor underflow; a variance too large for a double is an error, not Infinity.
 *
 * @throws {InsufficientDataError} when n ≤ ddof. @throws {InvalidArgumentError} on a non-finite entry, bad `ddof`, or a variance beyond the largest double.
 * @example
 * ```ts
 * import { variance } from 'quantivista/core';
 * console.log(variance([1, 2, 3, 4])); // 1.6666666666666667
 * console.log(variance([1, 2, 3, 4], { ddof: 0 })); // 1.25
 * ```
 */
export function variance(values: VectorLike, options?: VarianceOptions): number {
  const { v, k } = scaledVariance('variance', values, options);
  if (k === 1) return v;
  const out = v * k * k;
  if (!Number.isFinite(out)) {
    throw new InvalidArgumentError(
      `variance: the variance of values as large as ${k} overflows double precision; standardDeviation can still give it.`,
      'values',
      'overflow',
    );
  }
  return out;
}

/** The variance of x / k for the power-of-two scale k of {@link powerOfTwoScale} (k = 1 in the usual range). */
function scaledVariance(fn: string, values: VectorLike, options: VarianceOptions | undefined): { v: number; k: number } {
  const { ddof = 1 } = checkOptions(fn, options, ['ddof']);
  checkRange(fn, 'ddof', ddof, { min: 0 });
  const x = vec(fn, values, 1);
  if (x.length <= ddof) {
    throw new InsufficientDataError(`${fn}: needs more than ddof = ${ddof} values, got ${x.length}.`, Math.floor(ddof) + 1, x.length);
  }
  const k = powerOfTwoScale(x);
  return { v: centralSums(k === 1 ? x : scaled(x, k))[1] / (x.length - ddof), k };
}

/**
 * Standard deviation, the square root of {@link variance} (default `ddof = 1`). Values near the
 * largest double are scaled as in {@link variance}, so this is finite whenever the true standard
 * deviation is.
 * @throws as {@link variance}; the InvalidArgumentError for overflow only when the standard
 * deviation itself is beyond the largest double (e.g. `[1.7e308, -1.7e308]`).
 * @example
 * ```ts
 * import { standardDeviation } from 'quantivista/core';
 * console.log(standardDeviation([2, 4, 4, 4, 5, 5, 7, 9], { ddof: 0 })); // 2
 * ```
 */
export function standardDeviation(values: VectorLike, options?: VarianceOptions): number {
  const { v, k } = scaledVariance('standardDeviation', values, options);
  const out = Math.sqrt(v) * k;
  if (!Number.isFinite(out)) {
    throw new InvalidArgumentError(
      `standardDeviation: the standard deviation of values as large as ${k} overflows double precision; rescale the values (e.g. divide by 1e300) first.`,
      'values',
      'overflow',
    );
  }
  return out;
}

/** Options of {@link skewness} and {@link kurtosis}. */
export interface MomentOptions {
  /**
   * `false` (default): the population estimators g1 = m3 / m2^1.5 and g2 = m4 / m2² − 3, with
   * m_k = Σ(x − x̄)^k / n (scipy's `bias=True`, PerformanceAnalytics' "moment").
   * `true`: the sample-adjusted G1 = g1 √(n(n−1)) / (n−2) and
   * G2 = ((n+1) g2 + 6)(n−1) / ((n−2)(n−3)) (scipy's `bias=False`, Excel's SKEW / KURT).
   */
  adjusted?: boolean;
}

function moments(fn: string, values: VectorLike, adjusted: boolean): { n: number; m2: number; m3: number; m4: number } {
  const x = vec(fn, values, adjusted ? (fn === 'kurtosis' ? 4 : 3) : 2);
  const n = x.length;
  const k = powerOfTwoScale(x);
  const [, s2, s3, s4] = centralSums(k === 1 ? x : scaled(x, k)); // the ratios are scale-free
  if (!(s2 > 0)) {
    throw new InvalidArgumentError(`${fn}: \`values\` are constant, so the moment ratio is undefined.`, 'values', 'constant');
  }
  return { n, m2: s2 / n, m3: s3 / n, m4: s4 / n };
}

/**
 * Skewness: population g1 by default, the sample-adjusted G1 with `adjusted: true`.
 * @throws {InsufficientDataError} with fewer than 2 (3 when adjusted) values. @throws {InvalidArgumentError} for a constant series.
 * @example
 * ```ts
 * import { skewness } from 'quantivista/core';
 * console.log(skewness([1, 2, 3, 10])); // 1.0182...
 * ```
 */
export function skewness(values: VectorLike, options?: MomentOptions): number {
  const { adjusted = false } = checkOptions('skewness', options, ['adjusted']);
  const { n, m2, m3 } = moments('skewness', values, adjusted);
  // m2 · √m2 rather than m2 ** 1.5: Math.pow differs in the last bit between engines; · and √ do not.
  const g1 = m3 / (m2 * Math.sqrt(m2));
  return adjusted ? (g1 * Math.sqrt(n * (n - 1))) / (n - 2) : g1;
}

/**
 * Excess kurtosis (0 for the normal): population g2 by default, the sample-adjusted G2 with
 * `adjusted: true`.
 * @throws {InsufficientDataError} with fewer than 2 (4 when adjusted) values. @throws {InvalidArgumentError} for a constant series.
 * @example
 * ```ts
 * import { kurtosis } from 'quantivista/core';
 * console.log(kurtosis([1, 2, 3, 10])); // -0.7696 (to rounding)
 * ```
 */
export function kurtosis(values: VectorLike, options?: MomentOptions): number {
  const { adjusted = false } = checkOptions('kurtosis', options, ['adjusted']);
  const { n, m2, m4 } = moments('kurtosis', values, adjusted);
  const g2 = m4 / (m2 * m2) - 3;
  return adjusted ? (((n + 1) * g2 + 6) * (n - 1)) / ((n - 2) * (n - 3)) : g2;
}

/** Empirical quantile rules (numpy's names; R types in brackets). */
export type QuantileMethod = 'linear' | 'lower' | 'higher' | 'nearest' | 'midpoint';

/** The quantile rules accepted by {@link quantile}. */
export const QUANTILE_METHODS: readonly QuantileMethod[] = ['linear', 'lower', 'higher', 'nearest', 'midpoint'];

/**
 * Kernel: the quantile rule itself, from the two order statistics around h = (n − 1) p:
 * a = x₍⌊h⌋₎, b = x₍min(⌊h⌋+1, n−1)₎, lo = ⌊h⌋ and frac = h − lo. The one implementation of the
 * rules, shared by {@link quantileSorted} and the selection-based quantiles of risk.
 * `'nearest'` rounds half to even, as numpy does.
 * @internal
 */
export function quantileRule(a: number, b: number, lo: number, frac: number, method: QuantileMethod = 'linear'): number {
  switch (method) {
    case 'lower':
      return a;
    case 'higher':
      return frac > 0 ? b : a;
    case 'nearest': {
      if (frac > 0.5) return b;
      if (frac < 0.5) return a;
      return lo % 2 === 0 ? a : b;
    }
    case 'midpoint':
      return frac > 0 ? (a + b) / 2 : a;
    default:
      return frac === 0 ? a : a + (b - a) * frac;
  }
}

/**
 * Kernel: the quantile of already-sorted values at probability p, with h = (n − 1) p
 * (rules of {@link quantileRule}).
 * @internal
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number, method: QuantileMethod = 'linear'): number {
  const n = sorted.length;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return quantileRule(sorted[lo], sorted[hi], lo, h - lo, method);
}

/** Options of {@link quantile}. */
export interface QuantileOptions {
  /** Interpolation rule; default `'linear'` (R type 7, numpy's default). */
  method?: QuantileMethod;
}

/**
 * Empirical quantile at probability `p` ∈ [0, 1], with position h = (n − 1) p in the sorted
 * values x₍₀₎ ≤ … ≤ x₍ₙ₋₁₎ (0-based) and the rule `method`:
 * `'linear'` x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋+1₎ − x₍⌊h⌋₎) (R type 7, numpy `linear`, the default);
 * `'lower'` x₍⌊h⌋₎; `'higher'` x₍⌈h⌉₎; `'nearest'` the nearer of the two, ties to the even index
 * (numpy); `'midpoint'` their average.
 *
 * @param values finite numbers, not modified.
 * @throws {InsufficientDataError} on an empty array. @throws {InvalidArgumentError} for p outside [0, 1], a NaN entry or an unknown method.
 * @example
 * ```ts
 * import { quantile } from 'quantivista/core';
 * console.log(quantile([1, 2, 3, 4], 0.5)); // 2.5
 * console.log(quantile([1, 2, 3, 4], 0.5, { method: 'lower' })); // 2
 * ```
 */
export function quantile(values: VectorLike, p: number, options?: QuantileOptions): number {
  const { method = 'linear' } = checkOptions('quantile', options, ['method']);
  checkOneOf('quantile', 'method', method, QUANTILE_METHODS);
  checkRange('quantile', 'p', p, { min: 0, max: 1 });
  const x = vec('quantile', values, 1);
  x.sort();
  return quantileSorted(x, p, method);
}
