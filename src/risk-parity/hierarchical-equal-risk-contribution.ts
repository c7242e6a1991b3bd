/**
 * Hierarchical equal risk contribution (HERC; Raffinot 2018).
 *
 * @module
 */
import type { Moments } from '../core/covariance-reader.ts';
import { InvalidArgumentError } from '../core/errors.ts';
import type { MatrixLike } from '../core/matrix.ts';
import type { TableLike } from '../core/table.ts';
import { checkOptions } from '../core/validate.ts';
import {
  checkClusterCount,
  checkClusterVariance,
  clusterVariance,
  hierarchicalSetup,
  type Dendrogram,
  type HierarchicalInput,
  type LinkageMethod,
} from './hierarchical.ts';
import type { BisectionStep } from './hierarchical-risk-parity.ts';
import { labelled } from './kernels.ts';
import { nodeLeaves } from './linkage.ts';

/** Options of {@link hierarchicalEqualRiskContribution}. */
export interface HierarchicalEqualRiskContributionOptions {
  /** Linkage criterion (scipy method names). Default `'ward'` (Raffinot 2018 recommends Ward). */
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
  /** Number of clusters k the dendrogram is cut into, 1 ≤ k ≤ n. Default n (every asset its own cluster). */
  clusters?: number;
  /** Asset names; when given (or read from a table) the result also carries `weightsByAsset`. */
  assets?: readonly string[];
}

/** A cluster of the cut dendrogram. */
export interface HercCluster {
  /** Asset indices (leaf order). */
  members: number[];
  /** Variance of the cluster's inverse-variance portfolio. */
  variance: number;
  /** Total weight given to the cluster. */
  weight: number;
}

/** Result of {@link hierarchicalEqualRiskContribution}. */
export interface HierarchicalEqualRiskContributionResult {
  /** Long-only weights summing to 1. */
  weights: number[];
  /** The clustering: scipy-style merge list and leaf order. */
  dendrogram: Dendrogram;
  /** The k clusters, in leaf order. */
  clusters: HercCluster[];
  /** The top-down splits above the clusters; variances are summed cluster variances. */
  bisections: BisectionStep[];
  /** Labelled weights, present when `assets` was given or the input was a table. */
  weightsByAsset?: Record<string, number>;
  /** With `missing: 'pairwise'`: the fewest periods any pair of assets has in common. */
  minPairCount?: number;
}

/**
 * Hierarchical equal risk contribution (Raffinot 2018, "The hierarchical equal risk contribution
 * portfolio"). Our variant, reproducible with scipy (see the test fixtures' generator):
 *
 * 1. clustering exactly as {@link hierarchicalRiskParity}: d_ij = sqrt((1 − ρ_ij)/2) and scipy's
 *    `linkage(squareform(D), method)` (default `'ward'`), leaf order `leaves_list(Z)`;
 * 2. the dendrogram is cut into `clusters` = k clusters by undoing its k − 1 highest merges (the
 *    last k − 1 rows of Z; the same partition as scipy's `fcluster(Z, k, 'maxclust')` when merge
 *    heights are distinct). The number of clusters is an input (Raffinot chooses it with the gap
 *    statistic; we leave the choice to the caller, default k = n);
 * 3. each cluster's risk is the variance of its inverse-variance portfolio;
 * 4. top-down recursive bisection along the dendrogram (not list halving): at each of the k − 1
 *    upper nodes, the left child receives α = 1 − R_left / (R_left + R_right) of the node's weight,
 *    where R is the sum of the risks of the clusters below the child (equal risk contribution
 *    between the two children under Raffinot's naive allocation);
 * 5. inside each cluster, inverse-variance weights (naive risk parity for the variance).
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
 * @throws {InvalidArgumentError} on bad options, non-finite input, missing values (with `missing: 'error'`), prices where returns belong, or (pairwise) a pair constant over its common periods.
 * @throws {DimensionError} on shape errors. @throws {NotPositiveDefiniteError} on a non-positive variance or cluster variance, or a
 * correlation outside [−1, 1].
 * @throws {InsufficientDataError} with fewer than 2 periods, or (pairwise) a pair with fewer than `minPeriods` common periods.
 * Scale: the weights are scale-invariant, so a covariance whose largest entry lies beyond 2^±400
 * (subnormal, or near overflow) is divided by an exact power of two first; reported variances are
 * in the input's units. Variances many orders of magnitude apart keep a finite inverse-variance split.
 * Size cap: n ≤ `SIZE_CAPS.denseAssets` (5,000) assets (the clustering holds n(n − 1)/2 distances); beyond it a SizeLimitError.
 * @example
 * ```ts
 * import { hierarchicalEqualRiskContribution } from 'quantivista/risk-parity';
 * const cov = [[0.04, 0.018, 0.002], [0.018, 0.09, 0.003], [0.002, 0.003, 0.01]];
 * const herc = hierarchicalEqualRiskContribution(cov, { linkage: 'single', clusters: 2 });
 * console.log(herc.clusters.map((c) => c.members)); // [[2], [0, 1]]
 * ```
 */
