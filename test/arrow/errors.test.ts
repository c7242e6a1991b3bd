/**
 * fromArrow and toArrow refuse bad input with a typed InvalidArgumentError whose message names
 * the column, its Arrow type or the row, as the house rules require.
 */
import {
  Bool,
  DateDay,
  DateMillisecond,
  Float64,
  makeData,
  makeVector,
  Table,
  tableFromArrays,
  TimestampMicrosecond,
  TimestampMillisecond,
  Utf8,
  vectorFromArray,
} from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { fromArrow, toArrow } from '../../src/arrow/index.ts';
import { DimensionError, InvalidArgumentError } from '../../src/core/errors.ts';
import { expectTypedError } from '../helpers.ts';

const utf8 = (xs: string[]) => vectorFromArray(xs, new Utf8());
const f64 = (xs: Array<number | null>) => vectorFromArray(xs, new Float64());
const D3 = ['2024-01-02', '2024-01-03', '2024-01-04'];

describe('fromArrow: errors', () => {
  it('a duplicate date, naming both rows (also with sort: true)', () => {
    const t = new Table({ date: utf8(['2024-01-02', '2024-01-03', '2024-01-03']), A: f64([1, 2, 3]) });
    expectTypedError(
      () => fromArrow(t),
      InvalidArgumentError,
      /fromArrow: the date column "date" has a duplicate date: 2024-01-03 \(row 2\) after 2024-01-03 \(row 1\)/,
    );
    const u = new Table({ date: utf8(['2024-01-03', '2024-01-02', '2024-01-03']), A: f64([1, 2, 3]) });
    expectTypedError(() => fromArrow(u, { sort: true }), InvalidArgumentError, /duplicate date: 2024-01-03 \(row 2\) after 2024-01-03 \(row 0\)/);
  });

  it('unsorted dates without sort: true, with the hint', () => {
    const t = new Table({ date: utf8(['2024-01-03', '2024-01-02']), A: f64([1, 2]) });
    expectTypedError(() => fromArrow(t), InvalidArgumentError, /"date" is not increasing: 2024-01-02 \(row 1\) after 2024-01-03 \(row 0\); pass `sort: true`/);
  });

  it('an unsupported asset column type, naming the column and its Arrow type', () => {
    const t = new Table({ date: utf8(D3), A: f64([1, 2, 3]), flag: vectorFromArray([true, false, true], new Bool()) });
    expectTypedError(() => fromArrow(t), InvalidArgumentError, /column "flag" has the Arrow type Bool, which is not numeric.*pass `assets`/);
    const s = new Table({ date: utf8(D3), sector: utf8(['x', 'y', 'z']) });
    expectTypedError(() => fromArrow(s), InvalidArgumentError, /column "sector" has the Arrow type Utf8, which is not numeric/);
    expect(fromArrow(t, { assets: ['A'] }).assets).toEqual(['A']); // the Bool column is skipped when not asked for
    try {
      fromArrow(t);
    } catch (e) {
      expect((e as InvalidArgumentError).value).toEqual({ column: 'flag', type: 'Bool' });
    }
  });

  it('a timestamp that is not midnight UTC, naming the row, the value and the time zone', () => {
    const us = BigInt64Array.of(1_704_153_600_000_000n, 1_704_240_000_000_000n + 1n); // 2024-01-02T00:00Z, 2024-01-03T00:00:00.000001Z
    const t = new Table({ date: makeVector(makeData({ type: new TimestampMicrosecond(), length: 2, nullCount: 0, data: us })), A: f64([1, 2]) });
    expectTypedError(
      () => fromArrow(t),
      InvalidArgumentError,
      /date column "date" holds 1704240000000001 us on 2024-01-03, which is not midnight UTC.*\(row 1\)/,
    );
    // midnight in New York is 05:00 UTC: refused, not silently truncated
    const ny = BigInt64Array.of(1_704_171_600_000n);
    const z = new Table({ date: makeVector(makeData({ type: new TimestampMillisecond('America/New_York'), length: 1, nullCount: 0, data: ny })), A: f64([1]) });
    expectTypedError(() => fromArrow(z), InvalidArgumentError, /not midnight UTC \(time zone America\/New_York\)/);
  });

  it('a Date64 value that is not a whole day', () => {
    const t = new Table({
      date: makeVector(makeData({ type: new DateMillisecond(), length: 1, nullCount: 0, data: BigInt64Array.of(1_704_153_600_001n) })),
      A: f64([1]),
    });
    expectTypedError(() => fromArrow(t), InvalidArgumentError, /holds 1704153600001 ms, which is not midnight UTC/);
  });

  it('a table with no asset column', () => {
    expectTypedError(() => fromArrow(new Table({ date: utf8(D3) })), InvalidArgumentError, /no asset column besides the date column "date"/);
    expectTypedError(() => fromArrow(new Table({ date: utf8(D3), A: f64([1, 2, 3]) }), { assets: [] }), InvalidArgumentError, /no asset column/);
  });

  it('a table with no date column', () => {
    expectTypedError(
      () => fromArrow(new Table({ A: f64([1, 2, 3]) })),
      InvalidArgumentError,
      /no date column \(Date32, Date64, Timestamp or Utf8\); its columns are "A" \(Float64\)/,
    );
  });

  it('a dateColumn that is missing or not of a date type', () => {
    const t = new Table({ date: utf8(D3), A: f64([1, 2, 3]) });
    expectTypedError(
      () => fromArrow(t, { dateColumn: 'day' }),
      InvalidArgumentError,
      /`dateColumn` names the column "day", which the table does not have \(columns: "date", "A"\)/,
    );
    expectTypedError(() => fromArrow(t, { dateColumn: 'A' }), InvalidArgumentError, /date column "A" has the Arrow type Float64/);
  });

  it('assets naming a missing column or the date column', () => {
    const t = new Table({ date: utf8(D3), A: f64([1, 2, 3]) });
    expectTypedError(() => fromArrow(t, { assets: ['B'] }), InvalidArgumentError, /`assets` names the column "B", which the table does not have/);
    expectTypedError(() => fromArrow(t, { assets: ['date'] }), InvalidArgumentError, /`assets` names the date column "date"/);
    expectTypedError(() => fromArrow(t, { assets: ['A', 'A'] }), InvalidArgumentError, /two asset columns named "A"/);
  });

  it('a null date, a string that is not an ISO date, a day past 9999', () => {
    const nul = new Table({ date: vectorFromArray(['2024-01-02', null], new Utf8()), A: f64([1, 2]) });
    expectTypedError(() => fromArrow(nul), InvalidArgumentError, /date column "date" has a null date \(row 1\)/);
    const bad = new Table({ date: utf8(['2024-01-02', '2024-02-30']), A: f64([1, 2]) });
    expectTypedError(() => fromArrow(bad), InvalidArgumentError, /holds "2024-02-30", not an ISO date YYYY-MM-DD \(row 1\)/);
    const us = new Table({ date: utf8(['01/02/2024']), A: f64([1]) });
    expectTypedError(() => fromArrow(us), InvalidArgumentError, /holds "01\/02\/2024", not an ISO date/);
    const far = new Table({ date: makeVector(makeData({ type: new DateDay(), length: 1, nullCount: 0, data: Int32Array.of(2_932_897) })), A: f64([1]) });
    expectTypedError(() => fromArrow(far), InvalidArgumentError, /outside years 0000-9999 \(row 0\)/);
  });

  it('an infinite value, naming the column and row', () => {
    const t = new Table({ date: utf8(D3), A: f64([1, Infinity, 3]) });
    expectTypedError(() => fromArrow(t, { kind: 'returns' }), InvalidArgumentError, /column "A" \(Float64\) holds Infinity at row 1; values must be finite/);
  });

  it('a price that is not positive, naming asset and date', () => {
    const t = new Table({ date: utf8(D3), A: f64([1, 0, 3]) });
    expectTypedError(() => fromArrow(t), InvalidArgumentError, /prices must be positive, but A on 2024-01-03 \(row 1\) is 0.*kind: 'returns'/);
  });

  it('a table toArrow wrote from returns, read without kind', () => {
    const a = toArrow({ kind: 'returns', dates: D3, assets: ['A'], values: [[0.01], [0.02], [0.03]] });
    expectTypedError(() => fromArrow(a), InvalidArgumentError, /the table holds returns.*pass `kind: 'returns'`/);
    expect(fromArrow(a, { kind: 'returns' }).kind).toBe('returns');
  });

  it('not a table, unknown options, bad option values', () => {
    const t = tableFromArrays({ date: D3, A: Float64Array.of(1, 2, 3) });
    expectTypedError(() => fromArrow([[1]] as never), InvalidArgumentError, /`table` must be an apache-arrow Table/);
    expectTypedError(() => fromArrow(null as never), InvalidArgumentError, /`table` must be an apache-arrow Table/);
    expectTypedError(() => fromArrow(t, { dateColum: 'date' } as never), InvalidArgumentError, /unknown option `dateColum`/);
    expectTypedError(() => fromArrow(t, { kind: 'levels' } as never), InvalidArgumentError, /`kind` must be 'prices' or 'returns'/);
    expectTypedError(() => fromArrow(t, { sort: 1 } as never), InvalidArgumentError, /`sort` must be true or false/);
    expectTypedError(() => fromArrow(t, { assets: 'A' } as never), InvalidArgumentError, /`assets` must be an array of column names/);
    expectTypedError(() => fromArrow(t, { dateColumn: 3 } as never), InvalidArgumentError, /`dateColumn` must be a column name/);
  });

  it('an empty column name', () => {
    const t = new Table({ date: utf8(D3), '': f64([1, 2, 3]) });
    expectTypedError(() => fromArrow(t), InvalidArgumentError, /column 1 has an empty name/);
  });
});

