/**
 * The table paths of quantivista/returns: price tables in, dated return tables out.
 *
 * References: the matrix paths (already reference-tested against numpy / pandas in
 * returns-reference.test.ts) must give the same bits where the two formulas are the same;
 * `returnsTable` (quantivista/data) must give the same bits as simpleReturns / logReturns on a table,
 * since those call it; pandas (scripts/fixtures/returns/tables_reference.py) for the gaps: NaN next
 * to a missing price, cumprod skipping NaN, and dropping incomplete dates. Dates are checked by hand.
 */
import { describe, expect, it } from 'vitest';
import { InsufficientDataError, InvalidArgumentError } from '../../src/core/errors.ts';
import type { Matrix } from '../../src/core/matrix.ts';
import { buildTable, type ReturnTable } from '../../src/core/table.ts';
import { returnsTable } from '../../src/data/returns-table.ts';
import { cumulativeReturns, logReturns, portfolioReturns, simpleReturns } from '../../src/returns/index.ts';
import { deepFreeze, expectClose, expectTypedError, lcgMatrix, loadFixture } from '../helpers.ts';

interface FxTable {
  dates: string[];
  assets: string[];
  values: Array<Array<number | null>>;
}
const fx = loadFixture<{ prices: FxTable; simple: FxTable; log: FxTable; cumulative: FxTable; simpleAfterDrop: FxTable }>('returns/tables.json');

/** Compare a table's values with a fixture's: the same missing cells, the numbers within rtol. */
function expectValues(actual: Matrix, expected: Array<Array<number | null>>, rtol: number, label: string, atol = 0): void {
  const got = JSON.parse(JSON.stringify(actual)) as Array<Array<number | null>>;
  expect(got.map((r) => r.map((v) => v === null))).toEqual(expected.map((r) => r.map((v) => v === null)));
  expectClose(
    got.flat().filter((v) => v !== null),
    expected.flat().filter((v) => v !== null),
    { rtol, atol, label },
  );
}

/** Days from 2024-01-01 (UTC), as ISO dates. */
const days = (n: number, from = 0): string[] => Array.from({ length: n }, (_, i) => new Date(Date.UTC(2024, 0, 1 + from + i)).toISOString().slice(0, 10));

// complete prices: 40 dates x 4 assets
const P = lcgMatrix(40, 4, 3, 10).map((row, t) => row.map((x, j) => 50 + j * 7 + t * 0.3 + x));
const priceParts = { kind: 'prices' as const, dates: days(40), assets: ['AAA', 'BBB', 'CCC', 'DDD'], values: P };

