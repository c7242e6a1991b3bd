import { portableExpm1, portableLog } from '../core/portable-math.ts';
import { DimensionError, InsufficientDataError, InvalidArgumentError } from '../core/errors.ts';
import { toVector, type VectorLike } from '../core/matrix.ts';
import { checkOneOf, checkOptions } from '../core/validate.ts';
import { checkPeriodsPerYear, finiteAnnualized, growthOf } from './internal.ts';

/** Options of {@link timeWeightedReturn}. */
export interface TimeWeightedReturnOptions {
  /**
   * When a day's external flow happens. `'end-of-day'` (default): after the day's market move, so
   * `valuations[t]` already includes it and the day's return is (V_t − F_t) / V_{t−1} − 1.
   * `'start-of-day'`: before the move, so it is invested for the day: V_t / (V_{t−1} + F_t) − 1.
   */
  flowTiming?: 'end-of-day' | 'start-of-day';
  /** Periods (valuation intervals) per year, to also report the annualised figure. */
  periodsPerYear?: number;
}

/** Result of {@link timeWeightedReturn}. */
export interface TimeWeightedReturnResult {
  /** The chain-linked return Π(1 + r_t) − 1 over all sub-periods. */
  return: number;
  /** Geometric annualised return (years = sub-periods / periodsPerYear), or `null` without `periodsPerYear`. */
  annualizedReturn: number | null;
  /** Return of each sub-period (0 for a skipped one); length T. */
  subPeriodReturns: number[];
  /** Sub-periods skipped because no capital was invested (value 0 at their start). */
  skipped: number[];
}

/** Read `flows` in either layout and return the T flows of days 1..T. */
function readFlows(fn: string, flows: VectorLike, T: number): Float64Array {
  const F = toVector(flows, fn, 'flows');
  if (F.length === T + 1) {
    if (F[0] !== 0) {
      throw new DimensionError(
        `${fn}: \`flows\` has ${T + 1} entries, as many as \`valuations\` (the aligned layout, flows[t] on day t), so its first entry must be 0, got ${F[0]}; a flow on day 0 is already part of valuations[0]. If flows[t] is the flow of day t + 1, pass ${T} entries.`,
      );
    }
    return F.subarray(1);
  }
  if (F.length !== T) {
    throw new DimensionError(
      `${fn}: \`flows\` must have ${T} entries (one per day after the first valuation) or ${T + 1} (aligned with \`valuations\`, first entry 0), got ${F.length}.`,
    );
  }
  return F;
}

/**
 * True daily-valued time-weighted return: the portfolio is valued at every external cash flow, each
 * sub-period's return is computed net of the flow, and the sub-period returns are chain-linked
 * (GIPS; CFA "time-weighted rate of return"). The result does not depend on the size or timing of
 * external flows, only on the manager's returns.
 *
 * Inputs: `valuations[0..T]` are the values at the end of days 0..T (day 0 is the start), and
 * `flows` the net external flow of each day (positive = contribution, negative = withdrawal), in
 * either of two layouts, told apart by length:
 * - T entries (days 1..T): `flows[t − 1]` happens on day t;
 * - T + 1 entries, aligned with `valuations` (a flows column next to a valuations column, as kept
 *   in a spreadsheet): `flows[t]` happens on day t, and `flows[0]` must be 0 (the start value
 *   already holds whatever came in on day 0; a non-zero first entry throws, as it usually means
 *   the column is shifted by one row).
 * Both give the same result. See `flowTiming` for the sub-period formulas.
 *
 * Robust to a zero value and to a full withdrawal: a sub-period that starts with nothing invested
 * (V_{t−1} = 0 for end-of-day flows, V_{t−1} + F_t = 0 for start-of-day flows) earns no return and is
 * skipped (reported in `skipped`, its return set to 0) instead of dividing by zero. A value that
 * appears from nothing (a non-zero result on a zero base) or a negative capital base throws.
 *
 * @throws {DimensionError} when `flows` has neither `valuations.length − 1` nor `valuations.length` entries, or
 * has `valuations.length` entries (aligned layout) with a non-zero first entry.
 * @throws {InsufficientDataError} with fewer than 2 valuations.
 * @throws {InvalidArgumentError} on non-finite or negative valuations, a negative invested base, value from nothing, bad options.
 * @example
 * ```ts
 * import { timeWeightedReturn } from 'quantivista/performance';
 * // CFA example: one share bought at 100; a year later it is worth 120 and pays 2, and the investor adds 118
 * // to buy a second share (value 240); a year later both are worth 130, pay 2 each, and all 264 is withdrawn.
 * const twr = timeWeightedReturn([100, 240, 0], [118, -264], { flowTiming: 'end-of-day' });
 * console.log(twr.subPeriodReturns); // [0.22, 0.1]
 * console.log(twr.return); // 0.342
 * // the same flows aligned with the valuations (first entry 0)
 * console.log(timeWeightedReturn([100, 240, 0], [0, 118, -264]).return); // 0.342
 * ```
 */
