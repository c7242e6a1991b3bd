/**
 * nearestCorrelation / nearestPositiveDefinite against published answers and independent
 * implementations (fixture: scripts/fixtures/covariance/nearest.py):
 * - Higham (2002) 3x3 example [[1,1,0],[1,1,1],[0,1,1]] → off-diagonals 0.7607, 0.1573 (published to 4 d.p.);
 * - NAG Library g02aa example (tridiagonal 2, −1) → [[1, −0.8084, 0.1916, 0.1068], ...] (published to 4 d.p.);
 * - a numpy implementation of Higham's Algorithm 3.3 iterated to 1e-15, cross-checked against R Matrix::nearPD.
 */
import { describe, expect, it } from 'vitest';
import { symmetricEigen } from '../../src/core/linalg.ts';
import { DimensionError, InvalidArgumentError } from '../../src/core/errors.ts';
import { nearestCorrelation, nearestPositiveDefinite } from '../../src/covariance/index.ts';
import { deepFreeze, expectClose, loadFixture } from '../helpers.ts';

interface NcCase {
  name: string;
  input: number[][];
  expected: number[][];
  nearPD?: number[][];
  weights?: number[];
  minEigenvalue?: number;
  distance: number;
}
const doc = loadFixture<{
  nearestCorrelation: NcCase[];
  clip: Array<{ input: number[][]; expected: number[][]; minEigenvalue: number; clipped: number; eigenvaluesBefore: number[] }>;
  higham: Array<{ input: number[][]; expected: number[][]; minEigenvalue: number }>;
}>('covariance/nearest.json');

describe('nearestCorrelation', () => {
  it('reproduces the published Higham (2002) 3x3 answer to 4 decimals', () => {
    const r = nearestCorrelation([
      [1, 1, 0],
      [1, 1, 1],
      [0, 1, 1],
    ]);
    expect(r.converged).toBe(true);
    const c = r.correlation.toArray().map((row) => row.map((v) => Number(v.toFixed(4))));
    expect(c).toEqual([
      [1, 0.7607, 0.1573],
      [0.7607, 1, 0.7607],
      [0.1573, 0.7607, 1],
    ]);
  });
  it('reproduces the NAG g02aa example answer to 4 decimals', () => {
    const r = nearestCorrelation([
      [2, -1, 0, 0],
      [-1, 2, -1, 0],
      [0, -1, 2, -1],
      [0, 0, -1, 2],
    ]);
    const c = r.correlation.toArray().map((row) => row.map((v) => Number(v.toFixed(4))));
    expect(c).toEqual([
      [1, -0.8084, 0.1916, 0.1068],
      [-0.8084, 1, -0.6562, 0.1916],
      [0.1916, -0.6562, 1, -0.8084],
      [0.1068, 0.1916, -0.8084, 1],
    ]);
  });
  it.each(doc.nearestCorrelation.map((c) => [c.name, c] as const))('%s matches the numpy reference (and R nearPD)', (_n, c) => {
    const opts: Parameters<typeof nearestCorrelation>[1] = { tol: 1e-14, maxIterations: 20000 };
    if (c.weights) opts.weights = c.weights;
    if (c.minEigenvalue !== undefined) opts.minEigenvalue = c.minEigenvalue;
    const r = nearestCorrelation(deepFreeze(c.input), opts);
    expect(r.converged).toBe(true);
    expectClose(r.correlation, c.expected, { atol: 1e-8, rtol: 0, label: 'numpy' });
    if (c.nearPD) expectClose(r.correlation, c.nearPD, { atol: 1e-8, rtol: 0, label: 'nearPD' });
    expectClose(r.distance, c.distance, { rtol: 1e-8 });
    expect(r.correlation.diagonal().every((d) => d === 1)).toBe(true);
    expect(r.smallestEigenvalue).toBeGreaterThanOrEqual((c.minEigenvalue ?? 0) * (1 - 1e-6) - 1e-12);
  });
  it('leaves a valid correlation matrix (nearly) where it is, in one iteration pair', () => {
    const c = [
      [1, 0.3, 0.2],
      [0.3, 1, 0.4],
      [0.2, 0.4, 1],
    ];
    const r = nearestCorrelation(c);
    expect(r.converged).toBe(true);
    expect(r.distance).toBeLessThan(1e-12);
    expect(r.iterations).toBeLessThanOrEqual(2);
  });
  it('reports non-convergence instead of hanging', () => {
    const c = doc.nearestCorrelation.find((x) => x.name === 'perturbed12')!;
    const r = nearestCorrelation(c.input, { maxIterations: 2, tol: 1e-15 });
    expect(r.converged).toBe(false);
    expect(r.iterations).toBe(2);
    expect(r.residual).toBeGreaterThan(0);
    expect(r.correlation.diagonal().every((d) => d === 1)).toBe(true);
  });
  it('typed errors', () => {
    expect(() => nearestCorrelation([[1, 0.2]])).toThrow(DimensionError);
    expect(() =>
      nearestCorrelation([
        [1, 0.2],
        [0.3, 1],
      ]),
    ).toThrow(/`matrix` must be symmetric/);
    expect(() =>
      nearestCorrelation(
        [
          [1, 0.2],
          [0.2, 1],
        ],
        { tol: 0 },
      ),
    ).toThrow(/`tol`/);
    expect(() =>
      nearestCorrelation(
        [
          [1, 0.2],
          [0.2, 1],
        ],
        { maxIterations: 0 },
      ),
    ).toThrow(/`maxIterations`/);
    expect(() =>
      nearestCorrelation(
        [
          [1, 0.2],
          [0.2, 1],
        ],
        { weights: [1, 0] },
      ),
    ).toThrow(InvalidArgumentError);
    expect(() =>
      nearestCorrelation(
        [
          [1, 0.2],
          [0.2, 1],
        ],
        { weights: [1] },
      ),
    ).toThrow(/`weights`/);
    expect(() =>
      nearestCorrelation(
        [
          [1, 0.2],
          [0.2, 1],
        ],
        { minEigenvalue: 1 },
      ),
    ).toThrow(/`minEigenvalue`/);
    expect(() =>
      nearestCorrelation(
        [
          [1, 0.2],
          [0.2, 1],
        ],
        { iterations: 3 } as never,
      ),
    ).toThrow(/`iterations`/);
    expect(() =>
      nearestCorrelation([
        [1, Number.NaN],
        [0.2, 1],
      ]),
    ).toThrow(InvalidArgumentError);
  });
});

