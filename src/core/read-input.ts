/**
 * Readers for input objects and shared input shapes: the unknown-key check with a "did you mean"
 * hint (used for input objects and, through {@link checkOptions}, for options), and the box
 * `bounds` shape shared by the optimisers and risk parity.
 *
 * @module
 */
import { DimensionError, InvalidArgumentError } from './errors.ts';
import { didYouMean } from './options.ts';
import { checkFinite, checkInteger } from './validate.ts';
import { label, stringList } from './text.ts';
import { checkSizeCap, SIZE_CAPS } from './limits.ts';

function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null || v === undefined) return String(v);
  if (Array.isArray(v)) return `[array of ${v.length}]`;
  return typeof v;
}

/**
 * Read an input object (the data argument of a function, not its options): check that `value`
 * is a plain object and that each of its keys is in `known`, and return it typed.
 *
 * An unknown key throws, naming the key, the known key nearest to it by edit distance (when one
 * is close) and the known keys. A key listed in `misplaced` (a setting that belongs elsewhere,
 * such as an option given inside the input object) throws with the hint given there instead, so
 * a setting is never silently ignored. Keys whose value is `undefined` are checked too.
 *
 * @param fn Name of the calling function (for the message).
 * @param arg Name of the argument (`'input'`, `'periods[2]'`, ...).
 * @param value What was passed.
 * @param known The keys the function reads.
 * @param misplaced Keys that belong elsewhere, each with a hint (e.g. `'it is an option: pass it in the second argument'`).
 * @throws {InvalidArgumentError} when `value` is not a plain object, or on an unknown or misplaced key
 * (`argument` is `arg.key`, `value` the offending value); also when `known` is not an array of
 * strings or `misplaced` not an object.
 * @example
 * ```ts
 * import { readInput } from 'quantivista/core';
 * try {
 *   readInput('brinsonFachler', 'input', { segmnts: ['A'] }, ['portfolioWeights', 'segments']);
 * } catch (e) {
 *   console.log((e as Error).message); // brinsonFachler: unknown key `segmnts` in `input`; did you mean `segments`? Known keys are `portfolioWeights`, `segments`.
 * }
 * ```
 */
export function readInput<T extends object>(
  fn: string,
  arg: string,
  value: unknown,
  known: readonly string[],
  misplaced: Readonly<Record<string, string>> = {},
): T {
  if (stringList(known) === undefined) {
    throw new InvalidArgumentError(`${label(fn)}: the known keys of \`${label(arg)}\` must be an array of strings, got ${show(known)}.`, 'known', show(known));
  }
  if (misplaced === null || typeof misplaced !== 'object') {
    throw new InvalidArgumentError(
      `${label(fn)}: the misplaced-key hints of \`${label(arg)}\` must be an object, got ${show(misplaced)}.`,
      'misplaced',
      show(misplaced),
    );
  }
  fn = label(fn);
  arg = label(arg);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidArgumentError(
      `${fn}: \`${arg}\` must be an object with keys ${known.map((k) => `\`${k}\``).join(', ')}, got ${show(value)}.`,
      arg,
      show(value),
    );
  }
  for (const key of Object.keys(value)) {
    if (known.includes(key)) continue;
    const v = show((value as Record<string, unknown>)[key]);
    if (Object.prototype.hasOwnProperty.call(misplaced, key)) {
      throw new InvalidArgumentError(`${fn}: \`${key}\` does not belong in \`${arg}\`: ${label(misplaced[key])}.`, `${arg}.${key}`, v);
    }
    const hint = didYouMean(key, known);
    throw new InvalidArgumentError(
      `${fn}: unknown key \`${key}\` in \`${arg}\`;` + (hint === '' ? ' known' : `${hint} Known`) + ` keys are ${known.map((k) => `\`${k}\``).join(', ')}.`,
      `${arg}.${key}`,
      v,
    );
  }
  return value as T;
}

/** Box bounds on each weight: one `[lo, hi]` pair for every asset, or one pair per asset. */
export type BoxBounds = readonly [number, number] | ReadonlyArray<readonly [number, number]>;

/**
 * Read box `bounds` for n weights in the optimisers' shape: `[lo, hi]` (the same for every
 * asset) or an array of n `[lo, hi]` pairs (one per asset, in asset order). Entries must be
 * finite and lo ≤ hi. Returns fresh lower and upper vectors.
 *
 * Size cap: `n` at most `SIZE_CAPS.entries` (50,000,000).
 *
 * @throws {InvalidArgumentError} when `n` is not a non-negative integer, `bounds` is not an array, a
 * pair is malformed or not finite, or lo > hi.
 * @throws {SizeLimitError} when `n` is above `SIZE_CAPS.entries`.
 * @throws {DimensionError} when a per-asset array does not have n pairs.
 * @example
 * ```ts
 * import { readBoxBounds } from 'quantivista/core';
 * const b = readBoxBounds('f', [[0, 0.5], [0.1, 0.6]], 2);
 * console.log(Array.from(b.lo), Array.from(b.hi)); // [0, 0.1] [0.5, 0.6]
 * ```
 */
export function readBoxBounds(fn: string, bounds: unknown, n: number): { lo: Float64Array; hi: Float64Array } {
  fn = label(fn);
  checkInteger(fn, 'n', n, 0);
  checkSizeCap(fn, 'n', n, SIZE_CAPS.entries);
  const lo = new Float64Array(n);
  const hi = new Float64Array(n);
  if (!Array.isArray(bounds)) throw new InvalidArgumentError(`${fn}: \`bounds\` must be [lo, hi] or an array of ${n} [lo, hi] pairs.`, 'bounds', typeof bounds);
  const pair = (x: unknown, i: number | null): [number, number] => {
    const where = i === null ? 'bounds' : `bounds[${i}]`;
    if (!Array.isArray(x) || x.length !== 2) throw new InvalidArgumentError(`${fn}: \`${where}\` must be a [lo, hi] pair.`, 'bounds', where);
    const l = checkFinite(fn, where, x[0]);
    const h = checkFinite(fn, where, x[1]);
    if (l > h) throw new InvalidArgumentError(`${fn}: \`${where}\` lower bound (${l}) exceeds its upper bound (${h}).`, 'bounds', [l, h]);
    return [l, h];
  };
  if (bounds.length === 2 && typeof bounds[0] === 'number') {
    const [l, h] = pair(bounds, null);
    lo.fill(l);
    hi.fill(h);
    return { lo, hi };
  }
  if (bounds.length !== n) throw new DimensionError(`${fn}: \`bounds\` must be one [lo, hi] pair or ${n} pairs (one per asset), got ${bounds.length}.`);
  bounds.forEach((x, i) => {
    const [l, h] = pair(x, i);
    lo[i] = l;
    hi[i] = h;
  });
  return { lo, hi };
}
