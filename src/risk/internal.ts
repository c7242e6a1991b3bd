/**
 * Internal kernels of the risk domain (not exported from `quantivista/risk`): exact tail
 * probabilities, selection (Floyd–Rivest), input conversion for return series and the shared
 * VaR / ES estimators.
 *
 * @module
 * @internal
 */
import { DimensionError, InsufficientDataError, InvalidArgumentError } from '../core/errors.ts';
import { isClonedMatrix, Matrix, matrixData, toVector, type MatrixLike, type VectorLike } from '../core/matrix.ts';
import { centralSums, quantileRule, type QuantileMethod } from '../core/stats.ts';
import { isTableLike, type TableLike } from '../core/table.ts';
import { checkConfidence, checkLength, toReturnsMatrix } from '../core/validate.ts';
import { readWeights, type WeightsInput } from './labelled-input.ts';
import { Adder } from '../core/accumulator.ts';
import { showValue } from '../core/parse-decimal.ts';

/**
 * Throw when a risk figure overflowed (finite but huge inputs, e.g. weights or returns near
 * 1e200, whose squares exceed double precision): results must never carry Infinity or NaN
 * (they would become null in JSON).
 */
export function checkFiniteRisk(fn: string, values: ArrayLike<number>, what: string): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new InvalidArgumentError(
        `${fn}: the ${what} overflowed double precision (got ${values[i]}); the inputs are too large in magnitude (returns are expected as fractions).`,
        'returns',
        values[i],
      );
    }
  }
}

/**
 * Throw when any number in a result (walked through arrays and plain objects) is not finite:
 * finite but huge inputs can overflow to Infinity / NaN, which would become null in JSON.
 */
export function checkFiniteResult(fn: string, result: unknown, arg: string): void {
  const walk = (v: unknown): void => {
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) {
        throw new InvalidArgumentError(
          `${fn}: the result overflowed double precision (got ${v}); the inputs (\`${arg}\` or the returns / covariance) are too large in magnitude.`,
          arg,
          v,
        );
      }
    } else if (Array.isArray(v)) {
      for (const x of v) walk(x);
    } else if (v !== null && typeof v === 'object') {
      for (const x of Object.values(v)) walk(x);
    }
  };
  walk(result);
}

/**
 * Check optional asset labels: an array of `n` distinct strings (labelled records are built
 * from them, so a duplicate would silently drop an entry). Wrong length -> DimensionError;
 * not an array, a non-string or a duplicate -> InvalidArgumentError.
 */
export function checkAssetLabels(fn: string, assets: unknown, n: number): readonly string[] {
  if (!Array.isArray(assets))
    throw new InvalidArgumentError(`${fn}: \`assets\` must be an array of ${n} strings, got ${typeof assets}.`, 'assets', typeof assets);
  checkLength(fn, 'assets', assets.length, n);
  const seen = new Set<string>();
  for (let i = 0; i < assets.length; i++) {
    const a: unknown = assets[i];
    if (typeof a !== 'string') throw new InvalidArgumentError(`${fn}: \`assets\` entry ${i} must be a string, got ${showValue(a)}.`, 'assets', showValue(a));
    if (seen.has(a)) throw new InvalidArgumentError(`${fn}: \`assets\` names must be unique, but ${JSON.stringify(a)} appears twice.`, 'assets', a);
    seen.add(a);
  }
  return assets as readonly string[];
}

/**
 * The tail probability p = 1 − confidence, rounded to 15 significant digits so that decimal
 * confidences give the decimal tail: 1 − 0.95 = 0.050000000000000044 in binary floating point,
 * and this returns exactly 0.05 (the double nearest 0.05), like the `0.05` a user writes.
 */
export function tailProbability(fn: string, confidence: unknown): { confidence: number; p: number } {
  const c = checkConfidence(fn, confidence);
  const p = Number((1 - c).toPrecision(15));
  if (!(p > 0 && p < 1)) {
    throw new InvalidArgumentError(`${fn}: \`confidence\` (${c}) leaves no tail probability at 15 significant digits.`, 'confidence', c);
  }
  return { confidence: c, p };
}

