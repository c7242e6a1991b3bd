/**
 * One moments object: expected returns and a covariance from the existing estimators, checked
 * once and frozen.
 *
 * (It lives in `expected-returns`, which may import `covariance`; the reverse import is not
 * allowed by docs/architecture.md.)
 *
 * @module
 */
import { createMoments, type Moments } from '../core/covariance-reader.ts';
import { InvalidArgumentError } from '../core/errors.ts';
import type { Matrix, MatrixLike } from '../core/matrix.ts';
import type { TableLike } from '../core/table.ts';
import { checkFinite, checkOneOf, checkOptions } from '../core/validate.ts';
import { ewmaCovariance, type EwmaCovarianceOptions } from '../covariance/ewma-covariance.ts';
import { ledoitWolf, type LedoitWolfOptions } from '../covariance/ledoit-wolf.ts';
import { oracleApproximatingShrinkage, type OracleApproximatingShrinkageOptions } from '../covariance/oracle-approximating-shrinkage.ts';
import { sampleCovariance, type SampleCovarianceOptions } from '../covariance/sample-covariance.ts';
import { semicovariance, type SemicovarianceOptions } from '../covariance/semicovariance.ts';
import { shrunkCovariance, type ShrunkCovarianceOptions } from '../covariance/shrunk-covariance.ts';
import { capmReturn, type CapmReturnOptions } from './capm-return.ts';
import { emaHistoricalReturn, type EmaHistoricalReturnOptions } from './ema-historical-return.ts';
import { meanHistoricalReturn, type MeanHistoricalReturnOptions } from './mean-historical-return.ts';

export type { Moments } from '../core/covariance-reader.ts';

/** Covariance estimators of {@link moments}, each the function of `quantivista/covariance` named in its TSDoc. */
export type MomentsCovariance = 'sample' | 'ledoit-wolf' | 'oas' | 'shrunk' | 'ewma' | 'semicovariance';
/** Mean estimators of {@link moments}: `meanHistoricalReturn`, `emaHistoricalReturn`, `capmReturn`. */
export type MomentsMean = 'historical' | 'ema' | 'capm';

/** Options of {@link moments}. */
export interface MomentsOptions {
  /**
   * Covariance estimator (default `'sample'`): `'sample'` = sampleCovariance, `'ledoit-wolf'` =
   * ledoitWolf, `'oas'` = oracleApproximatingShrinkage, `'shrunk'` = shrunkCovariance, `'ewma'` =
   * ewmaCovariance, `'semicovariance'` = semicovariance.
   */
  covariance?: MomentsCovariance;
  /** Options passed unchanged to the covariance estimator (its own options; `assets` goes at the top level). */
  covarianceOptions?:
    | SampleCovarianceOptions
    | LedoitWolfOptions
    | OracleApproximatingShrinkageOptions
    | ShrunkCovarianceOptions
    | EwmaCovarianceOptions
    | SemicovarianceOptions;
  /** Mean estimator; without it the result has no `mu`. */
  mean?: MomentsMean;
  /** Options passed unchanged to the mean estimator (`span` or `halfLife` is required for `'ema'`). */
  meanOptions?: MeanHistoricalReturnOptions | EmaHistoricalReturnOptions | CapmReturnOptions;
  /** Market returns (length T, or a one-column table), required by `mean: 'capm'`. */
  marketReturns?: ArrayLike<number | null> | TableLike;
  /** Periods per year of the returns; recorded on the result for annualising (nothing is annualised). */
  periodsPerYear?: number;
  /** Asset labels for an unlabelled returns matrix (a table brings its own). */
  assets?: readonly string[];
}

type Estimated = { covariance: Matrix; observations: number; assets?: string[] };

function estimateCovariance(kind: MomentsCovariance, returns: MatrixLike | TableLike, o: Record<string, unknown>): Estimated {
  switch (kind) {
    case 'sample':
      return sampleCovariance(returns, o as SampleCovarianceOptions);
    case 'ledoit-wolf':
      return ledoitWolf(returns, o as LedoitWolfOptions);
    case 'oas':
      return oracleApproximatingShrinkage(returns, o as OracleApproximatingShrinkageOptions);
    case 'shrunk':
      return shrunkCovariance(returns, o as ShrunkCovarianceOptions);
    case 'ewma':
      return ewmaCovariance(returns, o as EwmaCovarianceOptions);
    case 'semicovariance':
      return semicovariance(returns, o as SemicovarianceOptions);
  }
}

function estimateMean(
  fn: string,
  kind: MomentsMean,
  returns: MatrixLike | TableLike,
  o: Record<string, unknown>,
  market: MomentsOptions['marketReturns'],
): number[] {
  if (kind === 'historical') return meanHistoricalReturn(returns, o as MeanHistoricalReturnOptions).expectedReturns;
  if (kind === 'ema') return emaHistoricalReturn(returns, o as EmaHistoricalReturnOptions).expectedReturns;
  if (market === undefined) throw new InvalidArgumentError(`${fn}: \`marketReturns\` is required by \`mean: 'capm'\`.`, 'marketReturns', 'undefined');
  return capmReturn(returns, market, o as CapmReturnOptions).expectedReturns;
}

