import { InvalidArgumentError } from '../core/errors.ts';
import type { VectorLike } from '../core/matrix.ts';
import type { ReturnTable, TableLike } from '../core/table.ts';
import { checkInteger, checkOptions } from '../core/validate.ts';
import { DrawdownWalk } from './drawdown-walk.ts';
import { perAsset, readSeries, type MissingReturnsOption, type ReturnsInput } from './series-input.ts';

/** Options of {@link drawdowns}. */
export interface DrawdownsOptions extends MissingReturnsOption {
  /** How many of the worst drawdowns to list in `worst` (default 5). */
  top?: number;
}

/** One drawdown episode. Positions are on the wealth index: 0 is the start (wealth 1), k is after the k-th return. */
export interface DrawdownEpisode {
  /** Position of the peak the episode starts from. */
  start: number;
  /** Position of the lowest wealth in the episode. */
  trough: number;
  /** Position where wealth first regains the peak, or `null` when it has not recovered by the end. */
  end: number | null;
  /** Depth as a positive fraction of the peak: 1 − trough wealth / peak wealth. */
  depth: number;
  /** Periods from the peak to the recovery (or to the end of the series when not recovered). */
  length: number;
  /** Periods from the peak to the trough. */
  toTrough: number;
  /** Periods from the trough to the recovery, or `null` when not recovered. */
  recovery: number | null;
  /**
   * Table input only: the date of the peak (position `start`): the date of the period it ends, or,
   * for the starting wealth (position 0), the date of the table row before the first return used,
   * `null` when there is none (the series starts at the table's first row).
   */
  peakDate?: string | null;
  /** Table input only: the date of the trough (the period whose return reached it). */
  troughDate?: string;
  /** Table input only: the date wealth regained the peak, or `null` when not recovered. */
  recoveryDate?: string | null;
}

/** The maximum drawdown with its positions (all `null` and depth 0 when wealth never falls). */
export interface MaxDrawdown {
  depth: number;
  peak: number | null;
  trough: number | null;
  recovery: number | null;
  /** Table input only: the date of `peak` (as {@link DrawdownEpisode.peakDate}; `null` also when there is no drawdown). */
  peakDate?: string | null;
  /** Table input only: the date of `trough` (`null` when there is no drawdown). */
  troughDate?: string | null;
  /** Table input only: the date of `recovery` (`null` when not recovered or no drawdown). */
  recoveryDate?: string | null;
}

/** Result of {@link drawdowns}. */
export interface DrawdownsResult {
  /** Wealth index W_0 = 1, W_k = Π_{t ≤ k}(1 + r_t); length T + 1. */
  wealth: number[];
  /** Drawdown after each return, 1 − W_k / max_{j ≤ k} W_j (a positive fraction, 0 at a new high); length T. */
  series: number[];
  /** The deepest drawdown: depth, peak, trough and recovery positions on the wealth index. */
  maxDrawdown: MaxDrawdown;
  /** The `top` deepest episodes, deepest first (ties: earlier first). */
  worst: DrawdownEpisode[];
  /** Table input only: the date of each `series` entry (the end of each period used); length T. */
  dates?: string[];
  /**
   * Table input only: the date of each `wealth` entry, length T + 1: the date of the table row before
   * the first return used (`null` when there is none), then `dates`.
   */
  wealthDates?: Array<string | null>;
}

/**
 * Drawdowns on the compounded wealth index starting at 1 (ARCHITECTURE §3): the underwater series,
 * the maximum drawdown with its peak / trough / recovery positions, and a table of the worst
 * episodes. An episode runs from a peak to the first position where wealth is back at (or above)
 * the peak; the running maximum includes the starting wealth 1, so a first-period loss is a drawdown.
 *
 * Positions are on the wealth index (length T + 1): 0 is the start, k is after the k-th return
 * (row k − 1 of the returns).
 *
 * Given a `ReturnTable`, the result is dated: `dates` and `wealthDates`, and `peakDate`,
 * `troughDate` and `recoveryDate` (`null` when not recovered) next to the positions of the maximum
 * drawdown and of every episode. Returns are dated at the end of their period, so position k ≥ 1 is
 * at the date of the k-th return used, and position 0 (the starting wealth) at the date of the row
 * before it (`null` when the series starts at the table's first row). One column gives one result;
 * several give a record keyed by ticker, each over its own history (leading blanks skipped; a later
 * gap throws naming the asset and date unless `missing: 'drop'`, which leaves that period out).
 *
 * @param returns per-period simple returns (≥ −1), oldest first, or a `ReturnTable`.
 * @throws {InsufficientDataError} on an empty series. @throws {InvalidArgumentError} on non-finite entries, returns below −1,
 *   or a wealth index beyond the double range (≈ 1.8e308; the message names the first period where it overflows).
 * @example
 * ```ts
 * import { drawdowns, type DrawdownsResult } from 'quantivista/performance';
 * const d = drawdowns([0.1, -0.2, 0.05, 0.2]);
 * console.log([d.maxDrawdown.peak, d.maxDrawdown.trough, d.maxDrawdown.recovery]); // [1, 2, 4]
 * console.log(d.maxDrawdown.depth); // 0.2
 * // the same returns, dated: the peak is after January, the trough February, the recovery April
 * const t = { kind: 'returns', dates: ['2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30'], assets: ['A'],
 *   values: [[0.1], [-0.2], [0.05], [0.2]] } as const;
 * // a table's result type is one result or a record by ticker: a one-column table gives one
 * const m = (drawdowns(t) as DrawdownsResult).maxDrawdown;
 * console.log([m.peakDate, m.troughDate, m.recoveryDate]); // ['2024-01-31', '2024-02-29', '2024-04-30']
 * ```
 */
