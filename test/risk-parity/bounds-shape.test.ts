/**
 * Risk-parity `bounds` take the optimisers' shape (`[lo, hi]` or one pair per asset, read by
 * core's `readBoxBounds`, as in src/optimize/portfolio-constraints.ts), with the older
 * `{ lower, upper }` object kept as an alias giving the same portfolio.
 */
import { describe, expect, it } from 'vitest';
import { DimensionError, InfeasibleError, InvalidArgumentError } from '../../src/core/index.ts';
import { equalRiskContribution, hierarchicalRiskParity, riskBudgeting } from '../../src/risk-parity/index.ts';

// vols 10 %, 20 %, 30 %, 40 %, constant correlation 0.5: ERC weights 0.48, 0.24, 0.16, 0.12 (MRT 2010)
const vol = [0.1, 0.2, 0.3, 0.4];
const cov = vol.map((a, i) => vol.map((b, j) => a * b * (i === j ? 1 : 0.5)));

describe('risk parity bounds: [lo, hi], per asset, and the { lower, upper } alias', () => {
  it('two uncorrelated assets capped at 0.6: hand-computed (0.6, 0.4) in every form', () => {
    // unconstrained ERC is σ2/(σ1+σ2) = 2/3 > 0.6, so the cap binds and the rest goes to asset 2
    const c2 = [
      [0.01, 0],
      [0, 0.04],
    ];
    for (const bounds of [
      [0, 0.6],
      [
        [0, 0.6],
        [0, 1],
      ],
      { upper: 0.6 },
      { upper: [0.6, 1] },
    ] as const) {
      const r = equalRiskContribution(c2, { bounds: bounds as never });
      expect(r.weights[0]).toBeCloseTo(0.6, 10);
      expect(r.weights[1]).toBeCloseTo(0.4, 10);
    }
  });
  it('the pair forms give bit-identical results to the equivalent alias', () => {
    const lo = [0.05, 0.05, 0.05, 0.05];
    const hi = [0.4, 0.3, 0.3, 0.3];
    const a = riskBudgeting(cov, { budgets: [1, 2, 3, 4], bounds: lo.map((l, i) => [l, hi[i]!] as [number, number]) });
    const b = riskBudgeting(cov, { budgets: [1, 2, 3, 4], bounds: { lower: lo, upper: hi } });
    expect(a.weights).toEqual(b.weights);
    const c = equalRiskContribution(cov, { bounds: [0.05, 0.4] });
    const d = equalRiskContribution(cov, { bounds: { lower: 0.05, upper: 0.4 } });
    expect(c.weights).toEqual(d.weights);
    expect(c.weights[0]).toBeCloseTo(0.4, 10); // 0.48 capped
    const h1 = hierarchicalRiskParity(cov, { bounds: [0, 0.35] });
    const h2 = hierarchicalRiskParity(cov, { bounds: { upper: 0.35 } });
    expect(h1.weights).toEqual(h2.weights);
  });
  it('shape errors match the optimisers; range and feasibility are checked', () => {
    expect(() => equalRiskContribution(cov, { bounds: [0.3, 0.2] })).toThrow(/`bounds` lower bound \(0.3\) exceeds its upper bound \(0.2\)/);
    expect(() =>
      equalRiskContribution(cov, {
        bounds: [
          [0, 1],
          [0, 1],
        ],
      }),
    ).toThrow(DimensionError);
    expect(() => equalRiskContribution(cov, { bounds: [[0, 1], [0, 1], [0, 1], [0]] as never })).toThrow(/`bounds\[3\]` must be a \[lo, hi\] pair/);
    expect(() => equalRiskContribution(cov, { bounds: [-0.1, 0.5] })).toThrow(/`bounds` must lie within \[0, 1\]/);
    expect(() =>
      equalRiskContribution(cov, {
        bounds: [
          [0, 1],
          [0, 1.2],
          [0, 1],
          [0, 1],
        ],
      }),
    ).toThrow(InvalidArgumentError);
    expect(() => equalRiskContribution(cov, { bounds: [0, 0.2] })).toThrow(InfeasibleError); // 4 · 0.2 < 1
    expect(() => equalRiskContribution(cov, { bounds: 0.5 as never })).toThrow(/must be \[lo, hi\], an array of 4 \[lo, hi\] pairs, or an object/);
    expect(() => equalRiskContribution(cov, { bounds: { uper: 0.5 } as never })).toThrow(/unknown key `bounds.uper`.*Did you mean `upper`\?/);
  });
});
