/**
 * Risk functions given ReturnTables: the table path equals the matrix path bit for bit (the
 * matrix path is reference-tested against numpy / scipy in value-at-risk, component-risk, stress
 * and backtests tests), labels come from the table, dates are reported and checked by hand on
 * small examples, `missing: 'drop'` equals the matrix with those rows removed, and inputs stay
 * untouched. minCVaR (quantivista/optimize) is here too: its table labels are the same story.
 */
import { describe, expect, it } from 'vitest';
import { backtestVaR, componentRisk, expectedShortfall, historicalStress, incrementalVaR, valueAtRisk, type VaRMethod } from '../../src/risk/index.ts';
import { minCVaR } from '../../src/optimize/index.ts';
import { readTable } from '../../src/core/table.ts';
import { deepFreeze, loadFixture } from '../helpers.ts';

const fx = loadFixture('risk/risk.json');

/** `count` consecutive ISO dates from 2020-01-01 (calendar days; only their order matters here). */
function isoDates(count: number, from = Date.UTC(2020, 0, 1)): string[] {
  return Array.from({ length: count }, (_, t) => new Date(from + t * 86_400_000).toISOString().slice(0, 10));
}

// 300 periods of the synthetic set's first 8 assets (fat-tailed factor model)
const R8: number[][] = fx.synthetic.returns.slice(0, 300).map((r: number[]) => r.slice(0, 8));
const tickers = ['AAA', 'BBB', 'CCC', 'DDD', 'EEE', 'FFF', 'GGG', 'HHH'];
const dates = isoDates(R8.length);
const w8: number[] = deepFreeze([0.2, 0.15, 0.1, 0.05, 0.2, 0.1, 0.1, 0.1]);
const keyed = deepFreeze(Object.fromEntries(tickers.map((a, i) => [a, w8[i]!])));
const plain = () => deepFreeze({ kind: 'returns' as const, dates: dates.slice(), assets: tickers.slice(), values: R8.map((r) => r.slice()) });

