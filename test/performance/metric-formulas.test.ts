/**
 * The closing formulas shared by the single-metric functions and the fused kernel of
 * `performanceSummary` (src/performance/metric-formulas.ts), on values computed by hand (cited per
 * case), plus the drawdown pass they now share with `calmarRatio` / `ulcerIndex`.
 */
import { describe, expect, it } from 'vitest';
import {
  annualizeAlpha,
  annualizeDispersion,
  annualizeGrowth,
  capmFrom,
  growthFromLog,
  psrFrom,
  scaledRatio,
  sdFromSums,
  sortinoFrom,
  standardizedMoments,
  ulcerFrom,
} from '../../src/performance/metric-formulas.ts';
import { scanDrawdowns } from '../../src/performance/summary-kernel.ts';

describe('metric formulas (hand-computed)', () => {
  it('geometric annualisation', () => {
    // 1.21 over 24 months at 12 per year: 1.21^(1/2) − 1 = 0.1
    expect(annualizeGrowth(1.21, 24, 12)).toBeCloseTo(0.1, 15);
    expect(annualizeGrowth(0, 5, 12)).toBe(-1); // a total loss
    expect(growthFromLog(Math.log(1.21), false)).toBeCloseTo(1.21, 15);
    expect(growthFromLog(123, true)).toBe(0);
  });

  it('dispersion and ratios', () => {
    // 1, 2, 3, 4: deviations ±0.5, ±1.5, Σd² = 5, Σd = 0, sample sd = √(5/3)
    expect(sdFromSums(5, 0, 4)).toBeCloseTo(Math.sqrt(5 / 3), 15);
    expect(sdFromSums(5, 0, 4, 0)).toBeCloseTo(Math.sqrt(5 / 4), 15);
    expect(annualizeDispersion(0.01, 252)).toBeCloseTo(0.01 * Math.sqrt(252), 15);
    expect(scaledRatio(0.01, 0.02, 4)).toBeCloseTo(1, 15); // (0.01 / 0.02)·√4
    expect(sortinoFrom(0.06, 3, 0.02, 4)).toBeCloseTo(2, 15); // (0.06 / 3 / 0.02)·√4
    expect(ulcerFrom(0.02, 2)).toBeCloseTo(0.1, 15); // √(0.02 / 2)
  });

  it('moments, CAPM and PSR', () => {
    // 1, 2, 3, 4: Σd² = 5, Σd³ = 0, Σd⁴ = 2·1.5⁴ + 2·0.5⁴ = 10.25; m2 = 1.25, g2 + 3 = 10.25 / 4 / 1.5625 = 1.64
    const m = standardizedMoments(4, 5, 0, 10.25);
    expect(m.m2).toBe(1.25);
    expect(m.g3).toBe(0);
    expect(m.g4).toBeCloseTo(1.64, 14);
    // Σxy = 2, Σxx = 4: β = 0.5, α = 0.03 − 0.5·0.01 = 0.025 per period, 0.3 a year at 12
    const c = capmFrom(2, 4, 0.03, 0.01);
    expect(c?.beta).toBe(0.5);
    expect(c?.alpha).toBeCloseTo(0.025, 15);
    expect(annualizeAlpha(0.025, 12)).toBeCloseTo(0.3, 15);
    expect(capmFrom(1, 0, 0, 0)).toBeUndefined(); // constant benchmark
    expect(psrFrom(0.1, 0.1, 10, 1)).toBe(0.5); // Φ(0)
  });

  it('the drawdown pass', () => {
    // wealth 1 → 1.1 → 0.88 → 0.968 → 1.1616: one episode from peak 1 (position 1) to trough 2,
    // depth 1 − 0.88 / 1.1 = 0.2, recovered at position 4, length 3; Σ D² = 0.2² + 0.12²
    const s = scanDrawdowns(new Float64Array([0.1, -0.2, 0.1, 0.2]));
    expect(s.depth).toBeCloseTo(0.2, 15);
    expect([s.peak, s.trough, s.recovery, s.longest]).toEqual([1, 2, 4, 3]);
    expect(s.ulcer2).toBeCloseTo(0.2 ** 2 + 0.12 ** 2, 15);
    expect(scanDrawdowns(new Float64Array([0.01, 0.02]))).toEqual({ depth: 0, peak: null, trough: null, recovery: null, longest: 0, ulcer2: 0 });
  });
});
