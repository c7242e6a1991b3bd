/**
 * ewmaCovariance's size caps (assets, periods, periods x assets). The caps themselves are large
 * (20,000 assets, 10,000,000 periods, 50,000,000 entries); to test each one without allocating
 * gigabytes, core/limits is mocked with small caps (3 assets, 10 periods, 20 entries) and the
 * check is shown to fire on the matching input, in both the batch and the `prior` (update) paths.
 */
import { describe, expect, it, vi } from 'vitest';

vi.mock('../../src/core/limits.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/core/limits.ts')>();
  return { ...actual, SIZE_CAPS: Object.freeze({ ...actual.SIZE_CAPS, assets: 3, periods: 10, entries: 20 }) };
});

const { ewmaCovariance } = await import('../../src/covariance/index.ts');
const { SizeLimitError } = await import('../../src/core/errors.ts');

const rows = (T: number, n: number): number[][] =>
  Array.from({ length: T }, (_, t) => Array.from({ length: n }, (_, j) => ((t * 7 + j * 3) % 11) / 1000 - 0.005));

describe('ewmaCovariance size caps', () => {
  it('assets: 4 assets above a cap of 3 throw SizeLimitError naming the cap', () => {
    expect(() => ewmaCovariance(rows(5, 4))).toThrow(SizeLimitError);
    expect(() => ewmaCovariance(rows(5, 4))).toThrow(/`returns \(assets\)` is 4, above the size cap of 3/);
    expect(ewmaCovariance(rows(5, 3)).covariance.rows).toBe(3);
  });
  it('periods: 11 periods above a cap of 10', () => {
    expect(() => ewmaCovariance(rows(11, 1))).toThrow(/`returns \(periods\)` is 11, above the size cap of 10/);
  });
  it('periods x assets: 7 x 3 = 21 entries above a cap of 20, also when updating a prior', () => {
    expect(() => ewmaCovariance(rows(7, 3))).toThrow(/`returns \(periods x assets\)` is 21, above the size cap of 20/);
    const prior = ewmaCovariance(rows(5, 3), { lambda: 0.9 });
    expect(() => ewmaCovariance(rows(7, 3), { lambda: 0.9, prior })).toThrow(SizeLimitError);
    expect(ewmaCovariance(rows(6, 3), { lambda: 0.9, prior }).observations).toBe(11);
  });
});
