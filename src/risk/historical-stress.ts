/**
 * Historical stress tests: replay named windows of past returns on today's portfolio.
 *
 * @module
 */
import { DimensionError, InvalidArgumentError } from '../core/errors.ts';
import { matrixData, toVector, type MatrixLike, type VectorLike } from '../core/matrix.ts';
import { checkInteger, checkLength, checkOptions, toReturnsMatrix } from '../core/validate.ts';
import { checkAssetLabels, checkFiniteResult } from './internal.ts';

/** A stress window: rows `start..end` (inclusive), by index or ISO date (with `dates`). */
export interface StressWindow {
  name: string;
  start: number | string;
  end: number | string;
}

/** Options of {@link historicalStress}. */
export interface HistoricalStressOptions {
  /** The windows to replay. */
  windows: readonly StressWindow[];
  /** ISO `YYYY-MM-DD` dates of the rows (ascending), needed when windows are given by date. */
  dates?: readonly string[];
  /** Asset labels; adds `byAsset` contributions. */
  assets?: readonly string[];
}

/** Result of one window. */
export interface HistoricalStressWindowResult {
  name: string;
  /** First and last row index of the window (inclusive), and their dates when known. */
  start: number;
  end: number;
  startDate?: string;
  endDate?: string;
  periods: number;
  /** Buy-and-hold portfolio return over the window, V_end / V_0 − 1. */
  portfolioReturn: number;
  /** −portfolioReturn: positive is a loss. */
  loss: number;
  /** The worst single-period portfolio return as a loss, where it happened. */
  worstDay: { index: number; date?: string; loss: number };
  /** Largest fall from a running peak of the portfolio value within the window (the starting value included), with the periods into the window of peak and trough (0 = the starting value). */
  peakToTrough: { drawdown: number; peakAfter: number; troughAfter: number };
  /** Loss contributions w_i (1 − Π(1 + r_i)) / Σw: they sum to `loss`. */
  contributions: number[];
  byAsset?: Record<string, number>;
}

