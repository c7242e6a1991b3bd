/**
 * Realised gains and losses as Form 8949-style rows with totals per term.
 *
 * @module
 */
import { InvalidArgumentError } from '../core/errors.ts';
import { checkInteger, checkOptions } from '../core/validate.ts';
import { amountOfUnits, fixedScale, parseDecimal, toUnits, type FixedScale } from './fixed.ts';
import { checkLedger } from './ledger-input.ts';
import type { TaxAmount, TaxLedger, TaxRealization } from './types.ts';

/** Options of {@link realizedGains}. */
export interface RealizedGainsOptions {
  /** Only dispositions dated in this calendar (tax) year. */
  year?: number;
  /** Only this asset. */
  asset?: string;
  /** Only this account. */
  account?: string;
}

/** A Form 8949 row: columns (a) description, (b) date acquired, (c) date sold, (d) proceeds, (e) basis, (f) code, (g) adjustment, (h) gain. */
export interface Form8949Row extends TaxRealization {
  /** Column (a), e.g. `"100 sh. XYZ"`. */
  description: string;
}

/** Sums of a group of rows. */
export interface RealizedGainTotals {
  count: number;
  proceeds: TaxAmount;
  basis: TaxAmount;
  adjustment: TaxAmount;
  gain: TaxAmount;
}

/** Result of {@link realizedGains}. */
export interface RealizedGainsResult {
  /** Rows in date order. */
  rows: Form8949Row[];
  /** Short-term totals (Form 8949 Part I / Schedule D lines 1–7). */
  shortTerm: RealizedGainTotals;
  /** Long-term totals (Form 8949 Part II / Schedule D lines 8–15). */
  longTerm: RealizedGainTotals;
  total: RealizedGainTotals;
}

interface Acc {
  count: number;
  proceeds: bigint;
  basis: bigint;
  adjustment: bigint;
  gain: bigint;
}

const FIELDS = ['proceeds', 'basis', 'adjustment', 'gain'] as const;

/**
 * Realised gains and losses of a ledger as Form 8949-style rows (description, date acquired,
 * date sold, proceeds, cost basis, adjustment code `'W'` and amount for disallowed wash-sale
 * losses, gain = proceeds − basis + adjustment, short/long term) with exact totals per term.
 * Rows of kind `'return-of-capital'` are distributions in excess of basis (IRS Pub. 550), reported
 * as gains with zero basis.
 *
 * @param ledger a ledger from `buildLedger`.
 * @param options filter by `year` (of the date sold), `asset`, `account`.
 * An `asset` or `account` filter must name one that occurs in the ledger's transactions (a held but
 * never-sold asset gives no rows); a year with no disposals gives no rows and zero totals.
 *
 * @throws {InvalidArgumentError} on a malformed ledger, an unknown option, a non-integer year, or an
 * `asset` / `account` filter that occurs nowhere in the ledger.
 * @example
 * ```ts
 * import { buildLedger, realizedGains } from 'quantivista/tax-lots';
 * const ledger = buildLedger([
 *   { type: 'buy', date: '2023-01-05', asset: 'X', quantity: 10, price: 100 },
 *   { type: 'sell', date: '2024-03-01', asset: 'X', quantity: 4, price: 130 },
 * ]);
 * const r = realizedGains(ledger, { year: 2024 });
 * console.log(r.rows[0].description); // "4 sh. X"
 * console.log(r.longTerm.gain.decimal); // "120"
 * ```
 */
export function realizedGains(ledger: TaxLedger, options?: RealizedGainsOptions): RealizedGainsResult {
  const fn = 'realizedGains';
  const l = checkLedger(fn, ledger);
  const o = checkOptions(fn, options, ['year', 'asset', 'account']);
  const year = o.year === undefined ? undefined : checkInteger(fn, 'year', o.year, 0, 9999);
  for (const k of ['asset', 'account'] as const) {
    if (o[k] !== undefined && (typeof o[k] !== 'string' || o[k] === '')) {
      throw new InvalidArgumentError(`${fn}: \`${k}\` must be a non-empty string.`, k, typeof o[k]);
    }
  }
  // A filter naming an asset or account that never occurs in the ledger is almost surely a typo:
  // say so rather than return an empty report.
  if (o.asset !== undefined && !l.transactions.some((t) => t.asset === o.asset)) {
    throw new InvalidArgumentError(`${fn}: \`asset\` ${JSON.stringify(o.asset)} does not occur in the ledger's transactions.`, 'asset', o.asset);
  }
  if (o.account !== undefined && !l.transactions.some((t) => (t.account ?? 'default') === o.account)) {
    throw new InvalidArgumentError(`${fn}: \`account\` ${JSON.stringify(o.account)} does not occur in the ledger's transactions.`, 'account', o.account);
  }
  const prefix = year === undefined ? undefined : `${String(year).padStart(4, '0')}-`;
  const selected: { r: TaxRealization; i: number }[] = [];
  l.realizations.forEach((r, i) => {
    if (prefix !== undefined && !r.dateSold.startsWith(prefix)) return;
    if (o.asset !== undefined && r.asset !== o.asset) return;
    if (o.account !== undefined && r.account !== o.account) return;
    selected.push({ r, i });
  });
  // Exact sums in fixed point at a scale that holds every amount.
  const parsed = selected.map(({ r, i }) =>
    FIELDS.map((f) => parseDecimal(fn, `ledger.realizations[${i}].${f}`, (r[f] as TaxAmount | undefined)?.decimal, 'any')),
  );
  let places = 0;
  for (const ps of parsed) for (const p of ps) places = Math.max(places, p.frac.length);
  const fx: FixedScale = fixedScale(places);
  const zero = (): Acc => ({ count: 0, proceeds: 0n, basis: 0n, adjustment: 0n, gain: 0n });
  const st = zero();
  const lt = zero();
  const rows: Form8949Row[] = selected.map(({ r }, k) => {
    const acc = r.term === 'long' ? lt : st;
    const ps = parsed[k]!;
    acc.count++;
    acc.proceeds += toUnits(ps[0]!, fx);
    acc.basis += toUnits(ps[1]!, fx);
    acc.adjustment += toUnits(ps[2]!, fx);
    acc.gain += toUnits(ps[3]!, fx);
    const description =
      r.kind === 'sale' ? `${r.quantity.decimal} sh. ${r.asset}` : `${r.asset} nondividend distribution in excess of basis`;
    return {
      description,
      ...r,
      quantity: { ...r.quantity },
      proceeds: { ...r.proceeds },
      basis: { ...r.basis },
      adjustment: { ...r.adjustment },
      gain: { ...r.gain },
    };
  });
  const out = (a: Acc): RealizedGainTotals => ({
    count: a.count,
    proceeds: amountOfUnits(a.proceeds, fx),
    basis: amountOfUnits(a.basis, fx),
    adjustment: amountOfUnits(a.adjustment, fx),
    gain: amountOfUnits(a.gain, fx),
  });
  const all: Acc = {
    count: st.count + lt.count,
    proceeds: st.proceeds + lt.proceeds,
    basis: st.basis + lt.basis,
    adjustment: st.adjustment + lt.adjustment,
    gain: st.gain + lt.gain,
  };
  return { rows, shortTerm: out(st), longTerm: out(lt), total: out(all) };
}
