/**
 * The table path of factorAttribution: a one-column fund table and a factor table whose tickers are
 * the factor names, aligned on their dates.
 *
 * Reference: the array path (reference-tested against numpy in attribution.test.ts) on the same
 * periods must give the same bits; dates are checked by hand.
 */
import { describe, expect, it } from 'vitest';
import { DimensionError, InvalidArgumentError } from '../../src/core/errors.ts';
import { buildTable } from '../../src/core/table.ts';
import { factorAttribution, type FactorAttributionResult } from '../../src/attribution/index.ts';
import { deepFreeze, expectTypedError, lcgMatrix } from '../helpers.ts';

const days = (n: number, from = 0): string[] => Array.from({ length: n }, (_, i) => new Date(Date.UTC(2024, 0, 1 + from + i)).toISOString().slice(0, 10));

const T = 50;
const F = lcgMatrix(T, 3, 21, 0.05);
const noise = lcgMatrix(T, 1, 4, 0.01).map((r) => r[0]!);
const y = F.map((f, t) => 0.001 + 1.2 * f[0]! - 0.4 * f[1]! + 0.1 * f[2]! + noise[t]!);
const names = ['market', 'size', 'value'];
const factorTable = deepFreeze({ kind: 'returns' as const, dates: days(T), assets: names, values: F });
const fundTable = deepFreeze({ kind: 'returns' as const, dates: days(T), assets: ['FUND'], values: y.map((v) => [v]) });
const withoutDates = (r: FactorAttributionResult): FactorAttributionResult => {
  const { dates: _x, ...rest } = r;
  return rest as FactorAttributionResult;
};

describe('factorAttribution on tables', () => {
  it("gives the array path's bits, labelled by the factor table, dated", () => {
    const ref = factorAttribution(y, F, { factors: names });
    const t = factorAttribution(fundTable, factorTable);
    expect(withoutDates(t)).toEqual(ref);
    expect(t.dates).toEqual(days(T));
    expect(Object.keys(t.byFactor!)).toEqual(names);
    // one side a table, the other an array: aligned by position, still labelled / dated
    expect(factorAttribution(y, factorTable)).toEqual(t);
    expect(factorAttribution(fundTable, F, { factors: names })).toEqual(t);
    // the `factors` option renames
    expect(Object.keys(factorAttribution(fundTable, factorTable, { factors: ['m', 's', 'v'] }).byFactor!)).toEqual(['m', 's', 'v']);
    // the array path carries no dates
    expect('dates' in ref).toBe(false);
  });
  it('aligns the two tables on their dates (inner join)', () => {
    // the fund starts 4 days after the factors and the factors stop 3 days before the fund
    const fund = { ...fundTable, dates: days(T, 4) };
    const t = factorAttribution(fund, factorTable);
    // common dates: days 4 … 49 of the factors = fund rows 0 … 45
    expect(t.dates).toEqual(days(T - 4, 4));
    expect(t.dates![0]).toBe('2024-01-05');
    expect(t.dates!.at(-1)).toBe('2024-02-19');
    expect(withoutDates(t)).toEqual(factorAttribution(y.slice(0, T - 4), F.slice(4), { factors: names }));
  });
  it("a missing value names the asset and date; missing: 'drop' leaves the period out", () => {
    const gappy = { ...factorTable, values: F.map((r, t) => (t === 7 ? [r[0]!, null, r[2]!] : r)) };
    expectTypedError(
      () => factorAttribution(fundTable, gappy),
      InvalidArgumentError,
      /factorAttribution: `factorReturns` has a missing value \(NaN or null\) at size on 2024-01-08 \(row 7\)/,
    );
    const fundGap = { ...fundTable, values: y.map((v, t) => [t === 0 ? NaN : v]) };
    expectTypedError(() => factorAttribution(fundGap, factorTable), InvalidArgumentError, /`returns` has a missing value .* FUND on 2024-01-01 \(row 0\)/);
    const t = factorAttribution(fundGap, gappy, { missing: 'drop' });
    const keep = (x: unknown[]) => x.filter((_, i) => i !== 0 && i !== 7);
    expect(t.dates).toEqual(keep(days(T)));
    expect(withoutDates(t)).toEqual(factorAttribution(keep(y) as number[], keep(F) as number[][], { factors: names }));
    // arrays with gaps, dropped on request
    const yGap = y.map((v, t) => (t === 3 ? null : v)) as unknown as number[];
    expect(factorAttribution(yGap, F, { missing: 'drop' })).toEqual(
      factorAttribution(
        y.filter((_, i) => i !== 3),
        F.filter((_, i) => i !== 3),
      ),
    );
  });
  it('refuses a fund of several columns, tables with no common date, mismatched rows', () => {
    expectTypedError(
      () => factorAttribution(factorTable, factorTable),
      InvalidArgumentError,
      /`returns` must be a one-column table \(one fund\), got 3 columns/,
    );
    expectTypedError(() => factorAttribution({ ...fundTable, dates: days(T, 200) }, factorTable), InvalidArgumentError, /no date in common with `returns`/);
    expectTypedError(() => factorAttribution(fundTable, F.slice(1)), DimensionError, /must have 50 rows/);
    expectTypedError(
      () => factorAttribution(fundTable, { ...factorTable, kind: 'prices' as const, values: F.map((r) => r.map((x) => 1 + x)) }),
      InvalidArgumentError,
      /is a PriceTable/,
    );
    expectTypedError(() => factorAttribution(fundTable, factorTable, { factors: ['a'] }), DimensionError, /`factors` must have 3 names/);
  });
  it('assumeReturns passes through to the prices screen', () => {
    const big = F.map((r) => r.map((x) => 1.5 + x));
    expectTypedError(() => factorAttribution(y, big), InvalidArgumentError, /looks like prices/);
    expect(factorAttribution(y, big, { assumeReturns: true }).exposures).toHaveLength(3);
    expectTypedError(() => factorAttribution(fundTable, big), InvalidArgumentError, /looks like prices/);
    expect(factorAttribution(fundTable, big, { assumeReturns: true }).dates).toHaveLength(T);
  });
  it('does not mutate its inputs; the result survives a JSON round trip', () => {
    const built = buildTable('test', 'returns', factorTable);
    const before = JSON.stringify(built);
    const frozen = JSON.stringify(fundTable);
    const t = factorAttribution(fundTable, built, { missing: 'drop' });
    expect(JSON.stringify(built)).toBe(before);
    expect(JSON.stringify(fundTable)).toBe(frozen);
    expect(JSON.parse(JSON.stringify(t))).toEqual(t);
    expect(factorAttribution(structuredClone(fundTable), structuredClone(built))).toEqual(factorAttribution(fundTable, factorTable));
  });
});
