/**
 * Regression tests for the hardening items of the performance domain: rolling windows in O(T),
 * capture ratios over a million periods, a subnormal Modified Dietz start value, and size caps.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, SizeLimitError } from '../../src/core/errors.ts';
import {
  alpha,
  annualizedReturn,
  annualizedVolatility,
  beta,
  calmarRatio,
  drawdowns,
  moneyWeightedReturn,
  omegaRatio,
  performanceSummary,
  sortinoRatio,
  ulcerIndex,
  downCapture,
  hitRate,
  informationRatio,
  modifiedDietz,
  rollingMetric,
  sharpeRatio,
  trackingError,
  upCapture,
} from '../../src/performance/index.ts';

describe('rollingMetric with a 50,000-period window', () => {
  it('rollingMetric with a 50,000-period window runs in O(T) (took 16 s)', () => {
    const T = 100_000;
    const r = Array.from({ length: T }, (_, i) => Math.sin(i * 0.37) * 0.02 + 0.0003);
    const b = Array.from({ length: T }, (_, i) => Math.cos(i * 0.11) * 0.015);
    for (const m of ['annualizedReturn', 'annualizedVolatility', 'sharpeRatio', 'hitRate', 'trackingError', 'informationRatio'] as const) {
      const v = rollingMetric(r, m, { window: 50_000, benchmark: b, periodsPerYear: 252 });
      expect(v).toHaveLength(50_001);
      expect(v.every((x) => x !== null && Number.isFinite(x))).toBe(true);
    }
    // the last window against the single metric computed from scratch on it
    const last = r.slice(-50_000);
    const v = rollingMetric(r, 'sharpeRatio', { window: 50_000, periodsPerYear: 252 });
    expect(v[v.length - 1]).toBeCloseTo(sharpeRatio(last, { periodsPerYear: 252 }), 12);
  });

  it('the sliding kernels agree with the single metrics to 1e-10 relative; hitRate exactly', () => {
    const one = fc.double({ min: -0.2, max: 0.2, noNaN: true });
    fc.assert(
      fc.property(fc.array(fc.tuple(one, one), { minLength: 70, maxLength: 260 }), fc.integer({ min: 65, max: 70 }), (pairs, window) => {
        // a small deterministic ripple keeps every window non-constant (a constant one is null, tested below)
        const r = pairs.map((p, i) => p[0] + 0.001 * ((i * 7) % 5));
        const b = pairs.map((p, i) => p[1] - 0.001 * ((i * 3) % 4));
        const checks: Array<[Parameters<typeof rollingMetric>[1], (w: number[], wb: number[]) => number]> = [
          ['annualizedReturn', (w) => annualizedReturn(w, { periodsPerYear: 12 })],
          ['annualizedVolatility', (w) => annualizedVolatility(w, { periodsPerYear: 12 })],
          ['sharpeRatio', (w) => sharpeRatio(w, { periodsPerYear: 12, riskFreeRate: 0.001 })],
          ['trackingError', (w, wb) => trackingError(w, wb, { periodsPerYear: 12 })],
          ['informationRatio', (w, wb) => informationRatio(w, wb, { periodsPerYear: 12 })],
        ];
        for (const [m, single] of checks) {
          const v = rollingMetric(r, m, { window, benchmark: b, periodsPerYear: 12, riskFreeRate: 0.001 });
          v.forEach((x, i) => {
            const ref = single(r.slice(i, i + window), b.slice(i, i + window));
            expect(Math.abs((x as number) - ref)).toBeLessThanOrEqual(1e-10 * Math.max(1e-300, Math.abs(ref)));
          });
        }
        const h = rollingMetric(r, 'hitRate', { window, benchmark: b });
        h.forEach((x, i) => expect(x).toBe(hitRate(r.slice(i, i + window), { benchmark: b.slice(i, i + window) })));
      }),
      { seed: 42, numRuns: 40 },
    );
  });

  it('a constant long window gives null for the ratios and 0 volatility', () => {
    const r = Array.from({ length: 200 }, (_, i) => (i < 100 ? 0.01 : 0.01 + (i % 3) * 0.001));
    const s = rollingMetric(r, 'sharpeRatio', { window: 100 });
    expect(s[0]).toBeNull();
    expect(rollingMetric(r, 'annualizedVolatility', { window: 100 })[0]).toBe(0);
  });

  it('size caps: a from-scratch window × windows beyond 1e9 values is a SizeLimitError', () => {
    const r = new Float64Array(80_000).fill(0.01);
    r[1] = -0.02;
    expect(() => rollingMetric(r, 'maxDrawdown', { window: 40_000 })).toThrow(SizeLimitError);
    expect(() => rollingMetric(r, (w) => w[0] as number, { window: 40_000 })).toThrow(/window × windows/);
    // the sliding metrics are not capped by it
    expect(rollingMetric(r, 'hitRate', { window: 40_000 })).toHaveLength(40_001);
  });
});

describe('capture ratios and annualised return over a million periods', () => {
  it('upCapture/downCapture overflow on ~1e6 returns (log(exp(Σ log1p)) gave NaN)', () => {
    const n = 1_000_000;
    const r = new Float64Array(n);
    const b = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      b[i] = i % 2 ? 0.012 : -0.01;
      r[i] = i % 2 ? 0.013 : -0.009;
    }
    // by hand: every up period has fund 1.3 % and benchmark 1.2 %, so the geometric means are those
    // and the ratio is 0.013 / 0.012; likewise down: −0.009 / −0.01 = 0.9
    expect(upCapture(r, b)).toBeCloseTo(0.013 / 0.012, 9);
    expect(downCapture(r, b)).toBeCloseTo(0.9, 9);
    // per-period geometric mean √(1.013 · 0.991) − 1 (Π(1 + r) overflows a double)
    expect(annualizedReturn(r)).toBeCloseTo(Math.sqrt(1.013 * 0.991) - 1, 12);
  });
});

describe('modifiedDietz', () => {
  it('modifiedDietz with a subnormal begin value (5e-324) is a typed error (was Infinity)', () => {
    const call = (): unknown => modifiedDietz(5e-324, 110, [], { start: '2024-01-01', end: '2024-01-31' });
    expect(call).toThrow(InvalidArgumentError);
    expect(call).toThrow(/overflows/);
  });
});

describe('fuzz findings: extreme returns and long horizons', () => {
  const rel = (a: number, b: number): number => Math.abs(a / b - 1);
  it('annualizedVolatility([0.01, 1e308, 0.03]) is finite (was NaN); with periodsPerYear 252 a typed overflow', () => {
    // exact rational arithmetic (Python fractions): sd = 1e308 / √3 = 5.773502691896257e307
    expect(rel(annualizedVolatility([0.01, 1e308, 0.03]), 5.773502691896257e307)).toBeLessThan(1e-15);
    expect(() => annualizedVolatility([0.01, 1e308, 0.03], { periodsPerYear: 252 })).toThrow(InvalidArgumentError);
    expect(() => annualizedVolatility([0.01, 1e308, 0.03], { periodsPerYear: 252 })).toThrow(/annualizedVolatility: .*overflows/);
  });
  it('trackingError([0.02, 1.7e308, 0.03], [0.01, -0.01, 0.02]) is finite (was NaN)', () => {
    // exact rational arithmetic: sd of the differences = 9.814954576223639e307
    expect(rel(trackingError([0.02, 1.7e308, 0.03], [0.01, -0.01, 0.02]), 9.814954576223639e307)).toBeLessThan(1e-15);
    expect(rollingMetric([0.01, 0.02, 1e308, 0.03], 'annualizedVolatility', { window: 3 }).every((v) => Number.isFinite(v))).toBe(true);
  });
  it('alpha / beta / omegaRatio / sortinoRatio with a 1e308 return: the true value, or a typed overflow error (were Infinity)', () => {
    // the intercept itself is finite: exact rational arithmetic (Python fractions) gives 2.568133049803308e307
    expect(rel(alpha([0.02, -0.01, Number.MAX_VALUE], [0.01, -0.01, 0.02]), 2.568133049803308e307)).toBeLessThan(1e-12);
    expect(() => alpha([0.02, -0.01, Number.MAX_VALUE], [0.01, -0.01, 0.02], { periodsPerYear: 12 })).toThrow(/alpha: the result overflows/);
    expect(() => beta([0.02, 1.7e308, 0.03], [0.01, -0.01, 0.02])).toThrow(/beta: the result overflows/);
    expect(() => omegaRatio([0.02, 1.7e308, 0.03, -0.02])).toThrow(/omegaRatio: the result overflows/);
    expect(() => sortinoRatio([0.01, -0.02, 0.03, 1e308])).toThrow(/sortinoRatio: the result overflows/);
  });
  it('beta and alpha are scale-equivariant beyond 2^400 (power-of-two scaling is exact)', () => {
    const r = [0.02, 0.01, 0.03];
    const b = [0.01, 0.005, 0.02];
    const k = 2 ** 1000;
    expect(
      beta(
        r.map((x) => x * k),
        b,
      ),
    ).toBe(beta(r, b) * k);
    expect(
      beta(
        r,
        b.map((x) => x * k),
      ),
    ).toBe(beta(r, b) / k);
    expect(
      alpha(
        r.map((x) => x * k),
        b,
      ),
    ).toBe(alpha(r, b) * k);
  });
  it('drawdowns over 100,000 periods names the period where wealth overflows (was Infinity at wealth[27489])', () => {
    const r = Array.from({ length: 100_000 }, (_, i) => [0.1, -0.2, 0.05, 0.2][i % 4] as number);
    // a float64 running product in Python overflows at period 27488
    expect(() => drawdowns(r)).toThrow(/drawdowns: the wealth index .* overflows double precision .* at period 27488 /);
    // the metrics that need only drawdowns rescale: the cycle's depth is 1 − 0.8 · 1.05 = 0.16 after 1.1, deepest 0.2
    expect(calmarRatio(r, { periodsPerYear: 12 })).toBeGreaterThan(0);
    expect(Number.isFinite(ulcerIndex(r))).toBe(true);
    expect(performanceSummary(r, { periodsPerYear: 12 }).maxDrawdown.depth).toBeCloseTo(0.2, 12);
  });
  it('moneyWeightedReturn on 100,000 flows answers within 2 s (was a hang)', () => {
    const c = Array.from({ length: 100_000 }, (_, i) => (i === 0 ? -1000 : i === 99_999 ? 5000 : 1));
    // at r = 0.001 the NPV is −1000 + (1 − 1.001^−99998)/0.001 + 5000 · 1.001^−99999 ≈ 1e−40: r = 0.001
    expect(moneyWeightedReturn(c).rate).toBeCloseTo(0.001, 12);
    expect(() => moneyWeightedReturn(Array.from({ length: 100_000 }, (_, i) => [-100, -118, 264, -100][i % 4] as number))).toThrow(InvalidArgumentError);
  });
});
