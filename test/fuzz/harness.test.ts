/**
 * Self-test of the fuzz harness in scripts/fuzz/ (docs/fuzz.md): its checks must catch what they
 * claim to catch, and its cases must be the same on every run. The fuzz run itself is
 * `npm run fuzz` (a stage of `npm test`); it needs the built package and minutes, so it does not
 * run here.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const dir = join(resolve(dirname(fileURLToPath(import.meta.url)), '..', '..'), 'scripts', 'fuzz');
const load = async (name: string): Promise<any> => import(pathToFileURL(join(dir, name)).href);

describe('fuzz harness checks', () => {
  it('scanBad finds NaN, ±Infinity and "NaN" in text, deep inside results', async () => {
    const { scanBad } = await load('values.mjs');
    expect(scanBad({ a: [1, { b: new Float64Array([0, Number.NaN]) }] })).toEqual({ kind: 'nan', path: '$.a[1].b[1]' });
    expect(scanBad(new Map([['x', -Infinity]]))?.kind).toBe('infinity');
    expect(scanBad('<path d="M NaN 0"/>')?.kind).toBe('nan-text');
    expect(scanBad({ weights: [0.5, 0.5], note: null, at: -0 })).toBeUndefined();
    // a table's NaN marks a missing value (docs/data.md); Infinity there is still caught
    const table = { kind: 'returns', dates: ['2024-01-02'], assets: ['A', 'B'], values: { rows: 1, cols: 2, data: new Float64Array([Number.NaN, 1]) } };
    expect(scanBad(table)).toBeUndefined();
    expect(scanBad({ ...table, values: { rows: 1, cols: 2, data: new Float64Array([Infinity, 1]) } })?.kind).toBe('infinity');
  });

  it('clone keeps prototypes and sameBits compares to the bit', async () => {
    const { clone, sameBits, serialise } = await load('values.mjs');
    class Box {
      constructor(public v: number[]) {}
    }
    const x = { box: new Box([1, -0]), t: new Float64Array([Number.NaN]), bare: Object.create(null) };
    const c = clone(x);
    expect(c.box).toBeInstanceOf(Box);
    expect(c.box).not.toBe(x.box);
    expect(Object.getPrototypeOf(c.bare)).toBeNull();
    expect(sameBits(x, c)).toBe(true);
    c.box.v[1] = 0; // -0 -> 0 is a change
    expect(sameBits(x, c)).toBe(false);
    expect(serialise([-0, 0.1, Number.NaN])).toBe('[-0,0.1,NaN]');
  });

  it('mutations never touch the captured call and are the same for the same descriptor', async () => {
    const { applyMutation, MUTATIONS } = await load('mutate.mjs');
    const { descriptors } = await load('cases.mjs');
    const { serialise } = await load('values.mjs');
    const captured = [{ returns: [0.01, -0.02, 0.03], dates: ['2024-01-02', '2024-01-03', '2024-01-04'], assets: ['A', 'B'] }, 0.95, new Float64Array([1, 2])];
    const before = serialise(captured);
    const ds = descriptors('risk/example', 20261208, 80);
    expect(serialise(ds)).toBe(serialise(descriptors('risk/example', 20261208, 80)));
    const seen = new Set<string>();
    for (const d of ds) {
      const a = applyMutation(captured, d);
      const b = applyMutation(captured, d);
      expect(serialise(a.args)).toBe(serialise(b.args));
      expect(MUTATIONS).toContain(a.mutation);
      seen.add(a.mutation);
    }
    expect(serialise(captured)).toBe(before);
    expect([...seen].sort()).toEqual([...MUTATIONS].sort());
  });

  it('a typed array given a non-number becomes a plain array holding it', async () => {
    const { applyMutation } = await load('mutate.mjs');
    // wrong-type on node #2 (the first element of the Float64Array), variant 2 = null
    const r = applyMutation([new Float64Array([1, 2])], { call: 0, mutation: 'wrong-type', node: 1, variant: 2, extra: 0 });
    expect(r.args).toEqual([[null, 2]]);
  });
});
