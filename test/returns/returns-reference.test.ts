/**
 * quantivista/returns against numpy / pandas (scripts/fixtures/returns/returns_reference.py), on a
 * 50-asset x 1001-day synthetic set made in Python and on the committed sample data.
 */
import { describe, it } from 'vitest';
import {
  annualizeCovariance,
  annualizeReturn,
  annualizeVolatility,
  cumulativeReturns,
  logReturns,
  portfolioReturns,
  simpleReturns,
} from '../../src/returns/index.ts';
import { expectClose, loadFixture, loadSampleData } from '../helpers.ts';

interface Portfolio {
  label: string;
  weights: number[];
  everyPeriod: number[];
  buyAndHold: number[];
  buyAndHoldFinalWealth: number;
}
interface Case {
  name: string;
  prices?: number[][];
  rows: number[];
  simpleReturnsRows: number[][];
  logReturnsRows: number[][];
  cumulativeReturnsRows: number[][];
  priceRatioMinusOne: number[];
  portfolios: Portfolio[];
  annualize: {
    periodsPerYear: number;
    meanReturns: number[];
    arithmetic: number[];
    geometricReturns: number[];
    geometric: number[];
    volatility: number[];
    annualVolatility: number[];
    covarianceFirst5: number[][];
    annualCovarianceFirst5: number[][];
  };
}

const fixture = loadFixture<{ cases: Case[] }>('returns/returns.json');
const sample = loadSampleData<{ prices: number[][] }>();

describe('returns vs numpy / pandas', () => {
  for (const c of fixture.cases) {
    const prices = c.prices ?? sample.prices;
    const simple = simpleReturns(prices);
    const pick = (m: number[][]): number[][] => c.rows.map((r) => m[r]!);

    it(`simpleReturns = pandas pct_change: ${c.name}`, () => {
      // pandas computes p1 / p0 − 1, we (p1 − p0) / p0: they differ by at most an ulp of 1.
      expectClose(pick(simple.toArray()), c.simpleReturnsRows, { rtol: 1e-12, atol: 2.3e-16, label: 'simple' });
    });

    it(`logReturns = numpy log(p1 / p0): ${c.name}`, () => {
      expectClose(pick(logReturns(prices).toArray()), c.logReturnsRows, { rtol: 1e-12, atol: 2.3e-16, label: 'log' });
    });

    it(`cumulativeReturns = (1 + r).cumprod() − 1 and ends at p_T / p_0 − 1: ${c.name}`, () => {
      const cum = cumulativeReturns(simple).toArray();
      expectClose(pick(cum), c.cumulativeReturnsRows, { rtol: 1e-12, atol: 1e-13, label: 'cumulative' });
      expectClose(cum[cum.length - 1], c.priceRatioMinusOne, { rtol: 1e-11, atol: 1e-12, label: 'total' });
    });

    for (const p of c.portfolios) {
      it(`portfolioReturns every-period and buy-and-hold (${p.label}): ${c.name}`, () => {
        expectClose(portfolioReturns(simple, p.weights), p.everyPeriod, { rtol: 1e-12, atol: 1e-16, label: 'every-period' });
        const bh = portfolioReturns(simple, p.weights, { rebalance: 'none' });
        // The reference takes wealth ratios W_t / W_{t−1} − 1, which cancel digits: absolute 1e-14.
        expectClose(bh, p.buyAndHold, { rtol: 1e-11, atol: 1e-14, label: 'buy-and-hold' });
        const wealth = bh.reduce((w, r) => w * (1 + r), 1);
        expectClose(wealth, p.buyAndHoldFinalWealth, { rtol: 1e-11, label: 'final wealth' });
      });
    }

    it(`annualizeReturn / annualizeVolatility / annualizeCovariance: ${c.name}`, () => {
      const a = c.annualize;
      const ppy = a.periodsPerYear;
      expectClose(annualizeReturn(a.meanReturns, { periodsPerYear: ppy, compounding: 'arithmetic' }), a.arithmetic, { label: 'arithmetic' });
      // numpy: (1 + r)^252 − 1; we: expm1(252 · log1p(r)) (more accurate), so allow a few ulps of (1 + r)^252.
      expectClose(annualizeReturn(a.geometricReturns, { periodsPerYear: ppy }), a.geometric, { rtol: 1e-12, atol: 1e-13, label: 'geometric' });
      expectClose(annualizeVolatility(a.volatility, { periodsPerYear: ppy }), a.annualVolatility, { label: 'vol' });
      expectClose(annualizeCovariance(a.covarianceFirst5, { periodsPerYear: ppy }), a.annualCovarianceFirst5, { label: 'cov' });
    });
  }
});
