/**
 * Internal: the k largest eigenpairs of a symmetric matrix by the Lanczos iteration with full
 * reorthogonalisation (Golub & Van Loan, Matrix Computations, 4th ed., §10.1-10.3; Parlett, The
 * Symmetric Eigenvalue Problem, ch. 13). Each step costs one matrix-vector product (n² multiply-
 * adds) and the reorthogonalisation against the previous vectors (2 · 2 n j), so m steps cost
 * O(n² m) instead of the O(n³) of a full decomposition: at n = 2,000 and k = 20 a few hundred
 * milliseconds instead of tens of seconds.
 *
 * Safeguards, each sending the caller back to the full decomposition (by returning `null`):
 * no convergence within min(n − 1, 6k + 150) steps; fewer than k + 1 steps before an invariant
 * subspace is reached (a Lanczos breakdown, as for a matrix of rank below k); an explicit residual
 * ‖A x − θ x‖ above 1e-11 ‖A‖ for any of the k pairs; entries beyond 2^±500; and a completeness
 * check: a short second Lanczos run from a fresh start vector, deflated by the k pairs found,
 * must not find an eigenvalue reaching the k-th (which catches a missed copy of a repeated
 * eigenvalue, the blind spot of a single start vector).
 *
 * Deterministic: the start vectors come from a fixed LCG, so the same input gives the same bits.
 *
 * @module
 * @internal
 */
import { tridiagonalEigen } from './symmetric-eigen.ts';
import { dot4 } from './dot4.ts';

/** Convergence: the Ritz residual estimate β_m |y_m| of each wanted pair ≤ TOL · ‖A‖. */
const TOL = 1e-13;
/** Acceptance: the explicit residual ‖A x − θ x‖ ≤ ACCEPT · ‖A‖. */
const ACCEPT = 1e-11;
/** Steps of the deflated completeness check. */
const CHECK_STEPS = 20;

/** Unit vector of LCG entries in [−0.5, 0.5). */
function startVector(n: number, seed: number): Float64Array {
  let s = seed >>> 0;
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    x[i] = s / 2 ** 32 - 0.5;
  }
  scaleToUnit(x);
  return x;
}

function dot(x: Float64Array, xo: number, y: Float64Array, yo: number, n: number): number {
  let s = 0;
  for (let t = 0; t < n; t++) s += x[xo + t] * y[yo + t];
  return s;
}

/** x ← x / ‖x‖; returns ‖x‖. */
function scaleToUnit(x: Float64Array): number {
  const nx = Math.sqrt(dot(x, 0, x, 0, x.length));
  for (let t = 0; t < x.length; t++) x[t] = x[t] / nx;
  return nx;
}

/**
 * y ← A x for the full symmetric n x n row-major A (contiguous rows). Four rows share each pass
 * over x (four independent sums, each over the columns in order).
 */
function matvec(a: Float64Array, n: number, x: Float64Array, xo: number, y: Float64Array): void {
  let i = 0;
  const s = new Float64Array(4);
  for (; i + 4 <= n; i += 4) {
    dot4(a, i * n, n, x, xo, n, s);
    y[i] = s[0];
    y[i + 1] = s[1];
    y[i + 2] = s[2];
    y[i + 3] = s[3];
  }
  for (; i < n; i++) y[i] = dot(a, i * n, x, xo, n);
}

/** The full symmetric matrix from the lower triangle of the n x n row-major `a` (mirrored). */
function symmetrized(a: Float64Array, n: number): Float64Array {
  const P = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const v = a[i * n + j];
      P[i * n + j] = v;
      P[j * n + i] = v;
    }
  }
  return P;
}

/** w ← w − Σ_i (q_i·w) q_i over rows 0..count−1 of Q, two modified Gram-Schmidt passes. */
function orthogonalize(Q: Float64Array, n: number, count: number, w: Float64Array): void {
  for (let pass = 0; pass < 2; pass++) {
    for (let i = 0; i < count; i++) {
      const o = i * n;
      const c = dot(Q, o, w, 0, n);
      for (let t = 0; t < n; t++) w[t] = w[t] - c * Q[o + t];
    }
  }
}

/** Indices of the eigenvalues in descending order. */
function descending(values: Float64Array): number[] {
  return Array.from({ length: values.length }, (_, i) => i).sort((p, q) => values[q] - values[p]);
}

/**
 * Lanczos on A (given as P, see {@link symmetrized}; minus the span of the `deflate` rows, when given) from `q0` for at most `steps`
 * steps. Stops early when `done(alpha, beta, m, false)` returns true, or on a breakdown (an
 * invariant subspace: β = 0, then `done(…, true)` is called once). Returns the basis Q (rows), the
 * tridiagonal (alpha, beta) and the number of steps m.
 */
