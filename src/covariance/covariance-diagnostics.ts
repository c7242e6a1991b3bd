/**
 * Health check of a covariance matrix (or of the sample covariance of returns).
 *
 * @module
 */
import { eigenvaluesKernel } from '../core/symmetric-eigen.ts';
import { matrixData, toMatrix, type MatrixLike } from '../core/matrix.ts';
import { isTableLike, type TableLike } from '../core/table.ts';
import { checkOneOf, checkOptions } from '../core/validate.ts';
import { gramRows, readMissing, readReturns, readSymmetric, columnMeans } from './gram-kernel.ts';

/** Options of {@link covarianceDiagnostics}. */
export interface CovarianceDiagnosticsOptions {
  /**
   * What the input is: `'covariance'`, `'returns'` (T x n; its ddof-1 sample covariance is
   * diagnosed), or `'auto'` (default): a square matrix that is symmetric (to 1e-10) with a
   * non-negative diagonal is a covariance, anything else (and any table) returns.
   */
  input?: 'auto' | 'covariance' | 'returns';
  /** Returns input: missing values (NaN / `null`) throw (`'error'`, default, naming the asset and date of a table) or their rows are dropped (`'drop'`). */
  missing?: 'error' | 'drop';
  /** Returns input: skip the check that refuses prices passed where returns belong. */
  assumeReturns?: boolean;
}

/** Result of {@link covarianceDiagnostics}. */
export interface CovarianceDiagnosticsResult {
  /** What was diagnosed: the covariance given, or the sample covariance of the returns given. */
  input: 'covariance' | 'returns';
  /** Number of assets n. */
  assets: number;
  /** Number of periods T (returns input only). */
  observations?: number;
  /** T / n (returns input only). */
  observationsPerAsset?: number;
  /** Eigenvalues, ascending. */
  eigenvalues: number[];
  /** Smallest eigenvalue. */
  smallestEigenvalue: number;
  /** Largest eigenvalue. */
  largestEigenvalue: number;
  /** λ_max / λ_min, or `null` when the matrix is not positive definite (the ratio is infinite or meaningless). */
  conditionNumber: number | null;
  /** exp(entropy of |λ_k| / Σ|λ|) (Roy & Vetterli 2007), between 1 and n. */
  effectiveRank: number;
  /** λ_min > n · ε · λ_max (numerically positive definite). */
  positiveDefinite: boolean;
  /** A one-line verdict a user can act on. */
  verdict: string;
}

const fmt = (x: number): string => (Math.abs(x) >= 1e4 || (x !== 0 && Math.abs(x) < 1e-3) ? x.toExponential(2) : String(Number(x.toPrecision(3))));

/**
 * Eigenvalue diagnostics of a covariance matrix, or of the sample covariance (ddof = 1) of a
 * T x n returns matrix: smallest and largest eigenvalue, the 2-norm condition number
 * λ_max / λ_min, the effective rank exp(−Σ p_k ln p_k) with p_k = |λ_k| / Σ_j |λ_j| (Roy &
 * Vetterli 2007, "The effective rank: a measure of effective dimensionality", EUSIPCO; 1 for a
 * rank-one matrix, n for a multiple of the identity), T / n for returns, whether it is
 * numerically positive definite (λ_min > n · ε · λ_max), and a verdict:
 *
 * - not positive definite with T < n → use a shrinkage estimator (`ledoitWolf`, `oracleApproximatingShrinkage`);
 * - not positive definite otherwise → repair (`nearestPositiveDefinite`) or shrink;
 * - condition number ≥ 1e4 → ill-conditioned: shrink or denoise before optimising;
 * - T / n < 10 → few observations per asset: prefer shrinkage;
 * - else well-conditioned.
 *
 * @param covOrReturns an n x n covariance or a T x n returns matrix (see `options.input`).
 * @throws {DimensionError} on ragged rows or an empty / non-square covariance. @throws {InsufficientDataError} when returns have T < 2.
 * @throws {InvalidArgumentError} on NaN / `null` (returns input, unless `missing: 'drop'`), ±Infinity, prices where returns belong, an unknown option, or (`input: 'covariance'`) an asymmetric matrix.
 * @throws {SizeLimitError} beyond the size cap: n ≤ SIZE_CAPS.denseAssets (5,000) assets (an O(n³) eigendecomposition).
 * @throws {ConvergenceError} if the symmetric eigenvalue iteration stalls (not seen in practice).
 * @example
 * ```ts
 * import { covarianceDiagnostics } from 'quantivista/covariance';
 * const d = covarianceDiagnostics([[4, 0], [0, 1]]);
 * console.log(d.conditionNumber, d.positiveDefinite); // 4 true
 * ```
 */
