/**
 * ISO calendar dates (`YYYY-MM-DD`) as used at every quantivista boundary: validation, day
 * numbers, calendar arithmetic in UTC (days, months, years) and comparison.
 *
 * Dates are plain strings; arithmetic goes through the proleptic Gregorian calendar in UTC, so
 * results never depend on the host time zone or daylight-saving rules. A *day number* is the
 * count of days since 1970-01-01 (negative before), which makes differences and windows
 * (e.g. "within 30 days") integer arithmetic.
 *
 * Month and year arithmetic must decide what happens when the target month is shorter than the
 * source day (Jan 31 + 1 month, Feb 29 + 1 year). `endOfMonth: 'clamp'` (default) gives the last
 * day of the target month (Feb 28); `'roll'` rolls the surplus days into the next month (Mar 1),
 * which is how a period "beginning on the 29th" continues in a February without one.
 *
 * @module
 */
import { InvalidArgumentError } from './errors.ts';
import { checkOptions } from './options.ts';
import { label } from './text.ts';

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysInMonth(year: number, month: number): number {
  // month 1..12
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function parts(value: unknown): [number, number, number] | undefined {
  if (typeof value !== 'string') return undefined;
  const m = ISO_RE.exec(value);
  if (!m) return undefined;
  const y = +m[1]!;
  const mo = +m[2]!;
  const d = +m[3]!;
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return undefined;
  return [y, mo, d];
}

function show(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : typeof v === 'number' ? String(v) : typeof v;
}

function pad(n: number, w: number): string {
  const s = String(Math.abs(n));
  return (n < 0 ? '-' : '') + (s.length >= w ? s : '0'.repeat(w - s.length) + s);
}

function fromParts(y: number, m: number, d: number): string {
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/**
 * Whether `value` is a valid ISO calendar date string `YYYY-MM-DD` (a real day: `2023-02-29`
 * is not, `2024-02-29` is). Years 0000–9999.
 *
 * @example
 * ```ts
 * import { isIsoDate } from 'quantivista/core';
 * console.log(isIsoDate('2024-02-29')); // true
 * console.log(isIsoDate('2023-02-29')); // false
 * console.log(isIsoDate('2024-2-1')); // false
 * ```
 */
export function isIsoDate(value: unknown): value is string {
  return parts(value) !== undefined;
}

/**
 * Check that `value` is a valid ISO date `YYYY-MM-DD` and return it.
 *
 * @param fn the calling function's name (for the message).
 * @param arg the argument's name (for the message and `err.argument`).
 * @throws {InvalidArgumentError} when `value` is not a string of that form or not a real day.
 * @example
 * ```ts
 * import { checkIsoDate } from 'quantivista/core';
 * try { checkIsoDate('f', 'date', '2023-02-30'); } catch (e) { console.log((e as Error).message); }
 * ```
 */
export function checkIsoDate(fn: string, arg: string, value: unknown): string {
  if (parts(value) === undefined) {
    throw new InvalidArgumentError(
      `${label(fn)}: \`${label(arg)}\` must be an ISO date 'YYYY-MM-DD' naming a real day, got ${show(value)}.`,
      label(arg),
      typeof value === 'string' || typeof value === 'number' ? value : typeof value,
    );
  }
  return value as string;
}

/**
 * Days since 1970-01-01 (UTC) of an ISO date: `isoToDayNumber('1970-01-02')` is 1.
 *
 * @throws {InvalidArgumentError} when `date` is not a valid ISO date.
 * @example
 * ```ts
 * import { isoToDayNumber } from 'quantivista/core';
 * console.log(isoToDayNumber('2024-03-01') - isoToDayNumber('2024-02-28')); // 2
 * ```
 */
export function isoToDayNumber(date: string, fn = 'isoToDayNumber', arg = 'date'): number {
  const p = parts(date);
  if (p === undefined) checkIsoDate(fn, arg, date);
  const [y, m, d] = p!;
  return daysFromCivil(y, m, d);
}

// Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian, exact integers).
function daysFromCivil(y0: number, m: number, d: number): number {
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function civilFromDays(z0: number): [number, number, number] {
  const z = z0 + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/**
 * The ISO date of a day number (days since 1970-01-01, UTC). Inverse of {@link isoToDayNumber}.
 *
 * @throws {InvalidArgumentError} when `day` is not an integer or lies outside years 0000–9999.
 * @example
 * ```ts
 * import { isoFromDayNumber } from 'quantivista/core';
 * console.log(isoFromDayNumber(0)); // "1970-01-01"
 * ```
 */
export function isoFromDayNumber(day: number): string {
  if (!Number.isInteger(day) || day < -719_528 || day > 2_932_896) {
    throw new InvalidArgumentError(`isoFromDayNumber: \`day\` must be an integer day number within years 0000-9999, got ${show(day)}.`, 'day', day);
  }
  const [y, m, d] = civilFromDays(day);
  return fromParts(y, m, d);
}

/**
 * Add (or, when negative, subtract) whole days to an ISO date.
 *
 * @throws {InvalidArgumentError} on an invalid date, a non-integer `days`, or a result outside years 0000–9999.
 * @example
 * ```ts
 * import { isoAddDays } from 'quantivista/core';
 * console.log(isoAddDays('2023-12-15', 30)); // "2024-01-14"
 * ```
 */
export function isoAddDays(date: string, days: number): string {
  if (!Number.isInteger(days)) {
    throw new InvalidArgumentError(`isoAddDays: \`days\` must be an integer, got ${show(days)}.`, 'days', days);
  }
  const day = isoToDayNumber(date, 'isoAddDays') + days;
  if (day < -719_528 || day > 2_932_896) {
    throw new InvalidArgumentError(`isoAddDays: ${date} + ${days} days falls outside years 0000-9999.`, 'days', days);
  }
  return isoFromDayNumber(day);
}

/** Options of {@link isoAddMonths} and {@link isoAddYears}. */
export interface IsoAddOptions {
  /**
   * When the day does not exist in the target month: `'clamp'` (default) gives the month's last
   * day (Jan 31 + 1 month = Feb 28/29; Feb 29 + 1 year = Feb 28); `'roll'` carries the surplus
   * into the next month (Jan 31 + 1 month = Mar 3 in a common year; Feb 29 + 1 year = Mar 1).
   */
  endOfMonth?: 'clamp' | 'roll';
}

function addMonthsCore(fn: string, date: string, months: number, options: IsoAddOptions | undefined): string {
  if (!Number.isInteger(months)) {
    throw new InvalidArgumentError(`${fn}: the number of months/years must be an integer, got ${show(months)}.`, 'months', months);
  }
  const p = parts(date);
  if (p === undefined) checkIsoDate(fn, 'date', date);
  const mode = checkOptions(fn, options, ['endOfMonth']).endOfMonth ?? 'clamp';
  if (mode !== 'clamp' && mode !== 'roll') {
    throw new InvalidArgumentError(`${fn}: \`endOfMonth\` must be 'clamp' or 'roll', got ${show(mode)}.`, 'endOfMonth', mode);
  }
  const [y, m, d] = p!;
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12 + 1;
  if (ny < 0 || ny > 9999) {
    throw new InvalidArgumentError(`${fn}: result falls outside years 0000-9999.`, 'months', months);
  }
  const dim = daysInMonth(ny, nm);
  if (d <= dim) return fromParts(ny, nm, d);
  if (mode === 'clamp') return fromParts(ny, nm, dim);
  return isoAddDays(fromParts(ny, nm, dim), d - dim);
}

/**
 * Add calendar months to an ISO date (UTC), with the end-of-month rule of {@link IsoAddOptions}.
 *
 * @throws {InvalidArgumentError} on an invalid date, a non-integer `months`, an unknown rule or option,
 * or a result outside years 0000–9999.
 * @example
 * ```ts
 * import { isoAddMonths } from 'quantivista/core';
 * console.log(isoAddMonths('2024-01-31', 1)); // "2024-02-29"
 * console.log(isoAddMonths('2023-01-31', 1, { endOfMonth: 'roll' })); // "2023-03-03"
 * ```
 */
export function isoAddMonths(date: string, months: number, options?: IsoAddOptions): string {
  return addMonthsCore('isoAddMonths', date, months, options);
}

/**
 * Add calendar years to an ISO date (UTC). Only Feb 29 is affected by the end-of-month rule:
 * `'clamp'` (default) maps it to Feb 28 of a common year, `'roll'` to Mar 1.
 *
 * @throws {InvalidArgumentError} on an invalid date, a non-integer `years`, an unknown rule or option,
 * or a result outside years 0000–9999.
 * @example
 * ```ts
 * import { isoAddYears } from 'quantivista/core';
 * console.log(isoAddYears('2024-02-29', 1)); // "2025-02-28"
 * console.log(isoAddYears('2024-02-29', 1, { endOfMonth: 'roll' })); // "2025-03-01"
 * ```
 */
export function isoAddYears(date: string, years: number, options?: IsoAddOptions): string {
  if (!Number.isInteger(years)) {
    throw new InvalidArgumentError(`isoAddYears: \`years\` must be an integer, got ${show(years)}.`, 'years', years);
  }
  return addMonthsCore('isoAddYears', date, years * 12, options);
}

/**
 * Compare two ISO dates: −1 when `a` is earlier, 0 when equal, 1 when later. (Valid ISO dates
 * also compare correctly as strings; this function validates both.)
 *
 * @throws {InvalidArgumentError} when either is not a valid ISO date.
 * @example
 * ```ts
 * import { isoCompare } from 'quantivista/core';
 * console.log(isoCompare('2023-12-31', '2024-01-01')); // -1
 * ```
 */
export function isoCompare(a: string, b: string): -1 | 0 | 1 {
  checkIsoDate('isoCompare', 'a', a);
  checkIsoDate('isoCompare', 'b', b);
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Whole days from `a` to `b` (positive when `b` is later).
 *
 * @throws {InvalidArgumentError} when either is not a valid ISO date.
 * @example
 * ```ts
 * import { isoDaysBetween } from 'quantivista/core';
 * console.log(isoDaysBetween('2023-12-15', '2024-01-14')); // 30
 * ```
 */
export function isoDaysBetween(a: string, b: string): number {
  return isoToDayNumber(b, 'isoDaysBetween', 'b') - isoToDayNumber(a, 'isoDaysBetween', 'a');
}
