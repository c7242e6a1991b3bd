/**
 * Optimisation benchmarks: minVariance, maxSharpe and efficientReturn (long-only, fully
 * invested) at n = 20, 100, 500, side by side in one run with the npm `quadprog` port of
 * Goldfarb–Idnani (1-based arrays; bounds passed as constraint columns) and
 * `portfolio-allocation` (globalMinimumVarianceWeights, maximumSharpeRatioWeights,
 * meanVarianceOptimizationWeights). Each row also reports the largest weight difference from
 * ours, so the comparison is between solvers that agree.
 *
 * Covariances: n = 20 uses the first 20 assets of the sample data (daily simple returns,
 * ddof 1). n = 100 and 500 use the sample covariance of 1,000 daily returns simulated from a
 * deterministic factor model in the sample data's style (a market factor, 8 sector factors,
 * idiosyncratic noise; quantivista's seeded streams), so they are full-rank and realistic.
 * Peers that take seconds run once (`maxRuns: 1`).
 *
 * Also (no JS peer): minCVaR on 1,000 daily scenarios x 30 sample assets (the LP through
 * javascript-lp-solver) and a 20-point efficientFrontier with its corner portfolios at n = 100.
 *
 * And minVariance at n = 500 on a `Moments` (from `moments()`, whose covariance was checked once
 * when built, so the optimiser skips the O(n³) positive-semidefiniteness re-check) against the
 * very same covariance as a plain `Matrix` and as `number[][]` (fully checked on every call).
 */
import { createRequire } from 'node:module';
import { loadSampleData } from '../examples/data/load.ts';
import { randomStream } from '../src/core/random.ts';
import { efficientFrontier, efficientReturn, maxSharpe, minCVaR, minVariance } from '../src/optimize/index.ts';
import { moments as buildMoments } from '../src/expected-returns/index.ts';
import { measure, printTable, type Measurement } from './harness.ts';

interface PA {
  globalMinimumVarianceWeights(sigma: number[][], opt?: object): number[];
  maximumSharpeRatioWeights(mu: number[], sigma: number[][], rf: number, opt?: object): number[];
  meanVarianceOptimizationWeights(mu: number[], sigma: number[][], opt?: object): number[];
}
interface QP {
  solveQP(D: number[][], d: number[], A: number[][], b: number[], meq?: number): { solution: number[]; message: string };
}
// both peers are untyped CommonJS packages
const require = createRequire(import.meta.url);
const pa = require('portfolio-allocation') as PA;
const qp = require('quadprog') as QP;

function sampleSet(n: number): { mu: number[]; cov: number[][]; rf: number } {
  const data = loadSampleData();
  const P = data.prices.values.toArray(); // read from examples/data/prices.csv
  const T = P.length - 1;
  const X = Array.from({ length: T }, (_, t) => Array.from({ length: n }, (_, j) => P[t + 1]![j]! / P[t]![j]! - 1));
  return { ...moments(X, n), rf: data.riskFreeRatePerDay };
}

function moments(X: number[][], n: number): { mu: number[]; cov: number[][] } {
  const T = X.length;
  const mu = Array.from({ length: n }, (_, j) => X.reduce((s, r) => s + r[j]!, 0) / T);
  const cov = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (const r of X) for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) cov[i]![j]! += ((r[i]! - mu[i]!) * (r[j]! - mu[j]!)) / (T - 1);
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) cov[j]![i] = cov[i]![j]!;
  return { mu, cov };
}

function factorSet(n: number): { mu: number[]; cov: number[][]; rf: number; X: number[][] } {
  const g = randomStream(2024, n);
  const T = 1000;
  const beta = Array.from({ length: n }, () => 0.5 + g.uniform());
  const sector = Array.from({ length: n }, (_, i) => i % 8);
  const idio = Array.from({ length: n }, () => 0.006 + 0.014 * g.uniform());
  const drift = Array.from({ length: n }, () => 0.0001 + 0.0005 * g.uniform());
  const X = Array.from({ length: T }, () => {
    const m = 0.009 * g.normal();
    const s = Array.from({ length: 8 }, () => 0.005 * g.normal());
    return Array.from({ length: n }, (_, i) => drift[i]! + beta[i]! * m + s[sector[i]!]! + idio[i]! * g.normal());
  });
  return { ...moments(X, n), rf: 0.0000785849419846, X };
}

/** quadprog (1-based): min ½wᵀDw − dᵀw s.t. Aᵀw ≥ b, the first meq equalities. */
function quadprogSolve(D: number[][], d: number[], cols: number[][], b: number[], meq: number): number[] {
  const n = d.length;
  const D1: number[][] = [[]];
  for (let i = 0; i < n; i++) D1[i + 1] = [0, ...D[i]!];
  const A1: number[][] = [[]];
  for (let i = 0; i < n; i++) A1[i + 1] = [0, ...cols.map((c) => c[i]!)];
  const res = qp.solveQP(D1, [0, ...d], A1, [0, ...b], meq);
  if (res.message) throw new Error(`quadprog: ${res.message}`);
  return res.solution.slice(1);
}

function unit(n: number, i: number): number[] {
  const e = new Array<number>(n).fill(0);
  e[i] = 1;
  return e;
}

const maxDiff = (a: number[], b: number[]) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);

