/**
 * Error classes shared by every domain. Every error thrown by quantivista is a
 * {@link QuantError} with a literal `code`, so callers can branch on `err.code`
 * without `instanceof` across bundles.
 *
 * Messages name the function, the argument, what was expected and what came, e.g.
 * ``maxSharpe: `riskFreeRate` (0.3) must be below the largest expected return (0.12).``
 *
 * @module
 */

/** Codes carried by {@link QuantError} subclasses. */
export type QuantErrorCode =
  | 'INVALID_ARGUMENT'
  | 'DIMENSION'
  | 'NOT_POSITIVE_DEFINITE'
  | 'INFEASIBLE'
  | 'CONVERGENCE'
  | 'INSUFFICIENT_DATA'
  | 'INSUFFICIENT_LOTS'
  | 'SIZE_LIMIT';

/**
 * `message` as a string, without throwing: a string as it is, anything else (a null-prototype
 * object, a symbol, a number) through the same safe description the argument checks use.
 */
function messageText(message: unknown): string {
  if (typeof message === 'string') return message;
  if (typeof message === 'number' || typeof message === 'boolean' || typeof message === 'bigint' || message == null) return String(message);
  if (Array.isArray(message)) return `[array of ${message.length}]`;
  return typeof message;
}

/**
 * Base class of every error quantivista throws.
 *
 * Constructing one never throws: a `message` that is not a string (a mistaken call) is replaced by
 * a short description of it (`'object'`, `'symbol'`, `'[array of 3]'`, a number's digits). The
 * fields of the subclasses carry what their thrower passed, unchanged (NaN and Infinity
 * included: `InsufficientDataError.required` defaults to NaN when not known).
 *
 * @example
 * ```ts
 * import { QuantError, InvalidArgumentError } from 'quantivista/core';
 * const err = new InvalidArgumentError('f: `x` must be positive, got -1.', 'x', -1);
 * console.log(err instanceof QuantError, err.code); // true 'INVALID_ARGUMENT'
 * ```
 */
export class QuantError extends Error {
  /** Machine-readable error code. */
  readonly code: QuantErrorCode;
  constructor(code: QuantErrorCode, message: string) {
    super(messageText(message));
    this.code = code;
    this.name = 'QuantError';
  }

  /**
   * A JSON-safe copy: `name`, `code`, `message` and the subclass's own fields (`argument`,
   * `conflicts`, `iterations`, ...), so `JSON.stringify(error)` keeps the message (an `Error`'s
   * `message` and `stack` are not enumerable, so it would otherwise be dropped). The stack is left out.
   */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, code: this.code, message: this.message };
    for (const key of Object.keys(this)) if (!(key in out)) out[key] = (this as unknown as Record<string, unknown>)[key];
    return out;
  }
}

/**
 * An argument has the wrong type or value: NaN or Infinity where a finite number is needed,
 * an unknown option, a value outside its allowed range, dates out of order.
 * `argument` names the offending argument and `value` carries what was passed (when it is
 * JSON-safe and small; otherwise a description).
 * @example
 * ```ts
 * import { quantile, InvalidArgumentError } from 'quantivista/core';
 * try {
 *   quantile([1, 2, 3], 1.5);
 * } catch (e) {
 *   console.log(e instanceof InvalidArgumentError, (e as InvalidArgumentError).argument); // true 'p'
 * }
 * ```
 */
export class InvalidArgumentError extends QuantError {
  readonly argument: string;
  readonly value: unknown;
  constructor(message: string, argument: string, value?: unknown) {
    super('INVALID_ARGUMENT', message);
    this.name = 'InvalidArgumentError';
    this.argument = argument;
    this.value = value;
  }
}

/**
 * Shapes do not agree: ragged rows, a non-square matrix, vectors of different lengths.
 * @example
 * ```ts
 * import { solveSPD, DimensionError } from 'quantivista/core';
 * try {
 *   solveSPD([[4, 2], [2, 3]], [1]);
 * } catch (e) {
 *   console.log(e instanceof DimensionError, (e as Error).message); // true 'solveSPD: `b` must have 2 entries, got 1.'
 * }
 * ```
 */
export class DimensionError extends QuantError {
  constructor(message: string) {
    super('DIMENSION', message);
    this.name = 'DimensionError';
  }
}

/**
 * A matrix that must be (symmetric) positive definite is not. `pivot` is the 0-based index of
 * the Cholesky pivot that failed (−1 when not known) and `pivotValue` the value found there.
 * @example
 * ```ts
 * import { cholesky, NotPositiveDefiniteError } from 'quantivista/core';
 * try {
 *   cholesky([[1, 2], [2, 1]]);
 * } catch (e) {
 *   const err = e as NotPositiveDefiniteError;
 *   console.log(err instanceof NotPositiveDefiniteError, err.pivot, err.pivotValue); // true 1 -3
 * }
 * ```
 */
