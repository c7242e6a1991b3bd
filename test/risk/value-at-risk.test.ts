/**
 * valueAtRisk / expectedShortfall against numpy / scipy references
 * (scripts/fixtures/risk/risk.py -> test/fixtures/risk/risk.json), on a synthetic 50-asset
 * factor model with fat tails (T = 1000) and on the sample data (30 assets, equal weights).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { expectedShortfall, valueAtRisk, type VaRMethod } from '../../src/risk/index.ts';
import { DimensionError, InsufficientDataError, InvalidArgumentError } from '../../src/core/errors.ts';
import { Matrix } from '../../src/core/matrix.ts';
import { deepFreeze, expectClose, loadFixture, loadSampleData } from '../helpers.ts';

const fx = loadFixture('risk/risk.json');
const QM = ['linear', 'lower', 'higher', 'nearest', 'midpoint'] as const;

/** Simple returns of examples/data/sample-prices.json, as the generator computes them. */
function sampleReturns(): number[][] {
  const P = loadSampleData().prices as number[][];
  return P.slice(1).map((row, t) => row.map((v, j) => v / P[t]![j]! - 1));
}

function portfolio(R: number[][], w: number[]): number[] {
  return R.map((row) => row.reduce((s, v, j) => s + v * w[j]!, 0));
}

for (const name of ['synthetic', 'sample'] as const) {
  const set = name === 'synthetic' ? fx.synthetic : fx.sample;
  const R: number[][] = name === 'synthetic' ? fx.synthetic.returns : sampleReturns();
  const ref = set.portfolio;
  describe(`VaR / ES on the ${name} set`, () => {
    it('historical VaR and ES match numpy.quantile for every rule and confidence', () => {
      for (const c of ref.cases) {
        for (const m of QM) {
          const e = c.historical[m];
          const r = expectedShortfall(R, { weights: set.weights, confidence: c.confidence, quantileMethod: m });
          expectClose(r.var, e.var, { rtol: 1e-12, label: `${m} var @${c.confidence}` });
          expectClose(r.es, e.es, { rtol: 1e-12, label: `${m} es @${c.confidence}` });
          expect(r.tailCount).toBe(e.tailCount);
          expect(r.tailProbability).toBe(c.p);
        }
      }
    });
    it('Gaussian, Student-t, Cornish–Fisher and EWMA VaR / ES match the formulas in scipy', () => {
      for (const c of ref.cases) {
        const g = expectedShortfall(R, { weights: set.weights, confidence: c.confidence, method: 'gaussian' });
        expectClose([g.var, g.es], [c.gaussian.var, c.gaussian.es], { rtol: 1e-12, label: `gaussian @${c.confidence}` });
        const t = expectedShortfall(R, { weights: set.weights, confidence: c.confidence, method: 'student-t' });
        expectClose([t.var, t.es, t.degreesOfFreedom!], [c.studentT.var, c.studentT.es, c.studentT.nu], { rtol: 1e-12, label: `student-t @${c.confidence}` });
        const tm = expectedShortfall(R, { weights: set.weights, confidence: c.confidence, method: 'student-t', degreesOfFreedomFit: 'mle' });
        // ν from two different 1-D optimisers (golden section vs scipy's bounded Brent) on a flat optimum
        expectClose(tm.degreesOfFreedom!, c.studentTMle.nu, { rtol: 1e-6, label: `mle ν @${c.confidence}` });
        expectClose([tm.var, tm.es], [c.studentTMle.var, c.studentTMle.es], { rtol: 1e-7, label: `student-t mle @${c.confidence}` });
        expectClose(tm.fit!.logLikelihood!, c.studentTMle.logLikelihood, { rtol: 1e-12, label: 'max log-likelihood' });
        expect(tm.fit!.converged).toBe(true);
        expect(tm.fit!.atBound).toBe(false);
        const cf = expectedShortfall(R, { weights: set.weights, confidence: c.confidence, method: 'cornish-fisher', outsideDomain: 'flag' });
        expectClose([cf.var, cf.z!], [c.cornishFisher.var, c.cornishFisher.z], { rtol: 1e-12, label: `cf var @${c.confidence}` });
        expectClose(cf.es, c.cornishFisher.es, { rtol: 1e-10, label: `cf es @${c.confidence} (quad)` });
        const ew = expectedShortfall(R, { weights: set.weights, confidence: c.confidence, method: 'ewma' });
        expectClose([ew.var, ew.es, ew.volatility!], [c.ewma.var, c.ewma.es, c.ewma.volatility], { rtol: 1e-11, label: `ewma @${c.confidence}` });
      }
    });
    it('ten-period horizon scaling of the parametric methods', () => {
      const h = ref.horizon;
      const g = expectedShortfall(R, { weights: set.weights, confidence: h.confidence, method: 'gaussian', horizon: h.horizon });
      expectClose([g.var, g.es], [h.gaussian.var, h.gaussian.es], { rtol: 1e-12 });
      const cf = expectedShortfall(R, { weights: set.weights, confidence: h.confidence, method: 'cornish-fisher', horizon: h.horizon, outsideDomain: 'flag' });
      expectClose(cf.var, h.cornishFisher.var, { rtol: 1e-12 });
      expectClose(cf.es, h.cornishFisher.es, { rtol: 1e-10 });
    });
    it('a precomputed portfolio series gives the same numbers as returns + weights', () => {
      const r = portfolio(R, set.weights);
      const a = valueAtRisk(r, { method: 'gaussian', confidence: 0.99 });
      const b = valueAtRisk(R, { weights: set.weights, method: 'gaussian', confidence: 0.99 });
      expectClose(a.var, b.var, { rtol: 1e-13 });
    });
  });
}

