export { solveQP, type QPProblem, type QPResult, type QPActiveSet, type QPActiveConstraint, type SolveQPOptions } from './solve-qp.ts';
export type { PortfolioConstraints, PortfolioGroup, PortfolioLinearConstraint, PortfolioResult } from './portfolio-constraints.ts';
export { minVariance, type MinVarianceOptions } from './min-variance.ts';
