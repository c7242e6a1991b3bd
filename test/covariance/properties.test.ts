/**
 * Property tests (fast-check, fixed seed): every estimator returns a symmetric positive
 * semidefinite matrix, shrinkage intensities lie in [0, 1], correlations have a unit diagonal,
 * and inputs are never mutated.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { symmetricEigen } from '../../src/core/linalg.ts';
import type { Matrix } from '../../src/core/matrix.ts';
import {
  correlationFromCovariance,
  covarianceFromCorrelation,
  ewmaCovariance,
  ledoitWolf,
  oracleApproximatingShrinkage,
  sampleCovariance,
  semicovariance,
  shrunkCovariance,
} from '../../src/covariance/index.ts';
import { deepFreeze } from '../helpers.ts';

/** T x n returns with T in [2, 24], n in [1, 7]; a deterministic ripple keeps columns from being constant. */
const returnsArb = fc
  .record({ T: fc.integer({ min: 2, max: 24 }), n: fc.integer({ min: 1, max: 7 }) })
  .chain(({ T, n }) => fc.array(fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: n, maxLength: n }), { minLength: T, maxLength: T }))
  .map((rows) => rows.map((r, t) => r.map((v, i) => v / 1e4 + 1e-4 * ((t * 7 + i * 3) % 5))));

function checkSymmetricPSD(m: Matrix, label: string): void {
  const n = m.rows;
  let scale = 0;
  for (let i = 0; i < n; i++) {
    scale = Math.max(scale, Math.abs(m.get(i, i)));
    for (let j = 0; j < n; j++) expect(m.get(i, j), `${label} symmetric (${i},${j})`).toBe(m.get(j, i));
  }
  const ev = symmetricEigen(m).values;
  expect(ev[0]!, `${label} PSD`).toBeGreaterThanOrEqual(-1e-12 * Math.max(scale, 1e-300) * n);
}

const run = (p: fc.IAsyncPropertyWithHooks<[number[][]]> | fc.IPropertyWithHooks<[number[][]]>) => fc.assert(p, { seed: 42, numRuns: 150 });

describe('covariance estimator invariants', () => {
  it('sample, EWMA and semicovariance are symmetric PSD and leave the input untouched', () => {
    run(
      fc.property(returnsArb, (rows) => {
        const copy = JSON.stringify(rows);
        const input = deepFreeze(rows);
        checkSymmetricPSD(sampleCovariance(input).covariance, 'sample');
        checkSymmetricPSD(sampleCovariance(input, { ddof: 0 }).covariance, 'sample ddof0');
        checkSymmetricPSD(ewmaCovariance(input).covariance, 'ewma');
        checkSymmetricPSD(ewmaCovariance(input, { form: 'normalized', demean: true, lambda: 0.8 }).covariance, 'ewma normalized');
        checkSymmetricPSD(semicovariance(input, { benchmark: 0.001 }).covariance, 'semicovariance');
        expect(JSON.stringify(rows)).toBe(copy);
      }),
    );
  });

  it('shrinkage estimators: intensity in [0, 1], symmetric PSD, positive definite when δ > 0', () => {
    run(
      fc.property(returnsArb, (rows) => {
        const copy = JSON.stringify(rows);
        const input = deepFreeze(rows);
        const n = rows[0]!.length;
        const results = [ledoitWolf(input), oracleApproximatingShrinkage(input), shrunkCovariance(input, { shrinkage: 0.3 })];
        if (n >= 2) {
          for (const target of ['constant-correlation', 'single-factor'] as const) {
            try {
              results.push(ledoitWolf(input, { target }));
            } catch (e) {
              // a constant column or market is the only reason these targets may refuse
              expect((e as Error).message).toMatch(/zero variance/);
            }
          }
        }
        for (const r of results) {
          expect(r.shrinkage).toBeGreaterThanOrEqual(0);
          expect(r.shrinkage).toBeLessThanOrEqual(1);
          checkSymmetricPSD(r.covariance, 'shrunk');
        }
        expect(JSON.stringify(rows)).toBe(copy);
      }),
    );
  });

  it('correlation has a unit diagonal, entries in [-1, 1], and converts back to the covariance', () => {
    run(
      fc.property(returnsArb, (rows) => {
        const cov = sampleCovariance(rows).covariance;
        const { correlation, volatilities } = correlationFromCovariance(cov);
        const n = cov.rows;
        for (let i = 0; i < n; i++) {
          expect(correlation.get(i, i)).toBe(1);
          for (let j = 0; j < n; j++) expect(Math.abs(correlation.get(i, j))).toBeLessThanOrEqual(1);
        }
        const back = covarianceFromCorrelation(correlation, volatilities).covariance;
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            expect(Math.abs(back.get(i, j) - cov.get(i, j))).toBeLessThanOrEqual(1e-12 * Math.max(cov.get(i, i), cov.get(j, j)));
          }
        }
      }),
    );
  });

  it('the kernel gives the same bits for every input form (arrays, typed rows, Matrix, ml-matrix-like)', () => {
    run(
      fc.property(returnsArb, (rows) => {
        const a = sampleCovariance(rows).covariance.toArray();
        const typed = rows.map((r) => Float64Array.from(r));
        expect(sampleCovariance(typed).covariance.toArray()).toEqual(a);
        expect(sampleCovariance({ to2DArray: () => rows.map((r) => r.slice()) }).covariance.toArray()).toEqual(a);
      }),
    );
  });
});

