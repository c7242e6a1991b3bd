/**
 * `toArrow`: a labelled table to an Apache Arrow table (apache-arrow's `Table`), for Polars,
 * DuckDB, pandas or a service that speaks the Arrow IPC format.
 *
 * @module
 */
import { DateDay, Field, Float64, makeData, RecordBatch, Schema, Struct, Table as ArrowTable, type Data } from 'apache-arrow';
import { DimensionError, InvalidArgumentError } from '../core/errors.ts';
import { isoToDayNumber } from '../core/dates.ts';
import { checkOptions } from '../core/options.ts';
import { readTable, type TableLike } from '../core/table.ts';
import { KIND_METADATA_KEY } from './arrow-shapes.ts';

const FN = 'toArrow';

/** Options of {@link toArrow}. */
export interface ToArrowOptions {
  /** Name of the date column (default `'date'`); it must differ from every asset's name. */
  readonly dateColumn?: string;
}

/**
 * A labelled table (a `PriceTable` / `ReturnTable`, or any table-like `{ dates, assets, values }`)
 * to an apache-arrow `Table`: a `date` column of type Date32 (DateDay: days since 1970-01-01,
 * the type of a Polars `Date`, a DuckDB `DATE` and pandas' `date32[day]`) and one nullable
 * Float64 column per asset, in the table's order.
 *
 * Missing values (NaN) are stored as nulls: each asset column with a NaN carries a validity
 * bitmap whose bit is clear at that row, so Polars, pandas and DuckDB see a missing value (null /
 * NaN / NULL) rather than a number; the value buffer under a null keeps the NaN. The schema's
 * metadata records the table's kind under `quantivista:kind` (`prices` or `returns`).
 * {@link fromArrow} reads the result back bit for bit.
 *
 * Needs the optional peer dependency apache-arrow (version 14 or later): `npm install apache-arrow`.
 * Serialise with apache-arrow's `tableToIPC(table)` (stream format) or `tableToIPC(table, 'file')`.
 *
 * @throws {InvalidArgumentError} on a malformed table, or when `dateColumn` is not a non-empty
 * string or equals an asset's name. @throws {DimensionError} when the table's sizes disagree.
 * @example
 * ```ts
 * import { toArrow } from 'quantivista/arrow';
 * const arrow = toArrow({ kind: 'returns', dates: ['2024-01-02', '2024-01-03'], assets: ['AAA', 'BBB'], values: [[0.01, null], [-0.02, 0.005]] });
 * console.log(arrow.numRows, arrow.schema.fields.map((f) => `${f.name}: ${f.type}`)); // 2 ['date: Date32<DAY>', 'AAA: Float64', 'BBB: Float64']
 * console.log(arrow.getChild('BBB')?.toArray()); // [NaN, 0.005]
 * console.log(arrow.getChild('BBB')?.nullCount, arrow.getChild('BBB')?.get(0)); // 1 null
 * console.log(arrow.getChild('date')?.get(0)); // 1704153600000
 * ```
 */
export function toArrow(table: TableLike, options?: ToArrowOptions): ArrowTable {
  const opts = checkOptions(FN, options, ['dateColumn']);
  const dateColumn = opts.dateColumn ?? 'date';
  if (typeof dateColumn !== 'string' || dateColumn.length === 0) {
    throw new InvalidArgumentError(
      `${FN}: \`dateColumn\` must be a non-empty string, got ${typeof dateColumn === 'string' ? '""' : typeof dateColumn}.`,
      'dateColumn',
      String(dateColumn),
    );
  }
  const raw = table as { dates?: unknown; values?: unknown } | null;
  if (raw !== null && typeof raw === 'object' && Array.isArray(raw.dates) && Array.isArray(raw.values) && raw.dates.length !== raw.values.length) {
    // refuse at once, before the values are copied
    throw new DimensionError(`${FN}: \`dates\` must have ${raw.values.length} dates (one per row), got ${raw.dates.length}.`);
  }
  const t = readTable(FN, 'table', table);
  if (t.assets.includes(dateColumn)) {
    throw new InvalidArgumentError(
      `${FN}: an asset is named ${JSON.stringify(dateColumn)}, like the date column; pass another \`dateColumn\`.`,
      'dateColumn',
      dateColumn,
    );
  }
  const T = t.values.rows;
  const n = t.values.cols;
  const src = t.values.data;
  const days = new Int32Array(T);
  for (let i = 0; i < T; i++) days[i] = isoToDayNumber(t.dates[i] as string);

  const fields: Field[] = [new Field(dateColumn, new DateDay(), false)];
  const children: Data[] = [makeData({ type: new DateDay(), length: T, nullCount: 0, data: days })];
  for (let j = 0; j < n; j++) {
    const col = new Float64Array(T);
    let nulls = 0;
    for (let i = 0, k = j; i < T; i++, k += n) {
      const v = src[k];
      col[i] = v;
      if (v !== v) nulls++;
    }
    let bitmap: Uint8Array | undefined;
    if (nulls > 0) {
      bitmap = new Uint8Array((T + 7) >> 3);
      for (let i = 0; i < T; i++) if (col[i] === col[i]) bitmap[i >> 3] = bitmap[i >> 3] | (1 << (i & 7));
    }
    fields.push(new Field(t.assets[j] as string, new Float64(), true));
    children.push(makeData({ type: new Float64(), length: T, nullCount: nulls, data: col, ...(bitmap ? { nullBitmap: bitmap } : {}) }));
  }
  const schema = new Schema(fields, new Map([[KIND_METADATA_KEY, t.kind]]));
  const batch = new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: T, nullCount: 0, children }));
  return new ArrowTable(schema, batch);
}
