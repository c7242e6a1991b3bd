/**
 * Dense linear algebra the domains need: Cholesky, triangular and SPD solves, the symmetric
 * eigendecomposition and condition numbers. Kernels work on flat row-major `Float64Array`s;
 * the public wrappers accept any {@link MatrixLike}.
 *
 * @module
 */
import { Matrix as MlMatrix, SingularValueDecomposition } from 'ml-matrix';
import { DimensionError, InvalidArgumentError, NotPositiveDefiniteError } from './errors.ts';
import { type Matrix, matrixData, toMatrix, toVector, wrapMatrix, type MatrixLike, type VectorLike } from './matrix.ts';
import { checkOptions, checkSquare, toSymmetricMatrix } from './validate.ts';
import { checkSizeCap, SIZE_CAPS } from './limits.ts';
import { eigenKernel, eigenvaluesKernel } from './symmetric-eigen.ts';
import { dotScratch } from './wasm-kernels.ts';

export { choleskyKernel } from './cholesky-kernel.ts';
import { choleskyKernel } from './cholesky-kernel.ts';

/** Kernel: solve L y = b in place (L lower triangular, row-major n x n). @internal */
export function forwardSubstitute(L: Float64Array, n: number, b: Float64Array): Float64Array {
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    let s = b[i];
    for (let k = 0; k < i; k++) s -= L[ri + k] * b[k];
    b[i] = s / L[ri + i];
  }
  return b;
}

/** Kernel: solve Lᵀ x = y in place (L lower triangular, row-major n x n). @internal */
export function backSubstituteTransposed(L: Float64Array, n: number, y: Float64Array): Float64Array {
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < n; k++) s -= L[k * n + i] * y[k];
    y[i] = s / L[i * n + i];
  }
  return y;
}

/** Kernel: solve A x = b given A's Cholesky factor L; b is overwritten with x. @internal */
export function choleskySolveKernel(L: Float64Array, n: number, b: Float64Array): Float64Array {
  return backSubstituteTransposed(L, n, forwardSubstitute(L, n, b));
}

/**
 * Lower Cholesky factor L of a symmetric positive definite matrix, A = L Lᵀ.
 *
 * @param matrix a symmetric positive definite matrix (symmetry is checked).
 * @returns L as a {@link Matrix} with zeros above the diagonal.
 * @throws {NotPositiveDefiniteError} naming the pivot that failed (`err.pivot`).
 * @throws {DimensionError} when not square. @throws {InvalidArgumentError} when not symmetric or not finite.
 * @example
 * ```ts
 * import { cholesky } from 'quantivista/core';
 * console.log(cholesky([[4, 2], [2, 3]]).toArray()); // [[2, 0], [1, 1.4142135623730951]]
 * ```
 */
export function cholesky(matrix: MatrixLike): Matrix {
  const m = toSymmetricMatrix('cholesky', 'matrix', matrix);
  return wrapMatrix(m.rows, m.rows, choleskyKernel(matrixData(m), m.rows));
}

/**
 * Solve the triangular system T x = b by substitution.
 *
 * @param triangular a square lower (`lower: true`, default) or upper triangular matrix; the other triangle is ignored.
 * @throws {InvalidArgumentError} when a diagonal entry is zero (singular) or input is not finite. @throws {DimensionError} on shape mismatch.
 * @example
 * ```ts
 * import { solveTriangular } from 'quantivista/core';
 * console.log(solveTriangular([[2, 0], [1, 1]], [4, 3])); // [2, 1]
 * ```
 */
export function solveTriangular(triangular: MatrixLike, b: VectorLike, options?: { lower?: boolean }): number[] {
  const opts = checkOptions('solveTriangular', options, ['lower']);
  if (opts.lower !== undefined && typeof opts.lower !== 'boolean') {
    throw new InvalidArgumentError(`solveTriangular: \`lower\` must be true or false, got ${typeof opts.lower}.`, 'lower', typeof opts.lower);
  }
  const t = toMatrix(triangular, 'solveTriangular', 'triangular');
  const n = checkSquare('solveTriangular', 'triangular', t);
  const x = toVector(b, 'solveTriangular', 'b');
  if (x.length !== n) throw new DimensionError(`solveTriangular: \`b\` must have ${n} entries, got ${x.length}.`);
  const d = matrixData(t);
  for (let i = 0; i < n; i++) {
    if (d[i * n + i] === 0) throw new NotPositiveDefiniteError(`solveTriangular: \`triangular\` is singular: diagonal entry ${i} is 0.`, i, 0);
  }
  if (opts.lower === false) {
    for (let i = n - 1; i >= 0; i--) {
      let s = x[i];
      for (let k = i + 1; k < n; k++) s -= d[i * n + k] * x[k];
      x[i] = s / d[i * n + i];
    }
  } else {
    forwardSubstitute(d, n, x);
  }
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x[i])) {
      throw new InvalidArgumentError(
        `solveTriangular: the solution overflows double precision at entry ${i}: \`triangular\` is singular to working precision (smallest diagonal magnitude ${Math.min(...Array.from({ length: n }, (_, k) => Math.abs(d[k * n + k])))}).`,
        'triangular',
        'overflow',
      );
    }
  }
  return Array.from(x);
}

