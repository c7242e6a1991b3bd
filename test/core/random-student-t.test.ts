/**
 * randomStream.studentT below ν = 2 (the gamma boost path) and its minimum ν = 0.1.
 * References: P(|T| < c) = 2 F(c) − 1 from scipy.stats.t.cdf (ν = 0.1, 0.5, 1.5) and, for ν = 1
 * (Cauchy), by hand: 2 · (1/2 + arctan(1)/π) − 1 = 1/2. Monte Carlo bounds: 200,000 draws, the
 * standard error of a proportion is at most 0.0012, the tolerance 0.006 is 5 of them.
 */
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, randomStream } from '../../src/core/index.ts';

describe('randomStream.studentT with few degrees of freedom', () => {
  const cases: Array<[number, number, number]> = [
    // ν, P(|T| < 1), P(|T| < 10)
    [0.1, 0.16734351500944245, 0.3369434237250215],
    [0.5, 0.3977567783173559, 0.797322647228669],
    [1, 0.5, 1 - (2 / Math.PI) * Math.atan(1 / 10)], // Cauchy: P(|T| ≥ c) = (2/π) arctan(1/c)
    [1.5, 0.5488646327232893, 0.9763406448863785],
  ];
  it.each(cases)('ν = %d: every draw finite, P(|T| < 1) and P(|T| < 10) match the t law', (nu, p1, p10) => {
    const s = randomStream(2026, 12);
    const n = 200_000;
    let in1 = 0;
    let in10 = 0;
    let nonFinite = 0;
    for (let i = 0; i < n; i++) {
      const t = s.studentT(nu);
      if (!Number.isFinite(t)) nonFinite++;
      if (Math.abs(t) < 1) in1++;
      if (Math.abs(t) < 10) in10++;
    }
    expect(nonFinite).toBe(0);
    expect(Math.abs(in1 / n - p1)).toBeLessThan(0.006);
    expect(Math.abs(in10 / n - p10)).toBeLessThan(0.006);
  });

  it('is reproducible: the same (seed, index) gives the same bits', () => {
    const a = randomStream('t', 3);
    const b = randomStream('t', 3);
    for (let i = 0; i < 1000; i++) expect(Object.is(a.studentT(0.7), b.studentT(0.7))).toBe(true);
  });

  it('refuses ν below 0.1, non-finite or non-numeric ν with a typed error naming the minimum', () => {
    const s = randomStream(1);
    for (const nu of [0.0999, 1e-300, 5e-324, 0, -1, Number.NaN, Infinity]) {
      expect(() => s.studentT(nu)).toThrow(InvalidArgumentError);
    }
    expect(() => s.studentT(0.05)).toThrow(/`degreesOfFreedom` must be finite and at least 0\.1, got 0\.05/);
    expect(() => s.studentT(0.1)).not.toThrow();
  });
});
