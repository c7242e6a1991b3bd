/**
 * Argument checks shared by every domain. Each throws a typed error whose message names the
 * function, the argument, what was expected and what came.
 *
 * @module
 */
import { DimensionError, InsufficientDataError, InvalidArgumentError } from './errors.ts';
import { allFinite, Matrix, matrixData, toMatrix, type MatrixLike, type ToMatrixOptions } from './matrix.ts';
import { isTableLike, readTable } from './table.ts';
import { checkOptions } from './options.ts';
import { label, stringList } from './text.ts';

export { checkOptions };

function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null || v === undefined) return String(v);
  if (Array.isArray(v)) return `[array of ${v.length}]`;
  return typeof v;
}

/**
 * Check a finite number and return it.
 *
 * @throws {InvalidArgumentError} when `value` is not a finite number.
 * @example
 * ```ts
 * import { checkFinite } from 'quantivista/core';
 * console.log(checkFinite('f', 'x', 1.5)); // 1.5
 * try {
 *   checkFinite('f', 'x', NaN);
 * } catch (e) {
 *   console.log((e as Error).message); // f: `x` must be a finite number, got NaN.
 * }
 * ```
 */
export function checkFinite(fn: string, arg: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InvalidArgumentError(`${label(fn)}: \`${label(arg)}\` must be a finite number, got ${show(value)}.`, label(arg), show(value));
  }
  return value;
}

/**
 * Check an integer in [min, max] and return it.
 *
 * @throws {InvalidArgumentError} when `value` is not an integer in range.
 * @example
 * ```ts
 * import { checkInteger } from 'quantivista/core';
 * console.log(checkInteger('f', 'n', 3, 1)); // 3
 * try {
 *   checkInteger('f', 'n', 2.5, 1);
 * } catch (e) {
 *   console.log((e as Error).message); // f: `n` must be an integer ≥ 1, got 2.5.
 * }
 * ```
 */
export function checkInteger(fn: string, arg: string, value: unknown, min = -Infinity, max = Infinity): number {
  if (typeof min !== 'number' || typeof max !== 'number' || Number.isNaN(min) || Number.isNaN(max)) {
    throw new InvalidArgumentError(`checkInteger: the bounds of \`${label(arg)}\` must be numbers, got ${show(min)} and ${show(max)}.`, 'min', show(min));
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Infinity ? `≥ ${label(min)}` : `in [${label(min)}, ${label(max)}]`;
    throw new InvalidArgumentError(`${label(fn)}: \`${label(arg)}\` must be an integer ${range}, got ${show(value)}.`, label(arg), show(value));
  }
  return value;
}

/** Bounds of {@link checkRange}: `open` excludes the endpoint. */
export interface RangeSpec {
  min?: number;
  max?: number;
  minOpen?: boolean;
  maxOpen?: boolean;
}

/**
 * Check a finite number within a range and return it.
 *
 * @throws {InvalidArgumentError} when `value` is not finite or outside the range, or when `range` is
 * not an object with numeric (or absent) `min` and `max`.
 * @example
 * ```ts
 * import { checkRange } from 'quantivista/core';
 * console.log(checkRange('f', 'w', 0.5, { min: 0, max: 1 })); // 0.5
 * try {
 *   checkRange('f', 'w', 1.5, { min: 0, max: 1 });
 * } catch (e) {
 *   console.log((e as Error).message); // f: `w` must be in [0, 1], got 1.5.
 * }
 * ```
 */
