/**
 * Allocation benchmarks: the equal risk contribution portfolio at n = 20, 100, 500 with
 * quantivista's `equalRiskContribution` (coordinate descent on Spinu's convex formulation, Newton
 * fallback; stops when every relative risk contribution is within 1e-10 of 1/n) and
 * `portfolio-allocation`'s `equalRiskContributionWeights` (cyclical coordinate descent; default
 * stopping rule on the objective, eps = 1e-8, and a tighter eps = 1e-12 run), in one run.
 * The last column reports the largest deviation of each result's relative contributions from 1/n,
 * recomputed here in the same way for both libraries.
 *
 * Covariances: sample covariances of a deterministic market + sector + idiosyncratic factor model
 * (T = 4n + 250 observations), the long-only structure of equity universes.
 * HRP and HERC at n = 500 are timed as well.
 */
import PortfolioAllocation from 'portfolio-allocation';
import { equalRiskContribution, hierarchicalEqualRiskContribution, hierarchicalRiskParity } from '../src/risk-parity/index.ts';
import { measure, printTable, type Measurement } from './harness.ts';

function factorCovariance(n: number, seed: number): number[][] {
  let s = seed >>> 0;
  const u = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s + 0.5) / 2 ** 32;
  };
  const g = () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
  const T = 4 * n + 250;
  const sectors = 10;
  const beta = Array.from({ length: n }, () => 1 + 0.3 * g());
  const sector = Array.from({ length: n }, () => Math.floor(u() * sectors));
  const load = Array.from({ length: n }, () => 0.5 + 0.5 * u());
  const idio = Array.from({ length: n }, () => 0.015 * (0.5 + u()));
  const X = new Float64Array(T * n);
  for (let t = 0; t < T; t++) {
    const m = 0.01 * g();
    const f = Array.from({ length: sectors }, () => 0.006 * g());
    for (let i = 0; i < n; i++) X[t * n + i] = m * beta[i]! + f[sector[i]!]! * load[i]! + idio[i]! * g();
  }
  const mu = new Float64Array(n);
  for (let t = 0; t < T; t++) for (let i = 0; i < n; i++) mu[i]! += X[t * n + i]! / T;
  const cov = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let t = 0; t < T; t++) {
    for (let i = 0; i < n; i++) {
      const a = X[t * n + i]! - mu[i]!;
      const row = cov[i]!;
      for (let j = 0; j <= i; j++) row[j]! += a * (X[t * n + j]! - mu[j]!);
    }
  }
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      cov[i]![j]! /= T - 1;
      cov[j]![i] = cov[i]![j]!;
    }
  return cov;
}

function deviation(w: ArrayLike<number>, cov: number[][]): number {
  const n = w.length;
  const s = cov.map((row) => row.reduce((t, v, j) => t + v * w[j]!, 0));
  const v = s.reduce((t, si, i) => t + si * w[i]!, 0);
  let d = 0;
  for (let i = 0; i < n; i++) d = Math.max(d, Math.abs((w[i]! * s[i]!) / v - 1 / n));
  return d;
}

const pa = PortfolioAllocation as unknown as { equalRiskContributionWeights(sigma: number[][], opt?: { eps?: number; maxCycles?: number }): number[] };

for (const n of [20, 100, 500]) {
  const cov = factorCovariance(n, 1000 + n);
  const opts = n >= 500 ? { minMs: 800, maxRuns: 40 } : { minMs: 400 };
  let ours: number[] = [];
  let theirs: number[] = [];
  let theirsTight: number[] = [];
  const rows: Measurement[] = [];
  const q = measure('quantivista equalRiskContribution', () => (ours = equalRiskContribution(cov).weights), opts);
  rows.push({ ...q, note: `max |RC − 1/n| = ${deviation(ours, cov).toExponential(2)}` });
  const p = measure('portfolio-allocation (eps 1e-8)', () => (theirs = pa.equalRiskContributionWeights(cov)), opts);
  rows.push({ ...p, note: `max |RC − 1/n| = ${deviation(theirs, cov).toExponential(2)}` });
  const pt = measure('portfolio-allocation (eps 1e-12)', () => (theirsTight = pa.equalRiskContributionWeights(cov, { eps: 1e-12, maxCycles: 100000 })), opts);
  rows.push({ ...pt, note: `max |RC − 1/n| = ${deviation(theirsTight, cov).toExponential(2)}` });
  printTable(`ERC, n = ${n} (factor-model sample covariance)`, rows, 'quantivista equalRiskContribution');
}

{
  const n = 500;
  const cov = factorCovariance(n, 1500);
  const opts = { minMs: 800, maxRuns: 20 };
  printTable(`Hierarchical allocators, n = ${n}`, [
    measure('hierarchicalRiskParity (single)', () => hierarchicalRiskParity(cov), opts),
    measure('hierarchicalRiskParity (ward)', () => hierarchicalRiskParity(cov, { linkage: 'ward' }), opts),
    measure('hierarchicalEqualRiskContribution (ward, k = 10)', () => hierarchicalEqualRiskContribution(cov, { clusters: 10 }), opts),
  ]);
}
