/**
 * Timings for quantivista/arrow at (T, n) = (2520, 500): `fromArrow` on a Float64 table with
 * Date32 dates (as Polars / DuckDB hand it over), on Float32, Int64 and Decimal(18, 4) columns,
 * and on a table read from IPC bytes; `toArrow` of a table with missing values; next to
 * reading every cell through apache-arrow's row objects (`table.get(i)[name]`), the route this
 * module avoids.
 * `npm run bench -- arrow`. On a shared, loaded machine the absolute numbers vary between runs.
 */
import { Decimal, Float32, Int64, makeData, makeVector, DateDay, Float64, tableFromIPC, tableToIPC, Table, vectorFromArray } from 'apache-arrow';
import { fromArrow, toArrow } from '../src/arrow/index.ts';
import { measure, printTable } from './harness.ts';

const T = 2520;
const n = 500;
let s = 11;
const u = (): number => {
  s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
  return s / 2 ** 32;
};
const days = Int32Array.from({ length: T }, (_, i) => 19_000 + i);
const date = makeVector(makeData({ type: new DateDay(), length: T, nullCount: 0, data: days }));
const cols: Record<string, unknown> = { date };
const f32: Record<string, unknown> = { date };
const i64: Record<string, unknown> = { date };
const dec: Record<string, unknown> = { date };
for (let j = 0; j < n; j++) {
  const v = Float64Array.from({ length: T }, () => 50 + 100 * u());
  cols[`A${j}`] = makeVector(makeData({ type: new Float64(), length: T, nullCount: 0, data: v }));
  f32[`A${j}`] = makeVector(makeData({ type: new Float32(), length: T, nullCount: 0, data: Float32Array.from(v) }));
  i64[`A${j}`] = makeVector(makeData({ type: new Int64(), length: T, nullCount: 0, data: BigInt64Array.from(v, (x) => BigInt(Math.round(x * 100))) }));
  const words = new Uint32Array(4 * T);
  for (let i = 0; i < T; i++) words[4 * i] = Math.round((v[i] as number) * 10_000);
  dec[`A${j}`] = makeVector(makeData({ type: new Decimal(4, 18), length: T, nullCount: 0, data: words }));
}
const table = new Table(cols as never);
const tableF32 = new Table(f32 as never);
const tableI64 = new Table(i64 as never);
const tableDec = new Table(dec as never);
const ipc = tableToIPC(table);
const prices = fromArrow(table);
const withNaN = fromArrow(new Table({ date, X: vectorFromArray(Array.from({ length: T }, (_, i) => (i % 10 === 0 ? null : 1 + i))) } as never));

printTable(
  `fromArrow / toArrow, ${T} x ${n}`,
  [
    measure('fromArrow Float64 + Date32', () => fromArrow(table)),
    measure('fromArrow Float32', () => fromArrow(tableF32)),
    measure('fromArrow Int64', () => fromArrow(tableI64)),
    measure('fromArrow Decimal(18, 4)', () => fromArrow(tableDec)),
    measure('tableFromIPC + fromArrow', () => fromArrow(tableFromIPC(ipc))),
    measure('toArrow', () => toArrow(prices)),
    measure('toArrow + tableToIPC', () => tableToIPC(toArrow(prices))),
    measure('toArrow, 10 % missing in one column', () => toArrow(withNaN)),
    measure(
      'row objects: table.get(i)[asset] for every cell',
      () => {
        const names = Object.keys(cols).slice(1);
        const out = new Float64Array(T * n);
        for (let i = 0; i < T; i++) {
          const row = table.get(i) as unknown as Record<string, number>;
          for (let j = 0; j < n; j++) out[i * n + j] = row[names[j] as string] as number;
        }
        return out;
      },
      { maxRuns: 3, minMs: 0 },
    ),
  ],
  'fromArrow Float64 + Date32',
);
