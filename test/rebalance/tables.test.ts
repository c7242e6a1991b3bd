/**
 * Rebalancing given tables: simulateRebalancing on a PriceTable equals the matrix path bit for
 * bit and reports the date of each rebalance (checked by hand); driftWeights on a ReturnTable
 * labels the drifted weights. Inputs are frozen to prove they are not mutated.
 */
import { describe, expect, it } from 'vitest';
import { driftWeights, simulateRebalancing } from '../../src/rebalance/index.ts';
import { readTable } from '../../src/core/table.ts';
import { DimensionError, InvalidArgumentError } from '../../src/core/errors.ts';
import { deepFreeze, expectTypedError, lcgMatrix } from '../helpers.ts';

/** `count` consecutive ISO dates from 2023-12-20 (calendar days). */
function isoDates(count: number, from = Date.UTC(2023, 11, 20)): string[] {
  return Array.from({ length: count }, (_, t) => new Date(from + t * 86_400_000).toISOString().slice(0, 10));
}

// a random walk of 3 prices over 120 days (test input only; the reference is the matrix path)
const steps = lcgMatrix(120, 3, 7, 0.04);
const P: number[][] = [];
steps.forEach((r, t) => P.push(r.map((x, j) => (t === 0 ? 100 : P[t - 1]![j]!) * (1 + x))));
const dates = isoDates(P.length);
const assets = ['EQ', 'BOND', 'GOLD'];
const target = [0.6, 0.3, 0.1];

describe('simulateRebalancing on a PriceTable', () => {
  const policies = [
    { type: 'threshold', bands: { type: 'absolute', width: 0.03 } },
    { type: 'calendar', frequency: 'monthly' },
    { type: 'hybrid', frequency: 'monthly', bands: { type: 'hybrid', absolute: 0.02, relative: 0.1 } },
    { type: 'volatility-scaled', bands: { type: 'absolute', width: 0.02 } },
  ] as const;
  for (const policy of policies) {
    it(`${policy.type}: same bits as the matrix with \`dates\`, plain or library-built table`, () => {
      const opts = { policy, costs: { commission: { bps: 10 }, halfSpreadBps: 5 }, periodsPerYear: 252, volatilityWindow: 20 };
      const viaMatrix = simulateRebalancing(P, target, { ...opts, dates });
      const t = deepFreeze({ kind: 'prices' as const, dates: dates.slice(), assets: assets.slice(), values: P.map((r) => r.slice()) });
      expect(simulateRebalancing(t, target, opts)).toEqual(viaMatrix);
      expect(simulateRebalancing(t, target, { ...opts, dates })).toEqual(viaMatrix); // the table's own dates, redundantly
      expect(simulateRebalancing(readTable('test', 'prices', t, 'prices'), target, opts)).toEqual(viaMatrix);
      expect(viaMatrix.rebalanceDates).toEqual(viaMatrix.rebalanceIndices.map((i) => dates[i]));
      if (policy.type !== 'calendar' && policy.type !== 'hybrid') {
        // without dates the numbers are the same and no dates are reported
        const { rebalanceDates: _d, ...rest } = viaMatrix;
        expect(simulateRebalancing(P, target, opts)).toEqual(rest);
      }
    });
  }

  it('dates by hand: a monthly calendar from the table, a threshold breach dated', () => {
    const t = {
      kind: 'prices' as const,
      dates: ['2024-01-30', '2024-01-31', '2024-02-01', '2024-02-29', '2024-03-01'],
      assets: ['A', 'B'],
      values: [
        [100, 100],
        [100, 100],
        [100, 100],
        [100, 100],
        [100, 100],
      ],
    };
    // the first observations of February and March
    const cal = simulateRebalancing(t, [0.5, 0.5], { policy: { type: 'calendar', frequency: 'monthly' } });
    expect(cal.rebalanceIndices).toEqual([2, 4]);
    expect(cal.rebalanceDates).toEqual(['2024-02-01', '2024-03-01']);
    // A doubles on 02-29: its weight 2/3 breaches a 10 % band around 1/2 there, and nowhere else
    const moved = {
      ...t,
      values: [
        [100, 100],
        [100, 100],
        [100, 100],
        [200, 100],
        [200, 100],
      ],
    };
    const thr = simulateRebalancing(moved, [0.5, 0.5], { policy: { type: 'threshold', bands: { type: 'absolute', width: 0.1 } } });
    expect(thr.rebalanceDates).toEqual(['2024-02-29']);
    expect(thr.rebalanceIndices).toEqual([3]);
  });

  const t = {
    kind: 'prices' as const,
    dates: ['2024-01-02', '2024-01-03'],
    assets: ['A', 'B'],
    values: [
      [10, 20],
      [11, 21],
    ],
  };
  const cases: Array<[string, () => unknown, abstract new (...args: never[]) => Error, RegExp]> = [
    [
      "`dates` that differ from the table's",
      () => simulateRebalancing(t, [0.5, 0.5], { policy: { type: 'calendar' }, dates: ['2024-01-02', '2024-01-04'] }),
      InvalidArgumentError,
      /brings its own dates, and the `dates` option differs from them/,
    ],
    [
      'a ReturnTable',
      () => simulateRebalancing({ ...t, kind: 'returns' as const }, [0.5, 0.5], { policy: { type: 'calendar' } }),
      InvalidArgumentError,
      /is a ReturnTable, but prices are expected/,
    ],
    [
      'a missing price named by asset and date',
      () =>
        simulateRebalancing(
          {
            ...t,
            values: [
              [10, 20],
              [null, 21],
            ],
          },
          [0.5, 0.5],
          { policy: { type: 'calendar' } },
        ),
      InvalidArgumentError,
      /missing value \(NaN or null\) at A on 2024-01-03 \(row 1\)/,
    ],
    [
      'a non-positive price named by asset and date',
      () =>
        simulateRebalancing(
          {
            ...t,
            values: [
              [10, 20],
              [0, 21],
            ],
          },
          [0.5, 0.5],
          { policy: { type: 'calendar' } },
        ),
      InvalidArgumentError,
      /A on 2024-01-03 \(row 1\) is 0/,
    ],
    ['a target of the wrong width', () => simulateRebalancing(t, [1], { policy: { type: 'calendar' } }), DimensionError, /`target` must have 2 entries/],
  ];
  for (const [name, f, cls, re] of cases) it(name, () => expectTypedError(f, cls, re));
});

