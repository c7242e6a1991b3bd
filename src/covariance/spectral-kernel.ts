/**
 * Internal spectral helpers: reconstruct V diag(f(λ)) Vᵀ from an eigendecomposition, and the
 * Higham (2002) alternating-projections kernel shared by nearestCorrelation and
 * nearestPositiveDefinite.
 *
 * @module
 * @internal
 */
import { symmetricEigenKernel } from '../core/linalg.ts';

/**
 * Σ_k d_k v_k v_kᵀ for eigenvector columns `vectors` (row-major n x n) and weights `d`;
 * returns a fresh exactly symmetric n x n buffer (upper triangle computed, mirrored).
 * @internal
 */
export function reconstruct(d: Float64Array, vectors: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  // scaled copy: U = V diag(d), so out = U Vᵀ; computed over k for each (i, j ≥ i)
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = i; j < n; j++) {
      const rj = j * n;
      let s = 0;
      for (let k = 0; k < n; k++) {
        const dk = d[k];
        if (dk !== 0) s += vectors[ri + k] * dk * vectors[rj + k];
      }
      out[ri + j] = s;
      out[rj + i] = s;
    }
  }
  return out;
}

/** Frobenius norm of a − b. @internal */
export function frobeniusDistance(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) {
    const d = a[k] - b[k];
    s += d * d;
  }
  return Math.sqrt(s);
}

/** Frobenius norm. @internal */
export function frobeniusNorm(a: Float64Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k] * a[k];
  return Math.sqrt(s);
}

/** Projection onto {X ⪰ δ I} in the W-norm (W = diag(w)). */
function projectPSD(r: Float64Array, n: number, floor: number, sw: Float64Array | undefined): Float64Array {
  let m = r;
  if (sw) {
    m = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) m[i * n + j] = sw[i] * r[i * n + j] * sw[j];
  }
  const { values, vectors } = symmetricEigenKernel(m, n);
  for (let k = 0; k < n; k++) values[k] = Math.max(values[k], floor);
  const p = reconstruct(values, vectors, n);
  if (sw) {
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) p[i * n + j] = p[i * n + j] / (sw[i] * sw[j]);
  }
  return p;
}

/**
 * Higham (2002) Algorithm 3.3 with Dykstra's correction (see nearestCorrelation for the stopping rule and the final unit-diagonal rescaling).
 * @internal
 */
export function higham(
  a: Float64Array,
  n: number,
  tol: number,
  maxIterations: number,
  floor: number,
  w?: Float64Array,
): { x: Float64Array; iterations: number; converged: boolean; residual: number; smallest: number } {
  const sw = w ? Float64Array.from(w, Math.sqrt) : undefined;
  const dS = new Float64Array(n * n);
  let y: Float64Array = Float64Array.from(a); // Y_0 = A
  let x: Float64Array = new Float64Array(n * n);
  let xOld: Float64Array = new Float64Array(n * n);
  let yOld: Float64Array = Float64Array.from(y);
  let iterations = 0;
  let converged = false;
  let residual = Infinity;
  const r = new Float64Array(n * n);
  while (iterations < maxIterations) {
    iterations++;
    for (let k = 0; k < n * n; k++) r[k] = y[k] - dS[k];
    x = projectPSD(r, n, floor, sw);
    for (let k = 0; k < n * n; k++) dS[k] = x[k] - r[k];
    y = Float64Array.from(x);
    for (let i = 0; i < n; i++) y[i * n + i] = 1;
    residual = frobeniusDistance(x, y);
    const ny = frobeniusNorm(y);
    const dx = frobeniusDistance(x, xOld) / frobeniusNorm(x);
    const dy = frobeniusDistance(y, yOld) / ny;
    if (Math.max(dx, dy, residual / ny) <= tol) {
      converged = true;
      break;
    }
    xOld = x;
    yOld = y;
  }
  // rescale the PSD iterate to an exactly unit diagonal: stays PSD, ones on the diagonal
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) d[i] = 1 / Math.sqrt(Math.max(x[i * n + i], Number.MIN_VALUE));
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    out[i * n + i] = 1;
    for (let j = i + 1; j < n; j++) {
      const v = Math.max(-1, Math.min(1, d[i] * x[i * n + j] * d[j]));
      out[i * n + j] = v;
      out[j * n + i] = v;
    }
  }
  const smallest = symmetricEigenKernel(out, n).values[0];
  return { x: out, iterations, converged, residual, smallest };
}
