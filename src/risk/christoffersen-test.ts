/**
 * Christoffersen's independence and conditional-coverage tests of VaR exceptions.
 *
 * @module
 */
import { InsufficientDataError, InvalidArgumentError } from '../core/errors.ts';
import { tailProbability } from './internal.ts';
import { chiSquaredSf, kupiecStatistic, significanceOf, xlogy, type BacktestOptions } from './kupiec-test.ts';
import { showValue } from '../core/parse-decimal.ts';

/** A likelihood-ratio test outcome. */
export interface LikelihoodRatioTest {
  statistic: number;
  pValue: number;
  /** Degrees of freedom of the χ² reference distribution. */
  degreesOfFreedom: number;
  reject: boolean;
}

/** Result of {@link christoffersenTest}. */
export interface ChristoffersenTestResult {
  /** Transition counts n_ij: periods with state i followed by state j (1 = exception). */
  transitions: { n00: number; n01: number; n10: number; n11: number };
  /** P(exception | no exception yesterday), P(exception | exception yesterday). */
  pi01: number;
  pi11: number;
  exceptions: number;
  observations: number;
  confidence: number;
  significance: number;
  /** Kupiec POF (unconditional coverage), χ²(1), on all T observations. */
  coverage: LikelihoodRatioTest;
  /** LR_ind (first-order Markov independence), χ²(1). */
  independence: LikelihoodRatioTest;
  /** LR_cc = LR_POF + LR_ind, χ²(2). */
  conditionalCoverage: LikelihoodRatioTest;
}

/** Convert a hit series (0/1 or booleans) to 0/1 numbers. @internal */
export function toHits(fn: string, hitSeries: ArrayLike<number | boolean>): Uint8Array {
  if (hitSeries === null || typeof hitSeries !== 'object' || typeof hitSeries.length !== 'number') {
    throw new InvalidArgumentError(`${fn}: \`hitSeries\` must be an array of 0/1 or booleans.`, 'hitSeries', typeof hitSeries);
  }
  const h = new Uint8Array(hitSeries.length);
  for (let i = 0; i < hitSeries.length; i++) {
    const v = hitSeries[i];
    if (v === true || v === 1) h[i] = 1;
    else if (v === false || v === 0) h[i] = 0;
    else throw new InvalidArgumentError(`${fn}: \`hitSeries\` must hold 0/1 or booleans, but entry ${i} is ${showValue(v)}.`, 'hitSeries', showValue(v));
  }
  return h;
}

/** Kernel on a 0/1 series. @internal */
export function christoffersenKernel(h: Uint8Array, p: number, significance: number, confidence: number): ChristoffersenTestResult {
  let n00 = 0;
  let n01 = 0;
  let n10 = 0;
  let n11 = 0;
  let x = 0;
  for (let t = 0; t < h.length; t++) {
    x += h[t];
    if (t === 0) continue;
    const a = h[t - 1];
    const b = h[t];
    if (a === 0) {
      if (b === 0) n00++;
      else n01++;
    } else if (b === 0) n10++;
    else n11++;
  }
  const pi01 = n00 + n01 > 0 ? n01 / (n00 + n01) : 0;
  const pi11 = n10 + n11 > 0 ? n11 / (n10 + n11) : 0;
  const pi = (n01 + n11) / (n00 + n01 + n10 + n11);
  const l0 = xlogy(n00 + n10, 1 - pi) + xlogy(n01 + n11, pi);
  const l1 = xlogy(n00, 1 - pi01) + xlogy(n01, pi01) + xlogy(n10, 1 - pi11) + xlogy(n11, pi11);
  const ind = Math.max(-2 * (l0 - l1), 0);
  const pof = kupiecStatistic(x, h.length, p);
  const cc = pof + ind;
  const test = (statistic: number, k: number): LikelihoodRatioTest => {
    const pValue = chiSquaredSf(statistic, k);
    return { statistic, pValue, degreesOfFreedom: k, reject: pValue < significance };
  };
  return {
    transitions: { n00, n01, n10, n11 },
    pi01,
    pi11,
    exceptions: x,
    observations: h.length,
    confidence,
    significance,
    coverage: test(pof, 1),
    independence: test(ind, 1),
    conditionalCoverage: test(cc, 2),
  };
}

/**
 * Christoffersen (1998) tests on a series of VaR exceptions (1 / true = the loss exceeded the
 * VaR). Independence: a first-order Markov chain with transition probabilities π01, π11 against
 * a constant π = (n01 + n11) / (T − 1), LR_ind ~ χ²(1). Conditional coverage: LR_cc = LR_POF +
 * LR_ind ~ χ²(2), with Kupiec's LR_POF on all T observations (the convention of MATLAB's
 * `varbacktest`). Empty transition rows contribute nothing (0·ln 0 = 0), so series without
 * exceptions, or without two consecutive periods of a kind, give finite statistics.
 *
 * @throws {InvalidArgumentError} for entries other than 0/1/booleans, confidence outside (0, 1) or below 0.5 (a tail probability given for the level), bad significance.
 * @throws {InsufficientDataError} with fewer than 2 observations.
 * @example
 * ```ts
 * import { christoffersenTest } from 'quantivista/risk';
 * const hits = [...new Array(240).fill(0), 1, 1, 1, 0, 0, 1, 1, 0, 0, 0];
 * const r = christoffersenTest(hits, 0.99);
 * console.log(r.independence.reject); // true
 * ```
 */
export function christoffersenTest(hitSeries: ArrayLike<number | boolean>, confidence: number, options?: BacktestOptions): ChristoffersenTestResult {
  const fn = 'christoffersenTest';
  const significance = significanceOf(fn, options);
  const { confidence: c, p } = tailProbability(fn, confidence);
  const h = toHits(fn, hitSeries);
  if (h.length < 2) throw new InsufficientDataError(`${fn}: \`hitSeries\` needs at least 2 observations, got ${h.length}.`, 2, h.length);
  return christoffersenKernel(h, p, significance, c);
}
