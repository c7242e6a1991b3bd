/**
 * The factorisation of the QP kernel's working set (range-space method, see `qp-kernel.ts`):
 * triangular solves, the updatable {@link Factor}, least-squares multipliers and the build of a
 * factor from scratch.
 *
 * @internal
 * @module
 */
import { AT_LOWER, AT_UPPER, EQUALITY, FREE, KernelError, type State } from './qp-types.ts';

/** Solve L y = b in place (L lower, row-major with stride `ld`, order nf). */
export function fwd(L: Float64Array, ld: number, nf: number, b: Float64Array): void {
  for (let i = 0; i < nf; i++) {
    const ri = i * ld;
    let s = b[i];
    for (let k = 0; k < i; k++) s -= L[ri + k] * b[k];
    b[i] = s / L[ri + i];
  }
}

/** Solve Lᵀ x = y in place. */
export function bwd(L: Float64Array, ld: number, nf: number, y: Float64Array): void {
  for (let i = nf - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < nf; k++) s -= L[k * ld + i] * y[k];
    y[i] = s / L[i * ld + i];
  }
}

/**
 * The factorisation of one working set, updated in place as variables are freed / fixed and
 * rows enter / leave: L is the Cholesky factor of Q_FF + εI in the order of `F`
 * (append: O(nf²); delete: a Givens rank-one update, O(nf²)); Y holds L⁻¹C_wᵀ per working row;
 * the small Schur complement S = YYᵀ is refactored when it changes.
 */
export class Factor {
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
      const fb = this.F[b];
      let v = Q === null ? 0 : Q[j * n + fb];
      for (let w = 0; w < W.length; w++) {
        const off = W[w] * n;
        v += rho * R[off + j] * R[off + fb];
      }
      h[b] = v;
    }
    fwd(this.L, ld, nf, h);
    let d = (Q === null ? 0 : Q[j * n + j]) + eps;
    for (let w = 0; w < W.length; w++) d += rho * R[W[w] * n + j] ** 2;
    for (let b = 0; b < nf; b++) d -= h[b] * h[b];
    if (!(d > 0.25 * eps) || !Number.isFinite(d)) return false;
    const row = nf * ld;
    for (let b = 0; b < nf; b++) this.L[row + b] = h[b];
    const djj = Math.sqrt(d);
    this.L[row + nf] = djj;
    for (let w = 0; w < this.W.length; w++) {
      const y = this.Y[w] as Float64Array;
      let s = p.R[this.W[w] * n + j];
      for (let b = 0; b < nf; b++) s -= h[b] * y[b];
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
    for (let i = 0; i < t; i++) v[i] = L[(k + 1 + i) * ld + k];
    for (let i = 0; i < t; i++) {
      const ri = (k + 1 + i) * ld + (k + 1 + i);
      const a = L[ri];
      const bb = v[i];
      const r = Math.hypot(a, bb);
      if (r === 0) continue;
      const c = a / r;
      const s = bb / r;
      L[ri] = r;
      v[i] = 0;
      for (let q = i + 1; q < t; q++) {
        const idx = (k + 1 + q) * ld + (k + 1 + i);
        const lq = L[idx];
        const vq = v[q];
        L[idx] = c * lq + s * vq;
        v[q] = -s * lq + c * vq;
      }
      for (const y of this.Y) {
        const zi = y[k + 1 + i];
        const ze = y[k];
        y[k + 1 + i] = c * zi + s * ze;
        y[k] = -s * zi + c * ze;
      }
    }
    // shift rows/cols after k up/left by one
    for (let i = k + 1; i < nf; i++) {
      const src = i * ld;
      const dst = (i - 1) * ld;
      for (let q = 0; q < k; q++) L[dst + q] = L[src + q];
      for (let q = k + 1; q <= i; q++) L[dst + q - 1] = L[src + q];
    }
    for (const y of this.Y) for (let i = k + 1; i < nf; i++) y[i - 1] = y[i];
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
        for (let k = 0; k < nf; k++) s += ya[k] * yb[k];
        Ls[a * nw + b] = s;
      }
    }
    for (let j = 0; j < nw; j++) {
      const rj = j * nw;
      const sjj = Ls[rj + j];
      let s = sjj;
      for (let k = 0; k < j; k++) {
        const v = Ls[rj + k];
        s -= v * v;
      }
      if (!(sjj > 0) || !(s > 1e-12 * sjj)) return this.W[j];
      const d = Math.sqrt(s);
      Ls[rj + j] = d;
      for (let i = j + 1; i < nw; i++) {
        const ri = i * nw;
        let t = Ls[ri + j];
        for (let k = 0; k < j; k++) t -= Ls[ri + k] * Ls[rj + k];
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
    for (let a = 0; a < nf; a++) z[a] = g[this.F[a]];
    fwd(this.L, this.cap, nf, z);
    const mu = new Float64Array(nw);
    for (let w = 0; w < nw; w++) {
      const y = this.Y[w] as Float64Array;
      let s = 0;
      for (let k = 0; k < nf; k++) s += y[k] * z[k];
      mu[w] = -s - e[w];
    }
    fwd(this.Ls, nw, nw, mu);
    bwd(this.Ls, nw, nw, mu);
    for (let w = 0; w < nw; w++) {
      const mw = mu[w];
      if (mw === 0) continue;
      const y = this.Y[w] as Float64Array;
      for (let k = 0; k < nf; k++) z[k] = z[k] + y[k] * mw;
    }
    bwd(this.L, this.cap, nf, z);
    for (let k = 0; k < nf; k++) z[k] = -z[k];
    return { step: z, mu };
  }
}

/**
 * Multipliers at a stationary point from the least-squares problem min ‖g_F + C_Fᵀμ‖, through
 * the normal equations (C_F C_Fᵀ) μ = −C_F g_F. Unlike the Schur-complement μ this does not go
 * through H⁻¹, so it stays accurate when Q is (nearly) singular. Returns null when C_F C_Fᵀ is
 * numerically singular.
 */
export function leastSquaresMu(st: State, F: readonly number[], W: readonly number[]): Float64Array | null {
  const { n, R } = st.p;
  const nw = W.length;
  const nf = F.length;
  if (nw === 0) return new Float64Array(0);
  const M = new Float64Array(nw * nw);
  const rhs = new Float64Array(nw);
  for (let a = 0; a < nw; a++) {
    const oa = W[a] * n;
    let t = 0;
    for (let k = 0; k < nf; k++) t += R[oa + F[k]] * st.g[F[k]];
    rhs[a] = -t;
    for (let b = 0; b <= a; b++) {
      const ob = W[b] * n;
      let s = 0;
      for (let k = 0; k < nf; k++) {
        const j = F[k];
        s += R[oa + j] * R[ob + j];
      }
      M[a * nw + b] = s;
    }
  }
  for (let j = 0; j < nw; j++) {
    const rj = j * nw;
    const mjj = M[rj + j];
    let s = mjj;
    for (let k = 0; k < j; k++) s -= M[rj + k] ** 2;
    if (!(s > 1e-13 * mjj)) return null;
    const d = Math.sqrt(s);
    M[rj + j] = d;
    for (let i = j + 1; i < nw; i++) {
      let t = M[i * nw + j];
      for (let k = 0; k < j; k++) t -= M[i * nw + k] * M[rj + k];
      M[i * nw + j] = t / d;
    }
  }
  fwd(M, nw, nw, rhs);
  bwd(M, nw, nw, rhs);
  return rhs;
}

/** Build the factor of the current working set from scratch (raising ε if a pivot fails). */
export function buildFactor(st: State): Factor {
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
