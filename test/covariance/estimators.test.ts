/**
 * Reference tests of EWMA, semicovariance, correlation conversions and diagnostics against
 * pandas / numpy (fixture: scripts/fixtures/covariance/estimators.py).
 */
import { describe, expect, it } from 'vitest';
import {
  correlationFromCovariance,
  covarianceDiagnostics,
  covarianceFromCorrelation,
  ewmaCovariance,
  sampleCovariance,
  semicovariance,
} from '../../src/covariance/index.ts';
import { expectClose } from '../helpers.ts';
import { estimatorCases, maxAbs } from './fixture.ts';

type Cov = { covariance: number[][] };

describe.each(estimatorCases().map((c) => [c.name, c] as const))('reference case %s', (_name, c) => {
  const R = c.returns;
  const sample = c['sample'] as number[][];
  const atol = 1e-12 * maxAbs(sample);

  it('ewmaCovariance recursive equals pandas ewm(adjust=False) and the RiskMetrics loop', () => {
    const ref = c['ewmaRecursive'] as Cov;
    const res = ewmaCovariance(R);
    expect(res.lambda).toBe(0.94);
    expect(res.form).toBe('recursive');
    expectClose(res.covariance, ref.covariance, { rtol: 1e-12, atol, label: 'recursive' });
  });

  it('ewmaCovariance normalized + demean equals pandas ewm(adjust=True) on demeaned products', () => {
    const ref = c['ewmaNormalizedDemeaned'] as Cov;
    const res = ewmaCovariance(R, { lambda: 0.94, form: 'normalized', demean: true });
    expect(res.demeaned).toBe(true);
    expectClose(res.covariance, ref.covariance, { rtol: 1e-12, atol, label: 'normalized' });
  });

  it('ewmaCovariance with halfLife 30 equals pandas ewm(halflife=30)', () => {
    const ref = c['ewmaHalfLife30Normalized'] as Cov;
    const res = ewmaCovariance(R, { halfLife: 30, form: 'normalized' });
    expectClose(res.halfLife, 30, { rtol: 1e-12 });
    expectClose(res.covariance, ref.covariance, { rtol: 1e-11, atol, label: 'halfLife' });
  });

  it('semicovariance equals (1/T) dᵀd with d = min(r − b, 0) (PyPortfolioOpt convention)', () => {
    expectClose(semicovariance(R).covariance, c['semicovariance'], { rtol: 1e-12, atol, label: 'b=0' });
    const ref = c['semicovarianceBenchmark'] as Cov & { benchmark: number };
    expectClose(semicovariance(R, { benchmark: ref.benchmark }).covariance, ref.covariance, { rtol: 1e-12, atol, label: 'b' });
    const perPeriod = new Array<number>(c.T).fill(ref.benchmark);
    expectClose(semicovariance(R, { benchmark: perPeriod }).covariance, ref.covariance, { rtol: 1e-12, atol, label: 'b vector' });
  });

  it('correlationFromCovariance equals numpy.corrcoef and round-trips', () => {
    const { correlation, volatilities } = correlationFromCovariance(sampleCovariance(R).covariance);
    expectClose(correlation, c['correlation'], { rtol: 1e-12, atol: 1e-13, label: 'corr' });
    expect(correlation.diagonal().every((d) => d === 1)).toBe(true);
    const back = covarianceFromCorrelation(correlation, volatilities).covariance;
    expectClose(back, sample, { rtol: 1e-12, atol, label: 'round trip' });
  });

  it('covarianceDiagnostics equals numpy eigvalsh and the Roy-Vetterli effective rank', () => {
    const ref = c['diagnostics'] as { eigenvalues: number[]; conditionNumber: number | null; effectiveRank: number };
    const d = covarianceDiagnostics(R);
    expect(d.input).toBe('returns');
    expect(d.observations).toBe(c.T);
    expect(d.observationsPerAsset).toBe(c.T / c.n);
    const top = ref.eigenvalues[ref.eigenvalues.length - 1]!;
    expectClose(d.eigenvalues, ref.eigenvalues, { rtol: 1e-10, atol: 1e-13 * top, label: 'eigenvalues' });
    expectClose(d.effectiveRank, ref.effectiveRank, { rtol: 1e-10, label: 'effective rank' });
    const fromCov = covarianceDiagnostics(sample);
    expect(fromCov.input).toBe('covariance');
    expectClose(fromCov.eigenvalues, ref.eigenvalues, { rtol: 1e-10, atol: 1e-13 * top });
    if (c.n > c.T) {
      expect(d.positiveDefinite).toBe(false);
      expect(d.conditionNumber).toBeNull();
      expect(d.verdict).toMatch(/^Singular: .*ledoitWolf/);
    } else {
      expect(d.positiveDefinite).toBe(true);
      expectClose(d.conditionNumber, ref.conditionNumber, { rtol: 1e-9, label: 'condition number' });
      expect(JSON.parse(JSON.stringify(d))).toEqual(d);
    }
  });
});

describe('covarianceDiagnostics verdicts', () => {
  it('says well-conditioned for the identity, and gives effective rank n', () => {
    const d = covarianceDiagnostics([
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ]);
    expect(d.effectiveRank).toBeCloseTo(3, 12);
    expect(d.conditionNumber).toBe(1);
    expect(d.verdict).toMatch(/^Well-conditioned/);
  });
  it('flags an ill-conditioned matrix', () => {
    const d = covarianceDiagnostics([
      [1, 0],
      [0, 1e-6],
    ]);
    expect(d.conditionNumber).toBeCloseTo(1e6, 3);
    expect(d.verdict).toMatch(/^Ill-conditioned .*ledoitWolf/);
  });
  it('flags an indefinite matrix and suggests nearestPositiveDefinite', () => {
    const d = covarianceDiagnostics([
      [1, 0.9, 0.1],
      [0.9, 1, 0.9],
      [0.1, 0.9, 1],
    ]);
    expect(d.positiveDefinite).toBe(false);
    expect(d.smallestEigenvalue).toBeLessThan(0);
    expect(d.verdict).toMatch(/nearestPositiveDefinite/);
  });
  it('effective rank of a rank-one matrix is 1', () => {
    expect(
      covarianceDiagnostics([
        [1, 2],
        [2, 4],
      ]).effectiveRank,
    ).toBeCloseTo(1, 6);
  });
  it('flags few observations per asset', () => {
    const r = Array.from({ length: 12 }, (_, t) => [Math.sin(t), Math.cos(3 * t), Math.sin(5 * t + 1)]);
    const d = covarianceDiagnostics(r);
    expect(d.observationsPerAsset).toBe(4);
    expect(d.verdict).toMatch(/periods per asset/);
  });
  it('respects input: "returns" for a symmetric square returns matrix', () => {
    const r = [
      [0.01, 0.02],
      [0.02, 0.01],
    ];
    expect(covarianceDiagnostics(r).input).toBe('covariance');
    expect(covarianceDiagnostics(r, { input: 'returns' }).input).toBe('returns');
  });
});
