/**
 * Internal: pairwise-complete moments of a returns buffer with gaps (pandas `DataFrame.cov` /
 * `.corr` with `min_periods`): each pair (i, j) uses the rows where both are present, with that
 * pair's own means; the diagonal uses each column's own rows.
 *
 * How it is fast. Every column is centred on its own mean (over its present values) and its gaps
 * are set to zero, giving X. Then for every pair
 *
 *   Σ_{t ∈ O_ij} (x_ti − m_i)(x_tj − m_j) = G_ij − S_ij S_ji / N_ij,
 *
 * where G = XᵀX is one blocked Gram product (gaps contribute zero products), N_ij = |O_ij| and
 * S_ij = Σ_{t ∈ O_ij} x_ti (the sum of column i over the rows where j is present). When column j
 * has only leading gaps (it starts at row s_j and is complete after it, the usual late listing),
 * S_ij, N_ij and the sums of squares Q_ij are suffix sums of column i from row s_j: one backward
 * pass records them at each distinct start row, whatever gaps column i has. A column j with
 * interior gaps takes the suffix from its start minus the sums over its gap rows (three sums per
 * other column and gap row). The cost is one Gram product plus O(nT) plus O(n) per interior gap.
 *
 * Accuracy: the data are centred on each column's own mean, so S_ij is small and the correction
 * S_ij S_ji / N_ij loses nothing against a two-pass sum; a pair whose overlap mean sits far from
 * its column mean (S_ij² > N_ij Q_ij / 2, including every overlap on which a column is constant)
 * is recomputed exactly by a two-pass loop over its common rows. A pair of complete columns takes
 * the Gram entry as is, exactly as `sampleCovariance` does, so without missing values the result
 * is bit for bit the sample covariance.
 *
 * @module
 * @internal
 */
import { Adder, neumaierAddAt } from '../core/accumulator.ts';
import { InsufficientDataError, InvalidArgumentError, NotPositiveDefiniteError } from '../core/errors.ts';
import { checkPositiveSemidefinite } from '../core/linalg.ts';
import { gramRows } from './gram-kernel.ts';

/** Where each column's values are. @internal */
export interface GapLayout {
  /** Present values per column. */
  count: Int32Array;
  /** First row with a value (T when the column is empty). */
  start: Int32Array;
  /** 1 when the column has no gap after its first value (complete, or only leading gaps). */
  leading: Uint8Array;
  /** Columns with a gap after their first value. */
  interior: number[];
}

/** Counts, first rows and gap kinds of the columns of a row-major T x n buffer (NaN = missing). @internal */
export function gapLayout(data: Float64Array, T: number, n: number): GapLayout {
  const count = new Int32Array(n);
  const start = new Int32Array(n).fill(T);
  for (let t = 0; t < T; t++) {
    const o = t * n;
    for (let i = 0; i < n; i++) {
      const v = data[o + i];
      if (v === v) {
        if (count[i] === 0) start[i] = t;
        count[i] = count[i] + 1;
      }
    }
  }
  const leading = new Uint8Array(n);
  const interior: number[] = [];
  for (let i = 0; i < n; i++) {
    if (count[i] === T - start[i]) leading[i] = 1;
    else interior.push(i);
  }
  return { count, start, leading, interior };
}

/**
 * Per ordered pair (i, j): N[i n + j] = |O_ij|, and with `x` (centred, gaps zero)
 * S[i n + j] = Σ_{O_ij} x_ti and Q[i n + j] = Σ_{O_ij} x_ti². `data` (with its NaN) tells
 * which values are present.
 *
 * One backward pass records every column's suffix counts and (Neumaier-compensated) suffix sums
 * at each distinct start row. Column j with only leading gaps reads its entries there. Column j
 * with interior gaps takes the suffix from its start minus the sums over its gap rows, or, when it
 * has more gaps than values, sums over its present rows directly. @internal
 */
