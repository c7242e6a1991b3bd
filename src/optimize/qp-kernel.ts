/**
 * Internal kernel of {@link solveQP}: a primal active-set method for dense convex quadratic
 * programs in the form
 *
 *   minimise ½ xᵀQx + cᵀx  subject to  rl ≤ R x ≤ ru,  l ≤ x ≤ u,
 *
 * (rows with rl = ru are equalities; infinite entries mean "no limit").
 *
 * Method (Nocedal & Wright, *Numerical Optimization*, 2nd ed., Algorithm 16.3, with the
 * bound constraints handled by fixing variables, Gill, Murray & Wright, *Practical
 * Optimization*, §5.5.1):
 * - the working set is a set of variables fixed at a bound plus a set of active rows;
 * - each iteration solves the equality-constrained subproblem on the free variables F by the
 *   range-space (Schur complement) method: with H = Q_FF + εI = LLᵀ, Y = L⁻¹C_Fᵀ,
 *   S = YᵀY, the step is p = −H⁻¹(g + Cᵀμ) with Sμ = −C H⁻¹ g;
 * - the face Hessian also carries ρC_FᵀC_F (augmented Lagrangian: C_F p is fixed, so the step
 *   is unchanged, but the range-space solve stays well conditioned when Q is singular);
 *   multipliers at a stationary point come from the least-squares problem min ‖g_F + C_Fᵀμ‖;
 *   rounding drift off the working rows is corrected by the next step (C_F p = residual);
 * - ε is a tiny proximal term (1e-12 · max diag Q, raised ×100 only if a Cholesky pivot fails)
 *   that makes every subproblem strictly convex, so positive *semi*definite Q works. Steps are
 *   therefore proximal-point (iterative-refinement) steps on the current face: the face is
 *   declared stationary only when the true reduced gradient g_F + C_Fᵀμ vanishes to tolerance,
 *   so the regularisation never biases the answer; along exact null directions of Q the step
 *   is a long descent ray that stops at the first blocking constraint (as a primal method must).
 * - a feasible start is found by a phase 1 on the same machinery: an elastic variable per
 *   violated row (per equality row) whose sum is minimised. A positive optimum proves
 *   infeasibility, and the phase-1 working set with non-zero multipliers, plus the rows still
 *   violated, is a certificate (Farkas) naming the conflicting constraints.
 *
 * Deterministic: fixed loop orders, ties broken by lowest index.
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

interface State {
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
function maxDiag(Q: Float64Array | null, n: number): number {
  if (Q === null) return 0;
  let s = 0;
  for (let i = 0; i < n; i++) s = Math.max(s, Math.abs(Q[i * n + i] as number));
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
    const xj = x[j] as number;
    const off = j * n;
    for (let i = 0; i < n; i++) g[i] = (g[i] as number) + (Q[off + i] as number) * xj;
  }
}

function computeRows(p: KernelProblem, x: Float64Array, r: Float64Array): void {
  const { n, m, R } = p;
  for (let i = 0; i < m; i++) {
    let s = 0;
    const off = i * n;
    for (let j = 0; j < n; j++) {
      const xj = x[j] as number;
      if (xj !== 0) s += (R[off + j] as number) * xj;
    }
    r[i] = s;
  }
}

/** Solve L y = b in place (L lower, row-major with stride `ld`, order nf). */
function fwd(L: Float64Array, ld: number, nf: number, b: Float64Array): void {
  for (let i = 0; i < nf; i++) {
    const ri = i * ld;
    let s = b[i] as number;
    for (let k = 0; k < i; k++) s -= (L[ri + k] as number) * (b[k] as number);
    b[i] = s / (L[ri + i] as number);
  }
}

/** Solve Lᵀ x = y in place. */
function bwd(L: Float64Array, ld: number, nf: number, y: Float64Array): void {
  for (let i = nf - 1; i >= 0; i--) {
    let s = y[i] as number;
    for (let k = i + 1; k < nf; k++) s -= (L[k * ld + i] as number) * (y[k] as number);
    y[i] = s / (L[i * ld + i] as number);
  }
}

/**
 * The factorisation of one working set, updated in place as variables are freed / fixed and
 * rows enter / leave: L is the Cholesky factor of Q_FF + εI in the order of `F`
 * (append: O(nf²); delete: a Givens rank-one update, O(nf²)); Y holds L⁻¹C_wᵀ per working row;
 * the small Schur complement S = YYᵀ is refactored when it changes.
 */
