/**
 * Optional WebAssembly SIMD kernels for the hottest inner loops. Their source is the text file
 * `src/core/wasm/kernels.wat`, compiled at build time by wabt's wat2wasm (`node
 * scripts/wasm/build.mjs`, part of `npm run build`) into the committed module
 * `src/core/wasm/kernels.generated.ts`; a test recompiles the source and checks the committed
 * bytes. No binary file is fetched and nothing is compiled from text at run time.
 *
 * Why: V8 compiles a JavaScript multiply-add loop to scalar SSE instructions, and the Gram
 * product XᵀX (every covariance estimator) then tops out near 1.7 GFLOP/s. The same loop over
 * `f64x2` lanes runs about four times faster. Each lane holds a *different* output entry, and
 * every entry is still summed over the periods in order with one IEEE multiply and one IEEE add
 * per term (no fused multiply-add, no reassociation), so the WebAssembly path gives results
 * identical to the last bit to the JavaScript fallback. The fallback runs wherever WebAssembly is
 * missing or refused (a Content-Security-Policy without `wasm-unsafe-eval`, say).
 *
 * State: the module keeps one lazily built {@link KernelCache} (created on first use) and no
 * other mutable state.
 *
 * Nothing here is part of the public API (the core index does not re-export it).
 *
 * @module
 * @internal
 */
import { kernelBytes } from './wasm/kernels.generated.ts';

/** The minimal slice of the WebAssembly JS API used here (lib ES2022 does not declare it). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}
interface KernelExports {
  gram: (panels: number, panelCount: number, T: number, t0: number, t1: number, out: number) => void;
  dot8: (a: number, b: number, count: number) => number;
  rot: (block: number, idx: number, cs: number, sn: number, count: number, pairs: number) => void;
  tred: (a: number, i: number, u: number, q: number, w: number, p: number) => void;
  mem: WasmMemory;
}

/**
 * The module's bytes (1892), compiled from `src/core/wasm/kernels.wat`. Chromium refuses
 * synchronous compilation of modules above 4 KB on the main thread, so it must stay small (a
 * test holds it under that limit).
 * @internal
 */
export function kernelModule(): Uint8Array<ArrayBuffer> {
  return kernelBytes();
}

// ---------------------------------------------------------------------------------------------
// Instantiation, memory and the test switch: all in one lazily built cache

/**
 * Everything the kernels keep between calls, created on first use by {@link kernelCache}.
 * @internal
 */
interface KernelCache {
  /** Test hook ({@link setWasmKernels}): false forces the JavaScript path. */
  enabled: boolean;
  /** The compiled module; `null` once compilation failed (no SIMD, CSP): JS from then on. */
  compiled: object | null | undefined;
  /** The live instance, dropped after a large working set so its memory can be collected. */
  instance: KernelExports | undefined;
  /** Set while a {@link DotScratch} holds the module memory; other users then take the JS path. */
  busy: boolean;
}

let cache: KernelCache | undefined;

/** The kernels' cache, built on first use. */
function kernelCache(): KernelCache {
  cache ??= { enabled: true, compiled: undefined, instance: undefined, busy: false };
  return cache;
}

/** Largest working set (bytes) the WebAssembly path takes on; beyond it the JS kernel runs. */
const MAX_BYTES = 1 << 30;
/** Working sets above this are not kept alive between calls (the memory is dropped after use). */
const KEEP_BYTES = 64 << 20;

function api(): WasmApi | undefined {
  const w = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  return typeof w === 'object' && w !== null && typeof w.Module === 'function' ? w : undefined;
}

function kernels(c: KernelCache): KernelExports | undefined {
  if (!c.enabled) return undefined;
  if (c.instance) return c.instance;
  const w = api();
  if (!w || c.compiled === null) return undefined;
  try {
    c.compiled ??= new w.Module(kernelBytes());
    c.instance = new w.Instance(c.compiled, {}).exports as unknown as KernelExports;
    return c.instance;
  } catch {
    // no SIMD support, or compilation refused (CSP): use the JavaScript kernel from now on
    c.compiled = null;
    return undefined;
  }
}

/**
 * Test hook: turn the WebAssembly kernels on or off (on by default where available), for tests
 * that check both paths give identical results, and for benchmarks. Library code never calls it.
 * @internal
 */
export function setWasmKernels(on: boolean): void {
  const c = kernelCache();
  c.enabled = on;
  if (!on) c.instance = undefined;
}

/** Whether the WebAssembly kernels are in use (available, compiled and not switched off). @internal */
export function wasmKernelsActive(): boolean {
  return kernels(kernelCache()) !== undefined;
}

/**
 * Block-upper Gram sums on 4-row panels, in WebAssembly when available. `pack(panels)` must fill
 * the given `n4 · T` buffer with the interleaved panels (see `gramModule`). Returns the
 * `(n4/4)² · 16` block sums (blocks pi ≤ pj filled, the rest zero), or `undefined` when the
 * WebAssembly path is unavailable (the caller then runs the JavaScript kernel).
 * @internal
 */
