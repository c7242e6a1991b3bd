/**
 * Internal spectral helpers: reconstruct V diag(f(λ)) Vᵀ from an eigendecomposition.
 *
 * @module
 * @internal
 */

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
        const dk = d[k] as number;
        if (dk !== 0) s += (vectors[ri + k] as number) * dk * (vectors[rj + k] as number);
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
    const d = (a[k] as number) - (b[k] as number);
    s += d * d;
  }
  return Math.sqrt(s);
}

/** Frobenius norm. @internal */
export function frobeniusNorm(a: Float64Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += (a[k] as number) * (a[k] as number);
  return Math.sqrt(s);
}
