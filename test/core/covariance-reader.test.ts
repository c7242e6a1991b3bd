/**
 * The covariance reader and the Moments brand: only objects moments() built skip the O(n³)
 * positive-semidefiniteness check; a lookalike, a spread copy, a structured clone, a proxy or an
 * object inheriting from a built Moments is fully checked, so a non-PSD one is refused. Also the
 * reader's policies keep the messages of the three readers they replace.
 */
import { describe, expect, it, vi } from 'vitest';

const calls = vi.hoisted(() => ({ psd: 0 }));
vi.mock('../../src/core/linalg.ts', async (importOriginal) => {
  const mod = await importOriginal<typeof import('../../src/core/linalg.ts')>();
  return {
    ...mod,
    checkPositiveSemidefinite: (...args: Parameters<typeof mod.checkPositiveSemidefinite>) => {
      calls.psd++;
      return mod.checkPositiveSemidefinite(...args);
    },
  };
});

import { createMoments, isBuiltMoments, momentsArguments, readCovariance, withMomentsAssets } from '../../src/core/covariance-reader.ts';
import { DimensionError, InvalidArgumentError, NotPositiveDefiniteError } from '../../src/core/errors.ts';
import { Matrix } from '../../src/core/matrix.ts';
import { moments } from '../../src/expected-returns/index.ts';
import { minVariance } from '../../src/optimize/index.ts';
import { equalRiskContribution } from '../../src/risk-parity/index.ts';
import { reverseStress } from '../../src/risk/index.ts';

const returns = [
  [0.01, 0.02, -0.01],
  [0.03, -0.01, 0.0],
  [-0.01, 0.02, 0.02],
  [0.0, 0.01, -0.02],
  [0.02, 0.0, 0.01],
];
// symmetric, positive diagonal, every 2 x 2 minor ≥ 0 (correlations 0.9, 0.9, −0.9), yet indefinite:
// eigenvalues of [[1, .9, .9], [.9, 1, -.9], [.9, -.9, 1]] are 1.9, 1.9, −0.8
const indefinite = [
  [1, 0.9, 0.9],
  [0.9, 1, -0.9],
  [0.9, -0.9, 1],
];

function psdCallsOf(f: () => unknown): number {
  const before = calls.psd;
  f();
  return calls.psd - before;
}

describe('the brand', () => {
  const m = moments(returns, { assets: ['A', 'B', 'C'], mean: 'historical' });

  it('skips the PSD check only for a built Moments', () => {
    expect(isBuiltMoments(m)).toBe(true);
    expect(psdCallsOf(() => readCovariance('f', 'cov', m, 'optimize'))).toBe(0);
    expect(psdCallsOf(() => readCovariance('f', 'cov', m, 'risk'))).toBe(0);
    expect(psdCallsOf(() => readCovariance('f', 'cov', m.covariance, 'optimize'))).toBe(1);
    expect(psdCallsOf(() => readCovariance('f', 'cov', m.covariance.toArray(), 'risk'))).toBe(1);
  });

  it('is not forgeable: copies, clones, proxies and heirs are fully checked', () => {
    const lookalikes: Record<string, unknown> = {
      'a lookalike': { assets: ['A', 'B', 'C'], mu: m.mu, covariance: m.covariance, observations: 5, estimator: 'sample' },
      'a spread copy': { ...m },
      'a structured clone': structuredClone(m),
      'a proxy': new Proxy(m, {}),
      'an heir': Object.create(m),
      'a frozen copy': Object.freeze({ ...m }),
    };
    for (const [what, x] of Object.entries(lookalikes)) {
      expect(isBuiltMoments(x), what).toBe(false);
      expect(
        psdCallsOf(() => readCovariance('f', 'cov', x as typeof m, 'optimize')),
        what,
      ).toBe(1);
      // ... and still read whole: same weights, same labels
      expect(minVariance(x as typeof m), what).toEqual(minVariance(m));
    }
  });

  it('refuses a non-PSD lookalike, copy or clone', () => {
    const bad = Matrix.from(indefinite);
    const clone = structuredClone(m) as { covariance: { data: Float64Array } };
    clone.covariance.data.set(bad.data);
    const heir = Object.create(m, { covariance: { value: bad } });
    for (const x of [{ assets: null, covariance: bad, observations: 5, estimator: 'sample' }, { ...m, covariance: bad }, clone, heir]) {
      expect(() => minVariance(x as typeof m)).toThrow(NotPositiveDefiniteError);
      expect(() => reverseStress([1, 0, 0], x as typeof m, { loss: 0.1 })).toThrow(NotPositiveDefiniteError);
    }
  });

  it('cannot be obtained for an unchecked covariance', () => {
    expect(() => createMoments('f', { assets: null, covariance: indefinite, observations: 5, estimator: 'sample' })).toThrow(NotPositiveDefiniteError);
    expect(() =>
      createMoments('f', {
        assets: null,
        covariance: [
          [1, 0.5],
          [0.4, 1],
        ],
        observations: 5,
        estimator: 'sample',
      }),
    ).toThrow(/must be symmetric/);
    expect(() =>
      createMoments('f', {
        assets: null,
        covariance: [
          [1, NaN],
          [NaN, 1],
        ],
        observations: 5,
        estimator: 'sample',
      }),
    ).toThrow(InvalidArgumentError);
  });

  it('makes a covariance symmetric to rounding exactly symmetric when it brands it', () => {
    const c = createMoments('f', {
      assets: null,
      covariance: [
        [1, 0.5 + 1e-17 * 2],
        [0.5, 1],
      ],
      observations: 5,
      estimator: 'sample',
    });
    expect(c.covariance.get(0, 1)).toBe(c.covariance.get(1, 0));
  });
});