export function wasmGramBlocks(n4: number, T: number, block: number, pack: (panels: Float64Array) => void): Float64Array | undefined {
  const np = n4 >> 2;
  const panelBytes = n4 * T * 8;
  const outBytes = np * np * 128;
  const need = panelBytes + outBytes;
  const c = kernelCache();
  const g = acquire(c, need);
  if (!g) return undefined;
  const buf = g.mem.buffer;
  pack(new Float64Array(buf, 0, n4 * T));
  const out = new Float64Array(buf, panelBytes, np * np * 16);
  out.fill(0);
  for (let t0 = 0; t0 < T; t0 += block) g.gram(0, np, T, t0, Math.min(T, t0 + block), panelBytes);
  const result = out.slice();
  if (need > KEEP_BYTES) c.instance = undefined; // let a large memory be collected
  return result;
}

/** The JavaScript twin of the WebAssembly `dot8`: the same eight lanes, the same final order. @internal */
export function dot8Js(a: Float64Array, aOff: number, b: Float64Array, bOff: number, count: number): number {
  let l0 = 0;
  let l1 = 0;
  let l2 = 0;
  let l3 = 0;
  let l4 = 0;
  let l5 = 0;
  let l6 = 0;
  let l7 = 0;
  for (let j = 0; j < count; j += 8) {
    const p = aOff + j;
    const q = bOff + j;
    l0 += a[p] * b[q];
    l1 += a[p + 1] * b[q + 1];
    l2 += a[p + 2] * b[q + 2];
    l3 += a[p + 3] * b[q + 3];
    l4 += a[p + 4] * b[q + 4];
    l5 += a[p + 5] * b[q + 5];
    l6 += a[p + 6] * b[q + 6];
    l7 += a[p + 7] * b[q + 7];
  }
  return l0 + l2 + (l4 + l6) + (l1 + l3 + (l5 + l7));
}

/**
 * Row products of a fixed square matrix with a vector that changes between calls: the inner
 * loop of coordinate descent. The matrix is copied once into rows of `stride` doubles (n rounded
 * up to a multiple of 8, zero padded); write the vector into `x` (length `stride`, keep the
 * padding zero) and call `dot(i)` for Σ_j S_ij x_j. WebAssembly SIMD when available, else
 * {@link dot8Js}: the same bits either way. Call `release()` when done (a `finally` block).
 * @internal
 */
export interface RowDots {
  readonly n: number;
  readonly stride: number;
  /** The vector: entries 0..n−1, zeros after. Re-read this property after any call that may grow memory (none in a solve). */
  readonly x: Float64Array;
  dot(i: number): number;
  release(): void;
}

/**
 * A scratch buffer of doubles with eight-lane dot products between any two stretches of it (both
 * starting at a multiple of 8, lengths a multiple of 8): `dot(a, b, count)` = Σ_{j<count}
 * buf[a + j] · buf[b + j] in the order of {@link dot8Js}. Lives in WebAssembly memory when
 * available (the same bits either way). Call `release()` when done (a `finally` block).
 * @internal
 */
export interface DotScratch {
  readonly buf: Float64Array;
  dot(a: number, b: number, count: number): number;
  release(): void;
}

/**
 * The kernels with their memory grown to at least `bytes`, or undefined (WebAssembly missing,
 * switched off, memory held by another user, the request above {@link MAX_BYTES}, or growth
 * refused): the caller then takes its JavaScript path.
 */
function acquire(c: KernelCache, bytes: number): KernelExports | undefined {
  if (c.busy || bytes > MAX_BYTES) return undefined;
  const k = kernels(c);
  if (!k) return undefined;
  const have = k.mem.buffer.byteLength;
  if (have < bytes) {
    try {
      k.mem.grow(Math.ceil((bytes - have) / 65536));
    } catch {
      return undefined; // out of memory for the module: the JS path allocates less at once
    }
  }
  return k;
}

/** A {@link DotScratch} of `length` doubles, zero-filled. @internal */
export function dotScratch(length: number): DotScratch {
  const bytes = length * 8;
  const c = kernelCache();
  const k = acquire(c, bytes);
  if (k) {
    c.busy = true;
    const buf = new Float64Array(k.mem.buffer, 0, length);
    buf.fill(0);
    const dot8 = k.dot8;
    let released = false;
    return {
      buf,
      dot: (a: number, b: number, count: number): number => (count === 0 ? 0 : dot8(a * 8, b * 8, count)),
      release: (): void => {
        if (released) return;
        released = true;
        c.busy = false;
        if (bytes > KEEP_BYTES) c.instance = undefined;
      },
    };
  }
  const buf = new Float64Array(length);
  return { buf, dot: (a: number, b: number, count: number): number => dot8Js(buf, a, buf, b, count), release: (): void => {} };
}

/** Create a {@link RowDots} for the n x n row-major matrix `S`: a {@link DotScratch} holding the padded rows, then x. @internal */
export function rowDots(S: Float64Array, n: number): RowDots {
  const stride = (n + 7) & ~7;
  const xOff = n * stride;
  const sc = dotScratch(xOff + stride);
  const buf = sc.buf;
  for (let i = 0; i < n; i++) buf.set(S.subarray(i * n, i * n + n), i * stride);
  return {
    n,
    stride,
    x: buf.subarray(xOff, xOff + stride),
    dot: (i: number): number => sc.dot(i * stride, xOff, stride),
    release: sc.release,
  };
}

