/**
 * Internal: four dot products in one pass. Rows `a0`, `a0 + stride`, `a0 + 2·stride` and
 * `a0 + 3·stride` of the flat buffer `a`, each over `len` entries, against `x` from `xo`; the sums
 * go to `out[0..3]`. Each sum adds its terms in increasing index, exactly as four separate loops
 * would (the same bits); sharing the pass over `x` keeps four independent sums in flight.
 *
 * @internal
 * @module
 */

/** out[r] = Σ_{t < len} a[a0 + r·stride + t] · x[xo + t] for r = 0..3, summed in increasing t. @internal */
export function dot4(a: Float64Array, a0: number, stride: number, x: Float64Array, xo: number, len: number, out: Float64Array): void {
  const a1 = a0 + stride;
  const a2 = a1 + stride;
  const a3 = a2 + stride;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let t = 0; t < len; t++) {
    const v = x[xo + t];
    s0 += a[a0 + t] * v;
    s1 += a[a1 + t] * v;
    s2 += a[a2 + t] * v;
    s3 += a[a3 + t] * v;
  }
  out[0] = s0;
  out[1] = s1;
  out[2] = s2;
  out[3] = s3;
}
