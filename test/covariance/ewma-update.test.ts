/**
 * The daily RiskMetrics update of `ewmaCovariance` (option `prior`): Σ_t = λ Σ_{t−1} + (1 − λ) r_t r_tᵀ.
 * References: scripts/fixtures/covariance/ewma_update.py (numpy recursion from a prior; pandas
 * `ewm(adjust=False)` for the batch). Property: updating the batch estimate of the first k rows
 * with the remaining rows equals the batch estimate of all rows (the recursive form, not demeaned).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ewmaCovariance } from '../../src/covariance/index.ts';
import { DimensionError, InsufficientDataError, InvalidArgumentError } from '../../src/core/index.ts';
import { loadFixture } from '../helpers.ts';

interface UpdateCase {
  name: string;
  kind: 'update';
  lambda: number;
  prior: number[][];
  rows: number[][];
  steps: number[][][];
}
interface BatchCase {
  name: string;
  kind: 'batch';
  lambda: number;
  rows: number[][];
  covariance: number[][];
}
const { cases } = loadFixture<{ cases: Array<UpdateCase | BatchCase> }>('covariance/ewma-update.json');

function close(a: number[][], e: number[][], rtol: number): void {
  const scale = Math.max(...e.flat().map(Math.abs));
  a.forEach((row, i) => row.forEach((v, j) => expect(Math.abs(v - e[i]![j]!)).toBeLessThanOrEqual(rtol * scale)));
}

describe('ewmaCovariance with `prior` (numpy reference)', () => {
  for (const c of cases.filter((x): x is UpdateCase => x.kind === 'update')) {
    it(`${c.name}: one row at a time and all rows at once`, () => {
      let prior: number[][] = c.prior;
      c.rows.forEach((row, t) => {
        const r = ewmaCovariance([row], { prior, lambda: c.lambda });
        close(r.covariance.toArray(), c.steps[t]!, 1e-14);
        prior = r.covariance.toArray();
      });
      const all = ewmaCovariance(c.rows, { prior: c.prior, lambda: c.lambda });
      close(all.covariance.toArray(), c.steps[c.steps.length - 1]!, 1e-14);
      expect(all.observations).toBe(c.rows.length);
    });
  }
  it('batch (pandas ewm adjust=False) = batch of the first k rows updated with the rest', () => {
    const c = cases.find((x): x is BatchCase => x.kind === 'batch')!;
    close(ewmaCovariance(c.rows, { lambda: c.lambda }).covariance.toArray(), c.covariance, 1e-13);
    for (const k of [2, 5, 11]) {
      const head = ewmaCovariance(c.rows.slice(0, k), { lambda: c.lambda });
      const upd = ewmaCovariance(c.rows.slice(k), { prior: head });
      close(upd.covariance.toArray(), c.covariance, 1e-13);
    }
  });
});

describe('ewmaCovariance update = batch (property, fixed seed)', () => {
  it('matrix, observations and effective observations chain from a prior result', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 3, max: 25 }),
        fc.double({ min: 0.5, max: 0.99, noNaN: true }),
        fc.integer({ min: 0, max: 1e6 }),
        (n, T, lambda, seed) => {
          // deterministic pseudo-random returns in [−0.05, 0.05]
          let s = seed;
          const rows = Array.from({ length: T }, () =>
            Array.from({ length: n }, () => {
              s = (s * 1103515245 + 12345) % 2147483648;
              return (s / 2147483648 - 0.5) / 10;
            }),
          );
          const k = 2 + (seed % (T - 2));
          const batch = ewmaCovariance(rows, { lambda });
          const head = ewmaCovariance(rows.slice(0, k), { lambda });
          let chained = head;
          for (let t = k; t < T; t++) chained = ewmaCovariance([rows[t]!], { prior: chained });
          close(chained.covariance.toArray(), batch.covariance.toArray(), 1e-12);
          expect(chained.observations).toBe(T);
          expect(chained.effectiveObservations).toBeCloseTo(batch.effectiveObservations, 9);
          expect(chained.lambda).toBe(lambda);
          // exactly symmetric
          const m = chained.covariance.toArray();
          m.forEach((row, i) => row.forEach((v, j) => expect(v).toBe(m[j]![i]!)));
        },
      ),
      { seed: 15, numRuns: 150 },
    );
  });
});

describe('ewmaCovariance with `prior`: shapes, labels and refusals', () => {
  const prior = [
    [0.0004, 0.0001],
    [0.0001, 0.0009],
  ];
  it('hand-computed single update; a plain-matrix prior counts as a long history', () => {
    const r = ewmaCovariance([[0.01, -0.02]], { prior, lambda: 0.9 });
    // 0.9 · Σ + 0.1 · r rᵀ
    close(
      r.covariance.toArray(),
      [
        [0.9 * 0.0004 + 0.1 * 0.0001, 0.9 * 0.0001 + 0.1 * -0.0002],
        [0.9 * 0.0001 + 0.1 * -0.0002, 0.9 * 0.0009 + 0.1 * 0.0004],
      ],
      1e-15,
    );
    expect(r.observations).toBe(1);
    // Σw² = λ² (1 − λ)/(1 + λ) + (1 − λ)² = (1 − λ)/(1 + λ): the infinite window, (1 + λ)/(1 − λ) = 19
    expect(r.effectiveObservations).toBeCloseTo(19, 10);
    expect(r.form).toBe('recursive');
    expect(r.demeaned).toBe(false);
  });
  it('labels: from a table, from the prior result, and a mismatch throws', () => {
    const t = {
      kind: 'returns',
      dates: ['2024-01-02', '2024-01-03'],
      assets: ['A', 'B'],
      values: [
        [0.01, 0.02],
        [-0.01, 0.0],
      ],
    } as const;
    const head = ewmaCovariance(t);
    const next = ewmaCovariance([[0.01, 0.01]], { prior: head });
    expect(next.assets).toEqual(['A', 'B']);
    expect(next.labelled?.A?.B).toBe(next.covariance.get(0, 1));
    expect(() => ewmaCovariance([[0.01, 0.01]], { prior: head, assets: ['B', 'A'] })).toThrow(DimensionError);
  });
  it('refusals', () => {
    expect(() => ewmaCovariance([[0.01, 0.01]], { prior, form: 'normalized' })).toThrow(/normalized/);
    expect(() => ewmaCovariance([[0.01, 0.01]], { prior, demean: true })).toThrow(InvalidArgumentError);
    expect(() => ewmaCovariance([[0.01, 0.01, 0.01]], { prior })).toThrow(DimensionError);
    expect(() =>
      ewmaCovariance([[0.01, 0.01]], {
        prior: [
          [1, 0.5],
          [0.4, 1],
        ],
      }),
    ).toThrow(/symmetric/);
    expect(() => ewmaCovariance([], { prior })).toThrow();
    expect(() => ewmaCovariance([[NaN, 0.01]], { prior, missing: 'drop' })).toThrow(InsufficientDataError);
    const head = ewmaCovariance(
      [
        [0.01, 0.02],
        [0.0, 0.01],
      ],
      { lambda: 0.9 },
    );
    expect(() => ewmaCovariance([[0.01, 0.01]], { prior: head, lambda: 0.94 })).toThrow(/differs from the prior result/);
    expect(ewmaCovariance([[0.01, 0.01]], { prior: head, lambda: 0.9 }).lambda).toBe(0.9);
    // without a prior a single row is still too little
    expect(() => ewmaCovariance([[0.01, 0.01]])).toThrow(InsufficientDataError);
  });
});
