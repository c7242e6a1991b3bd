/**
 * Statistical (PCA) factor model of the sample covariance.
 *
 * @module
 */
import { symmetricEigenKernel } from '../core/linalg.ts';
import { topEigenpairs } from '../core/lanczos.ts';
import { wrapMatrix, type Matrix, type MatrixLike } from '../core/matrix.ts';
import { checkInteger, checkOptions } from '../core/validate.ts';
import { InvalidArgumentError } from '../core/errors.ts';
import { resolveAssets, type TableLike } from '../core/table.ts';
import { gramUpper, readMissing, readReturns, transposeCentred, withLabels } from './gram-kernel.ts';

/** Options of {@link statisticalFactorModel}. */
export interface StatisticalFactorModelOptions {
  /** Number of principal-component factors k, integer in [1, n]. Required. */
  factors: number;
  /** Delta degrees of freedom of the sample covariance; default 1. */
  ddof?: number;
  /** Asset labels (one per column); the result then also carries `labelled`. A table's own assets are used when this is not given. */
  assets?: readonly string[];
  /** Missing values (NaN / `null`): `'error'` (default) throws, naming the asset and date of a table; `'drop'` drops every incomplete row (`observations` = rows kept). */
  missing?: 'error' | 'drop';
  /** Skip the check that refuses prices passed where returns belong. */
  assumeReturns?: boolean;
}

/** Result of {@link statisticalFactorModel}. */
export interface StatisticalFactorModelResult {
  /** Σ = V_k Λ_k V_kᵀ + D, per period; its diagonal equals the sample variances. */
  covariance: Matrix;
  /** n x k loadings V_k: eigenvectors of the sample covariance for the k largest eigenvalues (each with its largest-magnitude entry positive). */
  loadings: Matrix;
  /** The k largest eigenvalues λ_1 ≥ … ≥ λ_k: the factor variances (the factor covariance is diag(λ)). */
  factorVariances: number[];
  /** D: sample variance minus systematic variance Σ_k λ_k v_ik², clipped at 0 against rounding. */
  specificVariances: number[];
  /** T x k factor returns f_t = V_kᵀ (r_t − r̄). */
  factorReturns: Matrix;
  /** Σ_k λ_k / trace(S): share of the total variance the factors explain. */
  explainedVariance: number;
  /** Number of periods T (rows kept with `missing: 'drop'`). */
  observations: number;
  /** Asset labels, when given or read from a table. */
  assets?: string[];
  /** `labelled[a][b]` = covariance of assets a and b, when labels are known. */
  labelled?: Record<string, Record<string, number>>;
}

/** Below this many assets the full decomposition is always used (and above it when k > n / 10 or k > 64). */
const LANCZOS_MIN_ASSETS = 200;

/**
 * The k largest eigenvalues of S (clipped at 0) and their eigenvectors (n x k): by the Lanczos
 * iteration (core/lanczos.ts, O(n² k)) when n ≥ 200 and k ≤ min(n / 10, 64), falling back to the
 * full decomposition when Lanczos declines; by the full decomposition otherwise.
 */
function topFactors(S: Float64Array, n: number, k: number, fn: string): { lam: Float64Array; V: Float64Array } {
  if (n >= LANCZOS_MIN_ASSETS && 10 * k <= n && k <= 64) {
    const top = topEigenpairs(S, n, k, fn);
    if (top) {
      for (let m = 0; m < k; m++) top.values[m] = Math.max(top.values[m], 0);
      return { lam: top.values, V: top.vectors };
    }
  }
  const { values, vectors } = symmetricEigenKernel(S, n, fn);
  // take the k largest (values are ascending)
  const lam = new Float64Array(k);
  const V = new Float64Array(n * k);
  for (let m = 0; m < k; m++) {
    const src = n - 1 - m;
    lam[m] = Math.max(values[src], 0);
    for (let i = 0; i < n; i++) V[i * k + m] = vectors[i * n + src];
  }
  return { lam, V };
}

