/**
 * Internal: the symmetric eigendecomposition on flat row-major `Float64Array`s — Householder
 * reduction to tridiagonal form (EISPACK tred1 / tred2) followed by the implicit QL iteration with
 * Wilkinson shifts (tql1 / tql2); Press et al., Numerical Recipes, 3rd ed., §11.3-11.4; Golub &
 * Van Loan, Matrix Computations, 4th ed., §8.3. One tridiagonaliser and one QL loop serve both the
 * eigenvalues-only path (about (2/3) n³ multiply-adds) and the eigenvector path, so both give the
 * same eigenvalue bits.
 *
 * Memory layout: every inner loop runs over contiguous memory. The reduction touches only the
 * lower triangle (row r, columns 0..r). The eigenvectors are accumulated transposed — row k of
 * `W` is the k-th eigenvector — so each plane rotation of the QL iteration combines two
 * contiguous rows.
 *
 * @module
 * @internal
 */
import { ConvergenceError, InvalidArgumentError } from './errors.ts';
import { checkSizeCap, SIZE_CAPS } from './limits.ts';
import { triangleAt, wasmRotations, wasmTridiagonal } from './wasm-kernels.ts';
import { dot4 } from './dot4.ts';

/** From this order on, the reduction's sweeps and the QL rotations run in WebAssembly when available (the same bits). */
const WASM_MIN_ORDER = 64;

/** Largest number of QL sweeps spent on one eigenvalue before {@link ConvergenceError} (typically 1-3 are needed). */
const MAX_SWEEPS = 60;

/**
 * Householder reduction of the symmetric A (n x n row-major; the lower triangle is read and
 * overwritten) to tridiagonal T = Qᵀ A Q: diagonal `d`, `e[i]` the entry (i − 1, i), e[0] = 0.
 * Row i (from the last) is reflected onto its subdiagonal entry with P_i = I − u uᵀ / h acting on
 * components 0..i−1, and the leading block is updated as B − q uᵀ − u qᵀ, with p = B u / h and
 * q = p − (uᵀp / 2h) u. When `hs` is given, u is left in row i of A (columns 0..i−1) and h in
 * hs[i] (0 where no reflection was needed).
 *
 * The rank-2 update of step i is applied lazily, fused with the product B u of step i − 1: row
 * i − 1 is brought up to date first (it defines the next reflection), then each row r < i − 1 is
 * updated and immediately multiplied by the next u, so the lower triangle is swept once per step
 * instead of twice. The arithmetic, and so every bit, is that of the two separate sweeps.
 *
 * From n = 64, when WebAssembly is available, the lower triangle is copied once into module
 * memory (row pairs, `wasmTridiagonal`) and stays there for the whole reduction; the fused sweep
 * then runs as the SIMD kernel `tred` (four rows per two f64x2 lanes, the same IEEE operations in
 * the same order as {@link fusedSweep}: the same bits), and the reflections are copied back into A
 * at the end when `hs` asks for them.
 */
function tridiagonalize(A: Float64Array, n: number, d: Float64Array, e: Float64Array, hs: Float64Array | null): void {
  const ws = n >= WASM_MIN_ORDER ? wasmTridiagonal(n) : undefined;
  if (!ws) {
    const sweep = (i: number, pending: number, u: Float64Array, q: Float64Array, un: Float64Array, pn: Float64Array): void =>
      fusedSweep(A, n, i, pending, u, q, un, pn);
    const v = (): Float64Array => new Float64Array(n);
    householderSteps(A, (r) => r * n, 1, [v(), v(), v(), v()], sweep, n, d, e, hs);
    return;
  }
  try {
    // the lower triangle, resident in module memory in row pairs for the whole reduction
    const { buf, tri } = ws;
    const at = (r: number): number => tri + triangleAt(r);
    for (let r = 0; r < n; r++) for (let c = 0, o = at(r); c <= r; c++) buf[o + 2 * c] = A[r * n + c];
    const vecs = ws.vec.map((o) => buf.subarray(o, o + n)) as [Float64Array, Float64Array, Float64Array, Float64Array];
    const sweep = (i: number, pending: number, u: Float64Array, q: Float64Array, un: Float64Array, pn: Float64Array): void => {
      if (pending === 0) {
        // no pending update: b = A − (0·0 + 0·0) = A, the bits of the JavaScript branch
        u.fill(0, 0, i);
        q.fill(0, 0, i);
      }
      ws.sweep(i, u.byteOffset, q.byteOffset, un.byteOffset, pn.byteOffset);
    };
    householderSteps(buf, at, 2, vecs, sweep, n, d, e, hs);
    if (hs) for (let r = 1; r < n; r++) for (let c = 0, o = at(r); c < r; c++) A[r * n + c] = buf[o + 2 * c];
  } finally {
    ws.release();
  }
}

