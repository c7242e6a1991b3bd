import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DimensionError, InsufficientDataError, InvalidArgumentError, NotPositiveDefiniteError } from '../../src/core/errors.ts';
import { Matrix } from '../../src/core/matrix.ts';
import { blackLitterman, blackLittermanOmega, impliedReturns, impliedRiskAversion, marketCapWeights, viewsMatrix } from '../../src/black-litterman/index.ts';
import { deepFreeze, expectClose, loadFixture } from '../helpers.ts';

interface Res {
  omega?: number[][];
  posteriorReturns: number[];
  posteriorCovariance: number[][];
  weights: number[];
  weightsPrior?: number[];
  viewWeights?: number[];
  viewWeightsPrior?: number[];
}
interface Case {
  cov: number[][];
  marketWeights: number[];
  riskAversion: number;
  tau: number;
  riskFreeRate: number;
  P: number[][];
  Q: number[];
  confidences: number[];
  prior: number[];
  results: Record<string, Res>;
}
const fx = loadFixture<{ cases: Case[] }>('black-litterman/posterior.json');

describe('blackLitterman — reference (numpy master formula)', () => {
  fx.cases.forEach((c, ci) => {
    it(`case ${ci} (τ = ${c.tau}, r_f = ${c.riskFreeRate}): HL, Idzorek and user Ω, 100 % confidence`, () => {
      const base = { cov: c.cov, marketWeights: c.marketWeights, riskAversion: c.riskAversion, tau: c.tau, riskFreeRate: c.riskFreeRate };
      for (const name of ['he-litterman', 'idzorek', 'user'] as const) {
        const ref = c.results[name]!;
        const views = { P: c.P, Q: c.Q, ...(name === 'idzorek' ? { confidences: c.confidences } : {}) };
        const omega = name === 'user' ? ref.omega! : name;
        const r = blackLitterman({ ...base, views, omega });
        expectClose(r.prior, c.prior, { rtol: 1e-12, label: `${name} prior` });
        expectClose(r.omega, ref.omega!, { rtol: 1e-12, label: `${name} Ω` });
        expectClose(r.posteriorReturns, ref.posteriorReturns, { rtol: 1e-12, atol: 1e-15, label: `${name} μ̄` });
        expectClose(r.posteriorCovariance, ref.posteriorCovariance, { rtol: 1e-12, atol: 1e-15, label: `${name} Σ̄` });
        expectClose(r.weights!, ref.weights, { rtol: 1e-11, atol: 1e-14, label: `${name} w*` });
        expectClose(r.viewWeights!, ref.viewWeights!, { rtol: 1e-11, atol: 1e-14, label: `${name} λ` });
        const rp = blackLitterman({ ...base, views, omega, weightCovariance: 'prior' });
        expectClose(rp.weights!, ref.weightsPrior!, { rtol: 1e-11, atol: 1e-14, label: `${name} w (Σ)` });
        expectClose(rp.viewWeights!, ref.viewWeightsPrior!, { rtol: 1e-11, atol: 1e-14, label: `${name} λ (Σ)` });
      }
      const ref = c.results['certain']!;
      const r = blackLitterman({ ...base, views: { P: c.P, Q: c.Q, confidences: [1, 1, 1] }, omega: 'idzorek' });
      expectClose(r.posteriorReturns, ref.posteriorReturns, { rtol: 1e-12, atol: 1e-15, label: 'certain μ̄' });
      expectClose(r.posteriorCovariance, ref.posteriorCovariance, { rtol: 1e-8, atol: 1e-15, label: 'certain Σ̄' });
      expectClose(r.weights!, ref.weights, { rtol: 1e-7, atol: 1e-10, label: 'certain w*' });
    });
  });

  it('a prior given directly equals the market-weights route, and implies the same equilibrium weights', () => {
    const c = fx.cases[1]!;
    const a = blackLitterman({
      cov: c.cov,
      marketWeights: c.marketWeights,
      riskAversion: c.riskAversion,
      tau: c.tau,
      riskFreeRate: c.riskFreeRate,
      views: { P: c.P, Q: c.Q },
    });
    const b = blackLitterman({ cov: c.cov, prior: c.prior, riskAversion: c.riskAversion, tau: c.tau, riskFreeRate: c.riskFreeRate, views: { P: c.P, Q: c.Q } });
    expectClose(b.posteriorReturns, a.posteriorReturns, { rtol: 1e-12 });
    expectClose(b.equilibriumWeights!, c.marketWeights, { rtol: 1e-9 });
    expectClose(b.viewWeights!, a.viewWeights!, { rtol: 1e-8 });
    const noDelta = blackLitterman({ cov: c.cov, prior: c.prior, tau: c.tau, views: { P: c.P, Q: c.Q } });
    expect(noDelta.weights).toBeNull();
    expect(noDelta.viewWeights).toBeNull();
    expect(JSON.parse(JSON.stringify(noDelta)).weights).toBeNull();
  });
});