describe('valueAtRisk / expectedShortfall on a ReturnTable', () => {
  const cases: Array<[VaRMethod, object]> = [
    ['historical', {}],
    ['historical', { quantileMethod: 'midpoint' }],
    ['gaussian', { horizon: 10 }],
    ['student-t', {}],
    ['student-t', { degreesOfFreedomFit: 'mle' }],
    ['cornish-fisher', { outsideDomain: 'flag' }],
    ['ewma', { lambda: 0.97 }],
  ];
  for (const [method, extra] of cases) {
    it(`${method} ${JSON.stringify(extra)}: table (array or keyed weights, plain or library-built) = matrix, bit for bit`, () => {
      const opts = { method, confidence: 0.975, ...extra };
      const viaMatrix = expectedShortfall(R8, { ...opts, weights: w8 });
      const t = plain();
      expect(expectedShortfall(t, { ...opts, weights: w8 })).toEqual(viaMatrix);
      expect(expectedShortfall(t, { ...opts, weights: keyed })).toEqual(viaMatrix);
      expect(expectedShortfall(readTable('test', 'returns', t, 'returns'), { ...opts, weights: keyed })).toEqual(viaMatrix);
      const { es: _es, tailCount: _tc, esFlooredAtVaR: _f, ...varPart } = viaMatrix;
      expect(valueAtRisk(t, { ...opts, weights: keyed })).toEqual(varPart);
      expect(t.values[0]).toEqual(R8[0]); // not mutated (frozen, too)
    });
  }

  it('structured clones (of a Matrix, of a library-built table) are read like the originals', () => {
    const built = readTable('test', 'returns', plain(), 'returns');
    const viaMatrix = valueAtRisk(R8, { weights: w8, method: 'cornish-fisher', outsideDomain: 'flag' });
    expect(valueAtRisk(structuredClone(built), { weights: keyed, method: 'cornish-fisher', outsideDomain: 'flag' })).toEqual(viaMatrix);
    expect(valueAtRisk(structuredClone(built.values), { weights: w8, method: 'cornish-fisher', outsideDomain: 'flag' })).toEqual(viaMatrix);
  });

  it('keyed weights in any key order give the same bits', () => {
    const reversed = Object.fromEntries(Object.entries(keyed).reverse());
    expect(valueAtRisk(plain(), { weights: reversed })).toEqual(valueAtRisk(R8, { weights: w8 }));
  });

  it('a one-column table needs no weights (the single series)', () => {
    const series = R8.map((r) => r[0]!);
    const t = { kind: 'returns' as const, dates, assets: ['AAA'], values: series.map((v) => [v]) };
    expect(valueAtRisk(t, { method: 'gaussian' })).toEqual(valueAtRisk(series, { method: 'gaussian' }));
  });

  it("missing: 'drop' removes the incomplete rows (same bits as the matrix without them) and counts the rest", () => {
    const values = R8.map((r) => r.slice() as Array<number | null>);
    values[3]![2] = null;
    values[77]![7] = Number.NaN;
    const t = deepFreeze({ kind: 'returns' as const, dates, assets: tickers, values });
    const kept = R8.filter((_, i) => i !== 3 && i !== 77);
    for (const method of ['historical', 'gaussian', 'ewma'] as const) {
      const a = expectedShortfall(t, { method, weights: keyed, missing: 'drop' });
      expect(a).toEqual(expectedShortfall(kept, { method, weights: w8 }));
      expect(a.observations).toBe(298);
    }
    // the matrix path drops the same rows
    const m = values.map((r) => r.map((v) => (v === null ? Number.NaN : v)));
    expect(valueAtRisk(m, { weights: w8, missing: 'drop' })).toEqual(valueAtRisk(kept, { weights: w8 }));
    // and a single series drops its missing entries
    const s = [0.01, null, -0.02, Number.NaN, 0.03, -0.01, 0.02, 0, -0.03, 0.01, 0.02, -0.01] as number[];
    const r = valueAtRisk(s, { confidence: 0.9, missing: 'drop' });
    expect(r.observations).toBe(10);
    // hand: sorted −0.03, −0.02, −0.01, …; h = 9 · 0.1 = 0.9 → −0.03 + 0.9 · 0.01 = −0.021
    expect(r.var).toBeCloseTo(0.021, 15);
  });

  it('assumeReturns passes through to the prices screen of a matrix', () => {
    const levels = [
      [1.5, 2],
      [1.6, 2.1],
      [1.4, 2.2],
      [1.7, 2.05],
    ];
    expect(() => valueAtRisk(levels, { method: 'gaussian', weights: [0.5, 0.5] })).toThrow(/looks like prices/);
    // hand: portfolio 1.75, 1.85, 1.8, 1.875 — mean 1.81875; the VaR is just a number here
    const r = valueAtRisk(levels, { method: 'gaussian', weights: [0.5, 0.5], assumeReturns: true });
    expect(r.mean).toBeCloseTo(1.81875, 14);
  });
});

describe('componentRisk / incrementalVaR on a ReturnTable', () => {
  const combos = [
    ['volatility', 'gaussian'],
    ['var', 'gaussian'],
    ['es', 'gaussian'],
    ['var', 'historical'],
    ['es', 'historical'],
    ['var', 'cornish-fisher'],
    ['es', 'cornish-fisher'],
  ] as const;
  for (const [measure, method] of combos) {
    it(`${measure} / ${method}: table = matrix with the same labels, bit for bit; byAsset keyed by ticker`, () => {
      const opts = { measure, method, confidence: 0.95, outsideDomain: 'flag' as const };
      const viaMatrix = componentRisk(w8, R8, { ...opts, assets: tickers });
      const t = plain();
      expect(componentRisk(w8, t, opts)).toEqual(viaMatrix);
      expect(componentRisk(keyed, t, opts)).toEqual(viaMatrix);
      expect(Object.keys(viaMatrix.byAsset!)).toEqual(tickers);
      expect(viaMatrix.byAsset!.CCC!.component).toBe(viaMatrix.component[2]);
      expect(viaMatrix.observations).toBe(300);
    });
  }

  it('keyed weights with a matrix and `assets`', () => {
    expect(componentRisk(keyed, R8, { assets: tickers })).toEqual(componentRisk(w8, R8, { assets: tickers }));
  });

  it('a square table is read as returns, never as a covariance', () => {
    // 2 x 2 and symmetric: as a matrix it would be a covariance; as a table it is two periods
    const values = [
      [0.01, 0.02],
      [0.02, -0.01],
    ];
    const t = { kind: 'returns' as const, dates: ['2024-01-02', '2024-01-03'], assets: ['A', 'B'], values };
    const r = componentRisk([1, 1], t);
    expect(r).toEqual(componentRisk([1, 1], values, { input: 'returns', assets: ['A', 'B'] }));
    // hand: returns of A + B are 0.03 and 0.01; their sample standard deviation is √(2 · 0.01² / 1) = 0.01·√2
    expect(r.total).toBeCloseTo(0.01 * Math.SQRT2, 15);
  });

  it("missing: 'drop' on the table equals the matrix without the incomplete row", () => {
    const values = R8.map((r) => r.slice() as Array<number | null>);
    values[10]![0] = null;
    const t = { kind: 'returns' as const, dates, assets: tickers, values };
    const kept = R8.filter((_, i) => i !== 10);
    const r = componentRisk(keyed, t, { measure: 'es', method: 'historical', missing: 'drop' });
    expect(r).toEqual(componentRisk(w8, kept, { measure: 'es', method: 'historical', assets: tickers }));
    expect(r.observations).toBe(299);
  });

  it('incrementalVaR takes the table as returns', () => {
    const change = [0, 0, 0.05, 0, -0.05, 0, 0, 0];
    expect(incrementalVaR(w8, plain(), change, { method: 'historical' })).toEqual(incrementalVaR(w8, R8, change, { method: 'historical' }));
  });
});