/**
 * The fused sweep of {@link householderSteps} on the row-major A: rows 0..i−1 get the pending
 * update (when `pending` > 0), then pn = B un from the lower triangle (row r gives Σ_{c ≤ r}
 * B_rc un_c to pn_r and B_rc un_r to pn_c). pn is zero on entry. Its WebAssembly twin is `tred`
 * in src/core/wasm/kernels.wat (the same operations in the same order: the same bits).
 */
function fusedSweep(A: Float64Array, n: number, i: number, pending: number, u: Float64Array, q: Float64Array, un: Float64Array, pn: Float64Array): void {
  for (let r = 0; r < i; r++) {
    const rr = r * n;
    const vr = un[r];
    let s = 0;
    if (pending > 0) {
      const ur = u[r];
      const qr = q[r];
      for (let c = 0; c < r; c++) {
        const b = A[rr + c] - (qr * u[c] + ur * q[c]);
        A[rr + c] = b;
        s += b * un[c];
        pn[c] += b * vr;
      }
      A[rr + r] = A[rr + r] - (qr * u[r] + ur * q[r]);
    } else {
      for (let c = 0; c < r; c++) {
        const b = A[rr + c];
        s += b * un[c];
        pn[c] += b * vr;
      }
    }
    pn[r] += s + A[rr + r] * vr;
  }
}

/**
 * The steps of {@link tridiagonalize} on the lower triangle held in M, entry (r, c) at
 * at(r) + st·c (row-major A: at(r) = r·n, st = 1; module memory: row pairs, st = 2), with the
 * work vectors `vecs` (u, q, un, pn; n doubles each) and `sweep` for the n³-order part.
 */
function householderSteps(
  M: Float64Array,
  at: (r: number) => number,
  st: number,
  vecs: [Float64Array, Float64Array, Float64Array, Float64Array],
  sweep: (i: number, pending: number, u: Float64Array, q: Float64Array, un: Float64Array, pn: Float64Array) => void,
  n: number,
  d: Float64Array,
  e: Float64Array,
  hs: Float64Array | null,
): void {
  // u, q: pending update B ← B − q uᵀ − u qᵀ on rows / columns 0..pending−1; un, pn: the next reflection and its product
  let [u, q, un, pn] = vecs;
  let pending = 0;
  const updateRow = (r: number): void => {
    const rr = at(r);
    const ur = u[r];
    const qr = q[r];
    for (let c = 0; c <= r; c++) M[rr + st * c] = M[rr + st * c] - (qr * u[c] + ur * q[c]);
  };
  for (let i = n - 1; i >= 1; i--) {
    const ri = at(i);
    if (pending > 0) updateRow(i);
    d[i] = M[ri + st * i];
    if (hs) hs[i] = 0;
    let scale = 0;
    if (i > 1) for (let k = 0; k < i; k++) scale += Math.abs(M[ri + st * k]);
    if (scale === 0) {
      // nothing to reflect (i = 1, or a zero row): finish the pending update on rows 0..i−1
      e[i] = i === 1 ? M[ri] : 0;
      if (pending > 0) for (let r = 0; r < i; r++) updateRow(r);
      pending = 0;
      continue;
    }
    let h = 0;
    for (let k = 0; k < i; k++) {
      const v = M[ri + st * k] / scale;
      un[k] = v;
      h += v * v;
    }
    const f = un[i - 1];
    const g = f >= 0 ? -Math.sqrt(h) : Math.sqrt(h);
    e[i] = scale * g;
    h -= f * g;
    un[i - 1] = f - g;
    pn.fill(0, 0, i);
    sweep(i, pending, u, q, un, pn);
    let up = 0;
    for (let r = 0; r < i; r++) {
      pn[r] = pn[r] / h;
      up += un[r] * pn[r];
    }
    const K = up / (2 * h);
    for (let r = 0; r < i; r++) pn[r] = pn[r] - K * un[r];
    if (hs) {
      hs[i] = h;
      for (let k = 0; k < i; k++) M[ri + st * k] = un[k];
    }
    // the new reflection becomes the pending update
    [u, un] = [un, u];
    [q, pn] = [pn, q];
    pending = i;
  }
  if (pending > 0) updateRow(0);
  d[0] = M[at(0)];
  e[0] = 0;
}