export function pairSums(
  data: Float64Array,
  x: Float64Array | null,
  T: number,
  n: number,
  layout: GapLayout,
): { N: Float64Array; S: Float64Array | null; Q: Float64Array | null } {
  const { count, start, leading } = layout;
  const N = new Float64Array(n * n);
  const S = x ? new Float64Array(n * n) : null;
  const Q = x ? new Float64Array(n * n) : null;
  if (n === 0) return { N, S, Q };
  // distinct start rows (an empty column starts at T: its group keeps zeros)
  const groupAt = new Int32Array(T + 1).fill(-1);
  const starts: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = start[i];
    if (groupAt[s] === -1) {
      groupAt[s] = 0;
      starts.push(s);
    }
  }
  starts.sort((p, q) => p - q);
  starts.forEach((s, g) => (groupAt[s] = g));
  const G = starts.length;
  const sufN = new Float64Array(G * n);
  const sufS = x ? new Float64Array(G * n) : null;
  const sufQ = x ? new Float64Array(G * n) : null;
  const cnt = new Float64Array(n);
  const s = new Float64Array(n);
  const cs = new Float64Array(n);
  const q = new Float64Array(n);
  const cq = new Float64Array(n);
  for (let t = T - 1; t >= starts[0]; t--) {
    const o = t * n;
    if (x) {
      for (let i = 0; i < n; i++) {
        const v = data[o + i];
        if (v !== v) continue;
        cnt[i] = cnt[i] + 1;
        const xv = x[o + i];
        neumaierAddAt(s, cs, i, xv);
        neumaierAddAt(q, cq, i, xv * xv); // q[i] ≥ 0 and xv² ≥ 0: the same branch as the former qi ≥ x2 test
      }
    } else {
      for (let i = 0; i < n; i++) {
        const v = data[o + i];
        if (v === v) cnt[i] = cnt[i] + 1;
      }
    }
    const g = groupAt[t];
    if (g >= 0) {
      const b = g * n;
      for (let i = 0; i < n; i++) {
        sufN[b + i] = cnt[i];
        if (sufS && sufQ) {
          sufS[b + i] = s[i] + cs[i];
          sufQ[b + i] = q[i] + cq[i];
        }
      }
    }
  }
  const a = new Float64Array(n);
  const b2 = new Float64Array(n);
  const c = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const sj = start[j];
    const base = groupAt[sj] * n;
    if (leading[j] === 1) {
      for (let i = 0; i < n; i++) {
        N[i * n + j] = sufN[base + i];
        if (S && Q && sufS && sufQ) {
          S[i * n + j] = sufS[base + i];
          Q[i * n + j] = sufQ[base + i];
        }
      }
      continue;
    }
    const gaps = T - sj - count[j];
    const present = gaps > count[j];
    if (present) {
      a.fill(0);
      b2.fill(0);
      c.fill(0);
    } else {
      c.set(sufN.subarray(base, base + n));
      if (sufS && sufQ) {
        a.set(sufS.subarray(base, base + n));
        b2.set(sufQ.subarray(base, base + n));
      }
    }
    // present rows added to zero, or gap rows taken off the suffix from the column's start
    const sign = present ? 1 : -1;
    for (let t = sj; t < T; t++) {
      const o = t * n;
      const vj = data[o + j];
      if ((vj === vj) !== present) continue;
      if (x) {
        for (let i = 0; i < n; i++) {
          const xv = x[o + i];
          a[i] = a[i] + sign * xv;
          b2[i] = b2[i] + sign * (xv * xv);
          const v = data[o + i];
          if (v === v) c[i] = c[i] + sign;
        }
      } else {
        for (let i = 0; i < n; i++) {
          const v = data[o + i];
          if (v === v) c[i] = c[i] + sign;
        }
      }
    }
    for (let i = 0; i < n; i++) {
      N[i * n + j] = c[i];
      if (S && Q) {
        S[i * n + j] = a[i];
        Q[i * n + j] = b2[i];
      }
    }
  }
  return { N, S, Q };
}

/** How a column or pair is named in messages: its label, or its column index. */
function nameOf(labels: readonly string[] | undefined, i: number): string {
  return labels ? JSON.stringify(labels[i]) : `column ${i}`;
}

/**
 * Throw InsufficientDataError when some pair (or column) has fewer than `minPeriods` common
 * observations: an asset with too few values of its own is named first (the one with the fewest,
 * the first such in column order), else the pair with the fewest common periods (the first such
 * in row-major order). Returns the smallest count. @internal
 */
