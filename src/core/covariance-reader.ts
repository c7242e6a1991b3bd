/**
 * The `Moments` type, the brand that marks the `Moments` the library built (and checked), and
 * the one covariance reader every domain uses.
 *
 * The brand is a `WeakSet` built lazily on first use (a cache, not configuration): it only
 * ever grows by objects {@link createMoments} has just verified and frozen, and it never changes
 * what any function computes — it only lets the reader skip an O(n³) re-check of a covariance
 * that was checked when it was built. A user-made lookalike, a spread copy or a structured clone
 * is a different object and is fully checked.
 *
 * @module
 */
import { DimensionError, InvalidArgumentError, NotPositiveDefiniteError } from './errors.ts';
import { checkPositiveSemidefinite } from './linalg.ts';
import { allFinite, Matrix, matrixData, toMatrix, toVector, wrapMatrix, type MatrixLike, type VectorLike } from './matrix.ts';
import { checkSquare, symmetryScan, toSymmetricMatrix } from './validate.ts';

/**
 * Estimated moments of a set of assets: expected returns (optional) and a covariance, both per
 * period of the returns they came from, with the asset labels. Built by `moments()` in
 * `quantivista/covariance`: its covariance was checked once (finite, symmetric, positive
 * semidefinite) and the object is frozen, so the optimisers, risk parity, Black-Litterman and
 * the risk functions accept it where they take `cov` and skip the O(n³) re-check.
 */
export interface Moments {
  /** Asset labels, one per row of `covariance`; null when the returns carried none. */
  readonly assets: readonly string[] | null;
  /** Expected returns per period (length n), when a mean estimator was asked for. */
  readonly mu?: readonly number[];
  /** n x n covariance per period. */
  readonly covariance: Matrix;
  /** Periods per year of the returns, when given (recorded for annualising; nothing is annualised). */
  readonly periodsPerYear?: number;
  /** Number of return periods the estimates used. */
  readonly observations: number;
  /** Covariance estimator, e.g. `'ledoit-wolf'`. */
  readonly estimator: string;
  /** Mean estimator (`'historical'`, `'ema'`, `'capm'`), when `mu` is present. */
  readonly meanEstimator?: string;
}

let built: WeakSet<object> | undefined;

function registry(): WeakSet<object> {
  return (built ??= new WeakSet<object>());
}

/** Whether `x` is a `Moments` this library built (and so already checked). @internal */
export function isBuiltMoments(x: unknown): x is Moments {
  return x !== null && typeof x === 'object' && built !== undefined && built.has(x);
}

/**
 * Whether `x` has the shape of a {@link Moments} (an object, not array-like, with a
 * `covariance`): built by the library or not. @internal
 */
export function isMomentsLike(x: unknown): x is Moments {
  return x !== null && typeof x === 'object' && !(x instanceof Matrix) && !('length' in x) && 'covariance' in x;
}

function readAssets(fn: string, arg: string, v: unknown, n: number): readonly string[] | null {
  if (v === undefined || v === null) return null;
  if (!Array.isArray(v) || v.some((a) => typeof a !== 'string')) {
    throw new InvalidArgumentError(`${fn}: \`${arg}.assets\` must be an array of strings or null.`, `${arg}.assets`, typeof v);
  }
  if (v.length !== n) throw new DimensionError(`${fn}: \`${arg}.assets\` must have ${n} names (one per row of the covariance), got ${v.length}.`);
  if (new Set(v).size !== n) throw new InvalidArgumentError(`${fn}: \`${arg}.assets\` names must be unique.`, `${arg}.assets`, 'duplicate');
  return v as string[];
}

/**
 * Check and freeze a {@link Moments} and brand it as built by the library. Runs the full check
 * (finite, symmetric within 1e-10 of the largest entry then made exactly symmetric, positive
 * semidefinite by pivoted Cholesky), so even a caller of this function cannot brand an
 * unchecked covariance. @internal
 */
export function createMoments(
  fn: string,
  fields: {
    assets: readonly string[] | null;
    mu?: ArrayLike<number>;
    covariance: MatrixLike;
    periodsPerYear?: number;
    observations: number;
    estimator: string;
    meanEstimator?: string;
  },
): Moments {
  const m = toSymmetricMatrix(fn, 'covariance', fields.covariance);
  const n = m.rows;
  const d = matrixData(m);
  let exact = true;
  for (let i = 0; i < n && exact; i++)
    for (let j = i + 1; j < n; j++)
      if (d[i * n + j] !== d[j * n + i]) {
        exact = false;
        break;
      }
  let cov = m;
  if (!exact) {
    const S = Float64Array.from(d);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const v = 0.5 * (d[i * n + j] + d[j * n + i]);
        S[i * n + j] = v;
        S[j * n + i] = v;
      }
    }
    cov = wrapMatrix(n, n, S);
  }
  checkPositiveSemidefinite(fn, 'covariance', matrixData(cov), n);
  const assets = readAssets(fn, 'moments', fields.assets, n);
  const out: { -readonly [K in keyof Moments]: Moments[K] } = {
    assets: assets === null ? null : Object.freeze(assets.slice()),
    covariance: cov,
    observations: fields.observations,
    estimator: fields.estimator,
  };
  if (fields.mu !== undefined) {
    const mu = toVector(fields.mu, fn, 'mu');
    if (mu.length !== n) throw new DimensionError(`${fn}: \`mu\` must have ${n} entries (one per asset), got ${mu.length}.`);
    if (!allFinite(mu)) throw new InvalidArgumentError(`${fn}: \`mu\` must be finite.`, 'mu', 'non-finite');
    out.mu = Object.freeze(Array.from(mu));
  }
  if (fields.periodsPerYear !== undefined) out.periodsPerYear = fields.periodsPerYear;
  if (fields.meanEstimator !== undefined) out.meanEstimator = fields.meanEstimator;
  Object.freeze(out);
  registry().add(out);
  return out;
}

