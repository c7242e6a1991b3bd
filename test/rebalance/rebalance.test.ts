import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, DimensionError } from '../../src/core/errors.ts';
import {
  driftReport,
  driftWeights,
  proportionalCostRate,
  rebalanceCostBenefit,
  rebalanceSignal,
  rebalanceTrades,
  simulateRebalancing,
  transactionCost,
} from '../../src/rebalance/index.ts';
import { deepFreeze, expectClose, expectTypedError } from '../helpers.ts';

const throwsTyped = expectTypedError;

describe('driftWeights', () => {
  it('one period, hand-worked: 0.5·1.1 / (0.5·1.1 + 0.5·0.9) = 0.55', () => {
    const r = driftWeights(deepFreeze([0.5, 0.5]), deepFreeze([0.1, -0.1]));
    expectClose(r.weights, [0.55, 0.45], { rtol: 1e-15 });
    expect(r.portfolioReturn).toBeCloseTo(0, 15);
  });
  it('several periods compound; cash drifts too', () => {
    // values: 0.6 → 0.6·1.1·1.1 = 0.726; 0.3 → 0.3·0.5 = 0.15 (second period −50 %... first 0, second −0.5); cash 0.1
    const r = driftWeights(
      [0.6, 0.3],
      [
        [0.1, 0],
        [0.1, -0.5],
      ],
    );
    const total = 0.726 + 0.15 + 0.1;
    expectClose(r.weights, [0.726 / total, 0.15 / total], { rtol: 1e-14 });
    expectClose(r.portfolioReturn, total - 1, { rtol: 1e-14 });
  });
  it('property: drifted weights plus cash sum to 1 and match value growth', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 0.01, max: 1, noNaN: true }), fc.double({ min: -0.9, max: 2, noNaN: true })), { minLength: 1, maxLength: 12 }),
        (pairs) => {
          const s = pairs.reduce((a, [x]) => a + x, 0);
          const w = pairs.map(([x]) => x / s);
          const r = pairs.map(([, y]) => y);
          const out = driftWeights(w, r);
          expect(out.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
          const growth = w.reduce((a, wi, i) => a + wi * (1 + r[i]!), 0);
          expect(out.portfolioReturn).toBeCloseTo(growth - 1, 12);
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });
  it('bad input', () => {
    throwsTyped(() => driftWeights([0.5, 0.5], [0.1]), DimensionError, /periodReturns/);
    throwsTyped(() => driftWeights([1], [-1]), InvalidArgumentError, /> −1/);
    throwsTyped(() => driftWeights([0.5, Number.NaN], [0, 0]), InvalidArgumentError, /weights/);
    throwsTyped(() => driftWeights([-1, 2], [1, -0.6]), InvalidArgumentError, /value falls/);
  });
});

