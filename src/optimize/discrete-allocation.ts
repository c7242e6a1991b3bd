/**
 * Discrete allocation: turn weights into whole shares (or lots) and leftover cash.
 *
 * @module
 */
import Decimal from 'decimal.js';
import solver from 'javascript-lp-solver';
import { ConvergenceError, DimensionError, InvalidArgumentError } from '../core/errors.ts';
import { toVector, type VectorLike } from '../core/matrix.ts';
import { SIZE_CAPS, checkSizeCap } from '../core/limits.ts';
import { checkOneOf, checkOptions, checkRange } from '../core/validate.ts';

/** Options of {@link discreteAllocation}. */
export interface DiscreteAllocationOptions {
  /** `'greedy'` (default; fast, PyPortfolioOpt's greedy_portfolio) or `'integer'` (MILP, minimises Σ|value error| + leftover). */
  method?: 'greedy' | 'integer';
  /** Shares per lot for each asset (positive integers; default 1 — single shares). */
  lotSizes?: VectorLike;
  /** Asset names for `sharesByAsset`. */
  assets?: readonly string[];
}

/** Result of {@link discreteAllocation}. */
export interface DiscreteAllocationResult {
  /** Shares bought per asset (lots × lot size). */
  shares: number[];
  /** Lots bought per asset. */
  lots: number[];
  /** Cash left over (totalValue − invested), as a number. */
  leftover: number;
  /** Cash left over as an exact decimal string (decimal.js). */
  leftoverExact: string;
  /** Value invested, as an exact decimal string. */
  investedExact: string;
  /** The weights achieved: shares · price / totalValue. */
  weights: number[];
  /** Σ|achieved weight − target weight|. */
  weightError: number;
  sharesByAsset?: Record<string, number>;
}

/** Size caps of discreteAllocation: `SIZE_CAPS.assets` greedy, `SIZE_CAPS.denseAssets` for the integer program. */
function capAllocation(fn: string, n: number, method: 'greedy' | 'integer'): void {
  if (method === 'integer') checkSizeCap(fn, 'weights', n, SIZE_CAPS.denseAssets, "the integer program is dense; use method 'greedy'");
  else checkSizeCap(fn, 'weights', n, SIZE_CAPS.assets);
}

/**
 * Turn target weights into whole shares (or whole lots) for a portfolio of `totalValue`,
 * with the leftover cash. Money is computed exactly with decimal.js.
 *
 * - `'greedy'` (PyPortfolioOpt's `greedy_portfolio`, long-only): first buy
 *   floor(w_i · V / lot price) lots of each asset, largest weight first; then, while cash
 *   remains, buy one more lot of the asset with the largest remaining shortfall (target −
 *   achieved weight > 0) that the cash can pay for.
 * - `'integer'`: the optimum of PyPortfolioOpt's `lp_portfolio` program
 *   min Σ_i |w_i V − x_i p_i| + r s.t. Σ_i x_i p_i + r = V, x_i whole lots, r ≥ 0 (p_i the lot
 *   price). When Σw = 1 the objective is 2 Σ_i (w_i V − x_i p_i)⁺ (over-buying is free, under-
 *   buying counts twice), so no asset is bought below floor(w_i V / p_i) lots (that frees p_i
 *   of cash but costs p_i) or above the ceiling; the program reduces to a 0/1 knapsack —
 *   which assets to round up, value frac_i·p_i, cost p_i, capacity the cash left after the
 *   floors — solved exactly by javascript-lp-solver's branch and bound (fast: the knapsack
 *   relaxation is tight, unlike the full program's).
 *
 * Weights must be ≥ 0 (short positions are not allocated) and sum to at most 1; the rest is cash.
 *
 * Size cap: n ≤ `SIZE_CAPS.assets` (20,000) with `'greedy'`, n ≤ `SIZE_CAPS.denseAssets` (5,000) with `'integer'`.
 *
 * @param weights target weights (fractions of totalValue). @param prices price per share (> 0).
 * @param totalValue money to allocate (> 0).
 * @param options `method`, `lotSizes`, `assets`.
 * NaN handling: none allowed — NaN or ±Infinity in `weights`, `prices` or `totalValue` throws InvalidArgumentError.
 * @throws {InvalidArgumentError} on negative weights, non-positive prices, bad lot sizes, or a `totalValue` that buys more than 2^53 − 1 lots of an asset (counts would not be exact).
 * @throws {DimensionError} on length mismatches. @throws {ConvergenceError} when the MILP fails.
 * @throws {SizeLimitError} above the size caps: 20,000 assets (`SIZE_CAPS.assets`) for `'greedy'`,
 *   5,000 (`SIZE_CAPS.denseAssets`) for `'integer'`.
 * @example
 * ```ts
 * import { discreteAllocation } from 'quantivista/optimize';
 * const a = discreteAllocation([0.5, 0.3, 0.2], [100, 30, 7], 1000);
 * console.log(a.shares); // [5, 10, 28]
 * console.log(a.leftoverExact); // "4"
 * ```
 */
