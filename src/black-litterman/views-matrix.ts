/**
 * Investor views compiled into the Black–Litterman pick matrix P and view vector Q.
 *
 * @module
 */
import { InvalidArgumentError } from '../core/errors.ts';
import { toVector, wrapMatrix, type Matrix, type VectorLike } from '../core/matrix.ts';
import { SIZE_CAPS, checkSizeCap } from '../core/limits.ts';
import { checkOneOf, checkOptions } from '../core/validate.ts';
import { showValue } from '../core/parse-decimal.ts';

/** An asset named by its label (needs `assets`) or by its 0-based index. */
export type AssetRef = string | number;

/** "Asset A returns 3 %": p has a 1 on A. */
export interface AbsoluteView {
  type: 'absolute';
  asset: AssetRef;
  /** Expected return of the asset, per period of the covariance (decimal). */
  return: number;
  /** Confidence in [0, 1] (used by `omega: 'idzorek'`; 0 < C ≤ 1). */
  confidence?: number;
}

/**
 * "A outperforms B by 1 %", or a basket against a basket: the long leg's weights sum to +1 and
 * the short leg's to −1, split equally (`'equal'`, default) or in proportion to the market
 * weights inside each leg (`'market-cap'`, as He & Litterman 1999 and Idzorek 2005 do).
 */
export interface RelativeView {
  type: 'relative';
  long: AssetRef | readonly AssetRef[];
  short: AssetRef | readonly AssetRef[];
  /** Expected return of long minus short, per period (decimal). */
  return: number;
  weighting?: 'equal' | 'market-cap';
  /** Confidence in [0, 1] (used by `omega: 'idzorek'`; 0 < C ≤ 1). */
  confidence?: number;
}

/** One investor view. */
export type View = AbsoluteView | RelativeView;

/** Options of {@link viewsMatrix}. */
export interface ViewsMatrixOptions {
  /** Market weights, required by views with `weighting: 'market-cap'`. */
  marketWeights?: VectorLike;
}

/** Result of {@link viewsMatrix}. */
export interface ViewsMatrixResult {
  /** k x n pick matrix: row k holds view k's portfolio. */
  P: Matrix;
  /** The k expected view returns. */
  Q: number[];
  /** Each view's confidence, or `null` when it has none. */
  confidences: Array<number | null>;
}

function resolve(fn: string, ref: unknown, names: readonly string[] | null, n: number, where: string): number {
  if (typeof ref === 'number') {
    if (!Number.isInteger(ref) || ref < 0 || ref >= n) {
      throw new InvalidArgumentError(`${fn}: ${where} asset index must be an integer in [0, ${n - 1}], got ${ref}.`, 'views', ref);
    }
    return ref;
  }
  if (typeof ref === 'string') {
    if (names === null)
      throw new InvalidArgumentError(
        `${fn}: ${where} names asset "${ref}" but no asset names were given; pass \`assets\` as a string array or use indices.`,
        'views',
        ref,
      );
    const i = names.indexOf(ref);
    if (i < 0) throw new InvalidArgumentError(`${fn}: ${where} names unknown asset "${ref}".`, 'views', ref);
    return i;
  }
  throw new InvalidArgumentError(`${fn}: ${where} asset must be a name or an index, got ${typeof ref}.`, 'views', typeof ref);
}

function legs(ref: unknown): unknown[] {
  return Array.isArray(ref) ? ref : [ref];
}

/**
 * Compile views into the pick matrix P (k x n) and the view vector Q (Black & Litterman 1992):
 * view k states that the portfolio p_k (row k of P) has expected return Q_k.
 *
 * - absolute `{ type: 'absolute', asset, return }`: p has 1 on the asset;
 * - relative `{ type: 'relative', long, short, return, weighting }`: `long` and `short` are an
 *   asset or a list of assets; the long leg gets +1 split over its assets and the short leg −1,
 *   equally or in proportion to the market weights within each leg (`'market-cap'`, which needs
 *   `marketWeights`). So "Germany vs the rest of Europe" (He & Litterman 1999) is
 *   `{ long: 'GER', short: ['FRA', 'UK'], weighting: 'market-cap' }`.
 *
 * Assets are given by name (when `assets` is a string array) or by 0-based index (`assets` may
 * then simply be the number of assets).
 *
 * @param views the views (at least one).
 * @param assets asset names (string array) or the number of assets.
 * @throws {InvalidArgumentError} on an unknown asset, duplicate asset names, a missing view (a hole
 * in a sparse array), an asset in both legs or twice in a leg, a
 * non-finite return, a confidence outside (0, 1], a missing `marketWeights` or a negative one in a
 * `'market-cap'` leg, an unknown view type
 * or no views.
 * @throws {SizeLimitError} above the size caps.
 *
 * Size cap: n ≤ `SIZE_CAPS.assets` (20,000) assets and k ≤ `SIZE_CAPS.denseAssets` (5,000) views.
 * @example
 * ```ts
 * import { viewsMatrix } from 'quantivista/black-litterman';
 * const { P, Q } = viewsMatrix(
 *   [
 *     { type: 'absolute', asset: 'A', return: 0.03 },
 *     { type: 'relative', long: 'B', short: ['A', 'C'], return: 0.01, weighting: 'market-cap' },
 *   ],
 *   ['A', 'B', 'C'],
 *   { marketWeights: [0.5, 0.3, 0.2] },
 * );
 * console.log(P.toArray()); // [[1, 0, 0], [-0.7142857142857143, 1, -0.2857142857142857]]
 * console.log(Q); // [0.03, 0.01]
 * ```
 */
