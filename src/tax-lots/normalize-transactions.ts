/**
 * Internal: `buildLedger`'s transactions validated and normalised ({@link NTx}): types, fields,
 * dates in order, unique ids, and every quantity, price and amount read exactly into bigint
 * fixed point at one scale chosen for the whole build.
 *
 * @module
 * @internal
 */
import { InvalidArgumentError } from '../core/errors.ts';
import { isIsoDate, isoToDayNumber } from '../core/dates.ts';
import { checkOptions } from '../core/validate.ts';
import { amountOfUnits, fixedScale, type FixedScale } from './fixed.ts';
import { ALLOCATION_PLACES } from './decimal.ts';
import { checkMethod, LEDGER_FN, type NormOptions } from './ledger-options.ts';
import { MAX_DECIMAL_DIGITS } from '../core/parse-decimal.ts';
import { checkString, dec, LOTS_FIELD, type NormContext, type NTx, setUnits } from './normalize-slots.ts';
import type { TaxTransaction, TaxTransactionType } from './types.ts';

export type { NTx } from './normalize-slots.ts';

/** Every transaction type `buildLedger` accepts. */
export const TAX_TRANSACTION_TYPES: readonly TaxTransactionType[] = [
  'buy',
  'sell',
  'split',
  'stock-dividend',
  'dividend',
  'return-of-capital',
  'fee',
  'transfer-in',
  'transfer-out',
];

const COMMON = ['type', 'date', 'asset', 'id', 'account'];
const KEYS: Record<TaxTransactionType, readonly string[]> = {
  buy: [...COMMON, 'quantity', 'price', 'fee', 'currency'],
  sell: [...COMMON, 'quantity', 'price', 'fee', 'method', 'lots'],
  split: [...COMMON, 'ratio'],
  'stock-dividend': [...COMMON, 'quantity'],
  dividend: [...COMMON, 'amount', 'reinvestQuantity'],
  'return-of-capital': [...COMMON, 'amount'],
  fee: [...COMMON, 'amount'],
  'transfer-in': [...COMMON, 'quantity', 'basis', 'acquired', 'currency'],
  'transfer-out': [...COMMON, 'quantity', 'method', 'lots'],
};

/** The type of transaction `t` (an object), checked along with its field names. */
function checkType(FN: string, t: Record<string, unknown>, at: () => string): TaxTransactionType {
  const type = t.type;
  if (typeof type !== 'string' || !(TAX_TRANSACTION_TYPES as readonly string[]).includes(type)) {
    throw new InvalidArgumentError(
      `${FN}: \`${at()}.type\` must be one of ${TAX_TRANSACTION_TYPES.map((x) => `'${x}'`).join(', ')}, got ${typeof type === 'string' ? JSON.stringify(type) : typeof type}.`,
      `${at()}.type`,
      typeof type === 'string' ? type : typeof type,
    );
  }
  const ty = type as TaxTransactionType;
  const known = KEYS[ty];
  for (const k of Object.keys(t)) {
    if (!known.includes(k)) {
      throw new InvalidArgumentError(
        `${FN}: \`${at()}.${k}\` is not a field of a '${ty}' transaction; known fields are ${known.join(', ')}.`,
        `${at()}.${k}`,
        k,
      );
    }
  }
  return ty;
}

/** The day number of transaction `i`'s date, checked to be ISO and not before the previous one. */
function checkDate(ctx: NormContext, date: unknown, i: number, at: () => string): number {
  const FN = ctx.fn;
  if (date === ctx.prevDate && i > 0) return ctx.prevDay;
  if (!isIsoDate(date)) {
    throw new InvalidArgumentError(
      `${FN}: \`${at()}.date\` must be an ISO date 'YYYY-MM-DD', got ${typeof date === 'string' ? JSON.stringify(date) : typeof date}.`,
      `${at()}.date`,
      typeof date === 'string' ? date : typeof date,
    );
  }
  if (date < ctx.prevDate) {
    throw new InvalidArgumentError(
      `${FN}: \`${at()}.date\` (${date}) is before the previous transaction's date (${ctx.prevDate}); transactions must be in date order.`,
      `${at()}.date`,
      date,
    );
  }
  const day = isoToDayNumber(date);
  ctx.prevDate = date;
  ctx.prevDay = day;
  return day;
}

