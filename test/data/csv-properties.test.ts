/**
 * Properties of the table constructors, the CSV reader and writer, and records:
 * round trips (CSV and records give back the same table bit for bit), structured clones,
 * JSON, immutability, and no mutation of inputs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromRecords, priceTable, readPricesCsv, returnTable, returnsTable, reviveTable, toCsv, toRecords, type Table } from '../../src/data/index.ts';
import { isoAddDays } from '../../src/core/dates.ts';

const ticker = fc.stringMatching(/^[A-Z][A-Z0-9.]{0,5}$/);
/** A random price table: T dates (sorted, gaps allowed), n unique tickers, values with NaN holes. */
const tableArb = (kind: 'prices' | 'returns') =>
  fc
    .record({
      start: fc.integer({ min: 0, max: 20000 }),
      steps: fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 40 }),
      assets: fc.uniqueArray(ticker, { minLength: 1, maxLength: 6 }),
    })
    .chain(({ start, steps, assets }) => {
      const dates: string[] = [];
      let d = isoAddDays('1990-01-01', start);
      for (const s of steps) {
        dates.push(d);
        d = isoAddDays(d, s);
      }
      const value = kind === 'prices' ? fc.double({ min: 1e-6, max: 1e9, noNaN: true, noDefaultInfinity: true }) : fc.double({ min: -1, max: 5, noNaN: true });
      const cell = fc.oneof({ weight: 4, arbitrary: value }, { weight: 1, arbitrary: fc.constant(null) });
      return fc
        .array(fc.array(cell, { minLength: assets.length, maxLength: assets.length }), { minLength: dates.length, maxLength: dates.length })
        .map((values) => ({ dates, assets, values }));
    });

function sameBits(a: Table, b: Table): void {
  expect(b.kind).toBe(a.kind);
  expect(b.dates).toEqual(a.dates);
  expect(b.assets).toEqual(a.assets);
  expect(Array.from(b.values.data)).toEqual(Array.from(a.values.data)); // toEqual: NaN equals NaN, -0 differs from 0
  for (let k = 0; k < a.values.data.length; k++) expect(Object.is(a.values.data[k], b.values.data[k])).toBe(true);
}

describe('CSV round trip', () => {
  it('readPricesCsv(toCsv(t)) equals t bit for bit (prices and returns, NaN holes, -0)', () => {
    fc.assert(
      fc.property(tableArb('prices'), (parts) => {
        const t = priceTable(parts);
        sameBits(t, readPricesCsv(toCsv(t)));
        sameBits(t, readPricesCsv(toCsv(t, { delimiter: ';', lineEnding: '\r\n' })));
      }),
      { seed: 7, numRuns: 200 },
    );
    fc.assert(
      fc.property(tableArb('returns'), (parts) => {
        const t = returnTable(parts);
        sameBits(t, readPricesCsv(toCsv(t), { kind: 'returns' }));
      }),
      { seed: 8, numRuns: 200 },
    );
  });

  it('tickers with delimiters, quotes and line breaks survive through quoting', () => {
    const t = priceTable({ dates: ['2024-01-02'], assets: ['A,B', 'say "hi"', 'line\nbreak'], values: [[1, 2, 3]] });
    sameBits(t, readPricesCsv(toCsv(t)));
  });

  it('long records and wide records round-trip through fromRecords(toRecords(t))', () => {
    fc.assert(
      fc.property(tableArb('prices'), (parts) => {
        const t = priceTable(parts);
        const wide = fromRecords(toRecords(t, { format: 'wide' }));
        sameBits(t, wide);
        // long records leave missing values out, so a column or date that is entirely missing disappears
        const long = toRecords(t);
        if (long.length > 0) {
          const back = fromRecords(long, { asset: 'asset', value: 'value' });
          for (const r of long) {
            const i = back.dates.indexOf(r.date as string);
            const j = back.assets.indexOf(r.asset as string);
            expect(back.values.get(i, j)).toBe(r.value);
          }
        }
      }),
      { seed: 9, numRuns: 150 },
    );
  });
});

