import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCompliance, preTradeCheck, type ComplianceRule, type CompliancePortfolio } from '../../src/compliance/index.ts';
import { InvalidArgumentError } from '../../src/core/errors.ts';
import { deepFreeze, expectTypedError } from '../helpers.ts';

const pos = <E extends object = object>(asset: string, marketValue: number, extra?: E) => ({ asset, marketValue, ...(extra ?? ({} as E)) });

describe('checkCompliance: single rules (hand-worked)', () => {
  // NAV = 50 + 30 + 15 + 5 = 100, so weights are the market values in percent.
  const pf: CompliancePortfolio = deepFreeze({
    positions: [
      pos('AAA', 50, { tags: { sector: 'Tech', country: 'US' }, quantity: 1000, averageDailyVolume: 2000 }),
      pos('BBB', 30, { tags: { sector: 'Tech', country: 'DE' }, quantity: 3000, averageDailyVolume: 1000 }),
      pos('CCC', 15, { tags: { sector: 'Energy', country: 'US' }, quantity: 100, averageDailyVolume: 10000, issuer: 'ParentCo' }),
    ],
    cash: 5,
  });

  it('max-weight: AAA at 50 % breaks a 40 % cap with headroom −10 %', () => {
    const r = checkCompliance(pf, [{ type: 'max-weight', limit: 0.4 }]);
    expect(r.nav).toBe(100);
    expect(r.breaches).toHaveLength(1);
    expect(r.breaches[0]).toMatchObject({ subject: 'weight of AAA', measured: 0.5, limit: 0.4, assets: ['AAA'], bound: 'max' });
    expect(r.breaches[0]!.headroom).toBeCloseTo(-0.1, 15);
    expect(r.checks).toHaveLength(3);
  });

  it('a weight exactly at its limit passes', () => {
    expect(checkCompliance(pf, [{ type: 'max-weight', limit: 0.5 }]).compliant).toBe(true);
    // 0.1 + 0.2 + 0.7 sums to 1.0000000000000002 in floating point: B's weight 0.2 / NAV still meets a 0.2 floor.
    expect(checkCompliance({ positions: [pos('A', 0.1), pos('B', 0.2)], cash: 0.7 }, [{ type: 'min-weight', limit: 0.2, assets: ['B'] }]).compliant).toBe(true);
  });

  it('min-weight counts a missing asset as 0', () => {
    const r = checkCompliance(pf, [{ type: 'min-weight', limit: 0.01, assets: ['ZZZ', 'CCC'] }]);
    expect(r.breaches.map((b) => b.subject)).toEqual(['weight of ZZZ']);
    expect(r.breaches[0]!.headroom).toBeCloseTo(-0.01, 15);
  });

  it('group caps and floors by any tag', () => {
    const r = checkCompliance(pf, [
      { type: 'group-max', tag: 'sector', limit: 0.6 },
      { type: 'group-min', tag: 'country', limit: 0.35, groups: ['DE', 'FR'] },
    ]);
    // Tech = 50 + 30 = 80 % > 60 %; DE = 30 % < 35 %; FR = 0 % < 35 %; Energy 15 % passes.
    expect(r.breaches.map((b) => [b.subject, b.measured])).toEqual([
      ['sector Tech', 0.8],
      ['country DE', 0.3],
      ['country FR', 0],
    ]);
    expect(r.breaches[0]!.assets).toEqual(['AAA', 'BBB']);
    expect(r.checks.find((c) => c.subject === 'sector Energy')!.headroom).toBeCloseTo(0.45, 15);
  });

  it('positions count, leverage, net exposure, cash', () => {
    const ls: CompliancePortfolio = { positions: [pos('L1', 120), pos('L2', 60), pos('S1', -90)], cash: 10 };
    // NAV = 100; gross = 270 → leverage 2.7; net = 90 → 0.9; cash 10 %.
    const r = checkCompliance(ls, [
      { type: 'max-positions', limit: 2 },
      { type: 'max-leverage', limit: 2 },
      { type: 'net-exposure', min: 0.95, max: 1.05 },
      { type: 'min-cash', limit: 0.1 },
    ]);
    expect(r.breaches.map((b) => [b.ruleType, b.measured])).toEqual([
      ['max-positions', 3],
      ['max-leverage', 2.7],
      ['net-exposure', 0.9],
    ]);
  });

  it('liquidity: days = |quantity| / (participation · ADV)', () => {
    const r = checkCompliance(pf, [{ type: 'liquidity', maxDays: 5, participation: 0.25 }]);
    // AAA 1000 / (0.25·2000) = 2 days; BBB 3000 / 250 = 12 days; CCC 100 / 2500 = 0.04 days.
    expect(r.checks.map((c) => c.measured)).toEqual([2, 12, 0.04]);
    expect(r.breaches.map((b) => b.assets[0])).toEqual(['BBB']);
  });

  it('restricted list matches assets and issuers', () => {
    const r = checkCompliance(pf, [{ type: 'restricted', assets: ['ParentCo'] }]);
    expect(r.breaches[0]).toMatchObject({ measured: 1, assets: ['CCC'] });
  });
});

