/**
 * Attribution against numpy fixtures (scripts/fixtures/attribution/attribution.py: each formula
 * written independently in Python), Bacon's geometric Table 5.5, properties and typed errors.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  brinsonFachler,
  currencyAttribution,
  brinsonHoodBeebower,
  factorAttribution,
  geometricAttribution,
  linkAttribution,
  multiLevelAttribution,
  riskAttribution,
} from '../../src/attribution/index.ts';
import { DimensionError, InsufficientDataError, InvalidArgumentError, NotPositiveDefiniteError } from '../../src/core/errors.ts';
import { deepFreeze, expectClose, loadFixture } from '../helpers.ts';

const fx = loadFixture('attribution/attribution.json');

describe('Brinson at security level with sector tags (numpy fixture)', () => {
  const b = fx.brinson;
  const input = deepFreeze({
    portfolioWeights: b.portfolioWeights,
    benchmarkWeights: b.benchmarkWeights,
    portfolioReturns: b.returns,
    benchmarkReturns: b.returns,
    segments: b.segments,
  });
  it('segments, returns and BF effects, including a sector only one side holds', () => {
    const a = brinsonFachler(input);
    expect(a.segments).toEqual(b.labels);
    expectClose([a.portfolioReturn, a.benchmarkReturn], [b.R, b.B], { rtol: 1e-13 });
    expectClose(a.portfolioSegmentReturns, b.rp, { rtol: 1e-12, atol: 1e-17 });
    expectClose(a.benchmarkSegmentReturns, b.rb, { rtol: 1e-12, atol: 1e-17 });
    expectClose(a.allocation, b.bf.allocation, { rtol: 1e-11, atol: 1e-17 });
    expectClose(a.selection, b.bf.selection, { rtol: 1e-11, atol: 1e-17 });
    expectClose(a.interaction, b.bf.interaction, { rtol: 1e-11, atol: 1e-17 });
    expectClose(a.totals.total, b.R - b.B, { rtol: 1e-12, atol: 1e-17 });
    for (const v of [...a.allocation, ...a.selection, ...a.interaction]) expect(Number.isFinite(v)).toBe(true);
  });
  it('BHB allocation', () => {
    expectClose(brinsonHoodBeebower(input).allocation, b.bhb.allocation, { rtol: 1e-11, atol: 1e-17 });
  });
});

describe('geometric attribution: Bacon Table 5.5', () => {
  // printed to 4 decimals from rounded intermediates: matched to one unit in the 4th decimal (Japan's
  // selection is 0.3 × (−0.01) / 1.052 = −0.00285 exactly; the book prints −0.0028)
  it('allocation and selection (printed to 4 decimals)', () => {
    const g = geometricAttribution({
      portfolioWeights: [0.4, 0.3, 0.3],
      benchmarkWeights: [0.4, 0.2, 0.4],
      portfolioReturns: [0.2, -0.05, 0.06],
      benchmarkReturns: [0.1, -0.04, 0.08],
    });
    const p = { atol: 1e-4, rtol: 0 };
    expectClose(g.allocation, [0, -0.0098, -0.0015], p);
    expectClose(g.selection, [0.038, -0.0028, -0.0057], p);
    expectClose([g.totals.allocation, g.totals.selection], [-0.0113, 0.0295], p);
    // (1 + A)(1 + S) = (1 + R)/(1 + B) exactly
    expectClose(g.totals.total, 1.083 / 1.064 - 1, { rtol: 1e-13 });
  });
});

describe('multi-level top-down attribution (hand-worked numpy fixture)', () => {
  const m = fx.multiLevel;
  it('nodes agree and each level sums to the level above', () => {
    const a = multiLevelAttribution(
      deepFreeze({
        portfolioWeights: m.portfolioWeights,
        benchmarkWeights: m.benchmarkWeights,
        portfolioReturns: m.returns,
        benchmarkReturns: m.returns,
        levels: m.levels,
      }),
    );
    expect(a.levels.map((l) => l.map((n) => n.path))).toEqual(m.nodes.map((l: Array<{ path: string[] }>) => l.map((n) => n.path)));
    a.levels.forEach((lv, k) => {
      expectClose(
        lv.map((n) => n.allocation),
        m.nodes[k].map((n: { allocation: number }) => n.allocation),
        { rtol: 1e-11, atol: 1e-17, label: `level ${k} allocation` },
      );
      expectClose(
        lv.map((n) => n.selection),
        m.nodes[k].map((n: { selection: number }) => n.selection),
        { rtol: 1e-11, atol: 1e-17, label: `level ${k} selection` },
      );
    });
    // children of each class explain exactly the class's selection
    for (const parent of a.levels[0]!) {
      const kids = a.levels[1]!.filter((n) => n.path[0] === parent.path[0]);
      expectClose(
        kids.reduce((s, n) => s + n.allocation + n.selection, 0),
        parent.selection,
        { atol: 1e-16 },
      );
    }
    expectClose(a.allocationByLevel.reduce((s, x) => s + x, 0) + a.selection, a.activeReturn, { atol: 1e-16 });
  });
});

describe('factor attribution (numpy lstsq fixture)', () => {
  const f = fx.factor;
  it('exposures, t-stats, R², contributions', () => {
    const a = factorAttribution(deepFreeze(f.returns), deepFreeze(f.factorReturns), { factors: ['mkt', 'smb', 'hml'] });
    expectClose(a.exposures, f.exposures, { rtol: 1e-10 });
    expectClose(a.alpha, f.alpha, { rtol: 1e-9 });
    expectClose(a.tStats, f.tStats, { rtol: 1e-9 });
    expectClose(a.alphaTStat, f.alphaTStat, { rtol: 1e-9 });
    expectClose([a.rSquared, a.adjustedRSquared, a.residualVolatility], [f.rSquared, f.adjustedRSquared, f.residualVolatility], { rtol: 1e-10 });
    expectClose(a.contributions, f.contributions, { rtol: 1e-10 });
    expectClose(a.residuals, f.residuals, { rtol: 1e-8, atol: 1e-15 });
    expectClose(a.alpha + a.contributions.reduce((s, x) => s + x, 0), a.meanReturn, { rtol: 1e-13 });
    expect(Object.keys(a.byFactor!)).toEqual(['mkt', 'smb', 'hml']);
  });
  it('typed errors', () => {
    expect(() => factorAttribution([0.1, 0.2], [[0.1], [0.2]])).toThrow(InsufficientDataError);
    expect(() => factorAttribution([0.1, 0.2, 0.3, 0.1], [[0.1], [0.2], [0.3]])).toThrow(DimensionError);
    expect(() =>
      factorAttribution(
        [0.1, 0.2, 0.3, 0.1],
        [
          [0.1, 0.2],
          [0.2, 0.4],
          [0.3, 0.6],
          [0.1, 0.2],
        ],
      ),
    ).toThrow(NotPositiveDefiniteError);
    expect(() => factorAttribution([0.1, 0.2, 0.3, 0.1], [[0.1], [0.2], [0.3], [0]], { factors: ['a', 'b'] })).toThrow(/factors/);
  });
});

describe('risk attribution (numpy fixture)', () => {
  const r = fx.risk;
  it('tracking error, marginal and Euler contributions', () => {
    const a = riskAttribution(deepFreeze(r.weights), deepFreeze(r.cov), { benchmark: r.benchmark });
    expectClose(a.trackingError, r.trackingError, { rtol: 1e-12 });
    expectClose(a.marginal, r.marginal, { rtol: 1e-11, atol: 1e-16 });
    expectClose(a.contributions, r.contributions, { rtol: 1e-11, atol: 1e-17 });
    expectClose(
      a.contributions.reduce((s, x) => s + x, 0),
      a.trackingError,
      { rtol: 1e-13 },
    );
    expectClose(
      a.percentContributions.reduce((s, x) => s + x, 0),
      1,
      { rtol: 1e-13 },
    );
  });
  it('labels, total volatility and typed errors', () => {
    const a = riskAttribution(
      [0.5, 0.5],
      [
        [0.04, 0],
        [0, 0.04],
      ],
      { assets: ['__proto__', 'b'] },
    );
    expectClose(a.trackingError, Math.sqrt(0.02), { rtol: 1e-15 });
    expect(Object.keys(a.byAsset!)).toEqual(['__proto__', 'b']);
    expect(() =>
      riskAttribution(
        [0.5, 0.5],
        [
          [0.04, 0],
          [0, 0.04],
        ],
        { benchmark: [0.5, 0.5] },
      ),
    ).toThrow(/zero/);
    expect(() =>
      riskAttribution(
        [0.5, 0.5],
        [
          [0.04, 0.01],
          [0, 0.04],
        ],
      ),
    ).toThrow(/symmetric/);
    expect(() =>
      riskAttribution(
        [0.5, 0.5, 0],
        [
          [0.04, 0],
          [0, 0.04],
        ],
      ),
    ).toThrow(DimensionError);
  });
});

describe('Brinson typed errors', () => {
  const ok = { portfolioWeights: [0.5, 0.5], benchmarkWeights: [0.5, 0.5], portfolioReturns: [0.01, 0.02], benchmarkReturns: [0.01, 0.02] };
  it('weights not summing as declared', () => {
    expect(() => brinsonFachler({ ...ok, portfolioWeights: [0.5, 0.6] })).toThrow(InvalidArgumentError);
    expect(() => brinsonFachler({ ...ok, portfolioWeights: [0.5, 0.6] })).toThrow(/portfolioWeights/);
    expect(() => brinsonFachler({ ...ok, portfolioWeights: [0.25, 0.25], benchmarkWeights: [0.25, 0.25] }, { weightSum: 0.5 })).not.toThrow();
  });
  it('mismatched lengths and segments', () => {
    expect(() => brinsonFachler({ ...ok, benchmarkReturns: [0.01] })).toThrow(DimensionError);
    expect(() => brinsonFachler({ ...ok, segments: ['a'] })).toThrow(DimensionError);
    expect(() => brinsonFachler({ ...ok, segments: ['a', 3 as never] })).toThrow(/segments/);
    const p1 = brinsonFachler({ ...ok, segments: ['a', 'b'] });
    const p2 = brinsonFachler({ ...ok, segments: ['a', 'c'] });
    expect(() => linkAttribution([p1, p2])).toThrow(/same segments/);
    expect(() => linkAttribution([{ ...p1, allocation: [1, 0] }])).toThrow(/active return/);
    expect(() => linkAttribution([])).toThrow(InsufficientDataError);
    expect(() => linkAttribution([p1], { method: 'smoothing' as never })).toThrow(/method/);
  });
  it('offsetting long and short legs inside one segment', () => {
    expect(() =>
      brinsonFachler({
        portfolioWeights: [0.5, -0.5, 1],
        benchmarkWeights: [0.5, 0, 0.5],
        portfolioReturns: [0.1, 0.2, 0],
        benchmarkReturns: [0.1, 0.2, 0],
        segments: ['x', 'x', 'y'],
      }),
    ).toThrow(/net portfolio weight of 0/);
  });
  it('non-finite inputs and options', () => {
    expect(() => brinsonFachler({ ...ok, portfolioReturns: [Number.NaN, 0] })).toThrow(/portfolioReturns/);
    expect(() => brinsonFachler(ok, { interaction: 'both' as never })).toThrow(/interaction/);
    expect(() => brinsonFachler(ok, { linking: 'carino' } as never)).toThrow(/linking/);
  });
});

describe('properties', () => {
  const segmentCount = 4;
  const period = fc
    .tuple(
      fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 8, maxLength: 8 }),
      fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 8, maxLength: 8 }),
      fc.array(fc.integer({ min: -300, max: 300 }), { minLength: 8, maxLength: 8 }),
      fc.array(fc.integer({ min: 0, max: segmentCount - 1 }), { minLength: 8, maxLength: 8 }),
    )
    .filter(([a, b]) => a.some((x) => x > 0) && b.some((x) => x > 0))
    .map(([a, b, r, s]) => {
      const sa = a.reduce((x, y) => x + y, 0);
      const sb = b.reduce((x, y) => x + y, 0);
      return {
        portfolioWeights: a.map((x) => x / sa),
        benchmarkWeights: b.map((x) => x / sb),
        portfolioReturns: r.map((x) => x / 1000),
        benchmarkReturns: r.map((x, i) => (x + ((i * 37) % 11) - 5) / 1000),
        segments: s.map((k) => `s${k}`).concat([]),
      };
    });
  it('effects add up to the active return in every period (BF, BHB, both interaction treatments)', () => {
    fc.assert(
      fc.property(period, (input) => {
        for (const f of [brinsonFachler, brinsonHoodBeebower]) {
          for (const interaction of ['separate', 'in-selection'] as const) {
            const a = f(input, { interaction });
            const sum = a.total.reduce((x, y) => x + y, 0);
            if (Math.abs(sum - a.activeReturn) > 1e-15 || Math.abs(a.totals.total - a.activeReturn) > 1e-15) return false;
            if (![...a.allocation, ...a.selection, ...a.interaction].every(Number.isFinite)) return false;
          }
        }
        const g = geometricAttribution(input);
        return Math.abs(g.totals.total - g.geometricExcessReturn) <= 1e-14;
      }),
      { seed: 42, numRuns: 200 },
    );
  });
  it('linked effects add up to the compounded active return, for every method', () => {
    // all periods share the segment set s0..s3 (a segment may be empty in a period: zero weights)
    const withAll = period.map((p) => ({
      ...p,
      portfolioWeights: [...p.portfolioWeights, 0, 0, 0, 0],
      benchmarkWeights: [...p.benchmarkWeights, 0, 0, 0, 0],
      portfolioReturns: [...p.portfolioReturns, 0, 0, 0, 0],
      benchmarkReturns: [...p.benchmarkReturns, 0, 0, 0, 0],
      segments: [...p.segments, 's0', 's1', 's2', 's3'],
    }));
    fc.assert(
      fc.property(fc.array(withAll, { minLength: 1, maxLength: 12 }), (inputs) => {
        const bf = inputs.map((p) => brinsonFachler(p));
        for (const method of ['carino', 'menchero', 'grap', 'frongello', 'davies-laker'] as const) {
          const l = linkAttribution(bf, { method });
          const tol = 1e-13 * Math.max(1, Math.abs(l.activeReturn));
          if (Math.abs(l.totals.total - l.activeReturn) > tol) return false;
          if (l.total && Math.abs(l.total.reduce((x, y) => x + y, 0) - l.activeReturn) > tol) return false;
        }
        return true;
      }),
      { seed: 42, numRuns: 150 },
    );
  });
  it("Cariño's coefficient handles periods where portfolio and benchmark returns are equal (0/0 limit)", () => {
    const same = brinsonFachler({ portfolioWeights: [0.5, 0.5], benchmarkWeights: [0.4, 0.6], portfolioReturns: [0.02, 0.02], benchmarkReturns: [0.02, 0.02] });
    expect(same.activeReturn).toBe(0);
    const other = brinsonFachler({
      portfolioWeights: [0.5, 0.5],
      benchmarkWeights: [0.4, 0.6],
      portfolioReturns: [0.05, 0.01],
      benchmarkReturns: [0.03, 0.02],
    });
    for (const periods of [[same], [same, same], [same, other]]) {
      for (const method of ['carino', 'menchero'] as const) {
        const l = linkAttribution(periods, { method });
        expect([...l.allocation!, ...l.selection!].every(Number.isFinite)).toBe(true);
        expectClose(l.totals.total, l.activeReturn, { atol: 1e-16 });
      }
    }
  });
});

describe('Karnosky–Singer currency attribution', () => {
  // No printed table was found for this layout: the reference is hand-worked in numpy straight from
  // the textbook formulas (scripts/fixtures/attribution/attribution.py, currency()).
  const c = fx.currency;
  it('agrees with the hand-worked example; effects add up to the active return', () => {
    const a = currencyAttribution(
      deepFreeze({
        portfolioWeights: c.portfolioWeights,
        benchmarkWeights: c.benchmarkWeights,
        portfolioCurrencyWeights: c.portfolioCurrencyWeights,
        portfolioLocalReturns: c.portfolioLocalReturns,
        benchmarkLocalReturns: c.benchmarkLocalReturns,
        currencyReturns: c.currencyReturns,
        interestRates: c.interestRates,
        segments: ['USD', 'EUR', 'JPY'],
      }),
    );
    expectClose([a.portfolioReturn, a.benchmarkReturn], [c.R, c.B], { rtol: 1e-13 });
    expectClose(a.marketAllocation, c.marketAllocation, { rtol: 1e-12, atol: 1e-18 });
    expectClose(a.selection, c.selection, { rtol: 1e-12, atol: 1e-18 });
    expectClose(a.interaction, c.interaction, { rtol: 1e-12, atol: 1e-18 });
    expectClose(a.currencyAllocation, c.currencyAllocation, { rtol: 1e-12, atol: 1e-18 });
    expectClose(a.totals.total, a.activeReturn, { atol: 1e-16 });
  });
  it('with no currency moves, zero rates and no hedges it is Brinson–Fachler on local returns', () => {
    const base = {
      portfolioWeights: [0.4, 0.3, 0.3],
      benchmarkWeights: [0.4, 0.2, 0.4],
      portfolioReturns: [0.2, -0.05, 0.06],
      benchmarkReturns: [0.1, -0.04, 0.08],
    };
    const bf = brinsonFachler(base);
    const ks = currencyAttribution({
      portfolioWeights: base.portfolioWeights,
      benchmarkWeights: base.benchmarkWeights,
      portfolioLocalReturns: base.portfolioReturns,
      benchmarkLocalReturns: base.benchmarkReturns,
      currencyReturns: [0, 0, 0],
      interestRates: [0, 0, 0],
    });
    expectClose(ks.marketAllocation, bf.allocation, { atol: 1e-16 });
    expectClose(ks.currencyAllocation, [0, 0, 0], { atol: 1e-16 });
  });
  it('typed errors: currency weights not summing, mismatched lengths', () => {
    const ok = {
      portfolioWeights: [0.5, 0.5],
      benchmarkWeights: [0.5, 0.5],
      portfolioLocalReturns: [0, 0],
      benchmarkLocalReturns: [0, 0],
      currencyReturns: [0, 0],
      interestRates: [0, 0],
    };
    expect(() => currencyAttribution({ ...ok, portfolioCurrencyWeights: [0.9, 0.3] })).toThrow(/portfolioCurrencyWeights/);
    expect(() => currencyAttribution({ ...ok, interestRates: [0] })).toThrow(DimensionError);
    expect(() => currencyAttribution({ ...ok, segments: ['a', 'a'] })).toThrow(/unique/);
  });
});
