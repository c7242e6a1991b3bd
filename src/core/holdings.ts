/**
 * The one portfolio type ({@link Holdings}), its reader ({@link readHoldings}) and the one order
 * type ({@link Order}) that trade generation emits and pre-trade checks accept.
 * @module
 */
import Decimal from 'decimal.js';
import { InvalidArgumentError } from './errors.ts';
import { Dx, exact, exactProduct, type ExactAmount } from './exact-amount.ts';
import { didYouMean } from './options.ts';
import { label } from './text.ts';
import { parseDecimal, parseDecimalString, parsedToString } from './parse-decimal.ts';

export { exactProduct, type ExactAmount };

/** A quantity or an amount of money: a finite number or an exact decimal string (`'1234.56'`, `'1e3'`). */
export type DecimalInput = number | string;

/** One position of {@link Holdings}. Give `quantity` and `price`, or `marketValue`, or (for weight-only portfolios) `weight`. */
export interface HoldingsPosition {
  /** Asset identifier (ticker, ISIN, ...), unique within the holdings. */
  asset: string;
  /** Units held (shares); negative for a short. */
  quantity?: DecimalInput;
  /** Price per unit in the portfolio's currency (> 0). */
  price?: DecimalInput;
  /** Market value in the portfolio's currency; derived as quantity × price when both are given. */
  marketValue?: DecimalInput;
  /** Weight as a fraction of net asset value (0.1 = 10 %). */
  weight?: number;
  /** Issuer (default: the asset itself where a rule needs one). */
  issuer?: string;
  sector?: string;
  country?: string;
  assetClass?: string;
  /** Currency of the asset's listing (information only: values are in the portfolio's currency). */
  currency?: string;
  /** Further group tags, e.g. `{ region: 'EMEA' }`. `sector`, `country`, `assetClass` and `currency` join them. */
  tags?: Record<string, string>;
  /** Average daily volume in units (liquidity rules). */
  averageDailyVolume?: number;
}

/** A portfolio: positions and cash. Net asset value (NAV) = Σ market values + cash. */
export interface Holdings {
  /** Valuation date (ISO `YYYY-MM-DD`). */
  asOf?: string;
  /** Currency of every value (ISO 4217 code, information only). */
  baseCurrency?: string;
  /** Cash in the portfolio's currency (default 0); not allowed when positions are given by weight only (cash is then 1 − Σ weights). */
  cash?: DecimalInput;
  positions: HoldingsPosition[];
}

/** One position as {@link readHoldings} returns it (frozen). */
export interface HeldPosition {
  readonly asset: string;
  readonly quantity?: ExactAmount;
  readonly price?: ExactAmount;
  /** Given, or quantity × price (exact); absent for a weight-only position. */
  readonly marketValue?: ExactAmount;
  /** Given, or marketValue / NAV when NAV > 0. */
  readonly weight?: number;
  readonly issuer?: string;
  readonly sector?: string;
  readonly country?: string;
  readonly assetClass?: string;
  readonly currency?: string;
  /** The position's tags with `sector`, `country`, `assetClass` and `currency` included. */
  readonly tags: Readonly<Record<string, string>>;
  readonly averageDailyVolume?: number;
  /** Domain-specific fields a caller allowed through `extraKeys`, unvalidated. */
  readonly extra: Readonly<Record<string, unknown>>;
}

/** Holdings as {@link readHoldings} returns them (frozen). */
export interface ReadHoldings {
  readonly asOf?: string;
  readonly baseCurrency?: string;
  /** `'values'`: every position has a market value; `'weights'`: some position is given by weight only (then every one has a weight). */
  readonly basis: 'values' | 'weights';
  /** Cash: the given amount (values basis), or the weight 1 − Σ weights as a fraction (weights basis). */
  readonly cash: ExactAmount;
  /** Σ market values + cash (values basis); 1 on the weights basis. */
  readonly nav: ExactAmount;
  readonly positions: readonly HeldPosition[];
}

/** Options of {@link readHoldings}. */
export interface ReadHoldingsOptions {
  /** Position fields a domain adds (e.g. compliance's `kind`), passed through in `extra`. */
  extraKeys?: readonly string[];
}

/** A lot a sell relieves (specific identification), as tax-aware trade lists give it. */
export interface OrderLot {
  lotId: string;
  quantity: DecimalInput | ExactAmount;
}

/**
 * One order: the shape `rebalanceTrades` and `taxAwareRebalance` emit and `preTradeCheck`
 * accepts. `quantity` is positive (the side gives the direction): a number, an exact decimal
 * string, or an {@link ExactAmount}. `lots` is the number of trading lots (`rebalanceTrades`) or
 * the tax lots a sell relieves (`taxAwareRebalance`).
 */