/** Swap two entries. */
function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/**
 * Floyd–Rivest selection (Floyd & Rivest 1975, algorithm SELECT): rearrange `a[left..right]` so
 * that a[k] is the value it would have after sorting, with smaller-or-equal values before it and
 * larger-or-equal after. Expected n + min(k, n − k) + o(n) comparisons.
 */
export function selectInPlace(a: Float64Array, k: number, left = 0, right = a.length - 1): void {
  while (right > left) {
    if (right - left > 600) {
      const n = right - left + 1;
      const m = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (m - n / 2 < 0 ? -1 : 1);
      const newLeft = Math.max(left, Math.floor(k - (m * s) / n + sd));
      const newRight = Math.min(right, Math.floor(k + ((n - m) * s) / n + sd));
      selectInPlace(a, k, newLeft, newRight);
    }
    const t = a[k];
    let i = left;
    let j = right;
    swap(a, left, k);
    if (a[right] > t) swap(a, left, right);
    while (i < j) {
      swap(a, i, j);
      i++;
      j--;
      while (a[i] < t) i++;
      while (a[j] > t) j--;
    }
    if (a[left] === t) swap(a, left, j);
    else {
      j++;
      swap(a, j, right);
    }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

/** True when `x` looks like a matrix (a Matrix or its structured clone, an ml-matrix, or an array whose first entry is array-like). */
export function isMatrixInput(x: unknown): boolean {
  if (x instanceof Matrix || isClonedMatrix(x)) return true;
  if (x !== null && typeof x === 'object' && typeof (x as { to2DArray?: unknown }).to2DArray === 'function' && !('length' in x)) return true;
  if (x !== null && typeof x === 'object' && typeof (x as ArrayLike<unknown>).length === 'number') {
    const first = (x as ArrayLike<unknown>)[0];
    return first !== null && typeof first === 'object';
  }
  return false;
}

/** Options of {@link toReturnSeries}: rows with a missing value, and the prices screen. */
export interface ReturnSeriesOptions {
  missing?: 'error' | 'drop';
  assumeReturns?: boolean;
}

/**
 * A return series: either a vector, or a T x n matrix or table with `weights` (portfolio
 * returns R w, the sum of weighted asset returns; with a table the weights may be keyed by
 * ticker). `missing: 'drop'` removes incomplete rows (entries of a vector) first. Returns a
 * fresh Float64Array.
 */
export function toReturnSeries(
  fn: string,
  returns: VectorLike | MatrixLike | TableLike,
  weights: WeightsInput | undefined,
  options: ReturnSeriesOptions = {},
): Float64Array {
  const table = isTableLike(returns);
  if (table || isMatrixInput(returns)) {
    const R = toReturnsMatrix(fn, 'returns', returns as MatrixLike, options);
    const n = R.cols;
    let w: Float64Array;
    if (weights === undefined) {
      if (n !== 1) {
        throw new DimensionError(`${fn}: \`returns\` has ${n} columns; pass \`weights\` (one per column) to form the portfolio series.`);
      }
      w = new Float64Array([1]);
    } else {
      w = readWeights(fn, 'weights', weights, table ? (returns as TableLike).assets : undefined, '`returns`');
      checkLength(fn, 'weights', w.length, n, `entries (one per column of \`returns\`)`);
    }
    const d = matrixData(R);
    const out = new Float64Array(R.rows);
    for (let t = 0; t < R.rows; t++) {
      let s = 0;
      const off = t * n;
      for (let j = 0; j < n; j++) s += d[off + j] * w[j];
      out[t] = s;
    }
    return out;
  }
  if (weights !== undefined) {
    throw new DimensionError(`${fn}: \`weights\` were given but \`returns\` is a single series; pass a T x n matrix of asset returns.`);
  }
  if (options.missing === 'drop' && returns !== null && typeof returns === 'object' && typeof (returns as ArrayLike<unknown>).length === 'number') {
    const src = returns as ArrayLike<number | null>;
    const kept: number[] = [];
    for (let i = 0; i < src.length; i++) {
      const v = src[i];
      if (v === null || (typeof v === 'number' && Number.isNaN(v))) continue;
      kept.push(v);
    }
    if (kept.length !== src.length) return toVector(kept, fn, 'returns');
  }
  if (returns instanceof Float64Array) {
    // Fast path: copy, then check finiteness (toVector reports the first bad entry).
    const out = returns.slice();
    for (let i = 0; i < out.length; i++) {
      const v = out[i];
      if (v - v !== 0) return toVector(returns, fn, 'returns');
    }
    return out;
  }
  return toVector(returns as VectorLike, fn, 'returns');
}

/** Throw when the series is empty or constant. */
export function checkSeries(fn: string, x: Float64Array, minimum: number): void {
  if (x.length < minimum) {
    throw new InsufficientDataError(`${fn}: \`returns\` needs at least ${minimum} observations, got ${x.length}.`, minimum, x.length);
  }
  const first = x[0];
  let i = 1;
  while (i < x.length && x[i] === first) i++;
  if (i === x.length) {
    throw new InvalidArgumentError(`${fn}: \`returns\` are constant (every value is ${first}), so they carry no risk information.`, 'returns', 'constant');
  }
}

/** Minimum observations so that the tail p holds at least one observation on average: ⌈1/p⌉. */
export function minimumForTail(p: number): number {
  return Math.ceil(1 / p - 1e-9);
}

/** Historical quantile and tail mean of a copy of `x` (x is permuted). */
export function historicalTail(x: Float64Array, p: number, method: QuantileMethod): { quantile: number; tailMean: number; tailCount: number } {
  const n = x.length;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  // Select the (lo+1)-th order statistic (0-based): x[0..lo] then hold the lo + 1 smallest values,
  // so x₍lo₎ is their maximum: one pass over the tail only.
  let a: number;
  let b: number;
  if (lo + 1 < n) {
    selectInPlace(x, lo + 1);
    b = x[lo + 1];
    a = -Infinity;
    for (let i = 0; i <= lo; i++) if (x[i] > a) a = x[i];
  } else {
    selectInPlace(x, lo);
    a = b = x[lo];
  }
  const q = quantileRule(a, b, lo, h - lo, method);
  // Values at or below q: every x[0..lo] (all ≤ x₍lo₎ ≤ q), x[lo+1] when it equals q, and the
  // right-hand values equal to q (ties, only possible when q = x₍lo+1₎).
  const tail = new Adder();
  let count = 0;
  const scanEnd = q === b ? n : Math.min(lo + 2, n);
  for (let i = 0; i < scanEnd; i++) {
    const v = x[i];
    if (v <= q) {
      tail.add(v);
      count++;
    }
  }
  return { quantile: q, tailMean: tail.valueOf() / count, tailCount: count };
}

/**
 * A power of two 2^e with max |x| / 2^e in [1, 2) when max |x| lies beyond 2^±200 (where fourth
 * powers of deviations overflow or underflow), else 1. Dividing by it is exact.
 */
function momentScale(x: Float64Array): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i]));
  if (!(m > 0) || (m <= 2 ** 200 && m >= 2 ** -200)) return 1;
  return 2 ** Math.floor(Math.log2(m));
}

