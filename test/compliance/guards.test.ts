/**
 * Guard rails of the compliance rules: a limit written as a percentage where a fraction of NAV
 * belongs (`limit: 20` for 20 %) is refused with the fraction it most likely means; exposure
 * limits (multiples of NAV) are refused beyond ±10; counts and days are left alone; a rule that
 * measures against a `limit` must have one. preTradeCheck validates rules the same way.
 */
import { describe, expect, it } from 'vitest';
import { checkCompliance, preTradeCheck, type ComplianceRule, type CompliancePortfolio } from '../../src/compliance/index.ts';
import { InvalidArgumentError } from '../../src/core/errors.ts';
import { deepFreeze, expectTypedError } from '../helpers.ts';

const pf: CompliancePortfolio = deepFreeze({
  positions: [
    { asset: 'AAA', marketValue: 50, tags: { sector: 'Tech' }, quantity: 500, averageDailyVolume: 1000 },
    { asset: 'BBB', marketValue: 45, tags: { sector: 'Energy' }, quantity: 100, averageDailyVolume: 1000 },
  ],
  cash: 5,
});

describe('a percentage where a fraction of NAV belongs', () => {
  it("the brief's example, word for word", () => {
    expectTypedError(
      () => checkCompliance(pf, [{ id: 'max-issuer', type: 'max-weight', limit: 20 }]),
      InvalidArgumentError,
      /^checkCompliance: rule 'max-issuer' has `limit` 20, but limits are fractions of portfolio value \(0\.2 = 20 %\): did you mean 0\.2\?$/,
    );
  });

  const fractionRules: Array<[ComplianceRule, RegExp]> = [
    [{ type: 'max-weight', limit: 35 }, /rule 'max-weight#0' has `limit` 35, .*\(0\.35 = 35 %\): did you mean 0\.35\?/],
    [{ type: 'min-weight', limit: 2.5, assets: ['AAA'] }, /rule 'min-weight#0' has `limit` 2\.5, .*did you mean 0\.025\?/],
    [{ type: 'group-max', tag: 'sector', limit: 40 }, /rule 'group-max#0' has `limit` 40, .*did you mean 0\.4\?/],
    [{ type: 'group-min', tag: 'sector', limit: 7, groups: ['Tech'] }, /did you mean 0\.07\?/],
    [{ type: 'min-cash', limit: 2 }, /rule 'min-cash#0' has `limit` 2, .*did you mean 0\.02\?/],
    [{ type: 'max-weight', limit: -20 }, /did you mean -0\.2\?/],
    [{ type: 'ucits-5-10-40', limits: { single: 5 } }, /rule 'ucits-5-10-40#0' has `limits.single` 5, but limits are fractions .*did you mean 0\.05\?/],
  ];
  for (const [rule, re] of fractionRules) {
    it(`${rule.type}: ${JSON.stringify(rule)}`, () => {
      expectTypedError(() => checkCompliance(pf, [rule]), InvalidArgumentError, re);
      expectTypedError(() => preTradeCheck(pf, [], [rule]), InvalidArgumentError, new RegExp(`^preTradeCheck: .*${re.source}`));
    });
  }

  it('exposures are multiples of NAV: 1.3 and 10 pass, 130 and a net maximum of 20 do not', () => {
    expect(checkCompliance(pf, [{ type: 'max-leverage', limit: 1.3 }]).compliant).toBe(true);
    expect(
      checkCompliance(pf, [
        { type: 'max-leverage', limit: 10 },
        { type: 'net-exposure', min: -10, max: 10 },
      ]).compliant,
    ).toBe(true);
    expectTypedError(
      () => checkCompliance(pf, [{ id: 'lev', type: 'max-leverage', limit: 130 }]),
      InvalidArgumentError,
      /^checkCompliance: rule 'lev' has `limit` 130, but exposure limits are multiples of portfolio value \(1\.3 = 130 %\), and one beyond 10 reads as a percentage: did you mean 1\.3\?$/,
    );
    expectTypedError(() => checkCompliance(pf, [{ type: 'net-exposure', max: 20 }]), InvalidArgumentError, /has `max` 20, .*did you mean 0\.2\?/);
    expectTypedError(() => checkCompliance(pf, [{ type: 'net-exposure', min: -30, max: 1 }]), InvalidArgumentError, /has `min` -30, .*did you mean -0\.3\?/);
  });

  it('fractions up to 1 in magnitude pass, and the checks hold them as given (hand: AAA 50 %, cash 5 %)', () => {
    const r = checkCompliance(pf, [
      { type: 'max-weight', limit: 1 },
      { type: 'min-cash', limit: 0.05 },
      { type: 'max-weight', limit: 0.4, assets: ['AAA'] },
    ]);
    expect(r.checks.map((c) => c.limit)).toEqual([1, 1, 0.05, 0.4]);
    expect(r.breaches.map((c) => c.subject)).toEqual(['weight of AAA']);
    expect(r.breaches[0]!.headroom).toBeCloseTo(-0.1, 15);
  });

  it('counts and days are left alone: 20 positions, 20 days', () => {
    const r = checkCompliance(pf, [
      { type: 'max-positions', limit: 20 },
      { type: 'liquidity', maxDays: 20 },
    ]);
    expect(r.compliant).toBe(true);
    // hand: AAA 500 / (0.2 · 1000) = 2.5 days, BBB 100 / 200 = 0.5 days
    expect(r.checks.filter((c) => c.ruleType === 'liquidity').map((c) => c.measured)).toEqual([2.5, 0.5]);
  });
});

describe('a rule without its limit', () => {
  const missing: Array<[ComplianceRule, RegExp]> = [
    [
      { type: 'max-weight' } as never,
      /^checkCompliance: rule 'max-weight#0' \(max-weight\) has no `limit`; give it as a fraction of portfolio value, e\.g\. `limit: 0\.1` for 10 %\.$/,
    ],
    [{ type: 'min-weight', assets: ['AAA'] } as never, /rule 'min-weight#0' \(min-weight\) has no `limit`/],
    [{ type: 'group-max', tag: 'sector' } as never, /rule 'group-max#0' \(group-max\) has no `limit`/],
    [{ type: 'group-min', tag: 'sector', groups: ['Tech'] } as never, /\(group-min\) has no `limit`/],
    [{ type: 'min-cash' } as never, /\(min-cash\) has no `limit`/],
    [{ id: 'lev', type: 'max-leverage' } as never, /rule 'lev' \(max-leverage\) has no `limit`; give it as a multiple of portfolio value/],
    [{ type: 'max-positions' } as never, /\(max-positions\) has no `limit`; give it as a number of positions/],
    [{ type: 'max-weight', limit: undefined } as never, /\(max-weight\) has no `limit`/],
  ];
  for (const [rule, re] of missing) {
    it(JSON.stringify(rule), () => {
      expectTypedError(() => checkCompliance(pf, [rule]), InvalidArgumentError, re);
      expectTypedError(() => preTradeCheck(pf, [{ asset: 'AAA', value: 1 }], [rule]), InvalidArgumentError, /^preTradeCheck: rule .* has no `limit`/);
    });
  }

  it('rules without a `limit` field (restricted, UCITS, 75-5-10) still need none', () => {
    const r = checkCompliance(pf, [{ type: 'restricted', assets: ['ZZZ'] }, { type: 'ucits-5-10-40' }, { type: 'diversified-75-5-10' }]);
    expect(r.checks.length).toBeGreaterThan(0);
    for (const c of r.checks) expect(Number.isFinite(c.headroom)).toBe(true);
  });
});
