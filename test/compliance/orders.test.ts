/**
 * Compliance on the one portfolio type and the one order type: Holdings (values or weights only),
 * orders as the trade generators emit them, and the regression of the UCITS aggregate check
 * keyed by its subject text. Expected values are computed by hand in the comments.
 */
import { describe, expect, it } from 'vitest';
import { checkCompliance, preTradeCheck, type ComplianceHoldings, type ComplianceRule } from '../../src/compliance/index.ts';
import { InvalidArgumentError } from '../../src/core/errors.ts';
import type { Holdings } from '../../src/core/holdings.ts';
import { deepFreeze, expectTypedError } from '../helpers.ts';

describe('preTradeCheck: checks are matched by identity, not subject text', () => {
  // NAV 100. Issuers above 5 %: A 8, B 9, C 9, D 9, E 8 → 43 % together, over the 40 % limit.
  const pf = deepFreeze({
    positions: [
      { asset: 'A', marketValue: 8 },
      { asset: 'B', marketValue: 9 },
      { asset: 'C', marketValue: 9 },
      { asset: 'D', marketValue: 9 },
      { asset: 'E', marketValue: 8 },
      { asset: 'G', marketValue: 4 },
    ],
    cash: 53,
  });
  const rules: ComplianceRule[] = [{ id: 'ucits', type: 'ucits-5-10-40' }];

  it('a UCITS 40 % breach present before and after a trade that adds an issuer above 5 % worsens (was: causes)', () => {
    // Buying 6 of F (a new issuer above 5 %): the aggregate goes 43 % → 49 %, and its subject
    // text changes from "(A, B, C, D, E)" to "(A, B, C, D, E, F)".
    const r = preTradeCheck(pf, [{ asset: 'F', value: 6 }], rules);
    expect(r.before.breaches.map((b) => b.subject)).toEqual(['issuers above 5% together (A, B, C, D, E)']);
    expect(r.after.breaches.map((b) => b.subject)).toEqual(['issuers above 5% together (A, B, C, D, E, F)']);
    expect(r.newBreaches).toEqual([]);
    expect(r.curedBreaches).toEqual([]);
    const agg = r.tradeEffects.filter((e) => e.subject.startsWith('issuers above'));
    expect(agg.map((e) => e.effect)).toEqual(['worsens']);
    expect(agg[0]!.headroomBefore).toBeCloseTo(0.4 - 0.43, 12);
    expect(agg[0]!.headroomAfter).toBeCloseTo(0.4 - 0.49, 12);
    expect(r.approved).toBe(false); // worsened
  });

  it('a trade that takes an issuer below 5 % improves the aggregate breach and is not counted as a cure', () => {
    // Selling 2 of B (9 → 7): 41 %, still breached → improves. Selling 4 of A (8 → 4, below 5 %):
    // the aggregate is B, C, D, E = 35 % → cured, though its subject text changed.
    const r = preTradeCheck(pf, [{ asset: 'B', value: -2 }], rules);
    const agg = r.tradeEffects.filter((e) => e.subject.startsWith('issuers above'));
    expect(agg.map((e) => e.effect)).toEqual(['improves']);
    expect(agg[0]!.headroomAfter).toBeCloseTo(0.4 - 0.41, 12);
    expect(r.approved).toBe(true);
    const cure = preTradeCheck(pf, [{ asset: 'A', value: -4 }], rules);
    expect(cure.tradeEffects.filter((e) => e.subject.startsWith('issuers above')).map((e) => e.effect)).toEqual(['cures']);
    expect(cure.curedBreaches.map((b) => b.subject)).toEqual(['issuers above 5% together (A, B, C, D, E)']);
  });
});

