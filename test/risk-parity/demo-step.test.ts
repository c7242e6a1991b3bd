import { describe, expect, it } from 'vitest';
import { runAllocationStep } from '../../examples/demo-steps/allocation.ts';
import { loadSampleData } from '../helpers.ts';

describe('examples/demo-steps/allocation.ts', () => {
  it('runs on the sample data and reports the BL step and the ERC / HRP / HERC comparison', () => {
    const d = loadSampleData<{ prices: number[][]; assets: Array<{ ticker: string; marketCap: number }> }>();
    const P = d.prices;
    const returns = P.slice(1).map((row, t) => row.map((p, j) => p / P[t]![j]! - 1));
    const text = runAllocationStep({ returns, tickers: d.assets.map((a) => a.ticker), marketCaps: d.assets.map((a) => a.marketCap) });
    expect(text).toMatch(/^Black–Litterman on 30 assets/);
    expect(text).toMatch(/view weights λ: /);
    for (const name of ['ERC', 'HRP (single)', 'HERC (ward, k=4)', 'market cap', '1/n']) expect(text).toContain(name);
    // ERC's largest risk contribution is 1/30 = 3.3 %.
    expect(text).toMatch(/ERC\s+\S+%\s+3\.3%/);
    expect(text).not.toMatch(/NaN|Infinity/);
  });
});
