/**
 * The Black–Litterman posterior (Black & Litterman 1992; He & Litterman 1999; Idzorek 2005).
 *
 * @module
 */
import { DimensionError, InvalidArgumentError, NotPositiveDefiniteError } from '../core/errors.ts';
import { choleskyKernel, choleskySolveKernel } from '../core/linalg.ts';
import { matrixData, toMatrix, toVector, wrapMatrix, type Matrix, type MatrixLike, type VectorLike } from '../core/matrix.ts';
import { checkMatrixCap } from '../optimize/constraint-readers.ts';
import { SIZE_CAPS } from '../core/limits.ts';
import { checkFinite, checkOneOf, checkOptions, checkRange, toSymmetricMatrix } from '../core/validate.ts';
import { readCovariance, withMomentsAssets, type Moments } from '../core/covariance-reader.ts';
import { checkConfidences, omegaKernel, type OmegaMethod } from './black-litterman-omega.ts';
import { viewsMatrix, type View } from './views-matrix.ts';
import { BL_SCALE_HINT, checkRiskAversion } from './bl-checks.ts';
import { guardFinite, type GuardInput } from '../covariance/overflow-guard.ts';

/** Views given directly as a pick matrix and view returns. */
export interface PickViews {
  /** k x n pick matrix. */
  P: MatrixLike;
  /** k view returns. */
  Q: VectorLike;
  /** Optional confidences (for `omega: 'idzorek'`). */
  confidences?: VectorLike;
}

/** Input of {@link blackLitterman}. */
export interface BlackLittermanInput {
  /** Covariance Σ of returns (n x n, symmetric positive definite), per period, or a Moments (its covariance; its assets label the result). */
  cov: MatrixLike | Moments;
  /** Prior expected returns π (total returns, including `riskFreeRate`). Give either this or `marketWeights`. */
  prior?: VectorLike;
  /** Market weights: the prior is then π = δ Σ w + r_f (needs `riskAversion`). */
  marketWeights?: VectorLike;
  /** Risk aversion δ in [1e-8, 1e8] (He & Litterman use 2.5); needed with `marketWeights` and for `weights` / `viewWeights`. */
  riskAversion?: number;
  /** Risk-free rate (same period); expected returns are total returns, weights use excess returns. Default 0. */
  riskFreeRate?: number;
  /** The views: a list (see viewsMatrix) or `{ P, Q }`. An empty list returns the prior. */
  views: readonly View[] | PickViews;
  /** Prior scaling τ > 0. Default 0.05 (He & Litterman 1999). */
  tau?: number;
  /** Ω: `'he-litterman'` (default), `'idzorek'` (from the views' confidences) or a k x k matrix. */
  omega?: OmegaMethod | MatrixLike;
  /** Covariance used for the unconstrained weights: `'posterior'` Σ + M (default, He & Litterman) or `'prior'` Σ (Idzorek 2005). */
  weightCovariance?: 'posterior' | 'prior';
  /** Asset names: enables views by name and labelled results. */
  assets?: readonly string[];
}

/** Result of {@link blackLitterman}. */
export interface BlackLittermanResult {
  /** Prior expected returns π (total returns). */
  prior: number[];
  /** Posterior expected returns μ̄ (total returns). */
  posteriorReturns: number[];
  /** Posterior covariance of returns Σ̄ = Σ + M, M = ((τΣ)⁻¹ + PᵀΩ⁻¹P)⁻¹. Feed μ̄ and Σ̄ to the optimisers for constrained weights. */
  posteriorCovariance: Matrix;
  /** Unconstrained optimal weights (δ Σ̄)⁻¹ (μ̄ − r_f) (or with Σ if `weightCovariance: 'prior'`); `null` without `riskAversion`. */
  weights: number[] | null;
  /** The equilibrium (market) weights w_eq = (δΣ)⁻¹ (π − r_f) (the given market weights when supplied); `null` without `riskAversion`. */
  equilibriumWeights: number[] | null;
  /**
   * He & Litterman's λ: the weight of each view portfolio in the optimal portfolio,
   * w = (w_eq + Pᵀλ) / (1 + τ) with the posterior covariance (their eq. 16–18), or w = w_eq + Pᵀλ with
   * `weightCovariance: 'prior'`. `null` without `riskAversion` or without views.
   */
  viewWeights: number[] | null;
  /** The pick matrix P (k x n). */
  P: Matrix;
  /** The view returns Q. */
  Q: number[];
  /** The view uncertainty Ω (k x k). */
  omega: Matrix;
  tau: number;
  riskAversion: number | null;
  /** Labelled posterior returns / weights, present when `assets` was given. */
  posteriorReturnsByAsset?: Record<string, number>;
  weightsByAsset?: Record<string, number>;
}

