/**
 * The sample (Pearson) correlation matrix, with pandas' pairwise treatment of missing values.
 *
 * @module
 */
import { InvalidArgumentError } from '../core/errors.ts';
import { wrapMatrix, type Matrix, type MatrixLike } from '../core/matrix.ts';
import type { TableLike } from '../core/table.ts';
import { checkOptions } from '../core/validate.ts';
import { columnMeans, gramRows, readMissing, withLabels } from './gram-kernel.ts';
import { psdReport, type PairwiseReport } from './pairwise-report.ts';
import { pairwiseSample, readSampleRows } from './sample-input.ts';

/** Options of {@link sampleCorrelation}. */
export interface SampleCorrelationOptions {
  /**
   * Missing values (NaN / `null`): `'error'` (default) throws, naming the asset and date of a
   * table; `'drop'` drops every incomplete row; `'pairwise'` correlates each pair over the periods
   * where both are present (pandas `DataFrame.corr(min_periods=...)`).
   */
  missing?: 'error' | 'drop' | 'pairwise';
  /** `'pairwise'` only: fewest common periods a pair (and an asset) needs; integer ≥ 2 and > ddof, default max(2, ddof + 1). */
  minPeriods?: number;
  /** Delta degrees of freedom of the reported `volatilities` (the correlation does not depend on it). Default 1. */
  ddof?: number;
  /** Asset labels (one per column); the result then also carries `labelled`. A table's own assets are used when this is not given. */
  assets?: readonly string[];
  /** Skip the check that refuses prices passed where returns belong. */
  assumeReturns?: boolean;
}

/** Result of {@link sampleCorrelation}. */
export interface SampleCorrelationResult extends PairwiseReport {
  /** The n x n correlation matrix: unit diagonal, entries in [−1, 1]. */
  correlation: Matrix;
  /** Each asset's standard deviation per period (divisor count − ddof), over its own periods. */
  volatilities: number[];
  /** Number of periods: T, or the rows kept with `missing: 'drop'`. */
  observations: number;
  /** The ddof of `volatilities`. */
  ddof: number;
  /** Asset labels, when given or read from a table. */
  assets?: string[];
  /** `labelled[a][b]` = correlation of assets a and b, when labels are known. */
  labelled?: Record<string, Record<string, number>>;
}

/**
 * Pearson correlation matrix of a T x n returns matrix or `ReturnTable`:
 * ρ_ij = Σ_t (r_ti − r̄_i)(r_tj − r̄_j) / √(Σ_t (r_ti − r̄_i)² · Σ_t (r_tj − r̄_j)²), unit
 * diagonal, clamped to [−1, 1] against rounding. Without missing values it is, bit for bit,
 * `correlationFromCovariance(sampleCovariance(returns).covariance).correlation`.
 *
 * Missing values: by default a NaN / `null` throws (naming the asset and date of a table);
 * `missing: 'drop'` keeps only complete rows; `missing: 'pairwise'` is pandas
 * `DataFrame.corr(min_periods=minPeriods)`: each pair is correlated over the N_ij periods where
 * both are present, with the means, and the variances, of those periods (not the pairwise
 * covariance divided by each asset's own volatility, which can leave [−1, 1]). `minPeriods`
 * defaults to 2; a pair below it throws `InsufficientDataError` naming the pair. The result then
 * reports `pairCounts`, `minPairCount` and `psd`; a pairwise correlation matrix need not be
 * positive semidefinite (`psd: false`, `minEigenvalue`); it is returned as estimated, and
 * `nearestCorrelation` gives Higham's nearest correlation matrix when one is needed.
 *
 * @param returns T x n returns or a ReturnTable, T ≥ 2.
 * @throws {InsufficientDataError} when T < 2 (after dropping rows), or with `'pairwise'` when a pair has fewer than `minPeriods` common periods (naming the pair).
 * @throws {DimensionError} on ragged rows or a label count mismatch.
 * @throws {InvalidArgumentError} on NaN / `null` (with `missing: 'error'`), ±Infinity, prices where returns belong, an asset (or, pairwise, a pair's overlap) with constant returns, an unknown option, `ddof` outside [0, T − 1], or `minPeriods` without `'pairwise'`.
 * @example
 * ```ts
 * import { sampleCorrelation } from 'quantivista/covariance';
 * const { correlation } = sampleCorrelation([[0.01, 0.02], [0.03, -0.01], [-0.01, 0.02]]);
 * // by hand: deviations (0, 0.02, −0.02) and (0.01, −0.02, 0.01) give −0.0006 / √(0.0008 · 0.0006) = −√3 / 2
 * console.log(correlation.get(0, 1)); // -0.8660254037844386
 * // pairwise: (A, C) meet on the last three periods only, where C = 2 A
 * const r = [[0.02, 0.01, NaN], [0.01, 0.03, 0.02], [-0.01, 0.0, -0.02], [0.03, 0.01, 0.06]];
 * const p = sampleCorrelation(r, { missing: 'pairwise', assets: ['A', 'B', 'C'] });
 * console.log(p.labelled?.A?.C, p.pairCounts?.get(0, 2)); // 1 3
 * ```
 */
