/**
 * The library's immutable matrix type and the conversions every function applies on entry.
 *
 * @module
 */
import { DimensionError, InvalidArgumentError } from './errors.ts';

/** A duck-typed ml-matrix (or any object that can give its rows as arrays). */
export interface MatrixConvertible {
  to2DArray(): number[][];
}

/**
 * Anything a function accepts as a matrix: `number[][]`, an array of typed-array rows, a
 * {@link Matrix} (or its structured clone `{ rows, cols, data }`), an ml-matrix `Matrix`, or a
 * labelled table `{ dates, assets, values }` (a `PriceTable` / `ReturnTable`), whose `values` are
 * then read. A `null` (or NaN) entry marks a missing value: functions without a missing-data
 * policy refuse it with an error naming its position (and, for a table, its asset and date).
 */
export type MatrixLike = Matrix | ArrayLike<ArrayLike<number | null>> | MatrixConvertible | ClonedMatrix | TableShape;

/**
 * The shape of a labelled table as a matrix argument: `{ kind?, dates, assets, values }`, with
 * `null` or NaN for a missing value (functions that refuse missing data say so by name and date).
 */
export interface TableShape {
  readonly kind?: string;
  readonly dates: readonly string[];
  readonly assets: readonly string[];
  readonly values: Matrix | ClonedMatrix | ArrayLike<ArrayLike<number | null>>;
}

/** Anything a function accepts as a vector: `number[]`, a typed array, or any `ArrayLike<number>`. */
export type VectorLike = ArrayLike<number>;

/**
 * An immutable dense matrix with row-major `Float64Array` storage.
 *
 * `rows` and `cols` give its shape, `get(i, j)` one entry, `row(i)` / `column(j)` copies of a
 * row or column, `toArray()` (and `toJSON()`, so `JSON.stringify` works) a fresh `number[][]`.
 *
 * The row-major storage is the own, enumerable, non-writable field `data`, so that a matrix sent
 * through `structuredClone`, `postMessage` or a worker's `workerData` arrives with its numbers:
 * the clone is a plain `{ rows, cols, data }` object, which every function of the library accepts
 * wherever it accepts a matrix (and `Matrix.from(clone)` turns back into a `Matrix`). Treat
 * `data` as read-only: the library never writes to a matrix once built, and neither should
 * callers (a typed array cannot be frozen); `toFloat64Array()` gives a copy to work on.
 *
 * @example
 * ```ts
 * import { Matrix } from 'quantivista/core';
 * const m = Matrix.from([[1, 2], [3, 4]]);
 * console.log(m.rows, m.cols, m.get(1, 0)); // 2 2 3
 * console.log(JSON.stringify(m)); // [[1,2],[3,4]]
 * ```
 */
export class Matrix {
  /** Number of rows. */
  readonly rows: number;
  /** Number of columns. */
  readonly cols: number;
  /** Row-major storage (length `rows * cols`). Read-only by contract: never write to it. */
  readonly data: Float64Array;

