/**
 * One option name per concept: Omega's threshold is `omegaThreshold` in `omegaRatio` and in
 * `performanceSummary`; `omegaRatio`'s former `threshold` still works (deprecated alias).
 * Hand computation: r = [0.02, −0.01, 0.03, −0.02], θ = 0.01: gains 0.01 + 0.02, losses 0.02 + 0.03, Ω = 0.6.
 */
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/core/index.ts';
import { omegaRatio, performanceSummary } from '../../src/performance/index.ts';

const r = [0.02, -0.01, 0.03, -0.02];

describe('omegaThreshold', () => {
  it('omegaRatio takes omegaThreshold, and the deprecated threshold gives the identical value', () => {
    expect(omegaRatio(r, { omegaThreshold: 0.01 })).toBeCloseTo(0.6, 14);
    expect(omegaRatio(r, { threshold: 0.01 })).toBe(omegaRatio(r, { omegaThreshold: 0.01 }));
    expect(performanceSummary(r, { omegaThreshold: 0.01 }).omegaRatio).toBe(omegaRatio(r, { omegaThreshold: 0.01 }));
  });
  it('both names at once, or a bad value, throw', () => {
    expect(() => omegaRatio(r, { omegaThreshold: 0.01, threshold: 0.01 })).toThrow(InvalidArgumentError);
    expect(() => omegaRatio(r, { omegaThreshold: 0.01, threshold: 0.01 })).toThrow(/not both/);
    expect(() => omegaRatio(r, { omegaThreshold: Number.NaN })).toThrow(/omegaThreshold/);
    expect(() => omegaRatio(r, { omegaTreshold: 0.01 } as never)).toThrow(/Did you mean `omegaThreshold`\?/);
  });
});
