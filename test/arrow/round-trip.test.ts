/**
 * toArrow's output (types, validity bitmaps, metadata) and the round trip toArrow -> fromArrow,
 * directly and through IPC bytes: the same table bit for bit, NaN included (fast-check over
 * random tables with NaNs, fixed seed).
 */
import { DateDay, Float64, tableFromIPC, tableToIPC, Type, type Table as ArrowTable } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromArrow, toArrow } from '../../src/arrow/index.ts';
import { readTable, type Table } from '../../src/core/table.ts';

function sameBits(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (!Object.is(a[k], b[k])) return false;
  return true;
}

function expectSameTable(back: Table, t: Table, label = ''): void {
  expect(back.kind, label).toBe(t.kind);
  expect(back.dates, label).toEqual(t.dates);
  expect(back.assets, label).toEqual(t.assets);
  expect([back.values.rows, back.values.cols], label).toEqual([t.values.rows, t.values.cols]);
  expect(sameBits(back.values.data, t.values.data), `${label}: values differ`).toBe(true);
}

const ipcRoutes = (a: ArrowTable): Array<[string, ArrowTable]> => [
  ['direct', a],
  ['IPC stream', tableFromIPC(tableToIPC(a, 'stream'))],
  ['IPC file', tableFromIPC(tableToIPC(a, 'file'))],
];

describe('toArrow', () => {
  const table = readTable('test', 'table', {
    kind: 'prices',
    dates: ['2023-12-29', '2024-01-02', '2024-01-03'],
    assets: ['AAA', 'BBB', 'CCC'],
    values: [
      [100, null, 7.25],
      [101.5, 20, NaN],
      [99, 21, 7.5],
    ],
  });

  it('writes a non-null Date32 date column and nullable Float64 asset columns', () => {
    const a = toArrow(table);
    expect(a.schema.fields.map((f) => [f.name, f.type.typeId, f.nullable])).toEqual([
      ['date', Type.Date, false],
      ['AAA', Type.Float, true],
      ['BBB', Type.Float, true],
      ['CCC', Type.Float, true],
    ]);
    expect(DateDay.isDate(a.schema.fields[0]!.type) && (a.schema.fields[0]!.type as DateDay).unit).toBe(0); // DateUnit.DAY
    expect(Float64.isFloat(a.schema.fields[1]!.type) && (a.schema.fields[1]!.type as Float64).precision).toBe(2); // Precision.DOUBLE
    expect(a.schema.metadata.get('quantivista:kind')).toBe('prices');
  });

  it('stores day numbers (days since 1970-01-01, by Date.UTC) in the date column', () => {
    const days = Array.from(toArrow(table).getChild('date')!.data[0]!.values as Int32Array);
    expect(days).toEqual(['2023-12-29', '2024-01-02', '2024-01-03'].map((d) => Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8)) / 86_400_000));
    expect(days).toEqual([19720, 19724, 19725]);
  });

  it('stores NaN as null: a validity bitmap with the bit clear, null counts, and no bitmap where nothing is missing', () => {
    for (const [route, a] of ipcRoutes(toArrow(table))) {
      const bbb = a.getChild('BBB')!;
      const ccc = a.getChild('CCC')!;
      expect([a.getChild('AAA')!.nullCount, bbb.nullCount, ccc.nullCount], route).toEqual([0, 1, 1]);
      expect(bbb.toJSON(), route).toEqual([null, 20, 21]); // apache-arrow's reading: null, not a number
      expect(ccc.toJSON(), route).toEqual([7.25, null, 7.5]);
      expect([bbb.isValid(0), bbb.isValid(1), ccc.isValid(1)], route).toEqual([false, true, false]);
      const bits = bbb.data[0]!.nullBitmap;
      expect(bits[0]! & 0b111, route).toBe(0b110); // rows 1 and 2 valid, row 0 null (LSB first)
    }
    expect(toArrow(table).getChild('AAA')!.data[0]!.nullBitmap.length).toBe(0);
  });

  it('keeps the input table unchanged, and writes an empty table with its columns', () => {
    const before = Array.from(table.values.data);
    toArrow(table);
    expect(sameBits(table.values.data, Float64Array.from(before))).toBe(true);
    const e = toArrow({ dates: [], assets: ['A', 'B'], values: [] });
    expect(e.numRows).toBe(0);
    expect(e.schema.fields.map((f) => f.name)).toEqual(['date', 'A', 'B']);
  });

  it('accepts a structured clone of a table', () => {
    const a = toArrow(structuredClone(table));
    expectSameTable(fromArrow(a), table);
  });
});

describe('round trip toArrow -> fromArrow', () => {
  it('gives back the same table, bit for bit, directly and through IPC (stream and file)', () => {
    const t = readTable('test', 'table', {
      kind: 'returns',
      dates: ['1999-12-31', '2000-02-29', '2024-01-02'],
      assets: ['A', '__proto__', 'é'],
      values: [
        [0.1, -0, 5e-324],
        [NaN, 1.7976931348623157e308, -0.3],
        [-2.5e-10, null, 1 / 3],
      ],
    });
    for (const [route, a] of ipcRoutes(toArrow(t))) expectSameTable(fromArrow(a, { kind: 'returns' }), t, route);
  });

  it('property: random tables with NaNs round-trip bit for bit (fast-check, fixed seed)', () => {
    const dayList = fc.uniqueArray(fc.integer({ min: -719_528, max: 2_932_896 }), { minLength: 0, maxLength: 40 }).map((d) => d.sort((x, y) => x - y));
    const cell = fc.oneof({ weight: 1, arbitrary: fc.constant(NaN) }, { weight: 6, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) });
    const arb = fc
      .record({ days: dayList, n: fc.integer({ min: 1, max: 6 }), kind: fc.constantFrom('returns' as const, 'prices' as const), ipc: fc.boolean() })
      .chain(({ days, n, kind, ipc }) =>
        fc.record({
          days: fc.constant(days),
          assets: fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { minLength: n, maxLength: n }),
          cells: fc.array(kind === 'prices' ? fc.oneof(fc.constant(NaN), fc.double({ min: 1e-300, max: 1e300, noNaN: true })) : cell, {
            minLength: days.length * n,
            maxLength: days.length * n,
          }),
          kind: fc.constant(kind),
          ipc: fc.constant(ipc),
        }),
      );
    fc.assert(
      fc.property(arb, ({ days, assets, cells, kind, ipc }) => {
        const iso = days.map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10).padStart(10, '0'));
        const n = assets.length;
        const values = days.map((_, i) => cells.slice(i * n, i * n + n));
        const t = readTable('test', 'table', { kind, dates: iso, assets, values });
        let a = toArrow(t);
        if (ipc) a = tableFromIPC(tableToIPC(a));
        const back = fromArrow(a, { kind });
        expectSameTable(back, t);
      }),
      { seed: 20240611, numRuns: 300 },
    );
  });
});
