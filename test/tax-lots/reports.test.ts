/** Reports on a ledger: realised (Form 8949 rows), unrealised, harvest candidates, valuation. Hand-worked. */
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/core/errors.ts';
import { buildLedger, harvestCandidates, realizedGains, unrealizedGains, valuePortfolio } from '../../src/tax-lots/index.ts';
import { deepFreeze } from '../helpers.ts';
import { dec } from './helpers.ts';

const ledger = buildLedger(
  [
    { type: 'buy', date: '2022-03-01', asset: 'AAA', quantity: 100, price: 50, id: 'a-old' }, // 5,000
    { type: 'buy', date: '2023-02-01', asset: 'BBB', quantity: 20, price: 10, id: 'b', currency: 'EUR' }, // 200 EUR
    { type: 'buy', date: '2023-05-02', asset: 'CCC', quantity: 10, price: 30, id: 'c1' }, // 300
    { type: 'sell', date: '2023-06-01', asset: 'CCC', quantity: 5, price: 40, id: 's1', account: 'default' }, // +50 short
    { type: 'buy', date: '2023-11-20', asset: 'AAA', quantity: 50, price: 40, id: 'a-new' }, // 2,000
    { type: 'buy', date: '2023-12-05', asset: 'IVV', quantity: 2, price: 100, id: 'i' }, // 200
  ],
  { substantiallyIdentical: [['CCC', 'IVV']] },
);
const prices = { AAA: 45, BBB: 8, CCC: 25, IVV: 90 };
const asOf = '2023-12-15';

describe('realizedGains', () => {
  it('gives Form 8949 rows and per-term totals, filtered by year, asset and account', () => {
    const g = realizedGains(ledger);
    expect(g.rows.map((r) => [r.description, r.dateAcquired, r.dateSold, dec(r.proceeds), dec(r.basis), r.adjustmentCode, dec(r.gain), r.term])).toEqual([
      ['5 sh. CCC', '2023-05-02', '2023-06-01', '200', '150', '', '50', 'short'],
    ]);
    expect([g.shortTerm.count, dec(g.shortTerm.gain), g.longTerm.count, dec(g.longTerm.gain), dec(g.total.gain)]).toEqual([1, '50', 0, '0', '50']);
    expect(realizedGains(ledger, { year: 2022 }).rows).toEqual([]);
    expect(realizedGains(ledger, { asset: 'AAA' }).rows).toEqual([]); // held, never sold
    // A filter naming something absent from the ledger is an error, not a silent empty report.
    expect(() => realizedGains(ledger, { asset: 'AAAA' })).toThrow(/`asset` "AAAA" does not occur/);
    expect(() => realizedGains(ledger, { account: 'ira' })).toThrow(/`account` "ira" does not occur/);
    expect(realizedGains(ledger, { account: 'default', year: 2023 }).total.count).toBe(1);
    expect(() => realizedGains(ledger, { year: 2023.5 })).toThrow(InvalidArgumentError);
    expect(() => realizedGains(ledger, { yr: 2023 } as never)).toThrow(/unknown option `yr`/);
  });
});