/**
 * Solve A x = b for symmetric positive definite A by Cholesky (no inverse is formed).
 *
 * @throws {NotPositiveDefiniteError} when A is not positive definite. @throws {DimensionError} on shape mismatch.
 * @example
 * ```ts
 * import { solveSPD } from 'quantivista/core';
 * console.log(solveSPD([[4, 2], [2, 3]], [2, 1])); // [0.5, 0]
 * ```
 */
export function solveSPD(matrix: MatrixLike, b: VectorLike): number[] {
  const m = toSymmetricMatrix('solveSPD', 'matrix', matrix);
  const n = m.rows;
  const x = toVector(b, 'solveSPD', 'b');
  if (x.length !== n) throw new DimensionError(`solveSPD: \`b\` must have ${n} entries, got ${x.length}.`);
  const L = choleskyKernel(matrixData(m), n, 'solveSPD');
  return Array.from(choleskySolveKernel(L, n, x));
}

/** Result of {@link symmetricEigen}. */
export interface SymmetricEigenResult {
  /** Eigenvalues in ascending order (as numpy.linalg.eigh). */
  values: number[];
  /** Eigenvectors as the columns of an n x n orthogonal matrix, column k belonging to `values[k]`. */
  vectors: Matrix;
}

/**
 * Kernel: eigenvalues (ascending) and eigenvectors (columns, row-major n x n) of a symmetric
 * matrix given as a flat buffer: Householder tridiagonalisation + implicit QL with Wilkinson
 * shifts on flat arrays (see symmetric-eigen.ts). Entries beyond 2^±500 are scaled by an exact
 * power of two first. Each eigenvector's sign is fixed so that its largest-magnitude entry is
 * positive, which makes the output deterministic. Size cap: n ≤ SIZE_CAPS.denseAssets.
 * @internal
 */
export function symmetricEigenKernel(a: Float64Array, n: number, fn?: string): { values: Float64Array; vectors: Float64Array } {
  return eigenKernel(a, n, fn);
}

/**
 * Eigendecomposition of a symmetric matrix, A = V diag(values) Vᵀ.
 *
 * Eigenvalues come in ascending order (numpy.linalg.eigh's convention); each eigenvector's sign
 * is chosen so that its largest-magnitude entry is positive. Matrices with entries beyond 2^±500
 * are decomposed after an exact power-of-two rescaling, so entries near 1e308 or subnormal ones
 * work.
 *
 * Algorithm: Householder tridiagonalisation and the implicit QL iteration with Wilkinson shifts
 * (EISPACK tred2 / tql2; Golub & Van Loan, Matrix Computations, 4th ed., §8.3) on flat arrays,
 * about 3 n³ multiply-adds. Size cap: n ≤ SIZE_CAPS.denseAssets (5,000).
 *
 * @throws {DimensionError} when not square. @throws {InvalidArgumentError} when not symmetric or
 * not finite, or when an eigenvalue exceeds the double-precision range.
 * @throws {SizeLimitError} when n exceeds the cap. @throws {ConvergenceError} when the QL
 * iteration needs more than 60 sweeps for one eigenvalue (not seen in practice).
 * @example
 * ```ts
 * import { symmetricEigen } from 'quantivista/core';
 * const { values } = symmetricEigen([[2, 1], [1, 2]]);
 * console.log(values); // [1, 3] (to rounding)
 * ```
 */
export function symmetricEigen(matrix: MatrixLike): SymmetricEigenResult {
  const m = toSymmetricMatrix('symmetricEigen', 'matrix', matrix);
  const { values, vectors } = symmetricEigenKernel(matrixData(m), m.rows, 'symmetricEigen');
  return { values: Array.from(values), vectors: wrapMatrix(m.rows, m.rows, vectors) };
}

/**
 * 2-norm condition number σ_max / σ_min. For a symmetric matrix this is
 * max|λ| / min|λ| from the eigendecomposition; otherwise the singular values are used.
 * Returns `Infinity` for a matrix singular to working precision: σ_min ≤ ε σ_max with
 * ε = 2^-52 (e.g. `[[2, 0], [0, 1e-320]]`, or `[[2, 1e308], [0, 0.5]]`, whose true condition
 * number 1e616 is beyond the double range as well).
 *
 * Size cap: n ≤ SIZE_CAPS.denseAssets (5,000).
 *
 * @throws {DimensionError} when not square or empty. @throws {InvalidArgumentError} when not finite.
 * @throws {SizeLimitError} when n exceeds the cap. @throws {ConvergenceError} when the symmetric
 * eigenvalue iteration stalls (not seen in practice).
 * @example
 * ```ts
 * import { conditionNumber } from 'quantivista/core';
 * console.log(conditionNumber([[2, 0], [0, 0.5]])); // 4
 * ```
 */
