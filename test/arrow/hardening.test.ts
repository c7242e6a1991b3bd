/** Regression tests for the arrow fuzz findings of the hardening campaign (2026-12-08). */
import { describe, expect, it } from 'vitest';
import { DimensionError } from '../../src/core/errors.ts';
import { toArrow } from '../../src/arrow/index.ts';

describe('arrow hardening', () => {
  it('toArrow refuses 100,000 value rows for 2 dates at once, before copying them (hang before)', () => {
    const values = Array.from({ length: 100_000 }, (_, i) => (i % 2 ? [0.01, null] : [-0.02, 0.005]));
    expect(() => toArrow({ kind: 'returns', dates: ['2024-01-02', '2024-01-03'], assets: ['AAA', 'BBB'], values })).toThrow(DimensionError);
    expect(() => toArrow({ kind: 'returns', dates: ['2024-01-02', '2024-01-03'], assets: ['AAA', 'BBB'], values })).toThrow(
      'toArrow: `dates` must have 100000 dates (one per row), got 2.',
    );
  });
});
