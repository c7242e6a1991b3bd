/**
 * Optional WebAssembly SIMD kernels for the hottest inner loops, assembled at run time from the
 * byte code written out below (no binary file, no build step, no network).
 *
 * Why: V8 compiles a JavaScript multiply-add loop to scalar SSE instructions, and the Gram
 * product XᵀX (every covariance estimator) then tops out near 1.7 GFLOP/s. The same loop over
 * `f64x2` lanes runs about four times faster. Each lane holds a *different* output entry, and
 * every entry is still summed over the periods in order with one IEEE multiply and one IEEE add
 * per term (no fused multiply-add, no reassociation), so the WebAssembly path gives results
 * identical to the last bit to the JavaScript fallback. The fallback runs wherever WebAssembly is
 * missing or refused (a Content-Security-Policy without `wasm-unsafe-eval`, say).
 *
 * Nothing here is part of the public API (the core index does not re-export it).
 *
 * @module
 * @internal
 */

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
  mem: WasmMemory;
}

// ---------------------------------------------------------------------------------------------
// A tiny assembler: just the opcodes the kernels use.

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const name = (s: string): number[] => vec([...s].map((c) => [c.charCodeAt(0)]));

const I32 = 0x7f;
const V128 = 0x7b;
const get = (i: number): number[] => [0x20, ...uleb(i)];
const set = (i: number): number[] => [0x21, ...uleb(i)];
const tee = (i: number): number[] => [0x22, ...uleb(i)];
const i32 = (n: number): number[] => [0x41, ...sleb(n)];
const I32_ADD = [0x6a];
const I32_MUL = [0x6c];
const I32_LT_U = [0x49];
const LOOP = [0x03, 0x40];
const END = [0x0b];
const brIf = (depth: number): number[] => [0x0d, ...uleb(depth)];
/** v128.load / v128.store with 16-byte alignment hint; v128.load64_splat with 8-byte hint. */
const vLoad = (offset: number): number[] => [0xfd, 0x00, 4, ...uleb(offset)];
const vStore = (offset: number): number[] => [0xfd, 0x0b, 4, ...uleb(offset)];
const vSplat64 = (offset: number): number[] => [0xfd, 0x0a, 3, ...uleb(offset)];
const F64X2_ADD = [0xfd, 0xf0, 0x01];
const F64X2_MUL = [0xfd, 0xf2, 0x01];
const F64 = 0x7c;
const F64_ADD = [0xa0];
const f64x2Lane = (lane: number): number[] => [0xfd, 0x21, lane];

/**
 * `gram(panels, panelCount, T, t0, t1, out)`: for every pair of 4-row panels pi ≤ pj, add
 * Σ_{t0 ≤ t < t1} a_t b_tᵀ to the 4 x 4 block stored (row-major, 16 doubles) at
 * `out + (pi · panelCount + pj) · 128` bytes. Panel p starts at `panels + p · T · 32` bytes and
 * holds, for t = 0..T−1, the four doubles [x_4p,t, x_4p+1,t, x_4p+2,t, x_4p+3,t].
 * Per term: rows r of the block accumulate splat(a_r) · (b0, b1) and splat(a_r) · (b2, b3),
 * one f64x2.mul then one f64x2.add: the same two roundings as the scalar loop.
 */
function gramBody(): number[] {
  // params 0 panels, 1 panelCount, 2 T, 3 t0, 4 t1, 5 out
  // i32 locals 6 pi, 7 pj, 8 pa, 9 pb, 10 aEnd, 11 o ; v128 locals 12..19 accumulators, 20 a, 21 b01, 22 b23
  const acc = (r: number, h: number): number => 12 + 2 * r + h;
  const A = 20;
  const B01 = 21;
  const B23 = 22;
  const code: number[] = [];
  const e = (...xs: number[][]): void => {
    for (const x of xs) code.push(...x);
  };
  e(i32(0), set(6));
  e(LOOP); // pi
  e(get(6), set(7));
  e(LOOP); // pj
  // o = out + (pi * panelCount + pj) * 128 ; load the block's running sums
  e(get(5), get(6), get(1), I32_MUL, get(7), I32_ADD, i32(128), I32_MUL, I32_ADD, set(11));
  for (let k = 0; k < 8; k++) e(get(11), vLoad(16 * k), set(12 + k));
  // pa = panels + (pi * T + t0) * 32 ; aEnd = pa + (t1 - t0) * 32 ; pb = panels + (pj * T + t0) * 32
  e(get(0), get(6), get(2), I32_MUL, get(3), I32_ADD, i32(32), I32_MUL, I32_ADD, tee(8));
  e(get(4), get(3), [0x6b] /* i32.sub */, i32(32), I32_MUL, I32_ADD, set(10));
  e(get(0), get(7), get(2), I32_MUL, get(3), I32_ADD, i32(32), I32_MUL, I32_ADD, set(9));
  e(LOOP); // t (t1 > t0 is guaranteed by the caller)
  e(get(9), vLoad(0), set(B01), get(9), vLoad(16), set(B23));
  for (let r = 0; r < 4; r++) {
    e(get(8), vSplat64(8 * r), set(A));
    e(get(acc(r, 0)), get(A), get(B01), F64X2_MUL, F64X2_ADD, set(acc(r, 0)));
    e(get(acc(r, 1)), get(A), get(B23), F64X2_MUL, F64X2_ADD, set(acc(r, 1)));
  }
  e(get(9), i32(32), I32_ADD, set(9));
  e(get(8), i32(32), I32_ADD, tee(8), get(10), I32_LT_U, brIf(0));
  e(END);
  for (let k = 0; k < 8; k++) e(get(11), get(12 + k), vStore(16 * k));
  e(get(7), i32(1), I32_ADD, tee(7), get(1), I32_LT_U, brIf(0));
  e(END);
  e(get(6), i32(1), I32_ADD, tee(6), get(1), I32_LT_U, brIf(0));
  e(END);
  e(END);
  return [...vec([[...uleb(6), I32], [...uleb(11), V128]]), ...code];
}

