/**
 * Hypothetical (what-if) stress scenarios, optionally correlation-consistent.
 *
 * @module
 */
import { DimensionError, InvalidArgumentError } from '../core/errors.ts';
import { choleskyKernel, choleskySolveKernel } from '../core/linalg.ts';
import { isMomentsLike, readCovariance, withMomentsAssets, type Moments } from '../core/covariance-reader.ts';
import { toVector, type MatrixLike, type VectorLike } from '../core/matrix.ts';
import { checkLength, checkOptions } from '../core/validate.ts';
import { checkAssetLabels, checkFiniteResult } from './internal.ts';
import { showValue } from '../core/parse-decimal.ts';

/** Options of {@link hypotheticalStress}. */
export interface HypotheticalStressOptions {
  /** Covariance of returns: unshocked assets then move by their conditional expectation. Without it they do not move. */
  cov?: MatrixLike | Moments;
  /** Asset labels; needed when `shocks` is a record keyed by name; adds `byAsset`. */
  assets?: readonly string[];
}

/** Result of {@link hypotheticalStress}. */
export interface HypotheticalStressResult {
  /** The full scenario: every asset's return. */
  scenario: number[];
  /** Indices of the shocked assets. */
  shocked: number[];
  /** True when the unshocked assets were moved by E[r_u | r_s = shock]. */
  implied: boolean;
  portfolioReturn: number;
  /** −portfolioReturn (positive is a loss). */
  loss: number;
  /** −w_i r_i: they sum to `loss`. */
  contributions: number[];
  byAsset?: Record<string, { return: number; contribution: number }>;
}

/**
 * Apply a hypothetical shock: returns for some assets, given as an array with `null` for the
 * unshocked ones or as a record `{ name: return }` with `assets`. With `cov`, the unshocked
 * assets move by their conditional expectation under a joint normal (zero mean) model,
 * E[r_u | r_s = s] = Σ_us Σ_ss⁻¹ s (a Cholesky solve; the correlation-consistent stress of
 * Kupiec 1998); without it they stay at 0. The portfolio return is wᵀr and the loss −wᵀr, with
 * contributions −w_i r_i. Factor shocks: append the factors as extra columns of `cov` (asset–factor
 * covariances) with weight 0 and shock them; the assets then move by their conditional
 * expectation given the factor moves.
 *
 * `cov` may be a `Moments` (see `moments()` in `quantivista/expected-returns`): its covariance
 * is used (a `Moments` the library built skips the O(n³) positive-semidefiniteness re-check; any
 * other object is fully checked)
 * and its assets label the result.
 *
 * @throws {InvalidArgumentError} when no asset is shocked, a name is unknown, or a shock is not finite.
 * @throws {InvalidArgumentError} when `assets` is not an array of distinct strings (labelled records would drop a duplicate).
 * @throws {NotPositiveDefiniteError} when the covariance is not positive semidefinite (pivoted Cholesky, to 1e-10 of the largest variance).
 * @throws {DimensionError} on length mismatches. @throws {NotPositiveDefiniteError} when Σ_ss is singular.
 * @example
 * ```ts
 * import { hypotheticalStress } from 'quantivista/risk';
 * const cov = [[0.04, 0.02], [0.02, 0.04]];
 * const r = hypotheticalStress([0.5, 0.5], { EQ: -0.2 }, { cov, assets: ['EQ', 'CR'] });
 * console.log(r.scenario); // [-0.2, -0.1]
 * console.log(r.loss); // 0.15000000000000002
 * ```
 */
