/**
 * Internal: the date column of an Arrow table as day numbers (days since 1970-01-01, UTC), read
 * straight from the column's buffers.
 *
 * @module
 * @internal
 */
import { InvalidArgumentError } from '../core/errors.ts';
import { isIsoDate, isoFromDayNumber, isoToDayNumber } from '../core/dates.ts';
import { int64At, isStringType, nullsOf, nullAt, TypeId, typeName, type ArrowDataShape, type ArrowVectorShape } from './arrow-shapes.ts';

const MIN_DAY = -719_528; // 0000-01-01
const MAX_DAY = 2_932_896; // 9999-12-31
/** Units per day of Timestamp units 0..3 (s, ms, us, ns). */
const PER_DAY = [86_400n, 86_400_000n, 86_400_000_000n, 86_400_000_000_000n] as const;
const UNIT = ['s', 'ms', 'us', 'ns'] as const;

function fail(fn: string, column: string, row: number, what: string, value: unknown): never {
  throw new InvalidArgumentError(`${fn}: the date column ${JSON.stringify(column)} ${what} (row ${row}).`, 'table', { column, row, value });
}

/** Decode bytes [begin, end) as text for a message (ASCII as is, other bytes as \xNN). */
function bytesText(bytes: ArrayLike<number>, begin: number, end: number): string {
  let s = '';
  for (let k = begin; k < end && k < begin + 40; k++) {
    const c = bytes[k];
    s += c >= 32 && c < 127 ? String.fromCharCode(c) : `\\x${c.toString(16).padStart(2, '0')}`;
  }
  return end - begin > 40 ? `${s}...` : s;
}

/** Day number of an ISO date held in bytes [begin, end) (UTF-8), or NaN if it is not one. */
function isoBytesToDay(bytes: ArrayLike<number>, begin: number, end: number): number {
  if (end - begin !== 10) return NaN;
  let s = '';
  for (let k = begin; k < end; k++) s += String.fromCharCode(bytes[k]);
  return isIsoDate(s) ? isoToDayNumber(s) : NaN;
}

type StringAt = (i: number) => readonly [bytes: ArrayLike<number>, begin: number, end: number];

/** Where string i of a Utf8 / LargeUtf8 / Utf8View chunk lies. */
function stringsOf(d: ArrowDataShape): StringAt {
  if (d.type.typeId === TypeId.Utf8View) {
    // 16-byte views: int32 length, then up to 12 bytes inline, or prefix, buffer index, offset
    const views = d.values as Uint8Array;
    const dv = new DataView(views.buffer, views.byteOffset, views.byteLength);
    return (i) => {
      const size = Math.max(dv.getInt32(16 * i, true), 0);
      if (size <= 12) return [views, 16 * i + 4, 16 * i + 4 + size];
      const buf = (d.variadicBuffers ?? [])[dv.getInt32(16 * i + 8, true)] ?? new Uint8Array(0);
      const begin = dv.getInt32(16 * i + 12, true);
      return [buf, begin, begin + size];
    };
  }
  const bytes = (d.values ?? new Uint8Array(0)) as ArrayLike<number>;
  const offsets = d.valueOffsets as ArrayLike<number | bigint>;
  return (i) => [bytes, Number(offsets[i]), Number(offsets[i + 1])];
}

function notIso(fn: string, column: string, row: number, at: readonly [ArrayLike<number>, number, number]): never {
  const text = bytesText(...at);
  return fail(fn, column, row, `holds "${text}", not an ISO date YYYY-MM-DD`, text);
}

function readStrings(fn: string, column: string, d: ArrowDataShape, out: Float64Array, r0: number): void {
  const at = stringsOf(d);
  for (let i = 0; i < d.length; i++) {
    const s = at(i);
    const day = isoBytesToDay(...s);
    if (Number.isNaN(day)) notIso(fn, column, r0 + i, s);
    out[r0 + i] = day;
  }
}

/** Dictionary-encoded strings (apache-arrow's default for JS strings, Polars' Categorical). */
function readDictionary(fn: string, column: string, d: ArrowDataShape, out: Float64Array, r0: number): void {
  const entries: Array<readonly [ArrayLike<number>, number, number]> = [];
  for (const c of d.dictionary?.data ?? []) {
    const at = stringsOf(c);
    for (let i = 0; i < c.length; i++) entries.push(at(i));
  }
  const days = entries.map((e) => isoBytesToDay(...e));
  const idx = d.values as ArrayLike<number | bigint>;
  for (let i = 0; i < d.length; i++) {
    const k = Number(idx[i]);
    const day = days[k];
    if (day === undefined) fail(fn, column, r0 + i, `holds the dictionary index ${k}, outside its ${days.length} entries`, k);
    if (Number.isNaN(day)) notIso(fn, column, r0 + i, entries[k]!);
    out[r0 + i] = day;
  }
}

