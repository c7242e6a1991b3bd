/**
 * Internal: weights keyed by ticker (`Record<string, number>`) read against a list of asset
 * labels — the one reader behind `portfolioReturns` (returns) and the risk functions. The
 * callers keep their own wording of the errors; the checks and their order are shared.
 *
 * @module
 * @internal
 */
import { editDistance } from './options.ts';

/** Whether `x` is a plain object of weights keyed by ticker (not an array or typed array). @internal */
export function isWeightRecord(x: unknown): x is Readonly<Record<string, number>> {
  if (x === null || typeof x !== 'object' || Array.isArray(x) || ArrayBuffer.isView(x)) return false;
  return typeof (x as { length?: unknown }).length !== 'number';
}

/**
 * The label nearest to `name` by edit distance (case-insensitive, optimal string alignment as in
 * `nearestKey`, but without its closeness limit: some label is always named; the first on ties).
 * @internal
 */
export function nearestLabel(name: string, labels: readonly string[]): string | undefined {
  const k = name.toLowerCase();
  let best: string | undefined;
  let bestD = Infinity;
  for (const l of labels) {
    const d = editDistance(k, l.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = l;
    }
  }
  return best;
}

/** How a caller words the three errors of {@link weightsFromRecord} (each returns the error to throw). @internal */
export interface WeightRecordErrors {
  /** A key that is no label; `near` is the nearest label. */
  unknown(key: string, near: string | undefined): Error;
  /** Labels without a weight (in label order, at least one). */
  missing(missing: readonly string[]): Error;
  /** The weight of `label` as a finite number, or throw. */
  entry(label: string, value: unknown): number;
}

/**
 * Weights keyed by ticker, in the order of `labels`. Checks, in this order: every key is a label
 * (else `errors.unknown`, naming the nearest label), every label has a weight (else
 * `errors.missing`), and every weight is read by `errors.entry` in label order.
 * @internal
 */
export function weightsFromRecord(rec: Readonly<Record<string, number>>, labels: readonly string[], errors: WeightRecordErrors): Float64Array {
  const known = new Set(labels);
  for (const key of Object.keys(rec)) if (!known.has(key)) throw errors.unknown(key, nearestLabel(key, labels));
  const missing = labels.filter((l) => !Object.prototype.hasOwnProperty.call(rec, l));
  if (missing.length > 0) throw errors.missing(missing);
  const out = new Float64Array(labels.length);
  labels.forEach((l, j) => {
    out[j] = errors.entry(l, rec[l]);
  });
  return out;
}