/**
 * How a covariance is checked:
 * - `'optimize'` (the optimisers): symmetric within 1e-10 (then averaged to exact symmetry, on
 *   a copy), finite, non-negative diagonal, no entry above 1e150, positive semidefinite;
 * - `'risk'` (risk functions): symmetric and finite, positive semidefinite;
 * - `'symmetric'` (callers that factorise it themselves, e.g. by Cholesky): symmetric and finite;
 * - `'risk-parity'`: square, finite, positive diagonal, every 2 x 2 principal minor ≥ 0 (O(n²);
 *   the solvers detect other indefinite matrices through a non-positive portfolio variance).
 * On a `Moments` the library built, the symmetry and PSD tests (done when it was built) are
 * skipped; the O(n²) diagonal and magnitude tests still run.
 */
export type CovariancePolicy = 'optimize' | 'risk' | 'symmetric' | 'risk-parity';

/** What {@link readCovariance} gives back. */
export interface CovarianceRead {
  n: number;
  /** The matrix as read (for `'optimize'` not yet symmetrised: see `data`). */
  matrix: Matrix;
  /** Flat row-major entries: for `'optimize'` an exactly symmetric copy, otherwise the matrix's own storage (read-only). */
  data: Float64Array;
  /** Labels of a `Moments` input (null for a plain matrix or a `Moments` without labels). */
  assets: readonly string[] | null;
  /** `mu` of a `Moments` input (null otherwise). */
  mu: Float64Array | null;
}

/**
 * Read a covariance given as a matrix of whatever accepted form or as a {@link Moments} (its `covariance`), checked
 * according to `policy`. `expect`, when given, is checked right after the matrix is read (before
 * the O(n³) test), with the caller's own message. @internal
 */
export function readCovariance(
  fn: string,
  arg: string,
  input: MatrixLike | Moments,
  policy: CovariancePolicy,
  expect?: { n: number; message: (rows: number, cols: number) => string },
): CovarianceRead {
  const trusted = isBuiltMoments(input);
  let assets: readonly string[] | null = null;
  let mu: Float64Array | null = null;
  let raw: MatrixLike;
  if (isMomentsLike(input)) {
    raw = input.covariance as MatrixLike;
    if (raw === undefined || raw === null) throw new InvalidArgumentError(`${fn}: \`${arg}\` is a Moments object without a \`covariance\`.`, arg, String(raw));
  } else raw = input;
  let m: Matrix;
  if (policy === 'risk-parity') {
    m = toMatrix(raw, fn, arg);
    checkSquare(fn, arg, m);
  } else m = trusted ? (raw as Matrix) : toSymmetricMatrix(fn, arg, raw);
  const n = m.rows;
  if (isMomentsLike(input)) {
    assets = readAssets(fn, arg, (input as { assets?: unknown }).assets, n);
    const v = (input as { mu?: unknown }).mu;
    if (v !== undefined && v !== null) mu = toVector(v as VectorLike, fn, `${arg}.mu`);
  }
  if (expect !== undefined && n !== expect.n) throw new DimensionError(expect.message(m.rows, m.cols));
  let data = matrixData(m);
  if (policy === 'optimize') data = optimizeChecks(fn, arg, data, n, trusted);
  else if (policy === 'risk-parity') riskParityChecks(fn, arg, m, data, n, trusted);
  else if (policy === 'risk' && !trusted) checkPositiveSemidefinite(fn, arg, data, n);
  return { n, matrix: m, data, assets, mu };
}

