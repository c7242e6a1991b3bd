/**
 * The tax-lot ledger: fold dated transactions into open lots, realised gains, wash-sale
 * adjustments and cash, exactly (bigint fixed point; results identical to decimal.js to the
 * string).
 *
 * @module
 */
import { InsufficientLotsError, InvalidArgumentError } from '../core/errors.ts';
import { isIsoDate, isoFromDayNumber, isoToDayNumber } from '../core/dates.ts';
import { checkOptions, checkRange } from '../core/validate.ts';
import { allocate, amountOfUnits, fixedScale, mulUnits, parseDecimal, type FixedScale } from './fixed.ts';

type Dec = bigint;
import { longTermStartDate } from './holding-period.ts';
import type {
  BuildLedgerOptions,
  ReliefMethod,
  TaxLedger,
  TaxLot,
  TaxRates,
  TaxRealization,
  TaxTransaction,
  TaxTransactionType,
  TransferredLot,
  ReturnOfCapitalRecord,
  WashSaleAdjustment,
} from './types.ts';

const FN = 'buildLedger';

/** Every relief method `buildLedger` accepts. */
export const RELIEF_METHODS: readonly ReliefMethod[] = ['fifo', 'lifo', 'hifo', 'lowest-cost', 'specific', 'average-cost', 'tax-optimal'];

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

const WASH_WINDOW_DAYS = 30;

/** Dates are cached in arrays from this many days before the first transaction to the last (at most DAY_CACHE_MAX days). */
const DAY_CACHE_BEFORE = 3660;
const DAY_CACHE_MAX = 65536;

// ---------------------------------------------------------------------------------------------
// Internal state

interface NTx {
  index: number;
  type: TaxTransactionType;
  date: string;
  day: number;
  asset: string;
  account: string;
  id: string;
  qty: Dec | undefined;
  price: Dec | undefined;
  fee: Dec | undefined;
  amount: Dec | undefined;
  reinvestQty: Dec | undefined;
  ratio: [Dec, Dec] | undefined;
  method: ReliefMethod | undefined;
  lots: { lot: string; qty: Dec; arg: string }[] | undefined;
  acquired: string | undefined;
  basis: Dec | undefined;
  currency: string | undefined;
}

interface Pending {
  qty: Dec;
  loss: Dec;
  heldDays: number;
  /** The adjustment as reported; its `toLot` and `newHoldingDate` are filled in when the shares are bought. */
  rec: WashSaleAdjustment;
}

/** A wash-sale group's acquisitions in order, with their day numbers alongside (for the window search). */
interface AcqList {
  acqs: Acq[];
  days: number[];
}

interface Acq {
  txIndex: number;
  day: number;
  qty: Dec;
  absorbed: Dec;
  pending: Pending[];
  lots: Lot[];
}

interface Lot {
  /** The pool (account and asset) holding the lot. */
  pool: Pool;
  id: string;
  sourceId: string;
  seq: number;
  acq: Acq | undefined;
  account: string;
  asset: string;
  qty: Dec;
  basis: Dec;
  acquired: string;
  acqDay: number;
  holdDay: number;
  origin: TaxLot['origin'];
  wash: Dec;
  used: boolean;
  open: boolean;
  currency: string | undefined;
  /** Basis per share as a double (a sort key), computed from `keyBasis` and `keyQty` (recomputed when they are no longer the lot's). */
  key: number;
  keyBasis: Dec;
  keyQty: Dec;
  /** Tax-optimal category and tax per share for the sale being matched. */
  cat: number;
  tax: number;
}

interface Pool {
  lots: Lot[];
  qty: Dec;
}

/** Index of the first element of the ascending `days` that is >= `day` (days.length if none). */
function firstOnOrAfter(days: number[], day: number): number {
  let a = 0;
  let b = days.length;
  while (a < b) {
    const m = (a + b) >>> 1;
    if (days[m]! < day) a = m + 1;
    else b = m;
  }
  return a;
}

/** Drop closed lots, in place, keeping the order. */
function compactOpen(lots: Lot[]): void {
  let j = 0;
  for (let i = 0; i < lots.length; i++) {
    const l = lots[i]!;
    if (l.open) lots[j++] = l;
  }
  if (j !== lots.length) lots.length = j;
}

// Lot orders (comparators at module scope: no closure per sale). `key` (brought up to date),
// `cat` and `tax` are set on the lots just before a sort that reads them.
function byAcq(a: Lot, b: Lot): number {
  return a.acqDay - b.acqDay || a.seq - b.seq;
}
function byAcqDesc(a: Lot, b: Lot): number {
  return b.acqDay - a.acqDay || b.seq - a.seq;
}
/** Basis per share, a against b: by the double keys unless they are within 1e-9 (relative), then exactly. */
function perShareCmp(a: Lot, b: Lot): number {
  const ka = a.key;
  const kb = b.key;
  if (Math.abs(ka - kb) > 1e-9 * Math.max(Math.abs(ka), Math.abs(kb))) return ka < kb ? -1 : 1;
  const x = a.basis * b.qty;
  const y = b.basis * a.qty;
  return x < y ? -1 : x > y ? 1 : 0;
}
function hifoCmp(a: Lot, b: Lot): number {
  return perShareCmp(b, a) || byAcq(a, b);
}
function lowestCostCmp(a: Lot, b: Lot): number {
  return perShareCmp(a, b) || byAcq(a, b);
}
function taxOptimalCmp(a: Lot, b: Lot): number {
  if (a.cat !== b.cat) return a.cat - b.cat;
  if (Math.abs(a.tax - b.tax) > 1e-9 * Math.max(Math.abs(a.tax), Math.abs(b.tax))) return a.tax < b.tax ? -1 : 1;
  // (near) tie in tax per share: the higher basis per share (the smaller gain) first
  return -perShareCmp(a, b) || byAcq(a, b);
}

// ---------------------------------------------------------------------------------------------
// Validation of options and transactions

interface NormOptions {
  method: ReliefMethod;
  accountMethods: Record<string, ReliefMethod>;
  taxRates: TaxRates | null;
  substantiallyIdentical: string[][];
  washSales: boolean;
}