function lanczos(
  P: Float64Array,
  n: number,
  q0: Float64Array,
  steps: number,
  deflate: { X: Float64Array; count: number } | null,
  done: (alpha: Float64Array, beta: Float64Array, m: number, force: boolean) => boolean,
): { Q: Float64Array; alpha: Float64Array; beta: Float64Array; m: number } {
  const Q = new Float64Array((steps + 1) * n);
  Q.set(q0);
  const alpha = new Float64Array(steps);
  const beta = new Float64Array(steps);
  const w = new Float64Array(n);
  let anorm = 0;
  for (let j = 0; j < steps; j++) {
    const o = j * n;
    matvec(P, n, Q, o, w);
    const al = dot(Q, o, w, 0, n);
    alpha[j] = al;
    const bp = j > 0 ? beta[j - 1] : 0;
    for (let t = 0; t < n; t++) w[t] = w[t] - (al * Q[o + t] + (j > 0 ? bp * Q[o - n + t] : 0));
    if (deflate) orthogonalize(deflate.X, n, deflate.count, w);
    orthogonalize(Q, n, j + 1, w);
    const b = Math.sqrt(dot(w, 0, w, 0, n));
    beta[j] = b;
    anorm = Math.max(anorm, Math.abs(al) + b + bp);
    if (!(b > 1e-12 * anorm)) {
      // an invariant subspace: its Ritz pairs are exact; stop here
      beta[j] = 0;
      done(alpha, beta, j + 1, true);
      return { Q, alpha, beta, m: j + 1 };
    }
    for (let t = 0; t < n; t++) Q[o + n + t] = w[t] / b;
    if (done(alpha, beta, j + 1, false)) return { Q, alpha, beta, m: j + 1 };
  }
  return { Q, alpha, beta, m: steps };
}

/**
 * The k largest eigenvalues (descending) of the symmetric n x n row-major `a` (read only; the
 * lower triangle is used) and their eigenvectors (n x k row-major, column c for `values[c]`, each with
 * its largest-magnitude entry positive, the first of entries equal to 1e-14 relative), or `null`
 * when a safeguard (see the module comment) asks for the full decomposition instead.
 * @throws {ConvergenceError} if the QL iteration of a small tridiagonal stalls (not seen in practice).
 * @internal
 */
export function topEigenpairs(a: Float64Array, n: number, k: number, fn: string): { values: Float64Array; vectors: Float64Array } | null {
  if (!(k >= 1 && k < n)) return null;
  let big = 0;
  for (let t = 0; t < n * n; t++) big = Math.max(big, Math.abs(a[t]));
  if (!(big > 2 ** -500 && big < 2 ** 500)) return null;
  const P = symmetrized(a, n);
  const steps = Math.min(n - 1, 6 * k + 150);
  let next = Math.min(steps, k + 20);
  let ritz: { values: Float64Array; W: Float64Array; order: number[]; norm: number } | null = null;
  const run = lanczos(P, n, startVector(n, 0x9e3779b9), steps, null, (alpha, beta, m, force) => {
    if (m < next && m < steps && !force) return false;
    next = Math.min(steps, m + Math.max(10, Math.ceil(m / 4)));
    const { values, W } = tridiagonalEigen(alpha, beta, m, fn, true);
    const order = descending(values);
    const norm = Math.max(Math.abs(values[order[0]]), Math.abs(values[order[m - 1]]));
    const b = beta[m - 1];
    for (let c = 0; c < k; c++) if (!(b * Math.abs(W[order[c]]) <= TOL * norm)) return false;
    ritz = { values, W: tridiagonalEigen(alpha, beta, m, fn).W, order, norm };
    return true;
  });
  const found = ritz as { values: Float64Array; W: Float64Array; order: number[]; norm: number } | null;
  if (!found || run.m < k + 1) return null;
  const { Q, m } = run;
  const { values, W, order, norm } = found;
  // Ritz vectors x_c = Σ_j y_cj q_j (rows of X), explicit residuals, signs
  const X = new Float64Array(k * n);
  const theta = new Float64Array(k);
  const r = new Float64Array(n);
  for (let c = 0; c < k; c++) {
    const row = order[c] * m;
    const xo = c * n;
    for (let j = 0; j < m; j++) {
      const y = W[row + j];
      const qo = j * n;
      for (let t = 0; t < n; t++) X[xo + t] = X[xo + t] + y * Q[qo + t];
    }
    const x = X.subarray(xo, xo + n);
    scaleToUnit(x);
    theta[c] = values[order[c]];
    matvec(P, n, X, xo, r);
    let res = 0;
    for (let t = 0; t < n; t++) {
      const v = r[t] - theta[c] * x[t];
      res += v * v;
    }
    if (!(Math.sqrt(res) <= ACCEPT * norm)) return null;
  }
  // completeness: nothing left (after deflating the k pairs) reaching θ_k
  const z = startVector(n, 0x2545f491);
  orthogonalize(X, n, k, z);
  scaleToUnit(z);
  const check = lanczos(P, n, z, Math.min(CHECK_STEPS, n - k - 1), { X, count: k }, () => false);
  const rest = tridiagonalEigen(check.alpha, check.beta, check.m, fn).values;
  let top = -Infinity;
  for (let j = 0; j < check.m; j++) top = Math.max(top, rest[j]);
  if (!(top < theta[k - 1] - 1e-9 * norm)) return null;
  const vectors = new Float64Array(n * k);
  for (let c = 0; c < k; c++) {
    const xo = c * n;
    let best = 0;
    let sign = 1;
    for (let t = 0; t < n; t++) {
      const v = X[xo + t];
      if (Math.abs(v) > best + 1e-14 * best) {
        best = Math.abs(v);
        sign = v < 0 ? -1 : 1;
      }
    }
    for (let t = 0; t < n; t++) vectors[t * k + c] = sign * X[xo + t];
  }
  return { values: theta, vectors };
}