describe('driftReport: bands (hand-worked)', () => {
  const target = [0.6, 0.3, 0.1];
  const current = [0.655, 0.27, 0.075];
  it('absolute 5 pp: only the first asset (5.5 pp) breaches', () => {
    const r = driftReport(current, target, { bands: { type: 'absolute', width: 0.05 } });
    expect(r.breaches.map((b) => b.index)).toEqual([0]);
    expectClose(
      r.assets.map((a) => a.drift),
      [0.055, -0.03, -0.025],
      { rtol: 1e-12 },
    );
    expectClose(r.assets[0]!.excess, 0.005, { rtol: 1e-10 });
  });
  it('relative 25 %: thresholds 15, 7.5 and 2.5 pp — only the third (−2.5 pp) sits exactly at its edge and does not breach', () => {
    const r = driftReport(current, target, { bands: { type: 'relative', width: 0.25 } });
    expectClose(
      r.assets.map((a) => a.threshold),
      [0.15, 0.075, 0.025],
      { rtol: 1e-15 },
    );
    expect(r.anyBreach).toBe(false);
  });
  it('hybrid 5/25: thresholds min(5, 25 % of target) = 5, 5 and 2.5 pp', () => {
    const r = driftReport([0.655, 0.27, 0.074], target, { bands: { type: 'hybrid', absolute: 0.05, relative: 0.25 } });
    expectClose(
      r.assets.map((a) => a.threshold),
      [0.05, 0.05, 0.025],
      { rtol: 1e-15 },
    );
    expect(r.breaches.map((b) => b.index)).toEqual([0, 2]);
  });
  it('per-asset bands and group bands', () => {
    const r = driftReport(current, target, {
      bands: [
        { type: 'absolute', width: 0.1 },
        { type: 'absolute', width: 0.01 },
        { type: 'absolute', width: 0.1 },
      ],
      assets: ['Equity', 'Bonds', 'Gold'],
      groups: [{ name: 'Defensive', assets: ['Bonds', 'Gold'], band: { type: 'absolute', width: 0.05 } }],
    });
    // Bonds −3 pp > 1 pp; Defensive: 0.345 vs 0.4 → −5.5 pp > 5 pp
    expect(r.breaches.map((b) => b.name)).toEqual(['Bonds', 'Defensive']);
    expectClose(r.groups[0]!.drift, -0.055, { rtol: 1e-12 });
  });
  it('bad input', () => {
    throwsTyped(() => driftReport([0.5], [0.5, 0.5], { bands: { type: 'absolute', width: 0.05 } }), DimensionError, /target/);
    throwsTyped(() => driftReport([0.5], [0.5], { bands: { type: 'wide', width: 1 } as never }), InvalidArgumentError, /bands.type/);
    throwsTyped(() => driftReport([0.5], [0.5], { bands: { type: 'absolute', width: -1 } }), InvalidArgumentError, /width/);
    throwsTyped(
      () =>
        driftReport([0.5], [0.5], { bands: { type: 'absolute', width: 0.1 }, groups: [{ name: 'g', assets: ['X'], band: { type: 'absolute', width: 0.1 } }] }),
      InvalidArgumentError,
      /not in `assets`/,
    );
    throwsTyped(() => driftReport([0.5], [0.5], { band: {} } as never), InvalidArgumentError, /unknown option `band`/);
  });
});

describe('rebalanceSignal', () => {
  const bands = { type: 'absolute' as const, width: 0.05 };
  it('threshold', () => {
    expect(rebalanceSignal({ current: [0.66, 0.34], target: [0.6, 0.4], policy: { type: 'threshold', bands } }).rebalance).toBe(true);
    expect(rebalanceSignal({ current: [0.62, 0.38], target: [0.6, 0.4], policy: { type: 'threshold', bands } }).rebalance).toBe(false);
  });
  it('calendar: first observation of a new month / quarter / year, or listed dates', () => {
    const at = (date: string, previousDate: string, frequency: 'monthly' | 'quarterly' | 'annual') =>
      rebalanceSignal({ current: [1], target: [1], policy: { type: 'calendar', frequency }, date, previousDate }).rebalance;
    expect(at('2024-02-01', '2024-01-31', 'monthly')).toBe(true);
    expect(at('2024-02-02', '2024-02-01', 'monthly')).toBe(false);
    expect(at('2024-03-01', '2024-02-29', 'quarterly')).toBe(false);
    expect(at('2024-04-01', '2024-03-29', 'quarterly')).toBe(true);
    expect(at('2025-01-02', '2024-12-31', 'annual')).toBe(true);
    expect(at('2024-07-01', '2024-06-28', 'annual')).toBe(false);
    const listed = { type: 'calendar' as const, dates: ['2024-06-28'] };
    expect(rebalanceSignal({ current: [1], target: [1], policy: listed, date: '2024-06-28' }).rebalance).toBe(true);
    expect(rebalanceSignal({ current: [1], target: [1], policy: listed, date: '2024-06-27' }).rebalance).toBe(false);
  });
  it('volatility-scaled widens the bands when volatility is high, within the clamp', () => {
    const policy = { type: 'volatility-scaled' as const, bands, minScale: 0.5, maxScale: 2 };
    const input = { current: [0.67, 0.33], target: [0.6, 0.4], policy };
    expect(rebalanceSignal({ ...input, volatility: { current: 0.1, longRun: 0.1 } }).rebalance).toBe(true); // band 5 pp < 7 pp
    const hi = rebalanceSignal({ ...input, volatility: { current: 0.3, longRun: 0.1 } }); // 3x → clamped 2x → band 10 pp
    expect(hi.scale).toBe(2);
    expect(hi.rebalance).toBe(false);
    expect(rebalanceSignal({ ...input, current: [0.63, 0.37], volatility: { current: 0.01, longRun: 0.1 } }).scale).toBe(0.5);
  });
  it('hybrid: a breach off the calendar waits; on the calendar it trades', () => {
    const policy = { type: 'hybrid' as const, bands, frequency: 'monthly' as const };
    const base = { current: [0.7, 0.3], target: [0.6, 0.4], policy };
    expect(rebalanceSignal({ ...base, date: '2024-05-15', previousDate: '2024-05-14' }).rebalance).toBe(false);
    expect(rebalanceSignal({ ...base, date: '2024-06-03', previousDate: '2024-05-31' }).rebalance).toBe(true);
    expect(rebalanceSignal({ ...base, current: [0.61, 0.39], date: '2024-06-03', previousDate: '2024-05-31' }).rebalance).toBe(false);
  });
  it('bad input', () => {
    throwsTyped(
      () => rebalanceSignal({ current: [1], target: [1], policy: { type: 'calendar', frequency: 'monthly' }, date: '2024-01-02', previousDate: '2024-01-02' }),
      InvalidArgumentError,
      /previousDate/,
    );
    throwsTyped(
      () => rebalanceSignal({ current: [1], target: [1], policy: { type: 'calendar' }, date: '2024-13-01', previousDate: '2024-01-01' }),
      InvalidArgumentError,
      /date/,
    );
    throwsTyped(() => rebalanceSignal({ current: [1], target: [1], policy: { type: 'volatility-scaled', bands } }), InvalidArgumentError, /volatility/);
    throwsTyped(() => rebalanceSignal({ current: [1], target: [1], policy: { type: 'sometimes' } as never }), InvalidArgumentError, /policy.type/);
  });
});

