/**
 * monteCarloVaR / mergeMonteCarlo: identical bits for every shard count, convergence to the
 * Gaussian closed form within 4 standard errors, the generator's bit-compatibility with
 * seedrandom's xor4096 (the stream of core.randomStream), and typed errors.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { mergeMonteCarlo, monteCarloVaR, type MonteCarloShard } from '../../src/risk/index.ts';
import { nextInt32, xor4096State, fillZigguratNormals } from '../../src/risk/fast-normal.ts';
import { normalCdf, normalPdf, normalQuantile, studentTQuantile, studentTPdf } from '../../src/core/distributions.ts';
import { DimensionError, InvalidArgumentError, NotPositiveDefiniteError } from '../../src/core/errors.ts';
import { deepFreeze } from '../helpers.ts';

const cov = [
  [4e-4, 1e-4, 5e-5],
  [1e-4, 2.25e-4, 3e-5],
  [5e-5, 3e-5, 1e-4],
];
const mu = [5e-4, 3e-4, 1e-4];
const weights = [0.5, 0.3, 0.2];

function closedForm(c: number) {
  const sig = Math.sqrt(weights.reduce((s, wi, i) => s + wi * weights.reduce((t, wj, j) => t + cov[i]![j]! * wj, 0), 0));
  const m = weights.reduce((s, wi, i) => s + wi * mu[i]!, 0);
  const p = Number((1 - c).toPrecision(15));
  const z = normalQuantile(p);
  return { var: -m - sig * z, es: -m + (sig * normalPdf(z)) / p, sig, m, p };
}

describe('generator', () => {
  it('reads exactly the xor4096 stream of randomStream(seed, index) (seedrandom, same seed key)', () => {
    const s = xor4096State('abc', 7);
    const ref = seedrandom.xor4096('quantivista:abc:7');
    for (let k = 0; k < 2000; k++) expect(nextInt32(s)).toBe(ref.int32());
  });
  it('ziggurat normals pass a Kolmogorov–Smirnov test and match normal tail frequencies', () => {
    const N = 200_000;
    const z = new Float64Array(N);
    fillZigguratNormals(xor4096State(11, 0), z);
    z.sort();
    let d = 0;
    for (let i = 0; i < N; i++) {
      const F = normalCdf(z[i]!);
      d = Math.max(d, Math.abs(F - i / N), Math.abs(F - (i + 1) / N));
    }
    expect(d).toBeLessThan(1.63 / Math.sqrt(N)); // KS critical value at 1 %
    const below = z.findIndex((v) => v >= -2.5);
    const expected = N * normalCdf(-2.5);
    expect(Math.abs(below - expected)).toBeLessThan(4 * Math.sqrt(expected));
  });
});

describe('monteCarloVaR', () => {
  it('Gaussian MC VaR and ES are within 4 standard errors of the closed form', () => {
    for (const c of [0.95, 0.99]) {
      const r = monteCarloVaR({ mu, cov, weights, paths: 200_000, confidence: c, seed: 2024 });
      const cf = closedForm(c);
      expect(Math.abs(r.var - cf.var)).toBeLessThan(4 * r.standardErrors.var);
      expect(Math.abs(r.es - cf.es)).toBeLessThan(4 * r.standardErrors.es);
      expect(Math.abs(r.mean - cf.m)).toBeLessThan((4 * cf.sig) / Math.sqrt(r.paths));
      expect(Math.abs(r.standardDeviation / cf.sig - 1)).toBeLessThan(0.01);
      expect(r.standardErrors.var).toBeGreaterThan(0);
    }
  });
  it('Student-t MC VaR is within 4 standard errors of the t closed form (one asset)', () => {
    const nu = 5;
    const s2 = 4e-4;
    const r = monteCarloVaR({ mu: [0], cov: [[s2]], weights: [1], paths: 200_000, confidence: 0.99, seed: 5, distribution: 'student-t', degreesOfFreedom: nu });
    const scale = Math.sqrt((s2 * (nu - 2)) / nu);
    const t = studentTQuantile(0.01, nu);
    const exactVaR = -scale * t;
    const exactES = (scale * ((nu + t * t) / (nu - 1)) * studentTPdf(t, nu)) / 0.01;
    expect(Math.abs(r.var - exactVaR)).toBeLessThan(4 * r.standardErrors.var);
    expect(Math.abs(r.es - exactES)).toBeLessThan(4 * r.standardErrors.es);
    expect(r.degreesOfFreedom).toBe(nu);
  });
  it('same seed, same bits; different seed, different draws', () => {
    const a = monteCarloVaR({ mu, cov, weights, paths: 30_000, seed: 9 });
    const b = monteCarloVaR({ mu, cov, weights, paths: 30_000, seed: 9 });
    const c = monteCarloVaR({ mu, cov, weights, paths: 30_000, seed: 10 });
    expect(b).toEqual(a);
    expect(c.var).not.toBe(a.var);
  });
  it('identical results for every shard count (property), including the P&L', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 6000 }),
        fc.integer({ min: 100, max: 2500 }),
        fc.constantFrom(0.9, 0.95, 0.99),
        fc.boolean(),
        (count, paths, blockSize, confidence, t) => {
          const base = {
            mu,
            cov,
            weights,
            paths,
            blockSize,
            confidence,
            seed: 'prop',
            returnPnL: true,
            ...(t ? { distribution: 'student-t' as const, degreesOfFreedom: 4 } : {}),
          };
          const single = monteCarloVaR(base);
          const shards: MonteCarloShard[] = [];
          for (let index = count - 1; index >= 0; index--) shards.push(monteCarloVaR({ ...base, shard: { index, count } }));
          const merged = mergeMonteCarlo(shards);
          expect(merged).toEqual(single);
          expect(JSON.stringify(merged)).toBe(JSON.stringify(single));
        },
      ),
      { seed: 42, numRuns: 40 },
    );
  });
  it('shards survive a JSON round trip (as when sent between machines)', () => {
    const base = { mu, cov, weights, paths: 20_000, blockSize: 3000, seed: 1 };
    const shards = [0, 1, 2].map((index) => JSON.parse(JSON.stringify(monteCarloVaR({ ...base, shard: { index, count: 3 } }))) as MonteCarloShard);
    expect(mergeMonteCarlo(shards)).toEqual(monteCarloVaR(base));
  });
  it('returns the P&L on request, JSON-safe, without mutating inputs', () => {
    const frozen = deepFreeze({ mu: [...mu], cov: cov.map((r) => [...r]), weights: [...weights] });
    const r = monteCarloVaR({ ...frozen, paths: 1000, seed: 3, returnPnL: true });
    expect(r.pnl).toHaveLength(1000);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });
});

describe('typed errors', () => {
  const base = { mu, cov, weights, paths: 1000, seed: 1 };
  const shard = (index: number, count: number) => monteCarloVaR({ ...base, shard: { index, count } });
  const cases: Array<[string, () => unknown, new (...a: any[]) => Error, RegExp]> = [
    ['paths 0', () => monteCarloVaR({ ...base, paths: 0 }), InvalidArgumentError, /`paths`/],
    ['missing seed', () => monteCarloVaR({ ...base, seed: undefined as never }), InvalidArgumentError, /`seed`/],
    ['confidence 1', () => monteCarloVaR({ ...base, confidence: 1 }), InvalidArgumentError, /`confidence`/],
    ['mismatched weights', () => monteCarloVaR({ ...base, weights: [1, 0] }), DimensionError, /`weights`|`mu`/],
    ['t without ν', () => monteCarloVaR({ ...base, distribution: 'student-t' }), InvalidArgumentError, /`degreesOfFreedom`/],
    ['t with ν = 2', () => monteCarloVaR({ ...base, distribution: 'student-t', degreesOfFreedom: 2 }), InvalidArgumentError, /`degreesOfFreedom`/],
    [
      'not PSD',
      () =>
        monteCarloVaR({
          ...base,
          cov: [
            [1, 2, 0],
            [2, 1, 0],
            [0, 0, 1],
          ],
        }),
      NotPositiveDefiniteError,
      /cov/,
    ],
    ['bad shard', () => shard(3, 3), InvalidArgumentError, /shard\.index/],
    ['missing shard', () => mergeMonteCarlo([shard(0, 2)]), InvalidArgumentError, /missing shard 1/],
    ['overflowing weights', () => monteCarloVaR({ ...base, weights: base.weights.map(() => 1e200) }), InvalidArgumentError, /overflowed/],
    ['repeated shard', () => mergeMonteCarlo([shard(0, 2), shard(0, 2)]), InvalidArgumentError, /twice/],
    // a tampered (or hand-built) shard index: with 0 and 1 present, an extra index 0.5 used to be merged in
    [
      'fractional shard index',
      () => mergeMonteCarlo([shard(0, 2), shard(1, 2), { ...shard(1, 2), shard: { index: 0.5, count: 2 } }]),
      InvalidArgumentError,
      /outside 0\.\.1/,
    ],
    [
      'shards of different runs',
      () => mergeMonteCarlo([shard(0, 2), monteCarloVaR({ ...base, seed: 2, shard: { index: 1, count: 2 } })]),
      InvalidArgumentError,
      /different runs/,
    ],
    ['unknown option', () => monteCarloVaR({ ...base, path: 3 } as never), InvalidArgumentError, /`path`/],
  ];
  for (const [label, f, cls, msg] of cases) {
    it(label, () => {
      expect(f).toThrow(cls);
      expect(f).toThrow(msg);
    });
  }
});

describe('standard errors', () => {
  it('the reported standard errors match the spread of independent runs (50 seeds)', () => {
    const vars: number[] = [];
    const ess: number[] = [];
    const seVar: number[] = [];
    const seEs: number[] = [];
    for (let seed = 0; seed < 50; seed++) {
      const r = monteCarloVaR({ mu, cov, weights, paths: 20_000, confidence: 0.99, seed });
      vars.push(r.var);
      ess.push(r.es);
      seVar.push(r.standardErrors.var);
      seEs.push(r.standardErrors.es);
    }
    const sd = (a: number[]) => {
      const m = a.reduce((s, v) => s + v, 0) / a.length;
      return Math.sqrt(a.reduce((s, v) => s + (v - m) ** 2, 0) / (a.length - 1));
    };
    const avg = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
    // With 50 runs the sample sd has ~10 % relative error: accept a ratio within [0.7, 1.4].
    expect(sd(vars) / avg(seVar)).toBeGreaterThan(0.7);
    expect(sd(vars) / avg(seVar)).toBeLessThan(1.4);
    expect(sd(ess) / avg(seEs)).toBeGreaterThan(0.7);
    expect(sd(ess) / avg(seEs)).toBeLessThan(1.4);
  });
});