export function timeWeightedReturn(valuations: VectorLike, flows: VectorLike, options?: TimeWeightedReturnOptions): TimeWeightedReturnResult {
  const fn = 'timeWeightedReturn';
  const opts = checkOptions(fn, options, ['flowTiming', 'periodsPerYear']);
  const timing = opts.flowTiming === undefined ? 'end-of-day' : checkOneOf(fn, 'flowTiming', opts.flowTiming, ['end-of-day', 'start-of-day'] as const);
  const ppy = checkPeriodsPerYear(fn, opts.periodsPerYear);
  const V = toVector(valuations, fn, 'valuations');
  if (V.length < 2) throw new InsufficientDataError(`${fn}: \`valuations\` needs at least 2 values (start and end), got ${V.length}.`, 2, V.length);
  const F = readFlows(fn, flows, V.length - 1);
  for (let t = 0; t < V.length; t++) {
    if (V[t] < 0) throw new InvalidArgumentError(`${fn}: \`valuations\` must be ≥ 0, but entry ${t} is ${V[t]}.`, 'valuations', V[t]);
  }
  const T = F.length;
  const r = new Float64Array(T);
  const skipped: number[] = [];
  // values within ~1e-12 of the scale of the data count as zero (rounding of a full withdrawal)
  let scale = 0;
  for (let t = 0; t < V.length; t++) scale = Math.max(scale, Math.abs(V[t]));
  for (let t = 0; t < T; t++) scale = Math.max(scale, Math.abs(F[t]));
  const eps = 1e-12 * scale;
  for (let t = 1; t <= T; t++) {
    const v0 = V[t - 1];
    const v1 = V[t];
    const f = F[t - 1];
    const base = timing === 'end-of-day' ? v0 : v0 + f;
    const gain = timing === 'end-of-day' ? v1 - f : v1; // value at the end attributable to the base
    if (base < -eps) {
      throw new InvalidArgumentError(`${fn}: the capital invested on day ${t} is negative (${base}); a withdrawal cannot exceed the value.`, 'flows', t - 1);
    }
    if (base <= eps) {
      if (Math.abs(gain) > eps) {
        throw new InvalidArgumentError(
          `${fn}: on day ${t} nothing was invested but the value came to ${gain} beyond the flows; check \`valuations\` and \`flows\`.`,
          'valuations',
          t,
        );
      }
      skipped.push(t - 1);
      r[t - 1] = 0;
      continue;
    }
    r[t - 1] = gain / base - 1;
    if (r[t - 1] < -1) {
      throw new InvalidArgumentError(`${fn}: on day ${t} the value net of flows is negative (${gain}); check \`flowTiming\`.`, 'valuations', t);
    }
  }
  const g = growthOf(r);
  const live = T - skipped.length;
  return {
    return: g - 1,
    annualizedReturn: ppy === undefined ? null : live === 0 ? 0 : g === 0 ? -1 : finiteAnnualized(fn, portableExpm1((portableLog(g) * ppy) / T), ppy),
    subPeriodReturns: Array.from(r),
    skipped,
  };
}