describe('checkCompliance / preTradeCheck on Holdings', () => {
  const rules: ComplianceRule[] = [
    { id: 'w35', type: 'max-weight', limit: 0.35 },
    { id: 'sector50', type: 'group-max', tag: 'sector', limit: 0.5 },
    { id: 'cash10', type: 'min-cash', limit: 0.1 },
    { id: 'pos2', type: 'max-positions', limit: 2 },
  ];
  const byWeight: Holdings = deepFreeze({
    positions: [
      { asset: 'AAA', weight: 0.3, sector: 'Energy' },
      { asset: 'BBB', weight: 0.25, sector: 'Energy' },
      { asset: 'CCC', weight: 0.4, sector: 'Tech', quantity: 1000, averageDailyVolume: 1000 },
    ],
  });

  it('weight-only holdings: weight rules work (NAV 1, cash 1 − Σ weights)', () => {
    const r = checkCompliance(byWeight, rules);
    expect(r.nav).toBe(1);
    // CCC 0.4 > 0.35; Energy 0.3 + 0.25 = 0.55 > 0.5; cash 1 − 0.95 = 0.05 < 0.1; 3 positions > 2
    expect(r.breaches.map((b) => `${b.ruleId} ${b.subject}`)).toEqual([
      'w35 weight of CCC',
      'sector50 sector Energy',
      'cash10 cash / NAV',
      'pos2 number of positions',
    ]);
    expect(r.breaches[0]!.headroom).toBeCloseTo(-0.05, 15);
    expect(r.breaches[1]!.measured).toBeCloseTo(0.55, 15);
    expect(r.breaches[2]!.measured).toBeCloseTo(0.05, 15);
  });

  it('weight-only holdings: a rule that needs quantities refuses, naming the rule', () => {
    expectTypedError(
      () => checkCompliance(byWeight, [{ id: 'liq', type: 'liquidity', maxDays: 3 }]),
      InvalidArgumentError,
      /rule 'liq' \(liquidity\) needs position values \(the quantity of AAA\).*by weight only/,
    );
    const withVoting: ComplianceHoldings = { positions: [{ asset: 'X', weight: 0.5, issuer: 'I', issuerVotingShares: 100 }] };
    expectTypedError(
      () => checkCompliance(withVoting, [{ id: 'div', type: 'diversified-75-5-10' }]),
      InvalidArgumentError,
      /rule 'div' \(diversified-75-5-10\) needs position values/,
    );
    // with a quantity the liquidity rule works on weights: 1000 / (0.2 · 1000) = 5 days
    const liq = checkCompliance({ positions: [byWeight.positions[2]!] }, [{ type: 'liquidity', maxDays: 3 }]);
    expect(liq.checks[0]!.measured).toBe(5);
  });

  it('weight-only holdings: trades by value are fractions of NAV; orders are refused', () => {
    // selling 0.1 of CCC: CCC 0.3, cash 0.15 → the weight and cash breaches are cured
    const r = preTradeCheck(byWeight, [{ asset: 'CCC', value: -0.1 }], rules);
    expect(r.curedBreaches.map((b) => b.ruleId)).toEqual(['w35', 'cash10']);
    expect(r.after.checks.find((c) => c.subject === 'cash / NAV')!.measured).toBeCloseTo(0.15, 15);
    expectTypedError(
      () => preTradeCheck(byWeight, [{ asset: 'CCC', side: 'sell', quantity: 10, price: 5 }], rules),
      InvalidArgumentError,
      /order .*weight only/,
    );
  });

  it('Holdings with quantity × price give the same result as market values', () => {
    const h: Holdings = deepFreeze({
      cash: 100,
      positions: [
        { asset: 'AAA', quantity: 10, price: 40, sector: 'Energy' },
        { asset: 'BBB', quantity: '5', price: '100', sector: 'Tech' },
      ],
    });
    const old = {
      cash: 100,
      positions: [
        { asset: 'AAA', marketValue: 400, tags: { sector: 'Energy' } },
        { asset: 'BBB', marketValue: 500, tags: { sector: 'Tech' } },
      ],
    };
    expect(checkCompliance(h, rules)).toEqual(checkCompliance(old, rules));
  });

  it('orders: valued at their price or the holdings price, quantities updated, library fields ignored', () => {
    const h: Holdings = deepFreeze({
      cash: 100,
      positions: [
        { asset: 'AAA', quantity: 10, price: 40 },
        { asset: 'BBB', quantity: 5, price: 100 },
      ],
    });
    const order = {
      asset: 'AAA',
      side: 'sell' as const,
      quantity: { decimal: '5', number: 5 },
      lots: 5,
      value: { decimal: '200', number: 200 },
      cost: { decimal: '1', number: 1 },
      reason: 'rebalance',
    };
    const r = preTradeCheck(h, [order], [{ type: 'max-weight', limit: 0.5 }]);
    // AAA 10 → 5 shares at 40 = 200, cash 100 + 200 = 300, NAV 1000
    expect(r.portfolioAfter.positions[0]).toEqual({ asset: 'AAA', marketValue: 200, quantity: 5 });
    expect(r.portfolioAfter.cash).toBe(300);
    expect(r.after.checks.map((c) => c.measured)).toEqual([0.2, 0.5]);
    // a buy of a new asset at its own price
    const buy = preTradeCheck(h, [{ asset: 'CCC', side: 'buy', quantity: '2.5', price: '20' }], []);
    expect(buy.portfolioAfter.positions[2]).toEqual({ asset: 'CCC', marketValue: 50, quantity: 2.5 });
    expect(buy.portfolioAfter.cash).toBe(50);
  });

  it('orders: errors', () => {
    const h: Holdings = { cash: 100, positions: [{ asset: 'AAA', quantity: 10, price: 40 }] };
    expectTypedError(() => preTradeCheck(h, [{ asset: 'ZZZ', side: 'buy', quantity: 1 }], []), InvalidArgumentError, /trades\[0\]` \(buy ZZZ\) has no `price`/);
    expectTypedError(
      () => preTradeCheck(h, [{ asset: 'AAA', side: 'sell', quantity: 1, prise: 3 } as never], []),
      InvalidArgumentError,
      /unknown key `prise`.*did you mean `price`/,
    );
    expectTypedError(
      () => preTradeCheck(h, [{ asset: 'AAA', side: 'short', quantity: 1 } as never], []),
      InvalidArgumentError,
      /side` must be 'buy' or 'sell'/,
    );
    expectTypedError(() => preTradeCheck(h, [{ asset: 'AAA', side: 'sell', quantity: -1 }], []), InvalidArgumentError, /quantity` must be positive/);
    expectTypedError(() => preTradeCheck(h, [{ asset: 'AAA', side: 'sell', quantity: 11 }], []), InvalidArgumentError, /sells more than is held/);
  });
});