describe('simpleReturns / logReturns on a price table', () => {
  it('give exactly returnsTable(prices) (same bits), dated from the second date', () => {
    const pt = deepFreeze({ ...priceParts, values: P.map((r) => r.slice()) });
    const s = simpleReturns(pt);
    const ref = returnsTable(pt);
    expect(s.kind).toBe('returns');
    expect(s.assets).toEqual(['AAA', 'BBB', 'CCC', 'DDD']);
    expect(s.dates).toEqual(days(39, 1)); // 2024-01-02 … : the first date has no return
    expect(s.dates[0]).toBe('2024-01-02');
    expect(s.values.toArray()).toEqual(ref.values.toArray());
    const l = logReturns(pt);
    expect(l.dates).toEqual(s.dates);
    expect(l.values.toArray()).toEqual(returnsTable(pt, { kind: 'log' }).values.toArray());
  });
  it('agree with the matrix path to one rounding of the price ratio (the matrix kernel divides the difference instead)', () => {
    // p_t / p_{t−1} rounds once near 1, an absolute error of at most 2^-53 ≈ 1.1e-16 in the return
    expectClose(simpleReturns(priceParts).values, simpleReturns(P), { rtol: 1e-14, atol: 2.3e-16, label: 'simple' });
    expectClose(logReturns(priceParts).values, logReturns(P), { rtol: 1e-14, atol: 4.5e-16, label: 'log' });
  });
  it('keep gaps as pandas pct_change(fill_method=None): NaN next to a missing price', () => {
    const s = simpleReturns(fx.prices);
    expect(s.dates).toEqual(fx.simple.dates);
    expect(s.assets).toEqual(fx.simple.assets);
    // pandas divides first (p_t / p_{t-1} − 1); we divide the exact difference: within 2^-52 absolute
    expectValues(s.values, fx.simple.values, 1e-15, 'pct_change', 2 ** -52);
    const l = logReturns(fx.prices);
    expectValues(l.values, fx.log.values, 1e-14, 'log', 2 ** -52);
    // by hand: NEW lists on 2024-01-04, so its first return is on 2024-01-05; GAP misses 2024-01-05
    const nan = (t: ReturnTable, d: string, a: string) => Number.isNaN(t.values.get(t.dates.indexOf(d), t.assets.indexOf(a)));
    expect(nan(s, '2024-01-04', 'NEW')).toBe(true);
    expect(nan(s, '2024-01-05', 'NEW')).toBe(false);
    expect(nan(s, '2024-01-05', 'GAP') && nan(s, '2024-01-08', 'GAP')).toBe(true);
  });
  it("missing: 'drop' removes incomplete dates first (pandas dropna().pct_change()), as the matrix path", () => {
    const s = simpleReturns(fx.prices, { missing: 'drop' });
    // complete dates: 01-02, 01-03 have no NEW; 01-05 has no GAP: 01-04, 01-08, 01-09, 01-10, 01-11 remain
    expect(s.dates).toEqual(['2024-01-08', '2024-01-09', '2024-01-10', '2024-01-11']);
    expect(s.dates).toEqual(fx.simpleAfterDrop.dates);
    expectValues(s.values, fx.simpleAfterDrop.values, 1e-15, 'dropna', 2 ** -52);
    expectClose(s.values, simpleReturns(fx.prices.values, { missing: 'drop' }), { rtol: 1e-14, atol: 2.3e-16 });
  });
  it("missing: 'error' names the asset and the date", () => {
    expectTypedError(
      () => simpleReturns(fx.prices, { missing: 'error' }),
      InvalidArgumentError,
      /simpleReturns: `prices` has a missing value .* NEW on 2024-01-02 \(row 0\)/,
    );
    expectTypedError(() => logReturns(fx.prices, { missing: 'error' }), InvalidArgumentError, /logReturns: .*NEW on 2024-01-02/);
  });
  it('refuse a ReturnTable, a non-positive price, too few dates, a bad policy', () => {
    const r = { kind: 'returns' as const, dates: ['2024-01-02', '2024-01-03'], assets: ['A'], values: [[0.01], [0.02]] };
    expectTypedError(() => simpleReturns(r), InvalidArgumentError, /simpleReturns: `prices` is a ReturnTable, but prices are expected/);
    expectTypedError(
      () => simpleReturns({ ...priceParts, values: P.map((row, t) => (t === 3 ? [0, ...row.slice(1)] : row)) }),
      InvalidArgumentError,
      /prices must be positive, but AAA on 2024-01-04/,
    );
    expectTypedError(() => simpleReturns({ kind: 'prices', dates: ['2024-01-02'], assets: ['A'], values: [[1]] }), InsufficientDataError, /at least 2 dates/);
    expectTypedError(() => simpleReturns(fx.prices, { missing: 'skip' as never }), InvalidArgumentError, /missing/);
    // a late listing makes every date incomplete before it: dropping leaves too few
    const late = {
      kind: 'prices' as const,
      dates: ['2024-01-02', '2024-01-03', '2024-01-04'],
      assets: ['A', 'B'],
      values: [
        [1, null],
        [2, null],
        [3, 4],
      ],
    };
    expectTypedError(() => simpleReturns(late, { missing: 'drop' }), InsufficientDataError, /after dropping incomplete dates/);
  });
});

describe('cumulativeReturns on a return table', () => {
  const R = simpleReturns(P);
  const rt = buildTable('test', 'returns', { dates: days(39, 1), assets: ['AAA', 'BBB', 'CCC', 'DDD'], values: R.toArray() });
  it("gives a table of the same dates and tickers with the matrix path's bits", () => {
    const c = cumulativeReturns(rt);
    expect(c.kind).toBe('returns');
    expect(c.dates).toEqual(rt.dates);
    expect(c.assets).toEqual(rt.assets);
    expect(c.values.toArray()).toEqual(cumulativeReturns(R).toArray());
  });
  it('skips NaN as pandas (1 + r).cumprod() - 1 does', () => {
    const c = cumulativeReturns(fx.simple);
    expect(c.dates).toEqual(fx.cumulative.dates);
    expectValues(c.values, fx.cumulative.values, 1e-14, 'cumprod');
    // by hand: GAP's compounding carries on over its two blanks
    const g = (d: string) => c.values.get(c.dates.indexOf(d), 2);
    const r = (d: string) => fx.simple.values[fx.simple.dates.indexOf(d)]![2]!;
    expect(g('2024-01-09')).toBeCloseTo((1 + r('2024-01-03')) * (1 + r('2024-01-04')) * (1 + r('2024-01-09')) - 1, 15);
  });
  it('refuses a PriceTable and names the asset and date of a return below −1', () => {
    expectTypedError(() => cumulativeReturns(priceParts), InvalidArgumentError, /is a PriceTable, but returns are expected/);
    const bad = {
      kind: 'returns' as const,
      dates: ['2024-01-02', '2024-01-03'],
      assets: ['A', 'B'],
      values: [
        [0.1, 0],
        [0, -1.5],
      ],
    };
    expectTypedError(() => cumulativeReturns(bad), InvalidArgumentError, /B on 2024-01-03 \(row 1\) is -1.5/);
    expectTypedError(() => cumulativeReturns(bad, { assumeReturns: 1 as never }), InvalidArgumentError, /assumeReturns/);
  });
});