/** Columns per block of {@link wasmRotations} (and of the JavaScript twin, RotationBatch.flush). */
const ROT_BLOCK = 32;

/**
 * Applies `count` plane rotations of the QL iteration to the n x n row-major W in WebAssembly, 32
 * columns at a time: rotation t sets rows idx[t], idx[t] + 1 to (c·x − s·y, s·x + c·y), and two
 * consecutive rotations (i, then i − 1) share one pass, exactly as the JavaScript twin
 * `RotationBatch.flush` in symmetric-eigen.ts (the same IEEE operations in the same order per
 * entry, two columns per f64x2 lane pair: the same bits). Each block of columns is copied into
 * module memory, rotated and copied back. Returns false, touching nothing, when the WebAssembly
 * path is unavailable (the caller then runs its JavaScript loop).
 * @internal
 */
export function wasmRotations(W: Float64Array, n: number, idx: Int32Array, cs: Float64Array, sn: Float64Array, count: number): boolean {
  if (count === 0) return true;
  const blockBytes = n * ROT_BLOCK * 8;
  const csOff = blockBytes;
  const snOff = csOff + count * 8;
  const idxOff = snOff + count * 8;
  const need = idxOff + (count + 1) * 4;
  const c = kernelCache();
  const k = acquire(c, need);
  if (!k) return false;
  const buf = k.mem.buffer;
  const block = new Float64Array(buf, 0, n * ROT_BLOCK);
  new Float64Array(buf, csOff, count).set(cs.subarray(0, count));
  new Float64Array(buf, snOff, count).set(sn.subarray(0, count));
  const ix = new Int32Array(buf, idxOff, count + 1);
  ix.set(idx.subarray(0, count));
  ix[count] = -2;
  block.fill(0);
  for (let k0 = 0; k0 < n; k0 += ROT_BLOCK) {
    const w = Math.min(n, k0 + ROT_BLOCK) - k0;
    for (let r = 0; r < n; r++) block.set(W.subarray(r * n + k0, r * n + k0 + w), r * ROT_BLOCK);
    k.rot(0, idxOff, csOff, snOff, count, (w + 1) >> 1);
    for (let r = 0; r < n; r++) W.set(block.subarray(r * ROT_BLOCK, r * ROT_BLOCK + w), r * n + k0);
  }
  if (need > KEEP_BYTES) c.instance = undefined;
  return true;
}

/**
 * Module memory for the Householder reduction of an n x n symmetric matrix (tridiagonalize in
 * symmetric-eigen.ts), held for the whole reduction so the matrix stays resident: `buf` views the
 * memory; the four work vectors u, q, w, p (n doubles each) start at doubles `vec[0..3]`; the
 * lower triangle is stored by row pairs from double `tri` — pair k (rows 2k, 2k+1) at
 * tri + 2k(k + 1), entry (r, c) at tri + 2k(k + 1) + 2c + (r & 1) — see {@link triangleAt}.
 * `sweep(i, u, q, w, p)` (byte offsets of the vectors) runs the WebAssembly `tred`: the fused
 * update and product over rows 0..i−1, the same IEEE operations in the same order as the
 * JavaScript loop (the same bits). Call `release()` when done (a `finally` block).
 * @internal
 */
export interface TridiagonalSpace {
  readonly buf: Float64Array;
  readonly vec: readonly [number, number, number, number];
  readonly tri: number;
  sweep(i: number, u: number, q: number, w: number, p: number): void;
  release(): void;
}

/** Offset (in doubles, from the triangle's start) of entry (r, 0) in the row-pair layout of {@link TridiagonalSpace}; entry (r, c) follows at + 2c. @internal */
export function triangleAt(r: number): number {
  const k = r >> 1;
  return 2 * k * (k + 1) + (r & 1);
}

/**
 * A {@link TridiagonalSpace} for order n, or undefined when the WebAssembly path is unavailable
 * (missing, switched off, memory held by another user, above {@link MAX_BYTES}): the caller then
 * runs its JavaScript loop.
 * @internal
 */
export function wasmTridiagonal(n: number): TridiagonalSpace | undefined {
  const n2 = n + (n & 1);
  const pairs = n2 >> 1;
  const doubles = 4 * n2 + 2 * pairs * (pairs + 1);
  const bytes = doubles * 8;
  const c = kernelCache();
  const k = acquire(c, bytes);
  if (!k) return undefined;
  c.busy = true;
  const buf = new Float64Array(k.mem.buffer, 0, doubles);
  buf.fill(0);
  const tri = 4 * n2;
  const tred = k.tred;
  let released = false;
  return {
    buf,
    vec: [0, n2, 2 * n2, 3 * n2],
    tri,
    sweep: (i: number, u: number, q: number, w: number, p: number): void => tred(tri * 8, i, u, q, w, p),
    release: (): void => {
      if (released) return;
      released = true;
      c.busy = false;
      if (bytes > KEEP_BYTES) c.instance = undefined;
    },
  };
}