class Factor {
  cap: number;
  nf = 0;
  F: number[] = [];
  L: Float64Array;
  W: number[] = [];
  Y: Float64Array[] = [];
  Ls = new Float64Array(0);
  sDirty = true;
  private readonly st: State;
  private readonly h: Float64Array;
  constructor(st: State, cap: number, W: number[]) {
    this.st = st;
    this.cap = Math.max(4, cap);
    this.L = new Float64Array(this.cap * this.cap);
    this.h = new Float64Array(st.p.n);
    this.W = W;
    this.Y = W.map(() => new Float64Array(this.cap));
  }
  private grow(): void {
    const cap = Math.min(Math.max(this.cap * 2, 4), Math.max(this.st.p.n, 4));
    if (cap <= this.cap) return;
    const L = new Float64Array(cap * cap);
    for (let i = 0; i < this.nf; i++) L.set(this.L.subarray(i * this.cap, i * this.cap + i + 1), i * cap);
    this.L = L;
    this.Y = this.Y.map((y) => {
      const z = new Float64Array(cap);
      z.set(y.subarray(0, this.nf));
      return z;
    });
    this.cap = cap;
  }
  /** Free variable j (append to L). Returns false when the new pivot is not safely positive. */
  addVar(j: number): boolean {
    if (this.nf === this.cap) this.grow();
    const { p, eps, rho } = this.st;
    const n = p.n;
    const R = p.R;
    const ld = this.cap;
    const nf = this.nf;
    const h = this.h;
    const Q = p.Q;
    const W = this.W;
    for (let b = 0; b < nf; b++) {
      const fb = this.F[b] as number;
      let v = Q === null ? 0 : (Q[j * n + fb] as number);
      for (let w = 0; w < W.length; w++) {
        const off = (W[w] as number) * n;
        v += rho * (R[off + j] as number) * (R[off + fb] as number);
      }
      h[b] = v;
    }
    fwd(this.L, ld, nf, h);
    let d = (Q === null ? 0 : (Q[j * n + j] as number)) + eps;
    for (let w = 0; w < W.length; w++) d += rho * (R[(W[w] as number) * n + j] as number) ** 2;
    for (let b = 0; b < nf; b++) d -= (h[b] as number) * (h[b] as number);
    if (!(d > 0.25 * eps) || !Number.isFinite(d)) return false;
    const row = nf * ld;
    for (let b = 0; b < nf; b++) this.L[row + b] = h[b] as number;
    const djj = Math.sqrt(d);
    this.L[row + nf] = djj;
    for (let w = 0; w < this.W.length; w++) {
      const y = this.Y[w] as Float64Array;
      let s = p.R[(this.W[w] as number) * n + j] as number;
      for (let b = 0; b < nf; b++) s -= (h[b] as number) * (y[b] as number);
      y[nf] = s / djj;
    }
    this.F.push(j);
    this.nf = nf + 1;
    this.sDirty = true;
    return true;
  }
  /** Fix variable j (delete its row and column of L by Givens rotations). */
  removeVar(j: number): void {
    const k = this.F.indexOf(j);
    const ld = this.cap;
    const nf = this.nf;
    const L = this.L;
    const t = nf - k - 1;
    // v = L[k+1:, k]; M = [L33 | v]; rotate to [L22' | 0] and apply the same rotations to the
    // pairs (y[k+1+i], y[k]) of every working row.
    const v = new Float64Array(t);
    for (let i = 0; i < t; i++) v[i] = L[(k + 1 + i) * ld + k] as number;
    for (let i = 0; i < t; i++) {
      const ri = (k + 1 + i) * ld + (k + 1 + i);
      const a = L[ri] as number;
      const bb = v[i] as number;
      const r = Math.hypot(a, bb);
      if (r === 0) continue;
      const c = a / r;
      const s = bb / r;
      L[ri] = r;
      v[i] = 0;
      for (let q = i + 1; q < t; q++) {
        const idx = (k + 1 + q) * ld + (k + 1 + i);
        const lq = L[idx] as number;
        const vq = v[q] as number;
        L[idx] = c * lq + s * vq;
        v[q] = -s * lq + c * vq;
      }
      for (const y of this.Y) {
        const zi = y[k + 1 + i] as number;
        const ze = y[k] as number;
        y[k + 1 + i] = c * zi + s * ze;
        y[k] = -s * zi + c * ze;
      }
    }
    // shift rows/cols after k up/left by one
    for (let i = k + 1; i < nf; i++) {
      const src = i * ld;
      const dst = (i - 1) * ld;
      for (let q = 0; q < k; q++) L[dst + q] = L[src + q] as number;
      for (let q = k + 1; q <= i; q++) L[dst + q - 1] = L[src + q] as number;
    }
    for (const y of this.Y) for (let i = k + 1; i < nf; i++) y[i - 1] = y[i] as number;
    this.F.splice(k, 1);
    this.nf = nf - 1;
    this.sDirty = true;
  }
  /** Refactor S = YYᵀ; returns the first dependent working row (pivot ≤ 1e-12 · S_aa) or −1. */
  factorS(): number {
    const nw = this.W.length;
    const nf = this.nf;
    const Ls = new Float64Array(nw * nw);
    for (let a = 0; a < nw; a++) {
      const ya = this.Y[a] as Float64Array;
      for (let b = 0; b <= a; b++) {
        const yb = this.Y[b] as Float64Array;
        let s = 0;
        for (let k = 0; k < nf; k++) s += (ya[k] as number) * (yb[k] as number);
        Ls[a * nw + b] = s;
      }
    }
    for (let j = 0; j < nw; j++) {
      const rj = j * nw;
      const sjj = Ls[rj + j] as number;
      let s = sjj;
      for (let k = 0; k < j; k++) {
        const v = Ls[rj + k] as number;
        s -= v * v;
      }
      if (!(sjj > 0) || !(s > 1e-12 * sjj)) return this.W[j] as number;
      const d = Math.sqrt(s);
      Ls[rj + j] = d;
      for (let i = j + 1; i < nw; i++) {
        const ri = i * nw;
        let t = Ls[ri + j] as number;
        for (let k = 0; k < j; k++) t -= (Ls[ri + k] as number) * (Ls[rj + k] as number);
        Ls[ri + j] = t / d;
      }
    }
    this.Ls = Ls;
    this.sDirty = false;
    return -1;
  }
  /**
   * Face subproblem for the current gradient: step p (length nf, order F) and μ (order W) with
   * H p + Cᵀμ = −g and C p = e, where e (order W) is the residual of the working rows, so that
   * rounding drift off the working rows is corrected by the next step.
   */
  solve(e: Float64Array): { step: Float64Array; mu: Float64Array } {
    const nf = this.nf;
    const nw = this.W.length;
    const g = this.st.g;
    const z = new Float64Array(nf);
    for (let a = 0; a < nf; a++) z[a] = g[this.F[a] as number] as number;
    fwd(this.L, this.cap, nf, z);
    const mu = new Float64Array(nw);
    for (let w = 0; w < nw; w++) {
      const y = this.Y[w] as Float64Array;
      let s = 0;
      for (let k = 0; k < nf; k++) s += (y[k] as number) * (z[k] as number);
      mu[w] = -s - (e[w] as number);
    }
    fwd(this.Ls, nw, nw, mu);
    bwd(this.Ls, nw, nw, mu);
    for (let w = 0; w < nw; w++) {
      const mw = mu[w] as number;
      if (mw === 0) continue;
      const y = this.Y[w] as Float64Array;
      for (let k = 0; k < nf; k++) z[k] = (z[k] as number) + (y[k] as number) * mw;
    }
    bwd(this.L, this.cap, nf, z);
    for (let k = 0; k < nf; k++) z[k] = -(z[k] as number);
    return { step: z, mu };
  }
}

