/**
 * The library's one compensated accumulator (Neumaier's improved Kahan–Babuška summation,
 * Neumaier 1974, "Rundungsfehleranalyse einiger Verfahren zur Summation endlicher Summen").
 * Every compensated sum in src/ goes through one of the three forms below, which all perform the
 * same step in the same order, so a sum gives the same bits whichever form computes it:
 *
 * ```
 * t = s + v
 * c += |s| ≥ |v| ? (s − t) + v : (v − t) + s
 * s = t                                   result: s + c
 * ```
 *
 * - {@link Adder}: an object for sums built up term by term (the model is d3-array's `Adder`,
 *   which keeps Shewchuk's exact partials; this one keeps Neumaier's single compensation term);
 * - {@link neumaierSum}: the strided kernel over an array slice;
 * - {@link neumaierAddAt}: one step on the i-th of many running sums held in two Float64Arrays
 *   (column sums of a row-major buffer, read row by row).
 *
 * @module
 */

/**
 * A running compensated sum: `add(v)` adds one term, `valueOf()` returns s + c.
 * Terms are added in call order; the value is that of {@link neumaierSum} over the same terms.
 * E.g. adding 1, 1e100, 1, −1e100 gives 2.
 * @internal
 */
export class Adder {
  /** The running (rounded) sum. */
  s = 0;
  /** The accumulated rounding errors. */
  c = 0;

  /** Adds one term; returns `this`. */
  add(v: number): this {
    const s = this.s;
    const t = s + v;
    if (Math.abs(s) >= Math.abs(v)) this.c += s - t + v;
    else this.c += v - t + s;
    this.s = t;
    return this;
  }

  /** The compensated sum s + c of the terms added so far (0 when none). */
  valueOf(): number {
    return this.s + this.c;
  }

  /** Forgets every term; returns `this`. */
  reset(): this {
    this.s = 0;
    this.c = 0;
    return this;
  }
}

/**
 * Kernel: Neumaier-compensated sum of `x[offset + k * stride]`, k = 0..count-1.
 * @internal
 */
export function neumaierSum(x: ArrayLike<number>, offset = 0, count = x.length, stride = 1): number {
  let s = 0;
  let c = 0;
  for (let k = 0, i = offset; k < count; k++, i += stride) {
    const v = x[i];
    const t = s + v;
    if (Math.abs(s) >= Math.abs(v)) c += s - t + v;
    else c += v - t + s;
    s = t;
  }
  return s + c;
}

/**
 * Kernel: one compensated step on the i-th of several running sums, `s[i]` the sums and `c[i]`
 * their compensations (the value of sum i is `s[i] + c[i]`).
 * @internal
 */
export function neumaierAddAt(s: Float64Array, c: Float64Array, i: number, v: number): void {
  const si = s[i];
  const t = si + v;
  if (Math.abs(si) >= Math.abs(v)) c[i] = c[i] + (si - t + v);
  else c[i] = c[i] + (v - t + si);
  s[i] = t;
}
