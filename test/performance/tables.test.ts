/**
 * The table paths of quantivista/performance: ReturnTables in, results keyed by ticker and dated.
 *
 * References: the vector paths, reference-tested against numpy / scipy in metrics.test.ts. A
 * metric on a table column must give the vector path's bits on that column's values (after the
 * documented skipping of leading blanks, the inner join with a benchmark table, or `missing:
 * 'drop'`); dates are checked by hand.
 */
import { describe, expect, it } from 'vitest';
import { DimensionError, InsufficientDataError, InvalidArgumentError } from '../../src/core/errors.ts';
import { buildTable } from '../../src/core/table.ts';
import {
  alpha,
  annualizedReturn,
  annualizedVolatility,
  beta,
  calmarRatio,
  downCapture,
  drawdowns,
  hitRate,
  informationRatio,
  omegaRatio,
  performanceSummary,
  probabilisticSharpeRatio,
  rollingMetric,
  sharpeRatio,
  sortinoRatio,
  trackingError,
  ulcerIndex,
  upCapture,
  type DrawdownsResult,
  type PerformanceSummary,
  type RollingMetricSeries,
} from '../../src/performance/index.ts';
import { deepFreeze, expectTypedError, lcgMatrix } from '../helpers.ts';

/** Days from 2024-01-01 (UTC), as ISO dates. */
const days = (n: number, from = 0): string[] => Array.from({ length: n }, (_, i) => new Date(Date.UTC(2024, 0, 1 + from + i)).toISOString().slice(0, 10));

const T = 60;
const assets = ['AAA', 'BBB', 'CCC'];
// returns with drawdowns, losing periods and up / down benchmark periods
const R = lcgMatrix(T, 3, 5, 0.06).map((row) => row.map((x, j) => x + 0.002 * (j - 1)));
const bench = lcgMatrix(T, 1, 9, 0.04).map((r) => r[0]!);
const dates = days(T);
const col = (j: number, rows: number[][] = R): number[] => rows.map((r) => r[j]!);
const table = deepFreeze({ kind: 'returns' as const, dates, assets, values: R });
const benchTable = deepFreeze({ kind: 'returns' as const, dates, assets: ['IDX'], values: bench.map((x) => [x]) });
const oneColumn = (j: number) => deepFreeze({ kind: 'returns' as const, dates, assets: [assets[j]!], values: R.map((r) => [r[j]!]) });
const keyed = <V>(f: (j: number) => V): Record<string, V> => Object.fromEntries(assets.map((a, j) => [a, f(j)]));

type Single = (r: unknown, o?: object) => unknown;
type Relative = (r: unknown, b: unknown, o?: object) => unknown;
const single: Array<[string, Single, object | undefined]> = [
  ['annualizedReturn', annualizedReturn as Single, { periodsPerYear: 252 }],
  ['annualizedVolatility', annualizedVolatility as Single, { periodsPerYear: 252, ddof: 0 }],
  ['sharpeRatio', sharpeRatio as Single, { riskFreeRate: 0.0001, periodsPerYear: 252 }],
  ['sortinoRatio', sortinoRatio as Single, { minimumAcceptableReturn: 0.001 }],
  ['calmarRatio', calmarRatio as Single, { periodsPerYear: 12 }],
  ['omegaRatio', omegaRatio as Single, { threshold: 0.001 }],
  ['ulcerIndex', ulcerIndex as Single, undefined],
  ['probabilisticSharpeRatio', probabilisticSharpeRatio as Single, { benchmarkSharpe: 0.01 }],
  ['hitRate', hitRate as Single, undefined],
  ['drawdowns', ((r: unknown, o?: object) => strip(drawdowns(r as number[], o))) as Single, { top: 3 }],
  [
    'performanceSummary',
    ((r: unknown, o?: object) => stripSummary(performanceSummary(r as number[], o))) as Single,
    { periodsPerYear: 252, riskFreeRate: 0.0001 },
  ],
];
const relative: Array<[string, Relative, object | undefined]> = [
  ['alpha', alpha as Relative, { riskFreeRate: 0.0001, periodsPerYear: 12 }],
  ['beta', beta as Relative, undefined],
  ['trackingError', trackingError as Relative, { periodsPerYear: 252 }],
  ['informationRatio', informationRatio as Relative, undefined],
  ['upCapture', upCapture as Relative, { periodsPerYear: 12 }],
  ['downCapture', downCapture as Relative, undefined],
  ['hitRate', ((r: unknown, b: unknown, o?: object) => hitRate(r as number[], { ...o, benchmark: b as number[] })) as Relative, undefined],
  [
    'performanceSummary',
    ((r: unknown, b: unknown, o?: object) => stripSummary(performanceSummary(r as number[], { ...o, benchmark: b as number[] }))) as Relative,
    { periodsPerYear: 12 },
  ],
  [
    'rollingMetric',
    ((r: unknown, b: unknown) => valuesOf(rollingMetric(r as number[], 'beta', { window: 20, benchmark: b as number[] }))) as Relative,
    undefined,
  ],
];

