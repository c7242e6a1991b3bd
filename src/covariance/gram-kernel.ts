/**
 * Internal kernels shared by the covariance estimators: the transposed, centred copy of a
 * returns matrix and the blocked Gram kernel XᵀX that every estimator reduces to.
 *
 * Nothing here is part of the public API (the domain index does not re-export it).
 *
 * @module
 * @internal
 */
import { neumaierAddAt } from '../core/accumulator.ts';
import { DimensionError, InvalidArgumentError } from '../core/errors.ts';
import { matrixData, toMatrix, type Matrix, type MatrixLike } from '../core/matrix.ts';
import type { TableLike } from '../core/table.ts';
import { checkOneOf, checkSquare, maxAbs as largestMagnitude, toReturnsMatrix, type ReturnsMatrixOptions } from '../core/validate.ts';
import { wasmGramBlocks } from '../core/wasm-kernels.ts';

/** A returns matrix read on entry: row-major T x n data (read only) and its shape. @internal */
export interface ReturnsData {
  data: Float64Array;
  T: number;
  n: number;
}

/** How an estimator treats missing values (NaN / `null`) in its returns. */
export type MissingPolicy = 'error' | 'drop' | 'pairwise';

/** Options of {@link readReturns}: the missing-value policy and the prices screen override. @internal */
export interface ReadReturnsOptions {
  /** `'error'` (default): a missing value throws, naming the asset and date of a table; `'drop'`: incomplete rows are removed. */
  missing?: 'error' | 'drop';
  /** Skip the prices-where-returns-belong screen. */
  assumeReturns?: unknown;
  /** The estimator also forms fourth powers (squared covariances, (x_i x_j)²): a tighter magnitude bound. */
  fourthMoments?: boolean;
}

/**
 * Convert and validate a T x n returns matrix (or table) with at least two periods (after
 * dropping incomplete rows with `missing: 'drop'`).
 * @internal
 */
export function readReturns(fn: string, returns: MatrixLike | TableLike, arg = 'returns', options: ReadReturnsOptions = {}): ReturnsData {
  const opts: ReturnsMatrixOptions = { minRows: 2, missing: options.missing ?? 'error' };
  if (options.assumeReturns !== undefined) opts.assumeReturns = options.assumeReturns as boolean;
  const m = toReturnsMatrix(fn, arg, returns, opts);
  const data = matrixData(m);
  // Sums of T products of centred values (each ≤ 4·max²) must stay finite: otherwise the
  // estimators would return Infinity / NaN entries (null after JSON) instead of an error.
  const maxAbs = largestMagnitude(data);
  if (maxAbs > Math.sqrt(1e306 / m.rows)) {
    throw new InvalidArgumentError(
      `${fn}: \`${arg}\` holds a value of magnitude ${maxAbs}; sums of squares over ${m.rows} periods would overflow double precision (returns are expected as fractions).`,
      arg,
      maxAbs,
    );
  }
  // Shrinkage intensities sum fourth powers over T periods and n² pairs (16 · max⁴ each, centred)
  if (options.fourthMoments === true && maxAbs > (1e300 / (16 * m.rows * m.cols * m.cols)) ** 0.25) {
    throw new InvalidArgumentError(
      `${fn}: \`${arg}\` holds a value of magnitude ${maxAbs}; the shrinkage intensity sums fourth powers over ${m.rows} periods and ${m.cols * m.cols} pairs, which would overflow double precision (returns are expected as fractions).`,
      arg,
      maxAbs,
    );
  }
  return { data, T: m.rows, n: m.cols };
}

/** Why the shrinkage estimators refuse `missing: 'pairwise'`. @internal */
export const SHRINKAGE_NOT_PAIRWISE =
  'the shrinkage intensity is estimated from the fourth moments of whole rows (every asset in the same period), which a pairwise estimate does not have.';

/**
 * Read the `missing` option: one of `allowed` (default `'error'`). `'pairwise'` where it is not
 * allowed is refused with `pairwiseRefusal`, the reason the estimator has no pairwise form.
 * @internal
 */
