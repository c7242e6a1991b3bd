/**
 * Hardening (issue 25) for the risk domain: size caps refuse what no machine can hold, and
 * malformed `mergeMonteCarlo` shards give typed errors naming the shard and field.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  christoffersenTest,
  componentRisk,
  historicalStress,
  hypotheticalStress,
  incrementalVaR,
  kupiecTest,
  liquidationSchedule,
  mergeMonteCarlo,
  monteCarloVaR,
  reverseStress,
  valueAtRisk,
  type MonteCarloShard,
} from '../../src/risk/index.ts';
import { InvalidArgumentError, QuantError, SizeLimitError } from '../../src/core/errors.ts';

const base = {
  mu: [0, 0],
  cov: [
    [1e-4, 2e-5],
    [2e-5, 4e-4],
  ],
  weights: [0.5, 0.5],
  paths: 5000,
  seed: 3,
  blockSize: 1000,
};
const shards = (count = 3, extra: Record<string, unknown> = {}): MonteCarloShard[] =>
  Array.from({ length: count }, (_, index) => monteCarloVaR({ ...base, ...extra, shard: { index, count } }));
/** A deep copy through JSON (as a shard travels between processes), then altered by `edit`. */
function altered(edit: (s: any) => void, which = 1): unknown[] {
  const copy = JSON.parse(JSON.stringify(shards())) as any[];
  edit(copy[which]);
  return copy;
}

describe('monteCarloVaR size caps (issue 25: `monteCarloVaR({ paths: 1e9 })` runs for minutes)', () => {
  it('paths: 1e9 is refused at once with SizeLimitError', () => {
    expect(() => monteCarloVaR({ ...base, paths: 1e9 })).toThrow(SizeLimitError);
    expect(() => monteCarloVaR({ ...base, paths: 1e9 })).toThrow(/`paths` is 1000000000, above the size cap of 10000000/);
  });
  it('paths at the cap + 1 is refused; the cap itself is not a size error', () => {
    expect(() => monteCarloVaR({ ...base, paths: 10_000_001 })).toThrow(SizeLimitError);
  });
  it('more than 1,000,000 blocks is refused (each block seeds its own stream)', () => {
    expect(() => monteCarloVaR({ ...base, paths: 2_000_000, blockSize: 1 })).toThrow(SizeLimitError);
    expect(() => monteCarloVaR({ ...base, shard: { index: 0, count: 2_000_000 } })).toThrow(InvalidArgumentError);
  });
  it('more than SIZE_CAPS.denseAssets assets is refused before the covariance is read', () => {
    const n = 5001;
    expect(() => monteCarloVaR({ ...base, mu: new Array(n).fill(0), weights: new Array(n).fill(1 / n), cov: [[1]] })).toThrow(SizeLimitError);
  });
});

