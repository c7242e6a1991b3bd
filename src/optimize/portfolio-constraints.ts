/**
 * Internal: the constraint options shared by every portfolio optimiser — parsing, validation,
 * cheap infeasibility pre-checks, the kernel problem in the (possibly split) variables, names
 * of constraints in words, and the result record.
 *
 * Variables. Without turnover, transaction costs or leverage the kernel variables are the
 * weights w. With them, w = base + P − N with P, N ≥ 0 (buys / sells against the current
 * weights, or long / short parts when base = 0): the asset bounds lo ≤ w ≤ hi become simple
 * bounds P ∈ [max(lo − base, 0), max(hi − base, 0)], N ∈ [max(base − hi, 0), max(base − lo, 0)],
 * so every feasible w is representable and every (P, N) in the box gives a w in [lo, hi];
 * turnover Σ|w − w0| ≤ T and gross exposure Σ|w| ≤ L become the single row Σ(P + N) ≤ limit
 * (at an optimum where the row binds, P_j N_j = 0, so Σ(P + N) = Σ|w − base|).
 *
 * @internal
 * @module
 */
import { DimensionError, InfeasibleError, InvalidArgumentError } from '../core/errors.ts';
import { toVector, type MatrixLike, type VectorLike } from '../core/matrix.ts';
import { checkFinite, checkInteger, checkRange } from '../core/validate.ts';
import { readBoxBounds } from '../core/read-input.ts';
import { readCovariance as readCovarianceAs, type Moments } from '../core/covariance-reader.ts';
import type { KernelProblem, KernelResult, KernelStart } from './qp-kernel.ts';
import { kernelKKT, runKernel, type ConstraintDescriber } from './qp-run.ts';

/** A group (sector, country, asset class) constraint: min ≤ Σ_{i ∈ assets} w_i ≤ max. */
export interface PortfolioGroup {
  name: string;
  /** Asset indices (0-based) or names (names need the `assets` option). */
  assets: ReadonlyArray<number | string>;
  min?: number;
  max?: number;
}

/** A general linear constraint lower ≤ coefficientsᵀw ≤ upper. */
export interface PortfolioLinearConstraint {
  coefficients: VectorLike;
  lower?: number;
  upper?: number;
  name?: string;
}

/** Constraint options shared by the portfolio optimisers. */
export interface PortfolioConstraints {
  /** One [lo, hi] for every asset or one per asset (default [0, 1], long-only). lo < 0 allows shorts. */
  bounds?: readonly [number, number] | ReadonlyArray<readonly [number, number]>;
  /** Σw (default 1; 0 for a dollar-neutral book). */
  budget?: number;
  /** Group constraints. */
  groups?: readonly PortfolioGroup[];
  /** General linear constraints. */
  linear?: readonly PortfolioLinearConstraint[];
  /** Turnover limit Σ|w − current| ≤ max. */
  turnover?: { current: VectorLike; max: number };
  /** Linear transaction cost rate · Σ|w − current| added to the objective (rate per asset or one for all). */
  transactionCost?: { current: VectorLike; rate: number | VectorLike };
  /** L2 regularisation γ‖w‖² added to the objective (PyPortfolioOpt's `L2_reg`). */
  l2?: number;
  /** Volatility limit sqrt(wᵀΣw) ≤ maxVolatility (per period, like `cov`). */
  maxVolatility?: number;
  /** Ex-ante tracking error limit sqrt((w − b)ᵀΣ(w − b)) ≤ max. */
  trackingError?: { benchmark: VectorLike; max: number };
  /** Gross exposure limit Σ|w| ≤ leverage. */
  leverage?: number;
  /** Asset names: results then carry `weightsByAsset` and constraints are named by asset. */
  assets?: readonly string[];
  /** Iteration cap of each QP solve. */
  maxIterations?: number;
  /** Relative optimality tolerance of each QP solve (default 1e-12). */
  tolerance?: number;
}

/** Option keys of {@link PortfolioConstraints}. */
export const CONSTRAINT_KEYS = [
  'bounds',
  'budget',
  'groups',
  'linear',
  'turnover',
  'transactionCost',
  'l2',
  'maxVolatility',
  'trackingError',
  'leverage',
  'assets',
  'maxIterations',
  'tolerance',
] as const;

