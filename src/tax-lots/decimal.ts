/**
 * Internal: the tax-lot domain's private decimal.js constructor (40 significant digits,
 * round-half-even, plain notation) and conversions, used by the reports (realised / unrealised
 * gains, harvesting, valuation); the ledger fold itself uses exact fixed point (fixed.ts). Both
 * read decimals with the one parser of core/parse-decimal.ts.
 * Never touches decimal.js's global config.
 *
 * @module
 * @internal
 */
import Decimal from 'decimal.js';
import { MAX_DECIMAL_DIGITS, MAX_LEDGER_DIGITS, parseDecimal, parsedToString } from '../core/parse-decimal.ts';
import type { TaxDecimalInput, TaxAmount } from './types.ts';

/** The private Decimal constructor type. */
export type Dec = Decimal;

let ctor: typeof Decimal | undefined;
let exactCtor: typeof Decimal | undefined;

/** A private decimal.js constructor: `precision` significant digits, round-half-even, plain notation. */
function makeCtor(precision: number): typeof Decimal {
  return Decimal.clone({ precision, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -9e15, toExpPos: 9e15 });
}

/** The domain's Decimal constructor, 40 significant digits (created on first use; no module-scope calls). */
export function D(): typeof Decimal {
  return (ctor ??= makeCtor(40));
}

/**
 * The reports' exact constructor: 1,000 significant digits. Every input has at most 100 digits
 * before and 100 after the decimal point ({@link MAX_DECIMAL_DIGITS}) and every ledger amount at
 * most 250 ({@link MAX_LEDGER_DIGITS}), so a product of three (ledger quantity × price × exchange
 * rate) has at most 900 significant digits and the sums the reports form stay below 1,000: with
 * this constructor their sums and products are exact, where 40 digits would round a wide product. (decimal.js works on the digits present, so the precision
 * costs nothing on ordinary amounts.) Divisions, which do not terminate, use {@link D}.
 */
export function DX(): typeof Decimal {
  return (exactCtor ??= makeCtor(1000));
}

/** Decimal places kept when a money amount or quantity is split pro rata (10: far below a cent, far above float noise). */
export const ALLOCATION_PLACES = 10;

export { MAX_DECIMAL_DIGITS };

/**
 * Parse a number or decimal string into an exact Decimal, checking finiteness, width and sign
 * ({@link parseDecimal}, the domain's one parser). `sign`: 'positive' (> 0), 'nonnegative'
 * (>= 0) or 'any'. The value is made with `C` (default {@link D}), whose precision then governs
 * the arithmetic on it (the constructor itself keeps every digit).
 */
export function toDec(fn: string, arg: string, value: unknown, sign: 'positive' | 'nonnegative' | 'any', C: typeof Decimal = D()): Decimal {
  return new C(parsedToString(parseDecimal(fn, arg, value, sign)));
}

/** A JSON-safe amount: the exact decimal string and the nearest double. */
export function amount(d: Decimal): TaxAmount {
  if (d.isZero()) return { decimal: '0', number: 0 };
  const s = d.toString();
  return { decimal: s, number: +s };
}

/** Parse a {@link TaxAmount} (or a TaxDecimalInput) from a ledger back into a Decimal made with `C` (default {@link D}); up to {@link MAX_LEDGER_DIGITS} digits either side of the point, as ledgers may hold. */
export function fromAmount(fn: string, arg: string, a: TaxAmount | TaxDecimalInput, C: typeof Decimal = D()): Decimal {
  const v = a !== null && typeof a === 'object' && typeof (a as TaxAmount).decimal === 'string' ? (a as TaxAmount).decimal : a;
  return new C(parsedToString(parseDecimal(fn, arg, v, 'any', MAX_LEDGER_DIGITS)));
}
