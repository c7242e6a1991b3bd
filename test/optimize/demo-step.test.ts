import { describe, expect, it } from 'vitest';
import { runOptimizeStep } from '../../examples/demo-steps/optimize.ts';
import { loadSampleData } from '../helpers.ts';

describe('demo step: optimisation on the sample data', () => {
  it('prints both portfolios with their binding constraints named', () => {
    const data = loadSampleData<{ prices: number[][]; assets: Array<{ ticker: string; sector: string }>; riskFreeRatePerDay: number }>();
    const P = data.prices;
    const returns = P.slice(1).map((row, t) => row.map((v, j) => v / P[t]![j]! - 1));
    const text = runOptimizeStep(returns, data.assets, data.riskFreeRatePerDay);
    expect(text).toContain('max Sharpe');
    expect(text).toMatch(/Max Sharpe binding constraints: budget: weights sum to 1; .*at its upper bound 0\.15/);
    expect(text).toMatch(/Min variance binding constraints: .*group '[A-Za-z ]+' maximum 0\.25/);
  });
});
