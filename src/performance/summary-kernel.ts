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
 * The Neumaier steps are written out inline (a `{ v; u = S + v; ... }` block per sum): a method call
 * per element and per sum is not inlined by V8 at this many call sites. The work is split into
 * several small loops rather than one large one because V8's optimising compiler takes far longer
 * (hundreds of ms) on one huge loop body than on a few small ones.
 *
 * @module
 * @internal
 */
import {
  annualizeAlpha,
  annualizeDispersion,
  annualizeGrowth,
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
  return annualizeGrowth(growthFromLog(logSum, hitMinusOne), count, ppy);
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
  let lS = 0;
  let lC = 0;
  let rS = 0;
  let rC = 0;
  let eS = 0;
  let eC = 0;
  let xS = 0;
  let xC = 0;
  let qS = 0;
  let qC = 0;
  let uS = 0;
  let uC = 0;
  let dS = 0;
  let dC = 0;
  for (let t = 0; t < r.length; t++) {
    const x = r[t];
    if (x > best) best = x;
    if (x < worst) worst = x;
    if (x > 0) hits++;
    if (x === -1) {
      minusOne = true;
      logs[t] = 0;
    } else {
      const v = Math.log1p(x);
      logs[t] = v;
      const s = lS + v;
      if (Math.abs(lS) >= Math.abs(v)) lC += lS - s + v;
      else lC += v - s + lS;
      lS = s;
    }
    {
      const s = rS + x;
      if (Math.abs(rS) >= Math.abs(x)) rC += rS - s + x;
      else rC += x - s + rS;
      rS = s;
    }
    {
      const v = x - rf;
      const s = eS + v;
      if (Math.abs(eS) >= Math.abs(v)) eC += eS - s + v;
      else eC += v - s + eS;
      eS = s;
    }
    const xm = x - mar;
    {
      const s = xS + xm;
      if (Math.abs(xS) >= Math.abs(xm)) xC += xS - s + xm;
      else xC += xm - s + xS;
      xS = s;
    }
    {
      const dm = Math.min(xm, 0);
      const v = dm * dm;
      const s = qS + v;
      if (Math.abs(qS) >= Math.abs(v)) qC += qS - s + v;
      else qC += v - s + qS;
      qS = s;
    }
    const xo = x - theta;
    if (xo > 0) {
      const s = uS + xo;
      if (Math.abs(uS) >= Math.abs(xo)) uC += uS - s + xo;
      else uC += xo - s + uS;
      uS = s;
    } else {
      const v = -xo;
      const s = dS + v;
      if (Math.abs(dS) >= Math.abs(v)) dC += dS - s + v;
      else dC += v - s + dS;
      dS = s;
    }
  }
  return { best, worst, hits, logR: lS + lC, minusOne, sumR: rS + rC, sumE: eS + eC, sumX: xS + xC, sumDown2: qS + qC, omegaUp: uS + uC, omegaDown: dS + dC };
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
  let w = 1;
  let peak = 1;
  let inEpisode = false;
  let epStart = 0;
  let epTrough = 0;
  let epDepth = 0;
  let deepDepth = 0;
  let deepStart = -1;
  let deepTrough = 0;
  let deepEnd = -1; // −1: not recovered
  let longest = 0;
  let qS = 0;
  let qC = 0;
  for (let t = 0; t < T; t++) {
    w *= 1 + r[t];
    let d = 0;
    if (w >= peak) peak = w;
    else d = 1 - w / peak;
    if (d > 0) {
      const v = d ** 2;
      const s = qS + v;
      if (Math.abs(qS) >= Math.abs(v)) qC += qS - s + v;
      else qC += v - s + qS;
      qS = s;
      if (!inEpisode) {
        inEpisode = true;
        epStart = t;
        epDepth = d;
        epTrough = t + 1;
      } else if (d > epDepth) {
        epDepth = d;
        epTrough = t + 1;
      }
    } else if (inEpisode) {
      inEpisode = false;
      if (epDepth > deepDepth) {
        deepDepth = epDepth;
        deepStart = epStart;
        deepTrough = epTrough;
        deepEnd = t + 1;
      }
      if (t + 1 - epStart > longest) longest = t + 1 - epStart;
    }
  }
  if (inEpisode) {
    if (epDepth > deepDepth) {
      deepDepth = epDepth;
      deepStart = epStart;
      deepTrough = epTrough;
      deepEnd = -1;
    }
    if (T - epStart > longest) longest = T - epStart;
  }
  return deepStart < 0
    ? { depth: 0, peak: null, trough: null, recovery: null, longest, ulcer2: qS + qC }
    : { depth: deepDepth, peak: deepStart, trough: deepTrough, recovery: deepEnd < 0 ? null : deepEnd, longest, ulcer2: qS + qC };
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
  let lbS = 0;
  let lbC = 0;
  let ruS = 0;
  let ruC = 0;
  let buS = 0;
  let buC = 0;
  let rdS = 0;
  let rdC = 0;
  let bdS = 0;
  let bdC = 0;
  let aS = 0;
  let aC = 0;
  let ebS = 0;
  let ebC = 0;
  for (let t = 0; t < r.length; t++) {
    const x = r[t];
    const y = b[t];
    if (x > y) hits++;
    const ly = y === -1 ? 0 : Math.log1p(y);
    if (y === -1) bMinusOne = true;
    else {
      const s = lbS + ly;
      if (Math.abs(lbS) >= Math.abs(ly)) lbC += lbS - s + ly;
      else lbC += ly - s + lbS;
      lbS = s;
    }
    if (y > 0) {
      nUp++;
      if (x === -1) rUpMinusOne = true;
      else {
        const v = logs[t];
        const s = ruS + v;
        if (Math.abs(ruS) >= Math.abs(v)) ruC += ruS - s + v;
        else ruC += v - s + ruS;
        ruS = s;
      }
      const s = buS + ly;
      if (Math.abs(buS) >= Math.abs(ly)) buC += buS - s + ly;
      else buC += ly - s + buS;
      buS = s;
    } else if (y < 0) {
      nDown++;
      if (x === -1) rDownMinusOne = true;
      else {
        const v = logs[t];
        const s = rdS + v;
        if (Math.abs(rdS) >= Math.abs(v)) rdC += rdS - s + v;
        else rdC += v - s + rdS;
        rdS = s;
      }
      if (y === -1) bDownMinusOne = true;
      else {
        const s = bdS + ly;
        if (Math.abs(bdS) >= Math.abs(ly)) bdC += bdS - s + ly;
        else bdC += ly - s + bdS;
        bdS = s;
      }
    }
    {
      const v = x - y;
      const s = aS + v;
      if (Math.abs(aS) >= Math.abs(v)) aC += aS - s + v;
      else aC += v - s + aS;
      aS = s;
    }
    {
      const v = y - rf;
      const s = ebS + v;
      if (Math.abs(ebS) >= Math.abs(v)) ebC += ebS - s + v;
      else ebC += v - s + ebS;
      ebS = s;
    }
  }
  return {
    hits,
    logB: lbS + lbC,
    bMinusOne,
    nUp,
    logRUp: ruS + ruC,
    rUpMinusOne,
    logBUp: buS + buC,
    nDown,
    logRDown: rdS + rdC,
    rDownMinusOne,
    logBDown: bdS + bdC,
    bDownMinusOne,
    sumA: aS + aC,
    sumEB: ebS + ebC,
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
  let xyS = 0;
  let xyC = 0;
  let xxS = 0;
  let xxC = 0;
  for (let t = 0; t < r.length; t++) {
    const x = r[t];
    const y = b[t];
    const da = x - y - meanA;
    a1 += da;
    a2 += da * da;
    const dx = y - rf - meanEB;
    {
      const v = dx * (x - rf - meanE);
      const s = xyS + v;
      if (Math.abs(xyS) >= Math.abs(v)) xyC += xyS - s + v;
      else xyC += v - s + xyS;
      xyS = s;
    }
    {
      const v = dx * dx;
      const s = xxS + v;
      if (Math.abs(xxS) >= Math.abs(v)) xxC += xxS - s + v;
      else xxC += v - s + xxS;
      xxS = s;
    }
  }
  return { a1, a2, sxy: xyS + xyC, sxx: xxS + xxC };
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
      upCapture: q.nUp > 0 ? finiteOrNull(captureFrom(growthFromLog(q.logRUp, q.rUpMinusOne), growthFromLog(q.logBUp, false), q.nUp, ppy)) : null,
      downCapture:
        q.nDown > 0 ? finiteOrNull(captureFrom(growthFromLog(q.logRDown, q.rDownMinusOne), growthFromLog(q.logBDown, q.bDownMinusOne), q.nDown, ppy)) : null,
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
