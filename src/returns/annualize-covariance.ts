import { InvalidArgumentError } from '../core/errors.ts';
import { matrixData, wrapMatrix, type Matrix, type MatrixLike } from '../core/matrix.ts';
import { checkOptions, toSymmetricMatrix } from '../core/validate.ts';
import { checkPeriodsPerYear } from './annualize-return.ts';

/** Options of {@link annualizeCovariance}. */
export interface AnnualizeCovarianceOptions {
  /** Periods per year of the input (252 daily, 52 weekly, 12 monthly). Required, > 0. */
  periodsPerYear: number;
}

/**
 * Annualise a per-period covariance matrix: Σ · ppy (variances and covariances scale linearly
 * with time for independent returns; correlations are unchanged).
 *
 * @param covariance a symmetric n x n per-period covariance (`number[][]`, `Matrix`, ml-matrix). Not modified.
 * @returns the annualised n x n `Matrix`.
 * @throws {InvalidArgumentError} on a non-finite entry, an annualised entry beyond the double range, an asymmetric matrix, a missing or
 *   non-positive `periodsPerYear`, an unknown option. @throws {DimensionError} when not square or empty.
 * @example
 * ```ts
 * import { annualizeCovariance } from 'quantivista/returns';
 * const c = annualizeCovariance([[0.0001, 0.00002], [0.00002, 0.0004]], { periodsPerYear: 250 });
 * console.log(c.toArray()); // [[0.025, 0.005], [0.005, 0.1]]
 * ```
 */
export function annualizeCovariance(covariance: MatrixLike, options: AnnualizeCovarianceOptions): Matrix {
  const fn = 'annualizeCovariance';
  const opts = checkOptions(fn, options, ['periodsPerYear']);
  const ppy = checkPeriodsPerYear(fn, opts.periodsPerYear);
  const m = toSymmetricMatrix(fn, 'covariance', covariance);
  const d = matrixData(m);
  const out = new Float64Array(d.length);
  for (let k = 0; k < d.length; k++) {
    out[k] = d[k] * ppy;
    if (!Number.isFinite(out[k])) {
      const i = Math.floor(k / m.cols);
      throw new InvalidArgumentError(
        `${fn}: entry [${i}][${k - i * m.cols}] of \`covariance\` (${d[k]}) times ${ppy} periods overflows double precision; check the units of the covariance.`,
        'covariance',
        d[k],
      );
    }
  }
  return wrapMatrix(m.rows, m.cols, out);
}
