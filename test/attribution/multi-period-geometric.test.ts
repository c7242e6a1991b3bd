/**
 * multiPeriodGeometricAttribution against the numpy fixture (scripts/fixtures/attribution/attribution.py,
 * `geometric_multi_period`: per-period Burnie–Knowles–Teder / Bacon effects written from the
 * formulas, totals compounded as R PortfolioAttribution's Attribution.geometric does, segment
 * effects linked by the log factor), Bacon Table 5.5 repeated, properties and typed errors.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { geometricAttribution, multiPeriodGeometricAttribution } from '../../src/attribution/index.ts';
import { DimensionError, InsufficientDataError, InvalidArgumentError } from '../../src/core/errors.ts';
import { deepFreeze, expectClose, loadFixture } from '../helpers.ts';

interface Fx {
  periods: { portfolioWeights: number[]; benchmarkWeights: number[]; portfolioReturns: number[]; benchmarkReturns: number[]; segments: string[] }[];
  perPeriod: { labels: string[]; R: number; B: number; bS: number; allocation: number[]; selection: number[]; A: number; S: number }[];
  labels: string[];
  R: number;
  B: number;
  geometricExcess: number;
  A: number;
  S: number;
  allocation: number[];
  selection: number[];
}
const fx = loadFixture<{ geometricMultiPeriod: Fx }>('attribution/attribution.json').geometricMultiPeriod;

describe('multi-period geometric attribution (numpy fixture, 5 periods, sector sets change)', () => {
  const periods = deepFreeze(fx.periods);
  const g = multiPeriodGeometricAttribution(periods);
  it('each period equals the single-period formulas', () => {
    g.periods.forEach((p, t) => {
      const ref = fx.perPeriod[t]!;
      expect(p.segments).toEqual(ref.labels);
      expectClose([p.portfolioReturn, p.benchmarkReturn, p.seminotionalReturn], [ref.R, ref.B, ref.bS], { rtol: 1e-13 });
      expectClose(p.allocation, ref.allocation, { rtol: 1e-11, atol: 1e-17 });
      expectClose(p.selection, ref.selection, { rtol: 1e-11, atol: 1e-17 });
      expectClose([p.totals.allocation, p.totals.selection], [ref.A, ref.S], { rtol: 1e-11, atol: 1e-17 });
    });
  });
  it('compounded totals and linked segment effects', () => {
    expect(g.segments).toEqual(fx.labels);
    expectClose([g.portfolioReturn, g.benchmarkReturn, g.geometricExcessReturn], [fx.R, fx.B, fx.geometricExcess], { rtol: 1e-12 });
    expectClose([g.totals.allocation, g.totals.selection], [fx.A, fx.S], { rtol: 1e-11 });
    expectClose(g.totals.total, fx.geometricExcess, { rtol: 1e-11 });
    expectClose(g.allocation, fx.allocation, { rtol: 1e-10, atol: 1e-16 });
    expectClose(g.selection, fx.selection, { rtol: 1e-10, atol: 1e-16 });
    expect(Object.keys(g.bySegment)).toEqual(fx.labels);
    expect(JSON.parse(JSON.stringify(g))).toEqual(g);
  });
});

describe('multi-period geometric attribution: hand-checked and properties', () => {
  const q = {
    portfolioWeights: [0.4, 0.3, 0.3],
    benchmarkWeights: [0.4, 0.2, 0.4],
    portfolioReturns: [0.2, -0.05, 0.06],
    benchmarkReturns: [0.1, -0.04, 0.08],
  };
  it('one period reproduces geometricAttribution (Bacon Table 5.5); two equal periods square the growth', () => {
    const one = multiPeriodGeometricAttribution([q]);
    const single = geometricAttribution(q);
    expectClose(one.allocation, single.allocation, { rtol: 1e-14, atol: 1e-18 });
    expectClose(one.selection, single.selection, { rtol: 1e-14, atol: 1e-18 });
    // Bacon Table 5.5 data: R = 8.3 %, B = 6.4 %, b_S = 5.2 %; A_1 = 1.052/1.064 − 1, S_1 = 1.083/1.052 − 1
    const two = multiPeriodGeometricAttribution([q, q]);
    expectClose(two.totals.allocation, (1.052 / 1.064) ** 2 - 1, { rtol: 1e-12 });
    expectClose(two.totals.selection, (1.083 / 1.052) ** 2 - 1, { rtol: 1e-12 });
    expectClose(two.geometricExcessReturn, (1.083 / 1.064) ** 2 - 1, { rtol: 1e-12 });
    // equal periods: ln(1 + A) = 2 ln(1 + A_1), so each period's factor k_1/k is A/(2 A_1) and a
    // segment's linked effect is 2 · x · A/(2 A_1) = x · A/A_1
    const A1 = 1.052 / 1.064 - 1;
    const A = (1 + A1) ** 2 - 1;
    expectClose(
      two.allocation,
      single.allocation.map((x) => (x * A) / A1),
      { rtol: 1e-12, atol: 1e-18 },
    );
  });
  it('an asset named __proto__ is an ordinary segment label', () => {
    const g = multiPeriodGeometricAttribution([{ ...q, segments: ['__proto__', 'constructor', 'x'] }]);
    expect(Object.keys(g.bySegment)).toEqual(['__proto__', 'constructor', 'x']);
    expect(Object.getPrototypeOf(g.bySegment)).toBe(Object.prototype);
  });
  it('segment effects sum to the compounded totals; (1 + A)(1 + S) = (1 + R)/(1 + B); period order does not matter', () => {
    const ret = fc.integer({ min: -3000, max: 3000 }).map((x) => x / 10000);
    const period = fc
      .array(fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), ret, ret, fc.constantFrom('a', 'b', 'c', 'd')), {
        minLength: 1,
        maxLength: 8,
      })
      .filter((rows) => rows.some((r) => r[0] > 0) && rows.some((r) => r[1] > 0))
      .map((rows) => {
        const sp = rows.reduce((s, r) => s + r[0], 0);
        const sb = rows.reduce((s, r) => s + r[1], 0);
        return {
          portfolioWeights: rows.map((r) => r[0] / sp),
          benchmarkWeights: rows.map((r) => r[1] / sb),
          portfolioReturns: rows.map((r) => r[2]),
          benchmarkReturns: rows.map((r) => r[3]),
          segments: rows.map((r) => r[4]),
        };
      });
    fc.assert(
      fc.property(fc.array(period, { minLength: 1, maxLength: 6 }), (ps) => {
        const g = multiPeriodGeometricAttribution(ps);
        const sa = g.allocation.reduce((s, x) => s + x, 0);
        const ss = g.selection.reduce((s, x) => s + x, 0);
        const ok1 = Math.abs(sa - g.totals.allocation) <= 1e-13 && Math.abs(ss - g.totals.selection) <= 1e-13;
        const ok2 = Math.abs(g.totals.total - g.geometricExcessReturn) <= 1e-13;
        const rev = multiPeriodGeometricAttribution([...ps].reverse());
        const ok3 = g.segments.every(
          (l) =>
            Math.abs(rev.bySegment[l]!.allocation - g.bySegment[l]!.allocation) <= 1e-13 &&
            Math.abs(rev.bySegment[l]!.selection - g.bySegment[l]!.selection) <= 1e-13,
        );
        return ok1 && ok2 && ok3;
      }),
      { seed: 42, numRuns: 200 },
    );
  });
  it('typed errors', () => {
    expect(() => multiPeriodGeometricAttribution([])).toThrow(InsufficientDataError);
    expect(() => multiPeriodGeometricAttribution({} as never)).toThrow(/periods/);
    expect(() => multiPeriodGeometricAttribution([q, { ...q, portfolioWeights: [0.5, 0.5] }])).toThrow(DimensionError);
    expect(() => multiPeriodGeometricAttribution([q, { ...q, portfolioWeights: [0.5, 0.3, 0.3] }])).toThrow(/periods\[1\]\.portfolioWeights/);
    expect(() => multiPeriodGeometricAttribution([{ ...q, portfolioReturns: [Number.NaN, 0, 0] }])).toThrow(InvalidArgumentError);
    expect(() => multiPeriodGeometricAttribution([{ ...q, portfolioReturns: [-1, -1, -1] }])).toThrow(/−100 %/);
    expect(() => multiPeriodGeometricAttribution([q], { tolerance: 1 } as never)).toThrow(/tolerance/);
  });
});

describe('geometricAttribution with a total benchmark loss', () => {
  it('is a typed error, not Infinity', () => {
    const q = { portfolioWeights: [0.4, 0.3, 0.3], benchmarkWeights: [0.4, 0.2, 0.4], portfolioReturns: [0.2, -0.05, 0.06], benchmarkReturns: [-1, -1, -1] };
    expect(() => geometricAttribution(q)).toThrow(InvalidArgumentError);
    expect(() => geometricAttribution(q)).toThrow(/benchmark return of -1/);
  });
});
