/**
 * Table operations (resample, fillMissing, dropMissing, alignTables, mergeTables) against pandas
 * 1.5.3 on the gapped price file test/fixtures/data/prices-gaps.csv (8 tickers, 700 business days,
 * late listings, NA / NaN / null / empty cells, a week with no rows).
 *
 * Fixtures: test/fixtures/data/pandas-tables.json (scripts/fixtures/data/pandas_tables.py:
 * `resample(rule).last()`, `ffill`, `dropna`) and test/fixtures/data/pandas-ops-extra.json
 * (scripts/fixtures/data/pandas_ops_extra.py: `resample(rule).first()`, `bfill`, `align`, `join`, and
 * `resample` of a small table with rows on weekends and at year, month and quarter boundaries).
 * The input is the fixture's `readCsv` table (pandas' parse), so these tests do not depend on the
 * CSV reader. Every expected value is a copy of an input value, so comparisons are exact.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { alignTables, dropMissing, fillMissing, mergeTables, resample, selectAssets, sliceDates, type Table } from '../../src/data/index.ts';
import { expectSameTable, expectTable, extra, fx, prices, tableOf, type FixtureTable } from './ops-helpers.ts';

const FREQS = ['week', 'month', 'quarter', 'year'] as const;

describe('resample vs pandas df.resample(rule)', () => {
  it('uses the rules W, M, Q, A (pandas 1.5) in both fixtures', () => {
    expect(fx.resample.rules).toEqual({ week: 'W', month: 'M', quarter: 'Q', year: 'A' });
    expect(extra.resampleFirst.rules).toEqual(fx.resample.rules);
  });
  for (const f of FREQS) {
    it(`${f}: .last() (each column's last valid value, labelled at the period end)`, () => {
      expectTable(resample(prices, f), fx.resample[f] as FixtureTable, f);
    });
    it(`${f}: .first()`, () => {
      expectTable(resample(prices, f, { how: 'first' }), extra.resampleFirst[f] as FixtureTable, f);
    });
  }
  for (const f of FREQS) {
    it(`${f}: rows on weekends, Dec 31 / Jan 1, Feb 29 and quarter ends (calendarEdges), .last() and .first()`, () => {
      const input = tableOf(extra.calendarEdges.input as FixtureTable);
      expectTable(resample(input, f), extra.calendarEdges[f].last, `${f} last`);
      expectTable(resample(input, f, { how: 'first' }), extra.calendarEdges[f].first, `${f} first`);
    });
  }
  it('keeps the empty week 2020-04-12 (no rows) as an all-NaN row, and takes the last valid value over a NaN on the period end', () => {
    const w = resample(prices, 'week');
    const i = w.dates.indexOf('2020-04-12');
    expect(i).toBeGreaterThan(0);
    expect(w.values.row(i).every(Number.isNaN)).toBe(true);
    // CCC is NaN on 2020-06-30, the last row of June and of Q2: the month's value is the 29th's
    const m = resample(prices, 'month');
    const ccc = prices.assets.indexOf('CCC');
    expect(m.values.get(m.dates.indexOf('2020-06-30'), ccc)).toBe(prices.values.get(prices.dates.indexOf('2020-06-29'), ccc));
  });
});

describe('fillMissing vs pandas ffill / bfill', () => {
  it('forward, limit 2, on the file (df.ffill(limit=2))', () => {
    expect(fx.ffill.limit).toBe(2);
    expectTable(fillMissing(prices, { method: 'forward', limit: 2 }), fx.ffill.table);
  });
  it('forward, no limit (df.ffill())', () => {
    expectTable(fillMissing(prices), fx.ffillNoLimit);
  });
  it('forward on a run of four missing values: limit 2 fills two, no limit fills all; a leading gap stays', () => {
    const input = tableOf(fx.ffill.runCase.input as FixtureTable);
    expectTable(fillMissing(input, { limit: 2 }), fx.ffill.runCase.table, 'limit 2');
    expectTable(fillMissing(input), fx.ffill.runCase.noLimit, 'no limit');
  });
  it('backward, limit 2, on the file (df.bfill(limit=2): two rows before each late listing)', () => {
    expect(extra.bfill.limit).toBe(2);
    expectTable(fillMissing(prices, { method: 'backward', limit: 2 }), extra.bfill.table);
  });
  it('backward, no limit (df.bfill())', () => {
    expectTable(fillMissing(prices, { method: 'backward' }), extra.bfill.noLimit);
  });
  it('backward on a run of four missing values and a trailing gap', () => {
    const input = tableOf(extra.bfill.runCase.input as FixtureTable);
    expectTable(fillMissing(input, { method: 'backward', limit: 2 }), extra.bfill.runCase.table, 'limit 2');
    expectTable(fillMissing(input, { method: 'backward' }), extra.bfill.runCase.noLimit, 'no limit');
  });
});

describe('dropMissing vs pandas dropna', () => {
  it("rows, how 'any' (df.dropna(how='any'))", () => {
    expectTable(dropMissing(prices), fx.dropna.rowsAny);
    expectTable(dropMissing(prices, { how: 'any', axis: 'rows' }), fx.dropna.rowsAny);
  });
  it("rows, how 'all', on the file plus an all-missing row 2020-04-08", () => {
    const input = tableOf(fx.dropna.rowsAllInput as FixtureTable);
    expect(input.dates).toContain('2020-04-08');
    expectTable(dropMissing(input, { how: 'all' }), fx.dropna.rowsAll);
  });
  it("columns, how 'any' and 'all', on the file plus an all-missing column ZZZ", () => {
    const input = tableOf(fx.dropna.columnsAllInput as FixtureTable);
    expectTable(dropMissing(input, { axis: 'columns' }), fx.dropna.columnsAny, 'any');
    expectTable(dropMissing(input, { axis: 'columns', how: 'all' }), fx.dropna.columnsAll, 'all');
  });
});

describe('alignTables / mergeTables vs pandas align / join', () => {
  for (const key of ['align', 'alignSparse'] as const) {
    for (const join of ['inner', 'outer'] as const) {
      it(`${key} (${extra[key].aCall} with ${extra[key].bCall}), join '${join}'`, () => {
        const a = tableOf(extra[key].a as FixtureTable);
        const b = tableOf(extra[key].b as FixtureTable);
        const [a2, b2] = alignTables([a, b], { join });
        expectTable(a2, extra[key][join][0], 'a');
        expectTable(b2, extra[key][join][1], 'b');
      });
    }
  }
  it('join defaults to inner', () => {
    const a = tableOf(extra.align.a as FixtureTable);
    const b = tableOf(extra.align.b as FixtureTable);
    const [a2] = alignTables([a, b]);
    expectTable(a2, extra.align.inner[0]);
  });
  for (const join of ['inner', 'outer'] as const) {
    it(`mergeTables, join '${join}' (a.join(b, how='${join}'))`, () => {
      const a = tableOf(extra.align.a as FixtureTable);
      const b = tableOf(extra.align.b as FixtureTable);
      const m = mergeTables([a, b], { join });
      expect(m.kind).toBe('prices');
      expectTable(m, extra.merge[join]);
    });
  }
  it('aligns tables of different kinds, each keeping its kind (prices with pandas pct_change returns)', () => {
    const r = tableOf(fx.simpleReturns as FixtureTable, 'returns');
    const [p2, r2] = alignTables([prices, r]);
    expect([p2.kind, r2.kind]).toEqual(['prices', 'returns']);
    expectTypeOf(p2).toEqualTypeOf<Table<'prices'>>(); // the kinds are kept in the types too
    expectTypeOf(r2).toEqualTypeOf<Table<'returns'>>();
    expectTypeOf(() => alignTables([{ kind: 'prices', dates: [], assets: [], values: [] }])[0]).returns.toEqualTypeOf<Table<'prices'>>();
    expectTypeOf(resample(prices, 'month')).toEqualTypeOf<Table<'prices'>>();
    expectTypeOf(() => fillMissing({ dates: [], assets: [], values: [] })).returns.toEqualTypeOf<Table>();
    // the returns start one row later: inner = the return dates; the prices lose their first row
    expectTable(r2, fx.simpleReturns);
    expect(p2.dates).toEqual(fx.simpleReturns.dates);
    expect(p2.values.row(0)).toEqual(prices.values.row(1));
    const [p3, r3] = alignTables([prices, r], { join: 'outer' });
    expect(p3.dates).toEqual(prices.dates);
    expect(r3.values.row(0).every(Number.isNaN)).toBe(true);
  });
  it('aligns three tables (dates common to all three)', () => {
    const a = tableOf(extra.align.a as FixtureTable);
    const b = tableOf(extra.align.b as FixtureTable);
    const c = tableOf(extra.alignSparse.b as FixtureTable, 'prices');
    const out = alignTables([a, b, selectAssets(c, ['EEE'])], { join: 'inner' });
    // a ∩ b = rows 200..399 of the file; c = rows 150, 153, ... : rows 201, 204, ..., 399
    const expected = prices.dates.filter((_, i) => i >= 200 && i < 400 && (i - 150) % 3 === 0);
    for (const t of out) expect(t.dates).toEqual(expected);
  });
});

describe('the clone path: a structured clone of a result, passed back, gives the same result', () => {
  const cases: [string, (t: unknown) => Table][] = [
    ['resample month', (t) => resample(t as Table, 'month')],
    ['resample week first', (t) => resample(t as Table, 'week', { how: 'first' })],
    ['fillMissing forward 2', (t) => fillMissing(t as Table, { limit: 2 })],
    ['fillMissing backward', (t) => fillMissing(t as Table, { method: 'backward' })],
    ['dropMissing rows any', (t) => dropMissing(t as Table)],
    ['dropMissing columns all', (t) => dropMissing(t as Table, { axis: 'columns', how: 'all' })],
    ['selectAssets', (t) => selectAssets(t as Table, ['HHH', 'AAA', 'CCC'])],
    ['sliceDates', (t) => sliceDates(t as Table, '2020-01-01', '2020-12-31')],
    ['alignTables (with itself shifted)', (t) => alignTables([t as Table, sliceDates(prices, '2020-03-01')], { join: 'outer' })[0]],
    ['mergeTables', (t) => mergeTables([selectAssets(t as Table, ['AAA', 'BBB']), selectAssets(prices, ['HHH'])])],
  ];
  for (const [name, f] of cases) {
    it(name, () => {
      const r = f(prices);
      const clone = structuredClone(r);
      expect(Object.getPrototypeOf(clone.values)).toBe(Object.prototype); // really the plain clone form
      const fromClone = f(clone);
      expectSameTable(fromClone, f(r), name);
      // and the input's own clone gives the same as the input
      expectSameTable(f(structuredClone(prices)), r, `${name} (input clone)`);
      // JSON round trip (null for NaN) is accepted too
      expectSameTable(f(JSON.parse(JSON.stringify(r))), f(r), `${name} (JSON)`);
    });
  }
});
