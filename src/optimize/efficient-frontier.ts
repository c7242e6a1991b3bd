/**
 * The efficient frontier with its corner portfolios.
 *
 * @module
 */
import { momentsArguments, type Moments } from '../core/covariance-reader.ts';
import { InvalidArgumentError } from '../core/errors.ts';
import type { MatrixLike, VectorLike } from '../core/matrix.ts';
import { checkInteger } from '../core/validate.ts';
import { maxAchievableReturn, returnRow, solveOnMaxReturnFace } from './efficient-return.ts';
import { AT_LOWER, AT_UPPER, EQUALITY, FREE, INACTIVE, type KernelProblem, type KernelResult } from './qp-kernel.ts';
import {
  CONSTRAINT_KEYS,
  buildProblem,
  dot,
  extraRowIndex,
  num,
  parseConstraints,
  quadForm,
  readRiskFreeRate,
  solveBuilt,
  weightsOf,
  type PortfolioConstraints,
  readMeanVarianceInput,
} from './portfolio-constraints.ts';
import { withL2, scaledMatrix } from './portfolio-solve.ts';

/** Options of {@link efficientFrontier}. */
export interface EfficientFrontierOptions extends PortfolioConstraints {
  /** Number of evenly spaced target returns from the minimum-variance return to the maximum return (default 20, ≥ 2). */
  points?: number;
  /** Risk-free rate per period for the reported Sharpe ratios (default 0). */
  riskFreeRate?: number;
}

/** One portfolio on the frontier. */
export interface FrontierPoint {
  expectedReturn: number;
  volatility: number;
  sharpeRatio: number | null;
  weights: number[];
  weightsByAsset?: Record<string, number>;
}

/** Result of {@link efficientFrontier}. */
export interface EfficientFrontierResult {
  /** `points` portfolios at evenly spaced returns, from the minimum-variance one to the maximum-return one. */
  points: FrontierPoint[];
  /**
   * Corner portfolios: where the set of binding constraints changes (between two corners the
   * weights are affine in the target return), including both ends, in increasing return.
   */
  corners: FrontierPoint[];
  converged: boolean;
  /** QP solves performed. */
  solves: number;
  /** Active-set iterations over all solves. */
  iterations: number;
}

/**
 * efficientFrontier on a `Moments` (from `moments()`): its `mu` and its covariance, with its assets labelling the
 * result; the same as `efficientFrontier(moments.mu, moments, ...)`. See the next signature for the method.
 */
export function efficientFrontier(moments: Moments, options?: EfficientFrontierOptions): EfficientFrontierResult;
/**
 * The mean-variance efficient frontier under the constraints: the minimum-variance portfolio
 * for every target return from the global minimum-variance portfolio's return up to the
 * highest return the constraints allow.
 *
 * Each point is an exact QP (warm-started from its neighbour). Corner portfolios — where the
 * active set changes, the "turning points" of Markowitz's critical line algorithm — are found
 * by bisecting on the target return between neighbours with different active sets until the
 * interval is below 1e-10 of the return range; between corners the frontier weights are affine
 * in the target, so the corners and the points describe the whole frontier. With `l2` the
 * objective is variance + γ‖w‖².
 *
 * `turnover` and `transactionCost` are supported: every point is solved with them (the costs
 * enter the objective, so the minimum-variance end minimises variance plus costs); the
 * maximum-return end is the highest gross return μᵀw the constraints allow. With split
 * variables a corner is also where an asset turns from bought to sold.
 *
 * Not supported: `maxVolatility`, `trackingError` (the frontier spans all risks).
 *
 * Moments: `efficientFrontier(moments, ...)` takes `mu` and `cov` from a `Moments` (which must have `mu`;
 * see `moments()` in `quantivista/expected-returns`); `efficientFrontier(mu, moments, ...)` uses only its
 * covariance. Either way its assets label the result (as the `assets` option would; a given
 * `assets` must match), and a `Moments` the library built skips the O(n³)
 * positive-semidefiniteness re-check (any other object is fully checked); the numbers are
 * those of the same covariance given as a matrix.
 *
 * @param mu expected returns per period. @param cov covariance per period.
 * @param options `points` (default 20), `riskFreeRate`, the shared constraints.
 * Size cap: n ≤ `SIZE_CAPS.denseAssets` (5,000 assets; the solves are O(n³)), checked before `cov` is converted.
 * @throws {SizeLimitError} above the size cap.
 * @throws {InfeasibleError} when the constraints conflict. @throws {InvalidArgumentError} on bad
 *   options. @throws {DimensionError} on shape mismatches.
 * @throws {NotPositiveDefiniteError} when `cov` is indefinite beyond rounding (pivoted Cholesky, tolerance 1e-10 · max diagonal; rank-deficient PSD is fine).
 * @example
 * ```ts
 * import { efficientFrontier } from 'quantivista/optimize';
 * const f = efficientFrontier([0.01, 0.02], [[0.04, 0], [0, 0.09]], { points: 3 });
 * console.log(f.points.map((p) => p.expectedReturn)); // [0.013076923076923076, 0.01653846153846154, 0.02]
 * console.log(f.corners.length); // 2
 * ```
 */
