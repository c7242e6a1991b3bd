/** Regression tests for the compliance fuzz findings of the hardening campaign (2026-12-08). */
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, SizeLimitError } from '../../src/core/errors.ts';
import { checkCompliance, preTradeCheck } from '../../src/compliance/index.ts';

describe('compliance hardening', () => {
  it('preTradeCheck with a quantity of 1e308 throws a typed overflow error (NaN `measured` before)', () => {
    const pf = {
      cash: 100,
      positions: [
        { asset: 'AAA', quantity: 1e308, price: 40 },
        { asset: 'BBB', quantity: 5, price: 100 },
      ],
    };
    expect(() => preTradeCheck(pf as never, [{ asset: 'AAA', side: 'sell', quantity: '5', price: 40 }] as never, [{ type: 'max-weight', limit: 0.5 }])).toThrow(
      /market value of AAA overflows/,
    );
    expect(() => checkCompliance(pf as never, [{ type: 'max-weight', limit: 0.5 }])).toThrow(InvalidArgumentError);
  });
  it('refuses 100,000 positions, rules or trades at once (hang before)', () => {
    const rule = { type: 'max-weight' as const, limit: 0.5 };
    const pos = Array.from({ length: 100_000 }, (_, i) => ({ asset: `A${i}`, marketValue: 100 }));
    expect(() => checkCompliance({ positions: pos }, [rule])).toThrow(SizeLimitError);
    const small = {
      positions: [
        { asset: 'AAA', marketValue: 40 },
        { asset: 'BBB', marketValue: 40 },
      ],
      cash: 20,
    };
    expect(() =>
      preTradeCheck(
        small,
        [{ asset: 'AAA', value: 15 }],
        Array.from({ length: 100_000 }, () => rule),
      ),
    ).toThrow(SizeLimitError);
    expect(() =>
      preTradeCheck(
        small,
        Array.from({ length: 100_000 }, () => ({ asset: 'AAA', value: 0.001 })),
        [rule],
      ),
    ).toThrow(SizeLimitError);
  });
  it('caps the rule-position evaluations at 200,000', () => {
    const rules = Array.from({ length: 11 }, () => ({ type: 'max-weight' as const, limit: 0.5 }));
    const positions = Array.from({ length: 20_000 }, (_, i) => ({ asset: `A${i}`, marketValue: 100 }));
    expect(() => checkCompliance({ positions }, rules)).toThrow(SizeLimitError);
    expect(checkCompliance({ positions: positions.slice(0, 100) }, rules).compliant).toBe(true);
  });
});
