/**
 * Internal: the price-to-return kernels shared by simpleReturns, logReturns (matrix and table
 * paths) and returnsTable, so every path computes a return the same way, to the bit. A return
 * next to a missing (NaN) price comes out NaN.
 *
 * @module
 * @internal
 */

/**
 * Kernel: simple returns of a T x n row-major price buffer, (T − 1) x n, computed as
 * (p_t − p_{t−1}) / p_{t−1} (the difference is exact for moves under 100 %, so this is more
 * accurate than p_t / p_{t−1} − 1 for small returns).
 * @internal
 */
export function simpleReturnsKernel(p: Float64Array, T: number, n: number): Float64Array {
  const out = new Float64Array((T - 1) * n);
  for (let t = 1; t < T; t++) {
    const cur = t * n;
    const prev = cur - n;
    const o = prev;
    for (let j = 0; j < n; j++) {
      const a = p[prev + j] as number;
      out[o + j] = ((p[cur + j] as number) - a) / a;
    }
  }
  return out;
}

/**
 * Kernel: log returns of a T x n row-major price buffer, (T − 1) x n, as
 * log1p((p_t − p_{t−1}) / p_{t−1}).
 * @internal
 */
export function logReturnsKernel(p: Float64Array, T: number, n: number): Float64Array {
  const out = new Float64Array((T - 1) * n);
  for (let t = 1; t < T; t++) {
    const cur = t * n;
    const prev = cur - n;
    for (let j = 0; j < n; j++) {
      const a = p[prev + j] as number;
      out[prev + j] = Math.log1p(((p[cur + j] as number) - a) / a);
    }
  }
  return out;
}

