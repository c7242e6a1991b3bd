/**
 * Relief methods, hand-worked. Lots of Z (all in one account):
 *   L1 2022-01-03  10 @ 100  basis 1,000   long-term by 2023-12-01 (long from 2023-01-04)
 *   L2 2022-06-01  10 @ 150  basis 1,500   long-term (from 2023-06-02)
 *   L3 2023-02-01  10 @  80  basis   800   short-term (long from 2024-02-02)
 *   L4 2023-09-01  10 @ 120  basis 1,200   short-term
 * Sale on 2023-12-01 of 15 @ 110: proceeds 1,650, spread by quantity (10 shares -> 1,100; 5 -> 550).
 * No purchase lies within 30 days of the sale, so no wash sale interferes.
 */
import { describe, expect, it } from 'vitest';
import { buildLedger, realizedGains, type ReliefMethod, type TaxTransaction } from '../../src/tax-lots/index.ts';
import { lotTable, realTable } from './helpers.ts';

const LOTS: TaxTransaction[] = [
  { type: 'buy', date: '2022-01-03', asset: 'Z', quantity: 10, price: 100, id: 'L1' },
  { type: 'buy', date: '2022-06-01', asset: 'Z', quantity: 10, price: 150, id: 'L2' },
  { type: 'buy', date: '2023-02-01', asset: 'Z', quantity: 10, price: 80, id: 'L3' },
  { type: 'buy', date: '2023-09-01', asset: 'Z', quantity: 10, price: 120, id: 'L4' },
];
const SALE: TaxTransaction = { type: 'sell', date: '2023-12-01', asset: 'Z', quantity: 15, price: 110, id: 'S' };

const run = (method: ReliefMethod, sale: TaxTransaction = SALE, extra: TaxTransaction[] = []) =>
  buildLedger([...LOTS, ...extra, sale], { method, taxRates: { shortTerm: 0.4, longTerm: 0.2 } });

/** 5 of L4 and 10 of L1: L4 550 − 600 = −50 short; L1 1,100 − 1,000 = +100 long. */
const SPECIFIC_ROWS = [
  ['L4', '5', '550', '600', '0', '-50', 'short'],
  ['L1', '10', '1100', '1000', '0', '100', 'long'],
];
const SPECIFIC_LOTS = [
  ['L2', '10', '1500'],
  ['L3', '10', '800'],
  ['L4', '5', '600'],
];

