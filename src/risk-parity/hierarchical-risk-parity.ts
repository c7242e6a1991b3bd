/**
 * Hierarchical risk parity (López de Prado 2016).
 *
 * @module
 */
import type { Moments } from '../core/covariance-reader.ts';
import { InfeasibleError } from '../core/errors.ts';
import type { MatrixLike } from '../core/matrix.ts';
import type { TableLike } from '../core/table.ts';
import { checkOneOf, checkOptions } from '../core/validate.ts';
import {
  checkClusterVariance,
  clusterVariance,
  hierarchicalSetup,
  nodeVariances,
  type Dendrogram,
  type HierarchicalInput,
  type LinkageMethod,
} from './hierarchical.ts';
import { labelled, parseBounds, type WeightBounds } from './kernels.ts';

export type { Dendrogram, HierarchicalInput, LinkageMethod } from './hierarchical.ts';

/** Options of {@link hierarchicalRiskParity}. */
export interface HierarchicalRiskParityOptions {
  /** Linkage criterion of the clustering (scipy method names). Default `'single'` (López de Prado 2016). */
  linkage?: LinkageMethod;
  /** Whether the first argument is a covariance matrix (default) or a T x n returns matrix (sample covariance, ddof = 1). A table is always returns (the default then). */
  input?: HierarchicalInput;
  /**
   * Returns only: missing values (NaN / `null`) throw (`'error'`, default, naming the asset and
   * date of a table), drop their rows (`'drop'`), or (`'pairwise'`) the clustering uses pandas'
   * pairwise correlation (each pair over its own common periods) and the cluster variances the
   * pairwise covariance (`sampleCorrelation` / `sampleCovariance` with `missing: 'pairwise'`).
   */
  missing?: 'error' | 'drop' | 'pairwise';
  /** `'pairwise'` only: fewest periods a pair (and an asset) needs in common; integer ≥ 2, default 2. */
  minPeriods?: number;
  /** Returns only: skip the check that refuses prices passed where returns belong. */
  assumeReturns?: boolean;
  /**
   * How the recursive bisection splits a cluster: `'halving'` (default; López de Prado's original:
   * cut the quasi-diagonal list in two halves, `len // 2`) or `'dendrogram'` (split at the two
   * children of each dendrogram node, top-down).
   */
  split?: 'halving' | 'dendrogram';
  /** Weight bounds: each split factor is clipped so every cluster can still meet its members' bounds. */
  bounds?: WeightBounds;
  /** Asset names; when given (or read from a table) the result also carries `weightsByAsset`. */
  assets?: readonly string[];
}

/** One split of the recursive bisection. */
export interface BisectionStep {
  /** Asset indices of the first (left) sub-cluster. */
  left: number[];
  /** Asset indices of the second (right) sub-cluster. */
  right: number[];
  /** Inverse-variance-portfolio variance of the left sub-cluster. */
  leftVariance: number;
  /** Inverse-variance-portfolio variance of the right sub-cluster. */
  rightVariance: number;
  /** Share of the parent's weight given to the left sub-cluster (after any bound clipping). */
  alpha: number;
}

/** Result of {@link hierarchicalRiskParity}. */
export interface HierarchicalRiskParityResult {
  /** Long-only weights summing to 1. */
  weights: number[];
  /** The clustering: scipy-style merge list and leaf order. */
  dendrogram: Dendrogram;
  /** The bisection steps in the order they were applied, with the cluster variances. */
  bisections: BisectionStep[];
  /** Labelled weights, present when `assets` was given or the input was a table. */
  weightsByAsset?: Record<string, number>;
  /** With `missing: 'pairwise'`: the fewest periods any pair of assets has in common. */
  minPairCount?: number;
}

/** Clip a split factor so both children can still meet the sums of their members' bounds. @internal */
export function clipSplit(alpha: number, parent: number, left: readonly number[], right: readonly number[], lower: Float64Array, upper: Float64Array): number {
  if (parent <= 0) return alpha;
  let l0 = 0;
  let u0 = 0;
  let l1 = 0;
  let u1 = 0;
  for (const i of left) {
    l0 += lower[i];
    u0 += upper[i];
  }
  for (const i of right) {
    l1 += lower[i];
    u1 += upper[i];
  }
  const lo = Math.max(l0 / parent, 1 - u1 / parent);
  const hi = Math.min(u0 / parent, 1 - l1 / parent);
  return Math.min(hi, Math.max(lo, alpha));
}

