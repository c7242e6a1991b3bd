/**
 * Maximum Sharpe ratio (tangency) portfolio.
 *
 * @module
 */
import { momentsArguments, type Moments } from '../core/covariance-reader.ts';
import { InfeasibleError, InvalidArgumentError } from '../core/errors.ts';
import type { MatrixLike, VectorLike } from '../core/matrix.ts';
import { maxAchievableReturn } from './efficient-return.ts';
import { FREE, type KernelProblem, type KernelResult } from './qp-kernel.ts';
import { kernelKKT, runKernel, type ConstraintDescriber } from './qp-run.ts';
import {
  CONSTRAINT_KEYS,
  assetName,
  buildProblem,
  parseConstraints,
  portfolioResult,
  readRiskFreeRate,
  type ParsedConstraints,
  type PortfolioConstraints,
  type PortfolioResult,
  readMeanVarianceInput,
  num,
} from './portfolio-constraints.ts';
import { solvePortfolio } from './portfolio-solve.ts';

/** Options of {@link maxSharpe}. */
export interface MaxSharpeOptions extends PortfolioConstraints {
  /** Risk-free rate per period, in the units of `mu` (default 0). */
  riskFreeRate?: number;
}

/**
 * maxSharpe on a `Moments` (from `moments()`): its `mu` and its covariance, with its assets labelling the
 * result; the same as `maxSharpe(moments.mu, moments, ...)`. See the next signature for the method.
 */
export function maxSharpe(moments: Moments, options?: MaxSharpeOptions): PortfolioResult;
/**
 * The maximum Sharpe ratio (tangency) portfolio: maximise (μᵀw − r_f) / sqrt(wᵀΣw) subject to
 * the constraints.
 *
 * Method: the Cornuéjols–Tütüncü change of variables (*Optimization Methods in Finance*, 2007,
 * §8.2): with y = κw, κ ≥ 0, the problem becomes the convex QP
 * min yᵀΣy s.t. (μ − r_f)ᵀy = c, Σy = budget·κ (c > 0 any constant; we use the best achievable excess return, so κ ≈ 1), and every linear constraint homogenised
 * (lo·κ ≤ y ≤ hi·κ, group_min·κ ≤ Σ_g y ≤ group_max·κ, ...); then w = y/κ. It is exact (no
 * search over the frontier). With `maxVolatility`, when the tangency portfolio is more
 * volatile than allowed the answer is the efficient portfolio at that volatility (the Sharpe
 * ratio is quasi-concave along the frontier, so the cap binds).
 *
 * Not supported here (they do not homogenise to a QP): `turnover`, `transactionCost`,
 * `leverage`, `l2`, `trackingError`, and a budget ≤ 0.
 *
 * Moments: `maxSharpe(moments, ...)` takes `mu` and `cov` from a `Moments` (which must have `mu`;
 * see `moments()` in `quantivista/expected-returns`); `maxSharpe(mu, moments, ...)` uses only its
 * covariance. Either way its assets label the result (as the `assets` option would; a given
 * `assets` must match), and a `Moments` the library built skips the O(n³)
 * positive-semidefiniteness re-check (any other object is fully checked); the numbers are
 * those of the same covariance given as a matrix.
 *
 * @param mu expected returns per period. @param cov covariance per period.
 * @param options `riskFreeRate` (per period, default 0) and the shared constraints.
 * Size cap: n ≤ `SIZE_CAPS.denseAssets` (5,000 assets; the solves are O(n³)), checked before `cov` is converted.
 * @throws {SizeLimitError} above the size cap.
 * @throws {InfeasibleError} when no feasible portfolio has an expected return above the
 *   risk-free rate (the message gives the best achievable return), or the constraints conflict.
 * @throws {InvalidArgumentError} on bad or unsupported options. @throws {DimensionError} on shape mismatches.
 * @throws {NotPositiveDefiniteError} when `cov` is indefinite beyond rounding (pivoted Cholesky, tolerance 1e-10 · max diagonal; rank-deficient PSD is fine).
 * @example
 * ```ts
 * import { maxSharpe } from 'quantivista/optimize';
 * // uncorrelated assets: w ∝ Σ⁻¹(μ − r_f) = (0.25, 0.25) → (0.5, 0.5)
 * const r = maxSharpe([0.02, 0.03], [[0.04, 0], [0, 0.08]], { riskFreeRate: 0.01 });
 * console.log(r.weights); // [0.5, 0.5]
 * ```
 */
