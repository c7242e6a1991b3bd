import { intersectDates, unionDates } from '../core/date-join.ts';
import { InsufficientDataError, InvalidArgumentError } from '../core/errors.ts';
import { checkSizeCap, SIZE_CAPS } from '../core/limits.ts';
import { wrapMatrix, type Matrix } from '../core/matrix.ts';
import { readTable, wrapTable, type Table, type TableKind, type TableLike } from '../core/table.ts';
import { checkOneOf, checkOptions } from '../core/validate.ts';

/** Options of {@link alignTables} and {@link mergeTables}. */
export interface AlignTablesOptions {
  /**
   * `'inner'` (default): keep the dates present in every table; `'outer'`: keep every date
   * present in any table (sorted), with NaN where a table has no row for it.
   */
  join?: 'inner' | 'outer';
}

/** The tables {@link alignTables} returns: one per input, each of the input's kind. */
export type AlignedTables<T extends readonly TableLike[]> = {
  -readonly [I in keyof T]: T[I] extends { readonly kind: infer K extends TableKind } ? Table<K> : Table;
};

/**
 * Put several tables on one date index, as pandas `a.align(b, join=..., axis=0)` does for two:
 * `join: 'inner'` keeps the dates every table has, `join: 'outer'` the union of their dates
 * (sorted), with NaN in a table's rows for the dates it lacks. Each table keeps its own kind,
 * assets and values (columns are never merged; see {@link mergeTables} for one wide table);
 * tables of different kinds may be aligned together.
 *
 * Size cap: at most 20,000 tables (`SIZE_CAPS.assets`); align them in batches beyond it.
 *
 * @param tables one or more PriceTables / ReturnTables, structured clones, or plain
 *   `{ kind?, dates, assets, values }` (a table without `kind` is read as returns). Not modified.
 * @returns new tables, in the order given, all with the same dates.
 * @throws {InsufficientDataError} when no date would remain (inner: no date common to all tables,
 *   the message gives each table's range; outer: every table is empty).
 * @throws {InvalidArgumentError} when `tables` is not a non-empty array, on a malformed table, or
 *   an unknown `join` or option.
 * @throws {DimensionError} when a table's sizes disagree.
 * @throws {SizeLimitError} for more than 20,000 tables (`SIZE_CAPS.assets`).
 * @example
 * ```ts
 * import { alignTables } from 'quantivista/data';
 * const a = { kind: 'prices' as const, dates: ['2024-01-02', '2024-01-03', '2024-01-04'], assets: ['A'], values: [[1], [2], [3]] };
 * const b = { kind: 'prices' as const, dates: ['2024-01-03', '2024-01-04', '2024-01-05'], assets: ['B'], values: [[20], [30], [40]] };
 * const [a1, b1] = alignTables([a, b]);
 * console.log(a1.dates, JSON.stringify(b1.values)); // ['2024-01-03', '2024-01-04'] [[20],[30]]
 * const [a2, b2] = alignTables([a, b], { join: 'outer' });
 * console.log(JSON.stringify(a2.values), JSON.stringify(b2.values)); // [[1],[2],[3],[null]] [[null],[20],[30],[40]]
 * ```
 */
export function alignTables<const T extends readonly TableLike[]>(tables: T, options?: AlignTablesOptions): AlignedTables<T> {
  const fn = 'alignTables';
  const { read, dates } = prepare(fn, tables, options);
  return read.map((t) => wrapTable(t.kind, dates.slice(), t.assets.slice(), reindex(t, dates))) as AlignedTables<T>;
}

/**
 * Align tables of one kind on one date index (as {@link alignTables}) and put their columns side
 * by side in one table, in the order given: pandas `a.join(b, how=...)` for two tables, or
 * `pd.concat([a, b, ...], axis=1, join=...)` with the dates sorted.
 *
 * Size cap: at most 20,000 tables (`SIZE_CAPS.assets`); merge them in batches beyond it.
 *
 * @param tables one or more tables of the same kind whose assets are all different.
 * @returns one new table of that kind with every table's assets.
 * @throws {InvalidArgumentError} when the tables' kinds differ, an asset appears in two tables
 *   (the message names it and both tables), `tables` is not a non-empty array, a table is
 *   malformed, or `join` or an option is unknown.
 * @throws {InsufficientDataError} when no date would remain (as in {@link alignTables}).
 * @throws {DimensionError} when a table's sizes disagree.
 * @throws {SizeLimitError} for more than 20,000 tables (`SIZE_CAPS.assets`).
 * @example
 * ```ts
 * import { mergeTables } from 'quantivista/data';
 * const a = { kind: 'prices' as const, dates: ['2024-01-02', '2024-01-03'], assets: ['A'], values: [[1], [2]] };
 * const b = { kind: 'prices' as const, dates: ['2024-01-03', '2024-01-04'], assets: ['B', 'C'], values: [[20, 7], [30, 8]] };
 * const m = mergeTables([a, b], { join: 'outer' });
 * console.log(m.assets, JSON.stringify(m.values)); // ['A', 'B', 'C'] [[1,null,null],[2,20,7],[null,30,8]]
 * ```
 */
