/**
 * Internal: the reports' check of the ledger they are given.
 *
 * A ledger `buildLedger` returns is deeply frozen and branded (a module WeakSet): the reports
 * trust it as is, since nothing can have changed it. Any other ledger — a JSON round trip, a
 * structured clone, one stored by a service or edited by hand — is a plain object that is
 * checked field by field before use: every field present with the right type (decimal strings
 * where amounts are, `number` equal to the decimal read as a double, ISO dates, known enum
 * values), no unknown field, options and transactions valid as `buildLedger` would take them.
 * The rows are not checked against each other or re-derived from the transactions: a ledger
 * edited consistently is taken as the caller's data.
 *
 * @module
 * @internal
 */
import { InvalidArgumentError } from '../core/errors.ts';
import { isIsoDate } from '../core/dates.ts';
import { checkGroups, checkMethod, checkTaxRates, type NormOptions } from './ledger-options.ts';
import { normTransactions } from './normalize-transactions.ts';
import { MAX_LEDGER_DIGITS, NOT_PLAIN, parseDecimal, plainSign, showValue } from '../core/parse-decimal.ts';
import type { ReliefMethod, TaxLedger, TaxTransaction } from './types.ts';

const BUILT = /* @__PURE__ */ new WeakSet<object>();

type Sign = 'positive' | 'nonnegative' | 'any';

/** Field kinds: a non-empty string, any string, an ISO date, '' or an ISO date, a non-negative integer, an amount of a sign, or one of some strings. */
type Kind = 'id' | 'string' | 'date' | 'date?' | 'count' | Sign | readonly string[];

/** One row type: its name in messages and its fields (`?` after a name: optional). */
interface RowSpec {
  what: string;
  fields: readonly (readonly [string, Kind])[];
  optional: readonly string[];
}

const LOT: RowSpec = {
  what: 'an open lot',
  fields: [
    ['id', 'id'],
    ['sourceId', 'id'],
    ['account', 'id'],
    ['asset', 'id'],
    ['quantity', 'positive'],
    ['basis', 'nonnegative'],
    ['basisPerShare', 'nonnegative'],
    ['dateAcquired', 'date'],
    ['holdingDate', 'date'],
    ['longTermDate', 'date'],
    ['origin', ['buy', 'reinvested-dividend', 'transfer-in']],
    ['washSaleAdjustment', 'nonnegative'],
    ['currency', 'id'],
  ],
  optional: ['currency'],
};

const REALIZATION: RowSpec = {
  what: 'a realisation',
  fields: [
    ['kind', ['sale', 'return-of-capital']],
    ['transactionId', 'id'],
    ['lotId', 'id'],
    ['account', 'id'],
    ['asset', 'id'],
    ['quantity', 'positive'],
    ['dateAcquired', 'date'],
    ['holdingDate', 'date'],
    ['dateSold', 'date'],
    ['proceeds', 'any'],
    ['basis', 'nonnegative'],
    ['adjustmentCode', ['', 'W']],
    ['adjustment', 'nonnegative'],
    ['gain', 'any'],
    ['term', ['short', 'long']],
  ],
  optional: [],
};

const WASH: RowSpec = {
  what: 'a wash-sale adjustment',
  fields: [
    ['code', ['W']],
    ['saleId', 'id'],
    ['dateSold', 'date'],
    ['asset', 'id'],
    ['fromLot', 'id'],
    ['toLot', 'string'],
    ['replacementAsset', 'id'],
    ['replacementAcquired', 'date'],
    ['quantity', 'positive'],
    ['disallowedLoss', 'nonnegative'],
    ['tackedDays', 'count'],
    ['newHoldingDate', 'date?'],
  ],
  optional: [],
};

/** The leading fields of a per-lot event row (a transfer, a return of capital): which transaction, when, which lot, where. */
const LOT_EVENT: RowSpec['fields'] = [
  ['transactionId', 'id'],
  ['date', 'date'],
  ['lotId', 'id'],
  ['account', 'id'],
  ['asset', 'id'],
];

