import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { discreteAllocation, equalWeight, inverseVolatility, kelly, maxDiversification, minCVaR } from '../../src/optimize/index.ts';
import { DimensionError, InfeasibleError, InvalidArgumentError, NotPositiveDefiniteError } from '../../src/core/errors.ts';
import { deepFreeze, expectClose, loadFixture } from '../helpers.ts';

const base = loadFixture<{ cov: number[][]; mu: number[] }>('optimize/portfolio.json');
const fx = loadFixture<{
  maxDiversification: { weights: number[]; ratio: number };
  maxDiversificationBounded: { upper: number; weights: number[]; ratio: number };
  kelly: { riskFreeRate: number; fraction: number; weights: number[] };
  minCVaR: { scenarios: number[][]; confidence: number; weights: number[]; cvar: number };
  minCVaRTarget: { targetReturn: number; weights: number[]; cvar: number };
  minCVaRBounded: { upper: number; weights: number[]; cvar: number };
  discrete: { weights: number[]; prices: number[]; totalValue: number; shares: number[]; objective: number };
}>('optimize/extras.json');
deepFreeze(fx);
deepFreeze(base);

describe('equalWeight and inverseVolatility', () => {
  it('closed forms, with labels', () => {
    expect(equalWeight(3, { assets: ['a', 'b', 'c'] })).toEqual({ weights: [1 / 3, 1 / 3, 1 / 3], weightsByAsset: { a: 1 / 3, b: 1 / 3, c: 1 / 3 } });
    // σ = (0.2, 0.1, 0.05): 1/σ = (5, 10, 20) / 35
    expectClose(
      inverseVolatility([
        [0.04, 0.001, 0],
        [0.001, 0.01, 0],
        [0, 0, 0.0025],
      ]).weights,
      [5 / 35, 10 / 35, 20 / 35],
    );
    expect(() => equalWeight(0)).toThrow(InvalidArgumentError);
    expect(() =>
      inverseVolatility([
        [0.04, 0],
        [0, 0],
      ]),
    ).toThrow(/zero variance/);
    expect(() => inverseVolatility([[0.04, 0]])).toThrow(DimensionError);
  });
});

describe('maxDiversification against cvxopt (Choueifaty–Coignard via homogenisation)', () => {
  it('long-only and bounded', () => {
    const r = maxDiversification(base.cov);
    expectClose(r.weights, fx.maxDiversification.weights, { atol: 1e-6 });
    expectClose(r.diversificationRatio, fx.maxDiversification.ratio, { rtol: 1e-9 });
    expect(r.kktResidual).toBeLessThan(1e-8);
    const b = maxDiversification(base.cov, { bounds: [0, fx.maxDiversificationBounded.upper] });
    expectClose(b.weights, fx.maxDiversificationBounded.weights, { atol: 1e-6 });
    expectClose(b.diversificationRatio, fx.maxDiversificationBounded.ratio, { rtol: 1e-9 });
  });
  it('rejects unsupported options', () => {
    expect(() => maxDiversification(base.cov, { l2: 1 })).toThrow(/`l2`/);
    expect(() => maxDiversification(base.cov, { turnover: { current: base.mu, max: 1 } })).toThrow(/`turnover`/);
  });
});