/**
 * Multipliers at a stationary point from the least-squares problem min ‖g_F + C_Fᵀμ‖, through
 * the normal equations (C_F C_Fᵀ) μ = −C_F g_F. Unlike the Schur-complement μ this does not go
 * through H⁻¹, so it stays accurate when Q is (nearly) singular. Returns null when C_F C_Fᵀ is
 * numerically singular.
 */
function leastSquaresMu(st: State, F: readonly number[], W: readonly number[]): Float64Array | null {
  const { n, R } = st.p;
  const nw = W.length;
  const nf = F.length;
  if (nw === 0) return new Float64Array(0);
  const M = new Float64Array(nw * nw);
  const rhs = new Float64Array(nw);
  for (let a = 0; a < nw; a++) {
    const oa = (W[a] as number) * n;
    let t = 0;
    for (let k = 0; k < nf; k++) t += (R[oa + (F[k] as number)] as number) * (st.g[F[k] as number] as number);
    rhs[a] = -t;
    for (let b = 0; b <= a; b++) {
      const ob = (W[b] as number) * n;
      let s = 0;
      for (let k = 0; k < nf; k++) {
        const j = F[k] as number;
        s += (R[oa + j] as number) * (R[ob + j] as number);
      }
      M[a * nw + b] = s;
    }
  }
  for (let j = 0; j < nw; j++) {
    const rj = j * nw;
    const mjj = M[rj + j] as number;
    let s = mjj;
    for (let k = 0; k < j; k++) s -= (M[rj + k] as number) ** 2;
    if (!(s > 1e-13 * mjj)) return null;
    const d = Math.sqrt(s);
    M[rj + j] = d;
    for (let i = j + 1; i < nw; i++) {
      let t = M[i * nw + j] as number;
      for (let k = 0; k < j; k++) t -= (M[i * nw + k] as number) * (M[rj + k] as number);
      M[i * nw + j] = t / d;
    }
  }
  fwd(M, nw, nw, rhs);
  bwd(M, nw, nw, rhs);
  return rhs;
}

