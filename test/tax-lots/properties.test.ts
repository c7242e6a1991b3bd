/**
 * Property tests (fast-check, fixed seed) of the ledger's invariants:
 * - quantity is conserved: acquired + stock dividends = held + sold + transferred out;
 * - basis is conserved: basis in + wash-sale additions = basis held + relieved by sales +
 *   transferred out + reduced by returns of capital;
 * - wash sales: 0 <= disallowed <= loss on every row, the adjustments on the rows equal the
 *   amounts moved onto replacement lots, and no loss moves onto its own purchase's shares;
 * - after liquidating everything, total realised gain = total proceeds − total cost, whatever the
 *   method and the wash sales (disallowed losses come back through the replacement lots);
 * - under average cost, the order of same-day purchases does not change the realised gain;
 * - a ledger rebuilt from its own transactions and options is identical (and JSON round-trips).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Decimal from 'decimal.js';
import { buildLedger, RELIEF_METHODS, type ReliefMethod, type TaxLedger, type TaxTransaction } from '../../src/tax-lots/index.ts';
import { isoAddDays } from '../../src/core/dates.ts';

const Dx = Decimal.clone({ precision: 60 });
const d = (x: { decimal: string }) => new Dx(x.decimal);
const sum = (xs: { decimal: string }[]) => xs.reduce((s, x) => s.plus(d(x)), new Dx(0));

type Op =
  | { k: 'buy'; acct: number; asset: number; qty: number; cents: number }
  | { k: 'sell'; acct: number; asset: number; frac: number; cents: number }
  | { k: 'drip'; acct: number; asset: number; qty: number; cents: number }
  | { k: 'tin'; acct: number; asset: number; qty: number; cents: number }
  | { k: 'tout'; acct: number; asset: number; frac: number }
  | { k: 'sdiv'; acct: number; asset: number; qty: number }
  | { k: 'roc'; acct: number; asset: number; cents: number };

const acct = fc.integer({ min: 0, max: 1 });
const asset = fc.integer({ min: 0, max: 1 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({ k: fc.constant('buy' as const), acct, asset, qty: fc.integer({ min: 1, max: 400 }), cents: fc.integer({ min: 1, max: 20_000 }) }),
  },
  {
    weight: 5,
    arbitrary: fc.record({ k: fc.constant('sell' as const), acct, asset, frac: fc.integer({ min: 1, max: 4 }), cents: fc.integer({ min: 1, max: 20_000 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ k: fc.constant('drip' as const), acct, asset, qty: fc.integer({ min: 1, max: 40 }), cents: fc.integer({ min: 1, max: 5_000 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ k: fc.constant('tin' as const), acct, asset, qty: fc.integer({ min: 1, max: 100 }), cents: fc.integer({ min: 0, max: 100_000 }) }),
  },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('tout' as const), acct, asset, frac: fc.integer({ min: 1, max: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('sdiv' as const), acct, asset, qty: fc.integer({ min: 1, max: 30 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('roc' as const), acct, asset, cents: fc.integer({ min: 1, max: 50_000 }) }) },
);
const scenario = fc.record({
  ops: fc.array(fc.record({ op: opArb, gap: fc.integer({ min: 0, max: 12 }) }), { minLength: 1, maxLength: 30 }),
  method: fc.constantFrom(...RELIEF_METHODS.filter((m) => m !== 'specific')),
  grouped: fc.boolean(),
});

const ACCTS = ['x', 'y'];
const ASSETS = ['A', 'B'];

/** Turn abstract ops into valid transactions (tracking holdings so sales never exceed them). */
function toTransactions(ops: { op: Op; gap: number }[], liquidate: boolean): TaxTransaction[] {
  const held = new Map<string, Decimal>();
  const key = (a: number, s: number) => `${a}/${s}`;
  const get = (k: string) => held.get(k) ?? new Dx(0);
  let date = '2022-11-01';
  const out: TaxTransaction[] = [];
  for (const { op, gap } of ops) {
    date = isoAddDays(date, gap);
    const k = key(op.acct, op.asset);
    const base = { date, asset: ASSETS[op.asset]!, account: ACCTS[op.acct]! };
    switch (op.k) {
      case 'buy':
        out.push({ ...base, type: 'buy', quantity: op.qty / 4, price: op.cents / 100, fee: op.qty % 3 === 0 ? 1 : 0 });
        held.set(k, get(k).plus(op.qty / 4));
        break;
      case 'drip':
        out.push({ ...base, type: 'dividend', amount: op.cents / 100, reinvestQuantity: op.qty / 8 });
        held.set(k, get(k).plus(op.qty / 8));
        break;
      case 'tin':
        out.push({ ...base, type: 'transfer-in', quantity: op.qty, basis: op.cents / 100, acquired: isoAddDays(date, -400) });
        held.set(k, get(k).plus(op.qty));
        break;
      case 'sell':
      case 'tout': {
        const q = get(k).mul(op.frac).div(4).toDecimalPlaces(2, Decimal.ROUND_DOWN);
        if (q.lte(0)) break;
        if (op.k === 'sell') out.push({ ...base, type: 'sell', quantity: q.toString(), price: op.cents / 100, fee: op.frac === 3 ? 0.5 : 0 });
        else out.push({ ...base, type: 'transfer-out', quantity: q.toString() });
        held.set(k, get(k).minus(q));
        break;
      }
      case 'sdiv':
      case 'roc':
        if (get(k).lte(0)) break;
        if (op.k === 'sdiv') {
          out.push({ ...base, type: 'stock-dividend', quantity: op.qty / 10 });
          held.set(k, get(k).plus(op.qty / 10));
        } else out.push({ ...base, type: 'return-of-capital', amount: op.cents / 100 });
        break;
    }
  }
  if (liquidate) {
    date = isoAddDays(date, 1);
    for (const [k, q] of held) {
      if (q.lte(0)) continue;
      const [a, s] = k.split('/').map(Number) as [number, number];
      out.push({ type: 'sell', date, asset: ASSETS[s]!, account: ACCTS[a]!, quantity: q.toString(), price: 7.77 });
    }
  }
  return out;
}

