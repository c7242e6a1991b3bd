/**
 * Shared by the table-operation tests (ops-*.test.ts): the pandas fixtures, building tables from
 * them without the CSV reader, and an exact table comparison (NaN ↔ null) that names the first
 * differing cell.
 */
import { expect } from 'vitest';
import { buildTable, type Table, type TableKind } from '../../src/core/table.ts';
import { loadFixture } from '../helpers.ts';

export interface FixtureTable {
  dates: string[];
  assets: string[];
  values: (number | null)[][];
}

/** test/fixtures/data/pandas-tables.json (scripts/fixtures/data/pandas_tables.py). */
export const fx = loadFixture<any>('data/pandas-tables.json');
/** test/fixtures/data/pandas-ops-extra.json (scripts/fixtures/data/pandas_ops_extra.py). */
export const extra = loadFixture<any>('data/pandas-ops-extra.json');

/** A library table built from a fixture table (null → NaN). */
export function tableOf<K extends TableKind = 'prices'>(e: FixtureTable, kind: K = 'prices' as K): Table<K> {
  return buildTable('test', kind, e);
}

/** The pandas `read_csv` of prices-gaps.csv as a PriceTable. */
export const prices = tableOf(fx.readCsv as FixtureTable);

/** Exact comparison with a fixture (or plain) table: same dates, assets and bits; NaN ↔ null. */
export function expectTable(t: Table, e: FixtureTable, label = ''): void {
  expect(t.dates, `${label} dates`).toEqual(e.dates);
  expect(t.assets, `${label} assets`).toEqual(e.assets);
  expect(t.values.rows, `${label} rows`).toBe(e.values.length);
  expect(t.values.cols, `${label} cols`).toBe(e.assets.length);
  const d = t.values.data;
  const n = e.assets.length;
  for (let i = 0; i < e.values.length; i++) {
    for (let j = 0; j < n; j++) {
      const a = d[i * n + j] as number;
      const x = e.values[i]![j];
      if (x === null || x === undefined ? Number.isNaN(a) : Object.is(a, x)) continue;
      expect.fail(`${label} ${e.assets[j]} on ${e.dates[i]} (row ${i}, column ${j}): actual ${a}, expected ${x === null ? 'missing (NaN)' : x}`);
    }
  }
}

/** Exact comparison of two library tables (kind, dates, assets, bits; NaN equals NaN). */
export function expectSameTable(a: Table, b: Table, label = ''): void {
  expect(a.kind, `${label} kind`).toBe(b.kind);
  expectTable(
    a,
    { dates: b.dates as string[], assets: b.assets as string[], values: b.values.toArray().map((r) => r.map((v) => (Number.isNaN(v) ? null : v))) },
    label,
  );
}
