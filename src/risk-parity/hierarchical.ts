/**
 * Internal: shared steps of the hierarchical allocators (HRP, HERC): covariance from returns or a
 * covariance input, the correlation distance, scipy-compatible clustering and the dendrogram record.
 *
 * @module
 * @internal
 */
import { DimensionError, InvalidArgumentError, NotPositiveDefiniteError } from '../core/errors.ts';
import { matrixData, type MatrixLike } from '../core/matrix.ts';
import { isTableLike, resolveAssets, type TableLike } from '../core/table.ts';
import { checkInteger, checkOneOf, toReturnsMatrix, type ReturnsMatrixOptions } from '../core/validate.ts';
import { isMomentsLike, readCovariance, withMomentsAssets, type Moments } from '../core/covariance-reader.ts';
import { readGappedReturns } from '../covariance/gapped-returns.ts';
import { columnMeans, gramRows } from '../covariance/gram-kernel.ts';
import { pairwiseMoments } from '../covariance/pairwise-kernel.ts';
import { powerOfTwoScale } from '../core/stats.ts';
import { checkSizeCap, SIZE_CAPS } from '../core/limits.ts';
import { checkAssets } from './kernels.ts';
import { leavesList, linkageKernel, type LinkageMethod } from './linkage.ts';
import { showValue } from '../core/parse-decimal.ts';

export type { LinkageMethod } from './linkage.ts';

/** The dendrogram of a hierarchical allocation, in scipy's conventions. */
export interface Dendrogram {
  /**
   * The merge list, one row per merge as scipy's linkage matrix Z: `[left, right, height, size]`.
   * Ids below n are assets; id n + k is the cluster formed in row k. Rows are in increasing height.
   */
  merges: number[][];
  /** Leaf order (scipy's `leaves_list(Z)`): the quasi-diagonal order of the assets. */
  order: number[];
}

/** Where the covariance of a hierarchical allocation comes from. */
export type HierarchicalInput = 'covariance' | 'returns';

/** Prepared inputs: covariance (row-major), n, the clustering, the labels. @internal */
export interface HierarchicalSetup {
  cov: Float64Array;
  n: number;
  Z: Float64Array;
  order: number[];
  dendrogram: Dendrogram;
  /** Labels: the `assets` option, else a table's assets. */
  assets: string[] | undefined;
  /** With `missing: 'pairwise'`: the fewest periods any pair has in common. */
  minPairCount?: number;
  /**
   * The exact power of two the covariance was divided by (1 unless its largest entry lies beyond
   * 2^±400): the weights are scale-invariant; reported variances are multiplied back by it.
   */
  scale: number;
}

/** The options of HRP / HERC that say how returns are read. @internal */
export interface HierarchicalReadOptions {
  input?: unknown;
  missing?: unknown;
  minPeriods?: unknown;
  assumeReturns?: unknown;
  assets?: unknown;
}

export const LINKAGES: readonly LinkageMethod[] = ['single', 'complete', 'average', 'ward'];

/** Sample covariance (ddof = 1, two-pass) of a T x n returns buffer: covariance's Gram kernel, the bits of `sampleCovariance`. */
function sampleCov(X: Float64Array, T: number, n: number): Float64Array {
  return gramRows(X, T, n, columnMeans(X, T, n), 1 / (T - 1));
}

/** Throw NotPositiveDefiniteError when a column of a T x n buffer is constant over its present values. */
function checkNotConstant(fn: string, x: Float64Array, T: number, n: number, labels: readonly string[] | undefined): void {
  // A constant column has variance 0, but the two-pass sum can leave ~1e-35 of rounding: test it exactly.
  for (let j = 0; j < n; j++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let t = 0; t < T; t++) {
      const v = x[t * n + j];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (lo === hi) {
      const who = labels ? JSON.stringify(labels[j]) : `${j}`;
      throw new NotPositiveDefiniteError(`${fn}: every asset needs a positive variance, but the returns of asset ${who} are constant (${lo}).`, j, 0);
    }
  }
}

