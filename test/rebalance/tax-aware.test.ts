import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/core/errors.ts';
import { taxAwareRebalance } from '../../src/rebalance/index.ts';
import { buildLedger, type TaxTransaction } from '../../src/tax-lots/index.ts';
import { deepFreeze, expectTypedError } from '../helpers.ts';

const rates = { shortTerm: 0.37, longTerm: 0.2 };

describe('taxAwareRebalance: lot choice (hand-worked)', () => {
  // Four lots of AAA at price 100 on 2024-06-28:
  //   L1 10 @ 150 (2022-01-03, long-term, loss 50/share)   L2 10 @ 90 (2022-06-01, long-term, gain 10/share)
  //   L3 10 @ 110 (2024-03-01, short-term, loss 10/share)  L4 10 @ 95 (2024-04-01, short-term, gain 5/share)
  const tx: TaxTransaction[] = [
    { type: 'buy', date: '2022-01-03', asset: 'AAA', quantity: 10, price: 150, id: 'L1' },
    { type: 'buy', date: '2022-06-01', asset: 'AAA', quantity: 10, price: 90, id: 'L2' },
    { type: 'buy', date: '2024-03-01', asset: 'AAA', quantity: 10, price: 110, id: 'L3' },
    { type: 'buy', date: '2024-04-01', asset: 'AAA', quantity: 10, price: 95, id: 'L4' },
  ];
  const ledger = deepFreeze(buildLedger(tx));

  it('losses first (largest per share), then long-term gains, then short-term gains', () => {
    // V = 40 · 100 = 4000; AAA target 37.5 % → 15 shares: sell 25; BBB 62.5 % → 2500 / 50 = 50 shares.
    const r = taxAwareRebalance({ ledger, prices: { AAA: 100, BBB: 50 }, target: { AAA: 0.375, BBB: 0.625 }, asOf: '2024-06-28', taxRates: rates });
    const sell = r.orders[0]!;
    expect(sell.side).toBe('sell');
    expect(sell.lots!.map((l) => [l.lotId, l.quantity.decimal, l.gain.decimal, l.term])).toEqual([
      ['L1', '10', '-500', 'long'],
      ['L3', '10', '-100', 'short'],
      ['L2', '5', '50', 'long'],
    ]);
    // ST −100; LT −500 + 50 = −450; tax −100 · 0.37 − 450 · 0.2 = −127
    expect([r.realized.shortTerm.decimal, r.realized.longTerm.decimal, r.realized.total.decimal]).toEqual(['-100', '-450', '-550']);
    expect(r.estimatedTax.decimal).toBe('-127');
    expect(r.orders[1]).toMatchObject({ side: 'buy', asset: 'BBB', quantity: { decimal: '50' }, reason: 'rebalance' });
    expect(r.cashAfter.decimal).toBe('0');
    expect(r.drift.after).toBe(0);
    expect(r.drift.before).toBe(0.625);
  });

  it('with a band, short-term gains are realised only as far as the band edge', () => {
    // Same lots at price 200 (every lot a gain): L2 LT +110, L1 LT +50, L4 ST +105, L3 ST +90. V = 8000 + cash 0.
    // AAA target 0.5 ± 5 pp → edge 55 % = 4400 = 22 shares: sell at least 18 to reach the edge; target needs 20.
    // Long-term lots give 20 shares, so no short-term gain is needed (stLimit 0).
    const r = taxAwareRebalance({
      ledger,
      prices: { AAA: 200, BBB: 100 },
      target: { AAA: 0.5, BBB: 0.5 },
      asOf: '2024-06-28',
      taxRates: rates,
      bands: { type: 'absolute', width: 0.05 },
    });
    expect(r.orders[0]!.lots!.map((l) => [l.lotId, l.term])).toEqual([
      ['L1', 'long'],
      ['L2', 'long'],
    ]);
    expect(r.realized.shortTerm.decimal).toBe('0');
    // a 30-share sale target (AAA 25 %): LT gives 20, the edge (30 % = 2400 = 12 shares held → sell 28) needs 8 more from short-term lots
    const r2 = taxAwareRebalance({
      ledger,
      prices: { AAA: 200, BBB: 100 },
      target: { AAA: 0.25, BBB: 0.75 },
      asOf: '2024-06-28',
      taxRates: rates,
      bands: { type: 'absolute', width: 0.05 },
    });
    const st = r2.orders[0]!.lots!.filter((l) => l.term === 'short');
    expect(st.map((l) => [l.lotId, l.quantity.decimal])).toEqual([['L3', '8']]);
    expect(r2.orders[0]!.quantity.decimal).toBe('28');
  });

  it('cashBuffer: targets apply to the rest, and buys never spend the buffer', () => {
    // V = 4000 + 1000 cash; buffer 10 % = 500. AAA target 0.5 of 4500 = 2250 → sell 17.5 → 18 shares (1800);
    // BBB 0.5 · 4500 = 2250 / 50 = 45 shares; cash 1000 + 1800 = 2800 minus the 500 reserve leaves 2300 ≥ 2250.
    const input = { ledger, prices: { AAA: 100, BBB: 50 }, target: { AAA: 0.5, BBB: 0.5 }, asOf: '2024-06-28', taxRates: rates, cash: 1000, cashBuffer: 0.1 };
    const r = taxAwareRebalance(input);
    expect(r.orders.map((o) => [o.side, o.asset, o.quantity.decimal])).toEqual([
      ['sell', 'AAA', '18'],
      ['buy', 'BBB', '45'],
    ]);
    expect(r.cashAfter.decimal).toBe('550');
    const tight = taxAwareRebalance({ ...input, bands: { type: 'absolute', width: 0.5 } });
    expect(tight.orders).toEqual([]);
  });

  it('maxRealizedGain stops the sells short', () => {
    // price 200: L1 gain 50/share first; a cap of 300 allows 6 shares
    const r = taxAwareRebalance({
      ledger,
      prices: { AAA: 200, BBB: 100 },
      target: { AAA: 0.5, BBB: 0.5 },
      asOf: '2024-06-28',
      taxRates: rates,
      maxRealizedGain: 300,
    });
    expect(r.orders[0]!.quantity.decimal).toBe('6');
    expect(r.realized.total.decimal).toBe('300');
  });
});