/**
 * The n x n row-major Qᵀ = P_2 P_3 ⋯ P_{n−1} from the reflections left in A / hs by
 * {@link tridiagonalize}. Each row of Qᵀ evolves on its own: row r starts as e_r (which P_i leaves
 * alone for i ≤ r) and becomes x ← x − (x·u_i / h_i) u_i for i = r+1, …, n−1 on components
 * 0..i−1. Four rows are carried together, their four dot products and four updates each in
 * one pass over u_i (the same operations in the same order per row, so the same bits).
 */
function accumulateReflections(A: Float64Array, n: number, hs: Float64Array): Float64Array {
  const W = new Float64Array(n * n);
  const sums = new Float64Array(4);
  for (let k = 0; k < n; k++) W[k * n + k] = 1;
  for (let r0 = 0; r0 < n; r0 += 4) {
    const r1 = Math.min(n, r0 + 4);
    for (let i = Math.max(2, r0 + 1); i < n; i++) {
      const h = hs[i];
      if (h === 0) continue;
      const ri = i * n;
      if (r1 - r0 === 4 && r0 + 3 < i) {
        // four rows at once: one pass over u_i for the four dot products, one for the updates
        const a0 = r0 * n;
        const a1 = a0 + n;
        const a2 = a1 + n;
        const a3 = a2 + n;
        dot4(W, a0, n, A, ri, i, sums);
        const t0 = sums[0] / h;
        const t1 = sums[1] / h;
        const t2 = sums[2] / h;
        const t3 = sums[3] / h;
        for (let c = 0; c < i; c++) {
          const v = A[ri + c];
          W[a0 + c] = W[a0 + c] - t0 * v;
          W[a1 + c] = W[a1 + c] - t1 * v;
          W[a2 + c] = W[a2 + c] - t2 * v;
          W[a3 + c] = W[a3 + c] - t3 * v;
        }
        continue;
      }
      for (let r = r0; r < r1 && r < i; r++) {
        const rr = r * n;
        let s = 0;
        for (let c = 0; c < i; c++) s += W[rr + c] * A[ri + c];
        const tr = s / h;
        for (let c = 0; c < i; c++) W[rr + c] = W[rr + c] - tr * A[ri + c];
      }
    }
  }
  return W;
}

/**
 * Implicit QL with Wilkinson shifts on the tridiagonal (d, e) from {@link tridiagonalize};
 * eigenvalues land in d (unsorted). With `W`, each rotation of columns (i, i+1) of the eigenvector
 * matrix is applied to rows i and i+1 of its transpose W (n x `cols`: with cols < n, only those
 * components of the eigenvectors are tracked).
 * @throws {ConvergenceError} when an eigenvalue needs more than 60 sweeps.
 */
function implicitQL(d: Float64Array, e: Float64Array, n: number, W: Float64Array | null, fn: string, cols = n): void {
  const rot = W ? new RotationBatch(W, cols) : null;
  for (let i = 1; i < n; i++) e[i - 1] = e[i];
  e[n - 1] = 0;
  for (let l = 0; l < n; l++) {
    let iter = 0;
    let m: number;
    do {
      for (m = l; m < n - 1; m++) {
        const dd = Math.abs(d[m]) + Math.abs(d[m + 1]);
        if (Math.abs(e[m]) <= Number.EPSILON * dd) break;
      }
      if (m !== l) {
        if (iter++ === MAX_SWEEPS) {
          throw new ConvergenceError(
            `${fn}: the QL iteration of the symmetric eigendecomposition did not converge for eigenvalue ${l} within ${MAX_SWEEPS} sweeps (off-diagonal residual ${Math.abs(e[l])}).`,
            MAX_SWEEPS,
            Math.abs(e[l]),
          );
        }
        let g = (d[l + 1] - d[l]) / (2 * e[l]);
        let r = Math.hypot(g, 1);
        g = d[m] - d[l] + e[l] / (g + (g >= 0 ? Math.abs(r) : -Math.abs(r)));
        let s = 1;
        let c = 1;
        let p = 0;
        let i: number;
        let early = false;
        for (i = m - 1; i >= l; i--) {
          const f = s * e[i];
          const b = c * e[i];
          r = Math.hypot(f, g);
          e[i + 1] = r;
          if (r === 0) {
            d[i + 1] = d[i + 1] - p;
            e[m] = 0;
            early = true;
            break;
          }
          s = f / r;
          c = g / r;
          g = d[i + 1] - p;
          r = (d[i] - g) * s + 2 * c * b;
          p = s * r;
          d[i + 1] = g + p;
          g = c * r - b;
          if (rot) rot.push(i, c, s);
        }
        if (early) continue;
        d[l] = d[l] - p;
        e[l] = g;
        e[m] = 0;
      }
    } while (m !== l);
  }
  if (rot) rot.flush();
}