describe('kelly', () => {
  it('matches fraction · Σ⁻¹(μ − r_f) (numpy)', () => {
    const k = kelly(base.mu, base.cov, { riskFreeRate: fx.kelly.riskFreeRate, fraction: fx.kelly.fraction });
    expectClose(k.weights, fx.kelly.weights, { rtol: 1e-9, atol: 1e-9 });
    expectClose(k.cash, 1 - fx.kelly.weights.reduce((a, v) => a + v, 0), { rtol: 1e-9 });
  });
  it('growth is maximal at full Kelly (property of the quadratic approximation)', () => {
    const mu = [0.08, 0.05];
    const cov = [
      [0.04, 0.002],
      [0.002, 0.01],
    ];
    const full = kelly(mu, cov, { riskFreeRate: 0.02 }).expectedGrowth;
    fc.assert(
      fc.property(fc.double({ min: 0.05, max: 3, noNaN: true }), (f) => {
        expect(kelly(mu, cov, { riskFreeRate: 0.02, fraction: f }).expectedGrowth).toBeLessThanOrEqual(full + 1e-15);
      }),
      { seed: 42, numRuns: 50 },
    );
  });
  it('constrained Kelly = maxQuadraticUtility on excess returns with δ = 1/fraction', () => {
    const k = kelly(
      [0.08, 0.05],
      [
        [0.04, 0],
        [0, 0.01],
      ],
      { riskFreeRate: 0.03, fraction: 0.5, constraints: { bounds: [0, 0.7] } },
    );
    expectClose(
      k.weights.reduce((a, v) => a + v, 0),
      1,
      { rtol: 1e-12 },
    );
    expect(Math.max(...k.weights)).toBeLessThanOrEqual(0.7 + 1e-12);
  });
  it('errors', () => {
    expect(() =>
      kelly(
        [0.1, 0.1],
        [
          [0.04, 0.04],
          [0.04, 0.04],
        ],
      ),
    ).toThrow(NotPositiveDefiniteError);
    expect(() =>
      kelly(
        [0.1, 0.1],
        [
          [0.04, 0],
          [0, 0.04],
        ],
        { assets: ['A', 'A'] },
      ),
    ).toThrow(/`assets` names must be unique/);
    expect(() => equalWeight(2, { assets: ['A', 'A'] })).toThrow(/`assets` names must be unique/);
    expect(() =>
      inverseVolatility(
        [
          [0.04, 0],
          [0, 0.01],
        ],
        { assets: ['A', 'A'] },
      ),
    ).toThrow(/`assets` names must be unique/);
    expect(() => discreteAllocation([0.5, 0.5], [1, 1], 10, { assets: ['A', 'A'] })).toThrow(/`assets` names must be unique/);
    // μ = 1e300 is refused up front (above 1e150 the products overflow; the growth used to come back as NaN, null in JSON)
    expect(() =>
      kelly(
        [1e300, 1],
        [
          [1, 0],
          [0, 1],
        ],
      ),
    ).toThrow(/overflow/);
    expect(() =>
      kelly(
        [0.1, 0.1],
        [
          [0.04, 0],
          [0, 0.04],
        ],
        { fraction: 0 },
      ),
    ).toThrow(/`fraction`/);
  });
});

describe('minCVaR against scipy linprog (HiGHS)', () => {
  const { scenarios, confidence } = fx.minCVaR;
  it('plain, with a target return, and bounded', () => {
    const r = minCVaR(scenarios, { confidence });
    expectClose(r.cvar, fx.minCVaR.cvar, { rtol: 1e-9 });
    expectClose(r.weights, fx.minCVaR.weights, { atol: 1e-6 });
    const t = minCVaR(scenarios, { confidence, targetReturn: fx.minCVaRTarget.targetReturn });
    expectClose(t.cvar, fx.minCVaRTarget.cvar, { rtol: 1e-9 });
    expectClose(t.weights, fx.minCVaRTarget.weights, { atol: 1e-6 });
    expect(t.expectedReturn).toBeGreaterThanOrEqual(fx.minCVaRTarget.targetReturn - 1e-12);
    const b = minCVaR(scenarios, { confidence, bounds: [0, fx.minCVaRBounded.upper] });
    expectClose(b.cvar, fx.minCVaRBounded.cvar, { rtol: 1e-9 });
    expectClose(b.weights, fx.minCVaRBounded.weights, { atol: 1e-6 });
  });
  it('errors', () => {
    expect(() => minCVaR(scenarios, { targetReturn: 1 })).toThrow(InfeasibleError);
    expect(() => minCVaR(scenarios, { confidence: 1 })).toThrow(/`confidence`/);
    expect(() => minCVaR([[0.1, Number.NaN]])).toThrow(/`scenarios`/);
  });
});

