/**
 * Writing a table as wide CSV text.
 *
 * @module
 */
import { InvalidArgumentError } from '../core/errors.ts';
import { checkOptions } from '../core/options.ts';
import { readTable, type Table, type TableLike } from '../core/table.ts';

/** Options of {@link toCsv}. */
export interface ToCsvOptions {
  /** Field delimiter. Default `,`. */
  delimiter?: string;
  /** Header of the date column. Default `date`. */
  dateColumn?: string;
  /** Line ending. Default `\n`. */
  lineEnding?: '\n' | '\r\n';
}

function quote(s: string, delimiter: string): string {
  if (s.includes(delimiter) || s.includes('"') || s.includes('\n') || s.includes('\r')) return '"' + s.replace(/"/g, '""') + '"';
  return s;
}

/**
 * Write a table as wide CSV: a header line `date,<tickers...>`, then one line per date. Numbers
 * are written with JavaScript's shortest round-trip form (`String(x)`), so reading the text back
 * with `readPricesCsv` gives the same table bit for bit; a missing value is an empty field.
 * Tickers that hold the delimiter, a quote or a line break are quoted (RFC 4180). A ticker with
 * white space at either end is refused: the reader trims header cells, so it would not come back.
 *
 * @param table a price or return table.
 * @throws {InvalidArgumentError} on a bad table, a delimiter that is not one character (or is a
 *   quote or line break), a date column name that is also a ticker, a ticker with outer white space.
 * @example
 * ```ts
 * import { priceTable, toCsv } from 'quantivista/data';
 * const t = priceTable({ dates: ['2024-01-02', '2024-01-03'], assets: ['AAA', 'NEW'], values: [[100, null], [101.5, 20]] });
 * console.log(toCsv(t).split('\n')); // ['date,AAA,NEW', '2024-01-02,100,', '2024-01-03,101.5,20', '']
 * ```
 */
export function toCsv(table: Table | TableLike, options?: ToCsvOptions): string {
  const fn = 'toCsv';
  const opts = checkOptions(fn, options, ['delimiter', 'dateColumn', 'lineEnding']);
  const delimiter = opts.delimiter ?? ',';
  if (typeof delimiter !== 'string' || delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
    throw new InvalidArgumentError(
      `${fn}: \`delimiter\` must be one character (not a quote or line break), got ${JSON.stringify(delimiter)}.`,
      'delimiter',
      String(delimiter),
    );
  }
  const dateColumn = opts.dateColumn ?? 'date';
  if (typeof dateColumn !== 'string' || dateColumn === '')
    throw new InvalidArgumentError(`${fn}: \`dateColumn\` must be a non-empty string.`, 'dateColumn', String(dateColumn));
  const eol = opts.lineEnding ?? '\n';
  if (eol !== '\n' && eol !== '\r\n') throw new InvalidArgumentError(`${fn}: \`lineEnding\` must be '\\n' or '\\r\\n'.`, 'lineEnding', String(eol));
  const t = readTable(fn, 'table', table);
  if (t.assets.includes(dateColumn)) {
    throw new InvalidArgumentError(
      `${fn}: the date column's name ${JSON.stringify(dateColumn)} is also a ticker; choose another \`dateColumn\`.`,
      'dateColumn',
      dateColumn,
    );
  }
  const padded = t.assets.find((a) => a !== a.trim());
  if (padded !== undefined)
    throw new InvalidArgumentError(
      `${fn}: the ticker ${JSON.stringify(padded)} has white space at an end; readers trim header cells, so rename it.`,
      'assets',
      padded,
    );
  const n = t.values.cols;
  const d = t.values.data;
  const parts: string[] = [[dateColumn, ...t.assets].map((h) => quote(h, delimiter)).join(delimiter)];
  const cells = new Array<string>(n + 1);
  for (let i = 0; i < t.values.rows; i++) {
    cells[0] = t.dates[i] as string;
    const o = i * n;
    for (let j = 0; j < n; j++) {
      const v = d[o + j];
      cells[j + 1] = v !== v ? '' : v === 0 && 1 / v < 0 ? '-0' : String(v);
    }
    parts.push(cells.join(delimiter));
  }
  return parts.join(eol) + eol;
}
