/**
 * Minimum conditional value-at-risk portfolio (Rockafellar–Uryasev).
 *
 * @module
 */
import solver from 'javascript-lp-solver';
import { ConvergenceError, InfeasibleError, InvalidArgumentError } from '../core/errors.ts';
import { matrixData, type MatrixLike } from '../core/matrix.ts';
import { SIZE_CAPS, checkSizeCap } from '../core/limits.ts';
import { resolveAssets, type TableLike } from '../core/table.ts';
import { checkConfidence, checkFinite, checkOptions, toReturnsMatrix } from '../core/validate.ts';
import { parseConstraints, type PortfolioConstraints } from './portfolio-constraints.ts';

/** Options of {@link minCVaR}. */
export interface MinCVaROptions extends Pick<PortfolioConstraints, 'bounds' | 'budget' | 'groups' | 'linear' | 'assets'> {
  /** Confidence level β in [0.5, 1) (default 0.95): CVaR is the mean loss in the worst 1 − β of scenarios. A value below 0.5 (the tail written for the level, e.g. 0.05) throws. */
  confidence?: number;
  /** Minimum expected return (the scenario mean, per period). */
  targetReturn?: number;
  /** Skip the screen that refuses scenarios looking like prices (every column positive with a median above 1). */
  assumeReturns?: boolean;
}

/** Result of {@link minCVaR}. */
export interface MinCVaRResult {
  weights: number[];
  /** CVaR_β of the portfolio's scenario losses (a positive number is a loss), per period. */
  cvar: number;
  /** VaR_β (the α of Rockafellar–Uryasev at the optimum). */
  valueAtRisk: number;
  /** Mean scenario return of the portfolio. */
  expectedReturn: number;
  /** Scenarios used. */
  scenarios: number;
  /** Weights by ticker, when `assets` is given or `scenarios` is a table. */
  weightsByAsset?: Record<string, number>;
}

/** CVaR_β of losses L (Rockafellar–Uryasev: min over α of α + E[(L − α)⁺]/(1 − β)), exact on the empirical distribution. */
function empiricalCVaR(losses: Float64Array, beta: number): { cvar: number; var: number } {
  const S = losses.length;
  const sorted = Float64Array.from(losses).sort();
  // α* = the β-quantile (lower, as in Rockafellar–Uryasev for discrete distributions)
  const k = Math.min(S - 1, Math.max(0, Math.ceil(beta * S) - 1));
  const alpha = sorted[k];
  let tail = 0;
  for (let s = 0; s < S; s++) tail += Math.max(0, losses[s] - alpha);
  return { cvar: alpha + tail / ((1 - beta) * S), var: alpha };
}

/**
 * The portfolio of minimum conditional value-at-risk (expected shortfall) over a set of return
 * scenarios, by the linear program of Rockafellar & Uryasev ("Optimization of conditional
 * value-at-risk", J. Risk 2(3), 2000):
 *
 *   min α + 1/((1 − β)S) Σ_s u_s  s.t.  u_s ≥ −r_sᵀw − α,  u_s ≥ 0,
 *
 * plus the budget, bounds, groups, linear rows and the optional target return. Losses are
 * −r_sᵀw (VaR / CVaR positive = loss). The LP is solved with javascript-lp-solver (a dense
 * simplex: about a second for 1,000 scenarios x 30 assets); it reports values rounded to 1e-12,
 * so weights are accurate to about 1e-12, and the reported `cvar` is recomputed exactly from
 * the weights on the empirical distribution.
 *
 * @param scenarios S x n return scenarios (historical or simulated), one row per scenario; or a
 *   ReturnTable `{ kind: 'returns', dates, assets, values }` (a plain object will do), whose tickers
 *   label the weights (`weightsByAsset`) and may name assets in `groups` without `assets`. The
 *   weights are those of the table's values as a matrix, bit for bit.
 * @param options `confidence` (default 0.95), `targetReturn`, `bounds` (default [0, 1]),
 *   `budget` (default 1), `groups`, `linear`, `assets` (overrides a table's tickers), `assumeReturns`.
 * NaN handling: none allowed — a NaN, null or ±Infinity in `scenarios` (named by asset and date for a table) or a non-finite option throws InvalidArgumentError.
 * Size cap: at most `SIZE_CAPS.denseAssets` (5,000) scenarios and 5,000 assets (the LP is dense in the scenarios).
 * @throws {SizeLimitError} above the size cap.
 * @throws {InfeasibleError} when the constraints (or the target return) cannot hold.
 * @throws {InvalidArgumentError} on bad options / data: a confidence outside (0, 1) or below 0.5 (a tail probability given for the level), a PriceTable, or a matrix that looks like prices (unless `assumeReturns`). @throws {InsufficientDataError} with no scenarios.
 * @example
 * ```ts
 * import { minCVaR } from 'quantivista/optimize';
 * // asset 1 pays 1 % in every scenario; asset 0 can lose 2 %
 * const r = minCVaR([[0.02, 0.01], [-0.02, 0.01], [0.01, 0.01], [0.03, 0.01]], { confidence: 0.75 });
 * console.log(r.weights); // [0, 1]
 * console.log(r.cvar); // -0.01
 *
 * // The same scenarios as a table: the weights are labelled by ticker.
 * const table = { kind: 'returns', dates: ['2024-01-31', '2024-02-29', '2024-03-28', '2024-04-30'], assets: ['EQ', 'CASH'], values: [[0.02, 0.01], [-0.02, 0.01], [0.01, 0.01], [0.03, 0.01]] };
 * console.log(minCVaR(table, { confidence: 0.75 }).weightsByAsset); // { EQ: 0, CASH: 1 }
 * ```
 */