export function checkPairCounts(fn: string, N: Float64Array, n: number, minPeriods: number, labels: readonly string[] | undefined): number {
  let min = Infinity;
  let bi = 0;
  let bj = 0;
  let below = 0;
  let diagMin = Infinity;
  let di = 0;
  for (let i = 0; i < n; i++) {
    const k = N[i * n + i];
    if (k < diagMin) {
      diagMin = k;
      di = i;
    }
    for (let j = i; j < n; j++) {
      const k = N[i * n + j];
      if (k < minPeriods) below++;
      if (k < min) {
        min = k;
        bi = i;
        bj = j;
      }
    }
  }
  if (diagMin < minPeriods) {
    bi = di;
    bj = di;
    min = diagMin;
  }
  if (min < minPeriods) {
    const more = below > 1 ? ` (${below} pairs in all are below it)` : '';
    const msg =
      bi === bj
        ? `${fn}: asset ${nameOf(labels, bi)} has only ${min} observations, below \`minPeriods\` (${minPeriods})${more}; drop the asset or lower \`minPeriods\`.`
        : `${fn}: assets ${nameOf(labels, bi)} and ${nameOf(labels, bj)} have only ${min} periods in common (rows where both are present), below \`minPeriods\` (${minPeriods})${more}; drop one of them or lower \`minPeriods\`.`;
    throw new InsufficientDataError(msg, minPeriods, min);
  }
  return n === 0 ? 0 : min;
}

/** Own means of each column over its present values (Neumaier sums; for a complete column the same bits as `columnMeans`). @internal */
export function ownMeans(data: Float64Array, T: number, n: number, count: Int32Array): Float64Array {
  const s = new Float64Array(n);
  const c = new Float64Array(n);
  for (let t = 0; t < T; t++) {
    const off = t * n;
    for (let i = 0; i < n; i++) {
      const v = data[off + i];
      if (v !== v) continue;
      neumaierAddAt(s, c, i, v);
    }
  }
  const means = new Float64Array(n);
  for (let i = 0; i < n; i++) means[i] = (s[i] + c[i]) / count[i];
  return means;
}

