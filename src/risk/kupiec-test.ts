/**
 * Kupiec's proportion-of-failures (POF) test of VaR coverage.
 *
 * @module
 */
import { incompleteGammaKernel } from '../core/special-functions.ts';
import { InvalidArgumentError } from '../core/errors.ts';
import { checkInteger, checkOptions, checkRange } from '../core/validate.ts';
import { tailProbability } from './internal.ts';

/** Options of the backtests. */
export interface BacktestOptions {
  /** Significance level of the reject decision, in (0, 1); default 0.05. */
  significance?: number;
}

/** Result of {@link kupiecTest}. */
export interface KupiecTestResult {
  /** LR_POF = −2 ln[(1−p)^{T−x} p^x] + 2 ln[(1−x/T)^{T−x} (x/T)^x], with 0·ln 0 = 0. */
  statistic: number;
  /** P(χ²(1) ≥ statistic). */
  pValue: number;
  exceptions: number;
  observations: number;
  confidence: number;
  /** T × p. */
  expectedExceptions: number;
  /** x / T. */
  exceptionRate: number;
  significance: number;
  /** pValue < significance: the coverage is rejected. */
  reject: boolean;
}

/** x ln y with 0 ln 0 = 0. @internal */
export function xlogy(x: number, y: number): number {
  return x === 0 ? 0 : x * Math.log(y);
}

/** Kernel: Kupiec LR statistic. @internal */
export function kupiecStatistic(x: number, T: number, p: number): number {
  const phat = x / T;
  const lr = -2 * (xlogy(T - x, 1 - p) + xlogy(x, p)) + 2 * (xlogy(T - x, 1 - phat) + xlogy(x, phat));
  return Math.max(lr, 0);
}

/** Kernel: χ² survival with k = 1 or 2. @internal */
export function chiSquaredSf(x: number, k: number): number {
  return incompleteGammaKernel(k / 2, x / 2).q;
}

/** Check the significance option. @internal */
export function significanceOf(fn: string, options: BacktestOptions | undefined): number {
  const opts = checkOptions(fn, options, ['significance']);
  return checkRange(fn, 'significance', opts.significance ?? 0.05, { min: 0, max: 1, minOpen: true, maxOpen: true });
}

/**
 * Kupiec (1995) proportion-of-failures test: are `exceptions` VaR breaches in `observations`
 * periods consistent with the tail probability p = 1 − confidence (rounded to 15 significant
 * digits)? LR_POF is asymptotically χ²(1) under the null; the p-value is its χ² survival
 * function (computed directly, full precision for small p-values). Zero exceptions and
 * exceptions = observations are handled with 0·ln 0 = 0.
 *
 * NaN handling: a NaN count or confidence throws InvalidArgumentError (counts must be integers,
 * `observations` at most `Number.MAX_SAFE_INTEGER`).
 * @throws {InvalidArgumentError} for a negative or non-integer count, exceptions > observations, confidence outside (0, 1) or below 0.5 (a tail probability given for the level), bad significance.
 * @example
 * ```ts
 * import { kupiecTest } from 'quantivista/risk';
 * const r = kupiecTest(12, 250, 0.99);
 * console.log(r.reject); // true
 * console.log(r.statistic); // 19.016...
 * ```
 */
export function kupiecTest(exceptions: number, observations: number, confidence: number, options?: BacktestOptions): KupiecTestResult {
  const fn = 'kupiecTest';
  const significance = significanceOf(fn, options);
  // counts are exact integers (beyond 2^53 the log-likelihood overflows to NaN)
  const T = checkInteger(fn, 'observations', observations, 1, Number.MAX_SAFE_INTEGER);
  const x = checkInteger(fn, 'exceptions', exceptions, 0);
  if (x > T) throw new InvalidArgumentError(`${fn}: \`exceptions\` (${x}) must not exceed \`observations\` (${T}).`, 'exceptions', x);
  const { confidence: c, p } = tailProbability(fn, confidence);
  const statistic = kupiecStatistic(x, T, p);
  const pValue = chiSquaredSf(statistic, 1);
  return {
    statistic,
    pValue,
    exceptions: x,
    observations: T,
    confidence: c,
    expectedExceptions: T * p,
    exceptionRate: x / T,
    significance,
    reject: pValue < significance,
  };
}
