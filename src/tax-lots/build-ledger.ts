/**
 * The tax-lot ledger: fold dated transactions into open lots, realised gains, wash-sale
 * adjustments and cash, exactly (decimal.js).
 *
 * @module
 */
import { InsufficientLotsError, InvalidArgumentError } from '../core/errors.ts';
import { isIsoDate, isoFromDayNumber, isoToDayNumber } from '../core/dates.ts';
import { checkOptions, checkRange } from '../core/validate.ts';
import { allocate, amountOfUnits, fixedScale, mulUnits, parseDecimal, toUnits, type FixedScale, type ParsedDecimal } from './fixed.ts';

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

interface WashRec {
  saleId: string;
  dateSold: string;
  asset: string;
  fromLot: string;
  toLot: string;
  replacementAsset: string;
  replacementAcquired: string;
  qty: Dec;
  loss: Dec;
  tackedDays: number;
  newHoldDay: number;
}

interface Pending {
  qty: Dec;
  loss: Dec;
  heldDays: number;
  rec: WashRec;
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
}

interface Pool {
  lots: Lot[];
  qty: Dec;
}

interface Real {
  kind: TaxRealization['kind'];
  txId: string;
  lotId: string;
  account: string;
  asset: string;
  qty: Dec;
  acquired: string;
  holdDay: number;
  date: string;
  day: number;
  proceeds: Dec;
  basis: Dec;
  adjustment: Dec;
}

