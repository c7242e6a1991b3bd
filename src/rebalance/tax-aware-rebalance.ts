import type Decimal from 'decimal.js';
import { InvalidArgumentError } from '../core/errors.ts';
import { checkIsoDate } from '../core/dates.ts';
import { checkSizeCap, SIZE_CAPS } from '../core/limits.ts';
import { checkOptions, checkRange } from '../core/validate.ts';
import { checkTaxRates } from '../tax-lots/build-ledger.ts';
import { amount, D, toDec } from '../tax-lots/decimal.ts';
import { checkLedger } from '../tax-lots/ledger-input.ts';
import type { TaxLedger, TaxRates } from '../tax-lots/types.ts';
import { type Band, checkBand } from './bands.ts';
import { checkAssetRecord } from './read-assets.ts';
import {
  desiredChanges,
  harvestLosses,
  placeBuys,
  planBuys,
  priceOf,
  readPositions,
  rebalancingSells,
  type TaxAwareState,
  washWindow,
  weightIn,
} from './tax-aware-steps.ts';
import { toTransactions } from './tax-aware-transactions.ts';
import type { TaxAwareRebalanceResult } from './tax-aware-types.ts';

export type { TaxAwareLotSale, TaxAwareOrder, TaxAwareRebalanceResult } from './tax-aware-types.ts';

/** Input of {@link taxAwareRebalance}. */
export interface TaxAwareRebalanceInput {
  /** The ledger (from `buildLedger`); its open lots are the holdings. */
  ledger: TaxLedger;
  /** Price per share of every asset held, targeted or used as a replacement. */
  prices: Record<string, number | string>;
  /** Target weights (≥ 0, summing to at most 1; the rest is cash). */
  target: Record<string, number>;
  /** Trade date (ISO), on or after the ledger's last transaction. */
  asOf: string;
  /** Tax rates on short- and long-term gains. */
  taxRates: TaxRates;
  /** Cash available. Default 0. */
  cash?: number | string;
  /** Only this account's lots (default: every lot). */
  account?: string;
  /** Tolerance band: only assets outside it trade, and short-term gains are realised only as far as needed to get back inside it. */
  bands?: Band;
  /** Cap on the net realised gain of the trade list (currency); sells stop short (leaving drift) rather than exceed it. */
  maxRealizedGain?: number;
  /** Per asset, similar but not substantially identical assets to buy instead when buying it would make a wash sale, or to keep exposure after harvesting. */
  replacements?: Record<string, string[]>;
  /** Also sell lots with an unrealised loss of at least `minLoss` (currency), buying a replacement when one is given. */
  harvest?: { minLoss: number };
  /** Trading unit per asset (default 1 share). */
  lotSizes?: Record<string, number>;
  /** Fraction of total value to keep in cash: targets apply to the rest, and buys never spend the buffer. Default 0. */
  cashBuffer?: number;
}

/** Size cap on the open lots `taxAwareRebalance` reads (each is costed in exact decimals). */
const MAX_LOTS = 1_000_000;

