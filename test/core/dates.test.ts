import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InvalidArgumentError } from '../../src/core/errors.ts';
import {
  checkIsoDate,
  isIsoDate,
  isoAddDays,
  isoAddMonths,
  isoAddYears,
  isoCompare,
  isoDaysBetween,
  isoFromDayNumber,
  isoToDayNumber,
} from '../../src/core/dates.ts';

describe('ISO dates', () => {
  it('validates real calendar days (Gregorian leap rule: 4, not 100, but 400)', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('1900-02-29')).toBe(false);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2023-04-31')).toBe(false);
    expect(isIsoDate('2023-13-01')).toBe(false);
    expect(isIsoDate('2023-1-01')).toBe(false);
    expect(isIsoDate('2023-01-01T00:00')).toBe(false);
    expect(isIsoDate(20230101)).toBe(false);
  });

  it('checkIsoDate throws InvalidArgumentError naming the argument', () => {
    expect(() => checkIsoDate('f', 'when', '2023-02-30')).toThrow(InvalidArgumentError);
    expect(() => checkIsoDate('f', 'when', '2023-02-30')).toThrow(/`when`/);
    let err: unknown;
    try {
      checkIsoDate('f', 'when', 5);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InvalidArgumentError);
    expect((err as InvalidArgumentError).argument).toBe('when');
    expect(checkIsoDate('f', 'when', '2023-02-28')).toBe('2023-02-28');
  });

  it('day numbers: epoch and known differences', () => {
    expect(isoToDayNumber('1970-01-01')).toBe(0);
    expect(isoToDayNumber('1969-12-31')).toBe(-1);
    // 2000-01-01 is 10957 days after the epoch (30 years, 7 of them leap: 30*365 + 7).
    expect(isoToDayNumber('2000-01-01')).toBe(30 * 365 + 7);
    expect(isoFromDayNumber(30 * 365 + 7)).toBe('2000-01-01');
    expect(isoDaysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(isoDaysBetween('2023-02-28', '2023-03-01')).toBe(1);
    expect(() => isoToDayNumber('2023-02-29')).toThrow(InvalidArgumentError);
    expect(() => isoFromDayNumber(1.5)).toThrow(InvalidArgumentError);
  });

  it('day numbers agree with the host UTC calendar and round-trip (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -700_000, max: 2_900_000 }), (day) => {
        const iso = isoFromDayNumber(day);
        expect(isoToDayNumber(iso)).toBe(day);
        if (day > -600_000) expect(new Date(day * 86_400_000).toISOString().slice(0, 10)).toBe(iso);
      }),
      { seed: 42, numRuns: 2000 },
    );
  });

  it('adds days across month and year ends', () => {
    expect(isoAddDays('2023-12-15', 30)).toBe('2024-01-14');
    expect(isoAddDays('2024-01-14', -30)).toBe('2023-12-15');
    expect(isoAddDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(isoAddDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(() => isoAddDays('2023-02-28', 0.5)).toThrow(InvalidArgumentError);
    expect(() => isoAddDays('2023-02-28', Number.NaN)).toThrow(/`days` must be an integer/);
    // Out of range: the error names isoAddDays and its `days`, not an internal helper.
    expect(() => isoAddDays('9999-12-31', 1)).toThrow(/^isoAddDays: 9999-12-31 \+ 1 days falls outside years 0000-9999/);
  });

  it('adds months and years with the end-of-month rule', () => {
    expect(isoAddMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(isoAddMonths('2023-01-31', 1)).toBe('2023-02-28');
    // roll: Feb 2023 has 28 days, so Jan 31 + 1 month carries 3 surplus days into March.
    expect(isoAddMonths('2023-01-31', 1, { endOfMonth: 'roll' })).toBe('2023-03-03');
    expect(isoAddMonths('2023-11-30', 3)).toBe('2024-02-29');
    expect(isoAddMonths('2024-03-15', -3)).toBe('2023-12-15');
    expect(isoAddYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(isoAddYears('2024-02-29', 1, { endOfMonth: 'roll' })).toBe('2025-03-01');
    expect(isoAddYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(isoAddYears('2023-03-01', 1)).toBe('2024-03-01');
    expect(() => isoAddYears('2024-02-29', 1, { endOfMonth: 'x' as 'clamp' })).toThrow(InvalidArgumentError);
    expect(() => isoAddYears('2024-02-29', 1.5)).toThrow(InvalidArgumentError);
    // A misspelt option is an error, not silently the default rule.
    expect(() => isoAddMonths('2023-01-31', 1, { endOfMoth: 'roll' } as never)).toThrow(/unknown option `endOfMoth`/);
    expect(() => isoAddYears('9999-06-01', 1)).toThrow(/outside years 0000-9999/);
  });

  it('compares', () => {
    expect(isoCompare('2023-12-31', '2024-01-01')).toBe(-1);
    expect(isoCompare('2024-01-01', '2024-01-01')).toBe(0);
    expect(isoCompare('2024-01-02', '2024-01-01')).toBe(1);
    expect(() => isoCompare('2024-01-02', 'x')).toThrow(/`b`/);
  });
});