function build(txs: TaxTransaction[], method: ReliefMethod, grouped: boolean): TaxLedger {
  return buildLedger(txs, { method, taxRates: { shortTerm: 0.37, longTerm: 0.2 }, ...(grouped ? { substantiallyIdentical: [['A', 'B']] } : {}) });
}

function inflows(txs: TaxTransaction[]): { qty: Decimal; basis: Decimal; cost: Decimal; proceeds: Decimal } {
  let qty = new Dx(0);
  let basis = new Dx(0);
  let proceeds = new Dx(0);
  for (const t of txs) {
    if (t.type === 'buy') {
      qty = qty.plus(t.quantity);
      basis = basis.plus(new Dx(t.quantity).mul(t.price).plus(t.fee ?? 0));
    } else if (t.type === 'dividend' && t.reinvestQuantity !== undefined) {
      qty = qty.plus(t.reinvestQuantity);
      basis = basis.plus(t.amount);
    } else if (t.type === 'transfer-in') {
      qty = qty.plus(t.quantity);
      basis = basis.plus(t.basis);
    } else if (t.type === 'stock-dividend') qty = qty.plus(t.quantity);
    else if (t.type === 'sell') proceeds = proceeds.plus(new Dx(t.quantity).mul(t.price).minus(t.fee ?? 0));
  }
  return { qty, basis, cost: basis, proceeds };
}

