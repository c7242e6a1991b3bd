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
  | 'INSUFFICIENT_LOTS';

/**
 * Base class of every error quantivista throws.
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
    super(message);
    this.code = code;
    this.name = 'QuantError';
  }
}

/**
 * An argument has the wrong type or value: NaN or Infinity where a finite number is needed,
 * an unknown option, a value outside its allowed range, dates out of order.
 * `argument` names the offending argument and `value` carries what was passed (when it is
 * JSON-safe and small; otherwise a description).
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

/** Shapes do not agree: ragged rows, a non-square matrix, vectors of different lengths. */
export class DimensionError extends QuantError {
  constructor(message: string) {
    super('DIMENSION', message);
    this.name = 'DimensionError';
  }
}

/**
 * A matrix that must be (symmetric) positive definite is not. `pivot` is the 0-based index of
 * the Cholesky pivot that failed (−1 when not known) and `pivotValue` the value found there.
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

/** Constraints cannot all hold. `conflicts` lists, in words, the constraints that conflict. */
export class InfeasibleError extends QuantError {
  readonly conflicts: string[];
  constructor(message: string, conflicts: string[] = []) {
    super('INFEASIBLE', message);
    this.name = 'InfeasibleError';
    this.conflicts = conflicts;
  }
}

/** An iterative method hit its iteration cap before reaching its tolerance. */
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

/** Too few observations (or an empty series) for what was asked. */
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

/** A sale or transfer asks for more of an asset than the open lots hold. */
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