export function readMissing<P extends MissingPolicy>(fn: string, value: unknown, allowed: readonly P[], pairwiseRefusal?: string): P {
  if (value === undefined) return 'error' as P;
  if (value === 'pairwise' && !(allowed as readonly string[]).includes('pairwise') && pairwiseRefusal !== undefined) {
    throw new InvalidArgumentError(
      `${fn}: \`missing: 'pairwise'\` is not available: ${pairwiseRefusal} Use \`missing: 'drop'\` (complete rows only) or fill the gaps first.`,
      'missing',
      'pairwise',
    );
  }
  return checkOneOf(fn, 'missing', value, allowed);
}

/**
 * Asset-major copy of the data: an `n4 x T` row-major buffer (n4 = n rounded up to a multiple
 * of 4, padding rows are zero) whose row i is column i of the returns, minus its mean when
 * `demean` is set. Means are compensated sums. Returns the buffer and the means (zeros when not
 * demeaned).
 * @internal
 */
export function transposeCentred(data: Float64Array, T: number, n: number, demean: boolean): { xt: Float64Array; means: Float64Array } {
  const n4 = (n + 3) & ~3;
  const xt = new Float64Array(n4 * T);
  const means = demean ? columnMeans(data, T, n) : new Float64Array(n);
  // blocked transpose (32 periods at a time keeps both sides in cache), centring on the way
  for (let t0 = 0; t0 < T; t0 += 32) {
    const t1 = Math.min(T, t0 + 32);
    for (let i = 0; i < n; i++) {
      const row = i * T;
      const m = means[i];
      for (let t = t0; t < t1; t++) xt[row + t] = data[t * n + i] - m;
    }
  }
  return { xt, means };
}

/** Periods per cache block of {@link gramUpper}: two 4-row panels of 1024 periods (64 KB) stay in L1/L2 while every pair of panels is swept. */
const BLOCK = 1024;

/**
 * Blocked Gram kernel: C = scale · X Xᵀ for the asset-major buffer `xt` (n4 x T, rows padded
 * with zeros to a multiple of 4), i.e. C_ij = scale · Σ_t xt[i, t] · xt[j, t]. The rows are
 * packed into 4-row panels interleaved by period (panel p holds rows 4p..4p+3 as
 * [x_4p,t, x_4p+1,t, x_4p+2,t, x_4p+3,t] for t = 0..T−1), then only the upper triangle is
 * computed in 4 x 4 register blocks (16 accumulators over pairs of panels), in blocks of
 * {@link BLOCK} periods; the lower triangle is mirrored. Sums run over t in order, so the result
 * does not depend on the blocking. Returns a fresh n x n row-major buffer.
 *
 * Cost: T · n · (n + 1) / 2 multiply-adds (plus the waste of the 4 x 4 diagonal blocks).
 * @internal
 */
export function gramUpper(xt: Float64Array, n: number, T: number, scale: number): Float64Array {
  const n4 = (n + 3) & ~3;
  const np = n4 >> 2;
  return gramPacked(n, T, scale, (P) => {
    for (let p = 0; p < np; p++) {
      const base = p * 4 * T;
      for (let r = 0; r < 4; r++) {
        const row = (p * 4 + r) * T;
        for (let t = 0; t < T; t++) P[base + t * 4 + r] = xt[row + t];
      }
    }
  });
}

/**
 * {@link gramUpper} straight from the row-major T x n returns, centred on the fly:
 * C_ij = scale · Σ_t (x_ti − m_i)(x_tj − m_j), with m = `means` (or no centring when `means` is
 * null). Identical to the last bit to `gramUpper(transposeCentred(...).xt, ...)`, without the
 * transposed copy.
 * @internal
 */
export function gramRows(data: Float64Array, T: number, n: number, means: Float64Array | null, scale: number): Float64Array {
  const n4 = (n + 3) & ~3;
  const np = n4 >> 2;
  return gramPacked(n, T, scale, (P) => {
    for (let p = 0; p < np; p++) {
      const base = p * 4 * T;
      const i0 = p * 4;
      if (i0 + 4 <= n) {
        const m0 = means ? means[i0] : 0;
        const m1 = means ? means[i0 + 1] : 0;
        const m2 = means ? means[i0 + 2] : 0;
        const m3 = means ? means[i0 + 3] : 0;
        for (let t = 0, src = i0, dst = base; t < T; t++, src += n, dst += 4) {
          P[dst] = data[src] - m0;
          P[dst + 1] = data[src + 1] - m1;
          P[dst + 2] = data[src + 2] - m2;
          P[dst + 3] = data[src + 3] - m3;
        }
      } else {
        for (let r = 0; r < 4; r++) {
          const i = i0 + r;
          if (i < n) {
            const m = means ? means[i] : 0;
            for (let t = 0; t < T; t++) P[base + t * 4 + r] = data[t * n + i] - m;
          } else {
            for (let t = 0; t < T; t++) P[base + t * 4 + r] = 0;
          }
        }
      }
    }
  });
}

