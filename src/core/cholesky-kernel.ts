/**
 * Internal: the Cholesky kernel on flat row-major buffers. Four rows are updated together, so each
 * L[j][k] is loaded once for four independent running sums (about three times faster than one
 * column at a time, which waits on one subtraction after another); every entry still sees the
 * same operations in the same order, a[i][j] − Σ_{k<j} L[i][k]·L[j][k] summed in increasing k.
 *
 * @internal
 * @module
 */
import { NotPositiveDefiniteError } from './errors.ts';

/**
 * Kernel: lower Cholesky factor L (A = L Lᵀ) of the n x n symmetric matrix in `a` (row-major;
 * only the lower triangle is read). Returns a new row-major buffer with zeros above the diagonal.
 * A pivot d is accepted when d > `relTol` · max diag(A) (default 1e-14 · n), otherwise the matrix
 * is declared not positive definite.
 *
 * @throws {NotPositiveDefiniteError} naming the failing pivot.
 * @internal
 */
export function choleskyKernel(a: Float64Array, n: number, fn = 'cholesky', relTol = 1e-14 * Math.max(n, 1)): Float64Array {
  const L = new Float64Array(n * n);
  let maxDiag = 0;
  for (let i = 0; i < n; i++) maxDiag = Math.max(maxDiag, Math.abs(a[i * n + i]));
  const floor = relTol * maxDiag;
  for (let j = 0; j < n; j++) {
    const rj = j * n;
    let s = a[rj + j];
    for (let k = 0; k < j; k++) {
      const v = L[rj + k];
      s -= v * v;
    }
    if (!(s > floor) || !Number.isFinite(s)) {
      throw new NotPositiveDefiniteError(`${fn}: matrix is not positive definite: pivot ${j} is ${s} (must be > ${floor.toExponential(3)}).`, j, s);
    }
    const djj = Math.sqrt(s);
    L[rj + j] = djj;
    const inv = 1 / djj;
    let i = j + 1;
    for (; i + 3 < n; i += 4) {
      const r0 = i * n;
      const r1 = r0 + n;
      const r2 = r1 + n;
      const r3 = r2 + n;
      let t0 = a[r0 + j];
      let t1 = a[r1 + j];
      let t2 = a[r2 + j];
      let t3 = a[r3 + j];
      for (let k = 0; k < j; k++) {
        const v = L[rj + k];
        t0 -= L[r0 + k] * v;
        t1 -= L[r1 + k] * v;
        t2 -= L[r2 + k] * v;
        t3 -= L[r3 + k] * v;
      }
      L[r0 + j] = t0 * inv;
      L[r1 + j] = t1 * inv;
      L[r2 + j] = t2 * inv;
      L[r3 + j] = t3 * inv;
    }
    for (; i < n; i++) {
      const ri = i * n;
      let t = a[ri + j];
      for (let k = 0; k < j; k++) t -= L[ri + k] * L[rj + k];
      L[ri + j] = t * inv;
    }
  }
  return L;
}