/** Two-pass moments of columns i and j over their common rows (the exact fallback). */
function exactPair(
  data: Float64Array,
  T: number,
  n: number,
  i: number,
  j: number,
): { N: number; sxy: number; sxx: number; syy: number; constX: boolean; constY: boolean } {
  const sx = new Adder();
  const sy = new Adder();
  let N = 0;
  let lx = Infinity,
    hx = -Infinity,
    ly = Infinity,
    hy = -Infinity;
  for (let t = 0, o = 0; t < T; t++, o += n) {
    const a = data[o + i];
    const b = data[o + j];
    if (a !== a || b !== b) continue;
    N++;
    sx.add(a);
    sy.add(b);
    if (a < lx) lx = a;
    if (a > hx) hx = a;
    if (b < ly) ly = b;
    if (b > hy) hy = b;
  }
  const mx = sx.valueOf() / N;
  const my = sy.valueOf() / N;
  let sxy = 0,
    sxx = 0,
    syy = 0;
  for (let t = 0, o = 0; t < T; t++, o += n) {
    const a = data[o + i];
    const b = data[o + j];
    if (a !== a || b !== b) continue;
    const dx = a - mx;
    const dy = b - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return { N, sxy, sxx, syy, constX: lx === hx, constY: ly === hy };
}

/** Options of {@link pairwiseMoments}. @internal */
export interface PairwiseMomentOptions {
  ddof: number;
  minPeriods: number;
  labels: readonly string[] | undefined;
  /** Also compute the pairwise correlation (pandas `corr`). */
  correlation: boolean;
}

/** What {@link pairwiseMoments} returns (row-major n x n buffers). @internal */
export interface PairwiseMoments {
  cov: Float64Array;
  corr: Float64Array | null;
  means: Float64Array;
  counts: Float64Array;
  minPairCount: number;
}

/**
 * Pairwise-complete covariance (divisor N_ij − ddof) and, on request, correlation (each pair's
 * own centred sums, as pandas `corr`) of a row-major T x n buffer whose NaN are missing values.
 * Checks `minPeriods` on every pair first. @internal
 */
export function pairwiseMoments(fn: string, data: Float64Array, T: number, n: number, opts: PairwiseMomentOptions): PairwiseMoments {
  const { ddof, minPeriods, labels } = opts;
  const layout = gapLayout(data, T, n);
  const means = ownMeans(data, T, n, layout.count);
  const x = new Float64Array(T * n);
  for (let t = 0, o = 0; t < T; t++, o += n) {
    for (let i = 0; i < n; i++) {
      const v = data[o + i];
      x[o + i] = v === v ? v - means[i] : 0;
    }
  }
  const { N, S, Q } = pairSums(data, x, T, n, layout);
  const minPairCount = checkPairCounts(fn, N, n, minPeriods, labels);
  const G = gramRows(x, T, n, null, 1);
  const cov = new Float64Array(n * n);
  const corr = opts.correlation ? new Float64Array(n * n) : null;
  const complete = (i: number): boolean => layout.count[i] === T;
  const sc = 1 / (T - ddof);
  const sd = new Float64Array(n); // own standard deviations (ddof), for the complete pairs' correlation
  for (let i = 0; i < n; i++) {
    const v = G[i * n + i] * (complete(i) ? sc : 1 / (layout.count[i] - ddof));
    cov[i * n + i] = v;
    sd[i] = Math.sqrt(v);
    if (corr) {
      if (!(v > 0)) {
        throw new InvalidArgumentError(
          `${fn}: asset ${nameOf(labels, i)} is constant over its ${layout.count[i]} observations, so its correlations are undefined.`,
          'returns',
          { column: i, asset: labels?.[i] },
        );
      }
      corr[i * n + i] = 1;
    }
  }
  const SS = S as Float64Array;
  const QQ = Q as Float64Array;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const ij = i * n + j;
      const ji = j * n + i;
      let c: number;
      let r = 0;
      if (complete(i) && complete(j)) {
        c = G[ij] * sc;
        if (corr) r = c / (sd[i] * sd[j]);
      } else {
        const k = N[ij];
        const si = SS[ij];
        const sj = SS[ji];
        const qi = QQ[ij];
        const qj = QQ[ji];
        let cxy: number;
        let vi: number;
        let vj: number;
        let constant = false;
        if (si * si > 0.5 * k * qi || sj * sj > 0.5 * k * qj) {
          const e = exactPair(data, T, n, i, j);
          cxy = e.sxy;
          vi = e.sxx;
          vj = e.syy;
          constant = e.constX || e.constY;
        } else {
          cxy = G[ij] - (si * sj) / k;
          vi = qi - (si * si) / k;
          vj = qj - (sj * sj) / k;
          constant = !(vi > 0 && vj > 0);
        }
        c = cxy / (k - ddof);
        if (corr) {
          if (constant) {
            throw new InvalidArgumentError(
              `${fn}: assets ${nameOf(labels, i)} and ${nameOf(labels, j)}: one of them is constant over their ${k} common periods, so their correlation is undefined.`,
              'returns',
              { columns: [i, j], assets: labels ? [labels[i], labels[j]] : undefined },
            );
          }
          r = cxy / (Math.sqrt(vi) * Math.sqrt(vj));
        }
      }
      cov[ij] = c;
      cov[ji] = c;
      if (corr) {
        const rr = r > 1 ? 1 : r < -1 ? -1 : r;
        corr[ij] = rr;
        corr[ji] = rr;
      }
    }
  }
  return { cov, corr, means, counts: N, minPairCount };
}

/**
 * Whether a symmetric n x n buffer is positive semidefinite up to rounding (the pivoted
 * Cholesky test of core: the remaining Schur complement within 1e-10 of the largest diagonal
 * entry). O(n³/6). @internal
 */
export function isPositiveSemidefinite(a: Float64Array, n: number): boolean {
  try {
    checkPositiveSemidefinite('pairwise', 'matrix', a, n);
    return true;
  } catch (e) {
    if (e instanceof NotPositiveDefiniteError) return false;
    throw e;
  }
}
