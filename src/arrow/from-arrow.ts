/**
 * `fromArrow`: an Apache Arrow table (apache-arrow's `Table`, as Polars, DuckDB and pyarrow hand
 * it over through the IPC format) to a `PriceTable` or `ReturnTable`.
 *
 * @module
 */
import type { Table as ArrowTable } from 'apache-arrow';
import { InvalidArgumentError } from '../core/errors.ts';
import { isoFromDayNumber } from '../core/dates.ts';
import { wrapMatrix } from '../core/matrix.ts';
import { checkOptions } from '../core/options.ts';
import { wrapTable, type Table, type TableKind } from '../core/table.ts';
import { isDateType, isNumericType, KIND_METADATA_KEY, typeName, type ArrowFieldShape, type ArrowTableShape } from './arrow-shapes.ts';
import { readDateColumn } from './read-dates.ts';
import { readAssetColumn } from './read-numbers.ts';

const FN = 'fromArrow';

/** Options of {@link fromArrow}. */
export interface FromArrowOptions<K extends TableKind = TableKind> {
  /**
   * Name of the date column. Default: the first column of a date type (Date32, Date64,
   * Timestamp) or of a string type (Utf8, LargeUtf8, Utf8View).
   */
  readonly dateColumn?: string;
  /**
   * What the numbers are: `'prices'` (default) or `'returns'`. A table that `toArrow` wrote from
   * a ReturnTable (schema metadata `quantivista:kind` = `returns`) needs `kind: 'returns'`.
   */
  readonly kind?: K;
  /** The asset columns to read, in this order. Default: every column but the date column. */
  readonly assets?: readonly string[];
  /** Sort the rows by date when they are not increasing (default false: unsorted dates throw). */
  readonly sort?: boolean;
}

function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null || v === undefined) return String(v);
  if (Array.isArray(v)) return `an array of length ${v.length}`;
  return typeof v;
}

function isArrowTable(x: unknown): x is ArrowTableShape {
  if (x === null || typeof x !== 'object') return false;
  const t = x as { schema?: { fields?: unknown }; numRows?: unknown; getChildAt?: unknown };
  return typeof t.getChildAt === 'function' && typeof t.numRows === 'number' && Array.isArray(t.schema?.fields);
}

/** Index of the date column and the indices of the asset columns. */
function pickColumns(
  fields: readonly ArrowFieldShape[],
  dateColumn: string | undefined,
  assets: readonly string[] | undefined,
): { date: number; cols: number[] } {
  const byName = (name: string, arg: string): number => {
    const found = fields.flatMap((f, i) => (f.name === name ? [i] : []));
    if (found.length === 0) {
      throw new InvalidArgumentError(
        `${FN}: \`${arg}\` names the column ${JSON.stringify(name)}, which the table does not have (columns: ${fields.map((f) => JSON.stringify(f.name)).join(', ')}).`,
        arg,
        name,
      );
    }
    if (found.length > 1) throw new InvalidArgumentError(`${FN}: the table has ${found.length} columns named ${JSON.stringify(name)}.`, arg, name);
    return found[0];
  };
  let date: number;
  if (dateColumn !== undefined) {
    date = byName(dateColumn, 'dateColumn');
    if (!isDateType((fields[date] as ArrowFieldShape).type)) {
      const f = fields[date] as ArrowFieldShape;
      throw new InvalidArgumentError(
        `${FN}: the date column ${JSON.stringify(f.name)} has the Arrow type ${typeName(f.type)}; expected Date32, Date64, Timestamp or Utf8 ISO dates.`,
        'dateColumn',
        { column: f.name, type: typeName(f.type) },
      );
    }
  } else {
    date = fields.findIndex((f) => isDateType(f.type));
    if (date < 0) {
      throw new InvalidArgumentError(
        `${FN}: the table has no date column (Date32, Date64, Timestamp or Utf8); its columns are ${fields.map((f) => `${JSON.stringify(f.name)} (${typeName(f.type)})`).join(', ') || '(none)'}.`,
        'table',
        fields.map((f) => f.name),
      );
    }
  }
  let cols: number[];
  if (assets !== undefined) {
    cols = assets.map((a) => byName(a, 'assets'));
    if (cols.includes(date))
      throw new InvalidArgumentError(`${FN}: \`assets\` names the date column ${JSON.stringify(fields[date]?.name)}.`, 'assets', fields[date]?.name);
  } else {
    cols = fields.flatMap((_, i) => (i === date ? [] : [i]));
  }
  if (cols.length === 0) {
    throw new InvalidArgumentError(
      `${FN}: the table has no asset column besides the date column ${JSON.stringify(fields[date]?.name)}.`,
      'table',
      fields.map((f) => f.name),
    );
  }
  const seen = new Set<string>();
  for (const c of cols) {
    const f = fields[c] as ArrowFieldShape;
    if (typeof f.name !== 'string' || f.name.length === 0)
      throw new InvalidArgumentError(`${FN}: column ${c} has an empty name; asset columns need names.`, 'table', c);
    if (seen.has(f.name)) throw new InvalidArgumentError(`${FN}: the table has two asset columns named ${JSON.stringify(f.name)}.`, 'table', f.name);
    seen.add(f.name);
    if (!isNumericType(f.type)) {
      throw new InvalidArgumentError(
        `${FN}: column ${JSON.stringify(f.name)} has the Arrow type ${typeName(f.type)}, which is not numeric; asset columns must be Float64, Float32, Float16, Int8-64, Uint8-64 or Decimal${assets === undefined ? ' (pass `assets` to read only some columns)' : ''}.`,
        'table',
        { column: f.name, type: typeName(f.type) },
      );
    }
  }
  return { date, cols };
}