function lab(assets: readonly string[], v: ArrayLike<number>): Record<string, number> {
  return Object.fromEntries(assets.map((a, i) => [a, v[i]]));
}

/**
 * Black–Litterman posterior returns, covariance and unconstrained weights.
 *
 * With prior π (given, or π = δ Σ w_mkt + r_f from market weights), views P μ = Q + ε,
 * ε ~ N(0, Ω), and prior uncertainty τΣ:
 *
 * - μ̄ = π + τΣPᵀ (τPΣPᵀ + Ω)⁻¹ (Q − Pπ) — the master formula written so that it stays defined
 *   when Ω is singular (views held with 100 % confidence hold exactly: Pμ̄ = Q);
 * - M = τΣ − τΣPᵀ (τPΣPᵀ + Ω)⁻¹ PτΣ and the posterior covariance of returns Σ̄ = Σ + M
 *   (He & Litterman 1999, eq. 9–10);
 * - unconstrained weights w* = (δΣ̄)⁻¹ (μ̄ − r_f): He & Litterman's Tables 4–8 use Σ̄ (default);
 *   Idzorek (2005) uses Σ (`weightCovariance: 'prior'`). Constrained weights: give `posteriorReturns`
 *   and `posteriorCovariance` to an optimiser;
 * - viewWeights λ = (τ/δ) [Ω + τ/(1+τ) PΣPᵀ]⁻¹ (Q − r_f P1 − P(π − r_f)/(1+τ)), so that
 *   w* = (w_eq + Pᵀλ)/(1+τ) (He & Litterman eq. 18; with Σ: λ = (τ/δ)(τPΣPᵀ + Ω)⁻¹(Q − Pπ), w* = w_eq + Pᵀλ).
 *
 * Ω: `'he-litterman'` diag(τPΣPᵀ) (default); `'idzorek'` ω_k = ((1−C_k)/C_k) τ p_kΣp_kᵀ from each
 * view's `confidence` C_k ∈ (0, 1]; or a user k x k matrix. With no views the prior is returned
 * (μ̄ = π, M = τΣ). All figures are per period of `cov`; rates are decimals.
 *
 * `cov` may be a `Moments` (see `moments()` in `quantivista/expected-returns`): its covariance is
 * used (a library-built one skips the symmetry re-check; the Cholesky factorisation runs anyway)
 * and its assets name the assets (a given `assets` must match); its `mu` is not used as the prior.
 *
 * @throws {InvalidArgumentError} on NaN, bad options, `views` that are neither a list nor
 * `{ P, Q, confidences? }` (unknown keys included), views carrying confidences with a non-Idzorek
 * Ω (He–Litterman or a user matrix), a missing prior / risk aversion, a `riskAversion` outside
 * [1e-8, 1e8] (a unit slip, not a preference), or inputs so far out of scale that a result
 * overflows double precision (the error names the input of largest magnitude; no result holds
 * ±Infinity or NaN). @throws {DimensionError} on shape mismatch.
 * @throws {NotPositiveDefiniteError} when Σ is not positive definite or τPΣPᵀ + Ω is singular
 * (e.g. redundant views held with certainty).
 * @throws {SizeLimitError} above the size cap.
 *
 * Size cap: n ≤ `SIZE_CAPS.denseAssets` (5,000 assets; Cholesky and solves are O(n³)), and at most
 * as many views in a `{ P, Q }` pick matrix.
 * @example
 * ```ts
 * import { blackLitterman } from 'quantivista/black-litterman';
 * const bl = blackLitterman({
 *   cov: [[0.04, 0.01], [0.01, 0.09]],
 *   marketWeights: [0.6, 0.4],
 *   riskAversion: 2.5,
 *   views: [{ type: 'absolute', asset: 'B', return: 0.12, confidence: 1 }],
 *   omega: 'idzorek',
 *   assets: ['A', 'B'],
 * });
 * console.log(bl.posteriorReturnsByAsset?.B); // 0.12
 * ```
 */
