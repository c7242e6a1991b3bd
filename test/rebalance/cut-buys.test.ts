/**
 * The buy-cutting step of rebalanceTrades: the bisection finds exactly the cuts of the literal
 * greedy loop (one lot at a time from the buy furthest above its target), which is kept here as
 * the oracle, on random portfolios with and without cost models and with tied keys.
 */
import type Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cutBuysToCash } from '../../src/rebalance/cut-buys.ts';
import { popMax, pushMax } from '../../src/rebalance/max-heap.ts';
import { makeCostFor, type Row, readSettings } from '../../src/rebalance/rebalance-steps.ts';
import type { CostModel } from '../../src/rebalance/transaction-cost.ts';
import { D } from '../../src/tax-lots/decimal.ts';

/** The greedy loop as it was written before the bisection (one heap pop per lot). */
function oracle(rows: Row[], cash: Decimal, V: Decimal, costFor: (r: Row, s: Decimal) => Decimal): void {
  const C = D();
  const buys = rows.filter((r) => r.deltaLots > 0);
  const buyCost = new Map<Row, Decimal>();
  let required = new C(0);
  for (const r of buys) {
    const sh = r.lot.times(r.deltaLots);
    const c = sh.times(r.p).plus(costFor(r, sh));
    buyCost.set(r, c);
    required = required.plus(c);
  }
  if (!required.gt(cash)) return;
  const Vn = V.toNumber();
  const over = (r: Row): number => ((r.q.toNumber() + r.lot.toNumber() * r.deltaLots) * r.pNum) / Vn - r.target;
  const heap: Array<{ item: Row; key: number; order: number }> = [];
  buys.forEach((r, order) => pushMax(heap, { item: r, key: over(r), order }));
  while (required.gt(cash) && heap.length > 0) {
    const e = popMax(heap) as { item: Row; key: number; order: number };
    const pick = e.item;
    pick.deltaLots -= 1;
    const sh = pick.lot.times(pick.deltaLots);
    const c = pick.deltaLots > 0 ? sh.times(pick.p).plus(costFor(pick, sh)) : new C(0);
    required = required.minus(buyCost.get(pick) as Decimal).plus(c);
    buyCost.set(pick, c);
    if (pick.deltaLots > 0) pushMax(heap, { item: pick, key: over(pick), order: e.order });
  }
}

interface Spec {
  q: number;
  p: number;
  lot: number;
  target: number;
  d: number;
}

function rowsOf(specs: Spec[]): Row[] {
  const C = D();
  return specs.map((s, i) => ({
    asset: `A${i}`,
    q: new C(s.q),
    p: new C(s.p),
    pNum: s.p,
    lot: new C(s.lot),
    target: s.target,
    deltaLots: s.d,
    closeOut: false,
  }));
}

const spec = fc.record({
  q: fc.integer({ min: 0, max: 50 }),
  p: fc.constantFrom(1, 2.5, 10, 10, 33.33),
  lot: fc.constantFrom(1, 1, 5),
  target: fc.constantFrom(0.1, 0.2, 0.25, 0.05),
  d: fc.integer({ min: 0, max: 40 }),
});
const models: Array<CostModel | undefined> = [undefined, { commission: { perShare: 0.01, minimum: 1 } }, { halfSpreadBps: 5, commission: { perTrade: 2 } }];

describe('cutBuysToCash', () => {
  it('the bisection and the short literal run make exactly the cuts of the one-lot-at-a-time loop', () => {
    let cutCases = 0;
    fc.assert(
      fc.property(fc.array(spec, { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 2 }), (specs, cashIn, m) => {
        const C = D();
        const settings = readSettings('t', { holdings: {}, costs: models[m] } as never);
        const costFor = makeCostFor('t', settings, {});
        let V = new C(cashIn);
        for (const s of specs) V = V.plus(new C(s.q).times(s.p));
        if (!V.gt(0)) return;
        const cash = new C(cashIn);
        const want = rowsOf(specs);
        oracle(want, cash, V, costFor);
        if (want.some((r, i) => r.deltaLots !== (specs[i] as Spec).d)) cutCases++;
        for (const steps of [0, 3, 256]) {
          const got = rowsOf(specs);
          cutBuysToCash(got, cash, V, costFor, steps);
          expect(got.map((r) => r.deltaLots)).toEqual(want.map((r) => r.deltaLots));
        }
      }),
      { seed: 20261208, numRuns: 400 },
    );
    expect(cutCases).toBeGreaterThan(100);
  });
  it('ties between assets go to the earlier asset, as in the loop', () => {
    const C = D();
    const specs: Spec[] = [
      { q: 0, p: 10, lot: 1, target: 0.5, d: 50 },
      { q: 0, p: 10, lot: 1, target: 0.5, d: 50 },
    ];
    const costFor = makeCostFor('t', readSettings('t', { holdings: {} } as never), {});
    const V = new C(1000);
    for (const cash of [0, 10, 990, 995]) {
      const want = rowsOf(specs);
      oracle(want, new C(cash), V, costFor);
      const got = rowsOf(specs);
      cutBuysToCash(got, new C(cash), V, costFor, 0);
      expect(got.map((r) => r.deltaLots)).toEqual(want.map((r) => r.deltaLots));
    }
  });
});
