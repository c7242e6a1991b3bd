/**
 * fromArrow on every supported input type, each column built with apache-arrow's own builders
 * (vectorFromArray, tableFromArrays) or makeData over raw buffers, and read both directly and
 * after a trip through IPC bytes (tableToIPC / tableFromIPC, stream and file formats), whose
 * buffers are laid out differently (views into one message body).
 *
 * Expected values are worked by hand: day numbers from JavaScript's Date.UTC (days since
 * 1970-01-01), Float32 values as Math.fround gives them, Float16 bit patterns decoded by hand,
 * 64-bit integers past 2^53 rounded to even as IEEE 754 prescribes.
 */
import {
  DateDay,
  DateMillisecond,
  Decimal,
  Dictionary,
  Float16,
  Float32,
  Float64,
  Int32,
  Int64,
  Int8,
  LargeUtf8,
  makeData,
  makeVector,
  Null,
  Table,
  tableFromArrays,
  tableFromIPC,
  tableToIPC,
  TimestampMicrosecond,
  TimestampMillisecond,
  TimestampNanosecond,
  TimestampSecond,
  Uint64,
  Uint8,
  Utf8,
  Utf8View,
  vectorFromArray,
  type Vector,
} from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { fromArrow } from '../../src/arrow/index.ts';

const DATES = ['2024-01-02', '2024-01-03', '2024-01-05'];
const DAY = (iso: string): number => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86_400_000;
const DAYS = DATES.map(DAY); // 19724, 19725, 19727

/** The table itself, and the same table after IPC stream and file round trips. */
function routes(t: Table): Array<[string, Table]> {
  return [
    ['direct', t],
    ['IPC stream', tableFromIPC(tableToIPC(t, 'stream'))],
    ['IPC file', tableFromIPC(tableToIPC(t, 'file'))],
  ];
}

function dateVectors(): Array<[string, Vector]> {
  const ms = DAYS.map((d) => BigInt(d) * 86_400_000n);
  const ts = (type: TimestampSecond | TimestampMillisecond | TimestampMicrosecond | TimestampNanosecond, perMs: bigint, divMs: bigint) =>
    makeVector(makeData({ type, length: 3, nullCount: 0, data: BigInt64Array.from(ms, (x) => (x * perMs) / divMs) }));
  return [
    ['Date32 (DateDay)', makeVector(makeData({ type: new DateDay(), length: 3, nullCount: 0, data: Int32Array.from(DAYS) }))],
    [
      'Date32 via vectorFromArray(Date[])',
      vectorFromArray(
        DATES.map((d) => new Date(`${d}T00:00:00Z`)),
        new DateDay(),
      ),
    ],
    ['Date64 (DateMillisecond)', makeVector(makeData({ type: new DateMillisecond(), length: 3, nullCount: 0, data: BigInt64Array.from(ms) }))],
    ['Timestamp s', ts(new TimestampSecond(), 1n, 1000n)],
    ['Timestamp ms', ts(new TimestampMillisecond(), 1n, 1n)],
    ['Timestamp us', ts(new TimestampMicrosecond(), 1000n, 1n)],
    ['Timestamp ns', ts(new TimestampNanosecond(), 1_000_000n, 1n)],
    ['Timestamp ms, time zone UTC', ts(new TimestampMillisecond('UTC'), 1n, 1n)],
    ['Utf8', vectorFromArray(DATES, new Utf8())],
    ['LargeUtf8', vectorFromArray(DATES, new LargeUtf8())],
    ['Dictionary<Int32, Utf8> (tableFromArrays of strings)', vectorFromArray(DATES)],
  ];
}