describe('transactionCost (hand-worked)', () => {
  it('commission, spread and square-root impact add up', () => {
    const c = transactionCost(
      { quantity: -10000, price: 50, volatility: 0.02, averageDailyVolume: 1e6 },
      { commission: { perShare: 0.005, perTrade: 1, bps: 1, minimum: 5 }, halfSpreadBps: 5, impact: { coefficient: 0.5 } },
    );
    // notional 500,000; commission 50 + 1 + 50 = 101; spread 250; impact 500,000 · 0.5 · 0.02 · 0.1 = 500
    expectClose([c.commission, c.spread, c.impact, c.total, c.notional], [101, 250, 500, 851, 500000], { rtol: 1e-13 });
    expectClose(c.bps, 17.02, { rtol: 1e-13 });
  });
  it('minimum and maximum commission; an empty trade costs nothing', () => {
    expect(transactionCost({ quantity: 10, price: 10 }, { commission: { perShare: 0.01, minimum: 1 } }).commission).toBe(1);
    expect(transactionCost({ quantity: 1e6, price: 10 }, { commission: { perShare: 0.01, maximum: 100 } }).commission).toBe(100);
    expect(transactionCost({ quantity: 0, price: 10 }, { commission: { perTrade: 5 } }).total).toBe(0);
  });
  it('proportional rate', () => {
    expect(proportionalCostRate({ commission: { bps: 2, perShare: 0.01 }, halfSpreadBps: 3 })).toBeCloseTo(0.0005, 17);
  });
  it('bad input', () => {
    throwsTyped(() => transactionCost({ quantity: 1, price: 0 }, {}), InvalidArgumentError, /price/);
    throwsTyped(() => transactionCost({ quantity: 1, price: 1 }, { impact: { coefficient: 1 } }), InvalidArgumentError, /averageDailyVolume/);
    throwsTyped(() => transactionCost({ quantity: 1, price: 1 }, { commission: { minimum: 5, maximum: 1 } }), InvalidArgumentError, /minimum/);
    throwsTyped(() => transactionCost({ quantity: 1, price: 1 }, { fee: 1 } as never), InvalidArgumentError, /unknown option `fee`/);
  });
});

