/**
 * Covariance benchmarks: sample covariance, Ledoit-Wolf and EWMA at (T, n) = (1260, 50),
 * (2520, 200), (2520, 500), with ml-matrix's covariance path (`covariance(new Matrix(data))`,
 * which centres and calls `transposeMultiply`) side by side in the same run.
 *
 * Cases are timed in interleaved rounds (one call of each case per round, after a warm-up
 * call of each), and the median per case is reported, so that a change in machine load during
 * the run hits every case alike and the ratios stay meaningful on a shared machine.
 *
 * Flop count: the sample covariance needs the upper triangle of XᵀX, i.e. T · n · (n + 1) / 2
 * multiply-adds = T · n · (n + 1) flops (one multiply + one add each). "Effective GFLOP/s" is
 * that count divided by the wall time of the whole call (validation, centring, transposition,
 * kernel, mirroring), so it is a lower bound on the kernel's own rate. The "(Matrix input)" row
 * skips the conversion of the number[][] input (validation and copy), which every other row,
 * ml-matrix's included, pays.
 */
import { performance } from 'node:perf_hooks';
import { covariance as mlCovariance, Matrix as MlMatrix } from 'ml-matrix';
import { Matrix } from '../src/core/matrix.ts';
import { ewmaCovariance, ledoitWolf, sampleCovariance } from '../src/covariance/index.ts';
import { printTable, type Measurement } from './harness.ts';

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

/** Time every case once per round, `rounds` rounds after one warm-up call each; median per case. */
function interleaved(cases: Array<[string, () => unknown]>, rounds: number): Measurement[] {
  for (const [, f] of cases) f();
  const times = cases.map(() => [] as number[]);
  for (let r = 0; r < rounds; r++) {
    cases.forEach(([, f], k) => {
      const t0 = performance.now();
      f();
      times[k]!.push(performance.now() - t0);
    });
  }
  return cases.map(([name], k) => {
    const ts = times[k]!.sort((a, b) => a - b);
    return { name, ms: ts[Math.floor(ts.length / 2)]!, runs: ts.length };
  });
}

const sizes: Array<[number, number, number]> = [
  [1260, 50, 15],
  [2520, 200, 5],
  [2520, 500, 3],
];

for (const [T, n, rounds] of sizes) {
  const data = returns(T, n, T * 31 + n);
  const asMatrix = Matrix.from(data);
  const flops = T * n * (n + 1);
  const rows = interleaved(
    [
      ['ml-matrix covariance', () => mlCovariance(new MlMatrix(data))],
      ['sampleCovariance', () => sampleCovariance(data)],
      ['sampleCovariance (Matrix input)', () => sampleCovariance(asMatrix)],
      ['ledoitWolf (identity)', () => ledoitWolf(data)],
      ['ledoitWolf (constant-correlation)', () => ledoitWolf(data, { target: 'constant-correlation' })],
      ['ewmaCovariance', () => ewmaCovariance(data)],
    ],
    rounds,
  );
  const ml = rows[0]!;
  for (const m of rows.slice(1)) {
    m.note = `${(flops / (m.ms * 1e6)).toFixed(2)} GFLOP/s effective, ${(ml.ms / m.ms).toFixed(1)}x faster than ml-matrix`;
  }
  printTable(`covariance, T = ${T}, n = ${n} (flops counted as T·n·(n+1) = ${(flops / 1e6).toFixed(1)} M)`, rows, 'ml-matrix covariance');
}
