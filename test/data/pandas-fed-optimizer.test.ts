/**
 * The whole path a new user takes, against what a pandas-fed cvxopt gets on the same file
 * (test/fixtures/data/pandas-tables.json `minVolatility`, from scripts/fixtures/data/pandas_tables.py):
 * a price CSV with late listings and interior gaps → readPricesCsv → returnsTable → each column's
 * own mean (pandas `mean()`) and the pairwise covariance (pandas `cov()`) → annualised × 252 →
 * the long-only minimum-variance and target-return portfolios. And the other road: dropping every
 * incomplete row first (pandas `dropna()`), which changes the sample and the answer.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sampleCovariance } from '../../src/covariance/index.ts';
import { dropMissing, readPricesCsv, returnsTable } from '../../src/data/index.ts';
import { meanHistoricalReturn } from '../../src/expected-returns/index.ts';
import { efficientReturn, minVariance } from '../../src/optimize/index.ts';

interface Portfolio {
  weights: number[];
  volatility: number;
  expectedReturn: number;
  mu: number[];
  covariance: number[][];
  rowsKept?: number;
  efficientReturn?: { target: number; weights: number[]; volatility: number };
}
const fx = JSON.parse(readFileSync('test/fixtures/data/pandas-tables.json', 'utf8')) as { minVolatility: { pairwise: Portfolio; dropped: Portfolio } };
const prices = readPricesCsv(readFileSync('test/fixtures/data/prices-gaps.csv', 'utf8'));
const returns = returnsTable(prices);

function close(actual: readonly number[], expected: readonly number[], tol: number, what: string): void {
  expected.forEach((e, i) =>
    expect(Math.abs((actual[i] as number) - e), `${what}[${i}]: actual ${actual[i]}, expected ${e}, tolerance ${tol}`).toBeLessThanOrEqual(tol),
  );
}

describe('a pandas-fed mean-variance portfolio on a price file with leading blanks', () => {
  const e = fx.minVolatility.pairwise;
  const mu = meanHistoricalReturn(returns).expectedReturns.map((m) => m * 252);
  const cov = sampleCovariance(returns, { missing: 'pairwise' } as never)
    .covariance.toArray()
    .map((r) => r.map((v) => v * 252));

  it('annualised inputs equal pandas mean() and cov() (each column its own history; pairwise-complete covariance)', () => {
    close(mu, e.mu, 1e-13 * Math.max(...e.mu.map(Math.abs)), 'mu');
    cov.forEach((row, i) => close(row, e.covariance[i]!, 1e-13 * e.covariance[i]![i]!, `cov[${i}]`));
  });

  it('minimum variance: the same weights, volatility and return as cvxopt', () => {
    const p = minVariance(cov);
    close(p.weights, e.weights, 1e-7, 'weights');
    expect(Math.abs(p.volatility - e.volatility)).toBeLessThanOrEqual(1e-9);
    const ret = p.weights.reduce((s, w, i) => s + w * mu[i]!, 0);
    expect(Math.abs(ret - e.expectedReturn)).toBeLessThanOrEqual(1e-7);
  });

  it('target return: the same efficient portfolio as cvxopt (three weights at the long-only bound)', () => {
    const er = e.efficientReturn!;
    const p = efficientReturn(mu, cov, er.target);
    close(p.weights, er.weights, 1e-7, 'weights');
    expect(Math.abs(p.volatility - er.volatility)).toBeLessThanOrEqual(1e-9);
  });

  it('dropping incomplete rows instead gives pandas dropna() + cvxopt — a different, smaller sample', () => {
    const d = fx.minVolatility.dropped;
    const complete = dropMissing(returns, { how: 'any', axis: 'rows' });
    expect(complete.values.rows).toBe(d.rowsKept);
    const muD = meanHistoricalReturn(complete).expectedReturns.map((m) => m * 252);
    const covD = sampleCovariance(complete)
      .covariance.toArray()
      .map((r) => r.map((v) => v * 252));
    close(muD, d.mu, 1e-13 * Math.max(...d.mu.map(Math.abs)), 'mu (dropped)');
    const p = minVariance(covD);
    close(p.weights, d.weights, 1e-7, 'weights (dropped)');
    expect(Math.abs(p.volatility - d.volatility)).toBeLessThanOrEqual(1e-9);
    // the point of the issue: the two answers differ materially
    expect(Math.abs(d.expectedReturn - e.expectedReturn)).toBeGreaterThan(0.02);
  });
});
