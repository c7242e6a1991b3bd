/**
 * The Gram kernel's two paths: WebAssembly SIMD (default where available) and the JavaScript
 * 4 x 4 register-block loop (the fallback) must give identical results, bit for bit, and both
 * must equal a plain triple loop that sums each entry over the periods in order. Also: the
 * centred-on-the-fly kernel equals the transposed-copy one, the column means equal neumaierSum
 * per column, and every estimator gives the same bits with the WebAssembly path switched off.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { neumaierSum } from '../../src/core/stats.ts';
import { setWasmKernels, wasmKernelsActive } from '../../src/core/wasm-kernels.ts';
import { columnMeans, gramRows, gramUpper, transposeCentred } from '../../src/covariance/gram-kernel.ts';
import { ewmaCovariance, ledoitWolf, oracleApproximatingShrinkage, sampleCovariance, semicovariance } from '../../src/covariance/index.ts';
import { lcgMatrix } from '../helpers.ts';

afterEach(() => setWasmKernels(true));

/** Reference: C_ij = scale · Σ_t x_ti x_tj, summed over t in order from 0 (the kernels' order). */
function naiveGram(rows: number[][], means: ArrayLike<number> | null, scale: number): Float64Array {
  const T = rows.length;
  const n = rows[0]!.length;
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let t = 0; t < T; t++) s += (rows[t]![i]! - (means ? means[i]! : 0)) * (rows[t]![j]! - (means ? means[j]! : 0));
      out[i * n + j] = s * scale;
    }
  }
  return out;
}

const flat = (rows: number[][]): Float64Array => Float64Array.from(rows.flat());

function sameBits(a: Float64Array, b: Float64Array, label: string): void {
  expect(a.length, label).toBe(b.length);
  for (let k = 0; k < a.length; k++) {
    if (!Object.is(a[k], b[k])) expect.fail(`${label}: entry ${k} differs: ${a[k]} vs ${b[k]}`);
  }
}

describe('Gram kernels', () => {
  it('the WebAssembly path is active under Node (so the comparisons below test two paths)', () => {
    expect(wasmKernelsActive()).toBe(true);
    setWasmKernels(false);
    expect(wasmKernelsActive()).toBe(false);
  });

  it('WebAssembly, JavaScript and the plain loop agree bit for bit (property, ragged n, T across the 1024-period blocks)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 13 }),
        fc.constantFrom(2, 3, 7, 1023, 1024, 1025, 2100),
        fc.integer({ min: 1, max: 1e6 }),
        fc.boolean(),
        (n, T, seed, demean) => {
          const rows = lcgMatrix(T, n, seed, 0.05);
          const data = flat(rows);
          const means = demean ? columnMeans(data, T, n) : null;
          const scale = 1 / (T - 1);
          const { xt } = transposeCentred(data, T, n, demean);
          setWasmKernels(true);
          const wU = gramUpper(xt, n, T, scale);
          const wR = gramRows(data, T, n, means, scale);
          setWasmKernels(false);
          const jU = gramUpper(xt, n, T, scale);
          const jR = gramRows(data, T, n, means, scale);
          const ref = naiveGram(rows, means, scale);
          sameBits(wU, ref, 'wasm gramUpper vs loop');
          sameBits(jU, ref, 'js gramUpper vs loop');
          sameBits(wR, ref, 'wasm gramRows vs loop');
          sameBits(jR, ref, 'js gramRows vs loop');
        },
      ),
      { seed: 7, numRuns: 60 },
    );
  });

  it('columnMeans equals neumaierSum over each column divided by T', () => {
    const rows = lcgMatrix(517, 9, 3, 1);
    rows[5]![2] = 1e16; // cancellation that plain summation gets wrong
    rows[6]![2] = -1e16;
    const m = columnMeans(flat(rows), 517, 9);
    for (let i = 0; i < 9; i++) {
      expect(Object.is(m[i], neumaierSum(rows.map((r) => r[i]!)) / 517)).toBe(true);
    }
  });

  it('every estimator gives the same bits with the WebAssembly path off', () => {
    const r = lcgMatrix(300, 23, 11);
    const run = () => [
      sampleCovariance(r).covariance.toArray(),
      ledoitWolf(r).covariance.toArray(),
      ledoitWolf(r, { target: 'constant-correlation' }).covariance.toArray(),
      oracleApproximatingShrinkage(r).covariance.toArray(),
      ewmaCovariance(r).covariance.toArray(),
      semicovariance(r).covariance.toArray(),
    ];
    setWasmKernels(true);
    const a = run();
    setWasmKernels(false);
    const b = run();
    a.forEach((m, k) => sameBits(Float64Array.from(m.flat()), Float64Array.from(b[k]!.flat()), `estimator ${k}`));
  });
});
