import { InsufficientDataError, InvalidArgumentError } from '../core/errors.ts';
import { isoToDayNumber } from '../core/dates.ts';
import { checkSizeCap, SIZE_CAPS } from '../core/limits.ts';
import { toVector, type VectorLike } from '../core/matrix.ts';
import { portableExpm1, portableLog1p } from '../core/portable-math.ts';
import { checkFinite, checkOneOf, checkOptions } from '../core/validate.ts';
import { checkPeriodsPerYear, finiteAnnualized } from './internal.ts';
import { solveIrr, type IrrResult } from './irr-solver.ts';
import type { DatedFlow } from './modified-dietz.ts';

export type { IrrResult } from './irr-solver.ts';

/** Options of {@link moneyWeightedReturn}. */
export interface MoneyWeightedReturnOptions {
  /** Periods per year: also report the annualised rate (1 + r)^periodsPerYear − 1. */
  periodsPerYear?: number;
}

/** Result of {@link moneyWeightedReturn}. */
export interface MoneyWeightedReturnResult extends IrrResult {
  /** (1 + rate)^periodsPerYear − 1, or `null` without `periodsPerYear`. */
  annualizedRate: number | null;
}

/**
 * Money-weighted return: the internal rate of return per period of equally spaced cash flows,
 * the r > −1 with Σ_t CF_t / (1 + r)^t = 0 (CF_0 at time 0). Use one consistent sign convention, e.g.
 * the investor's: money in negative, money out (withdrawals and the final value) positive; the rate
 * does not depend on which.
 *
 * Solved robustly: Descartes' rule of signs on the flows, a scan of the NPV for sign changes over
 * ln(1 + r) ∈ [−40, 40] on a grid of step 0.05, then Brent's method on the bracket (never plain
 * Newton). With a single sign change in the flows the rate is unique (Descartes' rule of signs);
 * with several, every sign change of the NPV found by the scan is reported and more than one is an
 * error. A root of even multiplicity (NPV touching zero without crossing), or two roots closer than
 * the grid step, is not detected.
 *
 * @throws {InvalidArgumentError} when the flows have no sign change, when no rate or several rates solve the equation, or on non-finite entries.
 * Size cap: at most `SIZE_CAPS.periods` (10,000,000) cash flows.
 *
 * @throws {InsufficientDataError} with fewer than 2 flows. @throws {ConvergenceError} if Brent's method fails (not expected).
 * @throws {SizeLimitError} with more than `SIZE_CAPS.periods` flows.
 * @example
 * ```ts
 * import { moneyWeightedReturn } from 'quantivista/performance';
 * // CFA example: buy a share for 100, a year later buy another for 120 net of a 2 dividend, sell both at 130 with 4 of dividends
 * console.log(moneyWeightedReturn([-100, -118, 264]).rate); // 0.13861216008...
 * ```
 */
export function moneyWeightedReturn(cashFlows: VectorLike, options?: MoneyWeightedReturnOptions): MoneyWeightedReturnResult {
  const fn = 'moneyWeightedReturn';
  const opts = checkOptions(fn, options, ['periodsPerYear']);
  const ppy = checkPeriodsPerYear(fn, opts.periodsPerYear);
  const len = (cashFlows as { length?: unknown } | null)?.length;
  if (typeof len === 'number') checkSizeCap(fn, 'cashFlows', len, SIZE_CAPS.periods);
  const c = toVector(cashFlows, fn, 'cashFlows');
  if (c.length < 2) throw new InsufficientDataError(`${fn}: \`cashFlows\` needs at least 2 flows, got ${c.length}.`, 2, c.length);
  const t = new Float64Array(c.length);
  for (let i = 0; i < c.length; i++) t[i] = i;
  const res = solveIrr(fn, 'cashFlows', c, t);
  return { ...res, annualizedRate: ppy === undefined ? null : finiteAnnualized(fn, portableExpm1(ppy * portableLog1p(res.rate)), ppy) };
}

/** Options of {@link xirr}. */
export interface XirrOptions {
  /** Day count for the year fractions t_i = days(d_0, d_i) / 365. Only `'actual/365'` (Excel's XIRR) for now. */
  dayCount?: 'actual/365';
}

/**
 * XIRR: the annual internal rate of return of dated cash flows, the r > −1 with
 * Σ_i CF_i / (1 + r)^((d_i − d_0)/365) = 0 (Excel's XIRR convention, actual/365 from the first date).
 * Dates must be in order (equal dates allowed; their amounts are added). Solved as
 * {@link moneyWeightedReturn} (Descartes' rule, scan, Brent), so it never diverges like plain Newton.
 *
 * @throws {InvalidArgumentError} for invalid or unsorted dates, flows without a sign change, no rate or several rates, non-finite amounts.
 * Size cap: at most `SIZE_CAPS.periods` (10,000,000) dated flows, checked before they are read.
 *
 * @throws {InsufficientDataError} with fewer than 2 flows.
 * @throws {SizeLimitError} with more than `SIZE_CAPS.periods` flows.
 * @example
 * ```ts
 * import { xirr } from 'quantivista/performance';
 * const r = xirr([
 *   { date: '2008-01-01', amount: -10000 },
 *   { date: '2008-03-01', amount: 2750 },
 *   { date: '2008-10-30', amount: 4250 },
 *   { date: '2009-02-15', amount: 3250 },
 *   { date: '2009-04-01', amount: 2750 },
 * ]);
 * console.log(r.rate); // 0.37336253351883...
 * ```
 */
export function xirr(datedCashFlows: readonly DatedFlow[], options?: XirrOptions): IrrResult {
  const fn = 'xirr';
  const opts = checkOptions(fn, options, ['dayCount']);
  if (opts.dayCount !== undefined) checkOneOf(fn, 'dayCount', opts.dayCount, ['actual/365'] as const);
  if (!Array.isArray(datedCashFlows)) {
    throw new InvalidArgumentError(
      `${fn}: \`datedCashFlows\` must be an array of { date, amount }, got ${typeof datedCashFlows}.`,
      'datedCashFlows',
      typeof datedCashFlows,
    );
  }
  const n = datedCashFlows.length;
  checkSizeCap(fn, 'datedCashFlows', n, SIZE_CAPS.periods);
  if (n < 2) throw new InsufficientDataError(`${fn}: \`datedCashFlows\` needs at least 2 flows, got ${n}.`, 2, n);
  const c = new Float64Array(n);
  const t = new Float64Array(n);
  let d0 = 0;
  let prev = -Infinity;
  for (let i = 0; i < n; i++) {
    const f = datedCashFlows[i] as DatedFlow;
    if (f === null || typeof f !== 'object')
      throw new InvalidArgumentError(`${fn}: \`datedCashFlows[${i}]\` must be an object { date, amount }.`, 'datedCashFlows', i);
    const d = isoToDayNumber(f.date, fn, `datedCashFlows[${i}].date`);
    if (d < prev) {
      throw new InvalidArgumentError(
        `${fn}: \`datedCashFlows\` must be sorted by date, but entry ${i} (${f.date}) is earlier than entry ${i - 1}.`,
        'datedCashFlows',
        f.date,
      );
    }
    if (i === 0) d0 = d;
    prev = d;
    c[i] = checkFinite(fn, `datedCashFlows[${i}].amount`, f.amount);
    t[i] = (d - d0) / 365;
  }
  return solveIrr(fn, 'datedCashFlows', c, t);
}
