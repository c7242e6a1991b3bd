/**
 * Kupiec, Christoffersen, Basel traffic light and backtestVaR against scipy.stats.chi2 / binom
 * references (scripts/fixtures/risk/risk.py) and the Basel Committee (1996) Table 2.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { backtestVaR, baselTrafficLight, christoffersenTest, kupiecTest } from '../../src/risk/index.ts';
import { DimensionError, InsufficientDataError, InvalidArgumentError } from '../../src/core/errors.ts';
import { expectClose, loadFixture } from '../helpers.ts';

const fx = loadFixture('risk/risk.json');

describe('kupiecTest', () => {
  it('LR_POF and p-values match scipy (zero exceptions and x = T included)', () => {
    for (const e of fx.kupiec) {
      const r = kupiecTest(e.exceptions, e.observations, e.confidence);
      expectClose(r.statistic, e.statistic, { rtol: 1e-12, atol: 1e-13, label: `LR(${e.exceptions}/${e.observations})` });
      expectClose(r.pValue, e.pValue, { rtol: 1e-12, atol: 1e-300, label: `p(${e.exceptions}/${e.observations})` });
      expect(r.reject).toBe(e.pValue < 0.05);
    }
  });
});

describe('christoffersenTest', () => {
  it('transition counts, LR_ind, LR_cc and p-values match the scipy reference', () => {
    for (const e of fx.christoffersen) {
      const r = christoffersenTest(e.hits, e.confidence);
      expect(r.transitions).toEqual({ n00: e.n00, n01: e.n01, n10: e.n10, n11: e.n11 });
      expectClose([r.independence.statistic, r.independence.pValue], [e.independence.statistic, e.independence.pValue], { rtol: 1e-11, atol: 1e-13 });
      expectClose([r.coverage.statistic, r.coverage.pValue], [e.coverage.statistic, e.coverage.pValue], { rtol: 1e-11, atol: 1e-13 });
      expectClose([r.conditionalCoverage.statistic, r.conditionalCoverage.pValue], [e.conditionalCoverage.statistic, e.conditionalCoverage.pValue], {
        rtol: 1e-11,
        atol: 1e-13,
      });
    }
  });
  it('accepts booleans like 0/1', () => {
    const h = fx.christoffersen[0].hits as number[];
    expect(
      christoffersenTest(
        h.map((v) => v === 1),
        0.99,
      ),
    ).toEqual(christoffersenTest(h, 0.99));
  });
  it('statistics are finite and non-negative for any hit series (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(0, 1), { minLength: 2, maxLength: 300 }), fc.constantFrom(0.9, 0.95, 0.99), (h, c) => {
        const r = christoffersenTest(h, c);
        for (const t of [r.coverage, r.independence, r.conditionalCoverage]) {
          expect(Number.isFinite(t.statistic) && t.statistic >= 0).toBe(true);
          expect(t.pValue >= 0 && t.pValue <= 1).toBe(true);
        }
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});

describe('baselTrafficLight', () => {
  it('reproduces Basel Committee (1996) Table 2 for 250 days at 99 %', () => {
    // zone and plus factor for 0 .. 12 exceptions
    const table: Array<[string, number]> = [
      ['green', 0],
      ['green', 0],
      ['green', 0],
      ['green', 0],
      ['green', 0],
      ['yellow', 0.4],
      ['yellow', 0.5],
      ['yellow', 0.65],
      ['yellow', 0.75],
      ['yellow', 0.85],
      ['red', 1],
      ['red', 1],
      ['red', 1],
    ];
    table.forEach(([zone, plus], x) => {
      const r = baselTrafficLight(x, 250);
      expect(r.zone).toBe(zone);
      expect(r.plusFactor).toBe(plus);
      expect(r.multiplier).toBe(3 + plus);
      expect(r.basis).toBe('basel-table');
    });
    // Table 1's cumulative probabilities: 4 exceptions 89.22 %, 5: 95.88 %, 9: 99.97 %, 10: 99.99 %.
    expect(baselTrafficLight(4).cumulativeProbability).toBeCloseTo(0.8922, 4);
    expect(baselTrafficLight(5).cumulativeProbability).toBeCloseTo(0.9588, 4);
  });
  it('cumulative probabilities match scipy binom.cdf; the binomial rule agrees with the table at 250 / 99 %', () => {
    for (const e of fx.binomial) {
      const r = baselTrafficLight(e.k, e.n, { confidence: 1 - e.p });
      expectClose(r.cumulativeProbability, e.cdf, { rtol: 1e-12, label: `F(${e.k}; ${e.n}, ${e.p})` });
      if (e.n === 250 && e.p === 0.01) {
        const zone = e.cdf < 0.95 ? 'green' : e.cdf < 0.9999 ? 'yellow' : 'red';
        expect(r.zone).toBe(zone);
      } else {
        expect(r.basis).toBe('binomial');
        expect(r.zone).toBe(e.cdf < 0.95 ? 'green' : e.cdf < 0.9999 ? 'yellow' : 'red');
      }
    }
  });
});

describe('backtestVaR', () => {
  it('counts exceptions strictly beyond the forecast and runs every test', () => {
    const returns = [-0.03, -0.031, 0.01, -0.05, 0.02, -0.0299];
    const forecasts = [0.03, 0.03, 0.03, 0.03, 0.03, 0.03];
    const r = backtestVaR(returns, forecasts, { confidence: 0.95 });
    expect(r.hits).toEqual([0, 1, 0, 1, 0, 0]);
    expect(r.exceptionIndices).toEqual([1, 3]);
    expect(r.kupiec).toEqual(kupiecTest(2, 6, 0.95));
    expect(r.christoffersen).toEqual(christoffersenTest([0, 1, 0, 1, 0, 0], 0.95));
    expect(r.trafficLight).toEqual(baselTrafficLight(2, 6, { confidence: 0.95 }));
  });
  it('verdict follows Kupiec and conditional coverage', () => {
    const e = fx.christoffersen[2];
    const hits = e.hits as number[];
    const r = backtestVaR(
      hits.map((h) => (h ? -0.05 : 0.001)),
      new Array(hits.length).fill(0.03),
      { confidence: 0.99 },
    );
    expect(r.christoffersen.independence.statistic).toBeCloseTo(e.independence.statistic, 10);
    expect(r.verdict).toBe(r.kupiec.reject || r.christoffersen.conditionalCoverage.reject ? 'reject' : 'accept');
    expect(r.verdict).toBe('reject');
  });
});

describe('typed errors', () => {
  const cases: Array<[string, () => unknown, new (...a: any[]) => Error, RegExp]> = [
    ['exceptions > observations', () => kupiecTest(5, 4, 0.99), InvalidArgumentError, /`exceptions`/],
    ['negative exceptions', () => kupiecTest(-1, 4, 0.99), InvalidArgumentError, /`exceptions`/],
    ['fractional observations', () => kupiecTest(1, 4.5, 0.99), InvalidArgumentError, /`observations`/],
    ['confidence outside (0, 1)', () => kupiecTest(1, 100, 99), InvalidArgumentError, /`confidence`/],
    ['bad significance', () => kupiecTest(1, 100, 0.99, { significance: 0 }), InvalidArgumentError, /`significance`/],
    ['bad hit value', () => christoffersenTest([0, 2, 1], 0.99), InvalidArgumentError, /`hitSeries`/],
    ['one observation', () => christoffersenTest([1], 0.99), InsufficientDataError, /`hitSeries`/],
    ['traffic light count', () => baselTrafficLight(300, 250), InvalidArgumentError, /`exceptions`/],
    ['backtest lengths', () => backtestVaR([0.01, 0.02], [0.03]), DimensionError, /`forecasts`/],
    ['backtest NaN', () => backtestVaR([0.01, Number.NaN], [0.03, 0.03]), InvalidArgumentError, /`returns`/],
  ];
  for (const [label, f, cls, msg] of cases) {
    it(label, () => {
      expect(f).toThrow(cls);
      expect(f).toThrow(msg);
    });
  }
});
