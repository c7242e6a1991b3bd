export { simpleReturns, type PriceReturnsOptions } from './simple-returns.ts';
export { logReturns } from './log-returns.ts';
export { cumulativeReturns, type CumulativeReturnsOptions } from './cumulative-returns.ts';
export { portfolioReturns, type PortfolioReturnsOptions, type PortfolioRebalancing } from './portfolio-returns.ts';
export { annualizeReturn, type AnnualizeReturnOptions, type AnnualizeCompounding } from './annualize-return.ts';
export { annualizeVolatility, type AnnualizeVolatilityOptions } from './annualize-volatility.ts';
export { annualizeCovariance, type AnnualizeCovarianceOptions } from './annualize-covariance.ts';
export type { SeriesInput, SeriesMatrixInput, MissingValuePolicy } from './price-input.ts';