describe('Cornish–Fisher validity domain (Maillard 2012)', () => {
  it('the synthetic set (S ≈ −1.17, K ≈ 13.1) is outside the domain: throws by default, flags on request', () => {
    expect(() => valueAtRisk(fx.synthetic.returns, { weights: fx.synthetic.weights, method: 'cornish-fisher' })).toThrow(/Maillard/);
    const r = valueAtRisk(fx.synthetic.returns, { weights: fx.synthetic.weights, method: 'cornish-fisher', outsideDomain: 'flag' });
    expect(r.valid).toBe(false);
    expect(r.reason).toMatch(/monotone/);
  });
  it('the sample set (S ≈ −0.07, K ≈ 3.8) is inside: valid, no reason', () => {
    const r = valueAtRisk(sampleReturns(), { weights: fx.sample.weights, method: 'cornish-fisher' });
    expect(r.valid).toBe(true);
    expect(r.reason).toBeUndefined();
  });
  it('modified ES is floored at modified VaR where the Edgeworth tail mean falls below it (PortfolioAnalytics mES.MM)', () => {
    const e99 = expectedShortfall(sampleReturns(), { weights: fx.sample.weights, method: 'cornish-fisher', confidence: 0.99 });
    expect(e99.esFlooredAtVaR).toBe(true);
    expect(e99.es).toBe(e99.var);
    const e95 = expectedShortfall(sampleReturns(), { weights: fx.sample.weights, method: 'cornish-fisher', confidence: 0.95 });
    expect(e95.esFlooredAtVaR).toBeUndefined();
    expect(e95.es).toBeGreaterThan(e95.var);
  });
});