function nested(fn: string, arg: string, v: unknown, assets: readonly string[] | undefined): Record<string, unknown> {
  if (v === undefined) return assets === undefined ? {} : { assets };
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new InvalidArgumentError(`${fn}: \`${arg}\` must be an options object.`, arg, typeof v);
  if ('assets' in v)
    throw new InvalidArgumentError(`${fn}: \`${arg}.assets\` is not allowed; give \`assets\` once, at the top level of the options.`, `${arg}.assets`, 'given');
  return assets === undefined ? { ...v } : { ...v, assets };
}

/**
 * Estimate the moments of a set of assets in one call and get them back as one frozen
 * {@link Moments}: the covariance from one of the covariance estimators and, when `mean` is
 * given, the expected returns from one of the mean estimators, each called exactly as if called
 * directly (the numbers are theirs, bit for bit). The covariance is then checked once (finite,
 * symmetric, positive semidefinite by pivoted Cholesky with tolerance 1e-10 · max diagonal) and
 * the object is frozen and marked as built by the library, so every optimiser, risk-parity,
 * Black-Litterman and risk function that takes `cov` accepts it and skips its own O(n³)
 * re-check; a lookalike object or a structured clone is accepted too, but fully checked.
 * Results of those functions are labelled with the `Moments`' assets (e.g. `weightsByAsset`).
 *
 * Units: per period of the returns (nothing is annualised; `periodsPerYear` is only recorded).
 * Missing data: as the chosen estimators' `missing` options say (`covarianceOptions.missing`,
 * `meanOptions.missing`).
 *
 * @param returns T x n returns (rows = periods, oldest first) or a ReturnTable (its assets label the result).
 * @param options `covariance` (default `'sample'`), `covarianceOptions`, `mean`, `meanOptions`,
 *   `marketReturns` (for `'capm'`), `periodsPerYear`, `assets`.
 * @returns a frozen `{ assets, mu?, covariance, periodsPerYear?, observations, estimator, meanEstimator? }`.
 * @throws {InvalidArgumentError} on an unknown estimator or option, `'capm'` without `marketReturns`,
 *   and whatever the estimators throw on their input.
 * @throws {NotPositiveDefiniteError} when the estimated covariance is indefinite beyond rounding.
 * @example
 * ```ts
 * import { moments } from 'quantivista/expected-returns';
 * import { minVariance } from 'quantivista/optimize';
 * const returns = { dates: ['2024-01-02', '2024-01-03', '2024-01-04'], assets: ['A', 'B'], values: [[0.01, 0.02], [-0.01, 0.0], [0.03, 0.01]] };
 * const m = moments(returns, { mean: 'historical' });
 * console.log(m.assets, m.mu, m.observations); // ["A", "B"] [0.01, 0.01] 3
 * console.log(m.covariance.toArray()); // [[0.0004, 0.0001], [0.0001, 0.0001]]
 * // Σ = 1e-4·[[4, 1], [1, 1]]: w_A = (1 − 1) / (4 + 1 − 2) = 0, so all in B
 * console.log(minVariance(m).weightsByAsset); // { A: 0, B: 1 }
 * ```
 */
export function moments(returns: MatrixLike | TableLike, options?: MomentsOptions): Moments {
  const fn = 'moments';
  const opts = checkOptions(fn, options, ['covariance', 'covarianceOptions', 'mean', 'meanOptions', 'marketReturns', 'periodsPerYear', 'assets']);
  const kind = checkOneOf(fn, 'covariance', opts.covariance ?? 'sample', ['sample', 'ledoit-wolf', 'oas', 'shrunk', 'ewma', 'semicovariance'] as const);
  const mean = opts.mean === undefined ? undefined : checkOneOf(fn, 'mean', opts.mean, ['historical', 'ema', 'capm'] as const);
  if (mean === undefined && opts.meanOptions !== undefined) throw new InvalidArgumentError(`${fn}: \`meanOptions\` needs \`mean\`.`, 'meanOptions', 'given');
  if (mean !== 'capm' && opts.marketReturns !== undefined)
    throw new InvalidArgumentError(`${fn}: \`marketReturns\` applies to \`mean: 'capm'\` only.`, 'marketReturns', 'given');
  let ppy: number | undefined;
  if (opts.periodsPerYear !== undefined) {
    ppy = checkFinite(fn, 'periodsPerYear', opts.periodsPerYear);
    if (!(ppy > 0)) throw new InvalidArgumentError(`${fn}: \`periodsPerYear\` must be positive, got ${ppy}.`, 'periodsPerYear', ppy);
  }
  const est = estimateCovariance(kind, returns, nested(fn, 'covarianceOptions', opts.covarianceOptions, opts.assets));
  const mu = mean === undefined ? undefined : estimateMean(fn, mean, returns, nested(fn, 'meanOptions', opts.meanOptions, opts.assets), opts.marketReturns);
  const fields: Parameters<typeof createMoments>[1] = {
    assets: est.assets ?? null,
    covariance: est.covariance,
    observations: est.observations,
    estimator: kind,
  };
  if (mu !== undefined && mean !== undefined) {
    fields.mu = mu;
    fields.meanEstimator = mean;
  }
  if (ppy !== undefined) fields.periodsPerYear = ppy;
  return createMoments(fn, fields);
}
