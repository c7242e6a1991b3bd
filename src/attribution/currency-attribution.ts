import { DimensionError, InvalidArgumentError } from '../core/errors.ts';
import { toVector, type VectorLike } from '../core/matrix.ts';
import { checkOneOf, checkOptions } from '../core/validate.ts';
import { checkSegments, checkWeightSum, dot, readAttributionInput, total, weightOptions } from './internal.ts';

const CURRENCY_INPUT_KEYS = [
  'portfolioWeights',
  'benchmarkWeights',
  'portfolioLocalReturns',
  'benchmarkLocalReturns',
  'currencyReturns',
  'interestRates',
  'portfolioCurrencyWeights',
  'benchmarkCurrencyWeights',
  'segments',
] as const;
const CURRENCY_OPTIONS = ['interaction', 'weightSum', 'weightTolerance'] as const;
const CURRENCY_HINTS = {
  portfolioReturns: 'currencyAttribution takes returns in local currency; use `portfolioLocalReturns`',
  benchmarkReturns: 'currencyAttribution takes returns in local currency; use `benchmarkLocalReturns`',
};

/** Input of {@link currencyAttribution}: one entry per market (segment), each with its currency. */
export interface CurrencyAttributionInput {
  /** Portfolio market weights (physical exposure), summing to `weightSum`. */
  portfolioWeights: VectorLike;
  /** Benchmark market weights. */
  benchmarkWeights: VectorLike;
  /** Portfolio returns in LOCAL currency per market. */
  portfolioLocalReturns: VectorLike;
  /** Benchmark returns in local currency per market. */
  benchmarkLocalReturns: VectorLike;
  /** Spot return of each market's currency against the base currency over the period. */
  currencyReturns: VectorLike;
  /** Each market's local (cash) interest rate for the period, per period. */
  interestRates: VectorLike;
  /** Portfolio currency exposure after hedges (forwards), summing to `weightSum`. Default: the market weights (unhedged). */
  portfolioCurrencyWeights?: VectorLike;
  /** Benchmark currency exposure after hedges. Default: the benchmark market weights. */
  benchmarkCurrencyWeights?: VectorLike;
  /** Market labels (optional; default '0', '1', ...). */
  segments?: readonly string[];
}

/** Options of {@link currencyAttribution}. */
export interface CurrencyAttributionOptions {
  /** `'separate'` (default) or `'in-selection'`, as in {@link brinsonFachler}. */
  interaction?: 'separate' | 'in-selection';
  weightSum?: number;
  weightTolerance?: number;
}

/** Result of {@link currencyAttribution}; per-segment arrays follow `segments`. */
export interface CurrencyAttributionResult {
  segments: string[];
  /** Karnosky–Singer portfolio return Σ w_p (r_L − d) + Σ w̃_p (c + d). */
  portfolioReturn: number;
  /** Benchmark return on the same definition. */
  benchmarkReturn: number;
  activeReturn: number;
  /** Local market allocation on return premia: (w_p − w_b)((b_L − d) − B_L*), B_L* = Σ w_b (b_L − d). */
  marketAllocation: number[];
  /** w_b (r_L − b_L) (or w_p (r_L − b_L) with interaction in selection). */
  selection: number[];
  /** (w_p − w_b)(r_L − b_L), or 0 with interaction in selection. */
  interaction: number[];
  /** Currency allocation: (w̃_p − w̃_b)((c + d) − C*), C* = Σ w̃_b (c + d). */
  currencyAllocation: number[];
  totals: { marketAllocation: number; selection: number; interaction: number; currencyAllocation: number; total: number };
}

/**
 * Karnosky–Singer (1994) multi-currency attribution, arithmetic, in Bacon's presentation (*Practical
 * Portfolio Performance Measurement and Attribution*, 2nd ed., ch. 6). Each market's return is split
 * into a local return PREMIUM over its cash rate, r_L − d, and a currency return including the
 * interest differential (forward premium), c + d. With market weights w and currency weights w̃
 * (physical exposure plus forward hedges), the model's returns are
 * `R = Σ w_p (r_L − d) + Σ w̃_p (c + d)` and likewise B, and the active return R − B splits exactly
 * into local market allocation, selection, interaction (Brinson–Fachler on the premia) and currency
 * allocation (Brinson–Fachler on c + d with the currency weights).
 *
 * The model is additive: the cross product r_L × c of compounding local and currency returns is not
 * part of R (Karnosky and Singer's continuous-time approximation); compute base-currency returns
 * separately if that residual matters. Rates and returns are per period.
 *
 * @throws {InvalidArgumentError} on an unknown key of the input object (naming the nearest known key) or an
 * option given inside it (refused, with a hint: options are honoured only in the options argument).
 * @throws {InvalidArgumentError} when weights do not sum to `weightSum`, on non-finite input or bad options.
 * @throws {DimensionError} when the arrays differ in length.
 * @example
 * ```ts
 * import { currencyAttribution } from 'quantivista/attribution';
 * const a = currencyAttribution({
 *   portfolioWeights: [0.6, 0.4], benchmarkWeights: [0.5, 0.5],
 *   portfolioLocalReturns: [0.05, 0.02], benchmarkLocalReturns: [0.04, 0.03],
 *   currencyReturns: [0, 0.02], interestRates: [0.01, 0.002],
 *   portfolioCurrencyWeights: [0.8, 0.2], segments: ['USD', 'EUR'],
 * });
 * console.log(Math.abs(a.totals.total - a.activeReturn) < 1e-15); // true
 * ```
 */
