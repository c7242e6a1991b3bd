import { describe, expect, it } from 'vitest';
import { loadSampleData } from '../../examples/data/load.ts';
import { runReturnsStep } from '../../examples/demo-steps/returns.ts';

describe('examples/demo-steps/returns.ts', () => {
  it('summarises the sample data: universe, dates, best and worst assets, benchmark, equal weights', () => {
    const text = runReturnsStep(loadSampleData(), { show: 3 });
    expect(text).toContain('30 fictional assets (8 sectors, 6 countries)');
    expect(text).toContain('from 2015-01-02 to 2024-12-31');
    expect(text).toContain('Best 3:');
    expect(text).toContain('Worst 3:');
    expect(text).toMatch(/Benchmark \(.+\): -?\d+\.\d % a year/);
    expect(text).toMatch(/rebalanced daily \d+\.\d\dx/);
    // 3 best + 3 worst rows, each with a ticker of 4 capitals.
    expect(text.split('\n').filter((l) => /^ {2}[A-Z]{4} /.test(l))).toHaveLength(6);
    expect(text).not.toMatch(/NaN|Infinity|undefined/);
  });
});
