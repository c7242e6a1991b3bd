/**
 * Internal: eigenvalues (without eigenvectors) of a symmetric matrix on flat buffers, for the
 * `minEigenvalue` that the pairwise estimators report. Householder reduction to tridiagonal form
 * followed by the implicit QL iteration (EISPACK tred1 / tql1; Press et al., Numerical Recipes,
 * 3rd ed., §11.3-11.4), about (4/3) n³ multiply-adds with every inner loop over contiguous
 * memory — several times faster than the eigenvector decomposition for n in the hundreds.
 *
 * @module
 * @internal
 */
import { symmetricEigenKernel } from '../core/linalg.ts';

/** Ascending eigenvalues of the symmetric n x n row-major buffer `a` (not modified; its lower triangle is read). @internal */
export function symmetricEigenvalues(a: Float64Array, n: number): Float64Array {
  if (n === 0) return new Float64Array(0);
  // exact power-of-two scaling keeps the squares of the reduction far from overflow / underflow
  let big = 0;
  for (let k = 0; k < n * n; k++) big = Math.max(big, Math.abs(a[k]));
  if (big === 0) return new Float64Array(n);
  const ex = Math.round(Math.log2(big));
  const h1 = 2 ** -Math.trunc(ex / 2);
  const h2 = 2 ** -(ex - Math.trunc(ex / 2));
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const v = a[i * n + j] * h1 * h2;
      A[i * n + j] = v;
      A[j * n + i] = v;
    }
  }
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  tridiagonalize(A, n, d, e);
  if (!tql1(d, e, n)) {
    // no convergence within 30 sweeps for some eigenvalue (never seen in practice): fall back
    return symmetricEigenKernel(a, n).values;
  }
  d.sort();
  for (let k = 0; k < n; k++) d[k] = d[k] / h1 / h2;
  return d;
}

/**
 * Householder reduction of the full symmetric A (overwritten) to tridiagonal form: diagonal `d`,
 * and `e[i]` the entry (i − 1, i), e[0] = 0. Row i (from the last) is reflected onto its
 * subdiagonal entry; the reflection updates the leading i x i block as B − q uᵀ − u qᵀ.
 */
function tridiagonalize(A: Float64Array, n: number, d: Float64Array, e: Float64Array): void {
  const u = new Float64Array(n);
  const p = new Float64Array(n);
  for (let i = n - 1; i >= 1; i--) {
    const ri = i * n;
    d[i] = A[ri + i];
    if (i === 1) {
      e[1] = A[ri];
      continue;
    }
    let scale = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(A[ri + k]);
    if (scale === 0) {
      e[i] = 0;
      continue;
    }
    let h = 0;
    for (let k = 0; k < i; k++) {
      const v = A[ri + k] / scale;
      u[k] = v;
      h += v * v;
    }
    const f = u[i - 1];
    const g = f >= 0 ? -Math.sqrt(h) : Math.sqrt(h);
    e[i] = scale * g;
    h -= f * g;
    u[i - 1] = f - g;
    // p = B u / h, K = uᵀ p / (2h), q = p − K u (kept in p)
    let up = 0;
    for (let r = 0; r < i; r++) {
      const rr = r * n;
      let s0 = 0;
      let s1 = 0;
      let c = 0;
      for (; c + 1 < i; c += 2) {
        s0 += A[rr + c] * u[c];
        s1 += A[rr + c + 1] * u[c + 1];
      }
      if (c < i) s0 += A[rr + c] * u[c];
      const pr = (s0 + s1) / h;
      p[r] = pr;
      up += u[r] * pr;
    }
    const K = up / (2 * h);
    for (let r = 0; r < i; r++) p[r] = p[r] - K * u[r];
    for (let r = 0; r < i; r++) {
      const rr = r * n;
      const ur = u[r];
      const qr = p[r];
      for (let c = 0; c < i; c++) A[rr + c] = A[rr + c] - (qr * u[c] + ur * p[c]);
    }
  }
  d[0] = A[0];
  e[0] = 0;
}

/** Implicit QL with Wilkinson shifts on the tridiagonal (d, e); eigenvalues land in d (unsorted). False when an eigenvalue needs more than 30 sweeps. */
function tql1(d: Float64Array, e: Float64Array, n: number): boolean {
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
        if (iter++ === 30) return false;
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
        }
        if (early) continue;
        d[l] = d[l] - p;
        e[l] = g;
        e[m] = 0;
      }
    } while (m !== l);
  }
  return true;
}