export function hypotheticalStress(
  weights: VectorLike,
  shocks: ArrayLike<number | null> | Readonly<Record<string, number>>,
  options?: HypotheticalStressOptions,
): HypotheticalStressResult {
  const fn = 'hypotheticalStress';
  const given = checkOptions(fn, options, ['cov', 'assets']);
  // a Moments as `cov` brings its labels (read cheaply here; the covariance itself is read below)
  const opts = given.cov !== undefined && isMomentsLike(given.cov) && Array.isArray(given.cov.assets) ? withMomentsAssets(fn, given, given.cov.assets) : given;
  const w = toVector(weights, fn, 'weights');
  const n = w.length;
  if (n === 0) throw new DimensionError(`${fn}: \`weights\` must not be empty.`);
  if (opts.assets !== undefined) checkAssetLabels(fn, opts.assets, n);
  const shock = new Float64Array(n);
  const isShocked = new Uint8Array(n);
  if (shocks === null || typeof shocks !== 'object')
    throw new InvalidArgumentError(`${fn}: \`shocks\` must be an array (null = unshocked) or a record of asset returns.`, 'shocks', showValue(shocks));
  if (typeof (shocks as ArrayLike<unknown>).length === 'number') {
    const a = shocks as ArrayLike<number | null>;
    checkLength(fn, 'shocks', a.length, n);
    for (let i = 0; i < n; i++) {
      const v = a[i];
      if (v === null || v === undefined) continue;
      if (typeof v !== 'number' || !Number.isFinite(v))
        throw new InvalidArgumentError(`${fn}: \`shocks\` entry ${i} must be a finite number or null, got ${showValue(v)}.`, 'shocks', showValue(v));
      shock[i] = v;
      isShocked[i] = 1;
    }
  } else {
    if (opts.assets === undefined) throw new InvalidArgumentError(`${fn}: \`shocks\` keyed by name need \`assets\`.`, 'assets', 'undefined');
    const index = new Map(opts.assets.map((a, i) => [a, i] as const));
    for (const [k, v] of Object.entries(shocks as Record<string, number>)) {
      const i = index.get(k);
      if (i === undefined) throw new InvalidArgumentError(`${fn}: \`shocks\` names an unknown asset ${JSON.stringify(k)}.`, 'shocks', k);
      if (typeof v !== 'number' || !Number.isFinite(v))
        throw new InvalidArgumentError(`${fn}: \`shocks\` for ${JSON.stringify(k)} must be a finite number, got ${showValue(v)}.`, 'shocks', showValue(v));
      shock[i] = v;
      isShocked[i] = 1;
    }
  }
  const S: number[] = [];
  const U: number[] = [];
  for (let i = 0; i < n; i++) (isShocked[i] ? S : U).push(i);
  if (S.length === 0) throw new InvalidArgumentError(`${fn}: \`shocks\` shock no asset.`, 'shocks', 'none');
  const scenario = Float64Array.from(shock);
  let implied = false;
  if (opts.cov !== undefined) {
    const message = (rows: number, cols: number): string => `${fn}: \`cov\` is ${rows} x ${cols} but there are ${n} assets.`;
    const c = readCovariance(fn, 'cov', opts.cov, 'risk', { n, message }).data;
    const k = S.length;
    const Sss = new Float64Array(k * k);
    for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) Sss[a * k + b] = c[S[a] * n + S[b]];
    const L = choleskyKernel(Sss, k, fn);
    const x = Float64Array.from(S, (i) => shock[i]);
    choleskySolveKernel(L, k, x); // x = Σ_ss⁻¹ s
    for (const u of U) {
      let v = 0;
      for (let a = 0; a < k; a++) v += c[u * n + S[a]] * x[a];
      scenario[u] = v;
    }
    implied = true;
  }
  let ret = 0;
  for (let i = 0; i < n; i++) ret += w[i] * scenario[i];
  const contributions = Array.from({ length: n }, (_, i) => -w[i] * scenario[i]);
  const out: HypotheticalStressResult = { scenario: Array.from(scenario), shocked: S, implied, portfolioReturn: ret, loss: -ret, contributions };
  if (opts.assets !== undefined) {
    const labels = opts.assets;
    out.byAsset = Object.fromEntries(labels.map((a, i) => [a, { return: scenario[i], contribution: contributions[i] }]));
  }
  checkFiniteResult(fn, out, 'weights');
  return out;
}
