import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DimensionError, InfeasibleError, InvalidArgumentError, NotPositiveDefiniteError } from '../../src/core/errors.ts';
import { Matrix } from '../../src/core/matrix.ts';
import { equalRiskContribution, riskBudgeting, riskContributions } from '../../src/risk-parity/index.ts';
import { deepFreeze, expectClose, loadFixture } from '../helpers.ts';

interface RbCase {
  name: string;
  covRef: string;
  budgets: number[] | null;
  weights: number[];
  lower?: number[];
  upper?: number[];
}
const fx = loadFixture<{ covariances: Record<string, number[][]>; tickers: string[]; cases: RbCase[]; bounded: RbCase[] }>('risk-parity/risk-budgeting.json');

function volCov(vol: number[], corr: (i: number, j: number) => number): number[][] {
  return vol.map((a, i) => vol.map((b, j) => a * b * (i === j ? 1 : corr(i, j))));
}

describe('riskContributions', () => {
  it('decomposes volatility (Euler): absolute sum to σ, percentages to 1, marginal = (Σw)_i/σ', () => {
    const cov = [
      [0.04, 0.006, -0.002],
      [0.006, 0.0225, 0.003],
      [-0.002, 0.003, 0.01],
    ];
    const w = [0.5, 0.3, 0.2];
    const r = riskContributions(w, cov, { assets: ['A', 'B', 'C'] });
    const sw = cov.map((row) => row.reduce((s, v, j) => s + v * w[j]!, 0));
    const variance = w.reduce((s, wi, i) => s + wi * sw[i]!, 0);
    expectClose(r.variance, variance, { rtol: 1e-15 });
    expectClose(r.volatility, Math.sqrt(variance), { rtol: 1e-15 });
    expectClose(
      r.marginal,
      sw.map((v) => v / Math.sqrt(variance)),
      { rtol: 1e-14 },
    );
    expectClose(
      r.absolute.reduce((a, b) => a + b, 0),
      r.volatility,
      { rtol: 1e-14 },
    );
    expectClose(
      r.percentage.reduce((a, b) => a + b, 0),
      1,
      { rtol: 1e-14 },
    );
    expect(r.byAsset?.B?.percentage).toBeCloseTo((0.3 * sw[1]!) / variance, 14);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('throws typed errors on bad input', () => {
    const cov = [
      [0.04, 0],
      [0, 0.01],
    ];
    expect(() => riskContributions([1], cov)).toThrow(DimensionError);
    expect(() => riskContributions([0, 0], cov)).toThrow(InvalidArgumentError);
    expect(() => riskContributions([NaN, 1], cov)).toThrow(/weights/);
    // 1e200² overflows: a typed error rather than Infinity / NaN contributions
    expect(() =>
      riskContributions(
        [1e200, 1],
        [
          [1, 0],
          [0, 1],
        ],
      ),
    ).toThrow(InvalidArgumentError);
    expect(() =>
      riskContributions(
        [1e200, 1],
        [
          [1, 0],
          [0, 1],
        ],
      ),
    ).toThrow(/overflows double precision/);
    expect(() =>
      riskContributions(
        [1, 1],
        [
          [0.04, 0.01],
          [0.02, 0.01],
        ],
      ),
    ).toThrow(/`cov`.*symmetric/);
    expect(() =>
      riskContributions(
        [1, 1],
        [
          [0, 0],
          [0, 0.01],
        ],
      ),
    ).toThrow(NotPositiveDefiniteError);
    expect(() => riskContributions([1, 1], cov, { asset: [] } as never)).toThrow(/unknown option `asset`/);
  });
});

describe('equalRiskContribution — published closed forms', () => {
  it('Maillard, Roncalli & Teiletche (2010): constant correlation gives inverse volatility (48/24/16/12 %)', () => {
    for (const rho of [0, 0.5, 0.9, -0.2]) {
      const r = equalRiskContribution(volCov([0.1, 0.2, 0.3, 0.4], () => rho));
      expectClose(r.weights, [0.48, 0.24, 0.16, 0.12], { rtol: 1e-9, label: `rho=${rho}` });
      expect(r.converged).toBe(true);
      expect(r.maxDeviation).toBeLessThanOrEqual(1e-10);
    }
  });

  it('MRT (2010): two assets, any correlation: w1 = σ2 / (σ1 + σ2)', () => {
    for (const rho of [-0.9, -0.3, 0, 0.4, 0.95]) {
      const r = equalRiskContribution(volCov([0.15, 0.05], () => rho));
      expectClose(r.weights, [0.25, 0.75], { rtol: 1e-9, label: `rho=${rho}` });
    }
  });
});

describe('risk budgeting — published tables', () => {
  // Transcriptions of the covariance matrices as in portfolio-allocation's test suite (which cites the same tables).
  const pctClose = (w: number[], printed: number[], decimals: number, label: string) =>
    w.forEach((x, i) => expect(Math.abs(100 * x - printed[i]!), `${label}[${i}]`).toBeLessThanOrEqual(0.5 * 10 ** -decimals + 1e-9));

  it('Maillard, Roncalli & Teiletche (2010), p. 65, example 2: vols 10/20/30/40 %, ρ12 = 0.8, ρ34 = −0.5 → ERC 38.4/19.2/24.3/18.2 %', () => {
    const r = equalRiskContribution([
      [0.01, 0.016, 0, 0],
      [0.016, 0.04, 0, 0],
      [0, 0, 0.09, -0.06],
      [0, 0, -0.06, 0.16],
    ]);
    pctClose(r.weights, [38.4, 19.2, 24.3, 18.2], 1, 'MRT example 2');
  });

  it('Richard & Roncalli (2019), "Constrained risk budgeting portfolios", Table 9 (8 assets, ERC)', () => {
    const cov = [
      [0.0025, 0.002, 0.0021, -0.001, -0.00075, -0.0015, -0.0015, -0.0018],
      [0.002, 0.0025, 0.0014, -0.001, -0.0015, -0.00075, -0.0015, -0.0018],
      [0.0021, 0.0014, 0.0049, 0.0035, 0.00315, 0.0021, 0.0021, 0.00378],
      [-0.001, -0.001, 0.0035, 0.01, 0.009, 0.009, 0.0075, 0.0108],
      [-0.00075, -0.0015, 0.00315, 0.009, 0.0225, 0.02025, 0.01575, 0.0189],
      [-0.0015, -0.00075, 0.0021, 0.009, 0.02025, 0.0225, 0.0135, 0.0189],
      [-0.0015, -0.0015, 0.0021, 0.0075, 0.01575, 0.0135, 0.0225, 0.0189],
      [-0.0018, -0.0018, 0.00378, 0.0108, 0.0189, 0.0189, 0.0189, 0.0324],
    ];
    pctClose(equalRiskContribution(cov).weights, [26.8306, 28.6769, 11.4095, 9.7985, 5.6135, 5.9029, 6.656, 5.1121], 4, 'Table 9');
  });

  it('Richard & Roncalli (2019), Table 6: ERC with weights within ±5 % of (25, 25, 10, 10, 30) %', () => {
    const cov = [
      [0.0225, 0.003, 0.015, 0.0225, 0.0075],
      [0.003, 0.04, 0.035, 0.024, 0.008],
      [0.015, 0.035, 0.0625, 0.06, 0.00125],
      [0.0225, 0.024, 0.06, 0.09, 0.003],
      [0.0075, 0.008, 0.00125, 0.003, 0.01],
    ];
    const init = [0.25, 0.25, 0.1, 0.1, 0.3];
    const r = equalRiskContribution(cov, { bounds: { lower: init.map((x) => x - 0.05), upper: init.map((x) => x + 0.05) } });
    pctClose(r.weights, [22.89, 20.0, 11.69, 10.42, 35.0], 2, 'Table 6');
    expect(r.atBound).toEqual([1, 4]);
  });

  it('Richard & Roncalli (2019), Table 1: ERC and risk budgets (30, 30, 19.5, 20.5) %, unconstrained', () => {
    const cov = [
      [0.01, 0.0075, 0.01, 0.015],
      [0.0075, 0.0225, 0.015, 0.0225],
      [0.01, 0.015, 0.04, 0.045],
      [0.015, 0.0225, 0.045, 0.09],
    ];
    pctClose(equalRiskContribution(cov).weights, [41.01, 27.34, 18.99, 12.66], 2, 'ERC');
    pctClose(riskBudgeting(cov, { budgets: [0.3, 0.3, 0.195, 0.205] }).weights, [45.05, 30.04, 14.67, 10.24], 2, 'RB');
  });
});

describe('riskBudgeting — reference (numpy Newton on Spinu 2013)', () => {
  for (const c of fx.cases) {
    it(`${c.name}: weights match numpy, contributions equal budgets to 1e-10`, () => {
      const cov = fx.covariances[c.covRef]!;
      const n = cov.length;
      const r = c.budgets ? riskBudgeting(cov, { budgets: c.budgets }) : equalRiskContribution(cov);
      expect(r.converged).toBe(true);
      expectClose(r.weights, c.weights, { rtol: 1e-6, atol: 0, label: c.name });
      const b = c.budgets ?? new Array(n).fill(1 / n);
      const rc = riskContributions(r.weights, cov).percentage;
      expectClose(rc, b, { atol: 1e-10, rtol: 0, label: `${c.name} contributions` });
      expect(r.maxDeviation).toBeLessThanOrEqual(1e-10);
      expectClose(
        r.weights.reduce((s, w) => s + w, 0),
        1,
        { rtol: 1e-14 },
      );
    });
  }
  for (const c of fx.bounded) {
    it(`${c.name}: Richard & Roncalli (2019) bounded solution matches scipy L-BFGS-B + brentq`, () => {
      const cov = fx.covariances[c.covRef]!;
      const r = equalRiskContribution(cov, { bounds: { lower: c.lower!, upper: c.upper! } });
      expect(r.converged).toBe(true);
      expectClose(r.weights, c.weights, { atol: 2e-6, rtol: 0, label: c.name });
      r.weights.forEach((w, i) => {
        expect(w).toBeGreaterThanOrEqual(c.lower![i]! - 1e-15);
        expect(w).toBeLessThanOrEqual(c.upper![i]! + 1e-15);
      });
      expectClose(
        r.weights.reduce((s, w) => s + w, 0),
        1,
        { rtol: 1e-14 },
      );
      expect(r.atBound.length).toBeGreaterThan(0);
    });
  }

  it('labels weights with asset names, including awkward names', () => {
    const cov = volCov([0.1, 0.2], () => 0.3);
    const r = equalRiskContribution(cov, { assets: ['__proto__', 'constructor'] });
    expect(Object.keys(r.weightsByAsset!)).toEqual(['__proto__', 'constructor']);
    expect(r.weightsByAsset!['__proto__']).toBeCloseTo(2 / 3, 9);
  });

  it('accepts Matrix and typed-array rows and does not mutate inputs', () => {
    const cov = deepFreeze(volCov([0.1, 0.2, 0.25], (i, j) => (i + j === 1 ? 0.6 : 0.2)));
    const a = equalRiskContribution(cov);
    const b = equalRiskContribution(Matrix.from(cov));
    const c = equalRiskContribution(cov.map((r) => Float64Array.from(r)));
    expect(b.weights).toEqual(a.weights);
    expect(c.weights).toEqual(a.weights);
    const budgets = deepFreeze([1, 2, 3]);
    const frozen = riskBudgeting(cov, { budgets });
    expect(frozen.weights).toEqual(
      riskBudgeting(
        cov.map((r) => [...r]),
        { budgets: [1, 2, 3] },
      ).weights,
    );
    expect(frozen.budgets).toEqual([1 / 6, 2 / 6, 3 / 6]);
  });
});

describe('riskBudgeting — errors', () => {
  const cov = volCov([0.1, 0.2, 0.3], () => 0.3);
  it('throws typed errors naming the argument', () => {
    expect(() => riskBudgeting(cov, {} as never)).toThrow(/`budgets` is required/);
    expect(() => riskBudgeting(cov, { budgets: [1, 2] })).toThrow(/`budgets` must have 3 entries/);
    expect(() => riskBudgeting(cov, { budgets: [1, 0, 2] })).toThrow(InvalidArgumentError);
    expect(() => riskBudgeting(cov, { budgets: [1, NaN, 2] })).toThrow(/budgets/);
    expect(() => riskBudgeting(cov, { budgets: [1, 1, 1], tolerance: 0 })).toThrow(/`tolerance`/);
    expect(() => riskBudgeting(cov, { budgets: [1, 1, 1], maxIterations: 1.5 })).toThrow(/`maxIterations`/);
    expect(() => equalRiskContribution([[0.01, 0.02]])).toThrow(DimensionError);
    expect(() =>
      equalRiskContribution([
        [0.01, 0],
        [0, -0.01],
      ]),
    ).toThrow(NotPositiveDefiniteError);
    // indefinite with a positive diagonal: the 2 x 2 minor of assets 0 and 1 is negative (correlation 2)
    expect(() =>
      equalRiskContribution([
        [1, 2, 0],
        [2, 1, 0],
        [0, 0, 1],
      ]),
    ).toThrow(/correlation of 2 between assets 0 and 1/);
    expect(() =>
      riskBudgeting(
        [
          [1, 2, 0],
          [2, 1, 0],
          [0, 0, 1],
        ],
        { budgets: [1, 1, 1], bounds: { upper: 0.5 } },
      ),
    ).toThrow(NotPositiveDefiniteError);
    expect(() =>
      riskContributions(
        [0.5, 0.5, 0.1],
        [
          [1, -2, 0],
          [-2, 1, 0],
          [0, 0, 1],
        ],
      ),
    ).toThrow(NotPositiveDefiniteError);
    expect(() => equalRiskContribution(cov, { budgets: [1, 1, 1] } as never)).toThrow(/unknown option `budgets`/);
    expect(() => equalRiskContribution(cov, { bounds: { upper: 1.5 } })).toThrow(/bounds.upper/);
    expect(() => equalRiskContribution(cov, { bounds: { lo: 0 } as never })).toThrow(/bounds.lo/);
    expect(() => equalRiskContribution(cov, { assets: ['a', 'b'] })).toThrow(/`assets`/);
  });
  it('throws InfeasibleError for bounds that admit no fully invested portfolio', () => {
    expect(() => equalRiskContribution(cov, { bounds: { upper: 0.3 } })).toThrow(InfeasibleError);
    expect(() => equalRiskContribution(cov, { bounds: { lower: 0.4 } })).toThrow(/sum of lower bounds/);
    try {
      equalRiskContribution(cov, { bounds: { lower: [0, 0.5, 0], upper: [1, 0.4, 1] }, assets: ['x', 'y', 'z'] });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InfeasibleError);
      expect((e as InfeasibleError).conflicts[0]).toMatch(/asset y/);
    }
  });
  it('pins the portfolio when the bounds leave no freedom', () => {
    const r = equalRiskContribution(cov, { bounds: { lower: [0.2, 0.3, 0.5], upper: [1, 1, 1] } });
    expect(r.weights).toEqual([0.2, 0.3, 0.5]);
  });
  it('reports non-convergence instead of hanging', () => {
    const r = equalRiskContribution(fx.covariances['synthetic50']!, { maxIterations: 1 });
    expect(r.converged).toBe(false);
    expect(r.iterations).toBe(1);
    expect(r.maxDeviation).toBeGreaterThan(1e-10);
  });
});

/** A random covariance from a random factor model (positive definite). */
const covArb = (nMin: number, nMax: number) =>
  fc.integer({ min: nMin, max: nMax }).chain((n) =>
    fc
      .tuple(
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: n * 3, maxLength: n * 3 }),
        fc.array(fc.double({ min: 0.05, max: 0.5, noNaN: true }), { minLength: n, maxLength: n }),
        fc.array(fc.double({ min: 0.1, max: 5, noNaN: true }), { minLength: n, maxLength: n }),
      )
      .map(([L, idio, b]) => {
        const cov = Array.from({ length: n }, (_, i) =>
          Array.from({ length: n }, (_, j) => {
            let s = 0;
            for (let f = 0; f < 3; f++) s += L[i * 3 + f]! * L[j * 3 + f]!;
            return 0.01 * (s + (i === j ? idio[i]! : 0));
          }),
        );
        return { cov, budgets: b };
      }),
  );

