import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  efficientFrontier,
  efficientReturn,
  efficientRisk,
  maxQuadraticUtility,
  maxSharpe,
  minVariance,
  portfolioPerformance,
} from '../../src/optimize/index.ts';
import { DimensionError, InfeasibleError, InvalidArgumentError, NotPositiveDefiniteError } from '../../src/core/errors.ts';
import { deepFreeze, expectClose, loadFixture } from '../helpers.ts';

interface Cases {
  n: number;
  cov: number[][];
  mu: number[];
  riskFreeRate: number;
  assets?: string[];
  sectors?: string[];
  cases: {
    minVarianceLongOnly: { weights: number[]; variance: number };
    minVarianceBounded: { upper: number; weights: number[]; variance: number };
    maxSharpe: { weights: number[]; sharpe: number };
    maxSharpeBounded: { upper: number; weights: number[]; sharpe: number };
    efficientReturn: { target: number; weights: number[]; variance: number };
    efficientRisk: { targetVolatility: number; weights: number[]; expectedReturn: number };
    sectorConstrained: { groups: number[][]; max: number; minLast: number; weights: number[]; variance: number };
    l2: { gamma: number; weights: number[]; objective: number };
    turnover: { current: number[]; max: number; weights: number[]; variance: number };
    frontier: Array<{ target: number; weights: number[]; variance: number }>;
    transactionCost: { riskAversion: number; current: number[]; rate: number; weights: number[]; utility: number };
    leverage: { riskAversion: number; bounds: [number, number]; leverage: number; weights: number[]; utility: number };
  };
}

const sets: Array<[string, Cases]> = [
  ['50-asset synthetic set (numpy, seed 20240601)', loadFixture<Cases>('optimize/portfolio.json')],
  ['sample data (30 assets, daily simple returns)', loadFixture<Cases>('optimize/portfolio-sample.json')],
];

const W = { atol: 1e-6, label: 'weights' };
const OBJ = { rtol: 1e-9 };

