/**
 * Historical stress tests: replay named windows of past returns on today's portfolio.
 *
 * @module
 */
import { checkIsoDate } from '../core/dates.ts';
import { DimensionError, InvalidArgumentError } from '../core/errors.ts';
import { matrixData, toVector, type MatrixLike } from '../core/matrix.ts';
import { isTableLike, resolveAssets, tableDates, type TableLike } from '../core/table.ts';
import { checkInteger, checkLength, checkOptions, toReturnsMatrix } from '../core/validate.ts';
import { checkAssetLabels, checkFiniteResult } from './internal.ts';
import { checkSameDates, isWeightRecord, readWeights, returnsOptions, type WeightsInput } from './labelled-input.ts';
import { showValue } from '../core/parse-decimal.ts';

/** A stress window by row index, or by ISO date with dates known: rows `start..end` (inclusive); a date resolves to the first row on or after `start` and the last on or before `end`. */
export interface IndexStressWindow {
  name: string;
  start: number | string;
  end: number | string;
}

/** A stress window by calendar dates: the rows dated `from` to `to` (ISO `YYYY-MM-DD`, inclusive), both within the first and last date of the data. */
export interface DatedStressWindow {
  name: string;
  from: string;
  to: string;
}

/** A stress window: `{ name, start, end }` (row indices or dates) or `{ name, from, to }` (dates). */
export type StressWindow = IndexStressWindow | DatedStressWindow;

/** Options of {@link historicalStress}. */
export interface HistoricalStressOptions {
  /** The windows to replay. */
  windows: readonly StressWindow[];
  /** ISO `YYYY-MM-DD` dates of the rows (ascending) of a matrix `returns`, needed when windows are given by date (a table brings its own dates: given with one, they must be the table's). */
  dates?: readonly string[];
  /** Asset labels; adds `byAsset` contributions (a table's tickers label the result without them). */
  assets?: readonly string[];
  /** Skip the screen that refuses a matrix looking like prices (every column positive with a median above 1). */
  assumeReturns?: boolean;
}

