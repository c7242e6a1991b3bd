/**
 * Internal: an asset column of an Arrow table into a Float64Array, read straight from the
 * column's buffers (no row objects, no JSON). Nulls become NaN.
 *
 * @module
 * @internal
 */
import { InvalidArgumentError } from '../core/errors.ts';
import { decimalAt } from './decimal-to-number.ts';
import { nullsOf, nullAt, TypeId, typeName, type ArrowDataShape, type ArrowVectorShape } from './arrow-shapes.ts';

const TWO32 = 4294967296;

/** IEEE 754 binary16 (stored as uint16) to a double: exact. */
function halfToNumber(h: number): number {
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  const sign = h & 0x8000 ? -1 : 1;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 31) return frac === 0 ? sign * Infinity : NaN;
  return sign * (1024 + frac) * 2 ** (exp - 25);
}

type NumberArray = Float64Array | Float32Array | Int8Array | Int16Array | Int32Array | Uint8Array | Uint16Array | Uint32Array;

/** Write the chunk's values (nulls not yet applied) to col[r0 + i]. */
function copyValues(d: ArrowDataShape, col: Float64Array, r0: number): void {
  const t = d.type;
  const len = d.length;
  if (t.typeId === TypeId.Null) {
    col.fill(NaN, r0, r0 + len);
    return;
  }
  const values = d.values as ArrayLike<number | bigint>;
  if (t.typeId === TypeId.Decimal) {
    const stride = (t.bitWidth ?? 128) / 32;
    const scale = t.scale ?? 0;
    const words = values as ArrayLike<number>;
    for (let i = 0; i < len; i++) col[r0 + i] = decimalAt(words, i, stride, scale);
    return;
  }
  if (t.typeId === TypeId.Float && t.precision === 0) {
    const h = values as ArrayLike<number>;
    for (let i = 0; i < len; i++) col[r0 + i] = halfToNumber(h[i]);
    return;
  }
  if (values instanceof BigInt64Array || values instanceof BigUint64Array) {
    // Number(bigint) rounds to the nearest double (ties to even): exact below 2^53
    for (let i = 0; i < len; i++) col[r0 + i] = Number(values[i]);
    return;
  }
  if (t.typeId === TypeId.Int && t.bitWidth === 64) {
    // apache-arrow before 15 stores 64-bit integers as pairs of 32-bit words
    const w = values as ArrayLike<number>;
    for (let i = 0; i < len; i++) {
      const lo = w[2 * i] >>> 0;
      const hi = t.isSigned === false ? w[2 * i + 1] >>> 0 : w[2 * i + 1] | 0;
      col[r0 + i] = hi * TWO32 + lo; // hi · 2^32 is exact, so the one addition rounds correctly
    }
    return;
  }
  // Int8..Int32, Uint8..Uint32, Float32, Float64: the typed array converts exactly, natively
  col.set((values as NumberArray).subarray(0, len), r0);
}

/**
 * Read an asset column of a supported numeric type (see `isNumericType`) into `col` (length
 * `col.length` = the table's rows). Nulls become NaN; NaN stays NaN; ±Infinity is refused.
 * @throws {InvalidArgumentError} on an infinite value, naming the column and row.
 * @internal
 */
export function readAssetColumn(fn: string, column: string, vector: ArrowVectorShape, col: Float64Array): void {
  let total = 0;
  for (const d of vector.data) total += d.length;
  if (total !== col.length) {
    throw new InvalidArgumentError(`${fn}: column ${JSON.stringify(column)} has ${total} rows, but the table has ${col.length}.`, 'table', {
      column,
      rows: total,
    });
  }
  let r0 = 0;
  for (const d of vector.data) {
    copyValues(d, col, r0);
    const nulls = nullsOf(d);
    if (nulls) {
      for (let i = 0; i < d.length; i++) if (nullAt(nulls, d.offset, i)) col[r0 + i] = NaN;
    }
    for (let i = r0; i < r0 + d.length; i++) {
      const v = col[i];
      if (v === Infinity || v === -Infinity) {
        throw new InvalidArgumentError(
          `${fn}: column ${JSON.stringify(column)} (${typeName(d.type)}) holds ${v} at row ${i}; values must be finite (null or NaN marks a missing value).`,
          'table',
          { column, row: i, value: String(v) },
        );
      }
    }
    r0 += d.length;
  }
}
