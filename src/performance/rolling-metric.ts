import { InvalidArgumentError } from '../core/errors.ts';
import type { VectorLike } from '../core/matrix.ts';
import { centralSums } from '../core/stats.ts';
import type { ReturnTable, TableLike } from '../core/table.ts';
import { checkSizeCap, SIZE_CAPS } from '../core/limits.ts';
import { checkInteger, checkOneOf, checkOptions } from '../core/validate.ts';
import { SLIDING_METRICS, SLIDING_MIN_WINDOW, slidingMetric, type SlidingMetricName } from './rolling-sums.ts';
import { annualizedReturnKernel } from './annualized-return.ts';
import { calmarKernel } from './calmar-ratio.ts';
import { captureKernel } from './capture-ratios.ts';
import { hitRateKernel } from './hit-rate.ts';
import { informationKernel } from './information-ratio.ts';
import { capmKernel, checkPeriodsPerYear, checkRate, diffMoments, sdOf, undefinedRatio } from './internal.ts';
import { omegaKernel } from './omega-ratio.ts';
import { psrKernel } from './probabilistic-sharpe-ratio.ts';
import { finiteMetric, perAsset, readSeries, type MissingReturnsOption, type ReturnsInput, type SeriesItem } from './series-input.ts';
import { sharpeKernel } from './sharpe-ratio.ts';
import { sortinoKernel } from './sortino-ratio.ts';
import { scanDrawdowns } from './summary-kernel.ts';
import { ulcerKernel } from './ulcer-index.ts';
import { annualizeAlpha, annualizeDispersion, standardizedMoments } from './metric-formulas.ts';

/** Metrics {@link rollingMetric} knows by name. Those marked (b) need `benchmark`. */
export type RollingMetricName =
  | 'annualizedReturn'
  | 'annualizedVolatility'
  | 'sharpeRatio'
  | 'sortinoRatio'
  | 'calmarRatio'
  | 'omegaRatio'
  | 'maxDrawdown'
  | 'ulcerIndex'
  | 'hitRate'
  | 'skewness'
  | 'kurtosis'
  | 'probabilisticSharpeRatio'
  | 'informationRatio' // (b)
  | 'trackingError' // (b)
  | 'beta' // (b)
  | 'alpha' // (b)
  | 'upCapture' // (b)
  | 'downCapture'; // (b)

/** A custom metric: receives one window of returns (and of the benchmark, when given). */
export type RollingMetricFunction = (returns: number[], benchmark: number[] | undefined) => number;

/** Options of {@link rollingMetric}. */
export interface RollingMetricOptions extends MissingReturnsOption {
  /** Window length in periods (required, ≥ 1; ≥ 2 for metrics needing a standard deviation). */
  window: number;
  /** Benchmark returns, required by the relative metrics; a one-column `ReturnTable` is aligned on the dates of a `returns` table (inner join). */
  benchmark?: VectorLike | ReturnTable | TableLike;
  /** Risk-free rate per period (default 0). */
  riskFreeRate?: number;
  /** Periods per year, passed to the metric (annualises where the metric does). */
  periodsPerYear?: number;
  /** MAR per period for Sortino (default 0). */
  minimumAcceptableReturn?: number;
  /** Threshold per period for Omega (default 0). */
  omegaThreshold?: number;
}

/** A dated rolling series: the result of {@link rollingMetric} for one column of a table. */
export interface RollingMetricSeries {
  /** The date of each window's last period. */
  dates: string[];
  /** The metric of each window (`null` where it is undefined), as for a vector input. */
  values: Array<number | null>;
}

