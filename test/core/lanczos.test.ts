/**
 * The Lanczos path for the k largest eigenpairs (src/core/lanczos.ts), used by
 * statisticalFactorModel when n ≥ 200 and k ≤ min(n / 10, 64), against numpy.linalg.eigh of
 * numpy.cov. Fixture: scripts/fixtures/core/top_eigen.py (the returns are rebuilt here from the
 * same LCG, bit for bit; see the generator's docstring).
 */
import { describe, expect, it } from 'vitest';
import { topEigenpairs } from '../../src/core/lanczos.ts';
import { eigenKernel } from '../../src/core/symmetric-eigen.ts';
import { nearestCorrelation, statisticalFactorModel } from '../../src/covariance/index.ts';
import { loadFixture } from '../helpers.ts';

interface TopCase {
  name: string;
  T: number;
  n: number;
  k: number;
  seed: number;
  values: number[];
  vectors: number[][];
  trace: number;
}
const fixture = loadFixture<{ cases: TopCase[] }>('core/top-eigen.json');

function returns(T: number, n: number, seed: number): number[][] {
  let s = seed >>> 0;
  const u = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
  const rows: number[][] = [];
  for (let t = 0; t < T; t++) {
    const f = u();
    const g = u();
    rows.push(Array.from({ length: n }, (_, i) => 0.01 * u() + 0.004 * (1 + (i % 3)) * f + (i % 2 === 0 ? 0.002 * g : 0)));
  }
  return rows;
}

/** Sample covariance (ddof 1) by the textbook two-pass formula. */
function covariance(r: number[][]): Float64Array {
  const T = r.length;
  const n = r[0].length;
  const mean = new Float64Array(n);
  for (const row of r) for (let i = 0; i < n; i++) mean[i] += row[i] / T;
  const S = new Float64Array(n * n);
  for (const row of r) {
    for (let i = 0; i < n; i++) {
      const di = row[i] - mean[i];
      for (let j = 0; j <= i; j++) S[i * n + j] += (di * (row[j] - mean[j])) / (T - 1);
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) S[j * n + i] = S[i * n + j];
  return S;
}

describe('topEigenpairs (Lanczos) against numpy.linalg.eigh', () => {
  for (const c of fixture.cases) {
    it(`${c.name}: the k largest eigenvalues to 1e-12 of λ₁, eigenvectors to 1e-10`, () => {
      const S = covariance(returns(c.T, c.n, c.seed));
      const top = topEigenpairs(S, c.n, c.k, 'test');
      expect(top).not.toBeNull();
      const { values, vectors } = top!;
      for (let m = 0; m < c.k; m++) {
        expect(Math.abs(values[m] - c.values[m])).toBeLessThanOrEqual(1e-12 * c.values[0]);
        for (let i = 0; i < c.n; i++) expect(Math.abs(vectors[i * c.k + m] - c.vectors[i][m])).toBeLessThan(1e-10);
      }
    });
  }

  it('statisticalFactorModel takes the Lanczos path at n = 300 and matches numpy', () => {
    for (const c of fixture.cases) {
      const model = statisticalFactorModel(returns(c.T, c.n, c.seed), { factors: c.k });
      const L = model.loadings.toArray();
      for (let m = 0; m < c.k; m++) {
        expect(Math.abs(model.factorVariances[m] - c.values[m])).toBeLessThanOrEqual(1e-12 * c.values[0]);
        for (let i = 0; i < c.n; i++) expect(Math.abs(L[i][m] - c.vectors[i][m])).toBeLessThan(1e-10);
      }
      const explained = c.values.reduce((s, x) => s + x, 0) / c.trace;
      expect(Math.abs(model.explainedVariance - explained)).toBeLessThan(1e-12);
    }
  });
});

describe('topEigenpairs safeguards (null sends the caller to the full decomposition)', () => {
  it('a repeated top eigenvalue that a single start vector misses: null, or the right answer', () => {
    // diag(5, 5, 4, 3.99, …) rotated by a fixed Householder reflection: λ = 5 twice at the top
    const n = 200;
    const d = Array.from({ length: n }, (_, i) => (i < 2 ? 5 : 4 - 0.01 * (i - 2)));
    const v = Array.from({ length: n }, (_, i) => Math.sin(i + 1));
    const vv = v.reduce((s, x) => s + x * x, 0);
    const a = new Float64Array(n * n);
    // H D H with H = I − 2 v vᵀ / vᵀv
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let m = 0; m < n; m++) {
          const him = (i === m ? 1 : 0) - (2 * v[i] * v[m]) / vv;
          const hjm = (j === m ? 1 : 0) - (2 * v[j] * v[m]) / vv;
          s += him * d[m] * hjm;
        }
        a[i * n + j] = s;
      }
    }
    for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) a[j * n + i] = a[i * n + j];
    const top = topEigenpairs(a, n, 3, 'test');
    if (top !== null) {
      expect(Math.abs(top.values[0] - 5)).toBeLessThan(1e-12);
      expect(Math.abs(top.values[1] - 5)).toBeLessThan(1e-12);
      expect(Math.abs(top.values[2] - 4)).toBeLessThan(1e-12);
    }
    const full = eigenKernel(a, n).values;
    expect(Math.abs(full[n - 2] - 5)).toBeLessThan(1e-12);
  });

  it('declines a zero matrix, entries beyond 2^±500, k ≥ n and a rank below k', () => {
    expect(topEigenpairs(new Float64Array(16), 4, 1, 'test')).toBeNull();
    expect(
      topEigenpairs(
        Float64Array.from({ length: 16 }, (_, i) => (i % 5 === 0 ? 1e300 : 0)),
        4,
        1,
        'test',
      ),
    ).toBeNull();
    expect(
      topEigenpairs(
        Float64Array.from({ length: 4 }, (_, i) => (i % 3 === 0 ? 1 : 0)),
        2,
        2,
        'test',
      ),
    ).toBeNull();
    // rank 2 (two outer products), k = 3
    const n = 50;
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = Math.sin(i) * Math.sin(j) + Math.cos(2 * i) * Math.cos(2 * j);
    expect(topEigenpairs(a, n, 3, 'test')).toBeNull();
  });
});

