/**
 * Sliding-window kernels of `rollingMetric` for the metrics built on sums: O(T) in all instead of
 * O(T · window). Each keeps compensated running sums (a term enters at the right edge and leaves at
 * the left one) and rebuilds them from scratch every `window` steps, so rounding cannot drift.
 *
 * @module
 * @internal
 */
import { portableLog1p } from '../core/portable-math.ts';
import { Adder } from '../core/accumulator.ts';
import { annualizeDispersion, annualizeLogGrowth, scaledRatio } from './metric-formulas.ts';

/** Metrics with a sliding kernel. @internal */
export type SlidingMetricName = 'annualizedReturn' | 'annualizedVolatility' | 'sharpeRatio' | 'hitRate' | 'trackingError' | 'informationRatio';

/** The names of {@link SlidingMetricName}. @internal */
export const SLIDING_METRICS: readonly SlidingMetricName[] = [
  'annualizedReturn',
  'annualizedVolatility',
  'sharpeRatio',
  'hitRate',
  'trackingError',
  'informationRatio',
];

/**
 * Windows up to this length are computed from scratch (bit-identical to the single metric); longer
 * ones by a sliding kernel. @internal
 */
export const SLIDING_MIN_WINDOW = 64;

/**
 * The rolling values of a sliding metric over `r` (and `b`), one per window, `null` where the metric
 * is undefined (a constant window for the dispersion ratios). @internal
 */
export function slidingMetric(
  name: SlidingMetricName,
  r: Float64Array,
  b: Float64Array | undefined,
  window: number,
  rf: number,
  ppy: number | undefined,
): Array<number | null> {
  switch (name) {
    case 'hitRate':
      return slidingHitRate(r, b, window);
    case 'annualizedReturn':
      return slidingReturn(r, window, ppy);
    case 'annualizedVolatility':
      return slidingDispersion(r, 0, undefined, window, (_mean, sd) => annualizeDispersion(sd, ppy), false);
    case 'sharpeRatio':
      return slidingDispersion(r, rf, undefined, window, (mean, sd) => scaledRatio(mean, sd, ppy), true);
    case 'trackingError':
      return slidingDispersion(r, 0, b, window, (_mean, sd) => annualizeDispersion(sd, ppy), false);
    case 'informationRatio':
      return slidingDispersion(r, 0, b, window, (mean, sd) => scaledRatio(mean, sd, ppy), true);
  }
}

/** Share of periods beating the benchmark (or 0): an integer count, hence exact. */
function slidingHitRate(r: Float64Array, b: Float64Array | undefined, w: number): number[] {
  const hit = (i: number): number => (r[i] > (b ? b[i] : 0) ? 1 : 0);
  const out: number[] = [];
  let hits = 0;
  for (let i = 0; i < r.length; i++) {
    hits += hit(i);
    if (i >= w) hits -= hit(i - w);
    if (i >= w - 1) out.push(hits / w);
  }
  return out;
}

/** Geometric annualised return from a sliding compensated Σ log1p(r) and a count of total losses. */
function slidingReturn(r: Float64Array, w: number, ppy: number | undefined): number[] {
  const out: number[] = [];
  const acc = new Adder();
  let losses = 0;
  const term = (i: number): number => (r[i] === -1 ? 0 : portableLog1p(r[i]));
  for (let i = 0; i < r.length; i++) {
    if (r[i] === -1) losses++;
    if (i >= w && r[i - w] === -1) losses--;
    if (i >= w && (i - w + 1) % w === 0) {
      // rebuild from scratch at the start of every w-th window
      acc.reset();
      for (let k = i - w + 1; k <= i; k++) acc.add(term(k));
    } else {
      acc.add(term(i));
      if (i >= w) acc.add(-term(i - w));
    }
    if (i >= w - 1) out.push(annualizeLogGrowth(acc.valueOf(), losses > 0, w, ppy));
  }
  return out;
}

/**
 * Mean and sample standard deviation of d_t = r_t − (b_t or `shift0`) over each window, from sliding
 * compensated sums of (d − c) and (d − c)², c the mean of the window at the last rebuild. A window
 * whose d are all equal has sd exactly 0 (tracked by the length of the run of equal values), as
 * from scratch: then `null` when `ratio` (the ratio is undefined), else `close(mean, 0)`.
 */
function slidingDispersion(
  r: Float64Array,
  shift0: number,
  b: Float64Array | undefined,
  w: number,
  close: (mean: number, sd: number) => number,
  ratio: boolean,
): Array<number | null> {
  const d = (i: number): number => r[i] - (b ? b[i] : shift0);
  const out: Array<number | null> = [];
  const s1 = new Adder();
  const s2 = new Adder();
  let c = 0;
  let run = 0;
  const rebuild = (lo: number, hi: number): void => {
    const m = new Adder();
    for (let k = lo; k <= hi; k++) m.add(d(k));
    c = m.valueOf() / (hi - lo + 1);
    s1.reset();
    s2.reset();
    for (let k = lo; k <= hi; k++) {
      const e = d(k) - c;
      s1.add(e);
      s2.add(e * e);
    }
  };
  for (let i = 0; i < r.length; i++) {
    run = i > 0 && d(i) === d(i - 1) ? run + 1 : 1;
    if (i === w - 1 || (i >= w && (i - w + 1) % w === 0)) rebuild(i - w + 1, i);
    else if (i >= w) {
      const ein = d(i) - c;
      const eout = d(i - w) - c;
      s1.add(ein).add(-eout);
      s2.add(ein * ein).add(-(eout * eout));
    }
    if (i < w - 1) continue;
    const S1 = s1.valueOf();
    const mean = c + S1 / w;
    if (run >= w) {
      out.push(ratio ? null : close(d(i), 0));
      continue;
    }
    const sd = Math.sqrt(Math.max(0, (s2.valueOf() - (S1 * S1) / w) / (w - 1)));
    out.push(ratio && !(sd > 0) ? null : close(mean, sd));
  }
  return out;
}
