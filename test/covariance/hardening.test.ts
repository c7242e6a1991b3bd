/**
 * Regression tests for the covariance and optimiser items of the hardening campaign: inputs whose
 * products would overflow are typed errors, never an all-NaN covariance or NaN weights.
 */
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, SizeLimitError } from '../../src/core/errors.ts';
import { conditionNumber, symmetricEigen } from '../../src/core/linalg.ts';
import { SIZE_CAPS } from '../../src/core/limits.ts';
import { eigenKernel, eigenvaluesKernel } from '../../src/core/symmetric-eigen.ts';
import {
  covarianceDiagnostics,
  covarianceFromCorrelation,
  factorModelCovariance,
  ledoitWolf,
  nearestCorrelation,
  nearestPositiveDefinite,
  oracleApproximatingShrinkage,
  sampleCovariance,
  statisticalFactorModel,
} from '../../src/covariance/index.ts';
import { expectTypedError, loadFixture } from '../helpers.ts';
import { efficientRisk } from '../../src/optimize/index.ts';

const R = [
  [1e148, 0.01],
  [0.02, -0.01],
  [0.01, 0.03],
];

describe('covariance and optimiser hardening', () => {
  it('ledoitWolf single-factor and OAS refuse a return of 1e148 (gave an all-NaN covariance; fourth powers overflow first)', () => {
    expect(() => ledoitWolf(R, { target: 'single-factor' })).toThrow(InvalidArgumentError);
    expect(() => ledoitWolf(R)).toThrow(/fourth powers/);
    expect(() => oracleApproximatingShrinkage(R)).toThrow(/fourth powers/);
    // the sample covariance itself is still finite here, and is still given
    expect(sampleCovariance(R).covariance.data.every(Number.isFinite)).toBe(true);
  });
  it('ordinary returns are untouched by the bound', () => {
    expect(() =>
      ledoitWolf([
        [0.5, -0.3],
        [0.2, 0.1],
        [-0.4, 0.25],
      ]),
    ).not.toThrow();
  });
  it('efficientRisk([-1.7e308, .02], ...) is a typed error naming mu (gave NaN weights)', () => {
    expect(() =>
      efficientRisk(
        [-1.7e308, 0.02],
        [
          [0.04, 0],
          [0, 0.09],
        ],
        0.25,
      ),
    ).toThrow(/`mu` entry 0/);
  });
});

describe('eigen decompositions under extreme values (the ml-matrix path threw TypeErrors)', () => {
  const M = [
    [6e-4, 1e-4],
    [1e-4, 1e308],
  ];
  it('symmetricEigen([[6e-4,1e-4],[1e-4,1e308]]) is finite and correct', () => {
    const { values, vectors } = symmetricEigen(M);
    // hand computation: λ = 6e-4 − (1e-4)² / (1e308 − 6e-4) ≈ 6e-4 and 1e308 + 1e-316 ≈ 1e308
    // (the small one to 1e-12 relative; the decomposition is exact to 1e-12 of the norm 1e308)
    expect(Math.abs(values[0] - 6e-4)).toBeLessThan(1e-12 * 6e-4 * 1000);
    expect(values[1]).toBe(1e308);
    const V = vectors.toArray();
    expect(Math.abs(V[0][0])).toBe(1);
    expect(Math.abs(V[1][1])).toBe(1);
    expect(Math.abs(V[0][1])).toBeLessThan(1e-300);
  });
  it('conditionNumber of the same matrix is Infinity (singular to working precision), not a TypeError', () => {
    // 6e-4 / 1e308 is far below the machine-epsilon threshold the function documents
    expect(conditionNumber(M)).toBe(Infinity);
    expect(
      conditionNumber([
        [1e308, 0],
        [0, 2e307],
      ]),
    ).toBe(5);
  });
  it('eigenvalues beyond the double range are a typed error naming the function', () => {
    expect(() =>
      symmetricEigen([
        [1.7e308, 1.7e308],
        [1.7e308, 1.7e308],
      ]),
    ).toThrow(/symmetricEigen: an eigenvalue .* exceeds the double-precision range/);
  });
  it('nearestCorrelation, nearestPositiveDefinite, statisticalFactorModel and covarianceDiagnostics: typed errors at 1e308', () => {
    expectTypedError(
      () =>
        nearestCorrelation([
          [1, 1e308],
          [1e308, 1],
        ]),
      InvalidArgumentError,
      /nearestCorrelation: `matrix` holds an entry of magnitude 1e\+308/,
    );
    expectTypedError(() => nearestPositiveDefinite(M), InvalidArgumentError, /nearestPositiveDefinite: `covariance`/);
    expectTypedError(() => covarianceDiagnostics(M, { input: 'covariance' }), InvalidArgumentError, /covarianceDiagnostics/);
    expectTypedError(
      () =>
        statisticalFactorModel(
          [
            [6e-4, 1e-4],
            [1e-4, 1e300],
            [0.01, 0.02],
          ],
          { factors: 1 },
        ),
      InvalidArgumentError,
      /statisticalFactorModel: `returns` holds a value of magnitude 1e\+300/,
    );
  });
  it('tiny entries near 1e-300 decompose after the power-of-two rescaling', () => {
    const { values } = symmetricEigen([
      [2e-300, 1e-300],
      [1e-300, 2e-300],
    ]);
    // hand computation: eigenvalues of [[2, 1], [1, 2]] are 1 and 3
    expect(values[0] / 1e-300).toBeCloseTo(1, 12);
    expect(values[1] / 1e-300).toBeCloseTo(3, 12);
  });
  it('size cap: the eigen kernels refuse n above SIZE_CAPS.denseAssets with a SizeLimitError naming the caller', () => {
    const n = SIZE_CAPS.denseAssets + 1;
    expectTypedError(() => eigenvaluesKernel(new Float64Array(0), n, 'covarianceDiagnostics'), SizeLimitError, /covarianceDiagnostics: `matrix` is 5001/);
    expectTypedError(() => eigenKernel(new Float64Array(0), n, 'statisticalFactorModel'), SizeLimitError, /statisticalFactorModel: `matrix` is 5001/);
  });
});

