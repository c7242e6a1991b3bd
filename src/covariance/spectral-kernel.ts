/**
 * Internal spectral helpers: reconstruct V diag(f(λ)) Vᵀ from an eigendecomposition, and the
 * Higham (2002) alternating-projections kernel shared by nearestCorrelation and
 * nearestPositiveDefinite.
 *
 * @module
 * @internal
 */
import { symmetricEigenKernel } from '../core/linalg.ts';
import { eigenvaluesKernel } from '../core/symmetric-eigen.ts';
import { topEigenpairs } from '../core/lanczos.ts';

/**
 * Σ_k d_k v_k v_kᵀ for eigenvector columns `vectors` (row-major n x n) and weights `d`;
 * returns a fresh exactly symmetric n x n buffer (upper triangle computed, mirrored).
 * @internal
 */
export function reconstruct(d: Float64Array, vectors: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  // out_ij = Σ_k v_ik d_k v_jk for j ≥ i, over k in order; four rows i share each pass over row j
  // (row j is read once per four rows instead of once per row; the same sums, the same bits)
  for (let i0 = 0; i0 < n; i0 += 4) {
    const i1 = Math.min(n, i0 + 4);
    for (let j = i0; j < n; j++) {
      const rj = j * n;
      if (i1 - i0 === 4 && j >= i0 + 3) {
        const a0 = i0 * n;
        const a1 = a0 + n;
        const a2 = a1 + n;
        const a3 = a2 + n;
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        for (let k = 0; k < n; k++) {
          const dk = d[k];
          if (dk !== 0) {
            const w = vectors[rj + k];
            s0 += vectors[a0 + k] * dk * w;
            s1 += vectors[a1 + k] * dk * w;
            s2 += vectors[a2 + k] * dk * w;
            s3 += vectors[a3 + k] * dk * w;
          }
        }
        out[a0 + j] = s0;
        out[rj + i0] = s0;
        out[a1 + j] = s1;
        out[rj + i0 + 1] = s1;
        out[a2 + j] = s2;
        out[rj + i0 + 2] = s2;
        out[a3 + j] = s3;
        out[rj + i0 + 3] = s3;
        continue;
      }
      for (let i = i0; i < i1 && i <= j; i++) {
        const ri = i * n;
        let s = 0;
        for (let k = 0; k < n; k++) {
          const dk = d[k];
          if (dk !== 0) s += vectors[ri + k] * dk * vectors[rj + k];
        }
        out[ri + j] = s;
        out[rj + i] = s;
      }
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

/** From this order on, the projection tries the Lanczos path ({@link lowEigenpairs}). */
const LANCZOS_MIN_ORDER = 200;

/**
 * The eigenpairs of the symmetric m with eigenvalue below `floor` (ascending; vectors n x p,
 * column c for values[c]) by the Lanczos iteration on −m (core/lanczos.ts), asking for 8 pairs,
 * then min(n / 10, 64), until one at or above the floor is among them; `null` (use the full decomposition) when
 * n < 200, when more than min(n / 10, 64) eigenvalues lie below the floor, or when Lanczos
 * declines.
 */
function lowEigenpairs(m: Float64Array, n: number, floor: number, fn: string): { values: Float64Array; vectors: Float64Array; p: number } | null {
  const most = Math.min(Math.floor(n / 10), 64);
  if (n < LANCZOS_MIN_ORDER) return null;
  const neg = new Float64Array(n * n);
  for (let t = 0; t < n * n; t++) neg[t] = -m[t];
  for (let want = 8; ; want = most) {
    const k = Math.min(want, most);
    const top = topEigenpairs(neg, n, k, fn);
    if (!top) return null;
    let p = 0;
    while (p < k && -top.values[p] < floor) p++;
    if (p < k) {
      const values = new Float64Array(p);
      const vectors = new Float64Array(n * p);
      for (let c = 0; c < p; c++) {
        values[c] = -top.values[c];
        for (let i = 0; i < n; i++) vectors[i * p + c] = top.vectors[i * k + c];
      }
      return { values, vectors, p };
    }
    if (k === most) return null;
  }
}

/**
 * m + Σ_c (floor − λ_c) v_c v_cᵀ over the p eigenpairs below the floor: the projection of m onto
 * {X ⪰ δ I} when those are all of them. Upper triangle computed, mirrored (exactly symmetric).
 */
function liftLow(m: Float64Array, n: number, floor: number, low: { values: Float64Array; vectors: Float64Array; p: number }): Float64Array {
  const { values, vectors, p } = low;
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let s = m[i * n + j];
      for (let c = 0; c < p; c++) s += vectors[i * p + c] * (floor - values[c]) * vectors[j * p + c];
      out[i * n + j] = s;
      out[j * n + i] = s;
    }
  }
  return out;
}

/**
 * The eigenvalue clip m + Σ_c (floor − λ_c) v_c v_cᵀ over the `count` eigenpairs below `floor`
 * (the caller knows `count` from the eigenvalues), computed from those eigenpairs alone: the
 * `count` largest of −m by Lanczos (core/lanczos.ts). `null` when Lanczos declines or does not
 * return exactly `count` values below the floor; the caller then uses the full decomposition
 * V max(Λ, δ) Vᵀ, which it equals in exact arithmetic.
 * @internal
 */
export function clipBelowFloor(m: Float64Array, n: number, floor: number, count: number, fn: string): Float64Array | null {
  const neg = new Float64Array(n * n);
  for (let t = 0; t < n * n; t++) neg[t] = -m[t];
  const top = topEigenpairs(neg, n, count, fn);
  if (!top) return null;
  const values = new Float64Array(count);
  for (let c = 0; c < count; c++) {
    values[c] = -top.values[c];
    if (!(values[c] < floor)) return null;
  }
  return liftLow(m, n, floor, { values, vectors: top.vectors, p: count });
}

/**
 * Smallest eigenvalue of the symmetric n x n `a`: by Lanczos on −a from n = 200 (falling back to
 * the full values-only decomposition when it declines), else the full decomposition.
 * @internal
 */
export function smallestEigenvalue(a: Float64Array, n: number, fn: string): number {
  if (n >= LANCZOS_MIN_ORDER) {
    const neg = new Float64Array(n * n);
    for (let t = 0; t < n * n; t++) neg[t] = -a[t];
    const top = topEigenpairs(neg, n, 1, fn);
    if (top) return -top.values[0];
  }
  return eigenvaluesKernel(a, n, fn)[0];
}

/**
 * Projection onto {X ⪰ δ I} in the W-norm (W = diag(w)). From n = 200, when at most
 * min(n / 10, 64) eigenvalues lie below δ, only those are computed (Lanczos) and the projection is
 * m + Σ (δ − λ) v vᵀ; otherwise the full decomposition gives V max(Λ, δ) Vᵀ. `state.lanczos`
 * turns the Lanczos attempt off for the rest of a {@link higham} call after it declined once.
 */
function projectPSD(r: Float64Array, n: number, floor: number, sw: Float64Array | undefined, state: { lanczos: boolean }, fn: string): Float64Array {
  let m = r;
  if (sw) {
    m = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) m[i * n + j] = sw[i] * r[i * n + j] * sw[j];
  }
  const low = state.lanczos ? lowEigenpairs(m, n, floor, fn) : null;
  if (!low) state.lanczos = false; // once declined (too many below the floor), not tried again in this call
  let p: Float64Array;
  if (low) p = liftLow(m, n, floor, low);
  else {
    const { values, vectors } = symmetricEigenKernel(m, n, fn);
    for (let k = 0; k < n; k++) values[k] = Math.max(values[k], floor);
    p = reconstruct(values, vectors, n);
  }
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
  fn = 'nearestCorrelation',
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
  const state = { lanczos: true };
  while (iterations < maxIterations) {
    iterations++;
    for (let k = 0; k < n * n; k++) r[k] = y[k] - dS[k];
    x = projectPSD(r, n, floor, sw, state, fn);
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
  const smallest = smallestEigenvalue(out, n, fn);
  return { x: out, iterations, converged, residual, smallest };
}
