import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/core/errors.ts';
import { readHoldings } from '../../src/core/holdings.ts';
import { rebalanceTrades } from '../../src/rebalance/index.ts';
import { buildLedger, valuePortfolio } from '../../src/tax-lots/index.ts';
import { deepFreeze, expectTypedError } from '../helpers.ts';

describe('valuePortfolio: holdings out (ledger → Holdings → rebalanceTrades)', () => {
  // Hand-worked: lots AAA 10 + 5 (USD), BBB 4 (EUR, 1 EUR = 1.1 USD); prices AAA 20, BBB 50 EUR.
  // AAA: 15 × 20 = 300 USD; BBB: price 50 × 1.1 = 55 USD, value 4 × 55 = 220 USD; total 520.
  const ledger = deepFreeze(
    buildLedger([
      { type: 'buy', date: '2024-01-02', asset: 'AAA', quantity: 10, price: 18, id: 'a1' },
      { type: 'buy', date: '2024-01-03', asset: 'BBB', quantity: 4, price: 40, id: 'b1', currency: 'EUR' },
      { type: 'buy', date: '2024-02-01', asset: 'AAA', quantity: 5, price: 19, id: 'a2' },
    ]),
  );
  const prices = deepFreeze({ AAA: 20, BBB: 50 });

  it('gives the open lots per asset as base-currency Holdings (quantity, price × fxRate, market value, weight, currency)', () => {
    const v = valuePortfolio(ledger, prices, { baseCurrency: 'USD', fxRates: { EUR: 1.1 } });
    expect(v.holdings).toEqual({
      baseCurrency: 'USD',
      positions: [
        { asset: 'AAA', quantity: '15', price: '20', marketValue: '300', weight: 300 / 520, currency: 'USD' },
        { asset: 'BBB', quantity: '4', price: '55', marketValue: '220', weight: 220 / 520, currency: 'EUR' },
      ],
    });
    // the weights are the valued positions' weights; readHoldings accepts the result as it is
    expect(v.holdings.positions.map((p) => p.weight)).toEqual(v.positions.map((p) => p.weight));
    expect(readHoldings('test', 'h', v.holdings).nav.decimal).toBe('520');
  });

  it('with `cash`: carried into holdings, whose weights are of NAV = value + cash; the other results unchanged', () => {
    const without = valuePortfolio(ledger, prices, { baseCurrency: 'USD', fxRates: { EUR: 1.1 } });
    const v = valuePortfolio(ledger, prices, { baseCurrency: 'USD', fxRates: { EUR: 1.1 }, cash: '80' });
    expect(v.holdings.cash).toBe('80');
    // NAV = 520 + 80 = 600
    expect(v.holdings.positions.map((p) => p.weight)).toEqual([300 / 600, 220 / 600]);
    const { holdings: _h1, ...rest } = v;
    const { holdings: _h2, ...restWithout } = without;
    expect(rest).toEqual(restWithout);
    expect(readHoldings('test', 'h', v.holdings).nav.decimal).toBe('600');
  });

  it('feeds rebalanceTrades unchanged: prices and cash come from the holdings', () => {
    const usOnly = buildLedger([
      { type: 'buy', date: '2024-01-02', asset: 'AAA', quantity: 10, price: 18, id: 'a1' },
      { type: 'buy', date: '2024-02-01', asset: 'AAA', quantity: 5, price: 19, id: 'a2' },
    ]);
    const v = valuePortfolio(usOnly, { AAA: 20 }, { baseCurrency: 'USD', cash: 100 });
    // V = 15 × 20 + 100 = 400; 50 % AAA → 200 = 10 shares: sell 5; 50 % BBB at 25 → 200 / 25 = 8 shares
    const r = rebalanceTrades({ holdings: v.holdings, prices: { BBB: 25 }, target: { AAA: 0.5, BBB: 0.5 } });
    expect(r.orders.map((o) => `${o.side} ${o.quantity} ${o.asset}`)).toEqual(['sell 5 AAA', 'buy 8 BBB']);
    expect(r.cashAfter.decimal).toBe('0');
  });

  it('a position priced at 0 has no `price` in holdings (Holdings prices are positive)', () => {
    const v = valuePortfolio(
      [
        { asset: 'X', quantity: 3 },
        { asset: 'Y', quantity: 1 },
      ],
      { X: 0, Y: 10 },
      { baseCurrency: 'USD' },
    );
    expect(v.holdings.positions[0]).toEqual({ asset: 'X', quantity: '3', marketValue: '0', weight: 0, currency: 'USD' });
  });
});

describe('valuePortfolio: Holdings in', () => {
  it('values Holdings positions by quantity at `prices` (no basis, so no P&L)', () => {
    const h = deepFreeze({
      positions: [
        { asset: 'A', quantity: '2.5', price: 999 },
        { asset: 'B', quantity: 4, currency: 'EUR', marketValue: 1 },
      ],
    });
    // A: 2.5 × 10 = 25; B: 4 × 5 × 2 = 40; total 65
    const v = valuePortfolio(h, { A: 10, B: 5 }, { baseCurrency: 'USD', fxRates: { EUR: 2 } });
    expect(v.totalValue.decimal).toBe('65');
    expect(v.positions.map((p) => [p.asset, p.marketValue.decimal, p.basis, p.unrealizedPnl])).toEqual([
      ['A', '25', null, null],
      ['B', '40', null, null],
    ]);
    expect(v.totalUnrealizedPnl.decimal).toBe('0');
  });

  it('refuses a Holdings position without quantity, a negative quantity, and a bad cash', () => {
    expectTypedError(
      () => valuePortfolio({ positions: [{ asset: 'A', marketValue: 5 }] }, { A: 1 }, { baseCurrency: 'USD' }),
      InvalidArgumentError,
      /\(A\) has no `quantity`/,
    );
    expectTypedError(
      () => valuePortfolio({ positions: [{ asset: 'A', quantity: -1, price: 2 }] }, { A: 1 }, { baseCurrency: 'USD' }),
      InvalidArgumentError,
      /quantity` must be non-negative/,
    );
    expectTypedError(
      () => valuePortfolio([{ asset: 'A', quantity: 1 }], { A: 1 }, { baseCurrency: 'USD', cash: 'abc' }),
      InvalidArgumentError,
      /`cash` must be a finite number or decimal string/,
    );
    expectTypedError(() => valuePortfolio([{ asset: 'A', quantity: 1 }], { A: 1 }, { baseCurrency: 'USD', cahs: 1 } as never), InvalidArgumentError, /cahs/);
  });
});
