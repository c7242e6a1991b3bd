export * from './errors.ts';
export { Matrix, toMatrix, toVector, type MatrixLike, type VectorLike, type MatrixConvertible, type ToMatrixOptions, type ClonedMatrix, type TableShape } from './matrix.ts';
export { readTable, isTableLike, type Table, type TableKind, type PriceTable, type ReturnTable, type TableLike } from './table.ts';
export {
  checkOptions,
  checkFinite,
  checkInteger,
  checkRange,
  checkConfidence,
  checkOneOf,
  checkSquare,
  checkLength,
  toSymmetricMatrix,
  toReturnsMatrix,
  type RangeSpec,
  type ReturnsMatrixOptions,
} from './validate.ts';
export { cholesky, solveTriangular, solveSPD, symmetricEigen, conditionNumber, type SymmetricEigenResult } from './linalg.ts';
export {
  sum,
  mean,
  variance,
  standardDeviation,
  skewness,
  kurtosis,
  quantile,
  QUANTILE_METHODS,
  type VarianceOptions,
  type MomentOptions,
  type QuantileMethod,
  type QuantileOptions,
} from './stats.ts';
export { randomStream, multivariateNormal, MAX_SAMPLE_ENTRIES, type RandomStream, type Seed, type MultivariateNormalOptions } from './random.ts';
export {
  logGamma,
  regularizedGammaP,
  regularizedGammaQ,
  regularizedIncompleteBeta,
  normalCdf,
  normalPdf,
  normalQuantile,
  studentTCdf,
  studentTPdf,
  studentTQuantile,
  chiSquaredCdf,
  chiSquaredSurvival,
  binomialCdf,
} from './distributions.ts';
export {
  isIsoDate,
  checkIsoDate,
  isoToDayNumber,
  isoFromDayNumber,
  isoAddDays,
  isoAddMonths,
  isoAddYears,
  isoCompare,
  isoDaysBetween,
  type IsoAddOptions,
} from './dates.ts';
