/**
 * Internal: CSV text to rows, and the cell readers shared by the wide and long readers.
 *
 * @module
 * @internal
 */
import Papa from 'papaparse';
import { InvalidArgumentError } from '../core/errors.ts';
import { dateHint, parseDate, type DateFormat } from './date-formats.ts';

/** pandas' default missing-value markers (`read_csv` `na_values`), plus `null`. */
/** pandas' default missing-value markers. @internal */
export const NA = [
  '',
  'NA',
  'N/A',
  'n/a',
  'NaN',
  'nan',
  '-NaN',
  '-nan',
  'NULL',
  'null',
  'None',
  '#N/A',
  '#N/A N/A',
  '#NA',
  '-1.#IND',
  '-1.#QNAN',
  '1.#IND',
  '1.#QNAN',
  '<NA>',
];
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A CSV read into header and body rows of trimmed-on-demand strings. @internal */
export interface CsvRows {
  header: string[];
  rows: string[][];
}

function detectDelimiter(text: string): string {
  const nl = text.indexOf('\n');
  const head = nl < 0 ? text : text.slice(0, nl);
  for (const d of [',', ';', '\t', '|']) if (head.includes(d)) return d;
  return ',';
}

/** Parse CSV text into rows (RFC 4180 quoting; CRLF or LF; a BOM is dropped). @internal */
export function parseCsvRows(fn: string, text: string, delimiter: string | undefined): CsvRows {
  if (typeof text !== 'string')
    throw new InvalidArgumentError(`${fn}: \`text\` must be the CSV file's text (a string), got ${text === null ? 'null' : typeof text}.`, 'text', typeof text);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const delim = delimiter ?? detectDelimiter(body);
  const parsed = Papa.parse<string[]>(body, { delimiter: delim, header: false, dynamicTyping: false, skipEmptyLines: false });
  const bad = parsed.errors.find((e) => e.type === 'Quotes');
  if (bad) throw new InvalidArgumentError(`${fn}: line ${(bad.row ?? 0) + 1}: ${bad.message}.`, 'text', bad.code);
  const data = parsed.data;
  while (data.length > 0 && isBlank(data[data.length - 1] as string[])) data.pop();
  if (data.length === 0) throw new InvalidArgumentError(`${fn}: the CSV text is empty (no header line).`, 'text', '');
  const header = (data[0] as string[]).map((h) => h.trim());
  return { header, rows: data.slice(1) };
}

/**
 * A CSV text with no quote character, split without a parser: the header's cells (trimmed) and
 * the start / end offsets of each body line (line break excluded). @internal
 */
export interface PlainCsv {
  /** The text, without a leading BOM. */
  text: string;
  delimiter: string;
  header: string[];
  /** Body lines as offset pairs: line k runs from `bounds[2k]` to `bounds[2k + 1]` (exclusive). */
  bounds: Int32Array;
  /** Number of body lines (trailing blank lines removed). */
  count: number;
}

function countOf(text: string, s: string): number {
  let k = 0;
  for (let i = text.indexOf(s); i !== -1; i = text.indexOf(s, i + s.length)) k++;
  return k;
}

/**
 * Split a CSV text that holds no quote character and uses one kind of line break (LF, or CRLF
 * throughout) into lines, without building a row of strings per line: the fast path of the wide
 * reader. Gives exactly the lines, header and blank-line handling of {@link parseCsvRows} (papaparse
 * guesses the same line break for such a text); undefined for any other text (quotes, a lone CR,
 * mixed line breaks, a CR delimiter, no header line), which then goes through papaparse. @internal
 */