describe('rebalanceTrades (hand-worked)', () => {
  it('to-target with lots and cash: sells first, then buys that fit', () => {
    // V = 100·10 + 0·20 + 30·5 + cash 50 = 1200. Targets: AAA 0.25 → 300 (sell 70 sh), BBB 0.5 → 600 (30 sh in lots of 10: 3 lots),
    // CCC 0.25 → 300 (buy 30 sh). Cash: 50 + 700 = 750 ≥ 600 + 150 = 750 → all fit, cash ends at 0.
    const r = rebalanceTrades(
      deepFreeze({
        holdings: { AAA: 100, CCC: 30 },
        prices: { AAA: 10, BBB: 20, CCC: 5 },
        target: { AAA: 0.25, BBB: 0.5, CCC: 0.25 },
        cash: 50,
        lotSizes: { BBB: 10 },
      }),
    );
    expect(r.orders.map((o) => [o.side, o.asset, o.quantity, o.lots, o.value.decimal])).toEqual([
      ['sell', 'AAA', '70', 70, '700'],
      ['buy', 'BBB', '30', 3, '600'],
      ['buy', 'CCC', '30', 30, '150'],
    ]);
    expect(r.cashAfter.decimal).toBe('0');
    expect(r.holdingsAfter).toEqual({ AAA: '30', BBB: '30', CCC: '60' });
    expectClose(r.turnover, 1450 / 1200, { rtol: 1e-15 });
    expect(r.maxWeightError).toBeLessThan(1e-15);
  });
  it('rounds to the nearest lot and cuts the buy furthest above target when cash is short', () => {
    // V = 1000 cash. Targets 0.5 / 0.5 with lots worth 300 (A: 3 × 100) and 400 (B: 2 × 200):
    // A: 500 / 300 = 1.67 → 2 lots (600); B: 500 / 400 = 1.25 → 1 lot (400). 1000 needed = 1000 held → fits.
    const r = rebalanceTrades({ holdings: {}, prices: { A: 100, B: 200 }, target: { A: 0.5, B: 0.5 }, cash: 1000, lotSizes: { A: 3, B: 2 } });
    expect(r.orders.map((o) => [o.asset, o.lots])).toEqual([
      ['A', 2],
      ['B', 1],
    ]);
    // with a 10-per-order commission the 1020 needed exceed 1000: A ends furthest above target (60 % vs 50 %) and loses a lot
    const c = rebalanceTrades({
      holdings: {},
      prices: { A: 100, B: 200 },
      target: { A: 0.5, B: 0.5 },
      cash: 1000,
      lotSizes: { A: 3, B: 2 },
      costs: { commission: { perTrade: 10 } },
    });
    expect(c.orders.map((o) => [o.asset, o.lots])).toEqual([
      ['A', 1],
      ['B', 1],
    ]);
    expect(c.cashAfter.decimal).toBe('280'); // 1000 − 300 − 10 − 400 − 10
    expect(c.totalCost.decimal).toBe('20');
  });
  it('a zero target sells the whole position, odd lot included; minTradeValue drops small orders', () => {
    const r = rebalanceTrades({ holdings: { A: 105, B: 1 }, prices: { A: 1, B: 1 }, target: { B: 0.5 }, cash: 0, lotSizes: { A: 100 }, minTradeValue: 60 });
    // V = 106: A target 0 → sell all 105; B wants 53 → buy 52 (52 < 60? value 52 < 60 → dropped)
    expect(r.orders.map((o) => [o.side, o.asset, o.quantity])).toEqual([['sell', 'A', '105']]);
    expect(r.cashAfter.decimal).toBe('105');
  });
  it('exact decimals: 0.1 + 0.2 style amounts do not drift', () => {
    const r = rebalanceTrades({ holdings: { A: '0.1' }, prices: { A: '0.2', B: '0.1' }, target: { A: 0, B: 0.5 }, cash: '0.3' });
    // V = 0.02 + 0.3 = 0.32; sell 0.1 A → cash 0.32; B wants 0.16 / 0.1 = 1.6 → 2 shares = 0.2
    expect(r.cashAfter.decimal).toBe('0.12');
    expect(r.totalValue.decimal).toBe('0.32');
  });
  it('to-band-edge trades breached assets only, to the edge, never past target', () => {
    // V = 1000; A 70 % vs 50 % ±5 → sell to 55 %: 150 / lot 10 → 15 lots; B 20 % vs 30 ±5 → buy to 25 %: 50; C 10 % vs 20 % ±5 → buy to 15 %: 50
    const r = rebalanceTrades({
      holdings: { A: 70, B: 20, C: 10 },
      prices: { A: 10, B: 10, C: 10 },
      target: { A: 0.5, B: 0.3, C: 0.2 },
      cash: 0,
      mode: 'to-band-edge',
      bands: { type: 'absolute', width: 0.05 },
    });
    expect(r.orders.map((o) => [o.side, o.asset, o.quantity])).toEqual([
      ['sell', 'A', '15'],
      ['buy', 'B', '5'],
      ['buy', 'C', '5'],
    ]);
    expectClose([r.weightsAfter.A!, r.weightsAfter.B!, r.weightsAfter.C!], [0.55, 0.25, 0.15], { rtol: 1e-15 });
  });
  it('labels such as __proto__ are ordinary keys', () => {
    const r = rebalanceTrades({ holdings: JSON.parse('{"__proto__": 10}'), prices: JSON.parse('{"__proto__": 1, "X": 1}'), target: { X: 1 }, cash: 0 });
    expect(Object.keys(r.holdingsAfter)).toContain('__proto__');
    expect(r.holdingsAfter['__proto__']).toBe('0');
  });
  it('bad input', () => {
    const ok = { holdings: { A: 1 }, prices: { A: 1 }, target: { A: 1 }, cash: 0 };
    throwsTyped(() => rebalanceTrades({ ...ok, holdings: { A: -1 } }), InvalidArgumentError, /non-negative/);
    throwsTyped(() => rebalanceTrades({ ...ok, prices: {} }), InvalidArgumentError, /no price/);
    throwsTyped(() => rebalanceTrades({ ...ok, target: { A: 0.8, B: 0.5 }, prices: { A: 1, B: 1 } }), InvalidArgumentError, /above 1/);
    throwsTyped(() => rebalanceTrades({ ...ok, mode: 'to-band-edge' }), InvalidArgumentError, /bands/);
    throwsTyped(() => rebalanceTrades({ ...ok, lotSizes: { A: 0 } }), InvalidArgumentError, /lotSizes/);
    throwsTyped(() => rebalanceTrades({ ...ok, cash: 'lots' }), InvalidArgumentError, /cash/);
    throwsTyped(() => rebalanceTrades({ ...ok, slippage: 1 } as never), InvalidArgumentError, /unknown option `slippage`/);
  });
});

