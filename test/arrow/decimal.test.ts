/**
 * Arrow Decimal columns (32, 64, 128 and 256 bits, scales from -5 to 76) read as the double
 * nearest to N · 10^-scale, ties to even. Reference: test/fixtures/arrow/decimals.json, written by
 * scripts/fixtures/arrow/decimals.py with Python's correctly rounded int true division.
 * Also a property test against JavaScript's own string-to-number conversion, which ECMAScript
 * requires to be correctly rounded for up to 20 significant digits.
 */
import { Decimal, makeData, makeVector, Table, Utf8, vectorFromArray } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromArrow } from '../../src/arrow/index.ts';
import { loadFixture } from '../helpers.ts';

interface Case {
  bits: 32 | 64 | 128 | 256;
  scale: number;
  n: string;
  expected: string;
}

/** Little-endian two's-complement 32-bit words of each value. */
function words(ns: readonly bigint[], bits: number): Uint32Array {
  const per = bits / 32;
  const w = new Uint32Array(ns.length * per);
  ns.forEach((n, i) => {
    let x = n < 0n ? n + (1n << BigInt(bits)) : n;
    for (let k = 0; k < per; k++, x >>= 32n) w[i * per + k] = Number(x & 0xffffffffn);
  });
  return w;
}

/** Read decimals through fromArrow: one Decimal column, one row per value. */
function readDecimals(ns: readonly bigint[], bits: number, scale: number): Float64Array {
  const dates = ns.map((_, i) => new Date(Date.UTC(2000, 0, 1 + i)).toISOString().slice(0, 10));
  const col = makeVector(makeData({ type: new Decimal(scale, bits === 256 ? 76 : 38, bits), length: ns.length, nullCount: 0, data: words(ns, bits) }));
  return fromArrow(new Table({ date: vectorFromArray(dates, new Utf8()), X: col }), { kind: 'returns' }).values.data;
}

describe('Decimal columns to doubles', () => {
  const { cases } = loadFixture<{ cases: Case[] }>('arrow/decimals.json');

  it(`matches Python's correctly rounded N / 10**scale on ${cases.length} cases`, () => {
    expect(cases.length).toBeGreaterThan(900);
    const groups = new Map<string, Case[]>();
    for (const c of cases) groups.set(`${c.bits}/${c.scale}`, [...(groups.get(`${c.bits}/${c.scale}`) ?? []), c]);
    const bad: string[] = [];
    for (const group of groups.values()) {
      const { bits, scale } = group[0]!;
      const got = readDecimals(
        group.map((c) => BigInt(c.n)),
        bits,
        scale,
      );
      group.forEach((c, i) => {
        const want = Number(c.expected);
        if (!Object.is(got[i], want)) bad.push(`Decimal${bits}(scale ${scale}) N=${c.n}: got ${got[i]}, expected ${c.expected}`);
      });
    }
    expect(bad.slice(0, 10)).toEqual([]);
  });

  it('rounds halfway cases to even (by hand: 2^53 + 1 -> 2^53, 2^53 + 3 -> 2^53 + 4, scale 4)', () => {
    const got = readDecimals([(2n ** 53n + 1n) * 10_000n, (2n ** 53n + 3n) * 10_000n, -(2n ** 53n + 1n) * 10_000n], 128, 4);
    expect(Array.from(got)).toEqual([2 ** 53, 2 ** 53 + 4, -(2 ** 53)]);
  });

  it('property: Decimal128 with scale 4 equals Number() of its decimal digits (up to 20 digits)', () => {
    const digits = (n: bigint, s: number): string => {
      const neg = n < 0n;
      const a = (neg ? -n : n).toString().padStart(s + 1, '0');
      return `${neg ? '-' : ''}${a.slice(0, a.length - s)}.${a.slice(a.length - s)}`;
    };
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: -(10n ** 20n) + 1n, max: 10n ** 20n - 1n }), { minLength: 1, maxLength: 30 }), (ns) => {
        const got = readDecimals(ns, 128, 4);
        ns.forEach((n, i) => expect(Object.is(got[i], Number(digits(n, 4))) || (n === 0n && got[i] === 0), `N=${n}`).toBe(true));
      }),
      { seed: 4242, numRuns: 300 },
    );
  });
});
