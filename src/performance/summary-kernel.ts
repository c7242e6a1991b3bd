/**
 * Internal fused kernels of {@link performanceSummary}: every figure of the summary from a handful
 * of single passes over the validated flat series, with no per-element allocation and no
 * intermediate series (one scratch buffer holds log1p(r) so the capture ratios reuse it). Each figure
 * is accumulated in exactly the order of the single-metric kernel it replaces (Neumaier-compensated
 * sums where those use them) and closed by the same formula from `metric-formulas.ts`, which the
 * single-metric functions call too, so each formula exists once and the summary and the individual
 * functions agree to the bit (`test/performance/summary-consistency.test.ts` checks that). The
 * drawdown pass {@link scanDrawdowns} is also the pass of `calmarRatio`, `ulcerIndex` and the rolling
 * 'maxDrawdown'. The fused passes are kept because the summary is about 2.4x faster than the
 * single-metric functions called one by one.
 *
 * The compensated sums are the core `Adder` (the same arithmetic, hence the same bits, as the single
 * metrics' sums), and the drawdown episodes come from the shared `DrawdownWalk` of `drawdowns`. The
 * fused passes stay because they measure 2x and more faster than the single metrics one by one
 * (`npm run bench -- performance`: about 0.2–0.37 s against 0.9–1.4 s on 10⁶ returns with a
 * benchmark). The work is split into
 * several small loops rather than one large one because V8's optimising compiler takes far longer
 * (hundreds of ms) on one huge loop body than on a few small ones.
 *
 * @module
 * @internal
 */
import { portableLog1p } from '../core/portable-math.ts';
import { Adder } from '../core/accumulator.ts';
import { DrawdownWalk } from './drawdown-walk.ts';
import {
  annualizeAlpha,
  annualizeDispersion,
  annualizeLogGrowth,
  capmFrom,
  captureFrom,
  downsideDeviationFrom,
  growthFromLog,
  psrFrom,
  scaledRatio,
  sdFromSums,
  sharpeEstimateVariance,
  sortinoFrom,
  standardizedMoments,
  ulcerFrom,
} from './metric-formulas.ts';
import type { PerformanceSummary } from './summary-types.ts';

/** Geometric annualisation from a compensated Σ log1p(r) over `count` periods, as `annualizedReturnKernel`. */
function annualizeFromLog(logSum: number, hitMinusOne: boolean, count: number, ppy: number | undefined): number {
  return annualizeLogGrowth(logSum, hitMinusOne, count, ppy);
}

function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

interface ReturnSums {
  best: number;
  worst: number;
  hits: number;
  logR: number;
  minusOne: boolean;
  sumR: number;
  sumE: number;
  sumX: number;
  sumDown2: number;
  omegaUp: number;
  omegaDown: number;
}

/** Pass over r: extremes, hits, Σ log1p(r) (also stored in `logs`), and the compensated sums of r, r − rf, r − MAR, min(r − MAR, 0)², and the Omega gains / losses. */
function scanReturns(r: Float64Array, rf: number, mar: number, theta: number, logs: Float64Array): ReturnSums {
  let best = -Infinity;
  let worst = Infinity;
  let hits = 0;
  let minusOne = false;
  const lSum = new Adder();
  const rSum = new Adder();
  const eSum = new Adder();
  const xSum = new Adder();
  const qSum = new Adder();
  const uSum = new Adder();
  const dSum = new Adder();
  for (let t = 0; t < r.length; t++) {
    const x = r[t];
    if (x > best) best = x;
    if (x < worst) worst = x;
    if (x > 0) hits++;
    if (x === -1) {
      minusOne = true;
      logs[t] = 0;
    } else {
      const v = portableLog1p(x);
      logs[t] = v;
      lSum.add(v);
    }
    rSum.add(x);
    eSum.add(x - rf);
    const xm = x - mar;
    xSum.add(xm);
    {
      const dm = Math.min(xm, 0);
      const v = dm * dm;
      qSum.add(v);
    }
    const xo = x - theta;
    if (xo > 0) {
      uSum.add(xo);
    } else dSum.add(-xo);
  }
  return {
    best,
    worst,
    hits,
    logR: lSum.valueOf(),
    minusOne,
    sumR: rSum.valueOf(),
    sumE: eSum.valueOf(),
    sumX: xSum.valueOf(),
    sumDown2: qSum.valueOf(),
    omegaUp: uSum.valueOf(),
    omegaDown: dSum.valueOf(),
  };
}

/** Result of {@link scanDrawdowns}. @internal */
export interface DrawdownScan {
  depth: number;
  peak: number | null;
  trough: number | null;
  recovery: number | null;
  longest: number;
  ulcer2: number;
}

/**
 * Pass over r for the wealth index: the deepest episode (earliest on ties), the longest episode and
 * the compensated Σ drawdown², splitting episodes exactly as `drawdowns` does (an episode ends at the
 * first position whose drawdown is 0). Also the pass of `calmarRatio`, `ulcerIndex` and the rolling
 * 'maxDrawdown'. @internal
 */