export function blackLitterman(input: BlackLittermanInput): BlackLittermanResult {
  const fn = 'blackLitterman';
  const inp = readInputs(fn, input);
  const prior = buildPrior(fn, inp);
  const views = readViews(fn, inp, prior.wEq);
  const omega = buildOmega(fn, inp, views);
  const ins: GuardInput[] = [
    ['cov', inp.S],
    ['views.return', views.Q],
    ['views.P', views.P],
    ['prior', inp.opts.prior === undefined ? null : prior.pi],
    ['marketWeights', prior.wEq],
    ['riskFreeRate', inp.rf],
    ['tau', inp.tau],
  ];
  guardFinite(fn, 'the prior', prior.pi, ins, BL_SCALE_HINT);
  guardFinite(fn, 'Ω', omega, ins, BL_SCALE_HINT);
  const post = posterior(fn, inp, prior.pi, views, omega);
  const w = optimalWeights(fn, inp, prior.pi, views, omega, post);
  const { n, tau, delta, assets } = inp;
  const { k, P, Q } = views;
  for (const [what, v] of [
    ['the posterior', post.mu],
    ['the posterior covariance', post.Sbar],
    ['the weights', w.weights],
    ['the view weights', w.viewWeights],
  ] as const)
    if (v !== null) guardFinite(fn, what, v, ins, BL_SCALE_HINT);
  const out: BlackLittermanResult = {
    prior: Array.from(prior.pi),
    posteriorReturns: Array.from(post.mu),
    posteriorCovariance: wrapMatrix(n, n, post.Sbar),
    weights: w.weights === null ? null : Array.from(w.weights),
    equilibriumWeights: prior.wEq === null ? null : Array.from(prior.wEq),
    viewWeights: w.viewWeights === null ? null : Array.from(w.viewWeights),
    P: wrapMatrix(k, n, Float64Array.from(P)),
    Q: Array.from(Q),
    omega: wrapMatrix(k, k, omega),
    tau,
    riskAversion: delta,
  };
  if (assets) {
    out.posteriorReturnsByAsset = lab(assets, post.mu);
    if (w.weights) out.weightsByAsset = lab(assets, w.weights);
  }
  return out;
}

/** The checked scalar inputs and the covariance (with its Cholesky factor) of {@link blackLitterman}. */
interface Inputs {
  opts: BlackLittermanInput;
  n: number;
  /** Σ, n x n row-major. */
  S: Float64Array;
  /** Cholesky factor of Σ. */
  LS: Float64Array;
  tau: number;
  rf: number;
  /** δ, or null without `riskAversion`. */
  delta: number | null;
  weightCov: 'posterior' | 'prior';
  assets: readonly string[] | undefined;
}

/** The views as P (k x n row-major), Q and the confidences (null where a view has none). */
interface ViewSet {
  k: number;
  P: Float64Array;
  Q: Float64Array;
  conf: Array<number | null>;
}

/** The posterior μ̄ and Σ̄, with PΣPᵀ and x = B⁻¹(Q − Pπ) kept for the view weights. */
interface Posterior {
  PSPt: Float64Array;
  x: Float64Array;
  mu: Float64Array;
  Sbar: Float64Array;
}

