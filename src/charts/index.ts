export {
  efficientFrontierChart,
  type EfficientFrontierChartData,
  type EfficientFrontierChartOptions,
  type RiskReturnPoint,
  type LabelledPoint,
} from './efficient-frontier-chart.ts';
export { weightsChart, type WeightsChartData, type WeightsChartOptions } from './weights-chart.ts';
export { riskContributionChart, type RiskContributionChartData } from './risk-contribution-chart.ts';
export { drawdownChart, type DrawdownChartData } from './drawdown-chart.ts';
export { attributionChart, type AttributionChartData, type AttributionSegment } from './attribution-chart.ts';
export { correlationHeatmap, type CorrelationHeatmapOptions } from './correlation-heatmap.ts';
export type { ChartOptions } from './svg.ts';
