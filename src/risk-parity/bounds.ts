/**
 * Weight bounds of the risk-parity functions: the optimisers' `[lo, hi]` / per-asset pair shapes
 * (read by core's `readBoxBounds`, the optimisers' reader) plus the older `{ lower, upper }` alias.
 *
 * @module
 * @internal
 */
import { InfeasibleError, InvalidArgumentError } from '../core/errors.ts';
import { didYouMean } from '../core/options.ts';
import { readBoxBounds, type BoxBounds } from '../core/read-input.ts';
import { showValue } from '../core/parse-decimal.ts';

/**
 * The `{ lower, upper }` form of {@link WeightBounds}, kept as an alias of the `[lo, hi]` forms the
 * optimisers take: `{ lower: 0.05, upper: 0.3 }` is `[0.05, 0.3]`, and per-asset arrays are the
 * per-asset pairs.
 */
export interface LowerUpperBounds {
  /** Lower bound(s): one number for every asset or one per asset. Default 0. */
  lower?: number | ArrayLike<number>;
  /** Upper bound(s): one number for every asset or one per asset. Default 1. */
  upper?: number | ArrayLike<number>;
}

/**
 * Weight bounds accepted by the risk-budgeting and HRP functions, in the optimisers' shape:
 * `[lo, hi]` for every asset, or one `[lo, hi]` pair per asset (in asset order), each within
 * [0, 1]; or the older `{ lower, upper }` object ({@link LowerUpperBounds}), kept as an alias.
 */
export type WeightBounds = BoxBounds | LowerUpperBounds;

function boundVector(fn: string, arg: string, v: number | ArrayLike<number> | undefined, n: number, dflt: number): Float64Array {
  const out = new Float64Array(n);
  if (v === undefined) return out.fill(dflt);
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < 0 || v > 1) {
      throw new InvalidArgumentError(`${fn}: \`${arg}\` must be in [0, 1], got ${v}.`, arg, v);
    }
    return out.fill(v);
  }
  if (v === null || typeof v !== 'object' || typeof v.length !== 'number') {
    throw new InvalidArgumentError(`${fn}: \`${arg}\` must be a number or an array of numbers.`, arg, typeof v);
  }
  if (v.length !== n) {
    throw new InvalidArgumentError(`${fn}: \`${arg}\` must have ${n} entries (one per asset), got ${v.length}.`, arg, v.length);
  }
  for (let i = 0; i < n; i++) {
    const x = v[i] as unknown;
    if (typeof x !== 'number' || !Number.isFinite(x) || x < 0 || x > 1) {
      throw new InvalidArgumentError(`${fn}: \`${arg}\` entries must be in [0, 1], but entry ${i} is ${showValue(x)}.`, arg, showValue(x));
    }
    out[i] = x;
  }
  return out;
}

/** Read the `[lo, hi]` / per-asset pair forms with core's reader (as the optimisers), then check [0, 1]. */
function boxBounds(fn: string, bounds: BoxBounds, n: number): { lower: Float64Array; upper: Float64Array } {
  const { lo, hi } = readBoxBounds(fn, bounds, n);
  for (let i = 0; i < n; i++) {
    const l = lo[i];
    const h = hi[i];
    if (l < 0 || h > 1) {
      const where = bounds.length === 2 && typeof bounds[0] === 'number' ? 'bounds' : `bounds[${i}]`;
      throw new InvalidArgumentError(`${fn}: \`${where}\` must lie within [0, 1] (long-only, fully invested weights), got [${l}, ${h}].`, 'bounds', [l, h]);
    }
  }
  return { lower: lo, upper: hi };
}

/**
 * Validate weight bounds for n assets ({@link WeightBounds}: `[lo, hi]`, n pairs, or the
 * `{ lower, upper }` alias); `undefined` when no bounds are given.
 * @throws {InvalidArgumentError} on malformed bounds, entries outside [0, 1], or (pair forms) lo > hi.
 * @throws {DimensionError} when a per-asset array does not have n pairs.
 * @throws {InfeasibleError} when (`{ lower, upper }` form) a lower bound exceeds its upper bound.
 * @internal
 */
export function parseBounds(
  fn: string,
  bounds: WeightBounds | undefined,
  n: number,
  assets?: readonly string[],
): { lower: Float64Array; upper: Float64Array } | undefined {
  if (bounds === undefined) return undefined;
  if (Array.isArray(bounds)) return boxBounds(fn, bounds as BoxBounds, n);
  if (bounds === null || typeof bounds !== 'object') {
    throw new InvalidArgumentError(
      `${fn}: \`bounds\` must be [lo, hi], an array of ${n} [lo, hi] pairs, or an object { lower?, upper? }.`,
      'bounds',
      typeof bounds,
    );
  }
  const lu = bounds as LowerUpperBounds;
  for (const key of Object.keys(lu)) {
    if (key !== 'lower' && key !== 'upper') {
      throw new InvalidArgumentError(
        `${fn}: unknown key \`bounds.${key}\`; known keys are \`lower\`, \`upper\`.${didYouMean(key, ['lower', 'upper'], 'Did you mean')}`,
        `bounds.${key}`,
      );
    }
  }
  const lower = boundVector(fn, 'bounds.lower', lu.lower, n, 0);
  const upper = boundVector(fn, 'bounds.upper', lu.upper, n, 1);
  const conflicts: string[] = [];
  for (let i = 0; i < n; i++) {
    if (lower[i] > upper[i]) {
      conflicts.push(`asset ${assets?.[i] ?? i}: lower bound ${lower[i]} > upper bound ${upper[i]}`);
    }
  }
  if (conflicts.length > 0) throw new InfeasibleError(`${fn}: infeasible weight bounds: ${conflicts.join('; ')}.`, conflicts);
  return { lower, upper };
}