describe('helpers', () => {
  it('marketCapWeights, impliedReturns, impliedRiskAversion', () => {
    expectClose(marketCapWeights([300, 100, 100]), [0.6, 0.2, 0.2], { rtol: 1e-15 });
    expectClose(
      impliedReturns(
        [
          [0.04, 0.01],
          [0.01, 0.09],
        ],
        [0.6, 0.4],
        { riskAversion: 2.5, riskFreeRate: 0.01 },
      ),
      [0.08, 0.115],
      { rtol: 1e-14 },
    );
    const r = [0.02, -0.01, 0.03, 0.0, 0.015];
    const m = r.reduce((a, b) => a + b, 0) / r.length;
    const v = r.reduce((a, b) => a + (b - m) ** 2, 0) / (r.length - 1);
    expectClose(impliedRiskAversion(r, { riskFreeRate: 0.001 }), (m - 0.001) / v, { rtol: 1e-13 });
    expectClose(impliedRiskAversion(r, { ddof: 0 }), m / ((v * (r.length - 1)) / r.length), { rtol: 1e-13 });
  });
  it('viewsMatrix: absolute, relative, basket (equal and market-cap), by index and name', () => {
    const { P, Q, confidences } = viewsMatrix(
      [
        { type: 'absolute', asset: 2, return: 0.03, confidence: 0.4 },
        { type: 'relative', long: [0, 1], short: [2, 3], return: 0.01 },
        { type: 'relative', long: 0, short: [1, 3], return: 0.02, weighting: 'market-cap' },
      ],
      4,
      { marketWeights: [0.4, 0.3, 0.2, 0.1] },
    );
    expectClose(
      P,
      [
        [0, 0, 1, 0],
        [0.5, 0.5, -0.5, -0.5],
        [1, -0.75, 0, -0.25],
      ],
      { rtol: 1e-15 },
    );
    expect(Q).toEqual([0.03, 0.01, 0.02]);
    expect(confidences).toEqual([0.4, null, null]);
  });
  it('Ω helper: He–Litterman and Idzorek closed forms', () => {
    const cov = [
      [0.04, 0.01],
      [0.01, 0.09],
    ];
    expectClose(
      blackLittermanOmega(
        cov,
        [
          [1, 0],
          [-1, 1],
        ],
        { tau: 0.05 },
      ),
      [
        [0.002, 0],
        [0, 0.0055],
      ],
      { rtol: 1e-14 },
    );
    expectClose(
      blackLittermanOmega(
        cov,
        [
          [1, 0],
          [-1, 1],
        ],
        { method: 'idzorek', tau: 0.05, confidences: [0.5, 0.2] },
      ),
      [
        [0.002, 0],
        [0, 0.022],
      ],
      { rtol: 1e-14 },
    );
  });
});