export function checkRange(fn: string, arg: string, value: unknown, range: RangeSpec): number {
  const v = checkFinite(fn, arg, value);
  if (range === null || typeof range !== 'object') {
    throw new InvalidArgumentError(
      `${label(fn)}: the range of \`${label(arg)}\` must be an object { min?, max?, minOpen?, maxOpen? }, got ${show(range)}.`,
      'range',
      show(range),
    );
  }
  const { min = -Infinity, max = Infinity, minOpen = false, maxOpen = false } = range;
  if (typeof min !== 'number' || typeof max !== 'number' || Number.isNaN(min) || Number.isNaN(max)) {
    throw new InvalidArgumentError(
      `${label(fn)}: the range of \`${label(arg)}\` must have numeric \`min\` and \`max\`, got ${show(min)} and ${show(max)}.`,
      'range',
      show(min),
    );
  }
  const okLo = minOpen ? v > min : v >= min;
  const okHi = maxOpen ? v < max : v <= max;
  if (!okLo || !okHi) {
    const lo = min === -Infinity ? '(-∞' : `${minOpen ? '(' : '['}${min}`;
    const hi = max === Infinity ? '∞)' : `${max}${maxOpen ? ')' : ']'}`;
    throw new InvalidArgumentError(`${label(fn)}: \`${label(arg)}\` must be in ${lo}, ${hi}, got ${v}.`, label(arg), v);
  }
  return v;
}

/**
 * Check a VaR / ES confidence level and return it: a number in [0.5, 1). `confidence` is the
 * confidence level (0.95 for a 95 % VaR), never the tail probability 1 − confidence: a value
 * below 0.5 is refused as the common slip of writing the tail (`confidence: 0.05` for a 95 %
 * VaR), with the level it most likely means in the message. Functions whose level may
 * legitimately lie below 0.5 (a coverage probability, a quantile) check their own range.
 *
 * @throws {InvalidArgumentError} when `value` is not a number in (0, 1), or is below 0.5.
 * @example
 * ```ts
 * import { checkConfidence } from 'quantivista/core';
 * console.log(checkConfidence('valueAtRisk', 0.99)); // 0.99
 * try {
 *   checkConfidence('valueAtRisk', 1);
 * } catch (e) {
 *   console.log((e as Error).message); // valueAtRisk: `confidence` must be in (0, 1), got 1.
 * }
 * try {
 *   checkConfidence('valueAtRisk', 0.05);
 * } catch (e) {
 *   console.log((e as Error).message); // valueAtRisk: `confidence` is 0.05, but it is the confidence level (0.95 for a 95 % VaR), not the tail probability: did you mean 0.95?
 * }
 * ```
 */
export function checkConfidence(fn: string, value: unknown, arg = 'confidence'): number {
  const v = checkRange(fn, arg, value, { min: 0, max: 1, minOpen: true, maxOpen: true });
  if (v < 0.5) {
    const level = Number((1 - v).toPrecision(15));
    const percent = Number((level * 100).toPrecision(15));
    throw new InvalidArgumentError(
      `${label(fn)}: \`${label(arg)}\` is ${v}, but it is the confidence level (${level} for a ${percent} % VaR), not the tail probability: did you mean ${level}?`,
      label(arg),
      v,
    );
  }
  return v;
}

/**
 * Check that `value` is one of `choices` and return it.
 *
 * @throws {InvalidArgumentError} when it is not, or when `choices` is not an array of strings.
 * @example
 * ```ts
 * import { checkOneOf, QUANTILE_METHODS } from 'quantivista/core';
 * console.log(checkOneOf('quantile', 'method', 'lower', QUANTILE_METHODS)); // 'lower'
 * ```
 */
export function checkOneOf<T extends string>(fn: string, arg: string, value: unknown, choices: readonly T[]): T {
  const list = stringList(choices);
  if (list === undefined) {
    throw new InvalidArgumentError(
      `${label(fn)}: the choices of \`${label(arg)}\` must be an array of strings, got ${show(choices)}.`,
      'choices',
      show(choices),
    );
  }
  if (typeof value !== 'string' || !list.includes(value)) {
    throw new InvalidArgumentError(
      `${label(fn)}: \`${label(arg)}\` must be one of ${list.map((c) => `'${c}'`).join(', ')}, got ${show(value)}.`,
      label(arg),
      show(value),
    );
  }
  return value as T;
}

