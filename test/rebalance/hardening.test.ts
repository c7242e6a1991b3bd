/**
 * Regression tests for the rebalancing items of the hardening campaign: missing arguments are
 * typed errors, not TypeErrors.
 */
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, SizeLimitError } from '../../src/core/errors.ts';
import { SIZE_CAPS } from '../../src/core/limits.ts';
import {
  driftReport,
  rebalanceCostBenefit,
  rebalanceSignal,
  rebalanceTrades,
  simulateRebalancing,
  taxAwareRebalance,
  transactionCost,
} from '../../src/rebalance/index.ts';
import { buildLedger, type TaxTransaction } from '../../src/tax-lots/index.ts';
import { expectTypedError } from '../helpers.ts';

describe('rebalance hardening', () => {
  it('rebalanceCostBenefit() is a typed error (was a TypeError)', () => {
    expect(() => (rebalanceCostBenefit as (x?: unknown) => unknown)()).toThrow(InvalidArgumentError);
    expect(() => rebalanceCostBenefit(null as never)).toThrow(InvalidArgumentError);
  });
  it('rebalanceSignal() is a typed error (was a TypeError)', () => {
    expect(() => (rebalanceSignal as (x?: unknown) => unknown)()).toThrow(InvalidArgumentError);
    expect(() => rebalanceSignal(42 as never)).toThrow(InvalidArgumentError);
  });
});

describe('rebalanceTrades: cutting buys to the cash', () => {
  it('item 1: a cheap asset to buy with no cash (price 1e9 held) finishes at once, the buys cut in one step', () => {
    const r = rebalanceTrades({ holdings: { AAA: 100, BBB: 1 }, prices: { AAA: 10, BBB: 1e9 }, target: { AAA: 0.5, BBB: 0.5 }, cash: 0 });
    // V = 1,000,001,000; BBB's gap (−499,999,500) is under half a share, so nothing is sold and
    // with no cash every AAA buy is cut: no orders.
    expect(r.orders).toEqual([]);
    expect(r.holdingsAfter).toEqual({ AAA: '100', BBB: '1' });
  });
  it('item 1: with cash, the cut buys spend it to the share (hand computation)', () => {
    // cash 1,000,003 buys floor(1,000,003 / 10) = 100,000 AAA; 3 left over.
    const r = rebalanceTrades({ holdings: { AAA: 100, BBB: 1 }, prices: { AAA: 10, BBB: 1e9 }, target: { AAA: 0.5, BBB: 0.5 }, cash: 1000003 });
    expect(r.orders.map((o) => `${o.side} ${o.quantity} ${o.asset}`)).toEqual(['buy 100000 AAA']);
    expect(r.cashAfter.decimal).toBe('3');
  });
});