const TRANSFER: RowSpec = {
  what: 'a transferred lot',
  fields: [...LOT_EVENT, ['quantity', 'positive'], ['basis', 'nonnegative'], ['dateAcquired', 'date'], ['holdingDate', 'date']],
  optional: [],
};

const ROC: RowSpec = {
  what: 'a return-of-capital record',
  fields: [...LOT_EVENT, ['amount', 'nonnegative'], ['basisReduction', 'nonnegative'], ['excess', 'nonnegative']],
  optional: [],
};

const INCOME: RowSpec = {
  what: 'the income totals',
  fields: [
    ['dividends', 'nonnegative'],
    ['reinvestedDividends', 'nonnegative'],
    ['returnOfCapital', 'nonnegative'],
    ['fees', 'nonnegative'],
  ],
  optional: [],
};

const LEDGER_KEYS = ['options', 'transactions', 'lastDate', 'lots', 'realizations', 'washSales', 'transfersOut', 'returnsOfCapital', 'cash', 'income'];
const OPTION_KEYS = ['method', 'accountMethods', 'taxRates', 'substantiallyIdentical', 'washSales'];

/** State of one check: the calling function and the dates already seen valid (dates repeat). */
interface Checker {
  fn: string;
  dates: Set<string>;
}

function fail(c: Checker, arg: string, expected: string, value: unknown): never {
  throw new InvalidArgumentError(`${c.fn}: \`${arg}\` must be ${expected}, got ${showValue(value)}.`, arg, showValue(value));
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** `o` has no field outside `known`. */
function checkKeys(c: Checker, arg: string, o: Record<string, unknown>, known: readonly string[], what: string): void {
  for (const k in o) {
    if (!known.includes(k)) {
      throw new InvalidArgumentError(`${c.fn}: \`${arg}.${k}\` is not a field of ${what}; known fields are ${known.join(', ')}.`, `${arg}.${k}`, k);
    }
  }
}

/** The name of field `name` of row `i` of array `base` (of `base` itself when `i` is -1). Built only for a message. */
function at(base: string, i: number, name: string): string {
  return i < 0 ? `${base}.${name}` : `${base}[${i}].${name}`;
}

/** A {@link TaxAmount} `{ decimal, number }` (field `name` of row `i` of `base`): a decimal string of the given sign, and its value as a double. */
function checkAmount(c: Checker, base: string, i: number, name: string, a: unknown, sign: Sign): void {
  if (!isPlainObject(a)) fail(c, at(base, i, name), 'an amount { decimal, number }', a);
  for (const k in a) {
    if (k !== 'decimal' && k !== 'number') {
      const arg = at(base, i, name);
      throw new InvalidArgumentError(`${c.fn}: \`${arg}.${k}\` is not a field of an amount; an amount is { decimal, number }.`, `${arg}.${k}`, k);
    }
  }
  const d = a.decimal;
  if (typeof d !== 'string') fail(c, `${at(base, i, name)}.decimal`, 'a decimal string', d);
  let s = plainSign(d, MAX_LEDGER_DIGITS);
  if (s === NOT_PLAIN) {
    const p = parseDecimal(c.fn, `${at(base, i, name)}.decimal`, d, 'any', MAX_LEDGER_DIGITS);
    s = p.int === '' && p.frac === '' ? 0 : p.neg ? -1 : 1;
  }
  if ((sign === 'positive' && s <= 0) || (sign === 'nonnegative' && s < 0)) {
    fail(c, `${at(base, i, name)}.decimal`, sign === 'positive' ? 'positive' : 'non-negative', d);
  }
  const n = a.number;
  if (typeof n !== 'number' || n !== Number(d)) fail(c, `${at(base, i, name)}.number`, `the decimal ${d.slice(0, 60)} as a number`, n);
}

/** Field `name` of row `i` of `base`, of the given kind. */
function checkField(c: Checker, base: string, i: number, name: string, v: unknown, kind: Kind): void {
  if (typeof kind !== 'string') {
    if (typeof v !== 'string' || !kind.includes(v)) fail(c, at(base, i, name), `one of ${kind.map((k) => JSON.stringify(k)).join(', ')}`, v);
    return;
  }
  switch (kind) {
    case 'id':
      if (typeof v !== 'string' || v === '') fail(c, at(base, i, name), 'a non-empty string', v);
      return;
    case 'string':
      if (typeof v !== 'string') fail(c, at(base, i, name), 'a string', v);
      return;
    case 'date':
    case 'date?':
      if (typeof v === 'string' && (c.dates.has(v) || (kind === 'date?' && v === ''))) return;
      if (!isIsoDate(v)) fail(c, at(base, i, name), kind === 'date' ? "an ISO date 'YYYY-MM-DD'" : "an ISO date 'YYYY-MM-DD' or ''", v);
      c.dates.add(v);
      return;
    case 'count':
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) fail(c, at(base, i, name), 'a non-negative integer', v);
      return;
    default:
      checkAmount(c, base, i, name, v, kind);
  }
}