export function maxSharpe(mu: VectorLike, cov: MatrixLike | Moments, options?: MaxSharpeOptions): PortfolioResult;
export function maxSharpe(...args: unknown[]): PortfolioResult {
  const fn = 'maxSharpe';
  const { mu, cov, rest } = momentsArguments(fn, args);
  const options = rest[0] as MaxSharpeOptions | undefined;
  const { n, S, m, opts } = readMeanVarianceInput(fn, mu, cov, options, [...CONSTRAINT_KEYS, 'riskFreeRate']);
  const rf = readRiskFreeRate(fn, opts.riskFreeRate);
  const pc = parseConstraints(fn, n, opts);
  for (const key of ['turnover', 'transactionCost', 'leverage', 'trackingError'] as const) {
    if (opts[key] !== undefined) {
      throw new InvalidArgumentError(
        `${fn}: option \`${key}\` is not supported by maxSharpe (it does not homogenise to a QP); use efficientRisk or maxQuadraticUtility.`,
        key,
        'unsupported',
      );
    }
  }
  if (pc.l2 !== 0)
    throw new InvalidArgumentError(`${fn}: option \`l2\` is not supported by maxSharpe; use maxQuadraticUtility or efficientRisk with \`l2\`.`, 'l2', pc.l2);
  if (!(pc.budget > 0))
    throw new InvalidArgumentError(
      `${fn}: \`budget\` must be positive for a Sharpe ratio to be defined by the weights, got ${pc.budget}.`,
      'budget',
      pc.budget,
    );
  const core = maxSharpeCore(fn, m, S, rf, pc, 'expected return');
  const { w, res, kp } = core;
  const wb = buildProblem(pc, { Q: null, c: new Float64Array(n) });
  const vol = Math.sqrt(
    Math.max(
      0,
      w.reduce((s, wi, i) => s + wi * S.subarray(i * n, i * n + n).reduce((t, v, j) => t + v * w[j], 0), 0),
    ),
  );
  if (pc.maxVolatility !== null && vol > pc.maxVolatility * (1 + 1e-12)) {
    const text = `volatility ≤ ${num(pc.maxVolatility)}`;
    const sol = solvePortfolio(pc, { Q: null, c: m.map((v) => -v) }, [], { S, shift: null, max: pc.maxVolatility, what: 'volatility', text });
    return portfolioResult(
      sol.built,
      S,
      m,
      rf,
      sol.w,
      { converged: sol.converged && res.converged, iterations: sol.iterations + res.iterations, last: sol.last },
      [text],
    );
  }
  return portfolioResult(wb, S, m, rf, w, { converged: res.converged, iterations: res.iterations, last: res, kkt: kernelKKT(kp, res) });
}

/**
 * Internal: the homogenised (Cornuéjols–Tütüncü) maximisation of (mᵀw − rf) / sqrt(wᵀΣw)
 * under parsed constraints; also serves maxDiversification (m = asset volatilities, rf = 0).
 * @internal
 */