describe('historicalStress on a ReturnTable', () => {
  const e = fx.historicalStress;
  const w6: number[] = fx.hypothetical.weights;
  const R6: number[][] = fx.synthetic.returns.map((r: number[]) => r.slice(0, 6));
  const a6 = ['A', 'B', 'C', 'D', 'E', 'F'];
  const d6 = isoDates(R6.length);

  it('the table path equals the matrix path (with dates and labels), bit for bit', () => {
    const t = deepFreeze({ kind: 'returns' as const, dates: d6.slice(), assets: a6.slice(), values: R6.map((r) => r.slice()) });
    const windows = [
      { name: 'ref', start: e.start as number, end: e.end as number },
      { name: 'byDate', start: d6[e.start]!, end: d6[e.end]! },
    ];
    const viaMatrix = historicalStress(w6, R6, { windows, dates: d6, assets: a6 });
    const viaTable = historicalStress(w6, t, { windows });
    expect(viaTable).toEqual(viaMatrix);
    expect(historicalStress(Object.fromEntries(a6.map((a, i) => [a, w6[i]!])), t, { windows })).toEqual(viaMatrix);
    // from / to on the table's own dates are the same rows
    const ft = historicalStress(w6, t, { windows: [{ name: 'ref', from: d6[e.start]!, to: d6[e.end]! }] });
    expect(ft.windows[0]).toEqual(viaMatrix.windows[0]);
  });

  it('dates by hand: a window from a Saturday to a Sunday, its start/end, worst day and drawdown dates', () => {
    // Fri 2024-03-01 … Fri 2024-03-08 (weekdays only)
    const dd = ['2024-03-01', '2024-03-04', '2024-03-05', '2024-03-06', '2024-03-07', '2024-03-08'];
    const values = [
      [0.01, 0.0],
      [-0.1, -0.02],
      [0.02, 0.01],
      [-0.05, 0.0],
      [0.03, 0.01],
      [0.0, 0.0],
    ];
    const t = { kind: 'returns' as const, dates: dd, assets: ['X', 'Y'], values };
    const r = historicalStress({ X: 1, Y: 1 }, t, { windows: [{ name: 'week', from: '2024-03-02', to: '2024-03-06' }] });
    const w = r.windows[0]!;
    // rows 1..3 (03-04 … 03-06). Values: X 0.9, 0.918, 0.8721; Y 0.98, 0.9898, 0.9898.
    expect([w.start, w.end, w.startDate, w.endDate, w.periods]).toEqual([1, 3, '2024-03-04', '2024-03-06', 3]);
    // portfolio 2 → 1.88 (−6 %), 1.9078 (+1.478…%), 1.8619 (−2.406…%): worst on 03-04
    expect(w.worstDay).toEqual({ index: 1, date: '2024-03-04', loss: expect.closeTo(0.06, 14) });
    // loss 1 − 1.8619 / 2 = 0.06905; contributions (1 − 0.8721) / 2 and (1 − 0.9898) / 2
    expect(w.loss).toBeCloseTo(0.06905, 14);
    expect(w.byAsset!.X).toBeCloseTo(0.06395, 14);
    expect(w.byAsset!.Y).toBeCloseTo(0.0051, 14);
    // peak 2 at the start (0 periods in), trough at the end of the window (3 periods in)
    expect(w.peakToTrough.peakAfter).toBe(0);
    expect(w.peakToTrough.troughAfter).toBe(3);
    // the window's edges may be trading days themselves
    const exact = historicalStress([1, 1], t, { windows: [{ name: 'all', from: '2024-03-01', to: '2024-03-08' }] }).windows[0]!;
    expect([exact.start, exact.end]).toEqual([0, 5]);
  });

  it('a matrix with `dates` takes from / to windows too', () => {
    const dd = ['2024-03-01', '2024-03-04', '2024-03-05'];
    const r = historicalStress([1], [[0.1], [-0.1], [0.05]], { dates: dd, windows: [{ name: 'x', from: '2024-03-04', to: '2024-03-05' }] });
    expect(r.windows[0]!.start).toBe(1);
    expect(r.windows[0]!.loss).toBeCloseTo(1 - 0.9 * 1.05, 15);
  });
});

