/**
 * Tax-loss harvesting candidates: open lots whose sale would realise a loss worth taking.
 *
 * @module
 */
import { InvalidArgumentError } from '../core/errors.ts';
import { isoAddDays } from '../core/dates.ts';
import { checkOptions } from '../core/validate.ts';
import { checkTaxRates } from './ledger-options.ts';
import { DX, amount, fromAmount, toDec, type Dec } from './decimal.ts';
import { checkLedger } from './ledger-input.ts';
import { unrealizedOf } from './unrealized-gains.ts';
import type { TaxDecimalInput, TaxAmount, TaxLedger, TaxRates } from './types.ts';

/** Options of {@link harvestCandidates}. */
export interface HarvestCandidatesOptions {
  /** Date of the contemplated sale (ISO), not before the ledger's last transaction. */
  asOf: string;
  /** Smallest loss (money, ≥ 0) worth harvesting per lot; default 0 (any loss). */
  minLoss?: TaxDecimalInput;
  /** Rates on short- and long-term gains; the tax saved is loss × rate of the lot's term. */
  taxRates: TaxRates;
  /** Similar but not substantially identical securities to hold meanwhile, per asset (e.g. `{ SPY: ['VTI'] }`). */
  replacements?: Record<string, string[]>;
}

/** One harvestable lot. */
export interface HarvestCandidate {
  lotId: string;
  account: string;
  asset: string;
  quantity: TaxAmount;
  basis: TaxAmount;
  marketValue: TaxAmount;
  /** basis − market value (positive). */
  loss: TaxAmount;
  term: 'short' | 'long';
  /** loss × the term's tax rate. */
  taxSaved: TaxAmount;
  /** Last day of the 30-day window after the sale: buying substantially identical shares on or before it washes the loss. */
  washWindowEnd: string;
  /** First day the asset can be bought back without a wash sale (asOf + 31 days). */
  repurchaseDate: string;
  /**
   * Substantially identical shares acquired by purchase in the 30 days up to `asOf` and still
   * held, outside this lot's own purchase (Rev. Rul. 56-602) and not already carrying a wash-sale
   * adjustment: selling this lot alone would be a wash sale to that extent (unless those shares
   * are sold in the same sale).
   */
  recentPurchaseQuantity: TaxAmount;
  washSaleRisk: boolean;
  /** From `options.replacements[asset]` (empty when none were given). */
  replacements: string[];
}

/** Result of {@link harvestCandidates}. */
export interface HarvestCandidatesResult {
  asOf: string;
  /** Candidates, largest tax saving first. */
  candidates: HarvestCandidate[];
  totalLoss: TaxAmount;
  totalTaxSaved: TaxAmount;
}

/**
 * Lots with unrealised losses worth harvesting on `asOf`: the loss, its term, the tax it would
 * save (loss × `taxRates.shortTerm` or `taxRates.longTerm`), the wash-sale window (no
 * substantially identical purchase until `repurchaseDate` = asOf + 31 days, IRC §1091), a flag
 * when recent purchases (within the 30 days before, still held) would already make the sale a
 * wash, and suggested replacements that keep market exposure. Substantially identical groups
 * come from the ledger's options. Sorted by tax saved (then loss, then lot id). Money is exact
 * (decimal.js; {@link TaxAmount}); NaN, ±Infinity or a non-decimal string as a price or `minLoss`
 * throws. No lot at a loss gives an empty `candidates` list with zero totals.
 *
 * @param ledger a ledger from `buildLedger` (taken as is: it is frozen), or a copy of one
 *   (JSON round trip, structured clone, stored by a service), checked field by field first.
 * @param prices price per share of every held asset.
 * @param options see {@link HarvestCandidatesOptions}.
 * @throws {InvalidArgumentError} on a malformed ledger (naming the bad field), missing, negative or
 *   non-finite prices, a bad `asOf`, negative `minLoss`,
 *   bad `taxRates`, or a replacement that is substantially identical to the asset it replaces.
 * @example
 * ```ts
 * import { buildLedger, harvestCandidates } from 'quantivista/tax-lots';
 * const ledger = buildLedger([{ type: 'buy', date: '2024-02-01', asset: 'X', quantity: 100, price: 50 }]);
 * const h = harvestCandidates(ledger, { X: 40 }, { asOf: '2024-12-02', taxRates: { shortTerm: 0.35, longTerm: 0.15 }, replacements: { X: ['Y'] } });
 * console.log(h.candidates[0].taxSaved.decimal); // "350"
 * console.log(h.candidates[0].repurchaseDate); // "2025-01-02"
 * ```
 */
