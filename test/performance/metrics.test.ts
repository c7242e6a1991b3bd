/**
 * Metrics against independent numpy / scipy fixtures (scripts/fixtures/performance/metrics.py):
 * seeded synthetic daily returns and the committed sample data (equal-weight portfolio of the 30
 * assets vs the cap-weighted index).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  alpha,
  annualizedReturn,
  annualizedVolatility,
  beta,
  calmarRatio,
  downCapture,
  drawdowns,
  hitRate,
  informationRatio,
  omegaRatio,
  performanceSummary,
  probabilisticSharpeRatio,
  rollingMetric,
  sharpeRatio,
  sortinoRatio,
  trackingError,
  ulcerIndex,
  upCapture,
} from '../../src/performance/index.ts';
import { DimensionError, InsufficientDataError, InvalidArgumentError } from '../../src/core/errors.ts';
import { deepFreeze, expectClose, loadFixture } from '../helpers.ts';

interface Episode {
  start: number;
  trough: number;
  end: number | null;
  depth: number;
  length: number;
  toTrough: number;
  recovery: number | null;
}
interface Case {
  name: string;
  returns: number[];
  benchmark: number[];
  riskFreeRate: number;
  periodsPerYear: number;
  [k: string]: unknown;
}
const fx = loadFixture<{ cases: Case[] }>('performance/metrics.json');

for (const c of fx.cases) {
  const r = deepFreeze(c.returns);
  const b = deepFreeze(c.benchmark);
  const rf = c.riskFreeRate;
  const ppy = c.periodsPerYear;
  const n = (k: string) => c[k] as number;
  describe(`metrics vs numpy/scipy: ${c.name}`, () => {
    it('returns and volatility', () => {
      expectClose(annualizedReturn(r, { periodsPerYear: ppy }), n('annualizedReturn'), { rtol: 1e-11, label: 'annualizedReturn' });
      expectClose(annualizedReturn(r), n('geometricMeanReturn'), { rtol: 1e-11, label: 'geometric mean' });
      expectClose(annualizedVolatility(r, { periodsPerYear: ppy }), n('annualizedVolatility'), { rtol: 1e-12 });
      expectClose(annualizedVolatility(r), n('volatility'), { rtol: 1e-12 });
    });
    it('Sharpe, Sortino, Calmar, Omega', () => {
      expectClose(sharpeRatio(r, { riskFreeRate: rf, periodsPerYear: ppy }), n('sharpeRatio'), { rtol: 1e-11 });
      expectClose(sharpeRatio(r, { riskFreeRate: rf }), n('sharpePerPeriod'), { rtol: 1e-11 });
      expectClose(sortinoRatio(r, { periodsPerYear: ppy }), n('sortinoRatio'), { rtol: 1e-11 });
      expectClose(sortinoRatio(r, { minimumAcceptableReturn: rf }), n('sortinoMarRf'), { rtol: 1e-11 });
      expectClose(calmarRatio(r, { periodsPerYear: ppy }), n('calmarRatio'), { rtol: 1e-10 });
      expectClose(omegaRatio(r), n('omegaRatio'), { rtol: 1e-12 });
      expectClose(omegaRatio(r, { threshold: 0.001 }), n('omegaRatio001'), { rtol: 1e-12 });
    });
    it('relative metrics', () => {
      expectClose(informationRatio(r, b, { periodsPerYear: ppy }), n('informationRatio'), { rtol: 1e-11 });
      expectClose(trackingError(r, b, { periodsPerYear: ppy }), n('trackingError'), { rtol: 1e-12 });
      expectClose(beta(r, b), n('beta'), { rtol: 1e-11 });
      expectClose(alpha(r, b, { riskFreeRate: rf }), n('alphaPerPeriod'), { rtol: 1e-9 });
      expectClose(alpha(r, b, { riskFreeRate: rf, periodsPerYear: ppy }), n('alphaAnnualized'), { rtol: 1e-9 });
      expectClose(upCapture(r, b, { periodsPerYear: ppy }), n('upCapture'), { rtol: 1e-10 });
      expectClose(downCapture(r, b, { periodsPerYear: ppy }), n('downCapture'), { rtol: 1e-10 });
      expectClose(upCapture(r, b), n('upCapturePerPeriod'), { rtol: 1e-10 });
      expectClose(downCapture(r, b), n('downCapturePerPeriod'), { rtol: 1e-10 });
      expect(hitRate(r)).toBe(n('hitRate'));
      expect(hitRate(r, { benchmark: b })).toBe(n('hitRateVsBenchmark'));
    });
    it('ulcer index and probabilistic Sharpe ratio', () => {
      expectClose(ulcerIndex(r), n('ulcerIndex'), { rtol: 1e-11 });
      expectClose(probabilisticSharpeRatio(r, { riskFreeRate: rf }), n('probabilisticSharpeRatio'), { rtol: 1e-10 });
      expectClose(probabilisticSharpeRatio(r, { riskFreeRate: rf, benchmarkSharpe: 0.05 }), n('psrVsHalf'), { rtol: 1e-10 });
    });
    it('drawdowns: series, maximum and the worst episodes', () => {
      const d = drawdowns(r);
      expectClose(d.series, c.drawdownSeries as number[], { rtol: 1e-10, atol: 1e-13, label: 'series' });
      const m = c.maxDrawdown as { depth: number; peak: number; trough: number; recovery: number | null };
      expectClose(d.maxDrawdown.depth, m.depth, { rtol: 1e-10 });
      expect([d.maxDrawdown.peak, d.maxDrawdown.trough, d.maxDrawdown.recovery]).toEqual([m.peak, m.trough, m.recovery]);
      const w = c.worstDrawdowns as Episode[];
      expect(d.worst.length).toBe(w.length);
      d.worst.forEach((e, i) => {
        const ref = w[i]!;
        expect({ ...e, depth: 0 }).toEqual({ ...ref, depth: 0 });
        expectClose(e.depth, ref.depth, { rtol: 1e-10 });
      });
      expect(d.wealth.length).toBe(r.length + 1);
    });
    it('rolling Sharpe ratio (window 60)', () => {
      expectClose(rollingMetric(r, 'sharpeRatio', { window: 60, riskFreeRate: rf }) as number[], c.rollingSharpe60 as number[], { rtol: 1e-9, atol: 1e-14 });
    });
    it('performanceSummary agrees with the individual figures', () => {
      const s = performanceSummary(r, { benchmark: b, riskFreeRate: rf, periodsPerYear: ppy });
      expectClose(s.annualizedReturn, n('annualizedReturn'), { rtol: 1e-11 });
      expectClose(s.totalReturn, n('totalReturn'), { rtol: 1e-11 });
      expectClose(s.sharpeRatio!, n('sharpeRatio'), { rtol: 1e-11 });
      expectClose(s.sortinoRatio!, n('sortinoRatio'), { rtol: 1e-11 });
      expectClose(s.calmarRatio!, n('calmarRatio'), { rtol: 1e-10 });
      expectClose(s.skewness!, n('skewness'), { rtol: 1e-10 });
      expectClose(s.kurtosis!, n('kurtosis'), { rtol: 1e-10 });
      expectClose(s.ulcerIndex, n('ulcerIndex'), { rtol: 1e-11 });
      expectClose(s.probabilisticSharpeRatio!, n('probabilisticSharpeRatio'), { rtol: 1e-10 });
      expect(s.longestDrawdown).toBe(n('longestDrawdown'));
      const rel = s.relative!;
      expectClose(rel.beta!, n('beta'), { rtol: 1e-11 });
      expectClose(rel.alpha!, n('alphaAnnualized'), { rtol: 1e-9 });
      expectClose(rel.trackingError!, n('trackingError'), { rtol: 1e-12 });
      expectClose(rel.upCapture!, n('upCapture'), { rtol: 1e-10 });
      expect(rel.hitRate).toBe(n('hitRateVsBenchmark'));
      expect(JSON.parse(JSON.stringify(s))).toEqual(s);
    });
  });
}

describe('conventions on small hand-checked series', () => {
  it('a first-period loss is a drawdown from the starting wealth 1; unrecovered episodes have end null', () => {
    const d = drawdowns([-0.1, 0.05, 0.2, -0.5]);
    expect(d.worst.map((e) => [e.start, e.trough, e.end])).toEqual([
      [3, 4, null],
      [0, 1, 3],
    ]);
    expectClose(d.maxDrawdown.depth, 0.5, { rtol: 1e-15 });
    expect(d.worst[0]!.recovery).toBeNull();
    expect(d.worst[1]!.length).toBe(3);
  });
  it('no drawdown: max depth 0 with null positions; summary gives null for undefined ratios', () => {
    const d = drawdowns([0.01, 0.02]);
    expect(d.maxDrawdown).toEqual({ depth: 0, peak: null, trough: null, recovery: null });
    expect(d.worst).toEqual([]);
    const s = performanceSummary([0.01, 0.02, 0.03]);
    expect(s.calmarRatio).toBeNull();
    expect(s.sortinoRatio).toBeNull();
    expect(s.omegaRatio).toBeNull();
    expect(s.relative).toBeNull();
  });
  it('a total loss gives annualised return −1 and drawdown 1', () => {
    expect(annualizedReturn([0.1, -1, 0.2], { periodsPerYear: 12 })).toBe(-1);
    expect(drawdowns([0.1, -1]).maxDrawdown.depth).toBe(1);
  });
  it('rolling metrics give null where the metric is undefined', () => {
    expect(rollingMetric([0.01, 0.02, -0.01, 0.03], 'sortinoRatio', { window: 2 })[0]).toBeNull();
  });
  it('Sortino counts every period in the downside deviation (not only the losing ones)', () => {
    // downside deviation √((0.02²) / 4) = 0.01; mean 0.01
    expectClose(sortinoRatio([0.01, -0.02, 0.03, 0.02]), 1, { rtol: 1e-14 });
  });
});

describe('typed errors', () => {
  it('bad series and options', () => {
    expect(() => sharpeRatio([])).toThrow(InsufficientDataError);
    expect(() => sharpeRatio([0.01, Number.NaN])).toThrow(/returns/);
    expect(() => sharpeRatio([0.01, -1.5])).toThrow(InvalidArgumentError);
    expect(() => sharpeRatio([0.01, 0.01])).toThrow(/constant/);
    expect(() => sharpeRatio([0.01, 0.02], { periodsPerYear: 0 })).toThrow(/periodsPerYear/);
    expect(() => sharpeRatio([0.01, 0.02], { riskFree: 0 } as never)).toThrow(/riskFree/);
    expect(() => informationRatio([0.01, 0.02], [0.01])).toThrow(DimensionError);
    expect(() => beta([0.01, 0.02], [0.01, 0.01])).toThrow(/benchmark/);
    expect(() => calmarRatio([0.01, 0.02])).toThrow(/drawdown/);
    expect(() => upCapture([0.01, 0.02], [-0.01, -0.02])).toThrow(/up period/);
    expect(() => rollingMetric([0.01, 0.02], 'sharpeRatio', { window: 3 })).toThrow(/window/);
    expect(() => rollingMetric([0.01, 0.02], 'beta', { window: 2 })).toThrow(/benchmark/);
    expect(() => rollingMetric([0.01, 0.02], 'nope' as never, { window: 2 })).toThrow(/metric/);
    expect(() => rollingMetric([0.01, 0.02], () => Number.NaN, { window: 2 })).toThrow(/metric/);
  });
  it('more bad options', () => {
    expect(() => drawdowns([0.01], { top: -1 })).toThrow(/top/);
    expect(() => drawdowns([0.01], { top: 1.5 })).toThrow(InvalidArgumentError);
    expect(() => annualizedVolatility([0.01, 0.02], { ddof: 2 })).toThrow(InsufficientDataError);
    expect(() => omegaRatio([0.01, 0.02])).toThrow(/below the threshold/);
    expect(() => probabilisticSharpeRatio([0.01, 0.02], { benchmarkSharpe: Number.NaN })).toThrow(/benchmarkSharpe/);
    expect(() => performanceSummary([0.01], { benchmark: [0.01, 0.02] })).toThrow(DimensionError);
    expect(() => hitRate([0.01], { benchmark: [Number.POSITIVE_INFINITY] })).toThrow(/benchmark/);
  });
  it('inputs are never mutated', () => {
    const r = deepFreeze([0.01, -0.02, 0.03, 0.01]);
    const b = deepFreeze([0.0, -0.01, 0.02, 0.02]);
    expect(() => performanceSummary(r, { benchmark: b, periodsPerYear: 12 })).not.toThrow();
    expect(() => rollingMetric(r, 'beta', { window: 3, benchmark: b })).not.toThrow();
  });
});

describe('properties', () => {
  const series = fc.array(
    fc.integer({ min: -2000, max: 2000 }).map((x) => x / 10000),
    { minLength: 3, maxLength: 60 },
  );
  it('drawdown series is in [0, 1] and the maximum equals the worst episode', () => {
    fc.assert(
      fc.property(series, (r) => {
        const d = drawdowns(r, { top: 1000 });
        for (const v of d.series) if (v < 0 || v > 1) return false;
        const m = Math.max(0, ...d.series);
        return Math.abs(d.maxDrawdown.depth - m) <= 1e-15 && (d.worst.length === 0 || d.worst[0]!.depth === d.maxDrawdown.depth);
      }),
      { seed: 42, numRuns: 200 },
    );
  });
  it('scaling excess returns leaves the Sharpe ratio unchanged', () => {
    fc.assert(
      fc.property(series, fc.double({ min: 0.1, max: 3, noNaN: true }), (r, k) => {
        const s = r.map((x) => x * k);
        let a: number;
        try {
          a = sharpeRatio(r);
        } catch {
          return true;
        }
        return Math.abs(sharpeRatio(s) - a) <= 1e-9 * Math.max(1, Math.abs(a));
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});

describe('rollingMetric agrees with the metric on each window', () => {
  it('beta, drawdown depth and a custom function', () => {
    const c = fx.cases[0]!;
    const r = c.returns.slice(0, 120);
    const b = c.benchmark.slice(0, 120);
    const rb = rollingMetric(r, 'beta', { window: 40, benchmark: b });
    const md = rollingMetric(r, 'maxDrawdown', { window: 40 });
    expect(rb.length).toBe(81);
    for (const i of [0, 17, 80]) {
      expectClose(rb[i]!, beta(r.slice(i, i + 40), b.slice(i, i + 40)), { rtol: 1e-13 });
      expectClose(md[i]!, drawdowns(r.slice(i, i + 40)).maxDrawdown.depth, { rtol: 1e-13 });
    }
    expect(rollingMetric(r, (w) => w.length, { window: 5 }).every((x) => x === 5)).toBe(true);
  });
});
