/**
 * The shared internal helpers that replaced duplicated code: the date joins (core/date-join.ts,
 * behind `alignTables` and the performance series), the reader of weights keyed by ticker
 * (core/weight-record.ts, behind `portfolioReturns` and the risk functions) and the symmetry scan
 * (core/validate.ts, behind `toSymmetricMatrix` and the risk-parity covariance screen). Expected
 * values are worked by hand in the comments; the properties use fast-check with seed 42.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { intersectDates, joinDates, unionDates } from '../../src/core/date-join.ts';
import { InvalidArgumentError } from '../../src/core/errors.ts';
import { symmetryScan } from '../../src/core/validate.ts';
import { isWeightRecord, nearestLabel, weightsFromRecord, type WeightRecordErrors } from '../../src/core/weight-record.ts';
import { deepFreeze } from '../helpers.ts';

describe('core date joins', () => {
  const a = deepFreeze(['2024-01-02', '2024-01-03', '2024-01-05']);
  const b = deepFreeze(['2024-01-03', '2024-01-04', '2024-01-05', '2024-01-08']);

  it('join, intersection and union of two sorted date lists (by hand)', () => {
    // common dates: 01-03 (a[1], b[0]) and 01-05 (a[2], b[2])
    expect(joinDates(a, b)).toEqual({ ia: [1, 2], ib: [0, 2] });
    expect(intersectDates(a, b)).toEqual(['2024-01-03', '2024-01-05']);
    expect(unionDates(a, b)).toEqual(['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-08']);
    expect(intersectDates(a, [])).toEqual([]);
    expect(unionDates([], b)).toEqual([...b]);
  });

  it('agree with set intersection and union on random sorted lists', () => {
    const day = fc.integer({ min: 1, max: 28 }).map((d) => `2024-02-${String(d).padStart(2, '0')}`);
    const list = fc.uniqueArray(day, { maxLength: 20 }).map((x) => x.sort());
    fc.assert(
      fc.property(list, list, (x, y) => {
        const sx = new Set(x);
        const sy = new Set(y);
        expect(intersectDates(x, y)).toEqual(x.filter((d) => sy.has(d)));
        expect(unionDates(x, y)).toEqual([...new Set([...x, ...y])].sort());
        const { ia, ib } = joinDates(x, y);
        expect(ia.map((i) => x[i])).toEqual(ib.map((j) => y[j]));
        expect(ia.length).toBe(x.filter((d) => sy.has(d) && sx.has(d)).length);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe('core weights keyed by ticker', () => {
  const errors: WeightRecordErrors = {
    unknown: (key, near) => new InvalidArgumentError(`unknown ${key} near ${near}`, 'w', key),
    missing: (m) => new InvalidArgumentError(`missing ${m.join(',')}`, 'w', m[0]),
    entry: (label, v) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new InvalidArgumentError(`bad ${label}`, 'w', String(v));
      return v;
    },
  };

  it('reads the weights in label order, without touching the record', () => {
    const rec = deepFreeze({ B: 0.25, A: 0.75 });
    expect(Array.from(weightsFromRecord(rec, ['A', 'B'], errors))).toEqual([0.75, 0.25]);
  });

  it('checks unknown keys, then missing labels, then the values', () => {
    // an unknown key and a NaN weight: the unknown key is reported first
    expect(() => weightsFromRecord({ A: NaN, AAPX: 1 }, ['A', 'AAPL'], errors)).toThrow('unknown AAPX near AAPL');
    // a missing label and a NaN weight: the missing label is reported first
    expect(() => weightsFromRecord({ A: NaN }, ['A', 'B'], errors)).toThrow('missing B');
    expect(() => weightsFromRecord({ A: NaN, B: 1 }, ['A', 'B'], errors)).toThrow('bad A');
  });

  it('names the nearest label by optimal string alignment, case-insensitive, first on ties', () => {
    // "MSTF" → "MSFT" is one transposition (1 edit; plain Levenshtein counts 2), "MSTF" → "MST" one deletion: a tie, the first wins
    expect(nearestLabel('MSTF', ['MSFT', 'MST'])).toBe('MSFT');
    expect(nearestLabel('MSTF', ['MST', 'MSFT'])).toBe('MST');
    expect(nearestLabel('msft', ['AAPL', 'MSFT'])).toBe('MSFT');
    // "ab" is one edit from both "a" and "b": the first wins
    expect(nearestLabel('ab', ['a', 'b'])).toBe('a');
    // no closeness limit: some label is always named
    expect(nearestLabel('ZZZZZZ', ['A'])).toBe('A');
    expect(nearestLabel('A', [])).toBeUndefined();
  });

  it('tells a record from array-likes', () => {
    expect(isWeightRecord({ A: 1 })).toBe(true);
    expect(isWeightRecord([1, 2])).toBe(false);
    expect(isWeightRecord(new Float64Array(2))).toBe(false);
    expect(isWeightRecord({ length: 2, 0: 1, 1: 2 })).toBe(false);
    expect(isWeightRecord(null)).toBe(false);
  });
});

describe('core symmetry scan', () => {
  it('largest upper-triangle magnitude, largest asymmetry and the 2 x 2 minor test (by hand)', () => {
    // [[4, 1, -3], [1.5, 1, 0], [-3, 0, 2]]: upper entries 4, 1, −3, 1, 0, 2 → su = 4;
    // asymmetry |1 − 1.5| = 0.5; minor (0, 2): 3² = 9 > 4 · 2 = 8 → negative
    const d = Float64Array.from([4, 1, -3, 1.5, 1, 0, -3, 0, 2]);
    expect(symmetryScan(d, 3)).toEqual({ su: 4, worst: 0.5, minor: true });
    // [[4, 1], [1, 1]]: 1 ≤ 4 · 1, symmetric
    expect(symmetryScan(Float64Array.from([4, 1, 1, 1]), 2)).toEqual({ su: 4, worst: 0, minor: false });
  });

  it('covers every pair across the 32 x 32 tiles', () => {
    const n = 70;
    const d = new Float64Array(n * n);
    for (let i = 0; i < n; i++) d[i * n + i] = 1;
    d[3 * n + 65] = 0.5; // upper (3, 65), lower (65, 3) stays 0
    const r = symmetryScan(d, n);
    expect(r).toEqual({ su: 1, worst: 0.5, minor: false });
    d[65 * n + 3] = 0.5;
    d[40 * n + 69] = 2;
    d[69 * n + 40] = 2; // 2² = 4 > 1 · 1
    expect(symmetryScan(d, n)).toEqual({ su: 2, worst: 0, minor: true });
  });
});
