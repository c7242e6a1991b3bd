/**
 * Internal: the price-to-return kernels shared by simpleReturns, logReturns (matrix and table
 * paths) and returnsTable, so every path computes a return the same way, to the bit. A return
 * next to a missing (NaN) price comes out NaN.
 *
 * @module
 * @internal
 */
import { InvalidArgumentError } from '../core/errors.ts';

/** The smallest positive normal double; prices below it are subnormal. */
const MIN_NORMAL = 2.2250738585072014e-308;

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
 * log1p((p_t − p_{t−1}) / p_{t−1}); where 1 + r rounds to 0 between two normal prices (a fall from
 * 1e300 to 3), as ln p_t − ln p_{t−1}, which stays finite. A subnormal price next to a normal one
 * (a return beyond the double range either way) is an error, as in simpleReturns.
 * @internal
 */
export function logReturnsKernel(p: Float64Array, T: number, n: number, fn = 'logReturns'): Float64Array {
  const out = new Float64Array((T - 1) * n);
  for (let t = 1; t < T; t++) {
    const cur = t * n;
    const prev = cur - n;
    for (let j = 0; j < n; j++) {
      const a = p[prev + j];
      const b = p[cur + j];
      const r = (b - a) / a;
      if (r > -1 && r < Infinity) {
        out[prev + j] = Math.log1p(r);
        continue;
      }
      if (r !== r) {
        out[prev + j] = r; // next to a missing price
        continue;
      }
      // a subnormal price (as in simpleReturns) is refused; two normal prices so far apart that
      // 1 + r rounds to 0 (a fall from 1e300 to 3) give ln p_t − ln p_{t−1}, which is finite
      if (r === Infinity || a < MIN_NORMAL || b < MIN_NORMAL) throw overflow(fn, t, j, a, b);
      out[prev + j] = Math.log(b) - Math.log(a);
    }
  }
  return out;
}