  /**
   * Build a matrix from its shape and row-major values (copied).
   * @throws {DimensionError} when `values.length !== rows * cols` or a dimension is not a non-negative integer.
   */
  constructor(rows: number, cols: number, values: ArrayLike<number>) {
    if (!Number.isInteger(rows) || rows < 0 || !Number.isInteger(cols) || cols < 0) {
      throw new DimensionError(`Matrix: shape must be two non-negative integers, got ${rows} x ${cols}.`);
    }
    if (values === null || typeof values !== 'object' || typeof (values as { length?: unknown }).length !== 'number') {
      throw new InvalidArgumentError(`Matrix: \`values\` must be an array of numbers, got ${describe(values)}.`, 'values', describe(values));
    }
    if (values.length !== rows * cols) {
      throw new DimensionError(`Matrix: ${rows} x ${cols} needs ${rows * cols} values, got ${values.length}.`);
    }
    for (let k = 0; k < values.length; k++) {
      const v = values[k] as unknown;
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new InvalidArgumentError(
          `Matrix: entry ${k} is ${describe(v)}; a Matrix holds finite numbers (missing values belong in a table: priceTable / returnTable).`,
          'values',
          describe(v),
        );
      }
    }
    this.rows = rows;
    this.cols = cols;
    this.data = Float64Array.from(values);
    Object.defineProperty(this, 'data', { writable: false });
  }

  /**
   * Convert any {@link MatrixLike} (validated: rectangular, finite) into a `Matrix`.
   * A `Matrix` is returned as is (it is immutable).
   * @throws {DimensionError} on ragged rows. @throws {InvalidArgumentError} on NaN or ±Infinity.
   */
  static from(input: MatrixLike): Matrix {
    if (isClonedMatrix(input) && !(input instanceof Matrix)) return toMatrix(input, 'Matrix.from', 'input', { allowNaN: true });
    return toMatrix(input, 'Matrix.from', 'input');
  }

  /** The identity matrix of order `n`. @throws {DimensionError} when `n` is not an integer in [0, 46340]. */
  static identity(n: number): Matrix {
    if (!Number.isInteger(n) || n < 0 || n > 46340) {
      throw new DimensionError(`Matrix.identity: the order must be an integer in [0, 46340] (n² entries must fit in memory), got ${describe(n)}.`);
    }
    const d = new Float64Array(n * n);
    for (let i = 0; i < n; i++) d[i * n + i] = 1;
    return wrapMatrix(n, n, d);
  }

  /** Entry (i, j), 0-based. @throws {DimensionError} when out of range. */
  get(i: number, j: number): number {
    if (!(i >= 0 && i < this.rows && j >= 0 && j < this.cols) || !Number.isInteger(i) || !Number.isInteger(j)) {
      throw new DimensionError(`Matrix.get: index (${i}, ${j}) is outside ${this.rows} x ${this.cols}.`);
    }
    return this.data[i * this.cols + j];
  }

  /** A copy of row `i` as `number[]`. */
  row(i: number): number[] {
    if (!Number.isInteger(i) || i < 0 || i >= this.rows) {
      throw new DimensionError(`Matrix.row: row ${i} is outside 0..${this.rows - 1}.`);
    }
    const d = this.data;
    return Array.from(d.subarray(i * this.cols, (i + 1) * this.cols));
  }

  /** A copy of column `j` as `number[]`. */
  column(j: number): number[] {
    if (!Number.isInteger(j) || j < 0 || j >= this.cols) {
      throw new DimensionError(`Matrix.column: column ${j} is outside 0..${this.cols - 1}.`);
    }
    const d = this.data;
    const out = new Array<number>(this.rows);
    for (let i = 0; i < this.rows; i++) out[i] = d[i * this.cols + j];
    return out;
  }

  /** The diagonal as `number[]`. */
  diagonal(): number[] {
    const d = this.data;
    const k = Math.min(this.rows, this.cols);
    const out = new Array<number>(k);
    for (let i = 0; i < k; i++) out[i] = d[i * this.cols + i];
    return out;
  }

  /** The transpose, as a new matrix. */
  transpose(): Matrix {
    const d = this.data;
    const r = this.rows;
    const c = this.cols;
    const out = new Float64Array(r * c);
    for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * r + i] = d[i * c + j];
    return wrapMatrix(c, r, out);
  }

  /** A fresh copy of the row-major values. */
  toFloat64Array(): Float64Array {
    return this.data.slice();
  }

  /** A fresh `number[][]`. */
  toArray(): number[][] {
    const d = this.data;
    const out: number[][] = new Array(this.rows);
    for (let i = 0; i < this.rows; i++) out[i] = Array.from(d.subarray(i * this.cols, (i + 1) * this.cols));
    return out;
  }

  /** Same as {@link Matrix.toArray}; makes `JSON.stringify(matrix)` give `number[][]`. */
  toJSON(): number[][] {
    return this.toArray();
  }

  /** Same as {@link Matrix.toArray}; lets ml-matrix and other duck-typed consumers read a `Matrix`. */
  to2DArray(): number[][] {
    return this.toArray();
  }
}

/**
 * Internal: wrap a row-major buffer without copying. The caller gives up the buffer.
 * @internal
 */
export function wrapMatrix(rows: number, cols: number, data: Float64Array): Matrix {
  const m = Object.create(Matrix.prototype) as { rows: number; cols: number };
  Object.defineProperty(m, 'rows', { value: rows, enumerable: true });
  Object.defineProperty(m, 'cols', { value: cols, enumerable: true });
  Object.defineProperty(m, 'data', { value: data, enumerable: true });
  return m as Matrix;
}

/**
 * Internal: the storage of a `Matrix`, for kernels. Never write to it.
 * @internal
 */
export function matrixData(m: Matrix): Float64Array {
  return m.data;
}

/**
 * Whether every entry is finite: x − x is 0 for finite x and NaN for NaN and ±Infinity, so four
 * running sums of it stay 0 exactly when all entries are finite (four sums: no single long
 * dependency chain).
 * @internal
 */