function checkMethod(arg: string, value: unknown): ReliefMethod {
  if (typeof value !== 'string' || !(RELIEF_METHODS as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(
      `${FN}: \`${arg}\` must be one of ${RELIEF_METHODS.map((m) => `'${m}'`).join(', ')}, got ${typeof value === 'string' ? JSON.stringify(value) : typeof value}.`,
      arg,
      typeof value === 'string' ? value : typeof value,
    );
  }
  return value as ReliefMethod;
}

function normOptions(options: BuildLedgerOptions | undefined): NormOptions {
  const o = checkOptions(FN, options, ['method', 'accountMethods', 'taxRates', 'substantiallyIdentical', 'washSales']);
  const method = o.method === undefined ? 'fifo' : checkMethod('method', o.method);
  const accountMethods: Record<string, ReliefMethod> = Object.create(null) as Record<string, ReliefMethod>;
  if (o.accountMethods !== undefined) {
    if (o.accountMethods === null || typeof o.accountMethods !== 'object' || Array.isArray(o.accountMethods)) {
      throw new InvalidArgumentError(`${FN}: \`accountMethods\` must be an object mapping account to method.`, 'accountMethods', typeof o.accountMethods);
    }
    for (const [acct, m] of Object.entries(o.accountMethods)) accountMethods[acct] = checkMethod(`accountMethods.${acct}`, m);
  }
  let taxRates: TaxRates | null = null;
  if (o.taxRates !== undefined && o.taxRates !== null) taxRates = checkTaxRates(FN, o.taxRates);
  const groups: string[][] = [];
  if (o.substantiallyIdentical !== undefined) {
    if (!Array.isArray(o.substantiallyIdentical)) {
      throw new InvalidArgumentError(`${FN}: \`substantiallyIdentical\` must be an array of arrays of tickers.`, 'substantiallyIdentical', typeof o.substantiallyIdentical);
    }
    const seen = new Map<string, number>();
    o.substantiallyIdentical.forEach((g, gi) => {
      if (!Array.isArray(g) || g.some((t) => typeof t !== 'string' || t === '')) {
        throw new InvalidArgumentError(`${FN}: \`substantiallyIdentical[${gi}]\` must be an array of non-empty tickers.`, `substantiallyIdentical[${gi}]`, 'invalid');
      }
      for (const t of g) {
        if (seen.has(t) && seen.get(t) !== gi) {
          throw new InvalidArgumentError(`${FN}: ticker ${JSON.stringify(t)} appears in two \`substantiallyIdentical\` groups (${seen.get(t)} and ${gi}).`, `substantiallyIdentical[${gi}]`, t);
        }
        seen.set(t, gi);
      }
      groups.push([...g]);
    });
  }
  if (o.washSales !== undefined && typeof o.washSales !== 'boolean') {
    throw new InvalidArgumentError(`${FN}: \`washSales\` must be a boolean, got ${typeof o.washSales}.`, 'washSales', typeof o.washSales);
  }
  const usesTaxOptimal = method === 'tax-optimal' || Object.values(accountMethods).includes('tax-optimal');
  if (usesTaxOptimal && taxRates === null) {
    throw new InvalidArgumentError(`${FN}: method 'tax-optimal' needs \`taxRates\` ({ shortTerm, longTerm }).`, 'taxRates', 'missing');
  }
  return { method, accountMethods, taxRates, substantiallyIdentical: groups, washSales: o.washSales ?? true };
}

/** Validate `{ shortTerm, longTerm }` rates in [0, 1]. @internal */
export function checkTaxRates(fn: string, value: unknown): TaxRates {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidArgumentError(`${fn}: \`taxRates\` must be an object { shortTerm, longTerm }.`, 'taxRates', typeof value);
  }
  checkOptions(fn, value as object, ['shortTerm', 'longTerm']);
  const v = value as Record<string, unknown>;
  const shortTerm = checkRange(fn, 'taxRates.shortTerm', v.shortTerm, { min: 0, max: 1 });
  const longTerm = checkRange(fn, 'taxRates.longTerm', v.longTerm, { min: 0, max: 1 });
  return { shortTerm, longTerm };
}

function checkString(arg: string, value: unknown, optional: boolean): string | undefined {
  if (value === undefined && optional) return undefined;
  if (typeof value !== 'string' || value === '') {
    throw new InvalidArgumentError(`${FN}: \`${arg}\` must be a non-empty string, got ${typeof value === 'string' ? '""' : typeof value}.`, arg, typeof value);
  }
  return value;
}

// A decimal input is read as its digits (an integer) and its number of decimals; its units are
// digits × 10^(S − decimals) once the scale S is known (after the last transaction).
let digitsOut = 0n;
let decimalsOut = 0;

/**
 * The common case of {@link parseDecimal} without its regular expressions or objects: a positive
 * finite number below 1e21 whose shortest form has no exponent (or 0 where 0 is allowed), into
 * `digitsOut` / `decimalsOut`: exactly what parseDecimal reads. False means "use parseDecimal"
 * (which also reports errors).
 */
function quickDigits(value: unknown, positive: boolean): boolean {
  if (typeof value !== 'number') return false;
  if (!(value > 0)) {
    if (value !== 0 || positive) return false;
    digitsOut = 0n;
    decimalsOut = 0;
    return true;
  }
  if (value >= 1e21) return false;
  if (Number.isInteger(value)) {
    digitsOut = BigInt(value);
    decimalsOut = 0;
    return true;
  }
  const s = String(value);
  if (s.indexOf('e') !== -1) return false;
  const dot = s.indexOf('.');
  digitsOut = BigInt(s.slice(0, dot) + s.slice(dot + 1));
  decimalsOut = s.length - dot - 1;
  return true;
}

/** Pending slot fields: 0 quantity, 1 price, 2 fee, 3 amount, 4 reinvested quantity, 5 / 6 split ratio, 7 basis, LOTS_FIELD + j the quantity of lots[j]. */
const LOTS_FIELD = 8;

function setUnits(n: NTx, field: number, u: bigint): void {
  switch (field) {
    case 0:
      n.qty = u;
      break;
    case 1:
      n.price = u;
      break;
    case 2:
      n.fee = u;
      break;
    case 3:
      n.amount = u;
      break;
    case 4:
      n.reinvestQty = u;
      break;
    case 5:
      n.ratio![0] = u;
      break;
    case 6:
      n.ratio![1] = u;
      break;
    case 7:
      n.basis = u;
      break;
    default:
      n.lots![field - LOTS_FIELD]!.qty = u;
  }
}

