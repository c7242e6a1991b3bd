/**
 * Internal: the normalised transaction record and the pending-slot machinery of
 * normalize-transactions.ts — inputs are read as digits into slots first and converted to fixed
 * point once the build's scale is known.
 *
 * @module
 * @internal
 */
import { InvalidArgumentError } from '../core/errors.ts';
import type { NormOptions } from './ledger-options.ts';
import { type DecimalDigits, readDigits } from '../core/parse-decimal.ts';
import type { ReliefMethod, TaxTransactionType } from './types.ts';

/** A normalised transaction: amounts in fixed-point units of the build's scale. @internal */
export interface NTx {
  index: number;
  type: TaxTransactionType;
  date: string;
  day: number;
  asset: string;
  account: string;
  id: string;
  qty: bigint | undefined;
  price: bigint | undefined;
  fee: bigint | undefined;
  amount: bigint | undefined;
  reinvestQty: bigint | undefined;
  ratio: [bigint, bigint] | undefined;
  method: ReliefMethod | undefined;
  lots: { lot: string; qty: bigint; arg: string }[] | undefined;
  acquired: string | undefined;
  basis: bigint | undefined;
  currency: string | undefined;
}

/** Pending slot fields: 0 quantity, 1 price, 2 fee, 3 amount, 4 reinvested quantity, 5 / 6 split ratio, 7 basis, LOTS_FIELD + j the quantity of lots[j]. */
export const LOTS_FIELD = 8;

/**
 * The state of one normalisation. Inputs are parsed first (as digits and decimals, into pending
 * slots: which transaction, which field), then converted to fixed point once the scale is known.
 */
export interface NormContext {
  /** The function named in error messages, and the name of the transactions argument. */
  fn: string;
  name: string;
  opts: NormOptions;
  ids: Set<string>;
  qtyPlaces: number;
  pricePlaces: number;
  otherPlaces: number;
  pendTx: NTx[];
  pendField: number[];
  pendDigits: bigint[];
  pendDecimals: number[];
  lotChecks: { n: NTx; at: string; ty: string }[];
  prevDate: string;
  prevDay: number;
  read: DecimalDigits;
  /** Decimal places the exact splits so far add to a quantity, and the split transactions with their running totals. */
  splitPlaces: number;
  splits: { n: NTx; places: number }[];
}

export function setUnits(n: NTx, field: number, u: bigint): void {
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

/**
 * Read one decimal input into a pending slot. `kind` says which scale it widens: 'q' a quantity,
 * 'p' a price, 'm' anything else. The argument's name is only built when the full parser needs it.
 */
export function dec(
  ctx: NormContext,
  n: NTx,
  field: number,
  arg: () => string,
  suffix: string,
  value: unknown,
  sign: 'positive' | 'nonnegative',
  kind: 'q' | 'p' | 'm',
): void {
  const r = ctx.read;
  readDigits(ctx.fn, () => arg() + suffix, value, sign, r);
  if (kind === 'q') {
    if (r.decimals > ctx.qtyPlaces) ctx.qtyPlaces = r.decimals;
  } else if (kind === 'p') {
    if (r.decimals > ctx.pricePlaces) ctx.pricePlaces = r.decimals;
  } else if (r.decimals > ctx.otherPlaces) ctx.otherPlaces = r.decimals;
  ctx.pendTx.push(n);
  ctx.pendField.push(field);
  ctx.pendDigits.push(r.digits);
  ctx.pendDecimals.push(r.decimals);
}

export function checkString(fn: string, arg: string, value: unknown, optional: boolean): string | undefined {
  if (value === undefined && optional) return undefined;
  if (typeof value !== 'string' || value === '') {
    throw new InvalidArgumentError(`${fn}: \`${arg}\` must be a non-empty string, got ${typeof value === 'string' ? '""' : typeof value}.`, arg, typeof value);
  }
  return value;
}