describe.each(sets)('reference portfolios from cvxopt, polished on the active set: %s', (_name, fx) => {
  const { cov, mu, riskFreeRate: rf, cases: c } = fx;
  deepFreeze(fx);

  it('long-only minimum variance', () => {
    const r = minVariance(cov);
    expectClose(r.weights, c.minVarianceLongOnly.weights, W);
    expectClose(r.volatility ** 2, c.minVarianceLongOnly.variance, OBJ);
    expect(r.converged).toBe(true);
    expect(r.kktResidual).toBeLessThan(1e-8);
  });

  it('bounded minimum variance', () => {
    const r = minVariance(cov, { bounds: [0, c.minVarianceBounded.upper] });
    expectClose(r.weights, c.minVarianceBounded.weights, W);
    expectClose(r.volatility ** 2, c.minVarianceBounded.variance, OBJ);
  });

  it('max Sharpe (long-only and bounded)', () => {
    const r = maxSharpe(mu, cov, { riskFreeRate: rf });
    expectClose(r.weights, c.maxSharpe.weights, W);
    expectClose(r.sharpeRatio, c.maxSharpe.sharpe, OBJ);
    expect(r.kktResidual).toBeLessThan(1e-8);
    const b = maxSharpe(mu, cov, { riskFreeRate: rf, bounds: [0, c.maxSharpeBounded.upper] });
    expectClose(b.weights, c.maxSharpeBounded.weights, W);
    expectClose(b.sharpeRatio, c.maxSharpeBounded.sharpe, OBJ);
  });

  it('efficient return and efficient risk', () => {
    const r = efficientReturn(mu, cov, c.efficientReturn.target);
    expectClose(r.weights, c.efficientReturn.weights, W);
    expectClose(r.volatility ** 2, c.efficientReturn.variance, OBJ);
    const k = efficientRisk(mu, cov, c.efficientRisk.targetVolatility);
    expectClose(k.weights, c.efficientRisk.weights, W);
    expectClose(k.expectedReturn, c.efficientRisk.expectedReturn, OBJ);
    expectClose(k.volatility, c.efficientRisk.targetVolatility, { rtol: 1e-10 });
  });

  it('sector-constrained minimum variance', () => {
    const s = c.sectorConstrained;
    const groups = s.groups.map((g, k) => ({
      name: fx.sectors?.[k] ?? `S${k}`,
      assets: g,
      max: s.max,
      ...(k === s.groups.length - 1 ? { min: s.minLast } : {}),
    }));
    const r = minVariance(cov, { groups });
    expectClose(r.weights, s.weights, W);
    expectClose(r.volatility ** 2, s.variance, OBJ);
    for (const g of groups) {
      const sum = g.assets.reduce((a, i) => a + r.weights[i]!, 0);
      expect(sum).toBeLessThanOrEqual(s.max + 1e-9);
      if (Math.abs(sum - s.max) < 1e-9) expect(r.bindingConstraints).toContain(`group '${g.name}' maximum 0.3`);
    }
  });

  it('L2-regularised minimum variance', () => {
    const r = minVariance(cov, { l2: c.l2.gamma });
    expectClose(r.weights, c.l2.weights, W);
    const w = r.weights;
    expectClose(r.volatility ** 2 + c.l2.gamma * w.reduce((a, v) => a + v * v, 0), c.l2.objective, OBJ);
  });

  it('turnover-limited minimum variance', () => {
    const t = c.turnover;
    const r = minVariance(cov, { turnover: { current: t.current, max: t.max } });
    expectClose(r.weights, t.weights, W);
    expectClose(r.volatility ** 2, t.variance, OBJ);
    const turn = r.weights.reduce((a, v, i) => a + Math.abs(v - t.current[i]!), 0);
    expect(turn).toBeLessThanOrEqual(t.max + 1e-9);
  });

  it('utility with transaction costs (buy/sell split)', () => {
    const t = c.transactionCost;
    const r = maxQuadraticUtility(mu, cov, { riskAversion: t.riskAversion, transactionCost: { current: t.current, rate: t.rate } });
    expectClose(r.weights, t.weights, W);
    const w = r.weights;
    const u =
      mu.reduce((a, m, i) => a + m * w[i]!, 0) - 0.5 * t.riskAversion * r.volatility ** 2 - t.rate * w.reduce((a, v, i) => a + Math.abs(v - t.current[i]!), 0);
    expectClose(u, t.utility, { rtol: 1e-9 });
  });

  it('long-short utility with a leverage limit (long/short split)', () => {
    const t = c.leverage;
    const r = maxQuadraticUtility(mu, cov, { riskAversion: t.riskAversion, bounds: t.bounds, leverage: t.leverage });
    expectClose(r.weights, t.weights, W);
    const u = mu.reduce((a, m, i) => a + m * r.weights[i]!, 0) - 0.5 * t.riskAversion * r.volatility ** 2;
    expectClose(u, t.utility, { rtol: 1e-9 });
    expect(r.weights.reduce((a, v) => a + Math.abs(v), 0)).toBeLessThanOrEqual(t.leverage + 1e-9);
  });

  it('20-point frontier', () => {
    const f = efficientFrontier(mu, cov, { points: 20, riskFreeRate: rf });
    expect(f.points).toHaveLength(20);
    f.points.forEach((p, k) => {
      expectClose(p.weights, c.frontier[k]!.weights, { ...W, label: `point ${k} weights` });
      expectClose(p.volatility ** 2, c.frontier[k]!.variance, { rtol: 1e-9, label: `point ${k} variance` });
    });
    for (let k = 1; k < f.points.length; k++) {
      expect(f.points[k]!.expectedReturn).toBeGreaterThan(f.points[k - 1]!.expectedReturn);
      expect(f.points[k]!.volatility).toBeGreaterThanOrEqual(f.points[k - 1]!.volatility - 1e-15);
    }
    // corners are in increasing return, lie on the frontier, and include both ends
    expect(f.corners[0]!.weights).toEqual(f.points[0]!.weights);
    for (let k = 1; k < f.corners.length; k++) expect(f.corners[k]!.expectedReturn).toBeGreaterThanOrEqual(f.corners[k - 1]!.expectedReturn);
    const mid = f.corners[Math.floor(f.corners.length / 2)]!;
    const check = efficientReturn(mu, cov, mid.expectedReturn);
    expectClose(mid.volatility, check.volatility, { rtol: 1e-9, label: 'corner volatility' });
  });
});