describe('taxAwareRebalance: wash-sale guards', () => {
  const base: TaxTransaction[] = [
    { type: 'buy', date: '2024-01-02', asset: 'AAA', quantity: 100, price: 10, id: 'a1' },
    { type: 'buy', date: '2024-01-02', asset: 'BBB', quantity: 100, price: 60, id: 'b1' },
    { type: 'sell', date: '2024-06-10', asset: 'BBB', quantity: 100, price: 50 },
  ];
  const ledger = buildLedger(base);

  it('an asset sold at a loss in the last 30 days is not bought back: its replacement is', () => {
    const input = { ledger, prices: { AAA: 10, BBB: 50, CCC: 25 }, target: { AAA: 0.5, BBB: 0.5 }, asOf: '2024-06-20', taxRates: rates, cash: 5000 };
    const none = taxAwareRebalance(input);
    expect(none.orders.filter((o) => o.side === 'buy').map((o) => o.asset)).toEqual(['AAA']);
    expect(none.blocked[0]).toMatchObject({ asset: 'BBB', side: 'buy' });
    const sub = taxAwareRebalance({ ...input, replacements: { BBB: ['CCC'] } });
    // V = 1000 + 5000 = 6000; BBB wanted 3000 = 60 shares → CCC 3000 / 25 = 120 shares
    expect(sub.orders.filter((o) => o.reason === 'replacement').map((o) => [o.asset, o.quantity.decimal, o.replaces])).toEqual([['CCC', '120', 'BBB']]);
  });

  it('after the window the asset may be bought again (the 31st day)', () => {
    const r = taxAwareRebalance({ ledger, prices: { AAA: 10, BBB: 50 }, target: { AAA: 0.5, BBB: 0.5 }, asOf: '2024-07-11', taxRates: rates, cash: 5000 });
    expect(r.orders.filter((o) => o.side === 'buy').map((o) => o.asset)).toEqual(['AAA', 'BBB']);
  });

  it('a loss is taken on recent shares only when they all leave in the same sale', () => {
    const tx: TaxTransaction[] = [
      { type: 'buy', date: '2023-01-03', asset: 'AAA', quantity: 10, price: 100, id: 'old' },
      { type: 'buy', date: '2024-05-20', asset: 'AAA', quantity: 10, price: 130, id: 'new' },
    ];
    const l = buildLedger(tx);
    // selling 10 (the whole recent lot) at 120: the loss on 'new' is allowed
    const ok = taxAwareRebalance({ ledger: l, prices: { AAA: 120, BBB: 50 }, target: { AAA: 0.5, BBB: 0.5 }, asOf: '2024-06-03', taxRates: rates });
    expect(ok.orders[0]!.lots!.map((x) => x.lotId)).toEqual(['new']);
    // selling 5 would leave 5 recent shares as replacements: no loss; the long-term gain lot is sold instead
    const part = taxAwareRebalance({ ledger: l, prices: { AAA: 120, BBB: 50 }, target: { AAA: 0.75, BBB: 0.25 }, asOf: '2024-06-03', taxRates: rates });
    expect(part.orders[0]!.lots!.map((x) => [x.lotId, x.gain.decimal])).toEqual([['old', '100']]);
    expect(part.blocked.map((b) => b.side)).toContain('sell');
  });

  it('harvests a loss and buys the replacement', () => {
    const tx: TaxTransaction[] = [{ type: 'buy', date: '2024-01-02', asset: 'AAA', quantity: 100, price: 20, id: 'a' }];
    const r = taxAwareRebalance({
      ledger: buildLedger(tx),
      prices: { AAA: 15, AAB: 30 },
      target: { AAA: 1 },
      asOf: '2024-09-02',
      taxRates: rates,
      harvest: { minLoss: 100 },
      replacements: { AAA: ['AAB'] },
    });
    expect(r.orders.map((o) => [o.side, o.asset, o.quantity.decimal, o.reason])).toEqual([
      ['sell', 'AAA', '100', 'harvest'],
      ['buy', 'AAB', '50', 'replacement'],
    ]);
    expect(r.realized.shortTerm.decimal).toBe('-500');
    expect(r.estimatedTax.decimal).toBe('-185');
  });
});