function readDays(fn: string, column: string, d: ArrowDataShape, out: Float64Array, r0: number): void {
  const values = d.values as ArrayLike<number | bigint>;
  const unit = d.type.unit ?? 0;
  for (let i = 0; i < d.length; i++) {
    if (unit === 0) {
      out[r0 + i] = values[i] as number; // Date32: int32 days
      continue;
    }
    const ms = int64At(values, i); // Date64: int64 milliseconds, a multiple of a day by the spec
    if (ms % 86_400_000n !== 0n) fail(fn, column, r0 + i, `holds ${ms} ms, which is not midnight UTC (Date64 values must be whole days)`, String(ms));
    out[r0 + i] = Number(ms / 86_400_000n);
  }
}

function readTimestamps(fn: string, column: string, d: ArrowDataShape, out: Float64Array, r0: number): void {
  const values = d.values as ArrayLike<number | bigint>;
  const unit = d.type.unit ?? 1;
  const perDay = PER_DAY[unit as 0 | 1 | 2 | 3];
  for (let i = 0; i < d.length; i++) {
    const t = int64At(values, i);
    const rem = t % perDay;
    if (rem !== 0n) {
      const day = Number((t - (rem < 0n ? rem + perDay : rem)) / perDay);
      const tz = d.type.timezone ? ` (time zone ${d.type.timezone})` : '';
      const at = day >= MIN_DAY && day <= MAX_DAY ? ` on ${isoFromDayNumber(day)}` : '';
      fail(
        fn,
        column,
        r0 + i,
        `holds ${t} ${UNIT[unit as 0 | 1 | 2 | 3]}${at}, which is not midnight UTC${tz}; store calendar dates as Date32 (or midnight UTC timestamps), e.g. cast the column to a date first`,
        String(t),
      );
    }
    out[r0 + i] = Number(t / perDay);
  }
}

/**
 * Read the date column into day numbers. Date32, Date64 (whole days), Timestamp of any unit at
 * midnight UTC, and Utf8 / LargeUtf8 / Utf8View ISO `YYYY-MM-DD` strings, plain or dictionary-encoded.
 * @throws {InvalidArgumentError} on a null date, a non-midnight timestamp, a string that is not an
 * ISO date, or a day outside years 0000-9999, naming the column and row.
 * @internal
 */
export function readDateColumn(fn: string, column: string, vector: ArrowVectorShape, rows: number): Float64Array {
  let total = 0;
  for (const d of vector.data) total += d.length;
  if (total !== rows) {
    throw new InvalidArgumentError(`${fn}: the date column ${JSON.stringify(column)} has ${total} rows, but the table has ${rows}.`, 'table', {
      column,
      rows: total,
    });
  }
  const out = new Float64Array(rows);
  let r0 = 0;
  for (const d of vector.data) {
    const id = d.type.typeId;
    const nulls = nullsOf(d);
    if (nulls) {
      for (let i = 0; i < d.length; i++) if (nullAt(nulls, d.offset, i)) fail(fn, column, r0 + i, 'has a null date', null);
    }
    if (id === TypeId.Date) readDays(fn, column, d, out, r0);
    else if (id === TypeId.Timestamp) readTimestamps(fn, column, d, out, r0);
    else if (isStringType(d.type)) readStrings(fn, column, d, out, r0);
    else if (id === TypeId.Dictionary && d.type.dictionary && isStringType(d.type.dictionary)) readDictionary(fn, column, d, out, r0);
    else {
      throw new InvalidArgumentError(
        `${fn}: the date column ${JSON.stringify(column)} has the Arrow type ${typeName(d.type)}; expected Date32, Date64, Timestamp or Utf8 ISO dates.`,
        'dateColumn',
        { column, type: typeName(d.type) },
      );
    }
    for (let i = 0; i < d.length; i++) {
      const day = out[r0 + i];
      if (!(day >= MIN_DAY && day <= MAX_DAY)) fail(fn, column, r0 + i, `holds day ${day} since 1970-01-01, outside years 0000-9999`, day);
    }
    r0 += d.length;
  }
  return out;
}
