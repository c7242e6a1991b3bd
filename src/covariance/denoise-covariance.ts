/**
 * Marchenko-Pastur denoising of the sample covariance (López de Prado 2020).
 *
 * @module
 */
import { symmetricEigenKernel } from '../core/linalg.ts';
import { wrapMatrix, type Matrix, type MatrixLike } from '../core/matrix.ts';
import { checkInteger, checkOneOf, checkOptions, checkRange } from '../core/validate.ts';
import { InvalidArgumentError } from '../core/errors.ts';
import { resolveAssets, type TableLike } from '../core/table.ts';
import { gramRows, readMissing, readReturns, columnMeans, withLabels } from './gram-kernel.ts';
import { reconstruct } from './spectral-kernel.ts';

/** Options of {@link denoiseCovariance}. */
export interface DenoiseCovarianceOptions {
  /** Denoising method; only `'constant-residual'` (the book's default) for now. */
  method?: 'constant-residual';
  /** σ², the variance of the noise in the Marchenko-Pastur law, in (0, 1]. Default 1 (pure-noise correlation). */
  noiseVariance?: number;
  /** Delta degrees of freedom of the sample covariance; default 1. */
  ddof?: number;
  /** Asset labels (one per column); the result then also carries `labelled`. A table's own assets are used when this is not given. */
  assets?: readonly string[];
  /** Missing values (NaN / `null`): `'error'` (default) throws, naming the asset and date of a table; `'drop'` drops every incomplete row (`observations` = rows kept). */
  missing?: 'error' | 'drop';
  /** Skip the check that refuses prices passed where returns belong. */
  assumeReturns?: boolean;
}

/** Result of {@link denoiseCovariance}. */
export interface DenoiseCovarianceResult {
  /** The denoised covariance, per period; its diagonal equals the sample variances. */
  covariance: Matrix;
  /** The denoised correlation matrix (unit diagonal). */
  correlation: Matrix;
  /** Number of correlation eigenvalues above λ+ that were kept as signal. */
  signalEigenvalues: number;
  /** The Marchenko-Pastur upper edge λ+ = σ² (1 + √(n/T))². */
  threshold: number;
  /** Eigenvalues of the sample correlation matrix, descending. */
  eigenvalues: number[];
  /** Eigenvalues after denoising (before the unit-diagonal rescaling), descending. */
  denoisedEigenvalues: number[];
  /** Number of periods T (rows kept with `missing: 'drop'`). */
  observations: number;
  /** Asset labels, when given or read from a table. */
  assets?: string[];
  /** `labelled[a][b]` = covariance of assets a and b, when labels are known. */
  labelled?: Record<string, Record<string, number>>;
}

/**
 * Denoise the sample covariance by Marchenko-Pastur eigenvalue clipping, the "constant residual
 * eigenvalue" method of López de Prado (2020), *Machine Learning for Asset Managers*, §2.5:
 *
 * 1. S = sample covariance (ddof 1 by default), C its correlation matrix, C = V diag(λ) Vᵀ.
 * 2. λ+ = σ² (1 + √(n/T))², the upper edge of the Marchenko-Pastur law for n series of T
 *    observations. σ² = `noiseVariance`, default 1 (the variance of a pure-noise correlation
 *    matrix's entries' generating process). The book instead fits σ² by matching a kernel
 *    density of the eigenvalues to the Marchenko-Pastur pdf; pass that fitted value as
 *    `noiseVariance` to reproduce it.
 * 3. Eigenvalues > λ+ are signal and kept; the others are replaced by their average (which
 *    preserves the trace).
 * 4. C₁ = V diag(λ₁) Vᵀ, rescaled to a unit diagonal (D^−½ C₁ D^−½), and Σ = diag(σ) C₁ diag(σ)
 *    with the sample volatilities σ.
 *
 * Works with more assets than periods. Needs every asset to vary.
 *
 * Missing values: a NaN / `null` throws (naming the asset and date of a table) unless
 * `missing: 'drop'`, which keeps the complete rows. `'pairwise'` is refused (the Marchenko-Pastur edge assumes T complete observations of every asset). A table
 * labels the result with its assets.
 *
 * @param returns T x n returns, T ≥ 2.
 * @throws {InsufficientDataError} when T < 2. @throws {DimensionError} on ragged rows.
 * @throws {InvalidArgumentError} on NaN / `null` (unless `missing: 'drop'`), `missing: 'pairwise'`, ±Infinity, prices where returns belong, an unknown option or method, `noiseVariance` outside (0, 1], or an asset with zero variance.
 * @throws {SizeLimitError} beyond the size cap: n ≤ SIZE_CAPS.denseAssets (5,000) assets (an O(n³) eigendecomposition).
 * @throws {ConvergenceError} if the symmetric eigenvalue iteration stalls (not seen in practice).
 * @example
 * ```ts
 * import { denoiseCovariance } from 'quantivista/covariance';
 * // 48 periods of 3 assets driven by one common factor
 * const r = Array.from({ length: 48 }, (_, t) => {
 *   const m = 0.01 * Math.sin(t);
 *   return [m + 0.002 * Math.cos(3 * t), m - 0.002 * Math.sin(5 * t), m + 0.001 * Math.cos(7 * t)];
 * });
 * const { signalEigenvalues, threshold } = denoiseCovariance(r);
 * console.log(signalEigenvalues, threshold); // 1 1.5625
 * ```
 */