describe('toArrow: errors', () => {
  it('refuses a malformed table and an asset named like the date column', () => {
    expectTypedError(() => toArrow({ dates: ['2024-01-02'], assets: ['A', 'B'], values: [[1]] }), DimensionError, /`assets` must have 1 labels/);
    expectTypedError(() => toArrow({ dates: ['2024-01-03', '2024-01-02'], assets: ['A'], values: [[1], [2]] }), InvalidArgumentError, /strictly increasing/);
    expectTypedError(
      () => toArrow({ dates: ['2024-01-02'], assets: ['date'], values: [[1]] }),
      InvalidArgumentError,
      /an asset is named "date", like the date column; pass another `dateColumn`/,
    );
    expect(toArrow({ dates: ['2024-01-02'], assets: ['date'], values: [[1]] }, { dateColumn: 'day' }).schema.fields.map((f) => f.name)).toEqual([
      'day',
      'date',
    ]);
    expectTypedError(
      () => toArrow({ dates: ['2024-01-02'], assets: ['A'], values: [[1]] }, { dateColumn: '' }),
      InvalidArgumentError,
      /`dateColumn` must be a non-empty string/,
    );
    expectTypedError(
      () => toArrow({ dates: ['2024-01-02'], assets: ['A'], values: [[1]] }, { dateCol: 'd' } as never),
      InvalidArgumentError,
      /unknown option `dateCol`/,
    );
    expectTypedError(() => toArrow([[1]] as never), InvalidArgumentError, /toArrow: `table` must be a table/);
  });
});