describe('taxAwareRebalance: wash sales and accounts', () => {
  const rates = { shortTerm: 0.37, longTerm: 0.2 };
  it('item 2: a harvest no longer sells at a loss while 13.5371 window shares (at a gain) stay held', () => {
    // 20 AAA @ 50 (2023, loss 10/share at 40) and 13.5371 AAA @ 30 bought 2024-05-20, inside the
    // 30 days before 2024-06-03 and at a gain. Harvesting only the 20 loss shares would leave the
    // 13.5371 window shares held: a wash sale disallowing 13.5371 · 10 = 135.371 (IRS Pub. 550).
    const tx: TaxTransaction[] = [
      { type: 'buy', date: '2023-01-10', asset: 'AAA', quantity: 20, price: 50, id: 'old' },
      { type: 'buy', date: '2024-05-20', asset: 'AAA', quantity: '13.5371', price: 30, id: 'new' },
    ];
    const ledger = buildLedger(tx);
    const r = taxAwareRebalance({ ledger, prices: { AAA: 40 }, target: { AAA: 1 }, asOf: '2024-06-03', taxRates: rates, harvest: { minLoss: 1 } });
    expect(r.orders).toEqual([]);
    expect(r.blocked.map((b) => [b.asset, b.side])).toEqual([['AAA', 'sell']]);
    expect(buildLedger([...tx, ...r.transactions]).washSales).toEqual([]);
  });
  it('item 2: a close-out under a band takes no loss while a short-term window lot is held back', () => {
    // 1 AAA @ 6 (loss 1) and 0.0001 AAA @ 5 (no gain) bought the same day; the band's short-term
    // limit holds the 0.0001 back, so the loss share must not be sold either.
    const tx: TaxTransaction[] = [
      { type: 'buy', date: '2024-01-02', asset: 'AAA', quantity: 1, price: 6, id: 'a' },
      { type: 'buy', date: '2024-01-02', asset: 'AAA', quantity: '0.0001', price: 5, id: 'b' },
    ];
    const ledger = buildLedger(tx);
    const r = taxAwareRebalance({
      ledger,
      prices: { AAA: 5, BBB: 5 },
      target: { AAA: 0, BBB: 0 },
      asOf: '2024-01-02',
      taxRates: rates,
      bands: { type: 'absolute', width: 0.05 },
    });
    expect(buildLedger([...tx, ...r.transactions]).washSales).toEqual([]);
    expect(r.realized.total.decimal).toBe('0');
  });
  it('item 3: a sale over two accounts is one transaction per account, each naming its account', () => {
    const tx: TaxTransaction[] = [
      { type: 'buy', date: '2023-01-10', asset: 'AAA', quantity: 10, price: 50, id: 'ira1', account: 'ira' },
      { type: 'buy', date: '2023-02-10', asset: 'AAA', quantity: 5, price: 20, id: 'def1' },
    ];
    const ledger = buildLedger(tx);
    // target 0: all 15 shares go; the IRA lot (loss) first, then the default-account lot (gain)
    const r = taxAwareRebalance({ ledger, prices: { AAA: 40 }, target: { AAA: 0 }, asOf: '2024-06-03', taxRates: rates });
    expect(r.orders.map((o) => [o.side, o.quantity.decimal])).toEqual([['sell', '15']]);
    expect(r.transactions.map((t) => [t.id, t.account, (t as { quantity?: unknown }).quantity])).toEqual([
      ['rebalance-2024-06-03-0-1', 'ira', '10'],
      ['rebalance-2024-06-03-0-2', undefined, '5'],
    ]);
    const rebuilt = buildLedger([...tx, ...r.transactions]);
    expect(rebuilt.lots).toEqual([]);
    // realised: 10 · (40 − 50) + 5 · (40 − 20) = −100 + 100 = 0
    expect(r.realized.total.decimal).toBe('0');
  });
});

