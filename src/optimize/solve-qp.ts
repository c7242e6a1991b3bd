/**
 * Dense convex quadratic programming by a primal active-set method.
 *
 * @module
 */
import { DimensionError, InfeasibleError, InvalidArgumentError } from '../core/errors.ts';
import { matrixData, toMatrix, toVector, type MatrixLike, type VectorLike } from '../core/matrix.ts';
import { SIZE_CAPS } from '../core/limits.ts';
import { checkMatrixCap } from './constraint-readers.ts';
import { checkInteger, checkOptions, checkRange, toSymmetricMatrix } from '../core/validate.ts';
import { AT_LOWER, AT_UPPER, EQUALITY, FIXED, INACTIVE, type KernelProblem, type KernelStart } from './qp-kernel.ts';
import { kernelKKT, kernelObjective, runKernel, type ConstraintDescriber } from './qp-run.ts';
import { guardFinite, type GuardInput } from '../covariance/overflow-guard.ts';

/** A quadratic program: minimise ½xᵀQx + cᵀx s.t. Ax = b, Gx ≤ h, lower ≤ x ≤ upper. */
export interface QPProblem {
  /** n x n symmetric positive semidefinite matrix. */
  Q: MatrixLike;
  /** Linear term (length n). */
  c: VectorLike;
  /** Equality rows (p x n). */
  A?: MatrixLike;
  /** Equality right-hand side (length p). */
  b?: VectorLike;
  /** Inequality rows (q x n). */
  G?: MatrixLike;
  /** Inequality right-hand side (length q). */
  h?: VectorLike;
  /** Lower bounds (length n; −Infinity for none) or one number for all. */
  lower?: VectorLike | number;
  /** Upper bounds (length n; Infinity for none) or one number for all. */
  upper?: VectorLike | number;
  /** Optional names used in constraint descriptions and error messages. */
  labels?: { variables?: readonly string[]; equalities?: readonly string[]; inequalities?: readonly string[] };
}

/**
 * An opaque working set returned by {@link solveQP} for warm starts. JSON-safe; pass it back
 * as `warmStart` for a problem with the same variables and rows (e.g. a new `c` or `h`).
 */
export interface QPActiveSet {
  /** The solution it came from. */
  readonly x: number[];
  /** Per variable: 0 free, 1 at lower, 2 at upper, 3 fixed. */
  readonly variables: number[];
  /** Per row (equalities then inequalities): 0 inactive, 1 at lower, 2 at upper, 3 equality. */
  readonly rows: number[];
}

/** Options of {@link solveQP}. */
export interface SolveQPOptions {
  /** A previous result's `activeSet` (same dimensions). */
  warmStart?: QPActiveSet;
  /** Iteration cap (default 50 · (n + rows) + 100). */
  maxIterations?: number;
  /** Relative optimality tolerance (default 1e-12). */
  tolerance?: number;
}

/** One constraint of the final working set. */
export interface QPActiveConstraint {
  kind: 'equality' | 'inequality' | 'lower-bound' | 'upper-bound';
  /** Row index within A or G, or variable index for a bound. */
  index: number;
  /** In words, e.g. "x[3] ≥ 0 (lower bound)". */
  description: string;
}

/** Result of {@link solveQP}. */
export interface QPResult {
  x: number[];
  objective: number;
  converged: boolean;
  iterations: number;
  activeConstraints: QPActiveConstraint[];
  /**
   * Lagrange multipliers with Qx + c + Aᵀ·equality + Gᵀ·inequality − lower + upper = 0;
   * inequality, lower and upper are ≥ 0 and zero on inactive constraints.
   */
  multipliers: { equality: number[]; inequality: number[]; lower: number[]; upper: number[] };
  /** Largest KKT violation (stationarity, primal, dual sign), relative to max(1, ‖c‖∞ + max|Q|·‖x‖∞). */
  kktResidual: number;
  /** Working set for a warm start. */
  activeSet: QPActiveSet;
}