/**
 * Column means of a row-major T x n buffer by compensated (Neumaier) summation. Each column's
 * sequence of operations is exactly that of `neumaierSum` over the column; running over the rows
 * in order keeps the memory access sequential and the n sums independent.
 * @internal
 */
export function columnMeans(data: Float64Array, T: number, n: number): Float64Array {
  const s = new Float64Array(n);
  const c = new Float64Array(n);
  for (let t = 0; t < T; t++) {
    const off = t * n;
    for (let i = 0; i < n; i++) {
      neumaierAddAt(s, c, i, data[off + i]);
    }
  }
  const means = new Float64Array(n);
  for (let i = 0; i < n; i++) means[i] = (s[i] + c[i]) / T;
  return means;
}

/**
 * The Gram kernel proper on 4-row panels filled by `pack` (an n4 x T buffer, see
 * {@link gramUpper}): WebAssembly SIMD when available, else the JavaScript 4 x 4 register-block
 * loop below; both sum every entry over t in order with the same roundings.
 */
function gramPacked(n: number, T: number, scale: number, pack: (P: Float64Array) => void): Float64Array {
  const n4 = (n + 3) & ~3;
  const np = n4 >> 2;
  const blocks = wasmGramBlocks(n4, T, BLOCK, pack);
  if (blocks) {
    const out = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      const pi = i >> 2;
      const r = i & 3;
      for (let j = i; j < n; j++) {
        const v = blocks[(pi * np + (j >> 2)) * 16 + r * 4 + (j & 3)] * scale;
        out[i * n + j] = v;
        out[j * n + i] = v;
      }
    }
    return out;
  }
  const P = new Float64Array(n4 * T);
  pack(P);
  const acc = new Float64Array(n4 * n4);
  for (let t0 = 0; t0 < T; t0 += BLOCK) {
    const t1 = Math.min(T, t0 + BLOCK);
    for (let pi = 0; pi < np; pi++) {
      const aStart = pi * 4 * T + t0 * 4;
      const aEnd = pi * 4 * T + t1 * 4;
      for (let pj = pi; pj < np; pj++) {
        let o = pi * 4 * n4 + pj * 4;
        let c00 = acc[o],
          c01 = acc[o + 1],
          c02 = acc[o + 2],
          c03 = acc[o + 3];
        o += n4;
        let c10 = acc[o],
          c11 = acc[o + 1],
          c12 = acc[o + 2],
          c13 = acc[o + 3];
        o += n4;
        let c20 = acc[o],
          c21 = acc[o + 1],
          c22 = acc[o + 2],
          c23 = acc[o + 3];
        o += n4;
        let c30 = acc[o],
          c31 = acc[o + 1],
          c32 = acc[o + 2],
          c33 = acc[o + 3];
        for (let pa = aStart, pb = pj * 4 * T + t0 * 4; pa < aEnd; pa += 4, pb += 4) {
          const a0 = P[pa];
          const a1 = P[pa + 1];
          const a2 = P[pa + 2];
          const a3 = P[pa + 3];
          const b0 = P[pb];
          const b1 = P[pb + 1];
          const b2 = P[pb + 2];
          const b3 = P[pb + 3];
          c00 += a0 * b0;
          c01 += a0 * b1;
          c02 += a0 * b2;
          c03 += a0 * b3;
          c10 += a1 * b0;
          c11 += a1 * b1;
          c12 += a1 * b2;
          c13 += a1 * b3;
          c20 += a2 * b0;
          c21 += a2 * b1;
          c22 += a2 * b2;
          c23 += a2 * b3;
          c30 += a3 * b0;
          c31 += a3 * b1;
          c32 += a3 * b2;
          c33 += a3 * b3;
        }
        o = pi * 4 * n4 + pj * 4;
        acc[o] = c00;
        acc[o + 1] = c01;
        acc[o + 2] = c02;
        acc[o + 3] = c03;
        o += n4;
        acc[o] = c10;
        acc[o + 1] = c11;
        acc[o + 2] = c12;
        acc[o + 3] = c13;
        o += n4;
        acc[o] = c20;
        acc[o + 1] = c21;
        acc[o + 2] = c22;
        acc[o + 3] = c23;
        o += n4;
        acc[o] = c30;
        acc[o + 1] = c31;
        acc[o + 2] = c32;
        acc[o + 3] = c33;
      }
    }
  }
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const v = acc[i * n4 + j] * scale;
      out[i * n + j] = v;
      out[j * n + i] = v;
    }
  }
  return out;
}