/** Result of every portfolio optimiser. */
export interface PortfolioResult {
  /** Optimal weights (fractions of portfolio value). */
  weights: number[];
  /** μᵀw (per period); null when no expected returns were given. */
  expectedReturn: number | null;
  /** sqrt(wᵀΣw) (per period). */
  volatility: number;
  /** (μᵀw − r_f) / volatility; null without expected returns or at zero volatility. */
  sharpeRatio: number | null;
  converged: boolean;
  /** Active-set iterations over all QP solves. */
  iterations: number;
  /** The constraints that hold with equality at the optimum, in words. */
  bindingConstraints: string[];
  /** KKT residual of the final QP solve (relative, see `solveQP`). */
  kktResidual: number;
  /** Weights by asset name, when `assets` was given. */
  weightsByAsset?: Record<string, number>;
}

interface Row {
  coef: Float64Array;
  lower: number;
  upper: number;
  /** words for the lower / upper limit */
  lowerText: string;
  upperText: string;
  /** words when binding (lower / upper) */
  kind: 'group' | 'linear';
}

/** Parsed, validated constraints. */
export interface ParsedConstraints {
  fn: string;
  n: number;
  lo: Float64Array;
  hi: Float64Array;
  budget: number;
  rows: Row[];
  /** split variables: w = base + P − N */
  split: null | { base: Float64Array; limit: number; limitText: string; cost: Float64Array | null; kind: 'turnover' | 'leverage' | 'cost' };
  l2: number;
  maxVolatility: number | null;
  trackingError: { benchmark: Float64Array; max: number } | null;
  assets: readonly string[] | null;
  maxIterations: number | undefined;
  tolerance: number;
}

function num(v: number): string {
  return String(Number(v.toPrecision(10)));
}

/** Name of asset i in words. */
export function assetName(pc: { assets: readonly string[] | null }, i: number): string {
  return pc.assets !== null ? `'${pc.assets[i]}'` : `asset ${i}`;
}

function readVector(fn: string, arg: string, v: unknown, n: number): Float64Array {
  const out = toVector(v as VectorLike, fn, arg);
  if (out.length !== n) throw new DimensionError(`${fn}: \`${arg}\` must have ${n} entries (one per asset), got ${out.length}.`);
  return out;
}

