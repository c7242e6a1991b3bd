/**
 * Published tables:
 * - He, G. & Litterman, R. (1999), "The Intuition Behind Black-Litterman Model Portfolios",
 *   Goldman Sachs Investment Management Research: seven-country example (Table 1 correlations and
 *   volatilities, Table 2 market weights and equilibrium returns, δ = 2.5, τ = 0.05) and the
 *   posterior returns μ̄, optimal weights w* and view weights λ of Tables 4–8.
 * - Idzorek, T. (2005), "A step-by-step guide to the Black-Litterman model: incorporating
 *   user-specified confidence levels": eight asset classes (Table 2 market weights, Table 5 covariance,
 *   δ = 3.07, τ = 0.025), Ω (p. 17) and Table 6 (new combined return vector and new weights).
 * Printed values are percentages with one (He–Litterman) or two (Idzorek) decimals; we compare to
 * half a unit of the last printed digit unless noted.
 */
import { describe, expect, it } from 'vitest';
import { blackLitterman, blackLittermanOmega, impliedReturns, viewsMatrix, type View } from '../../src/black-litterman/index.ts';

function expectPrinted(actual: number[], printed: number[], halfUnit: number, label: string): void {
  actual.forEach((a, i) => {
    const diff = Math.abs(a - printed[i]!);
    expect(diff, `${label}[${i}]: ${a} vs printed ${printed[i]} (±${halfUnit})`).toBeLessThanOrEqual(halfUnit + 1e-9);
  });
}
const pct = (v: number[]) => v.map((x) => 100 * x);

// He & Litterman (1999), Table 1 and Table 2.
const ASSETS = ['Australia', 'Canada', 'France', 'Germany', 'Japan', 'UK', 'USA'];
const CORR = [
  [1.0, 0.488, 0.478, 0.515, 0.439, 0.512, 0.491],
  [0.488, 1.0, 0.664, 0.655, 0.31, 0.608, 0.779],
  [0.478, 0.664, 1.0, 0.861, 0.355, 0.783, 0.668],
  [0.515, 0.655, 0.861, 1.0, 0.354, 0.777, 0.653],
  [0.439, 0.31, 0.355, 0.354, 1.0, 0.405, 0.306],
  [0.512, 0.608, 0.783, 0.777, 0.405, 1.0, 0.652],
  [0.491, 0.779, 0.668, 0.653, 0.306, 0.652, 1.0],
];
const VOL = [0.16, 0.203, 0.248, 0.271, 0.21, 0.2, 0.187];
const COV = CORR.map((r, i) => r.map((c, j) => c * VOL[i]! * VOL[j]!));
const W_MKT = [0.016, 0.022, 0.052, 0.055, 0.116, 0.124, 0.615];
const HL = { cov: COV, marketWeights: W_MKT, riskAversion: 2.5, tau: 0.05, assets: ASSETS } as const;
// View 1: Germany outperforms the rest of Europe (France, UK; market-cap weighted) by 5 %.
const V1: View = { type: 'relative', long: 'Germany', short: ['France', 'UK'], return: 0.05, weighting: 'market-cap' };
// View 2: Canada outperforms the US by 3 % (Table 5) or 4 % (Tables 6–8).
const V2 = (q: number): View => ({ type: 'relative', long: 'Canada', short: 'USA', return: q });