describe('mistyped options and non-finite numbers are typed errors', () => {
  const band = { type: 'absolute', width: 0.05 } as const;
  it("item 4: driftReport(..., { groups: 'x' }) is an InvalidArgumentError (was a TypeError)", () => {
    expectTypedError(() => driftReport([0.5, 0.5], [0.5, 0.5], { bands: band, groups: 'x' as never }), InvalidArgumentError, /`groups` must be an array/);
    expectTypedError(() => driftReport([0.5, 0.5], [0.5, 0.5], { bands: band, groups: {} as never }), InvalidArgumentError, /`groups` must be an array/);
    expectTypedError(
      () => driftReport([0.5, 0.5], [0.5, 0.5], { bands: band, groups: [{ name: 5, assets: [0], band }] as never }),
      InvalidArgumentError,
      /`groups\[0\]\.name` must be a non-empty string/,
    );
    expectTypedError(
      () => driftReport([0.5, 0.5], [0.5, 0.5], { bands: band, assets: [1, 2] as never }),
      InvalidArgumentError,
      /`assets\[0\]` must be a string/,
    );
  });
  it('item 4: a drift that overflows is a typed error, and rebalanceSignal never prints "Infinity pp" or "NaN"', () => {
    expectTypedError(() => driftReport([1e308, 0], [-1e308, 0], { bands: band }), InvalidArgumentError, /not finite/);
    const policy = { type: 'threshold', bands: { type: 'relative', width: 0.1 } } as const;
    expectTypedError(() => rebalanceSignal({ current: [1e308, 0], target: [-1e308, 0], policy }), InvalidArgumentError, /not finite/);
    // a finite drift too large to scale by 100 is printed as a fraction
    const s = rebalanceSignal({ current: [1e307, 0], target: [-1e307, 0], policy: { type: 'threshold', bands: band } });
    expect(s.reason).toBe('1 band breach: 0 2.00e+307 (as a fraction)');
    expect(s.reason).not.toMatch(/Infinity|NaN/);
  });
  it('item 4: rebalanceTrades and taxAwareRebalance refuse mistyped records', () => {
    const base = { holdings: { AAA: 10 }, prices: { AAA: 10, BBB: 5 }, target: { AAA: 0.5, BBB: 0.5 }, cash: 0 };
    expectTypedError(() => rebalanceTrades({ ...base, lotSizes: 'x' as never }), InvalidArgumentError, /`lotSizes` must be a record/);
    expectTypedError(() => rebalanceTrades({ ...base, assetData: 5 as never }), InvalidArgumentError, /`assetData` must be a record/);
    expectTypedError(
      () =>
        rebalanceTrades({
          ...base,
          costs: { impact: { coefficient: 1 } },
          assetData: { AAA: { volatility: 'x', averageDailyVolume: 5 }, BBB: { volatility: 0.1, averageDailyVolume: 10 } } as never,
        }),
      InvalidArgumentError,
      /`assetData\.AAA\.volatility` must be a finite number/,
    );
    expectTypedError(() => rebalanceTrades({ ...base, costs: { commission: 'x' } as never }), InvalidArgumentError, /`costs\.commission` must be an object/);
    const ledger = buildLedger([{ type: 'buy', date: '2024-01-02', asset: 'AAA', quantity: 1, price: 1 }]);
    const ok = { ledger, prices: { AAA: 1 }, target: { AAA: 1 }, asOf: '2024-02-01', taxRates: { shortTerm: 0.3, longTerm: 0.2 } };
    expectTypedError(() => taxAwareRebalance({ ...ok, replacements: 'x' as never }), InvalidArgumentError, /`replacements` must be a record/);
    expectTypedError(() => taxAwareRebalance({ ...ok, replacements: { AAA: 'ALT' } as never }), InvalidArgumentError, /`replacements\.AAA` must be an array/);
    expectTypedError(() => taxAwareRebalance({ ...ok, lotSizes: 'x' as never }), InvalidArgumentError, /`lotSizes` must be a record/);
    expectTypedError(() => taxAwareRebalance({ ...ok, account: 5 as never }), InvalidArgumentError, /`account` must be a non-empty string/);
  });
  it('item 4: transactionCost with a subnormal price, quantity or volume is a typed error, never Infinity or NaN', () => {
    const fixed = { commission: { perTrade: 1 } };
    expectTypedError(() => transactionCost({ quantity: 10, price: 5e-324 }, fixed), InvalidArgumentError, /`bps` is not finite/);
    expectTypedError(() => transactionCost({ quantity: 5e-324, price: 10 }, fixed), InvalidArgumentError, /`bps` is not finite/);
    expectTypedError(
      () => transactionCost({ quantity: 10, price: 10, volatility: 0.1, averageDailyVolume: 5e-324 }, { impact: { coefficient: 1 } }),
      InvalidArgumentError,
      /`impact` is not finite/,
    );
    expectTypedError(() => transactionCost({ quantity: 1e300, price: 1e300 }, { halfSpreadBps: 1 }), InvalidArgumentError, /`notional` is not finite/);
    // a tiny but normal trade still costs: 1e-300 shares at 10 under a 5 bp spread is 5e-304
    expect(transactionCost({ quantity: 1e-300, price: 10 }, { halfSpreadBps: 5 }).total).toBe((1e-299 * 5) / 1e4);
  });
});

