/**
 * Internal: the library's one decimal parser (used by `readHoldings` / `readOrder` in
 * holdings.ts and by the tax-lot domain). A quantity, price or amount comes in as a
 * finite number (read through its shortest decimal form, as decimal.js reads it) or a decimal
 * string (optional sign, digits with an optional point, optional exponent, surrounding white
 * space ignored) and is read exactly as sign, integer digits and fraction digits. Everything
 * else that reads a decimal in the tax-lot domain goes through {@link parseDecimal}: the ledger fold
 * (fixed point, see tax-lots/fixed.ts, with the number fast path {@link readDigits}), the reports'
 * decimal.js values (`toDec` and `fromAmount` in tax-lots/decimal.ts) and the reports' check of a ledger
 * (tax-lots/ledger-check.ts, with the plain-form scan {@link plainSign}). (realizedGains also sums plain
 * amounts straight from their digits, falling back to parseDecimal for any other form.)
 *
 * @module
 * @internal
 */
import { InvalidArgumentError } from './errors.ts';

/**
 * Most digits an input may have before, and after, the decimal point (after dropping leading and
 * trailing zeros). Wider inputs are rejected: beyond 1e100 a product or sum could leave the range
 * of a double (a `TaxAmount.number` of Infinity, `null` in JSON), and the bound also keeps the
 * fixed-point scale of the fold (the widest fraction in play) small.
 * @internal
 */
export const MAX_DECIMAL_DIGITS = 100;

/**
 * Most digits an amount in a ledger may have before, and after, the decimal point. Wider than
 * {@link MAX_DECIMAL_DIGITS}: a basis is a quantity × price (up to 200 decimals) and sums grow
 * the integer part; 250 bounds everything `buildLedger` writes, and keeps the reports' exact
 * products (quantity × price × exchange rate) within their 1,000 significant digits.
 * @internal
 */
export const MAX_LEDGER_DIGITS = 250;

/** A parsed decimal input: sign, integer digits (no leading zeros), fraction digits (no trailing zeros); zero is `{ neg: false, int: '', frac: '' }`. @internal */
export interface ParsedDecimal {
  neg: boolean;
  int: string;
  frac: string;
}

const PLAIN = /^([+-]?)(\d*)(?:\.(\d*))?$/;
const EXP = /^([+-]?)(\d*)(?:\.(\d*))?[eE]([+-]?\d+)$/;

/** A value as error messages show it. @internal */
export function showValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') return String(v);
  return v === null ? 'null' : typeof v;
}

/** Sign, integer and fraction digits of a trimmed decimal string, or undefined when it is not one. */
function split(s: string): ParsedDecimal | undefined {
  let m = PLAIN.exec(s);
  if (m && (m[2] !== '' || (m[3] ?? '') !== '')) return { neg: m[1] === '-', int: m[2]!, frac: m[3] ?? '' };
  if ((m = EXP.exec(s)) && (m[2] !== '' || (m[3] ?? '') !== '')) {
    const digits = m[2]! + (m[3] ?? '');
    const point = m[2]!.length + Number(m[4]);
    if (Math.abs(point) < 1e6) {
      if (point <= 0) return { neg: m[1] === '-', int: '', frac: '0'.repeat(-point) + digits };
      if (point >= digits.length) return { neg: m[1] === '-', int: digits + '0'.repeat(point - digits.length), frac: '' };
      return { neg: m[1] === '-', int: digits.slice(0, point), frac: digits.slice(point) };
    }
  }
  return undefined;
}

/**
 * Parse a finite number or decimal string exactly (numbers through their shortest decimal
 * form, as decimal.js does), checking the sign: 'positive' (> 0), 'nonnegative' (>= 0), 'any',
 * and the width: at most `maxDigits` (default {@link MAX_DECIMAL_DIGITS}) digits before and after
 * the point.
 * @throws {InvalidArgumentError} naming `arg` for anything else.
 * @internal
 */
export function parseDecimal(
  fn: string,
  arg: string,
  value: unknown,
  sign: 'positive' | 'nonnegative' | 'any',
  maxDigits: number = MAX_DECIMAL_DIGITS,
): ParsedDecimal {
  let s: string | undefined;
  if (typeof value === 'number') {
    if (Number.isFinite(value)) s = String(value);
  } else if (typeof value === 'string') s = value.trim();
  const p = s === undefined ? undefined : split(s);
  if (p === undefined) {
    throw new InvalidArgumentError(`${fn}: \`${arg}\` must be a finite number or decimal string, got ${showValue(value)}.`, arg, showValue(value));
  }
  // Trailing zeros stripped by a scan: /0+$/ backtracks quadratically on a long run of zeros
  // followed by a digit ('1e-200000' took a minute).
  let end = p.frac.length;
  while (end > 0 && p.frac.charCodeAt(end - 1) === 48) end--;
  p.frac = p.frac.slice(0, end);
  p.int = p.int.replace(/^0+/, '');
  if (p.int.length > maxDigits || p.frac.length > maxDigits) {
    throw new InvalidArgumentError(
      `${fn}: \`${arg}\` must have at most ${maxDigits} digits before and after the decimal point, got ${showValue(value).slice(0, 60)}.`,
      arg,
      showValue(value).slice(0, 60),
    );
  }
  const zero = p.int === '' && p.frac === '';
  if (zero) p.neg = false;
  if ((sign === 'positive' && (zero || p.neg)) || (sign === 'nonnegative' && p.neg)) {
    throw new InvalidArgumentError(
      `${fn}: \`${arg}\` must be ${sign === 'positive' ? 'positive' : 'non-negative'}, got ${showValue(value)}.`,
      arg,
      showValue(value),
    );
  }
  return p;
}

