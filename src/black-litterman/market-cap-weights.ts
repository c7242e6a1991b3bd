/**
 * Market-capitalisation weights.
 *
 * @module
 */
import { InvalidArgumentError } from '../core/errors.ts';
import { toVector, type VectorLike } from '../core/matrix.ts';
import { SIZE_CAPS, checkSizeCap } from '../core/limits.ts';

/**
 * Market-capitalisation weights w_i = cap_i / Σ cap_j, the market portfolio of the
 * Black–Litterman equilibrium. Caps may be in any currency unit (only ratios matter); a total
 * that would overflow a double is handled by rescaling. NaN / ±Infinity are rejected.
 *
 * @param caps market capitalisations, non-negative and finite, with a positive total.
 * @returns weights summing to 1, as `number[]`.
 * @throws {InvalidArgumentError} on NaN / non-finite / negative caps, an empty list, or a zero total.
 * @throws {SizeLimitError} above the size cap.
 *
 * Size cap: at most `SIZE_CAPS.entries` (50,000,000) caps.
 * @example
 * ```ts
 * import { marketCapWeights } from 'quantivista/black-litterman';
 * console.log(marketCapWeights([300, 100, 100])); // [0.6, 0.2, 0.2]
 * ```
 */
export function marketCapWeights(caps: VectorLike): number[] {
  const fn = 'marketCapWeights';
  const raw = caps !== null && typeof caps === 'object' ? (caps as { length?: unknown }).length : undefined;
  if (typeof raw === 'number') checkSizeCap(fn, 'caps', raw, SIZE_CAPS.entries);
  const c = toVector(caps, fn, 'caps');
  if (c.length === 0) throw new InvalidArgumentError(`${fn}: \`caps\` must not be empty.`, 'caps', 0);
  let total = 0;
  for (let i = 0; i < c.length; i++) {
    const v = c[i];
    if (v < 0) throw new InvalidArgumentError(`${fn}: \`caps\` must be non-negative, but entry ${i} is ${v}.`, 'caps', v);
    total += v;
  }
  if (!(total > 0)) throw new InvalidArgumentError(`${fn}: \`caps\` must have a positive total, got ${total}.`, 'caps', total);
  if (total === Infinity) {
    // The sum overflowed (caps near Number.MAX_VALUE): rescale by the largest cap first.
    let max = 0;
    for (let i = 0; i < c.length; i++) max = Math.max(max, c[i]);
    let scaled = 0;
    for (let i = 0; i < c.length; i++) scaled += c[i] / max;
    return Array.from(c, (v) => v / max / scaled);
  }
  return Array.from(c, (v) => v / total);
}
