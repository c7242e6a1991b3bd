/**
 * readPricesCsv and returnsTable against pandas (test/fixtures/data, made by
 * scripts/fixtures/data/pandas_tables.py): `read_csv` of a price file with late listings and
 * interior gaps, `pct_change(fill_method=None)`, `np.log(df / df.shift(1))`, and eight CSV
 * dialects (delimiters, date layouts, long format, quoting and CRLF, white space, exponents).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readPricesCsv, returnsTable, type Table } from '../../src/data/index.ts';

interface FixtureTable {
  dates: string[];
  assets: string[];
  values: (number | null)[][];
}
const fx = JSON.parse(readFileSync('test/fixtures/data/pandas-tables.json', 'utf8')) as Record<string, FixtureTable & Record<string, unknown>>;
const dialects = JSON.parse(readFileSync('test/fixtures/data/pandas-csv-dialects.json', 'utf8')) as {
  cases: {
    name: string;
    text: string;
    format: 'wide' | 'long';
    delimiter?: string;
    datePattern?: string;
    dateColumn?: string;
    expected: FixtureTable;
    firstAppearanceOrder?: string[];
  }[];
};
const csv = readFileSync('test/fixtures/data/prices-gaps.csv', 'utf8');

/** Exact comparison, NaN ↔ null; names the first differing cell. */
function expectTable(t: Table, e: FixtureTable, relTol = 0, absTol = 0): void {
  expect(t.dates).toEqual(e.dates);
  expect(t.assets).toEqual(e.assets);
  expect(t.values.rows).toBe(e.values.length);
  for (let i = 0; i < e.values.length; i++) {
    for (let j = 0; j < e.assets.length; j++) {
      const a = t.values.get(i, j);
      const x = e.values[i]![j];
      const where = `${e.assets[j]} on ${e.dates[i]}`;
      if (x === null || x === undefined) expect(Number.isNaN(a), `${where}: expected missing, got ${a}`).toBe(true);
      else if (relTol === 0 && absTol === 0) expect(a, where).toBe(x);
      else expect(Math.abs(a - x), `${where}: actual ${a}, expected ${x}`).toBeLessThanOrEqual(Math.max(relTol * Math.abs(x), absTol));
    }
  }
}

describe('readPricesCsv vs pandas read_csv', () => {
  it('reads the gapped price file exactly (leading blanks, NA / NaN / null / empty cells)', () => {
    expectTable(readPricesCsv(csv), fx.readCsv!);
  });
  for (const c of dialects.cases) {
    it(`dialect: ${c.name}`, () => {
      const opts: Record<string, unknown> = { format: c.format };
      if (c.delimiter) opts.delimiter = c.delimiter;
      if (c.datePattern) opts.dateFormat = c.datePattern;
      if (c.dateColumn) opts.dateColumn = c.dateColumn;
      if (c.expected.values.some((r) => r.some((v) => v !== null && v <= 0))) opts.kind = 'returns'; // a parsing case with negative numbers
      let t = readPricesCsv(c.text, opts);
      if (c.format === 'long') {
        // we keep first-appearance order; pandas' pivot sorts the tickers
        expect(t.assets).toEqual(c.firstAppearanceOrder);
        const read = t;
        const order = c.expected.assets.map((a) => read.assets.indexOf(a));
        t = {
          ...read,
          assets: c.expected.assets,
          values: { rows: read.values.rows, cols: read.values.cols, get: (i: number, j: number) => read.values.get(i, order[j]!) },
        } as unknown as Table;
      }
      expectTable(t, c.expected);
    });
  }
});

describe('returnsTable vs pandas', () => {
  const prices = readPricesCsv(csv);
  it('simple returns equal pct_change(fill_method=None) to 2^-52 absolute (a return next to a missing price is missing)', () => {
    // pandas divides then subtracts 1 (one rounding of p_t / p_{t-1}, up to 2^-53 absolute);
    // we divide the exact difference (one rounding of the return itself): they agree to 2^-52
    expectTable(returnsTable(prices), fx.simpleReturns!, 0, 2 ** -52);
  });
  it('log returns equal np.log(df / df.shift(1)) to 2^-52 absolute (log1p of the exact-difference return vs log of the ratio)', () => {
    expectTable(returnsTable(prices, { kind: 'log' }), fx.logReturns!, 0, 2 ** -52);
  });
});