export interface Order {
  asset: string;
  side: 'buy' | 'sell';
  quantity: DecimalInput | ExactAmount;
  /** Price per unit; when absent a consumer takes the position's price. */
  price?: DecimalInput;
  lots?: number | readonly OrderLot[];
}

const POSITION_KEYS = [
  'asset',
  'quantity',
  'price',
  'marketValue',
  'weight',
  'issuer',
  'sector',
  'country',
  'assetClass',
  'currency',
  'tags',
  'averageDailyVolume',
] as const;
const HOLDINGS_KEYS = ['asOf', 'baseCurrency', 'cash', 'positions'] as const;
const NAMED_TAGS = ['sector', 'country', 'assetClass', 'currency'] as const;
/** Digits allowed before or after the decimal point of a string input (any finite double is accepted). */
const MAX_DIGITS = 100;
/** Given weights may differ from marketValue / NAV by this much. */
const WEIGHT_TOLERANCE = 1e-6;

function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') return String(v);
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

/** Refuse keys outside `known`, naming the nearest known key when one is close (core's one `nearestKey`). */
function checkKeys(fn: string, where: string, obj: object, known: readonly string[]): void {
  for (const key of Object.keys(obj)) {
    if (known.includes(key)) continue;
    throw new InvalidArgumentError(
      `${fn}: unknown key \`${key}\` in \`${where}\`;${didYouMean(key, known)} Known keys: ${known.map((k) => `\`${k}\``).join(', ')}.`,
      `${where}.${key}`,
      show((obj as Record<string, unknown>)[key]),
    );
  }
}

/**
 * Read a number or exact decimal string with the library's one parser ({@link parseDecimal});
 * `sign` 'positive', 'any'. A number is read through its shortest decimal form, at any magnitude;
 * a string has at most {@link MAX_DIGITS} digits before and after the point.
 */
function readAmount(fn: string, arg: string, v: unknown, sign: 'positive' | 'any'): ExactAmount {
  if (typeof v === 'number') return exact(new (Dx())(parsedToString(parseDecimal(fn, arg, v, sign, Number.POSITIVE_INFINITY))), v);
  if (typeof v !== 'string') throw new InvalidArgumentError(`${fn}: \`${arg}\` must be a finite number or decimal string, got ${show(v)}.`, arg, show(v));
  return exact(new (Dx())(parsedToString(parseDecimalString(fn, arg, v, sign, MAX_DIGITS))));
}

function readString(fn: string, arg: string, v: unknown): string {
  if (typeof v !== 'string' || v === '') throw new InvalidArgumentError(`${fn}: \`${arg}\` must be a non-empty string, got ${show(v)}.`, arg, show(v));
  return v;
}

function readFiniteNumber(fn: string, arg: string, v: unknown, min?: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || (min !== undefined && v < min)) {
    throw new InvalidArgumentError(`${fn}: \`${arg}\` must be a finite number${min !== undefined ? ` ≥ ${min}` : ''}, got ${show(v)}.`, arg, show(v));
  }
  return v;
}

interface Draft {
  asset: string;
  quantity: ExactAmount | undefined;
  price: ExactAmount | undefined;
  marketValue: ExactAmount | undefined;
  mv: Decimal | undefined;
  weight: number | undefined;
  rest: Record<string, unknown>;
}

/** Value of a position: the given market value, or quantity × price, checked against each other when all three are given. */
function positionValue(
  fn: string,
  where: string,
  q: ExactAmount | undefined,
  p: ExactAmount | undefined,
  mv: ExactAmount | undefined,
  weighted: boolean,
): Decimal | undefined {
  const C = Dx();
  const given = mv === undefined ? undefined : new C(mv.decimal);
  if (q === undefined || p === undefined) {
    if (q !== undefined && given === undefined && !weighted) {
      throw new InvalidArgumentError(
        `${fn}: \`${where}\` has a \`quantity\` but no \`price\` or \`marketValue\`; give a price to value it.`,
        `${where}.price`,
        'undefined',
      );
    }
    return given;
  }
  const product = new C(q.decimal).times(p.decimal);
  if (given !== undefined) {
    // agreement to half a cent, or 1e-9 relative for large values
    const tol = Decimal.max(new C('0.005'), product.abs().times('1e-9'));
    if (product.minus(given).abs().gt(tol)) {
      throw new InvalidArgumentError(
        `${fn}: \`${where}\` has quantity × price = ${q.decimal} × ${p.decimal} = ${product.toString()}, but \`marketValue\` ${mv!.decimal}; give consistent values or leave one out.`,
        `${where}.marketValue`,
        mv!.decimal,
      );
    }
    return given;
  }
  return product;
}