/**
 * Check that a matrix is square and return its order.
 *
 * @throws {InvalidArgumentError} when `m` is not a {@link Matrix}.
 * @throws {DimensionError} when it is not square.
 * @example
 * ```ts
 * import { checkSquare, Matrix } from 'quantivista/core';
 * console.log(checkSquare('f', 'm', Matrix.from([[1, 2], [3, 4]]))); // 2
 * ```
 */
export function checkSquare(fn: string, arg: string, m: Matrix): number {
  if (m === null || typeof m !== 'object' || typeof m.rows !== 'number' || typeof m.cols !== 'number') {
    throw new InvalidArgumentError(`${label(fn)}: \`${label(arg)}\` must be a Matrix, got ${show(m)}.`, label(arg), show(m));
  }
  if (m.rows !== m.cols) throw new DimensionError(`${label(fn)}: \`${label(arg)}\` must be square, got ${m.rows} x ${m.cols}.`);
  return m.rows;
}

/** Largest |x_k| (four running maxima; NaN entries are skipped, callers have rejected them). @internal */
export function maxAbs(d: ArrayLike<number>): number {
  let m0 = 0;
  let m1 = 0;
  let m2 = 0;
  let m3 = 0;
  const len = d.length;
  let k = 0;
  for (; k + 3 < len; k += 4) {
    const a = Math.abs(d[k]);
    const b = Math.abs(d[k + 1]);
    const c = Math.abs(d[k + 2]);
    const e = Math.abs(d[k + 3]);
    if (a > m0) m0 = a;
    if (b > m1) m1 = b;
    if (c > m2) m2 = c;
    if (e > m3) m3 = e;
  }
  for (; k < len; k++) {
    const a = Math.abs(d[k]);
    if (a > m0) m0 = a;
  }
  return Math.max(m0, m1, m2, m3);
}

/**
 * Convert and check a symmetric square matrix (e.g. a covariance). Symmetry is tested to a
 * relative tolerance `tol` of the largest absolute entry (default 1e-10).
 * @throws {DimensionError} when not square or empty. @throws {InvalidArgumentError} when not symmetric or not finite.
 * @example
 * ```ts
 * import { toSymmetricMatrix } from 'quantivista/core';
 * console.log(toSymmetricMatrix('f', 'cov', [[1, 0.5], [0.5, 1]]).rows); // 2
 * try {
 *   toSymmetricMatrix('f', 'cov', [[1, 0.5], [0.4, 1]]);
 * } catch (e) {
 *   console.log((e as Error).message); // f: `cov` must be symmetric, but entry (0, 1) = 0.5 and (1, 0) = 0.4.
 * }
 * ```
 */
export function toSymmetricMatrix(fn: string, arg: string, input: MatrixLike, tol = 1e-10): Matrix {
  const m = toMatrix(input, fn, arg);
  const n = checkSquare(fn, arg, m);
  if (n === 0) throw new DimensionError(`${fn}: \`${arg}\` must not be empty.`);
  const d = matrixData(m);
  // The largest entry of the whole matrix is at least su, so worst ≤ tol · su proves symmetry;
  // otherwise the exact scale is taken and, on a violation, the row-major scan below names the
  // first offending pair, as the message promises.
  const { su, worst } = symmetryScan(d, n);
  const scale = worst <= tol * su ? su : maxAbs(d);
  const limit = tol * (scale || 1);
  const asymmetric = worst > limit;
  for (let i = 0; asymmetric && i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const a = d[i * n + j];
      const b = d[j * n + i];
      if (Math.abs(a - b) > limit) {
        throw new InvalidArgumentError(`${fn}: \`${arg}\` must be symmetric, but entry (${i}, ${j}) = ${a} and (${j}, ${i}) = ${b}.`, arg, {
          i,
          j,
          upper: a,
          lower: b,
        });
      }
    }
  }
  return m;
}

/**
 * One pass over a flat n x n matrix in tiles of 32 x 32 (both the (i, j) and the (j, i) reads stay
 * in cache): the largest upper-triangle magnitude `su`, the largest asymmetry |a_ij − a_ji|
 * `worst`, and whether some a_ji² exceeds a_ii · a_jj · (1 + 1e-10) (`minor`: a 2 x 2 minor that
 * is negative beyond rounding). @internal
 */
