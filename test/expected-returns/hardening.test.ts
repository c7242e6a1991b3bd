/** Regression tests for the expected-returns fuzz findings of the hardening campaign (2026-12-08). */
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/core/errors.ts';
import { capmReturn } from '../../src/expected-returns/index.ts';

const R = [
  [0.02, 0.006],
  [-0.04, -0.009],
  [0.06, 0.016],
  [0, 0.001],
];

describe('expected-returns hardening', () => {
  it('capmReturn with a null-prototype market return throws a typed error (TypeError before)', () => {
    expect(() => capmReturn(R, [0.01, -0.02, 0.03, Object.create(null) as number], { riskFreeRate: 0.001 })).toThrow(InvalidArgumentError);
  });
  it('capmReturn with riskFreeRate -1e308 throws a typed overflow error instead of returning -Infinity', () => {
    // beta of asset 0 is 2 (its returns are 2 x the market's), so r_f + 2 (E[r_m] − r_f) = 1e308 + ... overflows
    expect(() => capmReturn(R, [0.01, -0.02, 0.03, 0], { riskFreeRate: -1e308 })).toThrow(/overflows the double range/);
    expect(() => capmReturn(R, [0.01, -0.02, 0.03, 0], { riskFreeRate: -1e308, missing: 'available' })).toThrow(/overflows the double range/);
  });
});

describe('fuzz findings (expected returns, round 2)', () => {
  it('capmReturn with a null-prototype object as market returns is a typed error (was a TypeError)', async () => {
    const { capmReturn } = await import('../../src/expected-returns/index.ts');
    const R = [
      [0.02, 0.006],
      [-0.04, -0.009],
      [0.06, 0.016],
      [0, 0.001],
    ];
    expect(() => capmReturn(R, Object.create(null) as never, { riskFreeRate: 0.001 })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', argument: 'marketReturns' }),
    );
  });
});