function plainObject(fn: string, arg: string, v: unknown, keys: readonly string[]): Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v))
    throw new InvalidArgumentError(`${fn}: \`${arg}\` must be an object, got ${Array.isArray(v) ? 'an array' : String(v)}.`, arg, typeof v);
  for (const k of Object.keys(v)) {
    if (!keys.includes(k))
      throw new InvalidArgumentError(
        `${fn}: \`${arg}\` has an unknown key \`${k}\`; known keys are ${keys.map((x) => `\`${x}\``).join(', ')}.`,
        `${arg}.${k}`,
        k,
      );
  }
  return v as Record<string, unknown>;
}

/**
 * Convert and check a covariance matrix (or the covariance of a `Moments`) with the optimisers'
 * policy (see `readCovariance` in core); returns its exactly symmetric flat copy, its size, and
 * the `Moments`' labels and expected returns when one was given.
 */
export function readCovariance(
  fn: string,
  cov: MatrixLike | Moments,
): { n: number; S: Float64Array; assets: readonly string[] | null; mu: Float64Array | null } {
  const r = readCovarianceAs(fn, 'cov', cov, 'optimize');
  return { n: r.n, S: r.data, assets: r.assets, mu: r.mu };
}

/** Convert and check expected returns of length n. */
export function readMu(fn: string, mu: VectorLike, n: number): Float64Array {
  return readVector(fn, 'mu', mu, n);
}

/** Parse and validate the shared constraint options and run the cheap pre-checks. */
export function parseConstraints(fn: string, n: number, opts: PortfolioConstraints): ParsedConstraints {
  let assets: readonly string[] | null = null;
  if (opts.assets !== undefined) {
    const a = opts.assets;
    if (!Array.isArray(a) || a.length !== n || a.some((s) => typeof s !== 'string')) {
      throw new InvalidArgumentError(
        `${fn}: \`assets\` must be an array of ${n} strings (one name per asset).`,
        'assets',
        Array.isArray(a) ? a.length : typeof a,
      );
    }
    if (new Set(a).size !== n) throw new InvalidArgumentError(`${fn}: \`assets\` names must be unique.`, 'assets', 'duplicates');
    assets = a;
  }
  const who = { assets };
  // bounds: [lo, hi] or one pair per asset (core's reader, shared with risk parity)
  const { lo, hi } = opts.bounds === undefined ? { lo: new Float64Array(n), hi: new Float64Array(n).fill(1) } : readBoxBounds(fn, opts.bounds, n);
  const budget = opts.budget === undefined ? 1 : checkFinite(fn, 'budget', opts.budget);
  const rows: Row[] = [];
  const groupSets: Array<{ name: string; idx: number[]; min: number; max: number }> = [];
  if (opts.groups !== undefined) {
    if (!Array.isArray(opts.groups))
      throw new InvalidArgumentError(`${fn}: \`groups\` must be an array of { name, assets, min?, max? }.`, 'groups', typeof opts.groups);
    opts.groups.forEach((g0, k) => {
      const g = plainObject(fn, `groups[${k}]`, g0, ['name', 'assets', 'min', 'max']);
      if (typeof g.name !== 'string' || g.name === '')
        throw new InvalidArgumentError(`${fn}: \`groups[${k}].name\` must be a non-empty string.`, `groups[${k}].name`, typeof g.name);
      const name = g.name;
      if (!Array.isArray(g.assets) || g.assets.length === 0)
        throw new InvalidArgumentError(
          `${fn}: \`groups[${k}].assets\` (group '${name}') must be a non-empty array of asset indices or names.`,
          `groups[${k}].assets`,
          typeof g.assets,
        );
      const idx: number[] = [];
      for (const a of g.assets as unknown[]) {
        let i: number;
        if (typeof a === 'string') {
          if (assets === null)
            throw new InvalidArgumentError(`${fn}: group '${name}' names asset '${a}', but no \`assets\` names were given.`, `groups[${k}].assets`, a);
          i = assets.indexOf(a);
          if (i < 0) throw new InvalidArgumentError(`${fn}: group '${name}' names an unknown asset '${a}'.`, `groups[${k}].assets`, a);
        } else {
          i = checkInteger(fn, `groups[${k}].assets`, a, 0, n - 1);
        }
        if (idx.includes(i)) throw new InvalidArgumentError(`${fn}: group '${name}' lists asset ${assetName(who, i)} twice.`, `groups[${k}].assets`, i);
        idx.push(i);
      }
      const min = g.min === undefined ? -Infinity : checkFinite(fn, `groups[${k}].min`, g.min);
      const max = g.max === undefined ? Infinity : checkFinite(fn, `groups[${k}].max`, g.max);
      if (g.min === undefined && g.max === undefined) throw new InvalidArgumentError(`${fn}: group '${name}' needs \`min\` or \`max\`.`, `groups[${k}]`, name);
      if (min > max) throw new InvalidArgumentError(`${fn}: group '${name}' minimum (${min}) exceeds its maximum (${max}).`, `groups[${k}].min`, min);
      const coef = new Float64Array(n);
      for (const i of idx) coef[i] = 1;
      rows.push({
        coef,
        lower: min,
        upper: max,
        lowerText: `group '${name}' minimum ${num(min)}`,
        upperText: `group '${name}' maximum ${num(max)}`,
        kind: 'group',
      });
      groupSets.push({ name, idx, min, max });
    });
  }
  if (opts.linear !== undefined) {
    if (!Array.isArray(opts.linear))
      throw new InvalidArgumentError(`${fn}: \`linear\` must be an array of { coefficients, lower?, upper?, name? }.`, 'linear', typeof opts.linear);
    opts.linear.forEach((r0, k) => {
      const r = plainObject(fn, `linear[${k}]`, r0, ['coefficients', 'lower', 'upper', 'name']);
      const coef = readVector(fn, `linear[${k}].coefficients`, r.coefficients, n);
      const name = r.name === undefined ? `linear constraint ${k}` : typeof r.name === 'string' ? `linear constraint '${r.name}'` : '';
      if (name === '') throw new InvalidArgumentError(`${fn}: \`linear[${k}].name\` must be a string.`, `linear[${k}].name`, typeof r.name);
      const lower = r.lower === undefined ? -Infinity : checkFinite(fn, `linear[${k}].lower`, r.lower);
      const upper = r.upper === undefined ? Infinity : checkFinite(fn, `linear[${k}].upper`, r.upper);
      if (r.lower === undefined && r.upper === undefined) throw new InvalidArgumentError(`${fn}: ${name} needs \`lower\` or \`upper\`.`, `linear[${k}]`, k);
      if (lower > upper)
        throw new InvalidArgumentError(`${fn}: ${name} lower limit (${lower}) exceeds its upper limit (${upper}).`, `linear[${k}].lower`, lower);
      rows.push({ coef, lower, upper, lowerText: `${name} ≥ ${num(lower)}`, upperText: `${name} ≤ ${num(upper)}`, kind: 'linear' });
    });
  }
  let split: ParsedConstraints['split'] = null;
  let base: Float64Array | null = null;
  let turnoverMax: number | null = null;
  let cost: Float64Array | null = null;
  if (opts.turnover !== undefined) {
    const t = plainObject(fn, 'turnover', opts.turnover, ['current', 'max']);
    base = readVector(fn, 'turnover.current', t.current, n);
    turnoverMax = checkRange(fn, 'turnover.max', t.max, { min: 0 });
  }
  if (opts.transactionCost !== undefined) {
    const t = plainObject(fn, 'transactionCost', opts.transactionCost, ['current', 'rate']);
    const cur = readVector(fn, 'transactionCost.current', t.current, n);
    if (base !== null && cur.some((v, i) => v !== base![i])) {
      throw new InvalidArgumentError(
        `${fn}: \`transactionCost.current\` must equal \`turnover.current\` (both are the current weights).`,
        'transactionCost.current',
        'mismatch',
      );
    }
    base = cur;
    cost = new Float64Array(n);
    if (typeof t.rate === 'number') cost.fill(checkRange(fn, 'transactionCost.rate', t.rate, { min: 0 }));
    else {
      const r = readVector(fn, 'transactionCost.rate', t.rate, n);
      r.forEach((v, i) => {
        if (v < 0) throw new InvalidArgumentError(`${fn}: \`transactionCost.rate\` entry ${i} must be ≥ 0, got ${v}.`, 'transactionCost.rate', v);
      });
      cost = r;
    }
  }
  const leverage = opts.leverage === undefined ? null : checkRange(fn, 'leverage', opts.leverage, { min: 0, minOpen: true });
  if (leverage !== null && base !== null) {
    throw new InvalidArgumentError(
      `${fn}: \`leverage\` cannot be combined with \`turnover\` or \`transactionCost\` (both use the split of w into two non-negative parts).`,
      'leverage',
      leverage,
    );
  }
  if (base !== null) {
    split = {
      base,
      limit: turnoverMax ?? Infinity,
      limitText: turnoverMax === null ? '' : `turnover Σ|w − current| ≤ ${num(turnoverMax)}`,
      cost,
      kind: turnoverMax === null ? 'cost' : 'turnover',
    };
  } else if (leverage !== null) {
    split = { base: new Float64Array(n), limit: leverage, limitText: `gross exposure Σ|w| ≤ ${num(leverage)}`, cost: null, kind: 'leverage' };
  }
  const l2 = opts.l2 === undefined ? 0 : checkRange(fn, 'l2', opts.l2, { min: 0 });
  const maxVolatility = opts.maxVolatility === undefined ? null : checkRange(fn, 'maxVolatility', opts.maxVolatility, { min: 0, minOpen: true });
  let trackingError: ParsedConstraints['trackingError'] = null;
  if (opts.trackingError !== undefined) {
    const t = plainObject(fn, 'trackingError', opts.trackingError, ['benchmark', 'max']);
    trackingError = {
      benchmark: readVector(fn, 'trackingError.benchmark', t.benchmark, n),
      max: checkRange(fn, 'trackingError.max', t.max, { min: 0, minOpen: true }),
    };
  }
  if (trackingError !== null && maxVolatility !== null) {
    throw new InvalidArgumentError(
      `${fn}: \`maxVolatility\` and \`trackingError\` cannot be used together (one quadratic constraint at a time).`,
      'trackingError',
      'both',
    );
  }
  const maxIterations = opts.maxIterations === undefined ? undefined : checkInteger(fn, 'maxIterations', opts.maxIterations, 1);
  const tolerance = opts.tolerance === undefined ? 1e-12 : checkRange(fn, 'tolerance', opts.tolerance, { min: 0, max: 1e-3, minOpen: true });
  const pc: ParsedConstraints = { fn, n, lo, hi, budget, rows, split, l2, maxVolatility, trackingError, assets, maxIterations, tolerance };
  precheck(pc, groupSets, leverage);
  return pc;
}