export function hierarchicalEqualRiskContribution(
  returnsOrCov: MatrixLike | TableLike | Moments,
  options?: HierarchicalEqualRiskContributionOptions,
): HierarchicalEqualRiskContributionResult {
  const fn = 'hierarchicalEqualRiskContribution';
  const opts = checkOptions(fn, options, ['linkage', 'input', 'clusters', 'assets', 'missing', 'minPeriods', 'assumeReturns']);
  const setup = hierarchicalSetup(fn, returnsOrCov, opts.linkage ?? 'ward', opts);
  const { cov, n, Z, dendrogram, assets } = setup;
  const k = opts.clusters === undefined ? n : checkClusterCount(fn, opts.clusters, n);
  // Upper nodes: the k − 1 highest merges, ids n + (n − k) ... 2n − 2.
  const firstUpper = 2 * n - k; // node ids ≥ firstUpper are upper nodes (k − 1 of them)
  const isUpper = (node: number): boolean => node >= firstUpper && node >= n;
  // Final clusters in leaf order: walk the tree from the root, stopping at non-upper nodes.
  const clusterNodes: number[] = [];
  const stack = [n === 1 ? 0 : 2 * n - 2];
  while (stack.length > 0) {
    const v = stack.pop() as number;
    if (isUpper(v)) {
      stack.push(Z[4 * (v - n) + 1]);
      stack.push(Z[4 * (v - n)]);
    } else {
      clusterNodes.push(v);
    }
  }
  const members = clusterNodes.map((c) => (n === 1 ? [0] : nodeLeaves(Z, n, c)));
  const risk = members.map((m) => clusterVariance(cov, n, m));
  members.forEach((m, c) => checkClusterVariance(fn, m, risk[c], assets));
  const nodeCluster = new Map<number, number>();
  clusterNodes.forEach((c, idx) => nodeCluster.set(c, idx));
  const clusterWeight = new Float64Array(clusterNodes.length).fill(1);
  const bisections: BisectionStep[] = [];
  // Risk below a node = sum of the risks of the clusters under it.
  const riskBelow = (node: number): { r: number; idx: number[] } => {
    const idx: number[] = [];
    const st = [node];
    while (st.length > 0) {
      const v = st.pop() as number;
      const c = nodeCluster.get(v);
      if (c !== undefined) idx.push(c);
      else {
        st.push(Z[4 * (v - n) + 1]);
        st.push(Z[4 * (v - n)]);
      }
    }
    return { r: idx.reduce((s, i) => s + risk[i], 0), idx };
  };
  let level = n > 1 && isUpper(2 * n - 2) ? [2 * n - 2] : [];
  while (level.length > 0) {
    const next: number[] = [];
    for (const node of level) {
      const a = Z[4 * (node - n)];
      const b = Z[4 * (node - n) + 1];
      const L = riskBelow(a);
      const R = riskBelow(b);
      const alpha = 1 - L.r / (L.r + R.r);
      for (const i of L.idx) clusterWeight[i] = clusterWeight[i] * alpha;
      for (const i of R.idx) clusterWeight[i] = clusterWeight[i] * (1 - alpha);
      bisections.push({ left: nodeLeaves(Z, n, a), right: nodeLeaves(Z, n, b), leftVariance: L.r, rightVariance: R.r, alpha });
      if (isUpper(a)) next.push(a);
      if (isUpper(b)) next.push(b);
    }
    level = next;
  }
  const w = new Float64Array(n);
  members.forEach((m, c) => {
    let t = 0;
    for (const i of m) t += 1 / cov[i * n + i];
    for (const i of m) w[i] = (clusterWeight[c] * (1 / cov[i * n + i])) / t;
    if (m.every((i) => Number.isFinite(w[i]))) return;
    // variances so far apart that 1/Σ_ii overflows: the same inverse-variance split relative to the smallest
    const vmin = Math.min(...m.map((i) => cov[i * n + i]));
    t = 0;
    for (const i of m) t += vmin / cov[i * n + i];
    for (const i of m) w[i] = (clusterWeight[c] * (vmin / cov[i * n + i])) / t;
  });
  if (!w.every((x) => Number.isFinite(x))) {
    throw new InvalidArgumentError(`${fn}: the allocation produced non-finite weights; check \`returnsOrCov\`.`, 'returnsOrCov');
  }
  const clusters: HercCluster[] = members.map((m, c) => ({ members: m, variance: risk[c] * setup.scale, weight: clusterWeight[c] }));
  if (setup.scale !== 1) {
    for (const b of bisections) {
      b.leftVariance *= setup.scale;
      b.rightVariance *= setup.scale;
    }
  }
  const out: HierarchicalEqualRiskContributionResult = { weights: Array.from(w), dendrogram, clusters, bisections };
  if (assets) out.weightsByAsset = labelled(assets, w);
  if (setup.minPairCount !== undefined) out.minPairCount = setup.minPairCount;
  return out;
}