/**
 * {@link parseDecimal} on a string, except an exponent of 100,000 to 9,999,999 in magnitude (beyond
 * the parser's range): a zero mantissa reads as 0, any other is wider than `maxDigits` — the reading
 * `readHoldings` has always given them (the tax-lot domain refuses them as malformed).
 * @throws {InvalidArgumentError} as {@link parseDecimal}.
 * @internal
 */
export function parseDecimalString(fn: string, arg: string, v: string, sign: 'positive' | 'nonnegative' | 'any', maxDigits: number): ParsedDecimal {
  try {
    return parseDecimal(fn, arg, v, sign, maxDigits);
  } catch (err) {
    const s = v.trim();
    const e = Math.max(s.lastIndexOf('e'), s.lastIndexOf('E'));
    const exp = s.slice(e + 1);
    if (e < 0 || !/^[+-]?\d{1,7}$/.test(exp) || Math.abs(Number(exp)) < 1e5) throw err;
    let m: ParsedDecimal;
    try {
      m = parseDecimal(fn, arg, s.slice(0, e), 'any', Number.POSITIVE_INFINITY);
    } catch {
      throw err;
    }
    const shown = showValue(v);
    if (m.int !== '' || m.frac !== '') {
      throw new InvalidArgumentError(
        `${fn}: \`${arg}\` must have at most ${maxDigits} digits before and after the decimal point, got ${shown.slice(0, 60)}.`,
        arg,
        shown.slice(0, 60),
      );
    }
    if (sign === 'positive') throw new InvalidArgumentError(`${fn}: \`${arg}\` must be positive, got ${shown}.`, arg, shown);
    return m;
  }
}

/** What {@link plainSign} returns for a string not in plain form. @internal */
export const NOT_PLAIN = 2;

/**
 * The sign (-1, 0 or 1) of `s` when it is a decimal in the plain form `buildLedger` writes
 * ('-'? digits ('.' digits)?, no leading or trailing superfluous zero, no '-0') with at most
 * `maxDigits` digits on each side of the point; else {@link NOT_PLAIN} (then {@link parseDecimal}
 * reads it, or reports it). A scan without regular expressions or allocation, for checking the
 * many amounts of a ledger.
 * @internal
 */
export function plainSign(s: string, maxDigits: number): number {
  const L = s.length;
  let i = 0;
  const neg = L > 0 && s.charCodeAt(0) === 45;
  if (neg) i = 1;
  const start = i;
  while (i < L) {
    const ch = s.charCodeAt(i);
    if (ch < 48 || ch > 57) break;
    i++;
  }
  const nInt = i - start;
  if (nInt === 0 || nInt > maxDigits || (nInt > 1 && s.charCodeAt(start) === 48)) return NOT_PLAIN;
  if (i < L) {
    if (s.charCodeAt(i) !== 46) return NOT_PLAIN;
    const fStart = ++i;
    while (i < L) {
      const ch = s.charCodeAt(i);
      if (ch < 48 || ch > 57) return NOT_PLAIN;
      i++;
    }
    if (L === fStart || L - fStart > maxDigits || s.charCodeAt(L - 1) === 48) return NOT_PLAIN;
  } else if (nInt === 1 && s.charCodeAt(start) === 48) {
    return neg ? NOT_PLAIN : 0; // '-0' is not plain
  }
  return neg ? -1 : 1;
}

/** The plain decimal string of a parsed value (`'0'`, `'-1.5'`, `'0.25'`). @internal */
export function parsedToString(p: ParsedDecimal): string {
  if (p.int === '' && p.frac === '') return '0';
  const body = p.frac === '' ? p.int : `${p.int === '' ? '0' : p.int}.${p.frac}`;
  return p.neg ? `-${body}` : body;
}

/** A decimal as an integer and a number of decimals: value = digits × 10^-decimals. @internal */
export interface DecimalDigits {
  digits: bigint;
  decimals: number;
}

/**
 * {@link parseDecimal} into `out` as digits and decimals, with a fast path for the common case
 * (a positive finite number below 1e21 whose shortest form has no exponent, or 0 where 0 is
 * allowed) that reads exactly what parseDecimal reads without its regular expressions or
 * objects. `arg` is only called to name the argument when the full parser runs (an error or an
 * unusual input), so callers need not build the name for every value.
 * @internal
 */
export function readDigits(fn: string, arg: () => string, value: unknown, sign: 'positive' | 'nonnegative', out: DecimalDigits): void {
  if (typeof value === 'number' && value < 1e21) {
    if (value > 0) {
      if (Number.isInteger(value)) {
        out.digits = BigInt(value);
        out.decimals = 0;
        return;
      }
      const s = String(value);
      if (s.indexOf('e') === -1) {
        const dot = s.indexOf('.');
        out.digits = BigInt(s.slice(0, dot) + s.slice(dot + 1));
        out.decimals = s.length - dot - 1;
        return;
      }
    } else if (value === 0 && sign !== 'positive') {
      out.digits = 0n;
      out.decimals = 0;
      return;
    }
  }
  const p = parseDecimal(fn, arg(), value, sign);
  const d = BigInt((p.int === '' ? '0' : p.int) + p.frac);
  out.digits = p.neg ? -d : d;
  out.decimals = p.frac.length;
}
