/**
 * The ledger's fast paths give what the general ones give:
 * - a quantity, price or amount read from a number and from its decimal string (plain, or with
 *   superfluous zeros and sign) builds the same ledger;
 * - every amount printed is the exact decimal in plain form, and `number` is that decimal read
 *   as a double (including values of more than 15 significant digits and more than 10 decimals);
 * - relief orders by basis per share (HIFO, lowest cost) take ties in acquisition order;
 * - holding dates far before the ledger's first transaction, and ledgers spanning centuries, get
 *   the long-term date `longTermStartDate` gives;
 * - realizedGains totals are the same whether the ledger's amounts are written as buildLedger
 *   writes them or with superfluous zeros (read in full), and equal decimal.js sums.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Decimal from 'decimal.js';
import {
  buildLedger,
  longTermStartDate,
  realizedGains,
  RELIEF_METHODS,
  type ReliefMethod,
  type TaxAmount,
  type TaxLedger,
  type TaxTransaction,
} from '../../src/tax-lots/index.ts';
import { isoAddDays } from '../../src/core/dates.ts';

const Dx = Decimal.clone({ precision: 200 });
const RATES = { shortTerm: 0.37, longTerm: 0.2 };

type Op = { k: 'buy' | 'sell' | 'drip'; asset: number; qty: number; cents: number; gap: number };
const opArb: fc.Arbitrary<Op> = fc.record({
  k: fc.constantFrom('buy' as const, 'buy' as const, 'sell' as const, 'sell' as const, 'drip' as const),
  asset: fc.integer({ min: 0, max: 1 }),
  qty: fc.integer({ min: 1, max: 4000 }),
  cents: fc.integer({ min: 1, max: 50_000 }),
  gap: fc.integer({ min: 0, max: 20 }),
});

/** Valid transactions (sales never exceed holdings), amounts as numbers: quantities in eighths, prices in cents. */
function toTransactions(ops: Op[]): TaxTransaction[] {
  const held = [0, 0];
  let date = '2022-11-01';
  const out: TaxTransaction[] = [];
  for (const op of ops) {
    date = isoAddDays(date, op.gap);
    const asset = ['A', 'B'][op.asset]!;
    const qty = op.qty / 8;
    if (op.k === 'buy') {
      out.push({ type: 'buy', date, asset, quantity: qty, price: op.cents / 100, fee: op.qty % 3 === 0 ? 1.25 : 0 });
      held[op.asset]! += qty;
    } else if (op.k === 'drip') {
      out.push({ type: 'dividend', date, asset, amount: op.cents / 100, reinvestQuantity: qty / 4 });
      held[op.asset]! += qty / 4;
    } else if (held[op.asset]! > 0) {
      const q = Math.min(held[op.asset]!, qty);
      out.push({ type: 'sell', date, asset, quantity: q, price: op.cents / 100, fee: 0.5 });
      held[op.asset]! -= q;
    }
  }
  return out;
}

const FIELDS = ['quantity', 'price', 'fee', 'amount', 'reinvestQuantity'] as const;

/** The same transactions with every number written as a string by `write`. */
function rewrite(txs: TaxTransaction[], write: (x: number) => string): TaxTransaction[] {
  return txs.map((t) => {
    const c = { ...t } as Record<string, unknown>;
    for (const f of FIELDS) if (typeof c[f] === 'number') c[f] = write(c[f] as number);
    return c as unknown as TaxTransaction;
  });
}

const withoutTransactions = (l: TaxLedger) => ({ ...l, transactions: [] });

/** Every TaxAmount in a ledger. */
function amounts(l: TaxLedger): TaxAmount[] {
  const out: TaxAmount[] = [];
  const visit = (v: unknown) => {
    if (v === null || typeof v !== 'object') return;
    if (typeof (v as TaxAmount).decimal === 'string' && typeof (v as TaxAmount).number === 'number') out.push(v as TaxAmount);
    else for (const x of Object.values(v)) visit(x);
  };
  visit({ ...l, transactions: [] });
  return out;
}

const PLAIN = /^-?(0|[1-9]\d*)(\.\d*[1-9])?$/;

