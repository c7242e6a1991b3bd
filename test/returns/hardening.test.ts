/**
 * Regression tests for the returns items of the hardening campaign, each named after its
 * reproducer: a typed error (or a correct finite result) instead of Infinity, NaN or an empty
 * result.
 */
import { describe, expect, it } from 'vitest';
import { InsufficientDataError, InvalidArgumentError } from '../../src/core/errors.ts';
import {
  annualizeCovariance,
  annualizeReturn,
  annualizeVolatility,
  cumulativeReturns,
  logReturns,
  portfolioReturns,
  simpleReturns,
} from '../../src/returns/index.ts';
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

describe('returns fuzz findings: overflow and long horizons', () => {
  it('logReturns([100, 200, 1e-320]) is a typed error like simpleReturns (was -Infinity)', () => {
    expect(() => logReturns([100, 200, 1e-320])).toThrow(InvalidArgumentError);
    expect(() => logReturns([100, 200, 1e-320])).toThrow(/logReturns: the return from price 200 to 1e-320 .*overflows/);
  });
  it('logReturns([[1e300, 4], [e, 4]]) is ln e − ln 1e300 (was -Infinity)', () => {
    // 1 − 300 ln 10, Python math.log(math.e) − math.log(1e300) = −689.7755278982137
    expect(
      logReturns([
        [1e300, 4],
        [Math.E, 4],
      ]).toArray(),
    ).toEqual([[-689.7755278982137, 0]]);
  });
  it('annualizeReturn / annualizeVolatility / annualizeCovariance overflow is a typed error (was Infinity)', () => {
    expect(() => annualizeReturn(1.7e308, { periodsPerYear: 12, compounding: 'arithmetic' })).toThrow(/annualizeReturn: .*overflows/);
    expect(() => annualizeVolatility(1e308, { periodsPerYear: 256 })).toThrow(/annualizeVolatility: .*overflows/);
    expect(() =>
      annualizeCovariance(
        [
          [-Number.MAX_VALUE, 0.00002],
          [0.00002, 0.0004],
        ],
        { periodsPerYear: 250 },
      ),
    ).toThrow(/annualizeCovariance: entry \[0\]\[0\] .*overflows/);
  });
  it('cumulativeReturns names the period where wealth overflows (was Infinity)', () => {
    // a float64 running product 1.2^t in Python overflows at t = 3893 (0-based)
    expect(() => cumulativeReturns(Array.from({ length: 100_000 }, () => 0.2))).toThrow(/cumulativeReturns: .* at entry 3893 of `returns`/);
    expect(() => cumulativeReturns([0.1, 1.7e308, 0.5])).toThrow(/at entry 1 of `returns`/);
  });
  it('portfolioReturns buy-and-hold over 100,000 periods of +10 % stays finite (was NaN at row 7455)', () => {
    // 1.1^t overflowed the holdings at t = 7455, giving ∞ / ∞. By hand the return of period t is
    // 0.05 · 1.1^t / (0.5 · 1.1^t + 0.5), which rounds to 0.1 once 1.1^t exceeds 2^53.
    const out = portfolioReturns(
      Array.from({ length: 100_000 }, () => [0.1, 0]),
      [0.5, 0.5],
      { rebalance: 'none' },
    );
    expect(out.every((x) => Number.isFinite(x))).toBe(true);
    expect(out[0]).toBe(0.05);
    expect(out[7455]).toBe(0.1);
    expect(out[99_999]).toBe(0.1);
  });
  it('portfolioReturns with a weight of 1.7e308 gives the finite returns (was Infinity)', () => {
    const t = {
      kind: 'returns',
      dates: ['2024-01-31', '2024-02-29'],
      assets: ['AAA', 'BBB'],
      values: [
        [0.1, 0],
        [0.1, 0],
      ],
    } as const;
    // by hand: period 0 gains 0.1 · 1.7e308 on a value of 1; period 1 gains 0.1 · 1.1 · 1.7e308 on 1 + 1.7e307, ≈ 1.1
    const p = portfolioReturns(t, { BBB: 0.5, AAA: 1.7e308 }, { rebalance: 'none' }).values.column(0);
    expect(p[0]! / 1.7e307).toBeCloseTo(1, 14);
    expect(p[1]).toBeCloseTo(1.1, 14);
    expect(() => portfolioReturns([[10, 0]], [1.7e308, 0.5])).toThrow(/portfolioReturns: the portfolio return of period 0 overflows/);
  });
});