describe('portfolioReturns on a return table', () => {
  const R = simpleReturns(P).toArray();
  const dates = days(39, 1);
  const rt = deepFreeze({ kind: 'returns' as const, dates, assets: ['AAA', 'BBB', 'CCC', 'DDD'], values: R });
  const w = [0.4, 0.3, 0.2, 0.1];
  const byTicker = { DDD: 0.1, BBB: 0.3, AAA: 0.4, CCC: 0.2 };
  it("weights by ticker (any key order) give the matrix path's bits, as a dated one-column table", () => {
    for (const rebalance of ['every-period', 'none'] as const) {
      const p = portfolioReturns(rt, byTicker, { rebalance });
      expect(p.kind).toBe('returns');
      expect(p.assets).toEqual(['portfolio']);
      expect(p.dates).toEqual(dates);
      expect(p.values.column(0)).toEqual(portfolioReturns(R, w, { rebalance }));
      expect(portfolioReturns(rt, w, { rebalance }).values.column(0)).toEqual(portfolioReturns(R, w, { rebalance }));
    }
    expect(portfolioReturns(rt, byTicker, { name: 'fund' }).assets).toEqual(['fund']);
  });
  it('a key that is no ticker names the nearest one; a ticker without a weight is named', () => {
    expectTypedError(
      () => portfolioReturns(rt, { AAA: 0.4, BBB: 0.3, CCC: 0.2, DDX: 0.1 }),
      InvalidArgumentError,
      /"DDX", which is not a ticker of the table \(did you mean "DDD"\?\)/,
    );
    expectTypedError(() => portfolioReturns(rt, { AAA: 0.4, BBB: 0.3, CCC: 0.3 }), InvalidArgumentError, /no weight for "DDD"/);
    expectTypedError(() => portfolioReturns(rt, { ...byTicker, AAA: NaN }), InvalidArgumentError, /weight of "AAA" is NaN/);
    expectTypedError(() => portfolioReturns(R, byTicker as never), InvalidArgumentError, /keyed by ticker need `returns` as a table/);
    expectTypedError(() => portfolioReturns(R, w, { name: 'x' }), InvalidArgumentError, /`name`/);
  });
  it("a missing return names the asset and date; missing: 'drop' removes that date", () => {
    const gappy = { ...rt, values: R.map((row, t) => (t === 5 ? [row[0]!, null, row[2]!, row[3]!] : row)) };
    expectTypedError(() => portfolioReturns(gappy, byTicker), InvalidArgumentError, /BBB on 2024-01-07 \(row 5\)/);
    const p = portfolioReturns(gappy, byTicker, { missing: 'drop' });
    expect(p.dates).toEqual([...dates.slice(0, 5), ...dates.slice(6)]);
    expect(p.dates).not.toContain('2024-01-07');
    expect(p.values.column(0)).toEqual(
      portfolioReturns(
        R.filter((_, t) => t !== 5),
        w,
      ),
    );
  });
  it('assumeReturns passes through to the prices screen', () => {
    const big = [
      [1.5, 2.5],
      [1.2, 3.1],
      [1.9, 2.2],
    ]; // every column positive with a median above 1
    expectTypedError(() => portfolioReturns(big, [0.5, 0.5]), InvalidArgumentError, /looks like prices/);
    expect(portfolioReturns(big, [0.5, 0.5], { assumeReturns: true })).toEqual([2, 2.15, 2.05]);
    expectTypedError(() => portfolioReturns(priceParts, w), InvalidArgumentError, /is a PriceTable/);
  });
});

describe('inputs are not mutated; results are JSON-safe', () => {
  it('frozen plain tables and a library table are left as they were', () => {
    const prices = deepFreeze(JSON.parse(JSON.stringify(fx.prices)) as FxTable);
    const before = JSON.stringify(prices);
    simpleReturns(prices);
    logReturns(prices, { missing: 'drop' });
    expect(JSON.stringify(prices)).toBe(before);
    const rt = simpleReturns(prices);
    const snapshot = JSON.stringify(rt);
    const c = cumulativeReturns(rt);
    portfolioReturns(rt, { AAA: 0.5, NEW: 0.25, GAP: 0.25 }, { missing: 'drop' });
    expect(JSON.stringify(rt)).toBe(snapshot);
    const round = JSON.parse(JSON.stringify(c)) as FxTable & { kind: string };
    expect(round.kind).toBe('returns');
    expect(round.values[0]).toEqual([fx.cumulative.values[0]![0], null, fx.cumulative.values[0]![2]]);
  });
  it('a structured clone of a table is accepted', () => {
    const rt = simpleReturns(priceParts);
    const clone = structuredClone(rt);
    expect(cumulativeReturns(clone).values.toArray()).toEqual(cumulativeReturns(rt).values.toArray());
  });
});
