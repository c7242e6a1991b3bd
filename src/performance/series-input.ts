/**
 * Internal: how the performance metrics read their return series, from a vector (as they always
 * have) or from a `ReturnTable` (one series per column, labelled and dated), with the benchmark
 * aligned by date and the table conventions of docs/conventions.md:
 *
 * - a one-column table gives the metric's plain result; a table of several columns gives a
 *   `Record<string, result>` keyed by ticker (built with `Object.fromEntries`);
 * - each column's LEADING missing values (a late listing; with a benchmark, leading rows where
 *   either is missing) are skipped: a column's history starts at its first present value;
 * - any later missing value (NaN / `null`) throws, naming the asset and the date, unless
 *   `missing: 'drop'`, which leaves those periods out (per column);
 * - a benchmark given as a table is one column, aligned on the returns' dates by an inner join
 *   (dates in only one of the two are left out; no date in common throws); a benchmark given as a
 *   vector (or returns given as a vector with a table benchmark) is aligned by position.
 *
 * A vector input without `missing: 'drop'` and without a table benchmark goes through exactly the
 * conversion the metrics always used (`toReturns` / `toBenchmark`), so its results and errors are
 * unchanged.
 *
 * @module
 * @internal
 */
import { joinDates } from '../core/date-join.ts';
import { DimensionError, InsufficientDataError, InvalidArgumentError } from '../core/errors.ts';
import { toVector, type VectorLike } from '../core/matrix.ts';
import { isTableLike, readTable, type ReturnTable, type TableLike } from '../core/table.ts';
import { checkOneOf } from '../core/validate.ts';
import { toBenchmark, toReturns } from './internal.ts';

/** A return series: a vector (`number[]`, typed array) or a `ReturnTable` (one series per column). */
export type ReturnsInput = VectorLike | ReturnTable | TableLike;

/** The `missing` option shared by every performance metric that reads a return series. */
export interface MissingReturnsOption {
  /**
   * Missing values (NaN / `null`; in practice from a table). Each column's leading blanks (a late
   * listing) are always skipped. Any other missing value: `'error'` (default) throws an error
   * naming the asset and the date; `'drop'` leaves those periods out of that column's series
   * (and, with a benchmark, the benchmark's value for the same date).
   */
  missing?: 'error' | 'drop';
}

/** One series to compute a metric on. @internal */
export interface SeriesItem {
  /** Function name for messages: `fn` for a vector, `fn (TICKER)` for a table column. */
  fn: string;
  /** The column's ticker (undefined for a vector). */
  asset: string | undefined;
  /** The returns used, in order. */
  r: Float64Array;
  /** The benchmark returns of the same periods, when a benchmark was given. */
  b: Float64Array | undefined;
  /** Date of each entry of `r` (tables only). */
  dates: string[] | undefined;
  /**
   * Tables only: the date of the row before the first period used (the start of the first
   * period, where the wealth index is 1), or `null` when the series starts at the first row.
   */
  startDate: string | null;
}

/** The series read from one call. @internal */
export interface SeriesRead {
  /** Whether `returns` was a table. */
  table: boolean;
  /** Whether the result is keyed by ticker (a table of several columns). */
  keyed: boolean;
  items: SeriesItem[];
}

/** Options of {@link readSeries}. @internal */
export interface ReadSeriesOptions {
  /** Minimum number of periods per series. */
  min: number;
  /** The benchmark, when the metric takes one (`input` undefined and required: the usual error). */
  benchmark?: { input: unknown; arg?: string };
  /** The caller's `missing` option (validated here). */
  missing: unknown;
}

function show(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

/** A vector allowing NaN / `null` (as NaN) when `allowMissing`, otherwise `toVector`'s strict check. */
function vectorWithGaps(fn: string, arg: string, input: unknown, allowMissing: boolean): Float64Array {
  if (!allowMissing || input === null || typeof input !== 'object' || typeof (input as ArrayLike<unknown>).length !== 'number') {
    return toVector(input as VectorLike, fn, arg);
  }
  const a = input as ArrayLike<unknown>;
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (v === null || (typeof v === 'number' && Number.isNaN(v))) out[i] = NaN;
    else if (typeof v === 'number' && Number.isFinite(v)) out[i] = v;
    else
      throw new InvalidArgumentError(
        `${fn}: \`${arg}\` must hold finite numbers (or NaN / null for a missing value), but entry ${i} is ${show(v)}.`,
        arg,
        show(v),
      );
  }
  return out;
}

