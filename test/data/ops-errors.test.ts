/**
 * Every typed error of the table operations (alignTables, mergeTables, resample, fillMissing,
 * dropMissing, selectAssets, sliceDates): class, message (function, argument, what was expected,
 * what came) and, for an empty result, the stated cause.
 */
import { describe, expect, it } from 'vitest';
import { DimensionError, InsufficientDataError, InvalidArgumentError } from '../../src/core/errors.ts';
import { buildTable } from '../../src/core/table.ts';
import { alignTables, dropMissing, fillMissing, mergeTables, resample, selectAssets, sliceDates } from '../../src/data/index.ts';
import { expectTypedError } from '../helpers.ts';
import { fx, prices, tableOf, type FixtureTable } from './ops-helpers.ts';

const small = {
  kind: 'prices' as const,
  dates: ['2024-01-02', '2024-01-03', '2024-01-04'],
  assets: ['AAPL', 'MSFT', 'GOOG'],
  values: [
    [1, 2, 3],
    [4, null, 6],
    [7, 8, 9],
  ],
};
const returns = buildTable('test', 'returns', { dates: small.dates, assets: small.assets, values: small.values });
const any = (x: unknown) => x as never;

describe('table validation (shared by every function)', () => {
  const calls: [string, (t: unknown) => unknown][] = [
    ['alignTables', (t) => alignTables([small, any(t)])],
    ['mergeTables', (t) => mergeTables([small, any(t)])],
    ['resample', (t) => resample(any(t), 'month')],
    ['fillMissing', (t) => fillMissing(any(t))],
    ['dropMissing', (t) => dropMissing(any(t))],
    ['selectAssets', (t) => selectAssets(any(t), ['AAPL'])],
    ['sliceDates', (t) => sliceDates(any(t), '2024-01-01')],
  ];
  for (const [name, call] of calls) {
    const arg = name === 'alignTables' || name === 'mergeTables' ? 'tables\\[1\\]' : 'table';
    it(`${name}: not a table, a bad kind, unsorted dates, a non-positive price, mismatched sizes`, () => {
      expectTypedError(
        () => call([[1, 2]]),
        InvalidArgumentError,
        new RegExp(`^${name}: \`${arg}\` must be a table \\{ dates, assets, values \\}, got an array`),
      );
      expectTypedError(
        () => call({ ...small, kind: 'levels' }),
        InvalidArgumentError,
        new RegExp(`^${name}: \`${arg}.kind\` must be 'prices' or 'returns', got "levels"`),
      );
      expectTypedError(
        () => call({ ...small, dates: ['2024-01-03', '2024-01-02', '2024-01-04'] }),
        InvalidArgumentError,
        new RegExp(`^${name}: \`dates\` must be strictly increasing`),
      );
      expectTypedError(
        () =>
          call({
            ...small,
            values: [
              [1, 2, 3],
              [4, -1, 6],
              [7, 8, 9],
            ],
          }),
        InvalidArgumentError,
        new RegExp(`^${name}: prices must be positive, but MSFT on 2024-01-03`),
      );
      expectTypedError(() => call({ ...small, assets: ['AAPL', 'MSFT'] }), DimensionError, new RegExp(`^${name}: \`assets\` must have 3 labels`));
      expectTypedError(() => call({ ...small, dates: small.dates.slice(1) }), DimensionError, new RegExp(`^${name}: \`dates\` must have 3 dates`));
    });
  }
  it('an unknown option is named, for every function with options', () => {
    const re = (fn: string) => new RegExp(`^${fn}: unknown option \`limt\`; known options are`);
    expectTypedError(() => alignTables([small], any({ limt: 1 })), InvalidArgumentError, re('alignTables'));
    expectTypedError(() => mergeTables([small], any({ limt: 1 })), InvalidArgumentError, re('mergeTables'));
    expectTypedError(() => resample(small, 'month', any({ limt: 1 })), InvalidArgumentError, re('resample'));
    expectTypedError(() => fillMissing(small, any({ limt: 1 })), InvalidArgumentError, re('fillMissing'));
    expectTypedError(() => dropMissing(small, any({ limt: 1 })), InvalidArgumentError, re('dropMissing'));
    expectTypedError(() => fillMissing(small, any(2)), InvalidArgumentError, /^fillMissing: `options` must be an object, got 2/);
  });
});