export function conditionNumber(matrix: MatrixLike): number {
  const m = toMatrix(matrix, 'conditionNumber', 'matrix');
  const n = checkSquare('conditionNumber', 'matrix', m);
  if (n === 0) throw new DimensionError('conditionNumber: `matrix` must not be empty.');
  checkSizeCap('conditionNumber', 'matrix', n, SIZE_CAPS.denseAssets, 'a condition number needs O(n³) work');
  const d = matrixData(m);
  let symmetric = true;
  outer: for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (d[i * n + j] !== d[j * n + i]) {
        symmetric = false;
        break outer;
      }
    }
  }
  let hi: number;
  let lo: number;
  if (symmetric) {
    const values = eigenvaluesKernel(d, n, 'conditionNumber');
    const abs = Array.from(values, Math.abs);
    hi = Math.max(...abs);
    lo = Math.min(...abs);
  } else {
    const svd = new SingularValueDecomposition(new MlMatrix(m.toArray()), { computeLeftSingularVectors: false, computeRightSingularVectors: false });
    hi = Math.max(...svd.diagonal);
    lo = Math.min(...svd.diagonal);
  }
  if (hi === 0) return Infinity;
  const tiny = hi * Number.EPSILON;
  return lo <= tiny ? Infinity : hi / lo;
}

/**
 * Throw NotPositiveDefiniteError unless the symmetric S (n x n, flat) is positive semidefinite
 * up to rounding: a Cholesky factorisation with diagonal pivoting (largest remaining diagonal
 * first) runs while the pivot exceeds tol = 1e-10 · max diag; the remaining Schur complement of
 * a PSD matrix is then rounding noise (|entries| ≤ tol), of an indefinite one it is not.
 * Rank-deficient covariances (fewer periods than assets) pass. O(n³/6) multiply-adds.
 *
 * Left-looking ("Crout") order: column k of L is S's column minus dot products of contiguous,
 * zero-padded rows of L, which run eight lanes wide (WebAssembly SIMD where available, the same
 * bits in JavaScript otherwise), and the diagonal of the Schur complement is kept up to date for
 * the pivot choice. Each row of L is read once per column, instead of the trailing matrix being
 * rewritten once per column.
 * @internal
 */
export function checkPositiveSemidefinite(fn: string, arg: string, S: Float64Array, n: number): void {
  let maxd = 0;
  for (let i = 0; i < n; i++) maxd = Math.max(maxd, S[i * n + i]);
  const tol = 1e-10 * maxd;
  const stride = (n + 7) & ~7;
  // row r of L (stride doubles) belongs to pivot position r; columns not yet computed are zero
  const sc = dotScratch(n * stride);
  try {
    const L = sc.buf;
    const perm = new Int32Array(n);
    const d = new Float64Array(n); // diagonal of the current Schur complement, by position
    for (let i = 0; i < n; i++) {
      perm[i] = i;
      d[i] = S[i * n + i];
    }
    for (let k = 0; k < n; k++) {
      let p = k;
      for (let i = k + 1; i < n; i++) if (d[i] > d[p]) p = i;
      const dp = d[p];
      const count = (k + 7) & ~7;
      if (dp <= tol) {
        for (let i = k; i < n; i++) {
          const si = perm[i] * n;
          for (let j = k; j <= i; j++) {
            const v = S[si + perm[j]] - sc.dot(i * stride, j * stride, count);
            if ((i === j && v < -tol) || (i !== j && Math.abs(v) > tol)) {
              throw new NotPositiveDefiniteError(
                `${fn}: \`${arg}\` must be positive semidefinite, but it is indefinite (after ${k} pivots of a pivoted Cholesky the remaining Schur complement has entry ${v}, beyond the rounding tolerance ${tol}).`,
                k,
                v,
              );
            }
          }
        }
        return;
      }
      if (p !== k) {
        const t = perm[k];
        perm[k] = perm[p];
        perm[p] = t;
        d[p] = d[k];
        d[k] = dp;
        for (let m = 0; m < k; m++) {
          const u = L[k * stride + m];
          L[k * stride + m] = L[p * stride + m];
          L[p * stride + m] = u;
        }
      }
      const lkk = Math.sqrt(dp);
      const sk = perm[k];
      for (let i = k + 1; i < n; i++) {
        const lik = (S[perm[i] * n + sk] - sc.dot(i * stride, k * stride, count)) / lkk;
        L[i * stride + k] = lik;
        d[i] = d[i] - lik * lik;
      }
      L[k * stride + k] = lkk;
    }
  } finally {
    sc.release();
  }
}