describe('rebalanceTrades: properties', () => {
  const universe = fc.integer({ min: 1, max: 8 }).chain((n) =>
    fc.record({
      held: fc.array(fc.integer({ min: 0, max: 500 }), { minLength: n, maxLength: n }),
      prices: fc.array(
        fc.integer({ min: 1, max: 20000 }).map((c) => c / 100),
        { minLength: n, maxLength: n },
      ),
      raw: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
      lots: fc.array(fc.constantFrom(1, 5, 10, 100), { minLength: n, maxLength: n }),
      cash: fc.integer({ min: 0, max: 100000 }),
      perTrade: fc.constantFrom(0, 1, 5),
    }),
  );
  const build = (u: { held: number[]; prices: number[]; raw: number[]; lots: number[]; cash: number; perTrade: number }, buffer: number) => {
    const names = u.held.map((_, i) => `S${i}`);
    const s = u.raw.reduce((a, b) => a + b, 0) || 1;
    return {
      holdings: Object.fromEntries(names.map((a, i) => [a, u.held[i]!])),
      prices: Object.fromEntries(names.map((a, i) => [a, u.prices[i]!])),
      target: Object.fromEntries(names.map((a, i) => [a, u.raw[i]! / s])),
      lotSizes: Object.fromEntries(names.map((a, i) => [a, u.lots[i]!])),
      cash: u.cash,
      cashBuffer: buffer,
      ...(u.perTrade ? { costs: { commission: { perTrade: u.perTrade } } } : {}),
    };
  };
  it('never overdraws cash, never sells more than held, conserves value net of costs', () => {
    fc.assert(
      fc.property(universe, fc.constantFrom('to-target', 'to-band-edge'), (u, mode) => {
        const input = { ...build(u, 0), mode: mode as 'to-target' | 'to-band-edge', bands: { type: 'hybrid' as const, absolute: 0.05, relative: 0.25 } };
        const V = u.held.reduce((a, q, i) => a + q * u.prices[i]!, u.cash);
        if (V <= 0) return;
        const r = rebalanceTrades(input);
        expect(r.cashAfter.number).toBeGreaterThanOrEqual(0);
        for (const [a, q] of Object.entries(r.holdingsAfter)) expect(Number(q), a).toBeGreaterThanOrEqual(0);
        const Vafter = Object.entries(r.holdingsAfter).reduce((s, [a, q]) => s + Number(q) * input.prices[a]!, r.cashAfter.number);
        expect(Vafter + r.totalCost.number).toBeCloseTo(V, 6);
        if (mode === 'to-band-edge') {
          // never past target: each trade moves the weight towards the target and stops at or before it
          for (const o of r.orders) {
            const before = r.weightsBefore[o.asset]!;
            const target = input.target[o.asset]!;
            const after = (Number(r.holdingsAfter[o.asset]) * input.prices[o.asset]!) / V;
            if (o.side === 'sell') expect(after).toBeGreaterThanOrEqual(target - 1e-12);
            else expect(after).toBeLessThanOrEqual(target + 1e-12);
            expect(Math.abs(after - target)).toBeLessThan(Math.abs(before - target) + 1e-12);
          }
        }
      }),
      { seed: 42, numRuns: 150 },
    );
  });
  it('to-target: with cash to spare, every holding is within half a lot of its target value', () => {
    fc.assert(
      fc.property(universe, (u) => {
        // holdings in whole lots (an odd lot can be impossible to trade down to target)
        u = { ...u, held: u.held.map((q, i) => q * u.lots[i]!), perTrade: 0 };
        const input = { ...build(u, 0) };
        const V = u.held.reduce((a, q, i) => a + q * u.prices[i]!, u.cash);
        if (V <= 0) return;
        // enough slack for every rounding-up: keep half of each lot's value in a cash buffer
        const slack = u.lots.reduce((a, l, i) => a + (l * u.prices[i]!) / 2, 0);
        if (slack / V >= 0.5) return;
        const r = rebalanceTrades({ ...input, cashBuffer: slack / V });
        const investable = V * (1 - slack / V);
        for (const [a, q] of Object.entries(r.holdingsAfter)) {
          const i = Number(a.slice(1));
          const lotValue = u.lots[i]! * u.prices[i]!;
          const t = input.target[a]!;
          if (t === 0) {
            expect(Number(q)).toBe(0);
            continue;
          }
          // starting holdings need not be lot multiples, so the order (in whole lots) lands within half a lot of the desired value
          expect(Math.abs(Number(q) * u.prices[i]! - t * investable)).toBeLessThanOrEqual(lotValue / 2 + 1e-6);
        }
      }),
      { seed: 42, numRuns: 150 },
    );
  });
});