export function splitPlainCsv(text: unknown, delimiter: string | undefined): PlainCsv | undefined {
  if (typeof text !== 'string' || text.includes('"')) return undefined;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const delim = delimiter ?? detectDelimiter(body);
  if (delim === '\r') return undefined;
  let eol = '\n';
  if (body.includes('\r')) {
    const lf = countOf(body, '\n');
    if (countOf(body, '\r') !== lf || countOf(body, '\r\n') !== lf) return undefined;
    eol = '\r\n';
  }
  const starts: number[] = [];
  const ends: number[] = [];
  for (let a = 0; ; ) {
    const e = body.indexOf(eol, a);
    starts.push(a);
    ends.push(e === -1 ? body.length : e);
    if (e === -1) break;
    a = e + eol.length;
  }
  // trailing blank lines (no delimiter, only white space) are dropped, as parseCsvRows does
  let n = starts.length;
  while (n > 0 && isBlankLine(body, starts[n - 1], ends[n - 1], delim)) n--;
  if (n === 0) return undefined;
  const header = body
    .slice(starts[0], ends[0])
    .split(delim)
    .map((h) => h.trim());
  const bounds = new Int32Array(2 * (n - 1));
  for (let k = 1; k < n; k++) {
    bounds[2 * k - 2] = starts[k];
    bounds[2 * k - 1] = ends[k];
  }
  return { text: body, delimiter: delim, header, bounds, count: n - 1 };
}

/** Whether the line [a, b) of a plain CSV is blank: no delimiter and nothing but white space. @internal */
export function isBlankLine(text: string, a: number, b: number, delimiter: string): boolean {
  const line = text.slice(a, b);
  return !line.includes(delimiter) && line.trim() === '';
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * The value of the cell `text[a, b)` when it is a plain decimal (optional `-`, digits, at most
 * one `.`, at most 15 digits in all), else NaN (the caller then reads the cell with
 * {@link readCell}). Exact: the digits form an integer m < 10^15, and m / 10^k with both exact
 * doubles is one correctly rounded division, so the result equals `Number(cell)` (Clinger's
 * fast path, as in every correctly rounded strtod). @internal
 */
export function plainDecimal(text: string, a: number, b: number): number {
  let i = a;
  const neg = text.charCodeAt(i) === 45;
  if (neg) i++;
  let m = 0;
  let digits = 0;
  let scale = -1;
  for (; i < b; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      digits++;
    } else if (c === 46 && scale === -1) {
      scale = digits;
    } else {
      return Number.NaN;
    }
  }
  if (digits === 0 || digits > 15) return Number.NaN;
  const k = scale === -1 ? 0 : digits - scale;
  const v = k === 0 ? m : m / POW10[k];
  return neg ? -v : v;
}

/** Whether a parsed row is an empty line. @internal */
export function isBlank(row: string[]): boolean {
  return row.length === 1 && (row[0] as string).trim() === '';
}

/**
 * Read one numeric cell: a missing marker gives NaN; otherwise a decimal number (optional sign,
 * exponent; surrounding white space ignored). @internal
 */
export function readCell(fn: string, cell: string, na: ReadonlySet<string>, line: number, column: string): number {
  const s = cell.trim();
  if (na.has(s)) return Number.NaN;
  if (!NUMBER.test(s)) {
    throw new InvalidArgumentError(`${fn}: line ${line}, column ${column}: ${JSON.stringify(cell)} is not a number.`, column, { line, column, text: cell });
  }
  return Number(s);
}

/** Read one date cell. @internal */
export function readDate(fn: string, cell: string, format: DateFormat, line: number): string {
  const s = cell.trim();
  const iso = parseDate(s, format);
  if (iso === undefined) {
    throw new InvalidArgumentError(`${fn}: line ${line}: ${JSON.stringify(cell)} is not a date in the format ${format} (${dateHint(s)}).`, 'date', {
      line,
      text: cell,
    });
  }
  return iso;
}

/** Find a column by name (exact, then case-insensitive), or by default names. @internal */
export function findColumn(fn: string, header: readonly string[], name: string | undefined, defaults: readonly string[], what: string): number {
  if (name !== undefined) {
    let k = header.indexOf(name);
    if (k < 0) k = header.findIndex((h) => h.toLowerCase() === name.toLowerCase());
    if (k < 0)
      throw new InvalidArgumentError(
        `${fn}: no column ${JSON.stringify(name)} for the ${what} in the header (${header.map((h) => JSON.stringify(h)).join(', ')}).`,
        what + 'Column',
        name,
      );
    return k;
  }
  const k = header.findIndex((h) => defaults.includes(h.toLowerCase()));
  if (k < 0)
    throw new InvalidArgumentError(
      `${fn}: no ${what} column found (looked for ${defaults.join(', ')}); name it with \`${what}Column\`.`,
      what + 'Column',
      header.join(','),
    );
  return k;
}
