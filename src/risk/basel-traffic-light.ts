/**
 * The Basel traffic-light classification of VaR backtest exceptions.
 *
 * @module
 */
import { binomialCdfKernel } from '../core/distributions.ts';
import { InvalidArgumentError } from '../core/errors.ts';
import { checkInteger, checkOptions } from '../core/validate.ts';
import { tailProbability } from './internal.ts';

/** Options of {@link baselTrafficLight}. */
export interface BaselTrafficLightOptions {
  /** VaR confidence level; default 0.99 (the Basel setting). */
  confidence?: number;
}

/** Result of {@link baselTrafficLight}. */
export interface BaselTrafficLightResult {
  zone: 'green' | 'yellow' | 'red';
  /** Increase of the capital multiplier (0 in green, 0.40 .. 0.85 in yellow, 1 in red). */
  plusFactor: number;
  /** 3 + plusFactor. */
  multiplier: number;
  /** P(X ≤ exceptions) for X ~ Binomial(observations, 1 − confidence). */
  cumulativeProbability: number;
  exceptions: number;
  observations: number;
  confidence: number;
  /** `'basel-table'` for 250 observations at 99 %, `'binomial'` otherwise (see the docs). */
  basis: 'basel-table' | 'binomial';
}

/** Basel (1996) Table 2: plus factors for 0 .. 10+ exceptions in 250 days at 99 %. */
const PLUS = [0, 0, 0, 0, 0, 0.4, 0.5, 0.65, 0.75, 0.85, 1];

/**
 * Basel Committee traffic light for a VaR backtest (Basel Committee on Banking Supervision 1996,
 * "Supervisory framework for the use of 'backtesting' in conjunction with the internal models
 * approach to market risk capital requirements", Table 2): for 250 observations at 99 %, green for
 * 0–4 exceptions (plus factor 0), yellow for 5–9 (plus factors 0.40, 0.50, 0.65, 0.75, 0.85), red
 * for 10 or more (1.00); the capital multiplier is 3 + plus factor.
 *
 * Other sample sizes or confidence levels use the same binomial logic as the Basel table: the
 * zone boundaries are where the cumulative probability P(X ≤ x) of X ~ Binomial(T, p) reaches
 * 95 % (yellow) and 99.99 % (red); in the yellow zone the plus factor is the table's for the
 * largest 250-day count k ∈ 5..9 whose cumulative probability does not exceed this one's (0.40
 * when none does). `basis` says which rule applied.
 *
 * @param observations number of backtest periods; default 250.
 * NaN handling: a NaN count or confidence throws InvalidArgumentError (counts must be integers).
 * @throws {InvalidArgumentError} for non-integer or negative counts, more than 2^53 − 1 observations, exceptions > observations, confidence outside (0, 1) or below 0.5 (a tail probability given for the level).
 * @example
 * ```ts
 * import { baselTrafficLight } from 'quantivista/risk';
 * console.log(baselTrafficLight(6, 250).zone); // "yellow"
 * console.log(baselTrafficLight(6, 250).multiplier); // 3.5
 * ```
 */
export function baselTrafficLight(exceptions: number, observations = 250, options?: BaselTrafficLightOptions): BaselTrafficLightResult {
  const fn = 'baselTrafficLight';
  const opts = checkOptions(fn, options, ['confidence']);
  const T = checkInteger(fn, 'observations', observations, 1, Number.MAX_SAFE_INTEGER);
  const x = checkInteger(fn, 'exceptions', exceptions, 0);
  if (x > T) throw new InvalidArgumentError(`${fn}: \`exceptions\` (${x}) must not exceed \`observations\` (${T}).`, 'exceptions', x);
  const { confidence, p } = tailProbability(fn, opts.confidence ?? 0.99);
  const cumulativeProbability = binomialCdfKernel(x, T, p);
  const base = { exceptions: x, observations: T, confidence, cumulativeProbability };
  if (T === 250 && p === 0.01) {
    const plusFactor = PLUS[Math.min(x, 10)];
    const zone = x <= 4 ? 'green' : x <= 9 ? 'yellow' : 'red';
    return { zone, plusFactor, multiplier: 3 + plusFactor, ...base, basis: 'basel-table' };
  }
  if (cumulativeProbability < 0.95) return { zone: 'green', plusFactor: 0, multiplier: 3, ...base, basis: 'binomial' };
  if (cumulativeProbability >= 0.9999) return { zone: 'red', plusFactor: 1, multiplier: 4, ...base, basis: 'binomial' };
  let plusFactor = 0.4;
  for (let k = 5; k <= 9; k++) if (binomialCdfKernel(k, 250, 0.01) <= cumulativeProbability) plusFactor = PLUS[k];
  return { zone: 'yellow', plusFactor, multiplier: 3 + plusFactor, ...base, basis: 'binomial' };
}