describe('rebalanceCostBenefit', () => {
  it('closed form, hand-worked', () => {
    const r = rebalanceCostBenefit({
      current: [0.7, 0.3],
      target: [0.6, 0.4],
      cov: [
        [0.04, 0],
        [0, 0.01],
      ],
      costs: 0.001,
      riskAversion: 4,
    });
    // dᵀΣd = 0.0005; Σc|d| = 0.0002; α* = 0.9; benefit = 2·(0.0005 − 0.01·0.0005) = 0.00099; cost 0.00018
    expectClose(r.fraction, 0.9, { rtol: 1e-14 });
    expectClose(r.trackingVarianceBefore, 0.0005, { rtol: 1e-14 });
    expectClose(r.benefit, 0.00099, { rtol: 1e-12 });
    expectClose(r.cost, 0.00018, { rtol: 1e-12 });
    expectClose(r.weights, [0.61, 0.39], { rtol: 1e-14 });
    expectClose(r.fullRebalance.netBenefit, 0.0008, { rtol: 1e-12 });
  });
  it('costs too high: do not trade', () => {
    const r = rebalanceCostBenefit({
      current: [0.7, 0.3],
      target: [0.6, 0.4],
      cov: [
        [0.04, 0],
        [0, 0.01],
      ],
      costs: [0.02, 0.02],
      riskAversion: 1,
    });
    expect(r.rebalance).toBe(false);
    expect(r.weights).toEqual([0.7, 0.3]);
  });
  it('property: α* maximises the net benefit over a grid', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -0.2, max: 0.2, noNaN: true }),
        fc.double({ min: 0, max: 0.01, noNaN: true }),
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        (d, c, delta) => {
          const input = {
            current: [0.5 + d, 0.5 - d],
            target: [0.5, 0.5],
            cov: [
              [0.04, 0.01],
              [0.01, 0.02],
            ],
            costs: c,
            riskAversion: delta,
          };
          const r = rebalanceCostBenefit(input);
          const q = d * d * (0.04 - 0.02 + 0.02);
          for (let k = 0; k <= 20; k++) {
            const a = k / 20;
            const net = (delta / 2) * (q - (1 - a) ** 2 * q) - a * c * 2 * Math.abs(d);
            expect(net).toBeLessThanOrEqual(r.netBenefit + 1e-15);
          }
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });
  it('bad input', () => {
    throwsTyped(() => rebalanceCostBenefit({ current: [1], target: [1], cov: [[1]], costs: -1, riskAversion: 1 }), InvalidArgumentError, /costs/);
    throwsTyped(() => rebalanceCostBenefit({ current: [1], target: [1], cov: [[1]], costs: 0, riskAversion: 0 }), InvalidArgumentError, /riskAversion/);
    throwsTyped(() => rebalanceCostBenefit({ current: [1, 0], target: [1, 0], cov: [[1]], costs: 0, riskAversion: 1 }), DimensionError, /cov/);
  });
});