function readBounds(fn: string, arg: string, v: VectorLike | number | undefined, n: number, dflt: number): Float64Array {
  const out = new Float64Array(n);
  if (v === undefined) return out.fill(dflt);
  if (typeof v === 'number') {
    if (Number.isNaN(v) || v === -dflt) throw new InvalidArgumentError(`${fn}: \`${arg}\` must be a number or ${dflt}, got ${v}.`, arg, String(v));
    return out.fill(v);
  }
  if (v === null || typeof v !== 'object' || typeof v.length !== 'number') {
    throw new InvalidArgumentError(`${fn}: \`${arg}\` must be a number or an array of ${n} numbers.`, arg, typeof v);
  }
  if (v.length !== n) throw new DimensionError(`${fn}: \`${arg}\` must have ${n} entries, got ${v.length}.`);
  for (let j = 0; j < n; j++) {
    const x = v[j] as unknown;
    if (typeof x !== 'number' || Number.isNaN(x) || x === -dflt) {
      throw new InvalidArgumentError(`${fn}: \`${arg}\` entry ${j} must be a number or ${dflt}, got ${String(x)}.`, arg, String(x));
    }
    out[j] = x;
  }
  return out;
}

/**
 * Cheap pre-check: the range of each row over the bounds box must meet its limits
 * (e.g. x ∈ [0, 0.3]² cannot make x₁ + x₂ = 1). Throws InfeasibleError naming the row and bounds.
 */
function precheckRows(
  fn: string,
  n: number,
  m: number,
  R: Float64Array,
  rl: Float64Array,
  ru: Float64Array,
  l: Float64Array,
  u: Float64Array,
  describe: ConstraintDescriber,
): void {
  for (let i = 0; i < m; i++) {
    let lo = 0;
    let hi = 0;
    let scale = 0;
    for (let j = 0; j < n; j++) {
      const a = R[i * n + j];
      if (a === 0) continue;
      const p = a * l[j];
      const q = a * u[j];
      lo += Math.min(p, q);
      hi += Math.max(p, q);
      if (Number.isFinite(p)) scale += Math.abs(p);
      if (Number.isFinite(q)) scale += Math.abs(q);
    }
    const tol = 1e-12 * (1 + scale);
    const side = hi < rl[i] - tol ? 1 : lo > ru[i] + tol ? 2 : 0;
    if (side === 0) continue;
    const eq = rl[i] === ru[i];
    const row = describe.row(i, eq ? 3 : side);
    const range = `[${fmt(lo)}, ${fmt(hi)}]`;
    // the bounds that cap the row on the violated side
    const words: string[] = [];
    for (let j = 0; j < n; j++) {
      const a = R[i * n + j];
      if (a === 0) continue;
      const useUpper = side === 1 ? a > 0 : a < 0;
      words.push(describe.bound(j, useUpper ? 2 : 1));
    }
    const shown = words.length > 12 ? [...words.slice(0, 12), `and ${words.length - 12} more bounds`] : words;
    throw new InfeasibleError(`${fn}: ${row} cannot hold within the bounds: over the bounds it ranges over ${range}.`, [row, ...shown]);
  }
}

function fmt(v: number): string {
  return String(Number(v.toPrecision(12)));
}

