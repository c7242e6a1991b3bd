/**
 * The primal active-set iterations of the QP kernel (see `qp-kernel.ts` for the method), as
 * named steps over the solver {@link State} and one {@link Loop} object holding what the
 * iterations carry from one pass to the next:
 *
 * 1. {@link dropDependentRow}: when the Schur complement is singular, take the dependent row out
 *    of the working set (or free a fixed variable it depends on);
 * 2. {@link faceStep}: the step and multipliers on the current face, and the reduced gradient;
 * 3. at a stationary point, {@link releaseWorst}: least-squares multipliers, then release the
 *    constraint with the most wrongly signed multiplier (or stop: converged);
 * 4. otherwise {@link ratioTest} (the first constraint the step meets), {@link checkCurvature}
 *    (non-convex or unbounded problems), {@link takeStep}, {@link trackCycling} and
 *    {@link addBlocking} (the blocking constraint joins the working set), or another refinement.
 *
 * Deterministic: fixed loop orders, ties broken by lowest index.
 *
 * @internal
 * @module
 */
import { buildFactor, type Factor, leastSquaresMu } from './qp-factor.ts';
import { AT_LOWER, AT_UPPER, computeGradient, computeRows, EQUALITY, FREE, INACTIVE, infNorm, KernelError, type State } from './qp-types.ts';

/** What the iterations carry between passes, next to the {@link State}. */
interface Loop {
  readonly st: State;
  readonly tolerance: number;
  /** Σ_j |R_ij| per row. */
  readonly rowNorm: Float64Array;
  /** max |c_j|. */
  readonly cmax: number;
  /** Scratch: the gradient change Q[:,F] p of a step. */
  readonly qp: Float64Array;
  /** Scratch: the row change R[:,F] p of a step. */
  readonly d: Float64Array;
  f: Factor;
  iterations: number;
  /** The gradient and rows were recomputed from x since the last step. */
  fresh: boolean;
  /** Refinement steps taken on the current factor. */
  refinements: number;
  /**
   * Anti-cycling: a constraint released and blocking again at once (zero step) was released on
   * rounding noise; it is not released again until a step of positive length is taken.
   */
  readonly bouncedVars: Set<number>;
  readonly bouncedRows: Set<number>;
  /** The constraint released last (variable j, or row i as −2 − i), or −1. */
  lastReleased: number;
  prevResid: number;
  /**
   * Bland's rule after repeated zero-length steps (degenerate vertices): release the
   * lowest-index candidate instead of the most violated one, so that the pivoting cannot cycle.
   */
  zeroSteps: number;
}

/** The step on the current face and what the stationarity test needs. */
interface FaceStep {
  step: Float64Array;
  muW: Float64Array;
  emax: number;
  xmax: number;
  scale: number;
  resid: number;
  pmax: number;
}

/** The first constraint a step meets: `alpha` ≤ 1 the step length, `block` −1 when none. */
interface Blocking {
  alpha: number;
  block: number;
  /** 1 variable, 2 row. */
  blockKind: number;
  blockSide: number;
}

/**
 * The primal active-set iterations from a feasible x and an independent working set.
 * Mutates the state. Returns iterations used and whether it converged.
 */
export function iterate(st: State, maxIterations: number, tolerance: number, mu: Float64Array, nu: Float64Array): { iterations: number; converged: boolean } {
  const it = startLoop(st, tolerance);
  while (it.iterations < maxIterations) {
    if (it.f.sDirty) {
      if (dropDependentRow(it)) continue;
      it.refinements = 0;
    }
    const fs = faceStep(it);
    // refine (cheaply, same factor) until the residual is 1e-3 of the tolerance or stops shrinking
    const refined = fs.resid <= 1e-3 * tolerance * fs.scale || (it.refinements > 0 && fs.resid >= 0.25 * it.prevResid);
    const stationary = (fs.resid <= tolerance * fs.scale && fs.emax <= 1e-14 && (refined || it.fresh)) || it.refinements >= 8 || fs.pmax === 0;
    it.prevResid = it.refinements === 0 ? Infinity : fs.resid;
    if (stationary) {
      if (releaseWorst(it, fs, mu, nu)) return { iterations: it.iterations, converged: true };
      continue;
    }
    it.fresh = false;
    const b = ratioTest(it, fs.step, fs.pmax);
    const curv = checkCurvature(it, fs, b.block);
    takeStep(it, fs.step, b.alpha, curv);
    it.iterations++;
    trackCycling(it, b);
    if (b.block >= 0) {
      addBlocking(it, b);
      it.refinements = 0;
    } else {
      it.refinements++;
    }
  }
  return { iterations: it.iterations, converged: false };
}