function readPosition(fn: string, where: string, p: unknown, extraKeys: readonly string[]): Draft {
  if (!p || typeof p !== 'object' || Array.isArray(p))
    throw new InvalidArgumentError(`${fn}: \`${where}\` must be a position object, got ${show(p)}.`, where, show(p));
  const r = p as Record<string, unknown>;
  checkKeys(fn, where, r, [...POSITION_KEYS, ...extraKeys]);
  const asset = readString(fn, `${where}.asset`, r.asset);
  const quantity = r.quantity === undefined ? undefined : readAmount(fn, `${where}.quantity`, r.quantity, 'any');
  const price = r.price === undefined ? undefined : readAmount(fn, `${where}.price`, r.price, 'positive');
  const given = r.marketValue === undefined ? undefined : readAmount(fn, `${where}.marketValue`, r.marketValue, 'any');
  const weight = r.weight === undefined ? undefined : readFiniteNumber(fn, `${where}.weight`, r.weight);
  const mv = positionValue(fn, where, quantity, price, given, weight !== undefined);
  if (mv === undefined && weight === undefined) {
    throw new InvalidArgumentError(`${fn}: \`${where}\` (${asset}) needs \`quantity\` and \`price\`, \`marketValue\`, or \`weight\`.`, where, 'no value');
  }
  const rest: Record<string, unknown> = {};
  for (const k of ['issuer', ...NAMED_TAGS] as const) if (r[k] !== undefined) rest[k] = readString(fn, `${where}.${k}`, r[k]);
  if (r.averageDailyVolume !== undefined) rest.averageDailyVolume = readFiniteNumber(fn, `${where}.averageDailyVolume`, r.averageDailyVolume, 0);
  const tags: Record<string, string> = {};
  if (r.tags !== undefined) {
    if (!r.tags || typeof r.tags !== 'object' || Array.isArray(r.tags) || Object.values(r.tags).some((v) => typeof v !== 'string')) {
      throw new InvalidArgumentError(`${fn}: \`${where}.tags\` must map tag names to strings.`, `${where}.tags`, show(r.tags));
    }
    Object.assign(tags, r.tags);
  }
  for (const k of NAMED_TAGS) {
    const v = rest[k] as string | undefined;
    if (v === undefined) continue;
    if (tags[k] !== undefined && tags[k] !== v) {
      throw new InvalidArgumentError(
        `${fn}: \`${where}\` gives ${k} ${JSON.stringify(v)} and \`tags.${k}\` ${JSON.stringify(tags[k])}; give one.`,
        `${where}.tags.${k}`,
        tags[k],
      );
    }
    tags[k] = v;
  }
  rest.tags = Object.freeze(tags);
  const extra: Record<string, unknown> = {};
  for (const k of extraKeys) if (r[k] !== undefined) extra[k] = r[k];
  rest.extra = Object.freeze(extra);
  return { asset, quantity, price, marketValue: mv === undefined ? undefined : (given ?? exact(mv)), mv, weight, rest };
}

/** Weights basis: check every position has a weight, no cash amount; cash weight = 1 − Σ weights. */
function weightsBasis(fn: string, arg: string, drafts: Draft[], cashIn: unknown): { cash: ExactAmount; nav: ExactAmount } {
  const missing = drafts.findIndex((d) => d.weight === undefined);
  if (missing >= 0) {
    throw new InvalidArgumentError(
      `${fn}: \`${arg}.positions[${missing}]\` (${drafts[missing]!.asset}) has a value but no \`weight\`, while other positions are given by weight only; give every position a weight, or every one a value.`,
      `${arg}.positions[${missing}].weight`,
      'undefined',
    );
  }
  if (cashIn !== undefined) {
    throw new InvalidArgumentError(
      `${fn}: \`${arg}.cash\` cannot be combined with positions given by weight only (cash is then 1 − Σ weights); leave it out or give market values.`,
      `${arg}.cash`,
      show(cashIn),
    );
  }
  let s = 0;
  for (const d of drafts) s += d.weight!;
  return { cash: exact(new (Dx())(1 - s), 1 - s), nav: exact(new (Dx())(1), 1) };
}

