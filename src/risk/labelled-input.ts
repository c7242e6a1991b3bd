/**
 * Internal helpers of the risk domain for labelled input: weights keyed by ticker, the
 * `missing` and `assumeReturns` options, and one-column dated series (not exported from
 * `quantivista/risk`).
 *
 * @module
 * @internal
 */
import { DimensionError, InvalidArgumentError } from '../core/errors.ts';
import { matrixData, toVector, type VectorLike } from '../core/matrix.ts';
import { readTable, type TableKind } from '../core/table.ts';
import { checkFinite, checkOneOf } from '../core/validate.ts';
import { isWeightRecord, weightsFromRecord as readWeightRecord } from '../core/weight-record.ts';

export { isWeightRecord };

/** Weights as an array (one per column) or a record keyed by ticker. */
export type WeightsInput = VectorLike | Readonly<Record<string, number>>;

/**
 * Weights keyed by ticker, in the order of `labels`: every label must have a finite weight
 * (0 for none), and a key that is no label throws, naming the nearest label (core's
 * `weightsFromRecord`, worded for the risk domain).
 *
 * @param source the argument the labels come from, for messages (e.g. "`returns`").
 */
export function weightsFromRecord(fn: string, arg: string, rec: Readonly<Record<string, number>>, labels: readonly string[], source: string): Float64Array {
  return readWeightRecord(rec, labels, {
    unknown: (key, near) =>
      new InvalidArgumentError(
        `${fn}: \`${arg}\` has the key ${JSON.stringify(key)}, which is not an asset of ${source}` +
          (near === undefined ? '.' : `: did you mean ${JSON.stringify(near)}?`),
        arg,
        key,
      ),
    missing: (missing) => {
      const list =
        missing
          .slice(0, 5)
          .map((m) => JSON.stringify(m))
          .join(', ') + (missing.length > 5 ? `, … (${missing.length} in all)` : '');
      return new InvalidArgumentError(
        `${fn}: \`${arg}\` has no weight for ${list}; keyed weights must name every asset of ${source} (give 0 to leave one out).`,
        arg,
        missing[0],
      );
    },
    entry: (label, v) => checkFinite(fn, `${arg}[${JSON.stringify(label)}]`, v),
  });
}

/**
 * Read weights given as an array or as a record keyed by ticker. A record needs `labels`
 * (from a table or the `assets` option).
 */
export function readWeights(
  fn: string,
  arg: string,
  weights: WeightsInput,
  labels: readonly string[] | undefined,
  source: string,
  assetsOption = false,
): Float64Array {
  if (!isWeightRecord(weights)) return toVector(weights, fn, arg);
  if (labels === undefined) {
    throw new InvalidArgumentError(
      `${fn}: \`${arg}\` are keyed by ticker, but ${source} carries no asset labels: pass a table { dates, assets, values }${assetsOption ? ' or the `assets` option' : ''}, or the weights as an array (one per column).`,
      arg,
      'record',
    );
  }
  return weightsFromRecord(fn, arg, weights, labels, source);
}

/** The `missing` option: `'error'` (default) or `'drop'`. */
export function missingOption(fn: string, missing: unknown): 'error' | 'drop' {
  return missing === undefined ? 'error' : checkOneOf(fn, 'missing', missing, ['error', 'drop'] as const);
}

/** The `assumeReturns` option, as toReturnsMatrix takes it (only set when given). */
export function returnsOptions(missing: 'error' | 'drop', assumeReturns: unknown): { missing: 'error' | 'drop'; assumeReturns?: boolean } {
  return assumeReturns === undefined ? { missing } : { missing, assumeReturns: assumeReturns as boolean };
}

/**
 * A one-column table read as a dated series: its values (a fresh Float64Array) and dates. A
 * missing value throws, naming its date; more than one column throws a DimensionError.
 */
export function tableSeries(
  fn: string,
  arg: string,
  input: unknown,
  kind: TableKind | undefined,
  what: string,
): { values: Float64Array; dates: readonly string[] } {
  const t = readTable(fn, arg, input, kind);
  if (t.values.cols !== 1) {
    throw new DimensionError(
      `${fn}: \`${arg}\` must be a table with one column (${what}), got ${t.values.cols} columns (${t.assets.slice(0, 5).join(', ')}${t.values.cols > 5 ? ', …' : ''}).`,
    );
  }
  const values = Float64Array.from(matrixData(t.values));
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i])) {
      throw new InvalidArgumentError(`${fn}: \`${arg}\` has a missing value (NaN or null) on ${t.dates[i]} (row ${i}); clean the data first.`, arg, {
        row: i,
        date: t.dates[i],
      });
    }
  }
  return { values, dates: t.dates };
}

/**
 * With a table input, a `dates` option is redundant: it must list the table's dates exactly
 * (then it is ignored), or it throws naming the first difference.
 */
export function checkSameDates(fn: string, arg: string, given: unknown, tableDates: readonly string[]): void {
  if (given === undefined) return;
  const g = given as readonly unknown[];
  const ok = Array.isArray(g) && g.length === tableDates.length;
  const i = ok ? tableDates.findIndex((d, k) => g[k] !== d) : -1;
  if (!ok || i >= 0) {
    const why = !ok
      ? `it has ${Array.isArray(g) ? g.length : 'no'} entries against the table's ${tableDates.length}`
      : `row ${i} is ${JSON.stringify(g[i])} in \`dates\` but ${tableDates[i]} in the table`;
    throw new InvalidArgumentError(
      `${fn}: \`${arg}\` is a table and brings its own dates, and the \`dates\` option differs (${why}); leave the option out.`,
      'dates',
      'differs',
    );
  }
}
