/**
 * The risk-parity policy of the covariance reader (core readCovariance) screens symmetry, the diagonal and the 2 x 2 minors in one
 * tiled pass and runs the exact checks only on a suspect. It must throw exactly what the exact
 * checks, run unconditionally in order, throw: same class, same message, on random matrices with
 * random defects (asymmetry in either triangle, correlations past ±1, non-positive variances).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NotPositiveDefiniteError } from '../../src/core/errors.ts';
import { toSymmetricMatrix } from '../../src/core/validate.ts';
import { readCovariance } from '../../src/core/covariance-reader.ts';

/** The rules written out, run unconditionally: symmetry, positive diagonal, then 2 x 2 minors row by row. */
function reference(a: number[][]): string {
  try {
    toSymmetricMatrix('f', 'cov', a);
    const n = a.length;
    for (let i = 0; i < n; i++)
      if (!(a[i]![i]! > 0)) throw new NotPositiveDefiniteError(`f: \`cov\` must have a positive diagonal (variances), but entry (${i}, ${i}) is ${a[i]![i]}.`);
    for (let i = 1; i < n; i++) {
      for (let j = 0; j < i; j++) {
        const sij = a[i]![j]!;
        if (sij * sij > a[i]![i]! * a[j]![j]! * (1 + 1e-10)) {
          throw new NotPositiveDefiniteError(
            `f: \`cov\` is not positive semi-definite: entries (${j}, ${i}) imply a correlation of ${sij / Math.sqrt(a[i]![i]! * a[j]![j]!)} between assets ${j} and ${i}, outside [−1, 1].`,
          );
        }
      }
    }
    return 'ok';
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
}

function screened(a: number[][]): string {
  try {
    readCovariance('f', 'cov', a, 'risk-parity');
    return 'ok';
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
}

describe('toCovariance screen', () => {
  it('throws what the exact checks throw, on random defects (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 45 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom('scale', 'set', 'tiny'), fc.double({ min: -3, max: 3, noNaN: true })), { maxLength: 3 }),
        (n, seed, defects) => {
          let s = seed;
          const u = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
          // a valid covariance: vols in [0.1, 0.5], correlations 0.3 + small noise
          const vol = Array.from({ length: n }, () => 0.1 + 0.4 * u());
          const a = Array.from({ length: n }, () => new Array<number>(n).fill(0));
          for (let i = 0; i < n; i++) {
            a[i]![i] = vol[i]! ** 2;
            for (let j = 0; j < i; j++) a[i]![j] = a[j]![i] = (0.3 + 0.2 * (u() - 0.5)) * vol[i]! * vol[j]!;
          }
          for (const [p, q, kind, x] of defects) {
            const i = p % n;
            const j = q % n;
            if (kind === 'scale')
              a[i]![j] = a[i]![j]! * x; // may break symmetry, a minor, or the diagonal
            else if (kind === 'set')
              a[i]![j] = a[j]![i] = x; // symmetric, may push a correlation past ±1
            else a[i]![j] = a[i]![j]! * (1 + x * 1e-10); // asymmetry right at the tolerance
          }
          expect(screened(a)).toBe(reference(a));
        },
      ),
      { seed: 9, numRuns: 400 },
    );
  });
});
