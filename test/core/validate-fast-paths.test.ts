/**
 * The argument checks have fast paths (screens that only prove the common case, then a detailed
 * scan for the message). These tests hold them to plain reference implementations of the rules:
 * the same verdicts and the same messages on random and adversarial input.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/core/errors.ts';
import { Matrix, toMatrix } from '../../src/core/matrix.ts';
import { toSymmetricMatrix } from '../../src/core/validate.ts';

/** The rule, written out: the first (i < j, row-major) pair with |a_ij − a_ji| > tol · max|a| (or tol when max|a| is 0). */
function referenceSymmetry(a: number[][], tol: number): string | null {
  const n = a.length;
  let scale = 0;
  for (const row of a) for (const v of row) scale = Math.max(scale, Math.abs(v));
  const limit = tol * (scale || 1);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (Math.abs(a[i]![j]! - a[j]![i]!) > limit) return `f: \`m\` must be symmetric, but entry (${i}, ${j}) = ${a[i]![j]} and (${j}, ${i}) = ${a[j]![i]}.`;
    }
  }
  return null;
}

function verdict(a: number[][], tol: number): string | null {
  try {
    toSymmetricMatrix('f', 'm', a, tol);
    return null;
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidArgumentError);
    return (e as Error).message;
  }
}

describe('toSymmetricMatrix fast path', () => {
  it('agrees with the reference rule on random near-symmetric matrices (sizes across the 32 x 32 tiles)', () => {
    const entry = fc.oneof(fc.constant(0), fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.double({ min: -1e-9, max: 1e-9, noNaN: true }));
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 70 }),
        fc.array(fc.tuple(fc.nat(), fc.nat(), entry), { maxLength: 4 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.constantFrom(1e-10, 1e-6, 0.5),
        (n, perturb, seed, tol) => {
          let s = seed;
          const u = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32 - 0.5;
          const a = Array.from({ length: n }, () => new Array<number>(n).fill(0));
          for (let i = 0; i < n; i++) for (let j = i; j < n; j++) a[i]![j] = a[j]![i] = u();
          for (const [i, j, v] of perturb) a[i % n]![j % n] = v; // may break symmetry, possibly in the lower triangle only
          expect(verdict(a, tol)).toBe(referenceSymmetry(a, tol));
        },
      ),
      { seed: 11, numRuns: 300 },
    );
  });

  it('the largest entry only in the lower triangle still sets the scale', () => {
    // upper triangle all zero: the tolerance is relative to the lower entries (1e-12), so 1e-12 vs 0 is asymmetric
    const a = [
      [0, 0],
      [1e-12, 0],
    ];
    expect(verdict(a, 1e-10)).toBe(referenceSymmetry(a, 1e-10));
    expect(referenceSymmetry(a, 1e-10)).not.toBeNull();
    // a large diagonal entry makes a small asymmetry acceptable (relative 1e-17), a small one does not
    const b = [
      [1, 1],
      [1 + 1e-9, 2],
    ];
    expect(verdict(b, 1e-10)).toBe(referenceSymmetry(b, 1e-10));
    expect(referenceSymmetry(b, 1e-10)).not.toBeNull();
    const c = [
      [1, 1],
      [1 + 1e-9, 1e8],
    ];
    expect(verdict(c, 1e-10)).toBeNull();
    expect(referenceSymmetry(c, 1e-10)).toBeNull();
  });
});

describe('toMatrix fast path', () => {
  it('refuses NaN, ±Infinity and non-numbers wherever they sit, naming the entry', () => {
    for (const bad of [Number.NaN, Infinity, -Infinity, null, undefined, '1', true]) {
      for (const [i, j] of [
        [0, 0],
        [2, 3],
        [4, 4],
      ] as const) {
        const rows = Array.from({ length: 5 }, (_, r) => Array.from({ length: 5 }, (_, c) => r * 5 + c + 0.5)) as unknown[][];
        rows[i]![j] = bad;
        expect(() => toMatrix(rows as number[][], 'f', 'm')).toThrow(
          new RegExp(`entry \\(${i}, ${j}\\) is ${typeof bad === 'string' ? JSON.stringify(bad) : String(bad)}`),
        );
      }
    }
  });

  it('under allowNaN stores NaN for null / undefined / NaN and still refuses ±Infinity', () => {
    const m = toMatrix(
      [
        [1, null as unknown as number, 3],
        [Number.NaN, 5, undefined as unknown as number],
      ],
      'f',
      'm',
      { allowNaN: true },
    );
    expect(m.toArray()).toEqual([
      [1, Number.NaN, 3],
      [Number.NaN, 5, Number.NaN],
    ]);
    expect(() => toMatrix([[1, Infinity]], 'f', 'm', { allowNaN: true })).toThrow(/entry \(0, 1\) is Infinity/);
  });

  it('a Matrix holding NaN or ±Infinity is refused, naming the entry', () => {
    const withNaN = toMatrix(
      [
        [1, 2],
        [Number.NaN, 4],
      ],
      'f',
      'm',
      { allowNaN: true },
    );
    expect(() => toMatrix(withNaN, 'g', 'x')).toThrow(/entry \(1, 0\) is NaN/);
    expect(
      toMatrix(
        Matrix.from([
          [1, -0],
          [3, 4],
        ]),
      ),
    ).toBeInstanceOf(Matrix);
  });
});