export function scanDrawdowns(r: Float64Array): DrawdownScan {
  const T = r.length;
  let deepDepth = 0;
  let deepStart = -1;
  let deepTrough = 0;
  let deepEnd = -1; // −1: not recovered
  let longest = 0;
  const ulcer = new Adder();
  const walk = new DrawdownWalk();
  const closeEpisode = (end: number | null): void => {
    if (walk.depth > deepDepth) {
      deepDepth = walk.depth;
      deepStart = walk.start;
      deepTrough = walk.trough;
      deepEnd = end ?? -1;
    }
    const length = (end ?? T) - walk.start;
    if (length > longest) longest = length;
  };
  for (let t = 0; t < T; t++) {
    const closed = walk.next(t, r[t]);
    const d = walk.drawdown;
    if (d > 0) ulcer.add(d ** 2);
    if (closed) closeEpisode(t + 1);
  }
  if (walk.finish()) closeEpisode(null);
  const ulcer2 = ulcer.valueOf();
  return deepStart < 0
    ? { depth: 0, peak: null, trough: null, recovery: null, longest, ulcer2 }
    : { depth: deepDepth, peak: deepStart, trough: deepTrough, recovery: deepEnd < 0 ? null : deepEnd, longest, ulcer2 };
}

interface BenchmarkSums {
  hits: number;
  logB: number;
  bMinusOne: boolean;
  nUp: number;
  logRUp: number;
  rUpMinusOne: boolean;
  logBUp: number;
  nDown: number;
  logRDown: number;
  rDownMinusOne: boolean;
  logBDown: number;
  bDownMinusOne: boolean;
  sumA: number;
  sumEB: number;
}

/** Pass over r and b: hits against b, Σ log1p(b), the log-growth of r and b over b's up and down periods (captures), and the compensated sums of r − b and b − rf. */
function scanBenchmark(r: Float64Array, b: Float64Array, rf: number, logs: Float64Array): BenchmarkSums {
  let hits = 0;
  let bMinusOne = false;
  let rUpMinusOne = false;
  let rDownMinusOne = false;
  let bDownMinusOne = false;
  let nUp = 0;
  let nDown = 0;
  const lbSum = new Adder();
  const ruSum = new Adder();
  const buSum = new Adder();
  const rdSum = new Adder();
  const bdSum = new Adder();
  const aSum = new Adder();
  const ebSum = new Adder();
  for (let t = 0; t < r.length; t++) {
    const x = r[t];
    const y = b[t];
    if (x > y) hits++;
    const ly = y === -1 ? 0 : portableLog1p(y);
    if (y === -1) bMinusOne = true;
    else lbSum.add(ly);
    if (y > 0) {
      nUp++;
      if (x === -1) rUpMinusOne = true;
      else ruSum.add(logs[t]);
      buSum.add(ly);
    } else if (y < 0) {
      nDown++;
      if (x === -1) rDownMinusOne = true;
      else rdSum.add(logs[t]);
      if (y === -1) bDownMinusOne = true;
      else bdSum.add(ly);
    }
    aSum.add(x - y);
    ebSum.add(y - rf);
  }
  return {
    hits,
    logB: lbSum.valueOf(),
    bMinusOne,
    nUp,
    logRUp: ruSum.valueOf(),
    rUpMinusOne,
    logBUp: buSum.valueOf(),
    nDown,
    logRDown: rdSum.valueOf(),
    rDownMinusOne,
    logBDown: bdSum.valueOf(),
    bDownMinusOne,
    sumA: aSum.valueOf(),
    sumEB: ebSum.valueOf(),
  };
}

/** Centred pass over r: the `centralSums` sums (Σd, Σd², Σd³, Σd⁴ about the mean) and the `sdOf` sums of r − rf. */
function centredReturns(r: Float64Array, meanR: number, rf: number, meanE: number): { s1: number; s2: number; s3: number; s4: number; e1: number; e2: number } {
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  let e1 = 0;
  let e2 = 0;
  for (let t = 0; t < r.length; t++) {
    const x = r[t];
    const d = x - meanR;
    const dd = d * d;
    s1 += d;
    s2 += dd;
    s3 += dd * d;
    s4 += dd * dd;
    const de = x - rf - meanE;
    e1 += de;
    e2 += de * de;
  }
  return { s1, s2, s3, s4, e1, e2 };
}

/** Centred pass over r and b: the `sdOf` sums of r − b and the compensated CAPM cross-products of `capmKernel`. */
function centredRelative(
  r: Float64Array,
  b: Float64Array,
  rf: number,
  meanE: number,
  meanA: number,
  meanEB: number,
): { a1: number; a2: number; sxy: number; sxx: number } {
  let a1 = 0;
  let a2 = 0;
  const xySum = new Adder();
  const xxSum = new Adder();
  for (let t = 0; t < r.length; t++) {
    const x = r[t];
    const y = b[t];
    const da = x - y - meanA;
    a1 += da;
    a2 += da * da;
    const dx = y - rf - meanEB;
    xySum.add(dx * (x - rf - meanE));
    xxSum.add(dx * dx);
  }
  return { a1, a2, sxy: xySum.valueOf(), sxx: xxSum.valueOf() };
}