describe('UCITS 5/10/40 — Directive 2009/65/EC Art. 52(1)(a) and 52(2)', () => {
  // Art. 52(1): "A UCITS shall invest no more than 5 % of its assets in transferable securities or
  // money market instruments issued by the same body". Art. 52(2): Member States may raise the 5 %
  // limit to a maximum of 10 %; "However, the total value of the transferable securities and money
  // market instruments held by the UCITS in the issuing bodies in each of which it invests more than
  // 5 % of its assets shall not exceed 40 % of the value of its assets."
  const rule: ComplianceRule[] = [{ type: 'ucits-5-10-40' }];
  const spread = (weights: number[]): CompliancePortfolio => {
    const positions = weights.map((w, i) => pos(`S${i}`, w, { issuer: `Issuer${String.fromCharCode(65 + i)}` }));
    const invested = weights.reduce((a, b) => a + b, 0);
    return { positions, cash: 100 - invested };
  };

  it('five issuers at 9, 9, 9, 8 and 7 % (42 % above 5 %) breach the 40 % aggregate', () => {
    const r = checkCompliance(spread([9, 9, 9, 8, 7, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4]), rule);
    expect(r.breaches).toHaveLength(1);
    expect(r.breaches[0]!.measured).toBeCloseTo(0.42, 14);
    expect(r.breaches[0]!.limit).toBe(0.4);
    expect(r.breaches[0]!.assets).toEqual(['S0', 'S1', 'S2', 'S3', 'S4']);
  });

  it('four issuers at 10 % (40 %) pass; one at 11 % breaches the 10 % single limit', () => {
    expect(checkCompliance(spread([10, 10, 10, 10, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5]), rule).compliant).toBe(true);
    const r = checkCompliance(spread([11, 10, 10, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5]), rule);
    expect(r.breaches.map((b) => b.subject)).toEqual(['issuer IssuerA']);
  });

  it('positions of one issuer are added up', () => {
    const r = checkCompliance({ positions: [pos('BondX1', 6, { issuer: 'X' }), pos('ShareX', 6, { issuer: 'X' })], cash: 88 }, rule);
    expect(r.breaches[0]).toMatchObject({ subject: 'issuer X', assets: ['BondX1', 'ShareX'] });
    expect(r.breaches[0]!.measured).toBeCloseTo(0.12, 15);
  });

  it('government securities are outside the rule', () => {
    expect(checkCompliance({ positions: [pos('UST', 60, { kind: 'government' })], cash: 40 }, rule).compliant).toBe(true);
  });
});

describe('Investment Company Act §5(b)(1) 75-5-10 diversified-company test', () => {
  // 15 U.S.C. §80a-5(b)(1): "At least 75 per centum of the value of its total assets is represented
  // by cash and cash items (including receivables), Government securities, securities of other
  // investment companies, and other securities for the purposes of this calculation limited in
  // respect of any one issuer to an amount not greater in value than 5 per centum of the value of
  // the total assets ... and to not more than 10 per centum of the outstanding voting securities of such issuer."
  const rule: ComplianceRule[] = [{ type: 'diversified-75-5-10' }];
  // Total assets 100: cash 5, Treasuries 10, X 12, Y 8, Z 6 (each above 5 %), and 20 issuers at 2.95.
  const small = Array.from({ length: 20 }, (_, i) => pos(`N${i}`, 2.95));
  const pf: CompliancePortfolio = { positions: [pos('UST', 10, { kind: 'government' }), pos('X', 12), pos('Y', 8), pos('Z', 6), ...small], cash: 5 };

  it('issuers above 5 % fall outside the basket: 5 + 10 + 20 × 2.95 = 74 % < 75 % breaches', () => {
    const r = checkCompliance(pf, rule);
    expect(r.breaches).toHaveLength(1);
    expect(r.breaches[0]!.measured).toBeCloseTo(0.74, 14);
    expect(r.breaches[0]!.assets).toEqual(['X', 'Y', 'Z']);
  });

  it("under the 'cap' reading each counts up to 5 %: 74 + 3 × 5 = 89 % passes", () => {
    const r = checkCompliance(pf, [{ type: 'diversified-75-5-10', interpretation: 'cap' }]);
    expect(r.compliant).toBe(true);
    expect(r.checks[0]!.measured).toBeCloseTo(0.89, 14);
  });

  it('holding more than 10 % of an issuer’s voting securities takes it out of the basket', () => {
    // 76 small positions of 1 % each pass; one of them owns 11 % of its issuer's votes: 75 % → passes at the limit?
    const positions = Array.from({ length: 76 }, (_, i) => pos(`P${i}`, 1, { quantity: 100, issuerVotingShares: i === 0 ? 900 : 1e6 }));
    const r = checkCompliance({ positions, cash: 24 }, rule);
    // basket = 24 cash + 75 positions = 99 of 100; P0 (100 / 900 = 11.1 % of votes) is outside.
    expect(r.checks[0]!.measured).toBeCloseTo(0.99, 14);
    expect(r.checks[0]!.assets).toEqual(['P0']);
  });
});

