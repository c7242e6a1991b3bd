/**
 * Every accepted input form (number[][], typed-array rows, Matrix, ml-matrix; number[] and typed
 * arrays for series) gives the same bits, and results are JSON-safe.
 */
import { Matrix as MlMatrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { Matrix } from '../../src/core/matrix.ts';
import { capmReturn, emaHistoricalReturn, meanHistoricalReturn } from '../../src/expected-returns/index.ts';
import { cumulativeReturns, logReturns, portfolioReturns, simpleReturns } from '../../src/returns/index.ts';
import { lcgMatrix } from '../helpers.ts';

const P = lcgMatrix(40, 4, 3, 10).map((row, t) => row.map((x, j) => 50 + j * 7 + t * 0.3 + x));
const forms = {
  'number[][]': P,
  'Float64Array rows': P.map((r) => Float64Array.from(r)),
  Matrix: Matrix.from(P),
  'ml-matrix': new MlMatrix(P),
};

describe('input forms', () => {
  const ref = {
    simple: simpleReturns(P).toArray(),
    log: logReturns(P).toArray(),
  };
  const R = simpleReturns(P).toArray();
  const w = [0.4, 0.3, 0.2, 0.1];
  const market = R.map((r) => r.reduce((a, b) => a + b, 0) / 4);
  for (const [name, input] of Object.entries(forms)) {
    it(`prices as ${name}`, () => {
      expect(simpleReturns(input).toArray()).toEqual(ref.simple);
      expect(logReturns(input).toArray()).toEqual(ref.log);
    });
  }
  const returnForms = {
    'number[][]': R,
    'Float64Array rows': R.map((r) => Float64Array.from(r)),
    Matrix: Matrix.from(R),
    'ml-matrix': new MlMatrix(R),
  };
  for (const [name, input] of Object.entries(returnForms)) {
    it(`returns as ${name}`, () => {
      expect(cumulativeReturns(input).toArray()).toEqual(cumulativeReturns(R).toArray());
      expect(portfolioReturns(input, Float64Array.from(w), { rebalance: 'none' })).toEqual(portfolioReturns(R, w, { rebalance: 'none' }));
      expect(meanHistoricalReturn(input)).toEqual(meanHistoricalReturn(R));
      expect(emaHistoricalReturn(input, { span: 5 })).toEqual(emaHistoricalReturn(R, { span: 5 }));
      expect(capmReturn(input, Float64Array.from(market))).toEqual(capmReturn(R, market));
    });
  }
  it('series: number[], typed arrays and nulls-with-drop', () => {
    const p = P.map((r) => r[0]!);
    expect(simpleReturns(Float32Array.from(p))).toEqual(simpleReturns(Array.from(Float32Array.from(p))));
    expect(simpleReturns(Float64Array.from(p))).toEqual(simpleReturns(p));
    expect(simpleReturns([p[0]!, null, ...p.slice(1)], { missing: 'drop' })).toEqual(simpleReturns(p));
  });
  it('results survive JSON round trips as plain numbers and arrays', () => {
    const out = {
      simple: simpleReturns(P),
      cumulative: cumulativeReturns(simpleReturns(P)),
      capm: capmReturn(R, market, { assets: ['a', 'b', 'c', 'd'] }),
    };
    const back = JSON.parse(JSON.stringify(out));
    expect(back.simple).toEqual(ref.simple);
    expect(back.capm).toEqual(out.capm);
  });
});