describe('nearestCorrelation at n = 240 (Lanczos projections: one eigenvalue below 0) against numpy', () => {
  const ref = loadFixture<{ n: number; seed: number; rows: number[][]; smallestEigenvalue: number; distance: number }>('core/nearest-large.json');
  it('entries of rows 0..3 to 1e-9, the distance to 1e-9, the smallest eigenvalue ≥ −1e-12', () => {
    const n = ref.n;
    let s = ref.seed;
    const a = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j): number => (i === j ? 1 : 0)));
    for (let i = 1; i < n; i++) {
      for (let j = 0; j < i; j++) {
        s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
        a[i][j] = a[j][i] = 0.6 + 0.01 * (s / 2 ** 32 - 0.5);
      }
    }
    a[0][1] = a[1][0] = 0.95;
    a[0][2] = a[2][0] = -0.3;
    a[1][2] = a[2][1] = 0.95;
    const r = nearestCorrelation(a, { tol: 1e-14 });
    expect(r.converged).toBe(true);
    for (let i = 0; i < 4; i++) for (let j = 0; j < n; j++) expect(Math.abs(r.correlation.get(i, j) - ref.rows[i][j])).toBeLessThan(1e-9);
    expect(Math.abs(r.distance - ref.distance)).toBeLessThan(1e-9);
    expect(r.smallestEigenvalue).toBeGreaterThanOrEqual(-1e-12);
    expect(Math.abs(r.smallestEigenvalue - ref.smallestEigenvalue)).toBeLessThan(1e-12);
  });
});