/** Per named metric: the shortest window it is defined on and whether it needs the benchmark. */
const METRICS: Readonly<Record<RollingMetricName, { minWindow: 1 | 2; benchmark: boolean }>> = {
  annualizedReturn: { minWindow: 1, benchmark: false },
  annualizedVolatility: { minWindow: 2, benchmark: false },
  sharpeRatio: { minWindow: 2, benchmark: false },
  sortinoRatio: { minWindow: 1, benchmark: false },
  calmarRatio: { minWindow: 1, benchmark: false },
  omegaRatio: { minWindow: 1, benchmark: false },
  maxDrawdown: { minWindow: 1, benchmark: false },
  ulcerIndex: { minWindow: 1, benchmark: false },
  hitRate: { minWindow: 1, benchmark: false },
  skewness: { minWindow: 2, benchmark: false },
  kurtosis: { minWindow: 2, benchmark: false },
  probabilisticSharpeRatio: { minWindow: 2, benchmark: false },
  informationRatio: { minWindow: 2, benchmark: true },
  trackingError: { minWindow: 2, benchmark: true },
  beta: { minWindow: 2, benchmark: true },
  alpha: { minWindow: 2, benchmark: true },
  upCapture: { minWindow: 1, benchmark: true },
  downCapture: { minWindow: 1, benchmark: true },
};
const NAMES = Object.keys(METRICS) as RollingMetricName[];

/** Size cap of the from-scratch path: window × number of windows values read (20 × `SIZE_CAPS.entries`). */
const ROLLING_WORK_CAP = 20 * SIZE_CAPS.entries;

/**
 * A metric over a rolling window: entry i covers periods i .. i + window − 1, so the result has
 * T − window + 1 entries (aligned to the END of each window: entry i belongs to period i + window − 1).
 * `metric` is the name of one of this domain's metrics ('hitRate' beats the benchmark when one is given) (computed with the same conventions and options
 * as the function of that name; 'maxDrawdown' is the depth; 'skewness' / 'kurtosis' are the population
 * g1 / excess g2) or a function of the window's returns (and benchmark).
 *
 * A window where a named metric is undefined (zero volatility, no losing period, no drawdown, no up /
 * down benchmark period) gives `null` there; every other problem throws.
 *
 * Given a `ReturnTable`, each column's result is dated: `{ dates, values }` with the date of each
 * window's last period (a {@link RollingMetricSeries}); one column gives that object, several a record
 * of them keyed by ticker, each over its own history (leading blanks skipped; a later gap throws
 * naming the asset and date unless `missing: 'drop'`, which leaves that period out, so a window then
 * spans `window` present periods). A benchmark table is aligned on the dates (inner join).
 *
 * Cost: windows of up to 64 periods, custom metrics and the other named metrics are computed from
 * scratch per window, O(T · window), bit-identical to the single-metric function on that window. Longer
 * windows of 'annualizedReturn', 'annualizedVolatility', 'sharpeRatio', 'hitRate', 'trackingError'
 * and 'informationRatio' slide in O(T): compensated running sums (a period enters, one leaves),
 * rebuilt from scratch every `window` steps. 'hitRate' is then still exact; the others agree with
 * the from-scratch value to within 1e-10 relative (in practice a few ulps; a 50,000-period window
 * over 100,000 periods takes milliseconds), and a window whose (excess / active) returns are all
 * equal has a standard deviation of exactly 0 (`null` for the ratios).
 *
 * Size caps: `returns` at most `SIZE_CAPS.periods` periods; on the from-scratch path, window ×
 * number of windows at most 20 × `SIZE_CAPS.entries` (1e9) values read.
 *
 * @throws {SizeLimitError} beyond a size cap.
 * @throws {InvalidArgumentError} for an unknown metric, a missing benchmark, a window longer than the
 * series, non-finite data, a custom metric returning a non-finite number, or a window figure beyond the
 * double range (overflow; the sliding kernels of windows over 64 do not rescale, so 1e308 returns there overflow).
 * @throws {DimensionError} when the benchmark length differs.
 * @example
 * ```ts
 * import { rollingMetric } from 'quantivista/performance';
 * console.log(rollingMetric([0.01, 0.02, -0.01, 0.03], 'annualizedVolatility', { window: 3 }));
 * console.log(rollingMetric([0.01, 0.02, -0.01, 0.03], (w) => Math.max(...w), { window: 2 })); // [0.02, 0.02, 0.03]
 * const t = { kind: 'returns', dates: ['2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30'], assets: ['A', 'B'],
 *   values: [[0.01, null], [0.02, 0.05], [-0.01, -0.02], [0.03, 0.01]] } as const;
 * // each window is dated by its last period; B starts a month late
 * const m = rollingMetric(t, (w) => Math.max(...w), { window: 2 });
 * console.log(m); // { A: { dates: ['2024-02-29', '2024-03-31', '2024-04-30'], values: [0.02, 0.02, 0.03] }, B: { dates: ['2024-03-31', '2024-04-30'], values: [0.05, 0.01] } }
 * ```
 */
