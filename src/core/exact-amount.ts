/**
 * Exact amounts (a decimal string with its nearest double) and their exact product, shared by the
 * holdings and order readers and the pre-trade checks.
 * @module
 */
import Decimal from 'decimal.js';
import { InvalidArgumentError } from './errors.ts';

/** An exact amount: the decimal string and the nearest double (the shape every money result of the library has). */
export interface ExactAmount {
  readonly decimal: string;
  readonly number: number;
}

let ctor: typeof Decimal | undefined;
/** Exact decimal arithmetic for products of two inputs (created on first use). @internal */
export function Dx(): typeof Decimal {
  return (ctor ??= Decimal.clone({ precision: 1000, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -9e15, toExpPos: 9e15 }));
}

/** An {@link ExactAmount} of `d` (the number given, or the nearest double). @internal */
export function exact(d: Decimal, asNumber?: number): ExactAmount {
  const decimal = d.isZero() ? '0' : d.toString();
  return Object.freeze({ decimal, number: d.isZero() ? 0 : (asNumber ?? d.toNumber()) });
}

function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') return String(v);
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

/** Largest decimal exponent (either sign) of a factor of {@link exactProduct}; keeps its decimal string short. */
const MAX_PRODUCT_EXPONENT = 1000;

/** The exact value of an {@link ExactAmount} argument of {@link exactProduct}. */
function amountOf(arg: string, v: unknown): Decimal {
  const d = v !== null && typeof v === 'object' ? (v as { decimal?: unknown }).decimal : undefined;
  let out: Decimal | undefined;
  if (typeof d === 'string' && d.trim() !== '') {
    try {
      out = new (Dx())(d);
    } catch {
      out = undefined;
    }
  }
  if (out === undefined || !out.isFinite() || Math.abs(out.e) > MAX_PRODUCT_EXPONENT) {
    const got = v !== null && typeof v === 'object' ? `{ decimal: ${show(typeof d === 'string' ? d.slice(0, 40) : d)} }` : show(v);
    throw new InvalidArgumentError(
      `exactProduct: \`${arg}\` must be an exact amount { decimal, number } whose decimal is a finite decimal string between 1e-${MAX_PRODUCT_EXPONENT} and 1e${MAX_PRODUCT_EXPONENT} in size (or 0), got ${got}.`,
      arg,
      got,
    );
  }
  return out;
}

/**
 * quantity × price, exact (the decimal string) and as the nearest double.
 *
 * @throws {InvalidArgumentError} when `a` or `b` is not an `{ decimal, number }` amount whose
 * `decimal` is a finite decimal string of size within 1e±1000 (or 0), or when the product overflows the double range (its
 * `number` would be ±Infinity; use the exact `decimal` of each factor instead).
 * @example
 * ```ts
 * import { exactProduct } from 'quantivista/core';
 * console.log(exactProduct({ decimal: '3', number: 3 }, { decimal: '0.1', number: 0.1 })); // { decimal: '0.3', number: 0.3 }
 * ```
 */
export function exactProduct(a: ExactAmount, b: ExactAmount): ExactAmount {
  const out = exact(amountOf('a', a).times(amountOf('b', b)));
  if (!Number.isFinite(out.number)) {
    throw new InvalidArgumentError(
      `exactProduct: the product ${out.decimal.slice(0, 40)}${out.decimal.length > 40 ? '...' : ''} overflows the double range; keep the exact decimals of the factors instead.`,
      'b',
      show(out.decimal.slice(0, 40)),
    );
  }
  return out;
}
