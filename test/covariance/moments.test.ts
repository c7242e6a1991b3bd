/**
 * moments(): the numbers are the wrapped estimators' own (bit for bit), the object is frozen and
 * labelled, and every function that takes a covariance gives on a Moments exactly what it gives
 * on the same covariance as a plain matrix (and its `mu` where it takes `mu`), labelled by the
 * Moments' assets without an `assets` option.
 */
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/core/errors.ts';
import { ewmaCovariance, ledoitWolf, oracleApproximatingShrinkage, sampleCovariance, semicovariance, shrunkCovariance } from '../../src/covariance/index.ts';
import { capmReturn, emaHistoricalReturn, meanHistoricalReturn, moments } from '../../src/expected-returns/index.ts';
import {
  efficientFrontier,
  efficientReturn,
  efficientRisk,
  inverseVolatility,
  kelly,
  maxDiversification,
  maxQuadraticUtility,
  maxSharpe,
  minVariance,
  portfolioPerformance,
} from '../../src/optimize/index.ts';
import {
  equalRiskContribution,
  hierarchicalEqualRiskContribution,
  hierarchicalRiskParity,
  riskBudgeting,
  riskContributions,
} from '../../src/risk-parity/index.ts';
import { blackLitterman } from '../../src/black-litterman/index.ts';
import { componentRisk, hypotheticalStress, incrementalVaR, monteCarloVaR, reverseStress } from '../../src/risk/index.ts';

/** Deterministic returns: 60 periods x 4 assets from a linear congruential generator (values in ±3 %, plus drifts). */
function returnsTable(): { dates: string[]; assets: string[]; values: number[][] } {
  let s = 12345;
  const u = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const T = 60;
  const drift = [0.004, 0.002, 0.006, 0.001];
  const values = Array.from({ length: T }, () => {
    const m = 0.02 * (u() - 0.5);
    return drift.map((d, j) => d + (0.5 + 0.3 * j) * m + 0.03 * (u() - 0.5));
  });
  const dates = Array.from({ length: T }, (_, t) => new Date(Date.UTC(2024, 0, 1 + t)).toISOString().slice(0, 10));
  return { dates, assets: ['AAA', 'BBB', 'CCC', 'DDD'], values };
}

const bits = (a: ArrayLike<number>): number[] => Array.from(a);
const R = returnsTable();
const market = R.values.map((r) => r.reduce((a, v) => a + v, 0) / r.length);

describe('moments() wraps the estimators, bit for bit', () => {
  const cases = [
    ['sample', () => sampleCovariance(R)],
    ['ledoit-wolf', () => ledoitWolf(R)],
    ['oas', () => oracleApproximatingShrinkage(R)],
    ['shrunk', () => shrunkCovariance(R, { shrinkage: 0.2 })],
    ['ewma', () => ewmaCovariance(R, { lambda: 0.94 })],
    ['semicovariance', () => semicovariance(R, { benchmark: 0 })],
  ] as const;
  const nested: Record<string, object> = { shrunk: { shrinkage: 0.2 }, ewma: { lambda: 0.94 }, semicovariance: { benchmark: 0 } };
  for (const [kind, direct] of cases) {
    it(`covariance '${kind}'`, () => {
      const m = moments(R, { covariance: kind, ...(nested[kind] ? { covarianceOptions: nested[kind] } : {}) });
      const d = direct();
      expect(bits(m.covariance.data)).toEqual(bits(d.covariance.data));
      expect(m.observations).toBe(d.observations);
      expect(m.estimator).toBe(kind);
      expect(m.assets).toEqual(R.assets);
      expect(m.mu).toBeUndefined();
    });
  }
  it("mean 'historical', 'ema', 'capm'", () => {
    expect(moments(R, { mean: 'historical' }).mu).toEqual(meanHistoricalReturn(R).expectedReturns);
    expect(moments(R, { mean: 'ema', meanOptions: { span: 20 } }).mu).toEqual(emaHistoricalReturn(R, { span: 20 }).expectedReturns);
    const capm = moments(R, { mean: 'capm', marketReturns: market, meanOptions: { riskFreeRate: 0.0001 } });
    expect(capm.mu).toEqual(capmReturn(R, market, { riskFreeRate: 0.0001 }).expectedReturns);
    expect(capm.meanEstimator).toBe('capm');
  });
  it('is frozen, records periodsPerYear, labels an unlabelled matrix from `assets`', () => {
    const m = moments(R.values, { mean: 'historical', periodsPerYear: 252, assets: ['w', 'x', 'y', 'z'] });
    expect(Object.isFrozen(m) && Object.isFrozen(m.mu) && Object.isFrozen(m.assets)).toBe(true);
    expect(m.periodsPerYear).toBe(252);
    expect(m.assets).toEqual(['w', 'x', 'y', 'z']);
    expect(moments(R.values).assets).toBeNull();
    expect(() => ((m as { estimator: string }).estimator = 'x')).toThrow(TypeError);
  });
  it('refuses bad options', () => {
    expect(() => moments(R, { mean: 'capm' })).toThrow(/`marketReturns` is required/);
    expect(() => moments(R, { covariance: 'nope' as 'sample' })).toThrow(InvalidArgumentError);
    expect(() => moments(R, { covarianceOptions: { assets: ['a'] } as object })).toThrow(/at the top level/);
    expect(() => moments(R, { meanOptions: {} })).toThrow(/needs `mean`/);
    expect(() => moments(R, { periodsPerYear: 0 })).toThrow(/must be positive/);
    expect(() => moments(R, { bogus: 1 } as object)).toThrow(InvalidArgumentError);
  });
});

