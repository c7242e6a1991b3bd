/**
 * Timings for quantivista/returns and quantivista/expected-returns at (T, n) = (2520, 50) and
 * (2520, 500), next to a plain JavaScript loop over number[][] doing the same arithmetic (the
 * baseline a user would write by hand). `npm run bench -- returns`. Entries/s count T·n matrix
 * entries processed; on a shared, loaded machine the absolute numbers vary a lot between runs.
 */
import { capmReturn, emaHistoricalReturn, meanHistoricalReturn } from '../src/expected-returns/index.ts';
import { cumulativeReturns, logReturns, portfolioReturns, simpleReturns } from '../src/returns/index.ts';
import { measure, printTable } from './harness.ts';

function prices(T: number, n: number, seed: number): number[][] {
  let s = seed >>> 0;
  const u = (): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
  const rows: number[][] = [Array.from({ length: n }, () => 50 + 100 * (u() + 0.5))];
  for (let t = 1; t < T; t++) rows.push(rows[t - 1]!.map((p) => p * (1 + 0.03 * u())));
  return rows;
}

function naiveSimple(P: number[][]): number[][] {
  const out: number[][] = [];
  for (let t = 1; t < P.length; t++) out.push(P[t]!.map((p, j) => p / P[t - 1]![j]! - 1));
  return out;
}

function naiveMeans(R: number[][]): number[] {
  const n = R[0]!.length;
  const m = new Array<number>(n).fill(0);
  for (const row of R) for (let j = 0; j < n; j++) m[j]! += row[j]!;
  return m.map((x) => x / R.length);
}

for (const [T, n] of [
  [2520, 50],
  [2520, 500],
] as const) {
  const P = prices(T + 1, n, 7);
  const R = naiveSimple(P);
  const Rm = simpleReturns(P);
  const w = new Array<number>(n).fill(1 / n);
  const market = R.map((row) => row.reduce((a, b) => a + b, 0) / n);
  const flops = T * n;
  const note = (ms: number): string => `${(flops / (ms * 1e-3) / 1e6).toFixed(0)} M entries/s`;
  const rows = [
    measure('naive p1/p0 - 1 (number[][])', () => naiveSimple(P)),
    measure('simpleReturns', () => simpleReturns(P)),
    measure('logReturns', () => logReturns(P)),
    measure('cumulativeReturns (Matrix in)', () => cumulativeReturns(Rm)),
    measure('portfolioReturns every-period', () => portfolioReturns(Rm, w)),
    measure('portfolioReturns buy-and-hold', () => portfolioReturns(Rm, w, { rebalance: 'none' })),
    measure('naive column means (number[][])', () => naiveMeans(R)),
    measure('meanHistoricalReturn (Matrix in)', () => meanHistoricalReturn(Rm)),
    measure('meanHistoricalReturn geometric', () => meanHistoricalReturn(Rm, { compounding: 'geometric' })),
    measure('emaHistoricalReturn span 500', () => emaHistoricalReturn(Rm, { span: 500 })),
    measure('capmReturn', () => capmReturn(Rm, market)),
  ].map((m) => ({ ...m, note: note(m.ms) }));
  printTable(`returns and expected returns, T = ${T}, n = ${n}`, rows, 'naive p1/p0 - 1 (number[][])');
}
