/**
 * Internal: reading weights keyed by ticker (`Record<string, number>`) against a table's tickers,
 * with the nearest known ticker named when a key is unknown.
 *
 * @module
 * @internal
 */
import { InvalidArgumentError } from '../core/errors.ts';

/** Levenshtein distance between two strings (case-insensitive), O(|a| · |b|). @internal */
export function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      const sub = prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1);
      cur.push(Math.min(sub, prev[j] + 1, cur[j - 1] + 1));
    }
    prev = cur;
  }
  return prev[y.length];
}

/** The candidate closest to `name` by edit distance (the first on ties). @internal */
export function nearestName(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(name, c);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best;
}

/** Whether `x` is a plain object of weights keyed by ticker (not an array or typed array). @internal */
export function isWeightRecord(x: unknown): x is Readonly<Record<string, number>> {
  if (x === null || typeof x !== 'object' || Array.isArray(x) || ArrayBuffer.isView(x)) return false;
  return typeof (x as { length?: unknown }).length !== 'number';
}

/**
 * Weights keyed by ticker, in the order of `assets`: every ticker must have a finite weight, and
 * every key must be a ticker (an unknown key names the nearest ticker).
 *
 * @throws {InvalidArgumentError} on an unknown key, a ticker without a weight, a non-finite weight.
 * @internal
 */
export function weightsByTicker(fn: string, arg: string, weights: Readonly<Record<string, number>>, assets: readonly string[]): Float64Array {
  const known = new Set(assets);
  for (const key of Object.keys(weights)) {
    if (!known.has(key)) {
      const near = nearestName(key, assets);
      throw new InvalidArgumentError(
        `${fn}: \`${arg}\` has a weight for ${JSON.stringify(key)}, which is not a ticker of the table${near === undefined ? '' : ` (did you mean ${JSON.stringify(near)}?)`}; the tickers are ${assets
          .slice(0, 10)
          .map((a) => JSON.stringify(a))
          .join(', ')}${assets.length > 10 ? ', …' : ''}.`,
        arg,
        key,
      );
    }
  }
  const missing = assets.filter((a) => !Object.prototype.hasOwnProperty.call(weights, a));
  if (missing.length > 0) {
    throw new InvalidArgumentError(
      `${fn}: \`${arg}\` has no weight for ${missing
        .slice(0, 5)
        .map((a) => JSON.stringify(a))
        .join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}; give every ticker of the table a weight (0 to leave it out).`,
      arg,
      missing[0],
    );
  }
  const out = new Float64Array(assets.length);
  assets.forEach((a, j) => {
    const v: unknown = weights[a];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new InvalidArgumentError(`${fn}: \`${arg}\` must hold finite numbers, but the weight of ${JSON.stringify(a)} is ${String(v)}.`, arg, String(v));
    }
    out[j] = v;
  });
  return out;
}
