/**
 * The start of the QP kernel (see `qp-kernel.ts`): the initial point, the warm start's working
 * set, and phase 1, which finds a feasible point (or a certificate of infeasibility) by
 * minimising the sum of elastic variables on the same active-set machinery.
 *
 * @internal
 * @module
 */
import { iterate } from './qp-iterate.ts';
import {
  AT_LOWER,
  AT_UPPER,
  computeGradient,
  computeRows,
  EQUALITY,
  FIXED,
  FREE,
  KernelError,
  type KernelProblem,
  type KernelStart,
  rhoOf,
  type State,
} from './qp-types.ts';

/** One elastic variable of phase 1: the row it relaxes, and the sign of its column there. */
interface Elastic {
  row: number;
  sign: number;
}

/**
 * The initial point: the warm start's x (or 0), clamped into the bounds; variables the warm
 * start held at a bound go back to it. Fills `x` and the variable statuses `vs`.
 */
export function initialPoint(p: KernelProblem, start: KernelStart | undefined, x: Float64Array, vs: Int8Array): void {
  for (let j = 0; j < p.n; j++) {
    const lj = p.l[j];
    const uj = p.u[j];
    let v = start ? start.x[j] : 0;
    if (start && start.varStatus[j] === AT_LOWER && lj !== -Infinity) v = lj;
    if (start && start.varStatus[j] === AT_UPPER && uj !== Infinity) v = uj;
    v = Math.min(Math.max(v, lj), uj);
    x[j] = v;
    if (lj === uj) vs[j] = FIXED;
    else if (v === lj) vs[j] = AT_LOWER;
    else if (v === uj) vs[j] = AT_UPPER;
    else vs[j] = FREE;
  }
}

/** Whether x (with row values r) satisfies the bounds and rows to the relative tolerance `tol`. */
export function feasible(p: KernelProblem, x: Float64Array, r: Float64Array, tol: number): boolean {
  let xmax = 0;
  for (let j = 0; j < p.n; j++) xmax = Math.max(xmax, Math.abs(x[j]));
  for (let j = 0; j < p.n; j++) {
    const v = x[j];
    if (v < p.l[j] - tol * (1 + Math.abs(p.l[j])) || v > p.u[j] + tol * (1 + Math.abs(p.u[j]))) return false;
  }
  for (let i = 0; i < p.m; i++) {
    const v = r[i];
    const lo = p.rl[i];
    const hi = p.ru[i];
    let rn = 0;
    for (let j = 0; j < p.n; j++) rn += Math.abs(p.R[i * p.n + j]);
    const t = tol * (1 + rn * xmax);
    if (v < lo - t * (1 + Math.abs(lo)) || v > hi + t * (1 + Math.abs(hi))) return false;
  }
  return true;
}

/** Keep the warm start's active rows that are still at their limit (in `rs`). */
export function keepWarmRows(p: KernelProblem, start: KernelStart, r: Float64Array, rs: Int8Array): void {
  const rowScale = (i: number) => 1 + Math.abs(p.rl[i] === -Infinity ? p.ru[i] : p.rl[i]);
  for (let i = 0; i < p.m; i++) {
    if (rs[i] === EQUALITY) continue;
    const s = start.rowStatus[i];
    if (s === AT_LOWER && Math.abs(r[i] - p.rl[i]) <= 1e-13 * rowScale(i)) rs[i] = AT_LOWER;
    else if (s === AT_UPPER && Math.abs(r[i] - p.ru[i]) <= 1e-13 * rowScale(i)) rs[i] = AT_UPPER;
  }
}

/**
 * Phase 1: elastic variables on equality rows and violated rows; minimise their sum. On success
 * x, vs and r hold a feasible point and its working set (rs is updated in place); returns the
 * iterations used (0 when x is already feasible for every row). With `warm`, a phase 1 that ends
 * at its iteration cap short of feasibility (it can stall on a degenerate warm working set) is
 * no certificate: it returns `{ stalled: iterations }` so that the caller restarts cold.
 * @throws {KernelError} `infeasible`, with the rows and bounds of the certificate
 */