describe('He & Litterman (1999)', () => {
  it('Table 2: equilibrium returns π = δΣw', () => {
    expectPrinted(pct(impliedReturns(COV, W_MKT, { riskAversion: 2.5 })), [3.9, 6.9, 8.4, 9.0, 4.3, 6.8, 7.6], 0.05, 'π');
  });

  it('Table 4: one view (Germany vs rest of Europe) — μ̄, w*, ω/τ, λ', () => {
    const r = blackLitterman({ ...HL, views: [V1] });
    // The market-cap basket puts −5.2/17.6 on France and −12.4/17.6 on the UK (the paper prints −29.5 / −70.5).
    expect(r.P.row(0)[2]).toBeCloseTo(-0.295, 3);
    expectPrinted(pct(r.posteriorReturns), [4.3, 7.6, 9.3, 11.0, 4.5, 7.0, 8.1], 0.05, 'μ̄');
    expectPrinted(pct(r.weights!), [1.5, 2.1, -4.0, 35.4, 11.0, -9.5, 58.6], 0.05, 'w*');
    expectPrinted(
      r.omega.diagonal().map((w) => w / 0.05),
      [0.021],
      0.0005,
      'ω/τ',
    );
    // Table 4 prints 0.302 for this view: that is λ/(1+τ), the view portfolio's weight in
    // w* − w_eq/(1+τ) (its tilt); Tables 5–8 print λ itself (eq. 18), e.g. 0.298 for the same view in Table 5.
    expectPrinted([r.viewWeights![0]! / 1.05], [0.302], 0.0005, 'λ/(1+τ)');
  });

  it('Table 5: two views (Canada outperforms the US by 3 %)', () => {
    const r = blackLitterman({ ...HL, views: [V1, V2(0.03)] });
    expectPrinted(pct(r.posteriorReturns), [4.4, 8.7, 9.5, 11.2, 4.6, 7.0, 7.5], 0.05, 'μ̄');
    expectPrinted(pct(r.weights!), [1.5, 41.9, -3.4, 33.6, 11.0, -8.2, 18.8], 0.05, 'w*');
    expectPrinted(r.viewWeights!, [0.298, 0.418], 0.0005, 'λ');
    expectPrinted(
      r.omega.diagonal().map((w) => w / 0.05),
      [0.021, 0.017],
      0.0005,
      'ω/τ',
    );
  });

  it('Table 6: view 2 more bullish (4 %)', () => {
    const r = blackLitterman({ ...HL, views: [V1, V2(0.04)] });
    expectPrinted(pct(r.posteriorReturns), [4.4, 9.1, 9.5, 11.3, 4.6, 7.0, 7.3], 0.05, 'μ̄');
    expectPrinted(pct(r.weights!), [1.5, 53.3, -3.3, 33.1, 11.0, -7.8, 7.3], 0.05, 'w*');
    expectPrinted(r.viewWeights!, [0.292, 0.538], 0.0005, 'λ');
  });

  it('Table 7: less confidence in view 1 (its ω doubled), user Ω', () => {
    const { P } = viewsMatrix([V1, V2(0.04)], ASSETS, { marketWeights: W_MKT });
    const om = blackLittermanOmega(COV, P, { tau: 0.05 }).toArray();
    om[0]![0]! *= 2;
    const r = blackLitterman({ ...HL, views: [V1, V2(0.04)], omega: om });
    expectPrinted(pct(r.posteriorReturns), [4.3, 8.9, 9.3, 10.6, 4.6, 6.9, 7.2], 0.05, 'μ̄');
    expectPrinted(pct(r.weights!), [1.5, 53.9, -0.5, 23.6, 11.0, -1.1, 6.8], 0.05, 'w*');
    expectPrinted(r.viewWeights!, [0.193, 0.544], 0.0005, 'λ');
    expectPrinted(
      r.omega.diagonal().map((w) => w / 0.05),
      [0.043, 0.017],
      0.0005,
      'ω/τ',
    );
  });

  it('Table 8: a third view (Canada vs Japan, 4.12 %) consistent with the others gets λ = 0 and leaves w* unchanged', () => {
    const views = [V1, V2(0.04), { type: 'relative', long: 'Canada', short: 'Japan', return: 0.0412 } as View];
    const { P } = viewsMatrix(views, ASSETS, { marketWeights: W_MKT });
    const om = blackLittermanOmega(COV, P, { tau: 0.05 }).toArray();
    om[0]![0]! *= 2;
    const r = blackLitterman({ ...HL, views, omega: om });
    expectPrinted(pct(r.weights!), [1.5, 53.9, -0.5, 23.6, 11.0, -1.1, 6.8], 0.05, 'w*');
    expectPrinted(r.viewWeights!, [0.193, 0.544, 0.0], 0.0005, 'λ');
    expectPrinted(
      r.omega.diagonal().map((w) => w / 0.05),
      [0.043, 0.017, 0.059],
      0.0005,
      'ω/τ',
    );
  });
});

