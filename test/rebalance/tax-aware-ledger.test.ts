/**
 * taxAwareRebalance against the ledger it reads (hardening items 2 and 3): over random histories
 * with fractional shares, several accounts, harvesting, bands, gain caps and trading units,
 * appending the returned transactions to the ledger's always builds (sells name lots in the
 * right account), and the rebuilt ledger disallows no loss of the new sales (IRS Publication
 * 550: a loss is disallowed when substantially identical shares were bought within 30 days
 * before or after the sale).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { taxAwareRebalance } from '../../src/rebalance/index.ts';
import { buildLedger, type TaxTransaction } from '../../src/tax-lots/index.ts';

const rates = { shortTerm: 0.37, longTerm: 0.2 };
const assets = ['AAA', 'BBB'] as const;
const accounts = [undefined, 'ira', 'taxable'] as const;
const dayOf = (d: number): string => new Date(Date.UTC(2024, 0, 2) + d * 86400000).toISOString().slice(0, 10);

const scenario = fc.record({
  events: fc.array(
    fc.record({
      day: fc.integer({ min: 0, max: 120 }),
      asset: fc.constantFrom(...assets),
      account: fc.constantFrom(...accounts),
      qty: fc.integer({ min: 1, max: 400000 }).map((x) => x / 10000),
      price: fc.integer({ min: 5, max: 60 }),
      sellFrac: fc.constantFrom(0, 0, 0.5, 0.3),
    }),
    { minLength: 1, maxLength: 10 },
  ),
  prices: fc.tuple(fc.integer({ min: 5, max: 60 }), fc.integer({ min: 5, max: 60 })),
  raw: fc.tuple(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 10 })),
  asOfGap: fc.integer({ min: 0, max: 40 }),
  cash: fc.integer({ min: 0, max: 500 }),
  harvest: fc.boolean(),
  band: fc.boolean(),
  maxGain: fc.constantFrom(undefined, 0, 20),
  lot: fc.constantFrom(1, 1, 0.5, 5),
  onlyAccount: fc.constantFrom(undefined, undefined, 'ira'),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function run(sc: Scenario): { tx: TaxTransaction[]; appended: TaxTransaction[] } {
  const events = [...sc.events].sort((a, b) => a.day - b.day);
  const tx: TaxTransaction[] = [];
  const held = new Map<string, number>();
  events.forEach((e, i) => {
    const k = `${e.asset}/${e.account ?? ''}`;
    tx.push({ type: 'buy', date: dayOf(e.day), asset: e.asset, quantity: e.qty, price: e.price, id: `b${i}`, ...(e.account ? { account: e.account } : {}) });
    held.set(k, (held.get(k) ?? 0) + e.qty * 10000);
    const q = Math.floor((held.get(k) ?? 0) * e.sellFrac);
    if (q > 0) {
      tx.push({
        type: 'sell',
        date: dayOf(e.day),
        asset: e.asset,
        quantity: q / 10000,
        price: Math.max(1, e.price - 3),
        id: `s${i}`,
        ...(e.account ? { account: e.account } : {}),
      });
      held.set(k, (held.get(k) ?? 0) - q);
    }
  });
  const ledger = buildLedger(tx);
  const asOf = dayOf((events[events.length - 1] as { day: number }).day + sc.asOfGap);
  const s = sc.raw[0] + sc.raw[1] || 1;
  const r = taxAwareRebalance({
    ledger,
    prices: { AAA: sc.prices[0], BBB: sc.prices[1], ALT: 37 },
    asOf,
    taxRates: rates,
    cash: sc.cash,
    target: { AAA: sc.raw[0] / s, BBB: sc.raw[1] / s },
    replacements: { AAA: ['ALT'], BBB: ['ALT'] },
    lotSizes: { AAA: sc.lot, BBB: sc.lot },
    ...(sc.harvest ? { harvest: { minLoss: 0 } } : {}),
    ...(sc.band ? { bands: { type: 'absolute' as const, width: 0.05 } } : {}),
    ...(sc.maxGain !== undefined ? { maxRealizedGain: sc.maxGain } : {}),
    ...(sc.onlyAccount ? { account: sc.onlyAccount } : {}),
  });
  return { tx, appended: r.transactions };
}

describe('taxAwareRebalance: the transactions append to the ledger', () => {
  it('item 3: sells carry the account of the lots they name, so appending them always builds', () => {
    fc.assert(
      fc.property(scenario, (sc) => {
        const { tx, appended } = run(sc);
        expect(() => buildLedger([...tx, ...appended])).not.toThrow();
      }),
      { seed: 2512, numRuns: 400 },
    );
  });
  it('item 2: the new sales never make a wash sale (no loss of theirs is disallowed)', () => {
    fc.assert(
      fc.property(scenario, (sc) => {
        const { tx, appended } = run(sc);
        const rebuilt = buildLedger([...tx, ...appended]);
        const newIds = new Set(appended.map((t) => t.id));
        const washed = rebuilt.washSales.filter((w) => newIds.has(w.saleId));
        expect(washed).toEqual([]);
        expect(rebuilt.washSales.length).toBe(buildLedger(tx).washSales.length);
      }),
      { seed: 2512, numRuns: 400 },
    );
  });
});