/** Drop the table-only fields (dates), keeping what the vector path also gives. */
function strip(x: unknown): unknown {
  if (x === null || typeof x !== 'object') return x;
  if (!('wealth' in x)) return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, strip(v)]));
  const d = x as DrawdownsResult;
  const ep = ({ peakDate: _p, troughDate: _t, recoveryDate: _r, ...rest }: Record<string, unknown>) => rest;
  return { wealth: d.wealth, series: d.series, maxDrawdown: ep({ ...d.maxDrawdown }), worst: d.worst.map((e) => ep({ ...e })) };
}
function stripSummary(x: unknown): unknown {
  if (x === null || typeof x !== 'object') return x;
  if (!('periods' in x)) return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, stripSummary(v)]));
  const { startDate: _s, endDate: _e, maxDrawdown, ...rest } = x as PerformanceSummary;
  const { peakDate: _p, troughDate: _t, recoveryDate: _r, ...md } = maxDrawdown;
  return { ...rest, maxDrawdown: md };
}
function valuesOf(x: unknown): unknown {
  if (Array.isArray(x)) return x;
  const o = x as Record<string, unknown>;
  if ('values' in o && 'dates' in o) return o.values;
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, valuesOf(v)]));
}

describe("a table gives the vector path's bits, column by column", () => {
  for (const [name, f, opts] of single) {
    it(name, () => {
      expect(f(table, opts)).toEqual(keyed((j) => f(col(j), opts)));
      // one column: the plain result, not a record
      expect(f(oneColumn(1), opts)).toEqual(f(col(1), opts));
    });
  }
  for (const [name, f, opts] of relative) {
    it(`${name} against a benchmark table`, () => {
      expect(f(table, benchTable, opts)).toEqual(keyed((j) => f(col(j), bench, opts)));
      expect(f(oneColumn(2), benchTable, opts)).toEqual(f(col(2), bench, opts));
      // a vector benchmark is aligned by position; so is a benchmark table with vector returns
      expect(f(table, bench, opts)).toEqual(keyed((j) => f(col(j), bench, opts)));
      expect(f(col(0), benchTable, opts)).toEqual(f(col(0), bench, opts));
    });
  }
  it('rollingMetric (named and custom) over each column', () => {
    const named = rollingMetric(table, 'sharpeRatio', { window: 12, periodsPerYear: 252 }) as Record<string, RollingMetricSeries>;
    const custom = rollingMetric(table, (w) => Math.min(...w), { window: 5 }) as Record<string, RollingMetricSeries>;
    assets.forEach((a, j) => {
      expect(named[a]!.values).toEqual(rollingMetric(col(j), 'sharpeRatio', { window: 12, periodsPerYear: 252 }));
      expect(custom[a]!.values).toEqual(rollingMetric(col(j), (w) => Math.min(...w), { window: 5 }));
      expect(named[a]!.dates).toEqual(dates.slice(11));
    });
    expect(Object.keys(named)).toEqual(assets);
  });
  it('a library-built table and its structured clone give the same results', () => {
    const built = buildTable('test', 'returns', { dates, assets, values: R });
    expect(sharpeRatio(built)).toEqual(sharpeRatio(table));
    expect(sharpeRatio(structuredClone(built))).toEqual(sharpeRatio(table));
    expect(beta(structuredClone(built), structuredClone(buildTable('test', 'returns', benchTable)))).toEqual(beta(table, benchTable));
  });
});