/** The figures of the summary (the caller adds `periods`, `periodsPerYear`, `riskFreeRate` and, for a table, the dates). @internal */
export type SummaryFigures = Omit<PerformanceSummary, 'periods' | 'startDate' | 'endDate' | 'periodsPerYear' | 'riskFreeRate'>;

/** Every figure of the summary on validated input (r: returns ≥ −1, b: same length or undefined). @internal */
export function summaryKernel(r: Float64Array, b: Float64Array | undefined, rf: number, mar: number, theta: number, ppy: number | undefined): SummaryFigures {
  const T = r.length;
  const many = T >= 2;
  const logs = new Float64Array(T);
  const p = scanReturns(r, rf, mar, theta, logs);
  const dd = scanDrawdowns(r);
  const meanE = p.sumE / T;
  const c = centredReturns(r, p.sumR / T, rf, meanE);

  const annRet = annualizeFromLog(p.logR, p.minusOne, T, ppy);
  const sdE = sdFromSums(c.e2, c.e1, T);
  // centralSums' second moment, with the Chan–Golub–LeVeque correction
  const mom = standardizedMoments(T, c.s2 - c.s1 * (c.s1 / T), c.s3, c.s4);
  const m2 = mom.m2;
  const srPerPeriod = many && sdE > 0 ? scaledRatio(meanE, sdE, undefined) : NaN;
  let psr: number | null = null;
  if (Number.isFinite(srPerPeriod)) {
    const v = sharpeEstimateVariance(srPerPeriod, mom.g3, mom.g4);
    if (v > 0) psr = finiteOrNull(psrFrom(srPerPeriod, 0, T, v));
  }
  const downDev = downsideDeviationFrom(p.sumDown2, T);

  let relative: SummaryFigures['relative'] = null;
  if (b !== undefined) {
    const q = scanBenchmark(r, b, rf, logs);
    const meanA = q.sumA / T;
    const meanEB = q.sumEB / T;
    const k = centredRelative(r, b, rf, meanE, meanA, meanEB);
    const bAnn = annualizeFromLog(q.logB, q.bMinusOne, T, ppy);
    const te = sdFromSums(k.a2, k.a1, T);
    const capm = many ? capmFrom(k.sxy, k.sxx, meanE, meanEB) : undefined;
    relative = {
      benchmarkTotalReturn: growthFromLog(q.logB, q.bMinusOne) - 1,
      benchmarkAnnualizedReturn: bAnn,
      excessAnnualizedReturn: annRet - bAnn,
      trackingError: many ? annualizeDispersion(te, ppy) : null,
      informationRatio: many && te > 0 ? finiteOrNull(scaledRatio(meanA, te, ppy)) : null,
      beta: capm === undefined ? null : capm.beta,
      alpha: capm === undefined ? null : annualizeAlpha(capm.alpha, ppy),
      upCapture: q.nUp > 0 ? finiteOrNull(captureFrom(q.logRUp, q.rUpMinusOne, q.logBUp, false, q.nUp, ppy)) : null,
      downCapture: q.nDown > 0 ? finiteOrNull(captureFrom(q.logRDown, q.rDownMinusOne, q.logBDown, q.bDownMinusOne, q.nDown, ppy)) : null,
      hitRate: q.hits / T,
    };
  }

  return {
    totalReturn: growthFromLog(p.logR, p.minusOne) - 1,
    annualizedReturn: annRet,
    annualizedVolatility: many ? annualizeDispersion(sdFromSums(c.s2, c.s1, T), ppy) : null,
    sharpeRatio: many && sdE > 0 ? finiteOrNull(scaledRatio(meanE, sdE, ppy)) : null,
    sortinoRatio: downDev > 0 ? finiteOrNull(sortinoFrom(p.sumX, T, downDev, ppy)) : null,
    calmarRatio: dd.depth > 0 ? finiteOrNull(annRet / dd.depth) : null,
    omegaRatio: p.omegaDown > 0 ? finiteOrNull(p.omegaUp / p.omegaDown) : null,
    maxDrawdown: { depth: dd.depth, peak: dd.peak, trough: dd.trough, recovery: dd.recovery },
    longestDrawdown: dd.longest,
    ulcerIndex: ulcerFrom(dd.ulcer2, T),
    skewness: many && m2 > 0 ? mom.g3 : null,
    kurtosis: many && m2 > 0 ? mom.g4 - 3 : null,
    hitRate: p.hits / T,
    probabilisticSharpeRatio: psr,
    bestPeriod: p.best,
    worstPeriod: p.worst,
    relative,
  };
}
