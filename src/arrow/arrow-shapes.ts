/**
 * Internal: the parts of an apache-arrow `Table` that `fromArrow` reads, described structurally
 * (so a table made by any copy or version >= 14 of apache-arrow is read the same way, and reading
 * needs no runtime import of apache-arrow), and the Arrow type ids it recognises. The numbers are
 * those of Arrow's format (`Schema.fbs`) and of apache-arrow's `Type` / `Precision` / `DateUnit` /
 * `TimeUnit` enums, which have not changed since the format's 1.0.
 *
 * @module
 * @internal
 */

/** An Arrow data type as apache-arrow describes it (`DataType`). @internal */
export interface ArrowTypeShape {
  readonly typeId: number;
  /** Int, Decimal: bits per value. */
  readonly bitWidth?: number;
  /** Int: signed or not. */
  readonly isSigned?: boolean;
  /** Float: 0 half, 1 single, 2 double. */
  readonly precision?: number;
  /** Date: 0 day, 1 millisecond. Timestamp: 0 s, 1 ms, 2 us, 3 ns. */
  readonly unit?: number;
  /** Decimal: digits after the point (negative: trailing zeros). */
  readonly scale?: number;
  /** Timestamp: the time zone, or null for a naive timestamp. */
  readonly timezone?: string | null;
  /** Dictionary: the type of the dictionary's values. */
  readonly dictionary?: ArrowTypeShape;
  toString(): string;
}

/** One contiguous chunk of a column (apache-arrow's `Data`). @internal */
export interface ArrowDataShape {
  readonly type: ArrowTypeShape;
  /** Bit offset of the chunk's first row in `nullBitmap` (values and offsets are already sliced). */
  readonly offset: number;
  readonly length: number;
  readonly nullCount: number;
  readonly nullBitmap?: Uint8Array | null;
  readonly values?: ArrayLike<number | bigint> | null;
  readonly valueOffsets?: ArrayLike<number | bigint> | null;
  readonly variadicBuffers?: readonly Uint8Array[];
  /** Dictionary: the values that `values` (the indices) point into. */
  readonly dictionary?: ArrowVectorShape;
}

/** A column (apache-arrow's `Vector`): its chunks, one per record batch. @internal */
export interface ArrowVectorShape {
  readonly data: readonly ArrowDataShape[];
  readonly length: number;
}

/** A field of the schema. @internal */
export interface ArrowFieldShape {
  readonly name: string;
  readonly type: ArrowTypeShape;
}

/** A table (apache-arrow's `Table`). @internal */
export interface ArrowTableShape {
  readonly schema: { readonly fields: readonly ArrowFieldShape[]; readonly metadata?: ReadonlyMap<string, string> };
  readonly numRows: number;
  getChildAt(index: number): ArrowVectorShape | null;
}

/** Arrow type ids (apache-arrow's `Type` enum). @internal */
export const TypeId = {
  Dictionary: -1,
  Null: 1,
  Int: 2,
  Float: 3,
  Utf8: 5,
  Decimal: 7,
  Date: 8,
  Timestamp: 10,
  LargeUtf8: 20,
  Utf8View: 24,
} as const;

/** The schema metadata key under which `toArrow` records the table's kind. @internal */
export const KIND_METADATA_KEY = 'quantivista:kind';

/** Whether a column of this type holds strings (Utf8, LargeUtf8, Utf8View). @internal */
export function isStringType(t: ArrowTypeShape): boolean {
  const id = t.typeId;
  return id === TypeId.Utf8 || id === TypeId.LargeUtf8 || id === TypeId.Utf8View;
}

/** Whether a column of this type can hold the dates (dates, timestamps, strings, dictionary-encoded strings). @internal */
export function isDateType(t: ArrowTypeShape): boolean {
  const id = t.typeId;
  if (id === TypeId.Dictionary) return t.dictionary !== undefined && isStringType(t.dictionary);
  return id === TypeId.Date || id === TypeId.Timestamp || isStringType(t);
}

/** Whether a column of this type can be read as an asset's numbers. @internal */
export function isNumericType(t: ArrowTypeShape): boolean {
  const id = t.typeId;
  if (id === TypeId.Float) return t.precision === 0 || t.precision === 1 || t.precision === 2;
  if (id === TypeId.Int) return t.bitWidth === 8 || t.bitWidth === 16 || t.bitWidth === 32 || t.bitWidth === 64;
  if (id === TypeId.Decimal) return Number.isInteger(t.scale) && [32, 64, 128, 256].includes(t.bitWidth ?? 128);
  return id === TypeId.Null;
}

/** The Arrow type as apache-arrow prints it (`Float64`, `Utf8`, `Timestamp<MICROSECOND>`, ...). @internal */
export function typeName(t: ArrowTypeShape): string {
  try {
    const s = String(t);
    if (s !== '[object Object]') return s;
  } catch {
    /* fall through */
  }
  return `type id ${t.typeId}`;
}

/** Whether row `i` of a chunk is null (its validity bit is clear). @internal */
export function nullAt(bitmap: Uint8Array, offset: number, i: number): boolean {
  const pos = offset + i;
  return (bitmap[pos >> 3] & (1 << (pos & 7))) === 0;
}

/** The chunk's validity bitmap when the chunk has nulls, else undefined. @internal */
export function nullsOf(d: ArrowDataShape): Uint8Array | undefined {
  const bm = d.nullBitmap;
  return bm && bm.length > 0 && d.nullCount > 0 ? bm : undefined;
}

/** The 64-bit integer at index `i` of a buffer stored as BigInt64Array or as 32-bit word pairs. @internal */
export function int64At(values: ArrayLike<number | bigint>, i: number): bigint {
  if (values instanceof BigInt64Array || values instanceof BigUint64Array) return values[i] as bigint;
  const lo = (values[2 * i] as number) >>> 0;
  const hi = (values[2 * i + 1] as number) | 0;
  return (BigInt(hi) << 32n) + BigInt(lo);
}
