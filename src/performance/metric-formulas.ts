/**
 * The closing formulas of the performance metrics, written once: each turns the sums of a pass over
 * the returns into a figure. The single-metric functions (`sharpeRatio`, `sortinoRatio`, `beta`, ...)
 * and the fused {@link summaryKernel} of `performanceSummary` both call these, so a formula (and its
 * floating-point expression, hence every bit of the result) cannot drift between the two. The passes
 * that produce the sums are the kernels' own: the fused kernel keeps its passes because it is about
 * 2.4x faster than the single-metric functions called one by one (see `npm run bench -- performance`).
 *
 * @module
 * @internal
 */
import { portableExp, portableExpm1, portableLog } from '../core/portable-math.ts';
import { normalCdfKernel } from '../core/distributions.ts';

/** Wealth growth Π(1 + r) from a compensated Σ log1p(r); 0 when some r = −1 (a total loss). @internal */
export function growthFromLog(logSum: number, hitMinusOne: boolean): number {
  return hitMinusOne ? 0 : portableExp(logSum);
}

/** Geometric annualisation of the growth `g` over `count` periods: g^(periodsPerYear / count) − 1 (−1 for g = 0). @internal */
export function annualizeGrowth(g: number, count: number, ppy: number | undefined): number {
  if (g === 0) return -1;
  const power = (ppy ?? 1) / count;
  return portableExpm1(portableLog(g) * power);
}

/**
 * Geometric annualisation from the compensated Σ log1p(r) over `count` periods (−1 after a total
 * loss). Where Π(1 + r) = exp(Σ log1p r) is a finite positive double this is
 * {@link annualizeGrowth} of it, bit for bit; where it overflows to ∞ or underflows to 0 (about a
 * million periods of ±1 %), the figure is taken in log space, expm1(Σ log1p r · periodsPerYear / count),
 * so it stays finite and correct instead of ∞ / NaN. @internal
 */
export function annualizeLogGrowth(logSum: number, hitMinusOne: boolean, count: number, ppy: number | undefined): number {
  if (hitMinusOne) return -1;
  const g = portableExp(logSum);
  if (g > 0 && g < Number.POSITIVE_INFINITY) return annualizeGrowth(g, count, ppy);
  return portableExpm1(logSum * ((ppy ?? 1) / count));
}

/** Standard deviation with divisor n − ddof from the centred sums Σd² and Σd (two-pass, with the Σd correction). @internal */
export function sdFromSums(sumSq: number, sum: number, n: number, ddof = 1): number {
  return Math.sqrt(Math.max(0, (sumSq - (sum * sum) / n) / (n - ddof)));
}

/** A per-period dispersion scaled to a year: σ·√periodsPerYear (σ when periodsPerYear is omitted). @internal */
export function annualizeDispersion(sd: number, ppy: number | undefined): number {
  return sd * Math.sqrt(ppy ?? 1);
}

/** A mean-over-dispersion ratio (Sharpe, information ratio) scaled to a year: (mean / sd)·√periodsPerYear. @internal */
export function scaledRatio(mean: number, sd: number, ppy: number | undefined): number {
  return (mean / sd) * Math.sqrt(ppy ?? 1);
}

/** Downside deviation √(Σ min(r − MAR, 0)² / n) from the compensated sum of squares. @internal */
export function downsideDeviationFrom(sumDown2: number, n: number): number {
  return Math.sqrt(sumDown2 / n);
}

/** Sortino ratio (mean(r − MAR) / downside deviation)·√periodsPerYear from the compensated Σ(r − MAR). @internal */
export function sortinoFrom(sumX: number, n: number, downDev: number, ppy: number | undefined): number {
  return (sumX / n / downDev) * Math.sqrt(ppy ?? 1);
}

/** Ulcer index √(Σ drawdown² / n) from the compensated sum of squared drawdowns. @internal */
export function ulcerFrom(sumDd2: number, n: number): number {
  return Math.sqrt(sumDd2 / n);
}

/** Population skewness g1 and kurtosis g2 + 3 from n, the corrected m2·n (Σd² − Σd·Σd/n) and Σd³, Σd⁴. @internal */
export function standardizedMoments(n: number, s2: number, s3: number, s4: number): { m2: number; g3: number; g4: number } {
  const m2 = s2 / n;
  return { m2, g3: s3 / n / (m2 * Math.sqrt(m2)), g4: s4 / n / (m2 * m2) };
}

/** Variance factor 1 − γ3·SR + (γ4 − 1)/4·SR² of the Sharpe estimate (Bailey & López de Prado 2012). @internal */
export function sharpeEstimateVariance(sr: number, g3: number, g4: number): number {
  return 1 - g3 * sr + ((g4 - 1) / 4) * sr * sr;
}

/** Probabilistic Sharpe ratio Φ((SR − SR*)·√(n − 1) / √v) for a positive variance factor v. @internal */
export function psrFrom(sr: number, srStar: number, n: number, v: number): number {
  return normalCdfKernel(((sr - srStar) * Math.sqrt(n - 1)) / Math.sqrt(v));
}

/** CAPM slope and per-period intercept from the compensated centred cross sums; undefined for a constant benchmark. @internal */
export function capmFrom(sxy: number, sxx: number, meanE: number, meanEB: number): { alpha: number; beta: number } | undefined {
  if (!(sxx > 0)) return undefined;
  const beta = sxy / sxx;
  return { beta, alpha: meanE - beta * meanEB };
}

/** A per-period intercept scaled to a year by simple multiplication (× periodsPerYear). @internal */
export function annualizeAlpha(alpha: number, ppy: number | undefined): number {
  return alpha * (ppy ?? 1);
}

/**
 * Capture ratio: the annualised growth of the fund over the annualised growth of the benchmark, over
 * the same `count` periods, from their compensated Σ log1p sums (see {@link annualizeLogGrowth}). @internal
 */
export function captureFrom(fundLog: number, fundMinusOne: boolean, benchLog: number, benchMinusOne: boolean, count: number, ppy: number | undefined): number {
  return annualizeLogGrowth(fundLog, fundMinusOne, count, ppy) / annualizeLogGrowth(benchLog, benchMinusOne, count, ppy);
}