describe('size caps', () => {
  it('item 6: rebalanceTrades refuses more than SIZE_CAPS.assets assets', () => {
    const target: Record<string, number> = {};
    for (let i = 0; i <= SIZE_CAPS.assets; i++) target[`A${i}`] = 0;
    expectTypedError(() => rebalanceTrades({ holdings: {}, prices: {}, target, cash: 1 }), SizeLimitError, /above the size cap of 20000/);
  });
  it('item 6: simulateRebalancing refuses periods x assets above SIZE_CAPS.entries, and assets above SIZE_CAPS.assets', () => {
    const big = { rows: 10_000_000, cols: 6, data: new Float64Array(0) };
    expectTypedError(
      () => simulateRebalancing(big as never, [0.5, 0.5], { policy: { type: 'threshold', bands: { type: 'absolute', width: 0.05 } } }),
      SizeLimitError,
      /periods x assets/,
    );
    const wide = [new Array(SIZE_CAPS.assets + 1).fill(1), new Array(SIZE_CAPS.assets + 1).fill(1)];
    expectTypedError(
      () => simulateRebalancing(wide, [1], { policy: { type: 'threshold', bands: { type: 'absolute', width: 0.05 } } }),
      SizeLimitError,
      /prices \(assets\)/,
    );
  });
  it('item 6: taxAwareRebalance refuses a ledger of more than 1,000,000 open lots', () => {
    const ledger = buildLedger([{ type: 'buy', date: '2024-01-02', asset: 'AAA', quantity: 1, price: 1 }]);
    const lot = ledger.lots[0];
    const huge = { ...ledger, lots: new Array(1_000_001).fill(lot) };
    expectTypedError(
      () => taxAwareRebalance({ ledger: huge, prices: { AAA: 1 }, target: { AAA: 1 }, asOf: '2024-02-01', taxRates: { shortTerm: 0.3, longTerm: 0.2 } }),
      SizeLimitError,
      /`ledger\.lots` is 1000001, above the size cap of 1000000/,
    );
  });
});

