import { InsufficientDataError, InvalidArgumentError } from '../core/errors.ts';
import { isoAddMonths, isoFromDayNumber, isoToDayNumber } from '../core/dates.ts';
import { wrapMatrix } from '../core/matrix.ts';
import { readTable, wrapTable, type Table, type TableKind, type TableLike } from '../core/table.ts';
import { checkOneOf, checkOptions } from '../core/validate.ts';

/** The calendar periods {@link resample} groups dates into. */
export type ResampleFrequency = 'week' | 'month' | 'quarter' | 'year';

/** Options of {@link resample}. */
export interface ResampleOptions {
  /**
   * Which value of each period: `'last'` (default; pandas `.last()`), each column's last present
   * value in the period, or `'first'` (pandas `.first()`), its first present value.
   */
  how?: 'last' | 'first';
  /**
   * Resample a ReturnTable anyway (default false: refused, see {@link resample}). The values are
   * then picked exactly as for prices, which does not give the period's return.
   */
  allowReturns?: boolean;
}

const FREQUENCIES: readonly ResampleFrequency[] = ['week', 'month', 'quarter', 'year'];

/**
 * Resample a table to weekly, monthly, quarterly or yearly rows, with the semantics of pandas
 * `df.resample(rule).last()` (rules `W`, `M`, `Q`, `A`; `ME`, `QE`, `YE` in pandas ≥ 2.2), or
 * `.first()` with `how: 'first'`:
 *
 * - each row falls in the calendar period that contains its date: weeks run Monday to Sunday
 *   (pandas `W` = `W-SUN`), months, quarters (Jan–Mar, …, Oct–Dec) and years are calendar ones;
 * - each period is labelled by its calendar end (the Sunday, the month's last day, Mar 31 /
 *   Jun 30 / Sep 30 / Dec 31, Dec 31), whether or not that day has a row;
 * - each column takes its last (first) *present* value in the period, so a missing value on the
 *   period's last row does not make the period missing;
 * - every period from the first date's to the last date's is present; a period without any
 *   row, or without a present value in a column, gives NaN there.
 *
 * Dates are calendar days in UTC (ISO strings); no time zone is involved.
 *
 * A ReturnTable is refused unless `allowReturns: true`: the last return of a month is not the
 * month's return. Resample the prices, then compute returns from the resampled prices (e.g.
 * `returnsTable(resample(prices, 'month'))`).
 *
 * @param table a PriceTable (or with `allowReturns`, a ReturnTable), its structured clone, or a
 *   plain `{ kind, dates, assets, values }`; a table without `kind` is read as returns and so
 *   needs `kind: 'prices'`. Not modified.
 * @param frequency `'week'`, `'month'`, `'quarter'` or `'year'`.
 * @returns a new table of the same kind and assets, one row per period, dated at period ends.
 * @throws {InvalidArgumentError} on a ReturnTable (unless `allowReturns: true`), a malformed
 *   table, an unknown frequency, `how` or option, or a non-boolean `allowReturns`.
 * @throws {InsufficientDataError} when the table has no rows.
 * @throws {DimensionError} when the table's sizes disagree.
 * @example
 * ```ts
 * import { resample } from 'quantivista/data';
 * const t = { kind: 'prices' as const, dates: ['2024-01-30', '2024-01-31', '2024-03-05'], assets: ['A', 'B'], values: [[1, 5], [2, null], [4, 6]] };
 * const m = resample(t, 'month');
 * console.log(m.dates); // ['2024-01-31', '2024-02-29', '2024-03-31']
 * console.log(JSON.stringify(m.values)); // [[2,5],[null,null],[4,6]]
 * console.log(JSON.stringify(resample(t, 'month', { how: 'first' }).values)); // [[1,5],[null,null],[4,6]]
 * const w = resample(t, 'week');
 * console.log(w.dates.length, w.dates[0], w.dates[5]); // 6 '2024-02-04' '2024-03-10'
 * ```
 */
