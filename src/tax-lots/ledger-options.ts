/**
 * Internal: the options of `buildLedger` (relief method, per-account methods, tax rates,
 * substantially identical groups, wash sales on or off), validated and normalised.
 *
 * @module
 * @internal
 */
import { InvalidArgumentError } from '../core/errors.ts';
import { checkOptions, checkRange } from '../core/validate.ts';
import type { BuildLedgerOptions, ReliefMethod, TaxRates } from './types.ts';

/** The function name in `buildLedger`'s error messages. @internal */
export const LEDGER_FN = 'buildLedger';

/** Every relief method `buildLedger` accepts. */
export const RELIEF_METHODS: readonly ReliefMethod[] = ['fifo', 'lifo', 'hifo', 'lowest-cost', 'specific', 'average-cost', 'tax-optimal'];

/** `buildLedger`'s options, validated (the form stored in `TaxLedger.options`). @internal */
export interface NormOptions {
  method: ReliefMethod;
  accountMethods: Record<string, ReliefMethod>;
  taxRates: TaxRates | null;
  substantiallyIdentical: string[][];
  washSales: boolean;
}

/** A relief method named by argument `arg`, or a typed error listing the methods. @internal */
export function checkMethod(fn: string, arg: string, value: unknown): ReliefMethod {
  if (typeof value !== 'string' || !(RELIEF_METHODS as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(
      `${fn}: \`${arg}\` must be one of ${RELIEF_METHODS.map((m) => `'${m}'`).join(', ')}, got ${typeof value === 'string' ? JSON.stringify(value) : typeof value}.`,
      arg,
      typeof value === 'string' ? value : typeof value,
    );
  }
  return value as ReliefMethod;
}

/** Validate `{ shortTerm, longTerm }` rates in [0, 1] (argument `arg`, default `'taxRates'`). @internal */
export function checkTaxRates(fn: string, value: unknown, arg = 'taxRates'): TaxRates {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidArgumentError(`${fn}: \`${arg}\` must be an object { shortTerm, longTerm }.`, arg, typeof value);
  }
  if (arg === 'taxRates') checkOptions(fn, value as object, ['shortTerm', 'longTerm']);
  else {
    for (const k of Object.keys(value)) {
      if (k !== 'shortTerm' && k !== 'longTerm') {
        throw new InvalidArgumentError(`${fn}: \`${arg}.${k}\` is not a field of tax rates { shortTerm, longTerm }.`, `${arg}.${k}`, k);
      }
    }
  }
  const v = value as Record<string, unknown>;
  const shortTerm = checkRange(fn, `${arg}.shortTerm`, v.shortTerm, { min: 0, max: 1 });
  const longTerm = checkRange(fn, `${arg}.longTerm`, v.longTerm, { min: 0, max: 1 });
  return { shortTerm, longTerm };
}

/** Validate `substantiallyIdentical` (argument `arg`): arrays of non-empty tickers, no ticker in two groups. Returns fresh copies. @internal */
export function checkGroups(fn: string, value: unknown, arg = 'substantiallyIdentical'): string[][] {
  const groups: string[][] = [];
  if (value === undefined) return groups;
  if (!Array.isArray(value)) {
    throw new InvalidArgumentError(`${fn}: \`${arg}\` must be an array of arrays of tickers.`, arg, typeof value);
  }
  const seen = new Map<string, number>();
  value.forEach((g: unknown, gi) => {
    if (!Array.isArray(g) || g.some((t) => typeof t !== 'string' || t === '')) {
      throw new InvalidArgumentError(`${fn}: \`${arg}[${gi}]\` must be an array of non-empty tickers.`, `${arg}[${gi}]`, 'invalid');
    }
    for (const t of g as string[]) {
      if (seen.has(t) && seen.get(t) !== gi) {
        throw new InvalidArgumentError(`${fn}: ticker ${JSON.stringify(t)} appears in two \`${arg}\` groups (${seen.get(t)} and ${gi}).`, `${arg}[${gi}]`, t);
      }
      seen.set(t, gi);
    }
    groups.push([...(g as string[])]);
  });
  return groups;
}

/** Validate and normalise `buildLedger`'s options. @internal */
export function normOptions(options: BuildLedgerOptions | undefined): NormOptions {
  const FN = LEDGER_FN;
  const o = checkOptions(FN, options, ['method', 'accountMethods', 'taxRates', 'substantiallyIdentical', 'washSales']);
  const method = o.method === undefined ? 'fifo' : checkMethod(FN, 'method', o.method);
  const accountMethods: Record<string, ReliefMethod> = Object.create(null) as Record<string, ReliefMethod>;
  if (o.accountMethods !== undefined) {
    if (o.accountMethods === null || typeof o.accountMethods !== 'object' || Array.isArray(o.accountMethods)) {
      throw new InvalidArgumentError(`${FN}: \`accountMethods\` must be an object mapping account to method.`, 'accountMethods', typeof o.accountMethods);
    }
    for (const [acct, m] of Object.entries(o.accountMethods)) accountMethods[acct] = checkMethod(FN, `accountMethods.${acct}`, m);
  }
  let taxRates: TaxRates | null = null;
  if (o.taxRates !== undefined && o.taxRates !== null) taxRates = checkTaxRates(FN, o.taxRates);
  const groups = checkGroups(FN, o.substantiallyIdentical);
  if (o.washSales !== undefined && typeof o.washSales !== 'boolean') {
    throw new InvalidArgumentError(`${FN}: \`washSales\` must be a boolean, got ${typeof o.washSales}.`, 'washSales', typeof o.washSales);
  }
  const usesTaxOptimal = method === 'tax-optimal' || Object.values(accountMethods).includes('tax-optimal');
  if (usesTaxOptimal && taxRates === null) {
    throw new InvalidArgumentError(`${FN}: method 'tax-optimal' needs \`taxRates\` ({ shortTerm, longTerm }).`, 'taxRates', 'missing');
  }
  return { method, accountMethods, taxRates, substantiallyIdentical: groups, washSales: o.washSales ?? true };
}