export function viewsMatrix(views: readonly View[], assets: readonly string[] | number, options?: ViewsMatrixOptions): ViewsMatrixResult {
  const fn = 'viewsMatrix';
  const opts = checkOptions(fn, options, ['marketWeights']);
  let names: readonly string[] | null;
  let n: number;
  if (typeof assets === 'number') {
    if (!Number.isInteger(assets) || assets < 1)
      throw new InvalidArgumentError(`${fn}: \`assets\` must be a positive integer or a string array, got ${assets}.`, 'assets', assets);
    names = null;
    n = assets;
  } else if (Array.isArray(assets) && assets.every((a) => typeof a === 'string') && assets.length > 0) {
    if (new Set(assets).size !== assets.length) throw new InvalidArgumentError(`${fn}: \`assets\` must be distinct names; one appears twice.`, 'assets');
    names = assets;
    n = assets.length;
  } else {
    throw new InvalidArgumentError(`${fn}: \`assets\` must be a non-empty array of names or the number of assets.`, 'assets', typeof assets);
  }
  if (!Array.isArray(views) || views.length === 0) throw new InvalidArgumentError(`${fn}: \`views\` must be a non-empty array of views.`, 'views');
  const mw = opts.marketWeights === undefined ? null : toVector(opts.marketWeights, fn, 'marketWeights');
  if (mw !== null && mw.length !== n)
    throw new InvalidArgumentError(`${fn}: \`marketWeights\` must have ${n} entries, got ${mw.length}.`, 'marketWeights', mw.length);
  const k = views.length;
  checkSizeCap(fn, 'assets', n, SIZE_CAPS.assets);
  checkSizeCap(fn, 'views', k, SIZE_CAPS.denseAssets, 'Black–Litterman solves a k x k system');
  const P = new Float64Array(k * n);
  const Q = new Array<number>(k);
  const confidences = new Array<number | null>(k);
  // A plain loop (not forEach) so that a hole in a sparse array is reported, not skipped.
  for (let v = 0; v < k; v++) {
    const view = views[v] as View | undefined;
    const where = `view ${v}`;
    if (view === null || typeof view !== 'object') throw new InvalidArgumentError(`${fn}: ${where} must be an object.`, 'views', typeof view);
    const type = checkOneOf(fn, `views[${v}].type`, (view as { type: unknown }).type, ['absolute', 'relative']);
    const ret = (view as { return: unknown }).return;
    if (typeof ret !== 'number' || !Number.isFinite(ret))
      throw new InvalidArgumentError(`${fn}: ${where} \`return\` must be a finite number, got ${showValue(ret)}.`, `views[${v}].return`, showValue(ret));
    Q[v] = ret;
    const c = (view as { confidence?: unknown }).confidence;
    if (c === undefined) confidences[v] = null;
    else if (typeof c !== 'number' || !Number.isFinite(c) || c <= 0 || c > 1) {
      throw new InvalidArgumentError(
        `${fn}: ${where} \`confidence\` must be in (0, 1], got ${showValue(c)} (a view held with 0 % confidence has no effect: drop it).`,
        `views[${v}].confidence`,
        showValue(c),
      );
    } else confidences[v] = c;
    const row = v * n;
    if (type === 'absolute') {
      const allowed = ['type', 'asset', 'return', 'confidence'];
      for (const key of Object.keys(view))
        if (!allowed.includes(key)) throw new InvalidArgumentError(`${fn}: ${where} has unknown key \`${key}\`.`, `views[${v}].${key}`);
      P[row + resolve(fn, (view as AbsoluteView).asset, names, n, where)] = 1;
      continue;
    }
    const allowed = ['type', 'long', 'short', 'return', 'weighting', 'confidence'];
    for (const key of Object.keys(view))
      if (!allowed.includes(key)) throw new InvalidArgumentError(`${fn}: ${where} has unknown key \`${key}\`.`, `views[${v}].${key}`);
    const rv = view as RelativeView;
    const weighting = rv.weighting === undefined ? 'equal' : checkOneOf(fn, `views[${v}].weighting`, rv.weighting, ['equal', 'market-cap']);
    const longIdx = legs(rv.long).map((r) => resolve(fn, r, names, n, `${where} (long leg)`));
    const shortIdx = legs(rv.short).map((r) => resolve(fn, r, names, n, `${where} (short leg)`));
    if (longIdx.length === 0 || shortIdx.length === 0) throw new InvalidArgumentError(`${fn}: ${where} needs at least one asset in each leg.`, `views[${v}]`);
    const all = [...longIdx, ...shortIdx];
    if (new Set(all).size !== all.length) throw new InvalidArgumentError(`${fn}: ${where} lists an asset twice (within or across legs).`, `views[${v}]`);
    if (weighting === 'market-cap' && mw === null)
      throw new InvalidArgumentError(`${fn}: ${where} uses weighting 'market-cap' but no \`marketWeights\` were given.`, 'marketWeights');
    for (const [idx, sign] of [
      [longIdx, 1],
      [shortIdx, -1],
    ] as const) {
      let total = 0;
      for (const i of idx) {
        if (weighting === 'market-cap' && mw![i] < 0) {
          throw new InvalidArgumentError(
            `${fn}: ${where} weights a leg by market cap, but asset ${i} has a negative market weight (${mw![i]}); the leg would take the opposite side of that asset.`,
            'marketWeights',
            mw![i],
          );
        }
        total += weighting === 'equal' ? 1 : mw![i];
      }
      if (!(total > 0)) throw new InvalidArgumentError(`${fn}: ${where} has a leg with zero total market weight.`, 'marketWeights');
      for (const i of idx) P[row + i] = (sign * (weighting === 'equal' ? 1 : mw![i])) / total;
    }
  }
  return { P: wrapMatrix(k, n, P), Q, confidences };
}
