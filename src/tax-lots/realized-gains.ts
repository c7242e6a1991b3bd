/**
 * Realised gains and losses as Form 8949-style rows with totals per term.
 *
 * @module
 */
import { InvalidArgumentError } from '../core/errors.ts';
import { checkInteger, checkOptions } from '../core/validate.ts';
import { ALLOCATION_PLACES } from './decimal.ts';
import { amountOfUnits, fixedScale, toUnits, type FixedScale } from './fixed.ts';
import { MAX_LEDGER_DIGITS, parseDecimal } from '../core/parse-decimal.ts';
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

/** The keys of a realisation row as buildLedger writes it, in order. */
const ROW_KEYS = [
  'kind',
  'transactionId',
  'lotId',
  'account',
  'asset',
  'quantity',
  'dateAcquired',
  'holdingDate',
  'dateSold',
  'proceeds',
  'basis',
  'adjustmentCode',
  'adjustment',
  'gain',
  'term',
];

function isLedgerRow(r: object): boolean {
  const keys = Object.keys(r);
  if (keys.length !== ROW_KEYS.length || Object.getOwnPropertySymbols(r).length !== 0) return false;
  for (let k = 0; k < keys.length; k++) if (keys[k] !== ROW_KEYS[k]) return false;
  return true;
}

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10];

/**
 * A decimal string as buildLedger writes it ('-'? digits ('.' digits)?, no superfluous zeros),
 * with at most 15 digits before the point and at most 10 after: its integer part and its
 * fraction in units of 10^-10, both exact doubles with the sign of the value, into `out`; false
 * for anything else (then {@link parseDecimal} reads it, or reports it).
 */
function quickParts(s: unknown, out: [number, number]): boolean {
  if (typeof s !== 'string') return false;
  const L = s.length;
  let i = 0;
  const neg = L > 0 && s.charCodeAt(0) === 45;
  if (neg) i = 1;
  const start = i;
  let iv = 0;
  for (; i < L; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) break;
    iv = iv * 10 + (c - 48);
  }
  const nInt = i - start;
  if (nInt === 0 || nInt > 15 || (nInt > 1 && s.charCodeAt(start) === 48)) return false;
  let fv = 0;
  if (i < L) {
    if (s.charCodeAt(i) !== 46) return false;
    const fStart = ++i;
    for (; i < L; i++) {
      const c = s.charCodeAt(i);
      if (c < 48 || c > 57) return false;
      fv = fv * 10 + (c - 48);
    }
    const nFrac = L - fStart;
    if (nFrac === 0 || nFrac > ALLOCATION_PLACES || s.charCodeAt(L - 1) === 48) return false;
    fv *= POW10[ALLOCATION_PLACES - nFrac]!;
  }
  if (neg && iv === 0 && fv === 0) return false;
  out[0] = neg ? -iv : iv;
  out[1] = neg ? -fv : fv;
  return true;
}

/**
 * The exact totals per term at scale 10 (what the full parse gives when no amount has more than
 * 10 decimals), when every amount is read by {@link quickParts}; else undefined. Integer parts
 * and fractions are summed apart in doubles (exact below 2^53) and moved into bigints before a
 * sum could leave that range.
 */
function quickSums(selected: { r: TaxRealization }[]): [Acc, Acc] | undefined {
  const LIMIT = 2 ** 52;
  // [term (0 short, 1 long)][field][integer part, fraction]
  const n = new Float64Array(16);
  const b: bigint[] = [0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n];
  const counts = [0, 0];
  const parts: [number, number] = [0, 0];
  for (const { r } of selected) {
    if (r === null || typeof r !== 'object') return undefined;
    const term = r.term === 'long' ? 1 : 0;
    counts[term]++;
    for (let f = 0; f < 4; f++) {
      if (!quickParts((r[FIELDS[f]!] as TaxAmount | undefined)?.decimal, parts)) return undefined;
      const k = term * 8 + f * 2;
      for (let j = 0; j < 2; j++) {
        const v = n[k + j]! + parts[j]!;
        if (v > LIMIT || v < -LIMIT) {
          b[k + j]! += BigInt(v);
          n[k + j] = 0;
        } else n[k + j] = v;
      }
    }
  }
  const ONE = 10n ** BigInt(ALLOCATION_PLACES);
  const total = (k: number): bigint => (b[k]! + BigInt(n[k]!)) * ONE + b[k + 1]! + BigInt(n[k + 1]!);
  const acc = (term: number): Acc => ({
    count: counts[term]!,
    proceeds: total(term * 8),
    basis: total(term * 8 + 2),
    adjustment: total(term * 8 + 4),
    gain: total(term * 8 + 6),
  });
  return [acc(0), acc(1)];
}