/**
 * Hierarchical risk parity (López de Prado 2016, "Building diversified portfolios that outperform
 * out of sample"):
 *
 * 1. correlation distance d_ij = sqrt((1 − ρ_ij) / 2);
 * 2. agglomerative clustering on the condensed vector of these distances themselves — exactly
 *   scipy's `linkage(squareform(D, checks=False), method)` — with `'single'` (default), `'complete'`,
 *   `'average'` or `'ward'` linkage. (The book's variant clusters the Euclidean distances between
 *   the columns of D; we follow the scipy convention that PyPortfolioOpt and Riskfolio-Lib use.)
 *   Ties are broken as scipy does: single linkage builds the minimum spanning tree from asset 0,
 *   taking the lowest index at the smallest distance; the others run scipy's nearest-neighbour
 *   chain (chain starts at the lowest active index, prefers the previous chain element on ties, else
 *   the lowest index); merges are then stably sorted by height, the cluster of row k gets id n + k
 *   and each row lists the smaller id first. So `dendrogram.merges` equals scipy's Z and
 *   `dendrogram.order` equals `leaves_list(Z)`;
 * 3. quasi-diagonalisation: assets in that leaf order;
 * 4. recursive bisection: each cluster is split in two (`split: 'halving'`, the original, cuts the
 *   ordered list at len // 2; `'dendrogram'` splits at the node's two children), each half gets the
 *   variance V of its inverse-variance portfolio, and the weights of the left half are multiplied by
 *   α = 1 − V_left / (V_left + V_right), those of the right half by 1 − α.
 *
 * With `bounds` (lower/upper per asset), α is clipped to the interval in which both halves can still
 * meet the sums of their members' bounds (as in Pfitzinger & Katzke 2019 and Riskfolio-Lib), which
 * keeps every final weight within its bounds.
 *
 * The halving split depends on the order of sibling assets in the leaf list (scipy puts the smaller
 * index first), so renaming the assets can change the weights when a sibling pair straddles a cut;
 * the `'dendrogram'` split is invariant to relabelling (up to exact ties in the distances).
 *
 * Missing values and tables: a `ReturnTable` is read as returns and labels the weights. With
 * returns, a NaN / `null` throws unless `missing: 'drop'` (complete rows) or `missing: 'pairwise'`:
 * the distances come from pandas' pairwise correlation (`DataFrame.corr(min_periods)`, each pair
 * over its own common periods) and the cluster variances from the pairwise covariance, so a late
 * listing keeps its whole history; `minPairCount` reports the shortest overlap. A pairwise
 * covariance need not be positive semidefinite; a cluster whose variance comes out ≤ 0 throws
 * NotPositiveDefiniteError (drop or repair the data then).
 * Units: weights sum to 1.
 *
 * `returnsOrCov` may be a `Moments` (see `moments()` in `quantivista/expected-returns`): its
 * covariance is used (symmetry is not re-checked for a library-built one) and its assets label the
 * result (a given `assets` must match).
 *
 * @param returnsOrCov a covariance matrix, or a T x n returns matrix with `input: 'returns'`.
 * @throws {InvalidArgumentError} on bad options, non-finite input, missing values (with `missing: 'error'`), prices where returns belong, or (pairwise) a pair constant over its common periods.
 * @throws {DimensionError} on shape errors. @throws {NotPositiveDefiniteError} on a non-positive variance or cluster variance, or a
 * correlation outside [−1, 1].
 * @throws {InsufficientDataError} with fewer than 2 periods, or (pairwise) a pair with fewer than `minPeriods` common periods.
 * @throws {InfeasibleError} when the bounds admit no fully invested portfolio.
 * Scale: the weights are scale-invariant, so a covariance whose largest entry lies beyond 2^±400
 * (subnormal, or near overflow) is divided by an exact power of two first; reported variances are
 * in the input's units. Variances many orders of magnitude apart keep a finite inverse-variance split.
 * Size cap: n ≤ `SIZE_CAPS.denseAssets` (5,000) assets (the clustering holds n(n − 1)/2 distances); beyond it a SizeLimitError.
 * @example
 * ```ts
 * import { hierarchicalRiskParity } from 'quantivista/risk-parity';
 * const cov = [[0.04, 0.018, 0.002], [0.018, 0.09, 0.003], [0.002, 0.003, 0.01]];
 * const hrp = hierarchicalRiskParity(cov, { linkage: 'single' });
 * console.log(hrp.dendrogram.order); // [2, 0, 1]
 * console.log(hrp.weights.reduce((a, b) => a + b, 0)); // 1
 * ```
 */
