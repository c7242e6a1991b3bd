/**
 * Regression tests for the data fuzz findings of the hardening campaign (2026-12-08): malformed
 * cloned matrices give typed errors, ±Infinity in a table is refused, and the number of tables
 * aligned or merged at once is capped.
 */
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, SizeLimitError } from '../../src/core/errors.ts';
import { alignTables, mergeTables, returnsTable, reviveTable, toCsv, toRecords } from '../../src/data/index.ts';

const np = (): unknown => Object.create(null);

describe('data hardening', () => {
  it('returnsTable / toRecords / toCsv with a null-prototype entry in cloned values throw a typed error (TypeError before)', () => {
    const t = (data: unknown[]) => ({
      kind: 'prices' as const,
      dates: ['2024-01-02', '2024-01-03'],
      assets: ['AAA', 'NEW'],
      values: { rows: 2, cols: 2, data },
    });
    expect(() => returnsTable(t([100, Number.NaN, np(), 25]) as never)).toThrow(InvalidArgumentError);
    expect(() => toRecords(t([100, np(), 110, 25]) as never, { format: 'wide' })).toThrow(InvalidArgumentError);
    expect(() => toCsv(t([np(), Number.NaN, 101.5, 20]) as never)).toThrow(/data entry 0 must be a number, got object/);
  });
  it('toCsv with the `data` key of cloned values renamed throws a typed error (TypeError before)', () => {
    const bad = {
      kind: 'prices',
      dates: ['2024-01-02', '2024-01-03'],
      assets: ['AAA', 'NEW'],
      values: { rows: 2, cols: 2, constructor: new Float64Array([100, Number.NaN, 101.5, 20]) },
    };
    expect(() => toCsv(bad as never)).toThrow(InvalidArgumentError);
  });
  it('a cloned matrix with Infinity is refused (toRecords returned Infinity, reviveTable kept it)', () => {
    const inf = { kind: 'prices', dates: ['2024-01-02'], assets: ['AAA', 'NEW'], values: { rows: 1, cols: 2, data: new Float64Array([100, Infinity]) } };
    expect(() => toRecords(inf as never)).toThrow(InvalidArgumentError);
    expect(() => reviveTable(inf as never)).toThrow(InvalidArgumentError);
  });
  it('null in cloned data is a missing value (NaN), as documented, not 0', () => {
    const t = reviveTable({ kind: 'prices', dates: ['2024-01-02'], assets: ['AAA', 'NEW'], values: { rows: 1, cols: 2, data: [100, null] } } as never);
    expect(Number.isNaN(t.values.get(0, 1))).toBe(true);
  });
  it('alignTables / mergeTables refuse more than 20,000 tables at once (hang before)', () => {
    const a = { kind: 'prices' as const, dates: ['2024-01-02', '2024-01-03'], assets: ['A'], values: [[1], [2]] };
    const many = Array.from({ length: 100_000 }, () => a);
    expect(() => alignTables(many)).toThrow(SizeLimitError);
    expect(() => mergeTables(many)).toThrow(SizeLimitError);
  });
});

describe('data hardening: damaged Matrix instances', () => {
  it('toCsv / returnsTable / toRecords refuse a Matrix whose data was removed or replaced (TypeError before)', async () => {
    const { priceTable } = await import('../../src/data/index.ts');
    const t = priceTable({
      dates: ['2024-01-02', '2024-01-03'],
      assets: ['AAA', 'NEW'],
      values: [
        [100, null],
        [101.5, 20],
      ],
    });
    const empty = Object.create(Object.getPrototypeOf(t.values) as object) as unknown;
    const swapped = Object.assign(Object.create(Object.getPrototypeOf(t.values) as object) as object, {
      rows: 2,
      cols: 2,
      data: [np(), Number.NaN, 101.5, 20],
    });
    for (const values of [empty, swapped]) {
      const bad = { kind: 'prices', dates: t.dates, assets: t.assets, values } as never;
      expect(() => toCsv(bad)).toThrow(/damaged Matrix/);
      expect(() => returnsTable(bad)).toThrow(InvalidArgumentError);
      expect(() => toRecords(bad)).toThrow(InvalidArgumentError);
    }
  });
});

describe('fuzz findings (data, round 2)', () => {
  it('selectAssets with a null-prototype ticker is a typed error (was a TypeError while building the message)', async () => {
    const { selectAssets } = await import('../../src/data/index.ts');
    const t = {
      kind: 'prices',
      dates: ['2024-01-02', '2024-01-03'],
      assets: ['AAPL', 'MSFT', 'GOOG'],
      values: [
        [1, 2, 3],
        [4, 5, 6],
      ],
    } as const;
    expect(() => selectAssets(t as never, ['GOOG', Object.create(null) as string])).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', argument: 'assets' }),
    );
  });
});
