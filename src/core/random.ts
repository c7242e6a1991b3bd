/**
 * Seeded random streams. Every randomised function in quantivista takes a `seed` (never
 * `Math.random`); a stream is derived from (seed, index) so that Monte Carlo work can be split
 * into blocks, each with its own independent stream, and give the same bits however it is split.
 *
 * Generator: seedrandom's `xor4096` (Brent's xorgens, period 2^4096 − 1), seeded with the string
 * `quantivista:<seed>:<index>`; uniforms carry 53 random bits. Normals by Marsaglia's polar
 * method, gammas by Marsaglia & Tsang (2000), Student-t as Z / sqrt(G / ν) with G ~ χ²(ν).
 *
 * @module
 */
import seedrandom from 'seedrandom';
import { DimensionError, InvalidArgumentError, NotPositiveDefiniteError } from './errors.ts';
import { choleskyKernel, symmetricEigenKernel } from './linalg.ts';
import { matrixData, toVector, wrapMatrix, type Matrix, type MatrixLike, type VectorLike } from './matrix.ts';
import { portableLog } from './portable-math.ts';
import { portablePow } from './portable-pow.ts';
import { checkFinite, checkInteger, checkOptions, toSymmetricMatrix } from './validate.ts';

/**
 * Kernel: Gamma(shape, 1) for shape ≥ 1 by Marsaglia & Tsang (2000, "A simple method for
 * generating gamma variables", ACM TOMS 26(3)): d = shape − 1/3, c = 1/√(9d); draw x ~ N(0, 1)
 * until v = (1 + c x)³ > 0, then u ~ U(0, 1); accept d v when u < 1 − 0.0331 x⁴ (squeeze) or
 * log u < x²/2 + d (1 − v + log v). Logs are core's portable ones (the same bits in every engine).
 * The one implementation of the method: `randomStream.gamma` and the Monte Carlo ziggurat path
 * pass their own normal and uniform sources.
 * @internal
 */
export function marsagliaTsangGamma(shape: number, normal: () => number, uniform: () => number): number {
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = uniform();
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return d * v;
    if (u > 0 && portableLog(u) < 0.5 * x2 + d * (1 - v + portableLog(v))) return d * v;
  }
}

/** A seed: a finite number or a string. */
export type Seed = number | string;

/** A deterministic stream of random variates. */
export interface RandomStream {
  /** Uniform on [0, 1) with 53 random bits. */
  uniform(): number;
  /** Standard normal N(0, 1). */
  normal(): number;
  /** Gamma with the given shape (> 0) and scale 1. */
  gamma(shape: number): number;
  /** Chi-squared with ν > 0 degrees of freedom. */
  chiSquared(degreesOfFreedom: number): number;
  /**
   * Student-t with ν ≥ 0.1 degrees of freedom (unit scale, variance ν / (ν − 2) for ν > 2): always
   * a finite draw. Below 0.1 the tails are so heavy that draws leave the double range
   * (P(|T| > 1e308) ≈ 10^(−308 ν)), so such ν is refused rather than returning ±Infinity.
   * @throws {InvalidArgumentError} when ν is below 0.1 or not finite.
   */
  studentT(degreesOfFreedom: number): number;
  /**
   * Fill `out[offset .. offset + count)` with standard normals (default: from `offset` to the end).
   * @throws {InvalidArgumentError} when `out` is not a Float64Array or the range does not fit in it.
   */
  fillNormal(out: Float64Array, offset?: number, count?: number): void;
}

/**
 * Smallest degrees of freedom `randomStream.studentT` accepts: the t law itself puts a mass of
 * about 10^(−308 ν) beyond the double range, which is negligible from ν = 0.1 on (10^-30.8).
 */
const MIN_STUDENT_T_DEGREES_OF_FREEDOM = 0.1;

function checkSeed(fn: string, seed: unknown): Seed {
  if (typeof seed === 'string') return seed;
  return checkFinite(fn, 'seed', seed);
}

