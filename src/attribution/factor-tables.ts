/**
 * Internal: the table path of `factorAttribution`: reading a one-column fund table and a factor
 * table (or either as an array), aligning them on their dates (inner join; by position when only
 * one side is a table), and handling missing values (an error naming the asset and date, or the
 * period dropped).
 *
 * @module
 * @internal
 */
import { DimensionError, InvalidArgumentError } from '../core/errors.ts';
import { toMatrix, toVector, wrapMatrix, type Matrix, type MatrixLike } from '../core/matrix.ts';
import { isTableLike, readTable } from '../core/table.ts';
import { toReturnsMatrix } from '../core/validate.ts';

/** The aligned regression data. @internal */
export interface AlignedFactorData {
  y: Float64Array;
  F: Matrix;
  /** Dates of the periods used, when either input was a table. */
  dates: string[] | undefined;
  /** The factor table's tickers, when the factors were a table. */
  factorNames: string[] | undefined;
}

interface Side {
  data: Float64Array;
  rows: number;
  cols: number;
  dates: readonly string[] | undefined;
  assets: readonly string[] | undefined;
  arg: string;
}

function fundSide(fn: string, input: unknown, drop: boolean): Side {
  const arg = 'returns';
  if (isTableLike(input)) {
    const t = readTable(fn, arg, input, 'returns');
    if (t.assets.length !== 1) {
      throw new InvalidArgumentError(
        `${fn}: \`returns\` must be a one-column table (one fund), got ${t.assets.length} columns; attribute each fund on its own (selectAssets from quantivista/data picks one).`,
        arg,
        `${t.assets.length} columns`,
      );
    }
    return { data: t.values.data, rows: t.values.rows, cols: 1, dates: t.dates, assets: t.assets, arg };
  }
  let v: Float64Array;
  if (drop && input !== null && typeof input === 'object' && typeof (input as ArrayLike<unknown>).length === 'number') {
    const a = input as ArrayLike<unknown>;
    v = new Float64Array(a.length);
    for (let i = 0; i < a.length; i++) {
      const x = a[i];
      if (x === null || (typeof x === 'number' && Number.isNaN(x))) v[i] = NaN;
      else if (typeof x === 'number' && Number.isFinite(x)) v[i] = x;
      else
        throw new InvalidArgumentError(
          `${fn}: \`returns\` must hold finite numbers (or NaN / null for a missing value), but entry ${i} is ${String(x)}.`,
          arg,
          String(x),
        );
    }
  } else v = toVector(input as ArrayLike<number>, fn, arg);
  return { data: v, rows: v.length, cols: 1, dates: undefined, assets: undefined, arg };
}

function factorSide(fn: string, input: unknown, screen: { assumeReturns?: boolean }): Side {
  const arg = 'factorReturns';
  if (isTableLike(input)) {
    const t = readTable(fn, arg, input, 'returns');
    if (t.assets.length === 0) throw new DimensionError(`${fn}: the \`factorReturns\` table has no factors (columns).`);
    return { data: t.values.data, rows: t.values.rows, cols: t.assets.length, dates: t.dates, assets: t.assets, arg };
  }
  // the matrix checks (shape, finiteness, the prices screen) without dropping rows, then the values with their gaps
  toReturnsMatrix(fn, arg, input as MatrixLike, { minRows: 0, missing: 'drop', ...screen });
  const m = toMatrix(input as MatrixLike, fn, arg, { allowNaN: true });
  return { data: m.data, rows: m.rows, cols: m.cols, dates: undefined, assets: undefined, arg };
}

/** Align the fund and the factors (see the module header). @internal */
export function alignFactorTables(
  fn: string,
  returns: unknown,
  factorReturns: unknown,
  missing: 'error' | 'drop',
  screen: { assumeReturns?: boolean },
): AlignedFactorData {
  const drop = missing === 'drop';
  const Y = fundSide(fn, returns, drop);
  const X = factorSide(fn, factorReturns, screen);
  let iy: number[];
  let ix: number[];
  if (Y.dates && X.dates) {
    iy = [];
    ix = [];
    for (let i = 0, j = 0; i < Y.dates.length && j < X.dates.length; ) {
      const a = Y.dates[i] as string;
      const b = X.dates[j] as string;
      if (a === b) {
        iy.push(i++);
        ix.push(j++);
      } else if (a < b) i++;
      else j++;
    }
    if (iy.length === 0) {
      const span = (d: readonly string[]): string => (d.length === 0 ? 'no dates' : `${d[0]} … ${d[d.length - 1]}`);
      throw new InvalidArgumentError(
        `${fn}: \`factorReturns\` has no date in common with \`returns\` (returns: ${span(Y.dates)}; factorReturns: ${span(X.dates)}); the two are aligned by date (inner join).`,
        'factorReturns',
        'no common dates',
      );
    }
  } else {
    if (X.rows !== Y.rows) throw new DimensionError(`${fn}: \`factorReturns\` must have ${Y.rows} rows (one per period of \`returns\`), got ${X.rows}.`);
    iy = Array.from({ length: Y.rows }, (_, i) => i);
    ix = iy;
  }
  const K = X.cols;
  const keep: number[] = [];
  const missingAt = (side: Side, row: number, col: number): InvalidArgumentError =>
    new InvalidArgumentError(
      `${fn}: \`${side.arg}\` has a missing value (NaN or null) at ${side.assets ? `${side.assets[col]} on ${side.dates![row]} (row ${row})` : `row ${row}${side.cols > 1 ? `, column ${col}` : ''}`}; fill it, or pass \`missing: 'drop'\` to leave that period out.`,
      side.arg,
      side.assets ? { row, date: side.dates![row], asset: side.assets[col] } : { row, column: col },
    );
  for (let t = 0; t < iy.length; t++) {
    const ry = iy[t];
    const rx = ix[t];
    let ok = !Number.isNaN(Y.data[ry]);
    if (!ok && !drop) throw missingAt(Y, ry, 0);
    for (let k = 0; k < K && (ok || !drop); k++) {
      if (Number.isNaN(X.data[rx * K + k])) {
        if (!drop) throw missingAt(X, rx, k);
        ok = false;
      }
    }
    if (ok) keep.push(t);
  }
  const y = Float64Array.from(keep, (t) => Y.data[iy[t]]);
  const f = new Float64Array(keep.length * K);
  keep.forEach((t, r) => f.set(X.data.subarray(ix[t] * K, ix[t] * K + K), r * K));
  const allDates = Y.dates ? iy.map((i) => Y.dates![i] as string) : X.dates ? ix.map((i) => X.dates![i] as string) : undefined;
  return {
    y,
    F: wrapMatrix(keep.length, K, f),
    dates: allDates ? keep.map((t) => allDates[t] as string) : undefined,
    factorNames: X.assets ? X.assets.slice() : undefined,
  };
}