export function currencyAttribution(input: CurrencyAttributionInput, options?: CurrencyAttributionOptions): CurrencyAttributionResult {
  const fn = 'currencyAttribution';
  const opts = checkOptions(fn, options, CURRENCY_OPTIONS);
  const inSel =
    (opts.interaction === undefined ? 'separate' : checkOneOf(fn, 'interaction', opts.interaction, ['separate', 'in-selection'] as const)) === 'in-selection';
  const { weightSum, tol } = weightOptions(fn, opts.weightSum, opts.weightTolerance);
  readAttributionInput(fn, 'input', input, CURRENCY_INPUT_KEYS, CURRENCY_OPTIONS, CURRENCY_HINTS);
  const wp = toVector(input.portfolioWeights, fn, 'portfolioWeights');
  const n = wp.length;
  if (n === 0) throw new DimensionError(`${fn}: \`portfolioWeights\` must not be empty.`);
  const get = (name: keyof CurrencyAttributionInput, fallback?: Float64Array): Float64Array => {
    const raw = input[name];
    if (raw === undefined && fallback) return fallback;
    const v = toVector(raw as VectorLike, fn, name);
    if (v.length !== n) throw new DimensionError(`${fn}: \`${name}\` must have ${n} entries (one per market), got ${v.length}.`);
    return v;
  };
  const wb = get('benchmarkWeights');
  const rl = get('portfolioLocalReturns');
  const bl = get('benchmarkLocalReturns');
  const c = get('currencyReturns');
  const d = get('interestRates');
  const wpc = get('portfolioCurrencyWeights', wp);
  const wbc = get('benchmarkCurrencyWeights', wb);
  checkWeightSum(fn, 'portfolioWeights', wp, weightSum, tol);
  checkWeightSum(fn, 'benchmarkWeights', wb, weightSum, tol);
  checkWeightSum(fn, 'portfolioCurrencyWeights', wpc, weightSum, tol);
  checkWeightSum(fn, 'benchmarkCurrencyWeights', wbc, weightSum, tol);
  const tags = checkSegments(fn, input.segments, n);
  const labels = tags ? tags.slice() : Array.from({ length: n }, (_, i) => String(i));
  if (new Set(labels).size !== n) throw new InvalidArgumentError(`${fn}: \`segments\` must be unique (one entry per market).`, 'segments', 'duplicates');

  const pp = new Float64Array(n); // portfolio local premium
  const bp = new Float64Array(n);
  const cd = new Float64Array(n); // currency return incl. interest: c + d
  for (let i = 0; i < n; i++) {
    pp[i] = rl[i] - d[i];
    bp[i] = bl[i] - d[i];
    cd[i] = c[i] + d[i];
  }
  const BL = dot(wb, bp);
  const CB = dot(wbc, cd);
  const R = dot(wp, pp) + dot(wpc, cd);
  const B = BL + CB;
  const ma = new Float64Array(n);
  const se = new Float64Array(n);
  const it = new Float64Array(n);
  const ca = new Float64Array(n);
  const avgB = weightSum !== 0 ? BL / weightSum : BL;
  const avgC = weightSum !== 0 ? CB / weightSum : CB;
  for (let i = 0; i < n; i++) {
    const dw = wp[i] - wb[i];
    const dr = rl[i] - bl[i];
    ma[i] = dw * (bp[i] - avgB);
    se[i] = (inSel ? wp[i] : wb[i]) * dr;
    it[i] = inSel ? 0 : dw * dr;
    ca[i] = (wpc[i] - wbc[i]) * (cd[i] - avgC);
  }
  const t = { marketAllocation: total(ma), selection: total(se), interaction: total(it), currencyAllocation: total(ca), total: 0 };
  t.total = t.marketAllocation + t.selection + t.interaction + t.currencyAllocation;
  return {
    segments: labels,
    portfolioReturn: R,
    benchmarkReturn: B,
    activeReturn: R - B,
    marketAllocation: Array.from(ma),
    selection: Array.from(se),
    interaction: Array.from(it),
    currencyAllocation: Array.from(ca),
    totals: t,
  };
}
