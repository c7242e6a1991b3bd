/** The covariance demo step runs on the sample data and prints the reference shrinkage values. */
import { describe, expect, it } from 'vitest';
import { runCovarianceStep } from '../../examples/demo-steps/covariance.ts';
import { loadSampleData } from '../helpers.ts';
import { estimatorCases } from './fixture.ts';

describe('runCovarianceStep', () => {
  it('reports sample vs Ledoit-Wolf vs OAS and the strongest correlations', () => {
    const c = estimatorCases().find((x) => x.name === 'sample-prices')!;
    const tickers = loadSampleData<{ assets: Array<{ ticker: string }> }>().assets.map((a) => a.ticker);
    const text = runCovarianceStep(c.returns, tickers);
    const lw = (c['ledoitWolfIdentity'] as { shrinkage: number }).shrinkage.toFixed(4);
    const oas = (c['oas'] as { shrinkage: number }).shrinkage.toFixed(4);
    expect(text).toMatch(new RegExp(`Ledoit-Wolf, identity\\s+${lw}`));
    expect(text).toMatch(new RegExp(`OAS\\s+${oas}`));
    expect(text).toContain(`Covariance of ${tickers.length} assets over ${c.returns.length} periods`);
    expect(text.split('\n').filter((l) => / \/ /.test(l))).toHaveLength(5);
  });
});
