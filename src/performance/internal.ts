/**
 * Internal helpers shared by the performance metrics: input conversion, the common options
 * (`periodsPerYear`, `riskFreeRate`) and small kernels. Not exported from the domain index.
 *
 * @module
 * @internal
 */
import { portableExp, portableLog1p } from '../core/portable-math.ts';
import { DimensionError, InsufficientDataError, InvalidArgumentError } from '../core/errors.ts';
import { toVector, type VectorLike } from '../core/matrix.ts';
import { Adder, neumaierSum } from '../core/accumulator.ts';
import { checkFinite, checkRange } from '../core/validate.ts';
import { powerOfTwoScale } from '../core/stats.ts';
import { capmFrom, sdFromSums } from './metric-formulas.ts';

/** Convert a return series (finite numbers, each > −1) with at least `min` entries. @internal */
export function toReturns(fn: string, arg: string, input: VectorLike, min = 1): Float64Array {
  const x = toVector(input, fn, arg);
  if (x.length < min) {
    throw new InsufficientDataError(`${fn}: \`${arg}\` needs at least ${min} periods, got ${x.length}.`, min, x.length);
  }
  for (let i = 0; i < x.length; i++) {
    if (x[i] < -1) {
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

/**
 * Two-pass sample standard deviation (ddof) of x. Entries beyond 2^±400 are first divided by a power
 * of two (exact) so the squares neither overflow nor underflow; the result is scaled back (and may
 * then be ±Infinity only when the true value is beyond the double range). @internal
 */
export function sdOf(x: ArrayLike<number>, ddof = 1): number {
  const k = powerOfTwoScale(x);
  if (k !== 1) return sdOfUnscaled(divideBy(x, k), ddof) * k;
  return sdOfUnscaled(x, ddof);
}

/** x / k into a new array (k a power of two, so exact). */
function divideBy(x: ArrayLike<number>, k: number): Float64Array {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = x[i] / k;
  return out;
}

function sdOfUnscaled(x: ArrayLike<number>, ddof: number): number {
  const n = x.length;
  const m = meanOf(x);
  let s = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - m;
    s += d * d;
    c += d;
  }
  return sdFromSums(s, c, n, ddof);
}

/**
 * Mean and sample standard deviation (ddof) of d_i = x_i − y_i (y a series or a scalar) without
 * forming d: the compensated mean and the two-pass sums of `meanOf` / `sdOf` on the same values, so
 * the result is bit-identical to `meanOf(d)` and `sdOf(d, ddof)` on the stored differences. @internal
 */
export function diffMoments(x: Float64Array, y: Float64Array | number, ddof = 1): { mean: number; sd: number } {
  // beyond 2^±400 (differences or squares would overflow / underflow): the moments of x / k − y / k, times k
  const k = Math.max(powerOfTwoScale(x), powerOfTwoScale(typeof y === 'number' ? [y] : y));
  if (k !== 1) {
    const m = diffMomentsUnscaled(divideBy(x, k), typeof y === 'number' ? y / k : divideBy(y, k), ddof);
    return { mean: m.mean * k, sd: m.sd * k };
  }
  return diffMomentsUnscaled(x, y, ddof);
}

function diffMomentsUnscaled(x: Float64Array, y: Float64Array | number, ddof: number): { mean: number; sd: number } {
  const n = x.length;
  const scalar = typeof y === 'number';
  const acc = new Adder();
  for (let i = 0; i < n; i++) acc.add(x[i] - (scalar ? y : (y as Float64Array)[i]));
  const m = acc.valueOf() / n;
  let q = 0;
  let k = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - (scalar ? y : (y as Float64Array)[i]) - m;
    q += d * d;
    k += d;
  }
  return { mean: m, sd: sdFromSums(q, k, n, ddof) };
}

/**
 * Compounded growth Π(1 + r_t) computed as exp(Σ log1p(r_t)) with a compensated sum, so that a
 * million daily returns keep full precision. Returns 0 when some r_t = −1. @internal
 */
export function growthOf(x: ArrayLike<number>): number {
  const g = logGrowthOf(x);
  return g.minusOne ? 0 : portableExp(g.log);
}

/** The compensated Σ log1p(r) of a series, and whether some r = −1 (a total loss; `log` is then 0). @internal */
export function logGrowthOf(x: ArrayLike<number>): { log: number; minusOne: boolean } {
  const n = x.length;
  const acc = new Adder();
  for (let i = 0; i < n; i++) {
    const r = x[i];
    if (r === -1) return { log: 0, minusOne: true };
    acc.add(portableLog1p(r));
  }
  return { log: acc.valueOf(), minusOne: false };
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
  // entries beyond 2^±400: regress r / kr on b / kb (exact power-of-two scalings), then
  // β = β' · kr / kb and α = kr · (mean' − β' · meanB'); the usual range takes the unscaled path
  const kr = powerOfTwoScale(r);
  const kb = powerOfTwoScale(b);
  if (kr === 1 && kb === 1) return capmUnscaled(r, b, rf, rf);
  const k = capmUnscaled(divideBy(r, kr), divideBy(b, kb), rf / kr, rf / kb);
  if (!k) return undefined;
  // α' = mean(r') − β' mean(b') is in units of r / kr: α = kr α'
  return { beta: k.beta * (kr / kb), alpha: kr * k.alpha };
}

function capmUnscaled(r: Float64Array, b: Float64Array, rfr: number, rfb: number): { alpha: number; beta: number } | undefined {
  // one pass for the compensated means of r − rf and b − rf, one for the compensated cross sums
  // (no intermediate arrays; the same values and order as neumaierSum over them)
  const n = r.length;
  const rSum = new Adder();
  const bSum = new Adder();
  for (let i = 0; i < n; i++) {
    rSum.add(r[i] - rfr);
    bSum.add(b[i] - rfb);
  }
  const mr = rSum.valueOf() / n;
  const mb = bSum.valueOf() / n;
  const xy = new Adder();
  const xx = new Adder();
  for (let i = 0; i < n; i++) {
    const dx = b[i] - rfb - mb;
    xy.add(dx * (r[i] - rfr - mr));
    xx.add(dx * dx);
  }
  return capmFrom(xy.valueOf(), xx.valueOf(), mr, mb);
}