export function symmetryScan(d: Float64Array, n: number): { su: number; worst: number; minor: boolean } {
  let su = 0;
  let worst = 0;
  let minor = false;
  for (let i0 = 0; i0 < n; i0 += 32) {
    const i1 = Math.min(n, i0 + 32);
    for (let j0 = i0; j0 < n; j0 += 32) {
      const j1 = Math.min(n, j0 + 32);
      for (let i = i0; i < i1; i++) {
        const row = i * n;
        const sii = d[row + i];
        for (let j = j0 > i ? j0 : i, col = j * n + i; j < j1; j++, col += n) {
          const u = d[row + j];
          const l = d[col];
          const au = Math.abs(u);
          const diff = Math.abs(u - l);
          if (au > su) su = au;
          if (diff > worst) worst = diff;
          if (l * l > sii * d[j * n + j] * (1 + 1e-10)) minor = true;
        }
      }
    }
  }
  return { su, worst, minor };
}

/** Options for {@link toReturnsMatrix}. */
export interface ReturnsMatrixOptions {
  /** Minimum number of rows (periods). Default 1. */
  minRows?: number;
  /** What to do with rows holding NaN / null: `'error'` (default) or `'drop'` them. */
  missing?: 'error' | 'drop';
  /**
   * What the argument holds. `'returns'` (default) refuses a `PriceTable` and, unless
   * `assumeReturns`, a matrix that looks like prices (every column positive with a median above 1); `'prices'`
   * refuses a `ReturnTable`.
   */
  expect?: 'returns' | 'prices';
  /** Skip the prices-where-returns-belong screen (the caller knows the data are returns). */
  assumeReturns?: boolean;
}

/**
 * Whether a T x n matrix looks like prices rather than returns: at least two rows, and every
 * column's present values positive with a median above 1 (a return of more than 100 % in the
 * median period). Returns of any real asset fail this; price levels almost always pass.
 * @internal
 */
export function looksLikePrices(d: Float64Array, T: number, n: number): boolean {
  if (T < 2 || n === 0) return false;
  const col: number[] = [];
  for (let j = 0; j < n; j++) {
    col.length = 0;
    for (let t = 0; t < T; t++) {
      const v = d[t * n + j];
      if (Number.isNaN(v)) continue;
      if (!(v > 0)) return false;
      col.push(v);
    }
    if (col.length < 2) return false;
    col.sort((a, b) => a - b);
    const h = col.length >> 1;
    const median = col.length % 2 === 1 ? col[h] : (col[h - 1] + col[h]) / 2;
    if (!(median > 1)) return false;
  }
  return true;
}

/**
 * Convert a T x n returns (or prices) matrix: rectangular, at least one column, at least
 * `minRows` rows, finite entries. Rows with NaN / `null` raise an error naming the first one,
 * unless `missing: 'drop'`, which removes them (the count of rows dropped is the difference in
 * `rows`).
 *
 * @throws {InsufficientDataError} when fewer than `minRows` rows remain.
 * @throws {InvalidArgumentError} on missing or non-finite values, or when `opts` is not an object. @throws {DimensionError} on ragged rows or no columns.
 * @example
 * ```ts
 * import { toReturnsMatrix } from 'quantivista/core';
 * const r = toReturnsMatrix('f', 'returns', [[0.01, 0.02], [NaN, 0.01], [0.03, -0.01]], { missing: 'drop' });
 * console.log(r.rows, r.cols); // 2 2
 * ```
 */