describe('errors', () => {
  const cov = deepFreeze([
    [0.04, 0.01],
    [0.01, 0.09],
  ]);
  const base = { cov, marketWeights: [0.6, 0.4], riskAversion: 2.5 };
  it('typed errors naming the argument', () => {
    expect(() => marketCapWeights([1, -1])).toThrow(/`caps`/);
    expect(() => marketCapWeights([0, 0])).toThrow(InvalidArgumentError);
    expect(() => marketCapWeights([])).toThrow(InvalidArgumentError);
    expect(() => impliedRiskAversion([0.01])).toThrow(InsufficientDataError);
    expect(() => impliedRiskAversion([0.01, 0.01])).toThrow(/positive variance/);
    expect(() => impliedRiskAversion([0.01, NaN])).toThrow(/marketReturns/);
    expect(() => impliedReturns(cov, [1], { riskAversion: 2 })).toThrow(DimensionError);
    expect(() => impliedReturns(cov, [1, 0], { riskAversion: 0 })).toThrow(/`riskAversion`/);
    expect(() => impliedReturns(cov, [1, 0], {} as never)).toThrow(/`riskAversion`/);
    expect(() => viewsMatrix([{ type: 'absolute', asset: 'X', return: 0.1 }], ['A', 'B'])).toThrow(/unknown asset "X"/);
    expect(() => viewsMatrix([{ type: 'absolute', asset: 'A', return: 0.1 }], 2)).toThrow(/no asset names/);
    expect(() => viewsMatrix([{ type: 'absolute', asset: 5, return: 0.1 }], 2)).toThrow(/index/);
    expect(() => viewsMatrix([{ type: 'relative', long: 0, short: [0, 1], return: 0.1 }], 2)).toThrow(/twice/);
    expect(() => viewsMatrix([{ type: 'relative', long: 0, short: 1, return: 0.1, weighting: 'market-cap' }], 2)).toThrow(/marketWeights/);
    expect(() => viewsMatrix([{ type: 'absolute', asset: 0, return: NaN }], 2)).toThrow(/`return`/);
    expect(() => viewsMatrix([{ type: 'absolute', asset: 0, return: 0.1, confidence: 0 }], 2)).toThrow(/`confidence`/);
    expect(() => viewsMatrix([{ type: 'ranking', asset: 0, return: 0.1 } as never], 2)).toThrow(/type/);
    expect(() => viewsMatrix([{ type: 'absolute', asset: 0, ret: 0.1 } as never], 2)).toThrow(/`return`/);
    expect(() => viewsMatrix([], 2)).toThrow(/`views`/);
    expect(() => blackLitterman({ ...base, views: [], prior: [0.1, 0.1] })).toThrow(/exactly one of `prior` or `marketWeights`/);
    expect(() => blackLitterman({ cov, marketWeights: [0.6, 0.4], views: [] })).toThrow(/`riskAversion` is required/);
    expect(() => blackLitterman({ ...base, views: [], tau: 0 })).toThrow(/`tau`/);
    expect(() => blackLitterman({ ...base, views: [], extra: 1 } as never)).toThrow(/unknown option `extra`/);
    expect(() => blackLitterman({ ...base, views: [{ type: 'absolute', asset: 0, return: 0.1, confidence: 0.5 }] })).toThrow(/omega: 'idzorek'/);
    expect(() => blackLitterman({ ...base, views: [{ type: 'absolute', asset: 0, return: 0.1 }], omega: 'idzorek' })).toThrow(/confidence/);
    expect(() => blackLitterman({ ...base, views: { P: [[1, 0]], Q: [0.1, 0.2] } })).toThrow(DimensionError);
    expect(() =>
      blackLitterman({
        ...base,
        views: { P: [[1, 0]], Q: [0.1] },
        omega: [
          [0.1, 0],
          [0, 0.1],
        ],
      }),
    ).toThrow(DimensionError);
    expect(() =>
      blackLitterman({
        ...base,
        cov: [
          [0.04, 0.06],
          [0.06, 0.09],
        ],
        views: [],
      }),
    ).toThrow(NotPositiveDefiniteError);
    expect(() =>
      blackLitterman({
        ...base,
        views: {
          P: [
            [1, 0],
            [2, 0],
          ],
          Q: [0.1, 0.2],
          confidences: [1, 1],
        },
        omega: 'idzorek',
      }),
    ).toThrow(/redundant/);
  });
  it('malformed views, a non-PD Σ for Ω, overflowing caps and variances: typed errors or exact values', () => {
    expect(() => blackLitterman({ ...base, views: null as never })).toThrow(InvalidArgumentError);
    expect(() => blackLitterman({ ...base, views: 5 as never })).toThrow(/`views` must be an array of views or \{ P, Q/);
    expect(() => blackLitterman({ ...base, views: { P: [[1, 0]], Q: [0.1], confidence: [0.5] } as never })).toThrow(/unknown key `confidence`/);
    // A hole in a sparse views array is reported, not skipped.
    // eslint-disable-next-line no-sparse-arrays
    expect(() => viewsMatrix([, { type: 'absolute', asset: 0, return: 0.1 }] as never, 2)).toThrow(/view 0 must be an object/);
    expect(() => viewsMatrix([{ type: 'absolute', asset: 'A', return: 0.1 }], ['A', 'A'])).toThrow(/distinct/);
    // Confidences with a user Ω would be ignored silently: an error, as with He–Litterman Ω.
    expect(() => blackLitterman({ ...base, views: { P: [[1, 0]], Q: [0.1], confidences: [0.5] }, omega: [[0.01]] })).toThrow(/user matrix, which ignores it/);
    // A market-cap leg with a negative weight would flip that asset to the other side of the view.
    expect(() => viewsMatrix([{ type: 'relative', long: [0, 1], short: 2, return: 0.1, weighting: 'market-cap' }], 3, { marketWeights: [-1, 2, 1] })).toThrow(
      /negative market weight/,
    );
    // An indefinite Σ would give a negative ω (−τ for P = [1, 0], Σ₀₀ = −1).
    expect(() =>
      blackLittermanOmega(
        [
          [-1, 0],
          [0, 1],
        ],
        [[1, 0]],
      ),
    ).toThrow(NotPositiveDefiniteError);
    // Caps whose sum overflows a double: 1e308 + 1e308 = Infinity, yet the weights are 1/2 each.
    expect(marketCapWeights([1e308, 1e308])).toEqual([0.5, 0.5]);
    expect(marketCapWeights([1.5e308, 0.5e308])).toEqual([0.75, 0.25]);
    // Variance of [1e200, −1e200] overflows: an error, not δ = 0.
    expect(() => impliedRiskAversion([1e200, -1e200])).toThrow(/overflows/);
  });
  it('does not mutate inputs and accepts Matrix / typed arrays', () => {
    const views = deepFreeze([{ type: 'absolute' as const, asset: 1, return: 0.12 }]);
    const frozen = deepFreeze({ ...base, marketWeights: [0.6, 0.4], views, assets: ['A', 'B'] });
    const a = blackLitterman(frozen);
    expect(frozen.marketWeights).toEqual([0.6, 0.4]);
    expect(cov).toEqual([
      [0.04, 0.01],
      [0.01, 0.09],
    ]);
    const b = blackLitterman({ ...base, cov: Matrix.from(cov), marketWeights: Float64Array.from([0.6, 0.4]), views });
    expect(b.posteriorReturns).toEqual(a.posteriorReturns);
  });
  it('results are JSON-safe: matrices become number[][], null stays null, every number finite', () => {
    const a = blackLitterman({ ...base, views: [{ type: 'absolute', asset: 'B', return: 0.12 }], assets: ['A', 'B'] });
    const json = JSON.parse(JSON.stringify(a)) as Record<string, unknown>;
    expect(json).toEqual({
      prior: a.prior,
      posteriorReturns: a.posteriorReturns,
      posteriorCovariance: a.posteriorCovariance.toArray(),
      weights: a.weights,
      equilibriumWeights: a.equilibriumWeights,
      viewWeights: a.viewWeights,
      P: [[0, 1]],
      Q: [0.12],
      omega: a.omega.toArray(),
      tau: 0.05,
      riskAversion: 2.5,
      posteriorReturnsByAsset: { A: a.posteriorReturns[0], B: a.posteriorReturns[1] },
      weightsByAsset: { A: a.weights![0], B: a.weights![1] },
    });
    const flat = (v: unknown): unknown[] => (Array.isArray(v) ? v.flatMap(flat) : v !== null && typeof v === 'object' ? Object.values(v).flatMap(flat) : [v]);
    const leaves = flat(json);
    expect(leaves.length).toBe(2 + 2 + 4 + 2 + 2 + 1 + 2 + 1 + 1 + 1 + 1 + 2 + 2);
    for (const v of leaves) expect(typeof v === 'number' && Number.isFinite(v)).toBe(true);
    // An asset called __proto__ is an ordinary key of the labelled records.
    const p = blackLitterman({ ...base, views: [], assets: ['__proto__', 'constructor'] });
    expect(Object.keys(p.weightsByAsset!)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(p.weightsByAsset)).toBe(Object.prototype);
  });
});

/** Random SPD covariance + market weights + views. */
const problemArb = fc.tuple(fc.integer({ min: 2, max: 8 }), fc.integer({ min: 1, max: 2 ** 31 - 1 })).map(([n, seed]) => {
  let s = seed >>> 0;
  const u = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const A = Array.from({ length: n }, () => Array.from({ length: n + 2 }, () => (u() - 0.5) * 0.3));
  const cov = A.map((ri) => A.map((rj) => ri.reduce((t, v, m) => t + v * rj[m]!, 0) + 0.0));
  for (let i = 0; i < n; i++) cov[i]![i]! += 0.002;
  const caps = Array.from({ length: n }, () => 0.1 + u());
  const k = 1 + Math.floor(u() * Math.min(3, n));
  const views = Array.from({ length: k }, (_, v) =>
    v === 0
      ? { type: 'absolute' as const, asset: Math.floor(u() * n), return: 0.1 * (u() - 0.3), confidence: 0.05 + 0.95 * u() }
      : { type: 'relative' as const, long: v % n, short: (v + 1) % n, return: 0.05 * (u() - 0.5), confidence: 0.05 + 0.95 * u() },
  );
  const unique = new Set(views.map((v) => JSON.stringify(v.type === 'absolute' ? [v.asset] : [v.long, v.short]))).size === k;
  return { cov, caps, views: unique ? views : views.slice(0, 1), delta: 1 + 3 * u(), tau: 0.01 + 0.5 * u() };
});

describe('properties', () => {
  it('no views returns the prior (μ̄ = π, Σ̄ = (1+τ)Σ, w* = w_eq / (1+τ))', () => {
    fc.assert(
      fc.property(problemArb, ({ cov, caps, delta, tau }) => {
        const w = marketCapWeights(caps);
        const r = blackLitterman({ cov, marketWeights: w, riskAversion: delta, tau, views: [] });
        expect(r.posteriorReturns).toEqual(r.prior);
        expectClose(
          r.posteriorCovariance,
          cov.map((row) => row.map((v) => v * (1 + tau))),
          { rtol: 1e-14, atol: 1e-18 },
        );
        expectClose(
          r.weights!,
          w.map((x) => x / (1 + tau)),
          { rtol: 1e-8, atol: 1e-12 },
        );
      }),
      { seed: 42, numRuns: 100 },
    );
  });
  it('100 % confidence makes every view hold exactly (Pμ̄ = Q)', () => {
    fc.assert(
      fc.property(problemArb, ({ cov, caps, delta, tau, views }) => {
        const certain = views.map((v) => ({ ...v, confidence: 1 }));
        const r = blackLitterman({ cov, marketWeights: marketCapWeights(caps), riskAversion: delta, tau, views: certain, omega: 'idzorek' });
        const P = r.P.toArray();
        P.forEach((p, a) => {
          const pm = p.reduce((t, x, j) => t + x * r.posteriorReturns[j]!, 0);
          expect(Math.abs(pm - r.Q[a]!)).toBeLessThanOrEqual(1e-10 * (1 + Math.abs(r.Q[a]!)));
        });
      }),
      { seed: 42, numRuns: 100 },
    );
  });
  it("He & Litterman's decomposition w* = (w_eq + Pᵀλ)/(1+τ) holds", () => {
    fc.assert(
      fc.property(problemArb, ({ cov, caps, delta, tau, views }) => {
        const w = marketCapWeights(caps);
        const r = blackLitterman({ cov, marketWeights: w, riskAversion: delta, tau, views, omega: 'idzorek', riskFreeRate: 0.003 });
        const P = r.P.toArray();
        const rebuilt = w.map((wi, i) => (wi + P.reduce((t, p, a) => t + p[i]! * r.viewWeights![a]!, 0)) / (1 + tau));
        expectClose(r.weights!, rebuilt, { rtol: 1e-7, atol: 1e-9 });
      }),
      { seed: 42, numRuns: 100 },
    );
  });
});