function optimizeChecks(fn: string, arg: string, d: Float64Array, nn: number, trusted: boolean): Float64Array {
  // exact symmetry (within toSymmetricMatrix's tolerance the input may differ by rounding)
  const S = new Float64Array(nn * nn);
  for (let i = 0; i < nn; i++) {
    S[i * nn + i] = d[i * nn + i];
    for (let j = i + 1; j < nn; j++) {
      const v = 0.5 * (d[i * nn + j] + d[j * nn + i]);
      S[i * nn + j] = v;
      S[j * nn + i] = v;
    }
  }
  for (let i = 0; i < nn; i++) {
    if (!(S[i * nn + i] >= 0)) {
      throw new InvalidArgumentError(`${fn}: \`${arg}\` must be positive semidefinite, but diagonal entry ${i} is ${S[i * nn + i]}.`, arg, S[i * nn + i]);
    }
  }
  let scale = 0;
  for (let k = 0; k < S.length; k++) scale = Math.max(scale, Math.abs(S[k]));
  if (scale > 1e150) {
    // wᵀΣw and the solver's products would overflow to Infinity / NaN
    throw new InvalidArgumentError(
      `${fn}: \`${arg}\` holds an entry of magnitude ${scale}; above 1e150 the arithmetic overflows double precision (covariances are expected per period, as fractions squared).`,
      arg,
      scale,
    );
  }
  if (!trusted) checkPositiveSemidefinite(fn, arg, S, nn);
  return S;
}

function riskParityChecks(fn: string, arg: string, m: Matrix, data: Float64Array, n: number, trusted: boolean): void {
  // One tiled pass screens for everything below (symmetry to 1e-10 of the largest entry, see
  // toSymmetricMatrix, and the 2 x 2 minors); only when it finds a suspect do the exact checks
  // run, in their usual order and with their usual messages. A built Moments passed them all.
  const suspect = !trusted && (n === 0 || suspectCovariance(data, n));
  if (suspect) toSymmetricMatrix(fn, arg, m);
  for (let i = 0; i < n; i++) {
    const v = data[i * n + i];
    if (!(v > 0)) {
      throw new NotPositiveDefiniteError(`${fn}: \`${arg}\` must have a positive diagonal (variances), but entry (${i}, ${i}) is ${v}.`, i, v);
    }
  }
  // Every 2 x 2 principal minor of a PSD matrix is ≥ 0, i.e. |Σ_ij| ≤ sqrt(Σ_ii Σ_jj) (correlations
  // in [−1, 1]). O(n²), so it runs always (inside the screen); it catches the usual broken input
  // (a correlation above one), not every indefinite matrix.
  for (let i = 1; suspect && i < n; i++) {
    const row = i * n;
    const sii = data[row + i];
    for (let j = 0; j < i; j++) {
      const sij = data[row + j];
      const sjj = data[j * n + j];
      if (sij * sij > sii * sjj * (1 + 1e-10)) {
        const rho = sij / Math.sqrt(sii * sjj);
        throw new NotPositiveDefiniteError(
          `${fn}: \`${arg}\` is not positive semi-definite: entries (${j}, ${i}) imply a correlation of ${rho} between assets ${j} and ${i}, outside [−1, 1].`,
          i,
          sii * sjj - sij * sij,
        );
      }
    }
  }
}

/**
 * Screen of the `'risk-parity'` policy: true when the matrix might be asymmetric (largest
 * |a_ij − a_ji| above 1e-10 of the largest upper-triangle entry, which is at most the largest
 * entry) or might have a negative 2 x 2 minor or a non-positive diagonal. False proves none of these.
 */
function suspectCovariance(d: Float64Array, n: number): boolean {
  for (let i = 0; i < n; i++) {
    const v = d[i * n + i];
    if (!(v > 0)) return true;
  }
  const { su, worst, minor } = symmetryScan(d, n);
  return minor || worst > 1e-10 * su;
}

/**
 * Options with the labels of a `Moments` filled in: `assets` from the `Moments` unless the
 * caller gave it, in which case both must agree. @internal
 */
export function withMomentsAssets<T extends { assets?: unknown }>(fn: string, opts: T, assets: readonly string[] | null): T {
  if (assets === null) return opts;
  if (opts.assets === undefined) return { ...opts, assets };
  const given = opts.assets as unknown;
  if (!Array.isArray(given) || given.length !== assets.length || given.some((a, i) => a !== assets[i])) {
    throw new InvalidArgumentError(
      `${fn}: \`assets\` must match the assets of the Moments (${assets.join(', ')}), got ${Array.isArray(given) ? given.join(', ') : String(given)}.`,
      'assets',
      'mismatch',
    );
  }
  return opts;
}

/**
 * Split the arguments of a function that takes `(mu, cov, ...rest)` and also `(moments, ...rest)`:
 * with a `Moments` first, its `mu` (required) and the `Moments` itself (as `cov`) are used. @internal
 */
export function momentsArguments(fn: string, args: readonly unknown[]): { mu: VectorLike; cov: MatrixLike | Moments; rest: unknown[] } {
  const first = args[0];
  if (isMomentsLike(first)) {
    const mu = (first as { mu?: unknown }).mu;
    if (mu === undefined || mu === null) {
      throw new InvalidArgumentError(
        `${fn}: the Moments passed first has no \`mu\`; build it with a \`mean\` estimator or pass expected returns first: ${fn}(mu, moments, ...).`,
        'mu',
        'undefined',
      );
    }
    return { mu: mu as VectorLike, cov: first, rest: args.slice(1) };
  }
  return { mu: first as VectorLike, cov: args[1] as MatrixLike | Moments, rest: args.slice(2) };
}
