export * from './value-at-risk.ts';
