/**
 * An independent Arrow writer and reader: Polars (nodejs-polars, Polars' Rust Arrow code), through
 * the IPC format. Fixtures from scripts/fixtures/arrow/polars-ipc.cjs:
 * - polars.arrow (IPC file, one record batch) and polars.arrows (IPC stream, two record batches
 *   with a dictionary each) hold a DataFrame that Polars wrote, with the Arrow types Polars chose
 *   (Date32, Utf8View / LargeUtf8, Dictionary for Categorical, Timestamp ms / us / ns, Float64,
 *   Float32, Int32, Int64, UInt8, Decimal128(18, 4), with nulls); polars.json has what Polars
 *   reads in it (dates as Polars formats them, numbers, 64-bit integers and decimals as printed).
 * - to-arrow.arrow was written by toArrow and read by Polars; polars.json records Polars' dtypes,
 *   null counts and values. The test checks that Polars saw the table as intended and that toArrow
 *   still writes the same columns, buffer for buffer.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tableFromIPC, Type } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { fromArrow, toArrow } from '../../src/arrow/index.ts';
import { loadFixture } from '../helpers.ts';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'arrow');
const ipc = (file: string) => tableFromIPC(readFileSync(join(dir, file)));

interface PolarsFixture {
  polars: string;
  polarsWrote: {
    dtypes: Record<string, string>;
    dates: string[];
    dateColumns: Record<string, string[]>;
    values: Record<string, Array<number | string | null>>;
  };
  polarsRead: {
    input: { kind: 'returns'; dates: string[]; assets: string[]; values: Array<Array<number | null>> };
    dtypes: Record<string, string>;
    nullCounts: Record<string, number>;
    dates: string[];
    values: Record<string, Array<number | null>>;
  };
}

const fx = loadFixture<PolarsFixture>('arrow/polars.json');
const ASSETS = ['f64', 'f32', 'i32', 'i64', 'u8', 'dec'];

describe(`tables written by Polars (${fx.polars})`, () => {
  for (const [file, format] of [
    ['polars.arrow', 'IPC file'],
    ['polars.arrows', 'IPC stream, two record batches'],
  ] as const) {
    const table = ipc(file);

    it(`${format}: the Arrow types are those Polars is known to write`, () => {
      const types = Object.fromEntries(table.schema.fields.map((f) => [f.name, String(f.type)]));
      expect(types).toMatchObject({
        date: 'Date32<DAY>',
        dt_ms: 'Timestamp<MILLISECOND>',
        dt_us: 'Timestamp<MICROSECOND>',
        dt_ns: 'Timestamp<NANOSECOND>',
        f64: 'Float64',
        f32: 'Float32',
        i32: 'Int32',
        i64: 'Int64',
        u8: 'Uint8',
        dec: 'Decimal[18e+4]',
      });
      expect(['Utf8View', 'LargeUtf8', 'Utf8']).toContain(types.sdate);
      expect(table.schema.fields.find((f) => f.name === 'cdate')!.type.typeId).toBe(Type.Dictionary);
    });

    it(`${format}: every date column reads as the dates Polars reports`, () => {
      for (const dateColumn of ['date', 'sdate', 'cdate', 'dt_ms', 'dt_us', 'dt_ns']) {
        const r = fromArrow(table, { dateColumn, assets: ['f64'] });
        expect(r.dates, dateColumn).toEqual(fx.polarsWrote.dates);
        expect(
          fx.polarsWrote.dateColumns[dateColumn]!.map((s) => s.slice(0, 10)),
          dateColumn,
        ).toEqual(fx.polarsWrote.dates);
      }
    });

    it(`${format}: the asset columns hold what Polars holds (nulls as NaN; Int64 and Decimal rounded to the nearest double)`, () => {
      const r = fromArrow(table, { assets: ASSETS, kind: 'returns' });
      expect(r.dates).toEqual(fx.polarsWrote.dates); // default date column: `date`, the first of a date type
      expect(r.assets).toEqual(ASSETS);
      const bad: string[] = [];
      ASSETS.forEach((a, j) => {
        fx.polarsWrote.values[a]!.forEach((v, i) => {
          // strings (Int64, Decimal as Polars prints them): ECMAScript's Number() is correctly rounded up to 20 digits
          const want = v === null ? NaN : typeof v === 'string' ? Number(v) : v;
          const got = r.values.get(i, j);
          if (!Object.is(got, want)) bad.push(`${a} row ${i}: got ${got}, Polars ${v}`);
        });
      });
      expect(bad).toEqual([]);
      expect(r.values.get(0, ASSETS.indexOf('i64'))).toBe(2 ** 53); // 2^53 + 1, halfway: ties to even
    });

    it(`${format}: read as prices (the default) with the string dates`, () => {
      const p = fromArrow(table, { dateColumn: 'sdate', assets: ['f64', 'dec'] });
      expect(p.kind).toBe('prices');
      expect(p.values.rows).toBe(fx.polarsWrote.dates.length);
    });
  }
});

describe('a table written by toArrow, as Polars read it', () => {
  const { input } = fx.polarsRead;

  it('Polars saw a Date column and Float64 columns, with nulls exactly where the table had NaN', () => {
    expect(fx.polarsRead.dtypes).toEqual({ date: 'DataType(Date)', AAA: 'DataType(Float64)', BBB: 'DataType(Float64)', CCC: 'DataType(Float64)' });
    expect(fx.polarsRead.dates).toEqual(input.dates);
    input.assets.forEach((a, j) => {
      expect(fx.polarsRead.values[a], a).toEqual(input.values.map((row) => row[j]));
      expect(fx.polarsRead.nullCounts[a], a).toBe(input.values.filter((row) => row[j] === null).length);
    });
  });

  it('toArrow still writes those columns, buffer for buffer', () => {
    const verified = ipc('to-arrow.arrow');
    const now = toArrow(input);
    expect(now.schema.fields.map((f) => [f.name, String(f.type), f.nullable])).toEqual(verified.schema.fields.map((f) => [f.name, String(f.type), f.nullable]));
    for (const f of verified.schema.fields) {
      const a = now.getChild(f.name)!.data[0]!;
      const b = verified.getChild(f.name)!.data[0]!;
      expect(Array.from(a.values as ArrayLike<number>), f.name).toEqual(Array.from(b.values as ArrayLike<number>));
      expect(a.nullCount, f.name).toBe(b.nullCount);
      for (let i = 0; i < a.length; i++) expect(a.getValid(i), `${f.name} row ${i}`).toBe(b.getValid(i));
    }
    expect(now.schema.metadata.get('quantivista:kind')).toBe(verified.schema.metadata.get('quantivista:kind'));
  });

  it('and fromArrow reads the file back as the input table', () => {
    const r = fromArrow(ipc('to-arrow.arrow'), { kind: 'returns' });
    expect(JSON.parse(JSON.stringify(r))).toEqual(input);
  });
});
