/**
 * Internal kernels shared by the covariance estimators: the transposed, centred copy of a
 * returns matrix and the blocked Gram kernel XᵀX that every estimator reduces to.
 *
 * Nothing here is part of the public API (the domain index does not re-export it).
 *
 * @module
 * @internal
 */
import { DimensionError, InvalidArgumentError } from '../core/errors.ts';
import { matrixData, toMatrix, type Matrix, type MatrixLike } from '../core/matrix.ts';
import { neumaierSum } from '../core/stats.ts';
import { checkSquare, toReturnsMatrix } from '../core/validate.ts';

/** A returns matrix read on entry: row-major T x n data (read only) and its shape. @internal */
export interface ReturnsData {
  data: Float64Array;
  T: number;
  n: number;
}

/**
 * Convert and validate a T x n returns matrix with at least two periods.
 * @internal
 */
export function readReturns(fn: string, returns: MatrixLike, arg = 'returns'): ReturnsData {
  const m = toReturnsMatrix(fn, arg, returns, { minRows: 2 });
  return { data: matrixData(m), T: m.rows, n: m.cols };
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
  // blocked transpose: 32 periods at a time keeps both sides in cache
  for (let t0 = 0; t0 < T; t0 += 32) {
    const t1 = Math.min(T, t0 + 32);
    for (let i = 0; i < n; i++) {
      const row = i * T;
      for (let t = t0; t < t1; t++) xt[row + t] = data[t * n + i] as number;
    }
  }
  const means = new Float64Array(n);
  if (demean) {
    for (let i = 0; i < n; i++) {
      const row = i * T;
      const m = neumaierSum(xt, row, T, 1) / T;
      means[i] = m;
      for (let t = 0; t < T; t++) xt[row + t] = (xt[row + t] as number) - m;
    }
  }
  return { xt, means };
}

/**
 * Blocked Gram kernel: C = scale · X Xᵀ for the asset-major buffer `xt` (n4 x T, rows padded
 * with zeros to a multiple of 4), i.e. C_ij = scale · Σ_t xt[i, t] · xt[j, t]. Only the upper
 * triangle is computed, in 4 x 4 register blocks (16 accumulators over pairs of 4-row panels);
 * the lower triangle is mirrored. Returns a fresh n x n row-major buffer.
 *
 * Cost: T · n · (n + 1) / 2 multiply-adds (plus the waste of the 4 x 4 diagonal blocks).
 * @internal
 */
export function gramUpper(xt: Float64Array, n: number, T: number, scale: number): Float64Array {
  const n4 = (n + 3) & ~3;
  const out = new Float64Array(n * n);
  for (let i = 0; i < n4; i += 4) {
    const r0 = i * T;
    const r1 = r0 + T;
    const r2 = r1 + T;
    const r3 = r2 + T;
    for (let j = i; j < n4; j += 4) {
      const s0 = j * T;
      const s1 = s0 + T;
      const s2 = s1 + T;
      const s3 = s2 + T;
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
      let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
      let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      for (let t = 0; t < T; t++) {
        const a0 = xt[r0 + t] as number;
        const a1 = xt[r1 + t] as number;
        const a2 = xt[r2 + t] as number;
        const a3 = xt[r3 + t] as number;
        const b0 = xt[s0 + t] as number;
        const b1 = xt[s1 + t] as number;
        const b2 = xt[s2 + t] as number;
        const b3 = xt[s3 + t] as number;
        c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
        c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
        c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
        c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
      }
      store(out, n, i, j, c00, c01, c02, c03, scale);
      store(out, n, i + 1, j, c10, c11, c12, c13, scale);
      store(out, n, i + 2, j, c20, c21, c22, c23, scale);
      store(out, n, i + 3, j, c30, c31, c32, c33, scale);
    }
  }
  return out;
}