/** Build the factor of the current working set from scratch (raising ε if a pivot fails). */
function buildFactor(st: State): Factor {
  const { p } = st;
  for (;;) {
    let nfree = 0;
    for (let j = 0; j < p.n; j++) if (st.vs[j] === FREE) nfree++;
    // equality rows first, then active inequality rows (a failing Schur pivot then names a row
    // that depends on those before it)
    const W: number[] = [];
    for (let i = 0; i < p.m; i++) if (st.rs[i] === EQUALITY) W.push(i);
    for (let i = 0; i < p.m; i++) if (st.rs[i] === AT_LOWER || st.rs[i] === AT_UPPER) W.push(i);
    const f = new Factor(st, nfree + 8, W);
    let ok = true;
    for (let j = 0; j < p.n && ok; j++) if (st.vs[j] === FREE) ok = f.addVar(j);
    if (ok) return f;
    st.eps = Math.max(st.eps * 100, 1e-300); // never stuck at 0
    if (!(st.eps <= 1e-4 * Math.max(st.qscale, 1e-300))) throw new KernelError({ kind: 'not-convex' });
  }
}

function infNorm(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s = Math.max(s, Math.abs(v[i] as number));
  return s;
}

/**
 * The primal active-set iterations from a feasible x and an independent working set.
 * Mutates the state. Returns iterations used and whether it converged.
 */
