/**
 * Internal fast normal generator for Monte Carlo VaR: Marsaglia & Tsang's ziggurat (2000, 128
 * layers) driven by the 32-bit output of Brent's xor4096 (2006, "Some long-period random number
 * generators using shifts and xors") — the same generator and the same seeding as
 * `core.randomStream(seed, index)` (seedrandom's `xor4096` seeded with
 * `quantivista:<seed>:<index>`), read 32 bits at a time instead of 53-bit doubles. Each 32-bit
 * word gives the layer (7 bits), the sign (1 bit) and the abscissa (24 bits), so layer and value
 * never share bits (the weakness Doornik 2005 found in the original RNOR).
 *
 * The generator state is this module's own (`xor4096State` runs seedrandom's published xor4096
 * seeding algorithm itself rather than reading seedrandom's internal state); a test checks that its
 * words equal seedrandom's public `xor4096(seed).int32()` output. The ziggurat tables are built
 * with core's portable exp / log, so a seed gives the same bits in every JavaScript engine.
 *
 * @module
 * @internal
 */
import { portableExp, portableLog } from '../core/portable-math.ts';
import { marsagliaTsangGamma } from '../core/random.ts';

/** xor4096 state: 128 words, index, Weyl counter. */
export interface Xor4096State {
  X: Int32Array;
  i: number;
  w: number;
}

/**
 * The xor4096 state of `randomStream(seed, index)`: seedrandom's xor4096 initialisation (the
 * string key `quantivista:<seed>:<index>` plus a NUL, mixed by the xorshift v ^= v << 10,
 * v >>> 15, v << 4, v >>> 13 with a Weyl sequence of step 0x61c88647, then 512 discarded steps).
 */
export function xor4096State(seed: number | string, index: number): Xor4096State {
  const key = `quantivista:${String(seed)}:${index}\0`;
  const X = new Int32Array(128);
  const limit = Math.max(128, key.length);
  let v = 0;
  let w = 0;
  let zeros = 0;
  for (let j = -32; j < limit; ++j) {
    v ^= key.charCodeAt((j + 32) % key.length);
    if (j === 0) w = v;
    v ^= v << 10;
    v ^= v >>> 15;
    v ^= v << 4;
    v ^= v >>> 13;
    if (j >= 0) {
      w = (w + 0x61c88647) | 0;
      const t = (X[j & 127] = X[j & 127] ^ (v + w));
      zeros = t === 0 ? zeros + 1 : 0;
    }
  }
  if (zeros >= 128) X[key.length & 127] = -1;
  let i = 127;
  for (let j = 4 * 128; j > 0; --j) {
    let a = X[(i + 34) & 127];
    i = (i + 1) & 127;
    let b = X[i];
    a ^= a << 13;
    b ^= b << 17;
    a ^= a >>> 15;
    b ^= b >>> 12;
    X[i] = a ^ b;
  }
  return { X, i, w };
}

/** One 32-bit output (signed), exactly seedrandom's `xor4096(...).int32()`. */
export function nextInt32(s: Xor4096State): number {
  const X = s.X;
  let i = s.i;
  const w = (s.w = (s.w + 0x61c88647) | 0);
  let v = X[(i + 34) & 127];
  i = (i + 1) & 127;
  let t = X[i];
  v ^= v << 13;
  t ^= t << 17;
  v ^= v >>> 15;
  t ^= t >>> 12;
  v = X[i] = v ^ t;
  s.i = i;
  return (v + (w ^ (w >>> 16))) | 0;
}

/** Uniform on (0, 1) from one 32-bit word (never 0 or 1). */
function uniformOpen(s: Xor4096State): number {
  return (nextInt32(s) >>> 0) * 2.3283064365386963e-10 + 1.1641532182693481e-10;
}

/** Ziggurat tables: k (24-bit accept thresholds), wn (scale), fn (densities at layer edges). */
export interface ZigguratTables {
  k: Int32Array;
  wn: Float64Array;
  fn: Float64Array;
  x: Float64Array;
}

const R = 3.442619855899;
const V = 9.91256303526217e-3;
let tables: ZigguratTables | undefined;

/** The 128-layer tables (Marsaglia & Tsang 2000: r = 3.442619855899, v = 9.91256303526217e-3), built once on first use with core's portable exp / log (the same bits in every engine). */
export function zigguratTables(): ZigguratTables {
  if (tables) return tables;
  const x = new Float64Array(129);
  const f = (u: number): number => portableExp(-0.5 * u * u);
  x[0] = V / f(R);
  x[1] = R;
  for (let i = 1; i < 127; i++) x[i + 1] = Math.sqrt(-2 * portableLog(V / x[i] + f(x[i])));
  x[128] = 0;
  const k = new Int32Array(128);
  const wn = new Float64Array(128);
  const fn = new Float64Array(129);
  for (let i = 0; i < 128; i++) {
    k[i] = Math.floor((x[i + 1] / x[i]) * 16777216);
    wn[i] = x[i] / 16777216;
  }
  for (let i = 0; i <= 128; i++) fn[i] = f(x[i]);
  fn[0] = 0; // the base strip's lower edge
  tables = { k, wn, fn, x };
  return tables;
}

