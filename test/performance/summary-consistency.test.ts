/**
 * performanceSummary runs fused single-pass kernels (src/performance/summary-kernel.ts); every figure
 * must equal, bit for bit, what the corresponding single-metric function returns on the same data
 * (each of those is reference-tested against numpy/scipy in metrics.test.ts). Edge cases: a total
 * loss (−1) in the returns and in the benchmark, flat stretches (zero drawdowns inside episodes),
 * no losing period, one period.
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
  sharpeRatio,
  sortinoRatio,
  trackingError,
  ulcerIndex,
  upCapture,
} from '../../src/performance/index.ts';
import { kurtosis, skewness } from '../../src/core/stats.ts';
import { QuantError } from '../../src/core/errors.ts';
import { expectClose } from '../helpers.ts';

function orNull(f: () => number): number | null {
  try {
    const v = f();
    return Number.isFinite(v) ? v : null;
  } catch (e) {
    if (e instanceof QuantError) return null;
    throw e;
  }
}

function check(
  r: number[],
  b: number[] | undefined,
  o: { riskFreeRate?: number; periodsPerYear?: number; minimumAcceptableReturn?: number; omegaThreshold?: number },
): void {
  const s = performanceSummary(r, { ...o, ...(b ? { benchmark: b } : {}) });
  const ppy = o.periodsPerYear === undefined ? {} : { periodsPerYear: o.periodsPerYear };
  const rf = o.riskFreeRate ?? 0;
  const T = r.length;
  expect(s.annualizedReturn).toBe(annualizedReturn(r, ppy));
  expectClose(s.totalReturn, r.reduce((g, x) => g * (1 + x), 1) - 1, { rtol: 1e-13, atol: 1e-15, label: 'totalReturn' });
  expect(s.annualizedVolatility).toBe(T >= 2 ? annualizedVolatility(r, ppy) : null);
  expect(s.sharpeRatio).toBe(T >= 2 ? orNull(() => sharpeRatio(r, { riskFreeRate: rf, ...ppy })) : null);
  expect(s.sortinoRatio).toBe(orNull(() => sortinoRatio(r, { minimumAcceptableReturn: o.minimumAcceptableReturn ?? 0, ...ppy })));
  expect(s.calmarRatio).toBe(orNull(() => calmarRatio(r, ppy)));
  expect(s.omegaRatio).toBe(orNull(() => omegaRatio(r, { threshold: o.omegaThreshold ?? 0 })));
  const d = drawdowns(r, { top: T });
  expect(s.maxDrawdown).toEqual(d.maxDrawdown);
  expect(s.longestDrawdown).toBe(Math.max(0, ...d.worst.map((e) => e.length)));
  expect(s.ulcerIndex).toBe(ulcerIndex(r));
  expect(s.skewness).toBe(T >= 2 ? orNull(() => skewness(r)) : null);
  expect(s.kurtosis).toBe(T >= 2 ? orNull(() => kurtosis(r)) : null);
  expect(s.hitRate).toBe(hitRate(r));
  expect(s.probabilisticSharpeRatio).toBe(T >= 2 ? orNull(() => probabilisticSharpeRatio(r, { riskFreeRate: rf })) : null);
  expect(s.bestPeriod).toBe(Math.max(...r));
  expect(s.worstPeriod).toBe(Math.min(...r));
  if (!b) {
    expect(s.relative).toBeNull();
    return;
  }
  const rel = s.relative!;
  expect(rel.benchmarkAnnualizedReturn).toBe(annualizedReturn(b, ppy));
  expectClose(rel.benchmarkTotalReturn, b.reduce((g, x) => g * (1 + x), 1) - 1, { rtol: 1e-13, atol: 1e-15, label: 'benchmarkTotalReturn' });
  expect(rel.trackingError).toBe(T >= 2 ? trackingError(r, b, ppy) : null);
  expect(rel.informationRatio).toBe(T >= 2 ? orNull(() => informationRatio(r, b, ppy)) : null);
  // the summary's beta is the slope of the regression on rf-shifted data (shared with alpha); beta()
  // regresses the raw series: the same number up to rounding in the centring
  const bt = T >= 2 ? orNull(() => beta(r, b)) : null;
  if (bt === null) expect(rel.beta).toBeNull();
  else expectClose(rel.beta!, bt, { rtol: 1e-12, atol: 1e-15, label: 'beta' });
  expect(rel.alpha).toBe(T >= 2 ? orNull(() => alpha(r, b, { riskFreeRate: rf, ...ppy })) : null);
  expect(rel.upCapture).toBe(orNull(() => upCapture(r, b, ppy)));
  expect(rel.downCapture).toBe(orNull(() => downCapture(r, b, ppy)));
  expect(rel.hitRate).toBe(hitRate(r, { benchmark: b }));
}

describe('performanceSummary equals the individual metrics bit for bit', () => {
  it('hand-picked edge cases', () => {
    check([0.1, -1, 0.2, 0.05], [-0.1, 0.2, -1, 0.3], { periodsPerYear: 12 });
    check([0.1, -0.1, 0.1, -0.1, 0.5, -0.2, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0], {});
    check([0.01, 0.02, 0.03], [0.01, 0, -0.01], { riskFreeRate: 0.001 });
    check([0.02], [0.01], { periodsPerYear: 252 });
    check([-0.01, -0.02], [0.01, -0.01], { minimumAcceptableReturn: -0.05, omegaThreshold: -0.05 });
  });
  it('random series (fast-check)', () => {
    const ret = fc.integer({ min: -3000, max: 3000 }).map((x) => x / 10000);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(ret, ret), { minLength: 1, maxLength: 80 }),
        fc.integer({ min: -20, max: 20 }),
        fc.constantFrom(undefined, 12, 252),
        (pairs, rfBp, ppy) => {
          const r = pairs.map((p) => p[0]);
          const b = pairs.map((p) => p[1]);
          const o = {
            riskFreeRate: rfBp / 10000,
            minimumAcceptableReturn: rfBp / 20000,
            omegaThreshold: -rfBp / 20000,
            ...(ppy === undefined ? {} : { periodsPerYear: ppy }),
          };
          check(r, b, o);
          check(r, undefined, o);
        },
      ),
      { seed: 42, numRuns: 150 },
    );
  });
});

describe('annualising never returns Infinity', () => {
  it('an overflowing periodsPerYear is a typed error naming periodsPerYear', async () => {
    const { InvalidArgumentError } = await import('../../src/core/errors.ts');
    const { annualizedReturn: ar, calmarRatio: cr, upCapture: uc, moneyWeightedReturn, timeWeightedReturn } = await import('../../src/performance/index.ts');
    const r = [0.5, 0.6, -0.1];
    const b = [0.4, -0.3, 0.2];
    // 1.5 · 1.6 · 0.9 = 2.16 raised to 1e6 / 3 overflows
    for (const f of [
      () => ar(r, { periodsPerYear: 1e6 }),
      () => cr(r, { periodsPerYear: 1e6 }),
      () => uc(r, b, { periodsPerYear: 1e6 }),
      () => performanceSummary(r, { benchmark: b, periodsPerYear: 1e6 }),
      () => moneyWeightedReturn([-1, 3], { periodsPerYear: 1e6 }),
      () => timeWeightedReturn([100, 300, 900], [0, 0], { periodsPerYear: 1e6 }),
    ]) {
      expect(f).toThrow(InvalidArgumentError);
      expect(f).toThrow(/periodsPerYear/);
    }
  });
});
