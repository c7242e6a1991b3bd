/**
 * Guards for results whose true value overflows the double range (shared by covariance, optimize
 * and black-litterman): instead of returning ±Infinity or NaN, the function throws a typed error
 * naming the input most out of scale and saying what to do instead.
 *
 * @module
 * @internal
 */
import { InvalidArgumentError } from '../core/errors.ts';
import { showValue } from '../core/parse-decimal.ts';

/** One input a result depends on: its name (as the error names it) and its numbers. @internal */
export type GuardInput = readonly [name: string, values: ArrayLike<number> | number | null | undefined];

/** Index of the first non-finite entry of `v`, or -1. @internal */
export function firstNonFinite(v: ArrayLike<number>): number {
  for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i] as number)) return i;
  return -1;
}

/**
 * Throws an {@link InvalidArgumentError} when an entry of `result` is not finite: the message
 * names the function, the result (`what`), the input of largest magnitude among `inputs` and the
 * remedy (`hint`). Returns nothing when every entry is finite (the usual case: one linear pass).
 * @throws {InvalidArgumentError} when `result` holds ±Infinity or NaN.
 * @internal
 */
export function guardFinite(fn: string, what: string, result: ArrayLike<number> | number, inputs: readonly GuardInput[], hint: string): void {
  const arr: ArrayLike<number> = typeof result === 'number' ? [result] : result;
  const bad = firstNonFinite(arr);
  if (bad < 0) return;
  let name = inputs.length > 0 ? inputs[0]![0] : 'input';
  let largest = -1;
  for (const [n, values] of inputs) {
    if (values === null || values === undefined) continue;
    const v: ArrayLike<number> = typeof values === 'number' ? [values] : values;
    for (let i = 0; i < v.length; i++) {
      const a = Math.abs(v[i] as number);
      if (a > largest) {
        largest = a;
        name = n;
      }
    }
  }
  const at = typeof result === 'number' ? '' : ` (entry ${bad} is ${showValue(arr[bad])})`;
  throw new InvalidArgumentError(
    `${fn}: ${what} overflows double precision${at}; \`${name}\` is far out of scale (its largest magnitude is ${showValue(largest)}): ${hint}.`,
    name,
    largest,
  );
}