// Idzorek (2005), Table 2 (market weights) and Table 5 (covariance of excess returns).
const IDZ_COV = [
  [0.001005, 0.001328, -0.000579, -0.000675, 0.000121, 0.000128, -0.000445, -0.000437],
  [0.001328, 0.007277, -0.001307, -0.00061, -0.002237, -0.000989, 0.001442, -0.001535],
  [-0.000579, -0.001307, 0.059852, 0.027588, 0.063497, 0.023036, 0.032967, 0.048039],
  [-0.000675, -0.00061, 0.027588, 0.029609, 0.026572, 0.021465, 0.020697, 0.029854],
  [0.000121, -0.002237, 0.063497, 0.026572, 0.102488, 0.042744, 0.039943, 0.065994],
  [0.000128, -0.000989, 0.023036, 0.021465, 0.042744, 0.032056, 0.019881, 0.032235],
  [-0.000445, 0.001442, 0.032967, 0.020697, 0.039943, 0.019881, 0.028355, 0.035064],
  [-0.000437, -0.001535, 0.048039, 0.029854, 0.065994, 0.032235, 0.035064, 0.079958],
];
const IDZ_ASSETS = ['US Bonds', 'Intl Bonds', 'US Large Growth', 'US Large Value', 'US Small Growth', 'US Small Value', 'Intl Dev Equity', 'Intl Emerg Equity'];
const IDZ_W = [0.1934, 0.2613, 0.1209, 0.1209, 0.0134, 0.0134, 0.2418, 0.0349];
const IDZ_VIEWS: View[] = [
  { type: 'absolute', asset: 'Intl Dev Equity', return: 0.0525 },
  { type: 'relative', long: 'Intl Bonds', short: 'US Bonds', return: 0.0025 },
  // Growth vs value, market-cap weighted inside each leg (the paper prints the rounded 0.9 / 0.1).
  { type: 'relative', long: ['US Large Growth', 'US Small Growth'], short: ['US Large Value', 'US Small Value'], return: 0.02, weighting: 'market-cap' },
];

describe('Idzorek (2005)', () => {
  // Idzorek's tables come from unrounded inputs; Σ is printed to 6 decimals and w to 2, so the
  // implied returns recomputed from δΣw agree with his Table 3 within 0.015 percentage point and the
  // weights (δΣ)⁻¹μ̄, which amplify the rounding, within 0.05 point.
  it('implied equilibrium returns recomputed from δΣw (Table 3)', () => {
    expectPrinted(pct(impliedReturns(IDZ_COV, IDZ_W, { riskAversion: 3.07 })), [0.08, 0.67, 6.41, 4.08, 7.43, 3.7, 4.8, 6.6], 0.015, 'π');
  });

  it('Ω = diag(τPΣPᵀ) (p. 17) and Table 6: new combined returns and weights (Σ in the weights)', () => {
    const r = blackLitterman({
      cov: IDZ_COV,
      marketWeights: IDZ_W,
      riskAversion: 3.07,
      tau: 0.025,
      views: IDZ_VIEWS,
      assets: IDZ_ASSETS,
      weightCovariance: 'prior',
    });
    expectPrinted(r.omega.diagonal(), [0.000709, 0.000141, 0.000866], 0.0000005, 'Ω');
    expectPrinted(pct(r.posteriorReturns), [0.07, 0.5, 6.5, 4.32, 7.59, 3.94, 4.93, 6.84], 0.01, 'E[R]');
    expectPrinted(pct(r.weights!), [29.88, 15.59, 9.35, 14.82, 1.04, 1.65, 27.81, 3.49], 0.05, 'ŵ');
    // The deviations from the market weights lie along the view portfolios (Table 6, last column).
    const dev = r.weights!.map((w, i) => w - IDZ_W[i]!);
    expect(dev[0]! + dev[1]!).toBeCloseTo(0, 12);
    expect(dev[7]).toBeCloseTo(0, 12);
  });

  it("Idzorek's confidences: with Σ in the weights, a single view's tilt is C times its 100 %-confidence tilt", () => {
    const base = {
      cov: IDZ_COV,
      marketWeights: IDZ_W,
      riskAversion: 3.07,
      tau: 0.025,
      assets: IDZ_ASSETS,
      weightCovariance: 'prior',
      omega: 'idzorek',
    } as const;
    for (const [view, c] of [
      [IDZ_VIEWS[0]!, 0.25],
      [IDZ_VIEWS[1]!, 0.5],
      [IDZ_VIEWS[2]!, 0.65],
    ] as const) {
      const full = blackLitterman({ ...base, views: [{ ...view, confidence: 1 }] });
      const part = blackLitterman({ ...base, views: [{ ...view, confidence: c }] });
      part.weights!.forEach((w, i) => {
        expect(w - IDZ_W[i]!).toBeCloseTo(c * (full.weights![i]! - IDZ_W[i]!), 12);
      });
    }
  });
});