/** Result of one window. */
export interface HistoricalStressWindowResult {
  name: string;
  /** First and last row index of the window (inclusive), and their dates when known (a table, or `dates`). */
  start: number;
  end: number;
  startDate?: string;
  endDate?: string;
  periods: number;
  /** Buy-and-hold portfolio return over the window, V_end / V_0 − 1. */
  portfolioReturn: number;
  /** −portfolioReturn: positive is a loss. */
  loss: number;
  /** The worst single-period portfolio return as a loss, where it happened (row index, and date when known). */
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

/** The rows `s..e` (inclusive) of one window. */
function resolveWindow(fn: string, win: unknown, T: number, dates: readonly string[] | undefined): { name: string; s: number; e: number } {
  if (win === null || typeof win !== 'object')
    throw new InvalidArgumentError(`${fn}: each window must be { name, start, end } or { name, from, to }.`, 'windows', showValue(win));
  const w = checkOptions(`${fn} window`, win as Record<string, unknown>, ['name', 'start', 'end', 'from', 'to']);
  if (w.name !== undefined && (typeof w.name !== 'string' || w.name === '')) {
    throw new InvalidArgumentError(
      `${fn}: a window's \`name\` must be a non-empty string, got ${typeof w.name === 'string' ? '""' : typeof w.name}.`,
      'windows.name',
      typeof w.name,
    );
  }
  // an unnamed window is named after its bounds (it used to print as "undefined")
  const name =
    typeof w.name === 'string'
      ? w.name
      : w.from !== undefined || w.to !== undefined
        ? `${showValue(w.from)} to ${showValue(w.to)}`
        : `rows ${showValue(w.start)} to ${showValue(w.end)}`;
  if (w.from !== undefined || w.to !== undefined) {
    if (w.start !== undefined || w.end !== undefined) {
      throw new InvalidArgumentError(`${fn}: window '${name}' mixes \`start\` / \`end\` with \`from\` / \`to\`; give one pair.`, 'windows', name);
    }
    const from = checkIsoDate(fn, `windows.from`, w.from);
    const to = checkIsoDate(fn, `windows.to`, w.to);
    if (dates === undefined)
      throw new InvalidArgumentError(
        `${fn}: window '${name}' is given by \`from\` / \`to\` dates; pass \`returns\` as a table (or \`dates\`).`,
        'dates',
        'undefined',
      );
    if (from > to) throw new InvalidArgumentError(`${fn}: window '${name}' has \`from\` ${from} after \`to\` ${to}.`, 'windows.from', from);
    const first = dates[0] as string;
    const last = dates[T - 1] as string;
    if (from < first)
      throw new InvalidArgumentError(`${fn}: window '${name}' starts on ${from}, before the first date of \`returns\` (${first}).`, 'windows.from', from);
    if (to > last) throw new InvalidArgumentError(`${fn}: window '${name}' ends on ${to}, after the last date of \`returns\` (${last}).`, 'windows.to', to);
    const s = dates.findIndex((x) => x >= from);
    let e = T - 1;
    while (e >= 0 && (dates[e] as string) > to) e--;
    if (e < s)
      throw new InvalidArgumentError(`${fn}: window '${name}' (${from} to ${to}) is empty: no row of \`returns\` is dated within it.`, 'windows', name);
    return { name, s, e };
  }
  const resolve = (v: unknown, which: 'start' | 'end'): number => {
    if (typeof v === 'number') return checkInteger(fn, `windows.${which}`, v, 0, T - 1);
    if (typeof v !== 'string' || !ISO.test(v))
      throw new InvalidArgumentError(
        `${fn}: window '${name}' \`${which}\` must be a row index or an ISO date, got ${showValue(v)}.`,
        `windows.${which}`,
        showValue(v),
      );
    if (dates === undefined) throw new InvalidArgumentError(`${fn}: window '${name}' is given by date; pass \`dates\`.`, 'dates', 'undefined');
    if (which === 'start') {
      const k = dates.findIndex((x) => x >= v);
      if (k < 0) throw new InvalidArgumentError(`${fn}: window '${name}' starts at ${v}, after the last date ${dates[T - 1]}.`, 'windows.start', v);
      return k;
    }
    let k = -1;
    for (let t = T - 1; t >= 0; t--)
      if ((dates[t] as string) <= v) {
        k = t;
        break;
      }
    if (k < 0) throw new InvalidArgumentError(`${fn}: window '${name}' ends at ${v}, before the first date ${dates[0]}.`, 'windows.end', v);
    return k;
  };
  const s = resolve(w.start, 'start');
  const e = resolve(w.end, 'end');
  if (e < s) throw new InvalidArgumentError(`${fn}: window '${name}' is empty (end row ${e} before start row ${s}).`, 'windows', name);
  return { name, s, e };
}

/** Replay rows `s..e` on the buy-and-hold portfolio `w` (start value v0). */
function replay(d: Float64Array, n: number, w: Float64Array, v0: number, name: string, s: number, e: number): HistoricalStressWindowResult {
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
      growth[i] = growth[i] * (1 + d[t * n + i]);
      v += w[i] * growth[i];
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
  const contributions = Array.from({ length: n }, (_, i) => (w[i] * (1 - growth[i])) / v0);
  const ret = prev / v0 - 1;
  return {
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
}

/**
 * Replay historical windows on the portfolio as buy-and-hold positions: the value of asset i is
 * w_i Π(1 + r_i,t) over the window (simple returns, no rebalancing), the portfolio value their sum
 * (start Σw). Reported per window: the compounded portfolio return and loss, the worst period,
 * the peak-to-trough drawdown within the window, and each asset's loss contribution
 * w_i (1 − Π(1 + r_i)) / Σw, which sum exactly to the portfolio loss (to rounding).
 *
 * Windows are given by row index (inclusive), or by ISO date once dates are known: `{ name,
 * start, end }` with dates runs from the first row on or after `start` to the last row on or
 * before `end`; `{ name, from, to }` takes the rows dated `from` to `to` (inclusive), where both
 * dates must lie within the first and last date of the data (a day between two rows, e.g. a
 * weekend, is fine) and `from` ≤ `to`.
 *
 * Tables: `returns` may be a ReturnTable `{ kind: 'returns', dates, assets, values }` (a plain
 * object will do). Its dates resolve the windows and date each result (`startDate`, `endDate`,
 * `worstDay.date`), its tickers label the contributions (`byAsset`), and `weights` may be a record
 * keyed by ticker naming every asset. The numbers are those of the table's values as a matrix,
 * bit for bit.
 *
 * Missing data: none allowed — a NaN, null or ±Infinity in `returns` (named by asset and date for
 * a table) or `weights` throws InvalidArgumentError. Rows are not dropped: a buy-and-hold replay
 * that skipped a day would leave that day's moves out of every asset's growth; fill or drop
 * missing values first (quantivista/data).
 * @throws {InvalidArgumentError} for empty windows, windows outside the data (a `from` before the first date or a `to` after the last), `from` after `to`, dates not ISO or out of order, `dates` that differ from a table's, a zero weight sum, keyed weights that miss a ticker or name an unknown one (the message names the nearest), a PriceTable, or a matrix that looks like prices (unless `assumeReturns`).
 * @throws {InvalidArgumentError} when `assets` is not an array of distinct strings (labelled records would drop a duplicate).
 * @throws {DimensionError} when weights, returns, dates or assets disagree.
 * @example
 * ```ts
 * import { historicalStress } from 'quantivista/risk';
 * const returns = [[0.01, 0.0], [-0.2, -0.05], [0.05, 0.02]];
 * const r = historicalStress([0.5, 0.5], returns, { windows: [{ name: 'crash', start: 1, end: 2 }] });
 * console.log(r.windows[0].loss); // 0.0955
 *
 * // The same returns as a table, the window by dates: 2024-01-06 is a Saturday, so the window
 * // holds the rows of 2024-01-08 and 2024-01-09. AAA grows by 0.8 · 1.05 = 0.84, BBB by
 * // 0.95 · 1.02 = 0.969: loss 1 − (0.5 · 0.84 + 0.5 · 0.969) = 0.0955; worst day 2024-01-08
 * // (−12.5 %); contributions 0.5 · 0.16 = 0.08 and 0.5 · 0.031 = 0.0155.
 * const table = { kind: 'returns', dates: ['2024-01-05', '2024-01-08', '2024-01-09'], assets: ['AAA', 'BBB'], values: returns };
 * const t = historicalStress({ AAA: 0.5, BBB: 0.5 }, table, { windows: [{ name: 'crash', from: '2024-01-06', to: '2024-01-09' }] });
 * const w = t.windows[0];
 * console.log(w.startDate, w.endDate, w.loss); // "2024-01-08" "2024-01-09" 0.0955
 * console.log(w.worstDay.date, w.worstDay.loss); // "2024-01-08" 0.125
 * console.log(w.byAsset); // { AAA: 0.08, BBB: 0.0155 }
 * ```
 */
export function historicalStress(weights: WeightsInput, returns: MatrixLike | TableLike, options: HistoricalStressOptions): HistoricalStressResult {
  const fn = 'historicalStress';
  if (options === undefined) throw new InvalidArgumentError(`${fn}: \`options.windows\` is required.`, 'windows', 'undefined');
  const opts = checkOptions(fn, options, ['windows', 'dates', 'assets', 'assumeReturns']);
  const w0 = isWeightRecord(weights) ? undefined : toVector(weights, fn, 'weights');
  const table = isTableLike(returns);
  const R = toReturnsMatrix(fn, 'returns', returns as MatrixLike, returnsOptions('error', opts.assumeReturns));
  const n = R.cols;
  const T = R.rows;
  if (opts.assets !== undefined) checkAssetLabels(fn, opts.assets, n);
  const labels = opts.assets !== undefined ? opts.assets : resolveAssets(fn, undefined, returns, n);
  const w = w0 ?? readWeights(fn, 'weights', weights, labels, '`returns`', true);
  checkLength(fn, 'weights', w.length, n, 'entries (one per column of `returns`)');
  let v0 = 0;
  for (let i = 0; i < n; i++) v0 += w[i];
  if (v0 === 0) throw new InvalidArgumentError(`${fn}: \`weights\` sum to 0, so the portfolio has no value to stress.`, 'weights', 0);
  let dates = opts.dates;
  if (table) {
    dates = tableDates(returns) as string[];
    checkSameDates(fn, 'returns', opts.dates, dates);
  } else if (dates !== undefined) {
    if (dates.length !== T) throw new DimensionError(`${fn}: \`dates\` must have ${T} entries (one per row of \`returns\`), got ${dates.length}.`);
    for (let t = 0; t < T; t++) {
      const d = dates[t];
      if (typeof d !== 'string' || !ISO.test(d))
        throw new InvalidArgumentError(`${fn}: \`dates\` must be ISO YYYY-MM-DD strings; entry ${t} is ${showValue(d)}.`, 'dates', showValue(d));
      if (t > 0 && d <= (dates[t - 1] as string))
        throw new InvalidArgumentError(`${fn}: \`dates\` must be strictly ascending; ${dates[t - 1]} is followed by ${d}.`, 'dates', d);
    }
  }
  if (!Array.isArray(opts.windows) || opts.windows.length === 0)
    throw new InvalidArgumentError(`${fn}: \`windows\` must be a non-empty array of { name, start, end } or { name, from, to }.`, 'windows', 'empty');
  const d = matrixData(R);
  const out: HistoricalStressWindowResult[] = [];
  for (const win of opts.windows) {
    const { name, s, e } = resolveWindow(fn, win, T, dates);
    const res = replay(d, n, w, v0, name, s, e);
    if (dates !== undefined) {
      res.startDate = dates[s] as string;
      res.endDate = dates[e] as string;
      res.worstDay.date = dates[res.worstDay.index] as string;
    }
    if (labels !== undefined) res.byAsset = Object.fromEntries(res.contributions.map((c, i) => [labels[i] as string, c]));
    out.push(res);
  }
  let worstName = (out[0] as HistoricalStressWindowResult).name;
  let worstLoss = -Infinity;
  for (const r of out)
    if (r.loss > worstLoss) {
      worstLoss = r.loss;
      worstName = r.name;
    }
  checkFiniteResult(fn, out, 'weights');
  return { windows: out, worst: worstName };
}
