/**
 * Covariance benchmarks: sample covariance, Ledoit-Wolf and EWMA at (T, n) = (1260, 50),
 * (2520, 200), (2520, 500), with ml-matrix's covariance path (`covariance(new Matrix(data))`,
 * which centres and calls `transposeMultiply`) side by side in the same run.
 *
 * Flop count: the sample covariance needs the upper triangle of XᵀX, i.e. T · n · (n + 1) / 2
 * multiply-adds = T · n · (n + 1) flops (one multiply + one add each). "Effective GFLOP/s" is
 * that count divided by the wall time of the whole call (validation, centring, transposition,
 * kernel, mirroring), so it is a lower bound on the kernel's own rate. The "(Matrix input)" row
 * skips the conversion of the number[][] input (validation and copy), which every other row,
 * ml-matrix's included, pays.
 */
import { covariance as mlCovariance, Matrix as MlMatrix } from 'ml-matrix';
import { Matrix } from '../src/core/matrix.ts';
import { ewmaCovariance, ledoitWolf, sampleCovariance } from '../src/covariance/index.ts';
import { measure, printTable, type Measurement } from './harness.ts';

/** Deterministic returns (LCG + a common factor), T x n. */
function returns(T: number, n: number, seed: number): number[][] {
  let s = seed >>> 0;
  const u = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
  return Array.from({ length: T }, () => {
    const m = u() * 0.02;
    return Array.from({ length: n }, () => m + u() * 0.03);
  });
}

const sizes: Array<[number, number]> = [
  [1260, 50],
  [2520, 200],
  [2520, 500],
];

for (const [T, n] of sizes) {
  const data = returns(T, n, T * 31 + n);
  const flops = T * n * (n + 1);
  const big = T * n * n > 1e8;
  const opts = big ? { minMs: 600, warmup: 1, maxRuns: 10 } : { minMs: 400 };
  const ml = measure('ml-matrix covariance', () => mlCovariance(new MlMatrix(data)), big ? { minMs: 0, warmup: 0, maxRuns: 3 } : opts);
  const rows: Measurement[] = [ml];
  const gflops = (m: Measurement) => `${(flops / (m.ms * 1e6)).toFixed(2)} GFLOP/s effective, ${(ml.ms / m.ms).toFixed(1)}x faster than ml-matrix`;
  const sc = measure('sampleCovariance', () => sampleCovariance(data), opts);
  sc.note = gflops(sc);
  rows.push(sc);
  const asMatrix = Matrix.from(data);
  const scm = measure('sampleCovariance (Matrix input)', () => sampleCovariance(asMatrix), opts);
  scm.note = gflops(scm);
  rows.push(scm);
  const lw = measure('ledoitWolf (identity)', () => ledoitWolf(data), opts);
  lw.note = gflops(lw);
  rows.push(lw);
  const cc = measure('ledoitWolf (constant-correlation)', () => ledoitWolf(data, { target: 'constant-correlation' }), opts);
  cc.note = gflops(cc);
  rows.push(cc);
  const ew = measure('ewmaCovariance', () => ewmaCovariance(data), opts);
  ew.note = gflops(ew);
  rows.push(ew);
  printTable(`covariance, T = ${T}, n = ${n} (flops counted as T·n·(n+1) = ${(flops / 1e6).toFixed(1)} M)`, rows, 'ml-matrix covariance');
}