/**
 * `dot8(a, b, count)`: Σ_j A[j] · B[j] over `count` doubles (a positive multiple of 8) at byte
 * offsets a and b, in eight lanes: lane k sums the terms j ≡ k (mod 8) in order, and the result
 * is ((l0 + l2) + (l4 + l6)) + ((l1 + l3) + (l5 + l7)). {@link dot8Js} is the same order in
 * JavaScript.
 */
function dotBody(): number[] {
  // params 0 a, 1 b, 2 count ; i32 locals 3 end ; v128 locals 4..7 accumulators
  const code: number[] = [];
  const e = (...xs: number[][]): void => {
    for (const x of xs) code.push(...x);
  };
  e(get(0), get(2), i32(8), I32_MUL, I32_ADD, set(3));
  e(LOOP);
  for (let k = 0; k < 4; k++) e(get(4 + k), get(0), vLoad(16 * k), get(1), vLoad(16 * k), F64X2_MUL, F64X2_ADD, set(4 + k));
  e(get(1), i32(64), I32_ADD, set(1));
  e(get(0), i32(64), I32_ADD, tee(0), get(3), I32_LT_U, brIf(0));
  e(END);
  e(get(4), get(5), F64X2_ADD, get(6), get(7), F64X2_ADD, F64X2_ADD, set(4));
  e(get(4), f64x2Lane(0), get(4), f64x2Lane(1), F64_ADD);
  e(END);
  return [...vec([[...uleb(1), I32], [...uleb(4), V128]]), ...code];
}

/**
 * The module's bytes (about 640). Chromium refuses synchronous compilation of modules above 4 KB
 * on the main thread, so it must stay small (a test holds it under that limit).
 * @internal
 */
export function kernelModule(): Uint8Array {
  const gram = gramBody();
  const dot = dotBody();
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(
      1,
      vec([
        [0x60, ...vec([[I32], [I32], [I32], [I32], [I32], [I32]]), 0x00],
        [0x60, ...vec([[I32], [I32], [I32]]), ...vec([[F64]])],
      ]),
    ),
    ...section(3, vec([[0], [1]])),
    ...section(5, vec([[0x00, 0x01]])),
    ...section(7, vec([[...name('gram'), 0x00, 0], [...name('dot8'), 0x00, 1], [...name('mem'), 0x02, 0]])),
    ...section(10, vec([[...uleb(gram.length), ...gram], [...uleb(dot.length), ...dot]])),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Instantiation, memory and the switch

let enabled = true;
let compiled: object | null | undefined;
let instance: KernelExports | undefined;
/** Set while a {@link RowDots} holds the module memory; other users then take the JS path. */
let busy = false;

/** Largest working set (bytes) the WebAssembly path takes on; beyond it the JS kernel runs. */
const MAX_BYTES = 1 << 30;
/** Working sets above this are not kept alive between calls (the memory is dropped after use). */
const KEEP_BYTES = 64 << 20;

function api(): WasmApi | undefined {
  const w = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  return typeof w === 'object' && w !== null && typeof w.Module === 'function' ? w : undefined;
}

function kernels(): KernelExports | undefined {
  if (!enabled) return undefined;
  if (instance) return instance;
  const w = api();
  if (!w || compiled === null) return undefined;
  try {
    compiled ??= new w.Module(kernelModule());
    instance = new w.Instance(compiled, {}).exports as unknown as KernelExports;
    return instance;
  } catch {
    // no SIMD support, or compilation refused (CSP): use the JavaScript kernel from now on
    compiled = null;
    return undefined;
  }
}

/**
 * Turn the WebAssembly kernels on or off (on by default where available). For tests that check
 * both paths give identical results, and for benchmarks.
 * @internal
 */
export function setWasmKernels(on: boolean): void {
  enabled = on;
  if (!on) instance = undefined;
}

/** Whether the WebAssembly kernels are in use (available, compiled and not switched off). @internal */
export function wasmKernelsActive(): boolean {
  return kernels() !== undefined;
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
  const g = acquire(need);
  if (!g) return undefined;
  const buf = g.mem.buffer;
  pack(new Float64Array(buf, 0, n4 * T));
  const out = new Float64Array(buf, panelBytes, np * np * 16);
  out.fill(0);
  for (let t0 = 0; t0 < T; t0 += block) g.gram(0, np, T, t0, Math.min(T, t0 + block), panelBytes);
  const result = out.slice();
  if (need > KEEP_BYTES) instance = undefined; // let a large memory be collected
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
    l0 += (a[p] as number) * (b[q] as number);
    l1 += (a[p + 1] as number) * (b[q + 1] as number);
    l2 += (a[p + 2] as number) * (b[q + 2] as number);
    l3 += (a[p + 3] as number) * (b[q + 3] as number);
    l4 += (a[p + 4] as number) * (b[q + 4] as number);
    l5 += (a[p + 5] as number) * (b[q + 5] as number);
    l6 += (a[p + 6] as number) * (b[q + 6] as number);
    l7 += (a[p + 7] as number) * (b[q + 7] as number);
  }
  return (l0 + l2 + (l4 + l6)) + (l1 + l3 + (l5 + l7));
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
function acquire(bytes: number): KernelExports | undefined {
  if (busy || bytes > MAX_BYTES) return undefined;
  const k = kernels();
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
  const k = acquire(bytes);
  if (k) {
    busy = true;
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
        busy = false;
        if (bytes > KEEP_BYTES) instance = undefined;
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
