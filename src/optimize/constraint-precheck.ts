/**
 * Internal: cheap infeasibility pre-checks of parsed portfolio constraints (bounds against the
 * budget, groups against their assets' bounds, disjoint groups together, leverage), with messages
 * a user can act on.
 *
 * @internal
 * @module
 */
import { InfeasibleError } from '../core/errors.ts';
import { type ParsedConstraints, num } from './constraint-types.ts';

/** A group constraint as its asset indices and limits. */
export interface GroupSet {
  name: string;
  idx: number[];
  min: number;
  max: number;
}

/** Sums of a group's asset lower bounds (gl) and upper bounds (gh). */
function boundSums(g: GroupSet, lo: Float64Array, hi: Float64Array): { gl: number; gh: number } {
  let gl = 0;
  let gh = 0;
  for (const i of g.idx) {
    gl += lo[i];
    gh += hi[i];
  }
  return { gl, gh };
}

/** Cheap infeasibility checks with messages a user can act on. */
export function precheck(pc: ParsedConstraints, groups: GroupSet[], leverage: number | null): void {
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
    const { gl, gh } = boundSums(g, lo, hi);
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
      const { gl, gh } = boundSums(g, lo, hi);
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
