/**
 * The committed sample data set (examples/data/): the seeded generator reproduces every file byte
 * for byte, the CSV files read back through `readPricesCsv` (via examples/data/load.ts) to exactly
 * the numbers of sample-prices.json, and the data has its documented shape.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSampleData } from '../../examples/data/load.ts';
import { sampleDataFiles } from '../../scripts/sample-data/generate.ts';

const dataFile = (name: string): string => readFileSync(new URL(`../../examples/data/${name}`, import.meta.url), 'utf8');

interface SampleJson {
  dates: string[];
  assets: Array<{ ticker: string; name: string; sector: string; country: string; currency: string; marketCap: number }>;
  prices: number[][];
  benchmark: { name: string; prices: number[] };
  riskFreeRatePerDay: number;
  periodsPerYear: number;
  episodes: unknown[];
}

/** Positions where two matrices differ (Object.is: the same double, bit for bit). */
function differences(a: readonly (readonly number[])[], b: readonly (readonly number[])[]): string[] {
  const out: string[] = [];
  if (a.length !== b.length) return [`rows: ${a.length} vs ${b.length}`];
  a.forEach((row, t) => {
    if (row.length !== b[t]!.length) out.push(`row ${t}: ${row.length} vs ${b[t]!.length} columns`);
    else row.forEach((v, j) => (Object.is(v, b[t]![j]) ? undefined : out.push(`[${t}][${j}]: ${v} vs ${b[t]![j]}`)));
  });
  return out.slice(0, 5);
}

describe('sample data (examples/data/)', () => {
  const d = loadSampleData();
  const json = JSON.parse(dataFile('sample-prices.json')) as SampleJson;

  it('is exactly what the seeded generator produces (sample-prices.json, the CSV files, sample-info.json)', () => {
    const files = sampleDataFiles();
    expect(Object.keys(files).sort()).toEqual(['assets.csv', 'benchmark.csv', 'prices.csv', 'sample-info.json', 'sample-prices.json']);
    const stale = Object.entries(files)
      .filter(([name, text]) => text !== dataFile(name))
      .map(([name]) => name);
    expect(stale).toEqual([]);
  });

  it('prices.csv read with readPricesCsv gives exactly the JSON prices, dates and tickers', () => {
    expect(d.prices.kind).toBe('prices');
    expect(d.prices.dates).toEqual(json.dates);
    expect(d.prices.assets).toEqual(json.assets.map((a) => a.ticker));
    expect(differences(d.prices.values.toArray(), json.prices)).toEqual([]);
  });

  it('benchmark.csv, assets.csv and sample-info.json give the JSON benchmark, assets and metadata', () => {
    expect(d.benchmark.dates).toEqual(json.dates);
    expect(d.benchmark.assets).toEqual(['BENCH']);
    expect(
      differences(
        d.benchmark.values.toArray(),
        json.benchmark.prices.map((p) => [p]),
      ),
    ).toEqual([]);
    expect(d.benchmarkName).toBe(json.benchmark.name);
    expect(d.assets).toEqual(json.assets);
    expect(d.riskFreeRatePerDay).toBe(json.riskFreeRatePerDay);
    expect(d.periodsPerYear).toBe(json.periodsPerYear);
    expect(d.episodes).toEqual(json.episodes);
  });

  it('prices.csv is wide, one line per date, with the JSON numbers written as in the JSON', () => {
    const lines = dataFile('prices.csv').trimEnd().split('\n');
    expect(lines[0]).toBe(['date', ...json.assets.map((a) => a.ticker)].join(','));
    expect(lines.length).toBe(json.dates.length + 1);
    // the cell texts are the JSON's number texts: the row of the JSON file, without brackets
    const jsonRows = dataFile('sample-prices.json')
      .split('\n')
      .filter((l) => /^ {2}\[\d/.test(l));
    expect(lines[1]).toBe(`${json.dates[0]},${jsonRows[0]!.trim().replace(/^\[|\],?$/g, '')}`);
    expect(lines.at(-1)).toBe(
      `${json.dates.at(-1)},${jsonRows
        .at(-1)!
        .trim()
        .replace(/^\[|\],?$/g, '')}`,
    );
  });

  it('has the documented shape: business-day ISO dates, T x n positive prices, labelled assets', () => {
    const dates = d.prices.dates;
    const T = dates.length;
    const n = d.assets.length;
    expect(n).toBe(30);
    expect(T).toBeGreaterThan(2600);
    expect(dates[0]).toBe('2015-01-02');
    expect(dates[T - 1]).toBe('2024-12-31');
    const badDates = dates.filter((date, t) => {
      const day = new Date(`${date}T00:00:00Z`).getUTCDay();
      return !/^\d{4}-\d{2}-\d{2}$/.test(date) || day === 0 || day === 6 || (t > 0 && !(date > dates[t - 1]!));
    });
    expect(badDates).toEqual([]);
    expect(d.prices.values.rows).toBe(T);
    expect(d.prices.values.cols).toBe(n);
    expect(Array.from(d.prices.values.data).filter((p) => !(Number.isFinite(p) && p > 0))).toEqual([]);
    expect(new Set(d.assets.map((a) => a.ticker)).size).toBe(n);
    expect(new Set(d.assets.map((a) => a.sector)).size).toBe(8);
    for (const a of d.assets) expect(a.marketCap).toBeGreaterThan(0);
    expect(d.benchmark.values.get(0, 0)).toBe(1000);
    expect(d.riskFreeRatePerDay).toBeCloseTo(Math.pow(1.02, 1 / 252) - 1, 12);
  });

  it('gives fresh metadata each call and frozen tables', () => {
    const a = loadSampleData();
    a.assets[0]!.marketCap = -1;
    expect(loadSampleData().assets[0]!.marketCap).toBeGreaterThan(0);
    expect(Object.isFrozen(a.prices)).toBe(true);
  });
});
