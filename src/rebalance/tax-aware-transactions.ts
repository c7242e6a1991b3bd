/**
 * Internal: the orders of a tax-aware rebalance as ledger transactions.
 *
 * @module
 * @internal
 */
import type { TaxTransaction } from '../tax-lots/types.ts';
import { D } from '../tax-lots/decimal.ts';
import { priceOf, type TaxAwareState } from './tax-aware-steps.ts';
import type { TaxAwareLotSale } from './tax-aware-types.ts';

/** The ledger's account for transactions that name none. */
const DEFAULT_ACCOUNT = 'default';

/**
 * The orders as ledger transactions (sells name their lots, by specific identification). A sell
 * is emitted once per account whose lots it relieves, with that `account` (so it builds against
 * the ledger); the ledger's default account is left implicit. A sell within one account keeps
 * the id `rebalance-<asOf>-<order index>`; one split over k accounts gets `-1` ... `-k` appended.
 */
export function toTransactions(st: TaxAwareState): TaxTransaction[] {
  const accountOf = new Map<string, string>();
  for (const pos of st.positions.values()) for (const lot of pos.lots) accountOf.set(lot.id, lot.account);
  const out: TaxTransaction[] = [];
  st.orders.forEach((o, i) => {
    const id = `rebalance-${st.asOf}-${i}`;
    const price = String(priceOf(st, o.asset));
    const head = { type: o.side, date: st.asOf, asset: o.asset };
    if (o.side === 'buy') {
      out.push({ ...head, quantity: o.quantity.decimal, price, id, ...(st.account !== undefined ? { account: st.account } : {}) } as TaxTransaction);
      return;
    }
    const byAccount = new Map<string, TaxAwareLotSale[]>();
    for (const l of o.lots ?? []) {
      const a = accountOf.get(l.lotId) ?? st.account ?? DEFAULT_ACCOUNT;
      const list = byAccount.get(a);
      if (list === undefined) byAccount.set(a, [l]);
      else list.push(l);
    }
    let k = 0;
    for (const [account, lots] of byAccount) {
      k++;
      const split = byAccount.size > 1;
      out.push({
        ...head,
        quantity: split ? lots.reduce((acc, l) => acc.plus(l.quantity.decimal), new (D())(0)).toString() : o.quantity.decimal,
        price,
        id: split ? `${id}-${k}` : id,
        lots: lots.map((l) => ({ lot: l.lotId, quantity: l.quantity.decimal })),
        method: 'specific' as const,
        ...(st.account !== undefined || account !== DEFAULT_ACCOUNT ? { account } : {}),
      } as TaxTransaction);
    }
  });
  return out;
}
