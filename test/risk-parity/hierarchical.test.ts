import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InfeasibleError, InvalidArgumentError, NotPositiveDefiniteError, InsufficientDataError } from '../../src/core/errors.ts';
import { hierarchicalEqualRiskContribution, hierarchicalRiskParity, type LinkageMethod } from '../../src/risk-parity/index.ts';
import { deepFreeze, expectClose, loadFixture } from '../helpers.ts';

interface HierCase {
  covRef: string;
  linkage: LinkageMethod;
  Z: number[][];
  order: number[];
  halving: number[];
  dendrogram: number[];
  herc: Record<string, { weights: number[]; clusters: number[][] }>;
}
const fx = loadFixture<{
  covariances: Record<string, number[][]>;
  cases: HierCase[];
  bounded: { covRef: string; linkage: LinkageMethod; lower: number[]; upper: number[]; halving: number[]; dendrogram: number[] };
  fromReturns: { returns: number[][]; linkage: LinkageMethod; Z: number[][]; order: number[]; halving: number[] };
}>('risk-parity/hierarchical.json');

function expectZ(actual: number[][], expected: number[][], label: string): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, k) => {
    const e = expected[k]!;
    expect([row[0], row[1], row[3]], `${label} row ${k}`).toEqual([e[0], e[1], e[3]]);
  });
  expectClose(
    actual.map((r) => r[2]!),
    expected.map((r) => r[2]!),
    { rtol: 1e-13, label: `${label} heights` },
  );
}

describe('hierarchicalRiskParity — reference (scipy linkage + leaves_list, Python bisection)', () => {
  for (const c of fx.cases) {
    const cov = fx.covariances[c.covRef]!;
    it(`${c.covRef} / ${c.linkage}: Z, leaves_list and weights (halving and dendrogram splits)`, () => {
      const r = hierarchicalRiskParity(cov, { linkage: c.linkage });
      expectZ(r.dendrogram.merges, c.Z, `${c.covRef}/${c.linkage}`);
      expect(r.dendrogram.order).toEqual(c.order);
      expectClose(r.weights, c.halving, { rtol: 1e-12, label: 'halving' });
      const d = hierarchicalRiskParity(cov, { linkage: c.linkage, split: 'dendrogram' });
      expectClose(d.weights, c.dendrogram, { rtol: 1e-12, label: 'dendrogram' });
      expect(r.bisections.length).toBe(cov.length - 1);
      expectClose(
        r.weights.reduce((a, b) => a + b, 0),
        1,
        { rtol: 1e-13 },
      );
    });
    it(`${c.covRef} / ${c.linkage}: HERC for k = 1, 3, 7, n`, () => {
      for (const [k, ref] of Object.entries(c.herc)) {
        const r = hierarchicalEqualRiskContribution(cov, { linkage: c.linkage, clusters: Number(k) });
        expect(r.clusters.map((x) => x.members)).toEqual(ref.clusters);
        expectClose(r.weights, ref.weights, { rtol: 1e-12, label: `k=${k}` });
      }
    });
  }

  it('bounded HRP (clipped split factors) matches the Python reference and respects the bounds', () => {
    const b = fx.bounded;
    const cov = fx.covariances[b.covRef]!;
    for (const split of ['halving', 'dendrogram'] as const) {
      const r = hierarchicalRiskParity(cov, { linkage: b.linkage, split, bounds: { lower: b.lower, upper: b.upper } });
      expectClose(r.weights, b[split], { rtol: 1e-12, label: split });
      r.weights.forEach((w, i) => {
        expect(w).toBeGreaterThanOrEqual(b.lower[i]! - 1e-15);
        expect(w).toBeLessThanOrEqual(b.upper[i]! + 1e-15);
      });
    }
  });

  it('estimates the covariance from returns with input: "returns" (ddof = 1, as numpy.cov)', () => {
    const f = fx.fromReturns;
    const r = hierarchicalRiskParity(f.returns, { linkage: f.linkage, input: 'returns' });
    expectZ(r.dendrogram.merges, f.Z, 'returns');
    expect(r.dendrogram.order).toEqual(f.order);
    expectClose(r.weights, f.halving, { rtol: 1e-10 });
  });
});

