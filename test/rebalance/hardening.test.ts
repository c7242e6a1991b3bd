/**
 * Regression tests for the rebalancing items of the hardening campaign: missing arguments are
 * typed errors, not TypeErrors.
 */
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/core/errors.ts';
import { rebalanceCostBenefit, rebalanceSignal } from '../../src/rebalance/index.ts';

describe('rebalance hardening', () => {
  it('rebalanceCostBenefit() is a typed error (was a TypeError)', () => {
    expect(() => (rebalanceCostBenefit as (x?: unknown) => unknown)()).toThrow(InvalidArgumentError);
    expect(() => rebalanceCostBenefit(null as never)).toThrow(InvalidArgumentError);
  });
  it('rebalanceSignal() is a typed error (was a TypeError)', () => {
    expect(() => (rebalanceSignal as (x?: unknown) => unknown)()).toThrow(InvalidArgumentError);
    expect(() => rebalanceSignal(42 as never)).toThrow(InvalidArgumentError);
  });
});
