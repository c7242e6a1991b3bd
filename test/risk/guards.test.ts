/**
 * Guard rails of the risk functions: a confidence below 0.5 (the tail probability written for
 * the level) is refused everywhere a VaR / ES confidence is read; and the typed errors of the
 * table inputs (keyed weights, window dates, dated backtests, missing values, price tables).
 */
import { describe, expect, it } from 'vitest';
import {
  backtestVaR,
  baselTrafficLight,
  christoffersenTest,
  componentRisk,
  expectedShortfall,
  historicalStress,
  incrementalVaR,
  kupiecTest,
  monteCarloVaR,
  valueAtRisk,
} from '../../src/risk/index.ts';
import { minCVaR } from '../../src/optimize/index.ts';
import { checkConfidence } from '../../src/core/validate.ts';
import { DimensionError, InvalidArgumentError } from '../../src/core/errors.ts';
import { expectTypedError } from '../helpers.ts';

const series = Array.from({ length: 100 }, (_, i) => ((i * 37) % 100) / 1000 - 0.05);
const cov = [
  [0.04, 0.006],
  [0.006, 0.01],
];

describe('confidence below 0.5 is a tail probability given for the level', () => {
  const message = (fn: string) =>
    new RegExp(
      `^${fn}: \`confidence\` is 0\\.05, but it is the confidence level \\(0\\.95 for a 95 % VaR\\), not the tail probability: did you mean 0\\.95\\?$`,
    );
  const calls: Array<[string, (c: number) => unknown]> = [
    ['valueAtRisk', (c) => valueAtRisk(series, { confidence: c })],
    ['expectedShortfall', (c) => expectedShortfall(series, { confidence: c, method: 'gaussian' })],
    ['componentRisk', (c) => componentRisk([0.5, 0.5], cov, { measure: 'var', confidence: c })],
    ['incrementalVaR', (c) => incrementalVaR([0.5, 0.5], cov, [0.1, 0], { confidence: c })],
    ['monteCarloVaR', (c) => monteCarloVaR({ mu: [0], cov: [[0.0004]], weights: [1], paths: 1000, seed: 1, confidence: c })],
    ['kupiecTest', (c) => kupiecTest(3, 250, c)],
    ['christoffersenTest', (c) => christoffersenTest([0, 1, 0, 0], c)],
    ['baselTrafficLight', (c) => baselTrafficLight(3, 250, { confidence: c })],
    ['backtestVaR', (c) => backtestVaR([0.01, -0.05, 0.02], [0.03, 0.03, 0.03], { confidence: c })],
    [
      'minCVaR',
      (c) =>
        minCVaR(
          [
            [0.01, 0.02],
            [-0.01, 0.0],
            [0.02, -0.01],
          ],
          { confidence: c },
        ),
    ],
    ['checkConfidence', (c) => checkConfidence('checkConfidence', c)],
  ];
  for (const [fn, call] of calls) {
    it(`${fn}: 0.05 throws InvalidArgumentError suggesting 0.95; 0.5 and 0.95 are accepted`, () => {
      expectTypedError(() => call(0.05), InvalidArgumentError, message(fn));
      expect(() => call(0.5)).not.toThrow();
      expect(() => call(0.95)).not.toThrow();
    });
  }

  it('the suggestion is 1 − confidence without binary noise, and the error carries the argument', () => {
    expectTypedError(() => valueAtRisk(series, { confidence: 0.01 }), InvalidArgumentError, /is 0\.01, .*\(0\.99 for a 99 % VaR\).*did you mean 0\.99\?/);
    expectTypedError(() => valueAtRisk(series, { confidence: 0.025 }), InvalidArgumentError, /\(0\.975 for a 97\.5 % VaR\).*did you mean 0\.975\?/);
    expectTypedError(() => valueAtRisk(series, { confidence: 0.3 }), InvalidArgumentError, /did you mean 0\.7\?/);
    let err: unknown;
    try {
      checkConfidence('f', 0.1);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InvalidArgumentError);
    expect((err as InvalidArgumentError).argument).toBe('confidence');
    expect((err as InvalidArgumentError).value).toBe(0.1);
    // the range check comes first: 0 and 1 keep their message
    expectTypedError(() => valueAtRisk(series, { confidence: 0 }), InvalidArgumentError, /must be in \(0, 1\), got 0\./);
  });
});

