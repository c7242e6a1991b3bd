/**
 * Regression tests for the chart items of the hardening campaign: extreme values never hang the
 * tick loop, never abort the process, never put NaN in an SVG; they draw or throw a typed error.
 */
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, SizeLimitError } from '../../src/core/errors.ts';
import { attributionChart, correlationHeatmap, drawdownChart, efficientFrontierChart, riskContributionChart, weightsChart } from '../../src/charts/index.ts';
import { CHART_CAPS, niceTicks, px } from '../../src/charts/svg.ts';

describe('charts hardening', () => {
  it('weightsChart({ A: Number.MAX_VALUE, B: 0.5 }) throws a typed error at once (looped forever)', () => {
    expect(() => weightsChart({ A: Number.MAX_VALUE, B: 0.5 })).toThrow(InvalidArgumentError);
  });
  it('weightsChart({ A: 1.6e308, B: -0.1 }) throws a typed error (aborted the process)', () => {
    expect(() => weightsChart({ A: 1.6e308, B: -0.1 })).toThrow(/cannot be drawn/);
  });
  it('large but drawable weights give an SVG without NaN or Infinity', () => {
    const svg = weightsChart({ A: 1e200, B: -0.5 });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).not.toMatch(/NaN|Infinity/);
  });
  it('drawdownChart({ returns: [0.1, 1.7e308] }) throws a typed error (aborted the process)', () => {
    expect(() => drawdownChart({ returns: [0.1, 1.7e308] })).toThrow(InvalidArgumentError);
  });
  it('niceTicks stays bounded for ranges too wide or too narrow for their magnitude', () => {
    for (const [lo, hi] of [
      [-Number.MAX_VALUE, Number.MAX_VALUE],
      [1e15, 1e15 + 0.125],
      [1e300, 1e300],
      [0, 5e-324],
    ] as const) {
      const t = niceTicks(lo, hi);
      expect(t.ticks.length).toBeLessThanOrEqual(1001);
      expect(t.ticks.every(Number.isFinite)).toBe(true);
      expect(t.ticks[0]!).toBeLessThanOrEqual(lo);
      expect(t.ticks[t.ticks.length - 1]!).toBeGreaterThanOrEqual(hi);
    }
  });
  it('a non-finite coordinate is a typed error, never "NaN" in the SVG', () => {
    expect(() => px(Number.NaN)).toThrow(InvalidArgumentError);
    expect(() => px(Infinity)).toThrow(InvalidArgumentError);
  });
});

describe('drawdownChart from a table', () => {
  it('takes a one-column ReturnTable and labels the axis with its dates', () => {
    const t = { kind: 'returns' as const, dates: ['2024-01-31', '2024-02-29', '2024-03-31'], assets: ['PF'], values: [[0.1], [-0.2], [0.05]] };
    const a = drawdownChart(t);
    const b = drawdownChart({ returns: [0.1, -0.2, 0.05], dates: t.dates });
    expect(a).toBe(b);
    expect(a).toContain('2024-01-31');
  });
  it('refuses several columns and a missing return, naming its date', () => {
    expect(() =>
      drawdownChart({
        kind: 'returns',
        dates: ['2024-01-31', '2024-02-29'],
        assets: ['A', 'B'],
        values: [
          [0.1, 0],
          [0.2, 0],
        ],
      }),
    ).toThrow(/one column/);
    expect(() => drawdownChart({ kind: 'returns', dates: ['2024-01-31', '2024-02-29'], assets: ['A'], values: [[0.1], [null]] })).toThrow(
      /2024-02-29 is missing/,
    );
  });
});

describe('chart options are typed', () => {
  it('efficientFrontierChart(d, { title: NaN }) is a typed error (crashed while escaping)', async () => {
    const { efficientFrontierChart } = await import('../../src/charts/index.ts');
    const data = {
      frontier: [
        { volatility: 0.1, expectedReturn: 0.05 },
        { volatility: 0.2, expectedReturn: 0.08 },
      ],
    };
    expect(() => efficientFrontierChart(data, { title: Number.NaN as never })).toThrow(/`title` must be a string, got NaN/);
    expect(() => efficientFrontierChart(data, { description: {} as never })).toThrow(InvalidArgumentError);
    expect(efficientFrontierChart(data, { title: 'Frontier' })).toContain('Frontier');
  });
});