export function harvestCandidates(ledger: TaxLedger, prices: Record<string, TaxDecimalInput>, options: HarvestCandidatesOptions): HarvestCandidatesResult {
  const fn = 'harvestCandidates';
  const l = checkLedger(fn, ledger);
  const o = checkOptions(fn, options, ['asOf', 'minLoss', 'taxRates', 'replacements']);
  const rates = checkTaxRates(fn, o.taxRates);
  const C = DX();
  const minLoss = o.minLoss === undefined ? new C(0) : toDec(fn, 'minLoss', o.minLoss, 'nonnegative', C);
  const u = unrealizedOf(fn, l, prices, { asOf: o.asOf });
  const asOf = u.asOf;
  const groupOf = new Map<string, number>();
  (l.options.substantiallyIdentical ?? []).forEach((g, gi) => g.forEach((t) => groupOf.set(t, gi)));
  const same = (a: string, b: string) => a === b || (groupOf.has(a) && groupOf.get(a) === groupOf.get(b));
  const repl = o.replacements;
  if (repl !== undefined && (repl === null || typeof repl !== 'object' || Array.isArray(repl))) {
    throw new InvalidArgumentError(`${fn}: \`replacements\` must be an object mapping asset to tickers.`, 'replacements', typeof repl);
  }
  if (repl !== undefined) {
    for (const [asset, list] of Object.entries(repl)) {
      if (!Array.isArray(list) || list.some((t) => typeof t !== 'string' || t === '')) {
        throw new InvalidArgumentError(`${fn}: \`replacements.${asset}\` must be an array of tickers.`, `replacements.${asset}`, 'invalid');
      }
      for (const t of list) {
        if (same(asset, t)) {
          throw new InvalidArgumentError(
            `${fn}: \`replacements.${asset}\` lists ${JSON.stringify(t)}, which is substantially identical to ${JSON.stringify(asset)}; buying it would wash the loss.`,
            `replacements.${asset}`,
            t,
          );
        }
      }
    }
  }
  const windowStart = isoAddDays(asOf, -30);
  const washWindowEnd = isoAddDays(asOf, 30);
  const repurchaseDate = isoAddDays(asOf, 31);
  // Recent purchases per asset: acquired in the 30 days up to asOf, by purchase, with no wash-sale
  // adjustment yet (so still able to absorb a loss); summed per substantially identical group and
  // per purchase (the rest of a lot's own purchase is not a replacement: Rev. Rul. 56-602).
  const groupKey = (a: string) => (groupOf.has(a) ? `g${groupOf.get(a)}` : `a${a}`);
  const recentByGroup = new Map<string, Dec>();
  const recentOfSource = new Map<string, Dec>();
  const sourceOfLot = new Map<string, string>();
  l.lots.forEach((other, j) => {
    sourceOfLot.set(other.id, other.sourceId);
    if (other.origin === 'transfer-in' || other.dateAcquired < windowStart || other.dateAcquired > asOf) return;
    if (other.washSaleAdjustment.number > 0) return;
    const q = fromAmount(fn, `ledger.lots[${j}].quantity`, other.quantity, C);
    const g = groupKey(other.asset);
    recentByGroup.set(g, (recentByGroup.get(g) ?? new C(0)).plus(q));
    recentOfSource.set(other.sourceId, (recentOfSource.get(other.sourceId) ?? new C(0)).plus(q));
  });
  const candidates: (HarvestCandidate & { _tax: Dec; _loss: Dec })[] = [];
  u.lots.forEach((ul, i) => {
    const gain = fromAmount(fn, `lots[${i}].gain`, ul.gain, C);
    const loss = gain.neg();
    if (!loss.gt(0) || loss.lt(minLoss)) return;
    const source = sourceOfLot.get(ul.lotId);
    const own = source === undefined ? undefined : recentOfSource.get(source);
    const recent = (recentByGroup.get(groupKey(ul.asset)) ?? new C(0)).minus(own ?? new C(0));
    const tax = loss.mul(ul.term === 'long' ? rates.longTerm : rates.shortTerm);
    candidates.push({
      lotId: ul.lotId,
      account: ul.account,
      asset: ul.asset,
      quantity: ul.quantity,
      basis: ul.basis,
      marketValue: ul.marketValue,
      loss: amount(loss),
      term: ul.term,
      taxSaved: amount(tax),
      washWindowEnd,
      repurchaseDate,
      recentPurchaseQuantity: amount(recent),
      washSaleRisk: recent.gt(0),
      replacements: repl !== undefined && Object.prototype.hasOwnProperty.call(repl, ul.asset) ? [...repl[ul.asset]!] : [],
      _tax: tax,
      _loss: loss,
    });
  });
  candidates.sort((a, b) => b._tax.cmp(a._tax) || b._loss.cmp(a._loss) || (a.lotId < b.lotId ? -1 : a.lotId > b.lotId ? 1 : 0));
  let totalLoss = new C(0);
  let totalTax = new C(0);
  const out: HarvestCandidate[] = candidates.map(({ _tax, _loss, ...c }) => {
    totalLoss = totalLoss.plus(_loss);
    totalTax = totalTax.plus(_tax);
    return c;
  });
  return { asOf, candidates: out, totalLoss: amount(totalLoss), totalTaxSaved: amount(totalTax) };
}
