/**
 * Performance attribution: the Brinson family (Brinson–Fachler, Brinson–Hood–Beebower) at segment or
 * security level, multi-level top-down attribution, multi-period linking (Cariño, Menchero, GRAP,
 * Frongello, Davies–Laker), geometric attribution (single- and multi-period), factor attribution and risk (tracking-error)
 * attribution.
 *
 * @module
 */
export {
  brinsonFachler,
  brinsonHoodBeebower,
  type BrinsonInput,
  type BrinsonOptions,
  type BrinsonResult,
  type BrinsonSegment,
  type SegmentFigures,
} from './brinson.ts';
export {
  linkAttribution,
  type LinkingMethod,
  type LinkablePeriod,
  type LinkAttributionOptions,
  type LinkedAttribution,
  type LinkedEffects,
} from './link-attribution.ts';
export { geometricAttribution, type GeometricAttributionOptions, type GeometricAttributionResult } from './geometric-attribution.ts';
export {
  multiPeriodGeometricAttribution,
  type GeometricSegmentEffects,
  type MultiPeriodGeometricAttributionResult,
} from './multi-period-geometric-attribution.ts';
export {
  multiLevelAttribution,
  type MultiLevelInput,
  type MultiLevelOptions,
  type MultiLevelNode,
  type MultiLevelResult,
} from './multi-level-attribution.ts';
export { factorAttribution, type FactorAttributionOptions, type FactorAttributionResult, type FactorFigures } from './factor-attribution.ts';
export { riskAttribution, type RiskAttributionOptions, type RiskAttributionResult } from './risk-attribution.ts';
export {
  currencyAttribution,
  type CurrencyAttributionInput,
  type CurrencyAttributionOptions,
  type CurrencyAttributionResult,
} from './currency-attribution.ts';