describe('backtestVaR with dated inputs', () => {
  const dd = ['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-08', '2024-01-09'];
  const pnl = [0.01, -0.03, 0.0, -0.02, -0.025, 0.005];
  const fc = [0.02, 0.02, 0.02, 0.025, 0.02, 0.02];
  const asTable = (v: number[], asset: string) => deepFreeze({ kind: 'returns' as const, dates: dd.slice(), assets: [asset], values: v.map((x) => [x]) });

  it('reports each exception date (hand: losses beyond VaR on 01-03 and 01-08; −2 % against a 2.5 % VaR is none)', () => {
    const plainResult = backtestVaR(pnl, fc, { confidence: 0.95 });
    expect(plainResult.exceptionIndices).toEqual([1, 4]);
    expect(plainResult.exceptionDates).toBeUndefined();
    for (const [r, f] of [
      [asTable(pnl, 'book'), fc],
      [pnl, asTable(fc, 'VaR')],
      [asTable(pnl, 'book'), asTable(fc, 'VaR')],
    ] as const) {
      const d = backtestVaR(r, f, { confidence: 0.95 });
      expect(d.exceptionDates).toEqual(['2024-01-03', '2024-01-08']);
      const { exceptionDates: _d, ...rest } = d;
      expect(rest).toEqual(plainResult);
    }
  });

  it('the forecasts table may leave its kind out', () => {
    const f = { dates: dd, assets: ['VaR'], values: fc.map((x) => [x]) };
    expect(backtestVaR(asTable(pnl, 'book'), f, { confidence: 0.95 }).exceptions).toBe(2);
  });
});

describe('minCVaR on a ReturnTable', () => {
  const S: number[][] = fx.synthetic.returns.slice(0, 120).map((r: number[]) => r.slice(0, 5));
  const assets = ['A1', 'A2', 'A3', 'A4', 'A5'];
  it('labels the weights by ticker; same bits as the matrix with `assets`', () => {
    const t = deepFreeze({ kind: 'returns' as const, dates: isoDates(S.length), assets: assets.slice(), values: S.map((r) => r.slice()) });
    const viaMatrix = minCVaR(S, { confidence: 0.9, assets });
    const viaTable = minCVaR(t, { confidence: 0.9 });
    expect(viaTable).toEqual(viaMatrix);
    expect(Object.keys(viaTable.weightsByAsset!)).toEqual(assets);
    expect(viaTable.weightsByAsset!.A3).toBe(viaTable.weights[2]);
    // groups may name the table's tickers
    const g = minCVaR(t, { confidence: 0.9, groups: [{ name: 'first two', assets: ['A1', 'A2'], max: 0.3 }] });
    expect(g.weights[0]! + g.weights[1]!).toBeLessThanOrEqual(0.3 + 1e-9);
    // `assets` overrides the table's tickers
    expect(Object.keys(minCVaR(t, { confidence: 0.9, assets: ['v', 'w', 'x', 'y', 'z'] }).weightsByAsset!)).toEqual(['v', 'w', 'x', 'y', 'z']);
  });
});