export function efficientFrontier(mu: VectorLike, cov: MatrixLike | Moments, options?: EfficientFrontierOptions): EfficientFrontierResult;
export function efficientFrontier(...args: unknown[]): EfficientFrontierResult {
  const fn = 'efficientFrontier';
  const { mu, cov, rest } = momentsArguments(fn, args);
  const options = rest[0] as EfficientFrontierOptions | undefined;
  const { n, S, m, opts } = readMeanVarianceInput(fn, mu, cov, options, [...CONSTRAINT_KEYS, 'points', 'riskFreeRate']);
  const rf = readRiskFreeRate(fn, opts.riskFreeRate);
  const points = opts.points === undefined ? 20 : checkInteger(fn, 'points', opts.points, 2, 100_000);
  const pc = parseConstraints(fn, n, opts);
  if (pc.maxVolatility !== null || pc.trackingError !== null) {
    throw new InvalidArgumentError(
      `${fn}: \`maxVolatility\` and \`trackingError\` are not supported by the frontier (it spans all risks).`,
      pc.maxVolatility !== null ? 'maxVolatility' : 'trackingError',
      'unsupported',
    );
  }
  const f = withL2(n, { Q: scaledMatrix(S, 2), c: new Float64Array(n) }, pc.l2);
  const best = maxAchievableReturn(pc, m);
  const built = buildProblem(pc, f, [returnRow(m, -Infinity)]);
  const row = extraRowIndex(built, 0);
  // with split variables (turnover, transaction costs) the kernel row is μᵀ(w − current) ≥ target − μᵀcurrent
  const shift = pc.split === null ? 0 : dot(m, pc.split.base);
  let solves = 0;
  let rminGuess = best.value;
  let iterations = 0;
  let converged = true;
  type Sol = { r: number; res: KernelResult; w: Float64Array };
  const atMaxFace = (from: KernelResult | undefined): Sol => {
    // the maximum-return end: solved on the LP's optimal face (the return row is degenerate there)
    built.kp.rl[row] = best.value - shift;
    const { res } = solveOnMaxReturnFace(built, row, best);
    solves++;
    iterations += res.iterations;
    converged = converged && res.converged;
    const w = weightsOf(built, res.x);
    // keep the return row's status as at the previous point for the corner bookkeeping
    const rs = res.rowStatus.slice();
    rs[row] = from ? from.rowStatus[row] : 0;
    return { r: dot(m, w), res: { ...res, rowStatus: rs }, w };
  };
  const solveAt = (target: number, from?: KernelResult): Sol => {
    if (target >= best.value - 1e-12 * (Math.abs(best.value) + Math.abs(best.value - rminGuess))) return atMaxFace(from);
    built.kp.rl[row] = target - shift;
    built.extra[0]!.lowerText = `expected return ≥ ${num(target)}`;
    const res = solveBuilt(built, from ? { x: from.x, varStatus: from.varStatus, rowStatus: from.rowStatus } : undefined);
    solves++;
    iterations += res.iterations;
    converged = converged && res.converged;
    const w = weightsOf(built, res.x);
    return { r: dot(m, w), res, w };
  };
  const first = solveAt(-Infinity);
  const rmin = first.r;
  rminGuess = rmin;
  const rmax = Math.max(best.value, rmin);
  const sols: Sol[] = [first];
  let prev = first;
  for (let k = 1; k < points; k++) {
    if (k === points - 1) {
      prev = atMaxFace(prev.res);
    } else {
      prev = solveAt(rmin + ((rmax - rmin) * k) / (points - 1), prev.res);
    }
    sols.push(prev);
  }
  const signature = (s: Sol) => {
    const st = Array.from(s.res.varStatus).join('');
    const rs = Array.from(s.res.rowStatus, (v, i) => (i === row ? '' : String(v))).join('');
    return st + '|' + rs;
  };
  const range = Math.max(rmax - rmin, 1e-300);
  const corners: Sol[] = [first];
  const budgetSolves = 20 * (n + points) + 1000;
  // Walk each interval with differing active sets: from a solution, the path is affine until the
  // next corner, found exactly from the KKT derivative; the QP just past the corner gives the
  // next segment. Falls back to bisection if the KKT matrix is singular.
  const walk = (a0: Sol, b: Sol) => {
    let a = a0;
    for (let guard = 0; guard < 4 * n + 20 && solves < budgetSolves; guard++) {
      if (signature(a) === signature(b)) return;
      const step = cornerStep(built.kp, a.res, row, 1e-9 * range);
      if (step === null || !(step.delta > 0) || a.r + step.delta >= b.r) {
        // fallback: bisection
        if (b.r - a.r <= 1e-10 * range) {
          corners.push(b);
          return;
        }
        const mid = solveAt(0.5 * (a.r + b.r), a.res);
        walk(a, mid);
        a = mid;
        continue;
      }
      const rc = a.r + step.delta;
      const next = solveAt(Math.min(rc + 1e-7 * range, 0.5 * (rc + b.r)), a.res);
      // a degenerate event (a bound or row whose multiplier is already zero) changes nothing:
      // only a change of the working set past the event is a corner
      if (signature(next) !== signature(a)) {
        const x = a.res.x.map((v, j) => v + step.delta * step.dx[j]);
        corners.push({ r: rc, res: a.res, w: weightsOf(built, x) });
      }
      a = next;
    }
  };
  for (let k = 1; k < sols.length; k++) walk(sols[k - 1]!, sols[k]!);
  const last = sols[sols.length - 1]!;
  if (corners[corners.length - 1] !== last) {
    // a corner found at the very end is the last point itself
    if (corners.length > 1 && corners[corners.length - 1]!.r >= last.r - 1e-12 * range) corners.pop();
    corners.push(last);
  }
  const point = (s: Sol): FrontierPoint => {
    const vol = Math.sqrt(quadForm(S, s.w));
    const weights = Array.from(s.w, (v) => (v === 0 ? 0 : v));
    const p: FrontierPoint = { expectedReturn: s.r, volatility: vol, sharpeRatio: vol > 0 ? (s.r - rf) / vol : null, weights };
    if (pc.assets !== null) p.weightsByAsset = Object.fromEntries(pc.assets.map((a, i) => [a, weights[i]]));
    return p;
  };
  return { points: sols.map(point), corners: corners.map(point), converged, solves, iterations };
}

