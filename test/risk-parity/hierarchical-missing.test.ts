/**
 * HRP and HERC on a ReturnTable with missing values, clustered on pandas' pairwise correlation.
 *
 * Reference: test/fixtures/risk-parity/hrp-pairwise.json (scripts/fixtures/risk-parity/hrp_pairwise.py): pandas
 * corr / cov with min_periods=30 on the price file's returns, scipy linkage + leaves_list on sqrt((1 − ρ)/2),
 * and the plain-Python bisection / HERC of risk_parity_reference.py on the pairwise covariance.
 */
import { describe, expect, it } from 'vitest';
import { InsufficientDataError, InvalidArgumentError, NotPositiveDefiniteError } from '../../src/core/errors.ts';
import { buildTable } from '../../src/core/table.ts';
import { sampleCovariance } from '../../src/covariance/index.ts';
import { hierarchicalEqualRiskContribution, hierarchicalRiskParity } from '../../src/risk-parity/index.ts';
import { expectClose, expectTypedError, loadFixture } from '../helpers.ts';

interface TableJson {
  dates: string[];
  assets: string[];
  values: (number | null)[][];
}
const data = loadFixture<{ simpleReturns: TableJson }>('data/pandas-tables.json');
const fx = loadFixture<{
  minPeriods: number;
  assets: string[];
  hrp: Array<{ linkage: 'single' | 'average'; Z: number[][]; order: number[]; halving: number[]; dendrogram: number[] }>;
  herc: Array<{ linkage: 'ward'; clusters: number; Z: number[][]; weights: number[]; members: number[][] }>;
}>('risk-parity/hrp-pairwise.json');
const returns = buildTable('test', 'returns', data.simpleReturns);

describe('HRP / HERC with missing: pairwise = scipy clustering on pandas corr + bisection on pandas cov', () => {
  for (const c of fx.hrp) {
    it(`HRP, ${c.linkage} linkage: merges, leaf order and weights (halving and dendrogram splits)`, () => {
      const h = hierarchicalRiskParity(returns, { missing: 'pairwise', minPeriods: fx.minPeriods, linkage: c.linkage });
      expect(h.dendrogram.order).toEqual(c.order);
      expect(h.dendrogram.merges.map((r) => [r[0], r[1], r[3]])).toEqual(c.Z.map((r) => [r[0], r[1], r[3]]));
      expectClose(
        h.dendrogram.merges.map((r) => r[2]),
        c.Z.map((r) => r[2]),
        { rtol: 1e-12, label: 'heights' },
      );
      expectClose(h.weights, c.halving, { rtol: 1e-12, label: 'halving' });
      expect(h.weightsByAsset).toEqual(Object.fromEntries(fx.assets.map((a, i) => [a, h.weights[i]])));
      expect(h.minPairCount).toBe(217);
      const d = hierarchicalRiskParity(returns, { missing: 'pairwise', minPeriods: fx.minPeriods, linkage: c.linkage, split: 'dendrogram' });
      expectClose(d.weights, c.dendrogram, { rtol: 1e-12, label: 'dendrogram' });
    });
  }
  it('HERC, ward linkage, 3 clusters', () => {
    const c = fx.herc[0]!;
    const h = hierarchicalEqualRiskContribution(returns, { missing: 'pairwise', minPeriods: fx.minPeriods, clusters: c.clusters });
    expect(h.clusters.map((k) => k.members)).toEqual(c.members);
    expectClose(h.weights, c.weights, { rtol: 1e-12, label: 'herc' });
    expect(Object.keys(h.weightsByAsset!)).toEqual(fx.assets);
    expect(h.minPairCount).toBe(217);
  });
});

describe('tables and the other missing policies', () => {
  const rows = data.simpleReturns.values;
  const keep = rows.map((r, t) => (r.every((v) => v !== null) ? t : -1)).filter((t) => t >= 0);
  const complete = keep.map((t) => rows[t] as number[]);

  it("a table is read as returns; missing: 'drop' = the returns input on the complete rows, labelled", () => {
    const d = hierarchicalRiskParity(returns, { missing: 'drop' });
    const m = hierarchicalRiskParity(complete, { input: 'returns' });
    expect(d.weights).toEqual(m.weights);
    expect(Object.keys(d.weightsByAsset!)).toEqual(data.simpleReturns.assets);
    expect(d.minPairCount).toBeUndefined();
    const e = hierarchicalEqualRiskContribution(returns, { missing: 'drop', clusters: 2 });
    expect(e.weights).toEqual(hierarchicalEqualRiskContribution(complete, { input: 'returns', clusters: 2 }).weights);
  });
  it('a table without gaps gives the same weights pairwise or not (to rounding: the pairwise kernel sums in another order)', () => {
    const t = buildTable('test', 'returns', { dates: keep.map((k) => data.simpleReturns.dates[k]), assets: data.simpleReturns.assets, values: complete });
    expectClose(hierarchicalRiskParity(t, { missing: 'pairwise' }).weights, hierarchicalRiskParity(t).weights, { rtol: 1e-12, label: 'w' });
  });
  it('a pairwise covariance whose inverse-variance cluster variance is ≤ 0 is refused, not used', () => {
    // A: ten small returns, then ±0.05; B lists for the last two periods only, moving against A.
    // By hand: var A = (10 · 1e-6 + 0.005) / 11 = 0.00045545..., var B = 0.005 / 1, cov = −0.005 / 1,
    // so the inverse-variance portfolio of {A, B} has variance ∝ var A + var B + 2 cov < 0.
    const r = [...Array.from({ length: 10 }, (_, t) => [t % 2 === 0 ? 0.001 : -0.001, null]), [0.05, -0.05], [-0.05, 0.05]];
    expect(sampleCovariance(r, { missing: 'pairwise' }).psd).toBe(false);
    expectTypedError(
      () => hierarchicalEqualRiskContribution(r, { input: 'returns', missing: 'pairwise', clusters: 1, assets: ['A', 'B'] }),
      NotPositiveDefiniteError,
      /the cluster \{A, B\} has an inverse-variance portfolio variance of -.* ≤ 0: the covariance is not positive semidefinite/,
    );
  });
  it('typed errors: covariance input with a table or returns options; too few common periods; NaN by default', () => {
    expectTypedError(() => hierarchicalRiskParity(returns, { input: 'covariance' }), InvalidArgumentError, /is a table, which holds returns/);
    const cov = [
      [0.04, 0.01],
      [0.01, 0.09],
    ];
    expectTypedError(() => hierarchicalRiskParity(cov, { missing: 'pairwise' }), InvalidArgumentError, /`missing` applies only to returns/);
    expectTypedError(() => hierarchicalEqualRiskContribution(cov, { minPeriods: 5 }), InvalidArgumentError, /`minPeriods` applies only to returns/);
    expectTypedError(() => hierarchicalRiskParity(returns, { minPeriods: 5 }), InvalidArgumentError, /`minPeriods` applies only to `missing: 'pairwise'`/);
    expectTypedError(
      () => hierarchicalRiskParity(returns, { missing: 'pairwise', minPeriods: 218 }),
      InsufficientDataError,
      /"CCC" and "HHH" have only 217 periods in common/,
    );
    expectTypedError(() => hierarchicalRiskParity(returns), InvalidArgumentError, /FFF on 2019-01-03/);
  });
});
