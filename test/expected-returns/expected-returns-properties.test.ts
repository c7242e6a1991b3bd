/**
 * Property tests (fast-check, seed 42) for quantivista/expected-returns, plus label handling.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { capmReturn, emaHistoricalReturn, meanHistoricalReturn } from '../../src/expected-returns/index.ts';
import { deepFreeze } from '../helpers.ts';

const returnsMatrix = fc
  .tuple(fc.integer({ min: 2, max: 50 }), fc.integer({ min: 1, max: 5 }))
  .chain(([T, n]) => fc.array(fc.array(fc.double({ min: -0.3, max: 0.3, noNaN: true }), { minLength: n, maxLength: n }), { minLength: T, maxLength: T }));

const col = (R: number[][], j: number): number[] => R.map((r) => r[j]!);

describe('expected returns: properties', () => {
  it('geometric mean ≤ arithmetic mean and compounds to the same final wealth; inputs unmutated', () => {
    fc.assert(
      fc.property(returnsMatrix, (R) => {
        const frozen = deepFreeze(R.map((r) => [...r]));
        const a = meanHistoricalReturn(frozen).expectedReturns;
        const g = meanHistoricalReturn(frozen, { compounding: 'geometric' }).expectedReturns;
        const T = R.length;
        g.forEach((gj, j) => {
          expect(gj).toBeLessThanOrEqual(a[j]! + 1e-15);
          const wealth = col(R, j).reduce((w, r) => w * (1 + r), 1);
          expect(Math.abs(Math.pow(1 + gj, T) - wealth)).toBeLessThanOrEqual(1e-12 * T * wealth);
        });
        expect(frozen).toEqual(R);
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('the EMA lies within each column’s range, equals the last row for span 1, and the plain mean for halfLife → ∞', () => {
    fc.assert(
      fc.property(returnsMatrix, fc.double({ min: 1, max: 1000, noNaN: true }), (R, span) => {
        const e = emaHistoricalReturn(R, { span }).expectedReturns;
        e.forEach((ej, j) => {
          const c = col(R, j);
          expect(ej).toBeGreaterThanOrEqual(Math.min(...c) - 1e-15);
          expect(ej).toBeLessThanOrEqual(Math.max(...c) + 1e-15);
        });
        // (+ 0 folds −0 into 0: the sign of a zero mean is immaterial.)
        expect(emaHistoricalReturn(R, { span: 1 }).expectedReturns.map((x) => x + 0)).toEqual(R[R.length - 1]!.map((x) => x + 0));
        const flat = emaHistoricalReturn(R, { halfLife: 1e12 }).expectedReturns;
        const mean = meanHistoricalReturn(R).expectedReturns;
        flat.forEach((x, j) => expect(Math.abs(x - mean[j]!)).toBeLessThanOrEqual(1e-9));
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('CAPM: an asset r = a + b·r_m has β = b; the market itself has β = 1 and μ = E[r_m]', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -0.1, max: 0.1, noNaN: true }), { minLength: 3, maxLength: 60 }),
        fc.double({ min: -0.01, max: 0.01, noNaN: true }),
        fc.double({ min: -2, max: 3, noNaN: true }),
        fc.double({ min: -0.001, max: 0.001, noNaN: true }),
        (m, a, b, rf) => {
          const mean = m.reduce((s, x) => s + x, 0) / m.length;
          const spread = Math.max(...m) - Math.min(...m);
          fc.pre(spread > 1e-6 * (Math.abs(mean) + 1e-3));
          const R = deepFreeze(m.map((x) => [a + b * x, x]));
          const frozenM = deepFreeze([...m]);
          const res = capmReturn(R, frozenM, { riskFreeRate: rf });
          expect(Math.abs(res.betas[0]! - b)).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(b)));
          expect(Math.abs(res.betas[1]! - 1)).toBeLessThanOrEqual(1e-12);
          expect(Math.abs(res.expectedReturns[1]! - res.marketReturn)).toBeLessThanOrEqual(1e-15);
          expect(Math.abs(res.expectedReturns[0]! - (rf + res.betas[0]! * (res.marketReturn - rf)))).toBeLessThanOrEqual(1e-17);
          expect(frozenM).toEqual(m);
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });
});

describe('expected returns: labels and result shape', () => {
  const R = [
    [0.01, 0.02, -0.01],
    [0.03, -0.01, 0.0],
    [-0.02, 0.01, 0.02],
  ];
  const assets = ['AAA', '__proto__', 'constructor'];

  it('byAsset is keyed by the labels, including __proto__ and constructor, and the result is JSON-safe', () => {
    const m = meanHistoricalReturn(R, { assets });
    expect(Object.keys(m.byAsset!)).toEqual(assets);
    expect(m.byAsset!['__proto__']).toBe(m.expectedReturns[1]);
    expect(Object.getPrototypeOf(m.byAsset)).toBe(Object.prototype);
    expect(JSON.parse(JSON.stringify(m))).toEqual(m);
    const e = emaHistoricalReturn(R, { halfLife: 2, assets });
    expect(e.byAsset!['constructor']).toBe(e.expectedReturns[2]);
    const c = capmReturn(R, [0.01, 0.0, 0.02], { assets });
    expect(c.betasByAsset!['AAA']).toBe(c.betas[0]);
    expect(c.byAsset!['__proto__']).toBe(c.expectedReturns[1]);
    expect(JSON.parse(JSON.stringify(c))).toEqual(c);
  });

  it('without labels there is no byAsset; periods counts the rows used', () => {
    const m = meanHistoricalReturn(R);
    expect('byAsset' in m).toBe(false);
    expect(m.periods).toBe(3);
    expect(meanHistoricalReturn([[0.1], [NaN], [0.3]], { missing: 'drop' })).toEqual({ expectedReturns: [0.2], periods: 2, compounding: 'arithmetic' });
  });

  it("capmReturn with missing: 'drop' drops a period from both inputs", () => {
    const full = capmReturn([[0.01], [0.02], [0.05]], [0.01, 0.03, 0.04]);
    const dropped = capmReturn([[0.01], [NaN], [0.02], [0.05], [0.3]], [0.01, 0.5, 0.03, 0.04, null], { missing: 'drop' });
    expect(dropped).toEqual(full);
    expect(dropped.periods).toBe(3);
  });
});
