import { InvalidArgumentError } from '../core/errors.ts';
import { checkOptions } from '../core/validate.ts';
import { total, toSegments, weightOptions, type BrinsonInput, type SegmentData } from './internal.ts';

/** Options of {@link geometricAttribution}. */
export interface GeometricAttributionOptions {
  /** What each weight vector must sum to (default 1). */
  weightSum?: number;
  /** Absolute tolerance on the weight sums (default 1e-8). */
  weightTolerance?: number;
}

/** Result of {@link geometricAttribution}. Per-segment arrays follow `segments`. */
export interface GeometricAttributionResult {
  segments: string[];
  portfolioReturn: number;
  benchmarkReturn: number;
  /** Semi-notional return b_S = Σ w_p,i r_b,i (portfolio weights, benchmark returns). */
  seminotionalReturn: number;
  /** Geometric excess return (1 + R)/(1 + B) − 1. */
  geometricExcessReturn: number;
  allocation: number[];
  selection: number[];
  /** Totals: (1 + allocation)(1 + selection) − 1 = geometricExcessReturn. */
  totals: { allocation: number; selection: number; total: number };
  bySegment: Record<string, { allocation: number; selection: number }>;
}

/**
 * Geometric attribution (Burnie, Knowles & Teder 1998; Bacon 2002; Bacon, *Practical Portfolio
 * Performance Measurement and Attribution*, 2nd ed., §5, Table 5.5): effects that compound rather
 * than add. With B the benchmark return, R the portfolio return and b_S = Σ w_p,i r_b,i the
 * semi-notional return, per segment i:
 *
 * - allocation `(w_p,i − w_b,i) ((1 + r_b,i)/(1 + B) − 1)`, summing to (1 + b_S)/(1 + B) − 1;
 * - selection `w_p,i ((1 + r_p,i)/(1 + r_b,i) − 1) (1 + r_b,i)/(1 + b_S)`, summing to (1 + R)/(1 + b_S) − 1;
 *
 * so (1 + allocation)(1 + selection) = (1 + R)/(1 + B): the geometric excess return, which links over
 * periods by compounding (no smoothing needed). Interaction is included in selection.
 * Input conventions (security or segment level, zero weights) as {@link brinsonFachler}.
 *
 * @throws {InvalidArgumentError} on an unknown key of the input object (naming the nearest known key) or an
 * option given inside it (refused, with a hint: options are honoured only in the options argument).
 * @throws {InvalidArgumentError} when weights do not sum to `weightSum`, on non-finite input, bad tags or options,
 * or when the benchmark or semi-notional return is −100 % or less (the ratios are undefined).
 * @throws {DimensionError} when the arrays differ in length.
 * @example
 * ```ts
 * import { geometricAttribution } from 'quantivista/attribution';
 * const g = geometricAttribution({
 *   portfolioWeights: [0.4, 0.3, 0.3], benchmarkWeights: [0.4, 0.2, 0.4],
 *   portfolioReturns: [0.2, -0.05, 0.06], benchmarkReturns: [0.1, -0.04, 0.08],
 * });
 * console.log(g.geometricExcessReturn); // 0.017857142857142...
 * ```
 */
export function geometricAttribution(input: BrinsonInput, options?: GeometricAttributionOptions): GeometricAttributionResult {
  const fn = 'geometricAttribution';
  const opts = checkOptions(fn, options, ['weightSum', 'weightTolerance']);
  const { weightSum, tol } = weightOptions(fn, opts.weightSum, opts.weightTolerance);
  const g = geometricKernel(toSegments(fn, input, weightSum, tol, 'input', ['weightSum', 'weightTolerance']));
  for (const [what, v] of [
    ['benchmark', g.benchmarkReturn],
    ['semi-notional', g.seminotionalReturn],
  ] as const) {
    if (!(1 + v > 0)) throw new InvalidArgumentError(`${fn}: \`input\` has a ${what} return of ${v}; geometric effects need it above −100 %.`, 'input', v);
  }
  return g;
}

/** Single-period geometric effects of aggregated segment data. @internal */
export function geometricKernel(s: SegmentData): GeometricAttributionResult {
  const m = s.labels.length;
  let bs = 0;
  for (let k = 0; k < m; k++) bs += s.wp[k] * s.rb[k];
  const alloc = new Float64Array(m);
  const sel = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const rb = s.rb[k];
    const rp = s.rp[k];
    alloc[k] = (s.wp[k] - s.wb[k]) * ((rb - s.B) / (1 + s.B));
    sel[k] = (s.wp[k] * (rp - rb)) / (1 + bs);
  }
  const ta = total(alloc);
  const ts = total(sel);
  return {
    segments: s.labels.slice(),
    portfolioReturn: s.R,
    benchmarkReturn: s.B,
    seminotionalReturn: bs,
    geometricExcessReturn: (s.R - s.B) / (1 + s.B),
    allocation: Array.from(alloc),
    selection: Array.from(sel),
    totals: { allocation: ta, selection: ts, total: (1 + ta) * (1 + ts) - 1 },
    bySegment: Object.fromEntries(s.labels.map((l, k) => [l, { allocation: alloc[k], selection: sel[k] }])),
  };
}