export class NotPositiveDefiniteError extends QuantError {
  readonly pivot: number;
  readonly pivotValue: number;
  constructor(message: string, pivot = -1, pivotValue = Number.NaN) {
    super('NOT_POSITIVE_DEFINITE', message);
    this.name = 'NotPositiveDefiniteError';
    this.pivot = pivot;
    this.pivotValue = pivotValue;
  }
}

/**
 * Constraints cannot all hold. `conflicts` lists, in words, the constraints that conflict.
 * @example
 * ```ts
 * import { InfeasibleError } from 'quantivista/core';
 * const err = new InfeasibleError('f: the constraints cannot all hold.', ['weights sum to 1', 'each weight at most 0.2 with 3 assets']);
 * console.log(err.code, err.conflicts.length); // 'INFEASIBLE' 2
 * ```
 */
export class InfeasibleError extends QuantError {
  readonly conflicts: string[];
  constructor(message: string, conflicts: string[] = []) {
    super('INFEASIBLE', message);
    this.name = 'InfeasibleError';
    this.conflicts = conflicts;
  }
}

/**
 * An iterative method hit its iteration cap before reaching its tolerance.
 * @example
 * ```ts
 * import { ConvergenceError } from 'quantivista/core';
 * const err = new ConvergenceError('f: no convergence after 100 iterations.', 100, 3e-7);
 * console.log(err.code, err.iterations, err.residual); // 'CONVERGENCE' 100 3e-7
 * ```
 */
export class ConvergenceError extends QuantError {
  readonly iterations: number;
  readonly residual: number;
  constructor(message: string, iterations: number, residual: number) {
    super('CONVERGENCE', message);
    this.name = 'ConvergenceError';
    this.iterations = iterations;
    this.residual = residual;
  }
}

/**
 * Too few observations (or an empty series) for what was asked.
 * @example
 * ```ts
 * import { mean, InsufficientDataError } from 'quantivista/core';
 * try {
 *   mean([]);
 * } catch (e) {
 *   const err = e as InsufficientDataError;
 *   console.log(err instanceof InsufficientDataError, err.required, err.received); // true 1 0
 * }
 * ```
 */
export class InsufficientDataError extends QuantError {
  readonly required: number;
  readonly received: number;
  constructor(message: string, required = Number.NaN, received = Number.NaN) {
    super('INSUFFICIENT_DATA', message);
    this.name = 'InsufficientDataError';
    this.required = required;
    this.received = received;
  }
}

/**
 * A sale or transfer asks for more of an asset than the open lots hold.
 * @example
 * ```ts
 * import { InsufficientLotsError } from 'quantivista/core';
 * const err = new InsufficientLotsError('f: selling 15 ABC on 2024-03-01, but the open lots hold 10.', 'ABC', '2024-03-01', '5');
 * console.log(err.code, err.asset, err.shortfall); // 'INSUFFICIENT_LOTS' 'ABC' '5'
 * ```
 */
export class InsufficientLotsError extends QuantError {
  readonly asset: string;
  readonly date: string;
  /** The quantity missing, as an exact decimal string. */
  readonly shortfall: string;
  constructor(message: string, asset: string, date: string, shortfall: string) {
    super('INSUFFICIENT_LOTS', message);
    this.name = 'InsufficientLotsError';
    this.asset = asset;
    this.date = date;
    this.shortfall = shortfall;
  }
}

/**
 * An input or a requested output is larger than the function's documented size cap (e.g. more
 * Monte Carlo paths, assets or periods than a machine can hold or compute in reasonable time).
 * Thrown before anything large is allocated. `argument` names the size, `limit` is the cap and
 * `received` what was asked for.
 * @example
 * ```ts
 * import { SizeLimitError } from 'quantivista/core';
 * const err = new SizeLimitError('f: `paths` (1e9) is above the size cap of 1e7.', 'paths', 1e7, 1e9);
 * console.log(err.code, err instanceof SizeLimitError, err.limit); // 'SIZE_LIMIT' true 10000000
 * ```
 */
export class SizeLimitError extends QuantError {
  readonly argument: string;
  readonly limit: number;
  readonly received: number;
  constructor(message: string, argument: string, limit: number, received: number) {
    super('SIZE_LIMIT', message);
    this.name = 'SizeLimitError';
    this.argument = argument;
    this.limit = limit;
    this.received = received;
  }
}