// Fuzz-suite findings (docs/fuzz.md): a covariance whose true entries overflow is a typed error.
describe('covariance fuzz findings', () => {
  it('covarianceFromCorrelation extreme/infinity: a volatility of 1e300', () => {
    expectTypedError(
      () =>
        covarianceFromCorrelation(
          [
            [1, 0.5],
            [0.5, 1],
          ],
          [1e300, 0.1],
        ),
      InvalidArgumentError,
      /covariance overflows.*`volatilities`/,
    );
  });
  it('factorModelCovariance extreme/infinity: an exposure of 1e308', () => {
    expectTypedError(() => factorModelCovariance([[1], [1e308]], [[0.04]], [0.01, 0.02]), InvalidArgumentError, /covariance overflows.*`exposures`/);
  });
  it('nearestPositiveDefinite extreme/infinity: a floor of 1.7e308 overflows the distance', () => {
    expectTypedError(
      () =>
        nearestPositiveDefinite(
          [
            [1, 2],
            [2, 1],
          ],
          { minEigenvalue: 1.7e308 },
        ),
      InvalidArgumentError,
      /distance .* overflows.*`minEigenvalue`/,
    );
  });
});

describe('nearestPositiveDefinite clip of a large matrix with a few negative eigenvalues (only those eigenpairs)', () => {
  const ref = loadFixture<{ n: number; seed: number; minEigenvalue: number; below: number[]; rows: number[][]; distance: number }>(
    'covariance/npd-clip-large.json',
  );
  it('matches numpy.linalg.eigh clipping: rows 0..3 and the distance to 1e-12, the smallest eigenvalue after at the floor', () => {
    const n = ref.n;
    let s = ref.seed;
    const a = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j): number => (i === j ? 0.02 : 0)));
    for (let i = 1; i < n; i++) {
      for (let j = 0; j < i; j++) {
        s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
        a[i][j] = a[j][i] = 0.02 * (0.5 + 0.01 * (s / 2 ** 32 - 0.5));
      }
    }
    a[0][1] = a[1][0] = 0.019;
    a[0][2] = a[2][0] = -0.006;
    a[1][2] = a[2][1] = 0.019;
    a[3][4] = a[4][3] = 0.019;
    a[3][5] = a[5][3] = -0.008;
    a[4][5] = a[5][4] = 0.019;
    const r = nearestPositiveDefinite(a, { minEigenvalue: ref.minEigenvalue });
    expect(r.changed).toBe(true);
    expect(r.eigenvaluesClipped).toBe(ref.below.length);
    for (let i = 0; i < 4; i++) for (let j = 0; j < n; j++) expect(Math.abs(r.covariance.get(i, j) - ref.rows[i][j])).toBeLessThan(1e-12);
    expect(Math.abs(r.distance - ref.distance)).toBeLessThan(1e-12);
    expect(Math.abs(r.smallestEigenvalueAfter - ref.minEigenvalue)).toBeLessThan(1e-12);
  });
});
