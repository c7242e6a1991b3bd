export { solveQP, type QPProblem, type QPResult, type QPActiveSet, type QPActiveConstraint, type SolveQPOptions } from './solve-qp.ts';
export type { PortfolioConstraints, PortfolioGroup, PortfolioLinearConstraint, PortfolioResult } from './portfolio-constraints.ts';
export { minVariance, type MinVarianceOptions } from './min-variance.ts';
export { maxSharpe, type MaxSharpeOptions } from './max-sharpe.ts';
export { efficientReturn, type EfficientReturnOptions } from './efficient-return.ts';
export { efficientRisk, type EfficientRiskOptions } from './efficient-risk.ts';
export { maxQuadraticUtility, type MaxQuadraticUtilityOptions } from './max-quadratic-utility.ts';
export { portfolioPerformance, type PortfolioPerformance } from './portfolio-performance.ts';
export { efficientFrontier, type EfficientFrontierOptions, type EfficientFrontierResult, type FrontierPoint } from './efficient-frontier.ts';
