/**
 * Internal: the kernel problem built from parsed portfolio constraints and an objective (in the
 * weights, or in the split variables w = base + P − N, see `portfolio-constraints.ts`), the map
 * back to weights, the binding constraints in words and the public result record.
 *
 * @internal
 * @module
 */
import type { KernelProblem, KernelResult, KernelStart } from './qp-kernel.ts';
import { kernelKKT, runKernel, type ConstraintDescriber } from './qp-run.ts';
import { assetName, num, type ParsedConstraints, type PortfolioResult, type Row } from './constraint-types.ts';

/** An objective in weight space: ½wᵀQw + cᵀw (Q flat n x n, may be null for a linear objective). */
export interface WeightObjective {
  Q: Float64Array | null;
  c: Float64Array;
}

/** Extra rows in weight space (e.g. the target-return row of efficientReturn). */
export interface ExtraRow {
  coef: Float64Array;
  lower: number;
  upper: number;
  lowerText: string;
  upperText: string;
}

/** A kernel problem built from constraints and an objective, with the maps back to weights. */
export interface BuiltProblem {
  kp: KernelProblem;
  pc: ParsedConstraints;
  describe: ConstraintDescriber;
  /** number of kernel variables per weight (1 or 2) */
  split: boolean;
  extra: ExtraRow[];
}

/** Kernel row index of extra row k. */
export function extraRowIndex(b: BuiltProblem, k: number): number {
  return 1 + b.pc.rows.length + k;
}

/** Build the kernel problem: rows = [budget, groups/linear, extra rows, split limit row]. */
export function buildProblem(pc: ParsedConstraints, obj: WeightObjective, extra: ExtraRow[] = []): BuiltProblem {
  const { n, lo, hi, budget, rows, split } = pc;
  const nv = split === null ? n : 2 * n;
  const wRows: Array<{ coef: Float64Array; lower: number; upper: number }> = [
    { coef: new Float64Array(n).fill(1), lower: budget, upper: budget },
    ...rows,
    ...extra,
  ];
  const m = wRows.length + (split !== null && split.limit < Infinity ? 1 : 0);
  const R = new Float64Array(m * nv);
  const rl = new Float64Array(m);
  const ru = new Float64Array(m);
  const l = new Float64Array(nv);
  const u = new Float64Array(nv);
  let Q: Float64Array | null = null;
  const c = new Float64Array(nv);
  if (split === null) {
    wRows.forEach((r, i) => {
      R.set(r.coef, i * nv);
      rl[i] = r.lower;
      ru[i] = r.upper;
    });
    l.set(lo);
    u.set(hi);
    Q = obj.Q;
    c.set(obj.c);
  } else {
    const base = split.base;
    wRows.forEach((r, i) => {
      let shift = 0;
      for (let j = 0; j < n; j++) {
        const a = r.coef[j];
        R[i * nv + j] = a;
        R[i * nv + n + j] = -a;
        shift += a * base[j];
      }
      rl[i] = r.lower - shift;
      ru[i] = r.upper - shift;
    });
    if (split.limit < Infinity) {
      const i = m - 1;
      for (let j = 0; j < nv; j++) R[i * nv + j] = 1;
      rl[i] = -Infinity;
      ru[i] = split.limit;
    }
    for (let j = 0; j < n; j++) {
      const b = base[j];
      l[j] = Math.max(lo[j] - b, 0);
      u[j] = Math.max(hi[j] - b, 0);
      l[n + j] = Math.max(b - hi[j], 0);
      u[n + j] = Math.max(b - lo[j], 0);
    }
    // objective in (P, N): Q' = [Q −Q; −Q Q], c' = [g; −g] + cost with g = Q base + c
    const g = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = obj.c[i];
      if (obj.Q !== null) for (let j = 0; j < n; j++) s += obj.Q[i * n + j] * base[j];
      g[i] = s;
    }
    if (obj.Q !== null) {
      Q = new Float64Array(nv * nv);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          const v = obj.Q[i * n + j];
          Q[i * nv + j] = v;
          Q[(n + i) * nv + n + j] = v;
          Q[i * nv + n + j] = -v;
          Q[(n + i) * nv + j] = -v;
        }
      }
    }
    for (let j = 0; j < n; j++) {
      const cj = split.cost === null ? 0 : split.cost[j];
      c[j] = g[j] + cj;
      c[n + j] = -g[j] + cj;
    }
  }
  const kp: KernelProblem = { n: nv, Q, c, m, R, rl, ru, l, u };
  const nr = rows.length;
  const describe: ConstraintDescriber = {
    bound(j, side) {
      if (split === null) return side === 1 ? `weight of ${assetName(pc, j)} ≥ ${num(lo[j])}` : `weight of ${assetName(pc, j)} ≤ ${num(hi[j])}`;
      const a = j % n;
      const buy = j < n;
      const v = side === 1 ? l[j] : u[j];
      if (buy && side === 2) return `weight of ${assetName(pc, a)} ≤ ${num(hi[a])}`;
      if (!buy && side === 2) return `weight of ${assetName(pc, a)} ≥ ${num(lo[a])}`;
      if (v > 0) return buy ? `weight of ${assetName(pc, a)} ≥ ${num(lo[a])}` : `weight of ${assetName(pc, a)} ≤ ${num(hi[a])}`;
      const what = split.kind === 'leverage' ? (buy ? 'long part' : 'short part') : buy ? 'amount bought' : 'amount sold';
      return `${what} of ${assetName(pc, a)} ≥ 0`;
    },
    row(i, side) {
      if (i === 0) return `budget: weights sum to ${num(budget)}`;
      if (i <= nr) {
        const r = rows[i - 1] as Row;
        return side === 1 ? r.lowerText : r.upperText;
      }
      if (i <= nr + extra.length) {
        const r = extra[i - 1 - nr] as ExtraRow;
        return side === 1 ? r.lowerText : r.upperText;
      }
      return split !== null ? split.limitText : `row ${i}`;
    },
  };
  return { kp, pc, describe, split: split !== null, extra };
}

