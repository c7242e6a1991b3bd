/**
 * Expected returns from tables with missing values: each asset uses its own available history by
 * default for a table (`missing: 'available'`, pandas semantics); a plain matrix still refuses a
 * NaN unless told otherwise.
 *
 * References: test/fixtures/expected-returns/ema-missing.json (scripts/fixtures/expected-returns/ema_missing.py:
 * pandas mean() / count(), ewm(span | halflife).mean() with its default ignore_na=False, a 50-digit
 * decimal geometric mean, and CAPM betas over each asset's common periods with the market) and
 * test/fixtures/data/pandas-tables.json (`meanReturns`: pandas mean() and count()).
 */
import { describe, expect, it } from 'vitest';
import { InsufficientDataError, InvalidArgumentError } from '../../src/core/errors.ts';
import { buildTable } from '../../src/core/table.ts';
import { capmReturn, emaHistoricalReturn, meanHistoricalReturn } from '../../src/expected-returns/index.ts';
import { expectClose, expectTypedError, loadFixture } from '../helpers.ts';

interface TableJson {
  dates: string[];
  assets: string[];
  values: (number | null)[][];
}
interface Block {
  table: TableJson;
  counts: number[];
  arithmetic: number[];
  geometric: number[];
  ema: Array<{ span?: number; halfLife?: number; expected: number[] }>;
  market: (number | null)[];
  capm: {
    riskFreeRate: number;
    betas: number[];
    counts: number[];
    arithmetic: { marketReturn: number; expectedReturns: number[] };
    geometric: { marketReturn: number; expectedReturns: number[] };
  };
}
const fx = loadFixture<{ gapsFile: Block; moreGaps: Block }>('expected-returns/ema-missing.json');
const data = loadFixture<{ simpleReturns: TableJson; meanReturns: { assets: string[]; values: number[]; counts: number[] } }>('data/pandas-tables.json');

describe.each(['gapsFile', 'moreGaps'] as const)('%s: each asset over its own history (pandas)', (key) => {
  const c = fx[key];
  const t = buildTable('test', 'returns', c.table);
  const byLabel = (v: readonly number[]) => Object.fromEntries(c.table.assets.map((a, i) => [a, v[i]]));

  it('meanHistoricalReturn: arithmetic = mean(), geometric = the decimal reference; counts = count()', () => {
    const a = meanHistoricalReturn(t);
    expectClose(a.expectedReturns, c.arithmetic, { rtol: 1e-13, label: 'arithmetic' });
    expect(a.counts).toEqual(c.counts);
    expect(a.periodsByAsset).toEqual(byLabel(c.counts));
    expect(a.periods).toBe(c.table.dates.length);
    expect(a.byAsset).toEqual(byLabel(a.expectedReturns));
    const g = meanHistoricalReturn(t, { compounding: 'geometric' });
    expectClose(g.expectedReturns, c.geometric, { rtol: 1e-13, label: 'geometric' });
  });

  it('emaHistoricalReturn = ewm(span | halflife).mean().iloc[-1] (ignore_na=False) to 1e-12', () => {
    for (const e of c.ema) {
      const r = emaHistoricalReturn(t, e.span !== undefined ? { span: e.span } : { halfLife: e.halfLife! });
      expectClose(r.expectedReturns, e.expected, { rtol: 1e-12, label: `ema ${e.span ?? e.halfLife}` });
      expect(r.counts).toEqual(c.counts);
      expect(Object.keys(r.byAsset!)).toEqual(c.table.assets);
    }
  });

  it('capmReturn: betas over the common periods with the market; E[r_m] over all its periods', () => {
    for (const compounding of ['arithmetic', 'geometric'] as const) {
      const r = capmReturn(t, c.market, { riskFreeRate: c.capm.riskFreeRate, compounding });
      expectClose(r.betas, c.capm.betas, { rtol: 1e-12, label: 'betas' });
      expectClose(r.marketReturn, c.capm[compounding].marketReturn, { rtol: 1e-13, label: 'market' });
      expectClose(r.expectedReturns, c.capm[compounding].expectedReturns, { rtol: 1e-12, label: `capm ${compounding}` });
      expect(r.counts).toEqual(c.capm.counts);
      expect(r.betasByAsset).toEqual(byLabel(r.betas));
      expect(r.periodsByAsset).toEqual(byLabel(c.capm.counts));
    }
  });
});

