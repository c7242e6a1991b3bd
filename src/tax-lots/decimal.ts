/**
 * Internal: the tax-lot domain's private decimal.js constructor (40 significant digits,
 * round-half-even, plain notation) and conversions, used by the reports (realised / unrealised
 * gains, harvesting, valuation); the ledger fold itself uses exact fixed point (fixed.ts).
 * Never touches decimal.js's global config.
 *
 * @module
 * @internal
 */
import Decimal from 'decimal.js';
import { InvalidArgumentError } from '../core/errors.ts';
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
 * before and 100 after the decimal point ({@link MAX_DECIMAL_DIGITS}), so a product of three
 * (quantity × price × exchange rate) has at most 600 significant digits and the sums the reports
 * form stay far below 1,000: with this constructor their sums and products are exact, where 40
 * digits would round a wide product. (decimal.js works on the digits present, so the precision
 * costs nothing on ordinary amounts.) Divisions, which do not terminate, use {@link D}.
 */
export function DX(): typeof Decimal {
  return (exactCtor ??= makeCtor(1000));
}

/** Decimal places kept when a money amount or quantity is split pro rata (10: far below a cent, far above float noise). */
export const ALLOCATION_PLACES = 10;

/**
 * Most digits an input may have before, and after, the decimal point (after dropping leading and
 * trailing zeros). Wider inputs are rejected: beyond 1e100 a product or sum could leave the range
 * of a double (a `TaxAmount.number` of Infinity, `null` in JSON), and the bound also keeps the
 * fixed-point scale of the fold (the widest fraction in play) small.
 */
export const MAX_DECIMAL_DIGITS = 100;

function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') return String(v);
  return v === null ? 'null' : typeof v;
}

/**
 * Parse a number or decimal string into an exact Decimal, checking finiteness and sign.
 * `sign`: 'positive' (> 0), 'nonnegative' (>= 0) or 'any'. The value is made with `C` (default
 * {@link D}), whose precision then governs the arithmetic on it.
 */
export function toDec(fn: string, arg: string, value: unknown, sign: 'positive' | 'nonnegative' | 'any', C: typeof Decimal = D()): Decimal {
  let d: Decimal | undefined;
  if (typeof value === 'number') {
    if (Number.isFinite(value)) d = new C(value);
  } else if (typeof value === 'string' && /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/.test(value)) {
    // (\d+(\.\d*)? rather than \d+\.?\d*, which backtracked quadratically on a long digit run.)
    d = new C(value.trim());
  }
  if (d === undefined || !d.isFinite()) {
    throw new InvalidArgumentError(`${fn}: \`${arg}\` must be a finite number or decimal string, got ${show(value)}.`, arg, show(value));
  }
  if (!d.isZero() && (d.abs().gte(new C(10).pow(MAX_DECIMAL_DIGITS)) || d.decimalPlaces() > MAX_DECIMAL_DIGITS)) {
    throw new InvalidArgumentError(
      `${fn}: \`${arg}\` must have at most ${MAX_DECIMAL_DIGITS} digits before and after the decimal point, got ${show(value)}.`,
      arg,
      show(value),
    );
  }
  if ((sign === 'positive' && !d.gt(0)) || (sign === 'nonnegative' && d.isNeg() && !d.isZero())) {
    throw new InvalidArgumentError(
      `${fn}: \`${arg}\` must be ${sign === 'positive' ? 'positive' : 'non-negative'}, got ${show(value)}.`,
      arg,
      show(value),
    );
  }
  return d.isZero() ? new C(0) : d;
}

/** A JSON-safe amount: the exact decimal string and the nearest double. */
export function amount(d: Decimal): TaxAmount {
  if (d.isZero()) return { decimal: '0', number: 0 };
  const s = d.toString();
  return { decimal: s, number: +s };
}

/** Parse a {@link TaxAmount} (or a TaxDecimalInput) from a ledger back into a Decimal made with `C` (default {@link D}). */
export function fromAmount(fn: string, arg: string, a: TaxAmount | TaxDecimalInput, C: typeof Decimal = D()): Decimal {
  if (a !== null && typeof a === 'object' && typeof (a as TaxAmount).decimal === 'string') {
    return toDec(fn, arg, (a as TaxAmount).decimal, 'any', C);
  }
  return toDec(fn, arg, a, 'any', C);
}
