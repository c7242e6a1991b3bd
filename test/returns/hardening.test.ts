/**
 * Regression tests for the returns items of the hardening campaign, each named after its
 * reproducer: a typed error (or a correct finite result) instead of Infinity, NaN or an empty
 * result.
 */
import { describe, expect, it } from 'vitest';
import { InsufficientDataError, InvalidArgumentError } from '../../src/core/errors.ts';
import { annualizeReturn, logReturns, simpleReturns } from '../../src/returns/index.ts';
import { returnsTable } from '../../src/data/index.ts';

describe('returns hardening', () => {
  it('simpleReturns([5e-324, 110]) is a typed error (was Infinity)', () => {
    expect(() => simpleReturns([5e-324, 110])).toThrow(InvalidArgumentError);
    expect(() => simpleReturns([5e-324, 110])).toThrow(/overflows double precision/);
    expect(() => logReturns([5e-324, 110])).toThrow(/overflows/);
    expect(() => returnsTable({ kind: 'prices', dates: ['2024-01-02', '2024-01-03'], assets: ['A'], values: [[5e-324], [110]] })).toThrow(
      /returnsTable: .*overflows/,
    );
  });
  it('a fall to a subnormal price is a finite return of −1 (to rounding)', () => {
    expect(simpleReturns([110, 5e-324])[0]).toBe(-1);
  });
  it('annualizeReturn([]) is a typed error (returned [])', () => {
    expect(() => annualizeReturn([], { periodsPerYear: 252 })).toThrow(InsufficientDataError);
  });
});