describe('conventions', () => {
  it('the tail probability of 0.95 is exactly 0.05 (1 − 0.95 is 0.050000000000000044 in binary)', () => {
    const r = Array.from({ length: 101 }, (_, i) => i / 100 - 0.5);
    // (n − 1) p = 100 × 0.05 = 5 exactly: the 6th smallest value, no interpolation.
    const v = valueAtRisk(r, { confidence: 0.95 });
    expect(v.tailProbability).toBe(0.05);
    expect(v.var).toBe(0.45);
    expect(valueAtRisk(r, { confidence: 0.95, quantileMethod: 'higher' }).var).toBe(0.45);
  });
  it('does not mutate its inputs', () => {
    const R = deepFreeze(fx.synthetic.returns.slice(0, 200).map((row: number[]) => row.slice()));
    const w = deepFreeze(fx.synthetic.weights.slice());
    const before = JSON.stringify(R);
    for (const method of ['historical', 'gaussian', 'student-t', 'ewma'] as VaRMethod[]) expectedShortfall(R, { weights: w, method });
    expect(JSON.stringify(R)).toBe(before);
  });
  it('accepts a Matrix and typed arrays', () => {
    const R = fx.synthetic.returns.slice(0, 300) as number[][];
    const a = valueAtRisk(Matrix.from(R), { weights: Float64Array.from(fx.synthetic.weights) });
    const b = valueAtRisk(R, { weights: fx.synthetic.weights });
    expect(a.var).toBe(b.var);
  });
  it('results are JSON-safe', () => {
    const r = expectedShortfall(portfolio(fx.synthetic.returns, fx.synthetic.weights), { method: 'cornish-fisher', outsideDomain: 'flag' });
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });
});

