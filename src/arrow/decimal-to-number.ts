/**
 * Internal: Arrow decimals to doubles. An Arrow Decimal value is a two's-complement integer N of
 * 32, 64, 128 or 256 bits (little-endian 32-bit words) and the column's `scale` s, meaning
 * N · 10^-s. It is converted to the double nearest to that exact rational (ties to even): the
 * same number `Number('<the decimal's digits>')` gives. When |N| < 2^53 and |s| <= 22 both N
 * and 10^|s| are exact doubles, so one IEEE division (or multiplication) is already correctly
 * rounded; otherwise the quotient is formed in BigInt with 66+ significant bits and a sticky bit,
 * and rounded once by `Number()`.
 *
 * @module
 * @internal
 */

const POW10: readonly number[] = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];
const TWO32 = 4294967296;
const MAX_HI = 0x200000; // 2^21: w1 below it means w1 · 2^32 + w0 < 2^53

function bitLength(x: bigint): number {
  return x === 0n ? 0 : x.toString(2).length;
}

/**
 * The double nearest to num / den (den > 0), ties to even. Exact for every BigInt input whose
 * quotient lies in the normal range of doubles.
 * @internal
 */
export function ratioToNumber(num: bigint, den: bigint): number {
  if (num === 0n) return 0;
  const neg = num < 0n;
  const a = neg ? -num : num;
  if (den === 1n) return neg ? -Number(a) : Number(a);
  // Scale so that the integer quotient has at least 66 bits: then Number() rounds at bit 53 or
  // above, and the sticky bit (set when the division was inexact) sits far below it.
  const k = Math.max(0, 66 + bitLength(den) - bitLength(a));
  const shifted = a << BigInt(k);
  let q = shifted / den;
  if (q * den !== shifted) q |= 1n;
  const x = Number(q) / Number(1n << BigInt(k)); // division by a power of two: exact
  return neg ? -x : x;
}

/** The signed integer in words [start, start + stride) of a little-endian two's-complement buffer. */
function wordsToBigInt(words: ArrayLike<number>, start: number, stride: number): bigint {
  let v = 0n;
  for (let w = stride - 1; w >= 0; w--) v = (v << 32n) | BigInt(words[start + w] >>> 0);
  const top = words[start + stride - 1] >>> 0;
  return top >= 0x80000000 ? v - (1n << BigInt(32 * stride)) : v;
}

/**
 * The decimal at row `i` of a Decimal chunk's words (`stride` 32-bit words per value) with
 * `scale`, as the nearest double.
 * @internal
 */
export function decimalAt(words: ArrayLike<number>, i: number, stride: number, scale: number): number {
  const b = i * stride;
  let small: number | undefined;
  if (stride === 1) {
    small = words[b] | 0;
  } else {
    const w0 = words[b] >>> 0;
    const w1 = words[b + 1] >>> 0;
    let ext = -1; // 0: all high words zero, 1: all ones, -1: neither
    if (stride === 2) ext = w1 < MAX_HI ? 0 : w1 >= TWO32 - MAX_HI ? 1 : -1;
    else {
      const h = words[b + 2] >>> 0;
      if ((h === 0 && w1 < MAX_HI) || (h === 0xffffffff && w1 >= TWO32 - MAX_HI)) {
        ext = h === 0 ? 0 : 1;
        for (let w = 3; w < stride; w++) if (words[b + w] >>> 0 !== h) ext = -1;
      }
    }
    if (ext === 0) small = w1 * TWO32 + w0;
    else if (ext === 1) small = (w1 - TWO32) * TWO32 + w0;
  }
  if (small !== undefined) {
    if (small === 0) return 0;
    if (scale >= 0 && scale <= 22) return small / POW10[scale];
    if (scale < 0 && scale >= -22) return small * POW10[-scale];
  }
  const n = wordsToBigInt(words, b, stride);
  return scale >= 0 ? ratioToNumber(n, 10n ** BigInt(scale)) : ratioToNumber(n * 10n ** BigInt(-scale), 1n);
}