/** A fresh copy of an amount (field by field: faster than a spread of a frozen object). */
function copyAmount(a: TaxAmount): TaxAmount {
  return { decimal: a.decimal, number: a.number };
}

/**
 * Realised gains and losses of a ledger as Form 8949-style rows (description, date acquired,
 * date sold, proceeds, cost basis, adjustment code `'W'` and amount for disallowed wash-sale
 * losses, gain = proceeds − basis + adjustment, short/long term) with exact totals per term.
 * Rows of kind `'return-of-capital'` are distributions in excess of basis (IRS Pub. 550), reported
 * as gains with zero basis.
 *
 * @param ledger a ledger from `buildLedger` (taken as is: it is frozen), or a copy of one
 *   (JSON round trip, structured clone, stored by a service), checked field by field first.
 * @param options filter by `year` (of the date sold), `asset`, `account`.
 * An `asset` or `account` filter must name one that occurs in the ledger's transactions (a held but
 * never-sold asset gives no rows); a year with no disposals gives no rows and zero totals.
 *
 * @throws {InvalidArgumentError} on a malformed ledger (naming the bad field, e.g.
 *   `ledger.realizations[3].gain.decimal`), an unknown option, a non-integer year, or an
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
  // Exact sums in fixed point at a scale that holds every amount: at once when every amount is
  // written as buildLedger writes it (the usual case), else by parsing each one in full.
  const sums = quickSums(selected);
  let fx: FixedScale;
  let st: Acc;
  let lt: Acc;
  if (sums !== undefined) {
    fx = fixedScale(ALLOCATION_PLACES);
    [st, lt] = sums;
  } else {
    const parsed = selected.map(({ r, i }) =>
      FIELDS.map((f) => parseDecimal(fn, `ledger.realizations[${i}].${f}`, (r[f] as TaxAmount | undefined)?.decimal, 'any', MAX_LEDGER_DIGITS)),
    );
    let places = 0;
    for (const ps of parsed) for (const p of ps) places = Math.max(places, p.frac.length);
    fx = fixedScale(places);
    const zero = (): Acc => ({ count: 0, proceeds: 0n, basis: 0n, adjustment: 0n, gain: 0n });
    st = zero();
    lt = zero();
    selected.forEach(({ r }, k) => {
      const acc = r.term === 'long' ? lt : st;
      const ps = parsed[k]!;
      acc.count++;
      acc.proceeds += toUnits(ps[0]!, fx);
      acc.basis += toUnits(ps[1]!, fx);
      acc.adjustment += toUnits(ps[2]!, fx);
      acc.gain += toUnits(ps[3]!, fx);
    });
  }
  const rows: Form8949Row[] = selected.map(({ r }) => {
    const description = r.kind === 'sale' ? `${r.quantity.decimal} sh. ${r.asset}` : `${r.asset} nondividend distribution in excess of basis`;
    // A row as buildLedger writes it (these own keys, in this order, and no others) is copied
    // field by field; anything else through the spread, which gives the same for such a row.
    if (isLedgerRow(r)) {
      return {
        description,
        kind: r.kind,
        transactionId: r.transactionId,
        lotId: r.lotId,
        account: r.account,
        asset: r.asset,
        quantity: copyAmount(r.quantity),
        dateAcquired: r.dateAcquired,
        holdingDate: r.holdingDate,
        dateSold: r.dateSold,
        proceeds: copyAmount(r.proceeds),
        basis: copyAmount(r.basis),
        adjustmentCode: r.adjustmentCode,
        adjustment: copyAmount(r.adjustment),
        gain: copyAmount(r.gain),
        term: r.term,
      };
    }
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