describe('properties', () => {
  const series = fc.array(fc.double({ min: -0.2, max: 0.2, noNaN: true }), { minLength: 100, maxLength: 300 }).filter((a) => new Set(a).size > 10);
  it('ES ≥ VaR (historical, Gaussian, Student-t with ν given, Cornish–Fisher, EWMA)', () => {
    fc.assert(
      fc.property(series, fc.constantFrom(0.9, 0.95, 0.975, 0.99), (r, c) => {
        for (const method of ['historical', 'gaussian', 'ewma'] as VaRMethod[]) {
          const e = expectedShortfall(r, { method, confidence: c });
          expect(e.es).toBeGreaterThanOrEqual(e.var - 1e-15);
        }
        const t = expectedShortfall(r, { method: 'student-t', confidence: c, degreesOfFreedom: 5 });
        expect(t.es).toBeGreaterThanOrEqual(t.var);
        const cf = expectedShortfall(r, { method: 'cornish-fisher', confidence: c, outsideDomain: 'flag' });
        expect(cf.es).toBeGreaterThanOrEqual(cf.var);
      }),
      { seed: 42, numRuns: 100 },
    );
  });
  it('selection gives exactly the sorted-array definition, ties included (every quantile rule)', () => {
    const tied = fc.array(fc.integer({ min: -8, max: 8 }), { minLength: 20, maxLength: 120 }).filter((a) => new Set(a).size > 1);
    fc.assert(
      fc.property(tied, fc.constantFrom(0.9, 0.95), fc.constantFrom(...QM), (ints, c, m) => {
        const r = ints.map((v) => v / 100);
        const s = [...r].sort((a, b) => a - b);
        const p = Number((1 - c).toPrecision(15));
        const h = (s.length - 1) * p;
        const lo = Math.floor(h);
        const A = s[lo]!;
        const B = s[Math.min(lo + 1, s.length - 1)]!;
        const f = h - lo;
        const q =
          m === 'lower'
            ? A
            : m === 'higher'
              ? f > 0
                ? B
                : A
              : m === 'nearest'
                ? f > 0.5
                  ? B
                  : f < 0.5
                    ? A
                    : lo % 2 === 0
                      ? A
                      : B
                : m === 'midpoint'
                  ? f > 0
                    ? (A + B) / 2
                    : A
                  : f === 0
                    ? A
                    : A + (B - A) * f;
        const tail = s.filter((v) => v <= q);
        const e = expectedShortfall(r, { confidence: c, quantileMethod: m });
        expect(e.var).toBe(-q);
        expect(e.tailCount).toBe(tail.length);
        expect(Math.abs(e.es + tail.reduce((a, b) => a + b, 0) / tail.length)).toBeLessThanOrEqual(1e-15);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
  it('VaR and ES are monotone in the confidence level', () => {
    fc.assert(
      fc.property(series, (r) => {
        for (const method of ['historical', 'gaussian', 'ewma'] as VaRMethod[]) {
          let prev = -Infinity;
          let prevEs = -Infinity;
          for (const c of [0.9, 0.95, 0.975, 0.99]) {
            const e = expectedShortfall(r, { method, confidence: c });
            expect(e.var).toBeGreaterThanOrEqual(prev);
            expect(e.es).toBeGreaterThanOrEqual(prevEs - 1e-15);
            prev = e.var;
            prevEs = e.es;
          }
        }
      }),
      { seed: 42, numRuns: 100 },
    );
  });
});

describe('typed errors', () => {
  const r = Array.from({ length: 50 }, (_, i) => Math.sin(i) / 100);
  const cases: Array<[string, () => unknown, new (...a: any[]) => Error, RegExp]> = [
    ['empty series', () => valueAtRisk([]), InsufficientDataError, /returns/],
    ['constant series', () => valueAtRisk(new Array(100).fill(0.01), { method: 'gaussian' }), InvalidArgumentError, /constant/],
    ['constant series (historical)', () => valueAtRisk(new Array(100).fill(0.01)), InvalidArgumentError, /constant/],
    ['confidence 1', () => valueAtRisk(r, { confidence: 1 }), InvalidArgumentError, /`confidence`/],
    ['confidence 0', () => valueAtRisk(r, { confidence: 0 }), InvalidArgumentError, /`confidence`/],
    ['confidence NaN', () => valueAtRisk(r, { confidence: Number.NaN }), InvalidArgumentError, /`confidence`/],
    [
      'mismatched weights',
      () =>
        valueAtRisk(
          [
            [0.01, 0.02],
            [0.03, -0.01],
          ],
          { weights: [1, 2, 3] },
        ),
      DimensionError,
      /`weights`/,
    ],
    ['weights on a series', () => valueAtRisk(r, { weights: [1] }), DimensionError, /`weights`/],
    ['too few for the tail', () => valueAtRisk(r, { confidence: 0.99 }), InsufficientDataError, /at least 100/],
    ['unknown option', () => valueAtRisk(r, { confidense: 0.9 } as never), InvalidArgumentError, /confidense/],
    ['unknown method', () => valueAtRisk(r, { method: 'monte-carlo' as never }), InvalidArgumentError, /`method`/],
    ['NaN return', () => valueAtRisk([...r, Number.NaN]), InvalidArgumentError, /`returns`/],
    ['horizon for historical', () => valueAtRisk(r, { horizon: 10 }), InvalidArgumentError, /`horizon`/],
    [
      'student-t without excess kurtosis',
      () =>
        valueAtRisk(
          [-1, 1, -1, 1, -1, 1].map((v) => v / 100),
          { method: 'student-t' },
        ),
      InvalidArgumentError,
      /degreesOfFreedom/,
    ],
    ['student-t with ν ≤ 2', () => valueAtRisk(r, { method: 'student-t', degreesOfFreedom: 2 }), InvalidArgumentError, /`degreesOfFreedom`/],
    ['lambda outside (0, 1)', () => valueAtRisk(r, { method: 'ewma', lambda: 1 }), InvalidArgumentError, /`lambda`/],
    // (1e200)² overflowed and the Gaussian VaR came back as Infinity (null in JSON); since the
    // moments are taken on a power-of-two rescaled copy, only a VaR beyond double range throws
    [
      'overflowing returns',
      () => valueAtRisk([...r, ...new Array(10).fill([1.7e308, -1.7e308]).flat()], { method: 'gaussian' }),
      InvalidArgumentError,
      /overflowed/,
    ],
  ];
  for (const [label, f, cls, msg] of cases) {
    it(label, () => {
      expect(f).toThrow(cls);
      expect(f).toThrow(msg);
    });
  }
});
