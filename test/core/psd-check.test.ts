/**
 * The shared positive-semidefiniteness check (pivoted Cholesky, left-looking, eight-lane dots):
 * Gram matrices of any rank pass, matrices with an eigenvalue clearly below zero fail with a typed
 * error, and the WebAssembly and JavaScript paths give the same verdict and message.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { NotPositiveDefiniteError } from '../../src/core/errors.ts';
import { checkPositiveSemidefinite, symmetricEigen } from '../../src/core/linalg.ts';
import { setWasmKernels } from '../../src/core/wasm-kernels.ts';
import { lcgMatrix } from '../helpers.ts';

afterEach(() => setWasmKernels(true));

/** XᵀX / T for a T x n matrix X: PSD of rank min(T, n). */
function gram(X: number[][]): Float64Array {
  const T = X.length;
  const n = X[0]!.length;
  const S = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let t = 0; t < T; t++) s += X[t]![i]! * X[t]![j]!;
      S[i * n + j] = S[j * n + i] = s / T;
    }
  }
  return S;
}

function verdict(S: Float64Array, n: number): string {
  try {
    checkPositiveSemidefinite('f', 'cov', S, n);
    return 'psd';
  } catch (e) {
    expect(e).toBeInstanceOf(NotPositiveDefiniteError);
    return (e as Error).message;
  }
}

describe('checkPositiveSemidefinite', () => {
  it('passes Gram matrices of every rank, including fewer periods than assets (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 1e6 }), (n, T, seed) => {
        const S = gram(lcgMatrix(T, n, seed, 0.04));
        for (let i = 0; i < n; i++) S[i * n + i] = (S[i * n + i] as number) + 1e-300; // keep variances positive
        expect(verdict(S, n)).toBe('psd');
      }),
      { seed: 3, numRuns: 120 },
    );
  });

  it('refuses a matrix whose smallest eigenvalue is below −1e-6 of the largest (property), on both paths with the same message', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 40 }), fc.integer({ min: 1, max: 1e6 }), fc.double({ min: 1e-6, max: 0.5, noNaN: true }), (n, seed, depth) => {
        // S = G − (λ_min(G) + depth · λ_max(G)) · v vᵀ along G's bottom eigenvector: eigenvalue −depth·λ_max
        const Garr = gram(lcgMatrix(n + 5, n, seed, 0.04));
        const rows = Array.from({ length: n }, (_, i) => Array.from(Garr.subarray(i * n, i * n + n)));
        const { values, vectors } = symmetricEigen(rows);
        const shift = values[0]! + depth * values[n - 1]!;
        const S = new Float64Array(n * n);
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) S[i * n + j] = rows[i]![j]! - shift * vectors.get(i, 0) * vectors.get(j, 0);
        }
        for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) S[i * n + j] = S[j * n + i]!; // exact symmetry
        const onWasm = verdict(S, n);
        setWasmKernels(false);
        const onJs = verdict(S, n);
        setWasmKernels(true);
        expect(onWasm).toMatch(/`cov` must be positive semidefinite, but it is indefinite/);
        expect(onJs).toBe(onWasm);
      }),
      { seed: 4, numRuns: 120 },
    );
  });

  it('names the pivot count and the offending entry', () => {
    // [[1, 2], [2, 1]]: one pivot (1), then the Schur complement 1 − 4 = −3
    expect(() => checkPositiveSemidefinite('g', 'm', Float64Array.from([1, 2, 2, 1]), 2)).toThrow(
      'g: `m` must be positive semidefinite, but it is indefinite (after 1 pivots of a pivoted Cholesky the remaining Schur complement has entry -3, beyond the rounding tolerance 1e-10).',
    );
  });
});