describe('typed errors of the table inputs', () => {
  const t = {
    kind: 'returns' as const,
    dates: ['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05'],
    assets: ['AAPL', 'MSFT', 'NVDA'],
    values: [
      [0.01, 0.02, -0.01],
      [-0.02, 0.0, 0.03],
      [0.005, -0.01, 0.02],
      [0.0, 0.01, -0.02],
    ],
  };
  const tNaN = {
    ...t,
    values: [
      [0.01, 0.02, -0.01],
      [-0.02, null, 0.03],
      [0.005, -0.01, 0.02],
      [0.0, 0.01, -0.02],
    ],
  };
  const prices = {
    kind: 'prices' as const,
    dates: t.dates,
    assets: t.assets,
    values: [
      [10, 20, 30],
      [11, 21, 31],
      [12, 22, 32],
      [13, 23, 33],
    ],
  };
  const w = { AAPL: 0.4, MSFT: 0.3, NVDA: 0.3 };

  const cases: Array<[string, () => unknown, abstract new (...args: never[]) => Error, RegExp]> = [
    [
      'unknown ticker key: names the nearest',
      () => valueAtRisk(t, { method: 'gaussian', weights: { APPL: 0.4, MSFT: 0.3, NVDA: 0.3 } }),
      InvalidArgumentError,
      /valueAtRisk: `weights` has the key "APPL", which is not an asset of `returns`: did you mean "AAPL"\?/,
    ],
    [
      'unknown ticker key (case)',
      () => expectedShortfall(t, { method: 'gaussian', weights: { aapl: 0.4, MSFT: 0.3, NVDA: 0.3 } }),
      InvalidArgumentError,
      /"aapl".*did you mean "AAPL"\?/,
    ],
    [
      'a ticker without a weight',
      () => valueAtRisk(t, { method: 'gaussian', weights: { AAPL: 0.5, MSFT: 0.5 } }),
      InvalidArgumentError,
      /`weights` has no weight for "NVDA"/,
    ],
    [
      'a non-finite keyed weight',
      () => valueAtRisk(t, { method: 'gaussian', weights: { AAPL: Number.NaN, MSFT: 0.5, NVDA: 0.5 } }),
      InvalidArgumentError,
      /`weights\["AAPL"\]` must be a finite number/,
    ],
    [
      'keyed weights with a matrix',
      () => valueAtRisk(t.values, { method: 'gaussian', weights: w }),
      InvalidArgumentError,
      /keyed by ticker, but `returns` carries no asset labels/,
    ],
    ['componentRisk: unknown key', () => componentRisk({ AAPL: 0.4, MSFT: 0.3, NVDIA: 0.3 }, t), InvalidArgumentError, /"NVDIA".*did you mean "NVDA"\?/],
    [
      'componentRisk: keyed weights with a covariance and no assets',
      () => componentRisk({ A: 1, B: 1 }, cov),
      InvalidArgumentError,
      /carries no asset labels: pass a table .* or the `assets` option/,
    ],
    [
      'componentRisk: a table as a covariance',
      () => componentRisk(w, t, { input: 'covariance' }),
      InvalidArgumentError,
      /is a table of returns, but `input` is 'covariance'/,
    ],
    ['componentRisk: mu with a table', () => componentRisk(w, t, { mu: [0, 0, 0] }), InvalidArgumentError, /`mu` applies to a covariance input only/],
    [
      'historicalStress: unknown key',
      () => historicalStress({ AAPL: 1, MSFT: 1, NVD: 1 }, t, { windows: [{ name: 'x', start: 0, end: 1 }] }),
      InvalidArgumentError,
      /"NVD".*did you mean "NVDA"\?/,
    ],
    [
      'missing value named by asset and date',
      () => valueAtRisk(tNaN, { method: 'gaussian', weights: w }),
      InvalidArgumentError,
      /missing value \(NaN or null\) at MSFT on 2024-01-03 \(row 1\)/,
    ],
    ['componentRisk: missing value named', () => componentRisk(w, tNaN), InvalidArgumentError, /MSFT on 2024-01-03/],
    [
      'historicalStress: missing value named',
      () => historicalStress(w, tNaN, { windows: [{ name: 'x', start: 0, end: 1 }] }),
      InvalidArgumentError,
      /MSFT on 2024-01-03/,
    ],
    ['a PriceTable where returns belong', () => valueAtRisk(prices, { weights: w }), InvalidArgumentError, /is a PriceTable, but returns are expected/],
    ['componentRisk: a PriceTable', () => componentRisk(w, prices), InvalidArgumentError, /is a PriceTable/],
    ['bad missing option', () => valueAtRisk(t, { weights: w, missing: 'skip' as never }), InvalidArgumentError, /`missing` must be one of 'error', 'drop'/],
    [
      'window `from` before the first date',
      () => historicalStress(w, t, { windows: [{ name: 'early', from: '2023-12-29', to: '2024-01-03' }] }),
      InvalidArgumentError,
      /window 'early' starts on 2023-12-29, before the first date of `returns` \(2024-01-02\)/,
    ],
    [
      'window `to` after the last date',
      () => historicalStress(w, t, { windows: [{ name: 'late', from: '2024-01-03', to: '2024-01-08' }] }),
      InvalidArgumentError,
      /window 'late' ends on 2024-01-08, after the last date of `returns` \(2024-01-05\)/,
    ],
    [
      'window `from` after `to`',
      () => historicalStress(w, t, { windows: [{ name: 'back', from: '2024-01-04', to: '2024-01-03' }] }),
      InvalidArgumentError,
      /window 'back' has `from` 2024-01-04 after `to` 2024-01-03/,
    ],
    [
      'window with no row in it',
      () =>
        historicalStress(
          w,
          { ...t, dates: ['2024-01-02', '2024-01-05', '2024-01-08', '2024-01-09'] },
          { windows: [{ name: 'gap', from: '2024-01-03', to: '2024-01-04' }] },
        ),
      InvalidArgumentError,
      /window 'gap' \(2024-01-03 to 2024-01-04\) is empty/,
    ],
    [
      'window date not a real day',
      () => historicalStress(w, t, { windows: [{ name: 'x', from: '2024-02-30', to: '2024-03-01' }] }),
      InvalidArgumentError,
      /`windows.from` must be an ISO date/,
    ],
    [
      'window mixing start and from',
      () => historicalStress(w, t, { windows: [{ name: 'mix', start: 0, from: '2024-01-02', to: '2024-01-03' } as never] }),
      InvalidArgumentError,
      /mixes `start` \/ `end` with `from` \/ `to`/,
    ],
    [
      'from / to without dates',
      () => historicalStress([1], [[0.1], [0.2]], { windows: [{ name: 'x', from: '2024-01-02', to: '2024-01-03' }] }),
      InvalidArgumentError,
      /given by `from` \/ `to` dates; pass `returns` as a table/,
    ],
    [
      "`dates` that differ from the table's",
      () => historicalStress(w, t, { dates: ['2024-01-02', '2024-01-03', '2024-01-05', '2024-01-08'], windows: [{ name: 'x', start: 0, end: 1 }] }),
      InvalidArgumentError,
      /brings its own dates, and the `dates` option differs \(row 2 is "2024-01-05" in `dates` but 2024-01-04 in the table\)/,
    ],
    [
      '`dates` of another length',
      () => historicalStress(w, t, { dates: t.dates.slice(1), windows: [{ name: 'x', start: 0, end: 1 }] }),
      InvalidArgumentError,
      /it has 3 entries against the table's 4/,
    ],
    [
      'backtest: two tables, dates differ',
      () =>
        backtestVaR(
          { kind: 'returns' as const, dates: t.dates, assets: ['book'], values: [[0.01], [0.0], [-0.02], [0.01]] },
          { dates: ['2024-01-02', '2024-01-03', '2024-01-05', '2024-01-08'], assets: ['VaR'], values: [[0.02], [0.02], [0.02], [0.02]] },
        ),
      InvalidArgumentError,
      /`forecasts` is dated 2024-01-05 at row 2 but `returns` 2024-01-04/,
    ],
    ['backtest: a table with several columns', () => backtestVaR(t, [0.02, 0.02, 0.02, 0.02]), DimensionError, /`returns` must be a table with one column/],
    [
      'backtest: a missing forecast named by date',
      () => backtestVaR([0.01, 0.0, -0.02, 0.01], { dates: t.dates, assets: ['VaR'], values: [[0.02], [null], [0.02], [0.02]] }),
      InvalidArgumentError,
      /`forecasts` has a missing value \(NaN or null\) on 2024-01-03/,
    ],
    [
      'backtest: a PriceTable of returns',
      () => backtestVaR({ kind: 'prices' as const, dates: t.dates, assets: ['book'], values: [[1], [2], [3], [4]] }, [0.02, 0.02, 0.02, 0.02]),
      InvalidArgumentError,
      /is a PriceTable/,
    ],
  ];
  for (const [name, f, cls, re] of cases) {
    it(name, () => expectTypedError(f, cls, re));
  }

  it("historicalStress: `dates` equal to the table's are accepted (and change nothing)", () => {
    const windows = [{ name: 'x', from: '2024-01-03', to: '2024-01-05' }];
    expect(historicalStress(w, t, { dates: t.dates, windows })).toEqual(historicalStress(w, t, { windows }));
  });

  it('backtest: tables of different lengths with the same leading dates are a DimensionError', () => {
    const r = { kind: 'returns' as const, dates: t.dates, assets: ['book'], values: [[0.01], [0.0], [-0.02], [0.01]] };
    const f = { dates: t.dates.slice(0, 3), assets: ['VaR'], values: [[0.02], [0.02], [0.02]] };
    expectTypedError(() => backtestVaR(r, f), DimensionError, /`forecasts` must have 4 entries/);
  });
});
