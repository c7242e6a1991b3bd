/**
 * Building price and return tables from their parts, and reviving a table that went through
 * `structuredClone` / `postMessage`.
 *
 * @module
 */
import { InvalidArgumentError } from '../core/errors.ts';
import { isoCompare } from '../core/dates.ts';
import { toMatrix, wrapMatrix, type MatrixLike } from '../core/matrix.ts';
import { checkOptions } from '../core/options.ts';
import { buildTable, isTableLike, readTable, type PriceTable, type ReturnTable, type Table, type TableKind } from '../core/table.ts';

/** The parts of a table: T ISO dates, n tickers and a T x n matrix (`null` or NaN = missing). */
export interface TableParts {
  /** ISO dates `YYYY-MM-DD`, one per row; strictly increasing unless `sort: true`. */
  dates: readonly string[];
  /** Unique, non-empty tickers, one per column. */
  assets: readonly string[];
  /** T x n values (`number[][]` with `null` for missing, typed-array rows, a `Matrix`, ...). */
  values: MatrixLike | ArrayLike<ArrayLike<number | null>>;
}

/** Options of {@link priceTable} and {@link returnTable}. */
export interface TableOptions {
  /** Sort the rows by date first (the input is not modified). Duplicate dates are still an error. Default false. */
  sort?: boolean;
}

function sortedParts(fn: string, parts: TableParts): TableParts {
  if (parts === null || typeof parts !== 'object') {
    throw new InvalidArgumentError(`${fn}: the table must be an object { dates, assets, values }.`, 'table', typeof parts);
  }
  if (!Array.isArray(parts.dates)) {
    throw new InvalidArgumentError(`${fn}: \`dates\` must be an array of ISO dates.`, 'dates', typeof parts.dates);
  }
  const m = toMatrix(parts.values as MatrixLike, fn, 'values', { allowNaN: true });
  const T = parts.dates.length;
  const order = Array.from({ length: T }, (_, i) => i);
  const dates = parts.dates as string[];
  const valid = dates.every((d) => typeof d === 'string');
  if (!valid || m.rows !== T) return parts; // buildTable reports the problem
  order.sort((a, b) => isoCompare(dates[a] as string, dates[b] as string) || a - b);
  const n = m.cols;
  const out = new Float64Array(T * n);
  for (let r = 0; r < T; r++) out.set(m.data.subarray(order[r] * n, order[r] * n + n), r * n);
  return { dates: order.map((i) => dates[i] as string), assets: parts.assets, values: wrapMatrix(T, n, out) };
}

function make<K extends TableKind>(fn: string, kind: K, parts: TableParts, options: TableOptions | undefined): Table<K> {
  const opts = checkOptions(fn, options, ['sort']);
  if (opts.sort !== undefined && typeof opts.sort !== 'boolean') {
    throw new InvalidArgumentError(`${fn}: \`sort\` must be true or false.`, 'sort', typeof opts.sort);
  }
  return buildTable(fn, kind, opts.sort === true ? sortedParts(fn, parts) : parts);
}

/**
 * Build a {@link PriceTable} from dates, tickers and a T x n matrix of prices.
 *
 * The table is immutable (frozen, its arrays too), JSON-safe (`JSON.stringify` gives
 * `{ kind, dates, assets, values }` with `null` for a missing price) and survives
 * `structuredClone` / `postMessage` (see {@link reviveTable}). Inputs are copied, never kept.
 *
 * Missing data: `null` or NaN marks a missing price (a young asset's leading blanks, a holiday);
 * every present price must be positive and finite.
 *
 * @param parts `{ dates, assets, values }`.
 * @throws {InvalidArgumentError} on a date that is not ISO `YYYY-MM-DD`, duplicate or (without
 *   `sort`) decreasing dates, a duplicate or empty ticker, a non-positive or infinite price.
 * @throws {DimensionError} when `dates` / `assets` do not match the shape of `values`.
 * @example
 * ```ts
 * import { priceTable } from 'quantivista/data';
 * const t = priceTable({ dates: ['2024-01-03', '2024-01-02'], assets: ['AAA', 'BBB'], values: [[101, 52], [100, null]] }, { sort: true });
 * console.log(t.dates); // ['2024-01-02', '2024-01-03']
 * console.log(JSON.stringify(t.values)); // [[100,null],[101,52]]
 * ```
 */
export function priceTable(parts: TableParts, options?: TableOptions): PriceTable {
  return make('priceTable', 'prices', parts, options);
}

/**
 * Build a {@link ReturnTable} from dates, tickers and a T x n matrix of per-period returns
 * (fractions: 0.01 = 1 %), each dated at the end of its period.
 *
 * Missing data: `null` or NaN marks a missing return. Returns may be negative; ±Infinity is refused.
 *
 * @param parts `{ dates, assets, values }`.
 * @throws {InvalidArgumentError} on bad dates or tickers, or an infinite value. @throws {DimensionError} on mismatched sizes.
 * @example
 * ```ts
 * import { returnTable } from 'quantivista/data';
 * const r = returnTable({ dates: ['2024-01-02', '2024-01-03'], assets: ['AAA'], values: [[0.01], [-0.02]] });
 * console.log(r.kind, r.values.get(1, 0)); // 'returns' -0.02
 * ```
 */
export function returnTable(parts: TableParts, options?: TableOptions): ReturnTable {
  return make('returnTable', 'returns', parts, options);
}

/**
 * Turn a table that went through `structuredClone`, `postMessage`, a worker's `workerData` or
 * `JSON.parse(JSON.stringify(table))` back into a frozen library table (validated again).
 * Every function already accepts such clones as they are; revive one to get `toJSON` and the
 * frozen `Matrix` back.
 *
 * @param clone `{ kind?, dates, assets, values }`, where `values` is a cloned matrix
 *   `{ rows, cols, data }`, a `number[][]` (with `null` for missing) or a `Matrix`.
 * @param kind what a clone without a `kind` field holds (default `'prices'`); a clone's own `kind` wins.
 * @throws {InvalidArgumentError} when `clone` is not a table or fails validation.
 * @example
 * ```ts
 * import { priceTable, reviveTable } from 'quantivista/data';
 * const t = priceTable({ dates: ['2024-01-02'], assets: ['AAA'], values: [[100]] });
 * const back = reviveTable(structuredClone(t));
 * console.log(back.kind, back.values.get(0, 0)); // 'prices' 100
 * console.log(reviveTable(JSON.parse(JSON.stringify(t))).assets); // ['AAA']
 * ```
 */
export function reviveTable(clone: unknown, kind: TableKind = 'prices'): Table {
  const fn = 'reviveTable';
  if (!isTableLike(clone)) {
    throw new InvalidArgumentError(
      `${fn}: expected a table { kind, dates, assets, values }, got ${clone === null ? 'null' : typeof clone}.`,
      'clone',
      typeof clone,
    );
  }
  const given = (clone as { kind?: TableKind }).kind;
  return readTable(fn, 'clone', given === undefined ? { ...clone, kind } : clone);
}