interface Piece {
  lot: Lot;
  q: Dec;
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

function normTransactions(transactions: readonly TaxTransaction[], opts: NormOptions): { txs: NTx[]; fx: FixedScale } {
  if (!Array.isArray(transactions)) {
    throw new InvalidArgumentError(`${FN}: \`transactions\` must be an array, got ${typeof transactions}.`, 'transactions', typeof transactions);
  }
  const out: NTx[] = [];
  const ids = new Set<string>();
  // Inputs are parsed first, then converted to fixed point once the scale is known.
  const pend: { set: (v: bigint) => void; p: ParsedDecimal }[] = [];
  let qtyPlaces = 0;
  let pricePlaces = 0;
  let otherPlaces = 0;
  const dec = (arg: string, value: unknown, sign: 'positive' | 'nonnegative', kind: 'q' | 'p' | 'm', set: (v: bigint) => void) => {
    const p = parseDecimal(FN, arg, value, sign);
    if (kind === 'q') qtyPlaces = Math.max(qtyPlaces, p.frac.length);
    else if (kind === 'p') pricePlaces = Math.max(pricePlaces, p.frac.length);
    else otherPlaces = Math.max(otherPlaces, p.frac.length);
    pend.push({ set, p });
  };
  const lotChecks: { n: NTx; at: string; ty: string }[] = [];
  let prevDate = '';
  for (let i = 0; i < transactions.length; i++) {
    const t = transactions[i] as unknown as Record<string, unknown>;
    const at = `transactions[${i}]`;
    if (t === null || typeof t !== 'object' || Array.isArray(t)) {
      throw new InvalidArgumentError(`${FN}: \`${at}\` must be an object.`, at, typeof t);
    }
    const type = t.type;
    if (typeof type !== 'string' || !(TAX_TRANSACTION_TYPES as readonly string[]).includes(type)) {
      throw new InvalidArgumentError(
        `${FN}: \`${at}.type\` must be one of ${TAX_TRANSACTION_TYPES.map((x) => `'${x}'`).join(', ')}, got ${typeof type === 'string' ? JSON.stringify(type) : typeof type}.`,
        `${at}.type`,
        typeof type === 'string' ? type : typeof type,
      );
    }
    const ty = type as TaxTransactionType;
    for (const k of Object.keys(t)) {
      if (!KEYS[ty].includes(k)) {
        throw new InvalidArgumentError(`${FN}: \`${at}.${k}\` is not a field of a '${ty}' transaction; known fields are ${KEYS[ty].join(', ')}.`, `${at}.${k}`, k);
      }
    }
    const date = t.date;
    if (!isIsoDate(date)) {
      throw new InvalidArgumentError(`${FN}: \`${at}.date\` must be an ISO date 'YYYY-MM-DD', got ${typeof date === 'string' ? JSON.stringify(date) : typeof date}.`, `${at}.date`, typeof date === 'string' ? date : typeof date);
    }
    if (date < prevDate) {
      throw new InvalidArgumentError(`${FN}: \`${at}.date\` (${date}) is before the previous transaction's date (${prevDate}); transactions must be in date order.`, `${at}.date`, date);
    }
    prevDate = date;
    const asset = ty === 'fee' ? (checkString(`${at}.asset`, t.asset, true) ?? '') : checkString(`${at}.asset`, t.asset, false)!;
    const account = checkString(`${at}.account`, t.account, true) ?? 'default';
    const givenId = checkString(`${at}.id`, t.id, true);
    const id = givenId ?? `t${i}`;
    if (ids.has(id)) throw new InvalidArgumentError(`${FN}: \`${at}.id\` ${JSON.stringify(id)} is not unique.`, `${at}.id`, id);
    ids.add(id);
    const n: NTx = {
      index: i,
      type: ty,
      date,
      day: isoToDayNumber(date),
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
        dec(`${at}.quantity`, t.quantity, 'positive', 'q', (v) => (n.qty = v));
        dec(`${at}.price`, t.price, 'nonnegative', 'p', (v) => (n.price = v));
        if (t.fee !== undefined) dec(`${at}.fee`, t.fee, 'nonnegative', 'm', (v) => (n.fee = v));
        if (ty === 'buy') n.currency = checkString(`${at}.currency`, t.currency, true);
        break;
      case 'stock-dividend':
        dec(`${at}.quantity`, t.quantity, 'positive', 'q', (v) => (n.qty = v));
        break;
      case 'split': {
        const r = t.ratio as Record<string, unknown> | undefined;
        if (r === null || typeof r !== 'object' || Array.isArray(r)) {
          throw new InvalidArgumentError(`${FN}: \`${at}.ratio\` must be { newShares, oldShares }, e.g. { newShares: 2, oldShares: 1 } for 2-for-1.`, `${at}.ratio`, typeof r);
        }
        checkOptions(FN, r, ['newShares', 'oldShares']);
        n.ratio = [0n, 1n];
        dec(`${at}.ratio.newShares`, r.newShares, 'positive', 'm', (v) => (n.ratio![0] = v));
        dec(`${at}.ratio.oldShares`, r.oldShares, 'positive', 'm', (v) => (n.ratio![1] = v));
        break;
      }
      case 'dividend':
        dec(`${at}.amount`, t.amount, 'nonnegative', 'm', (v) => (n.amount = v));
        if (t.reinvestQuantity !== undefined) dec(`${at}.reinvestQuantity`, t.reinvestQuantity, 'positive', 'q', (v) => (n.reinvestQty = v));
        break;
      case 'return-of-capital':
      case 'fee':
        dec(`${at}.amount`, t.amount, 'nonnegative', 'm', (v) => (n.amount = v));
        break;
      case 'transfer-in': {
        dec(`${at}.quantity`, t.quantity, 'positive', 'q', (v) => (n.qty = v));
        dec(`${at}.basis`, t.basis, 'nonnegative', 'm', (v) => (n.basis = v));
        const acq = t.acquired;
        if (!isIsoDate(acq) || acq > date) {
          throw new InvalidArgumentError(`${FN}: \`${at}.acquired\` must be an ISO date on or before the transfer date ${date}, got ${typeof acq === 'string' ? JSON.stringify(acq) : typeof acq}.`, `${at}.acquired`, typeof acq === 'string' ? acq : typeof acq);
        }
        n.acquired = acq;
        n.currency = checkString(`${at}.currency`, t.currency, true);
        break;
      }
      case 'transfer-out':
        dec(`${at}.quantity`, t.quantity, 'positive', 'q', (v) => (n.qty = v));
        break;
    }
    if (ty === 'sell' || ty === 'transfer-out') {
      if (t.method !== undefined) n.method = checkMethod(`${at}.method`, t.method);
      if (t.lots !== undefined) {
        if (!Array.isArray(t.lots) || t.lots.length === 0) {
          throw new InvalidArgumentError(`${FN}: \`${at}.lots\` must be a non-empty array of { lot, quantity }.`, `${at}.lots`, typeof t.lots);
        }
        if (n.method !== undefined && n.method !== 'specific') {
          throw new InvalidArgumentError(`${FN}: \`${at}.lots\` names lots but \`${at}.method\` is '${n.method}'; omit the method or use 'specific'.`, `${at}.lots`, n.method);
        }
        n.method = 'specific';
        n.lots = (t.lots as unknown[]).map((s, j) => {
          const sarg = `${at}.lots[${j}]`;
          if (s === null || typeof s !== 'object' || Array.isArray(s)) throw new InvalidArgumentError(`${FN}: \`${sarg}\` must be { lot, quantity }.`, sarg, typeof s);
          checkOptions(FN, s, ['lot', 'quantity']);
          const sel = s as Record<string, unknown>;
          const lot = checkString(`${sarg}.lot`, sel.lot, false)!;
          const entry = { lot, qty: 0n, arg: sarg };
          dec(`${sarg}.quantity`, sel.quantity, 'positive', 'q', (v) => (entry.qty = v));
          return entry;
        });
        lotChecks.push({ n, at, ty });
      }
      const effective = n.method ?? opts.accountMethods[account] ?? opts.method;
      if (effective === 'specific' && n.lots === undefined) {
        throw new InvalidArgumentError(`${FN}: \`${at}.lots\` is required: the relief method for this ${ty} is 'specific'.`, `${at}.lots`, 'missing');
      }
      if (effective === 'tax-optimal' && opts.taxRates === null) {
        throw new InvalidArgumentError(`${FN}: method 'tax-optimal' (\`${at}.method\`) needs the \`taxRates\` option.`, 'taxRates', 'missing');
      }
    }
    out.push(n);
  }
  const fx = fixedScale(Math.max(qtyPlaces + pricePlaces, otherPlaces, qtyPlaces));
  for (const { set, p } of pend) set(toUnits(p, fx));
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
 *   nor are shares already disposed of before the sale; shares acquired within the 30 days before
 *   and still held are, including unsold shares of the very purchase the loss shares came from
 *   (the statute's literal window);
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
    for (const t of g) groupOf.set(t, `\u0000group${gi}`);
  });
  const group = (asset: string): string => groupOf.get(asset) ?? asset;
  const acqByTx = new Map<number, Acq>();
  const acqByGroup = new Map<string, Acq[]>();
  if (opts.washSales) {
    for (const t of txs) {
      const q = t.type === 'buy' ? t.qty : t.type === 'dividend' ? t.reinvestQty : undefined;
      if (q === undefined) continue;
      const a: Acq = { txIndex: t.index, day: t.day, qty: q, absorbed: ZERO, pending: [], lots: [] };
      acqByTx.set(t.index, a);
      const g = group(t.asset);
      let list = acqByGroup.get(g);
      if (list === undefined) acqByGroup.set(g, (list = []));
      list.push(a);
    }
  }

