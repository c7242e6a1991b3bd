/**
 * Regression tests for the optimiser items of the hardening campaign. Expected weights follow
 * from scale invariance: minimum variance of diag(a, b) is (b, a) / (a + b) for any a, b > 0,
 * and max Sharpe with zero correlation weighs μᵢ / σᵢ² (here 0.1 : 0.2 = 1 : 2).
 */
import { describe, expect, it } from 'vitest';
import {
  discreteAllocation,
  efficientFrontier,
  efficientReturn,
  efficientRisk,
  equalWeight,
  inverseVolatility,
  kelly,
  maxDiversification,
  maxQuadraticUtility,
  maxSharpe,
  minCVaR,
  minVariance,
  portfolioPerformance,
  solveQP,
} from '../../src/optimize/index.ts';
import { DimensionError, InvalidArgumentError, SizeLimitError } from '../../src/core/errors.ts';
import { SIZE_CAPS } from '../../src/core/limits.ts';
import { expectTypedError, loadFixture } from '../helpers.ts';

interface CostCase {
  name: string;
  rate: number;
  turnoverMax: number | null;
  minVarianceWeights: number[];
  minVarianceReturn: number;
  maxReturn: number;
  maxReturnWeights: number[];
  target: number;
  targetWeights: number[];
}
const costs = loadFixture<{ mu: number[]; cov: number[][]; current: number[]; cases: CostCase[] }>('optimize/frontier-costs.json');
function costOptions(c: CostCase): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  if (c.turnoverMax !== null) o.turnover = { current: costs.current, max: c.turnoverMax };
  if (c.rate > 0) o.transactionCost = { current: costs.current, rate: c.rate };
  return o;
}

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

  it('efficientFrontier accepts a turnover limit that cannot bind (threw InfeasibleError naming "expected return ≥ -Infinity")', () => {
    const mu = costs.mu;
    const cov = costs.cov;
    const free = efficientFrontier(mu, cov, { points: 5 });
    const loose = efficientFrontier(mu, cov, { points: 5, turnover: { current: costs.current, max: 5 } });
    loose.points.forEach((p, k) => {
      near([p.expectedReturn], [free.points[k]!.expectedReturn], 1e-12);
      near(p.weights, free.points[k]!.weights, 1e-9);
    });
  });
  for (const c of costs.cases) {
    it(`efficientFrontier with ${c.name} matches cvxopt at both ends and mid-way, and efficientReturn at every point`, () => {
      const opts = costOptions(c);
      const f = efficientFrontier(costs.mu, costs.cov, { ...opts, points: 5 });
      expect(f.converged).toBe(true);
      near(f.points[0]!.weights, c.minVarianceWeights, 1e-8);
      near([f.points[0]!.expectedReturn], [c.minVarianceReturn], 1e-10);
      near([f.points[4]!.expectedReturn], [c.maxReturn], 1e-12);
      near(f.points[4]!.weights, c.maxReturnWeights, 1e-8);
      // point 2 of 5 is mid-way between the ends: the cvxopt target
      near([f.points[2]!.expectedReturn], [c.target], 1e-10);
      near(f.points[2]!.weights, c.targetWeights, 1e-7);
      for (const p of f.points) near(efficientReturn(costs.mu, costs.cov, p.expectedReturn, opts).weights, p.weights, 1e-9);
      for (const p of f.corners) near(efficientReturn(costs.mu, costs.cov, p.expectedReturn, opts).weights, p.weights, 1e-8);
    });
  }
  it('efficientReturn with transactionCost accepts a target between the net and the gross highest return (was InfeasibleError)', () => {
    const c = costs.cases.find((k) => k.name === 'transactionCost')!;
    const r = efficientReturn(costs.mu, costs.cov, c.maxReturn, costOptions(c));
    near(r.weights, c.maxReturnWeights, 1e-8);
  });
});