describe('fromArrow: date column types', () => {
  for (const [name, dates] of dateVectors()) {
    it(name, () => {
      const t = new Table({ d: dates, A: vectorFromArray([1, 2, 3], new Float64()) });
      for (const [route, table] of routes(t)) {
        const p = fromArrow(table);
        expect(p.dates, route).toEqual(DATES);
        expect(Array.from(p.values.data), route).toEqual([1, 2, 3]);
      }
    });
  }

  it('Utf8View (16-byte views, dates inline)', () => {
    const views = new Uint8Array(16 * 3);
    const dv = new DataView(views.buffer);
    DATES.forEach((d, i) => {
      dv.setInt32(16 * i, 10, true);
      for (let k = 0; k < 10; k++) views[16 * i + 4 + k] = d.charCodeAt(k);
    });
    const dates = makeVector(makeData({ type: new Utf8View(), length: 3, nullCount: 0, views }));
    const p = fromArrow(new Table({ date: dates, A: vectorFromArray([1, 2, 3], new Float64()) }));
    expect(p.dates).toEqual(DATES);
  });

  it('day numbers by hand: 1970-01-01 is day 0, 2024-01-02 is day 19724, 1969-12-31 is day -1', () => {
    expect(DAYS).toEqual([19724, 19725, 19727]);
    const t = new Table({
      date: makeVector(makeData({ type: new DateDay(), length: 3, nullCount: 0, data: Int32Array.from([-1, 0, 19724]) })),
      A: vectorFromArray([1, 2, 3], new Float64()),
    });
    expect(fromArrow(t).dates).toEqual(['1969-12-31', '1970-01-01', '2024-01-02']);
  });
});

/** Asset columns with their hand-worked expected values (NaN where null). */
function assetVectors(): Array<[string, Vector, number[]]> {
  const words = (ns: bigint[], bits: number): Uint32Array => {
    const w = new Uint32Array((ns.length * bits) / 32);
    ns.forEach((n, i) => {
      let x = n < 0n ? n + (1n << BigInt(bits)) : n;
      for (let k = 0; k < bits / 32; k++, x >>= 32n) w[(i * bits) / 32 + k] = Number(x & 0xffffffffn);
    });
    return w;
  };
  const nulls = (valid: boolean[]): Uint8Array => Uint8Array.of(valid.reduce((b, v, i) => b | (v ? 1 << i : 0), 0));
  return [
    ['Float64 with a null', vectorFromArray([100.25, null, -3.5e-7], new Float64()), [100.25, NaN, -3.5e-7]],
    ['Float64 holding NaN (not null)', vectorFromArray([1, NaN, 3], new Float64()), [1, NaN, 3]],
    ['Float32', vectorFromArray([0.1, 2.5, null], new Float32()), [Math.fround(0.1), 2.5, NaN]],
    [
      'Float16 (bits 0x3C00, 0x3555, 0xC000)',
      makeVector(makeData({ type: new Float16(), length: 3, nullCount: 0, data: Uint16Array.of(0x3c00, 0x3555, 0xc000) })),
      [1, 1365 / 4096, -2],
    ],
    ['Int8', vectorFromArray([-128, 0, 127], new Int8()), [-128, 0, 127]],
    ['Uint8 with a null', vectorFromArray([255, null, 1], new Uint8()), [255, NaN, 1]],
    ['Int32', vectorFromArray([-2147483648, 7, 2147483647], new Int32()), [-2147483648, 7, 2147483647]],
    // 2^53 + 1 lies halfway between 2^53 and 2^53 + 2: ties to even gives 2^53
    [
      'Int64 past 2^53',
      makeVector(makeData({ type: new Int64(), length: 3, nullCount: 0, data: BigInt64Array.of(-(2n ** 63n), 2n ** 53n + 1n, 2n ** 53n + 3n) })),
      [-(2 ** 63), 2 ** 53, 2 ** 53 + 4],
    ],
    [
      'Int64 with a null',
      makeVector(makeData({ type: new Int64(), length: 3, nullCount: 1, nullBitmap: nulls([true, false, true]), data: BigInt64Array.of(5n, 6n, -7n) })),
      [5, NaN, -7],
    ],
    ['Uint64', makeVector(makeData({ type: new Uint64(), length: 3, nullCount: 0, data: BigUint64Array.of(0n, 2n ** 64n - 1n, 42n) })), [0, 2 ** 64, 42]],
    // Decimal(18, 4): 1234567 -> 123.4567, -1 -> -0.0001, 10^18 - 1 -> 99999999999999.9999 (nearest double 1e14)
    [
      'Decimal scale 4',
      makeVector(makeData({ type: new Decimal(4, 18), length: 3, nullCount: 0, data: words([1234567n, -1n, 10n ** 18n - 1n], 128) })),
      [123.4567, -0.0001, 1e14],
    ],
    [
      'Decimal scale 4 with a null',
      makeVector(makeData({ type: new Decimal(4, 18), length: 3, nullCount: 1, nullBitmap: nulls([false, true, true]), data: words([99n, 250000n, 5n], 128) })),
      [NaN, 25, 0.0005],
    ],
    [
      'Decimal256 scale 2',
      makeVector(makeData({ type: new Decimal(2, 60, 256), length: 3, nullCount: 0, data: words([-12345n, 2n ** 200n, 1n], 256) })),
      [-123.45, 2 ** 200 / 100, 0.01],
    ],
    ['Null type (all missing)', makeVector(makeData({ type: new Null(), length: 3 })), [NaN, NaN, NaN]],
  ];
}