// Fast predicates for the large row arrays: true when the row is certainly valid (every amount
// written as buildLedger writes it); false sends the row through checkRow, which accepts what
// these refuse but is valid (e.g. an amount with superfluous zeros) and names what is not.

function keyCount(o: object): number {
  let n = 0;
  for (const _ in o) n++;
  return n;
}

function okId(v: unknown): boolean {
  return typeof v === 'string' && v !== '';
}

function okDate(c: Checker, v: unknown): boolean {
  return typeof v === 'string' && c.dates.has(v);
}

/** An amount as buildLedger writes it, of sign > 0 (positive), >= 0 (nonnegative) or any. */
function okAmount(a: unknown, sign: Sign): boolean {
  if (a === null || typeof a !== 'object') return false;
  const d = (a as Record<string, unknown>).decimal;
  const n = (a as Record<string, unknown>).number;
  if (typeof d !== 'string' || typeof n !== 'number' || keyCount(a) !== 2) return false;
  const s = plainSign(d, MAX_LEDGER_DIGITS);
  if (s === NOT_PLAIN || (sign === 'positive' && s <= 0) || (sign === 'nonnegative' && s < 0)) return false;
  return n === Number(d);
}

function okRealization(c: Checker, r: Record<string, unknown>): boolean {
  return (
    (r.kind === 'sale' || r.kind === 'return-of-capital') &&
    okId(r.transactionId) &&
    okId(r.lotId) &&
    okId(r.account) &&
    okId(r.asset) &&
    okAmount(r.quantity, 'positive') &&
    okDate(c, r.dateAcquired) &&
    okDate(c, r.holdingDate) &&
    okDate(c, r.dateSold) &&
    okAmount(r.proceeds, 'any') &&
    okAmount(r.basis, 'nonnegative') &&
    (r.adjustmentCode === '' || r.adjustmentCode === 'W') &&
    okAmount(r.adjustment, 'nonnegative') &&
    okAmount(r.gain, 'any') &&
    (r.term === 'short' || r.term === 'long') &&
    keyCount(r) === 15
  );
}

function okWash(c: Checker, w: Record<string, unknown>): boolean {
  const days = w.tackedDays;
  return (
    w.code === 'W' &&
    okId(w.saleId) &&
    okDate(c, w.dateSold) &&
    okId(w.asset) &&
    okId(w.fromLot) &&
    typeof w.toLot === 'string' &&
    okId(w.replacementAsset) &&
    okDate(c, w.replacementAcquired) &&
    okAmount(w.quantity, 'positive') &&
    okAmount(w.disallowedLoss, 'nonnegative') &&
    typeof days === 'number' &&
    Number.isInteger(days) &&
    days >= 0 &&
    okDate(c, w.newHoldingDate) &&
    keyCount(w) === 12
  );
}