describe('optimiser size caps (SIZE_CAPS, refused before any allocation)', () => {
  const big = new Array(SIZE_CAPS.denseAssets + 1); // a sparse array: only its length is read
  const mu = [0.1];
  const cases: Array<[string, () => unknown]> = [
    ['minVariance', () => minVariance(big)],
    ['maxSharpe', () => maxSharpe(mu, big)],
    ['efficientReturn', () => efficientReturn(mu, big, 0.1)],
    ['efficientRisk', () => efficientRisk(mu, big, 0.1)],
    ['efficientFrontier', () => efficientFrontier(mu, big)],
    ['maxQuadraticUtility', () => maxQuadraticUtility(mu, big)],
    ['maxDiversification', () => maxDiversification(big)],
    ['kelly', () => kelly(mu, big)],
    ['inverseVolatility', () => inverseVolatility(big)],
    ['portfolioPerformance', () => portfolioPerformance([1], mu, big)],
    ['solveQP (Q)', () => solveQP({ Q: big, c: [0] })],
    ['solveQP (a Matrix-like Q)', () => solveQP({ Q: { rows: 6000, cols: 6000, get: () => 0 } as never, c: [0] })],
    ['solveQP (G rows)', () => solveQP({ Q: [[1]], c: [0], G: new Array(SIZE_CAPS.assets + 1), h: [0] })],
    ['minCVaR (scenarios)', () => minCVaR(Array.from({ length: SIZE_CAPS.denseAssets + 1 }, (_, i) => [0.01 * (i % 3), 0.01]))],
    ['discreteAllocation (greedy)', () => discreteAllocation(new Array(SIZE_CAPS.assets + 1), [1], 1)],
    ['discreteAllocation (integer)', () => discreteAllocation(new Array(SIZE_CAPS.denseAssets + 1), [1], 1, { method: 'integer' })],
    ['equalWeight(1e9)', () => equalWeight(1e9)],
  ];
  for (const [name, call] of cases) {
    it(`${name} refuses a size above its cap with SizeLimitError`, () => {
      expect(call).toThrow(SizeLimitError);
      try {
        call();
      } catch (e) {
        expect((e as SizeLimitError).code).toBe('SIZE_LIMIT');
      }
    });
  }
  it('equalWeight accepts n at a moderate size and the cap is SIZE_CAPS.entries', () => {
    expect(equalWeight(3).weights).toEqual([1 / 3, 1 / 3, 1 / 3]);
    expect(() => equalWeight(SIZE_CAPS.entries + 1)).toThrow(SizeLimitError);
  });
});

// Fuzz-suite findings (docs/fuzz.md): overflowing results are typed errors naming the input.
describe('optimiser fuzz findings', () => {
  it('portfolioPerformance extreme/infinity: riskFreeRate 1e308 overflows the Sharpe ratio', () => {
    expectTypedError(
      () =>
        portfolioPerformance(
          [0.5, 0.5],
          [0.01, 0.02],
          [
            [0.04, 0],
            [0, 0.04],
          ],
          { riskFreeRate: 1e308 },
        ),
      InvalidArgumentError,
      /Sharpe ratio overflows.*`riskFreeRate`/,
    );
  });
  it('wrong-shape: a 100,000-row, two-column covariance or Q is refused as non-square at once', () => {
    const tall = Array.from({ length: 100_000 }, () => [0.04, 0.01]);
    expectTypedError(() => minVariance(tall), DimensionError, /minVariance: `cov` must be square, got 100000 x 2/);
    expectTypedError(() => solveQP({ Q: tall, c: [0, 0] }), DimensionError, /solveQP: `Q` must be square, got 100000 x 2/);
  });
  it('solveQP extreme/infinity: an A entry of -1.7e308 makes the problem too badly scaled', () => {
    expectTypedError(
      () =>
        solveQP({
          Q: [
            [2, 0],
            [0, 2],
          ],
          c: [-1, 0],
          A: [[-1.7e308, 1]],
          b: [1],
          lower: 0,
        }),
      InvalidArgumentError,
      /overflows.*`A`.*too badly scaled/,
    );
  });
});
