/**
 * Property tests (fast-check, seed 42) for quantivista/returns: round trips between prices and
 * returns, log vs simple consistency, portfolio identities, and no mutation of inputs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Matrix } from '../../src/core/matrix.ts';
import { cumulativeReturns, logReturns, portfolioReturns, simpleReturns } from '../../src/returns/index.ts';
import { deepFreeze } from '../helpers.ts';

const price = fc.double({ min: 0.01, max: 1e4, noNaN: true });
/**
 * T x n positive prices, T in [2, 40], n in [1, 6], each move between −50 % and +100 % (a move
 * to within a hair of −100 % makes 1 + r lose its digits in any representation by simple returns).
 */
const priceMatrix = fc
  .tuple(fc.integer({ min: 2, max: 40 }), fc.integer({ min: 1, max: 6 }))
  .chain(([T, n]) =>
    fc.tuple(
      fc.array(price, { minLength: n, maxLength: n }),
      fc.array(fc.array(fc.double({ min: 0.5, max: 2, noNaN: true }), { minLength: n, maxLength: n }), { minLength: T - 1, maxLength: T - 1 }),
    ),
  )
  .map(([p0, moves]) => {
    const rows = [p0];
    for (const m of moves) rows.push(rows[rows.length - 1]!.map((p, j) => p * m[j]!));
    return rows;
  });
/** T x n simple returns in (−0.5, 0.5). */
const returnsMatrix = fc
  .tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 6 }))
  .chain(([T, n]) =>
    fc.tuple(
      fc.array(fc.array(fc.double({ min: -0.5, max: 0.5, noNaN: true }), { minLength: n, maxLength: n }), { minLength: T, maxLength: T }),
      fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
    ),
  );

const close = (a: number, b: number, rtol: number, atol: number): boolean => Math.abs(a - b) <= atol + rtol * Math.abs(b);

describe('returns: properties', () => {
  it('cumulative simple returns reproduce the price ratios p_t / p_0 − 1 (and inputs are not mutated)', () => {
    fc.assert(
      fc.property(priceMatrix, (P) => {
        const frozen = deepFreeze(P.map((r) => [...r]));
        const r = simpleReturns(frozen);
        const c = cumulativeReturns(r).toArray();
        for (let t = 1; t < P.length; t++) {
          for (let j = 0; j < P[0]!.length; j++) {
            const ratio = P[t]![j]! / P[0]![j]!;
            expect(close(c[t - 1]![j]! + 1, ratio, 1e-12 * t, 0)).toBe(true);
          }
        }
        expect(frozen).toEqual(P);
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('log returns are log1p of simple returns and add up to log(p_T / p_0)', () => {
    fc.assert(
      fc.property(priceMatrix, (P) => {
        const s = simpleReturns(P).toArray();
        const l = logReturns(P).toArray();
        const n = P[0]!.length;
        for (let j = 0; j < n; j++) {
          let sum = 0;
          for (let t = 0; t < s.length; t++) {
            expect(close(l[t]![j]!, Math.log1p(s[t]![j]!), 1e-14, 1e-300)).toBe(true);
            sum += l[t]![j]!;
          }
          const total = Math.log(P[P.length - 1]![j]! / P[0]![j]!);
          expect(Math.abs(sum - total)).toBeLessThanOrEqual(1e-13 * P.length * (1 + Math.abs(total)) + 1e-12 * P.length);
        }
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('a single series gives the same numbers as a one-column matrix', () => {
    fc.assert(
      fc.property(fc.array(price, { minLength: 2, maxLength: 30 }), (p) => {
        const col = p.map((x) => [x]);
        expect(simpleReturns(p)).toEqual(simpleReturns(col).column(0));
        expect(logReturns(new Float64Array(p))).toEqual(logReturns(col).column(0));
        // random prices can move by more than 100 % a period, so the returns may look like prices
        expect(cumulativeReturns(simpleReturns(p), { assumeReturns: true })).toEqual(cumulativeReturns(simpleReturns(col), { assumeReturns: true }).column(0));
      }),
      { seed: 42, numRuns: 100 },
    );
  });

  it('every-period rebalancing gives R_t = Σ w_i r_t,i; buy and hold ends at Σ w_i Π(1 + r_i) + cash', () => {
    fc.assert(
      fc.property(returnsMatrix, ([R, raw]) => {
        const total = raw.reduce((a, b) => a + b, 0);
        const w = total > 0 ? raw.map((x) => x / total) : raw.map(() => 1 / raw.length);
        const frozenR = deepFreeze(R.map((r) => [...r]));
        const frozenW = deepFreeze([...w]);
        const every = portfolioReturns(frozenR, frozenW);
        R.forEach((row, t) => {
          const expected = row.reduce((a, r, i) => a + w[i]! * r, 0);
          expect(close(every[t]!, expected, 1e-12, 1e-16)).toBe(true);
        });
        const bh = portfolioReturns(Matrix.from(frozenR), frozenW, { rebalance: 'none' });
        const wealth = bh.reduce((a, r) => a * (1 + r), 1);
        const cash = 1 - w.reduce((a, b) => a + b, 0);
        const expected = cash + w.reduce((a, wi, i) => a + wi * R.reduce((g, row) => g * (1 + row[i]!), 1), 0);
        expect(close(wealth, expected, 1e-11, 1e-15)).toBe(true);
        expect(frozenR).toEqual(R);
        expect(frozenW).toEqual(w);
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('with one asset, or one period, buy and hold equals every-period rebalancing', () => {
    fc.assert(
      fc.property(returnsMatrix, ([R, raw]) => {
        const first = [R[0]!];
        expect(portfolioReturns(first, raw, { rebalance: 'none' })[0]).toBeCloseTo(portfolioReturns(first, raw)[0]!, 14);
        const single = R.map((row) => [row[0]!]);
        const a = portfolioReturns(single, [1], { rebalance: 'none' });
        const b = portfolioReturns(single, [1]);
        a.forEach((x, t) => expect(close(x, b[t]!, 1e-12, 1e-16)).toBe(true));
      }),
      { seed: 42, numRuns: 100 },
    );
  });
});