describe('mergeMonteCarlo on malformed shards (issue 25: "malformed mergeMonteCarlo shards" gave untyped errors)', () => {
  it('valid shards, also after a JSON round trip, merge to the single-call bits', () => {
    const single = monteCarloVaR(base);
    expect(mergeMonteCarlo(shards())).toEqual(single);
    expect(mergeMonteCarlo(JSON.parse(JSON.stringify(shards())) as MonteCarloShard[])).toEqual(single);
    const withPnl = monteCarloVaR({ ...base, returnPnL: true });
    expect(mergeMonteCarlo(shards(4, { returnPnL: true }))).toEqual(withPnl);
  });
  const cases: Array<[string, () => unknown, RegExp]> = [
    ['null', () => mergeMonteCarlo(null as never), /non-empty array/],
    ['a non-array', () => mergeMonteCarlo({ 0: shards()[0], length: 1 } as never), /non-empty array/],
    ['a null shard', () => mergeMonteCarlo([null] as never), /shards\[0\]/],
    ['a number as shard', () => mergeMonteCarlo([7] as never), /shards\[0\]/],
    ['a missing shard field', () => mergeMonteCarlo(altered((s) => delete s.shard) as never), /shards\[1\]\.shard/],
    ['a missing config', () => mergeMonteCarlo(altered((s) => delete s.config) as never), /shards\[1\]\.config/],
    ['paths as a string', () => mergeMonteCarlo(altered((s) => (s.config.paths = '5000')) as never), /shards\[1\]\.config\.paths/],
    ['a NaN P&L in the tail', () => mergeMonteCarlo(altered((s) => (s.tail[0] = NaN)) as never), /shards\[1\]\.tail\[0\]/],
    ['a string P&L in the tail', () => mergeMonteCarlo(altered((s) => (s.tail[2] = '0.1')) as never), /shards\[1\]\.tail\[2\]/],
    ['a tail out of order', () => mergeMonteCarlo(altered((s) => s.tail.reverse()) as never), /ascending/],
    ['a truncated tail', () => mergeMonteCarlo(altered((s) => (s.tail = s.tail.slice(0, 3))) as never), /shards\[1\]\.tail/],
    ['a block sum missing', () => mergeMonteCarlo(altered((s) => s.blockSums.pop()) as never), /shards\[1\]\.blockSums/],
    ['a null block sum square', () => mergeMonteCarlo(altered((s) => (s.blockSumSquares[0] = null)) as never), /blockSumSquares\[0\]/],
    ['a forged tailSize', () => mergeMonteCarlo(altered((s) => (s.config.tailSize = 1), 0) as never), /tailSize/],
    ['a forged firstBlock', () => mergeMonteCarlo(altered((s) => (s.firstBlock = 0)) as never), /firstBlock/],
    ['a forged pathsSimulated', () => mergeMonteCarlo(altered((s) => (s.pathsSimulated = 1)) as never), /pathsSimulated/],
    ['a huge shard count', () => mergeMonteCarlo(altered((s) => (s.shard.count = 1e12)) as never), /shard\.count/],
    ['a string shard index', () => mergeMonteCarlo(altered((s) => (s.shard.index = '1')) as never), /shard index "1" outside/],
    ['a bad distribution', () => mergeMonteCarlo(altered((s) => (s.config.distribution = 't')) as never), /distribution/],
    ['a confidence out of range', () => mergeMonteCarlo(altered((s) => (s.config.confidence = 5)) as never), /confidence/],
    ['loadings with Infinity', () => mergeMonteCarlo(altered((s) => (s.config.loadings = [1, 'x'])) as never), /loadings\[1\]/],
    ['a pnl of the wrong length', () => mergeMonteCarlo(altered((s) => (s.pnl = [1, 2])) as never), /shards\[1\]\.pnl/],
    ['a duplicated shard index', () => mergeMonteCarlo([...shards(), shards()[1] as MonteCarloShard]), /twice/],
    ['shards of another seed', () => mergeMonteCarlo([...shards().slice(0, 2), shards(3, { seed: 4 })[2] as MonteCarloShard]), /different runs/],
    ['shards of another confidence', () => mergeMonteCarlo([...shards().slice(0, 2), shards(3, { confidence: 0.99 })[2] as MonteCarloShard]), /different runs/],
    ['shards of another shard count', () => mergeMonteCarlo([...shards().slice(0, 2), shards(4)[3] as MonteCarloShard]), /different runs|outside/],
    [
      'shards of another config (blockSize)',
      () => mergeMonteCarlo([...shards().slice(0, 2), shards(3, { blockSize: 500 })[2] as MonteCarloShard]),
      /different runs/,
    ],
  ];
  for (const [label, f, msg] of cases) {
    it(label, () => {
      expect(f).toThrow(InvalidArgumentError);
      expect(f).toThrow(msg);
    });
  }
  it('random corruption of one field: a typed error or the unchanged result, never a TypeError or NaN (fast-check, seed 25)', () => {
    const good = shards();
    const single = monteCarloVaR(base);
    const paths: string[][] = [];
    const walk = (v: unknown, at: string[]): void => {
      paths.push(at);
      if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...at, k]);
    };
    walk(good[1], []);
    const values = fc.constantFrom<unknown>(NaN, Infinity, -Infinity, 1e308, 5e-324, -1, 0, 0.5, null, undefined, '1', [], {}, true, 1e12);
    fc.assert(
      fc.property(fc.nat(paths.length - 1), values, (k, v) => {
        const copy = JSON.parse(JSON.stringify(good)) as any[];
        const at = paths[k] as string[];
        if (at.length === 0) copy[1] = v;
        else {
          let o = copy[1];
          for (const key of at.slice(0, -1)) o = o[key];
          o[at[at.length - 1] as string] = v;
        }
        try {
          const r = mergeMonteCarlo(copy);
          const flat = JSON.stringify(r);
          expect(flat.includes('null')).toBe(false);
          expect(Number.isFinite(r.var) && Number.isFinite(r.es)).toBe(true);
          void single;
        } catch (e) {
          expect(e).toBeInstanceOf(QuantError);
        }
      }),
      { seed: 25, numRuns: 600 },
    );
  });
});