describe('taxAwareRebalance: properties', () => {
  const assets = ['AAA', 'BBB', 'CCC'];
  const dayOf = (k: number) => new Date(Date.UTC(2023, 0, 2) + k * 86400000).toISOString().slice(0, 10);
  const scenario = fc.record({
    events: fc.array(
      fc.record({
        day: fc.integer({ min: 0, max: 540 }),
        asset: fc.constantFrom(...assets),
        qty: fc.integer({ min: 1, max: 50 }),
        price: fc.integer({ min: 5, max: 200 }),
        sellFrac: fc.constantFrom(0, 0, 0.5),
      }),
      { minLength: 1, maxLength: 12 },
    ),
    prices: fc.tuple(fc.integer({ min: 5, max: 200 }), fc.integer({ min: 5, max: 200 }), fc.integer({ min: 5, max: 200 })),
    raw: fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })),
    asOfGap: fc.integer({ min: 0, max: 40 }),
    cash: fc.integer({ min: 0, max: 2000 }),
    harvest: fc.boolean(),
  });

  it('never creates a wash sale, never overdraws cash, never sells more than held', () => {
    fc.assert(
      fc.property(scenario, (sc) => {
        const events = [...sc.events].sort((a, b) => a.day - b.day);
        const tx: TaxTransaction[] = [];
        const held = new Map<string, number>();
        for (const e of events) {
          tx.push({ type: 'buy', date: dayOf(e.day), asset: e.asset, quantity: e.qty, price: e.price });
          held.set(e.asset, (held.get(e.asset) ?? 0) + e.qty);
          const q = Math.floor((held.get(e.asset) ?? 0) * e.sellFrac);
          if (q > 0) {
            tx.push({ type: 'sell', date: dayOf(e.day), asset: e.asset, quantity: q, price: Math.max(1, e.price - 3) });
            held.set(e.asset, (held.get(e.asset) ?? 0) - q);
          }
        }
        const ledger = buildLedger(tx);
        const asOf = dayOf(events[events.length - 1]!.day + sc.asOfGap);
        const s = sc.raw[0] + sc.raw[1] + sc.raw[2] || 1;
        const prices = { AAA: sc.prices[0], BBB: sc.prices[1], CCC: sc.prices[2], ALT: 37 };
        const r = taxAwareRebalance({
          ledger,
          prices,
          asOf,
          taxRates: rates,
          cash: sc.cash,
          target: { AAA: sc.raw[0] / s, BBB: sc.raw[1] / s, CCC: sc.raw[2] / s },
          replacements: { AAA: ['ALT'], BBB: ['ALT'], CCC: ['ALT'] },
          ...(sc.harvest ? { harvest: { minLoss: 1 } } : {}),
        });
        expect(r.cashAfter.number).toBeGreaterThanOrEqual(0);
        // rebuilding the ledger with the orders appended: no sell exceeds the lots, and no new wash sale
        const rebuilt = buildLedger([...tx, ...r.transactions]);
        expect(rebuilt.washSales.length).toBe(ledger.washSales.length);
        // the lots the orders named realise the gains reported
        const newRows = rebuilt.realizations.slice(ledger.realizations.length);
        const total = newRows.reduce((a, x) => a + x.gain.number, 0);
        expect(total).toBeCloseTo(r.realized.total.number, 6);
      }),
      { seed: 42, numRuns: 150 },
    );
  });
});

describe('taxAwareRebalance: bad input', () => {
  const ledger = buildLedger([{ type: 'buy', date: '2024-01-02', asset: 'AAA', quantity: 1, price: 1 }]);
  const ok = { ledger, prices: { AAA: 1 }, target: { AAA: 1 }, asOf: '2024-02-01', taxRates: rates };
  it('throws typed errors', () => {
    const cases: Array<[() => unknown, RegExp]> = [
      [() => taxAwareRebalance({ ...ok, asOf: '2023-12-31' }), /before the ledger/],
      [() => taxAwareRebalance({ ...ok, prices: {} }), /no price/],
      [() => taxAwareRebalance({ ...ok, ledger: {} as never }), /ledger/],
      [() => taxAwareRebalance({ ...ok, target: { AAA: 1.5 } }), /target/],
      [() => taxAwareRebalance({ ...ok, taxRates: { shortTerm: 2, longTerm: 0.2 } }), /shortTerm/],
      [() => taxAwareRebalance({ ...ok, harvest: { minLoss: -1 } }), /minLoss/],
      [() => taxAwareRebalance({ ...ok, wash: true } as never), /unknown option `wash`/],
    ];
    for (const [f, re] of cases) expectTypedError(f, InvalidArgumentError, re);
  });
});
