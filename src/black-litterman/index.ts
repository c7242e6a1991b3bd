/**
 * Black–Litterman: market-implied returns and risk aversion, views, Ω, and the posterior.
 *
 * @module
 */
export { marketCapWeights } from './market-cap-weights.ts';
export { impliedRiskAversion, type ImpliedRiskAversionOptions } from './implied-risk-aversion.ts';
export { impliedReturns, type ImpliedReturnsOptions } from './implied-returns.ts';
export {
  viewsMatrix,
  type View,
  type AbsoluteView,
  type RelativeView,
  type AssetRef,
  type ViewsMatrixOptions,
  type ViewsMatrixResult,
} from './views-matrix.ts';
export { blackLittermanOmega, type BlackLittermanOmegaOptions, type OmegaMethod } from './black-litterman-omega.ts';
export { blackLitterman, type BlackLittermanInput, type BlackLittermanResult, type PickViews } from './black-litterman.ts';