  const pools = new Map<string, Pool>();
  const poolsByAsset = new Map<string, Pool[]>();
  const poolKey = (account: string, asset: string) => `${account}\u0000${asset}`;
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
  const reals: Real[] = [];
  const washes: WashRec[] = [];
  const transfers: TransferredLot[] = [];
  const rocs: ReturnOfCapitalRecord[] = [];
  const cash = new Map<string, Dec>();
  let dividends = ZERO;
  let reinvested = ZERO;
  let rocTotal = ZERO;
  let fees = ZERO;
  const addCash = (account: string, d: Dec) => cash.set(account, (cash.get(account) ?? ZERO) + d);

  const dayStr = new Map<number, string>();
  const dateOf = (day: number): string => {
    let v = dayStr.get(day);
    if (v === undefined) dayStr.set(day, (v = isoFromDayNumber(day)));
    return v;
  };
  const ltCache = new Map<number, number>();
  const longTermDay = (holdDay: number): number => {
    let v = ltCache.get(holdDay);
    if (v === undefined) {
      v = isoToDayNumber(longTermStartDate(dateOf(holdDay)));
      ltCache.set(holdDay, v);
    }
    return v;
  };

  const newLot = (
    pool: Pool,
    f: Omit<Lot, 'seq' | 'open' | 'used' | 'wash'> & { used?: boolean; wash?: Dec },
  ): Lot => {
    const lot: Lot = {
      id: f.id,
      sourceId: f.sourceId,
      seq: seq++,
      acq: f.acq,
      account: f.account,
      asset: f.asset,
      qty: f.qty,
      basis: f.basis,
      acquired: f.acquired,
      acqDay: f.acqDay,
      holdDay: f.holdDay,
      origin: f.origin,
      wash: f.wash ?? ZERO,
      used: f.used ?? false,
      open: true,
      currency: f.currency,
    };
    pool.lots.push(lot);
    if (lot.acq !== undefined) lot.acq.lots.push(lot);
    return lot;
  };
  const pieceId = (sourceId: string): string => {
    const k = (pieceCount.get(sourceId) ?? 0) + 1;
    pieceCount.set(sourceId, k);
    return `${sourceId}/w${k}`;
  };

