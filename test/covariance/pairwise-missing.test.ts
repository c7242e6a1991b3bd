/**
 * Missing data in the covariance estimators: pandas' pairwise covariance and correlation
 * (`DataFrame.cov` / `.corr` with `min_periods`), complete rows (`dropna().cov()`), the pairwise
 * semicovariance, the positive-semidefiniteness report and its repair.
 *
 * References: test/fixtures/data/pandas-tables.json (scripts/fixtures/data/pandas_tables.py: a price file
 * with late listings and isolated gaps, its simple returns and what pandas makes of them) and
 * test/fixtures/covariance/pairwise-missing.json (scripts/fixtures/covariance/pairwise_missing.py: a case whose
 * pairwise matrices are not positive semidefinite with numpy's eigenvalues and eigenvalue clip, a case with
 * interior gaps and a level shift, and the pairwise semicovariance written with explicit loops).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InsufficientDataError, InvalidArgumentError } from '../../src/core/errors.ts';
import { buildTable, type ReturnTable } from '../../src/core/table.ts';
import {
  correlationFromCovariance,
  ewmaCovariance,
  ledoitWolf,
  oracleApproximatingShrinkage,
  sampleCorrelation,
  sampleCovariance,
  semicovariance,
  nearestCorrelation,
  nearestPositiveDefinite,
  shrunkCovariance,
} from '../../src/covariance/index.ts';
import { symmetricEigen } from '../../src/core/linalg.ts';
import { deepFreeze, expectClose, expectTypedError, loadFixture } from '../helpers.ts';

interface TableJson {
  dates: string[];
  assets: string[];
  values: (number | null)[][];
}
const data = loadFixture<{
  simpleReturns: TableJson;
  covPairwise: { minPeriods: number; matrix: number[][]; counts: number[][]; minPairCount: number };
  corrPairwise: { minPeriods: number; matrix: number[][] };
  covComplete: { matrix: number[][]; rowsKept: number };
  meanReturns: { values: number[]; counts: number[] };
}>('data/pandas-tables.json');

interface PairwiseCase {
  minPeriods: number;
  table: TableJson;
  counts: number[][];
  minPairCount: number;
  cov: number[][];
  corr: number[][];
  covMinEigenvalue: number;
  corrMinEigenvalue: number;
  covRepaired: { floor: number; matrix: number[][]; distance: number };
  semicovariance: number[][];
  means: number[];
}
const pw = loadFixture<{
  notPsd: PairwiseCase;
  interior: PairwiseCase;
  gapsFile: { semicovariance: number[][]; benchmark: number; semicovarianceBenchmark: number[][]; counts: number[][] };
}>('covariance/pairwise-missing.json');

const returns: ReturnTable = buildTable('test', 'returns', data.simpleReturns);
const table = (t: TableJson): ReturnTable => buildTable('test', 'returns', t);

describe('pairwise covariance and correlation = pandas on a price file with late listings and gaps', () => {
  const { minPeriods } = data.covPairwise;
  const cov = sampleCovariance(returns, { missing: 'pairwise', minPeriods });
  const corr = sampleCorrelation(returns, { missing: 'pairwise', minPeriods });

  it('covariance: DataFrame.cov(min_periods=30) to 1e-12 relative, entry by entry', () => {
    expectClose(cov.covariance.toArray(), data.covPairwise.matrix, { rtol: 1e-12, label: 'cov' });
  });
  it('correlation: DataFrame.corr(min_periods=30) to 1e-12 relative (each pair over its own periods)', () => {
    expectClose(corr.correlation.toArray(), data.corrPairwise.matrix, { rtol: 1e-12, label: 'corr' });
  });
  it('pair counts and the smallest exactly; observations = rows; labels from the table', () => {
    expect(cov.pairCounts!.toArray()).toEqual(data.covPairwise.counts);
    expect(corr.pairCounts!.toArray()).toEqual(data.covPairwise.counts);
    expect(cov.minPairCount).toBe(data.covPairwise.minPairCount);
    expect(corr.minPairCount).toBe(data.covPairwise.minPairCount);
    expect(cov.observations).toBe(data.simpleReturns.dates.length);
    expect(cov.assets).toEqual(data.simpleReturns.assets);
    expect(cov.labelled!.FFF!.HHH).toBe(cov.covariance.get(5, 7));
    expect(corr.labelled!.HHH!.AAA).toBe(corr.correlation.get(7, 0));
  });
  it('means are pandas mean() (each column over its own periods); volatilities the square roots of the diagonal', () => {
    expectClose(cov.means, data.meanReturns.values, { rtol: 1e-13, label: 'means' });
    expectClose(
      corr.volatilities,
      data.covPairwise.matrix.map((r, i) => Math.sqrt(r[i]!)),
      { rtol: 1e-13, label: 'volatilities' },
    );
  });
  it('this pairwise matrix happens to be positive semidefinite, and says so', () => {
    expect(cov.psd).toBe(true);
    expect(cov.minEigenvalue).toBeUndefined();
    expect(corr.psd).toBe(true);
  });
  it("missing: 'drop' = pandas dropna(how='any').cov(), observations = rows kept", () => {
    const d = sampleCovariance(returns, { missing: 'drop' });
    expectClose(d.covariance.toArray(), data.covComplete.matrix, { rtol: 1e-12, label: 'drop' });
    expect(d.observations).toBe(data.covComplete.rowsKept);
    expect(d.pairCounts).toBeUndefined();
  });
  it('the default minPeriods (2) gives the same matrix here (every pair has 219 or more periods)', () => {
    expect(sampleCovariance(returns, { missing: 'pairwise' }).covariance.toArray()).toEqual(cov.covariance.toArray());
  });
});

describe('pairwise matrices that are not positive semidefinite (pandas + numpy)', () => {
  const c = pw.notPsd;
  const t = table(c.table);
  const opts = { missing: 'pairwise' as const, minPeriods: c.minPeriods };

  it('cov and corr equal pandas; counts exact', () => {
    const cov = sampleCovariance(t, opts);
    const corr = sampleCorrelation(t, opts);
    expectClose(cov.covariance.toArray(), c.cov, { rtol: 1e-12, label: 'cov' });
    expectClose(corr.correlation.toArray(), c.corr, { rtol: 1e-12, label: 'corr' });
    expect(cov.pairCounts!.toArray()).toEqual(c.counts);
    expect(cov.minPairCount).toBe(c.minPairCount);
  });
  it('psd: false with the smallest eigenvalue of numpy.linalg.eigvalsh, and the matrix left as it is', () => {
    const cov = sampleCovariance(t, opts);
    const corr = sampleCorrelation(t, opts);
    expect(cov.psd).toBe(false);
    expect(Math.abs(cov.minEigenvalue! - c.covMinEigenvalue)).toBeLessThanOrEqual(1e-12 * Math.max(...c.cov.map((r, i) => r[i]!)) * 6);
    expect(corr.psd).toBe(false);
    expect(Math.abs(corr.minEigenvalue! - c.corrMinEigenvalue)).toBeLessThanOrEqual(1e-12 * 6);
  });
  it("the repair a user applies: nearestPositiveDefinite of the pairwise covariance is numpy's eigenvalue clip at 1e-8 · trace / n", () => {
    const r = nearestPositiveDefinite(sampleCovariance(t, opts).covariance);
    const scale = Math.max(...c.cov.map((row, i) => row[i]!));
    expectClose(r.covariance.toArray(), c.covRepaired.matrix, { rtol: 0, atol: 1e-12 * scale, label: 'repaired' });
    expect(Math.abs(r.distance - c.covRepaired.distance)).toBeLessThanOrEqual(1e-10 * c.covRepaired.distance);
  });
  it('the repair a user applies: nearestCorrelation of the pairwise correlation has a unit diagonal and is PSD', () => {
    const r = nearestCorrelation(sampleCorrelation(t, opts).correlation);
    r.correlation.toArray().forEach((row, i) => expect(row[i]).toBe(1));
    expect(symmetricEigen(r.correlation).values[0]!).toBeGreaterThanOrEqual(-1e-12);
  });
  it('an unknown repair option is refused (the estimators never repair)', () => {
    expect(() => sampleCovariance(t, { ...opts, repair: 'nearest' } as never)).toThrow(/unknown option `repair`/);
  });
  it('pairwise semicovariance = the loop definition (1/N_ij) Σ d_i d_j over common periods', () => {
    const s = semicovariance(t, opts);
    expectClose(s.covariance.toArray(), c.semicovariance, { rtol: 1e-12, label: 'semicov' });
    expect(s.pairCounts!.toArray()).toEqual(c.counts);
    expect(typeof s.psd).toBe('boolean');
  });
});

describe('interior gaps, a mostly-missing column and a level shift (the exact two-pass fallback)', () => {
  const c = pw.interior;
  const t = table(c.table);
  const opts = { missing: 'pairwise' as const, minPeriods: c.minPeriods };
  it('cov, corr and semicovariance equal the references; counts exact', () => {
    const cov = sampleCovariance(t, opts);
    expectClose(cov.covariance.toArray(), c.cov, { rtol: 1e-12, label: 'cov' });
    expectClose(cov.means, c.means, { rtol: 1e-12, label: 'means' });
    expect(cov.pairCounts!.toArray()).toEqual(c.counts);
    expectClose(sampleCorrelation(t, opts).correlation.toArray(), c.corr, { rtol: 1e-12, label: 'corr' });
    expectClose(semicovariance(t, opts).covariance.toArray(), c.semicovariance, { rtol: 1e-12, label: 'semicov' });
  });
});

describe('pairwise semicovariance on the price file (explicit loops in numpy)', () => {
  it('benchmark 0 and a constant benchmark', () => {
    const s = semicovariance(returns, { missing: 'pairwise' });
    expectClose(s.covariance.toArray(), pw.gapsFile.semicovariance, { rtol: 1e-12, label: 'semicov' });
    expect(s.pairCounts!.toArray()).toEqual(pw.gapsFile.counts);
    const b = semicovariance(returns, { missing: 'pairwise', benchmark: pw.gapsFile.benchmark });
    expectClose(b.covariance.toArray(), pw.gapsFile.semicovarianceBenchmark, { rtol: 1e-12, label: 'semicov b' });
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

/** T x n returns (integers / 1e4 plus a ripple), T in [3, 40], n in [1, 7]. */
const rowsArb = fc
  .record({ T: fc.integer({ min: 3, max: 40 }), n: fc.integer({ min: 1, max: 7 }) })
  .chain(({ T, n }) => fc.array(fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: n, maxLength: n }), { minLength: T, maxLength: T }))
  .map((rows) => rows.map((r, t) => r.map((v, i) => v / 1e4 + 1e-4 * ((t * 7 + i * 3) % 5))));