describe('closed forms and conventions', () => {
  it('unconstrained minimum variance is Σ⁻¹1 / 1ᵀΣ⁻¹1', () => {
    const cov = [
      [0.04, 0.006],
      [0.006, 0.09],
    ];
    // Σ⁻¹1 ∝ (0.09 − 0.006, 0.04 − 0.006) = (0.084, 0.034)
    const r = minVariance(cov, { bounds: [-5, 5] });
    expectClose(r.weights, [0.084 / 0.118, 0.034 / 0.118], { rtol: 1e-12 });
  });

  it('unconstrained max Sharpe is Σ⁻¹(μ − r_f) normalised', () => {
    const cov = [
      [0.04, 0.006],
      [0.006, 0.09],
    ];
    const mu = [0.05, 0.08];
    const ex = [0.04, 0.07];
    const raw = [0.09 * ex[0]! - 0.006 * ex[1]!, -0.006 * ex[0]! + 0.04 * ex[1]!];
    const s = raw[0]! + raw[1]!;
    const r = maxSharpe(mu, cov, { riskFreeRate: 0.01, bounds: [-5, 5] });
    expectClose(r.weights, [raw[0]! / s, raw[1]! / s], { rtol: 1e-10 });
  });

  it('maxQuadraticUtility matches the closed form when no bound binds', () => {
    // w = Σ⁻¹(μ − λ1)/δ with λ chosen so Σw = 1
    const cov = [
      [0.04, 0],
      [0, 0.09],
    ];
    const mu = [0.05, 0.08];
    const delta = 3;
    const a = [1 / 0.04, 1 / 0.09];
    const lambda = (a[0]! * mu[0]! + a[1]! * mu[1]! - delta) / (a[0]! + a[1]!);
    const expected = [(a[0]! * (mu[0]! - lambda)) / delta, (a[1]! * (mu[1]! - lambda)) / delta];
    const r = maxQuadraticUtility(mu, cov, { riskAversion: delta });
    expectClose(r.weights, expected, { rtol: 1e-10 });
  });

  it('labels weights by asset, including awkward names', () => {
    const r = minVariance(
      [
        [0.04, 0],
        [0, 0.01],
      ],
      { assets: ['__proto__', 'constructor'] },
    );
    expect(Object.keys(r.weightsByAsset!)).toEqual(['__proto__', 'constructor']);
    expectClose(r.weightsByAsset!['constructor'], 0.8, { rtol: 1e-12 });
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('groups accept asset names; dollar-neutral long-short books; leverage', () => {
    const fx = loadFixture<Cases>('optimize/portfolio-sample.json');
    const assets = fx.assets!;
    const r = maxSharpe(fx.mu, fx.cov, { assets, groups: [{ name: 'first two', assets: [assets[0]!, assets[1]!], max: 0.05 }], riskFreeRate: fx.riskFreeRate });
    expect(r.weights[0]! + r.weights[1]!).toBeLessThanOrEqual(0.05 + 1e-12);
    const ls = maxQuadraticUtility(fx.mu, fx.cov, { budget: 0, bounds: [-0.2, 0.2], leverage: 1.5, riskAversion: 1 });
    expect(Math.abs(ls.weights.reduce((a, v) => a + v, 0))).toBeLessThan(1e-9);
    expect(ls.weights.reduce((a, v) => a + Math.abs(v), 0)).toBeLessThanOrEqual(1.5 + 1e-9);
  });

  it('maxVolatility and trackingError limits are exact', () => {
    const fx = loadFixture<Cases>('optimize/portfolio.json');
    const mv = minVariance(fx.cov);
    const cap = mv.volatility * 1.2;
    const u = maxQuadraticUtility(fx.mu, fx.cov, { riskAversion: 0.1, maxVolatility: cap });
    expectClose(u.volatility, cap, { rtol: 1e-10 });
    expect(u.bindingConstraints).toContain(`volatility ≤ ${Number(cap.toPrecision(10))}`);
    const bench = new Array(fx.n).fill(1 / fx.n);
    const te = 0.25 * mv.volatility;
    const t = minVariance(fx.cov, { trackingError: { benchmark: bench, max: te } });
    const d = t.weights.map((v, i) => v - bench[i]);
    const teActual = Math.sqrt(d.reduce((a, di, i) => a + di * d.reduce((b, dj, j) => b + fx.cov[i]![j]! * dj, 0), 0));
    expectClose(teActual, te, { rtol: 1e-10 });
    const s = maxSharpe(fx.mu, fx.cov, { riskFreeRate: fx.riskFreeRate, maxVolatility: cap });
    expectClose(s.volatility, cap, { rtol: 1e-10 });
  });

  it('regressions: tiny problems and homogenised rows converge in few iterations', () => {
    const r = efficientReturn(
      [0.01, 0.02],
      [
        [0.04, 0],
        [0, 0.09],
      ],
      0.015,
    );
    expect(r.converged).toBe(true);
    expectClose(r.weights, [0.5, 0.5], { rtol: 1e-12 });
    const fx = loadFixture<Cases>('optimize/portfolio-sample.json');
    const groups = fx.cases.sectorConstrained.groups.map((g, k) => ({ name: fx.sectors![k]!, assets: g, max: 0.25 }));
    const s = maxSharpe(fx.mu, fx.cov, { riskFreeRate: fx.riskFreeRate, bounds: [0, 0.15], groups });
    expect(s.converged).toBe(true);
    expect(s.kktResidual).toBeLessThan(1e-8);
    expect(s.iterations).toBeLessThan(200);
    for (const g of groups) expect(g.assets.reduce((a, i) => a + s.weights[i]!, 0)).toBeLessThanOrEqual(0.25 + 1e-9);
  });

  it('regression: the maximum-return end (a degenerate vertex) is solved on the LP optimal face', () => {
    const cov = [
      [0.04, 0.01, 0],
      [0.01, 0.09, 0.02],
      [0, 0.02, 0.0625],
    ];
    const mu = [0.01, 0.03, 0.02];
    const e = efficientReturn(mu, cov, 0.03);
    expect(e.converged).toBe(true);
    expectClose(e.weights, [0, 1, 0], { atol: 1e-15 });
    const f = efficientFrontier(mu, cov, { points: 5 });
    expect(f.converged).toBe(true);
    expectClose(f.points[4]!.weights, [0, 1, 0], { atol: 1e-15 });
    expectClose(f.corners[f.corners.length - 1]!.weights, [0, 1, 0], { atol: 1e-15 });
  });

  it('accepts a rank-deficient PSD covariance (fewer periods than assets) but not an indefinite one', () => {
    // Σ = XᵀX / 2 from 3 periods of 5 assets: rank ≤ 3, PSD; the pivoted-Cholesky check must pass it
    const X = [
      [0.01, -0.02, 0.03, 0.0, 0.015],
      [-0.01, 0.01, 0.02, -0.03, 0.005],
      [0.02, 0.0, -0.01, 0.01, -0.02],
    ];
    const S = X[0]!.map((_, i) => X[0]!.map((__, j) => X.reduce((a, r) => a + r[i]! * r[j]!, 0) / 2));
    const r = minVariance(S);
    expect(r.converged).toBe(true);
    // a long-only zero-variance combination exists (the null space of X meets the simplex; scipy
    // SLSQP on the same problem reaches volatility 1.2e-10)
    expect(r.volatility).toBeLessThan(1e-8);
    // the same matrix with one covariance pushed past its Cauchy–Schwarz bound is indefinite
    const bad = S.map((row) => row.slice());
    bad[0]![1] = bad[1]![0] = 2 * Math.sqrt(S[0]![0]! * S[1]![1]!);
    expect(() => minVariance(bad)).toThrow(NotPositiveDefiniteError);
  });

  it('portfolioPerformance', () => {
    const p = portfolioPerformance(
      [0.5, 0.5],
      [0.01, 0.02],
      [
        [0.04, 0],
        [0, 0.04],
      ],
      { riskFreeRate: 0.005 },
    );
    expectClose(p.expectedReturn, 0.015);
    expectClose(p.variance, 0.02);
    expectClose(p.sharpeRatio, 0.01 / Math.sqrt(0.02));
    expect(
      portfolioPerformance(
        [0, 0],
        [0.01, 0.02],
        [
          [0.04, 0],
          [0, 0.04],
        ],
      ).sharpeRatio,
    ).toBeNull();
  });
});

describe('properties', () => {
  const fx = loadFixture<Cases>('optimize/portfolio-sample.json');
  const n = fx.n;
  const sectors = fx.cases.sectorConstrained.groups;

  it('results are feasible (bounds, budget, groups, turnover within 1e-9) with KKT residual < 1e-8', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 0.3, noNaN: true }),
        fc.double({ min: 0.15, max: 0.6, noNaN: true }),
        fc.double({ min: 0.05, max: 0.8, noNaN: true }),
        (hi, gmax, tmax) => {
          const groups = sectors.map((g, k) => ({ name: `g${k}`, assets: g, max: gmax }));
          const current = new Array(n).fill(1 / n);
          let r: ReturnType<typeof minVariance>;
          try {
            r = minVariance(fx.cov, { bounds: [0, hi], groups, turnover: { current, max: tmax } });
          } catch (e) {
            expect(e).toBeInstanceOf(InfeasibleError);
            return;
          }
          expect(r.kktResidual).toBeLessThan(1e-8);
          expect(Math.abs(r.weights.reduce((a, v) => a + v, 0) - 1)).toBeLessThan(1e-9);
          for (const v of r.weights) expect(v >= -1e-9 && v <= hi + 1e-9).toBe(true);
          for (const g of sectors) expect(g.reduce((a, i) => a + r.weights[i]!, 0)).toBeLessThanOrEqual(gmax + 1e-9);
          expect(r.weights.reduce((a, v, i) => a + Math.abs(v - current[i]), 0)).toBeLessThanOrEqual(tmax + 1e-9);
        },
      ),
      { seed: 42, numRuns: 25 },
    );
  });

  it('minVariance is never beaten by random feasible portfolios', () => {
    const best = minVariance(fx.cov, { bounds: [0, 0.15] });
    const variance = (w: number[]) => w.reduce((a, wi, i) => a + wi * w.reduce((b, wj, j) => b + fx.cov[i]![j]! * wj, 0), 0);
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }), (raw) => {
        // map to a feasible point: mix with the equal-weight portfolio (inside [0, 0.15])
        const s = raw.reduce((a, v) => a + v, 0) || 1;
        const w = raw.map((v) => 0.5 / n + 0.5 * Math.min(v / s, 0.15));
        const tot = w.reduce((a, v) => a + v, 0);
        const eq = w.map((v) => v + (1 - tot) / n);
        if (eq.some((v) => v < 0 || v > 0.15)) return;
        expect(variance(eq)).toBeGreaterThanOrEqual(best.volatility ** 2 * (1 - 1e-12));
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('maxSharpe is never beaten by random feasible portfolios', () => {
    const best = maxSharpe(fx.mu, fx.cov, { riskFreeRate: fx.riskFreeRate });
    const sharpe = (w: number[]) => {
      const ret = w.reduce((a, v, i) => a + v * fx.mu[i]!, 0);
      const v = w.reduce((a, wi, i) => a + wi * w.reduce((b, wj, j) => b + fx.cov[i]![j]! * wj, 0), 0);
      return (ret - fx.riskFreeRate) / Math.sqrt(v);
    };
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }), (raw) => {
        const s = raw.reduce((a, v) => a + v, 0);
        if (!(s > 0)) return;
        // a random long-only portfolio, and one mixed with the optimum
        const w = raw.map((v) => v / s);
        expect(sharpe(w)).toBeLessThanOrEqual(best.sharpeRatio! * (1 + 1e-12));
        const mix = w.map((v, i) => 0.1 * v + 0.9 * best.weights[i]!);
        expect(sharpe(mix)).toBeLessThanOrEqual(best.sharpeRatio! * (1 + 1e-12));
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('frontier returns and volatilities are monotone', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.08, max: 0.5, noNaN: true }), (hi) => {
        const f = efficientFrontier(fx.mu, fx.cov, { points: 8, bounds: [0, hi] });
        for (let k = 1; k < f.points.length; k++) {
          expect(f.points[k]!.expectedReturn).toBeGreaterThanOrEqual(f.points[k - 1]!.expectedReturn - 1e-15);
          expect(f.points[k]!.volatility).toBeGreaterThanOrEqual(f.points[k - 1]!.volatility - 1e-15);
        }
      }),
      { seed: 42, numRuns: 10 },
    );
  });
});

