/**
 * Backtest a VaR forecast series: exceptions, Kupiec, Christoffersen and the Basel traffic light.
 *
 * @module
 */
import { InsufficientDataError, InvalidArgumentError } from '../core/errors.ts';
import { toVector, type VectorLike } from '../core/matrix.ts';
import { isTableLike, type TableLike } from '../core/table.ts';
import { checkLength, checkOptions, checkRange } from '../core/validate.ts';
import { baselTrafficLight, type BaselTrafficLightResult } from './basel-traffic-light.ts';
import { christoffersenKernel, type ChristoffersenTestResult } from './christoffersen-test.ts';
import { tailProbability } from './internal.ts';
import { kupiecTest, type KupiecTestResult } from './kupiec-test.ts';
import { tableSeries } from './labelled-input.ts';

/** Options of {@link backtestVaR}. */
export interface BacktestVaROptions {
  /** Confidence of the VaR forecasts, in [0.5, 1); default 0.99 (below 0.5, a tail probability given for the level, throws). */
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
  /** Dated inputs (a table for `returns` or `forecasts`): the date of each exception. */
  exceptionDates?: string[];
  kupiec: KupiecTestResult;
  christoffersen: ChristoffersenTestResult;
  trafficLight: BaselTrafficLightResult;
  /** `'reject'` when Kupiec or the conditional-coverage test rejects at `significance`, else `'accept'`. */
  verdict: 'accept' | 'reject';
}

/** A series argument: a vector, or a one-column table (values and dates). */
function readSeries(fn: string, arg: 'returns' | 'forecasts', input: VectorLike | TableLike): { values: Float64Array; dates?: readonly string[] } {
  if (isTableLike(input))
    return tableSeries(
      fn,
      arg,
      input,
      arg === 'returns' ? 'returns' : undefined,
      arg === 'returns' ? 'the realised returns or P&L' : 'the VaR forecast of each date',
    );
  return { values: toVector(input, fn, arg) };
}

/**
 * Backtest VaR forecasts against realised returns: an exception at t is returns[t] <
 * −forecasts[t] (the forecasts are positive VaR losses for the same period as the returns, made
 * before it). Runs {@link kupiecTest}, {@link christoffersenTest} and {@link baselTrafficLight}
 * (its binomial rule when the series is not 250 days at 99 %).
 *
 * Dated inputs: `returns` (realised returns or P&L) and `forecasts` (the VaR for each date, in
 * the same units) may each be a one-column table `{ kind: 'returns', dates, assets, values }` (a
 * plain object will do; the forecasts' `kind` may be left out). The result then carries
 * `exceptionDates`. When both are tables their dates must be the same, row for row (align them
 * first); a table and a vector must have the same length, and the table's dates are used.
 *
 * Missing data: none allowed — a NaN, null or ±Infinity throws InvalidArgumentError (naming the
 * date for a table).
 * @throws {DimensionError} when the lengths differ or a table has more than one column.
 * @throws {InvalidArgumentError} for NaN, bad options (a confidence below 0.5 is a tail probability given for the level), two tables whose dates differ, a PriceTable of returns.
 * @throws {InsufficientDataError} with fewer than 2 observations.
 * @example
 * ```ts
 * import { backtestVaR } from 'quantivista/risk';
 * const returns = Array.from({ length: 250 }, (_, t) => (t % 50 === 0 ? -0.05 : 0.001));
 * const r = backtestVaR(returns, new Array(250).fill(0.03), { confidence: 0.99 });
 * console.log(r.exceptions); // 5
 * console.log(r.trafficLight.zone); // "yellow"
 *
 * // Dated: losses beyond the 2 % VaR on 2024-01-03 (−2.5 %) and 2024-01-05 (−3 %); a loss
 * // equal to the VaR (2024-01-04, −2 %) is no exception.
 * const pnl = { kind: 'returns', dates: ['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05'], assets: ['book'], values: [[0.01], [-0.025], [-0.02], [-0.03]] };
 * const d = backtestVaR(pnl, [0.02, 0.02, 0.02, 0.02], { confidence: 0.95 });
 * console.log(d.exceptionIndices, d.exceptionDates); // [1, 3] ["2024-01-03", "2024-01-05"]
 * ```
 */
export function backtestVaR(returns: VectorLike | TableLike, forecasts: VectorLike | TableLike, options?: BacktestVaROptions): BacktestVaRResult {
  const fn = 'backtestVaR';
  const opts = checkOptions(fn, options, ['confidence', 'significance']);
  const significance = checkRange(fn, 'significance', opts.significance ?? 0.05, { min: 0, max: 1, minOpen: true, maxOpen: true });
  const { confidence, p } = tailProbability(fn, opts.confidence ?? 0.99);
  const rs = readSeries(fn, 'returns', returns);
  const fs = readSeries(fn, 'forecasts', forecasts);
  const r = rs.values;
  const f = fs.values;
  if (rs.dates !== undefined && fs.dates !== undefined) {
    const m = Math.min(rs.dates.length, fs.dates.length);
    for (let t = 0; t < m; t++) {
      if (rs.dates[t] !== fs.dates[t]) {
        throw new InvalidArgumentError(
          `${fn}: \`forecasts\` is dated ${fs.dates[t]} at row ${t} but \`returns\` ${rs.dates[t]}; the two tables must have the same dates (align them first).`,
          'forecasts',
          { row: t, returns: rs.dates[t], forecasts: fs.dates[t] },
        );
      }
    }
  }
  checkLength(fn, 'forecasts', f.length, r.length, 'entries (one per return)');
  const dates = rs.dates ?? fs.dates;
  const T = r.length;
  if (T < 2) throw new InsufficientDataError(`${fn}: needs at least 2 observations, got ${T}.`, 2, T);
  const h = new Uint8Array(T);
  const idx: number[] = [];
  for (let t = 0; t < T; t++) {
    if (r[t] < -f[t]) {
      h[t] = 1;
      idx.push(t);
    }
  }
  const kupiec = kupiecTest(idx.length, T, confidence, { significance });
  const christoffersen = christoffersenKernel(h, p, significance, confidence);
  const trafficLight = baselTrafficLight(idx.length, T, { confidence });
  const out: BacktestVaRResult = {
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
  if (dates !== undefined) out.exceptionDates = idx.map((t) => dates[t] as string);
  return out;
}