describe('charts hardening (fuzz findings, 2026-12-08)', () => {
  const np = (): unknown => Object.create(null);
  it('attributionChart with a null-prototype segment name throws a typed error (TypeError before)', () => {
    expect(() => attributionChart({ segments: [{ name: np() as string, allocation: 0.004, selection: 0.002 }] })).toThrow(InvalidArgumentError);
    expect(() => attributionChart({ segments: [undefined as never, { name: 'Energy', allocation: -0.001, selection: 0.003 }] })).toThrow(InvalidArgumentError);
  });
  it('drawdownChart / riskContributionChart / weightsChart with a null-prototype value throw typed errors (TypeError before)', () => {
    expect(() => drawdownChart({ returns: [0.1, -0.2, np() as number, 0.1] })).toThrow(InvalidArgumentError);
    expect(() => riskContributionChart({ labels: ['A', 'B'], weights: [0.5, 0.5], contributions: [0.8, np() as number] })).toThrow(InvalidArgumentError);
    expect(() => weightsChart({ AAA: 0.6, BBB: 0.5, CCC: np() as number }, { sort: true })).toThrow(InvalidArgumentError);
  });
  it('bar charts refuse more than CHART_CAPS.bars (1,000) bars at once (hang / stack overflow before)', () => {
    const n = CHART_CAPS.bars + 1;
    const segments = Array.from({ length: 100_000 }, (_, i) => ({ name: `S${i}`, allocation: 0.001, selection: 0.002 }));
    expect(() => attributionChart({ segments })).toThrow(SizeLimitError);
    const w = Array.from({ length: n }, () => 1 / n);
    const labels = w.map((_, i) => `A${i}`);
    expect(() => weightsChart({ weights: w, labels })).toThrow(SizeLimitError);
    expect(() => weightsChart(Object.fromEntries(labels.map((l) => [l, 0.001])))).toThrow(SizeLimitError);
    expect(() => riskContributionChart({ labels, weights: w, contributions: w })).toThrow(SizeLimitError);
    // at the cap it draws
    expect(weightsChart({ weights: w.slice(1), labels: labels.slice(1) }).startsWith('<svg')).toBe(true);
  });
  it('correlationHeatmap refuses more than 500 assets, and a 100,000-row non-square matrix at once', () => {
    expect(() => correlationHeatmap(Array.from({ length: 100_000 }, () => [1, 0.5]))).toThrow(SizeLimitError);
    expect(() =>
      correlationHeatmap([
        [1, 0.5],
        [0.5, 1],
        [1, 0.5],
      ]),
    ).toThrow(InvalidArgumentError);
  });
  it('line charts draw 100,000 points quickly and refuse more than 200,000', () => {
    const returns = Array.from({ length: 100_000 }, (_, i) => (i % 2 ? 0.01 : -0.009));
    expect(drawdownChart({ returns })).not.toMatch(/NaN|Infinity/);
    const frontier = Array.from({ length: 100_000 }, (_, i) => ({ volatility: 0.1 + i * 1e-6, expectedReturn: 0.05 + i * 1e-6 }));
    expect(efficientFrontierChart({ frontier }).startsWith('<svg')).toBe(true);
    expect(() => drawdownChart({ returns: new Float64Array(CHART_CAPS.points + 1) })).toThrow(SizeLimitError);
    expect(() => efficientFrontierChart({ frontier: Array.from({ length: CHART_CAPS.points + 1 }, () => frontier[0]!) })).toThrow(SizeLimitError);
  });
  it('drawdownChart names the period where compounded wealth overflows', () => {
    expect(() => drawdownChart({ returns: [1e300, 1e300] })).toThrow(/overflows the double range at period 1/);
  });
  it('efficientFrontierChart refuses a null-prototype asset label and non-array corners with typed errors', () => {
    const frontier = [
      { volatility: 0.1, expectedReturn: 0.05 },
      { volatility: 0.15, expectedReturn: 0.08 },
    ];
    expect(() => efficientFrontierChart({ frontier, assets: [{ volatility: 0.1, expectedReturn: 0.05, label: np() as string }] })).toThrow(
      InvalidArgumentError,
    );
    expect(() => efficientFrontierChart({ frontier, corners: {} as never })).toThrow(InvalidArgumentError);
  });
});