const nonConstant = (rows: number[][]): boolean => rows[0]!.every((_, j) => rows.some((r) => r[j] !== rows[0]![j]));

/** Direct definition, for the properties: two-pass moments of columns i, j over their common rows. */
function pairMoments(rows: (number | null)[][], i: number, j: number): { n: number; cov: number; vi: number; vj: number } {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const r of rows) {
    if (r[i] !== null && r[j] !== null) {
      xs.push(r[i] as number);
      ys.push(r[j] as number);
    }
  }
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let c = 0;
  let a = 0;
  let b = 0;
  xs.forEach((x, k) => {
    c += (x - mx) * (ys[k]! - my);
    a += (x - mx) ** 2;
    b += (ys[k]! - my) ** 2;
  });
  return { n: xs.length, cov: c / (xs.length - 1), vi: a / (xs.length - 1), vj: b / (xs.length - 1) };
}

describe('properties (fast-check, seed 7)', () => {
  it('without missing values, pairwise = the sample covariance bit for bit, and the pairwise correlation = correlationFromCovariance of it bit for bit', () => {
    // Bitwise, not just close: the same compensated column means, the same centred values, the
    // same Gram kernel (every entry summed over t in order) and the same scale 1/(T − ddof); a
    // pair of complete columns skips the overlap correction S_ij S_ji / N_ij, the only extra term.
    fc.assert(
      fc.property(rowsArb, fc.integer({ min: 0, max: 2 }), (rows, ddof) => {
        fc.pre(nonConstant(rows));
        const s = sampleCovariance(rows, { ddof });
        const p = sampleCovariance(rows, { ddof, missing: 'pairwise' });
        expect(Array.from(p.covariance.data)).toEqual(Array.from(s.covariance.data));
        expect(p.means).toEqual(s.means);
        const r = sampleCorrelation(rows, { missing: 'pairwise' });
        const fromCov = correlationFromCovariance(sampleCovariance(rows).covariance).correlation;
        expect(Array.from(r.correlation.data)).toEqual(Array.from(fromCov.data));
        expect(Array.from(sampleCorrelation(rows).correlation.data)).toEqual(Array.from(fromCov.data));
        const semi = semicovariance(rows, { missing: 'pairwise' });
        expect(Array.from(semi.covariance.data)).toEqual(Array.from(semicovariance(rows).covariance.data));
      }),
      { seed: 7, numRuns: 150 },
    );
  });

  it('with leading and interior gaps, every entry equals the direct two-pass definition over its common rows', () => {
    const gapsArb = rowsArb.chain((rows) =>
      fc.tuple(
        fc.constant(rows),
        fc.array(fc.integer({ min: 0, max: rows.length }), { minLength: rows[0]!.length, maxLength: rows[0]!.length }),
        fc.array(fc.tuple(fc.nat(rows.length - 1), fc.nat(rows[0]!.length - 1)), { maxLength: rows.length }),
      ),
    );
    fc.assert(
      fc.property(gapsArb, ([rows, starts, holes]) => {
        const g: (number | null)[][] = rows.map((r, t) => r.map((v, j) => (t < starts[j]! ? null : v)));
        for (const [t, j] of holes) g[t]![j] = null;
        const n = rows[0]!.length;
        let ok = true;
        for (let i = 0; i < n && ok; i++) {
          for (let j = i; j < n; j++) {
            const m = pairMoments(g, i, j);
            if (m.n < 3 || !(m.vi > 0) || !(m.vj > 0)) ok = false;
          }
        }
        fc.pre(ok);
        const frozen = deepFreeze(g.map((r) => r.slice()));
        const cov = sampleCovariance(frozen as number[][], { missing: 'pairwise', minPeriods: 3 });
        const corr = sampleCorrelation(frozen as number[][], { missing: 'pairwise', minPeriods: 3 });
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            const m = pairMoments(g, i, j);
            const scale = Math.sqrt(m.vi * m.vj);
            expect(cov.pairCounts!.get(i, j)).toBe(m.n);
            expect(Math.abs(cov.covariance.get(i, j) - m.cov)).toBeLessThanOrEqual(1e-12 * scale);
            expect(Math.abs(corr.correlation.get(i, j) - m.cov / scale)).toBeLessThanOrEqual(1e-12);
          }
        }
        expect(frozen).toEqual(g);
      }),
      { seed: 7, numRuns: 200 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Errors

describe('typed errors', () => {
  it("missing: 'error' (the default) names the asset and the date of a table's first missing value", () => {
    for (const f of [
      () => sampleCovariance(returns),
      () => sampleCorrelation(returns),
      () => ledoitWolf(returns),
      () => oracleApproximatingShrinkage(returns),
      () => shrunkCovariance(returns),
      () => ewmaCovariance(returns),
      () => semicovariance(returns),
    ]) {
      expectTypedError(f, InvalidArgumentError, /FFF on 2019-01-03 \(row 0\)/);
    }
  });
  it('a pair below minPeriods is an InsufficientDataError naming the pair (the one with the fewest common periods)', () => {
    // HHH lists last (219 periods); CCC has two gaps after that: the pair meets on 217 periods,
    // the fewest of any pair (pandas' counts in the fixture)
    expectTypedError(
      () => sampleCovariance(returns, { missing: 'pairwise', minPeriods: 218 }),
      InsufficientDataError,
      /assets "CCC" and "HHH" have only 217 periods in common.*`minPeriods` \(218\)/,
    );
    expectTypedError(() => sampleCorrelation(returns, { missing: 'pairwise', minPeriods: 219 }), InsufficientDataError, /"CCC" and "HHH".*\(219\)/);
    // an asset with fewer values of its own than minPeriods is named alone (every pair with it is short too)
    expectTypedError(
      () => sampleCovariance(returns, { missing: 'pairwise', minPeriods: 220 }),
      InsufficientDataError,
      /asset "HHH" has only 219 observations.*\(8 pairs in all are below it\)/,
    );
    expectTypedError(() => semicovariance(returns, { missing: 'pairwise', minPeriods: 1000 }), InsufficientDataError, /semicovariance: asset "HHH"/);
    // a matrix names columns; an asset with too few values of its own is named alone
    expectTypedError(
      () =>
        sampleCovariance(
          [
            [0.01, null],
            [0.02, null],
            [0.03, 0.01],
          ],
          { missing: 'pairwise' },
        ),
      InsufficientDataError,
      /column 1 has only 1 observations, below `minPeriods` \(2\)/,
    );
  });
  it('a correlation over a constant overlap is refused, naming the pair', () => {
    const r = [
      [0.01, 0.01],
      [0.02, 0.01],
      [0.03, 0.01],
      [0.05, 0.01],
      [null, 0.05],
    ];
    expectTypedError(
      () => sampleCorrelation(r, { missing: 'pairwise', assets: ['A', 'B'] }),
      InvalidArgumentError,
      /"A" and "B": one of them is constant over their 4 common periods/,
    );
    expect(sampleCovariance(r, { missing: 'pairwise' }).covariance.get(0, 1)).toBeCloseTo(0, 15); // a covariance of 0 is defined
  });
  it('EWMA and the shrinkage estimators refuse pairwise, saying why', () => {
    expectTypedError(
      () => ewmaCovariance(returns, { missing: 'pairwise' as never }),
      InvalidArgumentError,
      /ewmaCovariance: `missing: 'pairwise'` is not available: the weights/,
    );
    expectTypedError(
      () => ledoitWolf(returns, { missing: 'pairwise' as never }),
      InvalidArgumentError,
      /ledoitWolf: `missing: 'pairwise'` is not available: the shrinkage intensity/,
    );
  });
  it('minPeriods only with pairwise; an integer ≥ 2 and > ddof', () => {
    expectTypedError(() => sampleCovariance(returns, { minPeriods: 5 }), InvalidArgumentError, /`minPeriods` applies only to `missing: 'pairwise'`/);
    expectTypedError(() => sampleCovariance(returns, { missing: 'pairwise', minPeriods: 1 }), InvalidArgumentError, /`minPeriods` must be an integer ≥ 2/);
    expectTypedError(
      () => sampleCovariance(returns, { missing: 'pairwise', ddof: 3, minPeriods: 3 }),
      InvalidArgumentError,
      /`minPeriods` must be an integer ≥ 4/,
    );
    expectTypedError(
      () => sampleCovariance(returns, { missing: 'rows' as never }),
      InvalidArgumentError,
      /`missing` must be one of 'error', 'drop', 'pairwise'/,
    );
  });
});