describe('fromArrow: asset column types', () => {
  for (const [name, vector, expected] of assetVectors()) {
    it(name, () => {
      const t = new Table({ date: vectorFromArray(DATES, new Utf8()), X: vector });
      for (const [route, table] of routes(t)) {
        const r = fromArrow(table, { kind: 'returns' });
        expect(r.assets, route).toEqual(['X']);
        const got = Array.from(r.values.data);
        expect(got.length, route).toBe(3);
        got.forEach((v, i) => expect(Object.is(v, expected[i]) || v === expected[i], `${route} row ${i}: got ${v}, expected ${expected[i]}`).toBe(true));
      }
    });
  }
});

describe('fromArrow: layout', () => {
  it('reads several record batches (chunks) and keeps the rows in order', () => {
    const a = new Table({
      date: vectorFromArray(['2024-01-02', '2024-01-03'], new Utf8()),
      A: vectorFromArray([1, 2], new Float64()),
      B: vectorFromArray([10, 20], new Float32()),
    });
    const b = new Table({ date: vectorFromArray(['2024-01-04'], new Utf8()), A: vectorFromArray([3], new Float64()), B: vectorFromArray([30], new Float32()) });
    const t = a.concat(b);
    expect(t.batches.length).toBe(2);
    for (const [route, table] of routes(t)) {
      const p = fromArrow(table);
      expect(p.dates, route).toEqual(['2024-01-02', '2024-01-03', '2024-01-04']);
      expect(p.values.toArray(), route).toEqual([
        [1, 10],
        [2, 20],
        [3, 30],
      ]);
    }
  });

  it('reads chunks of dictionary-encoded dates, each with its own dictionary (IPC stream: replacement dictionaries)', () => {
    const a = tableFromArrays({ date: ['2024-01-02', '2024-01-03'], A: Float64Array.of(1, 2) });
    const b = tableFromArrays({ date: ['2024-01-04'], A: Float64Array.of(3) });
    const t = a.concat(b);
    for (const table of [t, tableFromIPC(tableToIPC(t, 'stream'))]) {
      expect(fromArrow(table).dates).toEqual(['2024-01-02', '2024-01-03', '2024-01-04']);
    }
  });

  it('reads a slice (buffers at an offset, validity bits at an offset) with nulls', () => {
    const dates = ['2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-08', '2024-01-09', '2024-01-10', '2024-01-11', '2024-01-12'];
    const vals = [1, null, 3, 4, null, 6, 7, null, 9, 10];
    const t = new Table({ date: vectorFromArray(dates, new Utf8()), A: vectorFromArray(vals, new Float64()), I: vectorFromArray(vals, new Int32()) });
    const s = t.slice(3, 9); // rows 3..8
    expect(s.getChild('A')!.data[0]!.offset).toBe(3);
    const r = fromArrow(s, { kind: 'returns' });
    expect(r.dates).toEqual(dates.slice(3, 9));
    expect(JSON.parse(JSON.stringify(r.values))).toEqual([
      [4, 4],
      [null, null],
      [6, 6],
      [7, 7],
      [null, null],
      [9, 9],
    ]);
  });

  it('reads a table holding only buffers (no apache-arrow row accessors): the values never go through rows or JSON', () => {
    const full = new Table({ date: vectorFromArray(DATES, new Utf8()), A: vectorFromArray([1.5, null, 2.5], new Float64()) });
    const shape = {
      numRows: full.numRows,
      schema: { fields: full.schema.fields.map((f) => ({ name: f.name, type: f.type })) },
      getChildAt: (i: number) => ({
        length: full.numRows,
        data: full.getChildAt(i)!.data.map((d) => ({
          type: d.type,
          offset: d.offset,
          length: d.length,
          nullCount: d.nullCount,
          nullBitmap: d.nullBitmap,
          values: d.values,
          valueOffsets: d.valueOffsets,
        })),
      }),
    };
    const p = fromArrow(shape as unknown as Table);
    expect(p.dates).toEqual(DATES);
    expect(JSON.parse(JSON.stringify(p.values))).toEqual([[1.5], [null], [2.5]]);
  });

  it('does not modify the Arrow buffers', () => {
    const t = tableFromArrays({ date: ['2024-01-03', '2024-01-02'], A: Float64Array.of(2, 1) });
    const before = Array.from(t.getChild('A')!.data[0]!.values);
    fromArrow(t, { sort: true });
    expect(Array.from(t.getChild('A')!.data[0]!.values)).toEqual(before);
  });

  it('returns a frozen table that survives JSON and structuredClone', () => {
    const p = fromArrow(tableFromArrays({ date: DATES, A: Float64Array.of(1, 2, 3) }));
    expect(Object.isFrozen(p) && Object.isFrozen(p.dates) && Object.isFrozen(p.assets)).toBe(true);
    expect(JSON.parse(JSON.stringify(p))).toEqual({ kind: 'prices', dates: DATES, assets: ['A'], values: [[1], [2], [3]] });
    const c = structuredClone(p);
    expect(Array.from(c.values.data)).toEqual([1, 2, 3]);
  });
});

