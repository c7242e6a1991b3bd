/**
 * xirr / moneyWeightedReturn size cap: at most SIZE_CAPS.periods (10,000,000) cash flows, checked
 * before the flows are read (a sparse array or an array-like reports its length without allocating).
 */
import { describe, expect, it } from 'vitest';
import { SIZE_CAPS, SizeLimitError } from '../../src/core/index.ts';
import { moneyWeightedReturn, xirr } from '../../src/performance/index.ts';

describe('xirr and moneyWeightedReturn size cap', () => {
  it('xirr refuses 10,000,001 dated flows at once', () => {
    const flows = new Array(SIZE_CAPS.periods + 1);
    expect(() => xirr(flows)).toThrow(SizeLimitError);
    expect(() => xirr(flows)).toThrow(/`datedCashFlows` is 10000001, above the size cap of 10000000/);
  });
  it('moneyWeightedReturn refuses 10,000,001 flows at once', () => {
    const flows = { length: SIZE_CAPS.periods + 1 } as ArrayLike<number>;
    expect(() => moneyWeightedReturn(flows)).toThrow(SizeLimitError);
    expect(() => moneyWeightedReturn(flows)).toThrow(/`cashFlows` is 10000001, above the size cap of 10000000/);
  });
});
