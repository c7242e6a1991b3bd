import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSampleData } from '../../examples/data/load.ts';
import { sampleDataJson } from '../../scripts/sample-data/generate.ts';

describe('sample data (examples/data/sample-prices.json)', () => {
  const d = loadSampleData();

  it('is exactly what the seeded generator produces', () => {
    const committed = readFileSync(new URL('../../examples/data/sample-prices.json', import.meta.url), 'utf8');
    expect(sampleDataJson() === committed).toBe(true);
  });

  it('has the documented shape: business-day ISO dates, T x n positive prices, labelled assets', () => {
    const T = d.dates.length;
    const n = d.assets.length;
    expect(n).toBe(30);
    expect(T).toBeGreaterThan(2600);
    expect(d.dates[0]).toBe('2015-01-02');
    expect(d.dates[T - 1]).toBe('2024-12-31');
    const badDates = d.dates.filter((date, t) => {
      const day = new Date(`${date}T00:00:00Z`).getUTCDay();
      return !/^\d{4}-\d{2}-\d{2}$/.test(date) || day === 0 || day === 6 || (t > 0 && !(date > d.dates[t - 1]!));
    });
    expect(badDates).toEqual([]);
    expect(d.prices.length).toBe(T);
    expect(d.benchmark.prices.length).toBe(T);
    const badRows = d.prices.filter((row) => row.length !== n || row.some((p) => !(Number.isFinite(p) && p > 0)));
    expect(badRows).toEqual([]);
    expect(new Set(d.assets.map((a) => a.ticker)).size).toBe(n);
    expect(new Set(d.assets.map((a) => a.sector)).size).toBe(8);
    for (const a of d.assets) expect(a.marketCap).toBeGreaterThan(0);
    expect(d.benchmark.prices[0]).toBe(1000);
    expect(d.riskFreeRatePerDay).toBeCloseTo(Math.pow(1.02, 1 / 252) - 1, 12);
  });

  it('returns a fresh copy each call', () => {
    const a = loadSampleData();
    a.prices[0]![0] = -1;
    expect(loadSampleData().prices[0]![0]).toBeGreaterThan(0);
  });
});