describe('tables are immutable values', () => {
  it('survive structuredClone, and the clone is accepted everywhere and revives to the same table', () => {
    fc.assert(
      fc.property(tableArb('prices'), (parts) => {
        const t = priceTable(parts);
        const clone = structuredClone(t);
        sameBits(t, reviveTable(clone));
        expect(toCsv(clone)).toBe(toCsv(t));
        if (t.dates.length >= 2) sameBits(returnsTable(t), returnsTable(clone));
      }),
      { seed: 10, numRuns: 100 },
    );
  });

  it('JSON gives { kind, dates, assets, values } with null for a missing value, and revives', () => {
    const t = priceTable({
      dates: ['2024-01-02', '2024-01-03'],
      assets: ['A', 'B'],
      values: [
        [1, null],
        [2, 3],
      ],
    });
    const json = JSON.parse(JSON.stringify(t));
    expect(json).toEqual({
      kind: 'prices',
      dates: ['2024-01-02', '2024-01-03'],
      assets: ['A', 'B'],
      values: [
        [1, null],
        [2, 3],
      ],
    });
    sameBits(t, reviveTable(json));
  });

  it('are frozen, and building one neither keeps nor mutates its inputs', () => {
    fc.assert(
      fc.property(tableArb('prices'), (parts) => {
        const before = JSON.stringify(parts);
        const t = priceTable(parts, { sort: true });
        expect(JSON.stringify(parts)).toBe(before);
        expect(Object.isFrozen(t) && Object.isFrozen(t.dates) && Object.isFrozen(t.assets)).toBe(true);
        expect(t.dates).not.toBe(parts.dates);
        (parts.values[0] as (number | null)[])[0] = 12345; // changing the input afterwards does not reach the table
        expect(t.values.get(0, 0)).not.toBe(12345);
      }),
      { seed: 11, numRuns: 50 },
    );
  });

  it('sort: true gives the same table whatever the row order', () => {
    fc.assert(
      fc.property(tableArb('prices'), fc.integer(), (parts, seed) => {
        const idx = parts.dates.map((_, i) => i);
        let s = seed;
        for (let i = idx.length - 1; i > 0; i--) {
          s = (s * 1103515245 + 12345) & 0x7fffffff;
          const k = s % (i + 1);
          [idx[i], idx[k]] = [idx[k]!, idx[i]!];
        }
        const shuffled = { dates: idx.map((i) => parts.dates[i]!), assets: parts.assets, values: idx.map((i) => parts.values[i]!) };
        sameBits(priceTable(parts), priceTable(shuffled, { sort: true }));
        sameBits(
          priceTable(parts),
          readPricesCsv(
            toCsv(priceTable(parts))
              .split('\n')
              .filter(Boolean)
              .map((l, i, a) => (i === 0 ? l : a[1 + (idx[i - 1] as number)]))
              .join('\n'),
            { sort: true },
          ),
        );
      }),
      { seed: 12, numRuns: 100 },
    );
  });
});

describe('returnsTable properties', () => {
  it('r_t is missing exactly when p_t or p_{t-1} is missing, and equals (p_t - p_{t-1}) / p_{t-1} otherwise', () => {
    fc.assert(
      fc.property(tableArb('prices'), (parts) => {
        fc.pre(parts.dates.length >= 2);
        const p = priceTable(parts);
        const r = returnsTable(p);
        expect(r.dates).toEqual(p.dates.slice(1));
        for (let t = 1; t < p.values.rows; t++) {
          for (let j = 0; j < p.values.cols; j++) {
            const a = p.values.get(t - 1, j);
            const b = p.values.get(t, j);
            const x = r.values.get(t - 1, j);
            if (Number.isNaN(a) || Number.isNaN(b)) expect(Number.isNaN(x)).toBe(true);
            else expect(x).toBe((b - a) / a);
          }
        }
      }),
      { seed: 13, numRuns: 100 },
    );
  });
});