export function denoiseCovariance(returns: MatrixLike | TableLike, options?: DenoiseCovarianceOptions): DenoiseCovarianceResult {
  const fn = 'denoiseCovariance';
  const opts = checkOptions(fn, options, ['method', 'noiseVariance', 'ddof', 'assets', 'missing', 'assumeReturns']);
  const missing = readMissing(
    fn,
    opts.missing,
    ['error', 'drop'] as const,
    'the Marchenko-Pastur edge λ+ = σ² (1 + √(n/T))² assumes T complete observations of every asset.',
  );
  if (opts.method !== undefined) checkOneOf(fn, 'method', opts.method, ['constant-residual'] as const);
  const sigma2 = opts.noiseVariance === undefined ? 1 : checkRange(fn, 'noiseVariance', opts.noiseVariance, { min: 0, max: 1, minOpen: true });
  const { data, T, n } = readReturns(fn, returns, 'returns', { missing, assumeReturns: opts.assumeReturns });
  const assets = resolveAssets(fn, opts.assets, returns, n);
  const ddof = opts.ddof === undefined ? 1 : checkInteger(fn, 'ddof', opts.ddof, 0, T - 1);
  const S = gramRows(data, T, n, columnMeans(data, T, n), 1 / (T - ddof));
  const sd = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = S[i * n + i];
    if (!(v > 0)) throw new InvalidArgumentError(`${fn}: asset ${i} has zero variance; denoising needs every asset to vary.`, 'returns', { column: i });
    sd[i] = Math.sqrt(v);
  }
  const C = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    C[i * n + i] = 1;
    for (let j = i + 1; j < n; j++) {
      const r = S[i * n + j] / (sd[i] * sd[j]);
      C[i * n + j] = r;
      C[j * n + i] = r;
    }
  }
  const { values, vectors } = symmetricEigenKernel(C, n, fn);
  const threshold = sigma2 * (1 + Math.sqrt(n / T)) ** 2;
  let signal = 0;
  for (let k = 0; k < n; k++) if (values[k] > threshold) signal++;
  const den = Float64Array.from(values);
  const noise = n - signal; // ascending: indices 0..noise-1 are noise
  if (noise > 0) {
    let s = 0;
    for (let k = 0; k < noise; k++) s += values[k];
    const avg = s / noise;
    for (let k = 0; k < noise; k++) den[k] = avg;
  }
  const C1 = reconstruct(den, vectors, n);
  const dinv = new Float64Array(n);
  for (let i = 0; i < n; i++) dinv[i] = 1 / Math.sqrt(C1[i * n + i]);
  const corr = new Float64Array(n * n);
  const cov = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    corr[i * n + i] = 1;
    cov[i * n + i] = S[i * n + i];
    for (let j = i + 1; j < n; j++) {
      const r = Math.max(-1, Math.min(1, dinv[i] * C1[i * n + j] * dinv[j]));
      corr[i * n + j] = r;
      corr[j * n + i] = r;
      const c = sd[i] * r * sd[j];
      cov[i * n + j] = c;
      cov[j * n + i] = c;
    }
  }
  const result: DenoiseCovarianceResult = {
    covariance: wrapMatrix(n, n, cov),
    correlation: wrapMatrix(n, n, corr),
    signalEigenvalues: signal,
    threshold,
    eigenvalues: Array.from(values).reverse(),
    denoisedEigenvalues: Array.from(den).reverse(),
    observations: T,
  };
  return withLabels(result, assets, cov);
}
