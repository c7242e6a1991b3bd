/**
 * Internal: exact fixed-point arithmetic for the ledger fold. A value is a bigint count of
 * 10^-S units, with the scale S chosen per build so that every input (quantity, price, fee,
 * amount, basis) and every product quantity × price is exactly representable (S >= 10). Sums
 * and differences are exact; a pro-rata share is rounded half-even to 10 decimal places, the
 * same rule as decimal.js's `toDecimalPlaces(10)` on the exact quotient. Used instead of
 * decimal.js objects in the hot loop (10-20x faster); decimal.js remains the library's decimal
 * type at the boundary (reports, parsing of ledgers). Inputs are read by core/parse-decimal.ts.
 *
 * @module
 * @internal
 */
import { ALLOCATION_PLACES } from './decimal.ts';
import type { ParsedDecimal } from '../core/parse-decimal.ts';
import type { TaxAmount } from './types.ts';

/** Fixed-point context: the scale and its powers of ten. */
export interface FixedScale {
  /** Decimal places S of one unit (10^-S). */
  places: number;
  /** 10^S. */
  one: bigint;
  /** 10^(S − 10): the unit of a rounded pro-rata share. */
  allocUnit: bigint;
  /** 10^S as a double when exact (S <= 22), else 0: enables the number fast path of {@link amountOfUnits}. */
  pow: number;
}

/** A scale of at least 10 places (and at least `places`). */
export function fixedScale(places: number): FixedScale {
  const S = Math.max(ALLOCATION_PLACES, places);
  return { places: S, one: 10n ** BigInt(S), allocUnit: 10n ** BigInt(S - ALLOCATION_PLACES), pow: S <= 22 ? Number(`1e${S}`) : 0 };
}

/** The units of a parsed decimal at scale `fx` (its fraction must fit). */
export function toUnits(p: ParsedDecimal, fx: FixedScale): bigint {
  const digits = (p.int === '' ? '0' : p.int) + p.frac.padEnd(fx.places, '0');
  const u = BigInt(digits);
  return p.neg ? -u : u;
}

/** x × y for two unit values, exact when the product has at most S decimal places. */
export function mulUnits(x: bigint, y: bigint, fx: FixedScale): bigint {
  return (x * y) / fx.one;
}

/** round_half_even(a × x / y) to 10 decimal places, in units. `y` must not be 0. */
export function allocate(a: bigint, x: bigint, y: bigint, fx: FixedScale): bigint {
  const unit = fx.allocUnit;
  let num = a * x;
  let den = unit === 1n ? y : y * unit;
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const neg = num < 0n;
  if (neg) num = -num;
  let q = num / den;
  // remainder r against half the denominator, as r against den − r (no doubling)
  const r = num - q * den;
  const rest = den - r;
  if (r > rest || (r === rest && (q & 1n) === 1n)) q += 1n;
  if (neg) q = -q;
  return unit === 1n ? q : q * unit;
}

/** Plain decimal string of a unit value (no exponent, no trailing zeros). */
export function formatUnits(u: bigint, fx: FixedScale): string {
  if (u === 0n) return '0';
  const neg = u < 0n;
  const digits = (neg ? -u : u).toString();
  const S = fx.places;
  const L = digits.length;
  // the fraction's last non-zero digit (a scan, not /0+$/)
  let end = L;
  while (end > L - S && end > 0 && digits.charCodeAt(end - 1) === 48) end--;
  let s: string;
  if (L > S) s = end > L - S ? `${digits.slice(0, L - S)}.${digits.slice(L - S, end)}` : digits.slice(0, L - S);
  else s = `0.${'0'.repeat(S - L)}${digits.slice(0, end)}`;
  return neg ? `-${s}` : s;
}

/** |units| below this have at most 15 significant digits (see {@link amountOfUnits}). */
const FIFTEEN_DIGITS = 10n ** 15n;

/** Trailing zero digits of an integer 0 < v < 10^5 (exact int32 arithmetic). */
function trailingZeros5(v: number): number {
  let z = 0;
  while (v % 10 === 0) {
    v /= 10;
    z++;
  }
  return z;
}

/** Decimals of n × 10^-S without trailing zeros, for an integer 0 < |n| < 10^15 (exact doubles). */
function fractionDigits(n: number, fx: FixedScale): number {
  if (n < 0) n = -n;
  const f = n % fx.pow;
  if (f === 0) return 0;
  if (f < 1e10) {
    const hi = Math.floor(f / 1e5);
    const lo = f - hi * 1e5;
    return lo !== 0 ? fx.places - trailingZeros5(lo) : fx.places - 5 - trailingZeros5(hi);
  }
  let d = fx.places;
  for (let g = f; g % 10 === 0; g /= 10) d--;
  return d;
}

/**
 * A {@link TaxAmount} of a unit value.
 *
 * Fast path, without bigint string work: for |u| < 10^15 (at most 15 significant digits) at a
 * scale whose 10^S is an exact double, x = Number(u) / 10^S is one correctly rounded division of
 * exact operands, i.e. the double nearest the exact decimal, so x is `number` (what `+decimal`
 * gives); and x is within half an ulp < 0.5·10^-S of the decimal, so `x.toFixed(d)`, which rounds
 * x's exact value to d decimals, prints the decimal exactly when d is its number of decimals.
 * Anything else goes through {@link formatUnits}.
 */
export function amountOfUnits(u: bigint, fx: FixedScale): TaxAmount {
  if (u === 0n) return { decimal: '0', number: 0 };
  if (u < FIFTEEN_DIGITS && u > -FIFTEEN_DIGITS && fx.pow !== 0) {
    const n = Number(u);
    const x = n / fx.pow;
    return { decimal: x.toFixed(fractionDigits(n, fx)), number: x };
  }
  const s = formatUnits(u, fx);
  return { decimal: s, number: +s };
}
