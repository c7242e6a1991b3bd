/**
 * The symmetric eigendecomposition kernel (Householder tridiagonalisation + implicit QL on flat
 * arrays) against numpy.linalg.eigh, with fast-check properties (seed 42).
 * Fixture: scripts/fixtures/core/symmetric_eigen.py.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SizeLimitError } from '../../src/core/errors.ts';
import { conditionNumber, symmetricEigen, symmetricEigenKernel } from '../../src/core/linalg.ts';
import { SIZE_CAPS } from '../../src/core/limits.ts';
import { eigenKernel, eigenvaluesKernel } from '../../src/core/symmetric-eigen.ts';
import { dotScratch, setWasmKernels, wasmKernelsActive } from '../../src/core/wasm-kernels.ts';
import { deepFreeze, loadFixture } from '../helpers.ts';

interface EigenCase {
  name: string;
  matrix: number[][];
  values: number[];
  vectors: number[][];
}
const fixture = loadFixture<{ cases: EigenCase[] }>('core/symmetric-eigen.json');

describe('symmetricEigen against numpy.linalg.eigh', () => {
  for (const c of fixture.cases) {
    it(`${c.name}: eigenvalues to 1e-12 of the spectral norm, eigenvectors up to sign`, () => {
      const n = c.values.length;
      const norm = Math.max(...c.values.map(Math.abs));
      const { values, vectors } = symmetricEigen(c.matrix);
      const V = vectors.toArray();
      for (let k = 0; k < n; k++) expect(Math.abs(values[k] - c.values[k])).toBeLessThanOrEqual(1e-12 * norm);
      // eigenvalues only path: the same bits
      const flat = Float64Array.from(c.matrix.flat());
      expect(Array.from(eigenvaluesKernel(flat, n))).toEqual(values);
      let compared = 0;
      for (let k = 0; k < n; k++) {
        // distinct eigenvalue: a gap of 1e-6 of the norm to both neighbours, so that the
        // eigenvector is determined to about eps · norm / gap
        const gap = Math.min(k > 0 ? c.values[k] - c.values[k - 1] : Infinity, k < n - 1 ? c.values[k + 1] - c.values[k] : Infinity);
        if (!(gap > 1e-6 * norm)) continue;
        let dot = 0;
        for (let i = 0; i < n; i++) dot += V[i][k] * c.vectors[i][k];
        expect(Math.abs(Math.abs(dot) - 1)).toBeLessThan(1e-9);
        compared++;
      }
      if (c.name.startsWith('spd') || c.name.startsWith('near')) expect(compared).toBe(n);
    });
  }

  it('repeated eigenvalues: the eigenvectors still span an orthonormal basis reconstructing A', () => {
    const c = fixture.cases.find((x) => x.name === 'repeated')!;
    const { values, vectors } = symmetricEigen(c.matrix);
    const V = vectors.toArray();
    const n = values.length;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let a = 0;
        let o = 0;
        for (let k = 0; k < n; k++) {
          a += V[i][k] * values[k] * V[j][k];
          o += V[k][i] * V[k][j];
        }
        expect(Math.abs(a - c.matrix[i][j])).toBeLessThan(1e-13 * 5);
        expect(Math.abs(o - (i === j ? 1 : 0))).toBeLessThan(1e-13);
      }
    }
  });
});

/**
 * Random symmetric matrices of order 1..10 with entries in [-1e3, 1e3] (those below 1e-100 in
 * magnitude set to 0, so that products of the tolerances stay normal numbers), times 2^s for s in
 * [-60, 60].
 */
const symmetric = fc.tuple(fc.integer({ min: 1, max: 10 }), fc.integer({ min: -60, max: 60 })).chain(([n, s]) =>
  fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: (n * (n + 1)) / 2, maxLength: (n * (n + 1)) / 2 }).map((tri) => {
    const a = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    let t = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j <= i; j++) {
        a[i][j] = (Math.abs(tri[t]) < 1e-100 ? 0 : tri[t]) * 2 ** s;
        t++;
        a[j][i] = a[i][j];
      }
    }
    return a;
  }),
);

/** n · max |a_ij|, a bound on the spectral norm computed without squares (no underflow). */
function normBound(a: number[][]): number {
  return a.length * Math.max(...a.flat().map(Math.abs));
}

