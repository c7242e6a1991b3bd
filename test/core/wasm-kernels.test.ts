/**
 * The row-product kernel behind coordinate descent (risk parity): WebAssembly SIMD and the
 * JavaScript twin must give the same bits, both equal to the documented eight-lane order written
 * out naively here, and the solvers built on them must not depend on which path ran.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { kernelModule, rowDots, setWasmKernels, wasmKernelsActive } from '../../src/core/wasm-kernels.ts';
import { equalRiskContribution, riskBudgeting } from '../../src/risk-parity/index.ts';
import { lcgMatrix } from '../helpers.ts';

afterEach(() => setWasmKernels(true));

/** Lane k sums the terms j ≡ k (mod 8) in order; result ((l0 + l2) + (l4 + l6)) + ((l1 + l3) + (l5 + l7)). */
function laneDot(a: ArrayLike<number>, x: ArrayLike<number>, n: number): number {
  const l = new Array<number>(8).fill(0);
  for (let j = 0; j < n; j++) l[j % 8] = l[j % 8]! + a[j]! * x[j]!;
  return l[0]! + l[2]! + (l[4]! + l[6]!) + (l[1]! + l[3]! + (l[5]! + l[7]!));
}

describe('the module', () => {
  it('stays under the 4 KB Chromium allows for synchronous compilation on the main thread', () => {
    expect(kernelModule().length).toBeLessThan(4096);
  });
});

describe('rowDots', () => {
  it('WebAssembly and JavaScript paths equal the eight-lane reference bit for bit (property)', () => {
    expect(wasmKernelsActive()).toBe(true);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 41 }), fc.integer({ min: 1, max: 1e6 }), (n, seed) => {
        const S = Float64Array.from(lcgMatrix(n, n, seed, 2).flat());
        const xs = lcgMatrix(1, n, seed + 1, 3)[0]!;
        const results: number[][] = [];
        for (const on of [true, false]) {
          setWasmKernels(on);
          const rd = rowDots(S, n);
          try {
            expect(rd.stride % 8).toBe(0);
            rd.x.set(xs);
            results.push(Array.from({ length: n }, (_, i) => rd.dot(i)));
          } finally {
            rd.release();
          }
        }
        for (let i = 0; i < n; i++) {
          const ref = laneDot(S.subarray(i * n, i * n + n), xs, n);
          expect(Object.is(results[0]![i], ref), `wasm row ${i}`).toBe(true);
          expect(Object.is(results[1]![i], ref), `js row ${i}`).toBe(true);
        }
      }),
      { seed: 5, numRuns: 80 },
    );
  });

  it('a second user while one holds the module memory gets the JavaScript path, with the same bits', () => {
    const n = 9;
    const S = Float64Array.from(lcgMatrix(n, n, 3).flat());
    const a = rowDots(S, n);
    const b = rowDots(S, n);
    try {
      a.x.fill(0.25, 0, n);
      b.x.fill(0.25, 0, n);
      for (let i = 0; i < n; i++) expect(Object.is(a.dot(i), b.dot(i))).toBe(true);
    } finally {
      b.release();
      a.release();
    }
  });

  it('equalRiskContribution and riskBudgeting give the same bits with the WebAssembly path off', () => {
    const R = lcgMatrix(400, 37, 21);
    const n = 37;
    const cov = Array.from({ length: n }, (_, i) =>
      Array.from({ length: n }, (_, j) => {
        let s = 0;
        for (const r of R) s += r[i]! * r[j]!;
        return s / 400 + (i === j ? 1e-5 : 0);
      }),
    );
    const budgets = Array.from({ length: n }, (_, i) => 1 + (i % 5));
    const run = () => [equalRiskContribution(cov), riskBudgeting(cov, { budgets })];
    setWasmKernels(true);
    const a = run();
    setWasmKernels(false);
    const b = run();
    expect(a[0]!.converged && a[1]!.converged).toBe(true);
    expect(b).toEqual(a);
    a.forEach((r, k) => r.weights.forEach((w, i) => expect(Object.is(w, b[k]!.weights[i])).toBe(true)));
  });
});