export function allFinite(d: Float64Array): boolean {
  let z0 = 0;
  let z1 = 0;
  let z2 = 0;
  let z3 = 0;
  const len = d.length;
  let k = 0;
  for (; k + 3 < len; k += 4) {
    const a = d[k];
    const b = d[k + 1];
    const c = d[k + 2];
    const e = d[k + 3];
    z0 += a - a;
    z1 += b - b;
    z2 += c - c;
    z3 += e - e;
  }
  for (; k < len; k++) z0 += d[k] - d[k];
  return z0 + z1 + z2 + z3 === 0;
}

/**
 * A matrix after `structuredClone` / `postMessage`: the plain `{ rows, cols, data }` object a
 * {@link Matrix} becomes when its prototype is lost. Accepted wherever a matrix is.
 */
export interface ClonedMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: ArrayLike<number>;
}

/** Whether `x` is a cloned matrix `{ rows, cols, data }` with consistent sizes. @internal */
export function isClonedMatrix(x: unknown): x is ClonedMatrix {
  if (x === null || typeof x !== 'object' || x instanceof Matrix || 'length' in x) return false;
  const o = x as { rows?: unknown; cols?: unknown; data?: unknown };
  if (!Number.isInteger(o.rows) || !Number.isInteger(o.cols) || (o.rows as number) < 0 || (o.cols as number) < 0) return false;
  const d = o.data as { length?: unknown } | null | undefined;
  return d !== null && typeof d === 'object' && d.length === (o.rows as number) * (o.cols as number);
}

/** Whether `x` has the shape of a labelled table `{ dates, assets, values }`. @internal */
export function isTableShape(x: unknown): x is TableShape {
  if (x === null || typeof x !== 'object' || x instanceof Matrix || 'length' in x) return false;
  const o = x as { dates?: unknown; assets?: unknown; values?: unknown };
  return Array.isArray(o.dates) && Array.isArray(o.assets) && o.values !== null && typeof o.values === 'object';
}

/** Options of {@link toMatrix}. */
export interface ToMatrixOptions {
  /** Accept NaN entries (missing values) instead of throwing; ±Infinity is still refused. Default false. */
  allowNaN?: boolean;
}

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (typeof x === 'number' || typeof x === 'boolean' || x === undefined) return String(x);
  if (typeof x === 'string') return JSON.stringify(x.length > 40 ? x.slice(0, 40) + '…' : x);
  if (Array.isArray(x)) return `an array of length ${x.length}`;
  return typeof x;
}

/**
 * Convert a {@link MatrixLike} to a {@link Matrix}, validating it on the way: rows must be
 * array-like and of equal length, and every entry a finite number (or NaN / `null` when
 * `allowNaN` is set; `null` becomes NaN). The input is never modified.
 *
 * @param input the matrix to convert.
 * @param fn name of the calling function, used in error messages.
 * @param arg name of the argument, used in error messages.
 * @throws {InvalidArgumentError} when the input is not matrix-like or holds a non-finite entry.
 * @throws {DimensionError} on ragged rows.
 * @example
 * ```ts
 * import { toMatrix } from 'quantivista/core';
 * const m = toMatrix([new Float64Array([1, 2]), [3, 4]]);
 * console.log(m.toArray()); // [[1, 2], [3, 4]]
 * ```
 */
