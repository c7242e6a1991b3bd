/**
 * Every covariance estimator that takes returns takes a ReturnTable too: it labels its result with
 * the table's assets (an explicit `assets` option still wins and is checked), refuses a
 * PriceTable, reads a structured clone, drops incomplete rows with `missing: 'drop'`
 * (`observations` = rows kept) and lets `assumeReturns` override the prices screen.
 *
 * Expected values: for 'drop', the reference is pandas' `dropna(how='any').cov()` in
 * test/fixtures/data/pandas-tables.json; otherwise each estimator on a table is compared with the
 * same estimator on the plain matrix of the table (whose own references are in estimators.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { DimensionError, InvalidArgumentError } from '../../src/core/errors.ts';
import { buildTable } from '../../src/core/table.ts';
import {
  covarianceDiagnostics,
  denoiseCovariance,
  ewmaCovariance,
  ledoitWolf,
  oracleApproximatingShrinkage,
  sampleCorrelation,
  sampleCovariance,
  semicovariance,
  shrunkCovariance,
  statisticalFactorModel,
} from '../../src/covariance/index.ts';
import type { MatrixLike } from '../../src/core/matrix.ts';
import { expectClose, expectTypedError, loadFixture } from '../helpers.ts';

interface TableJson {
  dates: string[];
  assets: string[];
  values: (number | null)[][];
}
const data = loadFixture<{ simpleReturns: TableJson; readCsv: TableJson; covComplete: { matrix: number[][]; rowsKept: number } }>('data/pandas-tables.json');
const gaps = buildTable('test', 'returns', data.simpleReturns);
// the complete rows of the fixture's returns, as a table and as a plain matrix
const keep = data.simpleReturns.values.map((r, t) => (r.every((v) => v !== null) ? t : -1)).filter((t) => t >= 0);
const completeRows = keep.map((t) => data.simpleReturns.values[t] as number[]);
const complete = buildTable('test', 'returns', {
  dates: keep.map((t) => data.simpleReturns.dates[t]),
  assets: data.simpleReturns.assets,
  values: completeRows,
});
const assets = data.simpleReturns.assets;

type Estimator = (
  r: MatrixLike,
  o?: Record<string, unknown>,
) => { covariance: { toArray(): number[][] }; observations: number; assets?: string[]; labelled?: Record<string, Record<string, number>> };
const estimators: Array<[string, Estimator]> = [
  ['sampleCovariance', (r, o) => sampleCovariance(r, o as never)],
  ['ledoitWolf', (r, o) => ledoitWolf(r, o as never)],
  ['ledoitWolf (constant-correlation)', (r, o) => ledoitWolf(r, { target: 'constant-correlation', ...o } as never)],
  ['oracleApproximatingShrinkage', (r, o) => oracleApproximatingShrinkage(r, o as never)],
  ['shrunkCovariance', (r, o) => shrunkCovariance(r, o as never)],
  ['ewmaCovariance', (r, o) => ewmaCovariance(r, o as never)],
  ['semicovariance', (r, o) => semicovariance(r, o as never)],
  ['denoiseCovariance', (r, o) => denoiseCovariance(r, o as never)],
  ['statisticalFactorModel', (r, o) => statisticalFactorModel(r, { factors: 2, ...o } as never)],
];

describe.each(estimators)('%s on a ReturnTable', (name, f) => {
  it('equals the estimator on the plain matrix, labelled with the table assets', () => {
    const t = f(complete);
    const m = f(completeRows);
    expect(t.covariance.toArray()).toEqual(m.covariance.toArray());
    expect(m.assets).toBeUndefined();
    expect(t.assets).toEqual(assets);
    expect(t.labelled!.GGG!.BBB).toBe(t.covariance.toArray()[6]![1]);
    expect(Object.keys(t.labelled!)).toEqual(assets);
  });
  it('an explicit `assets` option wins and is checked', () => {
    const names = assets.map((a) => a.toLowerCase());
    expect(f(complete, { assets: names }).assets).toEqual(names);
    expectTypedError(() => f(complete, { assets: names.slice(1) }), DimensionError, new RegExp(`${name.split(' ')[0]}: \`assets\` must have 8 labels`));
  });
  it("missing: 'drop' keeps the complete rows (observations = rows kept) and equals the estimator on them", () => {
    const d = f(gaps, { missing: 'drop' });
    expect(d.observations).toBe(data.covComplete.rowsKept);
    expect(d.covariance.toArray()).toEqual(f(completeRows).covariance.toArray());
    expect(d.assets).toEqual(assets);
  });
  it('a structured clone of a table is read as the table; a PriceTable is refused', () => {
    expect(f(structuredClone(complete)).covariance.toArray()).toEqual(f(complete).covariance.toArray());
    const prices = buildTable('test', 'prices', { dates: data.readCsv.dates.slice(300, 340), assets, values: data.readCsv.values.slice(300, 340) });
    expectTypedError(() => f(prices), InvalidArgumentError, /is a PriceTable, but returns are expected/);
  });
  it('assumeReturns lets through data that look like prices; unknown missing policies are refused', () => {
    const levels = completeRows.slice(0, 30).map((r, t) => r.map((v, j) => 2 + v + 0.01 * ((t + j) % 3)));
    expectTypedError(() => f(levels), InvalidArgumentError, /looks like prices/);
    expect(f(levels, { assumeReturns: true }).observations).toBe(30);
    expectTypedError(() => f(levels, { assumeReturns: 'yes' }), InvalidArgumentError, /`assumeReturns` must be true or false/);
    expectTypedError(() => f(complete, { missing: 'zero' }), InvalidArgumentError, /`missing`/);
  });
});

describe('dropping incomplete rows = pandas dropna().cov()', () => {
  it('sampleCovariance and sampleCorrelation', () => {
    expectClose(sampleCovariance(gaps, { missing: 'drop' }).covariance.toArray(), data.covComplete.matrix, { rtol: 1e-12, label: 'cov' });
    const c = data.covComplete.matrix;
    const corr = c.map((r, i) => r.map((v, j) => v / Math.sqrt(c[i]![i]! * c[j]![j]!)));
    expectClose(sampleCorrelation(gaps, { missing: 'drop' }).correlation.toArray(), corr, { rtol: 1e-12, label: 'corr' });
  });
  it('semicovariance drops the benchmark values of the dropped rows', () => {
    const b = data.simpleReturns.values.map((_, t) => 1e-4 * (t % 4));
    const d = semicovariance(gaps, { missing: 'drop', benchmark: b });
    expect(d.covariance.toArray()).toEqual(semicovariance(completeRows, { benchmark: keep.map((t) => b[t]!) }).covariance.toArray());
    expectTypedError(() => semicovariance(gaps, { missing: 'drop', benchmark: b.slice(1) }), DimensionError, /one value per period \(699\)/);
  });
  it('covarianceDiagnostics reads a table as returns, with missing: drop', () => {
    const d = covarianceDiagnostics(gaps, { missing: 'drop' });
    expect(d.input).toBe('returns');
    expect(d.observations).toBe(data.covComplete.rowsKept);
    expectTypedError(() => covarianceDiagnostics(gaps), InvalidArgumentError, /FFF on 2019-01-03/);
  });
});