/**
 * Plane rotations of the QL iteration, recorded in order and applied to W in batches: rotation
 * (i, c, s) sets rows i and i+1 of W to (c·w_i − s·w_{i+1}, s·w_i + c·w_{i+1}). Columns of W
 * transform independently, so a batch is applied one block of 32 columns at a time: the block
 * (n x 32 doubles) stays in cache while thousands of rotations pass over it, instead of the
 * whole of W being streamed from memory once per QL sweep; two consecutive rotations of a sweep
 * share one pass over their three rows. Same arithmetic, same bits, as applying each rotation to
 * full rows at once. From n = 64 the batch runs in WebAssembly SIMD when available
 * (`wasmRotations`, this loop's twin: the same bits).
 */
class RotationBatch {
  private readonly idx: Int32Array;
  private readonly cs: Float64Array;
  private readonly sn: Float64Array;
  private count = 0;
  constructor(
    private readonly W: Float64Array,
    private readonly n: number,
  ) {
    const cap = Math.max(1024, 8 * n);
    this.idx = new Int32Array(cap);
    this.cs = new Float64Array(cap);
    this.sn = new Float64Array(cap);
  }
  push(i: number, c: number, s: number): void {
    const k = this.count;
    this.idx[k] = i;
    this.cs[k] = c;
    this.sn[k] = s;
    this.count = k + 1;
    if (this.count === this.idx.length) this.flush();
  }
  flush(): void {
    const { W, n, idx, cs, sn, count } = this;
    if (n >= WASM_MIN_ORDER && wasmRotations(W, n, idx, cs, sn, count)) {
      this.count = 0;
      return;
    }
    for (let k0 = 0; k0 < n; k0 += 32) {
      const k1 = Math.min(n, k0 + 32);
      for (let t = 0; t < count; t++) {
        const c = cs[t];
        const s = sn[t];
        const a = idx[t] * n;
        const b = a + n;
        if (t + 1 < count && idx[t + 1] === idx[t] - 1) {
          // two consecutive rotations of a sweep, (i, i+1) then (i−1, i), in one pass over three rows
          const c2 = cs[t + 1];
          const s2 = sn[t + 1];
          const z0 = a - n;
          for (let k = k0; k < k1; k++) {
            const x = W[a + k];
            const y = W[b + k];
            const xi = c * x - s * y;
            W[b + k] = s * x + c * y;
            const z = W[z0 + k];
            W[z0 + k] = c2 * z - s2 * xi;
            W[a + k] = s2 * z + c2 * xi;
          }
          t++;
          continue;
        }
        for (let k = k0; k < k1; k++) {
          const x = W[a + k];
          const y = W[b + k];
          W[a + k] = c * x - s * y;
          W[b + k] = s * x + c * y;
        }
      }
    }
    this.count = 0;
  }
}

/**
 * Copy of the symmetric `a`, symmetrised as (a_ij + a_ji) / 2 after an exact power-of-two scaling
 * when its largest entry lies beyond 2^±500 (the reduction squares entries, which would overflow
 * near 1e308 or underflow near 1e-308). Returns the copy and the two halves h1 · h2 = 2^−e of
 * the scale (2^e itself can overflow).
 */
function scaledCopy(a: Float64Array, n: number): { A: Float64Array; h1: number; h2: number; ex: number } {
  let big = 0;
  for (let k = 0; k < n * n; k++) big = Math.max(big, Math.abs(a[k]));
  const ex = big > 2 ** 500 || (big > 0 && big < 2 ** -500) ? Math.round(Math.log2(big)) : 0;
  const h1 = 2 ** -Math.trunc(ex / 2);
  const h2 = 2 ** -(ex - Math.trunc(ex / 2));
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const v = 0.5 * (a[i * n + j] * h1 * h2 + a[j * n + i] * h1 * h2);
      A[i * n + j] = v;
      A[j * n + i] = v;
    }
  }
  return { A, h1, h2, ex };
}

