export * from './errors.ts';
export {
  Matrix,
  toMatrix,
  toVector,
  type MatrixLike,
  type VectorLike,
  type MatrixConvertible,
  type ToMatrixOptions,
  type ClonedMatrix,
  type TableShape,
} from './matrix.ts';
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
export { nearestKey } from './options.ts';
export { readInput, readBoxBounds, type BoxBounds } from './read-input.ts';
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
export {
  readHoldings,
  isHoldings,
  readOrder,
  exactProduct,
  type ReadOrder,
  type Holdings,
  type HoldingsPosition,
  type HeldPosition,
  type ReadHoldings,
  type ReadHoldingsOptions,
  type Order,
  type OrderLot,
  type ExactAmount,
  type DecimalInput,
} from './holdings.ts';
export type { Moments } from './covariance-reader.ts';
export { SIZE_CAPS, checkSizeCap } from './limits.ts';