describe('risk budgeting — properties', () => {
  it('contributions equal budgets (1e-10), weights positive and summing to 1', () => {
    fc.assert(
      fc.property(covArb(2, 12), ({ cov, budgets }) => {
        const r = riskBudgeting(cov, { budgets });
        expect(r.converged).toBe(true);
        const t = budgets.reduce((a, b) => a + b, 0);
        const rc = riskContributions(r.weights, cov).percentage;
        rc.forEach((c, i) => expect(Math.abs(c - budgets[i]! / t)).toBeLessThanOrEqual(1e-10));
        r.weights.forEach((w) => expect(w).toBeGreaterThan(0));
        expect(Math.abs(r.weights.reduce((a, b) => a + b, 0) - 1)).toBeLessThanOrEqual(1e-14);
      }),
      { seed: 42, numRuns: 150 },
    );
  });
  it('ERC volatility lies between the minimum-variance-like bound and 1/n (MRT 2010): σ_ERC ≤ σ_1/n', () => {
    fc.assert(
      fc.property(covArb(2, 10), ({ cov }) => {
        const n = cov.length;
        const erc = equalRiskContribution(cov);
        const eq = riskContributions(new Array(n).fill(1 / n), cov);
        expect(erc.volatility).toBeLessThanOrEqual(eq.volatility * (1 + 1e-12));
      }),
      { seed: 42, numRuns: 100 },
    );
  });
  it('bounded solutions respect the bounds and sum to 1', () => {
    fc.assert(
      fc.property(covArb(3, 8), fc.double({ min: 0.05, max: 0.3, noNaN: true }), ({ cov }, cap) => {
        const n = cov.length;
        const upper = Math.max(cap, 1 / n + 0.01);
        const r = equalRiskContribution(cov, { bounds: { upper } });
        r.weights.forEach((w) => {
          expect(w).toBeGreaterThan(0);
          expect(w).toBeLessThanOrEqual(upper + 1e-12);
        });
        expect(Math.abs(r.weights.reduce((a, b) => a + b, 0) - 1)).toBeLessThanOrEqual(1e-12);
      }),
      { seed: 42, numRuns: 60 },
    );
  });
});
