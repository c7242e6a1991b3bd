/** Ledger mechanics, hand-worked: dividends, fees, transfers, cash, splits on several lots, JSON safety. */
import { describe, expect, it } from 'vitest';
import { buildLedger, type TaxTransaction } from '../../src/tax-lots/index.ts';
import { InsufficientLotsError } from '../../src/core/errors.ts';
import { dec, lot, lotTable } from './helpers.ts';

describe('buildLedger mechanics', () => {
  const tx: TaxTransaction[] = [
    { type: 'buy', date: '2023-01-03', asset: 'A', quantity: 10, price: 50, fee: 5, id: 'a1' }, // cash −505, basis 505
    { type: 'dividend', date: '2023-03-15', asset: 'A', amount: 12 }, // cash +12
    { type: 'dividend', date: '2023-06-15', asset: 'A', amount: 13, reinvestQuantity: '0.25', id: 'drip' }, // +13 −13, lot 0.25 @ 13
    { type: 'fee', date: '2023-07-01', amount: 20 }, // cash −20
    { type: 'transfer-in', date: '2023-08-01', asset: 'B', quantity: 4, basis: 100, acquired: '2019-05-05', id: 'tin', account: 'ira' },
    { type: 'sell', date: '2023-09-01', asset: 'A', quantity: 4, price: 60, fee: 2, id: 's' }, // proceeds 238
    { type: 'transfer-out', date: '2023-10-02', asset: 'B', quantity: 1, account: 'ira', id: 'tout' },
  ];

  it('folds buys with fees, dividends (cash and reinvested), fees, transfers and sales', () => {
    const l = buildLedger(tx);
    // Sale FIFO from a1: basis 4/10 x 505 = 202; proceeds 4 x 60 − 2 = 238; gain 36 short.
    expect(l.realizations.map((r) => [r.lotId, dec(r.basis), dec(r.proceeds), dec(r.gain), r.term])).toEqual([['a1', '202', '238', '36', 'short']]);
    expect(lotTable(l)).toEqual([
      ['a1', '6', '303'],
      ['drip', '0.25', '13'],
      ['tin', '3', '75'],
    ]);
    expect(lot(l, 'tin')).toMatchObject({
      dateAcquired: '2019-05-05',
      holdingDate: '2019-05-05',
      longTermDate: '2020-05-06',
      origin: 'transfer-in',
      account: 'ira',
    });
    expect(lot(l, 'drip').origin).toBe('reinvested-dividend');
    // Transfer out of 1 of 4 (basis 100): 25 leaves with the lot's dates; no realisation.
    expect(l.transfersOut.map((t) => [t.lotId, dec(t.quantity), dec(t.basis), t.dateAcquired])).toEqual([['tin', '1', '25', '2019-05-05']]);
    // Cash, default account: −505 + 12 + 13 − 13 − 20 + 238 = −275; ira: no cash.
    expect(l.cash).toEqual({ default: { decimal: '-275', number: -275 } });
    expect(l.income).toEqual({
      dividends: { decimal: '25', number: 25 },
      reinvestedDividends: { decimal: '13', number: 13 },
      returnOfCapital: { decimal: '0', number: 0 },
      fees: { decimal: '20', number: 20 },
    });
    expect(l.lastDate).toBe('2023-10-02');
  });

  it('is JSON-safe, pure and rebuildable from its own transactions and options', () => {
    const l = buildLedger(tx, { method: 'hifo' });
    expect(JSON.parse(JSON.stringify(l))).toEqual(l);
    expect(buildLedger(l.transactions, l.options)).toEqual(l);
    expect(buildLedger(tx, { method: 'hifo' })).toEqual(l);
    // The ledger is deeply frozen (the reports trust it unchecked); a copy is a plain object that
    // can be edited without touching any ledger.
    expect(() => {
      (l.lots[0]!.quantity as { decimal: string }).decimal = 'edited';
    }).toThrow(TypeError);
    expect(Object.isFrozen(l.transactions[0])).toBe(true);
    const copy = structuredClone(l);
    copy.lots[0]!.quantity.decimal = 'edited';
    expect(buildLedger(tx, { method: 'hifo' }).lots[0]!.quantity.decimal).toBe('6.25'); // HIFO sold the 0.25 drip shares (52/share) first
    expect(l.lots[0]!.quantity.decimal).toBe('6.25');
    // The input transactions are copied, never frozen.
    expect(Object.isFrozen(tx[0])).toBe(false);
  });

  it('a split applies to every lot of the asset in every account; a fractional result is kept to 10 places', () => {
    // 3-for-2 on 3 and 1 shares -> 4.5 and 1.5; then 1-for-3 on 4.5 -> 1.5 and on 1.5 -> 0.5.
    const l = buildLedger([
      { type: 'buy', date: '2023-01-03', asset: 'S', quantity: 3, price: 10, id: 'x', account: 'p' },
      { type: 'buy', date: '2023-01-03', asset: 'S', quantity: 1, price: 10, id: 'y', account: 'q' },
      { type: 'split', date: '2023-02-01', asset: 'S', ratio: { newShares: 3, oldShares: 2 } },
      { type: 'split', date: '2023-03-01', asset: 'S', ratio: { newShares: 1, oldShares: 3 } },
      { type: 'split', date: '2023-04-01', asset: 'S', ratio: { newShares: 1, oldShares: 3 } },
    ]);
    // 1.5 / 3 = 0.5 and 0.5 / 3 = 0.1666666666666... -> 0.1666666667 (10 places, half-even).
    expect(lotTable(l)).toEqual([
      ['x', '0.5', '30'],
      ['y', '0.1666666667', '10'],
    ]);
  });

  it('a split of an asset not held anywhere changes nothing', () => {
    const base: TaxTransaction[] = [{ type: 'buy', date: '2023-01-03', asset: 'A', quantity: 10, price: 5, id: 'a' }];
    const l = buildLedger(base);
    const s = buildLedger([...base, { type: 'split', date: '2023-02-01', asset: 'B', ratio: { newShares: 2, oldShares: 1 } }]);
    expect({ ...s, transactions: [], lastDate: null }).toEqual({ ...l, transactions: [], lastDate: null });
  });

  it('a stock dividend spreads new shares pro rata with the remainder on the last lot', () => {
    // 1 new share over lots of 1 and 2 shares: 1/3 -> 0.3333333333, 2/3 -> remainder 0.6666666667.
    const l = buildLedger([
      { type: 'buy', date: '2023-01-03', asset: 'S', quantity: 1, price: 10, id: 'x' },
      { type: 'buy', date: '2023-01-04', asset: 'S', quantity: 2, price: 10, id: 'y' },
      { type: 'stock-dividend', date: '2023-02-01', asset: 'S', quantity: 1 },
    ]);
    expect(lotTable(l)).toEqual([
      ['x', '1.3333333333', '10'],
      ['y', '2.6666666667', '20'],
    ]);
  });

  it('an empty transaction list gives an empty ledger', () => {
    const l = buildLedger([]);
    expect([l.lots, l.realizations, l.lastDate, l.cash]).toEqual([[], [], null, {}]);
  });
});

