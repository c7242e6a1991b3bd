import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/core/errors.ts';
import { readHoldings } from '../../src/core/holdings.ts';
import { parseDecimal, parsedToString } from '../../src/core/parse-decimal.ts';
import { rebalanceTrades } from '../../src/rebalance/index.ts';
import { expectTypedError } from '../helpers.ts';

// Holdings (read by rebalanceTrades, preTradeCheck, checkCompliance) and the tax-lot domain share
// one decimal parser, core/parse-decimal.ts.
const mv = (v: string | number): string =>
  readHoldings('t', 'h', { positions: [{ asset: 'A', marketValue: v }], cash: 1e6 }).positions[0]!.marketValue!.decimal;

describe('Holdings decimals: the one parser', () => {
  it('reads strings exactly as the tax-lot parser does', () => {
    const cases = ['12.50', ' 007.0100 ', '+3', '-2.5', '.5', '5.', '1e3', '1.5E-3', '-0', '-.25e2', `0.${'0'.repeat(99)}1`, `9${'0'.repeat(99)}`];
    for (const s of cases) expect(mv(s), s).toBe(parsedToString(parseDecimal('t', 'x', s, 'any')));
    // hand-checked forms
    expect(cases.map(mv).slice(0, 10)).toEqual(['12.5', '7.01', '3', '-2.5', '0.5', '5', '1000', '0.0015', '0', '-25']);
  });

  it('reads numbers through their shortest form, at any magnitude', () => {
    expect(mv(0.1)).toBe('0.1');
    expect(mv(1e-7)).toBe('0.0000001');
    expect(mv(1e120)).toBe(`1${'0'.repeat(120)}`);
  });

  it('rejects a long digit run in linear time (the old pattern backtracked quadratically)', () => {
    for (const s of [`${'1'.repeat(200_000)}x`, `${'1'.repeat(100_000)}.${'1'.repeat(100_000)}e`]) {
      expectTypedError(() => mv(s), InvalidArgumentError, /must be a finite number or decimal string/);
    }
    expectTypedError(() => mv('1'.repeat(200_000)), InvalidArgumentError, /at most 100 digits/);
  });

  it('keeps the Holdings reading of out-of-range exponents: too wide, or 0 for a zero mantissa', () => {
    expectTypedError(() => mv('1e-9999999'), InvalidArgumentError, /at most 100 digits/);
    expectTypedError(() => mv('2.5e5000000'), InvalidArgumentError, /at most 100 digits/);
    expect(mv('0e999999')).toBe('0');
    expectTypedError(() => mv('1e99999999'), InvalidArgumentError, /must be a finite number or decimal string/);
    expectTypedError(
      () => readHoldings('t', 'h', { positions: [{ asset: 'A', quantity: 1, price: '0.0e-999999' }] }),
      InvalidArgumentError,
      /price` must be positive/,
    );
  });

  it('rebalanceTrades reads decimal-string Holdings exactly', () => {
    const r = rebalanceTrades({ holdings: { cash: '0.30', positions: [{ asset: 'A', quantity: '3', price: '0.1' }] }, target: { A: 1 } });
    // V = 3 × 0.1 + 0.30 = 0.6 exactly: buy 3 more shares at 0.1
    expect(r.totalValue.decimal).toBe('0.6');
    expect(r.orders.map((o) => `${o.side} ${o.quantity}`)).toEqual(['buy 3']);
  });
});
