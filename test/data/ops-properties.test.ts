/**
 * Property tests (fast-check, seed 20240917) for the table operations: alignment commutes,
 * resampling is idempotent and nests (quarter of month = quarter), fillMissing keeps present
 * values and respects `limit` (checked against a direct per-column model), dropMissing leaves no
 * gap, selectAssets composes, sliceDates stays within its bounds, and no function mutates its
 * input (deep-frozen plain inputs, and the storage of built tables compared before and after).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InsufficientDataError } from '../../src/core/errors.ts';
import { isoFromDayNumber, isoToDayNumber } from '../../src/core/dates.ts';
import { buildTable, type Table } from '../../src/core/table.ts';
import { alignTables, dropMissing, fillMissing, mergeTables, resample, selectAssets, sliceDates } from '../../src/data/index.ts';
import { deepFreeze } from '../helpers.ts';
import { expectSameTable } from './ops-helpers.ts';

const SEED = 20240917;
const RUNS = 150;
const POOL = ['AAA', 'BBB', 'CCC', 'DDD', 'EEE', 'FFF', 'GGG'];

interface Plain {
  kind: 'prices';
  dates: string[];
  assets: string[];
  values: (number | null)[][];
}

/** A plain price table: sorted unique dates with gaps of 1..maxGap days, NaN (null) with probability ~ 1/4. */
function arbPlain(opts: { minRows?: number; maxRows?: number; maxGap?: number; startSpread?: number } = {}): fc.Arbitrary<Plain> {
  const { minRows = 1, maxRows = 40, maxGap = 40, startSpread = 1460 } = opts;
  return fc
    .record({
      start: fc.integer({ min: isoToDayNumber('2018-01-01'), max: isoToDayNumber('2018-01-01') + startSpread }),
      gaps: fc.array(fc.integer({ min: 1, max: maxGap }), { minLength: minRows, maxLength: maxRows }),
      assets: fc.shuffledSubarray(POOL, { minLength: 1, maxLength: 4 }),
      seedValues: fc.array(
        fc.oneof(
          fc.constant(null),
          fc.double({ min: 1, max: 500, noNaN: true }),
          fc.double({ min: 1, max: 500, noNaN: true }),
          fc.double({ min: 1, max: 500, noNaN: true }),
        ),
        { minLength: 160, maxLength: 160 },
      ),
    })
    .map(({ start, gaps, assets, seedValues }) => {
      let day = start;
      const dates = gaps.map((g) => isoFromDayNumber((day += g)));
      const values = dates.map((_, i) => assets.map((_, j) => seedValues[(i * assets.length + j) % seedValues.length] ?? null));
      return { kind: 'prices' as const, dates, assets, values };
    });
}

const build = (p: Plain): Table<'prices'> => buildTable('test', 'prices', p);

/** Both throw an InsufficientDataError, or both return equal tables. */
function sameOrBothEmpty<T>(f: () => T, g: () => T, compare: (a: T, b: T) => void): void {
  let a: T | undefined;
  let b: T | undefined;
  let ea: unknown;
  let eb: unknown;
  try {
    a = f();
  } catch (e) {
    ea = e;
  }
  try {
    b = g();
  } catch (e) {
    eb = e;
  }
  if (ea !== undefined || eb !== undefined) {
    expect(ea).toBeInstanceOf(InsufficientDataError);
    expect(eb).toBeInstanceOf(InsufficientDataError);
    return;
  }
  compare(a as T, b as T);
}

