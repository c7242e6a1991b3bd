/**
 * Internal: eigenvalues (without eigenvectors) of a symmetric matrix on flat buffers, for the
 * `minEigenvalue` that the pairwise estimators report. Householder reduction to tridiagonal form
 * followed by the implicit QL iteration (EISPACK tred1 / tql1; Press et al., Numerical Recipes,
 * 3rd ed., §11.3-11.4), about (2/3) n³ multiply-adds with every inner loop over contiguous
 * memory; the tridiagonaliser and QL loop are those of the eigenvector path (core/symmetric-eigen.ts),
 * so the eigenvalues have the same bits.
 *
 * @module
 * @internal
 */
import { eigenvaluesKernel } from '../core/symmetric-eigen.ts';

/** Ascending eigenvalues of the symmetric n x n row-major buffer `a` (not modified). Size cap: n ≤ SIZE_CAPS.denseAssets. @internal */
export function symmetricEigenvalues(a: Float64Array, n: number, fn?: string): Float64Array {
  return eigenvaluesKernel(a, n, fn);
}