/**
 * Read a {@link Holdings} object: check every key (an unknown one is refused naming the nearest
 * known key), read quantities, prices, market values and cash as numbers or exact decimal
 * strings (kept exact: `decimal` is the exact value, `number` the nearest double, or the number
 * given), derive marketValue = quantity × price exactly when both are given, check the three
 * agree when all are given (to half a currency cent, or 1e-9 relative when larger), and derive
 * weight = marketValue / NAV (NAV = Σ market values + cash) when NAV > 0. A given weight must
 * agree with it to 1e-6.
 *
 * Positions may be given by weight alone (`basis: 'weights'`): then every position needs a
 * weight, `cash` is not allowed, the cash weight is 1 − Σ weights and `nav` is 1; functions
 * that need money values (e.g. a liquidity rule) refuse such holdings, naming what they need.
 *
 * The sectors, countries, asset classes and currencies join the tags
 * (`tags.sector` = `sector`, ...). The result and everything in it is frozen; the input is not
 * changed. Missing data: none; NaN or ±Infinity throws.
 *
 * @param fn the calling function's name, for messages.
 * @param arg the argument's name, for messages (e.g. `'holdings'`).
 * @param input the holdings.
 * @param options `extraKeys`: position fields the caller's domain adds, passed through in `extra`.
 * @throws {InvalidArgumentError} for a non-object, an unknown key, a missing or duplicate asset,
 * malformed numbers, a non-positive price, quantity × price ≠ marketValue, a given weight that
 * disagrees with marketValue / NAV, a position with neither a value nor a weight, a mix of
 * weight-only and value-only positions, or cash with weight-only positions.
 * @example
 * ```ts
 * import { readHoldings } from 'quantivista/core';
 * const h = readHoldings('demo', 'holdings', {
 *   cash: 200,
 *   positions: [{ asset: 'AAA', quantity: '3', price: '100.10' }, { asset: 'BBB', marketValue: 499.7, sector: 'Energy' }],
 * });
 * console.log(h.positions[0]?.marketValue?.decimal); // "300.3"
 * console.log(h.nav.number); // 1000
 * console.log(h.positions[1]?.weight); // 0.4997
 * console.log(h.positions[1]?.tags.sector); // "Energy"
 *
 * try {
 *   readHoldings('demo', 'holdings', { positions: [{ asset: 'AAA', wieght: 0.5 }] } as never);
 * } catch (e) {
 *   console.log((e as Error).message); // demo: unknown key `wieght` in `holdings.positions[0]`; did you mean `weight`? Known keys: `asset`, `quantity`, `price`, `marketValue`, `weight`, `issuer`, `sector`, `country`, `assetClass`, `currency`, `tags`, `averageDailyVolume`.
 * }
 * ```
 */
export function readHoldings(fn: string, arg: string, input: Holdings, options?: ReadHoldingsOptions): ReadHoldings {
  fn = label(fn);
  arg = label(arg);
  if (!input || typeof input !== 'object' || Array.isArray(input) || !Array.isArray((input as { positions?: unknown }).positions)) {
    throw new InvalidArgumentError(`${fn}: \`${arg}\` must be holdings { positions: [...], cash? }, got ${show(input)}.`, arg, show(input));
  }
  checkKeys(fn, arg, input, HOLDINGS_KEYS);
  const extraKeys = options?.extraKeys ?? [];
  const asOf = input.asOf === undefined ? undefined : readString(fn, `${arg}.asOf`, input.asOf);
  if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf))
    throw new InvalidArgumentError(`${fn}: \`${arg}.asOf\` must be an ISO date YYYY-MM-DD, got ${show(asOf)}.`, `${arg}.asOf`, asOf);
  const baseCurrency = input.baseCurrency === undefined ? undefined : readString(fn, `${arg}.baseCurrency`, input.baseCurrency);
  const seen = new Set<string>();
  const drafts = input.positions.map((p, i) => {
    const d = readPosition(fn, `${arg}.positions[${i}]`, p, extraKeys);
    if (seen.has(d.asset))
      throw new InvalidArgumentError(
        `${fn}: asset ${JSON.stringify(d.asset)} appears twice in \`${arg}.positions\`; merge the positions first.`,
        `${arg}.positions[${i}].asset`,
        d.asset,
      );
    seen.add(d.asset);
    return d;
  });
  const byWeight = drafts.some((d) => d.mv === undefined);
  let cash: ExactAmount;
  let nav: ExactAmount;
  if (byWeight) ({ cash, nav } = weightsBasis(fn, arg, drafts, input.cash));
  else {
    cash = input.cash === undefined ? exact(new (Dx())(0)) : readAmount(fn, `${arg}.cash`, input.cash, 'any');
    let total = new (Dx())(cash.decimal);
    for (const d of drafts) total = total.plus(d.mv!);
    nav = exact(total);
  }
  const positions = drafts.map((d, i) => {
    let weight = d.weight;
    if (!byWeight && nav.number > 0) {
      const w = d.mv!.div(nav.decimal).toNumber();
      if (weight !== undefined && Math.abs(weight - w) > WEIGHT_TOLERANCE) {
        throw new InvalidArgumentError(
          `${fn}: \`${arg}.positions[${i}].weight\` is ${weight}, but marketValue / NAV = ${w}; give consistent values or leave the weight out.`,
          `${arg}.positions[${i}].weight`,
          weight,
        );
      }
      weight ??= w;
    }
    const out: Record<string, unknown> = { asset: d.asset };
    if (d.quantity) out.quantity = d.quantity;
    if (d.price) out.price = d.price;
    if (d.marketValue) out.marketValue = d.marketValue;
    if (weight !== undefined) out.weight = weight;
    Object.assign(out, d.rest);
    return Object.freeze(out) as unknown as HeldPosition;
  });
  return Object.freeze({
    ...(asOf !== undefined ? { asOf } : {}),
    ...(baseCurrency !== undefined ? { baseCurrency } : {}),
    basis: byWeight ? 'weights' : 'values',
    cash,
    nav,
    positions: Object.freeze(positions),
  } as ReadHoldings);
}