describe('driftWeights on a ReturnTable', () => {
  it('same weights as the matrix, labelled by ticker (hand: 0.5 · 1.1 · 1.1 = 0.605, 0.5 · 0.9 = 0.45)', () => {
    const values = [
      [0.1, -0.1],
      [0.1, 0],
    ];
    const t = deepFreeze({ kind: 'returns' as const, dates: ['2024-01-31', '2024-02-29'], assets: ['AAA', 'BBB'], values });
    const r = driftWeights([0.5, 0.5], t);
    expect(r.weights).toEqual(
      driftWeights(
        [0.5, 0.5],
        [
          [0.1, -0.1],
          [0.1, 0],
        ],
      ).weights,
    );
    expect(r.weightsByAsset).toEqual({ AAA: r.weights[0], BBB: r.weights[1] });
    expect(r.weights[0]).toBeCloseTo(0.605 / 1.055, 15);
    expect(r.portfolioReturn).toBeCloseTo(0.055, 15);
  });
  it('refuses a PriceTable and names a missing value', () => {
    expectTypedError(
      () => driftWeights([0.5, 0.5], { kind: 'prices' as const, dates: ['2024-01-31'], assets: ['A', 'B'], values: [[10, 20]] }),
      InvalidArgumentError,
      /is a PriceTable/,
    );
    expectTypedError(
      () => driftWeights([0.5, 0.5], { dates: ['2024-01-31'], assets: ['A', 'B'], values: [[0.1, null]] }),
      InvalidArgumentError,
      /B on 2024-01-31/,
    );
  });
});
