/**
 * Internal: the options and the report shared by the pairwise estimators (`minPeriods` and the
 * positive-semidefiniteness verdict). Repairing is left to the caller (`nearestPositiveDefinite`,
 * `nearestCorrelation`), so that the estimators do not carry an eigendecomposition.
 *
 * @module
 * @internal
 */
import { InvalidArgumentError } from '../core/errors.ts';
import type { Matrix } from '../core/matrix.ts';
import { checkInteger } from '../core/validate.ts';
import { symmetricEigenvalues } from './eigenvalues-kernel.ts';
import { isPositiveSemidefinite } from './pairwise-kernel.ts';

/** The pairwise-only fields of a result (present with `missing: 'pairwise'`). */
export interface PairwiseReport {
  /** n x n: how many periods each pair (i, j) has in common; the diagonal counts each asset's own observations. */
  pairCounts?: Matrix;
  /** The smallest entry of `pairCounts`. */
  minPairCount?: number;
  /**
   * Whether the pairwise estimate is positive semidefinite up to rounding (a pivoted Cholesky
   * test with tolerance 1e-10 of the largest diagonal entry). A pairwise estimate need not be:
   * each entry comes from different periods. It is returned as estimated, never silently
   * repaired: pass it to `nearestPositiveDefinite` (a covariance) or `nearestCorrelation` (a
   * correlation) when an optimiser needs a positive semidefinite matrix.
   */
  psd?: boolean;
  /** Smallest eigenvalue of the pairwise estimate, reported when `psd` is false. */
  minEigenvalue?: number;
}

/**
 * Read `minPeriods` (integer ≥ 2 and > ddof, default max(2, ddof + 1)); it applies only to
 * `missing: 'pairwise'`. @internal
 */
export function readPairwiseOptions(fn: string, opts: { minPeriods?: unknown }, pairwise: boolean, ddof: number): { minPeriods: number } {
  if (!pairwise) {
    if (opts.minPeriods !== undefined) {
      throw new InvalidArgumentError(`${fn}: option \`minPeriods\` applies only to \`missing: 'pairwise'\`.`, 'minPeriods', String(opts.minPeriods));
    }
    return { minPeriods: 2 };
  }
  const minPeriods = opts.minPeriods === undefined ? Math.max(2, ddof + 1) : checkInteger(fn, 'minPeriods', opts.minPeriods, Math.max(2, ddof + 1));
  return { minPeriods };
}

/**
 * Test a pairwise estimate for positive semidefiniteness; when it fails, report its smallest
 * eigenvalue (eigenvalues only, no eigenvectors). The matrix itself is returned unchanged. @internal
 */
export function psdReport(a: Float64Array, n: number): PairwiseReport {
  if (isPositiveSemidefinite(a, n)) return { psd: true };
  return { psd: false, minEigenvalue: symmetricEigenvalues(a, n)[0] };
}