/**
 * Covariance, correlation distance d_ij = sqrt((1 − ρ_ij)/2), scipy-compatible linkage on the
 * condensed distances and the leaf order. A table input means `input: 'returns'`; with returns,
 * `missing` chooses complete rows (`'error'`, `'drop'`) or pandas' pairwise covariance and
 * correlation (`'pairwise'`, `minPeriods`). @internal
 */
export function hierarchicalSetup(
  fn: string,
  input: MatrixLike | TableLike | Moments,
  method: LinkageMethod,
  read: HierarchicalReadOptions,
): HierarchicalSetup {
  const table = isTableLike(input);
  const kind = read.input === undefined ? (table ? 'returns' : 'covariance') : checkOneOf(fn, 'input', read.input, ['covariance', 'returns'] as const);
  checkOneOf(fn, 'linkage', method, LINKAGES);
  if (kind === 'returns' && isMomentsLike(input))
    throw new InvalidArgumentError(`${fn}: \`returnsOrCov\` is a Moments (a covariance), but \`input\` is 'returns'.`, 'input', 'returns');
  if (kind === 'covariance') {
    if (table)
      throw new InvalidArgumentError(
        `${fn}: \`returnsOrCov\` is a table, which holds returns, but \`input\` is 'covariance'; omit \`input\` or pass 'returns'.`,
        'input',
        'covariance',
      );
    for (const k of ['missing', 'minPeriods', 'assumeReturns'] as const) {
      if (read[k] !== undefined)
        throw new InvalidArgumentError(`${fn}: option \`${k}\` applies only to returns (\`input: 'returns'\` or a table).`, k, showValue(read[k]));
    }
  }
  const missing = read.missing === undefined ? 'error' : checkOneOf(fn, 'missing', read.missing, ['error', 'drop', 'pairwise'] as const);
  if (missing !== 'pairwise' && read.minPeriods !== undefined) {
    throw new InvalidArgumentError(`${fn}: option \`minPeriods\` applies only to \`missing: 'pairwise'\`.`, 'minPeriods', showValue(read.minPeriods));
  }
  let cov: Float64Array;
  let corr: Float64Array | undefined;
  let n: number;
  let assets: string[] | undefined;
  let minPairCount: number | undefined;
  if (kind === 'returns' && missing === 'pairwise') {
    const g = readGappedReturns(fn, 'returnsOrCov', input as MatrixLike | TableLike, { minRows: 2, assumeReturns: read.assumeReturns });
    n = g.n;
    checkSizeCap(fn, 'assets', n, SIZE_CAPS.denseAssets, 'the clustering holds n(n − 1)/2 distances');
    assets = read.assets === undefined ? g.assets?.slice() : checkAssets(fn, read.assets, n);
    const minPeriods = read.minPeriods === undefined ? 2 : checkInteger(fn, 'minPeriods', read.minPeriods, 2);
    checkNotConstant(fn, g.data, g.T, n, assets);
    const pw = pairwiseMoments(fn, g.data, g.T, n, { ddof: 1, minPeriods, labels: assets, correlation: true });
    cov = pw.cov;
    corr = pw.corr as Float64Array;
    minPairCount = pw.minPairCount;
  } else if (kind === 'returns') {
    const rmo: ReturnsMatrixOptions = { minRows: 2, missing: missing as 'error' | 'drop' };
    if (read.assumeReturns !== undefined) rmo.assumeReturns = read.assumeReturns as boolean;
    const R = toReturnsMatrix(fn, 'returnsOrCov', input as MatrixLike, rmo);
    n = R.cols;
    checkSizeCap(fn, 'assets', n, SIZE_CAPS.denseAssets, 'the clustering holds n(n − 1)/2 distances');
    assets = read.assets === undefined ? resolveAssets(fn, undefined, input, n) : checkAssets(fn, read.assets, n);
    const x = matrixData(R);
    checkNotConstant(fn, x, R.rows, n, assets);
    cov = sampleCov(x, R.rows, n);
  } else {
    // a matrix or a Moments (its covariance and labels), read by core's covariance reader
    const c = readCovariance(fn, 'returnsOrCov', input, 'symmetric');
    n = c.n;
    checkSizeCap(fn, 'assets', n, SIZE_CAPS.denseAssets, 'the clustering holds n(n − 1)/2 distances');
    cov = c.data;
    assets = checkAssets(fn, withMomentsAssets(fn, read, c.assets).assets, n);
  }
  if (n < 1) throw new DimensionError(`${fn}: \`returnsOrCov\` must describe at least one asset.`);
  // Subnormal or near-overflow covariances: divide by an exact power of two (the weights are
  // scale-invariant; inverse variances and their squares would otherwise overflow to NaN).
  const scale = powerOfTwoScale(cov);
  if (scale !== 1) cov = cov.map((v) => v / scale);
  const sd = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = cov[i * n + i];
    if (!(v > 0)) {
      throw new NotPositiveDefiniteError(`${fn}: every asset needs a positive variance, but asset ${i} has variance ${v}.`, i, v);
    }
    sd[i] = Math.sqrt(v);
  }
  const extra: { assets: string[] | undefined; minPairCount?: number; scale: number } = { assets, scale };
  if (minPairCount !== undefined) extra.minPairCount = minPairCount;
  if (n === 1) {
    return { cov, n, Z: new Float64Array(0), order: [0], dendrogram: { merges: [], order: [0] }, ...extra };
  }
  const dist = new Float64Array((n * (n - 1)) / 2);
  let k = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      // pairwise: pandas' correlation over each pair's own periods, always within [−1, 1]
      const rho = corr ? corr[i * n + j] : cov[i * n + j] / (sd[i] * sd[j]);
      if (Math.abs(rho) > 1 + 1e-10) {
        // a 2 x 2 principal minor is negative: the matrix cannot be a covariance
        throw new NotPositiveDefiniteError(
          `${fn}: \`returnsOrCov\` is not positive semi-definite: entries (${i}, ${j}) imply a correlation of ${rho} between assets ${i} and ${j}, outside [−1, 1].`,
          j,
          sd[i] ** 2 * sd[j] ** 2 - cov[i * n + j] ** 2,
        );
      }
      dist[k++] = Math.sqrt(Math.max(0, (1 - rho) / 2));
    }
  }
  const Z = linkageKernel(dist, n, method);
  const order = leavesList(Z, n);
  const merges: number[][] = [];
  for (let r = 0; r < n - 1; r++) merges.push([Z[4 * r], Z[4 * r + 1], Z[4 * r + 2], Z[4 * r + 3]]);
  return { cov, n, Z, order, dendrogram: { merges, order: order.slice() }, ...extra };
}