  // Create an acquisition lot, splitting off the pieces that absorb pending wash-sale losses.
  const acquire = (t: NTx, qty: Dec, basis: Dec, origin: TaxLot['origin']) => {
    const pool = getPool(t.account, t.asset);
    pool.qty += qty;
    const acq = acqByTx.get(t.index);
    let remQ = qty;
    let remB = basis;
    if (acq !== undefined) {
      for (const p of acq.pending) {
        const part = p.qty === remQ ? remB : alloc(remB, p.qty, remQ);
        remQ -= p.qty;
        remB -= part;
        const holdDay = t.day - p.heldDays;
        const lot = newLot(pool, {
          id: pieceId(t.id),
          sourceId: t.id,
          acq,
          account: t.account,
          asset: t.asset,
          qty: p.qty,
          basis: part + p.loss,
          acquired: t.date,
          acqDay: t.day,
          holdDay,
          origin,
          currency: t.currency,
          used: true,
          wash: p.loss,
        });
        p.rec.toLot = lot.id;
        p.rec.newHoldDay = holdDay;
      }
    }
    if (remQ > 0n) {
      newLot(pool, {
        id: t.id,
        sourceId: t.id,
        acq,
        account: t.account,
        asset: t.asset,
        qty: remQ,
        basis: remB,
        acquired: t.date,
        acqDay: t.day,
        holdDay: t.day,
        origin,
        currency: t.currency,
      });
    }
  };

  const methodFor = (t: NTx): ReliefMethod => t.method ?? opts.accountMethods[t.account] ?? opts.method;

  // Pick the pieces a sale/transfer relieves (no mutation).
  const select = (t: NTx, pool: Pool, method: ReliefMethod): Piece[] => {
    const at = `transactions[${t.index}]`;
    const Q = t.qty!;
    if (Q > pool.qty) {
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
      const taken = new Map<Lot, Dec>();
      const pieces: Piece[] = [];
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
          const avail = l.qty - (taken.get(l) ?? ZERO);
          if (avail <= 0n) continue;
          const q = min(need, avail);
          taken.set(l, (taken.get(l) ?? ZERO) + q);
          pieces.push({ lot: l, q });
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
      return pieces;
    }
    const order = orderLots(lots, method, t);
    const pieces: Piece[] = [];
    let need = Q;
    for (const l of order) {
      if (need === 0n) break;
      const q = min(need, l.qty);
      pieces.push({ lot: l, q });
      need -= q;
    }
    return pieces;
  };