export function maxSharpeCore(
  fn: string,
  m: Float64Array,
  S: Float64Array,
  rf: number,
  pc: ParsedConstraints,
  what: string,
): { w: Float64Array; res: KernelResult; kp: KernelProblem } {
  const best = maxAchievableReturn(pc, m);
  const n = pc.n;
  if (!(best.value > rf + 1e-12 * (1 + Math.abs(rf)))) {
    throw new InfeasibleError(
      `${fn}: no portfolio allowed by the constraints has an ${what} above the risk-free rate (${num(rf)}); the best achievable ${what} is ${num(best.value)}.`,
      [`${what} above the risk-free rate ${num(rf)}`, `highest achievable ${what} ${num(best.value)}`],
    );
  }
  // homogenised problem in (y, κ)
  const nv = n + 1;
  const K = n;
  const Q = new Float64Array(nv * nv);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) Q[i * nv + j] = 2 * S[i * n + j];
  const rows: Array<{ coef: Float64Array; rl: number; ru: number; text: string }> = [];
  const ex = new Float64Array(nv);
  for (let i = 0; i < n; i++) ex[i] = m[i] - rf;
  // normalise the excess return to that of the highest-return portfolio (not to 1), so that
  // κ starts at 1 and y is of the size of w whatever the units of μ (daily μ would otherwise
  // make y ~ 1 / 0.0005 and cost precision)
  const excess = best.value - rf;
  rows.push({ coef: ex, rl: excess, ru: excess, text: 'expected excess return normalised (y = κw)' });
  const bud = new Float64Array(nv).fill(1);
  bud[K] = -pc.budget;
  rows.push({ coef: bud, rl: 0, ru: 0, text: `budget: weights sum to ${num(pc.budget)}` });
  for (const r of pc.rows) {
    if (r.lower > -Infinity) {
      const coef = new Float64Array(nv);
      coef.set(r.coef);
      coef[K] = -r.lower;
      rows.push({ coef, rl: 0, ru: Infinity, text: r.lowerText });
    }
    if (r.upper < Infinity) {
      const coef = new Float64Array(nv);
      coef.set(r.coef);
      coef[K] = -r.upper;
      rows.push({ coef, rl: -Infinity, ru: 0, text: r.upperText });
    }
  }
  const l = new Float64Array(nv).fill(-Infinity);
  const u = new Float64Array(nv).fill(Infinity);
  l[K] = 0;
  const allLong = pc.lo.every((v) => v >= 0);
  for (let j = 0; j < n; j++) {
    const lo = pc.lo[j];
    const hi = pc.hi[j];
    if (lo === 0) l[j] = 0;
    else {
      const coef = new Float64Array(nv);
      coef[j] = 1;
      coef[K] = -lo;
      rows.push({ coef, rl: 0, ru: Infinity, text: `weight of ${assetName(pc, j)} ≥ ${num(lo)}` });
    }
    if (!(allLong && hi >= pc.budget)) {
      const coef = new Float64Array(nv);
      coef[j] = 1;
      coef[K] = -hi;
      rows.push({ coef, rl: -Infinity, ru: 0, text: `weight of ${assetName(pc, j)} ≤ ${num(hi)}` });
    }
  }
  const mrows = rows.length;
  const R = new Float64Array(mrows * nv);
  const rl = new Float64Array(mrows);
  const ru = new Float64Array(mrows);
  rows.forEach((r, i) => {
    R.set(r.coef, i * nv);
    rl[i] = r.rl;
    ru[i] = r.ru;
  });
  const kp: KernelProblem = { n: nv, Q, c: new Float64Array(nv), m: mrows, R, rl, ru, l, u };
  const describe: ConstraintDescriber = {
    bound: (j, side) => (j === K ? 'scale κ ≥ 0' : side === 1 ? `weight of ${assetName(pc, j)} ≥ 0` : `weight of ${assetName(pc, j)} ≤ ∞`),
    row: (i) => rows[i]!.text,
  };
  // warm start from the highest-return portfolio, scaled onto the normalisation row
  const x0 = new Float64Array(nv);
  for (let j = 0; j < n; j++) x0[j] = best.weights[j];
  x0[K] = 1;
  const vs0 = new Int8Array(nv).fill(FREE);
  const maxIterations = pc.maxIterations ?? 50 * (nv + mrows) + 100;
  const res = runKernel(fn, kp, { maxIterations, tolerance: pc.tolerance, start: { x: x0, varStatus: vs0, rowStatus: new Int8Array(mrows) } }, describe);
  const kappa = res.x[K];
  const w = new Float64Array(n);
  for (let j = 0; j < n; j++) w[j] = res.x[j] / kappa;
  return { w, res, kp };
}
