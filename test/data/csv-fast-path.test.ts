/**
 * readPricesCsv has two parsers: papaparse (any RFC 4180 text) and a fast path for files with
 * no quote character, which finds cells by position and converts plain decimals directly. The
 * two must give the same table, bit for bit, or the same error. A quoted header cell sends a
 * text through papaparse, so each random file is read both ways.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readPricesCsv } from '../../src/data/index.ts';

const value = fc.double({ min: -1e6, max: 1e6, noNaN: true });
/** The many ways a number (or a gap, or garbage) is written in real files. */
const cell = fc.oneof(
  { weight: 6, arbitrary: value.map((v) => String(v)) },
  { weight: 2, arbitrary: fc.tuple(value, fc.integer({ min: 0, max: 8 })).map(([v, k]) => v.toFixed(k)) },
  { weight: 2, arbitrary: fc.tuple(value, fc.integer({ min: 0, max: 16 })).map(([v, k]) => v.toExponential(k)) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(' ', '\t', '  '), value).map(([w, v]) => `${w}${v}${w}`) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 999999 }).map((v) => `+${v}`) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 9999 }).map((v) => `.${v}`) },
  { weight: 1, arbitrary: fc.constantFrom('12345678901234567890', '0.000000000000000000123', '-0', '00012.5000', '1e-320', '9.999999999999999e22') },
  { weight: 2, arbitrary: fc.constantFrom('', 'NA', 'NaN', 'null', '#N/A', 'nan', 'None', '<NA>') },
  { weight: 1, arbitrary: fc.constantFrom('abc', '1,5', '0x1A', 'Infinity', '1e', '--1', '1.2.3', '١٢') },
);

function file(rows: string[][], eol: string): string {
  const n = rows[0]!.length;
  const header = ['date', ...Array.from({ length: n }, (_, j) => `A${j}`)].join(',');
  const lines = rows.map((r, i) => [`2024-01-${String(i + 1).padStart(2, '0')}`, ...r].join(','));
  return [header, ...lines].join(eol) + eol;
}

function outcome(text: string): unknown {
  try {
    const t = readPricesCsv(text, { kind: 'returns' });
    return { dates: t.dates, assets: t.assets, bits: Array.from(t.values.data, (v) => (Object.is(v, -0) ? '-0' : String(v))) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

describe('readPricesCsv: the fast path and papaparse agree', () => {
  it('same table bit for bit (or the same error) on random files, LF and CRLF', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((n) => fc.array(fc.array(cell, { minLength: n, maxLength: n }), { minLength: 1, maxLength: 20 })),
        fc.constantFrom('\n', '\r\n'),
        (rows, eol) => {
          const text = file(rows, eol);
          const viaPapaparse = '"date"' + text.slice('date'.length); // a quote anywhere turns the fast path off
          expect(outcome(text)).toEqual(outcome(viaPapaparse));
        },
      ),
      { seed: 2024, numRuns: 500 },
    );
  });
});