describe('alignTables', () => {
  it('commutes: align([a, b]) and align([b, a]) give the same dates and per-table content (inner and outer)', () => {
    fc.assert(
      fc.property(
        arbPlain({ maxGap: 4, startSpread: 30 }),
        arbPlain({ maxGap: 4, startSpread: 30 }),
        fc.constantFrom('inner' as const, 'outer' as const),
        (a, b, join) => {
          sameOrBothEmpty(
            () => alignTables([a, b], { join }),
            () => alignTables([b, a], { join }),
            ([a1, b1], [b2, a2]) => {
              expect(a1.dates).toEqual(b1.dates);
              expectSameTable(a1, a2, 'a');
              expectSameTable(b1, b2, 'b');
            },
          );
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });
  it('inner keeps exactly the common dates, outer exactly the union; each row is the table’s own row or all NaN', () => {
    fc.assert(
      fc.property(
        arbPlain({ maxGap: 3, startSpread: 30 }),
        arbPlain({ maxGap: 3, startSpread: 30 }),
        fc.constantFrom('inner' as const, 'outer' as const),
        (a, b, join) => {
          const inB = new Set(b.dates);
          const want = join === 'inner' ? a.dates.filter((d) => inB.has(d)) : [...new Set([...a.dates, ...b.dates])].sort();
          if (want.length === 0) {
            expect(() => alignTables([a, b], { join })).toThrow(InsufficientDataError);
            return;
          }
          const [a1] = alignTables([a, b], { join });
          expect(a1.dates).toEqual(want);
          for (let r = 0; r < want.length; r++) {
            const i = a.dates.indexOf(want[r]!);
            const row = a1.values.row(r);
            if (i < 0) expect(row.every(Number.isNaN)).toBe(true);
            else expect(row).toEqual(a.values[i]!.map((v) => (v === null ? NaN : v)));
          }
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });
  it('mergeTables is the aligned tables side by side', () => {
    fc.assert(
      fc.property(
        arbPlain({ maxGap: 3, startSpread: 30 }),
        arbPlain({ maxGap: 3, startSpread: 30 }),
        fc.constantFrom('inner' as const, 'outer' as const),
        (a, b0, join) => {
          const b = { ...b0, assets: b0.assets.map((x) => `${x}2`) };
          sameOrBothEmpty(
            () => [mergeTables([a, b], { join })],
            () => alignTables([a, b], { join }),
            ([m], [a1, b1]) => {
              expect(m!.dates).toEqual(a1!.dates);
              expect(m!.assets).toEqual([...a.assets, ...b.assets]);
              const rows = a1!.values.toArray().map((r, i) => [...r, ...b1!.values.row(i)]);
              expect(m!.values.toArray()).toEqual(rows);
            },
          );
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

describe('resample', () => {
  it("is idempotent: resample(resample(t, f), f) = resample(t, f), for 'last' and 'first'", () => {
    fc.assert(
      fc.property(
        arbPlain(),
        fc.constantFrom('week' as const, 'month' as const, 'quarter' as const, 'year' as const),
        fc.constantFrom('last' as const, 'first' as const),
        (p, f, how) => {
          const once = resample(p, f, { how });
          expectSameTable(resample(once, f, { how }), once);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });
  it('nests: quarter of month = quarter, year of quarter = year, year of month = year', () => {
    fc.assert(
      fc.property(arbPlain(), fc.constantFrom('last' as const, 'first' as const), (p, how) => {
        const month = resample(p, 'month', { how });
        const quarter = resample(p, 'quarter', { how });
        expectSameTable(resample(month, 'quarter', { how }), quarter, 'quarter of month');
        expectSameTable(resample(quarter, 'year', { how }), resample(p, 'year', { how }), 'year of quarter');
        expectSameTable(resample(month, 'year', { how }), resample(p, 'year', { how }), 'year of month');
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
  it('labels periods by consecutive calendar ends (Sundays; month ends) with one row per period', () => {
    fc.assert(
      fc.property(arbPlain(), (p) => {
        const w = resample(p, 'week');
        for (let k = 0; k < w.dates.length; k++) {
          const day = isoToDayNumber(w.dates[k]!);
          expect((((day + 3) % 7) + 7) % 7).toBe(6); // Sunday (day 0 = Thursday 1970-01-01)
          if (k > 0) expect(day - isoToDayNumber(w.dates[k - 1]!)).toBe(7);
        }
        expect(isoToDayNumber(w.dates[0]!) - isoToDayNumber(p.dates[0]!)).toBeLessThan(7);
        const m = resample(p, 'month');
        for (let k = 0; k < m.dates.length; k++) {
          // the day after a month end is the 1st
          expect(isoFromDayNumber(isoToDayNumber(m.dates[k]!) + 1).slice(8)).toBe('01');
          if (k > 0) expect(m.dates[k]! > m.dates[k - 1]!).toBe(true);
        }
        expect(m.dates[0]!.slice(0, 7)).toBe(p.dates[0]!.slice(0, 7));
        expect(m.dates[m.dates.length - 1]!.slice(0, 7)).toBe(p.dates[p.dates.length - 1]!.slice(0, 7));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

/** Direct model of pandas ffill / bfill(limit) on one column. */
function fillModel(col: (number | null)[], forward: boolean, limit: number): (number | null)[] {
  const idx = col.map((_, i) => i);
  if (!forward) idx.reverse();
  const out = col.slice();
  let last: number | null = null;
  let run = 0;
  for (const i of idx) {
    const v = col[i]!;
    if (v !== null) {
      last = v;
      run = 0;
    } else {
      run++;
      if (last !== null && run <= limit) out[i] = last;
    }
  }
  return out;
}

describe('fillMissing', () => {
  it('never changes a present value, never fills more than `limit` in a row, and agrees with a per-column model', () => {
    fc.assert(
      fc.property(
        arbPlain(),
        fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
        fc.constantFrom('forward' as const, 'backward' as const),
        (p, limit, method) => {
          const out = fillMissing(p, limit === undefined ? { method } : { method, limit });
          const T = p.dates.length;
          for (let j = 0; j < p.assets.length; j++) {
            const col = p.values.map((r) => r[j]!);
            const got = out.values.column(j);
            let filledRun = 0;
            for (let i = 0; i < T; i++) {
              const k = method === 'forward' ? i : T - 1 - i;
              if (col[k] !== null) {
                expect(got[k]).toBe(col[k]);
                filledRun = 0;
              } else if (!Number.isNaN(got[k])) {
                filledRun++;
                expect(filledRun).toBeLessThanOrEqual(limit ?? Infinity);
              } else filledRun = 0;
            }
            expect(got.map((v) => (Number.isNaN(v) ? null : v))).toEqual(fillModel(col, method === 'forward', limit ?? Infinity));
          }
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

describe('dropMissing', () => {
  it('rows / any leaves no NaN and keeps exactly the complete rows (or throws when there are none)', () => {
    fc.assert(
      fc.property(arbPlain(), (p) => {
        const complete = p.dates.filter((_, i) => p.values[i]!.every((v) => v !== null));
        if (complete.length === 0) {
          expect(() => dropMissing(p)).toThrow(InsufficientDataError);
          return;
        }
        const out = dropMissing(p);
        expect(Array.from(out.values.data).some(Number.isNaN)).toBe(false);
        expect(out.dates).toEqual(complete);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
  it('columns / all keeps exactly the columns with a value; columns / any leaves no NaN', () => {
    fc.assert(
      fc.property(arbPlain({ maxRows: 4 }), (p) => {
        const withValue = p.assets.filter((_, j) => p.values.some((r) => r[j] !== null));
        if (withValue.length === 0) expect(() => dropMissing(p, { axis: 'columns', how: 'all' })).toThrow(InsufficientDataError);
        else expect(dropMissing(p, { axis: 'columns', how: 'all' }).assets).toEqual(withValue);
        const complete = p.assets.filter((_, j) => p.values.every((r) => r[j] !== null));
        if (complete.length === 0) expect(() => dropMissing(p, { axis: 'columns' })).toThrow(InsufficientDataError);
        else {
          const out = dropMissing(p, { axis: 'columns' });
          expect(out.assets).toEqual(complete);
          expect(Array.from(out.values.data).some(Number.isNaN)).toBe(false);
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

describe('selectAssets and sliceDates', () => {
  it('selectAssets ∘ selectAssets composes: select(select(t, A), B) = select(t, B) for B ⊆ A', () => {
    fc.assert(
      fc.property(
        arbPlain().chain((p) =>
          fc.shuffledSubarray(p.assets, { minLength: 1 }).chain((A) => fc.tuple(fc.constant(p), fc.constant(A), fc.shuffledSubarray(A, { minLength: 1 }))),
        ),
        ([p, A, B]) => {
          const t = build(p);
          expectSameTable(selectAssets(selectAssets(t, A), B), selectAssets(t, B));
          expect(selectAssets(t, B).assets).toEqual(B);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });
  it('sliceDates keeps exactly the dates within [from, to] (or throws when there are none)', () => {
    fc.assert(
      fc.property(
        arbPlain({ maxGap: 10 }),
        fc.integer({ min: isoToDayNumber('2017-12-01'), max: isoToDayNumber('2022-12-31') }),
        fc.integer({ min: 0, max: 400 }),
        fc.constantFrom('both', 'from', 'to'),
        (p, a, len, which) => {
          const from = which === 'to' ? undefined : isoFromDayNumber(a);
          const to = which === 'from' ? undefined : isoFromDayNumber(a + len);
          const want = p.dates.filter((d) => (from === undefined || d >= from) && (to === undefined || d <= to));
          if (want.length === 0) {
            expect(() => sliceDates(p, from, to)).toThrow(InsufficientDataError);
            return;
          }
          const out = sliceDates(p, from, to);
          expect(out.dates).toEqual(want);
          for (const d of out.dates) {
            if (from !== undefined) expect(d >= from).toBe(true);
            if (to !== undefined) expect(d <= to).toBe(true);
          }
          const i0 = p.dates.indexOf(want[0]!);
          expect(out.values.toArray()).toEqual(p.values.slice(i0, i0 + want.length).map((r) => r.map((v) => (v === null ? NaN : v))));
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

describe('inputs are never mutated', () => {
  const ops: [string, (t: any, u: any) => unknown][] = [
    ['alignTables outer', (t, u) => alignTables([t, u], { join: 'outer' })],
    ['mergeTables outer', (t, u) => mergeTables([t, { ...u, assets: u.assets.map((x: string) => `${x}2`) }], { join: 'outer' })],
    ['resample month', (t) => resample(t, 'month')],
    ['resample week first', (t) => resample(t, 'week', { how: 'first' })],
    ['fillMissing forward', (t) => fillMissing(t, { limit: 1 })],
    ['fillMissing backward', (t) => fillMissing(t, { method: 'backward' })],
    ['dropMissing rows all', (t) => dropMissing(t, { how: 'all' })],
    ['dropMissing columns all', (t) => dropMissing(t, { axis: 'columns', how: 'all' })],
    ['selectAssets', (t) => selectAssets(t, [...t.assets].reverse())],
    ['sliceDates', (t) => sliceDates(t, t.dates[0], t.dates[t.dates.length - 1])],
  ];
  for (const [name, op] of ops) {
    it(name, () => {
      fc.assert(
        fc.property(arbPlain({ maxGap: 3, startSpread: 30 }), arbPlain({ maxGap: 3, startSpread: 30 }), (p, q) => {
          // plain, deep-frozen inputs
          const before = JSON.stringify([p, q]);
          const fp = deepFreeze(structuredClone(p));
          const fq = deepFreeze(structuredClone(q));
          try {
            op(fp, fq);
          } catch (e) {
            expect(e).toBeInstanceOf(InsufficientDataError); // e.g. an inner join or a drop with nothing left
          }
          expect(JSON.stringify([fp, fq])).toBe(before);
          // built tables: the storage is unchanged, and the result never shares it
          const bp = build(p);
          const bq = build(q);
          const dp = bp.values.data.slice();
          const dq = bq.values.data.slice();
          let out: unknown;
          try {
            out = op(bp, bq);
          } catch {
            /* as above */
          }
          expect(Array.from(bp.values.data)).toEqual(Array.from(dp));
          expect(Array.from(bq.values.data)).toEqual(Array.from(dq));
          for (const r of out === undefined ? [] : Array.isArray(out) ? out : [out]) {
            const t = r as Table;
            expect(t.values.data.buffer === bp.values.data.buffer || t.values.data.buffer === bq.values.data.buffer).toBe(false);
            expect(t.dates === bp.dates || t.assets === bp.assets).toBe(false);
            expect(Object.isFrozen(t) && Object.isFrozen(t.dates) && Object.isFrozen(t.assets)).toBe(true);
          }
        }),
        { seed: SEED, numRuns: 40 },
      );
    });
  }
});