/**
 * Mean and the ddof = 1 standard deviation, and population g1 / g2 (or adjusted G1 / G2).
 * Series beyond 2^±200 are divided by an exact power of two first (skewness and kurtosis are
 * scale-free; the mean, sd and m2 are scaled back), so 1e-100 or 1e100 returns do not lose their
 * fourth powers to underflow or overflow.
 */
export function seriesMoments(x: Float64Array, adjusted = false): { mean: number; sd: number; skewness: number; kurtosis: number; m2: number } {
  const k = momentScale(x);
  if (k !== 1) {
    const r = seriesMoments(
      x.map((v) => v / k),
      adjusted,
    );
    return { ...r, mean: r.mean * k, sd: r.sd * k, m2: r.m2 * k * k };
  }
  const n = x.length;
  const [mean, s2, s3, s4] = centralSums(x);
  const m2 = s2 / n;
  const g1 = s3 / n / (m2 * Math.sqrt(m2));
  const g2 = s4 / n / (m2 * m2) - 3;
  const skew = adjusted && n > 2 ? (g1 * Math.sqrt(n * (n - 1))) / (n - 2) : g1;
  const kurt = adjusted && n > 3 ? (((n + 1) * g2 + 6) * (n - 1)) / ((n - 2) * (n - 3)) : g2;
  return { mean, sd: Math.sqrt(s2 / (n - 1)), skewness: skew, kurtosis: kurt, m2 };
}

