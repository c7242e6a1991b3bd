/**
 * Internal: run the active-set kernel and turn its failures into typed errors with words;
 * KKT residuals and descriptions of the working set.
 *
 * @internal
 * @module
 */
import { InfeasibleError, InvalidArgumentError, NotPositiveDefiniteError } from '../core/errors.ts';
import { AT_LOWER, AT_UPPER, KernelError, computeGradient, solveKernel, type KernelOptions, type KernelProblem, type KernelResult } from './qp-kernel.ts';

/** Words for constraints: side 1 = lower limit, 2 = upper limit, 3 = equality. */
export interface ConstraintDescriber {
  bound(index: number, side: 1 | 2): string;
  row(index: number, side: 1 | 2 | 3): string;
}

/** Run the kernel; map infeasibility / unboundedness / non-convexity to typed errors. */
export function runKernel(fn: string, p: KernelProblem, opts: KernelOptions, describe: ConstraintDescriber): KernelResult {
  try {
    return solveKernel(p, opts);
  } catch (e) {
    if (!(e instanceof KernelError)) throw e;
    const f = e.failure;
    if (f.kind === 'infeasible') {
      const conflicts: string[] = [];
      for (const r of f.rows) {
        const eq = p.rl[r.index] === p.ru[r.index];
        conflicts.push(describe.row(r.index, eq ? 3 : r.side));
      }
      for (const b of f.bounds) conflicts.push(describe.bound(b.index, b.side));
      const uniq = [...new Set(conflicts)];
      throw new InfeasibleError(
        `${fn}: the constraints cannot all hold (the closest point still violates them by ${f.infeasibility.toPrecision(3)} in total); conflicting: ${uniq.join('; ')}.`,
        uniq,
      );
    }
    if (f.kind === 'unbounded') {
      throw new InvalidArgumentError(
        `${fn}: the problem is unbounded below: the objective decreases without limit along a feasible direction in which \`Q\` has zero curvature; add bounds or constraints.`,
        'Q',
        'unbounded',
      );
    }
    throw new NotPositiveDefiniteError(`${fn}: \`Q\` is not positive semidefinite (negative curvature found), so the problem is not convex.`);
  }
}

/** Objective ½xᵀQx + cᵀx. */
export function kernelObjective(p: KernelProblem, x: Float64Array): number {
  const { n, Q, c } = p;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const xi = x[i];
    let t = c[i];
    if (Q !== null) {
      let q = 0;
      const off = i * n;
      for (let j = 0; j < n; j++) q += Q[off + j] * x[j];
      t += 0.5 * q;
    }
    s += xi * t;
  }
  return s;
}

/**
 * KKT residual of a kernel result: the largest of the stationarity error ‖Qx + c + Rᵀμ + ν‖∞,
 * the primal infeasibility and the dual sign violation, divided by max(1, ‖c‖∞ + max|Q|·‖x‖∞).
 */
export function kernelKKT(p: KernelProblem, res: KernelResult): number {
  const { n, m, Q, c, R } = p;
  const { x, mu, nu } = res;
  let xmax = 0;
  let cmax = 0;
  let qmax = 0;
  for (let j = 0; j < n; j++) {
    xmax = Math.max(xmax, Math.abs(x[j]));
    cmax = Math.max(cmax, Math.abs(c[j]));
  }
  if (Q !== null) for (let k = 0; k < Q.length; k++) qmax = Math.max(qmax, Math.abs(Q[k]));
  const scale = Math.max(1, cmax + qmax * xmax);
  const g = new Float64Array(n);
  computeGradient(p, x, g);
  const act: number[] = [];
  for (let i = 0; i < m; i++) if (mu[i] !== 0) act.push(i);
  let worst = 0;
  for (let j = 0; j < n; j++) {
    let s = g[j] + nu[j];
    for (const i of act) s += R[i * n + j] * mu[i];
    worst = Math.max(worst, Math.abs(s) / scale);
    const xj = x[j];
    worst = Math.max(worst, p.l[j] - xj, xj - p.u[j]);
    const st = res.varStatus[j];
    const v = nu[j];
    if (st === AT_LOWER) worst = Math.max(worst, v / scale);
    if (st === AT_UPPER) worst = Math.max(worst, -v / scale);
  }
  for (let i = 0; i < m; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += R[i * n + j] * x[j];
    worst = Math.max(worst, p.rl[i] - s, s - p.ru[i]);
    const st = res.rowStatus[i];
    const v = mu[i];
    if (st === AT_LOWER) worst = Math.max(worst, v / scale);
    if (st === AT_UPPER) worst = Math.max(worst, -v / scale);
  }
  return worst;
}
