/**
 * Ledoit-Wolf shrinkage towards the scaled identity, the constant-correlation matrix or the
 * single-index (market) model.
 *
 * @module
 */
import { DimensionError, InvalidArgumentError } from '../core/errors.ts';
import { wrapMatrix, type Matrix, type MatrixLike } from '../core/matrix.ts';
import { resolveAssets, type TableLike } from '../core/table.ts';
import { checkOneOf, checkOptions } from '../core/validate.ts';
import {
  frobeniusSquared,
  gramUpper,
  readMissing,
  readReturns,
  SHRINKAGE_NOT_PAIRWISE,
  rowSquareNorms,
  trace,
  transposeCentred,
  withLabels,
} from './gram-kernel.ts';

/** Shrinkage targets of {@link ledoitWolf}. */
export type LedoitWolfTarget = 'identity' | 'constant-correlation' | 'single-factor';

/** Options of {@link ledoitWolf}. */
export interface LedoitWolfOptions {
  /** Shrinkage target, default `'identity'`. */
  target?: LedoitWolfTarget;
  /** Asset labels (one per column); the result then also carries `labelled`. A table's own assets are used when this is not given. */
  assets?: readonly string[];
  /** Missing values (NaN / `null`): `'error'` (default) throws, naming the asset and date of a table; `'drop'` drops every incomplete row (`observations` = rows kept). */
  missing?: 'error' | 'drop';
  /** Skip the check that refuses prices passed where returns belong. */
  assumeReturns?: boolean;
}

/** Result of {@link ledoitWolf}. */
export interface LedoitWolfResult {
  /** The shrunk covariance δ F + (1 − δ) S, per period. */
  covariance: Matrix;
  /** The shrinkage intensity δ in [0, 1]. */
  shrinkage: number;
  /** The target used. */
  target: LedoitWolfTarget;
  /** The target matrix F. */
  targetMatrix: Matrix;
  /** Number of periods T. */
  observations: number;
  /** Average off-diagonal sample correlation r̄ (constant-correlation target only). */
  averageCorrelation?: number;
  /** Per-period variance of the equal-weighted market (single-factor target only). */
  marketVariance?: number;
  /** Asset labels, when given or read from a table. */
  assets?: string[];
  /** `labelled[a][b]` = shrunk covariance of assets a and b, when `assets` was given. */
  labelled?: Record<string, Record<string, number>>;
}

const TARGETS: readonly LedoitWolfTarget[] = ['identity', 'constant-correlation', 'single-factor'];

/**
 * Ledoit-Wolf shrinkage estimator Σ = δ F + (1 − δ) S, where S = XᵀX / T is the 1/T
 * (maximum-likelihood) covariance of the centred returns X and δ the estimated optimal
 * intensity, clipped to [0, 1]. Per period, never annualised.
 *
 * - `'identity'` (default): F = μ I with μ = trace(S) / n, δ as Ledoit & Wolf (2004), "A
 *   well-conditioned estimator for large-dimensional covariance matrices", J. Multivariate
 *   Analysis 88; equal to scikit-learn's `LedoitWolf` (δ = min(β, d²) / d² with
 *   β = (Σ_t ‖x_t‖⁴ / T − ‖S‖²_F) / (nT) and d² = ‖S − μI‖²_F / n; δ = 0 when n = 1).
 * - `'constant-correlation'`: F has the sample variances on its diagonal and r̄ √(s_ii s_jj)
 *   off it, r̄ the average sample correlation; δ = max(0, min(1, (π̂ − ρ̂) / (γ̂ T))) as in
 *   Ledoit & Wolf (2004), "Honey, I shrunk the sample covariance matrix", J. Portfolio Management 30.
 * - `'single-factor'`: F = the single-index model with the equal-weighted market m_t = mean_i r_ti
 *   as factor, f_ij = s_i0 s_j0 / s_00 off the diagonal and f_ii = s_ii; δ from Ledoit & Wolf
 *   (2003), "Improved estimation of the covariance matrix of stock returns with an application
 *   to portfolio selection", J. Empirical Finance 10.
 *
 * Works with more assets than periods: with δ > 0 and a positive definite target the result is
 * positive definite. All sums π̂, ρ̂ are evaluated in O(nT) from identities on the centred data;
 * the only O(n²T) step is S itself.
 *
 * Missing values: a NaN / `null` throws (naming the asset and date of a table) unless
 * `missing: 'drop'`, which keeps the complete rows (`observations` = rows kept). `'pairwise'` is
 * refused: the shrinkage intensity needs whole rows. A table labels the result with its assets.
 *
 * @param returns T x n returns, T ≥ 2.
 * @throws {InsufficientDataError} when T < 2. @throws {DimensionError} on ragged rows, or fewer than 2 assets for the correlation / factor targets.
 * @throws {InvalidArgumentError} on NaN / `null` (unless `missing: 'drop'`), `missing: 'pairwise'`, ±Infinity, prices where returns belong, an unknown option or target, or (correlation / factor targets) an asset or market with zero variance.
 * @example
 * ```ts
 * import { ledoitWolf } from 'quantivista/covariance';
 * const r = [[0.01, 0.02, -0.01], [0.03, -0.01, 0.0], [-0.01, 0.02, 0.02], [0.0, 0.01, -0.02]];
 * const { shrinkage, covariance } = ledoitWolf(r);
 * console.log(shrinkage > 0 && shrinkage <= 1, covariance.rows); // true 3
 * ```
 */