function iterate(st: State, maxIterations: number, tolerance: number, mu: Float64Array, nu: Float64Array): { iterations: number; converged: boolean } {
  const { p } = st;
  const { n, m, R, Q } = p;
  let iterations = 0;
  let fresh = false;
  let refinements = 0;
  const rowNorm = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += Math.abs(R[i * n + j] as number);
    rowNorm[i] = s;
  }
  const cmax = infNorm(p.c);
  const qmax = st.qmax;
  const qp = new Float64Array(n);
  const d = new Float64Array(m);
  let f = buildFactor(st);
  // anti-cycling: a constraint released and blocking again at once (zero step) was released on
  // rounding noise; it is not released again until a step of positive length is taken.
  const bouncedVars = new Set<number>();
  const bouncedRows = new Set<number>();
  let lastReleased = -1;
  let prevResid = Infinity;
  // Bland's rule after repeated zero-length steps (degenerate vertices): release the
  // lowest-index candidate instead of the most violated one, so that the pivoting cannot cycle.
  let zeroSteps = 0;
  while (iterations < maxIterations) {
    if (f.sDirty) {
      const dep = f.factorS();
      if (dep >= 0) {
        if (st.rs[dep] === EQUALITY) {
          // depends on fixed bounds: release the fixed variable with the largest coefficient
          let best = -1;
          let bv = 0;
          for (let j = 0; j < n; j++) {
            if (st.vs[j] === AT_LOWER || st.vs[j] === AT_UPPER) {
              const v = Math.abs(R[dep * n + j] as number);
              if (v > bv) {
                bv = v;
                best = j;
              }
            }
          }
          if (best < 0) throw new KernelError({ kind: 'infeasible', infeasibility: 0, rows: [{ index: dep, side: 1 }], bounds: [] });
          st.vs[best] = FREE;
        } else {
          st.rs[dep] = INACTIVE;
        }
        f = buildFactor(st);
        continue;
      }
      refinements = 0;
    }
    const F = f.F;
    const W = f.W;
    const nf = F.length;
    const nw = W.length;
    // residuals of the working rows (rounding drift), corrected by the step
    let xmax0 = 0;
    for (let j = 0; j < n; j++) xmax0 = Math.max(xmax0, Math.abs(st.x[j] as number));
    const e = new Float64Array(nw);
    let emax = 0;
    for (let w = 0; w < nw; w++) {
      const i = W[w] as number;
      const target = st.rs[i] === AT_UPPER ? (p.ru[i] as number) : (p.rl[i] as number);
      const v = target - (st.r[i] as number);
      e[w] = v;
      // relative to the size of the terms of the row (rounding in r is about u·Σ|R_ij x_j|)
      emax = Math.max(emax, Math.abs(v) / (1 + Math.abs(target) + (rowNorm[i] as number) * xmax0));
    }
    // drift at rounding level is not corrected (a correction step of 1e-16 could only push a
    // variable through a bound it sits on, and cycle)
    if (emax <= 1e-15) e.fill(0);
    const { step, mu: muW } = f.solve(e);
    let xmax = 0;
    for (let j = 0; j < n; j++) xmax = Math.max(xmax, Math.abs(st.x[j] as number));
    const scale = cmax + qmax * Math.max(1, xmax) + 1e-300;
    // the true reduced gradient on the face
    let resid = 0;
    for (let a = 0; a < nf; a++) {
      const j = F[a] as number;
      let s = st.g[j] as number;
      for (let w = 0; w < nw; w++) s += (muW[w] as number) * (R[(W[w] as number) * n + j] as number);
      resid = Math.max(resid, Math.abs(s));
    }
    const pmax = infNorm(step);
    // refine (cheaply, same factor) until the residual is 1e-3 of the tolerance or stops shrinking
    const refined = resid <= 1e-3 * tolerance * scale || (refinements > 0 && resid >= 0.25 * prevResid);
    const stationary = (resid <= tolerance * scale && emax <= 1e-14 && (refined || fresh)) || refinements >= 8 || pmax === 0;
    prevResid = refinements === 0 ? Infinity : resid;
    if (stationary) {
      const ls = leastSquaresMu(st, F, W);
      if (ls !== null) muW.set(ls);
      // multipliers of fixed variables: ν_j = −(g_j + Σ_w μ_w R_wj)
      let worst = -1;
      let worstKind = 0; // 1 var, 2 row
      let worstAmt = tolerance * scale;
      const bland = zeroSteps >= 3;
      for (let j = 0; j < n; j++) {
        const s = st.vs[j] as number;
        if (s === FREE) {
          nu[j] = 0;
          continue;
        }
        let v = st.g[j] as number;
        for (let w = 0; w < nw; w++) v += (muW[w] as number) * (R[(W[w] as number) * n + j] as number);
        v = -v;
        nu[j] = v;
        const amt = s === AT_LOWER ? v : s === AT_UPPER ? -v : 0;
        if (amt > worstAmt && !bouncedVars.has(j) && !(bland && worst >= 0)) {
          worstAmt = amt;
          worst = j;
          worstKind = 1;
        }
      }
      for (let w = 0; w < nw; w++) {
        const i = W[w] as number;
        const s = st.rs[i] as number;
        const v = muW[w] as number;
        const amt = (s === AT_LOWER ? v : s === AT_UPPER ? -v : 0) * (rowNorm[i] as number);
        if (amt > worstAmt && !bouncedRows.has(i) && !(bland && worst >= 0)) {
          worstAmt = amt;
          worst = i;
          worstKind = 2;
        }
      }
      if (worst < 0) {
        if (!fresh) {
          computeGradient(p, st.x, st.g);
          computeRows(p, st.x, st.r);
          fresh = true;
          refinements = 0;
          continue;
        }
        mu.fill(0);
            for (let w = 0; w < nw; w++) mu[W[w] as number] = muW[w] as number;
        return { iterations, converged: true };
      }
      lastReleased = worstKind === 1 ? worst : -2 - worst;
      if (worstKind === 1) {
        st.vs[worst] = FREE;
        if (!f.addVar(worst)) {
          st.eps *= 100;
          f = buildFactor(st);
        }
      } else {
        st.rs[worst] = INACTIVE;
        f = buildFactor(st);
      }
      refinements = 0;
      iterations++;
      continue;
    }
    fresh = false;
    // ratio test
    let alpha = 1;
    let block = -1;
    let blockKind = 0;
    let blockSide = 0;
    const tinyP = 1e-14 * pmax;
    for (let a = 0; a < nf; a++) {
      const j = F[a] as number;
      const pj = step[a] as number;
      if (pj < -tinyP) {
        const lj = p.l[j] as number;
        if (lj !== -Infinity) {
          const t = Math.max(0, (lj - (st.x[j] as number)) / pj);
          if (t < alpha || (t === alpha && block >= 0 && blockKind === 1 && j < block)) {
            alpha = t;
            block = j;
            blockKind = 1;
            blockSide = AT_LOWER;
          }
        }
      } else if (pj > tinyP) {
        const uj = p.u[j] as number;
        if (uj !== Infinity) {
          const t = Math.max(0, (uj - (st.x[j] as number)) / pj);
          if (t < alpha || (t === alpha && block >= 0 && blockKind === 1 && j < block)) {
            alpha = t;
            block = j;
            blockKind = 1;
            blockSide = AT_UPPER;
          }
        }
      }
    }
    for (let i = 0; i < m; i++) {
      const off = i * n;
      let s = 0;
      for (let a = 0; a < nf; a++) s += (R[off + (F[a] as number)] as number) * (step[a] as number);
      d[i] = s;
      if (st.rs[i] !== INACTIVE) continue;
      const tiny = 1e-13 * (rowNorm[i] as number) * pmax;
      if (s > tiny) {
        const ui = p.ru[i] as number;
        if (ui !== Infinity) {
          const t = Math.max(0, (ui - (st.r[i] as number)) / s);
          if (t < alpha) {
            alpha = t;
            block = i;
            blockKind = 2;
            blockSide = AT_UPPER;
          }
        }
      } else if (s < -tiny) {
        const li = p.rl[i] as number;
        if (li !== -Infinity) {
          const t = Math.max(0, (li - (st.r[i] as number)) / s);
          if (t < alpha) {
            alpha = t;
            block = i;
            blockKind = 2;
            blockSide = AT_LOWER;
          }
        }
      }
    }
    // curvature and the gradient change qp = Q[:,F] p
    let curv = 0;
    if (Q !== null) {
      // Q symmetric: Q[:,F]·p = Σ_a p_a · Q[F_a, :] (contiguous rows)
      qp.fill(0);
      for (let a = 0; a < nf; a++) {
        const pa = step[a] as number;
        if (pa === 0) continue;
        const off = (F[a] as number) * n;
        for (let i = 0; i < n; i++) qp[i] = (qp[i] as number) + (Q[off + i] as number) * pa;
      }
      for (let a = 0; a < nf; a++) curv += (step[a] as number) * (qp[F[a] as number] as number);
    }
    let pp = 0;
    for (let a = 0; a < nf; a++) pp += (step[a] as number) * (step[a] as number);
    if (curv < -1e-9 * Math.max(qmax, 1e-300) * pp) throw new KernelError({ kind: 'not-convex' });
    if (block < 0 && pmax > 1e8 * Math.max(1, xmax) && curv <= 2 * st.eps * pp) throw new KernelError({ kind: 'unbounded' });
    if (alpha > 0) {
      for (let a = 0; a < nf; a++) {
        const j = F[a] as number;
        st.x[j] = (st.x[j] as number) + alpha * (step[a] as number);
      }
      if (Q !== null) for (let i = 0; i < n; i++) st.g[i] = (st.g[i] as number) + alpha * (qp[i] as number);
      for (let i = 0; i < m; i++) st.r[i] = (st.r[i] as number) + alpha * (d[i] as number);
    }
    iterations++;
    if (alpha > 0) {
      bouncedVars.clear();
      bouncedRows.clear();
      zeroSteps = 0;
    } else if (block >= 0) {
      zeroSteps++;
      const id = blockKind === 1 ? block : -2 - block;
      if (id === lastReleased) {
        if (blockKind === 1) bouncedVars.add(block);
        else bouncedRows.add(block);
      }
    }
    lastReleased = -1;
    if (block >= 0) {
      if (blockKind === 1) {
        const target = blockSide === AT_LOWER ? (p.l[block] as number) : (p.u[block] as number);
        const delta = target - (st.x[block] as number);
        st.x[block] = target;
        if (delta !== 0) {
          if (Q !== null) for (let i = 0; i < n; i++) st.g[i] = (st.g[i] as number) + (Q[i * n + block] as number) * delta;
          for (let i = 0; i < m; i++) st.r[i] = (st.r[i] as number) + (R[i * n + block] as number) * delta;
        }
        st.vs[block] = blockSide;
        f.removeVar(block);
      } else {
        st.rs[block] = blockSide;
        f = buildFactor(st);
      }
      refinements = 0;
    } else {
      refinements++;
    }
  }
  return { iterations, converged: false };
}

