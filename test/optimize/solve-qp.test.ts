import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { solveQP } from '../../src/optimize/index.ts';
import { DimensionError, InfeasibleError, InvalidArgumentError, NotPositiveDefiniteError } from '../../src/core/errors.ts';
import { deepFreeze, expectClose, lcgMatrix, loadFixture } from '../helpers.ts';

interface QPCase {
  Q: number[][];
  c: number[];
  A: number[][];
  b: number[];
  G?: number[][];
  h?: number[];
  lower: number[];
  upper: number[];
  x: number[];
  objective: number;
  psd?: boolean;
}
const fx = loadFixture<{ solveQP: QPCase[] }>('optimize/portfolio.json');

describe('solveQP against cvxopt (polished on the active set)', () => {
  fx.solveQP.forEach((cs, k) => {
    it(`case ${k} (n = ${cs.c.length}${cs.psd ? ', rank-deficient Q' : ''})`, () => {
      const { x: _x, objective: _o, psd: _p, ...problem } = cs;
      const r = solveQP(deepFreeze(problem));
      expect(r.converged).toBe(true);
      expect(r.kktResidual).toBeLessThan(1e-10);
      expectClose(r.objective, cs.objective, { rtol: 1e-9, atol: 1e-12, label: 'objective' });
      if (!cs.psd) expectClose(r.x, cs.x, { atol: 1e-8, label: 'x' });
    });
  });
});

describe('solveQP basics', () => {
  it('solves a small problem exactly and reports multipliers with the documented signs', () => {
    const r = solveQP({
      Q: [
        [2, 0],
        [0, 2],
      ],
      c: [-1, 0],
      A: [[1, 1]],
      b: [1],
      lower: 0,
    });
    expectClose(r.x, [0.75, 0.25], { atol: 1e-12 });
    // Qx + c + Aᵀy = 0 → 1.5 − 1 + y = 0 → y = −0.5
    expectClose(r.multipliers.equality, [-0.5], { atol: 1e-12 });
    expect(r.activeConstraints.map((a) => a.kind)).toEqual(['equality']);
  });

  it('reports bound and inequality multipliers and active constraints in words', () => {
    // min ½‖x − (2, −1)‖² s.t. x1 + x2 ≤ 0.5, x ≥ 0
    const r = solveQP({
      Q: [
        [1, 0],
        [0, 1],
      ],
      c: [-2, 1],
      G: [[1, 1]],
      h: [0.5],
      lower: [0, 0],
      labels: { variables: ['a', 'b'], inequalities: ['cap'] },
    });
    expectClose(r.x, [0.5, 0], { atol: 1e-12 });
    // stationarity: x − t + Gᵀz − ν_l = 0 → z = 1.5, ν_l(b) = 0 + 1 + 1.5 = 2.5
    expectClose(r.multipliers.inequality, [1.5], { atol: 1e-12 });
    expectClose(r.multipliers.lower, [0, 2.5], { atol: 1e-12 });
    const words = r.activeConstraints.map((a) => a.description);
    expect(words).toContain("'b' ≥ 0 (lower bound)");
    expect(words.some((w) => w.includes("'cap'"))).toBe(true);
  });

  it('handles a positive semidefinite Q (an LP when Q = 0)', () => {
    const r = solveQP({
      Q: [
        [0, 0],
        [0, 0],
      ],
      c: [1, 2],
      A: [[1, 1]],
      b: [1],
      lower: 0,
    });
    expectClose(r.x, [1, 0], { atol: 1e-12 });
    expectClose(r.objective, 1, { atol: 1e-12 });
  });

  it('is deterministic and warm-starts to the same answer', () => {
    const M = lcgMatrix(30, 12, 3, 1);
    const Q = Array.from({ length: 12 }, (_, i) => Array.from({ length: 12 }, (_, j) => M.reduce((s, r) => s + r[i]! * r[j]!, 0)));
    const problem = { Q, c: Q.map((_, i) => Math.sin(i)), A: [Q.map(() => 1)], b: [1], lower: 0, upper: 0.3 };
    const a = solveQP(problem);
    const b = solveQP(problem);
    expect(b.x).toEqual(a.x);
    const c2 = { ...problem, c: problem.c.map((v) => v * 1.1) };
    const cold = solveQP(c2);
    const warm = solveQP(c2, { warmStart: a.activeSet });
    expectClose(warm.x, cold.x, { atol: 1e-10 });
    expect(warm.iterations).toBeLessThanOrEqual(cold.iterations);
    // a new right-hand side: the old point is infeasible, phase 1 restarts from the old working set
    const g = { ...problem, G: [problem.c.map(() => 1).map((v, i) => (i < 3 ? v : 0))], h: [0.2] };
    const g0 = solveQP(g);
    const g1 = solveQP({ ...g, h: [0.1] }, { warmStart: g0.activeSet });
    expectClose(g1.x, solveQP({ ...g, h: [0.1] }).x, { atol: 1e-10 });
    expect(g1.x.slice(0, 3).reduce((a, v) => a + v, 0)).toBeLessThanOrEqual(0.1 + 1e-12);
  });

  it('KKT residual is tiny and the solution feasible on random problems (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 15 }), fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 4 }), (n, seed, rank) => {
        const M = lcgMatrix(rank, n, seed, 1);
        const Q = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => M.reduce((s, r) => s + r[i]! * r[j]!, 0)));
        const c = lcgMatrix(1, n, seed + 7, 1)[0]!;
        const G = lcgMatrix(2, n, seed + 11, 1);
        // feasible by construction: the equal-weight point satisfies every row with slack
        const h = G.map((g) => g.reduce((a, v) => a + v / n, 0) + 0.05);
        const r = solveQP({ Q, c, A: [c.map(() => 1)], b: [1], G, h, lower: -0.5, upper: 0.8 });
        expect(r.converged).toBe(true);
        expect(r.kktResidual).toBeLessThan(1e-8);
        const s = r.x.reduce((a, b) => a + b, 0);
        expect(Math.abs(s - 1)).toBeLessThan(1e-9);
        for (const v of r.x) expect(v >= -0.5 - 1e-12 && v <= 0.8 + 1e-12).toBe(true);
        G.forEach((g, i) => expect(g.reduce((a, v, j) => a + v * r.x[j]!, 0)).toBeLessThanOrEqual(h[i]! + 1e-9));
      }),
      { seed: 42, numRuns: 60 },
    );
  });
});