describe('discreteAllocation', () => {
  it("'integer' reaches scipy milp's optimum of PyPortfolioOpt's lp_portfolio program", () => {
    const d = fx.discrete;
    const r = discreteAllocation(d.weights, d.prices, d.totalValue, { method: 'integer' });
    const objective = r.shares.reduce((a, x, i) => a + Math.abs(d.weights[i]! * d.totalValue - x * d.prices[i]!), 0) + r.leftover;
    expectClose(objective, d.objective, { rtol: 1e-9 });
    expect(r.leftover).toBeGreaterThanOrEqual(0);
  });
  it("'greedy' (worked example) and exact money", () => {
    // targets 500, 300, 200: floors 5 x 100, 10 x 30, 28 x 7 = 196; cash 4 buys nothing more
    const a = discreteAllocation([0.5, 0.3, 0.2], [100, 30, 7], 1000, { assets: ['A', 'B', 'C'] });
    expect(a.shares).toEqual([5, 10, 28]);
    expect(a.leftoverExact).toBe('4');
    expect(a.sharesByAsset).toEqual({ A: 5, B: 10, C: 28 });
    // 0.1 + 0.2 style prices stay exact
    const b = discreteAllocation([0.5, 0.5], [0.1, 0.2], 0.3);
    expect(b.investedExact).toBe('0.3');
    expect(b.leftoverExact).toBe('0');
    // lots of 10
    const c = discreteAllocation([1], [3], 100, { lotSizes: [10] });
    expect(c.shares).toEqual([30]);
    expect(c.lots).toEqual([3]);
    expect(c.leftoverExact).toBe('10');
  });
  it('never spends more than the total and integer is never worse than greedy (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 2, maxLength: 8 }), fc.integer({ min: 1, max: 10_000 }), (raw, seed) => {
        const s = raw.reduce((a, v) => a + v, 0);
        const w = raw.map((v) => v / s);
        const p = raw.map((_, i) => 5 + ((seed * (i + 3)) % 97) + 0.25);
        const V = 2000;
        const g = discreteAllocation(w, p, V);
        const m = discreteAllocation(w, p, V, { method: 'integer' });
        for (const r of [g, m]) expect(r.leftover).toBeGreaterThanOrEqual(0);
        const obj = (r: typeof g) => r.shares.reduce((a, x, i) => a + Math.abs(w[i]! * V - x * p[i]!), 0) + r.leftover;
        expect(obj(m)).toBeLessThanOrEqual(obj(g) + 1e-9);
      }),
      { seed: 42, numRuns: 30 },
    );
  });
  it('errors', () => {
    expect(() => discreteAllocation([-0.1, 1.1], [1, 1], 10)).toThrow(/negative/);
    expect(() => discreteAllocation([0.5, 0.5], [1, 0], 10)).toThrow(/`prices`/);
    expect(() => discreteAllocation([0.5, 0.5], [1], 10)).toThrow(DimensionError);
    expect(() => discreteAllocation([0.5, 0.5], [1, 1], 0)).toThrow(/`totalValue`/);
    // 1e300 / 1e-300 lots: the one-lot top-up never finished; 1e300 / 1 lots are not exact integers
    expect(() => discreteAllocation([0.5, 0.5], [1e-300, 1], 1e300)).toThrow(/`totalValue`.*2\^53/);
    expect(() => discreteAllocation([0.5, 0.5], [1, 1], 1e300)).toThrow(InvalidArgumentError);
    expect(() => discreteAllocation([0.5, 0.5], [1, 1], 10, { method: 'lp' as never })).toThrow(/`method`/);
    expect(() => discreteAllocation([0.5, 0.5], [1, 1], 10, { lotSizes: [1, 0.5] })).toThrow(/`lotSizes`/);
  });
});