export function mergeTables<K extends TableKind>(tables: readonly (TableLike & { readonly kind: K })[], options?: AlignTablesOptions): Table<K>;
export function mergeTables(tables: readonly TableLike[], options?: AlignTablesOptions): Table;
export function mergeTables(tables: readonly TableLike[], options?: AlignTablesOptions): Table {
  const fn = 'mergeTables';
  const { read, dates } = prepare(fn, tables, options);
  const kind = (read[0] as Table).kind;
  const owner = new Map<string, number>();
  for (let k = 0; k < read.length; k++) {
    const t = read[k] as Table;
    if (t.kind !== kind) {
      const noKind = read.some((_, i) => (tables[i] as { kind?: unknown }).kind === undefined);
      throw new InvalidArgumentError(
        `${fn}: every table must be of one kind, but tables[0] holds ${kind} and tables[${k}] holds ${t.kind}${noKind ? ' (a table without `kind` is read as returns)' : ''}; use alignTables to align tables of different kinds.`,
        `tables[${k}]`,
        t.kind,
      );
    }
    for (const a of t.assets) {
      const prev = owner.get(a);
      if (prev !== undefined) {
        throw new InvalidArgumentError(
          `${fn}: the asset ${JSON.stringify(a)} appears in tables[${prev}] and tables[${k}]; merged columns must have distinct assets (drop one with selectAssets, or use alignTables to keep the tables apart).`,
          `tables[${k}]`,
          a,
        );
      }
      owner.set(a, k);
    }
  }
  const T = dates.length;
  let n = 0;
  for (const t of read) n += t.values.cols;
  const out = new Float64Array(T * n);
  const assets: string[] = [];
  let c0 = 0;
  for (const t of read) {
    const part = reindex(t, dates).data;
    const m = t.values.cols;
    for (let i = 0; i < T; i++) out.set(part.subarray(i * m, i * m + m), i * n + c0);
    for (const a of t.assets) assets.push(a);
    c0 += m;
  }
  return wrapTable(kind, dates, assets, wrapMatrix(T, n, out));
}

/** Validate the arguments, read every table and compute the common dates. */
function prepare(fn: string, tables: readonly TableLike[], options: AlignTablesOptions | undefined): { read: Table[]; dates: string[] } {
  const opts = checkOptions(fn, options, ['join']);
  const join = opts.join === undefined ? 'inner' : checkOneOf(fn, 'join', opts.join, ['inner', 'outer'] as const);
  if (!Array.isArray(tables)) {
    throw new InvalidArgumentError(`${fn}: \`tables\` must be an array of tables, got ${tables === null ? 'null' : typeof tables}.`, 'tables', typeof tables);
  }
  if (tables.length === 0) throw new InvalidArgumentError(`${fn}: \`tables\` must hold at least one table, got an empty array.`, 'tables', '[]');
  checkSizeCap(fn, 'tables', tables.length, SIZE_CAPS.assets, 'align or merge them in batches');
  const read = tables.map((t, k) => readTable(fn, `tables[${k}]`, t));
  let dates = (read[0] as Table).dates as readonly string[];
  for (let k = 1; k < read.length; k++) {
    dates = join === 'inner' ? intersectDates(dates, (read[k] as Table).dates) : unionDates(dates, (read[k] as Table).dates);
  }
  if (dates.length === 0) {
    const ranges = read
      .map((t, k) => `tables[${k}] ${t.dates.length === 0 ? 'has no rows' : `runs from ${t.dates[0]} to ${t.dates[t.dates.length - 1]}`}`)
      .join(', ');
    const why = join === 'inner' ? 'no date is common to all tables' : 'every table is empty';
    throw new InsufficientDataError(`${fn}: ${why} (join: '${join}'), so no row would remain: ${ranges}.`, 1, 0);
  }
  return { read, dates: dates === (read[0] as Table).dates ? dates.slice() : (dates as string[]) };
}

/** The table's values on `dates` (a sorted superset or subset of its own), NaN where it has no row. */
function reindex(t: Table, dates: readonly string[]): Matrix {
  const n = t.values.cols;
  const src = t.values.data;
  const own = t.dates;
  const out = new Float64Array(dates.length * n);
  let i = 0;
  for (let r = 0; r < dates.length; r++) {
    const d = dates[r] as string;
    while (i < own.length && (own[i] as string) < d) i++;
    if (i < own.length && own[i] === d) out.set(src.subarray(i * n, i * n + n), r * n);
    else out.fill(Number.NaN, r * n, r * n + n);
  }
  return wrapMatrix(dates.length, n, out);
}