describe('solveQP errors', () => {
  it('throws InfeasibleError naming the conflicting constraints', () => {
    try {
      solveQP({
        Q: [
          [1, 0],
          [0, 1],
        ],
        c: [0, 0],
        A: [[1, 1]],
        b: [1],
        lower: 0,
        upper: 0.3,
      });
      expect.fail('no error');
    } catch (e) {
      expect(e).toBeInstanceOf(InfeasibleError);
      const conflicts = (e as InfeasibleError).conflicts;
      expect(conflicts).toContain('equality A[0]·x = 1');
      expect(conflicts).toContain('x[0] ≤ 0.3 (upper bound)');
    }
    expect(() =>
      solveQP({
        Q: [
          [1, 0],
          [0, 1],
        ],
        c: [0, 0],
        G: [
          [1, 0],
          [-1, 0],
        ],
        h: [1, -2],
      }),
    ).toThrow(InfeasibleError);
  });

  it('throws on unbounded, non-convex and malformed problems', () => {
    expect(() =>
      solveQP({
        Q: [
          [1, 0],
          [0, 0],
        ],
        c: [0, -1],
      }),
    ).toThrow(/unbounded/);
    expect(() =>
      solveQP({
        Q: [
          [1, 0],
          [0, -1],
        ],
        c: [0, 0],
        lower: -1,
        upper: 1,
      }),
    ).toThrow(NotPositiveDefiniteError);
    expect(() =>
      solveQP({
        Q: [
          [1, 2],
          [0, 1],
        ],
        c: [0, 0],
      }),
    ).toThrow(/`Q`/);
    expect(() => solveQP({ Q: [[1]], c: [0, 0] })).toThrow(DimensionError);
    expect(() => solveQP({ Q: [[1]], c: [Number.NaN] })).toThrow(InvalidArgumentError);
    expect(() => solveQP({ Q: [[1]], c: [0], A: [[1]] })).toThrow(/`A` and `b`/);
    expect(() => solveQP({ Q: [[1]], c: [0], lower: 1, upper: 0 })).toThrow(/`lower`/);
    expect(() => solveQP({ Q: [[1]], c: [0] }, { tolerance: -1 })).toThrow(/`tolerance`/);
    expect(() => solveQP({ Q: [[1]], c: [0] }, { foo: 1 } as never)).toThrow(/unknown option `foo`/);
  });
});
