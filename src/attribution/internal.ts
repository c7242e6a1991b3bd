/**
 * Internal helpers of the attribution domain: input conversion and aggregation of security-level
 * data into segments. Not exported from the domain index.
 *
 * @module
 * @internal
 */
import { neumaierSum } from '../core/stats.ts';
import { DimensionError, InsufficientDataError, InvalidArgumentError } from '../core/errors.ts';
import { toVector, type VectorLike } from '../core/matrix.ts';
import { checkFinite } from '../core/validate.ts';
import { readInput } from '../core/read-input.ts';

/** The keys of a {@link BrinsonInput}. @internal */
export const BRINSON_INPUT_KEYS = ['portfolioWeights', 'benchmarkWeights', 'portfolioReturns', 'benchmarkReturns', 'segments'] as const;

/**
 * Read an attribution input object: every key must be one the function reads (typed error naming
 * the nearest known key otherwise); a key that is one of the function's options (`optionKeys`) is
 * refused with a hint to pass it in the options argument, where it is honoured; keys in `hints`
 * are refused with the hint given. @internal
 */
export function readAttributionInput<T extends object>(
  fn: string,
  arg: string,
  input: unknown,
  known: readonly string[],
  optionKeys: readonly string[],
  hints: Readonly<Record<string, string>> = {},
): T {
  const misplaced: Record<string, string> = { ...hints };
  for (const k of optionKeys) misplaced[k] = `it is an option; pass it in the options argument, e.g. ${fn}(${arg.replace(/\[\d+\]$/, '')}, { ${k}: ... })`;
  return readInput<T>(fn, arg, input, known, misplaced);
}
import { Adder } from '../core/accumulator.ts';

/**
 * Single-period Brinson input: security level with `segments` tags, or segment level (one entry per
 * segment). Every key is read or refused: an unknown key (e.g. a misspelt `segmnts`) throws an
 * InvalidArgumentError naming the nearest known key, and a setting that is an option (e.g.
 * `interaction`) throws with a hint to pass it in the options argument, where it is honoured.
 */
export interface BrinsonInput {
  /** Portfolio weights (fractions of portfolio value), one per security or segment. */
  portfolioWeights: VectorLike;
  /** Benchmark weights, same order. */
  benchmarkWeights: VectorLike;
  /** Portfolio returns of each security / segment for the period. */
  portfolioReturns: VectorLike;
  /** Benchmark returns of each security / segment for the period. */
  benchmarkReturns: VectorLike;
  /**
   * Segment tag of each entry (sector, country, ...). Entries with the same tag are aggregated
   * (weights add; returns are weight-averaged). Omit when the entries already are segments: they
   * are then labelled `'0'`, `'1'`, ...
   */
  segments?: readonly string[];
}

/** Aggregated segment data. @internal */
export interface SegmentData {
  labels: string[];
  wp: Float64Array;
  wb: Float64Array;
  rp: Float64Array;
  rb: Float64Array;
  /** Total portfolio return Σ wp rp. */
  R: number;
  /** Total benchmark return Σ wb rb. */
  B: number;
}

/** Compensated dot product. @internal */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const acc = new Adder();
  for (let i = 0; i < a.length; i++) {
    const v = a[i] * b[i];
    acc.add(v);
  }
  return acc.valueOf();
}

/** Compensated sum (core's Neumaier kernel). @internal */
export function total(a: ArrayLike<number>): number {
  return neumaierSum(a);
}

/** Check that weights sum to `target` within `tol`. @internal */
export function checkWeightSum(fn: string, arg: string, w: Float64Array, target: number, tol: number): void {
  const s = total(w);
  if (!(Math.abs(s - target) <= tol)) {
    throw new InvalidArgumentError(`${fn}: \`${arg}\` must sum to ${target} (within ${tol}), got ${s}; normalise the weights or set \`weightSum\`.`, arg, s);
  }
}

/** Validate the segment tags (strings, one per entry). @internal */
export function checkSegments(fn: string, segments: unknown, n: number, arg = 'segments'): readonly string[] | undefined {
  if (segments === undefined) return undefined;
  if (!Array.isArray(segments)) throw new InvalidArgumentError(`${fn}: \`${arg}\` must be an array of strings, got ${typeof segments}.`, arg, typeof segments);
  if (segments.length !== n) throw new DimensionError(`${fn}: \`${arg}\` must have ${n} entries (one per weight), got ${segments.length}.`);
  segments.forEach((s, i) => {
    if (typeof s !== 'string') throw new InvalidArgumentError(`${fn}: \`${arg}[${i}]\` must be a string, got ${typeof s}.`, arg, i);
  });
  return segments as readonly string[];
}

