/**
 * quantivista: portfolio mathematics in pure TypeScript. The root entry re-exports every domain;
 * import a subpath (`quantivista/covariance`, ...) to pull in only one.
 *
 * @module
 */
export * from './core/index.ts';
export * from './data/index.ts';
export * from './returns/index.ts';
export * from './covariance/index.ts';
export * from './expected-returns/index.ts';
export * from './optimize/index.ts';
export * from './black-litterman/index.ts';
export * from './risk-parity/index.ts';
export * from './risk/index.ts';
export * from './performance/index.ts';
export * from './attribution/index.ts';
export * from './tax-lots/index.ts';
export * from './rebalance/index.ts';
export * from './compliance/index.ts';
export * from './charts/index.ts';