describe('input forms', () => {
  it('accepts an ml-matrix Matrix and a quantivista Matrix with the same result', async () => {
    const { Matrix: MlMatrix } = await import('ml-matrix');
    const { Matrix } = await import('../../src/core/matrix.ts');
    const rows = [
      [0.01, 0.02, -0.01],
      [0.03, -0.01, 0.0],
      [-0.01, 0.02, 0.02],
      [0.0, 0.01, -0.02],
    ];
    const expected = ledoitWolf(rows).covariance.toArray();
    expect(ledoitWolf(new MlMatrix(rows)).covariance.toArray()).toEqual(expected);
    expect(ledoitWolf(Matrix.from(rows)).covariance.toArray()).toEqual(expected);
  });
});

describe('JSON-safe results', () => {
  it('every result survives JSON round-trip as plain numbers (no NaN, no Infinity, no undefined)', async () => {
    const cov = await import('../../src/covariance/index.ts');
    const r = Array.from({ length: 30 }, (_, t) => [Math.sin(t) * 0.01, Math.cos(2 * t) * 0.02 + Math.sin(t) * 0.005, Math.sin(3 * t + 1) * 0.015]);
    const S = cov.sampleCovariance(r).covariance;
    const results: unknown[] = [
      cov.sampleCovariance(r, { assets: ['A', 'B', 'C'] }),
      cov.ledoitWolf(r),
      cov.ledoitWolf(r, { target: 'constant-correlation' }),
      cov.ledoitWolf(r, { target: 'single-factor' }),
      cov.oracleApproximatingShrinkage(r),
      cov.shrunkCovariance(r),
      cov.ewmaCovariance(r, { halfLife: 10 }),
      cov.semicovariance(r),
      cov.correlationFromCovariance(S),
      cov.covarianceFromCorrelation(
        [
          [1, 0.2],
          [0.2, 1],
        ],
        [0.1, 0.2],
      ),
      cov.covarianceDiagnostics(r),
      cov.nearestCorrelation([
        [1, 0.9, 0.1],
        [0.9, 1, 0.9],
        [0.1, 0.9, 1],
      ]),
      cov.nearestPositiveDefinite([
        [1, 0.9, 0.1],
        [0.9, 1, 0.9],
        [0.1, 0.9, 1],
      ]),
      cov.factorModelCovariance([[1], [0.5]], [[0.04]], [0.01, 0.02]),
      cov.statisticalFactorModel(r, { factors: 2 }),
      cov.denoiseCovariance(r),
    ];
    for (const res of results) {
      const text = JSON.stringify(res);
      expect(text).not.toMatch(/null|NaN|Infinity/);
      const walk = (x: unknown): void => {
        if (typeof x === 'number') expect(Number.isFinite(x)).toBe(true);
        else if (Array.isArray(x)) x.forEach(walk);
        else if (x && typeof x === 'object') Object.values(x).forEach(walk);
        else expect(['string', 'boolean', 'number']).toContain(typeof x);
      };
      walk(JSON.parse(text));
    }
  });
});

describe('public surface', () => {
  it('quantivista/covariance exports exactly its documented functions (no internal kernels)', async () => {
    const mod = await import('../../src/covariance/index.ts');
    expect(Object.keys(mod).sort()).toEqual(
      [
        'correlationFromCovariance',
        'covarianceDiagnostics',
        'covarianceFromCorrelation',
        'denoiseCovariance',
        'ewmaCovariance',
        'factorModelCovariance',
        'ledoitWolf',
        'nearestCorrelation',
        'nearestPositiveDefinite',
        'oracleApproximatingShrinkage',
        'sampleCorrelation',
        'sampleCovariance',
        'semicovariance',
        'shrunkCovariance',
        'statisticalFactorModel',
      ].sort(),
    );
  });
});
