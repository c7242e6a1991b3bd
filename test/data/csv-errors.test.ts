/**
 * Every typed error of the table constructors, the CSV reader and writer, records and
 * returnsTable: each names what is wrong and where (CSV line numbers count the header as line 1).
 */
import { describe, expect, it } from 'vitest';
import { DimensionError, InsufficientDataError, InvalidArgumentError } from '../../src/core/errors.ts';
import { fromRecords, priceTable, readPricesCsv, returnTable, returnsTable, reviveTable, toCsv, toRecords } from '../../src/data/index.ts';

type Case = [string, () => unknown, new (...a: never[]) => Error, RegExp];
const p2 = { dates: ['2024-01-02', '2024-01-03'], assets: ['A'], values: [[1], [2]] };
const cases: Case[] = [
  [
    'not a number names line and column',
    () => readPricesCsv('date,AAA\n2024-01-02,1\n2024-01-03,abc\n'),
    InvalidArgumentError,
    /line 3, column AAA: "abc" is not a number/,
  ],
  [
    'thousands separator is not a number',
    () => readPricesCsv('date,AAA\n2024-01-02,"1,234.5"\n'),
    InvalidArgumentError,
    /line 2, column AAA: "1,234.5" is not a number/,
  ],
  ['hex is not a number', () => readPricesCsv('date,AAA\n2024-01-02,0x10\n'), InvalidArgumentError, /"0x10" is not a number/],
  ['Infinity is not a number', () => readPricesCsv('date,AAA\n2024-01-02,Infinity\n'), InvalidArgumentError, /"Infinity" is not a number/],
  [
    'duplicate dates name both lines',
    () => readPricesCsv('date,AAA\n2024-01-02,1\n2024-01-02,2\n'),
    InvalidArgumentError,
    /2024-01-02 appears twice \(lines 2 and 3\)/,
  ],
  [
    'unsorted dates suggest sort: true',
    () => readPricesCsv('date,AAA\n2024-01-03,1\n2024-01-02,2\n'),
    InvalidArgumentError,
    /line 3 \(2024-01-02\) comes after line 2.*sort: true/,
  ],
  [
    'duplicate dates after sorting',
    () => readPricesCsv('date,AAA\n2024-01-03,1\n2024-01-02,2\n2024-01-03,3\n', { sort: true }),
    InvalidArgumentError,
    /2024-01-03 appears twice \(lines 2 and 4\)/,
  ],
  ['duplicate tickers', () => readPricesCsv('date,AAA,AAA\n2024-01-02,1,2\n'), InvalidArgumentError, /"AAA" appears twice \(columns 2 and 3\)/],
  ['empty ticker', () => readPricesCsv('date,AAA,\n2024-01-02,1,2\n'), InvalidArgumentError, /column 3 has an empty ticker/],
  ['non-positive price', () => readPricesCsv('date,AAA\n2024-01-02,0\n'), InvalidArgumentError, /line 2, column AAA: the price 0 is not positive/],
  ['negative price', () => readPricesCsv('date,AAA\n2024-01-02,-3\n'), InvalidArgumentError, /kind: 'returns'/],
  ['wrong field count', () => readPricesCsv('date,AAA,BBB\n2024-01-02,1\n'), InvalidArgumentError, /line 2 has 2 fields, but the header has 3/],
  [
    'bad ISO date hints the format',
    () => readPricesCsv('date,AAA\n01/02/2024,1\n'),
    InvalidArgumentError,
    /line 2: "01\/02\/2024" is not a date in the format YYYY-MM-DD .*MM\/DD\/YYYY.*DD\/MM\/YYYY/,
  ],
  ['impossible date', () => readPricesCsv('date,AAA\n2023-02-29,1\n'), InvalidArgumentError, /"2023-02-29" is not a date/],
  ['intraday time refused', () => readPricesCsv('date,AAA\n2024-01-02T15:30:00,1\n'), InvalidArgumentError, /is not a date/],
  ['month 13 under MM/DD/YYYY', () => readPricesCsv('date,AAA\n13/02/2024,1\n', { dateFormat: 'MM/DD/YYYY' }), InvalidArgumentError, /DD\/MM\/YYYY/],
  ['empty text', () => readPricesCsv(''), InvalidArgumentError, /empty/],
  ['not a string', () => readPricesCsv(42 as never), InvalidArgumentError, /must be the CSV file's text/],
  ['header only, no tickers', () => readPricesCsv('date\n2024-01-02\n'), InvalidArgumentError, /no ticker columns/],
  ['unknown dateColumn', () => readPricesCsv('date,AAA\n2024-01-02,1\n', { dateColumn: 'Day' }), InvalidArgumentError, /no column "Day"/],
  ['unknown option', () => readPricesCsv('date,AAA\n2024-01-02,1\n', { fromat: 'wide' } as never), InvalidArgumentError, /unknown option `fromat`/],
  ['bad dateFormat', () => readPricesCsv('date,AAA\n2024-01-02,1\n', { dateFormat: 'YYYY/MM/DD' as never }), InvalidArgumentError, /dateFormat/],
  ['bad delimiter', () => readPricesCsv('date,AAA\n2024-01-02,1\n', { delimiter: ',,' }), InvalidArgumentError, /one character/],
  ['unclosed quote', () => readPricesCsv('date,AAA\n2024-01-02,"1\n'), InvalidArgumentError, /line 2/],
  [
    'long: duplicate pair names both lines',
    () => readPricesCsv('date,ticker,close\n2024-01-02,A,1\n2024-01-02,A,2\n', { format: 'long' }),
    InvalidArgumentError,
    /"A" on 2024-01-02 appears twice \(line 2 and line 3\)/,
  ],
  ['long: no value column', () => readPricesCsv('date,ticker,x\n2024-01-02,A,1\n', { format: 'long' }), InvalidArgumentError, /no value column found/],
  ['long: empty ticker', () => readPricesCsv('date,ticker,close\n2024-01-02,,1\n', { format: 'long' }), InvalidArgumentError, /line 2: the ticker is empty/],
  ['priceTable: shape', () => priceTable({ dates: ['2024-01-02'], assets: ['A', 'B'], values: [[1]] }), DimensionError, /2 labels|1 labels/],
  ['priceTable: dates count', () => priceTable({ dates: ['2024-01-02'], assets: ['A'], values: [[1], [2]] }), DimensionError, /must have 2 dates/],
  [
    'priceTable: unsorted',
    () => priceTable({ dates: ['2024-01-03', '2024-01-02'], assets: ['A'], values: [[1], [2]] }),
    InvalidArgumentError,
    /strictly increasing.*sort: true/,
  ],
  [
    'priceTable: duplicate date',
    () => priceTable({ dates: ['2024-01-02', '2024-01-02'], assets: ['A'], values: [[1], [2]] }, { sort: true }),
    InvalidArgumentError,
    /2024-01-02 twice/,
  ],
  ['priceTable: bad date', () => priceTable({ dates: ['2024-1-2'], assets: ['A'], values: [[1]] }), InvalidArgumentError, /not an ISO date/],
  [
    'priceTable: duplicate ticker',
    () => priceTable({ dates: ['2024-01-02'], assets: ['A', 'A'], values: [[1, 2]] }),
    InvalidArgumentError,
    /"A" appears twice/,
  ],
  [
    'priceTable: negative price names asset and date',
    () => priceTable({ dates: ['2024-01-02'], assets: ['A'], values: [[-1]] }),
    InvalidArgumentError,
    /A on 2024-01-02 \(row 0\) is -1/,
  ],
  ['priceTable: Infinity', () => priceTable({ dates: ['2024-01-02'], assets: ['A'], values: [[Infinity]] }), InvalidArgumentError, /finite/],
  ['returnTable: Infinity', () => returnTable({ dates: ['2024-01-02'], assets: ['A'], values: [[-Infinity]] }), InvalidArgumentError, /finite/],
  ['priceTable: not an object', () => priceTable(null as never), InvalidArgumentError, /object/],
  [
    'returnsTable: one date',
    () => returnsTable(priceTable({ dates: ['2024-01-02'], assets: ['A'], values: [[1]] })),
    InsufficientDataError,
    /at least 2 dates/,
  ],
  ['returnsTable: given returns', () => returnsTable(returnTable(p2)), InvalidArgumentError, /already a ReturnTable/],
  ['returnsTable: bad kind', () => returnsTable(priceTable(p2), { kind: 'arith' as never }), InvalidArgumentError, /kind/],
  ['reviveTable: not a table', () => reviveTable([1, 2]), InvalidArgumentError, /expected a table/],
  ['toCsv: dateColumn is a ticker', () => toCsv(priceTable({ dates: ['2024-01-02'], assets: ['date'], values: [[1]] })), InvalidArgumentError, /also a ticker/],
  ['toCsv: padded ticker', () => toCsv(priceTable({ dates: ['2024-01-02'], assets: [' A'], values: [[1]] })), InvalidArgumentError, /white space/],
  ['fromRecords: not an array', () => fromRecords({} as never), InvalidArgumentError, /array of objects/],
  ['fromRecords: asset without value', () => fromRecords([], { asset: 'ticker' }), InvalidArgumentError, /both `asset` and `value`/],
  ['fromRecords: bad date', () => fromRecords([{ date: '2024/01/02', A: 1 }]), InvalidArgumentError, /records\[0\]\.date/],
  ['fromRecords: string value', () => fromRecords([{ date: '2024-01-02', A: '1' }]), InvalidArgumentError, /record 0 \(A on 2024-01-02\) is "1"/],
  [
    'fromRecords: duplicate date',
    () =>
      fromRecords([
        { date: '2024-01-02', A: 1 },
        { date: '2024-01-02', A: 2 },
      ]),
    InvalidArgumentError,
    /appears twice \(records 0 and 1\)/,
  ],
  ['fromRecords: no values', () => fromRecords([{ date: '2024-01-02' }]), InvalidArgumentError, /no ticker fields/],
  ['toRecords: colliding keys', () => toRecords(priceTable(p2), { asset: 'date' }), InvalidArgumentError, /must differ/],
];

describe('data: typed errors', () => {
  for (const [label, f, cls, msg] of cases) {
    it(label, () => {
      expect(f).toThrow(cls);
      expect(f).toThrow(msg);
    });
  }
});

describe('data: missing-value markers and dialect details', () => {
  it("pandas' default markers are missing; naValues adds more", () => {
    const t = readPricesCsv('date,A,B,C,D,E\n2024-01-02,NA,#N/A,<NA>,None,-\n', { naValues: ['-'] });
    expect(Array.from(t.values.data).every(Number.isNaN)).toBe(true);
  });
  it('a midnight time part is accepted (pandas and databases write it)', () => {
    expect(readPricesCsv('date,A\n2024-01-02T00:00:00Z,1\n2024-01-03 00:00:00,2\n').dates).toEqual(['2024-01-02', '2024-01-03']);
  });
  it('the date column is found by name in any case and position, else the first column', () => {
    expect(readPricesCsv('A,DATE\n1,2024-01-02\n').assets).toEqual(['A']);
    expect(readPricesCsv('when,A\n2024-01-02,1\n').assets).toEqual(['A']);
  });
  it('a BOM and trailing blank lines are ignored; a semicolon or tab delimiter is detected', () => {
    expect(readPricesCsv('\uFEFFdate;A\n2024-01-02;1\n\n\n').values.get(0, 0)).toBe(1);
    expect(readPricesCsv('date\tA\n2024-01-02\t1\n').values.get(0, 0)).toBe(1);
  });
});