interface Side {
  /** Row-major values and the column count. */
  data: Float64Array;
  cols: number;
  rows: number;
  dates: readonly string[] | undefined;
  assets: readonly string[] | undefined;
  arg: string;
}

function readSide(fn: string, arg: string, input: unknown, allowMissing: boolean, oneColumn: boolean): Side {
  if (isTableLike(input)) {
    const t = readTable(fn, arg, input, 'returns');
    const n = t.assets.length;
    if (n === 0) throw new DimensionError(`${fn}: the \`${arg}\` table has no assets (columns).`);
    if (oneColumn && n !== 1) {
      throw new InvalidArgumentError(
        `${fn}: \`${arg}\` must be a one-column table (one benchmark), got ${n} columns (${t.assets.slice(0, 5).join(', ')}${n > 5 ? ', …' : ''}).`,
        arg,
        `${n} columns`,
      );
    }
    return { data: t.values.data, cols: n, rows: t.values.rows, dates: t.dates, assets: t.assets, arg };
  }
  const v = vectorWithGaps(fn, arg, input, allowMissing);
  return { data: v, cols: 1, rows: v.length, dates: undefined, assets: undefined, arg };
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

/**
 * Read `returns` (and the benchmark) into one series per asset, following the conventions in
 * this module's header.
 * @internal
 */
export function readSeries(fn: string, returns: unknown, opts: ReadSeriesOptions): SeriesRead {
  const missing = checkOneOf(fn, 'missing', opts.missing ?? 'error', ['error', 'drop'] as const);
  const drop = missing === 'drop';
  const bench = opts.benchmark;
  const barg = bench?.arg ?? 'benchmark';
  if (!isTableLike(returns) && !drop && !isTableLike(bench?.input)) {
    // the vector path, exactly as before
    const r = toReturns(fn, 'returns', returns as VectorLike, opts.min);
    const b = bench ? toBenchmark(fn, bench.input as VectorLike | undefined, r.length, barg) : undefined;
    return { table: false, keyed: false, items: [{ fn, asset: undefined, r, b, dates: undefined, startDate: null }] };
  }
  if (bench && bench.input === undefined) throw new InvalidArgumentError(`${fn}: \`${barg}\` is required, got undefined.`, barg, 'undefined');
  const R = readSide(fn, 'returns', returns, drop, false);
  const B = bench ? readSide(fn, barg, bench.input, drop, true) : undefined;

  // align the rows: by date when both are tables, by position otherwise
  let ir: number[];
  let ib: number[] | undefined;
  if (B && R.dates && B.dates) {
    const j = joinDates(R.dates, B.dates);
    if (j.ia.length === 0) {
      const span = (d: readonly string[]): string => (d.length === 0 ? 'no dates' : `${d[0]} … ${d[d.length - 1]}`);
      throw new InvalidArgumentError(
        `${fn}: \`${barg}\` has no date in common with \`returns\` (returns: ${span(R.dates)}; ${barg}: ${span(B.dates)}); the two are aligned by date (inner join).`,
        barg,
        'no common dates',
      );
    }
    ir = j.ia;
    ib = j.ib;
  } else if (B) {
    if (B.rows !== R.rows) {
      throw new DimensionError(
        `${fn}: \`${barg}\` must have ${R.rows} periods (as many as ${R.dates ? 'rows of the `returns` table' : '`returns`'}), got ${B.rows}.`,
      );
    }
    ir = range(R.rows);
    ib = ir;
  } else {
    ir = range(R.rows);
  }
  const dates = R.dates ? ir.map((i) => R.dates![i] as string) : B?.dates ? (ib as number[]).map((i) => B.dates![i] as string) : undefined;
  const L = ir.length;
  // the benchmark's aligned column, once for every asset
  const bcol = B ? Float64Array.from(ib as number[], (i) => B.data[i]) : undefined;
  const rowOf = (side: Side, t: number): number => ((side === R ? ir : ib) as number[])[t];
  const items: SeriesItem[] = [];
  const xcol = new Float64Array(L);
  for (let j = 0; j < R.cols; j++) {
    const asset = R.assets?.[j];
    const label = asset === undefined ? fn : `${fn} (${asset})`;
    for (let t = 0; t < L; t++) xcol[t] = R.data[ir[t] * R.cols + j];
    const where = (side: Side, t: number): string => {
      const row = rowOf(side, t);
      if (side.assets) return `${side.assets[side === R ? j : 0]} on ${side.dates![row]} (row ${row})`;
      return dates ? `entry ${row} (${dates[t]})` : `entry ${row}`;
    };
    const fail = (side: Side, t: number, v: number): never => {
      if (Number.isNaN(v)) {
        const row = rowOf(side, t);
        throw new InvalidArgumentError(
          `${fn}: \`${side.arg}\` has a missing value (NaN or null) at ${where(side, t)}; leading blanks (a late listing) are skipped, but a gap after the first value is not: fill it, or pass \`missing: 'drop'\` to leave such periods out.`,
          side.arg,
          side.assets ? { row, date: side.dates![row], asset: side.assets[side === R ? j : 0] } : { row },
        );
      }
      throw new InvalidArgumentError(`${fn}: \`${side.arg}\` must hold returns ≥ −1 (a loss of at most 100 %), but ${where(side, t)} is ${v}.`, side.arg, v);
    };
    let start = 0;
    while (start < L && (Number.isNaN(xcol[start]) || (bcol !== undefined && Number.isNaN(bcol[start])))) start++;
    // one pass: check every value (NaN: error unless dropped; below −1: error) and count the kept periods
    let kept = 0;
    for (let t = start; t < L; t++) {
      const xv = xcol[t];
      const yv = bcol ? bcol[t] : 0;
      if (!(xv >= -1) && !(drop && Number.isNaN(xv))) fail(R, t, xv);
      if (B && !(yv >= -1) && !(drop && Number.isNaN(yv))) fail(B, t, yv);
      if (xv === xv && yv === yv) kept++;
    }
    if (kept < opts.min) {
      const who = asset === undefined ? '`returns`' : `${asset} in \`returns\``;
      const dropped = L - start - kept;
      throw new InsufficientDataError(
        `${fn}: ${who} needs at least ${opts.min} periods, got ${kept}${start > 0 ? ` (after ${start} leading blank${start === 1 ? '' : 's'})` : ''}${dropped > 0 ? ` (${dropped} dropped as missing)` : ''}.`,
        opts.min,
        kept,
      );
    }
    let r: Float64Array;
    let b: Float64Array | undefined;
    let used: string[] | undefined;
    if (kept === L - start) {
      r = xcol.slice(start);
      b = bcol?.slice(start);
      used = dates?.slice(start);
    } else {
      r = new Float64Array(kept);
      b = bcol ? new Float64Array(kept) : undefined;
      used = dates ? [] : undefined;
      for (let t = start, k = 0; t < L; t++) {
        const xv = xcol[t];
        const yv = bcol ? bcol[t] : 0;
        if (xv !== xv || yv !== yv) continue;
        r[k] = xv;
        if (b) b[k] = yv;
        used?.push(dates![t] as string);
        k++;
      }
    }
    items.push({ fn: label, asset, r, b, dates: used, startDate: dates && start > 0 ? (dates[start - 1] as string) : null });
  }
  return { table: R.assets !== undefined, keyed: R.cols > 1, items };
}

/**
 * Apply a metric to every series read: the plain result for a vector or a one-column table, a
 * record keyed by ticker for a table of several columns.
 * @internal
 */
export function perAsset<T>(read: SeriesRead, f: (item: SeriesItem) => T): T | Record<string, T> {
  if (!read.keyed) return f(read.items[0] as SeriesItem);
  return Object.fromEntries(read.items.map((it) => [it.asset as string, f(it)]));
}

/**
 * {@link perAsset} for a numeric metric: a result that overflowed the double range (±Infinity, or
 * NaN from ∞ − ∞ / ∞ · 0 inside the kernel) is refused with a typed error naming the function and
 * the series, never returned. Finite results pass through unchanged (same bits).
 * @internal
 */
export function perAssetNumber(read: SeriesRead, f: (item: SeriesItem) => number): number | Record<string, number> {
  return perAsset(read, (it) => finiteMetric(it.fn, f(it)));
}

/** Return a finite metric, or throw the overflow error of {@link perAssetNumber}. @internal */
export function finiteMetric(fn: string, value: number, arg = 'returns'): number {
  if (Number.isFinite(value)) return value;
  throw new InvalidArgumentError(
    `${fn}: the result overflows double precision (its true value is beyond ±1.8e308, or an intermediate sum is) for \`${arg}\` this large; ` +
      'check the data (returns are fractions: 0.01 is 1 %) or rescale them.',
    arg,
    'overflow',
  );
}
