/**
 * Regression tests for hardening items in attribution, performance and risk: silently merged
 * labels, a null period, and windows printed as "undefined".
 */
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, NotPositiveDefiniteError, SizeLimitError } from '../../src/core/errors.ts';
import { factorAttribution, linkAttribution, multiLevelAttribution, multiPeriodGeometricAttribution, riskAttribution } from '../../src/attribution/index.ts';
import { linkedModifiedDietz } from '../../src/performance/index.ts';
import { historicalStress } from '../../src/risk/index.ts';

describe('labels and names', () => {
  it("riskAttribution with assets: ['A','A'] is a typed error (silently dropped an entry of byAsset)", () => {
    expect(() =>
      riskAttribution(
        [0.5, 0.5],
        [
          [0.04, 0],
          [0, 0.09],
        ],
        { assets: ['A', 'A'] },
      ),
    ).toThrow(/"A" appears twice/);
  });
  it('linkedModifiedDietz([p, null]) names the bad period', () => {
    const p = { start: '2024-01-01', end: '2024-01-31', startValue: 1000, endValue: 1100, flows: [] };
    expect(() => linkedModifiedDietz([p, null as never])).toThrow(InvalidArgumentError);
    expect(() => linkedModifiedDietz([p, null as never])).toThrow(/periods\[1\]` must be a period object/);
  });
  it('an unnamed stress window is named after its bounds, never "undefined"', () => {
    const r = historicalStress(
      [0.5, 0.5],
      [
        [0.01, 0.02],
        [-0.01, 0],
        [0.02, -0.01],
      ],
      { windows: [{ start: 0, end: 1 } as never] },
    );
    expect(r.windows[0]!.name).toBe('rows 0 to 1');
    expect(JSON.stringify(r)).not.toContain('undefined');
    expect(() =>
      historicalStress(
        [0.5, 0.5],
        [
          [0.01, 0.02],
          [-0.01, 0],
        ],
        { windows: [{ name: 7, start: 0, end: 1 } as never] },
      ),
    ).toThrow(/non-empty string/);
  });
});

describe('factor attribution on degenerate data', () => {
  const f = [[0.01], [-0.02], [0.03], [0.0], [0.02]];
  it('factorAttribution on a constant return series (a cash-like fund) gives null t-statistics with a note, no NaN', () => {
    const a = factorAttribution([0.001, 0.001, 0.001, 0.001, 0.001], f, { factors: ['market'] });
    // by hand: a constant fund has no covariance with the factor (β = 0), α = 0.001 and zero residuals
    expect(a.exposures).toEqual([0]);
    expect(a.alpha).toBe(0.001);
    expect(a.tStats).toEqual([null]);
    expect(a.alphaTStat).toBeNull();
    expect(a.byFactor?.market?.tStat).toBeNull();
    expect(a.note).toMatch(/exactly/);
    expect(JSON.stringify(a)).not.toMatch(/NaN/);
    expect(
      Object.values(a)
        .flat()
        .some((v) => typeof v === 'number' && Number.isNaN(v)),
    ).toBe(false);
  });
  it('a constant factor is a typed error naming the factor', () => {
    const g = f.map((row) => [row[0] as number, 0.002]);
    const call = (): unknown => factorAttribution([0.01, -0.02, 0.03, 0.001, 0.02], g, { factors: ['market', 'cash'] });
    expect(call).toThrow(NotPositiveDefiniteError);
    expect(call).toThrow(/factor 'cash' \(column 1\) is constant/);
  });
  it('a collinear factor is a typed error naming the factor', () => {
    const g = f.map((row) => [row[0] as number, 2 * (row[0] as number)]);
    const call = (): unknown => factorAttribution([0.01, -0.02, 0.031, 0.001, 0.02], g);
    expect(call).toThrow(NotPositiveDefiniteError);
    expect(call).toThrow(/factor column 1 is collinear/);
  });
});

describe('multi-level and linked attribution names', () => {
  const base = { portfolioWeights: [0.5, 0.5], benchmarkWeights: [0.5, 0.5], portfolioReturns: [0.1, 0.2], benchmarkReturns: [0.1, 0.1] };
  it('multiLevelAttribution({ levels: [undefined] }) is a typed error naming the level', () => {
    expect(() => multiLevelAttribution({ ...base, levels: [undefined as never] })).toThrow(InvalidArgumentError);
    expect(() => multiLevelAttribution({ ...base, levels: [['A', 'B'], null as never] })).toThrow(/`levels\[1\]` must be an array of 2 tags/);
    expect(() => multiLevelAttribution({ ...base, levels: [['A', undefined as never]] })).toThrow(/levels\[0\]\[1\]/);
  });
  it('linkAttribution refuses a segment label that is not a string (it printed as "undefined")', () => {
    const p = { portfolioReturn: 0.1, benchmarkReturn: 0.05, segments: ['A', undefined], allocation: [0.02, 0], selection: [0.03, 0], interaction: [0, 0] };
    expect(() => linkAttribution([p as never])).toThrow(/periods\[0\]\.segments\[1\]/);
  });
});

describe('attribution fuzz findings: extreme values and huge inputs', () => {
  const y = [0.012, -0.018, 0.035, 0.002, 0.021];
  const f = [[0.01], [-0.02], [0.03], [0], [0.02]];
  it('factorAttribution with returns near 1e300 scales by a power of two (was NaN / a false exact fit)', () => {
    // numpy.linalg.lstsq on [1, f] gives β = 1.0364864864864867, α = 0.002108108108108106; scaling y by
    // 2^996 (≈ 6.7e299) is exact, so β and α scale by 2^996 and t-statistics and R² are unchanged
    const base = factorAttribution(y, f);
    expect(base.exposures[0]).toBeCloseTo(1.0364864864864867, 14);
    expect(base.alpha).toBeCloseTo(0.002108108108108106, 15);
    const k = 2 ** 996;
    const big = factorAttribution(
      y.map((v) => v * k),
      f,
    );
    expect(big.exposures[0]).toBe((base.exposures[0] as number) * k);
    expect(big.alpha).toBe(base.alpha * k);
    expect(big.rSquared).toBe(base.rSquared);
    expect(big.tStats).toEqual(base.tStats);
    expect(big.note).toBeUndefined();
  });
  it('factorAttribution with a 1e308 return is a typed overflow error (was Infinity)', () => {
    expect(() => factorAttribution([0.012, -0.018, 1e308, 0.002, 0.021], f, { factors: ['market'] })).toThrow(
      /factorAttribution: a figure of the regression overflows/,
    );
  });
  it('factorAttribution with 100,000 factor rows for 5 returns is refused at once', () => {
    expect(() =>
      factorAttribution(
        y,
        Array.from({ length: 100_000 }, (_, i) => f[i % 5] as number[]),
      ),
    ).toThrow(/must have 5 rows/);
  });
  it('multiLevelAttribution with 100,000 levels is a SizeLimitError (ran out of memory)', () => {
    const input = {
      portfolioWeights: [0.3, 0.2, 0.5],
      benchmarkWeights: [0.25, 0.25, 0.5],
      portfolioReturns: [0.05, 0.02, 0.01],
      benchmarkReturns: [0.04, 0.03, 0.01],
      levels: Array.from({ length: 100_000 }, () => ['Equity', 'Equity', 'Bonds']),
    };
    expect(() => multiLevelAttribution(input)).toThrow(SizeLimitError);
    expect(() => multiLevelAttribution({ ...input, levels: input.levels.slice(0, 100) })).not.toThrow();
  });
  it('multiPeriodGeometricAttribution: more than 25,000 periods is a SizeLimitError; an overflowing growth a typed error', () => {
    const per = {
      portfolioWeights: [0.4, 0.3, 0.3],
      benchmarkWeights: [0.4, 0.2, 0.4],
      portfolioReturns: [0.2, -0.05, 0.06],
      benchmarkReturns: [0.1, -0.04, 0.08],
    };
    expect(() => multiPeriodGeometricAttribution(Array.from({ length: 25_001 }, () => per))).toThrow(SizeLimitError);
    expect(() => multiPeriodGeometricAttribution([{ ...per, benchmarkReturns: [0.1, -0.04, 1e308] }, per])).toThrow(
      /multiPeriodGeometricAttribution: compounding the 2 periods leaves the double range/,
    );
  });
  it('riskAttribution with a 100,000-row covariance is refused at once', () => {
    const cov = Array.from({ length: 100_000 }, (_, i) => (i % 2 ? [0.006, 0.09] : [0.04, 0.006]));
    expect(() => riskAttribution([0.6, 0.4], cov, { benchmark: [0.5, 0.5] })).toThrow();
  });
});
