import { InsufficientDataError, InvalidArgumentError } from '../core/errors.ts';
import { isoToDayNumber } from '../core/dates.ts';
import { checkFinite, checkOptions } from '../core/validate.ts';

/** An external cash flow on a date: positive = contribution into the portfolio, negative = withdrawal. */
export interface DatedFlow {
  /** ISO date `YYYY-MM-DD`. */
  date: string;
  amount: number;
}

/** Options of {@link modifiedDietz}: the period's first and last dates (required). */
export interface ModifiedDietzOptions {
  /** ISO date of the start valuation. */
  start: string;
  /** ISO date of the end valuation (after `start`). */
  end: string;
}

/** Result of {@link modifiedDietz}. */
export interface ModifiedDietzResult {
  /** (EMV − BMV − ΣF) / (BMV + Σ w_i F_i). */
  return: number;
  /** Investment gain EMV − BMV − ΣF (money units). */
  gain: number;
  /** Average invested capital BMV + Σ w_i F_i (money units). */
  averageCapital: number;
  /** Calendar days in the period. */
  days: number;
}

/** One sub-period of {@link linkedModifiedDietz}. */
export interface DietzPeriod {
  start: string;
  end: string;
  startValue: number;
  endValue: number;
  flows: readonly DatedFlow[];
}

/** Result of {@link linkedModifiedDietz}. */
export interface LinkedModifiedDietzResult {
  /** Chain-linked return Π(1 + R_k) − 1. */
  return: number;
  /** The Modified Dietz return of each sub-period. */
  periodReturns: number[];
}

/** Validate flows (dates in [start, end], in order) and return their day offsets. @internal */
function checkFlows(fn: string, flows: readonly DatedFlow[], d0: number, d1: number, arg = 'flows'): { days: number[]; amounts: number[] } {
  if (!Array.isArray(flows)) throw new InvalidArgumentError(`${fn}: \`${arg}\` must be an array of { date, amount }, got ${typeof flows}.`, arg, typeof flows);
  const days: number[] = [];
  const amounts: number[] = [];
  let prev = -Infinity;
  flows.forEach((f, i) => {
    if (f === null || typeof f !== 'object') throw new InvalidArgumentError(`${fn}: \`${arg}[${i}]\` must be an object { date, amount }.`, arg, i);
    const d = isoToDayNumber(f.date, fn, `${arg}[${i}].date`);
    const a = checkFinite(fn, `${arg}[${i}].amount`, f.amount);
    if (d < prev)
      throw new InvalidArgumentError(`${fn}: \`${arg}\` dates must be in order, but ${arg}[${i}] (${f.date}) comes before the previous flow.`, arg, f.date);
    if (d < d0 || d > d1) throw new InvalidArgumentError(`${fn}: \`${arg}[${i}].date\` (${f.date}) must lie within the period.`, arg, f.date);
    prev = d;
    days.push(d - d0);
    amounts.push(a);
  });
  return { days, amounts };
}

/** Modified Dietz kernel. @internal */
function dietz(fn: string, startValue: number, endValue: number, flows: readonly DatedFlow[], start: string, end: string, arg = 'flows'): ModifiedDietzResult {
  const d0 = isoToDayNumber(start, fn, 'start');
  const d1 = isoToDayNumber(end, fn, 'end');
  if (d1 <= d0) throw new InvalidArgumentError(`${fn}: \`end\` (${end}) must be after \`start\` (${start}).`, 'end', end);
  const bmv = checkFinite(fn, 'startValue', startValue);
  const emv = checkFinite(fn, 'endValue', endValue);
  const { days, amounts } = checkFlows(fn, flows, d0, d1, arg);
  const cd = d1 - d0;
  let net = 0;
  let weighted = 0;
  for (let i = 0; i < days.length; i++) {
    net += amounts[i];
    weighted += ((cd - days[i]) / cd) * amounts[i];
  }
  const gain = emv - bmv - net;
  const avg = bmv + weighted;
  if (!(avg > 0)) {
    throw new InvalidArgumentError(`${fn}: the average invested capital (${avg}) must be positive for a Modified Dietz return.`, 'startValue', bmv);
  }
  const ret = gain / avg;
  if (!Number.isFinite(ret) || !Number.isFinite(gain)) {
    throw new InvalidArgumentError(
      `${fn}: the return overflows: a gain of ${gain} on an average invested capital of ${avg} is not a finite fraction (is \`startValue\` a tiny or subnormal number?).`,
      'startValue',
      bmv,
    );
  }
  return { return: ret, gain, averageCapital: avg, days: cd };
}

