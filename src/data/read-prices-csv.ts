/**
 * Reading price (or return) tables from CSV text, wide or long.
 *
 * @module
 */
import { InvalidArgumentError } from '../core/errors.ts';
import { isoCompare } from '../core/dates.ts';
import { wrapMatrix } from '../core/matrix.ts';
import { checkOptions } from '../core/options.ts';
import { checkOneOf } from '../core/validate.ts';
import { wrapTable, type Table, type TableKind } from '../core/table.ts';
import { DATE_FORMATS, type DateFormat } from './date-formats.ts';
import { findColumn, isBlank, isBlankLine, NA, parseCsvRows, plainDecimal, readCell, readDate, splitPlainCsv, type PlainCsv } from './csv-parse.ts';
import { longToTable } from './long-format.ts';

/** Options of {@link readPricesCsv}. */
export interface ReadCsvOptions {
  /** `'wide'` (default): a date column plus one column per ticker. `'long'`: rows of date, asset, value. */
  format?: 'wide' | 'long';
  /** The date column's header. Default: the column named `date` (any case), else the first column. */
  dateColumn?: string;
  /** Field delimiter. Default: the first of `,` `;` tab `|` found in the header line, else `,`. */
  delimiter?: string;
  /** Long format: the ticker column's header. Default: `asset`, `ticker` or `symbol` (any case). */
  assetColumn?: string;
  /** Long format: the value column's header. Default: `price`, `close`, `adj close`, `value` or `return` (any case). */
  valueColumn?: string;
  /** How dates are written: `'YYYY-MM-DD'` (default; a midnight time part is accepted), `'MM/DD/YYYY'`, `'DD/MM/YYYY'` or `'YYYYMMDD'`. */
  dateFormat?: DateFormat;
  /** Sort rows by date instead of refusing unsorted dates (wide format; long format is always sorted). Default false. */
  sort?: boolean;
  /** What the numbers are: `'prices'` (default; present values must be positive) or `'returns'`. */
  kind?: TableKind;
  /** Extra cell texts that mean "missing", besides the defaults (see {@link readPricesCsv}). */
  naValues?: readonly string[];
}

/**
 * Read a table of prices (or returns) from CSV text.
 *
 * - **Wide** (default): a header line with a date column and one column per ticker, then one
 *   line per date — the layout of pandas `df.to_csv()` and of most downloads.
 * - **Long**: lines of date, ticker, value (`date,ticker,close`), pivoted into a table; tickers
 *   keep the order of their first appearance (pandas `pivot` sorts them instead: select
 *   assets to reorder), dates are sorted, and a (date, ticker) pair that never appears is missing.
 *
 * Missing values: an empty cell and pandas' default markers (`NA`, `N/A`, `NaN`, `nan`, `null`,
 * `NULL`, `None`, `#N/A`, `<NA>`, ...) plus `naValues` are missing (NaN). Young assets' leading
 * blanks are kept as missing; nothing is filled or dropped (see `fillMissing`, `dropMissing`).
 * Numbers are plain decimals with optional sign and exponent (`1.5e2`); white space around a
 * cell is ignored; anything else (a thousands separator, a currency sign) is an error.
 *
 * Dates: ISO `YYYY-MM-DD` by default (a midnight time part such as `T00:00:00Z` is accepted), or
 * the declared `dateFormat`. Duplicate dates are an error; unsorted dates are an error unless
 * `sort: true`. Line numbers in messages count the header as line 1 (and assume no line break
 * inside a quoted field). Parsing is RFC 4180 (quoted fields, CRLF or LF, a leading BOM).
 *
 * @param text the file's contents.
 * @returns a frozen `PriceTable` (or `ReturnTable` with `kind: 'returns'`).
 * @throws {InvalidArgumentError} naming the line and column of a cell that is not a number
 *   (`line 3, column AAA: "abc" is not a number`), a bad or duplicate date, unsorted dates, a
 *   duplicate or empty ticker, a non-positive price, a line with the wrong number of fields,
 *   an empty file, an unknown option.
 * @example
 * ```ts
 * import { readPricesCsv } from 'quantivista/data';
 * const csv = 'date,AAA,NEW\n2024-01-02,100,\n2024-01-03,101.5,20\n';
 * const t = readPricesCsv(csv);
 * console.log(t.assets, t.dates); // ['AAA', 'NEW'] ['2024-01-02', '2024-01-03']
 * console.log(JSON.stringify(t.values)); // [[100,null],[101.5,20]]
 * try { readPricesCsv('date,AAA\n2024-01-02,abc\n'); } catch (e) { console.log((e as Error).message); } // readPricesCsv: line 2, column AAA: "abc" is not a number.
 * ```
 */