describe('alignTables / mergeTables', () => {
  it('`tables` must be a non-empty array', () => {
    expectTypedError(() => alignTables(any(small)), InvalidArgumentError, /^alignTables: `tables` must be an array of tables, got object/);
    expectTypedError(() => alignTables([]), InvalidArgumentError, /^alignTables: `tables` must hold at least one table, got an empty array/);
    expectTypedError(() => mergeTables([]), InvalidArgumentError, /^mergeTables: `tables` must hold at least one table/);
  });
  it('join must be inner or outer', () => {
    expectTypedError(
      () => alignTables([small], any({ join: 'left' })),
      InvalidArgumentError,
      /^alignTables: `join` must be one of 'inner', 'outer', got "left"/,
    );
    expectTypedError(() => mergeTables([small], any({ join: 'left' })), InvalidArgumentError, /^mergeTables: `join` must be one of 'inner', 'outer'/);
  });
  it('inner: no common date is an InsufficientDataError giving each table’s range', () => {
    const later = { ...small, assets: ['X'], dates: ['2024-02-01', '2024-02-02'], values: [[1], [2]] };
    expectTypedError(
      () => alignTables([small, later]),
      InsufficientDataError,
      /^alignTables: no date is common to all tables \(join: 'inner'\), so no row would remain: tables\[0\] runs from 2024-01-02 to 2024-01-04, tables\[1\] runs from 2024-02-01 to 2024-02-02\.$/,
    );
    expectTypedError(() => mergeTables([small, later]), InsufficientDataError, /^mergeTables: no date is common to all tables/);
    expect(alignTables([small, later], { join: 'outer' })[0].dates).toHaveLength(5);
  });
  it('outer: every table empty is an InsufficientDataError', () => {
    const empty = { kind: 'prices' as const, dates: [], assets: ['X'], values: [] };
    expectTypedError(
      () => alignTables([empty, empty], { join: 'outer' }),
      InsufficientDataError,
      /^alignTables: every table is empty \(join: 'outer'\).*tables\[0\] has no rows, tables\[1\] has no rows/,
    );
  });
  it('mergeTables refuses mixed kinds (and says a table without kind is read as returns)', () => {
    expectTypedError(
      () => mergeTables([small, { ...returns, assets: ['X', 'Y', 'Z'] }]),
      InvalidArgumentError,
      /^mergeTables: every table must be of one kind, but tables\[0\] holds prices and tables\[1\] holds returns; use alignTables/,
    );
    const noKind = { dates: small.dates, assets: ['X', 'Y', 'Z'], values: small.values };
    expectTypedError(() => mergeTables([small, noKind]), InvalidArgumentError, /tables\[1\] holds returns \(a table without `kind` is read as returns\)/);
    // alignTables takes them
    expect(alignTables([small, noKind]).map((t) => t.kind)).toEqual(['prices', 'returns']);
  });
  it('mergeTables refuses an asset in two tables, naming it and both tables', () => {
    const other = { ...small, assets: ['TSLA', 'IBM', 'MSFT'] };
    let err: unknown;
    try {
      mergeTables([small, { ...small, assets: ['A', 'B', 'C'] }, other]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InvalidArgumentError);
    expect((err as Error).message).toMatch(/^mergeTables: the asset "MSFT" appears in tables\[0\] and tables\[2\]; merged columns must have distinct assets/);
    expect((err as InvalidArgumentError).argument).toBe('tables[2]');
    expect((err as InvalidArgumentError).value).toBe('MSFT');
  });
});

describe('resample', () => {
  it('refuses a ReturnTable, saying to resample prices and then compute returns', () => {
    expectTypedError(
      () => resample(returns, 'month'),
      InvalidArgumentError,
      /^resample: `table` is a ReturnTable; the last \(or first\) return of a period is not the period's return\. Resample the prices, then compute returns from them: returnsTable\(resample\(prices, frequency\)\); pass \{ allowReturns: true \}/,
    );
    expectTypedError(() => resample(returns, 'month', { allowReturns: false }), InvalidArgumentError, /is a ReturnTable/);
    expect(resample(returns, 'month', { allowReturns: true }).kind).toBe('returns');
  });
  it('a table without kind is read as returns, and the message says how to mark prices', () => {
    const plain = { dates: small.dates, assets: small.assets, values: small.values };
    expectTypedError(
      () => resample(plain, 'week'),
      InvalidArgumentError,
      /a table without `kind` is read as returns: if it holds prices, give it kind: 'prices' or build it with priceTable/,
    );
  });
  it('frequency, how and allowReturns are checked', () => {
    expectTypedError(
      () => resample(small, any('day')),
      InvalidArgumentError,
      /^resample: `frequency` must be one of 'week', 'month', 'quarter', 'year', got "day"/,
    );
    expectTypedError(() => resample(small, any(undefined)), InvalidArgumentError, /^resample: `frequency` must be one of/);
    expectTypedError(() => resample(small, 'month', any({ how: 'mean' })), InvalidArgumentError, /^resample: `how` must be one of 'last', 'first', got "mean"/);
    expectTypedError(
      () => resample(small, 'month', any({ allowReturns: 'yes' })),
      InvalidArgumentError,
      /^resample: `allowReturns` must be true or false, got string/,
    );
    expectTypedError(
      () => resample(small, 'month', any({ allowReturns: null })),
      InvalidArgumentError,
      /^resample: `allowReturns` must be true or false, got null/,
    );
  });
  it('a table with no rows is an InsufficientDataError', () => {
    expectTypedError(
      () => resample({ kind: 'prices', dates: [], assets: ['A'], values: [] }, 'month'),
      InsufficientDataError,
      /^resample: the table has no rows/,
    );
  });
});

describe('fillMissing', () => {
  it('method and limit are checked', () => {
    expectTypedError(
      () => fillMissing(small, any({ method: 'linear' })),
      InvalidArgumentError,
      /^fillMissing: `method` must be one of 'forward', 'backward', got "linear"/,
    );
    for (const limit of [0, -1, 1.5, Infinity, NaN, '2']) {
      expectTypedError(() => fillMissing(small, any({ limit })), InvalidArgumentError, /^fillMissing: `limit` must be an integer ≥ 1, got/);
    }
  });
});

describe('dropMissing', () => {
  it('how and axis are checked', () => {
    expectTypedError(() => dropMissing(small, any({ how: 'some' })), InvalidArgumentError, /^dropMissing: `how` must be one of 'any', 'all', got "some"/);
    expectTypedError(() => dropMissing(small, any({ axis: 0 })), InvalidArgumentError, /^dropMissing: `axis` must be one of 'rows', 'columns', got 0/);
  });
  it('rows / any with nothing left names the latest listing (late listing, other gaps after it)', () => {
    // HHH lists on 2020-11-11; from then on CCC, then AAA, is missing: every row misses a value
    const t = {
      kind: 'prices' as const,
      dates: ['2020-11-09', '2020-11-10', '2020-11-11', '2020-11-12'],
      assets: ['AAA', 'CCC', 'HHH'],
      values: [
        [1, 2, null],
        [1, 2, null],
        [1, null, 3],
        [null, 4, 3],
      ],
    };
    expectTypedError(
      () => dropMissing(t),
      InsufficientDataError,
      /^dropMissing: every row has a missing value; the latest listing is HHH on 2020-11-11, and every row from then on still misses a value, so no row would remain \(how: 'any'\)\.$/,
    );
  });
  it('rows / any: a listing after another asset’s last value, and an asset with no value at all', () => {
    const delisted = {
      ...fx.readCsv,
      assets: fx.readCsv.assets,
      values: (fx.readCsv as FixtureTable).values.map((r, i) => r.map((v, j) => (j === 0 && i >= 300 ? null : v))),
    };
    expectTypedError(
      () => dropMissing(tableOf(delisted as FixtureTable)),
      InsufficientDataError,
      /^dropMissing: every row has a missing value; the latest listing is HHH on 2020-11-11, after the last value of AAA \(on 2020-02-25\), so no row would remain/,
    );
    expect(prices.dates[299]).toBe('2020-02-25'); // AAA's last value is on row 299
    const input = tableOf(fx.dropna.columnsAllInput as FixtureTable);
    expectTypedError(
      () => dropMissing(input),
      InsufficientDataError,
      /^dropMissing: every row has a missing value; ZZZ has no value at all, so no row would remain/,
    );
  });
  it('rows / all, columns / any, columns / all with nothing left', () => {
    const allMissing = {
      kind: 'prices' as const,
      dates: ['2024-01-02', '2024-01-03'],
      assets: ['A', 'B'],
      values: [
        [null, null],
        [null, null],
      ],
    };
    expectTypedError(
      () => dropMissing(allMissing, { how: 'all' }),
      InsufficientDataError,
      /^dropMissing: every row is entirely missing, so no row would remain \(how: 'all'\)/,
    );
    expectTypedError(
      () => dropMissing(allMissing, { axis: 'columns', how: 'all' }),
      InsufficientDataError,
      /^dropMissing: every column is entirely missing, so no column would remain/,
    );
    const everyColumn = {
      ...small,
      values: [
        [null, 2, 3],
        [4, null, 6],
        [7, 8, null],
      ],
    };
    expectTypedError(
      () => dropMissing(everyColumn, { axis: 'columns' }),
      InsufficientDataError,
      /^dropMissing: every column has a missing value \(the first: AAPL on 2024-01-02, MSFT on 2024-01-03, GOOG on 2024-01-04\), so no column would remain \(how: 'any'\)\.$/,
    );
    const wide = {
      kind: 'prices' as const,
      dates: ['2024-01-02'],
      assets: ['A', 'B', 'C', 'D', 'E', 'F', 'G'],
      values: [[null, null, null, null, null, null, null]],
    };
    expectTypedError(
      () => dropMissing(wide, { axis: 'columns' }),
      InsufficientDataError,
      /\(the first: A on 2024-01-02, B on 2024-01-02, C on 2024-01-02, D on 2024-01-02, E on 2024-01-02, and 2 more\)/,
    );
  });
  it('a table with no rows or no assets', () => {
    const noRows = { kind: 'prices' as const, dates: [], assets: ['A'], values: [] };
    expectTypedError(() => dropMissing(noRows), InsufficientDataError, /^dropMissing: the table has no rows, so no row can remain/);
    expectTypedError(() => dropMissing(noRows, { axis: 'columns' }), InsufficientDataError, /^dropMissing: the table has no rows, so no column can remain/);
    const noAssets = { kind: 'prices' as const, dates: ['2024-01-02'], assets: [], values: [[]] };
    expectTypedError(() => dropMissing(noAssets), InsufficientDataError, /^dropMissing: the table has no assets/);
  });
});

describe('selectAssets', () => {
  it('`assets` must be a non-empty array of distinct strings', () => {
    expectTypedError(() => selectAssets(small, any('AAPL')), InvalidArgumentError, /^selectAssets: `assets` must be an array of tickers, got string/);
    expectTypedError(() => selectAssets(small, []), InvalidArgumentError, /^selectAssets: `assets` must name at least one asset, got an empty array/);
    expectTypedError(
      () => selectAssets(small, any(['AAPL', 3])),
      InvalidArgumentError,
      /^selectAssets: `assets` must hold tickers \(strings\), but entry 1 is number/,
    );
    expectTypedError(() => selectAssets(small, ['MSFT', 'AAPL', 'MSFT']), InvalidArgumentError, /^selectAssets: `assets` names "MSFT" twice/);
  });
  it('an unknown ticker is named with the nearest known one', () => {
    let err: unknown;
    try {
      selectAssets(small, ['GOOG', 'MSTF']);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InvalidArgumentError);
    expect((err as Error).message).toBe(
      'selectAssets: `assets` names "MSTF", which the table does not hold; did you mean "MSFT"? (the table holds AAPL, MSFT, GOOG).',
    );
    expect((err as InvalidArgumentError).value).toBe('MSTF');
    // case-insensitive match first; edit distance otherwise (HHH is one edit from HHX)
    expectTypedError(() => selectAssets(small, ['goog']), InvalidArgumentError, /did you mean "GOOG"\?/);
    expectTypedError(
      () => selectAssets(prices, ['HHX']),
      InvalidArgumentError,
      /names "HHX", which the table does not hold; did you mean "HHH"\? \(the table holds AAA, BBB, CCC, DDD, EEE, FFF, GGG, HHH\)\.$/,
    );
  });
});

describe('sliceDates', () => {
  it('bounds must be ISO dates, from not later than to', () => {
    expectTypedError(
      () => sliceDates(small, '2024/01/02'),
      InvalidArgumentError,
      /^sliceDates: `from` must be an ISO date 'YYYY-MM-DD' naming a real day, got "2024\/01\/02"/,
    );
    expectTypedError(() => sliceDates(small, undefined, '2024-02-30'), InvalidArgumentError, /^sliceDates: `to` must be an ISO date/);
    expectTypedError(
      () => sliceDates(small, '2024-01-04', '2024-01-03'),
      InvalidArgumentError,
      /^sliceDates: `from` \(2024-01-04\) must not be later than `to` \(2024-01-03\)\.$/,
    );
  });
  it('an empty slice is an InsufficientDataError giving the table’s range', () => {
    expectTypedError(
      () => sliceDates(small, '2024-01-05'),
      InsufficientDataError,
      /^sliceDates: no date lies in \[2024-01-05, end\]; the table runs from 2024-01-02 to 2024-01-04\.$/,
    );
    expectTypedError(() => sliceDates(small, '2023-12-01', '2023-12-31'), InsufficientDataError, /^sliceDates: no date lies in \[2023-12-01, 2023-12-31\]/);
    expectTypedError(() => sliceDates({ kind: 'prices', dates: [], assets: ['A'], values: [] }), InsufficientDataError, /the table has no rows/);
  });
});
