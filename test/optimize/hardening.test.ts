/**
 * Regression tests for the optimiser items of the hardening campaign. Expected weights follow
 * from scale invariance: minimum variance of diag(a, b) is (b, a) / (a + b) for any a, b > 0,
 * and max Sharpe with zero correlation weighs μᵢ / σᵢ² (here 0.1 : 0.2 = 1 : 2).
 */
import { describe, expect, it } from 'vitest';
import { maxSharpe, minVariance, solveQP } from '../../src/optimize/index.ts';

function near(actual: readonly number[], expected: readonly number[], tol = 1e-9): void {
  expected.forEach((e, i) => expect(Math.abs((actual[i] as number) - e), `weight ${i}: ${actual[i]} vs ${e}`).toBeLessThanOrEqual(tol));
}

describe('optimiser hardening', () => {
  it('minVariance([[5e-324,0],[0,5e-324]]) returns [0.5, 0.5] at once (never returned)', () => {
    near(
      minVariance([
        [5e-324, 0],
        [0, 5e-324],
      ]).weights,
      [0.5, 0.5],
    );
  });
  it('minVariance([[1e-310,0],[0,1e-310]]) gives [0.5, 0.5] like any multiple of I (threw InfeasibleError)', () => {
    near(
      minVariance([
        [1e-310, 0],
        [0, 1e-310],
      ]).weights,
      [0.5, 0.5],
    );
    near(
      minVariance([
        [1e-310, 0],
        [0, 3e-310],
      ]).weights,
      [0.75, 0.25],
    );
  });
  it('solveQP with a subnormal Q respects maxIterations: 50 and returns', () => {
    const r = solveQP(
      {
        Q: [
          [5e-324, 0],
          [0, 5e-324],
        ],
        c: [0, 0],
      },
      { maxIterations: 50 },
    );
    expect(r.iterations).toBeLessThanOrEqual(50);
  });
  it('maxSharpe on a subnormal covariance weighs μᵢ / σᵢ²', () => {
    near(
      maxSharpe(
        [0.1, 0.2],
        [
          [5e-324, 0],
          [0, 5e-324],
        ],
      ).weights,
      [1 / 3, 2 / 3],
    );
  });
});
