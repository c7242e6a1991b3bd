/**
 * Internal: the input plumbing shared by `sampleCovariance` and `sampleCorrelation` — reading
 * the returns and the `ddof`, `minPeriods` and `assets` options for the whole-row path
 * (`missing: 'error' | 'drop'`) and for the pairwise path, where it also runs the pairwise kernel.
 *
 * @module
 * @internal
 */
import { InvalidArgumentError } from '../core/errors.ts';
import type { MatrixLike } from '../core/matrix.ts';
import { resolveAssets, type TableLike } from '../core/table.ts';
import { checkInteger } from '../core/validate.ts';
import { readGappedReturns } from './gapped-returns.ts';
import { readReturns } from './gram-kernel.ts';
import { pairwiseMoments } from './pairwise-kernel.ts';
import { readPairwiseOptions } from './pairwise-report.ts';

/** The options both estimators read here. */
interface SampleOptions {
  ddof?: number;
  assets?: readonly string[];
  minPeriods?: number;
  assumeReturns?: boolean;
}

/**
 * Whole rows: the T x n returns (incomplete rows dropped with `missing: 'drop'`), `ddof` (default
 * 1, below T) and the labels; `minPeriods` is refused.
 */
export function readSampleRows(
  fn: string,
  returns: MatrixLike | TableLike,
  opts: SampleOptions,
  missing: 'error' | 'drop',
): { data: Float64Array; T: number; n: number; ddof: number; assets: string[] | undefined } {
  readPairwiseOptions(fn, opts, false, 0);
  const { data, T, n } = readReturns(fn, returns, 'returns', { missing, assumeReturns: opts.assumeReturns });
  const ddof = opts.ddof === undefined ? 1 : checkInteger(fn, 'ddof', opts.ddof, 0);
  if (ddof >= T) throw new InvalidArgumentError(`${fn}: \`ddof\` (${ddof}) must be below the number of periods (${T}).`, 'ddof', ddof);
  const assets = resolveAssets(fn, opts.assets, returns, n);
  return { data, T, n, ddof, assets };
}

/** Pairwise: read the gapped returns and options and run the pairwise kernel (covariance, and correlation when asked). */
export function pairwiseSample(fn: string, returns: MatrixLike | TableLike, opts: SampleOptions, correlation: boolean) {
  const { data, T, n } = readGappedReturns(fn, 'returns', returns, { minRows: 2, assumeReturns: opts.assumeReturns });
  const ddof = opts.ddof === undefined ? 1 : checkInteger(fn, 'ddof', opts.ddof, 0, T - 1);
  const { minPeriods } = readPairwiseOptions(fn, opts, true, ddof);
  const assets = resolveAssets(fn, opts.assets, returns, n);
  const pw = pairwiseMoments(fn, data, T, n, { ddof, minPeriods, labels: assets, correlation });
  return { pw, T, n, ddof, assets };
}
