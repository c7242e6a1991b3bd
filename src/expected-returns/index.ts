export { meanHistoricalReturn, type MeanHistoricalReturnOptions, type MeanHistoricalReturnResult } from './mean-historical-return.ts';
export { emaHistoricalReturn, type EmaHistoricalReturnOptions, type EmaHistoricalReturnResult } from './ema-historical-return.ts';
export { capmReturn, type CapmReturnOptions, type CapmReturnResult } from './capm-return.ts';
export type { ExpectedReturnsResult, ExpectedReturnsMissing } from './labels.ts';
export { moments, type Moments, type MomentsOptions, type MomentsCovariance, type MomentsMean } from './moments.ts';