/** Step 1: options, the covariance and its factor, τ, r_f, δ, the weight covariance and the asset names. */
function readInputs(fn: string, input: BlackLittermanInput): Inputs {
  const opts = checkOptions(fn, input, [
    'cov',
    'prior',
    'marketWeights',
    'riskAversion',
    'riskFreeRate',
    'views',
    'tau',
    'omega',
    'weightCovariance',
    'assets',
  ]);
  if (opts.cov === undefined) throw new InvalidArgumentError(`${fn}: \`cov\` is required.`, 'cov');
  // a Moments brings its labels; its `mu` is not used (the prior is an equilibrium, not a sample mean)
  checkMatrixCap(fn, 'cov', opts.cov, SIZE_CAPS.denseAssets, true);
  checkMatrixCap(fn, 'views.P', (opts.views as { P?: unknown } | undefined)?.P);
  const { n, data: S, assets: labels } = readCovariance(fn, 'cov', opts.cov, 'symmetric');
  const LS = choleskyKernel(S, n, `${fn}: \`cov\``);
  const tau = opts.tau === undefined ? 0.05 : checkRange(fn, 'tau', opts.tau, { min: 0, minOpen: true });
  const rf = opts.riskFreeRate === undefined ? 0 : checkFinite(fn, 'riskFreeRate', opts.riskFreeRate);
  const delta = opts.riskAversion === undefined ? null : checkRiskAversion(fn, opts.riskAversion);
  const weightCov = opts.weightCovariance === undefined ? 'posterior' : checkOneOf(fn, 'weightCovariance', opts.weightCovariance, ['posterior', 'prior']);
  let assets: readonly string[] | undefined;
  const given = withMomentsAssets(fn, opts, labels).assets;
  if (given !== undefined) {
    if (!Array.isArray(given) || given.length !== n || !given.every((a) => typeof a === 'string') || new Set(given).size !== n) {
      throw new InvalidArgumentError(`${fn}: \`assets\` must be ${n} distinct names (one per row of \`cov\`).`, 'assets');
    }
    assets = given;
  }
  return { opts, n, S, LS, tau, rf, delta, weightCov, assets };
}

/** Step 2: the prior π (given, or δΣw + r_f) and the equilibrium weights (given, or (δΣ)⁻¹(π − r_f) when δ is known). */
function buildPrior(fn: string, inp: Inputs): { pi: Float64Array; wEq: Float64Array | null } {
  const { opts, n, S, LS, rf, delta } = inp;
  if ((opts.prior === undefined) === (opts.marketWeights === undefined)) {
    throw new InvalidArgumentError(
      `${fn}: give exactly one of \`prior\` or \`marketWeights\` (with \`riskAversion\`).`,
      opts.prior === undefined ? 'prior' : 'marketWeights',
    );
  }
  const pi = new Float64Array(n);
  let wEq: Float64Array | null = null;
  if (opts.marketWeights !== undefined) {
    if (delta === null) throw new InvalidArgumentError(`${fn}: \`riskAversion\` is required with \`marketWeights\` (π = δΣw + r_f).`, 'riskAversion');
    wEq = toVector(opts.marketWeights, fn, 'marketWeights');
    if (wEq.length !== n) throw new DimensionError(`${fn}: \`marketWeights\` must have ${n} entries, got ${wEq.length}.`);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += S[i * n + j] * wEq[j];
      pi[i] = delta * s + rf;
    }
  } else {
    const p = toVector(opts.prior as VectorLike, fn, 'prior');
    if (p.length !== n) throw new DimensionError(`${fn}: \`prior\` must have ${n} entries, got ${p.length}.`);
    pi.set(p);
    if (delta !== null) {
      const ex = Float64Array.from(pi, (v) => (v - rf) / delta);
      wEq = choleskySolveKernel(LS, n, ex);
    }
  }
  return { pi, wEq };
}

/** Step 3: P, Q and the confidences, from a list of views (see viewsMatrix) or `{ P, Q, confidences? }`. */
function readViews(fn: string, inp: Inputs, wEq: Float64Array | null): ViewSet {
  const { opts, n, assets } = inp;
  if (opts.views === undefined) throw new InvalidArgumentError(`${fn}: \`views\` is required (an empty list returns the prior).`, 'views');
  if (Array.isArray(opts.views)) {
    if (opts.views.length === 0) return { k: 0, P: new Float64Array(0), Q: new Float64Array(0), conf: [] };
    const mw = wEq ?? undefined;
    const vm = viewsMatrix(opts.views as readonly View[], assets ?? n, mw === undefined ? {} : { marketWeights: mw });
    return { k: vm.P.rows, P: matrixData(vm.P), Q: Float64Array.from(vm.Q), conf: vm.confidences };
  }
  if (opts.views === null || typeof opts.views !== 'object') {
    throw new InvalidArgumentError(
      `${fn}: \`views\` must be an array of views or { P, Q, confidences? }, got ${opts.views === null ? 'null' : typeof opts.views}.`,
      'views',
      opts.views === null ? 'null' : typeof opts.views,
    );
  }
  for (const key of Object.keys(opts.views)) {
    if (key !== 'P' && key !== 'Q' && key !== 'confidences') {
      throw new InvalidArgumentError(
        `${fn}: \`views\` has unknown key \`${key}\`; a pick-matrix view set has \`P\`, \`Q\` and optionally \`confidences\`.`,
        `views.${key}`,
      );
    }
  }
  const pv = opts.views as PickViews;
  const Pm = toMatrix(pv.P, fn, 'views.P');
  const k = Pm.rows;
  if (k > 0 && Pm.cols !== n) throw new DimensionError(`${fn}: \`views.P\` must have ${n} columns, got ${Pm.cols}.`);
  const P = matrixData(Pm);
  const Q = toVector(pv.Q, fn, 'views.Q');
  if (Q.length !== k) throw new DimensionError(`${fn}: \`views.Q\` must have ${k} entries (one per row of P), got ${Q.length}.`);
  const conf = pv.confidences === undefined ? new Array<number | null>(k).fill(null) : Array.from(checkConfidences(fn, pv.confidences, k));
  return { k, P, Q, conf };
}

