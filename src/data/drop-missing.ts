import { InsufficientDataError } from '../core/errors.ts';
import { wrapMatrix } from '../core/matrix.ts';
import { readTable, wrapTable, type Table, type TableKind, type TableLike } from '../core/table.ts';
import { checkOneOf, checkOptions } from '../core/validate.ts';

/** Options of {@link dropMissing}. */
export interface DropMissingOptions {
  /**
   * `'any'` (default): drop a row (column) holding at least one missing value; `'all'`: drop
   * only a row (column) whose values are all missing.
   */
  how?: 'any' | 'all';
  /** `'rows'` (default): drop dates; `'columns'`: drop assets. */
  axis?: 'rows' | 'columns';
}

/**
 * Drop the dates (rows) or assets (columns) of a table that hold missing values (NaN), as pandas
 * `df.dropna(how=..., axis=...)`: with `how: 'any'` every row (column) with a missing value goes,
 * with `how: 'all'` only the entirely missing ones. Kept rows and columns keep their order and
 * values; the result has the input's kind.
 *
 * An empty result is never returned silently: when no row (or no column) would remain, a typed
 * error says what was dropped and why, e.g. `every row has a missing value; the latest listing
 * is HHH on 2020-11-11` (an asset that lists late makes every earlier row incomplete): drop that
 * asset (`selectAssets`, or `dropMissing` with `axis: 'columns'`), slice the dates, or fill the
 * gaps (`fillMissing`) first.
 *
 * @param table a PriceTable / ReturnTable, its structured clone, or a plain
 *   `{ kind?, dates, assets, values }` (a table without `kind` is read as returns). Not modified.
 * @returns a new table of the same kind.
 * @throws {InsufficientDataError} when no row or no column would remain (the message names the
 *   cause), including an input with no rows or no assets.
 * @throws {InvalidArgumentError} on a malformed table, an unknown option, or a `how` / `axis`
 *   outside the lists above.
 * @throws {DimensionError} when the table's sizes disagree.
 * @example
 * ```ts
 * import { dropMissing } from 'quantivista/data';
 * const t = { kind: 'prices' as const, dates: ['2024-01-02', '2024-01-03', '2024-01-04'], assets: ['A', 'B'], values: [[1, null], [null, null], [3, 4]] };
 * console.log(dropMissing(t).dates); // ['2024-01-04']
 * console.log(dropMissing(t, { how: 'all' }).dates); // ['2024-01-02', '2024-01-04']
 * console.log(dropMissing(t, { axis: 'columns', how: 'all' }).assets); // ['A', 'B']
 * try {
 *   dropMissing(t, { axis: 'columns' });
 * } catch (e) {
 *   console.log((e as Error).name); // InsufficientDataError
 * }
 * ```
 */