export function ledoitWolf(returns: MatrixLike | TableLike, options?: LedoitWolfOptions): LedoitWolfResult {
  const fn = 'ledoitWolf';
  const opts = checkOptions(fn, options, ['target', 'assets', 'missing', 'assumeReturns']);
  const target = opts.target === undefined ? 'identity' : checkOneOf(fn, 'target', opts.target, TARGETS);
  const missing = readMissing(fn, opts.missing, ['error', 'drop'] as const, SHRINKAGE_NOT_PAIRWISE);
  const { data, T, n } = readReturns(fn, returns, 'returns', { missing, assumeReturns: opts.assumeReturns, fourthMoments: true });
  const assets = resolveAssets(fn, opts.assets, returns, n);
  if (target !== 'identity' && n < 2) {
    throw new DimensionError(`${fn}: the '${target}' target needs at least 2 assets, got ${n}.`);
  }
  const { xt } = transposeCentred(data, T, n, true);
  const S = gramUpper(xt, n, T, 1 / T);
  let F: Float64Array;
  let delta: number;
  const extra: Partial<LedoitWolfResult> = {};
  if (target === 'identity') {
    ({ F, delta } = identityTarget(xt, S, n, T));
  } else if (target === 'constant-correlation') {
    let rBar: number;
    ({ F, delta, rBar } = constantCorrelationTarget(fn, xt, S, n, T));
    extra.averageCorrelation = rBar;
  } else {
    let s00: number;
    ({ F, delta, s00 } = singleFactorTarget(fn, xt, S, n, T));
    extra.marketVariance = s00;
  }
  const cov = new Float64Array(n * n);
  for (let k = 0; k < n * n; k++) cov[k] = delta * F[k] + (1 - delta) * S[k];
  const result: LedoitWolfResult = {
    covariance: wrapMatrix(n, n, cov),
    shrinkage: delta,
    target,
    targetMatrix: wrapMatrix(n, n, F),
    observations: T,
    ...extra,
  };
  return withLabels(result, assets, cov);
}

/** scikit-learn's `ledoit_wolf_shrinkage` (same formula, O(nT) for β). */
function identityTarget(xt: Float64Array, S: Float64Array, n: number, T: number): { F: Float64Array; delta: number } {
  const tr = trace(S, n);
  const mu = tr / n;
  const F = new Float64Array(n * n);
  for (let i = 0; i < n; i++) F[i * n + i] = mu;
  if (n === 1) return { F, delta: 0 };
  const q = rowSquareNorms(xt, n, T);
  let betaRaw = 0; // Σ of the entries of (X∘X)ᵀ(X∘X) = Σ_t (Σ_i x_ti²)²
  for (let t = 0; t < T; t++) betaRaw += q[t] * q[t];
  const deltaRaw = frobeniusSquared(S); // Σ of the squared entries of XᵀX / T²
  let beta = (1 / (n * T)) * (betaRaw / T - deltaRaw);
  const d2 = (deltaRaw - 2 * mu * tr + n * mu * mu) / n;
  if (!(d2 > 0)) return { F, delta: 0 };
  beta = Math.min(beta, d2);
  const delta = beta === 0 ? 0 : beta / d2;
  return { F, delta: Math.max(0, delta) };
}

function clip01(kappa: number, T: number): number {
  return Math.max(0, Math.min(1, kappa / T));
}