/** The Cornish–Fisher quantile z + (z²−1)S/6 + (z³−3z)K/24 − (2z³−5z)S²/36 (Zangari 1996). */
export function cornishFisherZ(z: number, S: number, K: number): number {
  const z2 = z * z;
  return z + ((z2 - 1) * S) / 6 + ((z2 * z - 3 * z) * K) / 24 - ((2 * z2 * z - 5 * z) * S * S) / 36;
}

/**
 * Monotonicity of the Cornish–Fisher map (Maillard 2012): f'(z) = A z² + B z + C with
 * A = K/8 − S²/6, B = S/3, C = 1 − K/8 + 5S²/36 must be ≥ 0 for every z.
 */
export function cornishFisherDomain(S: number, K: number): { valid: boolean; reason?: string } {
  const A = K / 8 - (S * S) / 6;
  const B = S / 3;
  const C = 1 - K / 8 + (5 * S * S) / 36;
  const ok = A > 0 ? B * B - 4 * A * C <= 0 : A === 0 && B === 0 && C >= 0;
  if (ok) return { valid: true };
  return {
    valid: false,
    reason:
      `skewness ${S} and excess kurtosis ${K} lie outside the domain where the Cornish–Fisher expansion is monotone ` +
      `(Maillard 2012: need K/8 − S²/6 > 0 and S²/9 ≤ 4(K/8 − S²/6)(1 − K/8 + 5S²/36)), so its "quantile" is not a quantile`,
  };
}

/**
 * Truncated moments M_k(h) = ∫_{−∞}^{h} u^k φ(u) du for k = 0..7:
 * M_0 = Φ(h), M_1 = −φ(h), M_k = −h^{k−1} φ(h) + (k − 1) M_{k−2}.
 */
export function truncatedNormalMoments(h: number, Phi: number, phi: number): Float64Array {
  const M = new Float64Array(8);
  M[0] = Phi;
  M[1] = -phi;
  let hp = 1; // h^{k-1}
  for (let k = 2; k < 8; k++) {
    hp *= h;
    M[k] = -hp * phi + (k - 1) * M[k - 2];
  }
  return M;
}

/**
 * Modified ES in standard units (Boudt, Peterson & Croux 2008): E = −(1/p) ∫_{−∞}^{h} u g(u) du with
 * the Edgeworth density g = φ [1 + S He3/6 + K He4/24 + S² He6/72] and h the CF quantile, together
 * with its partial derivatives in S and K.
 */
export function cornishFisherES(
  h: number,
  dhdS: number,
  dhdK: number,
  S: number,
  K: number,
  p: number,
  Phi: number,
  phi: number,
): { E: number; dS: number; dK: number } {
  const M = truncatedNormalMoments(h, Phi, phi);
  const m = (k: number): number => M[k];
  const I3 = m(4) - 3 * m(2); // ∫ u He3 φ
  const I4 = m(5) - 6 * m(3) + 3 * m(1); // ∫ u He4 φ
  const I6 = m(7) - 15 * m(5) + 45 * m(3) - 15 * m(1); // ∫ u He6 φ
  const integral = m(1) + (S / 6) * I3 + (K / 24) * I4 + ((S * S) / 72) * I6;
  const h2 = h * h;
  const he3 = h2 * h - 3 * h;
  const he4 = h2 * h2 - 6 * h2 + 3;
  const he6 = h2 * h2 * h2 - 15 * h2 * h2 + 45 * h2 - 15;
  const gh = phi * (1 + (S / 6) * he3 + (K / 24) * he4 + ((S * S) / 72) * he6);
  // d/dθ ∫_{−∞}^{h(θ)} u g(u; θ) du = h g(h) dh/dθ + ∫ u ∂g/∂θ du.
  const dS = h * gh * dhdS + I3 / 6 + (S / 36) * I6;
  const dK = h * gh * dhdK + I4 / 24;
  return { E: -integral / p, dS: -dS / p, dK: -dK / p };
}