describe('preTradeCheck', () => {
  const pf = deepFreeze({ positions: [pos('AAA', 40, { tags: { sector: 'Tech' } }), pos('BBB', 40, { tags: { sector: 'Energy' } })], cash: 20 });
  const rules: ComplianceRule[] = [
    { type: 'max-weight', limit: 0.5 },
    { type: 'min-cash', limit: 0.05 },
    { type: 'group-max', tag: 'sector', limit: 0.55 },
  ];

  it('names the trade that causes a breach and the one that cures it', () => {
    const r = preTradeCheck(
      pf,
      [
        { asset: 'AAA', value: 15 },
        { asset: 'CCC', value: 3, position: { tags: { sector: 'Utilities' } } },
      ],
      rules,
    );
    // After: AAA 55, BBB 40, CCC 3, cash 2 → AAA 55 % > 50 %, Tech 55 % at its cap, cash 2 % < 5 %.
    expect(r.approved).toBe(false);
    expect(r.newBreaches.map((b) => b.subject).sort()).toEqual(['cash / NAV', 'weight of AAA']);
    expect(r.tradeEffects.filter((e) => e.effect === 'causes').map((e) => [e.trade, e.subject])).toEqual([[0, 'weight of AAA']]);
    // neither trade alone breaks the cash floor (20 − 15 = 5 % at the floor; 20 − 3 = 17 %)
    expect(r.tradeEffects.some((e) => e.subject === 'cash / NAV')).toBe(false);
    expect(r.portfolioAfter.positions.map((p) => p.asset)).toEqual(['AAA', 'BBB', 'CCC']);
    expect(r.portfolioAfter.cash).toBe(2);
  });

  it('a sale that cures an existing breach is approved', () => {
    const heavy = { positions: [pos('AAA', 60), pos('BBB', 30)], cash: 10 };
    const r = preTradeCheck(heavy, [{ asset: 'AAA', value: -15 }], [{ type: 'max-weight', limit: 0.5 }]);
    expect(r.before.compliant).toBe(false);
    expect(r.after.compliant).toBe(true);
    expect(r.curedBreaches.map((b) => b.subject)).toEqual(['weight of AAA']);
    expect(r.tradeEffects).toEqual([
      {
        trade: 0,
        asset: 'AAA',
        effect: 'cures',
        ruleId: 'max-weight#0',
        subject: 'weight of AAA',
        headroomBefore: expect.closeTo(-0.1, 14),
        headroomAfter: expect.closeTo(0.05, 14),
      },
    ]);
    expect(r.approved).toBe(true);
  });

  it('short positions only with allowShort', () => {
    const r = preTradeCheck({ positions: [pos('AAA', 50)], cash: 50 }, [{ asset: 'AAA', value: -70 }], [{ type: 'max-leverage', limit: 1 }], {
      allowShort: true,
    });
    // AAA −20, cash 120: NAV 100, gross exposure 20 %
    expect(r.portfolioAfter.positions[0]!.marketValue).toBe(-20);
    expect(r.after.checks[0]!.measured).toBeCloseTo(0.2, 15);
  });

  it('worsening an existing breach is not approved', () => {
    const heavy = { positions: [pos('AAA', 60), pos('BBB', 30)], cash: 10 };
    const r = preTradeCheck(heavy, [{ asset: 'AAA', value: 5 }], [{ type: 'max-weight', limit: 0.5 }]);
    expect(r.newBreaches).toEqual([]);
    expect(r.tradeEffects[0]!.effect).toBe('worsens');
    expect(r.approved).toBe(false);
  });

  it('updates quantities and rejects a quantity for a position held without one', () => {
    const q = { positions: [pos('AAA', 50, { quantity: 10, averageDailyVolume: 100 })], cash: 50 };
    const r = preTradeCheck(q, [{ asset: 'AAA', value: 25, quantity: 5 }], [{ type: 'liquidity', maxDays: 1 }]);
    expect(r.portfolioAfter.positions[0]!.quantity).toBe(15);
    expect(() => preTradeCheck(pf, [{ asset: 'AAA', value: 1, quantity: 1 }], rules)).toThrow(InvalidArgumentError);
  });
});

