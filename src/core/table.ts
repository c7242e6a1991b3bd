/**
 * Labelled tables: the storage of `PriceTable` and `ReturnTable` (T dates x n assets, NaN =
 * missing), their validation, and the helpers every domain uses to take a table where it takes a
 * matrix and to label what it returns. Reading and writing tables (CSV, records, alignment,
 * resampling) lives in `quantivista/data`.
 *
 * @module
 */
import { DimensionError, InvalidArgumentError } from './errors.ts';
import { isIsoDate, isoCompare } from './dates.ts';
import { isTableShape, type Matrix, toMatrix, wrapMatrix, type ClonedMatrix, type MatrixLike } from './matrix.ts';

/** What a table holds: prices (levels) or returns (per-period changes). */
export type TableKind = 'prices' | 'returns';

/**
 * A labelled T x n table: `dates` (ISO `YYYY-MM-DD`, strictly increasing), `assets` (unique
 * tickers) and `values`, a T x n {@link Matrix} whose NaN entries are missing values.
 *
 * Tables are immutable plain objects (frozen; their `dates` and `assets` arrays too) with no
 * function-valued own property, so they survive `structuredClone` and `postMessage`: the clone is
 * `{ kind, dates, assets, values: { rows, cols, data } }`, which every function accepts as is
 * (revive it with `reviveTable` from `quantivista/data` to get a frozen table back).
 * `JSON.stringify(table)` gives `{ kind, dates, assets, values: number[][] }` with `null` for NaN.
 */
export interface Table<K extends TableKind = TableKind> {
  /** `'prices'` or `'returns'`. */
  readonly kind: K;
  /** ISO dates, strictly increasing (oldest first); one per row. */
  readonly dates: readonly string[];
  /** Unique asset labels (tickers); one per column. */
  readonly assets: readonly string[];
  /** T x n values; NaN marks a missing value. */
  readonly values: Matrix;
}

/** A labelled table of prices (levels, positive where present). */
export type PriceTable = Table<'prices'>;

/** A labelled table of per-period returns; each return is dated at the end of its period. */
export type ReturnTable = Table<'returns'>;

/**
 * What a function accepts as a table: a library-built {@link Table}, its structured clone, or a
 * plain `{ dates, assets, values }` object (`kind` optional; `values` any matrix form, with
 * `null` or NaN for missing values).
 */
export interface TableLike {
  readonly kind?: TableKind;
  readonly dates: readonly string[];
  readonly assets: readonly string[];
  readonly values: Matrix | ClonedMatrix | ArrayLike<ArrayLike<number | null>>;
}

const BUILT = new WeakSet<object>();

function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null || v === undefined) return String(v);
  if (Array.isArray(v)) return `an array of length ${v.length}`;
  return typeof v;
}

function tableToJSON(this: Table): { kind: TableKind; dates: string[]; assets: string[]; values: (number | null)[][] } {
  const d = this.values.data;
  const c = this.values.cols;
  const values: (number | null)[][] = new Array(this.values.rows);
  for (let i = 0; i < this.values.rows; i++) {
    const row = new Array<number | null>(c);
    for (let j = 0; j < c; j++) {
      const v = d[i * c + j];
      row[j] = Number.isNaN(v) ? null : v;
    }
    values[i] = row;
  }
  return { kind: this.kind, dates: this.dates.slice(), assets: this.assets.slice(), values };
}

/**
 * Internal: freeze a table from parts already validated (the caller gives up the arrays).
 * @internal
 */
export function wrapTable<K extends TableKind>(kind: K, dates: string[], assets: string[], values: Matrix): Table<K> {
  const t = { kind, dates: Object.freeze(dates), assets: Object.freeze(assets), values };
  Object.defineProperty(t, 'toJSON', { value: tableToJSON, enumerable: false });
  Object.freeze(t);
  BUILT.add(t);
  return t as Table<K>;
}

/** Whether `x` is a table this library built (and so already validated). @internal */
export function isBuiltTable(x: unknown): x is Table {
  return typeof x === 'object' && x !== null && BUILT.has(x);
}

/**
 * Whether `x` looks like a table: an object with array `dates` and `assets` and a `values`
 * object. (Shape only; {@link readTable} validates.)
 *
 * @example
 * ```ts
 * import { isTableLike } from 'quantivista/core';
 * console.log(isTableLike({ dates: ['2024-01-02'], assets: ['A'], values: [[1]] })); // true
 * console.log(isTableLike([[1]])); // false
 * ```
 */
export function isTableLike(x: unknown): x is TableLike {
  return isTableShape(x);
}