/**
 * A random stream derived from (seed, index). Streams with different indices are independent
 * for all practical purposes; the same (seed, index) always gives the same sequence on every
 * runtime.
 *
 * @param seed a finite number or a string.
 * @param index a non-negative integer naming the sub-stream (e.g. a Monte Carlo block). Default 0.
 * @throws {InvalidArgumentError} for a non-finite seed or a bad index.
 * @example
 * ```ts
 * import { randomStream } from 'quantivista/core';
 * const a = randomStream(42, 0);
 * const b = randomStream(42, 0);
 * console.log(a.normal() === b.normal()); // true
 * ```
 */
export function randomStream(seed: Seed, index = 0): RandomStream {
  const s = checkSeed('randomStream', seed);
  checkInteger('randomStream', 'index', index, 0);
  const prng = seedrandom.xor4096(`quantivista:${String(s)}:${index}`);
  let spare = 0;
  let hasSpare = false;
  const uniform = (): number => prng.double();
  const normal = (): number => {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    let u: number;
    let v: number;
    let q: number;
    do {
      u = 2 * prng.double() - 1;
      v = 2 * prng.double() - 1;
      q = u * u + v * v;
    } while (q >= 1 || q === 0);
    // portableLog, not Math.log: engines differ in Math.log's last bit, and the stream must not.
    const f = Math.sqrt((-2 * portableLog(q)) / q);
    spare = v * f;
    hasSpare = true;
    return u * f;
  };
  const gamma = (shape: number): number => {
    if (!(shape > 0) || !Number.isFinite(shape)) {
      throw new InvalidArgumentError(`randomStream.gamma: \`shape\` must be positive and finite, got ${shape}.`, 'shape', shape);
    }
    if (shape < 1) {
      // Boost: G(a) = G(a + 1) · U^(1/a).
      let u = prng.double();
      while (u === 0) u = prng.double();
      return gamma(shape + 1) * portablePow(u, 1 / shape);
    }
    return marsagliaTsangGamma(shape, normal, uniform);
  };
  const chiSquared = (nu: number): number => 2 * gamma(nu / 2);
  const studentT = (nu: number): number => {
    if (!(nu >= MIN_STUDENT_T_DEGREES_OF_FREEDOM) || !Number.isFinite(nu)) {
      throw new InvalidArgumentError(
        `randomStream.studentT: \`degreesOfFreedom\` must be finite and at least ${MIN_STUDENT_T_DEGREES_OF_FREEDOM}, got ${nu}.`,
        'degreesOfFreedom',
        nu,
      );
    }
    const z = normal();
    if (nu >= 2) return z / Math.sqrt(chiSquared(nu) / nu);
    // ν < 2: χ² = 2 G(ν/2 + 1) U^(2/ν) (the boost of \`gamma\`, same draws in the same order), and
    // √(χ²/ν) = √(2 G / ν) · U^(1/ν) is formed as a product of two factors that cannot underflow
    // (U ≥ 2^-53, 1/ν ≤ 10), so the draw is always finite.
    let u = prng.double();
    while (u === 0) u = prng.double();
    const g = gamma(nu / 2 + 1);
    return z / (Math.sqrt((2 * g) / nu) * portablePow(u, 1 / nu));
  };
  const fillNormal = (out: Float64Array, offset = 0, count?: number): void => {
    if (!(out instanceof Float64Array)) {
      throw new InvalidArgumentError(`randomStream.fillNormal: \`out\` must be a Float64Array, got ${out === null ? 'null' : typeof out}.`, 'out', typeof out);
    }
    checkInteger('randomStream.fillNormal', 'offset', offset, 0, out.length);
    const c = count === undefined ? out.length - offset : checkInteger('randomStream.fillNormal', 'count', count, 0, out.length - offset);
    for (let i = offset, end = offset + c; i < end; i++) out[i] = normal();
  };
  return { uniform, normal, gamma, chiSquared, studentT, fillNormal };
}

/** The most numbers (count × n) {@link multivariateNormal} draws in one call: 5e7 doubles, 400 MB. */
export const MAX_SAMPLE_ENTRIES = 50_000_000;