export function hierarchicalRiskParity(returnsOrCov: MatrixLike | TableLike | Moments, options?: HierarchicalRiskParityOptions): HierarchicalRiskParityResult {
  const fn = 'hierarchicalRiskParity';
  const opts = checkOptions(fn, options, ['linkage', 'input', 'split', 'bounds', 'assets', 'missing', 'minPeriods', 'assumeReturns']);
  const split = opts.split === undefined ? 'halving' : checkOneOf(fn, 'split', opts.split, ['halving', 'dendrogram']);
  const setup = hierarchicalSetup(fn, returnsOrCov, opts.linkage ?? 'single', opts);
  const { cov, n, Z, order, dendrogram, assets } = setup;
  const bounds = parseBounds(fn, opts.bounds, n, assets);
  if (bounds) {
    let sl = 0;
    let su = 0;
    for (let i = 0; i < n; i++) {
      sl += bounds.lower[i];
      su += bounds.upper[i];
    }
    const conflicts: string[] = [];
    if (sl > 1 + 1e-12) conflicts.push(`sum of lower bounds ${sl} > 1`);
    if (su < 1 - 1e-12) conflicts.push(`sum of upper bounds ${su} < 1`);
    if (conflicts.length > 0) throw new InfeasibleError(`${fn}: weight bounds are infeasible with fully invested weights: ${conflicts.join('; ')}.`, conflicts);
  }
  const w = new Float64Array(n).fill(1);
  const bisections: BisectionStep[] = [];
  const apply = (left: number[], right: number[], parentWeight: number, v0 = clusterVariance(cov, n, left), v1 = clusterVariance(cov, n, right)): void => {
    checkClusterVariance(fn, left, v0, assets);
    checkClusterVariance(fn, right, v1, assets);
    let alpha = 1 - v0 / (v0 + v1);
    if (bounds) alpha = clipSplit(alpha, parentWeight, left, right, bounds.lower, bounds.upper);
    for (const i of left) w[i] = w[i] * alpha;
    for (const i of right) w[i] = w[i] * (1 - alpha);
    bisections.push({ left, right, leftVariance: v0, rightVariance: v1, alpha });
  };
  if (split === 'halving') {
    let items: number[][] = [order];
    while (items.length > 0) {
      const next: number[][] = [];
      for (const c of items) {
        if (c.length > 1) {
          const h = Math.floor(c.length / 2);
          next.push(c.slice(0, h), c.slice(h));
        }
      }
      for (let k = 0; k < next.length; k += 2) {
        const left = next[k] as number[];
        const right = next[k + 1] as number[];
        // Every asset of the parent carries the parent's weight at this point.
        apply(left, right, w[left[0]]);
      }
      items = next;
    }
  } else if (n > 1) {
    // Top-down over the dendrogram, breadth first (the same level order as the halving loop);
    // node variances come from one bottom-up pass (O(n²) even for chained trees).
    const stats = nodeVariances(cov, n, Z);
    let nodes = [2 * n - 2];
    while (nodes.length > 0) {
      const next: number[] = [];
      for (const node of nodes) {
        if (node < n) continue;
        const a = Z[4 * (node - n)];
        const b = Z[4 * (node - n) + 1];
        const left = (stats.leaves[a] as number[]).slice();
        const right = (stats.leaves[b] as number[]).slice();
        apply(left, right, w[left[0]], stats.variance[a], stats.variance[b]);
        next.push(a, b);
      }
      nodes = next;
    }
  }
  if (setup.scale !== 1) {
    for (const b of bisections) {
      b.leftVariance *= setup.scale;
      b.rightVariance *= setup.scale;
    }
  }
  const out: HierarchicalRiskParityResult = { weights: Array.from(w), dendrogram, bisections };
  if (assets) out.weightsByAsset = labelled(assets, w);
  if (setup.minPairCount !== undefined) out.minPairCount = setup.minPairCount;
  return out;
}