/**
 * Σ_t (Σ_i xt[i, t]²)²: the sum of all entries of (X∘X)ᵀ(X∘X), computed in O(nT).
 * @internal
 */
export function sumSquaredRowNorms(xt: Float64Array, n: number, T: number): number {
  const q = rowSquareNorms(xt, n, T);
  let s = 0;
  for (let t = 0; t < T; t++) s += q[t] * q[t];
  return s;
}

/** q_t = Σ_i xt[i, t]² for every period t. @internal */
export function rowSquareNorms(xt: Float64Array, n: number, T: number): Float64Array {
  const q = new Float64Array(T);
  for (let i = 0; i < n; i++) {
    const row = i * T;
    for (let t = 0; t < T; t++) {
      const v = xt[row + t];
      q[t] = q[t] + v * v;
    }
  }
  return q;
}

/** Trace of an n x n row-major matrix. @internal */
export function trace(a: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += a[i * n + i];
  return s;
}

/** Sum of squared entries (squared Frobenius norm). @internal */
export function frobeniusSquared(a: Float64Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k] * a[k];
  return s;
}

/**
 * Read a square matrix that must be symmetric (to 1e-10 of its largest entry, checked here so
 * that the message names the calling function) and non-empty.
 * @internal
 */
export function readSymmetric(fn: string, arg: string, input: MatrixLike): { m: Matrix; a: Float64Array; n: number } {
  const m = toMatrix(input, fn, arg);
  const n = checkSquare(fn, arg, m);
  if (n === 0) throw new DimensionError(`${fn}: \`${arg}\` must not be empty.`);
  const a = matrixData(m);
  let scale = 0;
  for (let k = 0; k < a.length; k++) scale = Math.max(scale, Math.abs(a[k]));
  if (scale > 1e150) {
    // products of two entries (eigen and Cholesky arithmetic) would overflow to Infinity / NaN
    throw new InvalidArgumentError(
      `${fn}: \`${arg}\` holds an entry of magnitude ${scale}; above 1e150 the eigen / Cholesky arithmetic overflows double precision.`,
      arg,
      scale,
    );
  }
  const limit = 1e-10 * (scale || 1);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const u = a[i * n + j];
      const l = a[j * n + i];
      if (Math.abs(u - l) > limit) {
        throw new InvalidArgumentError(`${fn}: \`${arg}\` must be symmetric, but entry (${i}, ${j}) is ${u} and (${j}, ${i}) is ${l}.`, arg, {
          i,
          j,
          upper: u,
          lower: l,
        });
      }
    }
  }
  return { m, a, n };
}

/**
 * Labelled copy of a square matrix: `{ [assetRow]: { [assetCol]: value } }`, built with
 * Object.fromEntries so that any label (even `__proto__`) is an ordinary key.
 * @internal
 */
export function labelMatrix(assets: readonly string[], a: Float64Array): Record<string, Record<string, number>> {
  const n = assets.length;
  return Object.fromEntries(assets.map((ai, i) => [ai, Object.fromEntries(assets.map((aj, j) => [aj, a[i * n + j]]))]));
}

/**
 * Give an estimator's result its labels when they are known: sets `assets` and `labelled`
 * ({@link labelMatrix} of `a`, the flat n x n estimate) on `result` and returns it.
 * @internal
 */
export function withLabels<R extends { assets?: string[]; labelled?: Record<string, Record<string, number>> }>(
  result: R,
  assets: string[] | undefined,
  a: Float64Array,
): R {
  if (assets) {
    result.assets = assets;
    result.labelled = labelMatrix(assets, a);
  }
  return result;
}