/** Step 4: Ω, He–Litterman diag(τPΣPᵀ), Idzorek from the confidences, or the user's k x k matrix. */
function buildOmega(fn: string, inp: Inputs, views: ViewSet): Float64Array {
  const { opts, n, S, tau } = inp;
  const { k, P, conf } = views;
  const om = opts.omega ?? 'he-litterman';
  if (typeof om === 'string') {
    const method = checkOneOf(fn, 'omega', om, ['he-litterman', 'idzorek']);
    if (method === 'idzorek') {
      const missing = conf.findIndex((c) => c === null);
      if (missing >= 0) throw new InvalidArgumentError(`${fn}: omega 'idzorek' needs a \`confidence\` on every view; view ${missing} has none.`, 'views');
      return omegaKernel(S, n, P, k, tau, Float64Array.from(conf as number[]));
    }
    if (conf.some((c) => c !== null)) {
      throw new InvalidArgumentError(
        `${fn}: views carry \`confidence\` but omega is 'he-litterman', which ignores it; pass omega: 'idzorek' (or remove the confidences).`,
        'omega',
      );
    }
    return omegaKernel(S, n, P, k, tau, null);
  }
  if (conf.some((c) => c !== null)) {
    throw new InvalidArgumentError(
      `${fn}: views carry \`confidence\` but \`omega\` is a user matrix, which ignores it; pass omega: 'idzorek' (or remove the confidences).`,
      'omega',
    );
  }
  const Om = toSymmetricMatrix(fn, 'omega', om);
  if (Om.rows !== k) throw new DimensionError(`${fn}: \`omega\` must be ${k} x ${k} (one row per view), got ${Om.rows} x ${Om.cols}.`);
  const omega = Float64Array.from(matrixData(Om));
  for (let i = 0; i < k; i++) {
    if (omega[i * k + i] < 0)
      throw new InvalidArgumentError(`${fn}: \`omega\` must be positive semi-definite; diagonal entry ${i} is ${omega[i * k + i]}.`, 'omega');
  }
  return omega;
}

/**
 * Step 5: the posterior. μ̄ = π + τΣPᵀ B⁻¹ (Q − Pπ), B = τPΣPᵀ + Ω; Σ̄ = Σ + M with
 * M = τΣ − τ²ΣPᵀB⁻¹PΣ.
 * @throws {NotPositiveDefiniteError} when B is singular
 */