/** Row `i` of `base` (or `base` itself when `i` is -1) against its spec: every field of its kind, no other field. */
function checkRow(c: Checker, base: string, i: number, row: unknown, spec: RowSpec): void {
  if (!isPlainObject(row)) fail(c, i < 0 ? base : `${base}[${i}]`, `${spec.what} (an object)`, row);
  const fields = spec.fields;
  let present = 0;
  for (let f = 0; f < fields.length; f++) {
    const name = fields[f]![0];
    const v = row[name];
    if (v === undefined && spec.optional.length !== 0 && spec.optional.includes(name)) continue;
    checkField(c, base, i, name, v, fields[f]![1]);
    present++;
  }
  // Every field checked is there: a further key is unknown.
  let keys = 0;
  for (const _ in row) keys++;
  if (keys !== present) {
    for (const k in row) {
      if (!fields.some((f) => f[0] === k) || row[k] === undefined) {
        const arg = at(base, i, k);
        throw new InvalidArgumentError(`${c.fn}: \`${arg}\` is not a field of ${spec.what}; known fields are ${fields.map((f) => f[0]).join(', ')}.`, arg, k);
      }
    }
  }
}

function checkRows(c: Checker, arg: string, rows: unknown, spec: RowSpec, ok?: (c: Checker, row: Record<string, unknown>) => boolean): void {
  if (!Array.isArray(rows)) fail(c, arg, 'an array', rows);
  for (let i = 0; i < rows.length; i++) {
    const row: unknown = rows[i];
    if (ok !== undefined && isPlainObject(row) && ok(c, row)) continue;
    checkRow(c, arg, i, row, spec);
  }
}

/** `ledger.options`, as buildLedger stores them (every field present). */
function checkLedgerOptions(c: Checker, o: unknown): NormOptions {
  const arg = 'ledger.options';
  if (!isPlainObject(o)) fail(c, arg, 'the options object of a ledger', o);
  checkKeys(c, arg, o, OPTION_KEYS, 'the options of a ledger');
  const method = checkMethod(c.fn, `${arg}.method`, o.method);
  const am = o.accountMethods;
  if (!isPlainObject(am)) fail(c, `${arg}.accountMethods`, 'an object mapping account to method', am);
  const accountMethods = Object.create(null) as Record<string, ReliefMethod>;
  for (const [acct, m] of Object.entries(am)) accountMethods[acct] = checkMethod(c.fn, `${arg}.accountMethods.${acct}`, m);
  const taxRates = o.taxRates === null ? null : checkTaxRates(c.fn, o.taxRates, `${arg}.taxRates`);
  if (!Array.isArray(o.substantiallyIdentical)) fail(c, `${arg}.substantiallyIdentical`, 'an array of arrays of tickers', o.substantiallyIdentical);
  const groups = checkGroups(c.fn, o.substantiallyIdentical, `${arg}.substantiallyIdentical`);
  if (typeof o.washSales !== 'boolean') fail(c, `${arg}.washSales`, 'a boolean', o.washSales);
  if (taxRates === null && (method === 'tax-optimal' || Object.values(accountMethods).includes('tax-optimal'))) {
    fail(c, `${arg}.taxRates`, "rates { shortTerm, longTerm } (a method is 'tax-optimal')", null);
  }
  return { method, accountMethods, taxRates, substantiallyIdentical: groups, washSales: o.washSales };
}

function checkCash(c: Checker, cash: unknown): void {
  if (!isPlainObject(cash)) fail(c, 'ledger.cash', 'an object mapping account to amount', cash);
  for (const k of Object.keys(cash)) checkAmount(c, 'ledger.cash', -1, k, cash[k], 'any');
}

