/**
 * Downside semicovariance.
 *
 * @module
 */
import { DimensionError, InsufficientDataError } from '../core/errors.ts';
import { matrixData, toVector, wrapMatrix, type Matrix, type MatrixLike, type VectorLike } from '../core/matrix.ts';
import { resolveAssets, type TableLike } from '../core/table.ts';
import { checkFinite, checkOptions } from '../core/validate.ts';
import { readGappedReturns } from './gapped-returns.ts';
import { gramRows, readMissing, readReturns, withLabels } from './gram-kernel.ts';
import { checkPairCounts, gapLayout, pairSums } from './pairwise-kernel.ts';
import { psdReport, readPairwiseOptions, type PairwiseReport } from './pairwise-report.ts';

/** Options of {@link semicovariance}. */
export interface SemicovarianceOptions {
  /** The threshold b: a number (per-period return, default 0) or one value per period (length T, e.g. a risk-free series). */
  benchmark?: number | VectorLike;
  /** Asset labels (one per column); the result then also carries `labelled`. A table's own assets are used when this is not given. */
  assets?: readonly string[];
  /**
   * Missing values (NaN / `null`): `'error'` (default) throws, naming the asset and date of a
   * table; `'drop'` drops every incomplete row (and the benchmark's value for it);
   * `'pairwise'` averages each pair over the periods where both are present.
   */
  missing?: 'error' | 'drop' | 'pairwise';
  /** `'pairwise'` only: fewest common periods a pair (and an asset) needs; integer ≥ 2, default 2. */
  minPeriods?: number;
  /** Skip the check that refuses prices passed where returns belong. */
  assumeReturns?: boolean;
}

/** Result of {@link semicovariance}. */
export interface SemicovarianceResult extends PairwiseReport {
  /** The n x n semicovariance, per period. */
  covariance: Matrix;
  /** Number of periods T (the divisor; `'drop'`: rows kept; `'pairwise'`: rows read, the divisors are the pair counts). */
  observations: number;
  /** For each asset, the number of periods with r_ti < b_t. */
  downsidePeriods: number[];
  /** Asset labels, when given or read from a table. */
  assets?: string[];
  /** `labelled[a][b]` = semicovariance of assets a and b, when labels are known. */
  labelled?: Record<string, Record<string, number>>;
}

/**
 * Downside semicovariance (Estrada 2007; PyPortfolioOpt's `semicovariance` convention):
 * Σ = (1/T) Σ_t d_t d_tᵀ with d_t = min(r_t − b_t, 0) elementwise, summed and divided over
 * ALL T periods (periods above the threshold count as zeros, not dropped). Not demeaned:
 * the threshold is the benchmark, not the mean. Per period, never annualised.
 * (PyPortfolioOpt defaults `benchmark` to 0.000079, a daily risk-free rate, and multiplies by
 * `frequency = 252`; here the default is 0 and nothing is annualised.)
 *
 * Missing values: a NaN / `null` throws (naming the asset and date of a table) unless
 * `missing: 'drop'` (complete rows only) or `missing: 'pairwise'`: Σ_ij = (1/N_ij) Σ d_ti d_tj
 * over the N_ij periods where both assets are present (the diagonal over each asset's own
 * periods), which is the definition above applied to each pair's common history — there are no
 * means to re-estimate. Pairs below `minPeriods` (default 2) throw, naming the pair; the result
 * reports `pairCounts`, `minPairCount` and `psd` (a pairwise matrix need not be positive
 * semidefinite; `nearestPositiveDefinite` repairs it). Without missing values `'pairwise'` gives the
 * same bits as the default. A table labels the result with its assets.
 *
 * @param returns T x n returns or a ReturnTable, T ≥ 2.
 * @throws {InsufficientDataError} when T < 2 (after dropping rows), or with `'pairwise'` when a pair has fewer than `minPeriods` common periods.
 * @throws {DimensionError} on ragged rows or a benchmark vector whose length is not T.
 * @throws {InvalidArgumentError} on NaN / `null` (with `missing: 'error'`), ±Infinity, prices where returns belong, or an unknown option.
 * @example
 * ```ts
 * import { semicovariance } from 'quantivista/covariance';
 * const { covariance } = semicovariance([[0.02, -0.01], [-0.02, -0.03]]);
 * console.log(covariance.toArray()); // [[0.0002, 0.0003], [0.0003, 0.0005]]
 * const p = semicovariance([[0.02, NaN], [-0.02, -0.03], [-0.04, 0.01]], { missing: 'pairwise' });
 * console.log(p.covariance.toArray()); // [[0.0006666666666666666, 0.0003], [0.0003, 0.00045]]
 * ```
 */