export function covarianceDiagnostics(covOrReturns: MatrixLike | TableLike, options?: CovarianceDiagnosticsOptions): CovarianceDiagnosticsResult {
  const fn = 'covarianceDiagnostics';
  const opts = checkOptions(fn, options, ['input', 'missing', 'assumeReturns']);
  const mode = opts.input === undefined ? 'auto' : checkOneOf(fn, 'input', opts.input, ['auto', 'covariance', 'returns'] as const);
  const missing = readMissing(
    fn,
    opts.missing,
    ['error', 'drop'] as const,
    "diagnose the matrix that sampleCovariance(..., { missing: 'pairwise' }) returns instead.",
  );
  let kind: 'covariance' | 'returns';
  if (mode === 'auto' && isTableLike(covOrReturns)) {
    kind = 'returns';
  } else if (mode === 'auto') {
    const m = toMatrix(covOrReturns, fn, 'covOrReturns', { allowNaN: true });
    kind = m.rows === m.cols && m.rows > 0 && looksLikeCovariance(matrixData(m), m.rows) ? 'covariance' : 'returns';
  } else {
    kind = mode;
  }
  let cov: Float64Array;
  let n: number;
  let T: number | undefined;
  if (kind === 'covariance') {
    const r = readSymmetric(fn, 'covOrReturns', covOrReturns);
    cov = r.a;
    n = r.n;
  } else {
    const r = readReturns(fn, covOrReturns, 'covOrReturns', { missing, assumeReturns: opts.assumeReturns });
    n = r.n;
    T = r.T;
    cov = gramRows(r.data, r.T, r.n, columnMeans(r.data, r.T, r.n), 1 / (r.T - 1));
  }
  const values = eigenvaluesKernel(cov, n, fn);
  const lo = values[0];
  const hi = values[n - 1];
  let absSum = 0;
  for (let k = 0; k < n; k++) absSum += Math.abs(values[k]);
  let entropy = 0;
  if (absSum > 0) {
    for (let k = 0; k < n; k++) {
      const p = Math.abs(values[k]) / absSum;
      if (p > 0) entropy -= p * Math.log(p);
    }
  }
  const positiveDefinite = hi > 0 && lo > n * Number.EPSILON * hi;
  const conditionNumber = positiveDefinite ? hi / lo : null;
  const result: CovarianceDiagnosticsResult = {
    input: kind,
    assets: n,
    eigenvalues: Array.from(values),
    smallestEigenvalue: lo,
    largestEigenvalue: hi,
    conditionNumber,
    effectiveRank: absSum > 0 ? Math.exp(entropy) : 0,
    positiveDefinite,
    verdict: '',
  };
  if (T !== undefined) {
    result.observations = T;
    result.observationsPerAsset = T / n;
  }
  result.verdict = verdict(result);
  return result;
}

function looksLikeCovariance(a: Float64Array, n: number): boolean {
  let scale = 0;
  for (let k = 0; k < a.length; k++) {
    const v = a[k];
    if (!Number.isFinite(v)) return false;
    scale = Math.max(scale, Math.abs(v));
  }
  const tol = 1e-10 * (scale || 1);
  for (let i = 0; i < n; i++) {
    if (a[i * n + i] < 0) return false;
    for (let j = i + 1; j < n; j++) if (Math.abs(a[i * n + j] - a[j * n + i]) > tol) return false;
  }
  return true;
}

function verdict(d: CovarianceDiagnosticsResult): string {
  const ratio = d.observationsPerAsset;
  if (!d.positiveDefinite) {
    if (ratio !== undefined && ratio < 1) {
      return `Singular: ${d.observations} periods for ${d.assets} assets (T/n = ${fmt(ratio)}) cannot identify the covariance; use ledoitWolf or oracleApproximatingShrinkage.`;
    }
    return `Not positive definite (smallest eigenvalue ${fmt(d.smallestEigenvalue)}): repair it with nearestPositiveDefinite or use a shrinkage estimator before optimising.`;
  }
  const cond = d.conditionNumber as number;
  if (cond >= 1e4) {
    return `Ill-conditioned (condition number ${fmt(cond)}): optimisers will amplify its noise; shrink (ledoitWolf) or denoise (denoiseCovariance) first.`;
  }
  if (ratio !== undefined && ratio < 10) {
    return `Positive definite but only ${fmt(ratio)} periods per asset: the sample estimate is noisy; prefer ledoitWolf or oracleApproximatingShrinkage.`;
  }
  return `Well-conditioned (condition number ${fmt(cond)}, effective rank ${fmt(d.effectiveRank)} of ${d.assets}): fine to use as is.`;
}