describe('properties', () => {
  const portfolios = fc.array(fc.double({ min: 0.01, max: 100, noNaN: true }), { minLength: 1, maxLength: 20 }).chain((mvs) =>
    fc.record({
      positions: fc.constant(mvs.map((m, i) => pos(`A${i}`, m, { tags: { sector: `S${i % 3}` }, issuer: `I${i % 5}` }))),
      cash: fc.double({ min: 0, max: 50, noNaN: true }),
    }),
  );

  it('limits set at the measured values find nothing; limits just below find every measured check', () => {
    fc.assert(
      fc.property(portfolios, (pf) => {
        const nav = pf.positions.reduce((a, p) => a + p.marketValue, pf.cash);
        const maxW = Math.max(...pf.positions.map((p) => p.marketValue / nav));
        const sectors = new Map<string, number>();
        for (const p of pf.positions) sectors.set(p.tags.sector, (sectors.get(p.tags.sector) ?? 0) + p.marketValue / nav);
        const rules: ComplianceRule[] = [
          { type: 'max-weight', limit: maxW },
          { type: 'group-max', tag: 'sector', limit: Math.max(...sectors.values()) },
          { type: 'max-positions', limit: pf.positions.length },
          { type: 'min-cash', limit: pf.cash / nav },
          { type: 'max-leverage', limit: 1 - pf.cash / nav },
        ];
        const r = checkCompliance(pf, rules);
        expect(r.breaches).toEqual([]);
        const tight = checkCompliance(pf, [{ type: 'max-weight', limit: maxW * (1 - 1e-6) }]);
        expect(tight.compliant).toBe(false);
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('preTradeCheck with no trades changes nothing and is approved', () => {
    fc.assert(
      fc.property(portfolios, (pf) => {
        const rules: ComplianceRule[] = [{ type: 'max-weight', limit: 0.3 }, { type: 'ucits-5-10-40' }];
        const r = preTradeCheck(pf, [], rules);
        expect(r.after).toEqual(r.before);
        expect(r.approved).toBe(true);
        expect(r.tradeEffects).toEqual([]);
      }),
      { seed: 42, numRuns: 100 },
    );
  });

  it('a trade conserves NAV (cash pays for it)', () => {
    fc.assert(
      fc.property(portfolios, fc.double({ min: -5, max: 5, noNaN: true }), (pf, v) => {
        const r = preTradeCheck(pf, [{ asset: 'A0', value: v }], [], { allowShort: true });
        expect(r.after.nav).toBeCloseTo(r.before.nav, 9);
      }),
      { seed: 42, numRuns: 100 },
    );
  });
});

describe('bad input', () => {
  const pf = { positions: [pos('AAA', 50)], cash: 50 };
  const cases: Array<[() => unknown, RegExp]> = [
    [() => checkCompliance({ positions: [pos('AAA', Number.NaN)] }, []), /marketValue/],
    [() => checkCompliance({ positions: [pos('AAA', 1), pos('AAA', 2)] }, []), /appears twice/],
    [() => checkCompliance({ positions: [pos('AAA', -10)], cash: 5 }, []), /net asset value/],
    [() => checkCompliance(pf, [{ type: 'max-wieght', limit: 0.1 } as never]), /type/],
    [() => checkCompliance(pf, [{ type: 'max-weight', limit: 0.1, asset: 'AAA' } as never]), /unknown option `asset`/],
    [() => checkCompliance(pf, [{ type: 'max-weight', limit: Number.NaN }]), /limit/],
    [() => checkCompliance(pf, [{ type: 'net-exposure' }]), /min.*max/],
    [() => checkCompliance(pf, [{ type: 'liquidity', maxDays: 1 }]), /averageDailyVolume/],
    [
      () =>
        checkCompliance(pf, [
          { type: 'max-weight', limit: 0.1, id: 'x' },
          { type: 'min-cash', limit: 0, id: 'x' },
        ]),
      /unique/,
    ],
    [() => checkCompliance(pf, [{ type: 'diversified-75-5-10', interpretation: 'loose' as never }]), /interpretation/],
    [() => checkCompliance({ positions: [pos('AAA', 1, { kind: 'bond' })] } as never, []), /kind/],
    [() => preTradeCheck(pf, [{ asset: 'AAA', value: Number.POSITIVE_INFINITY }], []), /value/],
    [() => preTradeCheck(pf, [{ asset: 'AAA', amount: 5 } as never], []), /unknown option `amount`/],
    [() => preTradeCheck(pf, [{ asset: 'AAA', value: -60 }], []), /sells more than is held/],
    [() => preTradeCheck(pf, [{ asset: 'ZZZ', value: -1 }], []), /not held/],
    [() => preTradeCheck(pf, [], [], { shorts: true } as never), /unknown option `shorts`/],
  ];
  it('throws InvalidArgumentError naming the problem', () => {
    for (const [f, re] of cases) expectTypedError(f, InvalidArgumentError, re);
  });
});
