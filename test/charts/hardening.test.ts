/**
 * Regression tests for the chart items of the hardening campaign: extreme values never hang the
 * tick loop, never abort the process, never put NaN in an SVG; they draw or throw a typed error.
 */
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/core/errors.ts';
import { drawdownChart, weightsChart } from '../../src/charts/index.ts';
import { niceTicks, px } from '../../src/charts/svg.ts';

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