describe('exact input reading', () => {
  it('reads numbers through their shortest decimal form and decimal strings exactly, exponents included', () => {
    // 1e-7 shares at 1e7 -> basis 1; '1.5e3' shares at '0.002' -> 3; 0.1 + 0.2 shares at 3 -> 0.3 and 0.6.
    const l = buildLedger([
      { type: 'buy', date: '2023-01-03', asset: 'E', quantity: 1e-7, price: 1e7 },
      { type: 'buy', date: '2023-01-03', asset: 'F', quantity: '1.5e3', price: '0.002' },
      { type: 'buy', date: '2023-01-03', asset: 'G', quantity: 0.1, price: 3 },
      { type: 'buy', date: '2023-01-03', asset: 'G', quantity: 0.2, price: 3 },
      { type: 'buy', date: '2023-01-03', asset: 'H', quantity: '000123.4500', price: '+2' },
    ]);
    expect(lotTable(l)).toEqual([
      ['t0', '0.0000001', '1'],
      ['t1', '1500', '3'],
      ['t2', '0.1', '0.3'],
      ['t3', '0.2', '0.6'],
      ['t4', '123.45', '246.9'],
    ]);
    // Many decimal places are kept exactly (the fixed-point scale grows with the inputs).
    const m = buildLedger([{ type: 'buy', date: '2023-01-03', asset: 'M', quantity: '0.123456789012345', price: '1.000000000000001' }]);
    // 0.123456789012345 x 1.000000000000001 = 0.123456789012345123456789012345
    expect(m.lots[0]!.basis.decimal).toBe('0.123456789012345123456789012345');
  });
});

