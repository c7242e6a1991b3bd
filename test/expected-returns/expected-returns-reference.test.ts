/**
 * quantivista/expected-returns against numpy / pandas
 * (scripts/fixtures/expected-returns/expected_returns_reference.py): arithmetic and geometric
 * means, pandas `ewm(span | halflife, adjust=True).mean()` last values, and CAPM returns as in
 * PyPortfolioOpt's `capm_return` (per period), on a 50-asset x 1000-day synthetic set and on the
 * sample data (with the benchmark as the market).
 */
import { describe, it } from 'vitest';
import { capmReturn, emaHistoricalReturn, meanHistoricalReturn } from '../../src/expected-returns/index.ts';
import { simpleReturns } from '../../src/returns/index.ts';
import { expectClose, loadFixture, loadSampleData } from '../helpers.ts';

interface Case {
  name: string;
  returns?: number[][];
  market?: number[];
  arithmetic: number[];
  geometric: number[];
  ema: Array<{ span?: number; halfLife?: number; expected: number[] }>;
  capm: Array<{ riskFreeRate: number; compounding: 'arithmetic' | 'geometric'; betas: number[]; marketReturn: number; expected: number[] }>;
}

const fixture = loadFixture<{ cases: Case[] }>('expected-returns/expected-returns.json');
const sample = loadSampleData<{ prices: number[][]; benchmark: { prices: number[] } }>();

describe('expected returns vs numpy / pandas', () => {
  for (const c of fixture.cases) {
    const returns = c.returns ?? simpleReturns(sample.prices);
    const market = c.market ?? simpleReturns(sample.benchmark.prices);

    it(`meanHistoricalReturn arithmetic and geometric: ${c.name}`, () => {
      expectClose(meanHistoricalReturn(returns).expectedReturns, c.arithmetic, { rtol: 1e-12, atol: 1e-17, label: 'arithmetic' });
      expectClose(meanHistoricalReturn(returns, { compounding: 'geometric' }).expectedReturns, c.geometric, {
        rtol: 1e-11,
        atol: 1e-16,
        label: 'geometric',
      });
    });

    for (const e of c.ema) {
      const opts = e.span !== undefined ? { span: e.span } : { halfLife: e.halfLife as number };
      it(`emaHistoricalReturn ${JSON.stringify(opts)} = pandas ewm(...).mean().iloc[-1]: ${c.name}`, () => {
        expectClose(emaHistoricalReturn(returns, opts).expectedReturns, e.expected, { rtol: 1e-11, atol: 1e-17, label: JSON.stringify(opts) });
      });
    }

    for (const k of c.capm) {
      it(`capmReturn rf = ${k.riskFreeRate}, ${k.compounding}: ${c.name}`, () => {
        const res = capmReturn(returns, market, { riskFreeRate: k.riskFreeRate, compounding: k.compounding });
        expectClose(res.betas, k.betas, { rtol: 1e-12, atol: 1e-14, label: 'betas' });
        expectClose(res.marketReturn, k.marketReturn, { rtol: 1e-12, label: 'market' });
        expectClose(res.expectedReturns, k.expected, { rtol: 1e-12, atol: 1e-17, label: 'mu' });
      });
    }
  }
});