/** Store one row of a 4 x 4 block into both triangles, skipping padding and the strict lower triangle of diagonal blocks. */
function store(out: Float64Array, n: number, i: number, j: number, v0: number, v1: number, v2: number, v3: number, scale: number): void {
  if (i >= n) return;
  put(out, n, i, j, v0 * scale);
  put(out, n, i, j + 1, v1 * scale);
  put(out, n, i, j + 2, v2 * scale);
  put(out, n, i, j + 3, v3 * scale);
}

function put(out: Float64Array, n: number, i: number, j: number, v: number): void {
  if (j >= n || j < i) return;
  out[i * n + j] = v;
  out[j * n + i] = v;
}

/**
 * Σ_t (Σ_i xt[i, t]²)²: the sum of all entries of (X∘X)ᵀ(X∘X), computed in O(nT).
 * @internal
 */
export function sumSquaredRowNorms(xt: Float64Array, n: number, T: number): number {
  const q = rowSquareNorms(xt, n, T);
  let s = 0;
  for (let t = 0; t < T; t++) s += (q[t] as number) * (q[t] as number);
  return s;
}

/** q_t = Σ_i xt[i, t]² for every period t. @internal */
export function rowSquareNorms(xt: Float64Array, n: number, T: number): Float64Array {
  const q = new Float64Array(T);
  for (let i = 0; i < n; i++) {
    const row = i * T;
    for (let t = 0; t < T; t++) {
      const v = xt[row + t] as number;
      q[t] = (q[t] as number) + v * v;
    }
  }
  return q;
}

/** Trace of an n x n row-major matrix. @internal */
export function trace(a: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += a[i * n + i] as number;
  return s;
}

/** Sum of squared entries (squared Frobenius norm). @internal */
export function frobeniusSquared(a: Float64Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += (a[k] as number) * (a[k] as number);
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
  for (let k = 0; k < a.length; k++) scale = Math.max(scale, Math.abs(a[k] as number));
  const limit = 1e-10 * (scale || 1);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const u = a[i * n + j] as number;
      const l = a[j * n + i] as number;
      if (Math.abs(u - l) > limit) {
        throw new InvalidArgumentError(`${fn}: \`${arg}\` must be symmetric, but entry (${i}, ${j}) is ${u} and (${j}, ${i}) is ${l}.`, arg, { i, j, upper: u, lower: l });
      }
    }
  }
  return { m, a, n };
}

/**
 * Validate an optional `assets` label list against n columns: strings, unique, length n.
 * Returns a copy (or undefined).
 * @internal
 */
export function readAssets(fn: string, assets: unknown, n: number): string[] | undefined {
  if (assets === undefined) return undefined;
  if (!Array.isArray(assets)) throw new InvalidArgumentError(`${fn}: \`assets\` must be an array of strings, got ${typeof assets}.`, 'assets', typeof assets);
  if (assets.length !== n) throw new DimensionError(`${fn}: \`assets\` must have ${n} labels (one per column), got ${assets.length}.`);
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    const a: unknown = assets[i];
    if (typeof a !== 'string') throw new InvalidArgumentError(`${fn}: \`assets\` must hold strings, but entry ${i} is ${typeof a}.`, 'assets', typeof a);
    if (seen.has(a)) throw new InvalidArgumentError(`${fn}: \`assets\` must be unique, but ${JSON.stringify(a)} appears twice.`, 'assets', a);
    seen.add(a);
  }
  return (assets as string[]).slice();
}

/**
 * Labelled copy of a square matrix: `{ [assetRow]: { [assetCol]: value } }`, built with
 * Object.fromEntries so that any label (even `__proto__`) is an ordinary key.
 * @internal
 */
export function labelMatrix(assets: readonly string[], a: Float64Array): Record<string, Record<string, number>> {
  const n = assets.length;
  return Object.fromEntries(assets.map((ai, i) => [ai, Object.fromEntries(assets.map((aj, j) => [aj, a[i * n + j] as number]))]));
}