export function toMatrix(input: MatrixLike, fn = 'toMatrix', arg = 'matrix', options: ToMatrixOptions = {}): Matrix {
  const allowNaN = options.allowNaN === true;
  if (input instanceof Matrix) {
    const raw: unknown = (input as { data?: unknown }).data;
    const { rows, cols } = input as { rows: unknown; cols: unknown };
    if (
      !(raw instanceof Float64Array) ||
      !Number.isInteger(rows) ||
      !Number.isInteger(cols) ||
      (rows as number) < 0 ||
      raw.length !== (rows as number) * (cols as number)
    ) {
      // an object with Matrix's prototype whose fields were replaced or removed
      throw new InvalidArgumentError(
        `${fn}: \`${arg}\` is a damaged Matrix (its rows, cols and data disagree); build it again with Matrix.from.`,
        arg,
        'Matrix',
      );
    }
    if (!allFinite(matrixData(input))) {
      const d = matrixData(input);
      for (let k = 0; k < d.length; k++) {
        // under allowNaN a NaN is a missing value; ±Infinity is refused either way
        if (!Number.isFinite(d[k]) && !(allowNaN && Number.isNaN(d[k]))) {
          throw new InvalidArgumentError(
            `${fn}: \`${arg}\` must hold finite numbers, but entry (${Math.floor(k / input.cols)}, ${k % input.cols}) is ${d[k]}.`,
            arg,
            d[k],
          );
        }
      }
    }
    return input;
  }
  if (isTableShape(input)) return toMatrix(input.values as MatrixLike, fn, arg, options);
  if (isClonedMatrix(input)) {
    const src = input.data as ArrayLike<unknown>;
    if (!ArrayBuffer.isView(src)) {
      for (let k = 0; k < src.length; k++) {
        const v = src[k];
        if (typeof v !== 'number' && v !== null) {
          const shown = typeof v === 'string' ? JSON.stringify(v) : typeof v;
          throw new InvalidArgumentError(`${fn}: \`${arg}\` data entry ${k} must be a number, got ${shown}.`, arg, shown);
        }
      }
    }
    // a JSON round trip writes a missing value (NaN) as null: read it back as NaN, not 0
    const data = ArrayBuffer.isView(src)
      ? Float64Array.from(src as ArrayLike<number>)
      : Float64Array.from(src, (v) => (v === null ? Number.NaN : (v as number)));
    const m = wrapMatrix(input.rows, input.cols, data);
    return toMatrix(m, fn, arg, options);
  }
  let rowsIn: ArrayLike<ArrayLike<number>>;
  if (input !== null && typeof input === 'object' && typeof (input as MatrixConvertible).to2DArray === 'function' && !('length' in input)) {
    rowsIn = (input as MatrixConvertible).to2DArray();
  } else if (input !== null && typeof input === 'object' && typeof (input as ArrayLike<unknown>).length === 'number') {
    rowsIn = input as ArrayLike<ArrayLike<number>>;
  } else {
    throw new InvalidArgumentError(
      `${fn}: \`${arg}\` must be a matrix (number[][], typed-array rows, Matrix or ml-matrix), got ${describe(input)}.`,
      arg,
      describe(input),
    );
  }
  const r = rowsIn.length;
  if (r === 0) return wrapMatrix(0, 0, new Float64Array(0));
  const first = rowsIn[0];
  if (first === null || typeof first !== 'object' || typeof first.length !== 'number') {
    throw new InvalidArgumentError(`${fn}: \`${arg}\` must be an array of rows; row 0 is ${describe(first)}.`, arg, describe(first));
  }
  const c = first.length;
  const data = new Float64Array(r * c);
  for (let i = 0; i < r; i++) {
    const row = rowsIn[i];
    if (row === null || typeof row !== 'object' || typeof (row as ArrayLike<number>).length !== 'number') {
      throw new InvalidArgumentError(`${fn}: \`${arg}\` row ${i} is ${describe(row)}, not an array.`, arg, describe(row));
    }
    if (row.length !== c) {
      throw new DimensionError(`${fn}: \`${arg}\` has ragged rows: row 0 has ${c} entries but row ${i} has ${row.length}.`);
    }
    const off = i * c;
    // Fast path: plain finite numbers (x − x stays 0 only for finite x). Anything else (a
    // non-number, NaN, ±Infinity) sends the row through the checking loop below, which throws
    // with the entry's position or, under allowNaN, stores NaN for a missing value.
    let z = 0;
    let plain = true;
    for (let j = 0; j < c; j++) {
      const v = row[j];
      if (typeof v !== 'number') {
        plain = false;
        break;
      }
      data[off + j] = v;
      z += v - v;
    }
    if (plain && z === 0) continue;
    for (let j = 0; j < c; j++) {
      const v = row[j] as unknown;
      if (typeof v === 'number' && Number.isFinite(v)) {
        data[off + j] = v;
      } else if (allowNaN && (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v)))) {
        data[off + j] = Number.NaN;
      } else {
        throw new InvalidArgumentError(`${fn}: \`${arg}\` must hold finite numbers, but entry (${i}, ${j}) is ${describe(v)}.`, arg, describe(v));
      }
    }
  }
  return wrapMatrix(r, c, data);
}

/**
 * Convert a {@link VectorLike} to a fresh `Float64Array`, checking that every entry is a finite
 * number. The input is never modified.
 *
 * @throws {InvalidArgumentError} when the input is not array-like or holds a non-finite entry.
 * @example
 * ```ts
 * import { toVector } from 'quantivista/core';
 * console.log(Array.from(toVector([1, 2, 3]))); // [1, 2, 3]
 * ```
 */
export function toVector(input: VectorLike, fn = 'toVector', arg = 'vector'): Float64Array {
  if (input === null || typeof input !== 'object' || typeof (input as ArrayLike<number>).length !== 'number') {
    throw new InvalidArgumentError(`${fn}: \`${arg}\` must be an array of numbers, got ${describe(input)}.`, arg, describe(input));
  }
  const n = input.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = input[i] as unknown;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new InvalidArgumentError(`${fn}: \`${arg}\` must hold finite numbers, but entry ${i} is ${describe(v)}.`, arg, describe(v));
    }
    out[i] = v;
  }
  return out;
}
