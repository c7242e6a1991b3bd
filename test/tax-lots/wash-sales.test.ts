/**
 * Wash sales (IRC §1091; Treas. Reg. §1.1091-1, -2; IRC §1223(3)), hand-worked cases. A
 * replacement's holding date is the sold shares' holding date moved forward by the gap between
 * the sale and the replacement purchase (equivalently: replacement date − days the old shares
 * were held).
 */
import { describe, expect, it } from 'vitest';
import { buildLedger, realizedGains, type TaxTransaction } from '../../src/tax-lots/index.ts';
import { dec, lot, lotTable, realTable } from './helpers.ts';

describe('wash sales', () => {
  it('partial replacement after the sale disallows pro rata (§1.1091-1(c)) and tacks the holding period', () => {
    // 100 @ 20 (2,000) sold @ 15 (1,500): loss 500. 40 bought 14 days later @ 14 (560).
    // Disallowed 40/100 x 500 = 200; allowed −300. Replacement basis 560 + 200 = 760.
    // Holding: 2023-01-03 + 14 days = 2023-01-17 (sold shares held 149 days: 31+28+31+30+29).
    const l = buildLedger([
      { type: 'buy', date: '2023-01-03', asset: 'A', quantity: 100, price: 20, id: 'a' },
      { type: 'sell', date: '2023-06-01', asset: 'A', quantity: 100, price: 15, id: 's' },
      { type: 'buy', date: '2023-06-15', asset: 'A', quantity: 40, price: 14, id: 'r' },
      // The replacement is later sold at a loss with nothing bought around it: allowed.
      { type: 'sell', date: '2023-08-01', asset: 'A', quantity: 40, price: 13, id: 's2' },
    ]);
    expect(realTable(l)).toEqual([
      ['a', '100', '1500', '2000', '200', '-300', 'short'],
      // 40 x 13 = 520 − 760 = −240.
      ['r/w1', '40', '520', '760', '0', '-240', 'short'],
    ]);
    expect(l.washSales.map((w) => [w.fromLot, w.toLot, dec(w.quantity), dec(w.disallowedLoss), w.tackedDays, w.newHoldingDate])).toEqual([
      ['a', 'r/w1', '40', '200', 149, '2023-01-17'],
    ]);
    expect(l.realizations[1]!.holdingDate).toBe('2023-01-17');
    // Total realised −540 equals the economic loss: (1,500 − 2,000) + (520 − 560).
    expect(dec(realizedGains(l).total.gain)).toBe('-540');
  });

  it('across a year end: a December loss washed by a January purchase; tacking makes a later sale long-term', () => {
    // 50 @ 100 on 2023-03-01 (5,000), sold 2023-12-20 @ 80 (4,000): loss 1,000; 50 bought
    // 2024-01-10 @ 82 (4,100), 21 days after -> basis 5,100, holding date 2023-03-01 + 21 = 2023-03-22.
    // Sold 2024-03-25 @ 110 (5,500): gain 400, long-term (from 2024-03-23), though bought in January.
    const l = buildLedger([
      { type: 'buy', date: '2023-03-01', asset: 'B', quantity: 50, price: 100, id: 'old' },
      { type: 'sell', date: '2023-12-20', asset: 'B', quantity: 50, price: 80, id: 'dec' },
      { type: 'buy', date: '2024-01-10', asset: 'B', quantity: 50, price: 82, id: 'jan' },
      { type: 'sell', date: '2024-03-25', asset: 'B', quantity: 50, price: 110, id: 'mar' },
    ]);
    const y2023 = realizedGains(l, { year: 2023 });
    expect([dec(y2023.total.gain), dec(y2023.total.adjustment), y2023.rows[0]!.adjustmentCode]).toEqual(['0', '1000', 'W']);
    const y2024 = realizedGains(l, { year: 2024 });
    expect(y2024.rows.map((r) => [r.lotId, dec(r.basis), dec(r.gain), r.term, r.dateAcquired, r.holdingDate])).toEqual([
      ['jan/w1', '5100', '400', 'long', '2024-01-10', '2023-03-22'],
    ]);
    expect(dec(y2024.longTerm.gain)).toBe('400');
  });

  it('shares bought in the window and sold in the same sale are not replacements', () => {
    // a 100 @ 10 (1,000), b 50 @ 9 (450) 12 days before the sale; sell all 150 @ 8:
    // losses 200 and 50, both allowed (no shares left to replace them).
    const tx: TaxTransaction[] = [
      { type: 'buy', date: '2023-05-01', asset: 'C', quantity: 100, price: 10, id: 'a' },
      { type: 'buy', date: '2023-05-20', asset: 'C', quantity: 50, price: 9, id: 'b' },
    ];
    const all = buildLedger([...tx, { type: 'sell', date: '2023-06-01', asset: 'C', quantity: 150, price: 8 }]);
    expect(realTable(all)).toEqual([
      ['a', '100', '800', '1000', '0', '-200', 'short'],
      ['b', '50', '400', '450', '0', '-50', 'short'],
    ]);
    expect(all.washSales).toEqual([]);
    // Selling only lot a (FIFO) leaves b, bought within 30 days before: 50 of 100 shares replaced
    // -> 50/100 x 200 = 100 disallowed, onto b: 450 + 100 = 550.
    const part = buildLedger([...tx, { type: 'sell', date: '2023-06-01', asset: 'C', quantity: 100, price: 8 }]);
    expect(realTable(part)).toEqual([['a', '100', '800', '1000', '100', '-100', 'short']]);
    expect(lotTable(part)).toEqual([['b', '50', '550']]);
  });

  it('each replacement share absorbs a disallowed loss only once; losses are matched in order of sale (§1.1091-1(b))', () => {
    // a 100 @ 10 and b 100 @ 10 (early January, outside both windows). Sell a @ 8 on 03-01
    // (loss 200) and b @ 7 on 03-02 (loss 300); buy r 100 @ 7.5 on 03-10. r replaces the first
    // sale entirely (basis 750 + 200 = 950); nothing is left for the second, whose loss stands.
    const l = buildLedger([
      { type: 'buy', date: '2023-01-03', asset: 'D', quantity: 100, price: 10, id: 'a' },
      { type: 'buy', date: '2023-01-04', asset: 'D', quantity: 100, price: 10, id: 'b' },
      { type: 'sell', date: '2023-03-01', asset: 'D', quantity: 100, price: 8 },
      { type: 'sell', date: '2023-03-02', asset: 'D', quantity: 100, price: 7 },
      { type: 'buy', date: '2023-03-10', asset: 'D', quantity: 100, price: 7.5, id: 'r' },
    ]);
    expect(realTable(l)).toEqual([
      ['a', '100', '800', '1000', '200', '0', 'short'],
      ['b', '100', '700', '1000', '0', '-300', 'short'],
    ]);
    expect(lotTable(l)).toEqual([['r/w1', '100', '950']]);
  });

  it('several loss lots in one sale take replacements in relief order', () => {
    // x 100 @ 10 (01-03), y 100 @ 12 (02-01); sell 200 @ 9 on 06-01: losses 100 (x) and 300 (y).
    // r 150 @ 9.5 (1,425) on 06-10: x takes 100 (disallow all 100), y the other 50
    // (50/100 x 300 = 150). r/w1: 950 + 100 = 1,050, holding 01-03 + 9 = 01-12;
    // r/w2: 475 + 150 = 625, holding 02-01 + 9 = 02-10.
    const l = buildLedger([
      { type: 'buy', date: '2023-01-03', asset: 'E', quantity: 100, price: 10, id: 'x' },
      { type: 'buy', date: '2023-02-01', asset: 'E', quantity: 100, price: 12, id: 'y' },
      { type: 'sell', date: '2023-06-01', asset: 'E', quantity: 200, price: 9 },
      { type: 'buy', date: '2023-06-10', asset: 'E', quantity: 150, price: 9.5, id: 'r' },
    ]);
    expect(realTable(l)).toEqual([
      ['x', '100', '900', '1000', '100', '0', 'short'],
      ['y', '100', '900', '1200', '150', '-150', 'short'],
    ]);
    expect(l.lots.map((x) => [x.id, dec(x.quantity), dec(x.basis), x.holdingDate])).toEqual([
      ['r/w1', '100', '1050', '2023-01-12'],
      ['r/w2', '50', '625', '2023-02-10'],
    ]);
  });

  it('a replacement bought before the sale and only partly needed is split into an adjusted and an unadjusted lot', () => {
    // a 100 @ 10 (January). b 80 @ 9 (720) on 05-20. Sell 50 of a @ 8 on 06-01: loss 100.
    // b replaces 50 of 80: b/w1 50 shares, 450 + 100 = 550, holding 2023-01-03 + (05-20 − 06-01 = −12 days)
    // = 2022-12-22; b keeps 30 shares, 270.
    const l = buildLedger([
      { type: 'buy', date: '2023-01-03', asset: 'G', quantity: 100, price: 10, id: 'a' },
      { type: 'buy', date: '2023-05-20', asset: 'G', quantity: 80, price: 9, id: 'b' },
      { type: 'sell', date: '2023-06-01', asset: 'G', quantity: 50, price: 8, lots: [{ lot: 'a', quantity: 50 }] },
    ]);
    expect(realTable(l)).toEqual([['a', '50', '400', '500', '100', '0', 'short']]);
    expect(l.lots.map((x) => [x.id, dec(x.quantity), dec(x.basis), x.holdingDate, dec(x.washSaleAdjustment)])).toEqual([
      ['a', '50', '500', '2023-01-03', '0'],
      ['b', '30', '270', '2023-05-20', '0'],
      ['b/w1', '50', '550', '2022-12-22', '100'],
    ]);
    // Specific identification by the acquisition id reaches both pieces of b.
    const l2 = buildLedger([
      ...l.transactions,
      {
        type: 'sell',
        date: '2023-09-01',
        asset: 'G',
        quantity: 80,
        price: 9,
        lots: [
          { lot: 'b', quantity: 30 },
          { lot: 'b/w1', quantity: 50 },
        ],
      },
    ]);
    expect(l2.lots.map((x) => x.id)).toEqual(['a']);
  });

  it("the unsold rest of the loss shares' own purchase is not a replacement (Rev. Rul. 56-602)", () => {
    // Rev. Rul. 56-602, 1956-2 C.B. 527: section 1091 does not disallow the loss on a sale of
    // part of a lot purchased less than 30 days before the sale; the shares kept from that lot
    // were not acquired to replace the shares sold.
    // 100 @ 10 on 05-01; sell 40 @ 8 on 05-15: loss 40 x 2 = 80, allowed; a keeps 60 shares, 600.
    const l = buildLedger([
      { type: 'buy', date: '2023-05-01', asset: 'H', quantity: 100, price: 10, id: 'a' },
      { type: 'sell', date: '2023-05-15', asset: 'H', quantity: 40, price: 8 },
    ]);
    expect(realTable(l)).toEqual([['a', '40', '320', '400', '0', '-80', 'short']]);
    expect(l.washSales).toEqual([]);
    expect(lotTable(l)).toEqual([['a', '60', '600']]);
    // A different purchase in the window still is a replacement (§1091(a)), even when the rest of
    // the loss shares' purchase is also held: b (10 @ 9, 05-10) absorbs 10/40 x 80 = 20.
    const l2 = buildLedger([
      { type: 'buy', date: '2023-05-01', asset: 'H', quantity: 100, price: 10, id: 'a' },
      { type: 'buy', date: '2023-05-10', asset: 'H', quantity: 10, price: 9, id: 'b' },
      { type: 'sell', date: '2023-05-15', asset: 'H', quantity: 40, price: 8, lots: [{ lot: 'a', quantity: 40 }] },
    ]);
    expect(realTable(l2)).toEqual([['a', '40', '320', '400', '20', '-60', 'short']]);
    expect(lotTable(l2)).toEqual([
      ['a', '60', '600'],
      ['b', '10', '110'],
    ]);
    // Pieces of one purchase are one lot. x (10 @ 20) sold @ 15 on 03-10, loss 50, washed by p
    // (50 @ 10, 03-01): p/w1 = 10 shares, 100 + 50 = 150. p/w1 sold @ 12 on 03-20: loss 30; the
    // only purchase within 30 days is p itself (its other 40 shares, still held): allowed.
    const l3 = buildLedger([
      { type: 'buy', date: '2023-01-03', asset: 'H', quantity: 10, price: 20, id: 'x' },
      { type: 'buy', date: '2023-03-01', asset: 'H', quantity: 50, price: 10, id: 'p' },
      { type: 'sell', date: '2023-03-10', asset: 'H', quantity: 10, price: 15, lots: [{ lot: 'x', quantity: 10 }] },
      { type: 'sell', date: '2023-03-20', asset: 'H', quantity: 10, price: 12, lots: [{ lot: 'p/w1', quantity: 10 }] },
    ]);
    expect(realTable(l3)).toEqual([
      ['x', '10', '150', '200', '50', '0', 'short'],
      ['p/w1', '10', '120', '150', '0', '-30', 'short'],
    ]);
    expect(lotTable(l3)).toEqual([['p', '40', '400']]);
  });

  it('substantially identical groups work across tickers and accounts; without the group there is no wash', () => {
    // SPY 10 @ 400 (4,000) sold @ 380 (3,800): loss 200. IVV 5 @ 420 (2,100) bought 14 days later
    // in another account: 5/10 x 200 = 100 disallowed -> IVV basis 2,200.
    const tx: TaxTransaction[] = [
      { type: 'buy', date: '2023-01-03', asset: 'SPY', quantity: 10, price: 400, account: 'brokerage' },
      { type: 'sell', date: '2023-08-01', asset: 'SPY', quantity: 10, price: 380, account: 'brokerage' },
      { type: 'buy', date: '2023-08-15', asset: 'IVV', quantity: 5, price: 420, account: 'joint', id: 'ivv' },
    ];
    const grouped = buildLedger(tx, { substantiallyIdentical: [['SPY', 'IVV']] });
    expect(dec(grouped.realizations[0]!.adjustment)).toBe('100');
    expect(lotTable(grouped)).toEqual([['ivv/w1', '5', '2200']]);
    expect(grouped.washSales[0]).toMatchObject({ asset: 'SPY', replacementAsset: 'IVV', fromLot: 't0', toLot: 'ivv/w1' });
    const separate = buildLedger(tx);
    expect(separate.washSales).toEqual([]);
    expect(dec(separate.realizations[0]!.gain)).toBe('-200');
  });

  it('a reinvested dividend is an acquisition (replacement); a transfer in is not', () => {
    // a 100 @ 10 and b 100 @ 6 bought in 2022. Sell a @ 8 on 2023-06-01 (loss 200). A dividend on
    // b of 16 reinvested in 2 shares on 06-15 replaces 2 of 100 shares: 2/100 x 200 = 4 -> basis 20.
    const l = buildLedger([
      { type: 'buy', date: '2022-01-03', asset: 'K', quantity: 100, price: 10, id: 'a' },
      { type: 'buy', date: '2022-02-01', asset: 'K', quantity: 100, price: 6, id: 'b' },
      { type: 'sell', date: '2023-06-01', asset: 'K', quantity: 100, price: 8, lots: [{ lot: 'a', quantity: 100 }] },
      { type: 'dividend', date: '2023-06-15', asset: 'K', amount: 16, reinvestQuantity: 2, id: 'div' },
      { type: 'transfer-in', date: '2023-06-20', asset: 'K', quantity: 50, basis: 300, acquired: '2020-01-02', id: 'tin' },
    ]);
    expect(realTable(l)).toEqual([['a', '100', '800', '1000', '4', '-196', 'long']]);
    expect(lot(l, 'div/w1').basis.decimal).toBe('20');
    expect(lot(l, 'tin').basis.decimal).toBe('300');
  });

  it('gains are never washed; washSales: false turns the rule off', () => {
    const tx: TaxTransaction[] = [
      { type: 'buy', date: '2023-01-03', asset: 'A', quantity: 10, price: 20 },
      { type: 'sell', date: '2023-06-01', asset: 'A', quantity: 5, price: 25 },
      { type: 'sell', date: '2023-06-02', asset: 'A', quantity: 5, price: 15 },
      { type: 'buy', date: '2023-06-10', asset: 'A', quantity: 10, price: 16 },
    ];
    const on = buildLedger(tx);
    expect(on.realizations.map((r) => dec(r.adjustment))).toEqual(['0', '25']);
    const off = buildLedger(tx, { washSales: false });
    expect(off.washSales).toEqual([]);
    expect(off.realizations.map((r) => dec(r.gain))).toEqual(['25', '-25']);
    expect(off.options.washSales).toBe(false);
  });
});