describe('a Moments gives what its covariance gives (bit for bit), labelled', () => {
  const m = moments(R, { covariance: 'ledoit-wolf', mean: 'historical' });
  const cov = m.covariance.toArray();
  const mu = m.mu as number[];
  const w = [0.4, 0.3, 0.2, 0.1];
  const byAsset = (weights: number[]) => Object.fromEntries(R.assets.map((a, i) => [a, weights[i]]));

  it('optimisers: cov-first functions', () => {
    const a = minVariance(m);
    const b = minVariance(cov, { mu });
    expect(a.weights).toEqual(b.weights);
    expect(a.expectedReturn).toBe(b.expectedReturn); // the Moments' mu reports the return
    expect(a.weightsByAsset).toEqual(byAsset(b.weights));
    expect(maxDiversification(m).weights).toEqual(maxDiversification(cov).weights);
    expect(maxDiversification(m).weightsByAsset).toEqual(byAsset(maxDiversification(cov).weights));
    expect(inverseVolatility(m)).toEqual(inverseVolatility(cov, { assets: R.assets }));
  });
  it('optimisers: mu-first functions as f(moments, ...) and f(mu, moments, ...)', () => {
    const rf = 0.0005;
    const ms = maxSharpe(mu, cov, { riskFreeRate: rf });
    expect(maxSharpe(m, { riskFreeRate: rf }).weights).toEqual(ms.weights);
    expect(maxSharpe(mu, m, { riskFreeRate: rf }).weightsByAsset).toEqual(byAsset(ms.weights));
    const target = 0.5 * (Math.min(...mu) + Math.max(...mu));
    expect(efficientReturn(m, target).weights).toEqual(efficientReturn(mu, cov, target).weights);
    const vol = Math.sqrt(cov[0]![0]!) * 0.9;
    expect(efficientRisk(m, vol).weights).toEqual(efficientRisk(mu, cov, vol).weights);
    expect(maxQuadraticUtility(m, { riskAversion: 2 }).weights).toEqual(maxQuadraticUtility(mu, cov, { riskAversion: 2 }).weights);
    const f1 = efficientFrontier(m, { points: 5 });
    const f2 = efficientFrontier(mu, cov, { points: 5, assets: R.assets });
    expect(f1).toEqual(f2);
    expect(kelly(m, { fraction: 0.5 })).toEqual(kelly(mu, cov, { fraction: 0.5, assets: R.assets }));
    expect(portfolioPerformance(w, m)).toEqual(portfolioPerformance(w, mu, cov));
  });
  it('risk parity', () => {
    expect(equalRiskContribution(m)).toEqual(equalRiskContribution(cov, { assets: R.assets }));
    expect(riskBudgeting(m, { budgets: [0.4, 0.3, 0.2, 0.1] })).toEqual(riskBudgeting(cov, { budgets: [0.4, 0.3, 0.2, 0.1], assets: R.assets }));
    expect(riskContributions(w, m)).toEqual(riskContributions(w, cov, { assets: R.assets }));
    expect(hierarchicalRiskParity(m)).toEqual(hierarchicalRiskParity(cov, { assets: R.assets }));
    expect(hierarchicalEqualRiskContribution(m)).toEqual(hierarchicalEqualRiskContribution(cov, { assets: R.assets }));
    expect(hierarchicalRiskParity(m).weightsByAsset).toBeDefined();
    expect(() => hierarchicalRiskParity(m, { input: 'returns' })).toThrow(/is a Moments/);
  });
  it('Black-Litterman', () => {
    const input = { prior: mu, views: [{ type: 'absolute', asset: 'AAA', return: 0.01 }] };
    const a = blackLitterman({ ...input, cov: m } as Parameters<typeof blackLitterman>[0]);
    const b = blackLitterman({ ...input, cov, assets: R.assets } as Parameters<typeof blackLitterman>[0]);
    expect(a).toEqual(b);
    expect(a.posteriorReturnsByAsset).toBeDefined();
  });
  it('risk functions (mu from the Moments where they take mu)', () => {
    expect(componentRisk(w, m, { measure: 'var' })).toEqual(componentRisk(w, cov, { measure: 'var', mu, assets: R.assets }));
    expect(componentRisk(byAsset(w) as Record<string, number>, m)).toEqual(componentRisk(w, cov, { assets: R.assets }));
    expect(incrementalVaR(w, m, [0.1, -0.1, 0, 0])).toEqual(incrementalVaR(w, cov, [0.1, -0.1, 0, 0], { mu }));
    expect(reverseStress(w, m, { loss: 0.05 })).toEqual(reverseStress(w, cov, { loss: 0.05, mu, assets: R.assets }));
    expect(hypotheticalStress(w, { AAA: -0.1 }, { cov: m })).toEqual(hypotheticalStress(w, { AAA: -0.1 }, { cov, assets: R.assets }));
    const mc = { weights: w, paths: 2000, seed: 7 };
    expect(monteCarloVaR({ ...mc, cov: m })).toEqual(monteCarloVaR({ ...mc, cov, mu }));
  });
  it('refuses a Moments without mu where mu is needed, and assets that disagree', () => {
    const noMu = moments(R);
    expect(() => maxSharpe(noMu)).toThrow(/has no `mu`/);
    expect(() => minVariance(m, { assets: ['a', 'b', 'c', 'd'] })).toThrow(/must match the assets of the Moments/);
    expect(minVariance(m, { assets: R.assets }).weights).toEqual(minVariance(cov).weights);
  });
});
