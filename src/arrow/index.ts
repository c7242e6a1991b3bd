export { fromArrow, type FromArrowOptions } from './from-arrow.ts';
export { toArrow, type ToArrowOptions } from './to-arrow.ts';
