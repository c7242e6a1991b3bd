/**
 * `timeWeightedReturn` accepts flows in two layouts, told apart by length: T entries (days 1..T)
 * or T + 1 entries aligned with the valuations (first entry 0). Reference values are hand-computed
 * below from the sub-period formulas (GIPS / CFA true time-weighted return).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DimensionError } from '../../src/core/index.ts';
import { timeWeightedReturn } from '../../src/performance/index.ts';

describe('timeWeightedReturn: aligned flows column', () => {
  // day 0: 1000; day 1: 1100 (no flow); day 2: 1650 after a 500 contribution; day 3: 1700 after a 100 withdrawal
  const V = [1000, 1100, 1650, 1700];
  const aligned = [0, 0, 500, -100];
  const short = [0, 500, -100];

  it('end-of-day flows, hand-computed: 1100/1000 · 1150/1100 · 1800/1650 − 1 = 2070/1650 − 1', () => {
    const r = timeWeightedReturn(V, aligned);
    // (V_t − F_t) / V_{t−1} − 1 per day
    expect(r.subPeriodReturns[0]).toBeCloseTo(0.1, 15);
    expect(r.subPeriodReturns[1]).toBeCloseTo(1150 / 1100 - 1, 15);
    expect(r.subPeriodReturns[2]).toBeCloseTo(1800 / 1650 - 1, 15);
    expect(r.return).toBeCloseTo(2070 / 1650 - 1, 14); // 0.254545...
  });

  it('start-of-day flows, hand-computed: 1.1 · 1650/1600 · 1700/1550 − 1', () => {
    const r = timeWeightedReturn(V, aligned, { flowTiming: 'start-of-day' });
    // V_t / (V_{t−1} + F_t) − 1 per day
    expect(r.subPeriodReturns[1]).toBeCloseTo(0.03125, 15);
    expect(r.subPeriodReturns[2]).toBeCloseTo(1700 / 1550 - 1, 15);
    expect(r.return).toBeCloseTo(1.1 * (1650 / 1600) * (1700 / 1550) - 1, 14);
  });

  it('both layouts give identical results (property, fixed seed)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: -0.05, max: 0.05, noNaN: true }), fc.double({ min: -10, max: 50, noNaN: true })), { minLength: 1, maxLength: 20 }),
        fc.constantFrom('end-of-day' as const, 'start-of-day' as const),
        (steps, flowTiming) => {
          const vals = [1000]; // values stay above 1000 · 0.95^20 − 20 · 10 > 0
          const fl: number[] = [];
          for (const [g, f] of steps) {
            const prev = vals[vals.length - 1] as number;
            vals.push(flowTiming === 'end-of-day' ? prev * (1 + g) + f : (prev + f) * (1 + g));
            fl.push(f);
          }
          const a = timeWeightedReturn(vals, fl, { flowTiming });
          const b = timeWeightedReturn(vals, [0, ...fl], { flowTiming });
          expect(b).toEqual(a);
        },
      ),
      { seed: 20261208, numRuns: 200 },
    );
  });

  it('the short layout is unchanged, and other lengths or a non-zero first aligned entry throw', () => {
    expect(timeWeightedReturn(V, short)).toEqual(timeWeightedReturn(V, aligned));
    expect(() => timeWeightedReturn(V, [500, 0, 500, -100])).toThrow(DimensionError);
    expect(() => timeWeightedReturn(V, [500, 0, 500, -100])).toThrow(/first entry must be 0, got 500/);
    expect(() => timeWeightedReturn(V, [0, 0])).toThrow(/must have 3 entries .* or 4 \(aligned/);
    expect(() => timeWeightedReturn(V, [0, 0, 0, 0, 0])).toThrow(DimensionError);
  });
});