/** Slow path of the ziggurat for a word that failed the fast test. */
export function zigguratSlow(s: Xor4096State, word: number, t: ZigguratTables): number {
  for (;;) {
    const layer = word & 127;
    const ux = word >>> 8;
    const neg = (word & 128) !== 0;
    let x: number;
    if (layer === 0) {
      // Tail beyond r (Marsaglia 1964).
      let a: number;
      let b: number;
      do {
        a = -portableLog(uniformOpen(s)) / R;
        b = -portableLog(uniformOpen(s));
      } while (b + b < a * a);
      x = R + a;
      return neg ? -x : x;
    }
    x = ux * t.wn[layer];
    const f0 = t.fn[layer];
    const f1 = t.fn[layer + 1];
    if (f0 + uniformOpen(s) * (f1 - f0) < portableExp(-0.5 * x * x)) return neg ? -x : x;
    word = nextInt32(s);
    if (word >>> 8 < t.k[word & 127]) {
      const y = (word >>> 8) * t.wn[word & 127];
      return (word & 128) !== 0 ? -y : y;
    }
  }
}

/** One standard normal. */
export function zigguratNormal(s: Xor4096State, t: ZigguratTables): number {
  const word = nextInt32(s);
  const ux = word >>> 8;
  const layer = word & 127;
  if (ux < t.k[layer]) {
    const x = ux * t.wn[layer];
    return (word & 128) !== 0 ? -x : x;
  }
  return zigguratSlow(s, word, t);
}

/** Fill out[offset .. offset + count) with standard normals (the xor4096 step and the fast path inlined). */
export function fillZigguratNormals(s: Xor4096State, out: Float64Array, offset = 0, count = out.length - offset): void {
  const t = zigguratTables();
  const K = t.k;
  const W = t.wn;
  const X = s.X;
  let i = s.i;
  let w = s.w;
  for (let j = offset, end = offset + count; j < end; j++) {
    w = (w + 0x61c88647) | 0;
    let v = X[(i + 34) & 127];
    i = (i + 1) & 127;
    let u = X[i];
    v ^= v << 13;
    u ^= u << 17;
    v ^= v >>> 15;
    u ^= u >>> 12;
    v = X[i] = v ^ u;
    const word = (v + (w ^ (w >>> 16))) | 0;
    const ux = word >>> 8;
    const layer = word & 127;
    if (ux < K[layer]) {
      const z = ux * W[layer];
      out[j] = (word & 128) !== 0 ? -z : z;
    } else {
      s.i = i;
      s.w = w;
      out[j] = zigguratSlow(s, word, t);
      i = s.i;
      w = s.w;
    }
  }
  s.i = i;
  s.w = w;
}

/** Gamma(shape, 1) by core's Marsaglia & Tsang kernel, with ziggurat normals and 32-bit uniforms (shape < 1 boosted by U^(1/shape), drawn after the gamma). */
export function zigguratGamma(s: Xor4096State, t: ZigguratTables, shape: number): number {
  if (shape < 1) return zigguratGamma(s, t, shape + 1) * Math.pow(uniformOpen(s), 1 / shape);
  return marsagliaTsangGamma(
    shape,
    () => zigguratNormal(s, t),
    () => uniformOpen(s),
  );
}

/**
 * Simulate `count` portfolio P&Ls m + b·z (z ~ N(0, I_n)), or for `nu > 0` the multivariate
 * Student-t m + (b·z) √((ν − 2) / G), G ~ χ²(ν), into out[offset ..): per P&L, n normals by
 * {@link fillZigguratNormals} (the one inlined xor4096 + ziggurat loop), then G.
 */
export function simulatePnL(s: Xor4096State, b: Float64Array, m: number, nu: number, out: Float64Array, offset: number, count: number): void {
  const t = zigguratTables();
  const n = b.length;
  const z = new Float64Array(n);
  for (let p = 0; p < count; p++) {
    fillZigguratNormals(s, z, 0, n);
    let acc = 0;
    for (let j = 0; j < n; j++) acc += b[j] * z[j];
    if (nu > 0) acc *= Math.sqrt((nu - 2) / (2 * zigguratGamma(s, t, nu / 2)));
    out[offset + p] = m + acc;
  }
}
