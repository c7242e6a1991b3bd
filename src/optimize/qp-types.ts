/**
 * Shared pieces of the QP kernel (see `qp-kernel.ts` for the method): status codes, the problem,
 * start, options and result shapes, the failure error, the solver {@link State}, and the small
 * vector helpers every stage uses.
 *
 * @internal
 * @module
 */

/** Variable status codes. */
export const FREE = 0;
export const AT_LOWER = 1;
export const AT_UPPER = 2;
export const FIXED = 3;
/** Row status codes (plus AT_LOWER / AT_UPPER). */
export const INACTIVE = 0;
export const EQUALITY = 3;

/** A problem in kernel form. `Q` may be null (zero). Row-major flat storage. */
export interface KernelProblem {
  n: number;
  Q: Float64Array | null;
  c: Float64Array;
  m: number;
  R: Float64Array;
  rl: Float64Array;
  ru: Float64Array;
  l: Float64Array;
  u: Float64Array;
}

/** A working set to warm-start from. */
export interface KernelStart {
  x: Float64Array;
  varStatus: Int8Array;
  rowStatus: Int8Array;
}

export interface KernelOptions {
  maxIterations: number;
  tolerance: number;
  start?: KernelStart | undefined;
}

export interface KernelResult {
  x: Float64Array;
  varStatus: Int8Array;
  rowStatus: Int8Array;
  /** Row multipliers (∇f + Rᵀμ + ν = 0; μ ≤ 0 at a lower row limit, ≥ 0 at an upper one). */
  mu: Float64Array;
  /** Bound multipliers (ν ≤ 0 at a lower bound, ≥ 0 at an upper bound). */
  nu: Float64Array;
  iterations: number;
  converged: boolean;
}

/** What went wrong, for the caller to turn into a typed error with words. */
export type KernelFailure =
  | { kind: 'infeasible'; infeasibility: number; rows: Array<{ index: number; side: 1 | 2 }>; bounds: Array<{ index: number; side: 1 | 2 }> }
  | { kind: 'unbounded' }
  | { kind: 'not-convex' };

export class KernelError extends Error {
  readonly failure: KernelFailure;
  constructor(failure: KernelFailure) {
    super(failure.kind);
    this.failure = failure;
  }
}

export interface State {
  p: KernelProblem;
  x: Float64Array;
  g: Float64Array;
  r: Float64Array;
  vs: Int8Array;
  rs: Int8Array;
  eps: number;
  qscale: number;
  /** max |Q_ij| */
  qmax: number;
  /** augmented-Lagrangian weight ρ of the term ρ C_FᵀC_F in the face Hessian */
  rho: number;
}

/** Max |Q_ii| (0 when Q is null). */
export function maxDiag(Q: Float64Array | null, n: number): number {
  if (Q === null) return 0;
  let s = 0;
  for (let i = 0; i < n; i++) s = Math.max(s, Math.abs(Q[i * n + i]));
  return s;
}

export function computeGradient(p: KernelProblem, x: Float64Array, g: Float64Array): void {
  const { n, Q, c } = p;
  const nz: number[] = [];
  for (let j = 0; j < n; j++) if (x[j] !== 0) nz.push(j);
  g.set(c);
  if (Q === null) return;
  // Q symmetric: Qx = Σ_j x_j · Q[j, :] over the non-zero x_j (contiguous rows)
  for (const j of nz) {
    const xj = x[j];
    const off = j * n;
    for (let i = 0; i < n; i++) g[i] = g[i] + Q[off + i] * xj;
  }
}

export function computeRows(p: KernelProblem, x: Float64Array, r: Float64Array): void {
  const { n, m, R } = p;
  for (let i = 0; i < m; i++) {
    let s = 0;
    const off = i * n;
    for (let j = 0; j < n; j++) {
      const xj = x[j];
      if (xj !== 0) s += R[off + j] * xj;
    }
    r[i] = s;
  }
}

/** Max |v_i| (0 for an empty vector). */
export function infNorm(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s = Math.max(s, Math.abs(v[i]));
  return s;
}

/** ρ = scale / mean squared row norm, so that ρCᵀC is of the size of Q. */
export function rhoOf(p: KernelProblem, scale: number): number {
  if (p.m === 0) return 0;
  let s = 0;
  for (let k = 0; k < p.R.length; k++) s += p.R[k] ** 2;
  return s > 0 ? (scale * p.m) / s : 0;
}