/**
 * Modified Dietz return over one period (GIPS; Dietz 1966): `(EMV − BMV − ΣF) / (BMV + Σ w_i F_i)` with
 * calendar-day weights `w_i = (CD − D_i) / CD`, CD the days in the period and D_i the days from
 * `start` to the flow (a flow on `start` has weight 1, one on `end` weight 0: flows are assumed at the
 * end of their day). An approximation of the time-weighted return that needs no valuation at flows.
 *
 * @param startValue value at `start` (BMV); @param endValue value at `end` (EMV), both money units.
 * @param flows external flows in date order, within [start, end]; positive = contribution.
 * @throws {InvalidArgumentError} for invalid or out-of-order dates, flows outside the period, non-finite amounts, a non-positive average capital,
 *   or a return that overflows (an average capital so small, e.g. a subnormal `startValue` such as 5e-324, that gain / capital is not finite).
 * @example
 * ```ts
 * import { modifiedDietz } from 'quantivista/performance';
 * const md = modifiedDietz(1000, 1200, [{ date: '2024-01-16', amount: 100 }], { start: '2024-01-01', end: '2024-01-31' });
 * console.log(md.return); // 0.09523809523809523
 * ```
 */
export function modifiedDietz(startValue: number, endValue: number, flows: readonly DatedFlow[], options: ModifiedDietzOptions): ModifiedDietzResult {
  const fn = 'modifiedDietz';
  const opts = checkOptions(fn, options, ['start', 'end']);
  return dietz(fn, startValue, endValue, flows, opts.start, opts.end);
}

/**
 * Chain-linked Modified Dietz: the Modified Dietz return of each sub-period (typically a month),
 * compounded, `Π(1 + R_k) − 1`. Sub-periods must be contiguous: each starts on the previous one's end.
 * Values and flows are money amounts in one currency; dates ISO `YYYY-MM-DD`; the result is a
 * fraction over the whole span (not annualised). NaN / ±Infinity values or flows, and malformed or
 * out-of-order dates, throw as in {@link modifiedDietz}.
 *
 * @throws {InsufficientDataError} with no sub-period.
 * @throws {InvalidArgumentError} when sub-periods are not contiguous or any sub-period is invalid (see {@link modifiedDietz}).
 * @example
 * ```ts
 * import { linkedModifiedDietz } from 'quantivista/performance';
 * const r = linkedModifiedDietz([
 *   { start: '2024-01-01', end: '2024-01-31', startValue: 1000, endValue: 1100, flows: [] },
 *   { start: '2024-01-31', end: '2024-02-29', startValue: 1100, endValue: 1210, flows: [] },
 * ]);
 * console.log(r.return); // 0.21
 * ```
 */
export function linkedModifiedDietz(periods: readonly DietzPeriod[], options?: Record<string, never>): LinkedModifiedDietzResult {
  const fn = 'linkedModifiedDietz';
  checkOptions(fn, options, []);
  if (!Array.isArray(periods)) throw new InvalidArgumentError(`${fn}: \`periods\` must be an array, got ${typeof periods}.`, 'periods', typeof periods);
  if (periods.length === 0) throw new InsufficientDataError(`${fn}: \`periods\` needs at least 1 sub-period, got 0.`, 1, 0);
  const out: number[] = [];
  let g = 1;
  periods.forEach((p, k) => {
    if (p === null || typeof p !== 'object' || Array.isArray(p)) {
      throw new InvalidArgumentError(
        `${fn}: \`periods[${k}]\` must be a period object { start, end, startValue, endValue, flows }, got ${p === null ? 'null' : Array.isArray(p) ? 'an array' : typeof p}.`,
        'periods',
        k,
      );
    }
    if (k > 0 && p.start !== (periods[k - 1] as DietzPeriod).end) {
      throw new InvalidArgumentError(
        `${fn}: \`periods\` must be contiguous and in order, but periods[${k}].start (${p.start}) is not periods[${k - 1}].end (${(periods[k - 1] as DietzPeriod).end}).`,
        'periods',
        k,
      );
    }
    const r = dietz(fn, p.startValue, p.endValue, p.flows, p.start, p.end, `periods[${k}].flows`).return;
    out.push(r);
    g *= 1 + r;
  });
  return { return: g - 1, periodReturns: out };
}