describe('simulateRebalancing', () => {
  const prices = [
    [100, 100],
    [110, 100],
    [121, 100],
    [133.1, 100],
  ];
  it('threshold policy, hand-worked: drift 2.4, 4.8 then 7.1 pp → one rebalance at row 3', () => {
    const r = simulateRebalancing(deepFreeze(prices), [0.5, 0.5], {
      policy: { type: 'threshold', bands: { type: 'absolute', width: 0.05 } },
      initialValue: 1000,
    });
    expect(r.rebalanceIndices).toEqual([3]);
    // value at row 3: 500 · 1.331 + 500 = 1165.5, traded back to 582.75 each: Σ|trade| = 2 · 82.75
    expectClose(r.finalValue, 1165.5, { rtol: 1e-14 });
    expectClose(r.turnover, 165.5 / 1165.5, { rtol: 1e-13 });
    expect(r.costsPaid).toBe(0);
    expectClose(r.maxDrift, 665.5 / 1165.5 - 0.5, { rtol: 1e-13 });
  });
  it('calendar policy with proportional costs', () => {
    const dates = ['2024-01-30', '2024-01-31', '2024-02-01', '2024-02-02'];
    const r = simulateRebalancing(prices, [0.5, 0.5], {
      policy: { type: 'calendar', frequency: 'monthly' },
      dates,
      costs: { commission: { bps: 10 } },
      initialValue: 1000,
    });
    expect(r.rebalanceIndices).toEqual([2]);
    // at row 2: value 605 + 500 = 1105; trade 52.5 each side → cost 105 · 10 bp = 0.105
    expectClose(r.costsPaid, 0.105, { rtol: 1e-12 });
    // row 3: 1104.895 / 2 · 1.1 + 1104.895 / 2
    expectClose(r.finalValue, (1104.895 / 2) * 1.1 + 1104.895 / 2, { rtol: 1e-13 });
  });
  it('with no rebalancing the target mix differs from buy-and-hold', () => {
    const r = simulateRebalancing(prices, [0.5, 0.5], { policy: { type: 'threshold', bands: { type: 'absolute', width: 1 } }, initialValue: 1 });
    expect(r.rebalances).toBe(0);
    expectClose(r.finalValue, 0.5 * 1.331 + 0.5, { rtol: 1e-14 });
    expectClose(r.targetMixFinalValue, 1.05 ** 3, { rtol: 1e-14 });
  });
  it('bad input', () => {
    throwsTyped(() => simulateRebalancing(prices, [0.5, 0.5], { policy: { type: 'calendar' } }), InvalidArgumentError, /dates/);
    throwsTyped(
      () =>
        simulateRebalancing(
          [
            [1, 0],
            [1, 1],
          ],
          [0.5, 0.5],
          { policy: { type: 'threshold', bands: { type: 'absolute', width: 0.1 } } },
        ),
      InvalidArgumentError,
      /positive/,
    );
    throwsTyped(() => simulateRebalancing(prices, [0.5], { policy: { type: 'threshold', bands: { type: 'absolute', width: 0.1 } } }), DimensionError, /target/);
    throwsTyped(
      () => simulateRebalancing(prices, [0.5, 0.5], { policy: { type: 'calendar' }, dates: ['2024-01-02', '2024-01-01', '2024-01-03', '2024-01-04'] }),
      InvalidArgumentError,
      /increase/,
    );
  });
});