/**
 * Minimise ½xᵀQx + cᵀx subject to Ax = b, Gx ≤ h and lower ≤ x ≤ upper, for dense convex
 * problems (Q symmetric positive semidefinite) of up to a few thousand variables.
 *
 * **Method.** A primal active-set method (Nocedal & Wright, *Numerical Optimization*, 2nd ed.,
 * Alg. 16.3) with bounds handled by fixing variables (only the free variables enter the
 * linear algebra, so a long-only portfolio with k assets held costs O(k³), not O(n³)), the
 * equality-constrained subproblems solved by the range-space (Schur complement) method, and
 * a feasible start from an elastic phase 1 on the same machinery. We chose a primal method
 * over the Goldfarb–Idnani dual method because (a) it never factors the full n x n Q, (b) it
 * handles positive *semidefinite* Q directly: each subproblem's Hessian is
 * Q_FF + ρC_FᵀC_F + εI (an augmented-Lagrangian term, which leaves the step unchanged because
 * C_F p is fixed, plus a proximal term with ε = 1e-12 · max diag Q), so it is strictly convex
 * and well conditioned off the null space of Q; a face is only accepted as optimal when the
 * *true* reduced gradient vanishes (and multipliers come from a least-squares solve that does
 * not go through H⁻¹), so the steps act as iterative refinement and the answer is not biased
 * by ε; along exact null directions of Q the step is a descent ray that stops at the first
 * blocking constraint; (c) its phase 1 yields a Farkas certificate naming the conflicting
 * constraints when the problem is infeasible. Before that, a cheap pre-check tests each row
 * against the range the bounds allow. Degeneracy: a constraint released and re-blocked by a
 * zero step is not released again until a step of positive length is taken; the iteration
 * cap (`maxIterations`) is the last guard (then `converged` is false).
 *
 * Deterministic (fixed loop orders, ties broken by lowest index): same input, same bits.
 * When Q is singular the minimiser may not be unique; the solver returns one of them.
 *
 * @param problem Q (n x n, symmetric PSD), c (n), optional A, b, G, h, lower, upper, labels.
 *   Bounds may be ±Infinity (no bound); everything else must be finite.
 * @param options `warmStart` (a previous `activeSet`), `maxIterations`, `tolerance`.
 * @returns x, objective, converged, iterations, the active constraints in words, multipliers
 *   (sign convention in {@link QPResult}), the KKT residual and the active set for warm starts.
 * Size cap: n ≤ `SIZE_CAPS.denseAssets` (5,000 variables) and at most `SIZE_CAPS.assets` (20,000) rows in each of `A` and `G`, checked before conversion.
 * @throws {SizeLimitError} above the size cap.
 * @throws {InfeasibleError} when the constraints cannot all hold; `conflicts` names them.
 * @throws {NotPositiveDefiniteError} when Q has negative curvature (not convex).
 * @throws {InvalidArgumentError} on non-finite data, an unknown option, lower > upper, an
 *   unbounded problem, or a problem so badly scaled that the solution, a multiplier, the objective
 *   or the KKT residual overflows double precision (the error names the input of largest magnitude).
 *   @throws {DimensionError} on shape mismatches.
 * @example
 * ```ts
 * import { solveQP } from 'quantivista/optimize';
 * // min x² + y² − x  s.t.  x + y = 1, 0 ≤ x, y
 * const r = solveQP({ Q: [[2, 0], [0, 2]], c: [-1, 0], A: [[1, 1]], b: [1], lower: 0 });
 * console.log(r.x); // [0.75, 0.25]
 * console.log(r.objective); // -0.125
 * ```
 */
