/**
 * Internal: the {@link TaxLedger} written from the state at the end of a fold (fresh JSON-safe
 * objects).
 *
 * @module
 * @internal
 */
import { allocate } from './fixed.ts';
import { amountOf, dateOf, longTermDay, type LedgerState, type Lot } from './ledger-state.ts';
import type { TaxAmount, TaxLedger, TaxLot, TaxTransaction } from './types.ts';

function copyTx(t: TaxTransaction): TaxTransaction {
  const c = { ...t } as Record<string, unknown>;
  if ('lots' in t && Array.isArray(t.lots)) c.lots = t.lots.map((s) => ({ ...s }));
  if ('ratio' in t && t.ratio !== null && typeof t.ratio === 'object') c.ratio = { ...t.ratio };
  return c as unknown as TaxTransaction;
}

/** The open lots, in order of creation. */
function openLots(st: LedgerState): TaxLot[] {
  const open: Lot[] = [];
  for (const p of st.pools.values()) for (const l of p.lots) if (l.open) open.push(l);
  open.sort((a, b) => a.seq - b.seq);
  return open.map((l) => {
    const lot: TaxLot = {
      id: l.id,
      sourceId: l.sourceId,
      account: l.account,
      asset: l.asset,
      quantity: amountOf(st, l.qty),
      basis: amountOf(st, l.basis),
      basisPerShare: amountOf(st, allocate(l.basis, st.fx.one, l.qty, st.fx)),
      dateAcquired: l.acquired,
      holdingDate: dateOf(st.days, l.holdDay),
      longTermDate: dateOf(st.days, longTermDay(st.days, l.holdDay)),
      origin: l.origin,
      washSaleAdjustment: amountOf(st, l.wash),
    };
    if (l.currency !== undefined) lot.currency = l.currency;
    return lot;
  });
}

/** The ledger of a finished fold over `raw` (the input transactions, copied). @internal */
export function writeLedger(st: LedgerState, raw: readonly TaxTransaction[]): TaxLedger {
  const lots = openLots(st);
  // Object.fromEntries, not assignment: an account named `__proto__` must stay an ordinary key.
  const cash: Record<string, TaxAmount> = Object.fromEntries(
    [...st.cash.entries()].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0)).map(([k, v]) => [k, amountOf(st, v)]),
  );
  const opts = st.opts;
  const txs = st.txs;
  return {
    options: {
      method: opts.method,
      accountMethods: Object.fromEntries(Object.entries(opts.accountMethods)),
      taxRates: opts.taxRates === null ? null : { ...opts.taxRates },
      substantiallyIdentical: opts.substantiallyIdentical.map((g) => [...g]),
      washSales: opts.washSales,
    },
    transactions: raw.map((t) => copyTx(t)),
    lastDate: txs.length === 0 ? null : txs[txs.length - 1]!.date,
    lots,
    realizations: st.realizations,
    washSales: st.washSales,
    transfersOut: st.transfers,
    returnsOfCapital: st.rocs,
    cash,
    income: {
      dividends: amountOf(st, st.dividends),
      reinvestedDividends: amountOf(st, st.reinvested),
      returnOfCapital: amountOf(st, st.rocTotal),
      fees: amountOf(st, st.fees),
    },
  };
}
