/**
 * Property tests (fast-check, seed 42) for the core statistics and Cholesky factorisation.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cholesky } from '../../src/core/linalg.ts';
import { QUANTILE_METHODS, quantile, variance } from '../../src/core/stats.ts';
import { deepFreeze } from '../helpers.ts';

const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true });
const sample = fc.array(finite, { minLength: 1, maxLength: 60 });
const prob = fc.double({ min: 0, max: 1, noNaN: true });

describe('core statistics: properties', () => {
  it('quantile is non-decreasing in p and lies within [min, max], for every method', () => {
    fc.assert(
      fc.property(sample, prob, prob, fc.constantFrom(...QUANTILE_METHODS), (x, p1, p2, method) => {
        const frozen = deepFreeze([...x]);
        const [lo, hi] = p1 <= p2 ? [p1, p2] : [p2, p1];
        const qlo = quantile(frozen, lo, { method });
        const qhi = quantile(frozen, hi, { method });
        const mn = Math.min(...x);
        const mx = Math.max(...x);
        expect(qlo).toBeLessThanOrEqual(qhi);
        expect(qlo).toBeGreaterThanOrEqual(mn);
        expect(qhi).toBeLessThanOrEqual(mx);
        expect(quantile(frozen, 0, { method })).toBe(mn);
        expect(quantile(frozen, 1, { method })).toBe(mx);
        expect(frozen).toEqual(x);
      }),
      { seed: 42, numRuns: 400 },
    );
  });

  it('variance is ≥ 0 and invariant to a shift of the data (to rounding)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 2, maxLength: 60 }),
        fc.double({ min: -1000, max: 1000, noNaN: true }),
        fc.constantFrom(0, 1),
        (x, c, ddof) => {
          const v = variance(x, { ddof });
          expect(v).toBeGreaterThanOrEqual(0);
          const shifted = variance(
            x.map((xi) => xi + c),
            { ddof },
          );
          const scale = Math.max(...x.map(Math.abs)) + Math.abs(c);
          // Adding c rounds each value by up to eps·scale; the variance moves by at most ~4·eps·scale·(spread).
          expect(Math.abs(shifted - v)).toBeLessThanOrEqual(1e-9 * v + 64 * Number.EPSILON * scale * scale);
        },
      ),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe('cholesky: properties', () => {
  it('L is lower triangular with a positive diagonal and L Lᵀ = A for random SPD A', () => {
    const spd = fc
      .integer({ min: 1, max: 9 })
      .chain((n) => fc.tuple(fc.constant(n), fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: n * n, maxLength: n * n })));
    fc.assert(
      fc.property(spd, ([n, b]) => {
        // A = B Bᵀ + 0.05 I is symmetric positive definite.
        const A: number[][] = [];
        for (let i = 0; i < n; i++) {
          A.push([]);
          for (let j = 0; j < n; j++) {
            let s = i === j ? 0.05 : 0;
            for (let k = 0; k < n; k++) s += b[i * n + k]! * b[j * n + k]!;
            A[i]!.push(s);
          }
        }
        for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) A[i]![j] = A[j]![i]!;
        const frozen = deepFreeze(A.map((r) => [...r]));
        const L = cholesky(frozen).toArray();
        const scale = Math.max(...A.flat().map(Math.abs));
        for (let i = 0; i < n; i++) {
          expect(L[i]![i]!).toBeGreaterThan(0);
          for (let j = i + 1; j < n; j++) expect(L[i]![j]).toBe(0);
          for (let j = 0; j < n; j++) {
            let s = 0;
            for (let k = 0; k < n; k++) s += L[i]![k]! * L[j]![k]!;
            expect(Math.abs(s - A[i]![j]!)).toBeLessThanOrEqual(32 * n * Number.EPSILON * scale);
          }
        }
        expect(frozen).toEqual(A);
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});