export function rollingMetric(returns: VectorLike, metric: RollingMetricName | RollingMetricFunction, options: RollingMetricOptions): Array<number | null>;
export function rollingMetric(
  returns: ReturnTable | TableLike,
  metric: RollingMetricName | RollingMetricFunction,
  options: RollingMetricOptions,
): RollingMetricSeries | Record<string, RollingMetricSeries>;
export function rollingMetric(
  returns: ReturnsInput,
  metric: RollingMetricName | RollingMetricFunction,
  options: RollingMetricOptions,
): Array<number | null> | RollingMetricSeries | Record<string, RollingMetricSeries> {
  const fn = 'rollingMetric';
  const opts = checkOptions(fn, options, ['window', 'benchmark', 'riskFreeRate', 'periodsPerYear', 'minimumAcceptableReturn', 'omegaThreshold', 'missing']);
  if (opts.window === undefined) throw new InvalidArgumentError(`${fn}: \`window\` is required, got undefined.`, 'window', 'undefined');
  const read = readSeries(fn, returns, { min: 1, missing: opts.missing, ...(opts.benchmark === undefined ? {} : { benchmark: { input: opts.benchmark } }) });
  const shortest = read.items.reduce((m, it) => Math.min(m, it.r.length), Infinity);
  const window = read.table ? checkInteger(fn, 'window', opts.window, 1) : checkInteger(fn, 'window', opts.window, 1, shortest);
  for (const it of read.items) {
    if (window > it.r.length) {
      throw new InvalidArgumentError(
        `${fn}: \`window\` (${window}) is longer than the ${it.r.length} periods of ${it.asset ?? '`returns`'}.`,
        'window',
        window,
      );
    }
  }
  const b = read.items[0]?.b;
  const rf = checkRate(fn, 'riskFreeRate', opts.riskFreeRate);
  const ppy = checkPeriodsPerYear(fn, opts.periodsPerYear);
  const mar = checkRate(fn, 'minimumAcceptableReturn', opts.minimumAcceptableReturn);
  const theta = checkRate(fn, 'omegaThreshold', opts.omegaThreshold);

  let compute: (w: Float64Array, wb: Float64Array | undefined) => number;
  if (typeof metric === 'function') {
    compute = (w, wb) => {
      const v = metric(Array.from(w), wb ? Array.from(wb) : undefined);
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new InvalidArgumentError(`${fn}: the custom \`metric\` must return a finite number, got ${String(v)}.`, 'metric', String(v));
      }
      return v;
    };
  } else {
    const name = checkOneOf(fn, 'metric', metric, NAMES);
    if (METRICS[name].benchmark && !b) {
      throw new InvalidArgumentError(`${fn}: metric '${name}' needs the \`benchmark\` option.`, 'benchmark', 'undefined');
    }
    const minWindow = METRICS[name].minWindow;
    if (window < minWindow) {
      throw new InvalidArgumentError(`${fn}: metric '${name}' needs \`window\` ≥ ${minWindow}, got ${window}.`, 'window', window);
    }
    compute = namedKernel(name, rf, ppy, mar, theta);
  }
  const sliding = typeof metric === 'string' && window > SLIDING_MIN_WINDOW && (SLIDING_METRICS as readonly string[]).includes(metric);
  for (const it of read.items) {
    checkSizeCap(fn, 'returns', it.r.length, SIZE_CAPS.periods, 'split the series');
    if (!sliding) {
      checkSizeCap(
        fn,
        'window × windows',
        window * (it.r.length - window + 1),
        ROLLING_WORK_CAP,
        `use a shorter window, or one of ${SLIDING_METRICS.join(', ')}, which slide in O(T)`,
      );
    }
  }
  const roll = (s: SeriesItem): Array<number | null> => {
    const out = rollRaw(s);
    // a window whose figure overflowed the double range is refused, never returned as ±Infinity / NaN
    for (const v of out) if (v !== null) finiteMetric(s.fn, v);
    return out;
  };
  const rollRaw = (s: SeriesItem): Array<number | null> => {
    const { r, b: sb } = s;
    if (sliding) return slidingMetric(metric as SlidingMetricName, r, sb, window, rf, ppy);
    const out: Array<number | null> = [];
    for (let i = 0; i + window <= r.length; i++) {
      const w = r.subarray(i, i + window);
      const wb = sb ? sb.subarray(i, i + window) : undefined;
      if (typeof metric === 'function') out.push(compute(w, wb));
      else {
        try {
          out.push(compute(w, wb));
        } catch (e) {
          if (e instanceof InvalidArgumentError && e.value === 'degenerate') out.push(null);
          else throw e;
        }
      }
    }
    return out;
  };
  if (!read.table) return roll(read.items[0] as SeriesItem);
  return perAsset(read, (s) => ({ dates: (s.dates as string[]).slice(window - 1), values: roll(s) }));
}