  const orderLots = (lots: Lot[], method: ReliefMethod, t: NTx): Lot[] => {
    const byAcq = (a: Lot, b: Lot) => a.acqDay - b.acqDay || a.seq - b.seq;
    if (method === 'fifo' || method === 'average-cost') return lots.slice().sort(byAcq);
    if (method === 'lifo') return lots.slice().sort((a, b) => b.acqDay - a.acqDay || b.seq - a.seq);
    const keys = new Map<Lot, number>();
    for (const l of lots) keys.set(l, Number(l.basis) / Number(l.qty));
    const perShareCmp = (a: Lot, b: Lot): number => {
      const ka = keys.get(a)!;
      const kb = keys.get(b)!;
      if (Math.abs(ka - kb) > 1e-9 * Math.max(Math.abs(ka), Math.abs(kb))) return ka < kb ? -1 : 1;
      const x = a.basis * b.qty;
      const y = b.basis * a.qty;
      return x < y ? -1 : x > y ? 1 : 0;
    };
    if (method === 'hifo') return lots.slice().sort((a, b) => perShareCmp(b, a) || byAcq(a, b));
    if (method === 'lowest-cost') return lots.slice().sort((a, b) => perShareCmp(a, b) || byAcq(a, b));
    // tax-optimal: losses, then long-term gains, then short-term gains; within each, least tax per share.
    const rates = opts.taxRates!;
    const price = t.price ?? ZERO;
    const priceNumber = Number(price) / Number(fx.one);
    const info = new Map<Lot, { cat: number; tax: number }>();
    for (const l of lots) {
      const loss = price * l.qty < l.basis * fx.one;
      const long = t.day >= longTermDay(l.holdDay);
      const cat = loss ? 0 : long ? 1 : 2;
      info.set(l, { cat, tax: (priceNumber - Number(l.basis) / Number(l.qty)) * (long ? rates.longTerm : rates.shortTerm) });
    }
    return lots.slice().sort((a, b) => {
      const ia = info.get(a)!;
      const ib = info.get(b)!;
      if (ia.cat !== ib.cat) return ia.cat - ib.cat;
      if (Math.abs(ia.tax - ib.tax) > 1e-9 * Math.max(Math.abs(ia.tax), Math.abs(ib.tax))) return ia.tax < ib.tax ? -1 : 1;
      // (near) tie in tax per share: the higher basis per share (the smaller gain) first
      return -perShareCmp(a, b) || byAcq(a, b);
    });
  };

  // Relieve pieces: returns the basis of each piece; lots are reduced/closed.
  const relieve = (pool: Pool, pieces: Piece[], method: ReliefMethod): Dec[] => {
    let Q = ZERO;
    for (const p of pieces) Q += p.q;
    const bases: Dec[] = [];
    if (method === 'average-cost') {
      let B = ZERO;
      for (const l of pool.lots) B += l.basis;
      const T = pool.qty;
      const R = Q === T ? B : alloc(B, Q, T);
      let left = R;
      pieces.forEach((p, k) => {
        const b = k === pieces.length - 1 ? left : alloc(R, p.q, Q);
        left -= b;
        bases.push(b);
        p.lot.qty -= p.q;
        if (p.lot.qty === 0n) p.lot.open = false;
      });
      pool.lots = pool.lots.filter((l) => l.open);
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
      return bases;
    }
    for (const p of pieces) {
      const l = p.lot;
      if (p.q === l.qty) {
        bases.push(l.basis);
        l.qty = ZERO;
        l.basis = ZERO;
        l.open = false;
      } else {
        const part = alloc(l.basis, p.q, l.qty);
        bases.push(part);
        l.basis -= part;
        l.qty -= p.q;
      }
    }
    pool.lots = pool.lots.filter((l) => l.open);
    pool.qty -= Q;
    return bases;
  };

