/**
 * Returns with external cash flows: TWR, Modified Dietz, money-weighted return and XIRR.
 * References: the CFA Program curriculum's money- vs time-weighted return example (Level I,
 * Quantitative Methods, "Rates and Returns": one share bought at 100, a second at 120 a year later,
 * both sold at 130 after another year, a 2 dividend per share per year: MWR 13.86 %, TWR 15.84 % a
 * year); the classic XIRR example of the issue (Excel's documentation, 0.373362535); and scipy / numpy
 * fixtures (scripts/fixtures/performance/metrics.py).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { linkedModifiedDietz, modifiedDietz, moneyWeightedReturn, timeWeightedReturn, xirr } from '../../src/performance/index.ts';
import { DimensionError, InsufficientDataError, InvalidArgumentError } from '../../src/core/errors.ts';
import { deepFreeze, expectClose, loadFixture } from '../helpers.ts';

const fx = loadFixture('performance/metrics.json');

describe('CFA money-weighted vs time-weighted example', () => {
  it('TWR: holding-period returns 22 % and 10 %, 15.84 % a year', () => {
    const twr = timeWeightedReturn([100, 240, 0], [118, -264], { periodsPerYear: 1 });
    expectClose(twr.subPeriodReturns, [0.22, 0.1], { rtol: 1e-14 });
    expectClose(twr.annualizedReturn!, Math.sqrt(1.22 * 1.1) - 1, { rtol: 1e-14 });
    expect(twr.annualizedReturn!.toFixed(4)).toBe('0.1584');
  });
  it('MWR: 13.86 %', () => {
    const m = moneyWeightedReturn([-100, -118, 264]);
    expect(m.rate.toFixed(4)).toBe('0.1386');
    // closed form: −100 x² − 118 x + 264 = 0 with x = 1 + r
    expectClose(m.rate, (-118 + Math.sqrt(118 * 118 + 4 * 100 * 264)) / 200 - 1, { rtol: 1e-13 });
    expect(m.converged).toBe(true);
    expect(m.residual).toBeLessThan(1e-14);
  });
});

describe('XIRR and IRR', () => {
  it('the classic example gives 0.37336253351883…', () => {
    const r = xirr(
      deepFreeze([
        { date: '2008-01-01', amount: -10000 },
        { date: '2008-03-01', amount: 2750 },
        { date: '2008-10-30', amount: 4250 },
        { date: '2009-02-15', amount: 3250 },
        { date: '2009-04-01', amount: 2750 },
      ]),
    );
    expectClose(r.rate, 0.37336253351883, { rtol: 1e-13 });
  });
  it('irregular flows: agrees with scipy brentq', () => {
    expectClose(xirr(fx.xirr.flows).rate, fx.xirr.rate, { rtol: 1e-12 });
  });
  it('periodic IRR with three sign changes but one real root: agrees with numpy.roots', () => {
    expect(fx.mwr.rates.length).toBe(1);
    expectClose(moneyWeightedReturn(fx.mwr.cashFlows).rate, fx.mwr.rates[0], { rtol: 1e-12 });
    expectClose(moneyWeightedReturn([-100, 110], { periodsPerYear: 12 }).annualizedRate!, 1.1 ** 12 - 1, { rtol: 1e-13 });
  });
  it('no sign change, several roots, unsorted dates: typed errors naming the argument', () => {
    expect(() => moneyWeightedReturn([100, 50, 20])).toThrow(/sign change/);
    expect(() => moneyWeightedReturn([100, 50, 20])).toThrow(InvalidArgumentError);
    // −1, +2.3, −1.32: (1+r)² − 2.3(1+r) + 1.32 = 0 → 1+r = 1.1 or 1.2
    expect(() => moneyWeightedReturn([-1, 2.3, -1.32])).toThrow(/several rates/);
    // −1, +1, −1: NPV < 0 for all r (no root)
    expect(() => moneyWeightedReturn([-1, 1, -1])).toThrow(/no rate/);
    expect(() =>
      xirr([
        { date: '2020-02-01', amount: -1 },
        { date: '2020-01-01', amount: 2 },
      ]),
    ).toThrow(/sorted/);
    expect(() =>
      xirr([
        { date: '2020-02-30', amount: -1 },
        { date: '2020-03-01', amount: 2 },
      ]),
    ).toThrow(/date/);
    expect(() => xirr([{ date: '2020-01-01', amount: -1 }])).toThrow(InsufficientDataError);
    expect(() =>
      xirr(
        [
          { date: '2020-01-01', amount: -1 },
          { date: '2021-01-01', amount: 2 },
        ],
        { dayCount: '30/360' as never },
      ),
    ).toThrow(/dayCount/);
  });
  it('property: the NPV is zero at the returned rate', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 100000 }),
        fc.array(fc.tuple(fc.integer({ min: 20, max: 400 }), fc.integer({ min: -5000, max: 20000 })), { minLength: 1, maxLength: 8 }),
        (initial, rest) => {
          // investor flows: −initial, then later flows; make the last one positive so a sign change exists
          let day = 0;
          const flows = [{ date: '2020-01-01', amount: -initial }];
          const base = Date.UTC(2020, 0, 1);
          rest.forEach(([gap, amt], i) => {
            day += gap;
            const d = new Date(base + day * 86400000).toISOString().slice(0, 10);
            flows.push({ date: d, amount: i === rest.length - 1 ? Math.abs(amt) + 1 : amt });
          });
          let res: ReturnType<typeof xirr>;
          try {
            res = xirr(flows);
          } catch (e) {
            return e instanceof InvalidArgumentError; // several roots are reported, never a wrong rate
          }
          // near r = −1 the rate itself cannot carry 1 + r to full relative precision; check the rest
          if (res.rate < -0.99) return true;
          const t0 = Date.parse(flows[0]!.date);
          let npv = 0;
          let scale = 0;
          for (const f of flows) {
            const t = (Date.parse(f.date) - t0) / 86400000 / 365;
            npv += f.amount / (1 + res.rate) ** t;
            scale += Math.abs(f.amount) / (1 + res.rate) ** t;
          }
          return Math.abs(npv) <= 1e-9 * scale;
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });
});

describe('time-weighted return', () => {
  it('full withdrawal, an empty day, then a new contribution: empty sub-periods are skipped', () => {
    // end-of-day flows: +10 % then everything (1100) withdrawn; a day with nothing; 500 arrives at the
    // end of day 3; +2 % on day 4.
    const e = timeWeightedReturn(deepFreeze([1000, 0, 0, 500, 510]), deepFreeze([-1100, 0, 500, 0]));
    expect(e.skipped).toEqual([1, 2]);
    expectClose(e.subPeriodReturns, [0.1, 0, 0, 0.02], { rtol: 1e-14 });
    expectClose(e.return, 1.1 * 1.02 - 1, { rtol: 1e-14 });
    // start-of-day flows: +10 %; everything withdrawn at the start of day 2; 500 at the start of day 3 earns 2 %.
    const s = timeWeightedReturn([1000, 1100, 0, 510], [0, -1100, 500], { flowTiming: 'start-of-day' });
    expect(s.skipped).toEqual([1]);
    expectClose(s.return, 1.1 * 1.02 - 1, { rtol: 1e-14 });
  });
  it('property: invariant to the size and sign of external flows', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -300, max: 300 }), fc.integer({ min: -900, max: 5000 })), { minLength: 1, maxLength: 30 }),
        fc.constantFrom<'start-of-day' | 'end-of-day'>('start-of-day', 'end-of-day'),
        (days, timing) => {
          const rets = days.map(([r]) => r / 1000);
          const V = [1000];
          const F: number[] = [];
          for (let t = 0; t < days.length; t++) {
            const prev = V[t]!;
            // a withdrawal never exceeds what is there
            const f = Math.max(days[t]![1], -prev * 0.9 * (timing === 'start-of-day' ? 1 : 1 + rets[t]!));
            F.push(f);
            V.push(timing === 'start-of-day' ? (prev + f) * (1 + rets[t]!) : prev * (1 + rets[t]!) + f);
          }
          const twr = timeWeightedReturn(V, F, { flowTiming: timing });
          const expected = rets.reduce((g, r) => g * (1 + r), 1) - 1;
          return Math.abs(twr.return - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
        },
      ),
      { seed: 42, numRuns: 300 },
    );
  });
  it('typed errors', () => {
    expect(() => timeWeightedReturn([100, 110], [1, 2])).toThrow(DimensionError);
    expect(() => timeWeightedReturn([100], [])).toThrow(InsufficientDataError);
    expect(() => timeWeightedReturn([100, -1], [0])).toThrow(/valuations/);
    expect(() => timeWeightedReturn([100, 0, 50], [-100, 0])).toThrow(/nothing was invested/);
    expect(() => timeWeightedReturn([100, 110], [0], { flowTiming: 'noon' as never })).toThrow(/flowTiming/);
  });
});

describe('Modified Dietz', () => {
  it('agrees with the hand formula in the fixture', () => {
    const m = fx.modifiedDietz;
    const res = modifiedDietz(m.startValue, m.endValue, deepFreeze(m.flows), { start: m.start, end: m.end });
    expectClose(res.return, m.ret, { rtol: 1e-14 });
    expect(res.days).toBe(31);
  });
  it('linked sub-periods compound; gaps and disorder are rejected', () => {
    const p = [
      { start: '2024-01-01', end: '2024-01-31', startValue: 1000, endValue: 1100, flows: [] },
      { start: '2024-01-31', end: '2024-02-29', startValue: 1100, endValue: 1210, flows: [] },
    ];
    expectClose(linkedModifiedDietz(p).return, 0.21, { rtol: 1e-14 });
    expect(() => linkedModifiedDietz([p[0]!, { ...p[1]!, start: '2024-02-01' }])).toThrow(/contiguous/);
    expect(() =>
      modifiedDietz(
        1,
        1,
        [
          { date: '2024-01-20', amount: 1 },
          { date: '2024-01-10', amount: 1 },
        ],
        { start: '2024-01-01', end: '2024-01-31' },
      ),
    ).toThrow(/order/);
    expect(() => modifiedDietz(1, 1, [{ date: '2024-03-20', amount: 1 }], { start: '2024-01-01', end: '2024-01-31' })).toThrow(/within the period/);
    expect(() => modifiedDietz(1, 1, [], { start: '2024-01-31', end: '2024-01-01' })).toThrow(/after/);
    expect(() => modifiedDietz(0, 1, [], { start: '2024-01-01', end: '2024-01-31' })).toThrow(/average invested capital/);
  });
});