function normTransactions(transactions: readonly TaxTransaction[], opts: NormOptions): { txs: NTx[]; fx: FixedScale } {
  if (!Array.isArray(transactions)) {
    throw new InvalidArgumentError(`${FN}: \`transactions\` must be an array, got ${typeof transactions}.`, 'transactions', typeof transactions);
  }
  const out: NTx[] = [];
  const ids = new Set<string>();
  // Inputs are parsed first (as digits and decimals, in pending slots: which transaction, which
  // field), then converted to fixed point once the scale is known.
  let qtyPlaces = 0;
  let pricePlaces = 0;
  let otherPlaces = 0;
  const pendTx: NTx[] = [];
  const pendField: number[] = []; // see setUnits
  const pendDigits: bigint[] = [];
  const pendDecimals: number[] = [];
  // The argument's name is only built when parseDecimal needs it (an error or an unusual input).
  const dec = (
    n: NTx,
    field: number,
    arg: () => string,
    suffix: string,
    value: unknown,
    sign: 'positive' | 'nonnegative',
    kind: 'q' | 'p' | 'm',
  ): void => {
    if (!quickDigits(value, sign === 'positive')) {
      const p = parseDecimal(FN, arg() + suffix, value, sign);
      const d = BigInt((p.int === '' ? '0' : p.int) + p.frac);
      digitsOut = p.neg ? -d : d;
      decimalsOut = p.frac.length;
    }
    if (kind === 'q') {
      if (decimalsOut > qtyPlaces) qtyPlaces = decimalsOut;
    } else if (kind === 'p') {
      if (decimalsOut > pricePlaces) pricePlaces = decimalsOut;
    } else if (decimalsOut > otherPlaces) otherPlaces = decimalsOut;
    pendTx.push(n);
    pendField.push(field);
    pendDigits.push(digitsOut);
    pendDecimals.push(decimalsOut);
  };
  const lotChecks: { n: NTx; at: string; ty: string }[] = [];
  let prevDate = '';
  let prevDay = 0;
  for (let i = 0; i < transactions.length; i++) {
    const t = transactions[i] as unknown as Record<string, unknown>;
    let atStr: string | undefined;
    const at = (): string => (atStr ??= `transactions[${i}]`);
    if (t === null || typeof t !== 'object' || Array.isArray(t)) {
      throw new InvalidArgumentError(`${FN}: \`${at()}\` must be an object.`, at(), typeof t);
    }
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
        throw new InvalidArgumentError(`${FN}: \`${at()}.${k}\` is not a field of a '${ty}' transaction; known fields are ${known.join(', ')}.`, `${at()}.${k}`, k);
      }
    }
    const date = t.date;
    let day: number;
    if (date === prevDate && i > 0) day = prevDay;
    else {
      if (!isIsoDate(date)) {
        throw new InvalidArgumentError(`${FN}: \`${at()}.date\` must be an ISO date 'YYYY-MM-DD', got ${typeof date === 'string' ? JSON.stringify(date) : typeof date}.`, `${at()}.date`, typeof date === 'string' ? date : typeof date);
      }
      if (date < prevDate) {
        throw new InvalidArgumentError(`${FN}: \`${at()}.date\` (${date}) is before the previous transaction's date (${prevDate}); transactions must be in date order.`, `${at()}.date`, date);
      }
      day = isoToDayNumber(date);
      prevDate = date;
      prevDay = day;
    }
    // (checkString only when the value is not a non-empty string: it builds the argument's name)
    const a0 = t.asset;
    const asset = typeof a0 === 'string' && a0 !== '' ? a0 : ty === 'fee' ? (checkString(`${at()}.asset`, a0, true) ?? '') : checkString(`${at()}.asset`, a0, false)!;
    const c0 = t.account;
    const account = typeof c0 === 'string' && c0 !== '' ? c0 : (checkString(`${at()}.account`, c0, true) ?? 'default');
    const i0 = t.id;
    const givenId = typeof i0 === 'string' && i0 !== '' ? i0 : checkString(`${at()}.id`, i0, true);
    const id = givenId ?? `t${i}`;
    const idsBefore = ids.size;
    ids.add(id);
    if (ids.size === idsBefore) throw new InvalidArgumentError(`${FN}: \`${at()}.id\` ${JSON.stringify(id)} is not unique.`, `${at()}.id`, id);
    const n: NTx = {
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
    switch (ty) {
      case 'buy':
      case 'sell':
        dec(n, 0, at, '.quantity', t.quantity, 'positive', 'q');
        dec(n, 1, at, '.price', t.price, 'nonnegative', 'p');
        if (t.fee !== undefined) dec(n, 2, at, '.fee', t.fee, 'nonnegative', 'm');
        if (ty === 'buy' && t.currency !== undefined) n.currency = checkString(`${at()}.currency`, t.currency, true);
        break;
      case 'stock-dividend':
        dec(n, 0, at, '.quantity', t.quantity, 'positive', 'q');
        break;
      case 'split': {
        const r = t.ratio as Record<string, unknown> | undefined;
        if (r === null || typeof r !== 'object' || Array.isArray(r)) {
          throw new InvalidArgumentError(`${FN}: \`${at()}.ratio\` must be { newShares, oldShares }, e.g. { newShares: 2, oldShares: 1 } for 2-for-1.`, `${at()}.ratio`, typeof r);
        }
        checkOptions(FN, r, ['newShares', 'oldShares']);
        n.ratio = [0n, 1n];
        dec(n, 5, at, '.ratio.newShares', r.newShares, 'positive', 'm');
        dec(n, 6, at, '.ratio.oldShares', r.oldShares, 'positive', 'm');
        break;
      }
      case 'dividend':
        dec(n, 3, at, '.amount', t.amount, 'nonnegative', 'm');
        if (t.reinvestQuantity !== undefined) dec(n, 4, at, '.reinvestQuantity', t.reinvestQuantity, 'positive', 'q');
        break;
      case 'return-of-capital':
      case 'fee':
        dec(n, 3, at, '.amount', t.amount, 'nonnegative', 'm');
        break;
      case 'transfer-in': {
        dec(n, 0, at, '.quantity', t.quantity, 'positive', 'q');
        dec(n, 7, at, '.basis', t.basis, 'nonnegative', 'm');
        const acq = t.acquired;
        if (!isIsoDate(acq) || acq > (date as string)) {
          throw new InvalidArgumentError(`${FN}: \`${at()}.acquired\` must be an ISO date on or before the transfer date ${date as string}, got ${typeof acq === 'string' ? JSON.stringify(acq) : typeof acq}.`, `${at()}.acquired`, typeof acq === 'string' ? acq : typeof acq);
        }
        n.acquired = acq;
        if (t.currency !== undefined) n.currency = checkString(`${at()}.currency`, t.currency, true);
        break;
      }
      case 'transfer-out':
        dec(n, 0, at, '.quantity', t.quantity, 'positive', 'q');
        break;
    }
    if (ty === 'sell' || ty === 'transfer-out') {
      if (t.method !== undefined) n.method = checkMethod(`${at()}.method`, t.method);
      if (t.lots !== undefined) {
        if (!Array.isArray(t.lots) || t.lots.length === 0) {
          throw new InvalidArgumentError(`${FN}: \`${at()}.lots\` must be a non-empty array of { lot, quantity }.`, `${at()}.lots`, typeof t.lots);
        }
        if (n.method !== undefined && n.method !== 'specific') {
          throw new InvalidArgumentError(`${FN}: \`${at()}.lots\` names lots but \`${at()}.method\` is '${n.method}'; omit the method or use 'specific'.`, `${at()}.lots`, n.method);
        }
        n.method = 'specific';
        n.lots = (t.lots as unknown[]).map((s, j) => {
          const sarg = `${at()}.lots[${j}]`;
          if (s === null || typeof s !== 'object' || Array.isArray(s)) throw new InvalidArgumentError(`${FN}: \`${sarg}\` must be { lot, quantity }.`, sarg, typeof s);
          checkOptions(FN, s, ['lot', 'quantity']);
          const sel = s as Record<string, unknown>;
          const lot = checkString(`${sarg}.lot`, sel.lot, false)!;
          dec(n, LOTS_FIELD + j, () => sarg, '.quantity', sel.quantity, 'positive', 'q');
          return { lot, qty: 0n, arg: sarg };
        });
        lotChecks.push({ n, at: at(), ty });
      }
      const effective = n.method ?? opts.accountMethods[account] ?? opts.method;
      if (effective === 'specific' && n.lots === undefined) {
        throw new InvalidArgumentError(`${FN}: \`${at()}.lots\` is required: the relief method for this ${ty} is 'specific'.`, `${at()}.lots`, 'missing');
      }
      if (effective === 'tax-optimal' && opts.taxRates === null) {
        throw new InvalidArgumentError(`${FN}: method 'tax-optimal' (\`${at()}.method\`) needs the \`taxRates\` option.`, 'taxRates', 'missing');
      }
    }
    out.push(n);
  }
  const fx = fixedScale(Math.max(qtyPlaces + pricePlaces, otherPlaces, qtyPlaces));
  const pow10: bigint[] = [1n];
  for (let k = 1; k <= fx.places; k++) pow10.push(pow10[k - 1]! * 10n);
  for (let k = 0; k < pendTx.length; k++) {
    const d = pendDigits[k]!;
    setUnits(pendTx[k]!, pendField[k]!, d === 0n ? 0n : d * pow10[fx.places - pendDecimals[k]!]!);
  }
  for (const { n, at, ty } of lotChecks) {
    let total = 0n;
    for (const e of n.lots!) total += e.qty;
    if (total !== n.qty) {
      const shown = fmt(total, fx);
      throw new InvalidArgumentError(
        `${FN}: the quantities in \`${at}.lots\` add up to ${shown}, not the ${ty === 'sell' ? 'sale' : 'transfer'} quantity ${fmt(n.qty!, fx)}.`,
        `${at}.lots`,
        shown,
      );
    }
  }
  return { txs: out, fx };
}

