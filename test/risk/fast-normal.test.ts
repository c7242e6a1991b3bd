/**
 * The Monte Carlo generator's own xor4096 seeding (src/risk/fast-normal.ts) against seedrandom's
 * public API: the 32-bit words must equal `seedrandom.xor4096(key).int32()` for the same key.
 * The ziggurat tables are checked against Marsaglia & Tsang's (2000) published constants.
 */
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { nextInt32, xor4096State, zigguratTables } from '../../src/risk/fast-normal.ts';

describe('fast-normal generator', () => {
  it.each([
    [42, 0],
    [42, 7],
    ['a string seed', 3],
    [0, 0],
    [-1.5, 12],
    ['x'.repeat(300), 1],
  ])('xor4096State(%s, %s) gives seedrandom xor4096 int32() words', (seed, index) => {
    const ours = xor4096State(seed, index);
    const ref = seedrandom.xor4096(`quantivista:${String(seed)}:${index}`);
    for (let k = 0; k < 2000; k++) expect(nextInt32(ours)).toBe(ref.int32());
  });

  it('ziggurat tables: x[1] = r, the base strip area v, and k / wn of the top layer', () => {
    const t = zigguratTables();
    expect(t.x[1]).toBe(3.442619855899);
    // v = r f(r) + ∫_r^∞ f = x0 f(r), Marsaglia & Tsang (2000), 128 layers
    expect(t.x[0]! * Math.exp(-0.5 * 3.442619855899 ** 2)).toBeCloseTo(9.91256303526217e-3, 15);
    expect(t.x[128]).toBe(0);
    // the last computed abscissa (the top layer's edge) is small and positive
    expect(t.x[127]!).toBeGreaterThan(0);
    expect(t.x[127]!).toBeLessThan(0.3);
  });
});
