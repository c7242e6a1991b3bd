/**
 * Tables from and to arrays of records (rows of a database query, a JSON API, a spreadsheet).
 *
 * @module
 */
import { InvalidArgumentError } from '../core/errors.ts';
import { checkIsoDate } from '../core/dates.ts';
import { checkOptions } from '../core/options.ts';
import { checkOneOf } from '../core/validate.ts';
import { readTable, type Table, type TableKind, type TableLike } from '../core/table.ts';
import { pivotLong, type LongEntry } from './long-format.ts';

/** Options of {@link fromRecords}. */
export interface FromRecordsOptions {
  /** Key of the date field. Default `'date'`. */
  date?: string;
  /** Long records: key of the ticker field. With `value`, each record is one (date, asset, value). */
  asset?: string;
  /** Long records: key of the value field. */
  value?: string;
  /** `'prices'` (default; present values must be positive) or `'returns'`. */
  kind?: TableKind;
}

/** A record: a date field plus either one (asset, value) pair or one field per ticker. */
export type DataRecord = Readonly<Record<string, unknown>>;

function readValue(fn: string, v: unknown, where: string, kind: TableKind): number {
  if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) return Number.NaN;
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new InvalidArgumentError(
      `${fn}: ${where} is ${typeof v === 'string' ? JSON.stringify(v) : String(v)}, not a finite number (use null for a missing value).`,
      'records',
      where,
    );
  }
  if (kind === 'prices' && v <= 0) throw new InvalidArgumentError(`${fn}: ${where} is ${v}, but prices must be positive.`, 'records', where);
  return v;
}

function checkKey(fn: string, name: string, v: unknown): string {
  if (typeof v !== 'string' || v === '')
    throw new InvalidArgumentError(`${fn}: \`${name}\` must be a non-empty field name, got ${String(v)}.`, name, String(v));
  return v;
}

/**
 * Build a table from records.
 *
 * - **Long** records (`asset` and `value` given): `{ date, ticker, close }` rows, pivoted like a
 *   long CSV: tickers in first-appearance order, dates sorted, a missing pair NaN, a repeated
 *   (date, ticker) an error.
 * - **Wide** records (default): `{ date: '2024-01-02', AAA: 100, BBB: 52 }`; every key but the
 *   date is a ticker (the union over all records, in first-appearance order); a key absent from a
 *   record, `null` or NaN is missing. Rows are sorted by date; a repeated date is an error.
 *
 * Dates must be ISO `YYYY-MM-DD` strings (parse other layouts first, or use `readPricesCsv`).
 *
 * @throws {InvalidArgumentError} on a non-array, a record that is not an object, a bad date, a
 *   value that is not a finite number or null, a non-positive price, a repeated date or pair.
 * @example
 * ```ts
 * import { fromRecords } from 'quantivista/data';
 * const rows = [
 *   { day: '2024-01-03', ticker: 'AAA', close: 101 },
 *   { day: '2024-01-02', ticker: 'AAA', close: 100 },
 *   { day: '2024-01-03', ticker: 'BBB', close: 52 },
 * ];
 * const t = fromRecords(rows, { date: 'day', asset: 'ticker', value: 'close' });
 * console.log(t.assets, t.dates); // ['AAA', 'BBB'] ['2024-01-02', '2024-01-03']
 * console.log(JSON.stringify(t.values)); // [[100,null],[101,52]]
 * ```
 */
export function fromRecords(records: readonly DataRecord[], options?: FromRecordsOptions): Table {
  const fn = 'fromRecords';
  const opts = checkOptions(fn, options, ['date', 'asset', 'value', 'kind']);
  const kind = checkOneOf(fn, 'kind', opts.kind ?? 'prices', ['prices', 'returns'] as const);
  const dateKey = checkKey(fn, 'date', opts.date ?? 'date');
  if ((opts.asset === undefined) !== (opts.value === undefined)) {
    throw new InvalidArgumentError(
      `${fn}: long records need both \`asset\` and \`value\` (the field names); wide records need neither.`,
      opts.asset === undefined ? 'asset' : 'value',
      'one of two',
    );
  }
  if (!Array.isArray(records))
    throw new InvalidArgumentError(
      `${fn}: \`records\` must be an array of objects, got ${records === null ? 'null' : typeof records}.`,
      'records',
      typeof records,
    );
  const long = opts.asset !== undefined;
  const assetKey = long ? checkKey(fn, 'asset', opts.asset) : '';
  const valueKey = long ? checkKey(fn, 'value', opts.value) : '';
  const entries: LongEntry[] = [];
  const datesSeen = new Map<string, number>();
  records.forEach((rec, i) => {
    if (rec === null || typeof rec !== 'object' || Array.isArray(rec)) throw new InvalidArgumentError(`${fn}: record ${i} is not an object.`, 'records', i);
    const date = checkIsoDate(fn, `records[${i}].${dateKey}`, rec[dateKey]);
    if (long) {
      const asset = rec[assetKey];
      if (typeof asset !== 'string' || asset === '') throw new InvalidArgumentError(`${fn}: record ${i} has no ticker in \`${assetKey}\`.`, 'records', i);
      entries.push({ date, asset, value: readValue(fn, rec[valueKey], `record ${i} (${asset} on ${date})`, kind), where: `record ${i}` });
      return;
    }
    const prev = datesSeen.get(date);
    if (prev !== undefined) throw new InvalidArgumentError(`${fn}: the date ${date} appears twice (records ${prev} and ${i}).`, 'records', date);
    datesSeen.set(date, i);
    for (const key of Object.keys(rec)) {
      if (key === dateKey) continue;
      entries.push({ date, asset: key, value: readValue(fn, rec[key], `record ${i} (${key} on ${date})`, kind), where: `record ${i}` });
    }
  });
  if (entries.length === 0) throw new InvalidArgumentError(`${fn}: no values: the records hold no ticker fields.`, 'records', records.length);
  const t = pivotLong(fn, entries, kind);
  if (!long && t.dates.length < datesSeen.size) {
    // a record with only a date: keep its row (all missing) — pivotLong saw no entry for it
    return readTable(fn, 'records', padDates(t, Array.from(datesSeen.keys())), kind);
  }
  return t;
}

