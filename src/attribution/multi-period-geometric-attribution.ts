import { InsufficientDataError, InvalidArgumentError } from '../core/errors.ts';
import { checkSizeCap } from '../core/limits.ts';
import { checkOptions } from '../core/validate.ts';
import { geometricKernel, type GeometricAttributionOptions, type GeometricAttributionResult } from './geometric-attribution.ts';
import { toSegments, weightOptions, type BrinsonInput } from './internal.ts';

/** Linked effects of one segment over all periods. */
export interface GeometricSegmentEffects {
  allocation: number;
  selection: number;
}

/** Result of {@link multiPeriodGeometricAttribution}. Per-segment arrays follow `segments`. */
export interface MultiPeriodGeometricAttributionResult {
  /** Every segment that appears in some period, in order of first appearance. */
  segments: string[];
  /** The single-period geometric attribution of each period (as {@link geometricAttribution}). */
  periods: GeometricAttributionResult[];
  /** Compounded portfolio return Π(1 + R_t) − 1. */
  portfolioReturn: number;
  /** Compounded benchmark return Π(1 + B_t) − 1. */
  benchmarkReturn: number;
  /** (1 + R)/(1 + B) − 1 over the whole horizon. */
  geometricExcessReturn: number;
  /** Linked allocation of each segment; sums to `totals.allocation`. */
  allocation: number[];
  /** Linked selection of each segment; sums to `totals.selection`. */
  selection: number[];
  /**
   * Compounded totals: allocation Π(1 + A_t) − 1, selection Π(1 + S_t) − 1, and
   * total (1 + allocation)(1 + selection) − 1, which equals `geometricExcessReturn`.
   */
  totals: { allocation: number; selection: number; total: number };
  /** The linked effects by segment label (built with Object.fromEntries). */
  bySegment: Record<string, GeometricSegmentEffects>;
}

/** The most periods {@link multiPeriodGeometricAttribution} links (one result object per period and segment). */
const MAX_PERIODS = 25_000;

/**
 * Throws when a compounded figure left the double range (a growth beyond 1.8e308, e.g.
 * a period return of 1e308 or thousands of periods of large returns): the linked effects would be
 * ±Infinity or NaN.
 */
function checkCompounded(fn: string, P: number, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) {
      throw new InvalidArgumentError(
        `${fn}: compounding the ${P} periods leaves the double range (a growth factor beyond 1.8e308, or a geometric effect of −100 %); check the units of the returns or attribute shorter spans.`,
        'periods',
        'overflow',
      );
    }
  }
}

/** ln(1 + x) / x, with its limit 1 at x = 0. */
function logRatio(x: number): number {
  return x === 0 ? 1 : Math.log1p(x) / x;
}

/**
 * Multi-period geometric attribution (Burnie, Knowles & Teder 1998; Bacon, *Practical Portfolio
 * Performance Measurement and Attribution*, 2nd ed., ch. 5 and 8): each period is attributed as
 * {@link geometricAttribution} does (allocation A_t = (1 + b_S,t)/(1 + B_t) − 1, selection
 * S_t = (1 + R_t)/(1 + b_S,t) − 1, b_S,t the semi-notional return), and the effects COMPOUND over
 * periods: A = Π(1 + A_t) − 1, S = Π(1 + S_t) − 1, so that (1 + A)(1 + S) = (1 + R)/(1 + B) exactly,
 * R and B being the compounded returns. No smoothing is needed for the totals (this is the
 * total-level linking of R's PortfolioAttribution `Attribution(..., geometric = TRUE)`).
 *
 * Segment effects do not compound by themselves (a segment's share of a period's total is
 * additive, the periods are multiplicative). They are linked by the logarithmic (Cariño-style)
 * factor of each effect: for an effect X with period totals X_t and compounded total X,
 * x_i = Σ_t x_i,t · k_t / k with k_t = ln(1 + X_t)/X_t and k = ln(1 + X)/X (both 1 at 0), which sums
 * over segments to X exactly and does not depend on the order of the periods. This scaling is our
 * documented choice; Bacon describes adjusting the segment effects so that they compound to the total
 * without prescribing one formula, and PortfolioAttribution reports totals only.
 *
 * Weights and returns are per period (fractions; returns ≥ −1); each period may hold different
 * securities or segments (a segment absent in a period has zero effect there). Input conventions per
 * period (security or segment level, zero weights) as {@link brinsonFachler}.
 *
 * @param periods one Brinson input per period, oldest first.
 * @throws {InvalidArgumentError} on an unknown key of the input object (naming the nearest known key) or an
 * option given inside it (refused, with a hint: options are honoured only in the options argument).
 * @throws {InsufficientDataError} with no period. @throws {InvalidArgumentError} when weights do not
 * sum to `weightSum`, on non-finite input, bad tags or options, or when a period's semi-notional,
 * portfolio or benchmark return is −100 % or less (the geometric effects are undefined).
 * @throws {DimensionError} when a period's arrays differ in length.
 * @throws {InvalidArgumentError} when a compounded figure leaves the double range (e.g. a period return of 1e308).
 * @throws {SizeLimitError} with more than 25,000 periods.
 * Size cap: at most 25,000 periods (about 100 years of daily data; the result holds one attribution per period).
 * @example
 * ```ts
 * import { multiPeriodGeometricAttribution } from 'quantivista/attribution';
 * const q = {
 *   portfolioWeights: [0.4, 0.3, 0.3], benchmarkWeights: [0.4, 0.2, 0.4],
 *   portfolioReturns: [0.2, -0.05, 0.06], benchmarkReturns: [0.1, -0.04, 0.08],
 * };
 * const g = multiPeriodGeometricAttribution([q, q]);
 * // two identical periods: the compounded effects are (1 + A_1)² − 1 and (1 + S_1)² − 1
 * console.log(g.totals.allocation); // -0.0224291932839...
 * console.log(Math.abs(g.totals.total - g.geometricExcessReturn) < 1e-15); // true
 * ```
 */