export function drawdowns(returns: VectorLike, options?: DrawdownsOptions): DrawdownsResult;
export function drawdowns(returns: ReturnTable | TableLike, options?: DrawdownsOptions): DrawdownsResult | Record<string, DrawdownsResult>;
export function drawdowns(returns: ReturnsInput, options?: DrawdownsOptions): DrawdownsResult | Record<string, DrawdownsResult> {
  const fn = 'drawdowns';
  const opts = checkOptions(fn, options, ['top', 'missing']);
  const top = opts.top === undefined ? 5 : checkInteger(fn, 'top', opts.top, 0);
  const read = readSeries(fn, returns, { min: 1, missing: opts.missing });
  return perAsset(read, (s) => {
    const res = drawdownsOf(s.r, top, s.fn);
    return read.table ? withDates(res, s.dates as string[], s.startDate) : res;
  });
}

/** The dates of a result: position p of the wealth index is at `wealthDates[p]`. */
function withDates(res: DrawdownsResult, dates: string[], startDate: string | null): DrawdownsResult {
  const at = (p: number): string | null => (p === 0 ? startDate : (dates[p - 1] as string));
  const m = res.maxDrawdown;
  const dated = (e: DrawdownEpisode): DrawdownEpisode => ({
    ...e,
    peakDate: at(e.start),
    troughDate: at(e.trough) as string,
    recoveryDate: e.end === null ? null : at(e.end),
  });
  return {
    ...res,
    maxDrawdown: {
      ...m,
      peakDate: m.peak === null ? null : at(m.peak),
      troughDate: m.trough === null ? null : at(m.trough),
      recoveryDate: m.recovery === null ? null : at(m.recovery),
    },
    worst: res.worst.map(dated),
    dates,
    wealthDates: [startDate, ...dates],
  };
}

/**
 * The error for a wealth index beyond the double range (≈ 1.8e308), named at the first period where
 * it overflows. The `wealth` output is not reported in log space; the drawdown metrics that need
 * only ratios (`calmarRatio`, `ulcerIndex`, `performanceSummary`) rescale and stay finite.
 */
function wealthOverflow(fn: string, t: number, r: number): InvalidArgumentError {
  return new InvalidArgumentError(
    `${fn}: the wealth index Π(1 + r) overflows double precision (beyond 1.8e308) at period ${t} of \`returns\` (return ${r}); ` +
      'split the series into shorter spans; performanceSummary, calmarRatio and ulcerIndex, which need only the drawdowns, still work.',
    'returns',
    { period: t, value: r },
  );
}

/** The drawdowns of one validated series. @internal */
export function drawdownsOf(r: Float64Array, top: number, fn = 'drawdowns'): DrawdownsResult {
  // One pass of the shared walk: the wealth index and the underwater series are written straight
  // into the output arrays, and each episode is closed online.
  const T = r.length;
  const wealth = new Array<number>(T + 1);
  const series = new Array<number>(T);
  const worst: DrawdownEpisode[] = [];
  let m: DrawdownEpisode | undefined;
  const close = (start: number, trough: number, depth: number, end: number | null): void => {
    const e: DrawdownEpisode = {
      start,
      trough,
      end,
      depth,
      length: (end ?? T) - start,
      toTrough: trough - start,
      recovery: end === null ? null : end - trough,
    };
    if (!m || depth > m.depth) m = e;
    // the `top` deepest (ties: earlier first) by insertion into a short sorted list: O(E · top)
    if (top === 0 || (worst.length === top && depth <= (worst[top - 1] as DrawdownEpisode).depth)) return;
    let k = worst.length;
    while (k > 0 && (worst[k - 1] as DrawdownEpisode).depth < depth) k--;
    worst.splice(k, 0, e);
    if (worst.length > top) worst.pop();
  };
  wealth[0] = 1;
  const walk = new DrawdownWalk();
  for (let t = 0; t < T; t++) {
    const closed = walk.next(t, r[t]);
    if (walk.log2Scale !== 0) throw wealthOverflow(fn, t, r[t]);
    wealth[t + 1] = walk.wealth;
    series[t] = walk.drawdown;
    if (closed) close(walk.start, walk.trough, walk.depth, t + 1);
  }
  if (walk.finish()) close(walk.start, walk.trough, walk.depth, null);
  const maxDrawdown: MaxDrawdown = m
    ? { depth: m.depth, peak: m.start, trough: m.trough, recovery: m.end }
    : { depth: 0, peak: null, trough: null, recovery: null };
  return { wealth, series, maxDrawdown, worst };
}