describe('relief methods (hand-worked)', () => {
  it('FIFO: L1 (10) then 5 of L2', () => {
    // L1: 1,100 − 1,000 = +100 long; L2: 5 x 150 = 750 basis, 550 − 750 = −200 long.
    const l = run('fifo');
    expect(realTable(l)).toEqual([
      ['L1', '10', '1100', '1000', '0', '100', 'long'],
      ['L2', '5', '550', '750', '0', '-200', 'long'],
    ]);
    expect(lotTable(l)).toEqual([
      ['L2', '5', '750'],
      ['L3', '10', '800'],
      ['L4', '10', '1200'],
    ]);
    expect(realizedGains(l).total.gain.decimal).toBe('-100');
  });

  it('LIFO: L4 (10) then 5 of L3', () => {
    // L4: 1,100 − 1,200 = −100 short; L3: 550 − 400 = +150 short.
    expect(realTable(run('lifo'))).toEqual([
      ['L4', '10', '1100', '1200', '0', '-100', 'short'],
      ['L3', '5', '550', '400', '0', '150', 'short'],
    ]);
  });

  it('HIFO: highest basis per share first: L2 (150) then 5 of L4 (120)', () => {
    // L2: 1,100 − 1,500 = −400 long; L4: 550 − 600 = −50 short.
    expect(realTable(run('hifo'))).toEqual([
      ['L2', '10', '1100', '1500', '0', '-400', 'long'],
      ['L4', '5', '550', '600', '0', '-50', 'short'],
    ]);
  });

  it('lowest cost: L3 (80) then 5 of L1 (100)', () => {
    // L3: 1,100 − 800 = +300 short; L1: 550 − 500 = +50 long.
    expect(realTable(run('lowest-cost'))).toEqual([
      ['L3', '10', '1100', '800', '0', '300', 'short'],
      ['L1', '5', '550', '500', '0', '50', 'long'],
    ]);
  });

  it('specific identification: 5 of L4 and 10 of L1, in the order named', () => {
    // L4: 550 − 600 = −50 short; L1: 1,100 − 1,000 = +100 long.
    const sale: TaxTransaction = {
      ...SALE,
      lots: [
        { lot: 'L4', quantity: 5 },
        { lot: 'L1', quantity: 10 },
      ],
    } as TaxTransaction;
    const l = run('fifo', sale);
    expect(realTable(l)).toEqual(SPECIFIC_ROWS);
    expect(lotTable(l)).toEqual(SPECIFIC_LOTS);
  });

  it('specific identification: a lot named twice is relieved once, for the sum', () => {
    // 3 + 2 of L4 = 5 of L4: one row, as in the case above (550 − 600 = −50).
    const sale: TaxTransaction = {
      ...SALE,
      lots: [
        { lot: 'L4', quantity: 3 },
        { lot: 'L1', quantity: 10 },
        { lot: 'L4', quantity: 2 },
      ],
    } as TaxTransaction;
    const l = run('fifo', sale);
    expect(realTable(l)).toEqual(SPECIFIC_ROWS);
    expect(lotTable(l)).toEqual(SPECIFIC_LOTS);
    // Naming more of the lot than it holds, across the two entries, is still a shortfall.
    const over: TaxTransaction = {
      ...SALE,
      quantity: 11,
      lots: [
        { lot: 'L4', quantity: 6 },
        { lot: 'L4', quantity: 5 },
      ],
    } as TaxTransaction;
    expect(() => run('fifo', over)).toThrow(/asks for 5 of lot "L4".*shortfall 1/);
  });

  it('average cost: 4,500 / 40 = 112.5 per share; shares leave first-in first-out', () => {
    // Relieved basis 15 x 112.5 = 1,687.5, spread by quantity: L1 10 -> 1,125, L2 5 -> 562.5.
    // Gains: 1,100 − 1,125 = −25 (long), 550 − 562.5 = −12.5 (long). Remaining 25 shares keep
    // 4,500 − 1,687.5 = 2,812.5 = 112.5 per share: L2 5 -> 562.5, L3 10 -> 1,125, L4 10 -> 1,125.
    const l = run('average-cost');
    expect(realTable(l)).toEqual([
      ['L1', '10', '1100', '1125', '0', '-25', 'long'],
      ['L2', '5', '550', '562.5', '0', '-12.5', 'long'],
    ]);
    expect(lotTable(l)).toEqual([
      ['L2', '5', '562.5'],
      ['L3', '10', '1125'],
      ['L4', '10', '1125'],
    ]);
  });

  it('tax-optimal: the loss saving the most tax per share first (not simply the highest basis)', () => {
    // Add L5 2023-10-02 10 @ 135 (short-term). Sell 12 @ 110 (proceeds 1,320). Per-share tax at
    // 110 with rates 40 % / 20 %: L5 (−25 short) −10; L2 (−40 long) −8; L4 (−10 short) −4;
    // L1 (+10 long) +2; L3 (+30 short) +12. So L5 10 (1,100 − 1,350 = −250), then 2 of L2
    // (220 − 300 = −80). HIFO would take L2 first instead.
    const extra: TaxTransaction[] = [{ type: 'buy', date: '2023-10-02', asset: 'Z', quantity: 10, price: 135, id: 'L5' }];
    const sale: TaxTransaction = { type: 'sell', date: '2023-12-01', asset: 'Z', quantity: 12, price: 110, id: 'S' };
    expect(realTable(run('tax-optimal', sale, extra))).toEqual([
      ['L5', '10', '1100', '1350', '0', '-250', 'short'],
      ['L2', '2', '220', '300', '0', '-80', 'long'],
    ]);
    expect(realTable(run('hifo', sale, extra)).map((r) => r[0])).toEqual(['L2', 'L5']);
  });

  it('tax-optimal: long-term gains before short-term gains even when a short-term gain costs less tax per share', () => {
    // Rates 5 % short / 20 % long: L1 (+10 long) costs 2/share, L3 (+30 short) 1.5/share, yet
    // the rule is losses, then long-term gains, then short-term. Sell 35 @ 110 (3,850):
    // L2 10 (loss), L4 10 (loss), L1 10 (LT gain), L3 5 (ST gain).
    const sale: TaxTransaction = { type: 'sell', date: '2023-12-01', asset: 'Z', quantity: 35, price: 110, id: 'S' };
    const l = buildLedger([...LOTS, sale], { method: 'tax-optimal', taxRates: { shortTerm: 0.05, longTerm: 0.2 } });
    expect(realTable(l)).toEqual([
      ['L2', '10', '1100', '1500', '0', '-400', 'long'],
      ['L4', '10', '1100', '1200', '0', '-100', 'short'],
      ['L1', '10', '1100', '1000', '0', '100', 'long'],
      ['L3', '5', '550', '400', '0', '150', 'short'],
    ]);
  });

  it('per-account methods and a per-sale override', () => {
    // Account "a" uses LIFO (accountMethods), the default FIFO elsewhere; the second sale in
    // account "b" overrides with HIFO.
    const tx: TaxTransaction[] = [
      { type: 'buy', date: '2023-01-03', asset: 'Q', quantity: 1, price: 10, id: 'a1', account: 'a' },
      { type: 'buy', date: '2023-01-03', asset: 'Q', quantity: 1, price: 10, id: 'b1', account: 'b' },
      { type: 'buy', date: '2023-01-04', asset: 'Q', quantity: 1, price: 30, id: 'a2', account: 'a' },
      { type: 'buy', date: '2023-01-04', asset: 'Q', quantity: 1, price: 30, id: 'b2', account: 'b' },
      { type: 'buy', date: '2023-01-05', asset: 'Q', quantity: 1, price: 20, id: 'b3', account: 'b' },
      { type: 'sell', date: '2023-03-01', asset: 'Q', quantity: 1, price: 40, account: 'a' },
      { type: 'sell', date: '2023-03-01', asset: 'Q', quantity: 1, price: 40, account: 'b' },
      { type: 'sell', date: '2023-03-01', asset: 'Q', quantity: 1, price: 40, account: 'b', method: 'hifo' },
    ];
    const l = buildLedger(tx, { accountMethods: { a: 'lifo' } });
    expect(l.realizations.map((r) => r.lotId)).toEqual(['a2', 'b1', 'b2']);
    expect(l.lots.map((x) => x.id)).toEqual(['a1', 'b3']); // in order of creation
    expect(l.cash).toEqual({
      a: { decimal: '0', number: 0 }, // −10 − 30 + 40
      b: { decimal: '20', number: 20 }, // −10 − 30 − 20 + 40 + 40
    });
  });

  it('same-day lots: FIFO takes them in the order given', () => {
    const l = buildLedger([
      { type: 'buy', date: '2023-01-03', asset: 'Q', quantity: 1, price: 10, id: 'first' },
      { type: 'buy', date: '2023-01-03', asset: 'Q', quantity: 1, price: 12, id: 'second' },
      { type: 'sell', date: '2023-06-01', asset: 'Q', quantity: 1, price: 15 },
    ]);
    expect(l.realizations[0]!.lotId).toBe('first');
  });

  it('fractional shares and cents reconcile exactly (no float drift)', () => {
    // 0.1 share at $0.1 (basis 0.01) and 0.2 share at $0.2 (basis 0.04); sell 0.3 at $0.7:
    // proceeds 0.3 x 0.7 = 0.21, spread by quantity: 0.1/0.3 x 0.21 = 0.07, the rest 0.14.
    // Gains 0.07 − 0.01 = 0.06 and 0.14 − 0.04 = 0.10 (in floating point 0.1 + 0.2 != 0.3).
    const l = buildLedger([
      { type: 'buy', date: '2023-01-03', asset: 'F', quantity: '0.1', price: '0.1' },
      { type: 'buy', date: '2023-01-04', asset: 'F', quantity: 0.2, price: 0.2 },
      { type: 'sell', date: '2023-06-01', asset: 'F', quantity: 0.3, price: 0.7 },
    ]);
    expect(realTable(l).map((r) => [r[2], r[3], r[5]])).toEqual([
      ['0.07', '0.01', '0.06'],
      ['0.14', '0.04', '0.1'],
    ]);
  });
});