/** Result of {@link historicalStress}. */
export interface HistoricalStressResult {
  windows: HistoricalStressWindowResult[];
  /** Name of the window with the largest loss. */
  worst: string;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Replay historical windows on the portfolio as buy-and-hold positions: the value of asset i is
 * w_i Π(1 + r_i,t) over the window (simple returns, no rebalancing), the portfolio value their sum
 * (start Σw). Reported per window: the compounded portfolio return and loss, the worst period,
 * the peak-to-trough drawdown within the window, and each asset's loss contribution
 * w_i (1 − Π(1 + r_i)) / Σw, which sum exactly to the portfolio loss (to rounding).
 *
 * Windows are given by row index (inclusive) or by ISO date with `dates` (the first row on or
 * after `start` to the last row on or before `end`).
 *
 * NaN handling: none allowed — a NaN, null or ±Infinity in `returns` or `weights` throws InvalidArgumentError.
 * @throws {InvalidArgumentError} for empty windows, windows outside the data, dates not ISO or out of order, a zero weight sum.
 * @throws {InvalidArgumentError} when `assets` is not an array of distinct strings (labelled records would drop a duplicate).
 * @throws {DimensionError} when weights, returns, dates or assets disagree.
 * @example
 * ```ts
 * import { historicalStress } from 'quantivista/risk';
 * const returns = [[0.01, 0.0], [-0.2, -0.05], [0.05, 0.02]];
 * const r = historicalStress([0.5, 0.5], returns, { windows: [{ name: 'crash', start: 1, end: 2 }] });
 * console.log(r.windows[0].loss); // 0.0955
 * ```
 */
export function historicalStress(weights: VectorLike, returns: MatrixLike, options: HistoricalStressOptions): HistoricalStressResult {
  const fn = 'historicalStress';
  if (options === undefined) throw new InvalidArgumentError(`${fn}: \`options.windows\` is required.`, 'windows', 'undefined');
  const opts = checkOptions(fn, options, ['windows', 'dates', 'assets']);
  const w = toVector(weights, fn, 'weights');
  const R = toReturnsMatrix(fn, 'returns', returns);
  const n = R.cols;
  const T = R.rows;
  checkLength(fn, 'weights', w.length, n, 'entries (one per column of `returns`)');
  let v0 = 0;
  for (let i = 0; i < n; i++) v0 += w[i] as number;
  if (v0 === 0) throw new InvalidArgumentError(`${fn}: \`weights\` sum to 0, so the portfolio has no value to stress.`, 'weights', 0);
  const dates = opts.dates;
  if (dates !== undefined) {
    if (dates.length !== T) throw new DimensionError(`${fn}: \`dates\` must have ${T} entries (one per row of \`returns\`), got ${dates.length}.`);
    for (let t = 0; t < T; t++) {
      const d = dates[t];
      if (typeof d !== 'string' || !ISO.test(d)) throw new InvalidArgumentError(`${fn}: \`dates\` must be ISO YYYY-MM-DD strings; entry ${t} is ${String(d)}.`, 'dates', String(d));
      if (t > 0 && d <= (dates[t - 1] as string)) throw new InvalidArgumentError(`${fn}: \`dates\` must be strictly ascending; ${dates[t - 1]} is followed by ${d}.`, 'dates', d);
    }
  }
  if (opts.assets !== undefined) checkAssetLabels(fn, opts.assets, n);
  if (!Array.isArray(opts.windows) || opts.windows.length === 0) throw new InvalidArgumentError(`${fn}: \`windows\` must be a non-empty array of { name, start, end }.`, 'windows', 'empty');
  const d = matrixData(R);
  const resolve = (v: number | string, which: 'start' | 'end', name: string): number => {
    if (typeof v === 'number') return checkInteger(fn, `windows.${which}`, v, 0, T - 1);
    if (typeof v !== 'string' || !ISO.test(v)) throw new InvalidArgumentError(`${fn}: window '${name}' \`${which}\` must be a row index or an ISO date, got ${String(v)}.`, `windows.${which}`, String(v));
    if (dates === undefined) throw new InvalidArgumentError(`${fn}: window '${name}' is given by date; pass \`dates\`.`, 'dates', 'undefined');
    if (which === 'start') {
      const k = dates.findIndex((x) => x >= v);
      if (k < 0) throw new InvalidArgumentError(`${fn}: window '${name}' starts at ${v}, after the last date ${dates[T - 1]}.`, 'windows.start', v);
      return k;
    }
    let k = -1;
    for (let t = T - 1; t >= 0; t--) if ((dates[t] as string) <= v) { k = t; break; }
    if (k < 0) throw new InvalidArgumentError(`${fn}: window '${name}' ends at ${v}, before the first date ${dates[0]}.`, 'windows.end', v);
    return k;
  };
  const out: HistoricalStressWindowResult[] = [];
  for (const win of opts.windows) {
    if (win === null || typeof win !== 'object') throw new InvalidArgumentError(`${fn}: each window must be { name, start, end }.`, 'windows', String(win));
    checkOptions(`${fn} window`, win, ['name', 'start', 'end']);
    const name = String(win.name);
    const s = resolve(win.start, 'start', name);
    const e = resolve(win.end, 'end', name);
    if (e < s) throw new InvalidArgumentError(`${fn}: window '${name}' is empty (end row ${e} before start row ${s}).`, 'windows', name);
    const growth = new Float64Array(n).fill(1);
    let prev = v0;
    let peak = v0;
    let peakAt = 0;
    let dd = 0;
    let ddPeak = 0;
    let ddTrough = 0;
    let worst = Infinity;
    let worstAt = s;
    for (let t = s; t <= e; t++) {
      let v = 0;
      for (let i = 0; i < n; i++) {
        growth[i] = (growth[i] as number) * (1 + (d[t * n + i] as number));
        v += (w[i] as number) * (growth[i] as number);
      }
      const r = v / prev - 1;
      if (r < worst) {
        worst = r;
        worstAt = t;
      }
      prev = v;
      const k = t - s + 1;
      if (v > peak) {
        peak = v;
        peakAt = k;
      }
      const draw = 1 - v / peak;
      if (draw > dd) {
        dd = draw;
        ddPeak = peakAt;
        ddTrough = k;
      }
    }
    const contributions = Array.from({ length: n }, (_, i) => ((w[i] as number) * (1 - (growth[i] as number))) / v0);
    const ret = prev / v0 - 1;
    const res: HistoricalStressWindowResult = {
      name,
      start: s,
      end: e,
      periods: e - s + 1,
      portfolioReturn: ret,
      loss: -ret,
      worstDay: { index: worstAt, loss: -worst },
      peakToTrough: { drawdown: dd, peakAfter: ddPeak, troughAfter: ddTrough },
      contributions,
    };
    if (dates !== undefined) {
      res.startDate = dates[s] as string;
      res.endDate = dates[e] as string;
      res.worstDay.date = dates[worstAt] as string;
    }
    if (opts.assets !== undefined) {
      const labels = opts.assets;
      res.byAsset = Object.fromEntries(contributions.map((c, i) => [labels[i] as string, c]));
    }
    out.push(res);
  }
  let worstName = (out[0] as HistoricalStressWindowResult).name;
  let worstLoss = -Infinity;
  for (const r of out) if (r.loss > worstLoss) { worstLoss = r.loss; worstName = r.name; }
  checkFiniteResult(fn, out, 'weights');
  return { windows: out, worst: worstName };
}