function posterior(fn: string, inp: Inputs, pi: Float64Array, views: ViewSet, omega: Float64Array): Posterior {
  const { n, S, tau } = inp;
  const { k, P, Q } = views;
  const SPt = new Float64Array(n * k); // Σ Pᵀ, n x k
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < k; a++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += S[i * n + j] * P[a * n + j];
      SPt[i * k + a] = s;
    }
  }
  const PSPt = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += P[a * n + j] * SPt[j * k + b];
      PSPt[a * k + b] = s;
    }
  }
  for (let a = 0; a < k; a++)
    for (let b = 0; b < a; b++) {
      const m = 0.5 * (PSPt[a * k + b] + PSPt[b * k + a]);
      PSPt[a * k + b] = m;
      PSPt[b * k + a] = m;
    }
  const B = new Float64Array(k * k);
  for (let t = 0; t < k * k; t++) B[t] = tau * PSPt[t] + omega[t];
  let LB: Float64Array = new Float64Array(0);
  if (k > 0) {
    try {
      LB = choleskyKernel(B, k, fn);
    } catch (e) {
      if (e instanceof NotPositiveDefiniteError) {
        throw new NotPositiveDefiniteError(
          `${fn}: τPΣPᵀ + Ω is singular: the views are redundant (linearly dependent) and held with certainty, or Ω is not positive semi-definite.`,
          e.pivot,
          e.pivotValue,
        );
      }
      throw e;
    }
  }
  const resid = new Float64Array(k);
  for (let a = 0; a < k; a++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += P[a * n + j] * pi[j];
    resid[a] = Q[a] - s;
  }
  const x = k > 0 ? choleskySolveKernel(LB, k, Float64Array.from(resid)) : new Float64Array(0);
  const mu = Float64Array.from(pi);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let a = 0; a < k; a++) s += SPt[i * k + a] * x[a];
    mu[i] = mu[i] + tau * s;
  }
  return { PSPt, x, mu, Sbar: posteriorCovariance(inp, k, SPt, LB) };
}

/** Σ̄ = (1 + τ)Σ − τ² ΣPᵀ Y with Y = B⁻¹ (ΣPᵀ)ᵀ (k x n, solved column by column), symmetric by construction. */
function posteriorCovariance(inp: Inputs, k: number, SPt: Float64Array, LB: Float64Array): Float64Array {
  const { n, S, tau } = inp;
  const Y = new Float64Array(k * n);
  const col = new Float64Array(k);
  for (let j = 0; j < n; j++) {
    for (let a = 0; a < k; a++) col[a] = SPt[j * k + a];
    if (k > 0) choleskySolveKernel(LB, k, col);
    for (let a = 0; a < k; a++) Y[a * n + j] = col[a];
  }
  const Sbar = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let a = 0; a < k; a++) s += SPt[i * k + a] * Y[a * n + j];
      const v = S[i * n + j] * (1 + tau) - tau * tau * s;
      Sbar[i * n + j] = v;
      Sbar[j * n + i] = v;
    }
  }
  return Sbar;
}

/**
 * Step 6: the unconstrained weights w* = (δΣ̄)⁻¹(μ̄ − r_f) (or with Σ) and He & Litterman's view
 * weights λ; both null without a risk aversion δ.
 */
function optimalWeights(
  fn: string,
  inp: Inputs,
  pi: Float64Array,
  views: ViewSet,
  omega: Float64Array,
  post: Posterior,
): { weights: Float64Array | null; viewWeights: Float64Array | null } {
  const { n, LS, tau, rf, delta, weightCov } = inp;
  const { k, P, Q } = views;
  const { PSPt, x, mu, Sbar } = post;
  if (delta === null) return { weights: null, viewWeights: null };
  const ex = Float64Array.from(mu, (v) => (v - rf) / delta);
  const L = weightCov === 'posterior' ? choleskyKernel(Sbar, n, `${fn}: posterior covariance`) : LS;
  const weights = choleskySolveKernel(L, n, ex);
  if (k === 0) return { weights, viewWeights: null };
  if (weightCov === 'prior') return { weights, viewWeights: Float64Array.from(x, (v) => (tau / delta) * v) };
  // λ = (τ/δ) [Ω + τ/(1+τ) PΣPᵀ]⁻¹ (Q_ex − P π_ex / (1+τ)).
  const C = new Float64Array(k * k);
  for (let t = 0; t < k * k; t++) C[t] = omega[t] + (tau / (1 + tau)) * PSPt[t];
  const rhs = new Float64Array(k);
  for (let a = 0; a < k; a++) {
    let p1 = 0;
    let ppi = 0;
    for (let j = 0; j < n; j++) {
      const pj = P[a * n + j];
      p1 += pj;
      ppi += pj * (pi[j] - rf);
    }
    rhs[a] = Q[a] - rf * p1 - ppi / (1 + tau);
  }
  const LC = choleskyKernel(C, k, `${fn}: Ω + τ/(1+τ)·PΣPᵀ`);
  return { weights, viewWeights: choleskySolveKernel(LC, k, rhs).map((v) => (tau / delta) * v) };
}