function namedKernel(
  name: RollingMetricName,
  rf: number,
  ppy: number | undefined,
  mar: number,
  theta: number,
): (w: Float64Array, wb: Float64Array | undefined) => number {
  const fn = 'rollingMetric';
  const moment = (w: Float64Array, k: 3 | 4): number => {
    const n = w.length;
    const c = centralSums(w);
    const m = standardizedMoments(n, c[1], c[2], c[3]);
    if (!(m.m2 > 0)) undefinedRatio(fn, 'returns', 'the window is constant');
    return k === 3 ? m.g3 : m.g4 - 3;
  };
  switch (name) {
    case 'annualizedReturn':
      return (w) => annualizedReturnKernel(w, ppy);
    case 'annualizedVolatility':
      return (w) => annualizeDispersion(sdOf(w, 1), ppy);
    case 'sharpeRatio':
      return (w) => sharpeKernel(fn, w, rf, ppy);
    case 'sortinoRatio':
      return (w) => sortinoKernel(fn, w, mar, ppy);
    case 'calmarRatio':
      return (w) => calmarKernel(fn, w, ppy);
    case 'omegaRatio':
      return (w) => omegaKernel(fn, w, theta);
    case 'maxDrawdown':
      return (w) => scanDrawdowns(w).depth;
    case 'ulcerIndex':
      return (w) => ulcerKernel(w);
    case 'hitRate':
      return (w, wb) => hitRateKernel(w, wb);
    case 'skewness':
      return (w) => moment(w, 3);
    case 'kurtosis':
      return (w) => moment(w, 4);
    case 'probabilisticSharpeRatio':
      return (w) => psrKernel(fn, w, rf, 0);
    case 'informationRatio':
      return (w, wb) => informationKernel(fn, w, wb as Float64Array, ppy);
    case 'trackingError':
      return (w, wb) => annualizeDispersion(diffMoments(w, wb as Float64Array, 1).sd, ppy);
    case 'beta':
    case 'alpha':
      return (w, wb) => {
        const k = capmKernel(w, wb as Float64Array, rf);
        if (!k) return undefinedRatio(fn, 'benchmark', 'the benchmark window is constant');
        return name === 'beta' ? k.beta : annualizeAlpha(k.alpha, ppy);
      };
    case 'upCapture':
      return (w, wb) => captureKernel(fn, w, wb as Float64Array, ppy, true);
    case 'downCapture':
      return (w, wb) => captureKernel(fn, w, wb as Float64Array, ppy, false);
  }
}