describe('fromArrow: options', () => {
  const t = () =>
    new Table({
      id: vectorFromArray([7, 8, 9], new Int32()),
      label: vectorFromArray(['x', 'y', 'z'], new Utf8()),
      when: makeVector(makeData({ type: new DateDay(), length: 3, nullCount: 0, data: Int32Array.from(DAYS) })),
      B: vectorFromArray([2, 4, 6], new Float64()),
      A: vectorFromArray([1, 3, 5], new Float64()),
    });

  it('dateColumn picks the date column; assets picks and orders the asset columns', () => {
    const p = fromArrow(t(), { dateColumn: 'when', assets: ['A', 'B'] });
    expect(p.dates).toEqual(DATES);
    expect(p.assets).toEqual(['A', 'B']);
    expect(p.values.toArray()).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
  });

  it('the default date column is the first of a date or string type', () => {
    // `label` (Utf8) comes first, so it is taken, and its values are not dates
    expect(() => fromArrow(t(), { assets: ['A'] })).toThrow(/date column "label" holds "x", not an ISO date YYYY-MM-DD \(row 0\)/);
    const p = fromArrow(new Table({ n: vectorFromArray([1, 2, 3], new Float64()), when: t().getChild('when')! }));
    expect(p.dates).toEqual(DATES);
    expect(p.assets).toEqual(['n']);
  });

  it('kind: returns accepts negatives and zeros; prices (default) refuse them', () => {
    const r = new Table({ date: vectorFromArray(DATES, new Utf8()), A: vectorFromArray([0.01, 0, -0.02], new Float64()) });
    expect(fromArrow(r, { kind: 'returns' }).kind).toBe('returns');
    expect(fromArrow(new Table({ date: vectorFromArray(DATES, new Utf8()), A: vectorFromArray([1, 2, 3], new Float64()) })).kind).toBe('prices');
  });

  it('sort: true sorts the rows by date, values following their dates', () => {
    const u = new Table({
      date: vectorFromArray(['2024-01-05', '2024-01-02', '2024-01-03'], new Utf8()),
      A: vectorFromArray([5, 2, 3], new Float64()),
      B: vectorFromArray([50, null, 30], new Float64()),
    });
    const p = fromArrow(u, { sort: true });
    expect(p.dates).toEqual(DATES);
    expect(JSON.parse(JSON.stringify(p.values))).toEqual([
      [2, null],
      [3, 30],
      [5, 50],
    ]);
  });

  it('an empty table (no rows) gives an empty table with the asset labels', () => {
    const e = fromArrow(new Table({ date: vectorFromArray([], new Utf8()), A: vectorFromArray([], new Float64()) }));
    expect(e.dates).toEqual([]);
    expect(e.assets).toEqual(['A']);
    expect(e.values.rows).toBe(0);
  });

  it('dictionary-encoded dates with repeated dictionary entries read through the indices', () => {
    const dict = vectorFromArray(['2024-01-05', '2024-01-02', '2024-01-03'], new Utf8());
    const date = makeVector(
      makeData({ type: new Dictionary(new Utf8(), new Int32()), length: 3, nullCount: 0, data: Int32Array.of(1, 2, 0), dictionary: dict }),
    );
    expect(fromArrow(new Table({ date, A: vectorFromArray([1, 2, 3], new Float64()) })).dates).toEqual(DATES);
  });
});
