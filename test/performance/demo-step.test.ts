/** The demo's performance step runs on the committed sample data and its linked attribution adds up. */
import { describe, expect, it } from 'vitest';
import { runPerformanceStep } from '../../examples/demo-steps/performance.ts';
import { loadSampleData } from '../helpers.ts';

describe('demo step: performance', () => {
  it('prints the summary and a sector attribution whose linked effects add up', () => {
    const d = loadSampleData();
    const P: number[][] = d.prices.slice(0, 300);
    const R = P.slice(1).map((row, t) => row.map((p, i) => p / P[t]![i]! - 1));
    const n = d.assets.length;
    const w = Array.from({ length: n }, (_, i) => (i < 10 ? 2 : 1) / (n + 10));
    const text = runPerformanceStep({
      returns: R,
      weights: w,
      sectors: d.assets.map((a: { sector: string }) => a.sector),
      periodsPerYear: d.periodsPerYear,
      riskFreeRate: d.riskFreeRatePerDay,
    });
    expect(text).toContain('annualised return');
    expect(text).toContain('Brinson–Fachler attribution by sector');
    const diff = Number(/difference ([0-9.e+-]+)\)/.exec(text)![1]);
    expect(diff).toBeLessThan(1e-14);
    // the geometric line: (1 + A)(1 + S) − 1 printed equal to the geometric excess
    const m = /= ([-0-9.]+) % = geometric excess \(1 \+ R\)\/\(1 \+ B\) − 1 = ([-0-9.]+) %/.exec(text)!;
    expect(m[1]).toBe(m[2]);
  });
});