describe('fuzz findings in the risk domain (issue 25, item 5)', () => {
  it('valueAtRisk on returns of order 1e±100: the fourth powers no longer under/overflow (was NaN / a typed error)', () => {
    const x = [0.01, -0.02, 0.015, 0.003, -0.01, 0.007, 0.002, -0.004, 0.012, -0.03, 0.005, 0.001];
    const base = valueAtRisk(x, { method: 'cornish-fisher', outsideDomain: 'flag' });
    for (const s of [1e-100, 1e100, 1e-160]) {
      // VaR, mean and sd are scale-equivariant and skewness / kurtosis scale-free (a metamorphic check)
      const r = valueAtRisk(
        x.map((v) => v * s),
        { method: 'cornish-fisher', outsideDomain: 'flag' },
      );
      expect(r.var / s / base.var).toBeCloseTo(1, 12);
      expect(r.skewness).toBeCloseTo(base.skewness as number, 10);
      expect(r.excessKurtosis).toBeCloseTo(base.excessKurtosis as number, 10);
    }
  });
  it('error messages survive a null-prototype object as input (was TypeError: Cannot convert object to primitive value)', () => {
    const odd = Object.create(null) as never;
    expect(() => christoffersenTest([0, odd], 0.99)).toThrow(InvalidArgumentError);
    expect(() =>
      historicalStress(
        [0.5, 0.5],
        [
          [0.01, 0],
          [-0.2, -0.05],
        ],
        { windows: [{ name: 'w', start: odd, end: 1 }] },
      ),
    ).toThrow(InvalidArgumentError);
    expect(() =>
      hypotheticalStress([0.5, 0.5], [odd, null], {
        cov: [
          [0.04, 0.02],
          [0.02, 0.04],
        ],
      }),
    ).toThrow(InvalidArgumentError);
    expect(() =>
      componentRisk(
        [0.5, 0.5],
        [
          [0.04, 0.02],
          [0.02, 0.04],
        ],
        { assets: [odd, 'B'] },
      ),
    ).toThrow(InvalidArgumentError);
  });
  it('reverseStress: a huge loss over a tiny variance is refused instead of returning ±Infinity / NaN', () => {
    const f = () =>
      reverseStress(
        [0.5, 0.5],
        [
          [1e-310, 0],
          [0, 1e-310],
        ],
        { loss: -1e308 },
      );
    expect(f).toThrow(InvalidArgumentError);
    expect(f).toThrow(/overflowed/);
  });
});

describe('size caps on what the risk functions allocate (issue 25: "every function states its largest accepted size")', () => {
  it('componentRisk / incrementalVaR: more than SIZE_CAPS.assets assets (an n x n covariance from returns) is refused', () => {
    const n = 20_001;
    const w = new Array(n).fill(1 / n);
    const returns = [new Array(n).fill(0.01), new Array(n).fill(-0.01), new Array(n).fill(0.02)];
    expect(() => componentRisk(w, returns, { input: 'returns' })).toThrow(SizeLimitError);
    expect(() => incrementalVaR(w, returns, new Array(n).fill(0), { input: 'returns' })).toThrow(SizeLimitError);
  });
  it('liquidationSchedule: a horizon beyond SIZE_CAPS.periods days is refused at once, with or without the schedule (it used to loop day by day)', () => {
    const f = () => liquidationSchedule([1e15], { averageDailyVolume: [1], includeSchedule: false });
    expect(f).toThrow(SizeLimitError);
    expect(f).toThrow(/days/);
    // a schedule of days x assets beyond SIZE_CAPS.entries
    const n = 10;
    expect(() => liquidationSchedule(new Array(n).fill(1e7), { averageDailyVolume: new Array(n).fill(1), participation: 1, maxDays: 1e8 })).toThrow(
      SizeLimitError,
    );
  });
});

describe('more fuzz findings (issue 25, item 5)', () => {
  it('liquidationSchedule: a daily capacity that underflows to 0 is refused (days came back NaN)', () => {
    const f = () => liquidationSchedule([0, 250_000], { averageDailyVolume: [2_000_000, 100_000], participation: 5e-324, stressFactor: 0.5 });
    expect(f).toThrow(InvalidArgumentError);
    expect(f).toThrow(/daily capacity/);
  });
  it('kupiecTest: observations beyond 2^53 are refused (the statistic was NaN)', () => {
    expect(() => kupiecTest(1e308, 1e308, 0.99)).toThrow(InvalidArgumentError);
  });
});

describe('fuzz: mergeMonteCarlo on 100,000 shards', () => {
  it('more shards than the run has is refused at the first repeated shard (was a hang reading every tail first)', () => {
    const s = shards();
    const many = Array.from({ length: 100_000 }, (_, i) => s[i % 3]!);
    expect(() => mergeMonteCarlo(many)).toThrow(/holds shard 0 twice/);
    expect(() => mergeMonteCarlo(many)).toThrow(InvalidArgumentError);
    // a repeated shard within the count is still named
    expect(() => mergeMonteCarlo([s[0]!, s[0]!, s[1]!])).toThrow(/holds shard 0 twice/);
  });
});