export function dropMissing<K extends TableKind>(table: TableLike & { readonly kind: K }, options?: DropMissingOptions): Table<K>;
export function dropMissing(table: TableLike, options?: DropMissingOptions): Table;
export function dropMissing(table: TableLike, options?: DropMissingOptions): Table {
  const fn = 'dropMissing';
  const opts = checkOptions(fn, options, ['how', 'axis']);
  const how = opts.how === undefined ? 'any' : checkOneOf(fn, 'how', opts.how, ['any', 'all'] as const);
  const axis = opts.axis === undefined ? 'rows' : checkOneOf(fn, 'axis', opts.axis, ['rows', 'columns'] as const);
  const t = readTable(fn, 'table', table);
  const T = t.values.rows;
  const n = t.values.cols;
  const d = t.values.data;
  if (T === 0) throw empty(`${fn}: the table has no rows, so no ${axis === 'rows' ? 'row' : 'column'} can remain.`);
  if (n === 0) throw empty(`${fn}: the table has no assets, so no ${axis === 'rows' ? 'row' : 'column'} can remain.`);

  if (axis === 'rows') {
    const keep: number[] = [];
    for (let i = 0; i < T; i++) {
      let present = 0;
      const o = i * n;
      for (let j = 0; j < n; j++) if (d[o + j] === d[o + j]) present++;
      if (how === 'any' ? present === n : present > 0) keep.push(i);
    }
    if (keep.length === 0) throw empty(`${fn}: ${how === 'any' ? rowsAnyReason(t) : 'every row is entirely missing'}, so no row would remain (how: '${how}').`);
    const out = new Float64Array(keep.length * n);
    const dates = new Array<string>(keep.length);
    for (let k = 0; k < keep.length; k++) {
      const i = keep[k];
      out.set(d.subarray(i * n, i * n + n), k * n);
      dates[k] = t.dates[i] as string;
    }
    return wrapTable(t.kind, dates, t.assets.slice(), wrapMatrix(keep.length, n, out));
  }

  const present = new Float64Array(n);
  for (let i = 0; i < T; i++) {
    const o = i * n;
    for (let j = 0; j < n; j++) if (d[o + j] === d[o + j]) present[j]++;
  }
  const cols: number[] = [];
  for (let j = 0; j < n; j++) if (how === 'any' ? present[j] === T : present[j] > 0) cols.push(j);
  if (cols.length === 0)
    throw empty(`${fn}: ${how === 'any' ? columnsAnyReason(t) : 'every column is entirely missing'}, so no column would remain (how: '${how}').`);
  const m = cols.length;
  const out = new Float64Array(T * m);
  for (let i = 0; i < T; i++) {
    const o = i * n;
    const p = i * m;
    for (let k = 0; k < m; k++) out[p + k] = d[o + cols[k]];
  }
  return wrapTable(
    t.kind,
    t.dates.slice(),
    cols.map((j) => t.assets[j] as string),
    wrapMatrix(T, m, out),
  );
}

function empty(message: string): InsufficientDataError {
  return new InsufficientDataError(message, 1, 0);
}

/** Why every row has a missing value: an empty column, or a late listing / early last value. */
function rowsAnyReason(t: Table): string {
  const T = t.values.rows;
  const n = t.values.cols;
  const d = t.values.data;
  const first = new Array<number>(n).fill(-1);
  const last = new Array<number>(n).fill(-1);
  for (let i = 0; i < T; i++) {
    for (let j = 0; j < n; j++) {
      if (d[i * n + j] === d[i * n + j]) {
        if (first[j] === -1) first[j] = i;
        last[j] = i;
      }
    }
  }
  const none = t.assets.filter((_, j) => first[j] === -1);
  if (none.length > 0) return `every row has a missing value; ${list(none)} ${none.length === 1 ? 'has' : 'have'} no value at all`;
  let late = 0;
  let early = 0;
  for (let j = 1; j < n; j++) {
    if (first[j] > first[late]) late = j;
    if (last[j] < last[early]) early = j;
  }
  const listing = `the latest listing is ${t.assets[late]} on ${t.dates[first[late]]}`;
  if (last[early] < first[late]) {
    return `every row has a missing value; ${listing}, after the last value of ${t.assets[early]} (on ${t.dates[last[early]]})`;
  }
  return `every row has a missing value; ${listing}, and every row from then on still misses a value`;
}

/** Why every column has a missing value: each column's first missing date (up to five). */
function columnsAnyReason(t: Table): string {
  const T = t.values.rows;
  const n = t.values.cols;
  const d = t.values.data;
  const parts: string[] = [];
  for (let j = 0; j < n && parts.length < 5; j++) {
    let i = 0;
    while (i < T && d[i * n + j] === d[i * n + j]) i++;
    parts.push(`${t.assets[j]} on ${t.dates[i]}`);
  }
  return `every column has a missing value (the first: ${parts.join(', ')}${n > 5 ? `, and ${n - 5} more` : ''})`;
}

function list(names: readonly string[]): string {
  const shown = names.slice(0, 5).join(', ');
  return names.length > 5 ? `${shown} and ${names.length - 5} more` : shown;
}