describe('nearestPositiveDefinite', () => {
  it("'clip' equals numpy eigenvalue clipping and reports the clipped eigenvalues", () => {
    const c = doc.clip[0]!;
    const r = nearestPositiveDefinite(deepFreeze(c.input), { minEigenvalue: c.minEigenvalue });
    expect(r.changed).toBe(true);
    expect(r.eigenvaluesClipped).toBe(c.clipped);
    expectClose(r.smallestEigenvalueBefore, c.eigenvaluesBefore[0], { rtol: 1e-9, atol: 1e-16 });
    expectClose(r.covariance, c.expected, { rtol: 1e-10, atol: 1e-15, label: 'clip' });
    expectClose(r.smallestEigenvalueAfter, c.minEigenvalue, { rtol: 1e-8 });
    expect(r.distance).toBeGreaterThan(0);
  });
  it("'higham' keeps the variances and equals the numpy nearest correlation scaled back", () => {
    const c = doc.higham[0]!;
    const r = nearestPositiveDefinite(c.input, { method: 'higham', minEigenvalue: c.minEigenvalue, tol: 1e-14, maxIterations: 20000 });
    expect(r.converged).toBe(true);
    expect(r.covariance.diagonal()).toEqual(c.input.map((row, i) => row[i]));
    expectClose(r.covariance, c.expected, { atol: 1e-8 * 0.03 * 0.03, rtol: 0 });
    expect(r.smallestEigenvalueAfter).toBeGreaterThan(0);
  });
  it('returns a positive definite matrix unchanged', () => {
    const S = [
      [0.04, 0.01],
      [0.01, 0.09],
    ];
    for (const method of ['clip', 'higham'] as const) {
      const r = nearestPositiveDefinite(S, { method });
      expect(r.changed).toBe(false);
      expect(r.distance).toBe(0);
      expect(r.covariance.toArray()).toEqual(S);
    }
  });
  it('repairs a singular covariance so Cholesky succeeds', async () => {
    const { cholesky } = await import('../../src/core/linalg.ts');
    const S = [
      [1, 1],
      [1, 1],
    ];
    expect(() => cholesky(S)).toThrow();
    const r = nearestPositiveDefinite(S);
    expect(r.changed).toBe(true);
    expect(() => cholesky(r.covariance)).not.toThrow();
    expect(symmetricEigen(r.covariance).values[0]!).toBeGreaterThan(0);
    // by hand: eigenpairs (2, (1, 1)/√2) and (0, (1, −1)/√2); the default floor is 1e-8 · trace/n
    // = 1e-8, so the repair is 2·vvᵀ + 1e-8·uuᵀ = [[1 + 5e-9, 1 − 5e-9], [1 − 5e-9, 1 + 5e-9]]
    expectClose(
      r.covariance,
      [
        [1 + 5e-9, 1 - 5e-9],
        [1 - 5e-9, 1 + 5e-9],
      ],
      { rtol: 1e-14, label: 'clip of [[1, 1], [1, 1]]' },
    );
  });
  it('typed errors', () => {
    expect(() => nearestPositiveDefinite([[1, 2, 3]])).toThrow(DimensionError);
    expect(() =>
      nearestPositiveDefinite([
        [1, 2],
        [3, 1],
      ]),
    ).toThrow(/`covariance` must be symmetric/);
    expect(() =>
      nearestPositiveDefinite(
        [
          [1, 2],
          [2, 1],
        ],
        { method: 'eig' as never },
      ),
    ).toThrow(/`method`/);
    expect(() =>
      nearestPositiveDefinite(
        [
          [1, 2],
          [2, 1],
        ],
        { minEigenvalue: -1 },
      ),
    ).toThrow(/`minEigenvalue`/);
    expect(() =>
      nearestPositiveDefinite(
        [
          [1, 2],
          [2, 1],
        ],
        { tol: 1e-8 },
      ),
    ).toThrow(/`tol` applies only/);
    expect(() =>
      nearestPositiveDefinite(
        [
          [0, 0],
          [0, 1],
        ],
        { method: 'higham' },
      ),
    ).toThrow(/positive diagonal/);
    expect(() =>
      nearestPositiveDefinite(
        [
          [1, 2],
          [2, 1],
        ],
        { foo: 1 } as never,
      ),
    ).toThrow(/`foo`/);
  });
});
