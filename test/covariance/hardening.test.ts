/**
 * Regression tests for the covariance and optimiser items of the hardening campaign: inputs whose
 * products would overflow are typed errors, never an all-NaN covariance or NaN weights.
 */
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/core/errors.ts';
import { ledoitWolf, oracleApproximatingShrinkage, sampleCovariance } from '../../src/covariance/index.ts';
import { efficientRisk } from '../../src/optimize/index.ts';

const R = [
  [1e148, 0.01],
  [0.02, -0.01],
  [0.01, 0.03],
];

describe('covariance and optimiser hardening', () => {
  it('ledoitWolf single-factor and OAS refuse a return of 1e148 (gave an all-NaN covariance; fourth powers overflow first)', () => {
    expect(() => ledoitWolf(R, { target: 'single-factor' })).toThrow(InvalidArgumentError);
    expect(() => ledoitWolf(R)).toThrow(/fourth powers/);
    expect(() => oracleApproximatingShrinkage(R)).toThrow(/fourth powers/);
    // the sample covariance itself is still finite here, and is still given
    expect(sampleCovariance(R).covariance.data.every(Number.isFinite)).toBe(true);
  });
  it('ordinary returns are untouched by the bound', () => {
    expect(() =>
      ledoitWolf([
        [0.5, -0.3],
        [0.2, 0.1],
        [-0.4, 0.25],
      ]),
    ).not.toThrow();
  });
  it('efficientRisk([-1.7e308, .02], ...) is a typed error naming mu (gave NaN weights)', () => {
    expect(() =>
      efficientRisk(
        [-1.7e308, 0.02],
        [
          [0.04, 0],
          [0, 0.09],
        ],
        0.25,
      ),
    ).toThrow(/`mu` entry 0/);
  });
});