describe('errors', () => {
  const cov = [
    [0.04, 0.01],
    [0.01, 0.09],
  ];
  const mu = [0.01, 0.02];

  it('pre-checks name the conflicting constraints', () => {
    const err = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(InfeasibleError);
        return e as InfeasibleError;
      }
      return expect.fail('no error');
    };
    expect(err(() => minVariance(cov, { bounds: [0, 0.4] })).message).toMatch(/upper bounds sum to 0.8, less than the budget 1/);
    expect(err(() => minVariance(cov, { bounds: [0.6, 1] })).message).toMatch(/lower bounds sum to 1.2/);
    const three = [
      [0.04, 0, 0],
      [0, 0.04, 0],
      [0, 0, 0.04],
    ];
    const e = err(() =>
      minVariance(three, {
        groups: [
          { name: 'Tech', assets: [0], min: 0.6 },
          { name: 'Energy', assets: [1, 2], min: 0.5 },
        ],
      }),
    );
    expect(e.message).toContain("group 'Tech' minimum 0.6 plus group 'Energy' minimum 0.5 exceed the budget 1");
    expect(e.conflicts).toContain("group 'Tech' minimum 0.6");
    expect(err(() => minVariance(three, { bounds: [0.1, 1], groups: [{ name: 'A', assets: [0, 1], max: 0.15 }] })).message).toMatch(
      /group 'A' maximum 0.15 is below the sum of its assets' lower bounds 0.2/,
    );
    expect(err(() => minVariance(three, { bounds: [0, 0.4], groups: [{ name: 'A', assets: [0, 1], min: 0.9 }] })).message).toMatch(
      /group 'A' minimum 0.9 is above the sum of its assets' upper bounds 0.8/,
    );
  });

  it('the QP phase 1 catches the rest, in words', () => {
    const three = [
      [0.04, 0, 0],
      [0, 0.04, 0],
      [0, 0, 0.04],
    ];
    try {
      minVariance(three, {
        linear: [
          { coefficients: [1, -1, 0], lower: 0.5, name: 'spread' },
          { coefficients: [1, 0, 0], upper: 0.3 },
        ],
      });
      expect.fail('no error');
    } catch (e) {
      expect(e).toBeInstanceOf(InfeasibleError);
      const c = (e as InfeasibleError).conflicts;
      expect(c).toContain("linear constraint 'spread' ≥ 0.5");
      expect(c).toContain('linear constraint 1 ≤ 0.3');
    }
  });

  it('maxSharpe says when nothing beats the risk-free rate', () => {
    expect(() => maxSharpe(mu, cov, { riskFreeRate: 0.03 })).toThrow(
      /no portfolio allowed by the constraints has an expected return above the risk-free rate \(0.03\); the best achievable expected return is 0.02/,
    );
    expect(() => efficientReturn(mu, cov, 0.05)).toThrow(InfeasibleError);
    expect(() => efficientRisk(mu, cov, 0.01)).toThrow(/smallest volatility/);
  });

  it('bad arguments throw typed errors naming the argument', () => {
    const bad: Array<[() => unknown, typeof InvalidArgumentError | typeof DimensionError, RegExp]> = [
      [
        () =>
          minVariance([
            [1, 2],
            [3, 4],
          ]),
        InvalidArgumentError,
        /`cov`/,
      ],
      [
        () =>
          minVariance(
            [
              [0.04, 0],
              [0, 0.01],
            ],
            { bounds: [0.5, 0.1] },
          ),
        InvalidArgumentError,
        /`bounds`/,
      ],
      [
        () =>
          minVariance(
            [
              [0.04, 0],
              [0, 0.01],
            ],
            { bounds: [[0, 1]] },
          ),
        DimensionError,
        /`bounds`/,
      ],
      [
        () =>
          minVariance(
            [
              [0.04, 0],
              [0, 0.01],
            ],
            { budget: Number.NaN },
          ),
        InvalidArgumentError,
        /`budget`/,
      ],
      [
        () =>
          minVariance(
            [
              [0.04, 0],
              [0, 0.01],
            ],
            { groups: [{ name: 'g', assets: [5], max: 1 }] },
          ),
        InvalidArgumentError,
        /groups\[0\]\.assets/,
      ],
      [
        () =>
          minVariance(
            [
              [0.04, 0],
              [0, 0.01],
            ],
            { groups: [{ name: 'g', assets: ['x'], max: 1 }] },
          ),
        InvalidArgumentError,
        /no `assets` names/,
      ],
      [
        () =>
          minVariance(
            [
              [0.04, 0],
              [0, 0.01],
            ],
            { turnover: { current: [1], max: 0.1 } },
          ),
        DimensionError,
        /turnover.current/,
      ],
      [
        () =>
          minVariance(
            [
              [0.04, 0],
              [0, 0.01],
            ],
            { l2: -1 },
          ),
        InvalidArgumentError,
        /`l2`/,
      ],
      [
        () =>
          minVariance(
            [
              [0.04, 0],
              [0, 0.01],
            ],
            { bogus: 1 } as never,
          ),
        InvalidArgumentError,
        /unknown option `bogus`/,
      ],
      [
        () =>
          maxSharpe(
            [0.1],
            [
              [0.04, 0],
              [0, 0.01],
            ],
          ),
        DimensionError,
        /`mu`/,
      ],
      [
        () =>
          maxSharpe(
            [0.1, 0.2],
            [
              [0.04, 0],
              [0, 0.01],
            ],
            { turnover: { current: [0.5, 0.5], max: 0.1 } },
          ),
        InvalidArgumentError,
        /`turnover`/,
      ],
      [
        () =>
          efficientReturn(
            [0.1, 0.2],
            [
              [0.04, 0],
              [0, 0.01],
            ],
            Number.POSITIVE_INFINITY,
          ),
        InvalidArgumentError,
        /`targetReturn`/,
      ],
      [
        () =>
          efficientRisk(
            [0.1, 0.2],
            [
              [0.04, 0],
              [0, 0.01],
            ],
            -1,
          ),
        InvalidArgumentError,
        /`targetVolatility`/,
      ],
      [
        () =>
          maxQuadraticUtility(
            [0.1, 0.2],
            [
              [0.04, 0],
              [0, 0.01],
            ],
            { riskAversion: 0 },
          ),
        InvalidArgumentError,
        /`riskAversion`/,
      ],
      [
        () =>
          efficientFrontier(
            [0.1, 0.2],
            [
              [0.04, 0],
              [0, 0.01],
            ],
            { points: 1 },
          ),
        InvalidArgumentError,
        /`points`/,
      ],
      [
        () =>
          portfolioPerformance(
            [1],
            [0.1, 0.2],
            [
              [0.04, 0],
              [0, 0.01],
            ],
          ),
        DimensionError,
        /`weights`/,
      ],
      // wᵀΣw = 0.25 + 0.25 − 2·0.5·0.5·2 = −0.5 (indefinite Σ): was reported as volatility 0
      [
        () =>
          portfolioPerformance(
            [0.5, 0.5],
            [0.1, 0.1],
            [
              [1, -2],
              [-2, 1],
            ],
          ),
        NotPositiveDefiniteError,
        /`cov` must be positive semidefinite/,
      ],
      // Σ = [[1, 2, 0], [2, 1, 0], [0, 0, 1]] has eigenvalue −1; every optimiser used to return a
      // "converged" long-only answer for it (only a negative curvature met by the solver was caught)
      [
        () =>
          minVariance([
            [1, 2, 0],
            [2, 1, 0],
            [0, 0, 1],
          ]),
        NotPositiveDefiniteError,
        /minVariance: `cov` must be positive semidefinite/,
      ],
      [
        () =>
          maxSharpe(
            [0.05, 0.08, 0.07],
            [
              [1, 2, 0],
              [2, 1, 0],
              [0, 0, 1],
            ],
          ),
        NotPositiveDefiniteError,
        /maxSharpe: `cov`/,
      ],
      [
        () =>
          efficientRisk(
            [0.05, 0.08, 0.07],
            [
              [1, 2, 0],
              [2, 1, 0],
              [0, 0, 1],
            ],
            0.8,
          ),
        NotPositiveDefiniteError,
        /efficientRisk: `cov`/,
      ],
      [
        () =>
          efficientReturn(
            [0.05, 0.08, 0.07],
            [
              [1, 2, 0],
              [2, 1, 0],
              [0, 0, 1],
            ],
            0.06,
          ),
        NotPositiveDefiniteError,
        /efficientReturn: `cov`/,
      ],
      [
        () =>
          maxQuadraticUtility(
            [0.05, 0.08, 0.07],
            [
              [1, 2, 0],
              [2, 1, 0],
              [0, 0, 1],
            ],
          ),
        NotPositiveDefiniteError,
        /maxQuadraticUtility: `cov`/,
      ],
      // overflow: a variance of 1e300 used to end in a misleading InfeasibleError, weights of 1e200 in volatility Infinity (null in JSON)
      [
        () =>
          minVariance([
            [1e300, 0],
            [0, 1e300],
          ]),
        InvalidArgumentError,
        /overflows/,
      ],
      [
        () =>
          portfolioPerformance(
            [1e200, 1],
            [0.1, 0.1],
            [
              [1, 0],
              [0, 1],
            ],
          ),
        InvalidArgumentError,
        /overflowed/,
      ],
      // zero diagonal with a non-zero covariance: [[0, 0.1], [0.1, 1]] has a negative eigenvalue
      [
        () =>
          minVariance([
            [0, 0.1],
            [0.1, 1],
          ]),
        NotPositiveDefiniteError,
        /minVariance: `cov`/,
      ],
    ];
    for (const [f, cls, re] of bad) {
      let thrown: unknown;
      try {
        f();
      } catch (e) {
        thrown = e;
      }
      expect(thrown, String(re)).toBeInstanceOf(cls);
      expect((thrown as Error).message).toMatch(re);
    }
  });
});