describe('unrealizedGains', () => {
  it('values each lot and asset and splits gains by term on asOf', () => {
    // a-old: 100 x 45 = 4,500 − 5,000 = −500, long (held since 2022-03-01);
    // a-new: 50 x 45 = 2,250 − 2,000 = +250, short; b: 20 x 8 = 160 − 200 = −40 short;
    // c1: 5 x 25 = 125 − 150 = −25 short; i: 2 x 90 = 180 − 200 = −20 short.
    const u = unrealizedGains(ledger, prices, { asOf });
    expect(u.lots.map((l) => [l.lotId, dec(l.marketValue), dec(l.gain), l.term])).toEqual([
      ['a-old', '4500', '-500', 'long'],
      ['b', '160', '-40', 'short'],
      ['c1', '125', '-25', 'short'],
      ['a-new', '2250', '250', 'short'],
      ['i', '180', '-20', 'short'],
    ]);
    expect(u.assets.map((a) => [a.asset, dec(a.quantity), dec(a.gain), dec(a.shortTermGain), dec(a.longTermGain)])).toEqual([
      ['AAA', '150', '-250', '250', '-500'],
      ['BBB', '20', '-40', '-40', '0'],
      ['CCC', '5', '-25', '-25', '0'],
      ['IVV', '2', '-20', '-20', '0'],
    ]);
    // Totals: basis 5,000 + 2,000 + 200 + 150 + 200 = 7,550; value 4,500 + 2,250 + 160 + 125 + 180 = 7,215.
    expect([dec(u.totals.basis), dec(u.totals.marketValue), dec(u.totals.gain), dec(u.totals.shortTermGain), dec(u.totals.longTermGain)]).toEqual([
      '7550',
      '7215',
      '-335',
      '165',
      '-500',
    ]);
  });

  it('rejects a missing price, a negative price and asOf before the last transaction', () => {
    expect(() => unrealizedGains(ledger, { AAA: 1 }, { asOf })).toThrow(/no price for "BBB"/);
    expect(() => unrealizedGains(ledger, { ...prices, AAA: -1 }, { asOf })).toThrow(/`prices.AAA` must be non-negative/);
    expect(() => unrealizedGains(ledger, prices, { asOf: '2023-12-01' })).toThrow(/before the ledger's last transaction/);
    // A long malformed digit string is rejected at once (the old pattern backtracked quadratically:
    // minutes for 200,000 digits, so this line would time out).
    expect(() => unrealizedGains(ledger, { ...prices, AAA: `${'1'.repeat(200_000)}x` }, { asOf })).toThrow(
      /`prices.AAA` must be a finite number or decimal string/,
    );
    expect(() => unrealizedGains(ledger, { ...prices, AAA: '1'.repeat(200_000) }, { asOf })).toThrow(/at most 100 digits/);
    // A price of 1e400 would give market values whose `number` is Infinity (null in JSON).
    expect(() => unrealizedGains(ledger, { ...prices, AAA: '1e400' }, { asOf })).toThrow(/`prices.AAA` must have at most 100 digits/);
    expect(() => unrealizedGains(ledger, prices, { asOf: '2023-13-01' })).toThrow(InvalidArgumentError);
  });
});

describe('exact products of wide amounts', () => {
  it('market values and P&L are exact however many digits the product has', () => {
    // 30 significant digits x 12 (x 18 for the exchange rate): products of 42 and 60 digits.
    // Expected values: Python's decimal module at 500 digits (exact here).
    const wide = buildLedger([{ type: 'buy', date: '2024-01-02', asset: 'W', quantity: '12345678901234567890.1234567891', price: 1, currency: 'EUR' }]);
    const u = unrealizedGains(wide, { W: '1.23456789012' }, { asOf: '2024-06-03' });
    expect(u.lots[0]!.marketValue.decimal).toBe('15241578753196160343.319616034440176813692');
    expect(u.lots[0]!.gain.decimal).toBe('2895899851961592453.196159245340176813692');
    const v = valuePortfolio(wide, { W: '1.23456789012' }, { baseCurrency: 'USD', fxRates: { EUR: '0.987654321987654321' } });
    expect(v.positions[0]!.localValue.decimal).toBe('15241578753196160343.319616034440176813692');
    expect(v.positions[0]!.marketValue.decimal).toBe('15053411129509391438.144442584164187706522641209178915763132');
    expect(v.positions[0]!.weight).toBe(1);
  });
});

describe('harvestCandidates', () => {
  it('lists losses with the tax saved, the repurchase date and wash-sale flags, largest saving first', () => {
    // Rates 37 % short / 15 % long. Losses: a-old 500 long -> 75; b 40 short -> 14.8;
    // c1 25 short -> 9.25; i 20 short -> 7.4.
    // Wash flags on 2023-12-15 (window from 2023-11-15): a-old -> a-new (50 AAA bought 11-20);
    // c1 -> i (IVV, same group, bought 12-05: 2 shares); i -> none (c1 was bought in May).
    const h = harvestCandidates(ledger, prices, {
      asOf,
      taxRates: { shortTerm: 0.37, longTerm: 0.15 },
      replacements: { AAA: ['ZZZ'] },
    });
    expect(h.candidates.map((c) => [c.lotId, dec(c.loss), c.term, dec(c.taxSaved), c.washSaleRisk, dec(c.recentPurchaseQuantity), c.replacements])).toEqual([
      ['a-old', '500', 'long', '75', true, '50', ['ZZZ']],
      ['b', '40', 'short', '14.8', false, '0', []],
      ['c1', '25', 'short', '9.25', true, '2', []],
      ['i', '20', 'short', '7.4', false, '0', []],
    ]);
    // 2023-12-15 + 30 = 2024-01-14; + 31 = 2024-01-15.
    expect([h.candidates[0]!.washWindowEnd, h.candidates[0]!.repurchaseDate]).toEqual(['2024-01-14', '2024-01-15']);
    expect([dec(h.totalLoss), dec(h.totalTaxSaved)]).toEqual(['585', '106.45']);
    // minLoss keeps only losses of at least 30.
    expect(harvestCandidates(ledger, prices, { asOf, minLoss: 30, taxRates: { shortTerm: 0.37, longTerm: 0.15 } }).candidates.map((c) => c.lotId)).toEqual([
      'a-old',
      'b',
    ]);
  });

  it("does not count the rest of a lot's own purchase as a recent purchase (Rev. Rul. 56-602)", () => {
    // x 10 @ 20 sold @ 15 on 12-05 (loss 50) is washed by p (50 @ 10, 12-01): p/w1 = 10 shares,
    // basis 100 + 50 = 150; p keeps 40 shares, 400. At 8 on 12-15: p/w1 loses 150 − 80 = 70,
    // p loses 400 − 320 = 80. The only recent purchase is p itself, so neither sale is a wash.
    const l = buildLedger([
      { type: 'buy', date: '2023-01-03', asset: 'H', quantity: 10, price: 20, id: 'x' },
      { type: 'buy', date: '2023-12-01', asset: 'H', quantity: 50, price: 10, id: 'p' },
      { type: 'sell', date: '2023-12-05', asset: 'H', quantity: 10, price: 15, lots: [{ lot: 'x', quantity: 10 }] },
    ]);
    const h = harvestCandidates(l, { H: 8 }, { asOf: '2023-12-15', taxRates: { shortTerm: 0.3, longTerm: 0.15 } });
    expect(h.candidates.map((c) => [c.lotId, dec(c.loss), c.washSaleRisk, dec(c.recentPurchaseQuantity)])).toEqual([
      ['p', '80', false, '0'],
      ['p/w1', '70', false, '0'],
    ]);
    // Another purchase in the window (q, 5 shares on 12-10) is a replacement for both, and p's
    // 40 unadjusted shares are one for q (p/w1 already carries an adjustment).
    const l2 = buildLedger([...l.transactions, { type: 'buy', date: '2023-12-10', asset: 'H', quantity: 5, price: 9, id: 'q' }]);
    const h2 = harvestCandidates(l2, { H: 8 }, { asOf: '2023-12-15', taxRates: { shortTerm: 0.3, longTerm: 0.15 } });
    expect(h2.candidates.map((c) => [c.lotId, c.washSaleRisk, dec(c.recentPurchaseQuantity)])).toEqual([
      ['p', true, '5'],
      ['p/w1', true, '5'],
      ['q', true, '40'],
    ]);
  });

  it('rejects a replacement that is substantially identical, and bad rates', () => {
    const taxRates = { shortTerm: 0.37, longTerm: 0.15 };
    expect(() => harvestCandidates(ledger, prices, { asOf, taxRates, replacements: { CCC: ['IVV'] } })).toThrow(/substantially identical/);
    expect(() => harvestCandidates(ledger, prices, { asOf, taxRates: { shortTerm: 1.5, longTerm: 0.1 } })).toThrow(/taxRates.shortTerm/);
    expect(() => harvestCandidates(ledger, prices, { asOf, taxRates, minLoss: -1 })).toThrow(/`minLoss` must be non-negative/);
  });
});

describe('valuePortfolio', () => {
  it('values a ledger in a base currency with weights, P&L and currency exposure', () => {
    // USD: AAA 6,750, CCC 125, IVV 180 = 7,055; BBB 160 EUR x 1.1 = 176 USD. Total 7,231.
    // Basis: AAA 7,000, CCC 150, IVV 200, BBB 200 x 1.1 = 220 -> 7,570; P&L −339.
    const v = valuePortfolio(ledger, prices, { baseCurrency: 'USD', fxRates: { EUR: 1.1 } });
    expect(v.positions.map((p) => [p.asset, p.currency, dec(p.marketValue), dec(p.basis), dec(p.unrealizedPnl)])).toEqual([
      ['AAA', 'USD', '6750', '7000', '-250'],
      ['BBB', 'EUR', '176', '220', '-44'],
      ['CCC', 'USD', '125', '150', '-25'],
      ['IVV', 'USD', '180', '200', '-20'],
    ]);
    expect([dec(v.totalValue), dec(v.totalBasis), dec(v.totalUnrealizedPnl)]).toEqual(['7231', '7570', '-339']);
    expect(v.positions[0]!.weight).toBeCloseTo(6750 / 7231, 15);
    expect(v.currencyExposure.EUR!.weight).toBeCloseTo(176 / 7231, 15);
    expect(dec(v.currencyExposure.USD!.marketValue)).toBe('7055');
    expect(v.positions.reduce((s, p) => s + p.weight, 0)).toBeCloseTo(1, 14);
    expect(JSON.parse(JSON.stringify(v))).toEqual(v);
  });

  it('values plain positions; unknown basis gives null P&L; zero total gives zero weights', () => {
    const v = valuePortfolio([{ asset: 'X', quantity: 0 }], { X: 5 }, { baseCurrency: 'USD' });
    expect([v.positions[0]!.weight, v.positions[0]!.unrealizedPnl, dec(v.totalValue)]).toEqual([0, null, '0']);
    expect(() => valuePortfolio(ledger, prices, { baseCurrency: 'USD' })).toThrow(/no rate for "EUR"/);
    expect(() =>
      valuePortfolio(
        [
          { asset: 'X', quantity: 1 },
          { asset: 'X', quantity: 2 },
        ],
        { X: 1 },
        { baseCurrency: 'USD' },
      ),
    ).toThrow(/appears twice/);
    expect(() => valuePortfolio([{ asset: 'X', quantity: -1 }], { X: 1 }, { baseCurrency: 'USD' })).toThrow(/`positions\[0\].quantity` must be non-negative/);
    expect(() => valuePortfolio([], {}, { baseCurrency: '' })).toThrow(/`baseCurrency`/);
  });
});

describe('reports: frozen inputs, fresh JSON-safe results', () => {
  it('accept a deep-frozen ledger, prices and options, leave them unchanged, and return plain JSON', () => {
    const frozen = deepFreeze(JSON.parse(JSON.stringify(ledger)) as typeof ledger);
    const snapshot = JSON.stringify(frozen);
    const p = deepFreeze({ ...prices });
    const taxRates = deepFreeze({ shortTerm: 0.37, longTerm: 0.15 });
    const replacements = deepFreeze({ AAA: ['VTI'] });
    const results = [
      realizedGains(frozen, deepFreeze({ year: 2023 })),
      unrealizedGains(frozen, p, deepFreeze({ asOf })),
      harvestCandidates(frozen, p, deepFreeze({ asOf, taxRates, replacements })),
      valuePortfolio(frozen, p, deepFreeze({ baseCurrency: 'USD', fxRates: { EUR: 1.1 } })),
    ];
    expect(JSON.stringify(frozen)).toBe(snapshot);
    for (const r of results) expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    // The same totals as from the unfrozen ledger (hand-worked above: realised +50, value 7,231).
    expect(dec((results[0] as ReturnType<typeof realizedGains>).total.gain)).toBe('50');
    expect(dec((results[3] as ReturnType<typeof valuePortfolio>).totalValue)).toBe('7231');
    // Results are fresh: editing a candidate's replacements does not reach the options.
    const h = results[2] as ReturnType<typeof harvestCandidates>;
    const withRepl = h.candidates.find((c) => c.asset === 'AAA')!;
    expect(withRepl.replacements).toEqual(['VTI']);
    withRepl.replacements.push('X');
    expect(replacements.AAA).toEqual(['VTI']);
  });
});