function fmt(u: bigint, fx: FixedScale): string {
  return amountOfUnits(u, fx).decimal;
}

// ---------------------------------------------------------------------------------------------
// The fold

/**
 * Build a tax-lot ledger from dated transactions: open lots (quantity, adjusted basis,
 * acquisition and holding dates), realised gains and losses (Form 8949 rows), wash-sale
 * adjustments, transfers out, returns of capital and net cash per account.
 *
 * **Pure and exact.** The same transactions and options give the same ledger; inputs are never
 * mutated and every result is a fresh JSON-safe object. Quantities and money are read exactly
 * (decimal strings, or numbers through their shortest decimal form, as decimal.js reads them) and
 * folded in exact fixed-point arithmetic (bigint counts of 10^-S with S chosen per build so that
 * every input and every quantity × price is exact; no float ever touches an amount); they come
 * out as {@link TaxAmount} (exact `decimal` string + `number`). Where an amount must be split pro
 * rata (a partial lot's basis, a sale's proceeds over several lots, a split's new quantity, a
 * stock dividend or return of capital over lots) the share is rounded half-even to 10 decimal
 * places and the last share takes the exact remainder, so totals always reconcile exactly.
 *
 * **Transactions** (in non-decreasing date order; same-day transactions in the order given):
 * `buy` (basis = quantity × price + fee), `sell` (proceeds = quantity × price − fee), `split`
 * (all accounts; quantities × newShares/oldShares, basis and dates unchanged), `stock-dividend`
 * (nontaxable, same class: new shares spread over the account's lots, basis and holding period
 * unchanged, IRS Pub. 550), `dividend` (cash income; with `reinvestQuantity` a new lot whose basis
 * is the dividend), `return-of-capital` (spread over the account's lots by quantity; reduces basis;
 * the excess over a lot's basis is a capital gain row of kind `'return-of-capital'`, Pub. 550
 * "Nondividend Distributions"), `fee` (cash only), `transfer-in` (a lot with its original
 * acquisition date and basis), `transfer-out` (lots leave with their basis; no gain).
 *
 * **Relief methods** ({@link ReliefMethod}): the sale's `method`, else `accountMethods[account]`,
 * else `method` (default `'fifo'`). A sale that names `lots` uses specific identification.
 *
 * **Holding period**: long-term when held more than one year, see {@link longTermStartDate}.
 *
 * **Wash sales** (IRC §1091, Treas. Reg. §1.1091-1 and -2), applied unless `washSales: false`:
 * - a sale of a lot at a loss is a wash sale to the extent substantially identical shares (same
 *   ticker, or a ticker in the same `substantiallyIdentical` group) were acquired by purchase or
 *   dividend reinvestment within 30 days before or after the sale date, in any account;
 * - replacement shares are matched in order of acquisition (earliest first, §1.1091-1(d)), each
 *   share absorbing a disallowed loss only once; shares sold in the same sale are not replacements,
 *   nor are shares already disposed of before the sale, nor the unsold rest of the purchase the
 *   loss shares came from (Rev. Rul. 56-602, 1956-2 C.B. 527: selling part of a lot bought less
 *   than 30 days before reduces the position, it does not replace it); other shares acquired
 *   within the 30 days before and still held are replacements;
 * - with fewer replacement shares than loss shares the loss is disallowed pro rata (§1.1091-1(c));
 * - losses are matched in the order the sales happen (§1.1091-1(b));
 * - the disallowed loss is added to the replacement shares' basis (§1.1091-2; a replacement lot
 *   is split when only part of it absorbs) and their holding date moves earlier by the days the
 *   sold shares were held (IRC §1223(3));
 * - windows cross year ends; a transfer in is not an acquisition; every adjustment is recorded
 *   with code `'W'`, the lots it moved from and to, the quantity and the amount.
 * Sales are matched with replacements acquired later as the fold reaches them, so a loss in
 * December is washed by a January purchase and the January lot carries the adjustment.
 *
 * @param transactions dated transactions ({@link TaxTransaction}).
 * @param options {@link BuildLedgerOptions}.
 * @returns the {@link TaxLedger}.
 * @throws {InsufficientLotsError} when a sale or transfer asks for more than is held, or more of a
 *   named lot than it holds (with the asset, date and shortfall).
 * @throws {InvalidArgumentError} on an unknown transaction type or field, a date out of order or
 *   not ISO, a negative or non-finite quantity, price or amount (or one with more than 100 digits
 *   before or after the decimal point), an unknown lot id, duplicate ids,
 *   lot quantities that do not add up, a stock dividend or return of capital with no shares held,
 *   an unknown option or method, or 'tax-optimal' without `taxRates`. Nothing is returned on error.
 * @example
 * ```ts
 * import { buildLedger } from 'quantivista/tax-lots';
 * // IRS Pub. 550 wash-sale example: buy 100 X for $1,000, sell for $750, rebuy within 30 days for $800.
 * const ledger = buildLedger([
 *   { type: 'buy', date: '2024-01-10', asset: 'X', quantity: 100, price: 10, id: 'old' },
 *   { type: 'sell', date: '2024-06-03', asset: 'X', quantity: 100, price: 7.5, id: 's1' },
 *   { type: 'buy', date: '2024-06-20', asset: 'X', quantity: 100, price: 8, id: 'new' },
 * ]);
 * console.log(ledger.realizations[0].adjustment.decimal); // "250"
 * console.log(ledger.lots[0].basis.decimal); // "1050"
 * ```
 */