function padDates(t: Table, all: string[]): TableLike {
  const dates = all.slice().sort();
  const at = new Map(t.dates.map((d, i) => [d, i]));
  const n = t.values.cols;
  const values = dates.map((d) => {
    const i = at.get(d);
    return i === undefined ? new Array<number>(n).fill(Number.NaN) : t.values.row(i);
  });
  return { kind: t.kind, dates, assets: t.assets, values };
}

/** Options of {@link toRecords}. */
export interface ToRecordsOptions {
  /** `'long'` (default): one `{ date, asset, value }` per present value. `'wide'`: one record per date. */
  format?: 'long' | 'wide';
  /** Key of the date field. Default `'date'`. */
  date?: string;
  /** Long: key of the ticker field. Default `'asset'`. */
  asset?: string;
  /** Long: key of the value field. Default `'value'`. */
  value?: string;
}

/**
 * Records from a table. Long (default): `{ date, asset, value }` per present value, date by date
 * and in ticker order; missing values are left out (as pandas `stack()`). Wide: one record per
 * date, `{ date, AAA: 100, NEW: null }`, with `null` for a missing value (JSON-safe).
 * Records are built with `Object.fromEntries`, so a ticker called `__proto__` is an ordinary key.
 *
 * @throws {InvalidArgumentError} on a bad table, an unknown option, or field names that collide.
 * @example
 * ```ts
 * import { priceTable, toRecords } from 'quantivista/data';
 * const t = priceTable({ dates: ['2024-01-02'], assets: ['AAA', 'NEW'], values: [[100, null]] });
 * console.log(toRecords(t)); // [{ date: '2024-01-02', asset: 'AAA', value: 100 }]
 * console.log(toRecords(t, { format: 'wide' })); // [{ date: '2024-01-02', AAA: 100, NEW: null }]
 * ```
 */
export function toRecords(table: Table | TableLike, options?: ToRecordsOptions): Record<string, string | number | null>[] {
  const fn = 'toRecords';
  const opts = checkOptions(fn, options, ['format', 'date', 'asset', 'value']);
  const format = checkOneOf(fn, 'format', opts.format ?? 'long', ['long', 'wide'] as const);
  const dateKey = checkKey(fn, 'date', opts.date ?? 'date');
  const t = readTable(fn, 'table', table);
  const n = t.values.cols;
  const d = t.values.data;
  const out: Record<string, string | number | null>[] = [];
  if (format === 'wide') {
    if (t.assets.includes(dateKey))
      throw new InvalidArgumentError(`${fn}: the date field ${JSON.stringify(dateKey)} is also a ticker; choose another \`date\`.`, 'date', dateKey);
    for (let i = 0; i < t.values.rows; i++) {
      const fields: [string, string | number | null][] = [[dateKey, t.dates[i] as string]];
      for (let j = 0; j < n; j++) {
        const v = d[i * n + j];
        fields.push([t.assets[j] as string, Number.isNaN(v) ? null : v]);
      }
      out.push(Object.fromEntries(fields));
    }
    return out;
  }
  const assetKey = checkKey(fn, 'asset', opts.asset ?? 'asset');
  const valueKey = checkKey(fn, 'value', opts.value ?? 'value');
  if (new Set([dateKey, assetKey, valueKey]).size < 3)
    throw new InvalidArgumentError(`${fn}: the field names \`date\`, \`asset\` and \`value\` must differ.`, 'options', [dateKey, assetKey, valueKey].join(','));
  for (let i = 0; i < t.values.rows; i++) {
    for (let j = 0; j < n; j++) {
      const v = d[i * n + j];
      if (!Number.isNaN(v))
        out.push(
          Object.fromEntries([
            [dateKey, t.dates[i] as string],
            [assetKey, t.assets[j] as string],
            [valueKey, v],
          ]),
        );
    }
  }
  return out;
}