export function solveQP(problem: QPProblem, options?: SolveQPOptions): QPResult {
  const fn = 'solveQP';
  if (problem === null || typeof problem !== 'object') throw new InvalidArgumentError(`${fn}: \`problem\` must be an object.`, 'problem', typeof problem);
  checkOptions(fn, problem, ['Q', 'c', 'A', 'b', 'G', 'h', 'lower', 'upper', 'labels']);
  const opts = checkOptions(fn, options, ['warmStart', 'maxIterations', 'tolerance']);
  checkMatrixCap(fn, 'Q', problem.Q, SIZE_CAPS.denseAssets, true);
  checkMatrixCap(fn, 'A', problem.A, SIZE_CAPS.assets);
  checkMatrixCap(fn, 'G', problem.G, SIZE_CAPS.assets);
  const Qm = toSymmetricMatrix(fn, 'Q', problem.Q);
  const n = Qm.rows;
  const c = toVector(problem.c, fn, 'c');
  if (c.length !== n) throw new DimensionError(`${fn}: \`c\` must have ${n} entries (the size of \`Q\`), got ${c.length}.`);
  const readRows = (M: MatrixLike | undefined, v: VectorLike | undefined, mName: string, vName: string) => {
    if (M === undefined && v === undefined) return { rows: 0, data: new Float64Array(0), rhs: new Float64Array(0) };
    if (M === undefined || v === undefined)
      throw new InvalidArgumentError(`${fn}: \`${mName}\` and \`${vName}\` must be given together.`, M === undefined ? mName : vName, 'missing');
    const mm = toMatrix(M, fn, mName);
    const rhs = toVector(v, fn, vName);
    if (mm.rows > 0 && mm.cols !== n) throw new DimensionError(`${fn}: \`${mName}\` must have ${n} columns, got ${mm.cols}.`);
    if (rhs.length !== mm.rows) throw new DimensionError(`${fn}: \`${vName}\` must have ${mm.rows} entries (the rows of \`${mName}\`), got ${rhs.length}.`);
    return { rows: mm.rows, data: matrixData(mm), rhs };
  };
  const eq = readRows(problem.A, problem.b, 'A', 'b');
  const ineq = readRows(problem.G, problem.h, 'G', 'h');
  const l = readBounds(fn, 'lower', problem.lower, n, -Infinity);
  const u = readBounds(fn, 'upper', problem.upper, n, Infinity);
  for (let j = 0; j < n; j++) {
    if (l[j] > u[j]) {
      throw new InvalidArgumentError(`${fn}: \`lower\` entry ${j} (${l[j]}) exceeds \`upper\` entry ${j} (${u[j]}).`, 'lower', l[j]);
    }
  }
  const m = eq.rows + ineq.rows;
  const R = new Float64Array(m * n);
  R.set(eq.data, 0);
  R.set(ineq.data, eq.rows * n);
  const rl = new Float64Array(m);
  const ru = new Float64Array(m);
  for (let i = 0; i < eq.rows; i++) rl[i] = ru[i] = eq.rhs[i];
  for (let i = 0; i < ineq.rows; i++) {
    rl[eq.rows + i] = -Infinity;
    ru[eq.rows + i] = ineq.rhs[i];
  }
  const maxIterations = opts.maxIterations === undefined ? 50 * (n + m) + 100 : checkInteger(fn, 'maxIterations', opts.maxIterations, 1);
  const tolerance = opts.tolerance === undefined ? 1e-12 : checkRange(fn, 'tolerance', opts.tolerance, { min: 0, max: 1e-3, minOpen: true });
  const labels = problem.labels ?? {};
  const varName = (j: number) => (labels.variables?.[j] !== undefined ? `'${labels.variables[j]}'` : `x[${j}]`);
  const describe: ConstraintDescriber = {
    bound: (j, side) => (side === 1 ? `${varName(j)} ≥ ${fmt(l[j])} (lower bound)` : `${varName(j)} ≤ ${fmt(u[j])} (upper bound)`),
    row: (i) => {
      if (i < eq.rows)
        return labels.equalities?.[i] !== undefined ? `equality '${labels.equalities[i]}' (A[${i}]·x = ${fmt(rl[i])})` : `equality A[${i}]·x = ${fmt(rl[i])}`;
      const k = i - eq.rows;
      return labels.inequalities?.[k] !== undefined
        ? `inequality '${labels.inequalities[k]}' (G[${k}]·x ≤ ${fmt(ru[i])})`
        : `inequality G[${k}]·x ≤ ${fmt(ru[i])}`;
    },
  };
  precheckRows(fn, n, m, R, rl, ru, l, u, describe);
  // exact symmetry (Q may be asymmetric by rounding, within toSymmetricMatrix's tolerance)
  const Qd = matrixData(Qm);
  const Qs = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    Qs[i * n + i] = Qd[i * n + i];
    for (let j = i + 1; j < n; j++) {
      const v = 0.5 * (Qd[i * n + j] + Qd[j * n + i]);
      Qs[i * n + j] = v;
      Qs[j * n + i] = v;
    }
  }
  const kp: KernelProblem = { n, Q: Qs, c, m, R, rl, ru, l, u };
  let start: KernelStart | undefined;
  if (opts.warmStart !== undefined) {
    const ws = opts.warmStart;
    if (ws === null || typeof ws !== 'object' || !Array.isArray(ws.x) || !Array.isArray(ws.variables) || !Array.isArray(ws.rows)) {
      throw new InvalidArgumentError(`${fn}: \`warmStart\` must be the \`activeSet\` of a previous result.`, 'warmStart', typeof ws);
    }
    if (ws.x.length !== n || ws.variables.length !== n || ws.rows.length !== m) {
      throw new DimensionError(`${fn}: \`warmStart\` is for ${ws.x.length} variables and ${ws.rows.length} rows, but the problem has ${n} and ${m}.`);
    }
    start = { x: toVector(ws.x, fn, 'warmStart.x'), varStatus: Int8Array.from(ws.variables), rowStatus: Int8Array.from(ws.rows) };
  }
  const res = runKernel(fn, kp, { maxIterations, tolerance, start }, describe);
  const scaled: GuardInput[] = [
    ['Q', Qs],
    ['c', c],
    ['A', eq.data],
    ['b', eq.rhs],
    ['G', ineq.data],
    ['h', ineq.rhs],
  ];
  for (const [what, v] of [
    ['the solution', res.x],
    ['a multiplier', res.mu],
    ['a bound multiplier', res.nu],
  ] as const)
    guardFinite(fn, what, v, scaled, QP_SCALE_HINT);
  const active: QPActiveConstraint[] = [];
  const lowerMult = new Array<number>(n).fill(0);
  const upperMult = new Array<number>(n).fill(0);
  for (let j = 0; j < n; j++) {
    const s = res.varStatus[j];
    const v = res.nu[j];
    if (s === AT_LOWER || (s === FIXED && v <= 0)) {
      active.push({ kind: 'lower-bound', index: j, description: describe.bound(j, 1) });
      lowerMult[j] = -v;
    } else if (s === AT_UPPER || (s === FIXED && v > 0)) {
      active.push({ kind: 'upper-bound', index: j, description: describe.bound(j, 2) });
      upperMult[j] = v;
    }
  }
  for (let i = 0; i < m; i++) {
    const s = res.rowStatus[i];
    if (s === INACTIVE) continue;
    if (i < eq.rows) active.push({ kind: 'equality', index: i, description: describe.row(i, 3) });
    else if (s === AT_UPPER || s === EQUALITY) active.push({ kind: 'inequality', index: i - eq.rows, description: describe.row(i, 2) });
  }
  const x = Array.from(res.x);
  return {
    x,
    objective: finiteOrThrow(fn, 'the objective', kernelObjective(kp, res.x), scaled),
    converged: res.converged,
    iterations: res.iterations,
    activeConstraints: active,
    multipliers: {
      equality: Array.from(res.mu.subarray(0, eq.rows)),
      inequality: Array.from(res.mu.subarray(eq.rows), (v) => Math.max(0, v)),
      lower: lowerMult.map((v) => Math.max(0, v)),
      upper: upperMult.map((v) => Math.max(0, v)),
    },
    kktResidual: finiteOrThrow(fn, 'the KKT residual', kernelKKT(kp, res), scaled),
    activeSet: { x, variables: Array.from(res.varStatus), rows: Array.from(res.rowStatus) },
  };
}

const QP_SCALE_HINT =
  'the problem is too badly scaled for double precision; rescale each row of A and G (and its entry of b or h) and the entries of Q and c to comparable magnitudes';

/** `v` when finite, else the overflow error of {@link guardFinite}. */
function finiteOrThrow(fn: string, what: string, v: number, inputs: readonly GuardInput[]): number {
  guardFinite(fn, what, v, inputs, QP_SCALE_HINT);
  return v;
}
