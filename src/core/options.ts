/**
 * The options-object check every function runs first, and the nearest-key suggestion it shares
 * with the input-object reader (read-input.ts).
 *
 * @module
 */
import { InvalidArgumentError } from './errors.ts';
import { label, stringList } from './text.ts';

/** Strings longer than this get no suggestion (edit distance is quadratic in the length). */
const MAX_SUGGEST_LENGTH = 256;

/**
 * Edit distance between two strings (optimal string alignment: insertions, deletions,
 * substitutions and transpositions of adjacent characters each cost 1).
 * @internal
 */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = new Array<number>(n + 1).fill(0);
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur[j] = d;
    }
    prev2 = prev;
    prev = cur;
  }
  return prev[n];
}

/**
 * The known key nearest to `key` by edit distance (case-insensitive; optimal string alignment),
 * or `undefined` when none is close: the distance must be at most max(2, ⌊length / 3⌋) of the
 * longer of the two. Ties go to the key listed first. A key or candidate longer than 256
 * characters is never matched (no real option or key name is that long, and the distance costs
 * the product of the two lengths); a candidate whose length differs from the key's by more than
 * the allowed distance is skipped without computing it, so the time is linear in `known` for
 * short keys.
 *
 * @throws {InvalidArgumentError} when `key` is not a string or `known` is not an array of strings.
 * @example
 * ```ts
 * import { nearestKey } from 'quantivista/core';
 * console.log(nearestKey('segmnts', ['portfolioWeights', 'segments'])); // segments
 * console.log(nearestKey('xyz', ['portfolioWeights', 'segments'])); // undefined
 * ```
 */
export function nearestKey(key: string, known: readonly string[]): string | undefined {
  if (typeof key !== 'string') throw new InvalidArgumentError(`nearestKey: \`key\` must be a string, got ${show(key)}.`, 'key', show(key));
  if (stringList(known) === undefined) {
    throw new InvalidArgumentError(`nearestKey: \`known\` must be an array of strings, got ${show(known)}.`, 'known', show(known));
  }
  if (key.length > MAX_SUGGEST_LENGTH) return undefined;
  const k = key.toLowerCase();
  let best: string | undefined;
  let bestD = Infinity;
  for (const cand of known) {
    if (cand.length > MAX_SUGGEST_LENGTH) continue;
    const limit = Math.max(2, Math.floor(Math.max(k.length, cand.length) / 3));
    if (Math.abs(k.length - cand.length) > Math.min(limit, bestD - 1)) continue; // the distance is at least the length difference
    const d = editDistance(k, cand.toLowerCase());
    if (d < bestD && d <= limit) {
      best = cand;
      bestD = d;
    }
  }
  return best;
}

/** `" <lead> `x`?"` naming the nearest known key, or `""` when none is close. @internal */
export function didYouMean(key: string, known: readonly string[], lead = 'did you mean'): string {
  const near = nearestKey(key, known);
  return near === undefined ? '' : ` ${lead} \`${near}\`?`;
}

function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null || v === undefined) return String(v);
  if (Array.isArray(v)) return `[array of ${v.length}]`;
  return typeof v;
}

/**
 * Check that `options` is undefined or a plain object whose keys are all in `allowed`, and
 * return it (or `{}`).
 *
 * Only the key names are checked: the values are returned as they came (each function checks its
 * own), so `checkOptions('f', { ddof: Infinity }, ['ddof'])` returns that object unchanged.
 *
 * @throws {InvalidArgumentError} naming the first unknown option, listing the known ones and, when one
 * is close by edit distance ({@link nearestKey}), suggesting it; also when `allowed` is not an
 * array of strings.
 * @example
 * ```ts
 * import { checkOptions } from 'quantivista/core';
 * checkOptions('sampleCovariance', { ddof: 0 }, ['ddof']); // ok
 * try {
 *   checkOptions('sampleCovariance', { dof: 0 }, ['ddof']);
 * } catch (e) {
 *   console.log((e as Error).message); // sampleCovariance: unknown option `dof`; known options are `ddof`. Did you mean `ddof`?
 * }
 * ```
 */
export function checkOptions<T extends object>(fn: string, options: T | undefined, allowed: readonly string[]): T {
  if (stringList(allowed) === undefined) {
    throw new InvalidArgumentError(`${label(fn)}: the allowed options must be an array of strings, got ${show(allowed)}.`, 'allowed', show(allowed));
  }
  if (options === undefined) return {} as T;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new InvalidArgumentError(`${label(fn)}: \`options\` must be an object, got ${show(options)}.`, 'options', show(options));
  }
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) {
      throw new InvalidArgumentError(
        `${label(fn)}: unknown option \`${key}\`; known options are ${allowed.map((a) => `\`${a}\``).join(', ') || '(none)'}.${didYouMean(key, allowed, 'Did you mean')}`,
        key,
        show((options as Record<string, unknown>)[key]),
      );
    }
  }
  return options;
}