for (const n of [20, 100, 500]) {
  const { mu, cov, rf } = n <= 30 ? sampleSet(n) : factorSet(n);
  const big = n >= 500;
  const fast = { minMs: big ? 300 : 200, maxRuns: 200 };
  const slow = { minMs: 0, maxRuns: 1, warmup: 0 };
  const slowish = n >= 100 ? slow : fast;
  const D2 = cov.map((r) => r.map((v) => 2 * v));
  const ones = new Array<number>(n).fill(1);
  const bounds = Array.from({ length: n }, (_, i) => unit(n, i));

  // minimum variance
  const ours = minVariance(cov);
  let wq: number[] = [];
  let wp: number[] = [];
  const mvRows: Measurement[] = [
    measure('quantivista minVariance', () => minVariance(cov), fast),
    measure('quadprog solveQP', () => (wq = quadprogSolve(D2, new Array(n).fill(0), [ones, ...bounds], [1, ...new Array(n).fill(0)], 1)), slowish),
    measure('portfolio-allocation globalMinimumVarianceWeights', () => (wp = pa.globalMinimumVarianceWeights(cov)), big ? slow : fast),
  ];
  mvRows[1]!.note = `max |Δw| vs ours ${maxDiff(wq, ours.weights).toExponential(1)}`;
  mvRows[2]!.note = `max |Δw| vs ours ${maxDiff(wp, ours.weights).toExponential(1)}`;
  printTable(`minVariance, long-only, n = ${n} (${ours.weights.filter((v) => v > 0).length} assets held)`, mvRows, 'quantivista minVariance');

  // max Sharpe: quadprog on the homogenised problem min yᵀΣy s.t. (μ − r_f)ᵀy = 1, y ≥ 0
  const ms = maxSharpe(mu, cov, { riskFreeRate: rf });
  const ex = mu.map((v) => v - rf);
  const msRows: Measurement[] = [
    measure('quantivista maxSharpe', () => maxSharpe(mu, cov, { riskFreeRate: rf }), fast),
    measure(
      'quadprog solveQP (homogenised)',
      () => {
        const y = quadprogSolve(D2, new Array(n).fill(0), [ex, ...bounds], [1, ...new Array(n).fill(0)], 1);
        const s = y.reduce((a, v) => a + v, 0);
        wq = y.map((v) => v / s);
      },
      slowish,
    ),
    measure('portfolio-allocation maximumSharpeRatioWeights', () => (wp = pa.maximumSharpeRatioWeights(mu, cov, rf)), n >= 100 ? slow : fast),
  ];
  msRows[1]!.note = `max |Δw| vs ours ${maxDiff(wq, ms.weights).toExponential(1)}`;
  msRows[2]!.note = `max |Δw| vs ours ${maxDiff(wp, ms.weights).toExponential(1)}`;
  printTable(`maxSharpe, long-only, n = ${n}`, msRows, 'quantivista maxSharpe');

  // efficient return at 40 % of the way from the minimum-variance return to the maximum return
  const rmin = mu.reduce((a, v, i) => a + v * ours.weights[i]!, 0);
  const rmax = Math.max(...mu);
  const target = rmin + 0.4 * (rmax - rmin);
  const er = efficientReturn(mu, cov, target);
  const erRows: Measurement[] = [
    measure('quantivista efficientReturn', () => efficientReturn(mu, cov, target), fast),
    measure('quadprog solveQP', () => (wq = quadprogSolve(D2, new Array(n).fill(0), [ones, mu, ...bounds], [1, target, ...new Array(n).fill(0)], 1)), slowish),
    measure(
      'portfolio-allocation meanVarianceOptimizationWeights',
      () => (wp = pa.meanVarianceOptimizationWeights(mu, cov, { constraints: { return: target } })),
      n >= 100 ? slow : fast,
    ),
  ];
  erRows[1]!.note = `max |Δw| vs ours ${maxDiff(wq, er.weights).toExponential(1)}`;
  erRows[2]!.note = `max |Δw| vs ours ${maxDiff(wp, er.weights).toExponential(1)}`;
  printTable(`efficientReturn, long-only, n = ${n}`, erRows, 'quantivista efficientReturn');
}

{
  const data = loadSampleData();
  const P = data.prices.values.toArray(); // read from examples/data/prices.csv
  const T = P.length;
  const scen = Array.from({ length: 1000 }, (_, t) => P[T - 1000 + t]!.map((v, j) => v / P[T - 1001 + t]![j]! - 1));
  let held = 0;
  const cv = measure('quantivista minCVaR (1000 x 30, β = 0.95)', () => (held = minCVaR(scen).weights.filter((v) => v > 1e-9).length), {
    minMs: 0,
    maxRuns: 3,
    warmup: 0,
  });
  cv.note = `${held} assets held`;
  const { mu, cov } = factorSet(100);
  let corners = 0;
  const fr = measure('quantivista efficientFrontier (n = 100, 20 points)', () => (corners = efficientFrontier(mu, cov, { points: 20 }).corners.length), {
    minMs: 0,
    maxRuns: 3,
    warmup: 0,
  });
  fr.note = `${corners} corner portfolios`;
  printTable('minCVaR and efficientFrontier (no JS peer)', [cv, fr]);
}

{
  // the O(n³) re-check: minVariance on a library-built Moments vs the same covariance, unbranded
  const n = 500;
  const { X } = factorSet(n);
  const m = buildMoments(X, { covariance: 'sample' });
  const plain = m.covariance.toArray();
  const a = minVariance(m).weights;
  const b = minVariance(m.covariance).weights;
  const same = a.every((v, i) => Object.is(v, b[i]));
  const opts = { minMs: 300, maxRuns: 200 };
  const rows: Measurement[] = [
    measure('minVariance(moments) (check skipped)', () => minVariance(m), opts),
    measure('minVariance(matrix) (full check)', () => minVariance(m.covariance), opts),
    measure('minVariance(number[][]) (full check)', () => minVariance(plain), opts),
  ];
  rows[0]!.note = `weights bit-identical to the matrix run: ${same}`;
  printTable(`minVariance, long-only, n = ${n}: Moments vs plain matrix`, rows, 'minVariance(moments) (check skipped)');
}