/**
 * From a solution, the derivative of the kernel solution with respect to the target return
 * (KKT system on the working set plus the return row) and the step to the next corner, where a
 * free variable reaches a bound, an inactive row a limit, or a multiplier changes sign.
 * Returns null when the KKT matrix is singular.
 */
function cornerStep(kp: KernelProblem, res: KernelResult, retRow: number, minDelta: number): { delta: number; dx: Float64Array } | null {
  const { n, m, R } = kp;
  const Q = kp.Q;
  const F: number[] = [];
  for (let j = 0; j < n; j++) if (res.varStatus[j] === FREE) F.push(j);
  const W: number[] = [];
  for (let i = 0; i < m; i++) if (res.rowStatus[i] !== INACTIVE || i === retRow) W.push(i);
  const nf = F.length;
  const nw = W.length;
  const N = nf + nw;
  const K = new Float64Array(N * (N + 1));
  const ld = N + 1;
  for (let a = 0; a < nf; a++) {
    for (let b = 0; b < nf; b++) K[a * ld + b] = Q === null ? 0 : Q[F[a] * n + F[b]];
    for (let w = 0; w < nw; w++) {
      const v = R[W[w] * n + F[a]];
      K[a * ld + nf + w] = v;
      K[(nf + w) * ld + a] = v;
    }
  }
  for (let w = 0; w < nw; w++) K[(nf + w) * ld + N] = W[w] === retRow ? 1 : 0;
  // Gaussian elimination with partial pivoting
  let scale = 0;
  for (let k = 0; k < N * ld; k++) scale = Math.max(scale, Math.abs(K[k]));
  for (let c = 0; c < N; c++) {
    let piv = c;
    for (let r = c + 1; r < N; r++) if (Math.abs(K[r * ld + c]) > Math.abs(K[piv * ld + c])) piv = r;
    if (!(Math.abs(K[piv * ld + c]) > 1e-13 * scale)) return null;
    if (piv !== c) {
      for (let k = 0; k <= N; k++) {
        const t = K[c * ld + k];
        K[c * ld + k] = K[piv * ld + k];
        K[piv * ld + k] = t;
      }
    }
    const d = K[c * ld + c];
    for (let r = c + 1; r < N; r++) {
      const f = K[r * ld + c] / d;
      if (f === 0) continue;
      for (let k = c; k <= N; k++) K[r * ld + k] = K[r * ld + k] - f * K[c * ld + k];
    }
  }
  const sol = new Float64Array(N);
  for (let r = N - 1; r >= 0; r--) {
    let s = K[r * ld + N];
    for (let k = r + 1; k < N; k++) s -= K[r * ld + k] * sol[k];
    sol[r] = s / K[r * ld + r];
  }
  const dx = new Float64Array(n);
  F.forEach((j, a) => (dx[j] = sol[a]));
  const dmu = new Float64Array(m);
  W.forEach((i, w) => (dmu[i] = sol[nf + w]));
  let delta = Infinity;
  // events closer than minDelta are degenerate (already at zero); the QP past them resolves them
  const consider = (t: number) => {
    if (t >= minDelta && t < delta) delta = t;
  };
  const x = res.x;
  const tiny = 1e-14;
  for (const j of F) {
    const d = dx[j];
    if (d < -tiny && kp.l[j] !== -Infinity) consider((kp.l[j] - x[j]) / d);
    if (d > tiny && kp.u[j] !== Infinity) consider((kp.u[j] - x[j]) / d);
  }
  for (let i = 0; i < m; i++) {
    let dr = 0;
    let r = 0;
    for (let j = 0; j < n; j++) {
      dr += R[i * n + j] * dx[j];
      r += R[i * n + j] * x[j];
    }
    const st = res.rowStatus[i];
    if (i === retRow) continue;
    if (st === INACTIVE) {
      if (dr > tiny && kp.ru[i] !== Infinity) consider((kp.ru[i] - r) / dr);
      if (dr < -tiny && kp.rl[i] !== -Infinity) consider((kp.rl[i] - r) / dr);
    } else if (st !== EQUALITY) {
      const mu = res.mu[i];
      const d = dmu[i];
      // at lower μ ≤ 0, at upper μ ≥ 0: the row leaves when μ crosses zero
      if ((st === AT_LOWER && d > tiny) || (st === AT_UPPER && d < -tiny)) consider(-mu / d);
    }
  }
  for (let j = 0; j < n; j++) {
    const st = res.varStatus[j];
    if (st !== AT_LOWER && st !== AT_UPPER) continue;
    let dnu = 0;
    if (Q !== null) for (const k of F) dnu += Q[j * n + k] * dx[k];
    for (const i of W) dnu += dmu[i] * R[i * n + j];
    dnu = -dnu;
    const nu = res.nu[j];
    if ((st === AT_LOWER && dnu > tiny) || (st === AT_UPPER && dnu < -tiny)) consider(-nu / dnu);
  }
  return { delta: Math.max(delta, 0), dx };
}