export function discreteAllocation(weights: VectorLike, prices: VectorLike, totalValue: number, options?: DiscreteAllocationOptions): DiscreteAllocationResult {
  const fn = 'discreteAllocation';
  const opts = checkOptions(fn, options, ['method', 'lotSizes', 'assets']);
  const method = opts.method === undefined ? 'greedy' : checkOneOf(fn, 'method', opts.method, ['greedy', 'integer'] as const);
  const rawLength = weights !== null && typeof weights === 'object' ? (weights as { length?: unknown }).length : undefined;
  if (typeof rawLength === 'number') capAllocation(fn, rawLength, method);
  const w = toVector(weights, fn, 'weights');
  const p = toVector(prices, fn, 'prices');
  const n = w.length;
  if (n === 0) throw new InvalidArgumentError(`${fn}: \`weights\` must not be empty.`, 'weights', 0);
  if (p.length !== n) throw new DimensionError(`${fn}: \`prices\` must have ${n} entries (one per weight), got ${p.length}.`);
  capAllocation(fn, n, method);
  const V = checkRange(fn, 'totalValue', totalValue, { min: 0, minOpen: true });
  let wsum = 0;
  for (let i = 0; i < n; i++) {
    if (w[i] < 0) throw new InvalidArgumentError(`${fn}: \`weights\` entry ${i} is negative (${w[i]}); short positions are not allocated.`, 'weights', w[i]);
    if (!(p[i] > 0)) throw new InvalidArgumentError(`${fn}: \`prices\` entry ${i} must be positive, got ${p[i]}.`, 'prices', p[i]);
    wsum += w[i];
  }
  if (wsum > 1 + 1e-9) throw new InvalidArgumentError(`${fn}: \`weights\` sum to ${wsum}, more than 1.`, 'weights', wsum);
  const lot = new Float64Array(n).fill(1);
  if (opts.lotSizes !== undefined) {
    const l = toVector(opts.lotSizes, fn, 'lotSizes');
    if (l.length !== n) throw new DimensionError(`${fn}: \`lotSizes\` must have ${n} entries, got ${l.length}.`);
    l.forEach((v, i) => {
      if (!Number.isInteger(v) || v < 1) throw new InvalidArgumentError(`${fn}: \`lotSizes\` entry ${i} must be a positive integer, got ${v}.`, 'lotSizes', v);
    });
    lot.set(l);
  }
  const lotPrice = Array.from({ length: n }, (_, i) => new Decimal(p[i]).times(lot[i]));
  for (let i = 0; i < n; i++) {
    // counts must be exact integers: beyond 2^53 lots they are not, and the one-lot top-up below
    // would run for ever (1e300 / 1e-300 lots never converged)
    const most = V / (lotPrice[i] as Decimal).toNumber();
    if (!(most <= Number.MAX_SAFE_INTEGER)) {
      throw new InvalidArgumentError(
        `${fn}: \`totalValue\` (${V}) buys up to ${most} lots of asset ${i}, beyond 2^53 − 1, where lot counts are no longer exact integers.`,
        'totalValue',
        V,
      );
    }
  }
  const total = new Decimal(V);
  const lots = new Array<number>(n).fill(0);
  if (method === 'greedy') {
    let cash = total;
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => w[b] - w[a] || a - b);
    for (const i of order) {
      let k = Math.floor((w[i] * V) / (lotPrice[i] as Decimal).toNumber() + 1e-12);
      if (k < 0) k = 0;
      let cost = (lotPrice[i] as Decimal).times(k);
      if (cost.greaterThan(cash)) {
        k = cash.dividedToIntegerBy(lotPrice[i] as Decimal).toNumber();
        cost = (lotPrice[i] as Decimal).times(k);
      }
      lots[i] = k;
      cash = cash.minus(cost);
    }
    for (;;) {
      let best = -1;
      let bestDeficit = 0;
      for (let i = 0; i < n; i++) {
        if ((lotPrice[i] as Decimal).greaterThan(cash)) continue;
        const achieved = (lotPrice[i] as Decimal).times(lots[i]).toNumber() / V;
        const deficit = w[i] - achieved;
        if (deficit > bestDeficit + 1e-15) {
          bestDeficit = deficit;
          best = i;
        }
      }
      if (best < 0) break;
      lots[best] = lots[best] + 1;
      cash = cash.minus(lotPrice[best] as Decimal);
    }
  } else {
    // Reduction (see the TSDoc): floor every target, then choose which assets to round up by a
    // 0/1 knapsack on the remaining cash, solved exactly as a MILP.
    let cash = total;
    const frac = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) {
      const t = (w[i] * V) / (lotPrice[i] as Decimal).toNumber();
      const k = Math.floor(t + 1e-12);
      lots[i] = k;
      frac[i] = Math.max(0, t - k);
      cash = cash.minus((lotPrice[i] as Decimal).times(k));
    }
    const variables: Record<string, Record<string, number>> = {};
    const binaries: Record<string, 1> = {};
    let any = false;
    for (let i = 0; i < n; i++) {
      if (!(frac[i] > 1e-12) || (lotPrice[i] as Decimal).greaterThan(cash)) continue;
      const lp = (lotPrice[i] as Decimal).toNumber();
      variables[`y${i}`] = { gain: frac[i] * lp, cash: lp };
      binaries[`y${i}`] = 1;
      any = true;
    }
    if (any) {
      const model = { optimize: 'gain', opType: 'max' as const, constraints: { cash: { max: cash.toNumber() } }, variables, binaries };
      const res = solver.Solve(model as unknown as Parameters<typeof solver.Solve>[0], 1e-9) as { feasible: boolean; [k: string]: unknown };
      if (!res.feasible) throw new ConvergenceError(`${fn}: the integer program found no solution.`, 0, Number.NaN);
      for (let i = 0; i < n; i++) {
        const v = res[`y${i}`];
        if (typeof v === 'number' && Math.round(v) === 1) lots[i] = lots[i] + 1;
      }
    }
  }
  let invested = new Decimal(0);
  for (let i = 0; i < n; i++) invested = invested.plus((lotPrice[i] as Decimal).times(lots[i]));
  const leftover = total.minus(invested);
  const shares = lots.map((k, i) => k * lot[i]);
  const achieved = lots.map((k, i) => (lotPrice[i] as Decimal).times(k).toNumber() / V);
  const out: DiscreteAllocationResult = {
    shares,
    lots,
    leftover: leftover.toNumber(),
    leftoverExact: leftover.toString(),
    investedExact: invested.toString(),
    weights: achieved,
    weightError: achieved.reduce((s, a, i) => s + Math.abs(a - w[i]), 0),
  };
  if (opts.assets !== undefined) {
    if (!Array.isArray(opts.assets) || opts.assets.length !== n || opts.assets.some((a) => typeof a !== 'string'))
      throw new InvalidArgumentError(`${fn}: \`assets\` must be an array of ${n} strings.`, 'assets', typeof opts.assets);
    // sharesByAsset is built from the labels: a duplicate would silently drop a count
    if (new Set(opts.assets).size !== n) throw new InvalidArgumentError(`${fn}: \`assets\` names must be unique.`, 'assets', 'duplicates');
    out.sharesByAsset = Object.fromEntries(opts.assets.map((a, i) => [a, shares[i]]));
  }
  return out;
}