/** Eigenvalue d (scaled) back to the input's scale, refusing one beyond the double range. */
function unscale(v: number, h1: number, h2: number, ex: number, fn: string): number {
  const out = v / h1 / h2;
  if (!Number.isFinite(out)) {
    throw new InvalidArgumentError(`${fn}: an eigenvalue (${v} · 2^${ex}) exceeds the double-precision range; rescale the matrix.`, 'matrix', out);
  }
  return out;
}

/**
 * Ascending eigenvalues of the symmetric n x n row-major `a` (not modified), without eigenvectors.
 * Size cap: n ≤ SIZE_CAPS.denseAssets.
 * @throws {SizeLimitError} beyond the cap. @throws {ConvergenceError} when the QL iteration stalls.
 * @throws {InvalidArgumentError} when an eigenvalue exceeds the double range.
 * @internal
 */
export function eigenvaluesKernel(a: Float64Array, n: number, fn = 'symmetric eigendecomposition'): Float64Array {
  checkSizeCap(fn, 'matrix', n, SIZE_CAPS.denseAssets, 'an eigendecomposition needs O(n³) work');
  if (n === 0) return new Float64Array(0);
  const { A, h1, h2, ex } = scaledCopy(a, n);
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  tridiagonalize(A, n, d, e, null);
  implicitQL(d, e, n, null, fn);
  d.sort();
  for (let k = 0; k < n; k++) d[k] = unscale(d[k], h1, h2, ex, fn);
  return d;
}

/**
 * Eigenvalues (ascending) and eigenvectors (the columns of a row-major n x n buffer) of the
 * symmetric `a` (not modified). Each eigenvector's sign makes its largest-magnitude entry
 * positive (the first of entries equal to 1e-14 relative). Size cap: n ≤ SIZE_CAPS.denseAssets.
 * @throws {SizeLimitError} beyond the cap. @throws {ConvergenceError} when the QL iteration stalls.
 * @throws {InvalidArgumentError} when an eigenvalue exceeds the double range.
 * @internal
 */
export function eigenKernel(a: Float64Array, n: number, fn = 'symmetric eigendecomposition'): { values: Float64Array; vectors: Float64Array } {
  checkSizeCap(fn, 'matrix', n, SIZE_CAPS.denseAssets, 'an eigendecomposition needs O(n³) work');
  if (n === 0) return { values: new Float64Array(0), vectors: new Float64Array(0) };
  const { A, h1, h2, ex } = scaledCopy(a, n);
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  const hs = new Float64Array(n);
  tridiagonalize(A, n, d, e, hs);
  const W = accumulateReflections(A, n, hs);
  implicitQL(d, e, n, W, fn);
  const order = Array.from({ length: n }, (_, k) => k).sort((p, q) => d[p] - d[q]);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    const src = order[k];
    values[k] = unscale(d[src], h1, h2, ex, fn);
    const row = src * n;
    let top = 0;
    let sign = 1;
    for (let i = 0; i < n; i++) {
      const v = W[row + i];
      if (Math.abs(v) > top + 1e-14 * top) {
        top = Math.abs(v);
        sign = v < 0 ? -1 : 1;
      }
    }
    for (let i = 0; i < n; i++) vectors[i * n + k] = sign * W[row + i];
  }
  return { values, vectors };
}

/**
 * Eigenvalues and eigenvectors of the m x m symmetric tridiagonal matrix with diagonal `diag` and
 * off-diagonal `off` (off[j] = entry (j, j+1), length m − 1), by the implicit QL iteration of
 * {@link eigenKernel} (no reduction needed). Returns the eigenvalues unsorted and W (m x m
 * row-major) whose row k is the eigenvector of `values[k]`; with `lastOnly`, W holds only the
 * last component of each eigenvector (W[k]), for O(m²) work. Inputs are not modified.
 * @throws {ConvergenceError} when the QL iteration stalls.
 * @internal
 */
export function tridiagonalEigen(diag: Float64Array, off: Float64Array, m: number, fn: string, lastOnly = false): { values: Float64Array; W: Float64Array } {
  const d = Float64Array.from(diag.subarray(0, m));
  const e = new Float64Array(m);
  for (let j = 1; j < m; j++) e[j] = off[j - 1];
  const W = new Float64Array(lastOnly ? m : m * m);
  if (lastOnly) W[m - 1] = 1;
  else for (let k = 0; k < m; k++) W[k * m + k] = 1;
  implicitQL(d, e, m, W, fn, lastOnly ? 1 : m);
  return { values: d, W };
}