/** ρ = scale / mean squared row norm, so that ρCᵀC is of the size of Q. */
function rhoOf(p: KernelProblem, scale: number): number {
  if (p.m === 0) return 0;
  let s = 0;
  for (let k = 0; k < p.R.length; k++) s += (p.R[k] as number) ** 2;
  return s > 0 ? (scale * p.m) / s : 0;
}

function feasible(p: KernelProblem, x: Float64Array, r: Float64Array, tol: number): boolean {
  let xmax = 0;
  for (let j = 0; j < p.n; j++) xmax = Math.max(xmax, Math.abs(x[j] as number));
  for (let j = 0; j < p.n; j++) {
    const v = x[j] as number;
    if (v < (p.l[j] as number) - tol * (1 + Math.abs(p.l[j] as number)) || v > (p.u[j] as number) + tol * (1 + Math.abs(p.u[j] as number))) return false;
  }
  for (let i = 0; i < p.m; i++) {
    const v = r[i] as number;
    const lo = p.rl[i] as number;
    const hi = p.ru[i] as number;
    let rn = 0;
    for (let j = 0; j < p.n; j++) rn += Math.abs(p.R[i * p.n + j] as number);
    const t = tol * (1 + rn * xmax);
    if (v < lo - t * (1 + Math.abs(lo)) || v > hi + t * (1 + Math.abs(hi))) return false;
  }
  return true;
}

