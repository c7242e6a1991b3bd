/**
 * Reference tests of the sample and shrinkage estimators against numpy / scikit-learn and the
 * Ledoit-Wolf papers' formulas (fixture: scripts/fixtures/covariance/estimators.py).
 */
import { describe, expect, it } from 'vitest';
import { ledoitWolf, oracleApproximatingShrinkage, sampleCovariance, shrunkCovariance } from '../../src/covariance/index.ts';
import { expectClose } from '../helpers.ts';
import { estimatorCases, maxAbs } from './fixture.ts';

type Shrunk = { covariance: number[][]; shrinkage: number };

describe.each(estimatorCases().map((c) => [c.name, c] as const))('reference case %s', (_name, c) => {
  const R = c.returns;
  const sample = c['sample'] as number[][];
  // entries near zero are compared to an absolute floor of 1e-12 of the largest entry
  const atol = 1e-12 * maxAbs(sample);

  it('sampleCovariance equals numpy.cov (ddof 1 and 0)', () => {
    expectClose(sampleCovariance(R).covariance, sample, { rtol: 1e-12, atol, label: 'ddof=1' });
    expectClose(sampleCovariance(R, { ddof: 0 }).covariance, c['sampleDdof0'], { rtol: 1e-12, atol, label: 'ddof=0' });
  });

  it('ledoitWolf identity equals scikit-learn LedoitWolf', () => {
    const ref = c['ledoitWolfIdentity'] as Shrunk;
    const res = ledoitWolf(R);
    expect(res.target).toBe('identity');
    expectClose(res.shrinkage, ref.shrinkage, { rtol: 1e-12, label: 'shrinkage' });
    expectClose(res.covariance, ref.covariance, { rtol: 1e-12, atol, label: 'covariance' });
  });

  it('ledoitWolf constant-correlation equals the formulas of Ledoit & Wolf (2004)', () => {
    const ref = c['ledoitWolfConstantCorrelation'] as Shrunk & { target: number[][]; averageCorrelation: number };
    const res = ledoitWolf(R, { target: 'constant-correlation' });
    expectClose(res.averageCorrelation, ref.averageCorrelation, { rtol: 1e-12, label: 'rBar' });
    expectClose(res.shrinkage, ref.shrinkage, { rtol: 1e-12, label: 'shrinkage' });
    expectClose(res.targetMatrix, ref.target, { rtol: 1e-12, atol, label: 'target' });
    expectClose(res.covariance, ref.covariance, { rtol: 1e-12, atol, label: 'covariance' });
  });

  it('ledoitWolf single-factor equals the formulas of Ledoit & Wolf (2003)', () => {
    const ref = c['ledoitWolfSingleFactor'] as Shrunk & { target: number[][]; marketVariance: number };
    const res = ledoitWolf(R, { target: 'single-factor' });
    expectClose(res.marketVariance, ref.marketVariance, { rtol: 1e-12, label: 's00' });
    expectClose(res.shrinkage, ref.shrinkage, { rtol: 1e-12, label: 'shrinkage' });
    expectClose(res.targetMatrix, ref.target, { rtol: 1e-12, atol, label: 'target' });
    expectClose(res.covariance, ref.covariance, { rtol: 1e-12, atol, label: 'covariance' });
  });

  it('oracleApproximatingShrinkage equals scikit-learn OAS', () => {
    const ref = c['oas'] as Shrunk;
    const res = oracleApproximatingShrinkage(R);
    expectClose(res.shrinkage, ref.shrinkage, { rtol: 1e-12, label: 'shrinkage' });
    expectClose(res.covariance, ref.covariance, { rtol: 1e-12, atol, label: 'covariance' });
  });

  it('shrunkCovariance equals scikit-learn ShrunkCovariance', () => {
    for (const key of ['shrunk', 'shrunk03']) {
      const ref = c[key] as Shrunk;
      const res = shrunkCovariance(R, { shrinkage: ref.shrinkage });
      expectClose(res.covariance, ref.covariance, { rtol: 1e-12, atol, label: key });
    }
  });
});

describe('more assets than observations', () => {
  const wide = estimatorCases().find((c) => c.name === 'wide-40x60')!;
  it('the case really is wide', () => {
    expect(wide.n).toBeGreaterThan(wide.T);
  });
  it('shrinkage estimators are positive definite while the sample covariance is singular', async () => {
    const { symmetricEigen } = await import('../../src/core/linalg.ts');
    const sample = symmetricEigen(sampleCovariance(wide.returns).covariance).values;
    expect(sample[0]!).toBeLessThan(1e-12 * sample[sample.length - 1]!);
    for (const res of [
      ledoitWolf(wide.returns),
      ledoitWolf(wide.returns, { target: 'constant-correlation' }),
      ledoitWolf(wide.returns, { target: 'single-factor' }),
      oracleApproximatingShrinkage(wide.returns),
      shrunkCovariance(wide.returns),
    ]) {
      const ev = symmetricEigen(res.covariance).values;
      expect(ev[0]!).toBeGreaterThan(1e-6 * ev[ev.length - 1]!);
      expect(res.shrinkage).toBeGreaterThan(0);
    }
  });
});