describe('hierarchical allocators — behaviour and errors', () => {
  const cov = deepFreeze([
    [0.04, 0.018, 0.002],
    [0.018, 0.09, 0.003],
    [0.002, 0.003, 0.01],
  ]);
  it('handles one and two assets', () => {
    expect(hierarchicalRiskParity([[0.04]]).weights).toEqual([1]);
    const two = hierarchicalRiskParity([
      [0.04, 0],
      [0, 0.01],
    ]);
    expectClose(two.weights, [0.2, 0.8], { rtol: 1e-14 });
    expect(hierarchicalEqualRiskContribution([[0.04]]).weights).toEqual([1]);
  });
  it('labels weights and returns JSON-safe results', () => {
    const r = hierarchicalRiskParity(cov, { assets: ['a', 'b', '__proto__'] });
    expect(Object.keys(r.weightsByAsset!)).toEqual(['a', 'b', '__proto__']);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    const h = hierarchicalEqualRiskContribution(cov, { assets: ['a', 'b', 'c'], clusters: 2 });
    expect(JSON.parse(JSON.stringify(h))).toEqual(h);
  });
  it('throws typed errors naming the argument', () => {
    expect(() => hierarchicalRiskParity(cov, { linkage: 'median' as never })).toThrow(/`linkage`/);
    expect(() => hierarchicalRiskParity(cov, { split: 'thirds' as never })).toThrow(/`split`/);
    expect(() => hierarchicalRiskParity(cov, { input: 'prices' as never })).toThrow(/`input`/);
    expect(() => hierarchicalRiskParity(cov, { method: 'single' } as never)).toThrow(/unknown option `method`/);
    expect(() =>
      hierarchicalRiskParity([
        [0.04, 0.01],
        [0.01, 0],
      ]),
    ).toThrow(NotPositiveDefiniteError);
    // a correlation of 2: no covariance matrix has it (the distance sqrt((1 − ρ)/2) would be imaginary)
    expect(() =>
      hierarchicalRiskParity([
        [1, 2, 0],
        [2, 1, 0],
        [0, 0, 1],
      ]),
    ).toThrow(/correlation of 2 between assets 0 and 1/);
    expect(() =>
      hierarchicalEqualRiskContribution([
        [1, 2, 0],
        [2, 1, 0],
        [0, 0, 1],
      ]),
    ).toThrow(NotPositiveDefiniteError);
    // a constant column: its two-pass variance is rounding (~1e-35), not 0, so it is tested exactly
    const constant = [
      [0.01, 0.1, 0.02],
      [0.03, 0.1, -0.01],
      [-0.02, 0.1, 0.01],
      [0.0, 0.1, 0.03],
    ];
    expect(() => hierarchicalRiskParity(constant, { input: 'returns' })).toThrow(/asset 1 are constant/);
    expect(() => hierarchicalEqualRiskContribution(constant, { input: 'returns' })).toThrow(NotPositiveDefiniteError);
    expect(() =>
      hierarchicalRiskParity([
        [0.04, 0.01],
        [0.02, 0.01],
      ]),
    ).toThrow(InvalidArgumentError);
    expect(() => hierarchicalRiskParity([[0.01, 0.02]], { input: 'returns' })).toThrow(InsufficientDataError);
    expect(() =>
      hierarchicalRiskParity(
        [
          [0.01, NaN],
          [0.02, 0.01],
        ],
        { input: 'returns' },
      ),
    ).toThrow(/missing value/);
    expect(() => hierarchicalRiskParity(cov, { bounds: { upper: 0.2 } })).toThrow(InfeasibleError);
    expect(() => hierarchicalEqualRiskContribution(cov, { clusters: 4 })).toThrow(/`clusters`/);
    expect(() => hierarchicalEqualRiskContribution(cov, { clusters: 0 })).toThrow(InvalidArgumentError);
  });
});