describe('missing values', () => {
  // BBB lists late: its first 7 returns are blank
  const late = deepFreeze({ ...table, values: R.map((r, t) => (t < 7 ? [r[0]!, null, r[2]!] : r)) });
  // CCC misses row 10 (2024-01-11)
  const gap = deepFreeze({ ...table, values: R.map((r, t) => (t === 10 ? [r[0]!, r[1]!, NaN] : r)) });
  const without = (x: number[], t: number) => x.filter((_, i) => i !== t);
  it('leading blanks are skipped: each column uses its own history', () => {
    for (const [, f, opts] of single) {
      const got = f(late, opts) as Record<string, unknown>;
      expect(got.BBB).toEqual(f(col(1).slice(7), opts));
      expect(got.AAA).toEqual(f(col(0), opts));
    }
    for (const [, f, opts] of relative) expect((f(late, benchTable, opts) as Record<string, unknown>).BBB).toEqual(f(col(1).slice(7), bench.slice(7), opts));
    // the benchmark's own leading blanks likewise: a joint history starts where both have a value
    const lateBench = { ...benchTable, values: bench.map((x, t) => [t < 3 ? null : x]) };
    for (const [, f, opts] of relative)
      expect(f(late, lateBench, opts)).toEqual({
        AAA: f(col(0).slice(3), bench.slice(3), opts),
        BBB: f(col(1).slice(7), bench.slice(7), opts),
        CCC: f(col(2).slice(3), bench.slice(3), opts),
      });
  });
  it('a later gap throws naming the asset and the date', () => {
    expectTypedError(
      () => sharpeRatio(gap),
      InvalidArgumentError,
      /sharpeRatio: `returns` has a missing value \(NaN or null\) at CCC on 2024-01-11 \(row 10\)/,
    );
    expectTypedError(() => drawdowns(gap), InvalidArgumentError, /CCC on 2024-01-11/);
    const benchGap = { ...benchTable, values: bench.map((x, t) => [t === 20 ? null : x]) };
    expectTypedError(
      () => beta(table, benchGap),
      InvalidArgumentError,
      /beta: `benchmark` has a missing value \(NaN or null\) at IDX on 2024-01-21 \(row 20\)/,
    );
    try {
      sharpeRatio(gap);
    } catch (e) {
      expect((e as InvalidArgumentError).value).toEqual({ row: 10, date: '2024-01-11', asset: 'CCC' });
    }
  });
  it("missing: 'drop' leaves that period out (with the benchmark's value for the same date)", () => {
    for (const [, f, opts] of single) {
      const got = f(gap, { ...opts, missing: 'drop' }) as Record<string, unknown>;
      expect(got.CCC).toEqual(f(without(col(2), 10), opts));
      expect(got.AAA).toEqual(f(col(0), opts));
    }
    for (const [name, f, opts] of relative) {
      if (name === 'rollingMetric') continue;
      expect((f(gap, benchTable, { ...opts, missing: 'drop' }) as Record<string, unknown>).CCC).toEqual(f(without(col(2), 10), without(bench, 10), opts));
    }
    // a gap in the benchmark drops that date for every asset
    const benchGap = { ...benchTable, values: bench.map((x, t) => [t === 20 ? null : x]) };
    expect(beta(table, benchGap, { missing: 'drop' })).toEqual(keyed((j) => beta(without(col(j), 20), without(bench, 20))));
    // a vector with gaps, dropped on request
    expect(sharpeRatio([0.01, NaN, -0.02, 0.03, null as unknown as number, 0.02], { missing: 'drop' })).toBe(sharpeRatio([0.01, -0.02, 0.03, 0.02]));
  });
  it('too few periods after the blanks names the asset', () => {
    const young = {
      kind: 'returns' as const,
      dates: days(4),
      assets: ['OLD', 'NEW'],
      values: [
        [0.01, null],
        [0.02, null],
        [-0.01, null],
        [0.03, 0.01],
      ],
    };
    expectTypedError(
      () => sharpeRatio(young),
      InsufficientDataError,
      /sharpeRatio: NEW in `returns` needs at least 2 periods, got 1 \(after 3 leading blanks\)/,
    );
    expectTypedError(() => rollingMetric(young, 'hitRate', { window: 2 }), InvalidArgumentError, /`window` \(2\) is longer than the 1 periods of NEW/);
  });
});