/** Check asset labels: n unique strings (empty strings refused). Returns a fresh copy. @internal */
export function checkAssetNames(fn: string, arg: string, assets: unknown, n?: number): string[] {
  if (!Array.isArray(assets)) throw new InvalidArgumentError(`${fn}: \`${arg}\` must be an array of strings, got ${show(assets)}.`, arg, show(assets));
  if (n !== undefined && assets.length !== n) {
    throw new DimensionError(`${fn}: \`${arg}\` must have ${n} labels (one per column), got ${assets.length}.`);
  }
  const seen = new Set<string>();
  for (let i = 0; i < assets.length; i++) {
    const a: unknown = assets[i];
    if (typeof a !== 'string' || a.length === 0) {
      throw new InvalidArgumentError(`${fn}: \`${arg}\` must hold non-empty strings, but entry ${i} is ${show(a)}.`, arg, show(a));
    }
    if (seen.has(a)) throw new InvalidArgumentError(`${fn}: \`${arg}\` must be unique, but ${JSON.stringify(a)} appears twice.`, arg, a);
    seen.add(a);
  }
  return (assets as string[]).slice();
}

/** Check ISO dates, strictly increasing. Returns a fresh copy. @internal */
export function checkTableDates(fn: string, arg: string, dates: unknown, T?: number): string[] {
  if (!Array.isArray(dates)) throw new InvalidArgumentError(`${fn}: \`${arg}\` must be an array of ISO dates, got ${show(dates)}.`, arg, show(dates));
  if (T !== undefined && dates.length !== T) throw new DimensionError(`${fn}: \`${arg}\` must have ${T} dates (one per row), got ${dates.length}.`);
  for (let i = 0; i < dates.length; i++) {
    const d: unknown = dates[i];
    if (!isIsoDate(d)) {
      throw new InvalidArgumentError(`${fn}: \`${arg}\` entry ${i} is ${show(d)}, not an ISO date YYYY-MM-DD.`, arg, show(d));
    }
    if (i > 0) {
      const prev = dates[i - 1] as string;
      const c = isoCompare(prev, d);
      if (c === 0) throw new InvalidArgumentError(`${fn}: \`${arg}\` has the date ${d} twice (rows ${i - 1} and ${i}).`, arg, d);
      if (c > 0) {
        throw new InvalidArgumentError(
          `${fn}: \`${arg}\` must be strictly increasing, but ${d} (row ${i}) comes after ${prev} (row ${i - 1}); sort the rows first (readPricesCsv and priceTable take \`sort: true\`).`,
          arg,
          d,
        );
      }
    }
  }
  return (dates as string[]).slice();
}

/**
 * Validate the parts of a table and build it. `values` may hold NaN or `null` (missing);
 * ±Infinity is refused. With `kind: 'prices'` a present value must be positive.
 * @internal
 */
export function buildTable<K extends TableKind>(fn: string, kind: K, parts: { dates: unknown; assets: unknown; values: unknown }): Table<K> {
  if (parts === null || typeof parts !== 'object') {
    throw new InvalidArgumentError(`${fn}: the table must be an object { dates, assets, values }, got ${show(parts)}.`, 'table', show(parts));
  }
  if (parts.values === undefined || parts.values === null) {
    throw new InvalidArgumentError(`${fn}: the table has no \`values\`.`, 'values', show(parts.values));
  }
  const m = toMatrix(parts.values as MatrixLike, fn, 'values', { allowNaN: true });
  const dates = checkTableDates(fn, 'dates', parts.dates, m.rows);
  const assets = checkAssetNames(fn, 'assets', parts.assets);
  if (m.rows === 0 && assets.length > 0) {
    return wrapTable(kind, dates, assets, wrapMatrix(0, assets.length, new Float64Array(0)));
  }
  if (m.cols !== assets.length) {
    throw new DimensionError(`${fn}: \`assets\` must have ${m.cols} labels (one per column of \`values\`), got ${assets.length}.`);
  }
  const d = m.data;
  const n = m.cols;
  if (kind === 'prices') {
    for (let k = 0; k < d.length; k++) {
      const v = d[k];
      if (v <= 0) {
        const i = Math.floor(k / n);
        throw new InvalidArgumentError(
          `${fn}: prices must be positive, but ${assets[k % n]} on ${dates[i]} (row ${i}) is ${v}; mark a missing price as NaN or null, and pass returns with returnTable(...).`,
          'values',
          { date: dates[i], asset: assets[k % n], value: v },
        );
      }
    }
  }
  // own the storage: a caller's Matrix is immutable, anything else was copied by toMatrix
  return wrapTable(kind, dates, assets, m);
}