export function toReturnsMatrix(fn: string, arg: string, input: MatrixLike, opts: ReturnsMatrixOptions = {}): Matrix {
  fn = label(fn);
  arg = label(arg);
  if (opts === null || typeof opts !== 'object') {
    throw new InvalidArgumentError(`${fn}: the reader options for \`${arg}\` must be an object, got ${show(opts)}.`, 'options', show(opts));
  }
  const { minRows = 1, missing = 'error', expect = 'returns' } = opts;
  if (opts.assumeReturns !== undefined && typeof opts.assumeReturns !== 'boolean') {
    throw new InvalidArgumentError(
      `${fn}: \`assumeReturns\` must be true or false, got ${show(opts.assumeReturns)}.`,
      'assumeReturns',
      show(opts.assumeReturns),
    );
  }
  const table = isTableLike(input) ? readTable(fn, arg, input, expect) : undefined;
  const tmOpts: ToMatrixOptions = { allowNaN: true };
  const m = table ? table.values : toMatrix(input, fn, arg, tmOpts);
  if (m.rows > 0 && m.cols === 0) throw new DimensionError(`${fn}: \`${arg}\` has no columns.`);
  const d = matrixData(m);
  const c = m.cols;
  if (expect === 'returns' && opts.assumeReturns !== true && table?.kind !== 'returns' && looksLikePrices(d, m.rows, c)) {
    throw new InvalidArgumentError(
      `${fn}: \`${arg}\` looks like prices, not returns (every column is positive with a median above 1): did you pass prices? use returnsTable(...) from quantivista/data or simpleReturns(...) from quantivista/returns; pass \`assumeReturns: true\` if these really are returns.`,
      arg,
      'prices?',
    );
  }
  let bad = -1;
  let badCount = 0;
  // fast screen (x − x sums, see allFinite): the row-by-row scan runs only when a NaN (or,
  // for a Matrix input, an infinity) is present
  const anyNaN = !allFinite(d);
  for (let i = 0; anyNaN && i < m.rows; i++) {
    for (let j = 0; j < c; j++) {
      if (Number.isNaN(d[i * c + j])) {
        if (bad < 0) bad = i;
        badCount++;
        break;
      }
    }
  }
  let out = m;
  if (bad >= 0) {
    if (missing !== 'drop') {
      const j = Array.from(d.subarray(bad * c, bad * c + c)).findIndex((v) => Number.isNaN(v));
      const where = table ? `${table.assets[j]} on ${table.dates[bad]} (row ${bad})` : `row ${bad}, column ${j}`;
      throw new InvalidArgumentError(
        `${fn}: \`${arg}\` has a missing value (NaN or null) at ${where}` +
          (badCount > 1 ? ` (and ${badCount - 1} more incomplete rows)` : '') +
          "; clean the data first (functions that take a `missing` option can drop incomplete rows with `missing: 'drop'`).",
        arg,
        table ? { row: bad, column: j, date: table.dates[bad], asset: table.assets[j] } : { row: bad, column: j },
      );
    }
    const keep: number[] = [];
    for (let i = 0; i < m.rows; i++) {
      let ok = true;
      for (let j = 0; j < c; j++)
        if (Number.isNaN(d[i * c + j])) {
          ok = false;
          break;
        }
      if (ok) keep.push(i);
    }
    const nd = new Float64Array(keep.length * c);
    keep.forEach((i, r) => nd.set(d.subarray(i * c, i * c + c), r * c));
    out = new Matrix(keep.length, c, nd);
  }
  if (out.rows < minRows) {
    throw new InsufficientDataError(
      `${fn}: \`${arg}\` needs at least ${minRows} rows (periods), got ${out.rows}${bad >= 0 ? ' after dropping incomplete rows' : ''}.`,
      minRows,
      out.rows,
    );
  }
  return out;
}

/**
 * Check that two lengths agree.
 *
 * @throws {DimensionError} when they differ.
 * @example
 * ```ts
 * import { checkLength } from 'quantivista/core';
 * try {
 *   checkLength('f', 'weights', 2, 3);
 * } catch (e) {
 *   console.log((e as Error).message); // f: `weights` must have 3 entries, got 2.
 * }
 * ```
 */
export function checkLength(fn: string, arg: string, actual: number, expected: number, what = 'entries'): void {
  if (actual !== expected) {
    throw new DimensionError(`${label(fn)}: \`${label(arg)}\` must have ${label(expected)} ${label(what)}, got ${label(actual)}.`);
  }
}