export function readPricesCsv(text: string, options?: ReadCsvOptions): Table {
  const fn = 'readPricesCsv';
  const opts = checkOptions(fn, options, ['format', 'dateColumn', 'delimiter', 'assetColumn', 'valueColumn', 'dateFormat', 'sort', 'kind', 'naValues']);
  const format = checkOneOf(fn, 'format', opts.format ?? 'wide', ['wide', 'long'] as const);
  const dateFormat = checkOneOf(fn, 'dateFormat', opts.dateFormat ?? 'YYYY-MM-DD', DATE_FORMATS);
  const kind = checkOneOf(fn, 'kind', opts.kind ?? 'prices', ['prices', 'returns'] as const);
  if (
    opts.delimiter !== undefined &&
    (typeof opts.delimiter !== 'string' || opts.delimiter.length !== 1 || opts.delimiter === '"' || opts.delimiter === '\n')
  ) {
    throw new InvalidArgumentError(
      `${fn}: \`delimiter\` must be one character (not a quote or line break), got ${JSON.stringify(opts.delimiter)}.`,
      'delimiter',
      String(opts.delimiter),
    );
  }
  const na = new Set(NA);
  if (opts.naValues !== undefined) {
    if (!Array.isArray(opts.naValues) || opts.naValues.some((v) => typeof v !== 'string'))
      throw new InvalidArgumentError(`${fn}: \`naValues\` must be an array of strings.`, 'naValues', typeof opts.naValues);
    for (const v of opts.naValues) na.add(v.trim());
  }
  // Wide text without quotes (the usual download) is split by offsets, without papaparse.
  const plain = format === 'wide' ? splitPlainCsv(text, opts.delimiter) : undefined;
  const { header, rows } = plain === undefined ? parseCsvRows(fn, text, opts.delimiter) : { header: plain.header, rows: [] };
  const dateCol =
    opts.dateColumn === undefined && !header.some((h) => h.toLowerCase() === 'date') ? 0 : findColumn(fn, header, opts.dateColumn, ['date'], 'date');
  if (format === 'long') {
    const assetCol = findColumn(fn, header, opts.assetColumn, ['asset', 'ticker', 'symbol'], 'asset');
    const valueCol = findColumn(fn, header, opts.valueColumn, ['price', 'close', 'adj close', 'adj_close', 'value', 'return'], 'value');
    return longToTable(fn, { header, rows, dateCol, assetCol, valueCol, dateFormat, na, kind });
  }
  const { assetCols, assets } = tickerColumns(fn, header, dateCol);
  const read: WideRead = { fn, dateCol, dateFormat, na, kind, assetCols, assets, width: header.length };
  const body = plain === undefined ? wideRows(read, rows) : widePlain(read, plain);
  return finishWide(fn, kind, body, assets, opts.sort === true);
}

/** What the wide readers need. */
interface WideRead {
  fn: string;
  dateCol: number;
  dateFormat: DateFormat;
  na: ReadonlySet<string>;
  kind: TableKind;
  assetCols: number[];
  assets: string[];
  width: number;
}

/** The body of a wide file: dates, their line numbers, and T x n values (row-major, `values` may be longer). */
interface WideBody {
  dates: string[];
  lines: number[];
  values: Float64Array;
  T: number;
}

function tickerColumns(fn: string, header: string[], dateCol: number): { assetCols: number[]; assets: string[] } {
  const assetCols: number[] = [];
  const assets: string[] = [];
  const seen = new Map<string, number>();
  header.forEach((h, k) => {
    if (k === dateCol) return;
    if (h === '') throw new InvalidArgumentError(`${fn}: line 1: column ${k + 1} has an empty ticker.`, 'assets', { line: 1, column: k + 1 });
    if (seen.has(h))
      throw new InvalidArgumentError(
        `${fn}: line 1: the ticker ${JSON.stringify(h)} appears twice (columns ${(seen.get(h) as number) + 1} and ${k + 1}).`,
        'assets',
        h,
      );
    seen.set(h, k);
    assetCols.push(k);
    assets.push(h);
  });
  if (assets.length === 0) throw new InvalidArgumentError(`${fn}: the header has no ticker columns besides the date column.`, 'assets', header.join(','));
  return { assetCols, assets };
}

function notPositive(r: WideRead, line: number, j: number, v: number): InvalidArgumentError {
  return new InvalidArgumentError(
    `${r.fn}: line ${line}, column ${r.assets[j]}: the price ${v} is not positive (prices must be > 0; pass \`kind: 'returns'\` for returns).`,
    r.assets[j] as string,
    { line, value: v },
  );
}

function fieldCount(r: WideRead, line: number, fields: number): InvalidArgumentError {
  return new InvalidArgumentError(`${r.fn}: line ${line} has ${fields} fields, but the header has ${r.width}.`, 'text', { line, fields });
}

