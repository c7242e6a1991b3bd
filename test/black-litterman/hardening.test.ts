/**
 * Regression tests for the Black–Litterman items of the hardening campaign: size caps
 * (SIZE_CAPS), refused with a typed error before anything is allocated.
 */
import { describe, expect, it } from 'vitest';
import {
  blackLitterman,
  blackLittermanOmega,
  impliedReturns,
  impliedRiskAversion,
  marketCapWeights,
  viewsMatrix,
} from '../../src/black-litterman/index.ts';
import { SizeLimitError } from '../../src/core/errors.ts';
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