/** Check every field of a ledger that `buildLedger` did not return (see the module comment). */
function validateLedger(fn: string, ledger: unknown): TaxLedger {
  const c: Checker = { fn, dates: new Set() };
  if (!isPlainObject(ledger)) fail(c, 'ledger', 'a ledger made by buildLedger (an object)', ledger);
  checkKeys(c, 'ledger', ledger, LEDGER_KEYS, 'a ledger');
  const opts = checkLedgerOptions(c, ledger.options);
  const txs = ledger.transactions;
  if (!Array.isArray(txs)) fail(c, 'ledger.transactions', 'an array', txs);
  normTransactions(txs as TaxTransaction[], opts, fn, 'ledger.transactions');
  const last = txs.length === 0 ? null : (txs[txs.length - 1] as TaxTransaction).date;
  if (ledger.lastDate !== last) fail(c, 'ledger.lastDate', last === null ? 'null (no transactions)' : `the last transaction's date ${last}`, ledger.lastDate);
  checkRows(c, 'ledger.lots', ledger.lots, LOT);
  checkRows(c, 'ledger.realizations', ledger.realizations, REALIZATION, okRealization);
  checkRows(c, 'ledger.washSales', ledger.washSales, WASH, okWash);
  checkRows(c, 'ledger.transfersOut', ledger.transfersOut, TRANSFER);
  checkRows(c, 'ledger.returnsOfCapital', ledger.returnsOfCapital, ROC);
  checkCash(c, ledger.cash);
  checkRow(c, 'ledger.income', -1, ledger.income, INCOME);
  return ledger as unknown as TaxLedger;
}

/** Whether `x` is a ledger `buildLedger` returned (frozen, so unchanged since). @internal */
export function isBuiltLedger(x: unknown): x is TaxLedger {
  return typeof x === 'object' && x !== null && BUILT.has(x);
}

/**
 * The ledger a report was given: a ledger `buildLedger` returned as is, any other one after
 * checking every field (see the module comment).
 * @throws {InvalidArgumentError} naming the first bad field (e.g. `ledger.lots[3].quantity.decimal`).
 * @internal
 */
export function readLedger(fn: string, ledger: unknown): TaxLedger {
  return isBuiltLedger(ledger) ? ledger : validateLedger(fn, ledger);
}

function freezeDeep(v: unknown): void {
  if (v === null || typeof v !== 'object' || Object.isFrozen(v)) return;
  for (const k of Object.keys(v)) freezeDeep((v as Record<string, unknown>)[k]);
  Object.freeze(v);
}

/** Freeze the rows of `rows` and, in each, the amounts named in `amounts` (the rows' only objects). */
function freezeRows(rows: readonly object[], amounts: readonly string[]): void {
  const m = amounts.length;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as Record<string, object>;
    for (let k = 0; k < m; k++) Object.freeze(r[amounts[k]!]);
    Object.freeze(r);
  }
  Object.freeze(rows);
}

/** Freeze the ledger's copies of the transactions: flat objects, but for a split's ratio object and a sale's named lots. */
function freezeTransactions(txs: readonly TaxTransaction[]): void {
  for (let i = 0; i < txs.length; i++) {
    const t = txs[i] as unknown as Record<string, unknown>;
    if (t.type === 'split' || t.type === 'sell' || t.type === 'transfer-out') freezeDeep(t);
    else Object.freeze(t);
  }
  Object.freeze(txs);
}

/** Freeze a new ledger deeply and brand it as built by the library. @internal */
export function brandLedger(ledger: TaxLedger): TaxLedger {
  freezeDeep(ledger.options);
  freezeTransactions(ledger.transactions);
  freezeRows(ledger.lots, ['quantity', 'basis', 'basisPerShare', 'washSaleAdjustment']);
  freezeRows(ledger.realizations, ['quantity', 'proceeds', 'basis', 'adjustment', 'gain']);
  freezeRows(ledger.washSales, ['quantity', 'disallowedLoss']);
  freezeRows(ledger.transfersOut, ['quantity', 'basis']);
  freezeRows(ledger.returnsOfCapital, ['amount', 'basisReduction', 'excess']);
  freezeDeep(ledger.cash);
  freezeDeep(ledger.income);
  Object.freeze(ledger);
  BUILT.add(ledger);
  return ledger;
}