export function phase1(
  p: KernelProblem,
  x: Float64Array,
  vs: Int8Array,
  rs: Int8Array,
  r: Float64Array,
  eps0: number,
  qscale: number,
  maxIterations: number,
  warm = false,
): number | { stalled: number } {
  const { n, m } = p;
  const elastic: Elastic[] = [];
  for (let i = 0; i < m; i++) {
    const v = r[i];
    if (rs[i] === EQUALITY) elastic.push({ row: i, sign: p.rl[i] - v >= 0 ? 1 : -1 });
    else if (v > p.ru[i]) elastic.push({ row: i, sign: -1 });
    else if (v < p.rl[i]) elastic.push({ row: i, sign: 1 });
  }
  if (elastic.length === 0) return 0;
  const k = elastic.length;
  const n1 = n + k;
  const R1 = new Float64Array(m * n1);
  for (let i = 0; i < m; i++) R1.set(p.R.subarray(i * n, i * n + n), i * n1);
  const c1 = new Float64Array(n1);
  const l1 = new Float64Array(n1);
  const u1 = new Float64Array(n1).fill(Infinity);
  l1.set(p.l);
  u1.set(p.u);
  const x1 = new Float64Array(n1);
  x1.set(x);
  const vs1 = new Int8Array(n1);
  vs1.set(vs);
  elastic.forEach((e, q) => {
    const col = n + q;
    R1[e.row * n1 + col] = e.sign;
    c1[col] = 1;
    const v = r[e.row];
    const target = rs[e.row] === EQUALITY ? p.rl[e.row] : e.sign > 0 ? p.rl[e.row] : p.ru[e.row];
    x1[col] = Math.abs(target - v);
    vs1[col] = FREE;
  });
  const p1: KernelProblem = { n: n1, Q: null, c: c1, m, R: R1, rl: p.rl, ru: p.ru, l: l1, u: u1 };
  const r1 = new Float64Array(m);
  computeRows(p1, x1, r1);
  const g1 = new Float64Array(n1);
  computeGradient(p1, x1, g1);
  const st1: State = { p: p1, x: x1, g: g1, r: r1, vs: vs1, rs, eps: eps0, qscale: Math.max(qscale, 1), qmax: 0, rho: rhoOf(p1, 1) };
  const mu1 = new Float64Array(m);
  const nu1 = new Float64Array(n1);
  const out1 = iterate(st1, maxIterations, 1e-13, mu1, nu1);
  let infeas = 0;
  let bscale = 0;
  for (let q = 0; q < k; q++) infeas += x1[n + q];
  for (let i = 0; i < m; i++) {
    bscale = Math.max(bscale, Math.abs(p.rl[i] === -Infinity ? 0 : p.rl[i]), Math.abs(p.ru[i] === Infinity ? 0 : p.ru[i]));
  }
  for (let j = 0; j < n; j++) bscale = Math.max(bscale, Math.abs(x1[j]));
  if (infeas > 1e-10 * (1 + bscale)) {
    if (warm && !out1.converged) return { stalled: out1.iterations };
    throw infeasibility(n, elastic, st1, mu1, nu1, infeas, bscale);
  }
  x.set(x1.subarray(0, n));
  vs.set(vs1.subarray(0, n));
  computeRows(p, x, r);
  return out1.iterations;
}

/**
 * The certificate of a positive phase-1 optimum (Farkas): the rows still violated, plus the
 * working rows and bounds with non-zero multipliers.
 */
function infeasibility(n: number, elastic: readonly Elastic[], st1: State, mu1: Float64Array, nu1: Float64Array, infeas: number, bscale: number): KernelError {
  const { x: x1, vs: vs1, rs } = st1;
  const m = rs.length;
  const rows: Array<{ index: number; side: 1 | 2 }> = [];
  const bounds: Array<{ index: number; side: 1 | 2 }> = [];
  const seen = new Set<number>();
  elastic.forEach((e, q) => {
    if (x1[n + q] > 1e-12 * (1 + bscale)) {
      seen.add(e.row);
      const side: 1 | 2 = rs[e.row] === EQUALITY ? (e.sign > 0 ? 1 : 2) : e.sign > 0 ? 1 : 2;
      rows.push({ index: e.row, side });
    }
  });
  const mtol = 1e-10;
  for (let i = 0; i < m; i++) {
    if (seen.has(i)) continue;
    if ((rs[i] === AT_LOWER || rs[i] === AT_UPPER || rs[i] === EQUALITY) && Math.abs(mu1[i]) > mtol) {
      rows.push({ index: i, side: rs[i] === AT_UPPER ? 2 : rs[i] === AT_LOWER ? 1 : mu1[i] > 0 ? 2 : 1 });
    }
  }
  for (let j = 0; j < n; j++) {
    if ((vs1[j] === AT_LOWER || vs1[j] === AT_UPPER || vs1[j] === FIXED) && Math.abs(nu1[j]) > mtol) {
      bounds.push({ index: j, side: vs1[j] === AT_UPPER ? 2 : vs1[j] === AT_LOWER ? 1 : nu1[j] > 0 ? 2 : 1 });
    }
  }
  return new KernelError({ kind: 'infeasible', infeasibility: infeas, rows, bounds });
}