describe('defaults and policies', () => {
  const t = buildTable('test', 'returns', data.simpleReturns);
  const rows = data.simpleReturns.values as number[][];

  it("a table defaults to 'available' (= pandas mean() of the data fixture); a matrix to 'error'", () => {
    const m = meanHistoricalReturn(t);
    expectClose(m.expectedReturns, data.meanReturns.values, { rtol: 1e-13, label: 'mean' });
    expect(m.counts).toEqual(data.meanReturns.counts);
    for (const f of [() => meanHistoricalReturn(rows), () => emaHistoricalReturn(rows, { span: 10 }), () => capmReturn(rows, fx.gapsFile.market)]) {
      expectTypedError(f, InvalidArgumentError, /`returns` has a missing value \(NaN or null\) at row 0, column 5/);
    }
  });

  it("missing: 'available' on a matrix gives the table's numbers; 'error' on a table names asset and date", () => {
    expect(meanHistoricalReturn(rows, { missing: 'available' }).expectedReturns).toEqual(meanHistoricalReturn(t).expectedReturns);
    expect(emaHistoricalReturn(rows, { span: 60, missing: 'available' }).expectedReturns).toEqual(emaHistoricalReturn(t, { span: 60 }).expectedReturns);
    expect(meanHistoricalReturn(rows, { missing: 'available' }).byAsset).toBeUndefined();
    expectTypedError(() => meanHistoricalReturn(t, { missing: 'error' }), InvalidArgumentError, /FFF on 2019-01-03 \(row 0\)/);
    expectTypedError(() => capmReturn(t, fx.gapsFile.market, { missing: 'error' }), InvalidArgumentError, /FFF on 2019-01-03/);
  });

  it("missing: 'drop' on a table = the estimator on its complete rows, labelled", () => {
    const complete = rows.filter((r) => r.every((v) => v !== null));
    const d = meanHistoricalReturn(t, { missing: 'drop' });
    expect(d.expectedReturns).toEqual(meanHistoricalReturn(complete).expectedReturns);
    expect(d.periods).toBe(complete.length);
    expect(d.counts).toBeUndefined();
    expect(Object.keys(d.byAsset!)).toEqual(data.simpleReturns.assets);
  });

  it('without missing values, a table gives exactly the matrix numbers (every estimator)', () => {
    const complete = rows.filter((r) => r.every((v) => v !== null));
    const dates = data.simpleReturns.dates.slice(0, complete.length);
    const ct = buildTable('test', 'returns', { dates, assets: data.simpleReturns.assets, values: complete });
    const market = complete.map((r) => r.reduce((a, b) => a + b, 0) / r.length);
    expect(meanHistoricalReturn(ct, { compounding: 'geometric' }).expectedReturns).toEqual(
      meanHistoricalReturn(complete, { compounding: 'geometric' }).expectedReturns,
    );
    expect(emaHistoricalReturn(ct, { halfLife: 20 }).expectedReturns).toEqual(emaHistoricalReturn(complete, { halfLife: 20 }).expectedReturns);
    const a = capmReturn(ct, market, { compounding: 'geometric' });
    const b = capmReturn(complete, market, { compounding: 'geometric' });
    expect(a.betas).toEqual(b.betas);
    expect(a.expectedReturns).toEqual(b.expectedReturns);
    expect(a.counts).toEqual(complete[0]!.map(() => complete.length));
  });

  it('an explicit `assets` option wins over the table labels', () => {
    const names = data.simpleReturns.assets.map((a) => a.toLowerCase());
    expect(Object.keys(meanHistoricalReturn(t, { assets: names }).byAsset!)).toEqual(names);
    expect(Object.keys(capmReturn(t, fx.gapsFile.market, { assets: names }).periodsByAsset!)).toEqual(names);
  });
});