describe('tax-lot fast paths', () => {
  it('numbers and their decimal strings (plain or with superfluous zeros) build the same ledger', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 40 }), fc.constantFrom(...RELIEF_METHODS.filter((m) => m !== 'specific')), (ops, method) => {
        const txs = toTransactions(ops);
        const a = buildLedger(txs, { method, taxRates: RATES });
        const b = buildLedger(
          rewrite(txs, (x) => String(x)),
          { method, taxRates: RATES },
        );
        const c = buildLedger(
          rewrite(txs, (x) => `+00${new Dx(x).toFixed(12)}`),
          { method, taxRates: RATES },
        );
        expect(withoutTransactions(b)).toEqual(withoutTransactions(a));
        expect(withoutTransactions(c)).toEqual(withoutTransactions(a));
      }),
      { seed: 5, numRuns: 150 },
    );
  });

  it('every amount is the exact decimal in plain form, and `number` is that decimal as a double', () => {
    const check = (l: TaxLedger) => {
      const all = amounts(l);
      expect(all.length).toBeGreaterThan(0);
      for (const a of all) {
        expect(a.decimal).toMatch(PLAIN);
        expect(a.number).toBe(Number(a.decimal));
      }
    };
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 40 }), (ops) => check(buildLedger(toTransactions(ops), { method: 'hifo' }))),
      { seed: 9, numRuns: 100 },
    );
    // Beyond 15 significant digits and 10 decimals: the quantity × price products and pro-rata shares below.
    const l = buildLedger([
      { type: 'buy', date: '2024-01-02', asset: 'X', quantity: '3', price: '123456789012.3456789', fee: '0.0000001' },
      { type: 'buy', date: '2024-01-03', asset: 'X', quantity: '7.000001', price: '0.0000003' },
      { type: 'sell', date: '2024-01-10', asset: 'X', quantity: '2.5', price: '99999999999.99' },
      { type: 'sell', date: '2024-01-11', asset: 'X', quantity: '1.2', price: '0.00000001' },
    ]);
    check(l);
    // quantity × price + fee, exactly
    const basis = new Dx('3').mul('123456789012.3456789').plus('0.0000001');
    expect(l.realizations[0]!.basis.decimal).toBe(basis.mul('2.5').div('3').toDecimalPlaces(10, Decimal.ROUND_HALF_EVEN).toFixed());
    expect(l.realizations[0]!.proceeds.decimal).toBe(new Dx('2.5').mul('99999999999.99').toFixed());
  });

  it('HIFO and lowest cost take lots of equal basis per share in acquisition order', () => {
    const txs: TaxTransaction[] = [
      { type: 'buy', date: '2024-01-02', asset: 'X', quantity: 3, price: 10, id: 'a' },
      { type: 'buy', date: '2024-01-03', asset: 'X', quantity: 2, price: 12, id: 'b' },
      { type: 'buy', date: '2024-01-04', asset: 'X', quantity: 6, price: 10, id: 'c' },
      { type: 'buy', date: '2024-01-05', asset: 'X', quantity: 1, price: 12, id: 'd' },
      { type: 'buy', date: '2024-01-06', asset: 'X', quantity: 4, price: 8, id: 'e' },
      { type: 'sell', date: '2024-03-01', asset: 'X', quantity: 16, price: 11 },
    ];
    const order = (method: ReliefMethod) => buildLedger(txs, { method, washSales: false }).realizations.map((r) => r.lotId);
    expect(order('hifo')).toEqual(['b', 'd', 'a', 'c', 'e']);
    expect(order('lowest-cost')).toEqual(['e', 'a', 'c', 'b', 'd']);
  });

  it('long-term dates of holding dates long before the first transaction, and across centuries', () => {
    for (const [first, last] of [
      ['2024-01-02', '2024-06-03'],
      ['1900-01-02', '2124-06-03'],
    ]) {
      const l = buildLedger([
        { type: 'transfer-in', date: first!, asset: 'X', quantity: 10, basis: 100, acquired: '1890-05-31' },
        { type: 'buy', date: first!, asset: 'X', quantity: 10, price: 10, id: 'b' },
        { type: 'sell', date: isoAddDays(first!, 20), asset: 'X', quantity: 15, price: 5 },
        { type: 'buy', date: isoAddDays(first!, 25), asset: 'X', quantity: 5, price: 5, id: 'r' },
        { type: 'sell', date: last!, asset: 'X', quantity: 6, price: 20 },
      ]);
      expect(l.washSales.length).toBeGreaterThan(0);
      for (const x of l.lots) expect(x.longTermDate).toBe(longTermStartDate(x.holdingDate));
      for (const r of l.realizations) expect(r.term).toBe(r.dateSold >= longTermStartDate(r.holdingDate) ? 'long' : 'short');
    }
  });

  it('realizedGains totals: as written by buildLedger, with superfluous zeros, and by decimal.js agree', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 40 }), (ops) => {
        const l = buildLedger(toTransactions(ops), { method: 'fifo' });
        const padded = JSON.parse(JSON.stringify(l)) as TaxLedger;
        for (const r of padded.realizations) {
          for (const f of ['proceeds', 'basis', 'adjustment', 'gain'] as const) r[f].decimal = new Dx(r[f].decimal).toFixed(12);
        }
        const a = realizedGains(l);
        const b = realizedGains(padded);
        for (const k of ['shortTerm', 'longTerm', 'total'] as const) {
          expect(b[k]).toEqual(a[k]);
          const rows = l.realizations.filter((r) => k === 'total' || r.term === (k === 'shortTerm' ? 'short' : 'long'));
          for (const f of ['proceeds', 'basis', 'adjustment', 'gain'] as const) {
            expect(a[k][f].decimal).toBe(rows.reduce((s, r) => s.plus(r[f].decimal), new Dx(0)).toFixed());
          }
        }
        expect(a.rows).toEqual(l.realizations.map((r) => ({ description: `${r.quantity.decimal} sh. ${r.asset}`, ...r })));
      }),
      { seed: 3, numRuns: 100 },
    );
  });
});