/**
 * Statistical factor model: the k principal components of the sample covariance S (ddof 1 by
 * default) are the factors, and a diagonal specific risk makes the model's diagonal equal the
 * sample variances: Σ = V_k Λ_k V_kᵀ + D with D_ii = S_ii − Σ_{m≤k} λ_m v_im² (≥ 0 since the
 * discarded components are PSD; clipped at 0 against rounding). With every D_ii > 0, Σ is
 * positive definite even when S is singular (more assets than periods). Per period.
 *
 * Method: with n ≥ 200 assets and k ≤ min(n / 10, 64) factors, only the k largest eigenpairs are
 * computed, by the Lanczos iteration with full reorthogonalisation (O(n² k) instead of O(n³); it
 * falls back to the full decomposition when its residual or completeness checks fail); otherwise
 * the full symmetric eigendecomposition (Householder + implicit QL).
 *
 * Missing values: a NaN / `null` throws (naming the asset and date of a table) unless
 * `missing: 'drop'`, which keeps the complete rows. `'pairwise'` is refused (the factor returns are projections of whole rows). A table
 * labels the result with its assets.
 *
 * @param returns T x n returns, T ≥ 2.
 * @throws {InsufficientDataError} when T < 2. @throws {DimensionError} on ragged rows.
 * @throws {InvalidArgumentError} on NaN / `null` (unless `missing: 'drop'`), `missing: 'pairwise'`, ±Infinity, prices where returns belong, an unknown option, or `factors` missing or outside [1, n].
 * @throws {SizeLimitError} beyond the size cap: n ≤ SIZE_CAPS.denseAssets (5,000) assets (an O(n³) eigendecomposition).
 * @throws {ConvergenceError} if the symmetric eigenvalue iteration stalls (not seen in practice).
 * @example
 * ```ts
 * import { statisticalFactorModel } from 'quantivista/covariance';
 * const r = [[0.01, 0.012, -0.004], [-0.02, -0.018, 0.01], [0.015, 0.01, 0.0], [0.0, 0.004, -0.01]];
 * const model = statisticalFactorModel(r, { factors: 1 });
 * console.log(model.loadings.rows, model.loadings.cols, model.explainedVariance > 0.8); // 3 1 true
 * ```
 */
export function statisticalFactorModel(returns: MatrixLike | TableLike, options: StatisticalFactorModelOptions): StatisticalFactorModelResult {
  const fn = 'statisticalFactorModel';
  const opts = checkOptions(fn, options, ['factors', 'ddof', 'assets', 'missing', 'assumeReturns']);
  if (options === undefined || opts.factors === undefined) {
    throw new InvalidArgumentError(`${fn}: \`factors\` (the number of factors) is required.`, 'factors', undefined);
  }
  const missing = readMissing(
    fn,
    opts.missing,
    ['error', 'drop'] as const,
    'the factor returns are projections of whole rows (every asset in the same period).',
  );
  const { data, T, n } = readReturns(fn, returns, 'returns', { missing, assumeReturns: opts.assumeReturns });
  const assets = resolveAssets(fn, opts.assets, returns, n);
  const k = checkInteger(fn, 'factors', opts.factors, 1, n);
  const ddof = opts.ddof === undefined ? 1 : checkInteger(fn, 'ddof', opts.ddof, 0, T - 1);
  const { xt } = transposeCentred(data, T, n, true);
  const S = gramUpper(xt, n, T, 1 / (T - ddof));
  const { lam, V } = topFactors(S, n, k, fn);
  const cov = new Float64Array(n * n);
  const spec = new Array<number>(n);
  let tr = 0;
  for (let i = 0; i < n; i++) {
    tr += S[i * n + i];
    for (let j = i; j < n; j++) {
      let s = 0;
      for (let m = 0; m < k; m++) s += V[i * k + m] * lam[m] * V[j * k + m];
      if (i === j) {
        const sii = S[i * n + i];
        spec[i] = Math.max(sii - s, 0);
        s = sii;
      }
      cov[i * n + j] = s;
      cov[j * n + i] = s;
    }
  }
  const f = new Float64Array(T * k);
  for (let i = 0; i < n; i++) {
    const row = i * T;
    for (let m = 0; m < k; m++) {
      const v = V[i * k + m];
      for (let t = 0; t < T; t++) f[t * k + m] = f[t * k + m] + v * xt[row + t];
    }
  }
  let top = 0;
  for (let m = 0; m < k; m++) top += lam[m];
  const result: StatisticalFactorModelResult = {
    covariance: wrapMatrix(n, n, cov),
    loadings: wrapMatrix(n, k, V),
    factorVariances: Array.from(lam),
    specificVariances: spec,
    factorReturns: wrapMatrix(T, k, f),
    explainedVariance: tr > 0 ? top / tr : 0,
    observations: T,
  };
  return withLabels(result, assets, cov);
}
