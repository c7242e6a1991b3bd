/**
 * componentRisk / incrementalVaR against numpy / scipy references (scripts/fixtures/risk/risk.py):
 * Gaussian closed forms, Cornish–Fisher gradients by complex-step differentiation, historical
 * tail conditional means and the Gaussian-kernel estimator; and Hull's two-asset example.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { componentRisk, expectedShortfall, incrementalVaR, valueAtRisk } from '../../src/risk/index.ts';
import { DimensionError, InsufficientDataError, InvalidArgumentError, NotPositiveDefiniteError } from '../../src/core/errors.ts';
import { deepFreeze, expectClose, loadFixture, loadSampleData } from '../helpers.ts';

const fx = loadFixture('risk/risk.json');

function sampleReturns(): number[][] {
  const P = loadSampleData().prices as number[][];
  return P.slice(1).map((row, t) => row.map((v, j) => v / P[t]![j]! - 1));
}

function covOf(R: number[][]): number[][] {
  const T = R.length;
  const n = R[0]!.length;
  const mu = Array.from({ length: n }, (_, j) => R.reduce((s, r) => s + r[j]!, 0) / T);
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => R.reduce((s, r) => s + (r[i]! - mu[i]!) * (r[j]! - mu[j]!), 0) / (T - 1)));
}

const sumOf = (a: number[]) => a.reduce((s, v) => s + v, 0);

for (const name of ['synthetic', 'sample'] as const) {
  const set = name === 'synthetic' ? fx.synthetic : fx.sample;
  const R: number[][] = name === 'synthetic' ? fx.synthetic.returns : sampleReturns();
  const w: number[] = set.weights;
  const ref = set.components;
  describe(`component risk on the ${name} set`, () => {
    it('volatility: marginal and component contributions match numpy', () => {
      const r = componentRisk(w, R);
      expectClose(r.total, ref.volatility.total, { rtol: 1e-12 });
      expectClose(r.marginal, ref.volatility.marginal, { rtol: 1e-10, atol: 1e-14 });
      expectClose(r.component, ref.volatility.component, { rtol: 1e-10, atol: 1e-15 });
      expectClose(sumOf(r.component), r.total, { rtol: 1e-13 });
      const viaCov = componentRisk(w, covOf(R));
      expectClose(viaCov.total, ref.volatility.total, { rtol: 1e-12 });
    });
    for (const c of ['0.95', '0.99']) {
      const e = ref.byConfidence[c];
      const confidence = Number(c);
      it(`Gaussian VaR / ES contributions @${c} (covariance and returns inputs)`, () => {
        const a = componentRisk(w, covOf(R), { measure: 'var', confidence });
        expectClose(a.total, e.gaussianVarCov.total, { rtol: 1e-11 });
        expectClose(a.marginal, e.gaussianVarCov.marginal, { rtol: 1e-10, atol: 1e-14 });
        const b = componentRisk(w, R, { measure: 'var', confidence });
        expectClose(b.total, e.gaussianVarReturns.total, { rtol: 1e-12 });
        expectClose(b.marginal, e.gaussianVarReturns.marginal, { rtol: 1e-10, atol: 1e-14 });
        const es = componentRisk(w, R, { measure: 'es', confidence });
        expectClose(es.total, e.gaussianEsReturns.total, { rtol: 1e-12 });
        expectClose(es.marginal, e.gaussianEsReturns.marginal, { rtol: 1e-10, atol: 1e-14 });
        // consistent with valueAtRisk's Gaussian method on the portfolio series
        expectClose(b.total, valueAtRisk(R, { weights: w, method: 'gaussian', confidence }).var, { rtol: 1e-12 });
        for (const x of [a, b, es]) expectClose(sumOf(x.component), x.total, { rtol: 1e-12 });
      });
      it(`Cornish–Fisher VaR / ES gradients @${c} match complex-step differentiation`, () => {
        const v = componentRisk(w, R, { measure: 'var', method: 'cornish-fisher', confidence, outsideDomain: 'flag' });
        expectClose(v.total, e.cornishFisherVar.total, { rtol: 1e-12 });
        expectClose(v.marginal, e.cornishFisherVar.marginal, { rtol: 1e-9, atol: 1e-13 });
        expectClose(sumOf(v.component), v.total, { rtol: 1e-11 });
        const s = componentRisk(w, R, { measure: 'es', method: 'cornish-fisher', confidence, outsideDomain: 'flag' });
        expectClose(s.total, e.cornishFisherEs.total, { rtol: 1e-11 });
        expectClose(s.marginal, e.cornishFisherEs.marginal, { rtol: 1e-9, atol: 1e-13 });
        expectClose(sumOf(s.component), s.total, { rtol: 1e-11 });
        const direct = expectedShortfall(R, { weights: w, method: 'cornish-fisher', confidence, outsideDomain: 'flag' });
        expectClose([v.total, s.total], [direct.var, direct.es], { rtol: 1e-12 });
      });
      it(`historical ES (tail means) and VaR (kernel) contributions @${c}`, () => {
        const s = componentRisk(w, R, { measure: 'es', method: 'historical', confidence });
        expectClose(s.total, e.historicalEs.total, { rtol: 1e-12 });
        expectClose(s.marginal, e.historicalEs.marginal, { rtol: 1e-11, atol: 1e-15 });
        expectClose(sumOf(s.component), s.total, { rtol: 1e-12 });
        const v = componentRisk(w, R, { measure: 'var', method: 'historical', confidence });
        expectClose(v.total, e.historicalVar.total, { rtol: 1e-12 });
        expectClose(v.bandwidth!, e.historicalVar.bandwidth, { rtol: 1e-12 });
        expectClose(v.marginal, e.historicalVar.marginal, { rtol: 1e-10, atol: 1e-14 });
        expectClose(v.component, e.historicalVar.component, { rtol: 1e-10, atol: 1e-15 });
        expectClose(sumOf(v.component), v.total, { rtol: 1e-12 });
      });
    }
  });
}

describe("Hull's two-asset parametric VaR", () => {
  // Hull, Risk Management and Financial Institutions (3rd ed., ch. 15 slides, "Portfolio", p. 325):
  // $10M in Microsoft (daily σ 2%), $5M in AT&T (daily σ 1%), correlation 0.3. One-day σ of the
  // portfolio = $220,227; 10-day 99% VaR with z = 2.33: 220,227 × √10 × 2.33 = $1,622,657; the
  // stand-alone VaRs are $1,473,621 and $368,405.
  const cov = [
    [0.02 * 0.02, 0.3 * 0.02 * 0.01],
    [0.3 * 0.02 * 0.01, 0.01 * 0.01],
  ];
  const w = [10e6, 5e6];
  it('portfolio one-day σ is $220,227', () => {
    expect(Math.round(componentRisk(w, cov).total)).toBe(220227);
  });
  it('10-day VaR with Hull’s rounded z = 2.33 reproduces $1,622,657 and the stand-alone VaRs', () => {
    const zExact = 2.3263478740408408;
    const var99 = componentRisk(w, cov, { measure: 'var', confidence: 0.99 }).total;
    expect(Math.round((var99 / zExact) * 2.33 * Math.sqrt(10))).toBe(1622657);
    const msft = componentRisk([10e6], [[0.0004]], { measure: 'var', confidence: 0.99 }).total;
    const att = componentRisk([5e6], [[0.0001]], { measure: 'var', confidence: 0.99 }).total;
    expect(Math.round((msft / zExact) * 2.33 * Math.sqrt(10))).toBe(1473621);
    expect(Math.round((att / zExact) * 2.33 * Math.sqrt(10))).toBe(368405);
  });
  it('incremental VaR of the AT&T position is exact (full revaluation) and the marginal estimate is its first-order approximation', () => {
    const inc = incrementalVaR([10e6, 0], cov, [0, 5e6], { confidence: 0.99 });
    const full = componentRisk(w, cov, { measure: 'var', confidence: 0.99 }).total;
    const alone = componentRisk([10e6, 0], cov, { measure: 'var', confidence: 0.99 }).total;
    expectClose(inc.incremental, full - alone, { rtol: 1e-12 });
    // first order: Δw · ∇VaR at [10M, 0] = 5M × z ρ σ1 σ2 = 5e6 × 2.3263 × 0.3 × 0.01 (= 34,895)
    expectClose(inc.marginalEstimate, 5e6 * 2.3263478740408408 * 0.3 * 0.01, { rtol: 1e-12 });
  });
});

describe('properties', () => {
  it('components sum to the total for random portfolios (every measure and method)', () => {
    const R: number[][] = fx.synthetic.returns.slice(0, 400).map((r: number[]) => r.slice(0, 8));
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1, max: 2, noNaN: true }), { minLength: 8, maxLength: 8 }).filter((a) => a.some((v) => Math.abs(v) > 0.1)),
        fc.constantFrom(0.95, 0.99),
        (w, c) => {
          for (const [measure, method] of [
            ['volatility', 'gaussian'],
            ['var', 'gaussian'],
            ['es', 'gaussian'],
            ['var', 'historical'],
            ['es', 'historical'],
            ['var', 'cornish-fisher'],
            ['es', 'cornish-fisher'],
          ] as const) {
            const r = componentRisk(w, R, { measure, method, confidence: c, outsideDomain: 'flag' });
            expect(Math.abs(sumOf(r.component) - r.total)).toBeLessThanOrEqual(1e-11 * Math.max(1, Math.abs(r.total)));
            expect(Math.abs(sumOf(r.percentage) - 1)).toBeLessThanOrEqual(1e-9);
          }
        },
      ),
      { seed: 42, numRuns: 40 },
    );
  });
});

describe('an indefinite covariance', () => {
  it('is refused by componentRisk and incrementalVaR even when wᵀΣw > 0', () => {
    // pairwise correlations within [−1, 1], eigenvalues 1.9, 1.9 and −0.8 (numpy eigvalsh): not a covariance
    const bad = [
      [1, 0.9, 0.9],
      [0.9, 1, -0.9],
      [0.9, -0.9, 1],
    ];
    expect(() => componentRisk([0.4, 0.3, 0.3], bad)).toThrow(NotPositiveDefiniteError);
    expect(() => incrementalVaR([0.4, 0.3, 0.3], bad, [0.1, 0, 0])).toThrow(/must be positive semidefinite/);
  });
});

describe('options', () => {
  const R: number[][] = fx.synthetic.returns.slice(0, 500).map((r: number[]) => r.slice(0, 4));
  const w = [0.4, 0.3, 0.2, 0.1];
  it('`mu` with a covariance input shifts Gaussian VaR by −wᵀμ and each marginal by −μ_i', () => {
    const cov = covOf(R);
    const mu = [0.001, -0.002, 0.0005, 0];
    const a = componentRisk(w, cov, { measure: 'var', confidence: 0.99 });
    const b = componentRisk(w, cov, { measure: 'var', confidence: 0.99, mu });
    expectClose(b.total, a.total - (0.4 * 0.001 - 0.3 * 0.002 + 0.2 * 0.0005), { rtol: 1e-13 });
    expectClose(
      b.marginal,
      a.marginal.map((m, i) => m - mu[i]!),
      { rtol: 1e-13 },
    );
  });
  it('`input` overrides the covariance / returns detection', () => {
    const sq = R.slice(0, 4); // 4 x 4, not symmetric: detected as returns anyway
    const a = componentRisk(w, sq);
    const b = componentRisk(w, sq, { input: 'returns' });
    expect(a).toEqual(b);
    expect(() => componentRisk(w, sq, { input: 'covariance' })).toThrow(/symmetric/);
  });
  it('accepts an ml-matrix-like object (to2DArray)', () => {
    const a = componentRisk(w, { to2DArray: () => R });
    expect(a).toEqual(componentRisk(w, R));
  });
  it('incrementalVaR agrees with componentRisk totals for every method', () => {
    const change = [-0.1, 0, 0.1, 0];
    for (const method of ['gaussian', 'historical', 'cornish-fisher'] as const) {
      for (const measure of ['var', 'es'] as const) {
        const inc = incrementalVaR(w, R, change, { method, measure, confidence: 0.95, outsideDomain: 'flag' });
        const before = componentRisk(w, R, { method, measure, confidence: 0.95, outsideDomain: 'flag' }).total;
        const after = componentRisk(
          w.map((x, i) => x + change[i]!),
          R,
          { method, measure, confidence: 0.95, outsideDomain: 'flag' },
        ).total;
        expect(inc.before).toBe(before);
        expect(inc.after).toBe(after);
        expectClose(inc.incremental, after - before, { rtol: 1e-15, atol: 1e-18 });
      }
    }
  });
});

describe('labels, immutability and errors', () => {
  it('byAsset records with labels (including awkward names)', () => {
    const r = componentRisk(
      [0.5, 0.5],
      [
        [0.04, 0.006],
        [0.006, 0.01],
      ],
      { assets: ['__proto__', 'constructor'] },
    );
    expect(Object.keys(r.byAsset!)).toEqual(['__proto__', 'constructor']);
    expect(r.byAsset!['__proto__']!.component).toBe(r.component[0]);
  });
  it('does not mutate inputs', () => {
    const R = deepFreeze(fx.synthetic.returns.slice(0, 300).map((r: number[]) => r.slice(0, 5)));
    const w = deepFreeze([0.2, 0.2, 0.2, 0.2, 0.2]);
    componentRisk(w, R, { measure: 'es', method: 'cornish-fisher', outsideDomain: 'flag' });
    componentRisk(w, R, { measure: 'var', method: 'historical' });
  });
  const cov = [
    [0.04, 0.006],
    [0.006, 0.01],
  ];
  const cases: Array<[string, () => unknown, new (...a: any[]) => Error, RegExp]> = [
    ['mismatched weights', () => componentRisk([1, 2, 3], cov), DimensionError, /`weights`/],
    ['historical on a covariance', () => componentRisk([0.5, 0.5], cov, { measure: 'var', method: 'historical' }), InvalidArgumentError, /needs asset returns/],
    ['confidence outside (0, 1)', () => componentRisk([0.5, 0.5], cov, { measure: 'var', confidence: 1.5 }), InvalidArgumentError, /`confidence`/],
    ['zero portfolio', () => componentRisk([0, 0], cov), InvalidArgumentError, /variance/],
    ['unknown measure', () => componentRisk([0.5, 0.5], cov, { measure: 'beta' as never }), InvalidArgumentError, /`measure`/],
    [
      'too few rows for the tail',
      () =>
        componentRisk(
          [0.5, 0.5],
          [
            [0.01, 0.02],
            [0.03, -0.01],
            [-0.02, 0.01],
          ],
          { measure: 'es', method: 'historical' },
        ),
      InsufficientDataError,
      /at least 20/,
    ],
    ['labels of the wrong length', () => componentRisk([0.5, 0.5], cov, { assets: ['A'] }), DimensionError, /`assets`/],
    ['duplicate labels (byAsset would drop one)', () => componentRisk([0.5, 0.5], cov, { assets: ['A', 'A'] }), InvalidArgumentError, /`assets`.*unique/],
    ['labels as a string', () => componentRisk([0.5, 0.5], cov, { assets: 'AB' as never }), InvalidArgumentError, /`assets`/],
    ['change of the wrong length', () => incrementalVaR([0.5, 0.5], cov, [1]), DimensionError, /`change`/],
    // wᵀΣw = 1e400 overflows: the total used to be Infinity (null in JSON)
    [
      'overflowing weights',
      () =>
        componentRisk(
          [1e200, 1],
          [
            [1, 0],
            [0, 1],
          ],
        ),
      InvalidArgumentError,
      /overflowed/,
    ],
    ['overflowing change', () => incrementalVaR([0.5, 0.5], cov, [1e200, 0]), InvalidArgumentError, /overflowed/],
  ];
  for (const [label, f, cls, msg] of cases) {
    it(label, () => {
      expect(f).toThrow(cls);
      expect(f).toThrow(msg);
    });
  }
});