/**
 * Variance of the inverse-variance portfolio of a cluster: w_i ∝ 1/Σ_ii inside the cluster,
 * V = wᵀ Σ_cc w (López de Prado 2016, `getClusterVar`). @internal
 */
export function clusterVariance(cov: Float64Array, n: number, items: readonly number[]): number {
  let t = 0;
  const w = new Float64Array(items.length);
  for (let a = 0; a < items.length; a++) {
    const i = items[a];
    w[a] = 1 / cov[i * n + i];
    t += w[a];
  }
  const v = quadraticForm(cov, n, items, w, t);
  return Number.isFinite(v) ? v : clusterVarianceRelative(cov, n, items);
}

/** Σ_ab (w_a / t) Σ_{items[a], items[b]} (w_b / t). */
function quadraticForm(cov: Float64Array, n: number, items: readonly number[], w: Float64Array, t: number): number {
  let v = 0;
  for (let a = 0; a < items.length; a++) {
    const i = items[a];
    const wa = w[a] / t;
    let s = 0;
    for (let b = 0; b < items.length; b++) s += cov[i * n + items[b]] * (w[b] / t);
    v += wa * s;
  }
  return v;
}

/**
 * {@link clusterVariance} when the variances span so many orders of magnitude that 1/Σ_ii
 * overflows: the weights are taken relative to the smallest variance, u_i = min Σ_jj / Σ_ii in
 * (0, 1] (the same portfolio: only the normalisation differs).
 */