describe('symmetricEigen: properties', () => {
  it('V Vᵀ = I, V Λ Vᵀ = A to 1e-12 ‖A‖, trace preserved, ascending values, input untouched', () => {
    fc.assert(
      fc.property(symmetric, (a) => {
        const n = a.length;
        const frozen = deepFreeze(a.map((r) => [...r]));
        const { values, vectors } = symmetricEigen(frozen);
        const V = vectors.toArray();
        const norm = normBound(a);
        let trace = 0;
        for (let i = 0; i < n; i++) trace += a[i][i];
        expect(Math.abs(values.reduce((s, x) => s + x, 0) - trace)).toBeLessThanOrEqual(1e-12 * norm * n);
        for (let k = 1; k < n; k++) expect(values[k]).toBeGreaterThanOrEqual(values[k - 1]);
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            let r = 0;
            let o = 0;
            for (let k = 0; k < n; k++) {
              r += V[i][k] * values[k] * V[j][k];
              o += V[i][k] * V[j][k];
            }
            expect(Math.abs(r - a[i][j])).toBeLessThanOrEqual(1e-12 * norm);
            expect(Math.abs(o - (i === j ? 1 : 0))).toBeLessThanOrEqual(1e-12);
          }
        }
        expect(frozen).toEqual(a);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('eigenvalues are invariant under a permutation of rows and columns', () => {
    fc.assert(
      fc.property(
        symmetric.chain((a) => fc.tuple(fc.constant(a), fc.shuffledSubarray([...a.keys()], { minLength: a.length, maxLength: a.length }))),
        ([a, perm]) => {
          const b = perm.map((i) => perm.map((j) => a[i][j]));
          const va = symmetricEigen(a).values;
          const vb = symmetricEigen(b).values;
          const norm = normBound(a);
          for (let k = 0; k < a.length; k++) expect(Math.abs(va[k] - vb[k])).toBeLessThanOrEqual(1e-12 * norm);
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });

  it('eigenvector sign: the largest-magnitude entry of each eigenvector is positive', () => {
    fc.assert(
      fc.property(symmetric, (a) => {
        const V = symmetricEigen(a).vectors.toArray();
        for (let k = 0; k < a.length; k++) {
          const col = V.map((r) => r[k]);
          const big = Math.max(...col.map(Math.abs));
          const first = col.find((x) => Math.abs(x) >= big * (1 - 1e-14))!;
          expect(first).toBeGreaterThan(0);
        }
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});

describe('symmetric eigen size cap', () => {
  it(`refuses n above SIZE_CAPS.denseAssets (${SIZE_CAPS.denseAssets}) before allocating`, () => {
    const n = SIZE_CAPS.denseAssets + 1;
    expect(() => symmetricEigenKernel(new Float64Array(0), n, 'symmetricEigen')).toThrow(SizeLimitError);
    expect(() => eigenvaluesKernel(new Float64Array(0), n, 'conditionNumber')).toThrow(/conditionNumber: `matrix` is 5001, above the size cap of 5000/);
  });
  it('a large but allowed order still works (n = 300, well-conditioned diagonal-dominant)', () => {
    const n = 300;
    const a = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? n + i : 1 / (1 + i + j))));
    expect(conditionNumber(a)).toBeGreaterThan(1);
  });
});

describe('the reduction sweeps and QL rotations in WebAssembly (n ≥ 64) and their JavaScript twins', () => {
  it('give the same bits: values (both paths) and vectors, orders 64, 65, 97, 130 and 257 (odd orders, partial row groups and column blocks)', () => {
    expect(wasmKernelsActive()).toBe(true);
    for (const n of [64, 65, 97, 130, 257]) {
      let s = n;
      const u = () => {
        s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
        return s / 2 ** 32 - 0.5;
      };
      const a = new Float64Array(n * n);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j <= i; j++) {
          const v = u();
          a[i * n + j] = v;
          a[j * n + i] = v;
        }
      }
      const wasm = eigenKernel(a, n);
      const wasmValues = eigenvaluesKernel(a, n);
      setWasmKernels(false);
      try {
        const js = eigenKernel(a, n);
        const jsValues = eigenvaluesKernel(a, n);
        expect(Buffer.from(wasm.values.buffer).equals(Buffer.from(js.values.buffer))).toBe(true);
        expect(Buffer.from(wasm.vectors.buffer).equals(Buffer.from(js.vectors.buffer))).toBe(true);
        expect(Buffer.from(wasmValues.buffer).equals(Buffer.from(jsValues.buffer))).toBe(true);
        expect(Buffer.from(wasmValues.buffer).equals(Buffer.from(js.values.buffer))).toBe(true);
      } finally {
        setWasmKernels(true);
      }
    }
  });

  it('give the same bits where a step has nothing to reflect (zero rows 0, 70 and 128 of order 130) and while the module memory is held elsewhere', () => {
    const n = 130;
    let s = 7;
    const u = () => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s / 2 ** 32 - 0.5;
    };
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j <= i; j++) {
        const v = [0, 70, 128].includes(i) || [0, 70, 128].includes(j) ? 0 : u();
        a[i * n + j] = v;
        a[j * n + i] = v;
      }
    }
    const wasm = eigenKernel(a, n);
    const held = dotScratch(8); // the module memory is busy: the reduction takes the JavaScript path
    let busy: ReturnType<typeof eigenKernel>;
    try {
      busy = eigenKernel(a, n);
    } finally {
      held.release();
    }
    setWasmKernels(false);
    try {
      const js = eigenKernel(a, n);
      expect(Buffer.from(wasm.values.buffer).equals(Buffer.from(js.values.buffer))).toBe(true);
      expect(Buffer.from(wasm.vectors.buffer).equals(Buffer.from(js.vectors.buffer))).toBe(true);
      expect(Buffer.from(busy.vectors.buffer).equals(Buffer.from(js.vectors.buffer))).toBe(true);
    } finally {
      setWasmKernels(true);
    }
  });
});