export function semicovariance(returns: MatrixLike | TableLike, options?: SemicovarianceOptions): SemicovarianceResult {
  const fn = 'semicovariance';
  const opts = checkOptions(fn, options, ['benchmark', 'assets', 'missing', 'minPeriods', 'assumeReturns']);
  const missing = readMissing(fn, opts.missing, ['error', 'drop', 'pairwise'] as const);
  const { minPeriods } = readPairwiseOptions(fn, opts, missing === 'pairwise', 0);
  let data: Float64Array;
  let T: number;
  let n: number;
  let keep: number[] | undefined;
  let rowsIn: number;
  if (missing === 'error') {
    ({ data, T, n } = readReturns(fn, returns, 'returns', { missing, assumeReturns: opts.assumeReturns }));
    rowsIn = T;
  } else {
    const g = readGappedReturns(fn, 'returns', returns, { minRows: missing === 'pairwise' ? 2 : 0, assumeReturns: opts.assumeReturns });
    ({ data, T, n } = g);
    rowsIn = T;
    if (missing === 'drop') {
      keep = completeRows(g.data, g.T, n);
      if (keep.length < 2) {
        throw new InsufficientDataError(
          `${fn}: \`returns\` needs at least 2 rows (periods), got ${keep.length} after dropping incomplete rows.`,
          2,
          keep.length,
        );
      }
      data = new Float64Array(keep.length * n);
      keep.forEach((t, r) => data.set(g.data.subarray(t * n, t * n + n), r * n));
      T = keep.length;
    }
  }
  const assets = resolveAssets(fn, opts.assets, returns, n);
  const b = readBenchmark(fn, opts.benchmark, T, keep, rowsIn);
  const d = new Float64Array(T * n);
  const downside = new Array<number>(n).fill(0);
  for (let t = 0; t < T; t++) {
    const bt = b[t];
    for (let i = 0; i < n; i++) {
      const v = data[t * n + i] - bt;
      if (v < 0) {
        d[t * n + i] = v;
        downside[i] = downside[i] + 1;
      }
    }
  }
  const G = gramRows(d, T, n, null, 1);
  const result: SemicovarianceResult = { covariance: wrapMatrix(n, n, G), observations: T, downsidePeriods: downside };
  if (missing === 'pairwise') {
    const layout = gapLayout(data, T, n);
    const { N } = pairSums(data, null, T, n, layout);
    result.minPairCount = checkPairCounts(fn, N, n, minPeriods, assets);
    const sc = 1 / T;
    for (let i = 0; i < n; i++) {
      for (let j = i; j < n; j++) {
        const k = N[i * n + j];
        const v = G[i * n + j] * (k === T ? sc : 1 / k);
        G[i * n + j] = v;
        G[j * n + i] = v;
      }
    }
    Object.assign(result, { covariance: wrapMatrix(n, n, G), pairCounts: wrapMatrix(n, n, N) }, psdReport(G, n));
  } else {
    const sc = 1 / T;
    for (let k = 0; k < n * n; k++) G[k] = G[k] * sc;
  }
  return withLabels(result, assets, matrixData(result.covariance));
}

/** Indices of the rows without a missing value. */
function completeRows(data: Float64Array, T: number, n: number): number[] {
  const keep: number[] = [];
  for (let t = 0; t < T; t++) {
    let ok = true;
    for (let i = 0; i < n; i++) {
      const v = data[t * n + i];
      if (v !== v) {
        ok = false;
        break;
      }
    }
    if (ok) keep.push(t);
  }
  return keep;
}

/** The threshold per period used (length T); a vector benchmark has one value per row read (`rowsIn`), of which the `keep` rows are taken. */
function readBenchmark(fn: string, benchmark: unknown, T: number, keep: number[] | undefined, rowsIn: number): Float64Array {
  const b = new Float64Array(T);
  if (typeof benchmark === 'number' || benchmark === undefined) {
    b.fill(benchmark === undefined ? 0 : checkFinite(fn, 'benchmark', benchmark));
    return b;
  }
  const v = toVector(benchmark as VectorLike, fn, 'benchmark');
  if (v.length !== rowsIn) throw new DimensionError(`${fn}: \`benchmark\` must be a number or have one value per period (${rowsIn}), got ${v.length}.`);
  if (keep) {
    keep.forEach((t, r) => (b[r] = v[t]));
  } else {
    b.set(v);
  }
  return b;
}
