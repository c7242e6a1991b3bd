/**
 * Internal: pivoting long rows (date, asset, value) into a table.
 *
 * @module
 * @internal
 */
import { InvalidArgumentError } from '../core/errors.ts';
import { isoCompare } from '../core/dates.ts';
import { wrapMatrix } from '../core/matrix.ts';
import { wrapTable, type Table, type TableKind } from '../core/table.ts';
import type { DateFormat } from './date-formats.ts';
import { readCell, readDate } from './csv-parse.ts';

/** A long CSV to pivot. @internal */
export interface LongRows {
  header: string[];
  rows: string[][];
  dateCol: number;
  assetCol: number;
  valueCol: number;
  dateFormat: DateFormat;
  na: ReadonlySet<string>;
  kind: TableKind;
}

/** One long observation with where it came from (a line number or a record index). @internal */
export interface LongEntry {
  date: string;
  asset: string;
  value: number;
  where: string;
}

/**
 * Pivot long observations: assets in first-appearance order, dates sorted, a missing pair NaN,
 * a repeated (date, asset) pair an error naming both places.
 * @internal
 */
export function pivotLong(fn: string, entries: readonly LongEntry[], kind: TableKind): Table {
  const assetIndex = new Map<string, number>();
  const dateSet = new Set<string>();
  for (const e of entries) {
    if (!assetIndex.has(e.asset)) assetIndex.set(e.asset, assetIndex.size);
    dateSet.add(e.date);
  }
  const dates = Array.from(dateSet).sort(isoCompare);
  const dateIndex = new Map(dates.map((d, i) => [d, i]));
  const n = assetIndex.size;
  const values = new Float64Array(dates.length * n).fill(Number.NaN);
  const seenAt = new Map<string, string>();
  for (const e of entries) {
    const k = (dateIndex.get(e.date) as number) * n + (assetIndex.get(e.asset) as number);
    const key = `${e.date}\u0000${e.asset}`;
    const prev = seenAt.get(key);
    if (prev !== undefined) {
      throw new InvalidArgumentError(`${fn}: ${JSON.stringify(e.asset)} on ${e.date} appears twice (${prev} and ${e.where}).`, 'rows', {
        date: e.date,
        asset: e.asset,
      });
    }
    seenAt.set(key, e.where);
    values[k] = e.value;
  }
  return wrapTable(kind, dates, Array.from(assetIndex.keys()), wrapMatrix(dates.length, n, values));
}

/** Read long CSV rows and pivot them. @internal */
export function longToTable(fn: string, src: LongRows): Table {
  const { header, rows, dateCol, assetCol, valueCol, dateFormat, na, kind } = src;
  const valueName = header[valueCol] as string;
  const entries: LongEntry[] = [];
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as string[];
    const line = r + 2;
    if (row.length === 1 && (row[0] as string).trim() === '') continue;
    if (row.length !== header.length)
      throw new InvalidArgumentError(`${fn}: line ${line} has ${row.length} fields, but the header has ${header.length}.`, 'text', {
        line,
        fields: row.length,
      });
    const asset = (row[assetCol] as string).trim();
    if (asset === '') throw new InvalidArgumentError(`${fn}: line ${line}: the ticker is empty.`, 'asset', { line });
    const date = readDate(fn, row[dateCol] as string, dateFormat, line);
    const value = readCell(fn, row[valueCol] as string, na, line, valueName);
    if (kind === 'prices' && value <= 0)
      throw new InvalidArgumentError(`${fn}: line ${line}, column ${valueName}: the price ${value} of ${asset} is not positive.`, valueName, { line, value });
    entries.push({ date, asset, value, where: `line ${line}` });
  }
  return pivotLong(fn, entries, kind);
}