/** The row order that sorts `days` (stable), or undefined when they already increase strictly. */
function rowOrder(days: Float64Array, column: string, sort: boolean): Int32Array | undefined {
  const T = days.length;
  const pair = (a: number, b: number, how: string): never => {
    throw new InvalidArgumentError(
      `${FN}: the date column ${JSON.stringify(column)} ${how}: ${isoFromDayNumber(days[b])} (row ${b}) after ${isoFromDayNumber(days[a])} (row ${a})${how === 'is not increasing' ? '; pass `sort: true` to sort the rows' : ''}.`,
      'table',
      { column, rows: [a, b], dates: [isoFromDayNumber(days[a]), isoFromDayNumber(days[b])] },
    );
  };
  let increasing = true;
  for (let i = 1; i < T; i++) {
    const a = days[i - 1];
    const b = days[i];
    if (a === b) pair(i - 1, i, 'has a duplicate date');
    if (a > b) {
      if (!sort) pair(i - 1, i, 'is not increasing');
      increasing = false;
    }
  }
  if (increasing) return undefined;
  const order = Int32Array.from({ length: T }, (_, i) => i).sort((a, b) => days[a] - days[b] || a - b);
  for (let k = 1; k < T; k++) {
    const a = order[k - 1];
    const b = order[k];
    if (days[a] === days[b]) pair(a, b, 'has a duplicate date');
  }
  return order;
}

/** Row-major T x n from column-major `src`, row i taken from source row order[i] (default i). */
function transpose(src: Float64Array, T: number, n: number, order: Int32Array | undefined): Float64Array {
  const out = new Float64Array(T * n);
  const B = 32;
  for (let j0 = 0; j0 < n; j0 += B) {
    const j1 = Math.min(n, j0 + B);
    for (let i = 0; i < T; i++) {
      const s = order ? order[i] : i;
      for (let j = j0, o = i * n + j0; j < j1; j++, o++) out[o] = src[j * T + s];
    }
  }
  return out;
}

function checkPrices(values: Float64Array, n: number, dates: readonly string[], assets: readonly string[]): void {
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (v <= 0) {
      const i = Math.floor(k / n);
      throw new InvalidArgumentError(
        `${FN}: prices must be positive, but ${assets[k % n]} on ${dates[i]} (row ${i}) is ${v}; mark a missing price as null, and pass returns with \`kind: 'returns'\`.`,
        'table',
        { date: dates[i], asset: assets[k % n], value: v },
      );
    }
  }
}