describe('benchmark tables are aligned by date (inner join)', () => {
  // the benchmark starts 5 days later and runs 5 days past the returns
  const shifted = deepFreeze({ kind: 'returns' as const, dates: days(T, 5), assets: ['IDX'], values: bench.map((x) => [x]) });
  it('dates in only one of the two are left out', () => {
    for (const [, f, opts] of relative) {
      expect(f(table, shifted, opts)).toEqual(keyed((j) => f(col(j).slice(5), bench.slice(0, T - 5), opts)));
    }
    const s = performanceSummary(oneColumn(0), { benchmark: shifted }) as PerformanceSummary;
    expect([s.periods, s.startDate, s.endDate]).toEqual([T - 5, '2024-01-06', '2024-02-29']);
    const roll = rollingMetric(oneColumn(0), 'beta', { window: 10, benchmark: shifted }) as RollingMetricSeries;
    expect(roll.dates[0]).toBe('2024-01-15'); // the 10th common date: 2024-01-06 + 9 days
  });
  it('no common date, a benchmark of several columns, or a vector of another length is refused', () => {
    const later = { ...shifted, dates: days(T, 100) };
    expectTypedError(
      () => beta(table, later),
      InvalidArgumentError,
      /beta: `benchmark` has no date in common with `returns` \(returns: 2024-01-01 … 2024-02-29; benchmark: 2024-04-10 … 2024-06-08\)/,
    );
    expectTypedError(
      () => alpha(table, table),
      InvalidArgumentError,
      /`benchmark` must be a one-column table \(one benchmark\), got 3 columns \(AAA, BBB, CCC\)/,
    );
    expectTypedError(
      () => trackingError(table, bench.slice(1)),
      DimensionError,
      /`benchmark` must have 60 periods \(as many as rows of the `returns` table\), got 59/,
    );
    expectTypedError(
      () => hitRate(table, { benchmark: { ...benchTable, kind: 'prices' as const, values: bench.map((x) => [1 + x]) } }),
      InvalidArgumentError,
      /`benchmark` is a PriceTable/,
    );
  });
});

describe('dated results, checked by hand', () => {
  // A: wealth 1.1, 0.88, 0.924, 1.1088 — B lists in February: wealth 1 (31 Jan), 0.5, 1, 0.9
  const t = deepFreeze({
    kind: 'returns' as const,
    dates: ['2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30'],
    assets: ['A', 'B'],
    values: [
      [0.1, null],
      [-0.2, -0.5],
      [0.05, 1],
      [0.2, -0.1],
    ],
  });
  it('drawdowns: peak, trough and recovery dates; position 0 is the date before the first return', () => {
    const d = drawdowns(t) as Record<string, DrawdownsResult>;
    const a = d.A!;
    expect(a.dates).toEqual(t.dates);
    expect(a.wealthDates).toEqual([null, ...t.dates]); // A starts at the table's first row
    expect(a.maxDrawdown).toMatchObject({ peak: 1, trough: 2, recovery: 4, peakDate: '2024-01-31', troughDate: '2024-02-29', recoveryDate: '2024-04-30' });
    const b = d.B!;
    expect(b.dates).toEqual(['2024-02-29', '2024-03-31', '2024-04-30']);
    expect(b.wealthDates).toEqual(['2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30']);
    expect(b.maxDrawdown).toMatchObject({
      depth: 0.5,
      peak: 0,
      trough: 1,
      recovery: 2,
      peakDate: '2024-01-31',
      troughDate: '2024-02-29',
      recoveryDate: '2024-03-31',
    });
    expect(b.worst.map((e) => [e.peakDate, e.troughDate, e.recoveryDate])).toEqual([
      ['2024-01-31', '2024-02-29', '2024-03-31'],
      ['2024-03-31', '2024-04-30', null], // 1 → 0.9, not recovered
    ]);
    // a first-period loss at the table's first row: the peak is the starting wealth, undated
    const first = drawdowns({ kind: 'returns', dates: ['2024-01-31', '2024-02-29'], assets: ['X'], values: [[-0.1], [0.2]] }) as DrawdownsResult;
    expect(first.maxDrawdown).toMatchObject({ peak: 0, peakDate: null, troughDate: '2024-01-31', recoveryDate: '2024-02-29' });
    // no drawdown: every date null
    const up = drawdowns({ kind: 'returns', dates: ['2024-01-31'], assets: ['U'], values: [[0.1]] }) as DrawdownsResult;
    expect(up.maxDrawdown).toEqual({ depth: 0, peak: null, trough: null, recovery: null, peakDate: null, troughDate: null, recoveryDate: null });
  });
  it('rollingMetric: each window dated by its last period', () => {
    const r = rollingMetric(t, 'hitRate', { window: 2 }) as Record<string, RollingMetricSeries>;
    expect(r.A).toEqual({ dates: ['2024-02-29', '2024-03-31', '2024-04-30'], values: [0.5, 0.5, 1] });
    expect(r.B).toEqual({ dates: ['2024-03-31', '2024-04-30'], values: [0.5, 0.5] });
    const one = rollingMetric({ ...t, assets: ['A'], values: t.values.map((x) => [x[0]!]) }, 'maxDrawdown', { window: 3 }) as RollingMetricSeries;
    expect(one.dates).toEqual(['2024-03-31', '2024-04-30']);
  });
  it('performanceSummary: start and end dates, and the maximum drawdown dated', () => {
    const s = performanceSummary(t) as Record<string, PerformanceSummary>;
    expect([s.A!.startDate, s.A!.endDate, s.A!.periods]).toEqual(['2024-01-31', '2024-04-30', 4]);
    expect([s.B!.startDate, s.B!.endDate, s.B!.periods]).toEqual(['2024-02-29', '2024-04-30', 3]);
    expect(s.B!.maxDrawdown).toMatchObject({ depth: 0.5, peakDate: '2024-01-31', troughDate: '2024-02-29', recoveryDate: '2024-03-31' });
    // the vector path carries no dates
    expect('startDate' in (performanceSummary([0.1, -0.2]) as object)).toBe(false);
    expect('peakDate' in drawdowns([0.1, -0.2]).maxDrawdown).toBe(false);
  });
});

