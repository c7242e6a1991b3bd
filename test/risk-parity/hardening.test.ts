/**
 * Hardening (issue 25) for risk parity: the allocators are scale-invariant, so a subnormal or
 * near-overflow covariance gives the weights of the same covariance at unit scale (each is
 * divided by an exact power of two first). Expected weights by hand: symmetric inputs give
 * [0.5, 0.5]; for a diagonal covariance HRP's split is inverse-variance, w₀ = v₁ / (v₀ + v₁),
 * and ERC is inverse-volatility, w₀ = σ₁ / (σ₀ + σ₁).
 */
import { describe, expect, it } from 'vitest';
import { equalRiskContribution, hierarchicalEqualRiskContribution, hierarchicalRiskParity, riskBudgeting } from '../../src/risk-parity/index.ts';
import { SizeLimitError } from '../../src/core/errors.ts';

const subnormal = [
  [5e-324, 0],
  [0, 5e-324],
];
const subnormal2 = [
  [1e-310, 1e-311],
  [1e-311, 1e-310],
];

describe('HRP on a subnormal covariance (issue 25: "HRP on a subnormal covariance NaN weights")', () => {
  it('hierarchicalRiskParity([[5e-324,0],[0,5e-324]]) is [0.5, 0.5]', () => {
    const r = hierarchicalRiskParity(subnormal);
    expect(r.weights).toEqual([0.5, 0.5]);
    // variances are reported in the input's units
    expect(r.bisections[0]?.leftVariance).toBe(5e-324);
  });
  it('hierarchicalRiskParity([[1e-310,1e-311],[1e-311,1e-310]]) is [0.5, 0.5], both split rules', () => {
    expect(hierarchicalRiskParity(subnormal2).weights).toEqual([0.5, 0.5]);
    expect(hierarchicalRiskParity(subnormal2, { split: 'dendrogram' }).weights).toEqual([0.5, 0.5]);
  });
  it('HERC on both subnormal covariances is [0.5, 0.5]', () => {
    expect(hierarchicalEqualRiskContribution(subnormal).weights).toEqual([0.5, 0.5]);
    const h = hierarchicalEqualRiskContribution(subnormal2, { clusters: 2 });
    expect(h.weights).toEqual([0.5, 0.5]);
    expect(h.clusters[0]?.variance).toBe(1e-310);
  });
  it('a near-overflow diagonal [1.7e308, 1e308]: inverse-variance split 1/2.7 (was [1, 0])', () => {
    const cov = [
      [1.7e308, 0],
      [0, 1e308],
    ];
    for (const split of ['halving', 'dendrogram'] as const) {
      const w = hierarchicalRiskParity(cov, { split }).weights;
      expect(w[0]).toBeCloseTo(1 / 2.7, 14);
      expect(w[1]).toBeCloseTo(1.7 / 2.7, 14);
    }
    const h = hierarchicalEqualRiskContribution(cov).weights;
    expect(h[0]).toBeCloseTo(1 / 2.7, 14);
  });
});

describe('risk budgeting on subnormal and huge covariances (issue 25, same item)', () => {
  it('equalRiskContribution([[5e-324,0],[0,5e-324]]) is [0.5, 0.5] with volatility √(2.5e-324)', () => {
    const r = equalRiskContribution(subnormal);
    expect(r.weights).toEqual([0.5, 0.5]);
    expect(r.converged).toBe(true);
    // wᵀΣw = 0.25 · 2 · 2^-1074 = 2^-1075; √ = 2^-537.5
    expect(r.volatility / Math.pow(2, -537.5)).toBeCloseTo(1, 14);
  });
  it('riskBudgeting on the subnormal covariance meets the budgets', () => {
    const r = riskBudgeting(subnormal, { budgets: [0.7, 0.3] });
    expect(r.riskContributions[0]).toBeCloseTo(0.7, 10);
    expect(r.weights.every(Number.isFinite)).toBe(true);
  });
  it('ERC on a near-overflow diagonal is inverse-volatility', () => {
    const r = equalRiskContribution([
      [1.7e308, 0],
      [0, 1e308],
    ]);
    const s0 = Math.sqrt(1.7);
    expect(r.weights[0]).toBeCloseTo(1 / (1 + s0), 12);
    expect(Number.isFinite(r.volatility)).toBe(true);
  });
});

describe('variances many orders of magnitude apart (issue 25, item 5: fuzz)', () => {
  // Σ = diag(1, 1e-300, 1): 1/Σ_ii squared overflowed, and HRP / HERC reported a "non-PSD" NaN
  // cluster variance. Inverse variance by hand: w₁ = 1e300 / (2 + 1e300) = 1 to double precision.
  const cov = [
    [1, 0, 0],
    [0, 1e-300, 0],
    [0, 0, 1],
  ];
  it('HRP (both split rules) puts everything on the tiny-variance asset', () => {
    expect(hierarchicalRiskParity(cov).weights).toEqual([0, 1, 0]);
    expect(hierarchicalRiskParity(cov, { split: 'dendrogram' }).weights).toEqual([0, 1, 0]);
  });
  it('HERC gives finite weights summing to 1', () => {
    const w = hierarchicalEqualRiskContribution(cov).weights;
    expect(w.every(Number.isFinite)).toBe(true);
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
  });
});

describe('size cap of the hierarchical allocators (issue 25: size caps)', () => {
  it('more than SIZE_CAPS.denseAssets assets is refused before the covariance and distances are built', () => {
    const n = 5_001;
    const returns = [new Array(n).fill(0.01), new Array(n).fill(-0.01).map((v, i) => v * (1 + i / n)), new Array(n).fill(0.02)];
    expect(() => hierarchicalRiskParity(returns, { input: 'returns' })).toThrow(SizeLimitError);
    expect(() => hierarchicalEqualRiskContribution(returns, { input: 'returns' })).toThrow(SizeLimitError);
  });
});