/** The normalised transaction `i` with its common fields (asset, account, unique id) read; amounts follow. */
function readCommon(ctx: NormContext, t: Record<string, unknown>, i: number, at: () => string): NTx {
  const FN = ctx.fn;
  const ty = checkType(ctx.fn, t, at);
  const date = t.date;
  const day = checkDate(ctx, date, i, at);
  // (checkString only when the value is not a non-empty string: it builds the argument's name)
  const a0 = t.asset;
  const asset =
    typeof a0 === 'string' && a0 !== ''
      ? a0
      : ty === 'fee'
        ? (checkString(ctx.fn, `${at()}.asset`, a0, true) ?? '')
        : checkString(ctx.fn, `${at()}.asset`, a0, false)!;
  const c0 = t.account;
  const account = typeof c0 === 'string' && c0 !== '' ? c0 : (checkString(ctx.fn, `${at()}.account`, c0, true) ?? 'default');
  const i0 = t.id;
  const givenId = typeof i0 === 'string' && i0 !== '' ? i0 : checkString(ctx.fn, `${at()}.id`, i0, true);
  const id = givenId ?? `t${i}`;
  const idsBefore = ctx.ids.size;
  ctx.ids.add(id);
  if (ctx.ids.size === idsBefore) throw new InvalidArgumentError(`${FN}: \`${at()}.id\` ${JSON.stringify(id)} is not unique.`, `${at()}.id`, id);
  return {
    index: i,
    type: ty,
    date: date as string,
    day,
    asset,
    account,
    id,
    qty: undefined,
    price: undefined,
    fee: undefined,
    amount: undefined,
    reinvestQty: undefined,
    ratio: undefined,
    method: undefined,
    lots: undefined,
    acquired: undefined,
    basis: undefined,
    currency: undefined,
  };
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/**
 * Decimal places a split by newShares / oldShares (digits × 10^-decimals each) adds to a
 * quantity when its results are finite decimals: with the ratio in lowest terms p / q and
 * q = 2^x·5^y, max(x, y); 0 when q has another prime factor (the results are then rounded).
 */
function splitPlaces(newD: bigint, newDec: number, oldD: bigint, oldDec: number): number {
  const num = newD * 10n ** BigInt(oldDec);
  let den = oldD * 10n ** BigInt(newDec);
  den /= gcd(num, den);
  let x = 0;
  let y = 0;
  while (den % 2n === 0n) {
    den /= 2n;
    x++;
  }
  while (den % 5n === 0n) {
    den /= 5n;
    y++;
  }
  return den === 1n ? Math.max(x, y) : 0;
}

const RATIO_FORMS =
  "{ newShares, oldShares }, a positive number (or decimal string) of new shares per old share (2 for 2-for-1), or a string 'N:M' of positive decimals (N new shares for M old, e.g. '1:10')";

/** Read one side of a ratio string, or a typed error naming the whole ratio. */
function ratioPart(ctx: NormContext, n: NTx, field: number, at: () => string, part: string, whole: string): void {
  try {
    dec(ctx, n, field, at, '.ratio', part, 'positive', 'm');
  } catch (e) {
    if (!(e instanceof InvalidArgumentError)) throw e;
    throw new InvalidArgumentError(`${ctx.fn}: \`${at()}.ratio\` must be ${RATIO_FORMS}; got ${JSON.stringify(whole)}.`, `${at()}.ratio`, whole);
  }
}

/** A split's ratio: `{ newShares, oldShares }`, a number or decimal string (new shares per old share), or 'N:M'. */
function readRatio(ctx: NormContext, n: NTx, t: Record<string, unknown>, at: () => string): void {
  const FN = ctx.fn;
  const r = t.ratio;
  n.ratio = [0n, 1n];
  if (typeof r === 'number') {
    dec(ctx, n, 5, at, '.ratio', r, 'positive', 'm');
    dec(ctx, n, 6, at, '.ratio', 1, 'positive', 'm');
  } else if (typeof r === 'string' && !r.includes(':')) {
    ratioPart(ctx, n, 5, at, r, r);
    dec(ctx, n, 6, at, '.ratio', 1, 'positive', 'm');
  } else if (typeof r === 'string') {
    const parts = r.split(':');
    if (parts.length !== 2) {
      throw new InvalidArgumentError(`${FN}: \`${at()}.ratio\` must be ${RATIO_FORMS}; got ${JSON.stringify(r)}.`, `${at()}.ratio`, r);
    }
    ratioPart(ctx, n, 5, at, parts[0]!, r);
    ratioPart(ctx, n, 6, at, parts[1]!, r);
  } else {
    if (r === null || typeof r !== 'object' || Array.isArray(r)) {
      throw new InvalidArgumentError(`${FN}: \`${at()}.ratio\` must be ${RATIO_FORMS}.`, `${at()}.ratio`, r === null ? 'null' : typeof r);
    }
    const o = r as Record<string, unknown>;
    for (const k of Object.keys(o)) {
      if (k !== 'newShares' && k !== 'oldShares') {
        throw new InvalidArgumentError(`${FN}: \`${at()}.ratio.${k}\` is not a field of a ratio { newShares, oldShares }.`, `${at()}.ratio.${k}`, k);
      }
    }
    dec(ctx, n, 5, at, '.ratio.newShares', o.newShares, 'positive', 'm');
    dec(ctx, n, 6, at, '.ratio.oldShares', o.oldShares, 'positive', 'm');
  }
  const k = ctx.pendDigits.length;
  const e = splitPlaces(ctx.pendDigits[k - 2]!, ctx.pendDecimals[k - 2]!, ctx.pendDigits[k - 1]!, ctx.pendDecimals[k - 1]!);
  if (e > 0) {
    ctx.splitPlaces += e;
    ctx.splits.push({ n, places: ctx.splitPlaces });
  }
}

/** The amounts and type-specific fields of transaction `n`. */
function readFields(ctx: NormContext, n: NTx, t: Record<string, unknown>, at: () => string): void {
  const FN = ctx.fn;
  switch (n.type) {
    case 'buy':
    case 'sell':
      dec(ctx, n, 0, at, '.quantity', t.quantity, 'positive', 'q');
      dec(ctx, n, 1, at, '.price', t.price, 'nonnegative', 'p');
      if (t.fee !== undefined) dec(ctx, n, 2, at, '.fee', t.fee, 'nonnegative', 'm');
      if (n.type === 'buy' && t.currency !== undefined) n.currency = checkString(ctx.fn, `${at()}.currency`, t.currency, true);
      break;
    case 'stock-dividend':
      dec(ctx, n, 0, at, '.quantity', t.quantity, 'positive', 'q');
      break;
    case 'split':
      readRatio(ctx, n, t, at);
      break;
    case 'dividend':
      dec(ctx, n, 3, at, '.amount', t.amount, 'nonnegative', 'm');
      if (t.reinvestQuantity !== undefined) dec(ctx, n, 4, at, '.reinvestQuantity', t.reinvestQuantity, 'positive', 'q');
      break;
    case 'return-of-capital':
    case 'fee':
      dec(ctx, n, 3, at, '.amount', t.amount, 'nonnegative', 'm');
      break;
    case 'transfer-in': {
      dec(ctx, n, 0, at, '.quantity', t.quantity, 'positive', 'q');
      dec(ctx, n, 7, at, '.basis', t.basis, 'nonnegative', 'm');
      const acq = t.acquired;
      if (!isIsoDate(acq) || acq > n.date) {
        throw new InvalidArgumentError(
          `${FN}: \`${at()}.acquired\` must be an ISO date on or before the transfer date ${n.date}, got ${typeof acq === 'string' ? JSON.stringify(acq) : typeof acq}.`,
          `${at()}.acquired`,
          typeof acq === 'string' ? acq : typeof acq,
        );
      }
      n.acquired = acq;
      if (t.currency !== undefined) n.currency = checkString(ctx.fn, `${at()}.currency`, t.currency, true);
      break;
    }
    case 'transfer-out':
      dec(ctx, n, 0, at, '.quantity', t.quantity, 'positive', 'q');
      break;
  }
}

/** A sale's or transfer's relief: its own `method`, named `lots`, and the checks on the method in force. */
function readRelief(ctx: NormContext, n: NTx, t: Record<string, unknown>, at: () => string): void {
  const FN = ctx.fn;
  const ty = n.type;
  if (t.method !== undefined) n.method = checkMethod(FN, `${at()}.method`, t.method);
  if (t.lots !== undefined) {
    if (!Array.isArray(t.lots) || t.lots.length === 0) {
      throw new InvalidArgumentError(`${FN}: \`${at()}.lots\` must be a non-empty array of { lot, quantity }.`, `${at()}.lots`, typeof t.lots);
    }
    if (n.method !== undefined && n.method !== 'specific') {
      throw new InvalidArgumentError(
        `${FN}: \`${at()}.lots\` names lots but \`${at()}.method\` is '${n.method}'; omit the method or use 'specific'.`,
        `${at()}.lots`,
        n.method,
      );
    }
    n.method = 'specific';
    n.lots = (t.lots as unknown[]).map((s, j) => {
      const sarg = `${at()}.lots[${j}]`;
      if (s === null || typeof s !== 'object' || Array.isArray(s))
        throw new InvalidArgumentError(`${FN}: \`${sarg}\` must be { lot, quantity }.`, sarg, typeof s);
      checkOptions(FN, s, ['lot', 'quantity']);
      const sel = s as Record<string, unknown>;
      const lot = checkString(ctx.fn, `${sarg}.lot`, sel.lot, false)!;
      dec(ctx, n, LOTS_FIELD + j, () => sarg, '.quantity', sel.quantity, 'positive', 'q');
      return { lot, qty: 0n, arg: sarg };
    });
    ctx.lotChecks.push({ n, at: at(), ty });
  }
  const effective = n.method ?? ctx.opts.accountMethods[n.account] ?? ctx.opts.method;
  if (effective === 'specific' && n.lots === undefined) {
    throw new InvalidArgumentError(`${FN}: \`${at()}.lots\` is required: the relief method for this ${ty} is 'specific'.`, `${at()}.lots`, 'missing');
  }
  if (effective === 'tax-optimal' && ctx.opts.taxRates === null) {
    throw new InvalidArgumentError(`${FN}: method 'tax-optimal' (\`${at()}.method\`) needs the \`taxRates\` option.`, 'taxRates', 'missing');
  }
}

/** The build's scale, then every pending input in units of it; then the named lots' totals checked. */
function settleUnits(ctx: NormContext): FixedScale {
  const FN = ctx.fn;
  // Quantities have at most max(input decimals, 10) decimals before any split (pro-rata shares
  // have 10), and each exact split adds its places: the scale holds them all.
  const qtyBase = Math.max(ctx.qtyPlaces, ALLOCATION_PLACES);
  for (const sp of ctx.splits) {
    if (qtyBase + sp.places > MAX_DECIMAL_DIGITS) {
      const arg = `${ctx.name}[${sp.n.index}].ratio`;
      throw new InvalidArgumentError(
        `${FN}: the splits up to \`${arg}\` would need quantities with ${qtyBase + sp.places} decimal places to stay exact; at most ${MAX_DECIMAL_DIGITS} are supported.`,
        arg,
        qtyBase + sp.places,
      );
    }
  }
  const fx = fixedScale(Math.max(ctx.qtyPlaces + ctx.pricePlaces, ctx.otherPlaces, ctx.qtyPlaces, ctx.splitPlaces === 0 ? 0 : qtyBase + ctx.splitPlaces));
  const pow10: bigint[] = [1n];
  for (let k = 1; k <= fx.places; k++) pow10.push(pow10[k - 1]! * 10n);
  for (let k = 0; k < ctx.pendTx.length; k++) {
    const d = ctx.pendDigits[k]!;
    setUnits(ctx.pendTx[k]!, ctx.pendField[k]!, d === 0n ? 0n : d * pow10[fx.places - ctx.pendDecimals[k]!]!);
  }
  for (const { n, at, ty } of ctx.lotChecks) {
    let total = 0n;
    for (const e of n.lots!) total += e.qty;
    if (total !== n.qty) {
      const shown = amountOfUnits(total, fx).decimal;
      throw new InvalidArgumentError(
        `${FN}: the quantities in \`${at}.lots\` add up to ${shown}, not the ${ty === 'sell' ? 'sale' : 'transfer'} quantity ${amountOfUnits(n.qty!, fx).decimal}.`,
        `${at}.lots`,
        shown,
      );
    }
  }
  return fx;
}

/**
 * Validate and normalise `buildLedger`'s transactions: every amount in fixed point at one scale
 * that holds every input and every quantity × price exactly.
 * @throws {InvalidArgumentError} on anything `buildLedger` documents as invalid input.
 * @internal
 */
export function normTransactions(
  transactions: readonly TaxTransaction[],
  opts: NormOptions,
  fn: string = LEDGER_FN,
  name = 'transactions',
): { txs: NTx[]; fx: FixedScale } {
  if (!Array.isArray(transactions)) {
    throw new InvalidArgumentError(`${fn}: \`${name}\` must be an array, got ${typeof transactions}.`, name, typeof transactions);
  }
  const ctx: NormContext = {
    fn,
    name,
    opts,
    ids: new Set<string>(),
    qtyPlaces: 0,
    pricePlaces: 0,
    otherPlaces: 0,
    pendTx: [],
    pendField: [],
    pendDigits: [],
    pendDecimals: [],
    lotChecks: [],
    prevDate: '',
    prevDay: 0,
    read: { digits: 0n, decimals: 0 },
    splitPlaces: 0,
    splits: [],
  };
  const out: NTx[] = [];
  for (let i = 0; i < transactions.length; i++) {
    const t = transactions[i] as unknown as Record<string, unknown>;
    let atStr: string | undefined;
    const at = (): string => (atStr ??= `${name}[${i}]`);
    if (t === null || typeof t !== 'object' || Array.isArray(t)) {
      throw new InvalidArgumentError(`${fn}: \`${at()}\` must be an object.`, at(), typeof t);
    }
    const n = readCommon(ctx, t, i, at);
    readFields(ctx, n, t, at);
    if (n.type === 'sell' || n.type === 'transfer-out') readRelief(ctx, n, t, at);
    out.push(n);
  }
  return { txs: out, fx: settleUnits(ctx) };
}