/**
 * Whether a value looks like {@link Holdings} (an object with a `positions` array), to tell it
 * from other portfolio inputs (e.g. records keyed by asset) before reading it with
 * {@link readHoldings}.
 * @example
 * ```ts
 * import { isHoldings } from 'quantivista/core';
 * console.log(isHoldings({ positions: [] })); // true
 * console.log(isHoldings({ AAA: 10 })); // false
 * ```
 */
export function isHoldings(x: unknown): x is Holdings {
  return !!x && typeof x === 'object' && !Array.isArray(x) && Array.isArray((x as { positions?: unknown }).positions);
}

/** An order as {@link readOrder} returns it (frozen). */
export interface ReadOrder {
  readonly asset: string;
  readonly side: 'buy' | 'sell';
  /** Units, positive. */
  readonly quantity: ExactAmount;
  readonly price?: ExactAmount;
}

/** Fields the library's own order results carry besides {@link Order}'s (accepted and ignored by {@link readOrder}). */
const ORDER_RESULT_KEYS = ['value', 'cost', 'reason', 'replaces'] as const;

/**
 * Read one {@link Order}: `asset`, `side` (`'buy'` or `'sell'`), a positive `quantity` (number,
 * exact decimal string, or an `{ decimal, number }` amount as the trade generators give it), an
 * optional positive `price`, and `lots`. The further fields of the library's own order results
 * (`value`, `cost`, `reason`, `replaces`) are accepted and ignored, so the orders of
 * `rebalanceTrades` and `taxAwareRebalance` pass unchanged; any other key is refused naming the
 * nearest known key.
 *
 * @param fn the calling function's name, for messages.
 * @param arg the argument's name, for messages (e.g. `'trades[0]'`).
 * @param input the order.
 * @throws {InvalidArgumentError} for a non-object, an unknown key, a missing asset, a side other
 * than buy or sell, or a quantity or price that is not a positive finite number or decimal string.
 * @example
 * ```ts
 * import { readOrder } from 'quantivista/core';
 * const o = readOrder('demo', 'order', { asset: 'AAA', side: 'sell', quantity: { decimal: '12.5', number: 12.5 }, price: '10.10' });
 * console.log(o.quantity.decimal, o.price?.number); // "12.5" 10.1
 * ```
 */
export function readOrder(fn: string, arg: string, input: Order): ReadOrder {
  fn = label(fn);
  arg = label(arg);
  if (!input || typeof input !== 'object' || Array.isArray(input))
    throw new InvalidArgumentError(`${fn}: \`${arg}\` must be an order object, got ${show(input)}.`, arg, show(input));
  checkKeys(fn, arg, input, ['asset', 'side', 'quantity', 'price', 'lots', ...ORDER_RESULT_KEYS]);
  const asset = readString(fn, `${arg}.asset`, input.asset);
  if (input.side !== 'buy' && input.side !== 'sell')
    throw new InvalidArgumentError(`${fn}: \`${arg}.side\` must be 'buy' or 'sell', got ${show(input.side)}.`, `${arg}.side`, show(input.side));
  const q = input.quantity;
  const quantity = readAmount(fn, `${arg}.quantity`, q && typeof q === 'object' && 'decimal' in q ? q.decimal : q, 'positive');
  const price = input.price === undefined ? undefined : readAmount(fn, `${arg}.price`, input.price, 'positive');
  return Object.freeze({ asset, side: input.side, quantity, ...(price ? { price } : {}) });
}