/** Weights from kernel variables. */
export function weightsOf(b: BuiltProblem, x: Float64Array): Float64Array {
  const n = b.pc.n;
  if (!b.split) return x.slice(0, n);
  const base = b.pc.split!.base;
  const w = new Float64Array(n);
  for (let j = 0; j < n; j++) w[j] = base[j] + x[j] - x[n + j];
  return w;
}

/** Run the kernel on a built problem. */
export function solveBuilt(b: BuiltProblem, start?: KernelStart): KernelResult {
  const { kp, pc } = b;
  const maxIterations = pc.maxIterations ?? 50 * (kp.n + kp.m) + 100;
  return runKernel(pc.fn, kp, { maxIterations, tolerance: pc.tolerance, start }, b.describe);
}

/** wᵀΣw */
export function quadForm(S: Float64Array, w: Float64Array, shift?: Float64Array): number {
  const n = w.length;
  const d = shift === undefined ? w : w.map((v, i) => v - shift[i]);
  let s = 0;
  for (let i = 0; i < n; i++) {
    const di = d[i];
    if (di === 0) continue;
    let t = 0;
    const off = i * n;
    for (let j = 0; j < n; j++) t += S[off + j] * d[j];
    s += di * t;
  }
  return Math.max(s, 0);
}

export function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** The constraints binding at w, in words (bounds, budget, groups, linear, extra rows, split limit). */
export function bindingConstraints(b: BuiltProblem, w: Float64Array, extraBinding: string[] = []): string[] {
  const { pc } = b;
  const { n, lo, hi, rows } = pc;
  const out: string[] = [`budget: weights sum to ${num(pc.budget)}`];
  const tol = 1e-9;
  for (let j = 0; j < n; j++) {
    const v = w[j];
    const l = lo[j];
    const h = hi[j];
    if (l === h) out.push(`weight of ${assetName(pc, j)} fixed at ${num(l)}`);
    else if (Math.abs(v - l) <= tol) out.push(`weight of ${assetName(pc, j)} at its lower bound ${num(l)}`);
    else if (Math.abs(v - h) <= tol) out.push(`weight of ${assetName(pc, j)} at its upper bound ${num(h)}`);
  }
  const rowCheck = (r: { coef: Float64Array; lower: number; upper: number; lowerText: string; upperText: string }) => {
    const s = dot(r.coef, w);
    if (r.lower > -Infinity && Math.abs(s - r.lower) <= tol * (1 + Math.abs(r.lower))) out.push(r.lowerText);
    else if (r.upper < Infinity && Math.abs(s - r.upper) <= tol * (1 + Math.abs(r.upper))) out.push(r.upperText);
  };
  rows.forEach(rowCheck);
  b.extra.forEach(rowCheck);
  if (pc.split !== null && pc.split.limit < Infinity) {
    let s = 0;
    for (let j = 0; j < n; j++) s += Math.abs(w[j] - pc.split.base[j]);
    if (s >= pc.split.limit - tol * (1 + pc.split.limit)) out.push(pc.split.limitText);
  }
  out.push(...extraBinding);
  return out;
}

/** Assemble the public result. */
export function portfolioResult(
  b: BuiltProblem,
  S: Float64Array,
  mu: Float64Array | null,
  riskFreeRate: number,
  w: Float64Array,
  res: { converged: boolean; iterations: number; last: KernelResult; kkt?: number },
  extraBinding: string[] = [],
): PortfolioResult {
  const vol = Math.sqrt(quadForm(S, w));
  const ret = mu === null ? null : dot(mu, w);
  const sharpe = ret === null || !(vol > 0) ? null : (ret - riskFreeRate) / vol;
  const weights = Array.from(w, (v) => (v === 0 ? 0 : v));
  const out: PortfolioResult = {
    weights,
    expectedReturn: ret,
    volatility: vol,
    sharpeRatio: sharpe,
    converged: res.converged,
    iterations: res.iterations,
    bindingConstraints: bindingConstraints(b, w, extraBinding),
    kktResidual: res.kkt ?? kernelKKT(b.kp, res.last),
  };
  if (b.pc.assets !== null) out.weightsByAsset = Object.fromEntries(b.pc.assets.map((a, i) => [a, weights[i]]));
  return out;
}