/** Ledoit & Wolf (2004), "Honey, I shrunk the sample covariance matrix". */
function constantCorrelationTarget(fn: string, xt: Float64Array, S: Float64Array, n: number, T: number): { F: Float64Array; delta: number; rBar: number } {
  const sd = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = S[i * n + i];
    if (!(v > 0))
      throw new InvalidArgumentError(`${fn}: asset ${i} has zero variance; the 'constant-correlation' target needs every asset to vary.`, 'returns', {
        column: i,
      });
    sd[i] = Math.sqrt(v);
  }
  let rSum = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) rSum += S[i * n + j] / (sd[i] * sd[j]);
  const rBar = (2 * rSum) / (n * (n - 1));
  const F = new Float64Array(n * n);
  let gamma = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const f = i === j ? S[i * n + i] : rBar * (sd[i] * sd[j]);
      F[i * n + j] = f;
      const d = f - S[i * n + j];
      gamma += d * d;
    }
  }
  // π̂ = Σ_ij (1/T) Σ_t (x_ti x_tj − s_ij)² = (1/T) Σ_t (Σ_i x_ti²)² − ‖S‖²_F
  const q = rowSquareNorms(xt, n, T);
  let q2 = 0;
  for (let t = 0; t < T; t++) q2 += q[t] * q[t];
  const pi = q2 / T - frobeniusSquared(S);
  // diagonal π̂_ii = (1/T) Σ_t x_ti⁴ − s_ii²
  let piDiag = 0;
  for (let i = 0; i < n; i++) {
    const row = i * T;
    let s4 = 0;
    for (let t = 0; t < T; t++) {
      const v = xt[row + t];
      s4 += v * v * v * v;
    }
    const sii = S[i * n + i];
    piDiag += s4 / T - sii * sii;
  }
  // ρ̂ off-diagonal: r̄ Σ_i (1/sd_i) Σ_{j≠i} sd_j θ_ii,ij with
  // θ_ii,ij = (1/T) Σ_t (x_ti² − s_ii)(x_ti x_tj − s_ij).
  // Σ_{j≠i} sd_j (x_ti x_tj − s_ij) = x_ti (a_t − sd_i x_ti) − (c_i − sd_i s_ii),
  // a_t = Σ_j sd_j x_tj, c_i = Σ_j sd_j s_ij.
  const a = new Float64Array(T);
  for (let j = 0; j < n; j++) {
    const row = j * T;
    const w = sd[j];
    for (let t = 0; t < T; t++) a[t] = a[t] + w * xt[row + t];
  }
  let rhoOff = 0;
  for (let i = 0; i < n; i++) {
    let ci = 0;
    for (let j = 0; j < n; j++) ci += sd[j] * S[i * n + j];
    const sdi = sd[i];
    const sii = S[i * n + i];
    const cOff = ci - sdi * sii;
    const row = i * T;
    let acc = 0;
    for (let t = 0; t < T; t++) {
      const x = xt[row + t];
      acc += (x * x - sii) * (x * (a[t] - sdi * x) - cOff);
    }
    rhoOff += acc / T / sdi;
  }
  const rho = piDiag + rBar * rhoOff;
  const delta = gamma > 0 ? clip01((pi - rho) / gamma, T) : 0;
  return { F, delta, rBar };
}

/** Ledoit & Wolf (2003), single-index target with the equal-weighted market. */
function singleFactorTarget(fn: string, xt: Float64Array, S: Float64Array, n: number, T: number): { F: Float64Array; delta: number; s00: number } {
  // centred market m_t = mean_i x_ti (mean of centred returns = centred equal-weighted market)
  const m = new Float64Array(T);
  for (let i = 0; i < n; i++) {
    const row = i * T;
    for (let t = 0; t < T; t++) m[t] = m[t] + xt[row + t];
  }
  for (let t = 0; t < T; t++) m[t] = m[t] / n;
  let s00 = 0;
  for (let t = 0; t < T; t++) s00 += m[t] * m[t];
  s00 /= T;
  if (!(s00 > 0))
    throw new InvalidArgumentError(`${fn}: the equal-weighted market has zero variance; the 'single-factor' target needs it to vary.`, 'returns', s00);
  const s0 = new Float64Array(n); // s_i0 = cov(asset i, market)
  for (let i = 0; i < n; i++) {
    const row = i * T;
    let s = 0;
    for (let t = 0; t < T; t++) s += xt[row + t] * m[t];
    s0[i] = s / T;
  }
  const F = new Float64Array(n * n);
  let gamma = 0;
  let fsOff = 0; // Σ_{i≠j} f_ij s_ij
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const sij = S[i * n + j];
      const f = i === j ? sij : (s0[i] * s0[j]) / s00;
      F[i * n + j] = f;
      if (i !== j) {
        gamma += (f - sij) * (f - sij);
        fsOff += f * sij;
      }
    }
  }
  const q = rowSquareNorms(xt, n, T);
  let q2 = 0;
  for (let t = 0; t < T; t++) q2 += q[t] * q[t];
  const pi = q2 / T - frobeniusSquared(S);
  let piDiag = 0;
  // per period: u_t = Σ_i s_i0 x_ti, v_t = Σ_i s_i0 x_ti³, w_t = Σ_i s_i0² x_ti²
  const u = new Float64Array(T);
  const v = new Float64Array(T);
  const w = new Float64Array(T);
  for (let i = 0; i < n; i++) {
    const row = i * T;
    const c = s0[i];
    let s4 = 0;
    for (let t = 0; t < T; t++) {
      const x = xt[row + t];
      const x2 = x * x;
      s4 += x2 * x2;
      u[t] = u[t] + c * x;
      v[t] = v[t] + c * x2 * x;
      w[t] = w[t] + c * c * x2;
    }
    const sii = S[i * n + i];
    piDiag += s4 / T - sii * sii;
  }
  // Σ_{i≠j} r_ijt = [2 s00 m_t (q_t u_t − v_t) − m_t² (u_t² − w_t)] / s00² − (f_ij s_ij summed below)
  let r = 0;
  for (let t = 0; t < T; t++) {
    const mt = m[t];
    const ut = u[t];
    r += 2 * s00 * mt * (q[t] * ut - v[t]) - mt * mt * (ut * ut - w[t]);
  }
  const rhoOff = r / T / (s00 * s00) - fsOff;
  const rho = piDiag + rhoOff;
  const delta = gamma > 0 ? clip01((pi - rho) / gamma, T) : 0;
  return { F, delta, s00 };
}