export function multiPeriodGeometricAttribution(
  periods: readonly BrinsonInput[],
  options?: GeometricAttributionOptions,
): MultiPeriodGeometricAttributionResult {
  const fn = 'multiPeriodGeometricAttribution';
  const opts = checkOptions(fn, options, ['weightSum', 'weightTolerance']);
  const { weightSum, tol } = weightOptions(fn, opts.weightSum, opts.weightTolerance);
  if (!Array.isArray(periods)) {
    throw new InvalidArgumentError(`${fn}: \`periods\` must be an array of Brinson inputs (one per period), got ${typeof periods}.`, 'periods', typeof periods);
  }
  const P = periods.length;
  if (P === 0) throw new InsufficientDataError(`${fn}: \`periods\` must hold at least 1 period, got 0.`, 1, 0);
  checkSizeCap(fn, 'periods', P, MAX_PERIODS, 'attribute shorter spans (e.g. one per year) and link their totals');
  const results: GeometricAttributionResult[] = [];
  const labels: string[] = [];
  const index = new Map<string, number>();
  for (let t = 0; t < P; t++) {
    const g = geometricKernel(toSegments(fn, periods[t] as BrinsonInput, weightSum, tol, `periods[${t}]`, ['weightSum', 'weightTolerance']));
    for (const [what, v] of [
      ['portfolio', g.portfolioReturn],
      ['benchmark', g.benchmarkReturn],
      ['semi-notional', g.seminotionalReturn],
    ] as const) {
      if (!(1 + v > 0)) {
        throw new InvalidArgumentError(
          `${fn}: \`periods[${t}]\` has a ${what} return of ${v}; geometric effects need returns above −100 %.`,
          `periods[${t}]`,
          v,
        );
      }
    }
    for (const l of g.segments) {
      if (!index.has(l)) {
        index.set(l, labels.length);
        labels.push(l);
      }
    }
    results.push(g);
  }
  let growthR = 1;
  let growthB = 1;
  let growthA = 1;
  let growthS = 1;
  for (const g of results) {
    growthR *= 1 + g.portfolioReturn;
    growthB *= 1 + g.benchmarkReturn;
    growthA *= 1 + g.totals.allocation;
    growthS *= 1 + g.totals.selection;
  }
  const A = growthA - 1;
  const S = growthS - 1;
  const kA = logRatio(A);
  const kS = logRatio(S);
  checkCompounded(fn, P, [growthR, growthB, growthA, growthS, kA, kS]);
  const m = labels.length;
  const alloc = new Float64Array(m);
  const sel = new Float64Array(m);
  for (const g of results) {
    const fa = logRatio(g.totals.allocation) / kA;
    const fs = logRatio(g.totals.selection) / kS;
    g.segments.forEach((l, k) => {
      const i = index.get(l) as number;
      alloc[i] = alloc[i] + g.allocation[k] * fa;
      sel[i] = sel[i] + g.selection[k] * fs;
    });
  }
  checkCompounded(fn, P, alloc);
  checkCompounded(fn, P, sel);
  return {
    segments: labels,
    periods: results,
    portfolioReturn: growthR - 1,
    benchmarkReturn: growthB - 1,
    geometricExcessReturn: growthR / growthB - 1,
    allocation: Array.from(alloc),
    selection: Array.from(sel),
    totals: { allocation: A, selection: S, total: growthA * growthS - 1 },
    bySegment: Object.fromEntries(labels.map((l, i) => [l, { allocation: alloc[i], selection: sel[i] }])),
  };
}