describe('labels that collide with Object.prototype', () => {
  it('an asset and an account named __proto__ stay ordinary keys in every record (hand-worked)', () => {
    // Two buys of 10 @ 5 and 10 @ 6 in account "__proto__"; LIFO for that account sells 4 of the
    // second lot @ 8: basis 4 x 6 = 24, proceeds 32, gain 8. Cash: −50 − 60 + 32 = −78.
    const accountMethods = JSON.parse('{"__proto__": "lifo"}') as Record<string, 'lifo'>;
    const l = buildLedger(
      [
        { type: 'buy', date: '2023-01-03', asset: '__proto__', account: '__proto__', quantity: 10, price: 5, id: 'p1' },
        { type: 'buy', date: '2023-01-04', asset: '__proto__', account: '__proto__', quantity: 10, price: 6, id: 'p2' },
        { type: 'sell', date: '2023-02-01', asset: '__proto__', account: '__proto__', quantity: 4, price: 8 },
      ],
      { accountMethods },
    );
    expect(l.realizations.map((r) => [r.lotId, dec(r.basis), dec(r.proceeds), dec(r.gain)])).toEqual([['p2', '24', '32', '8']]);
    expect(Object.keys(l.cash)).toEqual(['__proto__']);
    expect(l.cash['__proto__']).toEqual({ decimal: '-78', number: -78 });
    expect(Object.getPrototypeOf(l.cash)).toBe(Object.prototype);
    expect(Object.keys(l.options.accountMethods)).toEqual(['__proto__']);
    expect(JSON.parse(JSON.stringify(l))).toEqual(l);
  });
});

describe('names with unusual characters', () => {
  it('an account and an asset are never confused, whatever characters they contain', () => {
    // Account "x\u0000" holding asset "y", and account "x" selling asset "\u0000y": different
    // positions, so the sale finds nothing to sell.
    expect(() =>
      buildLedger([
        { type: 'buy', date: '2023-01-03', account: 'x\u0000', asset: 'y', quantity: 10, price: 5 },
        { type: 'sell', date: '2023-01-04', account: 'x', asset: '\u0000y', quantity: 10, price: 5 },
      ]),
    ).toThrow(InsufficientLotsError);
  });

  it('a ticker is never taken for a substantially identical group', () => {
    // SPY 10 @ 400 sold @ 380 (loss 200) with group [SPY, IVV]; tickers spelled like internal
    // group keys ("g0", "\u0000group0") bought 14 days later are other securities: no wash sale.
    for (const asset of ['g0', '\u0000group0', 'SPY\u0000IVV']) {
      const l = buildLedger(
        [
          { type: 'buy', date: '2023-01-03', asset: 'SPY', quantity: 10, price: 400 },
          { type: 'sell', date: '2023-08-01', asset: 'SPY', quantity: 10, price: 380 },
          { type: 'buy', date: '2023-08-15', asset, quantity: 5, price: 420 },
        ],
        { substantiallyIdentical: [['SPY', 'IVV']] },
      );
      expect(l.washSales).toEqual([]);
      expect(dec(l.realizations[0]!.gain)).toBe('-200');
    }
  });
});
