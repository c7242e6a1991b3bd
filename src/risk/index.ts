export * from './value-at-risk.ts';
export * from './component-risk.ts';
export * from './incremental-var.ts';
export * from './monte-carlo-var.ts';