/**
 * An Apache Arrow table to a labelled `PriceTable` or `ReturnTable`: one date column
 * and one numeric column per asset, as a Polars or pandas DataFrame, a DuckDB query result or a
 * Parquet file read through Arrow hands them over.
 *
 * - **Dates**: the `dateColumn` (default: the first column of a date or string type) may be
 *   Date32 (days), Date64 (milliseconds, whole days), Timestamp of any unit (s, ms, us, ns) or
 *   Utf8 / LargeUtf8 / Utf8View strings `YYYY-MM-DD`. A timestamp must fall on midnight UTC: a
 *   time of day, or a midnight in another time zone, throws naming the row rather than being
 *   truncated to a date silently (cast such a column to a date first). Dates must be strictly
 *   increasing; with `sort: true` the rows are sorted by date instead (duplicates still throw).
 * - **Values**: every other column (or the `assets` named, in that order) is an asset and must be
 *   Float64, Float32, Float16, Int8–Int64, Uint8–Uint64 or Decimal (32 to 256 bits); a column of
 *   Arrow's Null type reads as all missing. Nulls (the validity bitmap) and NaN become NaN, the
 *   table's missing value. 64-bit integers above 2^53 and decimals are rounded to the nearest
 *   double, ties to even: a Decimal N with scale s becomes the double nearest to N · 10^-s,
 *   exactly what `Number('<its digits>')` gives (one correctly rounded division when
 *   |N| < 2^53, BigInt arithmetic otherwise). ±Infinity throws.
 * - **Kind**: `kind`, `'prices'` by default (a `PriceTable`: prices must be positive where
 *   present) or `'returns'` (a `ReturnTable`). Without `kind`, a table that `toArrow` wrote
 *   from returns (schema metadata `quantivista:kind` = `returns`) throws rather than being read as
 *   prices.
 *
 * The columns' buffers are read directly (chunk by chunk, no row objects, no JSON), so a
 * 2,520 x 500 table converts in tens of milliseconds (reading it through row objects takes
 * seconds). The input is not modified. apache-arrow is an optional peer
 * dependency: `fromArrow` reads any apache-arrow (version 14 or later) table by its structure.
 *
 * @param table an apache-arrow `Table` (e.g. from `tableFromIPC(bytes)`).
 * @throws {InvalidArgumentError} when `table` is not an Arrow table, a named column is missing,
 * there is no date column or no asset column, a column has an unsupported Arrow type (the message
 * names the column and its type), a date is null, not midnight UTC or not an ISO date, dates repeat
 * or (without `sort`) decrease, a value is infinite, or a price is not positive; the message names
 * the column and row.
 * @example
 * ```ts
 * import { tableFromArrays } from 'apache-arrow';
 * import { fromArrow } from 'quantivista/arrow';
 * const arrow = tableFromArrays({
 *   date: ['2024-01-02', '2024-01-03', '2024-01-04'],
 *   AAA: new Float64Array([100, 101, 99.5]),
 *   BBB: new Float32Array([50, 50.5, 51]),
 * });
 * const prices = fromArrow(arrow);
 * console.log(prices.kind, prices.dates, prices.assets); // 'prices' ['2024-01-02', '2024-01-03', '2024-01-04'] ['AAA', 'BBB']
 * console.log(prices.values.toArray()); // [[100, 50], [101, 50.5], [99.5, 51]]
 * ```
 * @example
 * ```ts
 * import { tableFromArrays } from 'apache-arrow';
 * import { fromArrow } from 'quantivista/arrow';
 * // returns with a missing value (null), dates out of order
 * const arrow = tableFromArrays({ day: ['2024-01-03', '2024-01-02'], AAA: [0.01, null] });
 * const r = fromArrow(arrow, { kind: 'returns', sort: true });
 * console.log(r.dates, JSON.stringify(r.values)); // ['2024-01-02', '2024-01-03'] '[[null],[0.01]]'
 * ```
 */
export function fromArrow<K extends TableKind = 'prices'>(table: ArrowTable, options?: FromArrowOptions<K>): Table<K> {
  const opts = checkOptions(FN, options, ['dateColumn', 'kind', 'assets', 'sort']);
  if (!isArrowTable(table)) {
    throw new InvalidArgumentError(
      `${FN}: \`table\` must be an apache-arrow Table (with schema, numRows and getChildAt), got ${show(table)}.`,
      'table',
      show(table),
    );
  }
  const t: ArrowTableShape = table;
  if (opts.dateColumn !== undefined && typeof opts.dateColumn !== 'string') {
    throw new InvalidArgumentError(`${FN}: \`dateColumn\` must be a column name, got ${show(opts.dateColumn)}.`, 'dateColumn', show(opts.dateColumn));
  }
  if (opts.assets !== undefined && (!Array.isArray(opts.assets) || opts.assets.some((a) => typeof a !== 'string'))) {
    throw new InvalidArgumentError(`${FN}: \`assets\` must be an array of column names, got ${show(opts.assets)}.`, 'assets', show(opts.assets));
  }
  if (opts.sort !== undefined && typeof opts.sort !== 'boolean') {
    throw new InvalidArgumentError(`${FN}: \`sort\` must be true or false, got ${show(opts.sort)}.`, 'sort', show(opts.sort));
  }
  const kind: TableKind = opts.kind ?? 'prices';
  if (kind !== 'prices' && kind !== 'returns') {
    throw new InvalidArgumentError(`${FN}: \`kind\` must be 'prices' or 'returns', got ${show(kind)}.`, 'kind', show(kind));
  }
  if (opts.kind === undefined && t.schema.metadata?.get(KIND_METADATA_KEY) === 'returns') {
    throw new InvalidArgumentError(
      `${FN}: the table holds returns (toArrow wrote it from a ReturnTable); pass \`kind: 'returns'\` to read it.`,
      'kind',
      'returns',
    );
  }

  const fields = t.schema.fields;
  const { date, cols } = pickColumns(fields, opts.dateColumn, opts.assets);
  const T = t.numRows;
  const n = cols.length;
  const dateName = (fields[date] as ArrowFieldShape).name;
  const days = readDateColumn(FN, dateName, t.getChildAt(date)!, T);
  const order = rowOrder(days, dateName, opts.sort === true);

  const assets = cols.map((c) => (fields[c] as ArrowFieldShape).name);
  // each column into its own contiguous stretch, then one blocked transpose to row-major
  const byColumn = new Float64Array(T * n);
  cols.forEach((c, j) => readAssetColumn(FN, assets[j] as string, t.getChildAt(c)!, byColumn.subarray(j * T, (j + 1) * T)));
  const dates = new Array<string>(T);
  for (let i = 0; i < T; i++) dates[i] = isoFromDayNumber(days[order ? order[i] : i]);
  const values = transpose(byColumn, T, n, order);
  if (kind === 'prices') checkPrices(values, n, dates, assets);
  return wrapTable(kind as K, dates, assets, wrapMatrix(T, n, values));
}
