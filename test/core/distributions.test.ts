/**
 * Reference tests for src/core/distributions.ts against scipy 1.10 (normal, chi-squared, gamma,
 * binomial) and 40-digit mpmath (Student-t, incomplete beta), from scripts/fixtures/core/distributions.py.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  binomialCdf,
  chiSquaredCdf,
  chiSquaredSurvival,
  logGamma,
  normalCdf,
  normalPdf,
  normalQuantile,
  regularizedGammaP,
  regularizedGammaQ,
  regularizedIncompleteBeta,
  studentTCdf,
  studentTPdf,
  studentTQuantile,
} from '../../src/core/distributions.ts';
import { InvalidArgumentError } from '../../src/core/errors.ts';
import { expectClose, loadFixture } from '../helpers.ts';

const fx = loadFixture('core/distributions.json');

describe('normal distribution', () => {
  it('cdf and pdf match scipy to 1e-13 relative, tails included', () => {
    for (const r of fx.normal) {
      expectClose(normalCdf(r.x), r.cdf, { rtol: 1e-13, label: `cdf(${r.x})` });
      expectClose(normalPdf(r.x), r.pdf, { rtol: 1e-13, label: `pdf(${r.x})` });
    }
  });
  it('quantile (AS 241) matches scipy ndtri to 1e-14 relative', () => {
    for (const r of fx.normalQuantile) expectClose(normalQuantile(r.p), r.q, { rtol: 1e-14, atol: 1e-300, label: `q(${r.p})` });
  });
  it('quantile inverts the cdf (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-12, max: 1 - 1e-12, noNaN: true }), (p) => {
        const x = normalQuantile(p);
        expect(Math.abs(normalCdf(x) - p)).toBeLessThanOrEqual(1e-13 * Math.min(p, 1 - p) + 1e-16);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe('Student-t distribution', () => {
  it('cdf and pdf match 40-digit mpmath to 1e-13 relative (2e-12 for ν = 1e5)', () => {
    for (const r of fx.studentT) {
      // For ν = 1e5 the incomplete-beta continued fraction runs next to its switch point (x ≈ (a+1)/(a+b+2)) and loses ~1e-12.
      expectClose(studentTCdf(r.t, r.nu), r.cdf, { rtol: r.nu > 1e4 ? 2e-12 : 1e-13, label: `cdf(${r.t}; ${r.nu})` });
      expectClose(studentTPdf(r.t, r.nu), r.pdf, { rtol: 1e-13, label: `pdf(${r.t}; ${r.nu})` });
    }
  });
  it('quantile matches mpmath to 1e-13 relative (2e-12 for ν = 1e5)', () => {
    for (const r of fx.studentTQuantile)
      expectClose(studentTQuantile(r.p, r.nu), r.q, { rtol: r.nu > 1e4 ? 2e-12 : 1e-13, atol: 1e-20, label: `q(${r.p}; ${r.nu})` });
  });
  it('is symmetric: F(−t) = 1 − F(t) and q(1 − p) = −q(p) (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: -20, max: 20, noNaN: true }), fc.double({ min: 0.6, max: 200, noNaN: true }), (t, nu) => {
        expect(Math.abs(studentTCdf(-t, nu) - (1 - studentTCdf(t, nu)))).toBeLessThanOrEqual(2e-16);
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});

describe('chi-squared, gamma, beta, log-gamma, binomial', () => {
  it('chi-squared cdf and survival match scipy to 1e-13 relative', () => {
    for (const r of fx.chiSquared) {
      expectClose(chiSquaredCdf(r.x, r.k), r.cdf, { rtol: 1e-13, atol: 1e-300, label: `cdf(${r.x}; ${r.k})` });
      expectClose(chiSquaredSurvival(r.x, r.k), r.sf, { rtol: 1e-13, atol: 1e-300, label: `sf(${r.x}; ${r.k})` });
    }
  });
  it('regularized incomplete gamma matches scipy gammainc / gammaincc', () => {
    for (const r of fx.gamma) {
      expectClose(regularizedGammaP(r.a, r.x), r.p, { rtol: 1e-13, atol: 1e-300, label: `P(${r.a}, ${r.x})` });
      expectClose(regularizedGammaQ(r.a, r.x), r.q, { rtol: 1e-13, atol: 1e-300, label: `Q(${r.a}, ${r.x})` });
    }
  });
  it('log-gamma matches scipy gammaln', () => {
    for (const r of fx.logGamma) expectClose(logGamma(r.x), r.value, { rtol: 1e-14, atol: 1e-15, label: `lgamma(${r.x})` });
  });
  it('regularized incomplete beta matches 40-digit mpmath betainc (1e-13; 1e-12 below 1e-200, where the exponent a·ln x itself rounds at 1e-13)', () => {
    for (const r of fx.beta)
      expectClose(regularizedIncompleteBeta(r.x, r.a, r.b), r.value, {
        rtol: r.value < 1e-200 ? 1e-12 : 1e-13,
        atol: 1e-300,
        label: `I(${r.x}; ${r.a}, ${r.b})`,
      });
  });
  it('binomial cdf matches scipy binom.cdf', () => {
    for (const r of fx.binomial) expectClose(binomialCdf(r.k, r.n, r.p), r.cdf, { rtol: 1e-12, atol: 1e-300, label: `F(${r.k}; ${r.n}, ${r.p})` });
  });
});

describe('typed errors', () => {
  it('refuses probabilities outside (0, 1), non-positive degrees of freedom and non-finite arguments', () => {
    const cases: Array<[() => unknown, string]> = [
      [() => normalQuantile(0), 'p'],
      [() => normalQuantile(1), 'p'],
      [() => normalCdf(Number.NaN), 'x'],
      [() => studentTQuantile(0.5, 0), 'degreesOfFreedom'],
      [() => studentTCdf(Infinity, 3), 't'],
      [() => chiSquaredSurvival(-1, 1), 'x'],
      [() => chiSquaredCdf(1, -2), 'degreesOfFreedom'],
      [() => binomialCdf(3, 2, 0.5), 'k'],
      [() => binomialCdf(1.5, 10, 0.5), 'k'],
      [() => regularizedIncompleteBeta(1.2, 1, 1), 'x'],
      [() => logGamma(0), 'x'],
    ];
    for (const [f, arg] of cases) {
      try {
        f();
        expect.fail(`expected a throw naming ${arg}`);
      } catch (e) {
        expect(e).toBeInstanceOf(InvalidArgumentError);
        expect((e as InvalidArgumentError).argument).toBe(arg);
        expect((e as Error).message).toContain(`\`${arg}\``);
      }
    }
  });
});