export function buildLedger(transactions: readonly TaxTransaction[], options?: BuildLedgerOptions): TaxLedger {
  const opts = normOptions(options);
  const { txs, fx } = normTransactions(transactions, opts);
  return fold(transactions, txs, opts, fx);
}

function fold(raw: readonly TaxTransaction[], txs: NTx[], opts: NormOptions, fx: FixedScale): TaxLedger {
  const ZERO = 0n;
  const amount = (u: bigint) => amountOfUnits(u, fx);
  const alloc = (a: bigint, x: bigint, y: bigint) => allocate(a, x, y, fx);
  const mul = (x: bigint, y: bigint) => mulUnits(x, y, fx);
  const min = (x: bigint, y: bigint) => (x < y ? x : y);

  // Wash-sale groups and the acquisitions of each group, in order.
  const groupOf = new Map<string, string>();
  opts.substantiallyIdentical.forEach((g, gi) => {
    for (const t of g) groupOf.set(t, `g${gi}`);
  });
  // (keys 'g<index>' for a group, 'a<ticker>' for a lone ticker: no ticker can collide with a group)
  const group = (asset: string): string => groupOf.get(asset) ?? `a${asset}`;
  const acqAt: (Acq | undefined)[] = new Array<Acq | undefined>(txs.length).fill(undefined);
  const acqByGroup = new Map<string, AcqList>();
  if (opts.washSales) {
    for (const t of txs) {
      const q = t.type === 'buy' ? t.qty : t.type === 'dividend' ? t.reinvestQty : undefined;
      if (q === undefined) continue;
      const a: Acq = { txIndex: t.index, day: t.day, qty: q, absorbed: ZERO, pending: [], lots: [] };
      acqAt[t.index] = a;
      const g = group(t.asset);
      let list = acqByGroup.get(g);
      if (list === undefined) acqByGroup.set(g, (list = { acqs: [], days: [] }));
      list.acqs.push(a);
      list.days.push(t.day);
    }
  }

  const pools = new Map<string, Pool>();
  const poolsByAsset = new Map<string, Pool[]>();
  // (length-prefixed: injective whatever characters the names contain)
  const poolKey = (account: string, asset: string) => `${account.length}:${account}${asset}`;
  const getPool = (account: string, asset: string): Pool => {
    const k = poolKey(account, asset);
    let p = pools.get(k);
    if (p === undefined) {
      p = { lots: [], qty: ZERO };
      pools.set(k, p);
      let list = poolsByAsset.get(asset);
      if (list === undefined) poolsByAsset.set(asset, (list = []));
      list.push(p);
    }
    return p;
  };

  let seq = 0;
  const pieceCount = new Map<string, number>();
  // The results are built as the fold goes (each row is final when it is pushed, except a wash
  // adjustment onto shares bought later, completed when they are bought).
  const realizations: TaxRealization[] = [];
  const washSales: WashSaleAdjustment[] = [];
  const transfers: TransferredLot[] = [];
  const rocs: ReturnOfCapitalRecord[] = [];
  const cash = new Map<string, Dec>();
  let dividends = ZERO;
  let reinvested = ZERO;
  let rocTotal = ZERO;
  let fees = ZERO;
  const addCash = (account: string, d: Dec) => cash.set(account, (cash.get(account) ?? ZERO) + d);

  // Dates by day number: arrays over the ledger's years (holding dates may be earlier), a Map beyond.
  const dayBase = txs.length === 0 ? 0 : txs[0]!.day - DAY_CACHE_BEFORE;
  const span = txs.length === 0 ? 0 : txs[txs.length - 1]!.day - dayBase + 1;
  const daySpan = span <= DAY_CACHE_MAX ? span : 0;
  const dayStr: (string | undefined)[] = new Array<string | undefined>(daySpan).fill(undefined);
  const ltDay: number[] = new Array<number>(daySpan).fill(NaN);
  const dayStrFar = new Map<number, string>();
  const ltDayFar = new Map<number, number>();
  const dateOf = (day: number): string => {
    const i = day - dayBase;
    let v = i >= 0 && i < daySpan ? dayStr[i] : dayStrFar.get(day);
    if (v === undefined) {
      v = isoFromDayNumber(day);
      if (i >= 0 && i < daySpan) dayStr[i] = v;
      else dayStrFar.set(day, v);
    }
    return v;
  };
  const longTermDay = (holdDay: number): number => {
    const i = holdDay - dayBase;
    let v = i >= 0 && i < daySpan ? ltDay[i]! : (ltDayFar.get(holdDay) ?? NaN);
    if (Number.isNaN(v)) {
      v = isoToDayNumber(longTermStartDate(dateOf(holdDay)));
      if (i >= 0 && i < daySpan) ltDay[i] = v;
      else ltDayFar.set(holdDay, v);
    }
    return v;
  };

  const newLot = (
    pool: Pool,
    id: string,
    sourceId: string,
    acq: Acq | undefined,
    account: string,
    asset: string,
    qty: Dec,
    basis: Dec,
    acquired: string,
    acqDay: number,
    holdDay: number,
    origin: TaxLot['origin'],
    currency: string | undefined,
    used: boolean,
    wash: Dec,
  ): Lot => {
    const lot: Lot = {
      pool,
      id,
      sourceId,
      seq: seq++,
      acq,
      account,
      asset,
      qty,
      basis,
      acquired,
      acqDay,
      holdDay,
      origin,
      wash,
      used,
      open: true,
      currency,
      key: NaN,
      keyBasis: -1n,
      keyQty: -1n,
      cat: 0,
      tax: NaN,
    };
    pool.lots.push(lot);
    if (acq !== undefined) acq.lots.push(lot);
    return lot;
  };
  const pieceId = (sourceId: string): string => {
    const k = (pieceCount.get(sourceId) ?? 0) + 1;
    pieceCount.set(sourceId, k);
    return `${sourceId}/w${k}`;
  };

  /** Push one realisation row (a sale of a piece of a lot, or a return of capital above basis). */
  const realize = (
    kind: TaxRealization['kind'],
    t: NTx,
    lotId: string,
    qty: Dec,
    acquired: string,
    holdDay: number,
    proceeds: Dec,
    basis: Dec,
    adjustment: Dec,
  ) => {
    realizations.push({
      kind,
      transactionId: t.id,
      lotId,
      account: t.account,
      asset: t.asset,
      quantity: amount(qty),
      dateAcquired: acquired,
      holdingDate: dateOf(holdDay),
      dateSold: t.date,
      proceeds: amount(proceeds),
      basis: amount(basis),
      adjustmentCode: adjustment > 0n ? 'W' : '',
      adjustment: amount(adjustment),
      gain: amount(proceeds - basis + adjustment),
      term: t.day >= longTermDay(holdDay) ? 'long' : 'short',
    });
  };

  // Create an acquisition lot, splitting off the pieces that absorb pending wash-sale losses.
  const acquire = (t: NTx, qty: Dec, basis: Dec, origin: TaxLot['origin']) => {
    const pool = getPool(t.account, t.asset);
    pool.qty += qty;
    const acq = acqAt[t.index];
    let remQ = qty;
    let remB = basis;
    if (acq !== undefined) {
      for (const p of acq.pending) {
        const part = p.qty === remQ ? remB : alloc(remB, p.qty, remQ);
        remQ -= p.qty;
        remB -= part;
        const holdDay = t.day - p.heldDays;
        const lot = newLot(pool, pieceId(t.id), t.id, acq, t.account, t.asset, p.qty, part + p.loss, t.date, t.day, holdDay, origin, t.currency, true, p.loss);
        p.rec.toLot = lot.id;
        p.rec.newHoldingDate = dateOf(holdDay);
      }
    }
    if (remQ > 0n) newLot(pool, t.id, t.id, acq, t.account, t.asset, remQ, remB, t.date, t.day, t.day, origin, t.currency, false, ZERO);
  };

  const methodFor = (t: NTx): ReliefMethod => t.method ?? opts.accountMethods[t.account] ?? opts.method;

  // The pieces of the sale being processed, in scratch arrays reused from sale to sale: the lot,
  // the quantity taken, the lot's id, acquisition date and holding date at the sale (a wash below
  // may move a lot's holding date), then the basis relieved, the proceeds and the disallowed loss.
  let np = 0;
  const pLot: Lot[] = [];
  const pQ: Dec[] = [];
  const pId: string[] = [];
  const pAcquired: string[] = [];
  const pHold: number[] = [];
  const pBasis: Dec[] = [];
  const pProceeds: Dec[] = [];
  const pAdjust: Dec[] = [];
  const addPiece = (l: Lot, q: Dec) => {
    pLot[np] = l;
    pQ[np] = q;
    pId[np] = l.id;
    pAcquired[np] = l.acquired;
    pHold[np] = l.holdDay;
    np++;
  };

  // Pick the pieces a sale/transfer relieves (no mutation of the lots' amounts).
  const select = (t: NTx, pool: Pool, method: ReliefMethod): void => {
    np = 0;
    const Q = t.qty!;
    if (Q > pool.qty) {
      const at = `transactions[${t.index}]`;
      const short = fmt(Q - pool.qty, fx);
      throw new InsufficientLotsError(
        `${FN}: \`${at}\` ${t.type === 'sell' ? 'sells' : 'transfers out'} ${fmt(Q, fx)} ${t.asset} on ${t.date} in account ${JSON.stringify(t.account)} but only ${fmt(pool.qty, fx)} are held (shortfall ${short}).`,
        t.asset,
        t.date,
        short,
      );
    }
    const lots = pool.lots;
    if (method === 'specific') {
      // piece index per lot: a lot named twice (or reached by its acquisition id and by its own
      // id) is relieved once, for the sum, as if named once
      const pieceOf = new Map<Lot, number>();
      for (const sel of t.lots!) {
        // The lot with that id first, then the other pieces of the acquisition with that id.
        const cands = lots.filter((l) => l.id === sel.lot).concat(lots.filter((l) => l.id !== sel.lot && l.sourceId === sel.lot));
        if (cands.length === 0) {
          throw new InvalidArgumentError(
            `${FN}: \`${sel.arg}.lot\` names lot ${JSON.stringify(sel.lot)}, which is not an open lot of ${t.asset} in account ${JSON.stringify(t.account)} on ${t.date}; open lots: ${lots.map((l) => l.id).join(', ') || '(none)'}.`,
            `${sel.arg}.lot`,
            sel.lot,
          );
        }
        let need = sel.qty;
        for (const l of cands) {
          if (need === 0n) break;
          const at = pieceOf.get(l);
          const avail = at === undefined ? l.qty : l.qty - pQ[at]!;
          if (avail <= 0n) continue;
          const q = min(need, avail);
          if (at === undefined) {
            pieceOf.set(l, np);
            addPiece(l, q);
          } else pQ[at] = pQ[at]! + q;
          need -= q;
        }
        if (need > 0n) {
          throw new InsufficientLotsError(
            `${FN}: \`${sel.arg}.quantity\` asks for ${fmt(sel.qty, fx)} of lot ${JSON.stringify(sel.lot)} (${t.asset}) on ${t.date}, which holds less (shortfall ${fmt(need, fx)}).`,
            t.asset,
            t.date,
            fmt(need, fx),
          );
        }
      }
      return;
    }
    const order = orderLots(lots, method, t);
    let need = Q;
    for (let k = 0; k < lots.length; k++) {
      if (need === 0n) break;
      const l = order[k]!;
      const q = min(need, l.qty);
      addPiece(l, q);
      need -= q;
    }
  };

  // `lots` sorted by `cmp` into the scratch array `sorted` (by insertion: pools are small, and
  // mostly in order already for FIFO). Only for comparators that are strict total orders, where
  // every sorting algorithm gives the same order.
  const sorted: Lot[] = [];
  const sortInto = (lots: Lot[], cmp: (a: Lot, b: Lot) => number): Lot[] => {
    for (let i = 0; i < lots.length; i++) {
      const x = lots[i]!;
      let j = i - 1;
      while (j >= 0 && cmp(sorted[j]!, x) > 0) {
        sorted[j + 1] = sorted[j]!;
        j--;
      }
      sorted[j + 1] = x;
    }
    return sorted;
  };

  // The lots in the order a sale relieves them (the first lots.length entries of the result).
  const orderLots = (lots: Lot[], method: ReliefMethod, t: NTx): Lot[] => {
    // acquisition order: strict (seq breaks ties)
    if (method === 'fifo' || method === 'average-cost') return sortInto(lots, byAcq);
    if (method === 'lifo') return sortInto(lots, byAcqDesc);
    let finite = true;
    for (const l of lots) {
      if (l.basis !== l.keyBasis || l.qty !== l.keyQty) {
        l.key = Number(l.basis) / Number(l.qty);
        l.keyBasis = l.basis;
        l.keyQty = l.qty;
      }
      if (!Number.isFinite(l.key) || l.qty <= 0n) finite = false;
    }
    // Basis per share: with finite keys and positive quantities the double keys decide only when
    // far apart (where they agree with the exact order) and ties go by acquisition, a strict
    // order; otherwise (a lot of no shares, a key out of range) as Array.prototype.sort orders.
    if (method === 'hifo') return finite ? sortInto(lots, hifoCmp) : lots.slice().sort(hifoCmp);
    if (method === 'lowest-cost') return finite ? sortInto(lots, lowestCostCmp) : lots.slice().sort(lowestCostCmp);
    // tax-optimal: losses, then long-term gains, then short-term gains; within each, least tax per share.
    const rates = opts.taxRates!;
    const price = t.price ?? ZERO;
    const priceNumber = Number(price) / Number(fx.one);
    for (const l of lots) {
      const loss = price * l.qty < l.basis * fx.one;
      const long = t.day >= longTermDay(l.holdDay);
      l.cat = loss ? 0 : long ? 1 : 2;
      l.tax = (priceNumber - l.key) * (long ? rates.longTerm : rates.shortTerm);
    }
    return lots.slice().sort(taxOptimalCmp);
  };

  // Relieve the pieces: the basis of each into pBasis; lots are reduced/closed.
  const relieve = (pool: Pool, method: ReliefMethod): void => {
    let Q = ZERO;
    for (let k = 0; k < np; k++) Q += pQ[k]!;
    if (method === 'average-cost') {
      let B = ZERO;
      for (const l of pool.lots) B += l.basis;
      const T = pool.qty;
      const R = Q === T ? B : alloc(B, Q, T);
      let left = R;
      for (let k = 0; k < np; k++) {
        const b = k === np - 1 ? left : alloc(R, pQ[k]!, Q);
        left -= b;
        pBasis[k] = b;
        const l = pLot[k]!;
        l.qty -= pQ[k]!;
        if (l.qty === 0n) l.open = false;
      }
      compactOpen(pool.lots);
      pool.qty = T - Q;
      // Spread the remaining basis over the remaining lots by quantity.
      let restB = B - R;
      let restQ = pool.qty;
      for (const l of pool.lots) {
        const b = l.qty === restQ ? restB : alloc(restB, l.qty, restQ);
        l.basis = b;
        restB -= b;
        restQ -= l.qty;
      }
      return;
    }
    for (let k = 0; k < np; k++) {
      const l = pLot[k]!;
      const q = pQ[k]!;
      if (q === l.qty) {
        pBasis[k] = l.basis;
        l.qty = ZERO;
        l.basis = ZERO;
        l.open = false;
      } else {
        const part = alloc(l.basis, q, l.qty);
        pBasis[k] = part;
        l.basis -= part;
        l.qty -= q;
      }
    }
    compactOpen(pool.lots);
    pool.qty -= Q;
  };

  // Wash-sale matching of one loss piece (`q` shares sold at a loss of `loss` out of lot `lotId`)
  // against the acquisitions `list.acqs[from..]` (the first within the window): the replacement
  // chunks are collected first, then the disallowed loss is spread over them. Returns the
  // disallowed loss (0 when there is no replacement).
  const chunkQty: Dec[] = [];
  const chunkLot: (Lot | undefined)[] = [];
  const chunkAcq: (Acq | undefined)[] = [];
  const washPiece = (t: NTx, list: AcqList, from: number, q: Dec, loss: Dec, lotId: string, heldDays: number, own: Acq | undefined): Dec => {
    const acqs = list.acqs;
    const days = list.days;
    const hi = t.day + WASH_WINDOW_DAYS;
    let need = q;
    let nc = 0;
    for (let k = from; k < acqs.length && days[k]! <= hi && need > 0n; k++) {
      const acq = acqs[k]!;
      if (acq === own) continue; // the rest of the loss shares' own purchase (Rev. Rul. 56-602)
      if (acq.txIndex < t.index) {
        compactOpen(acq.lots);
        for (const lot of acq.lots) {
          if (need <= 0n) break;
          if (lot.used || lot.qty <= 0n) continue;
          const r = min(need, lot.qty);
          need -= r;
          chunkQty[nc] = r;
          chunkLot[nc] = lot;
          chunkAcq[nc] = undefined;
          nc++;
        }
      } else if (acq.txIndex > t.index) {
        const avail = acq.qty - acq.absorbed;
        if (avail <= 0n) continue;
        const r = min(need, avail);
        need -= r;
        acq.absorbed += r;
        chunkQty[nc] = r;
        chunkLot[nc] = undefined;
        chunkAcq[nc] = acq;
        nc++;
      }
    }
    if (nc === 0) return ZERO;
    const replaced = q - need;
    const totalDisallowed = replaced === q ? loss : alloc(loss, replaced, q);
    let left = totalDisallowed;
    for (let c = 0; c < nc; c++) {
      const r = chunkQty[c]!;
      const d = c === nc - 1 ? left : alloc(totalDisallowed, r, replaced);
      left -= d;
      const lot = chunkLot[c];
      if (lot !== undefined) {
        // shares bought before the sale (and still held): the loss moves onto them now
        let target = lot;
        if (r < lot.qty) {
          const part = alloc(lot.basis, r, lot.qty);
          lot.basis -= part;
          lot.qty -= r;
          target = newLot(lot.pool, pieceId(lot.sourceId), lot.sourceId, lot.acq, lot.account, lot.asset, r, part, lot.acquired, lot.acqDay, lot.holdDay, lot.origin, lot.currency, false, ZERO);
        }
        target.used = true;
        target.basis += d;
        target.wash += d;
        target.holdDay = target.acqDay - heldDays;
        washSales.push({
          code: 'W',
          saleId: t.id,
          dateSold: t.date,
          asset: t.asset,
          fromLot: lotId,
          toLot: target.id,
          replacementAsset: target.asset,
          replacementAcquired: target.acquired,
          quantity: amount(r),
          disallowedLoss: amount(d),
          tackedDays: heldDays,
          newHoldingDate: dateOf(target.holdDay),
        });
      } else {
        // shares bought after the sale: the loss waits for the purchase (see acquire)
        const acq = chunkAcq[c]!;
        const rt = txs[acq.txIndex]!;
        const rec: WashSaleAdjustment = {
          code: 'W',
          saleId: t.id,
          dateSold: t.date,
          asset: t.asset,
          fromLot: lotId,
          toLot: '',
          replacementAsset: rt.asset,
          replacementAcquired: rt.date,
          quantity: amount(r),
          disallowedLoss: amount(d),
          tackedDays: heldDays,
          newHoldingDate: '',
        };
        washSales.push(rec);
        acq.pending.push({ qty: r, loss: d, heldDays, rec });
      }
      chunkLot[c] = undefined;
      chunkAcq[c] = undefined;
    }
    return totalDisallowed;
  };

  for (const t of txs) {
    switch (t.type) {
      case 'buy': {
        const basis = t.fee === undefined ? mul(t.qty!, t.price!) : mul(t.qty!, t.price!) + t.fee;
        addCash(t.account, -basis);
        acquire(t, t.qty!, basis, 'buy');
        break;
      }
      case 'dividend': {
        dividends += t.amount!;
        addCash(t.account, t.amount!);
        if (t.reinvestQty !== undefined) {
          reinvested += t.amount!;
          addCash(t.account, -t.amount!);
          acquire(t, t.reinvestQty, t.amount!, 'reinvested-dividend');
        }
        break;
      }
      case 'transfer-in': {
        const pool = getPool(t.account, t.asset);
        pool.qty += t.qty!;
        const day = isoToDayNumber(t.acquired!);
        newLot(pool, t.id, t.id, undefined, t.account, t.asset, t.qty!, t.basis!, t.acquired!, day, day, 'transfer-in', t.currency, false, ZERO);
        break;
      }
      case 'sell':
      case 'transfer-out': {
        const pool = getPool(t.account, t.asset);
        const method = methodFor(t);
        select(t, pool, method);
        relieve(pool, method);
        const n = np;
        if (t.type === 'transfer-out') {
          for (let k = 0; k < n; k++) {
            transfers.push({
              transactionId: t.id,
              date: t.date,
              lotId: pId[k]!,
              account: t.account,
              asset: t.asset,
              quantity: amount(pQ[k]!),
              basis: amount(pBasis[k]!),
              dateAcquired: pAcquired[k]!,
              holdingDate: dateOf(pHold[k]!),
            });
          }
          break;
        }
        const gross = mul(t.qty!, t.price!);
        const proceeds = t.fee === undefined ? gross : gross - t.fee;
        addCash(t.account, proceeds);
        let left = proceeds;
        for (let k = 0; k < n; k++) {
          const pr = k === n - 1 ? left : alloc(proceeds, pQ[k]!, t.qty!);
          left -= pr;
          pProceeds[k] = pr;
        }
        // Wash sales, loss piece by loss piece, before the rows are written (a row carries its
        // disallowed loss). The acquisitions in the window are searched once per sale.
        let list: AcqList | undefined;
        let from = -1;
        for (let k = 0; k < n; k++) {
          const basis = pBasis[k]!;
          const pr = pProceeds[k]!;
          pAdjust[k] = ZERO;
          if (!opts.washSales || basis <= pr) continue;
          if (from === -1) {
            list = acqByGroup.get(group(t.asset));
            from = list === undefined ? 0 : firstOnOrAfter(list.days, t.day - WASH_WINDOW_DAYS);
          }
          if (list !== undefined) pAdjust[k] = washPiece(t, list, from, pQ[k]!, basis - pr, pId[k]!, t.day - pHold[k]!, pLot[k]!.acq);
        }
        for (let k = 0; k < n; k++) {
          realize('sale', t, pId[k]!, pQ[k]!, pAcquired[k]!, pHold[k]!, pProceeds[k]!, pBasis[k]!, pAdjust[k]!);
        }
        break;
      }
      case 'split': {
        for (const pool of poolsByAsset.get(t.asset) ?? []) {
          let total = ZERO;
          for (const l of pool.lots) {
            l.qty = alloc(l.qty, t.ratio![0], t.ratio![1]);
            total += l.qty;
          }
          pool.qty = total;
        }
        break;
      }
      case 'stock-dividend':
      case 'return-of-capital': {
        const pool = pools.get(poolKey(t.account, t.asset));
        if (pool === undefined || pool.lots.length === 0) {
          throw new InvalidArgumentError(
            `${FN}: \`transactions[${t.index}]\` is a ${t.type} on ${t.asset} in account ${JSON.stringify(t.account)} on ${t.date}, but no shares are held there.`,
            `transactions[${t.index}]`,
            t.type,
          );
        }
        const total = t.type === 'stock-dividend' ? t.qty! : t.amount!;
        const before = pool.qty;
        let leftAmt = total;
        let leftQ = before;
        if (t.type === 'stock-dividend') pool.qty = before + total;
        else {
          rocTotal += total;
          addCash(t.account, total);
        }
        for (const l of pool.lots) {
          const share = l.qty === leftQ ? leftAmt : alloc(total, l.qty, before);
          leftAmt -= share;
          leftQ -= l.qty;
          if (t.type === 'stock-dividend') {
            l.qty += share;
            continue;
          }
          const reduce = share > l.basis ? l.basis : share;
          const excess = share - reduce;
          l.basis -= reduce;
          rocs.push({
            transactionId: t.id,
            date: t.date,
            lotId: l.id,
            account: t.account,
            asset: t.asset,
            amount: amount(share),
            basisReduction: amount(reduce),
            excess: amount(excess),
          });
          if (excess > 0n) realize('return-of-capital', t, l.id, l.qty, l.acquired, l.holdDay, excess, ZERO, ZERO);
        }
        break;
      }
      case 'fee': {
        fees += t.amount!;
        addCash(t.account, -t.amount!);
        break;
      }
    }
  }

  // ---- output
  const openLots: Lot[] = [];
  for (const p of pools.values()) for (const l of p.lots) if (l.open) openLots.push(l);
  openLots.sort((a, b) => a.seq - b.seq);
  const lots: TaxLot[] = openLots.map((l) => {
    const lot: TaxLot = {
      id: l.id,
      sourceId: l.sourceId,
      account: l.account,
      asset: l.asset,
      quantity: amount(l.qty),
      basis: amount(l.basis),
      basisPerShare: amount(alloc(l.basis, fx.one, l.qty)),
      dateAcquired: l.acquired,
      holdingDate: dateOf(l.holdDay),
      longTermDate: dateOf(longTermDay(l.holdDay)),
      origin: l.origin,
      washSaleAdjustment: amount(l.wash),
    };
    if (l.currency !== undefined) lot.currency = l.currency;
    return lot;
  });
  // Object.fromEntries, not assignment: an account named `__proto__` must stay an ordinary key.
  const cashOut: Record<string, ReturnType<typeof amount>> = Object.fromEntries(
    [...cash.entries()].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0)).map(([k, v]) => [k, amount(v)]),
  );
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
    realizations,
    washSales,
    transfersOut: transfers,
    returnsOfCapital: rocs,
    cash: cashOut,
    income: { dividends: amount(dividends), reinvestedDividends: amount(reinvested), returnOfCapital: amount(rocTotal), fees: amount(fees) },
  };
}

function copyTx(t: TaxTransaction): TaxTransaction {
  const c = { ...t } as Record<string, unknown>;
  if ('lots' in t && Array.isArray(t.lots)) c.lots = t.lots.map((s) => ({ ...s }));
  if ('ratio' in t && t.ratio !== null && typeof t.ratio === 'object') c.ratio = { ...t.ratio };
  return c as unknown as TaxTransaction;
}