/**
 * Solve a kernel problem. Throws {@link KernelError} on infeasibility, unboundedness or a
 * non-convex Q; the caller turns it into a typed error with words.
 */
export function solveKernel(p: KernelProblem, opts: KernelOptions): KernelResult {
  // Scale invariance: the minimiser of s · (½xᵀQx + cᵀx) is the same for every s > 0. Far outside
  // the usual range (a covariance of 1e-310, subnormal entries) the proximal ε = 1e−12 · max Qᵢᵢ
  // would underflow to 0 and the factorisation lose every digit, so the objective is scaled by a
  // power of two (exact) and the multipliers scaled back. In the usual range nothing changes.
  const e = objectiveScaleExponent(p);
  if (e === 0) return solveScaled(p, opts);
  const Q = p.Q === null ? null : timesPowerOfTwo(p.Q, e);
  const out = solveScaled({ ...p, Q, c: timesPowerOfTwo(p.c, e) }, opts);
  return { ...out, mu: timesPowerOfTwo(out.mu, -e), nu: timesPowerOfTwo(out.nu, -e) };
}

/** The exponent e bringing 2^e · max(max Qᵢᵢ, max |cⱼ|) into [0.5, 1) when it lies beyond 2^±300, else 0. */
function objectiveScaleExponent(p: KernelProblem): number {
  let m = maxDiag(p.Q, p.n);
  for (let j = 0; j < p.c.length; j++) m = Math.max(m, Math.abs(p.c[j] as number));
  if (m === 0 || (m > 2 ** -300 && m < 2 ** 300)) return 0;
  return -Math.floor(Math.log2(m)) - 1;
}

/** v · 2^e, exactly (in steps, since 2^e itself may not be a double). */
function timesPowerOfTwo(v: Float64Array, e: number): Float64Array {
  const out = v.slice();
  while (e !== 0) {
    const step = Math.max(-1000, Math.min(1000, e));
    const f = 2 ** step;
    for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) * f;
    e -= step;
  }
  return out;
}

