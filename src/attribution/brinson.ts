import { checkOneOf, checkOptions } from '../core/validate.ts';
import { total, toSegments, weightOptions, type BrinsonInput, type SegmentData } from './internal.ts';

export type { BrinsonInput } from './internal.ts';

/** Options of {@link brinsonFachler} and {@link brinsonHoodBeebower}. */
export interface BrinsonOptions {
  /**
   * `'separate'` (default): three effects, selection = w_b (r_p − r_b) and interaction =
   * (w_p − w_b)(r_p − r_b). `'in-selection'`: interaction folded into selection, selection =
   * w_p (r_p − r_b), interaction reported as 0 (Bacon's "top-down" presentation, Table 5.4).
   */
  interaction?: 'separate' | 'in-selection';
  /** What each weight vector must sum to (default 1). */
  weightSum?: number;
  /** Absolute tolerance on the weight sums (default 1e-8). */
  weightTolerance?: number;
}

/**
 * The figures every segment-level attribution reports for a segment (or a node of a hierarchy):
 * its portfolio and benchmark weights and returns, and its allocation and selection effects, as
 * fractions. Extended by {@link BrinsonSegment} and `MultiLevelNode`.
 */
export interface SegmentFigures {
  portfolioWeight: number;
  benchmarkWeight: number;
  portfolioReturn: number;
  benchmarkReturn: number;
  allocation: number;
  selection: number;
}

/** Per-segment figures of a {@link BrinsonResult}. */
export interface BrinsonSegment extends SegmentFigures {
  interaction: number;
  total: number;
}

/** Result of the single-period Brinson models. Per-segment arrays follow `segments`. */
export interface BrinsonResult {
  method: 'brinson-fachler' | 'brinson-hood-beebower';
  interactionTreatment: 'separate' | 'in-selection';
  /** Segment labels, in order of first appearance. */
  segments: string[];
  /** R = Σ w_p r_p. */
  portfolioReturn: number;
  /** B = Σ w_b r_b. */
  benchmarkReturn: number;
  /** R − B (= totals.total up to rounding). */
  activeReturn: number;
  portfolioWeights: number[];
  benchmarkWeights: number[];
  portfolioSegmentReturns: number[];
  benchmarkSegmentReturns: number[];
  allocation: number[];
  selection: number[];
  interaction: number[];
  /** allocation + selection + interaction per segment. */
  total: number[];
  totals: { allocation: number; selection: number; interaction: number; total: number };
  /** The same figures keyed by segment label. */
  bySegment: Record<string, BrinsonSegment>;
}

/** Shared kernel of both models. @internal */
export function brinsonKernel(s: SegmentData, fachler: boolean, inSelection: boolean): BrinsonResult {
  const m = s.labels.length;
  const alloc = new Float64Array(m);
  const sel = new Float64Array(m);
  const inter = new Float64Array(m);
  const tot = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const dw = s.wp[k] - s.wb[k];
    const dr = s.rp[k] - s.rb[k];
    alloc[k] = dw * (s.rb[k] - (fachler ? s.B : 0));
    if (inSelection) {
      sel[k] = s.wp[k] * dr;
      inter[k] = 0;
    } else {
      sel[k] = s.wb[k] * dr;
      inter[k] = dw * dr;
    }
    tot[k] = alloc[k] + sel[k] + inter[k];
  }
  const bySegment: Record<string, BrinsonSegment> = Object.fromEntries(
    s.labels.map((l, k) => [
      l,
      {
        portfolioWeight: s.wp[k],
        benchmarkWeight: s.wb[k],
        portfolioReturn: s.rp[k],
        benchmarkReturn: s.rb[k],
        allocation: alloc[k],
        selection: sel[k],
        interaction: inter[k],
        total: tot[k],
      },
    ]),
  );
  return {
    method: fachler ? 'brinson-fachler' : 'brinson-hood-beebower',
    interactionTreatment: inSelection ? 'in-selection' : 'separate',
    segments: s.labels.slice(),
    portfolioReturn: s.R,
    benchmarkReturn: s.B,
    activeReturn: s.R - s.B,
    portfolioWeights: Array.from(s.wp),
    benchmarkWeights: Array.from(s.wb),
    portfolioSegmentReturns: Array.from(s.rp),
    benchmarkSegmentReturns: Array.from(s.rb),
    allocation: Array.from(alloc),
    selection: Array.from(sel),
    interaction: Array.from(inter),
    total: Array.from(tot),
    totals: { allocation: total(alloc), selection: total(sel), interaction: total(inter), total: total(tot) },
    bySegment,
  };
}

const BRINSON_OPTIONS = ['interaction', 'weightSum', 'weightTolerance'] as const;