describe('fuzz findings', () => {
  const threshold = { type: 'threshold' as const, bands: { type: 'absolute' as const, width: 0.05 } };
  it('rebalanceCostBenefit: a target weight of -1e308 is a typed error, not an Infinite tracking variance', () => {
    expectTypedError(
      () =>
        rebalanceCostBenefit({
          current: [0.7, 0.3],
          target: [0.6, -1e308],
          cov: [
            [0.04, 0],
            [0, 0.01],
          ],
          costs: 0.001,
          riskAversion: 4,
        }),
      InvalidArgumentError,
      /overflows the double range.*`target` entry 1 = 1e\+308/,
    );
    // ordinary weights unchanged: α* = 1 − 0.0002 / (4 · 0.0005) = 0.9 (the TSDoc example)
    expect(
      rebalanceCostBenefit({
        current: [0.7, 0.3],
        target: [0.6, 0.4],
        cov: [
          [0.04, 0],
          [0, 0.01],
        ],
        costs: 0.001,
        riskAversion: 4,
      }).fraction,
    ).toBe(0.9);
  });
  it('a null-prototype band type is a typed error naming `bands.type` (was TypeError: Cannot convert object to primitive value)', () => {
    const bands = { type: Object.create(null), width: 0.05 };
    const policy = { type: 'hybrid', frequency: 'quarterly', bands } as never;
    expectTypedError(
      () => rebalanceSignal({ current: [0.62, 0.38], target: [0.6, 0.4], policy, date: '2024-04-01', previousDate: '2024-03-28' }),
      InvalidArgumentError,
      /`bands\.type` must be 'absolute', 'relative' or 'hybrid', got object/,
    );
    expectTypedError(() => driftReport([0.62, 0.38], [0.6, 0.4], { bands: bands as never }), InvalidArgumentError, /got object/);
    expectTypedError(
      () =>
        simulateRebalancing(
          [
            [100, 100],
            [110, 100],
          ],
          [0.5, 0.5],
          { policy: { type: 'threshold', bands } as never },
        ),
      InvalidArgumentError,
      /got object/,
    );
  });
  it('simulateRebalancing: a price of 1e300 is a typed error naming the price and row (was an Infinite tracking error)', () => {
    expectTypedError(
      () =>
        simulateRebalancing(
          [
            [100, 100],
            [110, 100],
            [1e300, 100],
            [133.1, 100],
          ],
          [0.5, 0.5],
          { policy: threshold, initialValue: 1000 },
        ),
      InvalidArgumentError,
      /overflows the double range at row 2: `prices` \(2, 0\) is 1e\+300 after 110/,
    );
  });
  it('simulateRebalancing: a subnormal price is refused, as simpleReturns refuses it (was Infinity / NaN)', () => {
    expectTypedError(
      () =>
        simulateRebalancing(
          [
            [100, 100],
            [110, 100],
            [121, 100],
            [1e-320, 100],
          ],
          [0.5, 0.5],
          { policy: threshold, initialValue: 1000 },
        ),
      InvalidArgumentError,
      /`prices` \(3, 0\) is 1e-320, a subnormal double/,
    );
  });
  it('simulateRebalancing: a price of 1e308 in a table is a typed error naming its date (was NaN turnover)', () => {
    const table = {
      kind: 'prices',
      dates: ['2024-01-30', '2024-01-31', '2024-02-01', '2024-02-29', '2024-03-01'],
      assets: ['AAA', 'BBB'],
      values: [
        [100, 50],
        [101, 50],
        [102, 51],
        [104, 51],
        [1e308, 52],
      ],
    };
    expectTypedError(
      () => simulateRebalancing(table as never, [0.6, 0.4], { policy: { type: 'calendar', frequency: 'monthly' } }),
      InvalidArgumentError,
      /at row 4 \(2024-03-01\): `prices` \(4, 0\) is 1e\+308 after 104/,
    );
  });
  it('taxAwareRebalance on a ledger of 100,000 lots (all bought in the wash-sale window) answers in seconds (the wash-sale check was quadratic in the lots)', () => {
    const txs: TaxTransaction[] = [];
    for (let i = 0; i < 100_000; i++) txs.push({ type: 'buy', date: '2024-05-20', asset: 'AAA', quantity: 1, price: 130 });
    const ledger = buildLedger(txs);
    const r = taxAwareRebalance({
      ledger,
      prices: { AAA: 120, BBB: 50 },
      target: { AAA: 0.5, BBB: 0.5 },
      asOf: '2024-06-03',
      taxRates: { shortTerm: 0.37, longTerm: 0.2 },
    });
    // every lot is at a loss (130 → 120) and bought 14 days before: selling half at a loss would
    // leave 50,000 window shares held, a wash sale (IRS Pub. 550), so no loss lot is sold, and
    // with no gain lots and no cash there is nothing to trade
    expect(r.orders).toEqual([]);
  }, 90_000);
});

describe('fuzz findings (rebalance, round 2)', () => {
  it('driftWeights([1.7e308, 0.5], [0.1, -0.1]) is a typed error naming the weight (was NaN weights)', async () => {
    const { driftWeights } = await import('../../src/rebalance/index.ts');
    expect(() => driftWeights([1.7e308, 0.5], [0.1, -0.1])).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', argument: 'weights' }));
    expect(driftWeights([0.6, 0.4], [0.1, -0.1]).weights[0]).toBeCloseTo(0.66 / 1.02, 15); // by hand: values 0.6 · 1.1 and 0.4 · 0.9, total 1.02
  });
});