export function sampleCorrelation(returns: MatrixLike | TableLike, options?: SampleCorrelationOptions): SampleCorrelationResult {
  const fn = 'sampleCorrelation';
  const opts = checkOptions(fn, options, ['missing', 'minPeriods', 'ddof', 'assets', 'assumeReturns']);
  const missing = readMissing(fn, opts.missing, ['error', 'drop', 'pairwise'] as const);
  if (missing === 'pairwise') return pairwiseCorrelation(fn, returns, opts);
  const { data, T, n, ddof, assets } = readSampleRows(fn, returns, opts, missing);
  // the correlation of the ddof-1 sample covariance, computed as correlationFromCovariance does
  const G = gramRows(data, T, n, columnMeans(data, T, n), 1);
  const s1 = 1 / (T - 1);
  const sd = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = G[i * n + i] * s1;
    if (!(v > 0)) {
      throw new InvalidArgumentError(
        `${fn}: asset ${assets ? JSON.stringify(assets[i]) : `column ${i}`} has constant returns, so its correlations are undefined.`,
        'returns',
        { column: i },
      );
    }
    sd[i] = Math.sqrt(v);
  }
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    c[i * n + i] = 1;
    for (let j = i + 1; j < n; j++) {
      const r = Math.max(-1, Math.min(1, (G[i * n + j] * s1) / (sd[i] * sd[j])));
      c[i * n + j] = r;
      c[j * n + i] = r;
    }
  }
  const sdd = 1 / (T - ddof);
  const volatilities = ddof === 1 ? Array.from(sd) : Array.from({ length: n }, (_, i) => Math.sqrt(G[i * n + i] * sdd));
  const result: SampleCorrelationResult = { correlation: wrapMatrix(n, n, c), volatilities, observations: T, ddof };
  return withLabels(result, assets, c);
}

function pairwiseCorrelation(fn: string, returns: MatrixLike | TableLike, opts: SampleCorrelationOptions): SampleCorrelationResult {
  const { pw, n, T, ddof, assets } = pairwiseSample(fn, returns, opts, true);
  const matrix = pw.corr as Float64Array;
  const report = psdReport(matrix, n);
  const volatilities = new Array<number>(n);
  for (let i = 0; i < n; i++) volatilities[i] = Math.sqrt(pw.cov[i * n + i]);
  const result: SampleCorrelationResult = {
    correlation: wrapMatrix(n, n, matrix),
    volatilities,
    observations: T,
    ddof,
    pairCounts: wrapMatrix(n, n, pw.counts),
    minPairCount: pw.minPairCount,
    ...report,
  };
  return withLabels(result, assets, matrix);
}