/**
 * Tax-aware rebalancing: trades toward target weights choosing which lots to sell by their tax
 * cost, and never creating a wash sale (IRC §1091).
 *
 * Sells relieve lots in this order: losses (largest loss per share first), then long-term gains
 * (smallest gain per share first), then short-term gains (smallest first). With `bands`, only
 * assets outside their band trade, and short-term gains are realised only as far as needed to
 * bring the asset back to its band edge. `maxRealizedGain` caps the net realised gain.
 *
 * Wash-sale guards, over the ledger's substantially-identical groups: an asset sold at a loss in
 * the 30 days up to `asOf` (or at a loss in this trade list) is never bought — a replacement from
 * `replacements` is bought instead, or the drift is left; an asset is sold at a loss only when
 * every share of it bought in the 30 days up to `asOf` leaves in the same sale (such shares are
 * then not replacements, IRS Pub. 550) and it is not bought in this list. A lot choice that would
 * take a loss while window shares stay held (held back by the short-term limit of a band, the
 * gain cap, a harvest's loss-only rule or the whole-lot trim, or sitting in another account than
 * the losses) is replaced by one without losses. Purchases after `asOf` are the user's
 * to avoid: harvest a loss only if you will not buy the asset back within 30 days.
 *
 * Orders are whole lots; sells come first and fund the buys; buys are cut (one lot at a time,
 * furthest above target first) to fit the cash. Money is exact decimal. The result reports the
 * realised gains by term, the estimated tax, and the drift before and after, so the tax cost of
 * the trade list sits next to the drift it removes.
 *
 * Prices and cash may be numbers or decimal strings; NaN, ±Infinity or a malformed string throws.
 *
 * Size caps: at most 1,000,000 open lots in the ledger, `SIZE_CAPS.periods` (10,000,000) ledger
 * transactions and `SIZE_CAPS.assets` (20,000) assets (targeted or held). The buys are cut to the
 * cash in O(n log n) for n buys, whatever the lot counts.
 *
 * @throws {SizeLimitError} above a size cap.
 * @throws {InvalidArgumentError} for a malformed ledger, an `asOf` before the ledger's last
 * transaction, missing or non-positive prices, targets outside [0, 1] or summing above 1, bad
 * tax rates, bands or options, records (`prices`, `target`, `lotSizes`, `replacements`) that
 * are not objects keyed by asset, or an `account` that is not a non-empty string.
 * @example
 * ```ts
 * import { buildLedger } from 'quantivista/tax-lots';
 * import { taxAwareRebalance } from 'quantivista/rebalance';
 * const ledger = buildLedger([
 *   { type: 'buy', date: '2023-01-10', asset: 'AAA', quantity: 10, price: 100, id: 'old' },
 *   { type: 'buy', date: '2024-05-10', asset: 'AAA', quantity: 10, price: 130, id: 'new' },
 * ]);
 * const r = taxAwareRebalance({
 *   ledger, prices: { AAA: 120, BBB: 50 }, target: { AAA: 0.5, BBB: 0.5 },
 *   asOf: '2024-06-03', taxRates: { shortTerm: 0.37, longTerm: 0.2 },
 * });
 * // sells the 10 'new' shares first: a short-term loss of 100, before any long-term gain
 * console.log(r.realized.total.number); // -100
 * ```
 */
