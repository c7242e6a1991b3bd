/**
 * Holding period of a capital asset: short-term when held one year or less, long-term when
 * held more than one year (IRC §1222).
 *
 * @module
 */
import { checkIsoDate, isoAddDays, isoAddYears } from '../core/dates.ts';
import { InvalidArgumentError } from '../core/errors.ts';

/**
 * The first date on which a sale of an asset acquired on `acquired` is long-term.
 *
 * The holding period starts the day after acquisition (the acquisition day is excluded, the
 * sale day included: IRS Pub. 550, "Holding Period"; Rev. Rul. 70-598, 1970-2 C.B. 168; Rev. Rul.
 * 66-97, 1966-1 C.B. 190, which cites Rev. Rul. 66-7, 1966-1 C.B. 188) and is counted in calendar
 * months, not days (Rev. Rul. 66-7): a new holding month begins on the same numbered day of each
 * following month, whatever the length of the month before (J.K. Lasser's Your Income Tax, §5.9). One year is therefore complete at the
 * end of the day before the first anniversary of the holding period's start, and a sale is
 * long-term from that anniversary on: `longTermStartDate(acquired) = (acquired + 1 day) + 1 year`.
 * A sale on the anniversary of the acquisition date itself is short-term; the day after is long-term.
 *
 * Leap days: when the holding period starts on Feb 29 (acquired Feb 28 of a leap year) the
 * anniversary rolls to Mar 1 (a month beginning on the 29th continues on Mar 1 in a February
 * without one). Hence:
 * - acquired 2024-02-28 → long-term from 2025-03-01 (a sale on 2025-02-28 is short-term);
 * - acquired 2024-02-29 → holding starts 2024-03-01 → long-term from 2025-03-01, so the
 *   "anniversary" of a Feb 29 acquisition is Feb 28 (short-term) and Mar 1 is long-term;
 * - acquired 2023-02-28 → holding starts 2023-03-01 → long-term from 2024-03-01 (a sale on
 *   leap day 2024-02-29 is still short-term).
 * The Feb 28 → Mar 1 case is the one Fairmark ("Don't Sell on Leap Day", 2016) and NASPP ("Tax
 * Holding Periods and Leap Year", 2016) warn about, and OpenTaxSolver fixed (bug 76).
 *
 * @param acquired ISO date of acquisition (or of the tacked holding-period start).
 * @returns ISO date of the first long-term sale day.
 * @throws {InvalidArgumentError} when `acquired` is not a valid ISO date.
 * @example
 * ```ts
 * import { longTermStartDate } from 'quantivista/tax-lots';
 * console.log(longTermStartDate('2023-06-15')); // "2024-06-16"
 * console.log(longTermStartDate('2024-02-29')); // "2025-03-01"
 * ```
 */
export function longTermStartDate(acquired: string): string {
  checkIsoDate('longTermStartDate', 'acquired', acquired);
  return isoAddYears(isoAddDays(acquired, 1), 1, { endOfMonth: 'roll' });
}

/**
 * Whether a sale on `sold` of an asset acquired (or with holding period tacked to) `acquired`
 * is short-term or long-term; see {@link longTermStartDate} for the rule.
 *
 * @throws {InvalidArgumentError} on an invalid date, or when `sold` is before `acquired`.
 * @example
 * ```ts
 * import { holdingPeriodTerm } from 'quantivista/tax-lots';
 * console.log(holdingPeriodTerm('2023-06-15', '2024-06-15')); // "short"
 * console.log(holdingPeriodTerm('2023-06-15', '2024-06-16')); // "long"
 * ```
 */
export function holdingPeriodTerm(acquired: string, sold: string): 'short' | 'long' {
  checkIsoDate('holdingPeriodTerm', 'acquired', acquired);
  checkIsoDate('holdingPeriodTerm', 'sold', sold);
  if (sold < acquired) {
    throw new InvalidArgumentError(`holdingPeriodTerm: \`sold\` (${sold}) must be on or after \`acquired\` (${acquired}).`, 'sold', sold);
  }
  return sold >= longTermStartDate(acquired) ? 'long' : 'short';
}