  // Wash-sale matching of one loss piece.
  const washPiece = (t: NTx, real: Real, lotId: string, heldDays: number) => {
    const list = acqByGroup.get(group(t.asset));
    if (list === undefined) return;
    const loss = real.basis - real.proceeds;
    const q = real.qty;
    const lo = t.day - WASH_WINDOW_DAYS;
    const hi = t.day + WASH_WINDOW_DAYS;
    // first acquisition with day >= lo
    let a = 0;
    let b = list.length;
    while (a < b) {
      const m = (a + b) >>> 1;
      if (list[m]!.day < lo) a = m + 1;
      else b = m;
    }
    let need = q;
    const chunks: { qty: Dec; apply: (loss: Dec) => void }[] = [];
    for (let k = a; k < list.length && list[k]!.day <= hi && need > 0n; k++) {
      const acq = list[k]!;
      if (acq.txIndex < t.index) {
        if (acq.lots.some((x) => !x.open)) acq.lots = acq.lots.filter((x) => x.open);
        for (const lot of acq.lots) {
          if (need <= 0n) break;
          if (!lot.open || lot.used || lot.qty <= 0n) continue;
          const r = min(need, lot.qty);
          need -= r;
          chunks.push({
            qty: r,
            apply: (d: Dec) => {
              let target = lot;
              if (r < lot.qty) {
                const part = alloc(lot.basis, r, lot.qty);
                lot.basis -= part;
                lot.qty -= r;
                const pool = getPool(lot.account, lot.asset);
                target = newLot(pool, {
                  id: pieceId(lot.sourceId),
                  sourceId: lot.sourceId,
                  acq: lot.acq,
                  account: lot.account,
                  asset: lot.asset,
                  qty: r,
                  basis: part,
                  acquired: lot.acquired,
                  acqDay: lot.acqDay,
                  holdDay: lot.holdDay,
                  origin: lot.origin,
                  currency: lot.currency,
                });
              }
              target.used = true;
              target.basis += d;
              target.wash += d;
              target.holdDay = target.acqDay - heldDays;
              washes.push({
                saleId: t.id,
                dateSold: t.date,
                asset: t.asset,
                fromLot: lotId,
                toLot: target.id,
                replacementAsset: target.asset,
                replacementAcquired: target.acquired,
                qty: r,
                loss: d,
                tackedDays: heldDays,
                newHoldDay: target.holdDay,
              });
            },
          });
        }
      } else if (acq.txIndex > t.index) {
        const avail = acq.qty - acq.absorbed;
        if (avail <= 0n) continue;
        const r = min(need, avail);
        need -= r;
        acq.absorbed += r;
        const rt = txs[acq.txIndex]!;
        chunks.push({
          qty: r,
          apply: (d: Dec) => {
            const rec: WashRec = {
              saleId: t.id,
              dateSold: t.date,
              asset: t.asset,
              fromLot: lotId,
              toLot: '',
              replacementAsset: rt.asset,
              replacementAcquired: rt.date,
              qty: r,
              loss: d,
              tackedDays: heldDays,
              newHoldDay: 0,
            };
            washes.push(rec);
            acq.pending.push({ qty: r, loss: d, heldDays, rec });
          },
        });
      }
    }
    if (chunks.length === 0) return;
    const replaced = q - need;
    const totalDisallowed = replaced === q ? loss : alloc(loss, replaced, q);
    let left = totalDisallowed;
    chunks.forEach((c, k) => {
      const d = k === chunks.length - 1 ? left : alloc(totalDisallowed, c.qty, replaced);
      left -= d;
      c.apply(d);
    });
    real.adjustment = totalDisallowed;
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
        newLot(pool, {
          id: t.id,
          sourceId: t.id,
          acq: undefined,
          account: t.account,
          asset: t.asset,
          qty: t.qty!,
          basis: t.basis!,
          acquired: t.acquired!,
          acqDay: day,
          holdDay: day,
          origin: 'transfer-in',
          currency: t.currency,
        });
        break;
      }
      case 'sell':
      case 'transfer-out': {
        const pool = getPool(t.account, t.asset);
        const method = methodFor(t);
        const pieces = select(t, pool, method);
        const snapshot = pieces.map((p) => ({ id: p.lot.id, acquired: p.lot.acquired, holdDay: p.lot.holdDay }));
        const bases = relieve(pool, pieces, method);
        if (t.type === 'transfer-out') {
          pieces.forEach((p, k) => {
            transfers.push({
              transactionId: t.id,
              date: t.date,
              lotId: snapshot[k]!.id,
              account: t.account,
              asset: t.asset,
              quantity: amount(p.q),
              basis: amount(bases[k]!),
              dateAcquired: snapshot[k]!.acquired,
              holdingDate: dateOf(snapshot[k]!.holdDay),
            });
          });
          break;
        }
        const gross = mul(t.qty!, t.price!);
        const proceeds = t.fee === undefined ? gross : gross - t.fee;
        addCash(t.account, proceeds);
        let left = proceeds;
        const made: { real: Real; heldDays: number; lotId: string }[] = [];
        pieces.forEach((p, k) => {
          const pr = k === pieces.length - 1 ? left : alloc(proceeds, p.q, t.qty!);
          left -= pr;
          const s = snapshot[k]!;
          const real: Real = {
            kind: 'sale',
            txId: t.id,
            lotId: s.id,
            account: t.account,
            asset: t.asset,
            qty: p.q,
            acquired: s.acquired,
            holdDay: s.holdDay,
            date: t.date,
            day: t.day,
            proceeds: pr,
            basis: bases[k]!,
            adjustment: ZERO,
          };
          reals.push(real);
          made.push({ real, heldDays: t.day - s.holdDay, lotId: s.id });
        });
        if (opts.washSales) {
          for (const m of made) if (m.real.basis > m.real.proceeds) washPiece(t, m.real, m.lotId, m.heldDays);
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
          if (excess > 0n) {
            reals.push({
              kind: 'return-of-capital',
              txId: t.id,
              lotId: l.id,
              account: t.account,
              asset: t.asset,
              qty: l.qty,
              acquired: l.acquired,
              holdDay: l.holdDay,
              date: t.date,
              day: t.day,
              proceeds: excess,
              basis: ZERO,
              adjustment: ZERO,
            });
          }
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
  const realizations: TaxRealization[] = reals.map((r) => {
    const gain = r.proceeds - r.basis + r.adjustment;
    return {
      kind: r.kind,
      transactionId: r.txId,
      lotId: r.lotId,
      account: r.account,
      asset: r.asset,
      quantity: amount(r.qty),
      dateAcquired: r.acquired,
      holdingDate: dateOf(r.holdDay),
      dateSold: r.date,
      proceeds: amount(r.proceeds),
      basis: amount(r.basis),
      adjustmentCode: r.adjustment > 0n ? 'W' : '',
      adjustment: amount(r.adjustment),
      gain: amount(gain),
      term: r.day >= longTermDay(r.holdDay) ? 'long' : 'short',
    };
  });
  const washSales: WashSaleAdjustment[] = washes.map((w) => ({
    code: 'W',
    saleId: w.saleId,
    dateSold: w.dateSold,
    asset: w.asset,
    fromLot: w.fromLot,
    toLot: w.toLot,
    replacementAsset: w.replacementAsset,
    replacementAcquired: w.replacementAcquired,
    quantity: amount(w.qty),
    disallowedLoss: amount(w.loss),
    tackedDays: w.tackedDays,
    newHoldingDate: w.toLot === '' ? '' : dateOf(w.newHoldDay),
  }));
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