/** The body from papaparse's rows. */
function wideRows(r: WideRead, rows: string[][]): WideBody {
  const { fn, assetCols, assets, na, kind } = r;
  const n = assets.length;
  const dates: string[] = [];
  const lines: number[] = [];
  const values = new Float64Array(rows.length * n);
  let T = 0;
  for (let k = 0; k < rows.length; k++) {
    const row = rows[k] as string[];
    const line = k + 2;
    if (isBlank(row)) continue;
    if (row.length !== r.width) throw fieldCount(r, line, row.length);
    dates.push(readDate(fn, row[r.dateCol] as string, r.dateFormat, line));
    lines.push(line);
    const o = T * n;
    for (let j = 0; j < n; j++) {
      const v = readCell(fn, row[assetCols[j]] as string, na, line, assets[j] as string);
      if (kind === 'prices' && v <= 0) throw notPositive(r, line, j, v);
      values[o + j] = v;
    }
    T++;
  }
  return { dates, lines, values, T };
}

/**
 * The body from a plain text's line offsets: each cell is read in place (a plain decimal by
 * {@link plainDecimal}, anything else through {@link readCell}, so errors and missing markers are
 * those of the papaparse path), checks in the same order: field count, date, cells.
 */
function widePlain(r: WideRead, p: PlainCsv): WideBody {
  const { fn, assets, na, kind, width, dateCol } = r;
  const { text, delimiter, bounds, count } = p;
  const n = assets.length;
  const assetOf = new Int32Array(width).fill(-1);
  r.assetCols.forEach((c, j) => (assetOf[c] = j));
  const dates: string[] = [];
  const lines: number[] = [];
  const values = new Float64Array(count * n);
  const cut = new Int32Array(width + 1); // field k runs from cut[k] to cut[k + 1] − 1
  let T = 0;
  for (let k = 0; k < count; k++) {
    const a = bounds[2 * k];
    const b = bounds[2 * k + 1];
    const line = k + 2;
    let fields = 1;
    cut[0] = a;
    for (let i = text.indexOf(delimiter, a); i !== -1 && i < b; i = text.indexOf(delimiter, i + 1)) {
      if (fields < width) cut[fields] = i + 1;
      fields++;
    }
    if (fields === 1 && isBlankLine(text, a, b, delimiter)) continue;
    if (fields !== width) throw fieldCount(r, line, fields);
    cut[width] = b + 1;
    dates.push(readDate(fn, text.slice(cut[dateCol], cut[dateCol + 1] - 1), r.dateFormat, line));
    lines.push(line);
    const o = T * n;
    for (let f = 0; f < width; f++) {
      const j = assetOf[f];
      if (j < 0) continue;
      const s = cut[f];
      const e = cut[f + 1] - 1;
      let v = s === e ? Number.NaN : plainDecimal(text, s, e);
      if (v !== v && s !== e) v = readCell(fn, text.slice(s, e), na, line, assets[j] as string);
      if (kind === 'prices' && v <= 0) throw notPositive(r, line, j, v);
      values[o + j] = v;
    }
    T++;
  }
  return { dates, lines, values, T };
}

function finishWide(fn: string, kind: TableKind, body: WideBody, assets: string[], sort: boolean): Table {
  const { dates, lines, values, T } = body;
  const n = assets.length;
  const order = dateOrder(fn, dates, lines, sort);
  let data = values.subarray(0, T * n);
  if (order) {
    const sorted = new Float64Array(T * n);
    order.forEach((src, dst) => sorted.set(values.subarray(src * n, src * n + n), dst * n));
    data = sorted;
  }
  return wrapTable(kind, order ? order.map((i) => dates[i] as string) : dates, assets, wrapMatrix(T, n, data.slice()));
}

/** Check dates are strictly increasing; with `sort`, return the sorting permutation (undefined when already sorted). */
function dateOrder(fn: string, dates: readonly string[], lines: readonly number[], sort: boolean): number[] | undefined {
  let sorted = true;
  for (let i = 1; i < dates.length; i++) {
    const c = isoCompare(dates[i - 1] as string, dates[i] as string);
    if (c === 0) throw new InvalidArgumentError(`${fn}: the date ${dates[i]} appears twice (lines ${lines[i - 1]} and ${lines[i]}).`, 'date', dates[i]);
    if (c > 0) {
      if (!sort)
        throw new InvalidArgumentError(
          `${fn}: dates must be increasing, but line ${lines[i]} (${dates[i]}) comes after line ${lines[i - 1]} (${dates[i - 1]}); pass \`sort: true\` to sort them.`,
          'date',
          dates[i],
        );
      sorted = false;
    }
  }
  if (sorted) return undefined;
  const order = dates.map((_, i) => i).sort((a, b) => isoCompare(dates[a] as string, dates[b] as string));
  for (let i = 1; i < order.length; i++) {
    const a = order[i - 1];
    const b = order[i];
    if (dates[a] === dates[b])
      throw new InvalidArgumentError(
        `${fn}: the date ${dates[b]} appears twice (lines ${lines[Math.min(a, b)]} and ${lines[Math.max(a, b)]}).`,
        'date',
        dates[b],
      );
  }
  return order;
}
