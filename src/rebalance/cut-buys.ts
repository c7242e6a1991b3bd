/**
 * Internal: step 4 of {@link rebalanceTrades} — cutting the buys until they fit the cash.
 *
 * The rule is greedy: cut one lot at a time from the buy that would end furthest above its
 * target weight (ties to the earlier asset), until the buys and their costs fit the cash. Run
 * literally, that loop takes one step per lot, so a portfolio with a cheap asset to buy and no
 * cash to pay for it takes minutes. Here the same cuts are found in O(n log n) steps for n
 * assets, whatever the prices and quantities:
 *
 * - asset i's successive cuts are taken at keys e_i(0) ≥ e_i(1) ≥ ... (the key before each cut,
 *   computed exactly as the greedy loop computes it, so non-increasing in floating point too),
 *   and the greedy order is the merge of these sequences by (key desc, asset order asc);
 * - the money still required after all cuts with key ≥ τ is non-decreasing in τ (the cost of a
 *   buy never falls as it grows), so a bisection over the doubles finds the key κ of the cut
 *   that makes the buys fit;
 * - every cut above κ is taken, then the cuts at exactly κ in asset order, each asset's by a
 *   bisection on its count, until the buys fit.
 *
 * A short run of the literal loop comes first (most calls need a handful of cuts).
 *
 * @module
 * @internal
 */
import type Decimal from 'decimal.js';
import { D } from '../tax-lots/decimal.ts';
import { popMax, pushMax } from './max-heap.ts';
import type { Row } from './rebalance-steps.ts';

type CostFor = (r: Row, shares: Decimal) => Decimal;

/** Greedy steps tried literally before the bisection takes over. */
const LITERAL_STEPS = 256;

/** Money a buy needs with `lots` lots (0 at 0 lots, never falling as `lots` grows). */
export type BuyCostAt = (i: number, lots: number) => Decimal;
/** How far buy `i` would end above its target weight with `lots` lots (never rising as `lots` falls). */
export type BuyKeyAt = (i: number, lots: number) => number;

/**
 * Step 4: cut the buys, the asset that would end furthest above its target first, one lot at a
 * time in effect, until the buys and their costs fit `cash`. `literalSteps` (internal, for the
 * tests) bounds the literal greedy run before the bisection.
 */
export function cutBuysToCash(rows: Row[], cash: Decimal, V: Decimal, costFor: CostFor, literalSteps = LITERAL_STEPS): void {
  const C = D();
  const zero = new C(0);
  const buys = rows.filter((r) => r.deltaLots > 0);
  const costAt = (i: number, lots: number): Decimal => {
    if (lots <= 0) return zero;
    const r = buys[i] as Row;
    const sh = r.lot.times(lots);
    return sh.times(r.p).plus(costFor(r, sh));
  };
  const Vn = V.toNumber();
  // the doubles of the shares held and the lot, read once (the same values the key always used)
  const qNum = buys.map((r) => r.q.toNumber());
  const lotNum = buys.map((r) => r.lot.toNumber());
  const keyAt = (i: number, lots: number): number => {
    const r = buys[i] as Row;
    return (((qNum[i] as number) + (lotNum[i] as number) * lots) * r.pNum) / Vn - r.target;
  };
  const lots = cutToFit(
    buys.map((r) => r.deltaLots),
    cash,
    costAt,
    keyAt,
    literalSteps,
  );
  buys.forEach((r, i) => {
    r.deltaLots = lots[i] as number;
  });
}

/**
 * The greedy cut of a list of buys (lots per buy in `start`) to `budget`: one lot at a time
 * from the buy with the largest key (ties to the earlier buy) until the costs fit; returns the
 * lots left per buy. Exact and O(n log n) whatever the lot counts (see the module comment).
 */
export function cutToFit(start: number[], budget: Decimal, costAt: BuyCostAt, keyAt: BuyKeyAt, literalSteps = LITERAL_STEPS): number[] {
  let required = new (D())(0);
  for (let i = 0; i < start.length; i++) required = required.plus(costAt(i, start[i] as number));
  if (!required.gt(budget)) return start.slice();
  // nothing fits: every buy goes
  if (budget.isNeg()) return start.map(() => 0);
  const literal = literalCuts(start, budget, costAt, keyAt, literalSteps);
  return literal ?? thresholdCuts(start, budget, costAt, keyAt);
}

/** The literal greedy loop, at most `steps` cuts; the lots left when the buys fit within them, else undefined. */
function literalCuts(start: number[], budget: Decimal, costAt: BuyCostAt, keyAt: BuyKeyAt, steps: number): number[] | undefined {
  const lots = start.slice();
  const cost = start.map((d, i) => costAt(i, d));
  let required = new (D())(0);
  for (const c of cost) required = required.plus(c);
  const heap: Array<{ item: number; key: number; order: number }> = [];
  lots.forEach((d, i) => {
    if (d > 0) pushMax(heap, { item: i, key: keyAt(i, d), order: i });
  });
  for (let step = 0; step <= steps; step++) {
    if (!required.gt(budget) || heap.length === 0) return lots;
    if (step === steps) break;
    const i = (popMax(heap) as { item: number }).item;
    const d = (lots[i] as number) - 1;
    lots[i] = d;
    const c = costAt(i, d);
    required = required.minus(cost[i] as Decimal).plus(c);
    cost[i] = c;
    if (d > 0) pushMax(heap, { item: i, key: keyAt(i, d), order: i });
  }
  return undefined;
}