describe('errors, inputs and outputs', () => {
  it('refuses a PriceTable and a bad missing policy; names the asset when a ratio is undefined', () => {
    const prices = { kind: 'prices' as const, dates: days(3), assets: ['A'], values: [[100], [101], [102]] };
    expectTypedError(() => sharpeRatio(prices), InvalidArgumentError, /sharpeRatio: `returns` is a PriceTable, but returns are expected/);
    expectTypedError(() => sharpeRatio(table, { missing: 'skip' as never }), InvalidArgumentError, /`missing`/);
    const flat = {
      kind: 'returns' as const,
      dates: days(3),
      assets: ['A', 'FLAT'],
      values: [
        [0.01, 0.02],
        [0.03, 0.02],
        [-0.01, 0.02],
      ],
    };
    expectTypedError(() => sharpeRatio(flat), InvalidArgumentError, /sharpeRatio \(FLAT\): the ratio is undefined because the excess returns are constant/);
    expectTypedError(
      () => sharpeRatio({ ...flat, values: flat.values.map((r) => [r[0]!, r[1]! - 2]) }),
      InvalidArgumentError,
      /FLAT on 2024-01-01 \(row 0\) is -1.98/,
    );
  });
  it('inputs are not mutated (frozen plain tables; a library table keeps its values)', () => {
    const built = buildTable('test', 'returns', { dates, assets, values: R });
    const before = JSON.stringify(built);
    const frozenBefore = JSON.stringify(table);
    for (const [, f, opts] of single) {
      f(built, opts);
      f(table, { ...opts, missing: 'drop' });
    }
    for (const [, f, opts] of relative) f(built, benchTable, opts);
    rollingMetric(built, 'calmarRatio', { window: 10 });
    expect(JSON.stringify(built)).toBe(before);
    expect(JSON.stringify(table)).toBe(frozenBefore);
  });
  it('results survive a JSON round trip', () => {
    const out = {
      d: drawdowns(table),
      s: performanceSummary(table, { benchmark: benchTable }),
      r: rollingMetric(table, 'ulcerIndex', { window: 7 }),
      sh: sharpeRatio(table),
    };
    expect(JSON.parse(JSON.stringify(out))).toEqual(out);
  });
});
