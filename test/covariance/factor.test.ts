/**
 * Factor-model covariance, PCA factor model and Marchenko-Pastur denoising against numpy and
 * López de Prado's (2020) snippets 2.1–2.5 (fixture: scripts/fixtures/covariance/factor.py).
 */
import { describe, expect, it } from 'vitest';
import { DimensionError, InvalidArgumentError } from '../../src/core/errors.ts';
import { symmetricEigen } from '../../src/core/linalg.ts';
import { denoiseCovariance, factorModelCovariance, statisticalFactorModel } from '../../src/covariance/index.ts';
import { deepFreeze, expectClose, loadFixture } from '../helpers.ts';
import { estimatorCases, maxAbs } from './fixture.ts';

interface Pca {
  factors: number;
  covariance: number[][];
  loadings: number[][];
  factorVariances: number[];
  specificVariances: number[];
  factorReturnsHead: number[][];
  explainedVariance: number;
}
interface Den {
  covariance: number[][];
  correlation: number[][];
  signalEigenvalues: number;
  threshold: number;
  eigenvalues: number[];
  denoisedEigenvalues: number[];
}
const doc = loadFixture<{
  factorModel: { exposures: number[][]; factorCovariance: number[][]; specificVariances: number[]; covariance: number[][]; systematicVariances: number[] };
  cases: Array<{ name: string; pca: Pca[]; denoise: Den }>;
}>('covariance/factor.json');

describe('factorModelCovariance', () => {
  it('equals numpy B F Bᵀ + D', () => {
    const f = doc.factorModel;
    const r = factorModelCovariance(deepFreeze(f.exposures), deepFreeze(f.factorCovariance), deepFreeze(f.specificVariances));
    expectClose(r.covariance, f.covariance, { rtol: 1e-12, atol: 1e-18 });
    expectClose(r.systematicVariances, f.systematicVariances, { rtol: 1e-12 });
    expect(r.specificVariances).toEqual(f.specificVariances);
  });
  it('typed errors', () => {
    expect(() => factorModelCovariance([[1, 2]], [[1]], [0.1])).toThrow(DimensionError);
    expect(() => factorModelCovariance([[1], [2]], [[1]], [0.1])).toThrow(/`specificVariances` must have 2/);
    expect(() => factorModelCovariance([[1]], [[1]], [-0.1])).toThrow(InvalidArgumentError);
    expect(() =>
      factorModelCovariance(
        [[1, 1]],
        [
          [1, 0.5],
          [0.4, 1],
        ],
        [0.1],
      ),
    ).toThrow(/`factorCovariance` must be symmetric/);
    expect(() =>
      factorModelCovariance(
        [[1, 1]],
        [
          [1, 0.5, 0],
          [0.5, 1, 0],
        ],
        [0.1],
      ),
    ).toThrow(/`factorCovariance` must be square/);
    expect(() => factorModelCovariance([[Number.NaN]], [[1]], [0.1])).toThrow(/`exposures`/);
    expect(() => factorModelCovariance([], [[1]], [])).toThrow(/`exposures`/);
    // F = [[1, 2], [2, 1]] has eigenvalues 3 and −1; with b = (1, −1), bᵀFb = −2 and Σ_00 = −1.9 was returned
    expect(() =>
      factorModelCovariance(
        [[1, -1]],
        [
          [1, 2],
          [2, 1],
        ],
        [0.1],
      ),
    ).toThrow(InvalidArgumentError);
    expect(() =>
      factorModelCovariance(
        [[1, -1]],
        [
          [1, 2],
          [2, 1],
        ],
        [0.1],
      ),
    ).toThrow(/`factorCovariance` must be positive semidefinite/);
    // a singular PSD F (perfectly correlated factors) is still accepted: Σ = [[4 + 0.1]]
    expect(
      factorModelCovariance(
        [[1, 1]],
        [
          [1, 1],
          [1, 1],
        ],
        [0.1],
      ).covariance.toArray(),
    ).toEqual([[4.1]]);
  });
});

describe.each(estimatorCases().map((c) => [c.name, c] as const))('case %s', (name, c) => {
  const ref = doc.cases.find((x) => x.name === name)!;
  const atol = 1e-12 * maxAbs(c['sample'] as number[][]);

  it.each(ref.pca.map((p) => [p.factors, p] as const))('statisticalFactorModel with %i factors equals numpy PCA', (_k, p) => {
    const r = statisticalFactorModel(c.returns, { factors: p.factors });
    expectClose(r.factorVariances, p.factorVariances, { rtol: 1e-10 });
    expectClose(r.loadings, p.loadings, { rtol: 0, atol: 1e-9, label: 'loadings' });
    expectClose(r.specificVariances, p.specificVariances, { rtol: 1e-9, atol, label: 'specific' });
    expectClose(r.covariance, p.covariance, { rtol: 1e-9, atol, label: 'covariance' });
    expectClose(r.factorReturns.toArray().slice(0, 20), p.factorReturnsHead, { rtol: 1e-9, atol: 1e-12 });
    expectClose(r.explainedVariance, p.explainedVariance, { rtol: 1e-10 });
    expect(symmetricEigen(r.covariance).values[0]!).toBeGreaterThan(0);
  });

  it('denoiseCovariance equals López de Prado (2020) with σ² = 1', () => {
    const d = ref.denoise;
    const r = denoiseCovariance(c.returns);
    expect(r.signalEigenvalues).toBe(d.signalEigenvalues);
    expectClose(r.threshold, d.threshold, { rtol: 1e-15 });
    expectClose(r.eigenvalues, d.eigenvalues, { rtol: 1e-10, atol: 1e-12 });
    expectClose(r.denoisedEigenvalues, d.denoisedEigenvalues, { rtol: 1e-10, atol: 1e-12 });
    expectClose(r.correlation, d.correlation, { rtol: 1e-9, atol: 1e-10, label: 'correlation' });
    expectClose(r.covariance, d.covariance, { rtol: 1e-9, atol, label: 'covariance' });
    expect(r.correlation.diagonal().every((v) => v === 1)).toBe(true);
    expect(symmetricEigen(r.covariance).values[0]!).toBeGreaterThan(0);
  });
});

describe('typed errors', () => {
  const r = [
    [0.01, 0.02],
    [0.03, -0.01],
    [-0.01, 0.02],
  ];
  it('statisticalFactorModel', () => {
    expect(() => statisticalFactorModel(r, {} as never)).toThrow(/`factors`.*required/);
    expect(() => statisticalFactorModel(r, { factors: 3 })).toThrow(/`factors`/);
    expect(() => statisticalFactorModel(r, { factors: 0 })).toThrow(/`factors`/);
    expect(() => statisticalFactorModel(r, { factors: 1, pca: true } as never)).toThrow(/`pca`/);
    expect(() => statisticalFactorModel([[0.1, 0.2]], { factors: 1 })).toThrow(/at least 2/);
  });
  it('denoiseCovariance', () => {
    expect(() => denoiseCovariance(r, { method: 'target-shrinkage' as never })).toThrow(/`method`/);
    expect(() => denoiseCovariance(r, { noiseVariance: 0 })).toThrow(/`noiseVariance`/);
    expect(() =>
      denoiseCovariance([
        [0.1, 0.5],
        [0.2, 0.5],
      ]),
    ).toThrow(/zero variance/);
    expect(() =>
      denoiseCovariance([
        [0.1, Number.NaN],
        [0.2, 0.5],
      ]),
    ).toThrow(InvalidArgumentError);
    expect(() => denoiseCovariance([[0.1, 0.2], [0.3]])).toThrow(DimensionError);
  });
});