export function resample<K extends TableKind>(table: TableLike & { readonly kind: K }, frequency: ResampleFrequency, options?: ResampleOptions): Table<K>;
export function resample(table: TableLike, frequency: ResampleFrequency, options?: ResampleOptions): Table;
export function resample(table: TableLike, frequency: ResampleFrequency, options?: ResampleOptions): Table {
  const fn = 'resample';
  const opts = checkOptions(fn, options, ['how', 'allowReturns']);
  const freq = checkOneOf(fn, 'frequency', frequency, FREQUENCIES);
  const how = opts.how === undefined ? 'last' : checkOneOf(fn, 'how', opts.how, ['last', 'first'] as const);
  const allowReturns: unknown = opts.allowReturns === undefined ? false : opts.allowReturns;
  if (typeof allowReturns !== 'boolean') {
    throw new InvalidArgumentError(
      `${fn}: \`allowReturns\` must be true or false, got ${allowReturns === null ? 'null' : typeof allowReturns}.`,
      'allowReturns',
      String(allowReturns),
    );
  }
  const t = readTable(fn, 'table', table);
  if (t.kind === 'returns' && !allowReturns) throw refuseReturns(fn, (table as { kind?: unknown }).kind === undefined);
  const T = t.values.rows;
  const n = t.values.cols;
  if (T === 0) throw new InsufficientDataError(`${fn}: the table has no rows, so there is no period to resample to.`, 1, 0);

  const keys = new Float64Array(T);
  for (let i = 0; i < T; i++) keys[i] = periodKey(t.dates[i] as string, freq);
  const k0 = keys[0];
  const P = keys[T - 1] - k0 + 1;
  const dates = new Array<string>(P);
  for (let p = 0; p < P; p++) dates[p] = periodEnd(k0 + p, freq);

  const d = t.values.data;
  const out = new Float64Array(P * n).fill(Number.NaN);
  const first = how === 'first';
  for (let i = 0; i < T; i++) {
    const o = i * n;
    const q = (keys[i] - k0) * n;
    for (let j = 0; j < n; j++) {
      const v = d[o + j];
      if (v !== v) continue;
      if (first && out[q + j] === out[q + j]) continue;
      out[q + j] = v;
    }
  }
  return wrapTable(t.kind, dates, t.assets.slice(), wrapMatrix(P, n, out));
}

function refuseReturns(fn: string, noKind: boolean): InvalidArgumentError {
  const hint = noKind ? " (a table without `kind` is read as returns: if it holds prices, give it kind: 'prices' or build it with priceTable(...))" : '';
  return new InvalidArgumentError(
    `${fn}: \`table\` is a ReturnTable${hint}; the last (or first) return of a period is not the period's return. Resample the prices, then compute returns from them: returnsTable(resample(prices, frequency)); pass { allowReturns: true } to pick returns anyway.`,
    'table',
    'returns',
  );
}

/**
 * An integer numbering consecutive periods: weeks (Monday–Sunday) since the one holding
 * 1970-01-01, or months / quarters / years counted from year 0.
 */
function periodKey(date: string, freq: ResampleFrequency): number {
  if (freq === 'week') return Math.floor((isoToDayNumber(date) + 3) / 7); // day 0 is a Thursday
  const y = +date.slice(0, 4);
  const m = +date.slice(5, 7);
  if (freq === 'month') return y * 12 + m - 1;
  if (freq === 'quarter') return y * 4 + Math.floor((m - 1) / 3);
  return y;
}

/** The ISO date of the last calendar day of the period numbered `key`. */
function periodEnd(key: number, freq: ResampleFrequency): string {
  if (freq === 'week') return isoFromDayNumber(7 * key + 3); // the Sunday of week `key`
  const y = freq === 'month' ? Math.floor(key / 12) : freq === 'quarter' ? Math.floor(key / 4) : key;
  const lastMonth = freq === 'month' ? key - 12 * y : freq === 'quarter' ? 3 * (key - 4 * y) + 2 : 11; // 0-based
  // Jan 31 plus k months, clamped to the target month's length, is that month's last day.
  return isoAddMonths(`${String(y).padStart(4, '0')}-01-31`, lastMonth);
}