function run(fn: string, input: BrinsonInput, options: BrinsonOptions | undefined, fachler: boolean): BrinsonResult {
  const opts = checkOptions(fn, options, BRINSON_OPTIONS);
  const mode = opts.interaction === undefined ? 'separate' : checkOneOf(fn, 'interaction', opts.interaction, ['separate', 'in-selection'] as const);
  const { weightSum, tol } = weightOptions(fn, opts.weightSum, opts.weightTolerance);
  return brinsonKernel(toSegments(fn, input, weightSum, tol, 'input', BRINSON_OPTIONS), fachler, mode === 'in-selection');
}

/**
 * Brinson–Fachler (1985) single-period attribution by segment. With B the total benchmark return,
 * per segment i: allocation `(w_p,i − w_b,i)(r_b,i − B)`, selection `w_b,i (r_p,i − r_b,i)`,
 * interaction `(w_p,i − w_b,i)(r_p,i − r_b,i)` (or, with `interaction: 'in-selection'`, selection
 * `w_p,i (r_p,i − r_b,i)` and no interaction). The effects add up to the active return R − B.
 * Overweighting a segment that beats the benchmark is rewarded (unlike BHB, where overweighting any
 * positive segment is). Reproduces Bacon, *Practical Portfolio Performance Measurement and Attribution*
 * (2nd ed.), Tables 5.3 and 5.4.
 *
 * Inputs at security level with `segments` tags (aggregated: weights add, returns weight-averaged), or
 * at segment level. Zero weights never give NaN: a segment the portfolio does not hold has no selection
 * or interaction; a segment the benchmark does not hold takes as benchmark return its entries'
 * benchmark returns weighted by the portfolio (at segment level: the given value).
 *
 * @throws {InvalidArgumentError} on an unknown key of the input object (naming the nearest known key) or an
 * option given inside it (refused, with a hint: options are honoured only in the options argument).
 * @throws {InvalidArgumentError} when weights do not sum to `weightSum`, on non-finite input, bad tags or options.
 * @throws {DimensionError} when the arrays (or `segments`) differ in length. @throws {InsufficientDataError} when empty.
 * @example
 * ```ts
 * import { brinsonFachler } from 'quantivista/attribution';
 * // Bacon (2008) Table 5.3: UK, Japanese and US equities
 * const a = brinsonFachler({
 *   portfolioWeights: [0.4, 0.3, 0.3], benchmarkWeights: [0.4, 0.2, 0.4],
 *   portfolioReturns: [0.2, -0.05, 0.06], benchmarkReturns: [0.1, -0.04, 0.08],
 *   segments: ['UK', 'Japan', 'US'],
 * });
 * console.log(a.allocation); // [0, -0.0104, -0.0016]
 * console.log(a.totals.total); // 0.019
 * ```
 */
export function brinsonFachler(input: BrinsonInput, options?: BrinsonOptions): BrinsonResult {
  return run('brinsonFachler', input, options, true);
}

/**
 * Brinson–Hood–Beebower (1986) single-period attribution by segment: allocation
 * `(w_p,i − w_b,i) r_b,i`, selection `w_b,i (r_p,i − r_b,i)`, interaction `(w_p,i − w_b,i)(r_p,i − r_b,i)`
 * (or interaction folded into selection with `interaction: 'in-selection'`). Segment allocation effects
 * differ from Brinson–Fachler's but their total is the same when both weight vectors sum to the same
 * value. Reproduces Bacon (2nd ed.) Table 5.2. Input conventions as {@link brinsonFachler}.
 *
 * @throws {InvalidArgumentError} on an unknown key of the input object (naming the nearest known key) or an
 * option given inside it (refused, with a hint: options are honoured only in the options argument).
 * @throws {InvalidArgumentError} when weights do not sum to `weightSum`, on non-finite input, bad tags or options.
 * @throws {DimensionError} when the arrays (or `segments`) differ in length. @throws {InsufficientDataError} when empty.
 * @example
 * ```ts
 * import { brinsonHoodBeebower } from 'quantivista/attribution';
 * const a = brinsonHoodBeebower({
 *   portfolioWeights: [0.4, 0.3, 0.3], benchmarkWeights: [0.4, 0.2, 0.4],
 *   portfolioReturns: [0.2, -0.05, 0.06], benchmarkReturns: [0.1, -0.04, 0.08],
 * });
 * console.log(a.allocation); // [0, -0.004, -0.008]
 * ```
 */
export function brinsonHoodBeebower(input: BrinsonInput, options?: BrinsonOptions): BrinsonResult {
  return run('brinsonHoodBeebower', input, options, false);
}