/** A random factor-model covariance drawn from a seeded LCG (fast-check's doubles favour exact ties). */
const covArb = fc
  .tuple(fc.integer({ min: 3, max: 14 }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.array(fc.nat(), { minLength: 14, maxLength: 14 }))
  .map(([n, seed, keys]) => {
    let s = seed >>> 0;
    const u = () => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s / 2 ** 32;
    };
    const L = Array.from({ length: n * 3 }, () => 2 * u() - 1);
    const idio = Array.from({ length: n }, () => 0.05 + 0.45 * u());
    const cov = Array.from({ length: n }, (_, i) =>
      Array.from({ length: n }, (_, j) => {
        let t = 0;
        for (let f = 0; f < 3; f++) t += L[i * 3 + f]! * L[j * 3 + f]!;
        return 0.01 * (t + (i === j ? idio[i]! : 0));
      }),
    );
    // A random permutation of the assets.
    const perm = keys
      .slice(0, n)
      .map((k, i) => [k, i] as const)
      .sort((a, b) => a[0] - b[0] || a[1] - b[1])
      .map((p) => p[1]);
    return { cov, perm };
  });

describe('hierarchical allocators — properties', () => {
  const linkages: LinkageMethod[] = ['single', 'complete', 'average', 'ward'];
  it('weights are positive and sum to 1 (HRP both splits, HERC)', () => {
    fc.assert(
      fc.property(covArb, fc.constantFrom(...linkages), ({ cov }, linkage) => {
        for (const w of [
          hierarchicalRiskParity(cov, { linkage }).weights,
          hierarchicalRiskParity(cov, { linkage, split: 'dendrogram' }).weights,
          hierarchicalEqualRiskContribution(cov, { linkage, clusters: Math.min(3, cov.length) }).weights,
        ]) {
          w.forEach((x) => expect(x).toBeGreaterThan(0));
          expect(Math.abs(w.reduce((a, b) => a + b, 0) - 1)).toBeLessThanOrEqual(1e-13);
        }
      }),
      { seed: 42, numRuns: 120 },
    );
  });
  it('relabelling the assets permutes the weights (dendrogram split and HERC) and keeps the merge heights', () => {
    fc.assert(
      fc.property(covArb, fc.constantFrom(...linkages), ({ cov, perm }, linkage) => {
        const pc = perm.map((i) => perm.map((j) => cov[i]![j]!));
        const a = hierarchicalRiskParity(cov, { linkage, split: 'dendrogram' });
        const b = hierarchicalRiskParity(pc, { linkage, split: 'dendrogram' });
        // (Near-)ties in the distances may merge in another order: skip those draws.
        const d: number[] = [];
        for (let i = 0; i < cov.length; i++) {
          for (let j = i + 1; j < cov.length; j++) d.push(Math.sqrt(Math.max(0, (1 - cov[i]![j]! / Math.sqrt(cov[i]![i]! * cov[j]![j]!)) / 2)));
        }
        d.sort((x, y) => x - y);
        fc.pre(d.every((x, k) => k === 0 || x - d[k - 1]! > 1e-6));
        const h = a.dendrogram.merges.map((m) => m[2]!);
        expectClose(
          b.dendrogram.merges.map((m) => m[2]!),
          h,
          { rtol: 1e-12 },
        );
        expectClose(
          perm.map((i, k) => b.weights[k]! - a.weights[i]!),
          new Array(perm.length).fill(0),
          { atol: 1e-13 },
        );
        const ha = hierarchicalEqualRiskContribution(cov, { linkage, clusters: Math.min(3, cov.length) });
        const hb = hierarchicalEqualRiskContribution(pc, { linkage, clusters: Math.min(3, cov.length) });
        expectClose(
          perm.map((i, k) => hb.weights[k]! - ha.weights[i]!),
          new Array(perm.length).fill(0),
          { atol: 1e-13 },
        );
      }),
      { seed: 42, numRuns: 120 },
    );
  });
});
