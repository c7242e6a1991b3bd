/**
 * The one portfolio and the one order type in rebalancing: rebalanceTrades reads Holdings (same
 * result as records keyed by asset), and the orders of rebalanceTrades and taxAwareRebalance pass
 * to preTradeCheck unchanged. Round trip: preTradeCheck's portfolio after the orders has the
 * holdings rebalanceTrades reports (costs aside: preTradeCheck does not charge them).
 */
import { describe, expect, it } from 'vitest';
import { preTradeCheck } from '../../src/compliance/index.ts';
import { InvalidArgumentError } from '../../src/core/errors.ts';
import type { Holdings, Order } from '../../src/core/holdings.ts';
import { rebalanceTrades, taxAwareRebalance } from '../../src/rebalance/index.ts';
import { buildLedger } from '../../src/tax-lots/index.ts';
import { deepFreeze, expectTypedError } from '../helpers.ts';

const holdings: Holdings = deepFreeze({
  cash: '1000.50',
  positions: [
    { asset: 'AAA', quantity: 120, price: '41.37', sector: 'Energy' },
    { asset: 'BBB', quantity: '35', price: 102.2, sector: 'Tech' },
    { asset: 'CCC', quantity: 410, price: 9.85, sector: 'Tech' },
  ],
});
const target = { AAA: 0.3, BBB: 0.3, CCC: 0.2, DDD: 0.15 };
const costs = { commission: { perShare: 0.01, minimum: 1 }, halfSpreadBps: 5 };

describe('rebalanceTrades on Holdings', () => {
  it('gives the same result as records keyed by asset', () => {
    const fromHoldings = rebalanceTrades({ holdings, prices: { DDD: '55.5' }, target, costs });
    const fromRecords = rebalanceTrades({
      holdings: { AAA: 120, BBB: '35', CCC: 410 },
      prices: { AAA: '41.37', BBB: 102.2, CCC: 9.85, DDD: '55.5' },
      cash: '1000.50',
      target,
      costs,
    });
    expect(fromHoldings).toEqual(fromRecords);
    expect(fromHoldings.orders.length).toBeGreaterThan(0);
  });

  it('the orders pass to preTradeCheck unchanged and give the holdings after (round trip)', () => {
    const r = rebalanceTrades({ holdings, prices: { DDD: '55.5' }, target, costs });
    const orders: Order[] = r.orders; // RebalanceOrder is an Order
    const check = preTradeCheck({ ...holdings, positions: [...holdings.positions, { asset: 'DDD', quantity: 0, price: '55.5' }] }, orders, [
      { type: 'max-weight', limit: 0.35 },
    ]);
    const after = Object.fromEntries(check.portfolioAfter.positions.map((p) => [p.asset, p.quantity]));
    expect(after).toEqual(Object.fromEntries(Object.entries(r.holdingsAfter).map(([a, q]) => [a, Number(q)])));
    // cash: rebalanceTrades also pays the costs, which preTradeCheck does not charge
    expect(check.portfolioAfter.cash).toBeCloseTo(r.cashAfter.number + r.totalCost.number, 9);
    // weights agree with rebalanceTrades' (whose NAV is lower by the costs)
    for (const c of check.after.checks) {
      const a = c.assets[0]!;
      expect(c.measured).toBeCloseTo((r.weightsAfter[a]! * (r.totalValue.number - r.totalCost.number)) / r.totalValue.number, 9);
    }
    expect(check.approved).toBe(true);
  });

  it('an order for an asset the holdings lack takes its price from the order', () => {
    const r = rebalanceTrades({ holdings, prices: { DDD: '55.5' }, target, costs });
    const check = preTradeCheck(holdings, r.orders, []);
    const ddd = check.portfolioAfter.positions.find((p) => p.asset === 'DDD')!;
    expect(ddd.marketValue).toBeCloseTo(Number(r.holdingsAfter.DDD) * 55.5, 9);
  });

  it('refuses weight-only holdings, positions without quantity, and cash given twice', () => {
    expectTypedError(
      () => rebalanceTrades({ holdings: { positions: [{ asset: 'AAA', weight: 1 }] }, prices: { AAA: 1 }, target: { AAA: 1 } }),
      InvalidArgumentError,
      /positions\[0\]` \(AAA\) has no `quantity`/,
    );
    expectTypedError(
      () => rebalanceTrades({ holdings: { positions: [{ asset: 'AAA', marketValue: 10 }] }, prices: { AAA: 1 }, target: { AAA: 1 } }),
      InvalidArgumentError,
      /has no `quantity`/,
    );
    expectTypedError(() => rebalanceTrades({ holdings, cash: 5, target }), InvalidArgumentError, /cash is given twice/);
    expectTypedError(() => rebalanceTrades({ holdings, target }), InvalidArgumentError, /`prices` has no price for "DDD"/);
    expectTypedError(
      () => rebalanceTrades({ holdings: { positions: [{ asset: 'AAA', quantity: 1, price: 2, secter: 'x' }] } as never, target }),
      InvalidArgumentError,
      /did you mean `sector`/,
    );
  });
});

describe('taxAwareRebalance orders into preTradeCheck', () => {
  it('are accepted unchanged (lots, value, reason ignored) and move quantity × price', () => {
    const ledger = buildLedger([
      { type: 'buy', date: '2023-01-10', asset: 'AAA', quantity: 10, price: 100, id: 'old' },
      { type: 'buy', date: '2024-05-10', asset: 'AAA', quantity: 10, price: 130, id: 'new' },
    ]);
    const r = taxAwareRebalance({
      ledger,
      prices: { AAA: 120, BBB: 50 },
      target: { AAA: 0.5, BBB: 0.5 },
      asOf: '2024-06-03',
      taxRates: { shortTerm: 0.37, longTerm: 0.2 },
    });
    const orders: Order[] = r.orders; // TaxAwareOrder is an Order
    const h: Holdings = { positions: [{ asset: 'AAA', quantity: 20, price: 120 }] };
    const check = preTradeCheck(h, orders, [{ type: 'max-weight', limit: 0.6 }]);
    // 20 AAA at 120 = 2400: sell 10 AAA (1200), buy 24 BBB at 50 (1200)
    expect(r.orders.map((o) => `${o.side} ${o.quantity.decimal} ${o.asset}`)).toEqual(['sell 10 AAA', 'buy 24 BBB']);
    expect(check.portfolioAfter.positions).toEqual([
      { asset: 'AAA', marketValue: 1200, quantity: 10 },
      { asset: 'BBB', marketValue: 1200, quantity: 24 },
    ]);
    expect(check.portfolioAfter.cash).toBe(r.cashAfter.number);
    expect(check.approved).toBe(true);
  });
});