function solveScaled(p: KernelProblem, opts: KernelOptions): KernelResult {
  const { n, m } = p;
  const tol = opts.tolerance;
  const qscale = maxDiag(p.Q, n);
  const eps0 = 1e-12 * (qscale > 0 ? qscale : 1);
  const x = new Float64Array(n);
  const vs = new Int8Array(n);
  const rs = new Int8Array(m);
  const start = opts.start;
  // initial point: the warm start's x (or 0), clamped into the bounds; variables the warm start
  // held at a bound go back to it.
  for (let j = 0; j < n; j++) {
    const lj = p.l[j] as number;
    const uj = p.u[j] as number;
    let v = start ? (start.x[j] as number) : 0;
    if (start && start.varStatus[j] === AT_LOWER && lj !== -Infinity) v = lj;
    if (start && start.varStatus[j] === AT_UPPER && uj !== Infinity) v = uj;
    v = Math.min(Math.max(v, lj), uj);
    x[j] = v;
    if (lj === uj) vs[j] = FIXED;
    else if (v === lj) vs[j] = AT_LOWER;
    else if (v === uj) vs[j] = AT_UPPER;
    else vs[j] = FREE;
  }
  for (let i = 0; i < m; i++) if (p.rl[i] === p.ru[i]) rs[i] = EQUALITY;
  const r = new Float64Array(m);
  computeRows(p, x, r);
  const mu = new Float64Array(m);
  const nu = new Float64Array(n);
  let phase1Iterations = 0;
  const rowScale = (i: number) => 1 + Math.abs(p.rl[i] === -Infinity ? (p.ru[i] as number) : (p.rl[i] as number));
  const warmFeasible = start !== undefined && feasible(p, x, r, 1e-13);
  if (warmFeasible) {
    // keep the warm start's active rows that are still at their limit
    for (let i = 0; i < m; i++) {
      if (rs[i] === EQUALITY) continue;
      const s = start!.rowStatus[i];
      if (s === AT_LOWER && Math.abs((r[i] as number) - (p.rl[i] as number)) <= 1e-13 * rowScale(i)) rs[i] = AT_LOWER;
      else if (s === AT_UPPER && Math.abs((r[i] as number) - (p.ru[i] as number)) <= 1e-13 * rowScale(i)) rs[i] = AT_UPPER;
    }
  } else {
    // phase 1: elastic variables on equality rows and violated rows; minimise their sum.
    const elastic: Array<{ row: number; sign: number }> = [];
    for (let i = 0; i < m; i++) {
      const v = r[i] as number;
      if (rs[i] === EQUALITY) elastic.push({ row: i, sign: (p.rl[i] as number) - v >= 0 ? 1 : -1 });
      else if (v > (p.ru[i] as number)) elastic.push({ row: i, sign: -1 });
      else if (v < (p.rl[i] as number)) elastic.push({ row: i, sign: 1 });
    }
    if (elastic.length > 0) {
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
        const v = r[e.row] as number;
        const target = rs[e.row] === EQUALITY ? (p.rl[e.row] as number) : e.sign > 0 ? (p.rl[e.row] as number) : (p.ru[e.row] as number);
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
      const out1 = iterate(st1, opts.maxIterations, 1e-13, mu1, nu1);
      phase1Iterations = out1.iterations;
      let infeas = 0;
      let bscale = 0;
      for (let q = 0; q < k; q++) infeas += x1[n + q] as number;
      for (let i = 0; i < m; i++) {
        bscale = Math.max(bscale, Math.abs(p.rl[i] === -Infinity ? 0 : (p.rl[i] as number)), Math.abs(p.ru[i] === Infinity ? 0 : (p.ru[i] as number)));
      }
      for (let j = 0; j < n; j++) bscale = Math.max(bscale, Math.abs(x1[j] as number));
      if (infeas > 1e-10 * (1 + bscale)) {
        const rows: Array<{ index: number; side: 1 | 2 }> = [];
        const bounds: Array<{ index: number; side: 1 | 2 }> = [];
        const seen = new Set<number>();
        elastic.forEach((e, q) => {
          if ((x1[n + q] as number) > 1e-12 * (1 + bscale)) {
            seen.add(e.row);
            const side: 1 | 2 = rs[e.row] === EQUALITY ? (e.sign > 0 ? 1 : 2) : e.sign > 0 ? 1 : 2;
            rows.push({ index: e.row, side });
          }
        });
        const mtol = 1e-10;
            for (let i = 0; i < m; i++) {
          if (seen.has(i)) continue;
          if ((rs[i] === AT_LOWER || rs[i] === AT_UPPER || rs[i] === EQUALITY) && Math.abs(mu1[i] as number) > mtol) {
            rows.push({ index: i, side: rs[i] === AT_UPPER ? 2 : rs[i] === AT_LOWER ? 1 : (mu1[i] as number) > 0 ? 2 : 1 });
          }
        }
        for (let j = 0; j < n; j++) {
          if ((vs1[j] === AT_LOWER || vs1[j] === AT_UPPER || vs1[j] === FIXED) && Math.abs(nu1[j] as number) > mtol) {
            bounds.push({ index: j, side: vs1[j] === AT_UPPER ? 2 : vs1[j] === AT_LOWER ? 1 : (nu1[j] as number) > 0 ? 2 : 1 });
          }
        }
        throw new KernelError({ kind: 'infeasible', infeasibility: infeas, rows, bounds });
      }
      x.set(x1.subarray(0, n));
      vs.set(vs1.subarray(0, n));
      computeRows(p, x, r);
    }
  }
  const g = new Float64Array(n);
  computeGradient(p, x, g);
  const st: State = { p, x, g, r, vs, rs, eps: eps0, qscale, qmax: p.Q === null ? 0 : infNorm(p.Q), rho: rhoOf(p, qscale > 0 ? qscale : 1) };
  const out = iterate(st, Math.max(1, opts.maxIterations - phase1Iterations), tol, mu, nu);
  return {
    x,
    varStatus: vs,
    rowStatus: rs,
    mu,
    nu,
    iterations: out.iterations + phase1Iterations,
    converged: out.converged,
  };
}
