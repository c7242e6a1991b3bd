/**
 * Stress testing: historical replay, hypothetical (conditional-expectation) and reverse stress
 * against numpy references (scripts/fixtures/risk/risk.py), and the liquidation schedule against
 * hand-computed square-root-law figures.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { historicalStress, hypotheticalStress, liquidationSchedule, reverseStress } from '../../src/risk/index.ts';
import { DimensionError, InvalidArgumentError, NotPositiveDefiniteError } from '../../src/core/errors.ts';
import { deepFreeze, expectClose, loadFixture } from '../helpers.ts';

const fx = loadFixture('risk/risk.json');
const R6: number[][] = fx.synthetic.returns.map((r: number[]) => r.slice(0, 6));
const sumOf = (a: number[]) => a.reduce((s, v) => s + v, 0);

describe('historicalStress', () => {
  const e = fx.historicalStress;
  const w: number[] = fx.hypothetical.weights;
  it('buy-and-hold loss, worst day, peak-to-trough and contributions match numpy', () => {
    const r = historicalStress(w, R6, { windows: [{ name: 'w', start: e.start, end: e.end }] }).windows[0]!;
    expectClose(r.loss, e.loss, { rtol: 1e-12 });
    expectClose(r.worstDay.loss, e.worstDay, { rtol: 1e-12 });
    expect(r.worstDay.index).toBe(e.worstDayIndex);
    expectClose(r.peakToTrough.drawdown, e.peakToTrough, { rtol: 1e-12 });
    expectClose(r.contributions, e.contributions, { rtol: 1e-11, atol: 1e-16 });
    expectClose(sumOf(r.contributions), r.loss, { rtol: 1e-12 });
  });
  it('windows by ISO date resolve to the first row on/after start and the last on/before end', () => {
    const dates = R6.map((_, t) => new Date(Date.UTC(2020, 0, 1 + t)).toISOString().slice(0, 10));
    const byIndex = historicalStress(w, R6, { windows: [{ name: 'a', start: e.start, end: e.end }] }).windows[0]!;
    const byDate = historicalStress(w, R6, {
      dates,
      assets: ['a', 'b', 'c', 'd', 'e', 'f'],
      windows: [{ name: 'a', start: dates[e.start]!, end: dates[e.end]! }],
    }).windows[0]!;
    expect(byDate.loss).toBe(byIndex.loss);
    expect(byDate.startDate).toBe(dates[e.start]);
    expect(byDate.worstDay.date).toBe(dates[e.worstDayIndex]);
    expect(Object.keys(byDate.byAsset!)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });
  it('reports the worst window by name', () => {
    const r = historicalStress([1], [[0.1], [-0.3], [0.05]], {
      windows: [
        { name: 'up', start: 0, end: 0 },
        { name: 'down', start: 1, end: 2 },
      ],
    });
    expect(r.worst).toBe('down');
    expectClose(r.windows[1]!.loss, 1 - 0.7 * 1.05, { rtol: 1e-14 });
  });
  it('contributions always sum to the loss (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 6, maxLength: 6 }),
        fc.integer({ min: 0, max: 900 }),
        fc.integer({ min: 0, max: 99 }),
        (w, s, len) => {
          const r = historicalStress(w, R6, { windows: [{ name: 'x', start: s, end: s + len }] }).windows[0]!;
          expect(Math.abs(sumOf(r.contributions) - r.loss)).toBeLessThanOrEqual(1e-13);
          expect(r.peakToTrough.drawdown).toBeGreaterThanOrEqual(0);
        },
      ),
      { seed: 42, numRuns: 100 },
    );
  });
});

describe('hypotheticalStress', () => {
  const h = fx.hypothetical;
  it('unshocked assets move by Σ_us Σ_ss⁻¹ s (numpy.linalg.solve)', () => {
    const shocks: Array<number | null> = [null, -0.1, null, null, -0.05, null];
    const r = hypotheticalStress(h.weights, shocks, { cov: h.cov });
    expectClose(r.scenario, h.scenario, { rtol: 1e-12, atol: 1e-17 });
    expectClose(r.loss, h.loss, { rtol: 1e-12 });
    expect(r.shocked).toEqual(h.shocked);
    expect(r.implied).toBe(true);
    expectClose(sumOf(r.contributions), r.loss, { rtol: 1e-12 });
  });
  it('named shocks with assets; without cov the rest stay at 0', () => {
    const assets = ['A', 'B', 'C', 'D', 'E', 'F'];
    const r = hypotheticalStress(h.weights, { B: -0.1, E: -0.05 }, { assets });
    expect(r.scenario).toEqual([0, -0.1, 0, 0, -0.05, 0]);
    expect(r.implied).toBe(false);
    expect(r.byAsset!.B!.return).toBe(-0.1);
  });
  it('does not mutate inputs', () => {
    hypotheticalStress(deepFreeze([...h.weights]), deepFreeze([null, -0.1, null, null, -0.05, null]), { cov: deepFreeze(h.cov.map((r: number[]) => [...r])) });
  });
});

describe('reverseStress', () => {
  const rv = fx.reverse;
  const h = fx.hypothetical;
  it('r* = −loss Σw / wᵀΣw and its Mahalanobis distance match numpy', () => {
    const r = reverseStress(h.weights, h.cov, { loss: rv.loss });
    expectClose(r.scenario, rv.scenario, { rtol: 1e-12 });
    expectClose(r.mahalanobisDistance, rv.mahalanobis, { rtol: 1e-10 });
    expectClose(sumOf(r.contributions), rv.loss, { rtol: 1e-12 });
  });
  it('is the closest scenario with that loss: any other scenario with the same loss is farther (property)', () => {
    const S: number[][] = h.cov;
    const n = 6;
    const r = reverseStress(h.weights, S, { loss: 0.05 });
    // distance² via solving S x = v with a small Gaussian elimination
    const maha = (v: number[]): number => {
      const A = S.map((row, i) => [...row, v[i]!]);
      for (let k = 0; k < n; k++)
        for (let i = k + 1; i < n; i++) {
          const f = A[i]![k]! / A[k]![k]!;
          for (let j = k; j <= n; j++) A[i]![j]! -= f * A[k]![j]!;
        }
      const x = new Array(n).fill(0);
      for (let i = n - 1; i >= 0; i--) {
        let s = A[i]![n]!;
        for (let j = i + 1; j < n; j++) s -= A[i]![j]! * x[j];
        x[i] = s / A[i]![i]!;
      }
      return v.reduce((s, vi, i) => s + vi * x[i], 0);
    };
    const d0 = maha(r.scenario);
    expectClose(Math.sqrt(d0), r.mahalanobisDistance, { rtol: 1e-9 });
    fc.assert(
      fc.property(fc.array(fc.double({ min: -0.05, max: 0.05, noNaN: true }), { minLength: 6, maxLength: 6 }), (delta) => {
        // project delta onto {wᵀδ = 0} so the loss is unchanged
        const w: number[] = h.weights;
        const k = delta.reduce((s, d, i) => s + d * w[i]!, 0) / w.reduce((s, x) => s + x * x, 0);
        const v = r.scenario.map((x, i) => x + delta[i]! - k * w[i]!);
        expect(maha(v)).toBeGreaterThanOrEqual(d0 * (1 - 1e-9));
      }),
      { seed: 42, numRuns: 200 },
    );
  });
  it('with mu the scenario still produces exactly the loss', () => {
    const mu = [0.001, 0.002, 0, -0.001, 0.0005, 0.001];
    const r = reverseStress(h.weights, h.cov, { loss: 0.03, mu });
    const ret = r.scenario.reduce((s, x, i) => s + x * h.weights[i], 0);
    expectClose(ret, -0.03, { rtol: 1e-12 });
  });
});

describe('liquidationSchedule', () => {
  it('days, schedule and square-root-law costs (hand computed)', () => {
    const r = liquidationSchedule([1_000_000, -250_000], {
      averageDailyVolume: [2_000_000, 100_000],
      participation: 0.2,
      stressFactor: 0.5,
      volatility: [0.02, 0.03],
      assets: ['A', 'B'],
    });
    // caps: 0.2 × 0.5 × 2e6 = 200,000 / day; 0.2 × 0.5 × 1e5 = 10,000 / day
    expect(r.days).toBe(25);
    expect(r.positions.map((p) => p.days)).toEqual([5, 25]);
    expect(r.schedule![0]).toEqual([200_000, -10_000]);
    expect(r.schedule![5]).toEqual([0, -10_000]);
    // cost A: 5 days × 200,000 × 0.02 × √(200,000 / 1,000,000); B: 25 × 10,000 × 0.03 × √(10,000 / 50,000)
    expectClose(r.positions[0]!.cost!, 5 * 200_000 * 0.02 * Math.sqrt(0.2), { rtol: 1e-14 });
    expectClose(r.positions[1]!.cost!, 25 * 10_000 * 0.03 * Math.sqrt(0.2), { rtol: 1e-14 });
    expectClose(r.liquidatedFraction[4]!, (1_000_000 + 50_000) / 1_250_000, { rtol: 1e-14 });
    expect(r.liquidatedFraction.at(-1)).toBe(1);
    expect(r.byAsset!.B!.days).toBe(25);
  });
  it('a partial last day and prices', () => {
    const r = liquidationSchedule([2500], { averageDailyVolume: [10_000], participation: 0.1, prices: [40], volatility: [0.01] });
    expect(r.days).toBe(3);
    expect(r.positions[0]!.fractionalDays).toBe(2.5);
    expect(r.schedule).toEqual([[1000], [1000], [500]]);
    expectClose(r.totalCost!, 2 * 1000 * 40 * 0.01 * Math.sqrt(0.1) + 500 * 40 * 0.01 * Math.sqrt(0.05), { rtol: 1e-14 });
  });
});

describe('typed errors', () => {
  const cov = [
    [0.04, 0.01],
    [0.01, 0.01],
  ];
  const cases: Array<[string, () => unknown, new (...a: any[]) => Error, RegExp]> = [
    [
      'window outside the data',
      () => historicalStress([1], [[0.1], [0.2]], { windows: [{ name: 'x', start: 0, end: 5 }] }),
      InvalidArgumentError,
      /windows\.end/,
    ],
    // pairwise correlations within [−1, 1] yet indefinite (eigenvalue −0.8): a pivoted Cholesky finds it
    [
      'indefinite cov (reverseStress)',
      () =>
        reverseStress(
          [0.4, 0.3, 0.3],
          [
            [1, 0.9, 0.9],
            [0.9, 1, -0.9],
            [0.9, -0.9, 1],
          ],
          { loss: 0.1 },
        ),
      NotPositiveDefiniteError,
      /`cov` must be positive semidefinite/,
    ],
    [
      'indefinite cov (hypotheticalStress)',
      () =>
        hypotheticalStress([0.4, 0.3, 0.3], [-0.1, null, null], {
          cov: [
            [1, 0.9, 0.9],
            [0.9, 1, -0.9],
            [0.9, -0.9, 1],
          ],
        }),
      NotPositiveDefiniteError,
      /`cov` must be positive semidefinite/,
    ],
    ['empty window', () => historicalStress([1], [[0.1], [0.2]], { windows: [{ name: 'x', start: 1, end: 0 }] }), InvalidArgumentError, /empty/],
    [
      'dates out of order',
      () => historicalStress([1], [[0.1], [0.2]], { dates: ['2020-01-02', '2020-01-01'], windows: [{ name: 'x', start: 0, end: 1 }] }),
      InvalidArgumentError,
      /`dates`/,
    ],
    [
      'date window without dates',
      () => historicalStress([1], [[0.1], [0.2]], { windows: [{ name: 'x', start: '2020-01-01', end: '2020-02-01' }] }),
      InvalidArgumentError,
      /`dates`/,
    ],
    ['stress weights mismatch', () => historicalStress([1, 2], [[0.1], [0.2]], { windows: [{ name: 'x', start: 0, end: 1 }] }), DimensionError, /`weights`/],
    ['no shock', () => hypotheticalStress([0.5, 0.5], [null, null]), InvalidArgumentError, /`shocks`/],
    ['unknown shocked name', () => hypotheticalStress([0.5, 0.5], { Z: -0.1 }, { assets: ['A', 'B'] }), InvalidArgumentError, /unknown asset/],
    [
      'singular shocked block',
      () =>
        hypotheticalStress([0.5, 0.5], [-0.1, -0.1], {
          cov: [
            [0.04, 0.02],
            [0.02, 0.01],
          ],
        }),
      NotPositiveDefiniteError,
      /hypotheticalStress/,
    ],
    ['reverse without loss', () => reverseStress([0.5, 0.5], cov, {} as never), InvalidArgumentError, /`loss`/],
    ['reverse riskless', () => reverseStress([0, 0], cov, { loss: 0.1 }), InvalidArgumentError, /variance/],
    ['liquidation ADV', () => liquidationSchedule([1], { averageDailyVolume: [0] }), InvalidArgumentError, /`averageDailyVolume`/],
    ['participation > 1', () => liquidationSchedule([1], { averageDailyVolume: [10], participation: 2 }), InvalidArgumentError, /`participation`/],
    ['too many days', () => liquidationSchedule([1e9], { averageDailyVolume: [10] }), InvalidArgumentError, /`maxDays`/],
    // labelled records are built from `assets`: a duplicate would silently drop an entry
    ['reverse duplicate labels', () => reverseStress([0.5, 0.5], cov, { loss: 0.1, assets: ['A', 'A'] }), InvalidArgumentError, /`assets`.*unique/],
    ['hypothetical duplicate labels', () => hypotheticalStress([0.5, 0.5], [-0.1, null], { assets: ['A', 'A'] }), InvalidArgumentError, /`assets`.*unique/],
    [
      'historical duplicate labels',
      () =>
        historicalStress(
          [0.5, 0.5],
          [
            [0.1, 0.2],
            [0.2, 0.1],
          ],
          { windows: [{ name: 'x', start: 0, end: 1 }], assets: ['A', 'A'] },
        ),
      InvalidArgumentError,
      /`assets`.*unique/,
    ],
    [
      'liquidation duplicate labels',
      () => liquidationSchedule([1, 1], { averageDailyVolume: [10, 10], assets: ['A', 'A'] }),
      InvalidArgumentError,
      /`assets`.*unique/,
    ],
    ['labels as a string', () => liquidationSchedule([1, 1], { averageDailyVolume: [10, 10], assets: 'AB' as never }), InvalidArgumentError, /`assets`/],
    // finite but huge inputs overflowed to Infinity (null in JSON) or, in reverseStress, to a zero "scenario" that does not produce the loss
    [
      'historical overflow',
      () =>
        historicalStress(
          [1e200, 1e200],
          [
            [1e200, 1e200],
            [-1, 1],
          ],
          { windows: [{ name: 'x', start: 0, end: 1 }] },
        ),
      InvalidArgumentError,
      /overflowed/,
    ],
    ['hypothetical overflow', () => hypotheticalStress([1e200, 1], [1e200, null]), InvalidArgumentError, /overflowed/],
    [
      'reverse overflow',
      () =>
        reverseStress(
          [1e200, 1],
          [
            [1, 0],
            [0, 1],
          ],
          { loss: 0.1 },
        ),
      InvalidArgumentError,
      /overflowed/,
    ],
    ['labels not strings', () => reverseStress([0.5, 0.5], cov, { loss: 0.1, assets: [1, 2] as never }), InvalidArgumentError, /`assets`/],
  ];
  for (const [label, f, cls, msg] of cases) {
    it(label, () => {
      expect(f).toThrow(cls);
      expect(f).toThrow(msg);
    });
  }
});

describe('hypotheticalStress with a factor column', () => {
  it('a shock to a zero-weight factor moves the assets by β × shock (one-factor model)', () => {
    // r_i = β_i f + ε_i, var f = 0.04, var ε = 0.01: cov(r_i, f) = 0.04 β_i
    const beta = [1.2, 0.8];
    const vf = 0.04;
    const cov = [
      [beta[0]! * beta[0]! * vf + 0.01, beta[0]! * beta[1]! * vf, beta[0]! * vf],
      [beta[0]! * beta[1]! * vf, beta[1]! * beta[1]! * vf + 0.01, beta[1]! * vf],
      [beta[0]! * vf, beta[1]! * vf, vf],
    ];
    const r = hypotheticalStress([0.5, 0.5, 0], [null, null, -0.1], { cov });
    expectClose(r.scenario, [-0.12, -0.08, -0.1], { rtol: 1e-13 });
    expectClose(r.loss, 0.1, { rtol: 1e-13 });
  });
});