/** Options of {@link multivariateNormal}. */
export interface MultivariateNormalOptions {
  /** Seed of the stream. Required. */
  seed: Seed;
  /** Sub-stream index. Default 0. */
  index?: number;
}

/**
 * Kernel: a factor F with F Fᵀ = Σ for a symmetric PSD Σ (Cholesky when positive definite,
 * otherwise V diag(√λ) from the eigendecomposition, with eigenvalues above −1e-12 · λ_max set to
 * 0). Row-major n x n.
 * @throws {NotPositiveDefiniteError} when Σ has a clearly negative eigenvalue.
 * @internal
 */
export function covarianceFactor(cov: Float64Array, n: number, fn: string): Float64Array {
  try {
    return choleskyKernel(cov, n, fn);
  } catch (e) {
    if (!(e instanceof NotPositiveDefiniteError)) throw e;
  }
  const { values, vectors } = symmetricEigenKernel(cov, n);
  const top = Math.max(0, values[n - 1]);
  const F = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    const lam = values[k];
    if (lam < -1e-12 * top) {
      throw new NotPositiveDefiniteError(`${fn}: \`cov\` is not positive semidefinite: eigenvalue ${lam}.`, k, lam);
    }
    const s = Math.sqrt(Math.max(lam, 0));
    for (let i = 0; i < n; i++) F[i * n + k] = vectors[i * n + k] * s;
  }
  return F;
}

/**
 * Draw `count` samples of a multivariate normal N(mu, cov) as the rows of a count x n
 * {@link Matrix}: x = mu + F z with F Fᵀ = cov (Cholesky, or the eigendecomposition when cov is
 * only positive semidefinite) and z standard normals from `randomStream(seed, index)`.
 *
 * Size cap: count × n ≤ {@link MAX_SAMPLE_ENTRIES} (5e7); draw larger samples in blocks, each
 * from its own `index`, so the blocks are independent and reproducible.
 *
 * @throws {DimensionError} when `mu` and `cov` disagree. @throws {NotPositiveDefiniteError} when cov is not PSD.
 * @throws {InvalidArgumentError} on a bad seed, count or option, or count × n above the cap.
 * @example
 * ```ts
 * import { multivariateNormal } from 'quantivista/core';
 * const x = multivariateNormal([0, 0], [[1, 0.5], [0.5, 1]], 3, { seed: 7 });
 * console.log(x.rows, x.cols); // 3 2
 * ```
 */
export function multivariateNormal(mu: VectorLike, cov: MatrixLike, count: number, options: MultivariateNormalOptions): Matrix {
  const fn = 'multivariateNormal';
  const opts = checkOptions(fn, options, ['seed', 'index']);
  const m = toVector(mu, fn, 'mu');
  const S = toSymmetricMatrix(fn, 'cov', cov);
  const n = m.length;
  if (S.rows !== n) throw new DimensionError(`${fn}: \`mu\` has ${n} entries but \`cov\` is ${S.rows} x ${S.cols}.`);
  checkInteger(fn, 'count', count, 0);
  if (count * n > MAX_SAMPLE_ENTRIES) {
    throw new InvalidArgumentError(
      `${fn}: ${count} draws of ${n} assets are ${count * n} numbers, above the limit of ${MAX_SAMPLE_ENTRIES} (400 MB); draw in blocks with \`index\`.`,
      'count',
      count,
    );
  }
  const F = covarianceFactor(matrixData(S), n, fn);
  const rng = randomStream(checkSeed(fn, opts.seed), opts.index ?? 0);
  const out = new Float64Array(count * n);
  const z = new Float64Array(n);
  for (let r = 0; r < count; r++) {
    rng.fillNormal(z);
    const off = r * n;
    for (let i = 0; i < n; i++) {
      let s = m[i];
      const fi = i * n;
      for (let k = 0; k < n; k++) s += F[fi + k] * z[k];
      out[off + i] = s;
    }
  }
  return wrapMatrix(count, n, out);
}