export function minCVaR(scenarios: MatrixLike | TableLike, options?: MinCVaROptions): MinCVaRResult {
  const fn = 'minCVaR';
  const opts = checkOptions(fn, options, ['confidence', 'targetReturn', 'bounds', 'budget', 'groups', 'linear', 'assets', 'assumeReturns']);
  const X = toReturnsMatrix(
    fn,
    'scenarios',
    scenarios as MatrixLike,
    opts.assumeReturns === undefined ? { minRows: 1 } : { minRows: 1, assumeReturns: opts.assumeReturns },
  );
  const S = X.rows;
  const n = X.cols;
  // the LP is dense in the scenarios: O(S²) memory and O(S³) time
  checkSizeCap(fn, 'scenarios', S, SIZE_CAPS.denseAssets, 'the dense LP has one row per scenario; resample or aggregate the scenarios');
  checkSizeCap(fn, 'assets', n, SIZE_CAPS.denseAssets);
  const R = matrixData(X);
  const beta = opts.confidence === undefined ? 0.95 : checkConfidence(fn, opts.confidence);
  const target = opts.targetReturn === undefined ? null : checkFinite(fn, 'targetReturn', opts.targetReturn);
  // a table's tickers label the weights unless `assets` is given
  const { assumeReturns: _ar, ...cOpts } = opts;
  const tableAssets = opts.assets === undefined ? resolveAssets(fn, undefined, scenarios, n) : undefined;
  const pc = parseConstraints(fn, n, tableAssets === undefined ? cOpts : { ...cOpts, assets: tableAssets });
  const mean = new Float64Array(n);
  for (let s = 0; s < S; s++) for (let j = 0; j < n; j++) mean[j] = mean[j] + R[s * n + j] / S;
  // LP model: variables w_j (shifted to v_j = w_j − lo_j ≥ 0), alpha (free), u_s ≥ 0
  const lo = pc.lo;
  const variables: Record<string, Record<string, number>> = {};
  const constraints: Record<string, { min?: number; max?: number; equal?: number }> = {};
  let loSum = 0;
  for (let j = 0; j < n; j++) loSum += lo[j];
  constraints['budget'] = { equal: pc.budget - loSum };
  const ret = (s: number, j: number) => R[s * n + j];
  for (let s = 0; s < S; s++) {
    // u_s + r_sᵀw + α ≥ 0  →  u_s + r_sᵀv + α ≥ −r_sᵀlo
    let shift = 0;
    for (let j = 0; j < n; j++) shift += ret(s, j) * lo[j];
    constraints[`s${s}`] = { min: -shift };
    variables[`u${s}`] = { obj: 1 / ((1 - beta) * S), [`s${s}`]: 1 };
  }
  const alpha: Record<string, number> = { obj: 1 };
  for (let s = 0; s < S; s++) alpha[`s${s}`] = 1;
  variables['alpha'] = alpha;
  pc.rows.forEach((r, k) => {
    let shift = 0;
    for (let j = 0; j < n; j++) shift += r.coef[j] * lo[j];
    const c: { min?: number; max?: number } = {};
    if (r.lower > -Infinity) c.min = r.lower - shift;
    if (r.upper < Infinity) c.max = r.upper - shift;
    constraints[`g${k}`] = c;
  });
  if (target !== null) {
    let shift = 0;
    for (let j = 0; j < n; j++) shift += mean[j] * lo[j];
    constraints['target'] = { min: target - shift };
  }
  for (let j = 0; j < n; j++) {
    const v: Record<string, number> = { budget: 1 };
    for (let s = 0; s < S; s++) {
      const x = ret(s, j);
      if (x !== 0) v[`s${s}`] = x;
    }
    pc.rows.forEach((r, k) => {
      const a = r.coef[j];
      if (a !== 0) v[`g${k}`] = a;
    });
    if (target !== null) v['target'] = mean[j];
    const width = pc.hi[j] - lo[j];
    constraints[`hi${j}`] = { max: width };
    v[`hi${j}`] = 1;
    variables[`w${j}`] = v;
  }
  const model = { optimize: 'obj', opType: 'min' as const, constraints, variables, unrestricted: { alpha: 1 } };
  const res = solver.Solve(model as unknown as Parameters<typeof solver.Solve>[0], 1e-12) as { feasible: boolean; bounded?: boolean; [k: string]: unknown };
  if (!res.feasible) {
    const why = target !== null ? [`expected return ≥ ${target}`, 'budget, bounds and groups'] : ['budget, bounds and groups'];
    throw new InfeasibleError(`${fn}: the constraints${target !== null ? ' and the target return' : ''} cannot all hold (the LP is infeasible).`, why);
  }
  if (res.bounded === false) throw new ConvergenceError(`${fn}: the LP solver reported an unbounded problem.`, 0, Number.NaN);
  const w = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const v = res[`w${j}`];
    w[j] = lo[j] + (typeof v === 'number' ? v : 0);
  }
  const losses = new Float64Array(S);
  for (let s = 0; s < S; s++) {
    let t = 0;
    for (let j = 0; j < n; j++) t += ret(s, j) * w[j];
    losses[s] = -t;
  }
  const { cvar, var: valueAtRisk } = empiricalCVaR(losses, beta);
  let er = 0;
  for (let j = 0; j < n; j++) er += mean[j] * w[j];
  const weights = Array.from(w);
  const out: MinCVaRResult = { weights, cvar, valueAtRisk, expectedReturn: er, scenarios: S };
  if (pc.assets !== null) out.weightsByAsset = Object.fromEntries(pc.assets.map((a, i) => [a, weights[i]]));
  if (!Number.isFinite(cvar)) throw new InvalidArgumentError(`${fn}: non-finite CVaR.`, 'scenarios', 'non-finite');
  return out;
}
