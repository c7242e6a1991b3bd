/**
 * Internal: the price-to-return kernels shared by simpleReturns, logReturns (matrix and table
 * paths) and returnsTable, so every path computes a return the same way, to the bit. A return
 * next to a missing (NaN) price comes out NaN.
 *
 * @module
 * @internal
 */
import { InvalidArgumentError } from '../core/errors.ts';

/**
 * A return too large for a double (a price near the smallest subnormal, 5e-324, followed by a
 * normal one) is an error, never ±Infinity: prices are expected in ordinary units.
 */
function overflow(fn: string, t: number, j: number, from: number, to: number): InvalidArgumentError {
  return new InvalidArgumentError(
    `${fn}: the return from price ${from} to ${to} (row ${t}, column ${j}) overflows double precision; prices are expected in ordinary units.`,
    'prices',
    { row: t, column: j },
  );
}

/**
 * Kernel: simple returns of a T x n row-major price buffer, (T − 1) x n, computed as
 * (p_t − p_{t−1}) / p_{t−1} (the difference is exact for moves under 100 %, so this is more
 * accurate than p_t / p_{t−1} − 1 for small returns).
 * @internal
 */
export function simpleReturnsKernel(p: Float64Array, T: number, n: number, fn = 'simpleReturns'): Float64Array {
  const out = new Float64Array((T - 1) * n);
  for (let t = 1; t < T; t++) {
    const cur = t * n;
    const prev = cur - n;
    const o = prev;
    for (let j = 0; j < n; j++) {
      const a = p[prev + j];
      const r = (p[cur + j] - a) / a;
      if (r === Infinity || r === -Infinity) throw overflow(fn, t, j, a, p[cur + j]);
      out[o + j] = r;
    }
  }
  return out;
}

/**
 * Kernel: log returns of a T x n row-major price buffer, (T − 1) x n, as
 * log1p((p_t − p_{t−1}) / p_{t−1}).
 * @internal
 */
export function logReturnsKernel(p: Float64Array, T: number, n: number, fn = 'logReturns'): Float64Array {
  const out = new Float64Array((T - 1) * n);
  for (let t = 1; t < T; t++) {
    const cur = t * n;
    const prev = cur - n;
    for (let j = 0; j < n; j++) {
      const a = p[prev + j];
      const r = (p[cur + j] - a) / a;
      if (r === Infinity) throw overflow(fn, t, j, a, p[cur + j]);
      out[prev + j] = Math.log1p(r);
    }
  }
  return out;
}
