/**
 * Backtest a VaR forecast series: exceptions, Kupiec, Christoffersen and the Basel traffic light.
 *
 * @module
 */
import { InsufficientDataError } from '../core/errors.ts';
import { toVector, type VectorLike } from '../core/matrix.ts';
import { checkLength, checkOptions, checkRange } from '../core/validate.ts';
import { baselTrafficLight, type BaselTrafficLightResult } from './basel-traffic-light.ts';
import { christoffersenKernel, type ChristoffersenTestResult } from './christoffersen-test.ts';
import { tailProbability } from './internal.ts';
import { kupiecTest, type KupiecTestResult } from './kupiec-test.ts';

/** Options of {@link backtestVaR}. */
export interface BacktestVaROptions {
  /** Confidence of the VaR forecasts, in (0, 1); default 0.99. */
  confidence?: number;
  /** Significance of the tests' reject decisions; default 0.05. */
  significance?: number;
}

/** Result of {@link backtestVaR}. */
export interface BacktestVaRResult {
  observations: number;
  exceptions: number;
  exceptionRate: number;
  confidence: number;
  /** 1 where returns[t] < −forecasts[t] (a loss beyond the VaR), else 0. */
  hits: number[];
  exceptionIndices: number[];
  kupiec: KupiecTestResult;
  christoffersen: ChristoffersenTestResult;
  trafficLight: BaselTrafficLightResult;
  /** `'reject'` when Kupiec or the conditional-coverage test rejects at `significance`, else `'accept'`. */
  verdict: 'accept' | 'reject';
}

/**
 * Backtest VaR forecasts against realised returns: an exception at t is returns[t] <
 * −forecasts[t] (the forecasts are positive VaR losses for the same period as the returns, made
 * before it). Runs {@link kupiecTest}, {@link christoffersenTest} and {@link baselTrafficLight}
 * (its binomial rule when the series is not 250 days at 99 %).
 *
 * @throws {DimensionError} when the lengths differ. @throws {InvalidArgumentError} for NaN, bad options.
 * @throws {InsufficientDataError} with fewer than 2 observations.
 * @example
 * ```ts
 * import { backtestVaR } from 'quantivista/risk';
 * const returns = Array.from({ length: 250 }, (_, t) => (t % 50 === 0 ? -0.05 : 0.001));
 * const r = backtestVaR(returns, new Array(250).fill(0.03), { confidence: 0.99 });
 * console.log(r.exceptions); // 5
 * console.log(r.trafficLight.zone); // "yellow"
 * ```
 */
export function backtestVaR(returns: VectorLike, forecasts: VectorLike, options?: BacktestVaROptions): BacktestVaRResult {
  const fn = 'backtestVaR';
  const opts = checkOptions(fn, options, ['confidence', 'significance']);
  const significance = checkRange(fn, 'significance', opts.significance ?? 0.05, { min: 0, max: 1, minOpen: true, maxOpen: true });
  const { confidence, p } = tailProbability(fn, opts.confidence ?? 0.99);
  const r = toVector(returns, fn, 'returns');
  const f = toVector(forecasts, fn, 'forecasts');
  checkLength(fn, 'forecasts', f.length, r.length, 'entries (one per return)');
  const T = r.length;
  if (T < 2) throw new InsufficientDataError(`${fn}: needs at least 2 observations, got ${T}.`, 2, T);
  const h = new Uint8Array(T);
  const idx: number[] = [];
  for (let t = 0; t < T; t++) {
    if ((r[t] as number) < -(f[t] as number)) {
      h[t] = 1;
      idx.push(t);
    }
  }
  const kupiec = kupiecTest(idx.length, T, confidence, { significance });
  const christoffersen = christoffersenKernel(h, p, significance, confidence);
  const trafficLight = baselTrafficLight(idx.length, T, { confidence });
  return {
    observations: T,
    exceptions: idx.length,
    exceptionRate: idx.length / T,
    confidence,
    hits: Array.from(h),
    exceptionIndices: idx,
    kupiec,
    christoffersen,
    trafficLight,
    verdict: kupiec.reject || christoffersen.conditionalCoverage.reject ? 'reject' : 'accept',
  };
}