/** Maps between doubles and unsigned 64-bit integers in numeric order (−∞ ... −0, +0 ... +∞). */
function orderedDoubles(): { toOrdered: (x: number) => bigint; fromOrdered: (k: bigint) => number } {
  const f64 = new Float64Array(1);
  const u64 = new BigUint64Array(f64.buffer);
  const SIGN = 1n << 63n;
  const MASK = (1n << 64n) - 1n;
  return {
    toOrdered(x: number): bigint {
      f64[0] = x;
      const b = u64[0] as bigint;
      return b & SIGN ? ~b & MASK : b | SIGN;
    },
    fromOrdered(k: bigint): number {
      u64[0] = k & SIGN ? k & ~SIGN & MASK : ~k & MASK;
      return f64[0] as number;
    },
  };
}

/** Cuts of buy `i` (starting from `d` lots) whose key before the cut passes `keep` — a prefix, by bisection. */
function cutsWhile(i: number, d: number, keyAt: BuyKeyAt, keep: (key: number) => boolean): number {
  // the c-th cut (c = 1..d) is taken at key keyAt(i, d − c + 1), non-increasing in c
  let lo = 0;
  let hi = d;
  while (lo < hi) {
    const mid = lo + Math.ceil((hi - lo) / 2);
    if (keep(keyAt(i, d - mid + 1))) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The greedy cuts found by bisection on the key of the last cut (see the module comment). */
function thresholdCuts(d0: number[], budget: Decimal, costAt: BuyCostAt, keyAt: BuyKeyAt): number[] {
  const cutsAt = (tau: number, strict: boolean): number[] => d0.map((d, i) => cutsWhile(i, d, keyAt, strict ? (k) => k > tau : (k) => k >= tau));
  const requiredWith = (cuts: number[]): Decimal => {
    let s = new (D())(0);
    d0.forEach((d, i) => {
      s = s.plus(costAt(i, d - (cuts[i] as number)));
    });
    return s;
  };
  const { toOrdered, fromOrdered } = orderedDoubles();
  // The keys lie in [smallest last-cut key, largest first-cut key]; bisect on the value (the
  // ordinal midpoint once the value midpoint stalls) until no key lies strictly inside.
  let lowKey = Number.POSITIVE_INFINITY;
  let highKey = Number.NEGATIVE_INFINITY;
  d0.forEach((d, i) => {
    if (d <= 0) return;
    lowKey = Math.min(lowKey, keyAt(i, 1));
    highKey = Math.max(highKey, keyAt(i, d));
  });
  const bounded = Number.isFinite(lowKey) && Number.isFinite(highKey);
  // invariant: cutting every key ≥ lo fits the budget; cutting every key ≥ hi does not
  let lo = bounded ? lowKey : Number.NEGATIVE_INFINITY;
  let hi = bounded ? fromOrdered(toOrdered(highKey) + 1n) : Number.POSITIVE_INFINITY;
  const keyInside = (): boolean => d0.some((d, i) => cutsWhile(i, d, keyAt, (k) => k > lo) !== cutsWhile(i, d, keyAt, (k) => k >= hi));
  while (toOrdered(hi) - toOrdered(lo) > 1n && keyInside()) {
    let mid = lo / 2 + hi / 2;
    if (!(mid > lo && mid < hi)) mid = fromOrdered((toOrdered(lo) + toOrdered(hi)) >> 1n);
    if (requiredWith(cutsAt(mid, false)).gt(budget)) hi = mid;
    else lo = mid;
  }
  const kappa = lo;
  const cuts = cutsAt(kappa, true);
  const upTo = cutsAt(kappa, false);
  let required = requiredWith(cuts);
  // the cuts at exactly κ, in buy order, until the buys fit
  for (let i = 0; i < d0.length && required.gt(budget); i++) {
    const d = d0[i] as number;
    const first = cuts[i] as number;
    const last = upTo[i] as number;
    if (last === first) continue;
    const rest = required.minus(costAt(i, d - first));
    let a = first;
    let b = last;
    // the fewest cuts at κ that make the buys fit (all of them if none does)
    while (a < b) {
      const m = a + Math.floor((b - a) / 2);
      if (rest.plus(costAt(i, d - m)).gt(budget)) a = m + 1;
      else b = m;
    }
    cuts[i] = a;
    required = rest.plus(costAt(i, d - a));
  }
  return d0.map((d, i) => d - (cuts[i] as number));
}