describe('tax-lot ledger properties', () => {
  it('conserves quantity and basis exactly; wash adjustments bounded and consistent; rebuild identical', () => {
    fc.assert(
      fc.property(scenario, ({ ops, method, grouped }) => {
        const txs = toTransactions(ops, false);
        const l = build(txs, method, grouped);
        const inn = inflows(txs);
        const sales = l.realizations.filter((r) => r.kind === 'sale');
        // quantity
        const qOut = sum(l.lots.map((x) => x.quantity))
          .plus(sum(sales.map((r) => r.quantity)))
          .plus(sum(l.transfersOut.map((t) => t.quantity)));
        expect(qOut.toString()).toBe(inn.qty.toString());
        // basis
        const washAdded = sum(l.washSales.map((w) => w.disallowedLoss));
        const bOut = sum(l.lots.map((x) => x.basis))
          .plus(sum(sales.map((r) => r.basis)))
          .plus(sum(l.transfersOut.map((t) => t.basis)))
          .plus(sum(l.returnsOfCapital.map((r) => r.basisReduction)));
        expect(bOut.toString()).toBe(inn.basis.plus(washAdded).toString());
        // wash bounds
        for (const r of l.realizations) {
          const adj = d(r.adjustment);
          const loss = Dx.max(d(r.basis).minus(d(r.proceeds)), 0);
          expect(adj.gte(0) && adj.lte(loss)).toBe(true);
          expect(r.adjustmentCode).toBe(adj.gt(0) ? 'W' : '');
          expect(d(r.gain).eq(d(r.proceeds).minus(d(r.basis)).plus(adj))).toBe(true);
        }
        expect(sum(l.realizations.map((r) => r.adjustment)).toString()).toBe(washAdded.toString());
        // a loss never moves onto shares of the purchase it came from (Rev. Rul. 56-602); ids
        // here are t<index>, and a wash-sale piece is <purchase id>/w<k>
        const purchase = (id: string) => id.split('/')[0];
        for (const w of l.washSales) expect(purchase(w.toLot)).not.toBe(purchase(w.fromLot));
        for (const x of l.lots) expect(d(x.quantity).gt(0) && d(x.basis).gte(0)).toBe(true);
        // rebuild
        expect(buildLedger(l.transactions, l.options)).toEqual(l);
        expect(JSON.parse(JSON.stringify(l))).toEqual(l);
      }),
      { seed: 42, numRuns: 100 },
    );
  });

  it('after liquidating everything, total realised gain = proceeds − cost for every method', () => {
    fc.assert(
      fc.property(scenario, ({ ops, method, grouped }) => {
        const txs = toTransactions(
          ops.filter((o) => o.op.k !== 'tout' && o.op.k !== 'roc'),
          true,
        );
        const l = build(txs, method, grouped);
        const inn = inflows(txs);
        expect(l.lots).toEqual([]);
        const total = sum(l.realizations.map((r) => r.gain));
        // Any wash adjustment still pending would sit on an open lot; none is left.
        expect(total.toString()).toBe(inn.proceeds.minus(inn.cost).toString());
      }),
      { seed: 7, numRuns: 150 },
    );
  });

  it('average cost: the order of same-day purchases does not change realised gains', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ qty: fc.integer({ min: 1, max: 50 }), cents: fc.integer({ min: 1, max: 10_000 }) }), { minLength: 2, maxLength: 8 }),
        fc.integer({ min: 1, max: 99 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        (buys, pct, cents, seed) => {
          const total = buys.reduce((s, b) => s + b.qty, 0);
          const sellQty = new Dx(total).mul(pct).div(100).toDecimalPlaces(2, Decimal.ROUND_DOWN);
          fc.pre(sellQty.gt(0));
          const mk = (order: typeof buys): TaxTransaction[] => [
            ...order.map((b) => ({ type: 'buy' as const, date: '2023-01-03', asset: 'F', quantity: b.qty, price: b.cents / 100 })),
            { type: 'sell' as const, date: '2023-03-01', asset: 'F', quantity: sellQty.toString(), price: cents / 100 },
          ];
          // A seeded permutation of the purchases.
          const perm = buys
            .map((b, i) => ({ b, r: (Math.imul(i + 1, 2654435761) ^ seed) >>> 0 }))
            .sort((x, y) => x.r - y.r)
            .map((x) => x.b);
          const a = buildLedger(mk(buys), { method: 'average-cost', washSales: false });
          const b = buildLedger(mk(perm), { method: 'average-cost', washSales: false });
          const ga = sum(a.realizations.map((r) => r.gain));
          const gb = sum(b.realizations.map((r) => r.gain));
          expect(ga.toString()).toBe(gb.toString());
          expect(sum(a.lots.map((x) => x.basis)).toString()).toBe(sum(b.lots.map((x) => x.basis)).toString());
        },
      ),
      { seed: 11, numRuns: 200 },
    );
  });
});