/**
 * Read a table argument: a library-built table is returned as is; anything else table-like
 * (a plain object, a structured clone) is validated and frozen. `kind` given: a table of the
 * other kind is refused (with a hint when prices come where returns belong).
 *
 * @throws {InvalidArgumentError} on a malformed table or the wrong kind. @throws {DimensionError} on mismatched sizes.
 * @example
 * ```ts
 * import { readTable } from 'quantivista/core';
 * const t = readTable('f', 'returns', { dates: ['2024-01-02', '2024-01-03'], assets: ['A'], values: [[0.01], [null]] }, 'returns');
 * console.log(t.kind, t.values.rows, Number.isNaN(t.values.get(1, 0))); // returns 2 true
 * ```
 */
export function readTable<K extends TableKind>(fn: string, arg: string, input: unknown, kind?: K): Table<K> {
  if (!isTableLike(input)) {
    throw new InvalidArgumentError(`${fn}: \`${arg}\` must be a table { dates, assets, values }, got ${show(input)}.`, arg, show(input));
  }
  const given = (input as { kind?: unknown }).kind;
  if (given !== undefined && given !== 'prices' && given !== 'returns') {
    throw new InvalidArgumentError(`${fn}: \`${arg}.kind\` must be 'prices' or 'returns', got ${show(given)}.`, arg, show(given));
  }
  if (kind !== undefined && given !== undefined && given !== kind) throw wrongKind(fn, arg, given, kind);
  if (isBuiltTable(input)) return input as Table<K>;
  const k = (given ?? kind ?? 'returns') as K;
  return buildTable(fn, k, input as { dates: unknown; assets: unknown; values: unknown });
}

function wrongKind(fn: string, arg: string, given: TableKind, wanted: TableKind): InvalidArgumentError {
  if (given === 'prices') {
    return new InvalidArgumentError(
      `${fn}: \`${arg}\` is a PriceTable, but returns are expected: did you pass prices? use returnsTable(prices) from quantivista/data.`,
      arg,
      'prices',
    );
  }
  return new InvalidArgumentError(`${fn}: \`${arg}\` is a ReturnTable, but prices are expected.`, arg, given + ` (wanted ${wanted})`);
}

/**
 * The labels a result should carry: `assets` from the options when given (checked: n unique
 * strings), otherwise the table's assets when the input was a table, otherwise undefined.
 * @internal
 */
export function resolveAssets(fn: string, optionAssets: unknown, input: unknown, n: number): string[] | undefined {
  if (optionAssets !== undefined) return checkAssetNames(fn, 'assets', optionAssets, n);
  if (isTableLike(input)) return checkAssetNames(fn, 'assets', input.assets, n);
  return undefined;
}

/** The dates of a table input (a fresh copy), or undefined for any other input. @internal */
export function tableDates(input: unknown): string[] | undefined {
  return isTableLike(input) ? (input.dates as string[]).slice() : undefined;
}

/** Whether a table input declares itself as prices. @internal */
export function isPriceTable(input: unknown): boolean {
  return isTableLike(input) && (input as { kind?: unknown }).kind === 'prices';
}

/**
 * A one-column series argument (market returns, a benchmark) as numbers (NaN = missing). A
 * one-column table is read by its column; when `dates` are given (the dates of the table it goes
 * with), it is put on those dates: a date the series lacks gives NaN, and no common date at all
 * is an error. Any other input is returned as it is, for the caller's own checks.
 * @internal
 */
export function seriesOnDates(fn: string, arg: string, input: unknown, dates: readonly string[] | undefined): unknown {
  if (!isTableLike(input)) return input;
  const t = readTable(fn, arg, input, 'returns');
  if (t.values.cols !== 1) {
    throw new DimensionError(`${fn}: \`${arg}\` must be one series (a one-column table), got ${t.values.cols} columns (${t.assets.join(', ')}).`);
  }
  const col = t.values.column(0);
  if (dates === undefined) return col;
  const at = new Map(t.dates.map((d, i) => [d, i]));
  let common = 0;
  const out = dates.map((d) => {
    const i = at.get(d);
    if (i === undefined) return Number.NaN;
    common++;
    return col[i];
  });
  if (common === 0) {
    throw new InvalidArgumentError(
      `${fn}: \`${arg}\` (${t.dates[0] ?? '—'} .. ${t.dates[t.dates.length - 1] ?? '—'}) shares no date with the returns (${dates[0] ?? '—'} .. ${dates[dates.length - 1] ?? '—'}).`,
      arg,
      'no common date',
    );
  }
  return out;
}
