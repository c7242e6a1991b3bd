/**
 * Regression tests for the Black–Litterman items of the hardening campaign: size caps
 * (SIZE_CAPS), refused with a typed error before anything is allocated.
 */
import { describe, expect, it } from 'vitest';
import { blackLitterman, blackLittermanOmega, impliedReturns, impliedRiskAversion, marketCapWeights, viewsMatrix } from '../../src/black-litterman/index.ts';
import { DimensionError, InvalidArgumentError, SizeLimitError } from '../../src/core/errors.ts';
import { expectTypedError } from '../helpers.ts';
import { SIZE_CAPS } from '../../src/core/limits.ts';

describe('Black–Litterman size caps', () => {
  const dense = new Array(SIZE_CAPS.denseAssets + 1); // a sparse array: only its length is read
  const cases: Array<[string, () => unknown]> = [
    ['blackLitterman (cov)', () => blackLitterman({ cov: dense as number[][], marketWeights: [1], riskAversion: 2, views: [] })],
    ['blackLitterman (views.P)', () => blackLitterman({ cov: [[0.04]], marketWeights: [1], riskAversion: 2, views: { P: dense, Q: [0.1] } })],
    ['blackLittermanOmega (cov)', () => blackLittermanOmega(dense, [[1]])],
    ['blackLittermanOmega (P)', () => blackLittermanOmega([[0.04]], dense)],
    ['impliedReturns', () => impliedReturns(new Array(SIZE_CAPS.assets + 1), [1], { riskAversion: 2 })],
    ['marketCapWeights', () => marketCapWeights({ length: SIZE_CAPS.entries + 1 } as ArrayLike<number>)],
    ['viewsMatrix (assets as a number, 1e9)', () => viewsMatrix([{ type: 'absolute', asset: 0, return: 0.1 } as never], 1e9)],
    ['impliedRiskAversion', () => impliedRiskAversion(new Float64Array(SIZE_CAPS.periods + 1))],
  ];
  for (const [name, call] of cases) {
    it(`${name} refuses a size above its cap with SizeLimitError`, () => {
      expect(call).toThrow(SizeLimitError);
    });
  }
});

// Fuzz-suite findings (docs/fuzz.md): each reproducer now throws a typed error naming the input.
describe('Black–Litterman fuzz findings', () => {
  const cov = [
    [0.04, 0.01],
    [0.01, 0.09],
  ];
  const base = { cov, marketWeights: [0.6, 0.4], riskAversion: 2.5, omega: 'idzorek' as const, assets: ['A', 'B'] };
  const view = (extra: Record<string, unknown>) => [{ type: 'absolute' as const, asset: 'B', return: 0.12, confidence: 1, ...extra }];

  it('blackLitterman extreme/infinity: a view return of 1e308 overflows the posterior', () => {
    expectTypedError(() => blackLitterman({ ...base, views: view({ return: 1e308 }) }), InvalidArgumentError, /posterior overflows.*`views\.return`/);
  });
  it('blackLitterman subnormal/nan: riskAversion 1e-320 is outside [1e-8, 1e8]', () => {
    expectTypedError(
      () => blackLitterman({ ...base, riskAversion: 1e-320, views: view({}) }),
      InvalidArgumentError,
      /`riskAversion` must be a number in \[1e-8, 100000000\].*got 1e-320/,
    );
    expectTypedError(() => blackLitterman({ ...base, riskAversion: 1e9, views: view({}) }), InvalidArgumentError, /`riskAversion`/);
    expectTypedError(() => impliedReturns(cov, [0.6, 0.4], { riskAversion: 1e-320 }), InvalidArgumentError, /`riskAversion`/);
  });
  it('blackLitterman / viewsMatrix wrong-type/untyped-error: a null-prototype confidence or return', () => {
    const np = Object.create(null) as never;
    expectTypedError(() => blackLitterman({ ...base, views: view({ confidence: np }) }), InvalidArgumentError, /`confidence` must be in \(0, 1\], got object/);
    const views = [
      { type: 'absolute', asset: 'A', return: 0.03 },
      { type: 'relative', long: 'B', short: ['A', 'C'], return: np, weighting: 'market-cap' },
    ] as never;
    expectTypedError(
      () => viewsMatrix(views, ['A', 'B', 'C'], { marketWeights: [0.5, 0.3, 0.2] }),
      InvalidArgumentError,
      /view 1 `return` must be a finite number, got object/,
    );
  });
  it('blackLittermanOmega extreme/nan and extreme/infinity: pick entries of ±1e308', () => {
    expectTypedError(
      () =>
        blackLittermanOmega(
          cov,
          [
            [-1e308, 0],
            [-1, 1],
          ],
          { method: 'idzorek', tau: 0.05, confidences: [1, 0.25] },
        ),
      InvalidArgumentError,
      /Ω overflows.*`P`/,
    );
    expectTypedError(
      () =>
        blackLittermanOmega(
          cov,
          [
            [1, 0],
            [-1, -1.7e308],
          ],
          { tau: 0.05 },
        ),
      InvalidArgumentError,
      /Ω overflows.*`P`/,
    );
  });
  it('impliedReturns extreme/infinity: a covariance entry of 1.7e308', () => {
    expectTypedError(
      () =>
        impliedReturns(
          [
            [1.7976931348623157e308, 0.01],
            [0.01, 0.09],
          ],
          [0.6, 0.4],
          { riskAversion: 2.5 },
        ),
      InvalidArgumentError,
      /π overflows.*`cov`/,
    );
  });
  it('impliedRiskAversion extreme/infinity: riskFreeRate 1e308', () => {
    expectTypedError(() => impliedRiskAversion([0.02, -0.01, 0.03, 0], { riskFreeRate: 1e308 }), InvalidArgumentError, /δ overflows.*`riskFreeRate`/);
  });
  it('huge-size / wrong-shape hangs: 100,000 views or a 100,000-row "cov" are refused at once', () => {
    const tall = Array.from({ length: 100_000 }, (_, i) => (i % 2 ? [0.01, 0.09] : [0.04, 0.01]));
    const many = Array.from({ length: 100_000 }, () => ({ type: 'absolute' as const, asset: 'A', return: 0.03 }));
    expect(() => viewsMatrix(many, ['A', 'B', 'C'])).toThrow(SizeLimitError);
    // a 100,000 x 2 "covariance" is a shape error, found before its rows are converted
    expectTypedError(() => blackLitterman({ ...base, cov: tall, views: view({}) }), DimensionError, /blackLitterman: `cov` must be square, got 100000 x 2/);
    expectTypedError(() => blackLittermanOmega(tall, [[1, 0]]), DimensionError, /`cov` must be square, got 100000 x 2/);
    expectTypedError(() => impliedReturns(tall, [0.6, 0.4], { riskAversion: 2.5 }), DimensionError, /`cov` must be square, got 100000 x 2/);
  });
});