/** The loop state at the start: row norms, scratch vectors and the first factor. */
function startLoop(st: State, tolerance: number): Loop {
  const { n, m, R } = st.p;
  const rowNorm = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += Math.abs(R[i * n + j]);
    rowNorm[i] = s;
  }
  return {
    st,
    tolerance,
    rowNorm,
    cmax: infNorm(st.p.c),
    qp: new Float64Array(n),
    d: new Float64Array(m),
    f: buildFactor(st),
    iterations: 0,
    fresh: false,
    refinements: 0,
    bouncedVars: new Set<number>(),
    bouncedRows: new Set<number>(),
    lastReleased: -1,
    prevResid: Infinity,
    zeroSteps: 0,
  };
}

/**
 * Refactor the Schur complement; when a working row depends on the rows before it, take it out
 * (an inequality row), or free the fixed variable with the largest coefficient in it (an
 * equality row), and rebuild the factor. Returns whether the working set changed.
 * @throws {KernelError} an equality row depending on other equality rows only (infeasible)
 */
function dropDependentRow(it: Loop): boolean {
  const { st } = it;
  const { n, R } = st.p;
  const dep = it.f.factorS();
  if (dep < 0) return false;
  if (st.rs[dep] === EQUALITY) {
    // depends on fixed bounds: release the fixed variable with the largest coefficient
    let best = -1;
    let bv = 0;
    for (let j = 0; j < n; j++) {
      if (st.vs[j] === AT_LOWER || st.vs[j] === AT_UPPER) {
        const v = Math.abs(R[dep * n + j]);
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
  it.f = buildFactor(st);
  return true;
}

/**
 * The step on the current face, correcting the working rows' drift when it is above rounding
 * level, with the scale of the problem and the true reduced gradient ‖g_F + C_Fᵀμ‖∞.
 */
function faceStep(it: Loop): FaceStep {
  const { st, f, rowNorm } = it;
  const { p } = st;
  const { n, R } = p;
  const F = f.F;
  const W = f.W;
  const nf = F.length;
  const nw = W.length;
  // residuals of the working rows (rounding drift), corrected by the step
  let xmax0 = 0;
  for (let j = 0; j < n; j++) xmax0 = Math.max(xmax0, Math.abs(st.x[j]));
  const e = new Float64Array(nw);
  let emax = 0;
  for (let w = 0; w < nw; w++) {
    const i = W[w];
    const target = st.rs[i] === AT_UPPER ? p.ru[i] : p.rl[i];
    const v = target - st.r[i];
    e[w] = v;
    // relative to the size of the terms of the row (rounding in r is about u·Σ|R_ij x_j|)
    emax = Math.max(emax, Math.abs(v) / (1 + Math.abs(target) + rowNorm[i] * xmax0));
  }
  // drift at rounding level is not corrected (a correction step of 1e-16 could only push a
  // variable through a bound it sits on, and cycle)
  if (emax <= 1e-15) e.fill(0);
  const { step, mu: muW } = f.solve(e);
  let xmax = 0;
  for (let j = 0; j < n; j++) xmax = Math.max(xmax, Math.abs(st.x[j]));
  const scale = it.cmax + st.qmax * Math.max(1, xmax) + 1e-300;
  // the true reduced gradient on the face
  let resid = 0;
  for (let a = 0; a < nf; a++) {
    const j = F[a];
    let s = st.g[j];
    for (let w = 0; w < nw; w++) s += muW[w] * R[W[w] * n + j];
    resid = Math.max(resid, Math.abs(s));
  }
  return { step, muW, emax, xmax, scale, resid, pmax: infNorm(step) };
}

/**
 * At a stationary point of the face: least-squares multipliers, the bound multipliers ν of the
 * fixed variables (written to `nu`), and the release of the constraint whose multiplier has the
 * wrong sign by the most (Bland's rule: the lowest index, after repeated zero steps). With none
 * to release, recompute the gradient and rows from x once, then stop: the row multipliers are
 * written to `mu` and true is returned.
 */
function releaseWorst(it: Loop, fs: FaceStep, mu: Float64Array, nu: Float64Array): boolean {
  const { st, f, rowNorm } = it;
  const { p } = st;
  const { n, R } = p;
  const F = f.F;
  const W = f.W;
  const nw = W.length;
  const muW = fs.muW;
  const ls = leastSquaresMu(st, F, W);
  if (ls !== null) muW.set(ls);
  // multipliers of fixed variables: ν_j = −(g_j + Σ_w μ_w R_wj)
  let worst = -1;
  let worstKind = 0; // 1 var, 2 row
  let worstAmt = it.tolerance * fs.scale;
  const bland = it.zeroSteps >= 3;
  for (let j = 0; j < n; j++) {
    const s = st.vs[j];
    if (s === FREE) {
      nu[j] = 0;
      continue;
    }
    let v = st.g[j];
    for (let w = 0; w < nw; w++) v += muW[w] * R[W[w] * n + j];
    v = -v;
    nu[j] = v;
    const amt = s === AT_LOWER ? v : s === AT_UPPER ? -v : 0;
    if (amt > worstAmt && !it.bouncedVars.has(j) && !(bland && worst >= 0)) {
      worstAmt = amt;
      worst = j;
      worstKind = 1;
    }
  }
  for (let w = 0; w < nw; w++) {
    const i = W[w];
    const s = st.rs[i];
    const v = muW[w];
    const amt = (s === AT_LOWER ? v : s === AT_UPPER ? -v : 0) * rowNorm[i];
    if (amt > worstAmt && !it.bouncedRows.has(i) && !(bland && worst >= 0)) {
      worstAmt = amt;
      worst = i;
      worstKind = 2;
    }
  }
  if (worst < 0) {
    if (!it.fresh) {
      computeGradient(p, st.x, st.g);
      computeRows(p, st.x, st.r);
      it.fresh = true;
      it.refinements = 0;
      return false;
    }
    mu.fill(0);
    for (let w = 0; w < nw; w++) mu[W[w]] = muW[w];
    return true;
  }
  it.lastReleased = worstKind === 1 ? worst : -2 - worst;
  if (worstKind === 1) {
    st.vs[worst] = FREE;
    if (!f.addVar(worst)) {
      st.eps *= 100;
      it.f = buildFactor(st);
    }
  } else {
    st.rs[worst] = INACTIVE;
    it.f = buildFactor(st);
  }
  it.refinements = 0;
  it.iterations++;
  return false;
}

/**
 * The longest step α ≤ 1 along `step` before a free variable reaches a bound or an inactive row
 * a limit (ties between variables to the lowest index). Also fills `it.d` with R[:,F] p.
 */
function ratioTest(it: Loop, step: Float64Array, pmax: number): Blocking {
  const { st, f, rowNorm, d } = it;
  const { p } = st;
  const { n, m, R } = p;
  const F = f.F;
  const nf = F.length;
  let alpha = 1;
  let block = -1;
  let blockKind = 0;
  let blockSide = 0;
  const tinyP = 1e-14 * pmax;
  for (let a = 0; a < nf; a++) {
    const j = F[a];
    const pj = step[a];
    if (pj < -tinyP) {
      const lj = p.l[j];
      if (lj !== -Infinity) {
        const t = Math.max(0, (lj - st.x[j]) / pj);
        if (t < alpha || (t === alpha && block >= 0 && blockKind === 1 && j < block)) {
          alpha = t;
          block = j;
          blockKind = 1;
          blockSide = AT_LOWER;
        }
      }
    } else if (pj > tinyP) {
      const uj = p.u[j];
      if (uj !== Infinity) {
        const t = Math.max(0, (uj - st.x[j]) / pj);
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
    for (let a = 0; a < nf; a++) s += R[off + F[a]] * step[a];
    d[i] = s;
    if (st.rs[i] !== INACTIVE) continue;
    const tiny = 1e-13 * rowNorm[i] * pmax;
    if (s > tiny) {
      const ui = p.ru[i];
      if (ui !== Infinity) {
        const t = Math.max(0, (ui - st.r[i]) / s);
        if (t < alpha) {
          alpha = t;
          block = i;
          blockKind = 2;
          blockSide = AT_UPPER;
        }
      }
    } else if (s < -tiny) {
      const li = p.rl[i];
      if (li !== -Infinity) {
        const t = Math.max(0, (li - st.r[i]) / s);
        if (t < alpha) {
          alpha = t;
          block = i;
          blockKind = 2;
          blockSide = AT_LOWER;
        }
      }
    }
  }
  return { alpha, block, blockKind, blockSide };
}

/**
 * The gradient change `it.qp` = Q[:,F] p and the curvature pᵀQp of the step; returns whether
 * Q is non-null (so the gradient moves with the step).
 * @throws {KernelError} negative curvature (`not-convex`), or a long unblocked step along a
 * direction of no curvature (`unbounded`)
 */
function checkCurvature(it: Loop, fs: FaceStep, block: number): boolean {
  const { st, f, qp } = it;
  const { n, Q } = st.p;
  const F = f.F;
  const nf = F.length;
  const step = fs.step;
  // curvature and the gradient change qp = Q[:,F] p
  let curv = 0;
  if (Q !== null) {
    // Q symmetric: Q[:,F]·p = Σ_a p_a · Q[F_a, :] (contiguous rows), summed in increasing a
    // over the non-zero p_a; four rows per pass keep qp[i] in a register (same sums, same bits)
    qp.fill(0);
    const act: number[] = [];
    for (let a = 0; a < nf; a++) if (step[a] !== 0) act.push(a);
    let q = 0;
    for (; q + 3 < act.length; q += 4) {
      const a0 = act[q]!;
      const a1 = act[q + 1]!;
      const a2 = act[q + 2]!;
      const a3 = act[q + 3]!;
      const p0 = step[a0];
      const p1 = step[a1];
      const p2 = step[a2];
      const p3 = step[a3];
      const o0 = F[a0] * n;
      const o1 = F[a1] * n;
      const o2 = F[a2] * n;
      const o3 = F[a3] * n;
      for (let i = 0; i < n; i++) qp[i] = qp[i] + Q[o0 + i] * p0 + Q[o1 + i] * p1 + Q[o2 + i] * p2 + Q[o3 + i] * p3;
    }
    for (; q < act.length; q++) {
      const pa = step[act[q]!];
      const off = F[act[q]!] * n;
      for (let i = 0; i < n; i++) qp[i] = qp[i] + Q[off + i] * pa;
    }
    for (let a = 0; a < nf; a++) curv += step[a] * qp[F[a]];
  }
  let pp = 0;
  for (let a = 0; a < nf; a++) pp += step[a] * step[a];
  if (curv < -1e-9 * Math.max(st.qmax, 1e-300) * pp) throw new KernelError({ kind: 'not-convex' });
  if (block < 0 && fs.pmax > 1e8 * Math.max(1, fs.xmax) && curv <= 2 * st.eps * pp) throw new KernelError({ kind: 'unbounded' });
  return Q !== null;
}

/** x += α p on the free variables, with the gradient (when `hasQ`) and the rows updated alike. */
function takeStep(it: Loop, step: Float64Array, alpha: number, hasQ: boolean): void {
  if (!(alpha > 0)) return;
  const { st, f, qp, d } = it;
  const { n, m } = st.p;
  const F = f.F;
  const nf = F.length;
  for (let a = 0; a < nf; a++) {
    const j = F[a];
    st.x[j] = st.x[j] + alpha * step[a];
  }
  if (hasQ) for (let i = 0; i < n; i++) st.g[i] = st.g[i] + alpha * qp[i];
  for (let i = 0; i < m; i++) st.r[i] = st.r[i] + alpha * d[i];
}

/**
 * Anti-cycling bookkeeping after a step: a positive step clears the bounced sets; a zero step
 * counts towards Bland's rule, and a constraint blocking right after its release is marked as
 * bounced.
 */
function trackCycling(it: Loop, b: Blocking): void {
  if (b.alpha > 0) {
    it.bouncedVars.clear();
    it.bouncedRows.clear();
    it.zeroSteps = 0;
  } else if (b.block >= 0) {
    it.zeroSteps++;
    const id = b.blockKind === 1 ? b.block : -2 - b.block;
    if (id === it.lastReleased) {
      if (b.blockKind === 1) it.bouncedVars.add(b.block);
      else it.bouncedRows.add(b.block);
    }
  }
  it.lastReleased = -1;
}

/**
 * The blocking constraint joins the working set: a variable is set exactly on its bound (the
 * gradient and rows follow the rounding correction) and removed from the factor; a row is
 * marked active and the factor rebuilt.
 */
function addBlocking(it: Loop, b: Blocking): void {
  const { st } = it;
  const { p } = st;
  const { n, m, R, Q } = p;
  const block = b.block;
  if (b.blockKind === 1) {
    const target = b.blockSide === AT_LOWER ? p.l[block] : p.u[block];
    const delta = target - st.x[block];
    st.x[block] = target;
    if (delta !== 0) {
      if (Q !== null) for (let i = 0; i < n; i++) st.g[i] = st.g[i] + Q[i * n + block] * delta;
      for (let i = 0; i < m; i++) st.r[i] = st.r[i] + R[i * n + block] * delta;
    }
    st.vs[block] = b.blockSide;
    it.f.removeVar(block);
  } else {
    st.rs[block] = b.blockSide;
    it.f = buildFactor(st);
  }
}