/**
 * Convert and aggregate a Brinson input into segments (weights add, returns are weight-averaged).
 * Zero-weight conventions (so that no NaN appears): a segment the portfolio does not hold gets
 * rp = rb (no selection or interaction); a segment the benchmark does not hold gets as rb the
 * benchmark returns of its entries weighted by the PORTFOLIO weights (at segment level: the given
 * benchmark return), or B when neither holds it. Unknown keys of the input (and options given in
 * it: `optionKeys`) are refused, see {@link readAttributionInput}. @internal
 */
export function toSegments(fn: string, input: BrinsonInput, weightSum: number, tol: number, arg = 'input', optionKeys: readonly string[] = []): SegmentData {
  readAttributionInput(fn, arg, input, BRINSON_INPUT_KEYS, optionKeys);
  const wpS = toVector(input.portfolioWeights, fn, `${arg}.portfolioWeights`);
  const n = wpS.length;
  if (n === 0) throw new InsufficientDataError(`${fn}: \`${arg}.portfolioWeights\` must not be empty.`, 1, 0);
  const wbS = toVector(input.benchmarkWeights, fn, `${arg}.benchmarkWeights`);
  const rpS = toVector(input.portfolioReturns, fn, `${arg}.portfolioReturns`);
  const rbS = toVector(input.benchmarkReturns, fn, `${arg}.benchmarkReturns`);
  for (const [name, v] of [
    ['benchmarkWeights', wbS],
    ['portfolioReturns', rpS],
    ['benchmarkReturns', rbS],
  ] as const) {
    if (v.length !== n) throw new DimensionError(`${fn}: \`${arg}.${name}\` must have ${n} entries (as many as portfolioWeights), got ${v.length}.`);
  }
  checkWeightSum(fn, `${arg}.portfolioWeights`, wpS, weightSum, tol);
  checkWeightSum(fn, `${arg}.benchmarkWeights`, wbS, weightSum, tol);
  const tags = checkSegments(fn, input.segments, n, `${arg}.segments`);
  const labels: string[] = [];
  const index = new Map<string, number>();
  const of = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const tag = tags ? (tags[i] as string) : String(i);
    let k = index.get(tag);
    if (k === undefined) {
      k = labels.length;
      index.set(tag, k);
      labels.push(tag);
    }
    of[i] = k;
  }
  const m = labels.length;
  const wp = new Float64Array(m);
  const wb = new Float64Array(m);
  const cp = new Float64Array(m);
  const cb = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    const k = of[i];
    wp[k] = wp[k] + wpS[i];
    wb[k] = wb[k] + wbS[i];
    cp[k] = cp[k] + wpS[i] * rpS[i];
    cb[k] = cb[k] + wbS[i] * rbS[i];
  }
  const R = dot(wpS, rpS);
  const B = dot(wbS, rbS);
  const rp = new Float64Array(m);
  const rb = new Float64Array(m);
  // benchmark returns of the entries weighted by the portfolio (used where the benchmark holds nothing)
  const cpb = new Float64Array(m);
  for (let i = 0; i < n; i++) cpb[of[i]] = cpb[of[i]] + wpS[i] * rbS[i];
  for (let k = 0; k < m; k++) {
    const wpk = wp[k];
    const wbk = wb[k];
    if ((wpk === 0 && cp[k] !== 0) || (wbk === 0 && cb[k] !== 0)) {
      throw new InvalidArgumentError(
        `${fn}: segment '${labels[k]}' has a net ${wpk === 0 ? 'portfolio' : 'benchmark'} weight of 0 but a non-zero return contribution (long and short positions offset), so its return is undefined; tag the long and short legs as separate segments.`,
        `${arg}.segments`,
        labels[k],
      );
    }
    rb[k] = wbk !== 0 ? cb[k] / wbk : wpk !== 0 ? cpb[k] / wpk : B;
    rp[k] = wpk !== 0 ? cp[k] / wpk : rb[k];
  }
  return { labels, wp, wb, rp, rb, R, B };
}

/** Validate a finite weight-sum option and tolerance. @internal */
export function weightOptions(fn: string, weightSum: unknown, tol: unknown): { weightSum: number; tol: number } {
  const ws = weightSum === undefined ? 1 : checkFinite(fn, 'weightSum', weightSum);
  const t = tol === undefined ? 1e-8 : checkFinite(fn, 'weightTolerance', tol);
  if (t < 0) throw new InvalidArgumentError(`${fn}: \`weightTolerance\` must be ≥ 0, got ${t}.`, 'weightTolerance', t);
  return { weightSum: ws, tol: t };
}