describe('typed errors with missing values', () => {
  it('an asset with no value, or no weight left', () => {
    const t = {
      dates: ['2024-01-02', '2024-01-03', '2024-01-04'],
      assets: ['A', 'B'],
      values: [
        [0.01, null],
        [0.02, null],
        [0.03, null],
      ],
    };
    expectTypedError(() => meanHistoricalReturn(t), InsufficientDataError, /asset "B" has no returns/);
    expectTypedError(() => emaHistoricalReturn(t, { span: 3 }), InsufficientDataError, /asset "B" has no returns/);
    // one value 2000 periods before the end, α = 0.5: the weight 0.5^2000 underflows to 0
    const long = Array.from({ length: 2001 }, (_, k) => [0.01 * ((k % 3) - 1), k === 0 ? 0.02 : null]);
    expectTypedError(() => emaHistoricalReturn(long, { span: 3, missing: 'available' }), InsufficientDataError, /column 1 has no value recent enough/);
  });
  it('CAPM: an asset with fewer than 2 periods in common with the market; a market constant over them', () => {
    const t = {
      dates: ['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05'],
      assets: ['A', 'B'],
      values: [
        [0.01, null],
        [0.02, null],
        [0.03, 0.01],
        [0.01, 0.02],
      ],
    };
    expectTypedError(() => capmReturn(t, [0.01, 0.02, 0.03, null]), InsufficientDataError, /asset "B" has 1 period in common with the market/);
    expectTypedError(() => capmReturn(t, [0.01, 0.02, 0.03, 0.03]), InvalidArgumentError, /constant over the 2 periods asset "B" has in common/);
    expectTypedError(() => capmReturn(t, [0.01, null, null, null]), InsufficientDataError, /`marketReturns` needs at least 2 values, got 1/);
  });
  it("the missing policy is one of 'error', 'drop', 'available'", () => {
    expectTypedError(
      () => meanHistoricalReturn([[0.01]], { missing: 'pairwise' as never }),
      InvalidArgumentError,
      /`missing` must be one of 'error', 'drop', 'available'/,
    );
  });
});

describe('market returns as a one-column table', () => {
  const dates = ['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05'];
  const r = {
    kind: 'returns' as const,
    dates,
    assets: ['A', 'B'],
    values: [
      [0.01, 0.02],
      [-0.01, 0],
      [0.02, 0.01],
      [0, -0.01],
    ],
  };
  const mkt = [0.01, -0.005, 0.012, 0.001];
  it('capmReturn: a market table on the same dates gives the array result bit for bit', () => {
    const m = { kind: 'returns' as const, dates, assets: ['MKT'], values: mkt.map((v) => [v]) };
    expect(capmReturn(r, m)).toEqual(capmReturn(r, mkt));
  });
  it('capmReturn: a market table is put on the returns dates (a date it lacks is missing)', () => {
    const m = { kind: 'returns' as const, dates: ['2024-01-01', ...dates], assets: ['MKT'], values: [[0.5], ...mkt.map((v) => [v])] };
    expect(capmReturn(r, m)).toEqual(capmReturn(r, mkt));
    const short = { kind: 'returns' as const, dates: dates.slice(0, 3), assets: ['MKT'], values: mkt.slice(0, 3).map((v) => [v]) };
    expect(() => capmReturn(r, short, { missing: 'error' })).toThrow(/missing value/);
    expect(capmReturn(r, short, { missing: 'drop' }).expectedReturns).toEqual(
      capmReturn({ ...r, dates: dates.slice(0, 3), values: r.values.slice(0, 3) }, mkt.slice(0, 3), { missing: 'drop' }).expectedReturns,
    );
  });
  it('capmReturn: no common date, or two columns, are typed errors', () => {
    expect(() => capmReturn(r, { kind: 'returns', dates: ['2023-01-02', '2023-01-03'], assets: ['M'], values: [[0.1], [0.2]] })).toThrow(/shares no date/);
    expect(() => capmReturn(r, { kind: 'returns', dates, assets: ['M', 'N'], values: mkt.map((v) => [v, v]) })).toThrow(/one series/);
  });
  it('impliedRiskAversion takes a one-column table', async () => {
    const { impliedRiskAversion } = await import('../../src/black-litterman/index.ts');
    expect(impliedRiskAversion({ kind: 'returns', dates, assets: ['MKT'], values: mkt.map((v) => [v]) })).toBe(impliedRiskAversion(mkt));
  });
});
