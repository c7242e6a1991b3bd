/**
 * Internal helpers shared by the performance metrics: input conversion, the common options
 * (`periodsPerYear`, `riskFreeRate`) and small kernels. Not exported from the domain index.
 *
 * @module
 * @internal
 */
import { DimensionError, InsufficientDataError, InvalidArgumentError } from '../core/errors.ts';
import { toVector, type VectorLike } from '../core/matrix.ts';
import { neumaierSum } from '../core/stats.ts';
import { checkFinite, checkRange } from '../core/validate.ts';

/** Convert a return series (finite numbers, each > −1) with at least `min` entries. @internal */
export function toReturns(fn: string, arg: string, input: VectorLike, min = 1): Float64Array {
  const x = toVector(input, fn, arg);
  if (x.length < min) {
    throw new InsufficientDataError(`${fn}: \`${arg}\` needs at least ${min} periods, got ${x.length}.`, min, x.length);
  }
  for (let i = 0; i < x.length; i++) {
    if ((x[i] as number) < -1) {
      throw new InvalidArgumentError(`${fn}: \`${arg}\` must hold returns ≥ −1 (a loss of at most 100 %), but entry ${i} is ${x[i]}.`, arg, x[i]);
    }
  }
  return x;
}

/** Convert a benchmark series that must match the length of the returns. @internal */
export function toBenchmark(fn: string, input: VectorLike | undefined, length: number, arg = 'benchmark'): Float64Array {
  if (input === undefined) {
    throw new InvalidArgumentError(`${fn}: \`${arg}\` is required, got undefined.`, arg, 'undefined');
  }
  const b = toReturns(fn, arg, input, 1);
  if (b.length !== length) {
    throw new DimensionError(`${fn}: \`${arg}\` must have ${length} periods (as many as \`returns\`), got ${b.length}.`);
  }
  return b;
}

/** Validate an optional `periodsPerYear` (finite, > 0). @internal */
export function checkPeriodsPerYear(fn: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  return checkRange(fn, 'periodsPerYear', value, { min: 0, minOpen: true });
}

/** Validate an optional per-period rate (finite, > −1); default 0. @internal */
export function checkRate(fn: string, arg: string, value: unknown): number {
  if (value === undefined) return 0;
  checkFinite(fn, arg, value);
  return checkRange(fn, arg, value, { min: -1, minOpen: true });
}

/** Compensated mean of x. @internal */
export function meanOf(x: ArrayLike<number>): number {
  return neumaierSum(x) / x.length;
}

/** Two-pass sample standard deviation (ddof) of x. @internal */
export function sdOf(x: ArrayLike<number>, ddof = 1): number {
  const n = x.length;
  const m = meanOf(x);
  let s = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    const d = (x[i] as number) - m;
    s += d * d;
    c += d;
  }
  return Math.sqrt(Math.max(0, (s - (c * c) / n) / (n - ddof)));
}

/** Element-wise difference a − b (or a − scalar). @internal */
export function diff(a: Float64Array, b: Float64Array | number): Float64Array {
  const out = new Float64Array(a.length);
  if (typeof b === 'number') for (let i = 0; i < a.length; i++) out[i] = (a[i] as number) - b;
  else for (let i = 0; i < a.length; i++) out[i] = (a[i] as number) - (b[i] as number);
  return out;
}

/**
 * Compounded growth Π(1 + r_t) computed as exp(Σ log1p(r_t)) with a compensated sum, so that a
 * million daily returns keep full precision. Returns 0 when some r_t = −1. @internal
 */
export function growthOf(x: ArrayLike<number>): number {
  const n = x.length;
  let s = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    const r = x[i] as number;
    if (r === -1) return 0;
    const v = Math.log1p(r);
    const t = s + v;
    if (Math.abs(s) >= Math.abs(v)) c += s - t + v;
    else c += v - t + s;
    s = t;
  }
  return Math.exp(s + c);
}

/**
 * Return an annualised figure, or throw when annualising overflowed (e.g. a large growth raised to
 * a large `periodsPerYear` / T): results never carry Infinity. @internal
 */
export function finiteAnnualized(fn: string, value: number, ppy: number | undefined): number {
  if (!Number.isFinite(value)) {
    throw new InvalidArgumentError(
      `${fn}: annualising with \`periodsPerYear\` (${ppy}) overflows (the compounded figure is not finite); use a smaller periodsPerYear or the per-period figure.`,
      'periodsPerYear',
      ppy,
    );
  }
  return value;
}

/** Throw the error used when a ratio's denominator is zero. @internal */
export function undefinedRatio(fn: string, arg: string, why: string): never {
  throw new InvalidArgumentError(`${fn}: the ratio is undefined because ${why}.`, arg, 'degenerate');
}


/**
 * Least-squares regression of (r − rf) on (b − rf) with intercept: β = cov / var, α = mean(r − rf) − β mean(b − rf).
 * Returns `undefined` when the benchmark is constant. @internal
 */
export function capmKernel(r: Float64Array, b: Float64Array, rf: number): { alpha: number; beta: number } | undefined {
  const n = r.length;
  const er = diff(r, rf);
  const eb = diff(b, rf);
  const mr = meanOf(er);
  const mb = meanOf(eb);
  const sxy = new Float64Array(n);
  const sxx = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const dx = (eb[i] as number) - mb;
    sxy[i] = dx * ((er[i] as number) - mr);
    sxx[i] = dx * dx;
  }
  const vxx = neumaierSum(sxx);
  if (!(vxx > 0)) return undefined;
  const beta = neumaierSum(sxy) / vxx;
  return { beta, alpha: mr - beta * mb };
}