describe('the policies keep the messages of the readers they replace', () => {
  it("'optimize'", () => {
    expect(() =>
      readCovariance(
        'minVariance',
        'cov',
        [
          [-1, 0],
          [0, 1],
        ],
        'optimize',
      ),
    ).toThrow('minVariance: `cov` must be positive semidefinite, but diagonal entry 0 is -1.');
    expect(() =>
      readCovariance(
        'minVariance',
        'cov',
        [
          [1e151, 0],
          [0, 1],
        ],
        'optimize',
      ),
    ).toThrow(/above 1e150 the arithmetic overflows/);
    expect(() => readCovariance('minVariance', 'cov', indefinite, 'optimize')).toThrow(/must be positive semidefinite, but it is indefinite/);
    // exact symmetry on a copy
    const r = readCovariance(
      'f',
      'cov',
      [
        [1, 0.5],
        [0.5 + 1e-12, 1],
      ],
      'optimize',
    );
    expect(r.data[1]).toBe(r.data[2]);
  });
  it("'risk-parity' (positive diagonal, 2 x 2 minors, no factorisation)", () => {
    expect(() =>
      readCovariance(
        'f',
        'cov',
        [
          [0, 0],
          [0, 1],
        ],
        'risk-parity',
      ),
    ).toThrow('f: `cov` must have a positive diagonal (variances), but entry (0, 0) is 0.');
    expect(() =>
      readCovariance(
        'f',
        'cov',
        [
          [1, 2],
          [2, 1],
        ],
        'risk-parity',
      ),
    ).toThrow(/imply a correlation of 2 between assets 0 and 1/);
    expect(psdCallsOf(() => readCovariance('f', 'cov', indefinite, 'risk-parity'))).toBe(0);
    expect(() =>
      equalRiskContribution({
        assets: null,
        covariance: [
          [1, 2],
          [2, 1],
        ],
        observations: 1,
        estimator: 'x',
      } as never),
    ).toThrow(NotPositiveDefiniteError);
  });
  it("'risk' and 'symmetric', with the caller's dimension message before the O(n³) test", () => {
    expect(() => readCovariance('f', 'cov', indefinite, 'risk')).toThrow(NotPositiveDefiniteError);
    expect(psdCallsOf(() => readCovariance('f', 'cov', indefinite, 'symmetric'))).toBe(0);
    const message = (r: number, c: number) => `f: \`cov\` is ${r} x ${c} but \`weights\` has 2 entries.`;
    const before = calls.psd;
    expect(() => readCovariance('f', 'cov', indefinite, 'risk', { n: 2, message })).toThrow(
      new DimensionError('f: `cov` is 3 x 3 but `weights` has 2 entries.'),
    );
    expect(calls.psd).toBe(before);
  });
  it('lookalike fields are checked', () => {
    expect(() =>
      readCovariance(
        'f',
        'cov',
        {
          assets: ['A'],
          covariance: [
            [1, 0],
            [0, 1],
          ],
        } as never,
        'risk',
      ),
    ).toThrow(/must have 2 names/);
    expect(() =>
      readCovariance(
        'f',
        'cov',
        {
          assets: ['A', 'A'],
          covariance: [
            [1, 0],
            [0, 1],
          ],
        } as never,
        'risk',
      ),
    ).toThrow(/must be unique/);
    expect(() => readCovariance('f', 'cov', { assets: null, covariance: undefined } as never, 'risk')).toThrow(/without a `covariance`/);
  });
});

describe('helpers', () => {
  it('withMomentsAssets fills or checks `assets`', () => {
    expect(withMomentsAssets('f', {}, ['A'])).toEqual({ assets: ['A'] });
    expect(withMomentsAssets('f', { assets: ['A'] }, ['A'])).toEqual({ assets: ['A'] });
    expect(withMomentsAssets('f', { assets: ['B'] }, null)).toEqual({ assets: ['B'] });
    expect(() => withMomentsAssets('f', { assets: ['B'] }, ['A'])).toThrow(/must match the assets of the Moments \(A\), got B/);
  });
  it('momentsArguments splits (mu, cov, ...rest) and (moments, ...rest)', () => {
    const m = moments(returns, { mean: 'historical' });
    expect(momentsArguments('f', [m, 1, 2]).rest).toEqual([1, 2]);
    expect(momentsArguments('f', [m, 1]).mu).toBe(m.mu);
    expect(momentsArguments('f', [[1], m, 3]).rest).toEqual([3]);
    expect(() => momentsArguments('f', [moments(returns)])).toThrow(/has no `mu`/);
  });
});
