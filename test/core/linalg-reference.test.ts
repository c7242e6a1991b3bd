/**
 * Core linear algebra against numpy: symmetric eigenvalues (numpy.linalg.eigh), Cholesky factors
 * (numpy.linalg.cholesky) and 2-norm condition numbers (numpy.linalg.cond), on well-conditioned,
 * covariance-like, ill-conditioned (1e8, 1e12, Hilbert) and indefinite matrices.
 * Fixture: scripts/fixtures/core/core_reference.py.
 */
import { describe, expect, it } from 'vitest';
import { cholesky, conditionNumber, symmetricEigen } from '../../src/core/linalg.ts';
import { expectClose, loadFixture } from '../helpers.ts';
import { InvalidArgumentError } from '../../src/core/errors.ts';

interface LinalgCase {
  name: string;
  matrix: number[][];
  spd: boolean;
  symmetric?: boolean;
  eigenvalues?: number[];
  cholesky?: number[][];
  condition: number;
}

const fixture = loadFixture<{ matrices: LinalgCase[] }>('core/linalg.json');

function maxAbs(a: number[][]): number {
  return Math.max(...a.flat().map(Math.abs));
}

describe('core linear algebra vs numpy', () => {
  for (const c of fixture.matrices) {
    const n = c.matrix.length;
    const scale = maxAbs(c.matrix);
    if (c.eigenvalues) {
      const expected = c.eigenvalues;
      it(`symmetricEigen eigenvalues and eigenvectors: ${c.name}`, () => {
        const { values, vectors } = symmetricEigen(c.matrix);
        // Backward-stable algorithms agree to ~n·eps·‖A‖ in absolute terms.
        expectClose(values, expected, { rtol: 1e-12, atol: 64 * n * Number.EPSILON * scale, label: 'eigenvalues' });
        // Eigenvectors: residual ‖A v − λ v‖ small and V orthonormal.
        const V = vectors.toArray();
        for (let k = 0; k < n; k++) {
          for (let i = 0; i < n; i++) {
            let av = 0;
            for (let j = 0; j < n; j++) av += c.matrix[i]![j]! * V[j]![k]!;
            expect(Math.abs(av - values[k]! * V[i]![k]!)).toBeLessThanOrEqual(64 * n * Number.EPSILON * scale);
          }
          for (let l = 0; l < n; l++) {
            let dot = 0;
            for (let i = 0; i < n; i++) dot += V[i]![k]! * V[i]![l]!;
            expect(Math.abs(dot - (k === l ? 1 : 0))).toBeLessThanOrEqual(64 * n * Number.EPSILON);
          }
        }
      });
    }
    if (c.cholesky) {
      const expected = c.cholesky;
      it(`cholesky: ${c.name}`, () => {
        const L = cholesky(c.matrix);
        // Forward error of a Cholesky factor is bounded by ~ n·eps·κ(A) relative to ‖L‖ ≈ √‖A‖
        // (Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed., Thm 10.8): tight for the
        // well-conditioned cases, loose for κ = 1e12, where the backward error below is the real test.
        const lScale = Math.sqrt(scale);
        const atol = Math.max(1e-13, 8 * n * Number.EPSILON * c.condition) * lScale;
        expectClose(L, expected, { rtol: 1e-10, atol, label: 'L' });
        // Backward error: ‖L Lᵀ − A‖_max ≤ c·n·eps·‖A‖_max.
        const l = L.toArray();
        for (let i = 0; i < n; i++) {
          for (let j = 0; j <= i; j++) {
            let s = 0;
            for (let k = 0; k <= j; k++) s += l[i]![k]! * l[j]![k]!;
            expect(Math.abs(s - c.matrix[i]![j]!)).toBeLessThanOrEqual(16 * n * Number.EPSILON * scale);
          }
        }
      });
    }
    it(`conditionNumber: ${c.name}`, () => {
      // κ itself is known to about κ·eps relative: allow that, capped below at 1e-12.
      const rtol = Math.max(1e-12, 64 * n * Number.EPSILON * c.condition);
      expectClose(conditionNumber(c.matrix), c.condition, { rtol, label: 'cond' });
    });
  }
});

describe('symmetricEigen at the ends of the double range (exact power-of-two scaling)', () => {
  it('eigenvalues of [[v, v/2], [v/2, v]] are v/2 and 3v/2 for v near 1e308, 1e-200 and subnormal', () => {
    // closed form: eigenvalues v(1 ± 1/2), eigenvectors (1, ∓1)/√2
    for (const v of [1e308, 1e-200, 4e-310]) {
      const { values, vectors } = symmetricEigen([
        [v, v / 2],
        [v / 2, v],
      ]);
      expect(values[0]! / (v / 2)).toBeCloseTo(1, 12);
      expect(values[1]! / (v * 1.5)).toBeCloseTo(1, 12);
      expect(Math.abs(vectors.get(0, 1))).toBeCloseTo(Math.SQRT1_2, 12);
    }
    expect(
      conditionNumber([
        [1e308, 5e307],
        [5e307, 1e308],
      ]),
    ).toBeCloseTo(3, 12);
  });

  it('an eigenvalue beyond the double range is a typed error, not Infinity', () => {
    expect(() =>
      symmetricEigen([
        [1.7e308, 1.7e308],
        [1.7e308, 1.7e308],
      ]),
    ).toThrow(InvalidArgumentError);
    expect(() =>
      symmetricEigen([
        [1.7e308, 1.7e308],
        [1.7e308, 1.7e308],
      ]),
    ).toThrow(/exceeds the double-precision range/);
  });
});
