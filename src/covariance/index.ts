export * from './sample-covariance.ts';
export * from './ledoit-wolf.ts';
export * from './oracle-approximating-shrinkage.ts';
export * from './shrunk-covariance.ts';
