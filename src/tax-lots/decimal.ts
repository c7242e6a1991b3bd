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

/** The domain's Decimal constructor (created on first use; no module-scope calls). */
export function D(): typeof Decimal {
  if (ctor === undefined) {
    ctor = Decimal.clone({
      precision: 40,
      rounding: Decimal.ROUND_HALF_EVEN,
      toExpNeg: -9e15,
      toExpPos: 9e15,
    });
  }
  return ctor;
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
 * `sign`: 'positive' (> 0), 'nonnegative' (>= 0) or 'any'.
 */
export function toDec(fn: string, arg: string, value: unknown, sign: 'positive' | 'nonnegative' | 'any'): Decimal {
  const C = D();
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

/** Parse a {@link TaxAmount} (or a TaxDecimalInput) from a ledger back into a Decimal. */
export function fromAmount(fn: string, arg: string, a: TaxAmount | TaxDecimalInput): Decimal {
  if (a !== null && typeof a === 'object' && typeof (a as TaxAmount).decimal === 'string') {
    return toDec(fn, arg, (a as TaxAmount).decimal, 'any');
  }
  return toDec(fn, arg, a, 'any');
}