function clusterVarianceRelative(cov: Float64Array, n: number, items: readonly number[]): number {
  let vmin = Infinity;
  for (const i of items) vmin = Math.min(vmin, cov[i * n + i]);
  let t = 0;
  const w = new Float64Array(items.length);
  for (let a = 0; a < items.length; a++) {
    w[a] = vmin / cov[items[a] * n + items[a]];
    t += w[a];
  }
  return quadraticForm(cov, n, items, w, t);
}

/**
 * For every node of the dendrogram (ids 0 … 2n − 2): its leaves (pre-order) and the variance of
 * its inverse-variance portfolio, built bottom-up. With u_i = 1/Σ_ii, Q(c) = Σ_{i,j∈c} u_i u_j Σ_ij
 * and U(c) = Σ_{i∈c} u_i, the variance is Q/U²; a merge adds the cross term of its two children,
 * so the whole tree costs O(n²) (every pair of assets meets once, at its lowest common ancestor)
 * instead of O(n³) for cluster-by-cluster evaluation on a chained tree. @internal
 */
export function nodeVariances(cov: Float64Array, n: number, Z: Float64Array): { leaves: number[][]; variance: Float64Array } {
  const total = 2 * n - 1;
  const leaves: number[][] = new Array(total);
  const Q = new Float64Array(total);
  const U = new Float64Array(total);
  const u = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = cov[i * n + i];
    u[i] = 1 / v;
    leaves[i] = [i];
    Q[i] = u[i] * u[i] * v;
    U[i] = u[i];
  }
  for (let r = 0; r < n - 1; r++) {
    const a = Z[4 * r];
    const b = Z[4 * r + 1];
    const la = leaves[a] as number[];
    const lb = leaves[b] as number[];
    let cross = 0;
    for (const i of la) {
      const row = i * n;
      let t = 0;
      for (const j of lb) t += cov[row + j] * u[j];
      cross += u[i] * t;
    }
    const id = n + r;
    leaves[id] = la.concat(lb);
    Q[id] = Q[a] + Q[b] + 2 * cross;
    U[id] = U[a] + U[b];
  }
  const variance = new Float64Array(total);
  for (let k = 0; k < total; k++) {
    variance[k] = Q[k] / (U[k] * U[k]);
    // variances many orders of magnitude apart overflow u_i² Σ_ii: evaluate that node directly
    if (!Number.isFinite(variance[k])) variance[k] = clusterVariance(cov, n, leaves[k] as number[]);
  }
  return { leaves, variance };
}

/**
 * Throw NotPositiveDefiniteError when a cluster's inverse-variance portfolio has variance ≤ 0
 * (possible only for a covariance that is not positive semidefinite, e.g. a pairwise one). @internal
 */
export function checkClusterVariance(fn: string, items: readonly number[], v: number, assets: readonly string[] | undefined): void {
  if (v > 0) return;
  const names = items.map((i) => (assets ? assets[i] : String(i))).join(', ');
  throw new NotPositiveDefiniteError(
    `${fn}: the cluster {${names}} has an inverse-variance portfolio variance of ${v} ≤ 0: the covariance is not positive semidefinite (a pairwise estimate can be); use \`missing: 'drop'\`, or repair the covariance (sampleCovariance with \`repair: 'nearest'\`) and pass it.`,
    items[0] ?? -1,
    v,
  );
}

/** Check `clusters` (HERC) is an integer in [1, n]. @internal */
export function checkClusterCount(fn: string, value: unknown, n: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > n) {
    throw new InvalidArgumentError(`${fn}: \`clusters\` must be an integer in [1, ${n}], got ${showValue(value)}.`, 'clusters', showValue(value));
  }
  return value;
}