/** Cheap infeasibility checks with messages a user can act on. */
function precheck(pc: ParsedConstraints, groups: Array<{ name: string; idx: number[]; min: number; max: number }>, leverage: number | null): void {
  const { fn, n, lo, hi, budget } = pc;
  let slo = 0;
  let shi = 0;
  for (let i = 0; i < n; i++) {
    slo += lo[i];
    shi += hi[i];
  }
  const tol = 1e-12 * (1 + Math.abs(budget));
  if (slo > budget + tol) {
    const c = [`asset lower bounds sum to ${num(slo)}`, `budget ${num(budget)}`];
    throw new InfeasibleError(`${fn}: the asset lower bounds sum to ${num(slo)}, more than the budget ${num(budget)}.`, c);
  }
  if (shi < budget - tol) {
    const c = [`asset upper bounds sum to ${num(shi)}`, `budget ${num(budget)}`];
    throw new InfeasibleError(`${fn}: the asset upper bounds sum to ${num(shi)}, less than the budget ${num(budget)}.`, c);
  }
  for (const g of groups) {
    let gl = 0;
    let gh = 0;
    for (const i of g.idx) {
      gl += lo[i];
      gh += hi[i];
    }
    if (gl > g.max + tol) {
      const c = [`group '${g.name}' maximum ${num(g.max)}`, `lower bounds of its assets sum to ${num(gl)}`];
      throw new InfeasibleError(`${fn}: group '${g.name}' maximum ${num(g.max)} is below the sum of its assets' lower bounds ${num(gl)}.`, c);
    }
    if (gh < g.min - tol) {
      const c = [`group '${g.name}' minimum ${num(g.min)}`, `upper bounds of its assets sum to ${num(gh)}`];
      throw new InfeasibleError(`${fn}: group '${g.name}' minimum ${num(g.min)} is above the sum of its assets' upper bounds ${num(gh)}.`, c);
    }
  }
  // disjoint groups: their minima (plus the other assets' lower bounds) must fit in the budget,
  // and their maxima (plus the other assets' upper bounds) must reach it.
  const check = (set: typeof groups) => {
    const inGroup = new Uint8Array(n);
    for (const g of set) for (const i of g.idx) inGroup[i] = 1;
    let minSum = 0;
    let maxSum = 0;
    for (const g of set) {
      let gl = 0;
      let gh = 0;
      for (const i of g.idx) {
        gl += lo[i];
        gh += hi[i];
      }
      minSum += Math.max(g.min, gl);
      maxSum += Math.min(g.max, gh);
    }
    for (let i = 0; i < n; i++) {
      if (!inGroup[i]) {
        minSum += lo[i];
        maxSum += hi[i];
      }
    }
    if (minSum > budget + tol) {
      const named = set.filter((g) => g.min > -Infinity);
      const words = named.map((g) => `group '${g.name}' minimum ${num(g.min)}`);
      throw new InfeasibleError(
        `${fn}: ${words.join(' plus ')} exceed the budget ${num(budget)} (with the other assets' lower bounds the total is at least ${num(minSum)}).`,
        [...words, `budget ${num(budget)}`],
      );
    }
    if (maxSum < budget - tol) {
      const named = set.filter((g) => g.max < Infinity);
      const words = named.map((g) => `group '${g.name}' maximum ${num(g.max)}`);
      throw new InfeasibleError(
        `${fn}: ${words.join(' plus ')} cannot reach the budget ${num(budget)} (with the other assets' upper bounds the total is at most ${num(maxSum)}).`,
        [...words, `budget ${num(budget)}`],
      );
    }
  };
  const disjoint = (a: (typeof groups)[number], b: (typeof groups)[number]) => !a.idx.some((i) => b.idx.includes(i));
  if (groups.length > 1) {
    let all = true;
    for (let a = 0; a < groups.length && all; a++) for (let b = a + 1; b < groups.length && all; b++) all = disjoint(groups[a]!, groups[b]!);
    if (all) check(groups);
    else
      for (let a = 0; a < groups.length; a++) for (let b = a + 1; b < groups.length; b++) if (disjoint(groups[a]!, groups[b]!)) check([groups[a]!, groups[b]!]);
  }
  if (leverage !== null) {
    let gross = 0;
    for (let i = 0; i < n; i++) gross += Math.max(lo[i], -hi[i], 0);
    if (Math.abs(budget) > leverage + tol) {
      throw new InfeasibleError(
        `${fn}: the budget ${num(budget)} needs gross exposure at least ${num(Math.abs(budget))}, above the leverage limit ${num(leverage)}.`,
        [`budget ${num(budget)}`, `gross exposure Σ|w| ≤ ${num(leverage)}`],
      );
    }
    if (gross > leverage + tol) {
      throw new InfeasibleError(`${fn}: the asset bounds force gross exposure of at least ${num(gross)}, above the leverage limit ${num(leverage)}.`, [
        `asset bounds`,
        `gross exposure Σ|w| ≤ ${num(leverage)}`,
      ]);
    }
  }
}

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

/** Risk-free rate option check. */
export function readRiskFreeRate(fn: string, v: unknown): number {
  return v === undefined ? 0 : checkFinite(fn, 'riskFreeRate', v);
}