export function taxAwareRebalance(input: TaxAwareRebalanceInput): TaxAwareRebalanceResult {
  const fn = 'taxAwareRebalance';
  const opts = checkOptions(fn, input, [
    'ledger',
    'prices',
    'target',
    'asOf',
    'taxRates',
    'cash',
    'account',
    'bands',
    'maxRealizedGain',
    'replacements',
    'harvest',
    'lotSizes',
    'cashBuffer',
  ]);
  const C = D();
  const ledger = checkLedger(fn, opts.ledger);
  checkSizeCap(fn, 'ledger.lots', ledger.lots.length, MAX_LOTS, 'rebalance one account at a time, or consolidate lots');
  checkSizeCap(fn, 'ledger.transactions', ledger.transactions.length, SIZE_CAPS.periods);
  const asOf = checkIsoDate(fn, 'asOf', opts.asOf);
  if (ledger.lastDate !== null && asOf < ledger.lastDate) {
    throw new InvalidArgumentError(`${fn}: \`asOf\` (${asOf}) is before the ledger's last transaction (${ledger.lastDate}).`, 'asOf', asOf);
  }
  const rates = checkTaxRates(fn, opts.taxRates);
  const band = opts.bands === undefined ? undefined : checkBand(fn, 'bands', opts.bands);
  const maxGain = opts.maxRealizedGain === undefined ? undefined : new C(checkRange(fn, 'maxRealizedGain', opts.maxRealizedGain, { min: 0 }));
  const minLoss =
    opts.harvest === undefined ? undefined : (checkOptions(fn, opts.harvest, ['minLoss']), checkRange(fn, 'harvest.minLoss', opts.harvest.minLoss, { min: 0 }));
  for (const k of ['prices', 'target'] as const) checkAssetRecord(fn, k, opts[k], false);
  checkAssetRecord(fn, 'lotSizes', opts.lotSizes, true);
  const replacements = checkReplacements(fn, opts.replacements);
  if (opts.account !== undefined && (typeof opts.account !== 'string' || opts.account === '')) {
    throw new InvalidArgumentError(`${fn}: \`account\` must be a non-empty string, got ${typeof opts.account}.`, 'account', typeof opts.account);
  }
  const cash = toDec(fn, 'cash', opts.cash ?? 0, 'nonnegative');
  const src = { fn, prices: opts.prices, lotSizes: opts.lotSizes };
  const positions = readPositions(src, ledger, opts.target, opts.account);
  let V = cash;
  for (const pos of positions.values()) V = V.plus(pos.q.times(pos.p));
  if (!V.gt(0)) throw new InvalidArgumentError(`${fn}: the portfolio is worth nothing (no lots and no cash).`, 'ledger', 0);
  const buffer = opts.cashBuffer === undefined ? 0 : checkRange(fn, 'cashBuffer', opts.cashBuffer, { min: 0, max: 1, maxOpen: true });
  const st: TaxAwareState = {
    ...src,
    asOf,
    account: opts.account,
    replacements,
    maxGain,
    ...washWindow(ledger, asOf),
    positions,
    V,
    Vn: V.toNumber(),
    cash,
    realizedST: new C(0),
    realizedLT: new C(0),
    netGain: new C(0),
    orders: [],
    blocked: [],
    after: new Map(),
    soldAtLoss: new Set(),
    boughtKeys: new Set(),
    lotLeft: new Map(),
  };
  const driftOf = (qs: Map<string, Decimal>): number => {
    let m = 0;
    for (const pos of positions.values()) m = Math.max(m, Math.abs(weightIn(st, pos, qs.get(pos.asset) ?? pos.q) - pos.target));
    return m;
  };
  const before = driftOf(new Map());
  for (const pos of positions.values()) st.after.set(pos.asset, pos.q);
  const desired = desiredChanges(st, band, V.times(1 - buffer));
  // Assets to be bought (for the loss-sale guard): rebalancing buys.
  for (const [a, k] of desired) if (k > 0) st.boughtKeys.add(st.key(a));
  for (const pos of positions.values()) for (const lot of pos.lots) st.lotLeft.set(lot.id, new C(lot.quantity.decimal));

  // 1. Rebalancing sells.
  rebalancingSells(st, desired, band);
  // 2. Harvesting.
  const harvested = minLoss === undefined ? [] : harvestLosses(st, desired, minLoss);
  // 3. Buys (rebalancing, then harvest replacements), never into a wash sale, cut to the cash.
  placeBuys(st, planBuys(st, desired, harvested), buffer);

  // weights after: only assets in the book (replacements included)
  const weightsAfter: Array<[string, number]> = [];
  for (const [a, q] of st.after) weightsAfter.push([a, q.times(priceOf(st, a)).toNumber() / st.Vn]);
  const total = st.realizedST.plus(st.realizedLT);
  return {
    orders: st.orders,
    transactions: toTransactions(st),
    realized: { shortTerm: amount(st.realizedST), longTerm: amount(st.realizedLT), total: amount(total) },
    estimatedTax: amount(st.realizedST.times(rates.shortTerm).plus(st.realizedLT.times(rates.longTerm))),
    drift: { before, after: driftOf(st.after) },
    weightsAfter: Object.fromEntries(weightsAfter),
    cashAfter: amount(st.cash),
    blocked: st.blocked,
  };
}

/** `replacements`: a record of arrays of tickers (default none). */
function checkReplacements(fn: string, value: unknown): Record<string, string[]> {
  const rec = checkAssetRecord<string[]>(fn, 'replacements', value, true) ?? {};
  for (const a of Object.keys(rec)) {
    const list = rec[a];
    if (!Array.isArray(list) || list.some((x) => typeof x !== 'string')) {
      throw new InvalidArgumentError(
        `${fn}: \`replacements.${a}\` must be an array of tickers.`,
        `replacements.${a}`,
        Array.isArray(list) ? 'array' : typeof list,
      );
    }
  }
  return rec;
}
