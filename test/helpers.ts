/**
 * Shared test helpers: tolerance comparisons that report index, actual, expected, difference
 * and tolerance; fixture loading; deep freezing of inputs (to prove functions never mutate them).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));

/** Load `test/fixtures/<relPath>` as JSON. */
export function loadFixture<T = any>(relPath: string): T {
  return JSON.parse(readFileSync(join(here, 'fixtures', relPath), 'utf8')) as T;
}

/** Load a file from `examples/data/`. */
export function loadSampleData<T = any>(file = 'sample-prices.json'): T {
  return JSON.parse(readFileSync(join(here, '..', 'examples', 'data', file), 'utf8')) as T;
}

export interface Tolerance {
  /** Relative tolerance (default 1e-12). */
  rtol?: number;
  /** Absolute tolerance (default 0). */
  atol?: number;
  /** A label for the failure message. */
  label?: string;
}

function flatten(x: unknown, path: string, out: Array<[string, number]>): void {
  if (typeof x === 'number') {
    out.push([path, x]);
    return;
  }
  if (x && typeof x === 'object' && typeof (x as { toArray?: unknown }).toArray === 'function') {
    flatten((x as { toArray(): unknown }).toArray(), path, out);
    return;
  }
  if (x && typeof x === 'object' && typeof (x as ArrayLike<unknown>).length === 'number') {
    const a = x as ArrayLike<unknown>;
    for (let i = 0; i < a.length; i++) flatten(a[i], `${path}[${i}]`, out);
    return;
  }
  throw new Error(`expectClose: cannot compare ${typeof x} at ${path || '(root)'}`);
}

/**
 * Assert |actual − expected| ≤ atol + rtol · |expected| elementwise over numbers, arrays,
 * nested arrays, typed arrays and Matrix objects. Fails with the first offending index, the
 * actual and expected values, their difference and the tolerance.
 */
export function expectClose(actual: unknown, expected: unknown, tol: Tolerance = {}): void {
  const { rtol = 1e-12, atol = 0, label = '' } = tol;
  const a: Array<[string, number]> = [];
  const e: Array<[string, number]> = [];
  flatten(actual, '', a);
  flatten(expected, '', e);
  if (a.length !== e.length) {
    expect.fail(`${label}: size mismatch, actual has ${a.length} numbers, expected ${e.length}`);
  }
  let worst = -1;
  let worstExcess = 0;
  for (let k = 0; k < a.length; k++) {
    const av = a[k]![1];
    const ev = e[k]![1];
    const limit = atol + rtol * Math.abs(ev);
    const diff = Math.abs(av - ev);
    const ok = av === ev || diff <= limit;
    if (!ok) {
      const excess = Number.isNaN(diff) ? Infinity : diff - limit;
      if (worst < 0 || excess > worstExcess) {
        worst = k;
        worstExcess = excess;
      }
    }
  }
  if (worst >= 0) {
    const [path, av] = a[worst]!;
    const ev = e[worst]![1];
    expect.fail(
      `${label}${path}: actual ${av}, expected ${ev}, difference ${Math.abs(av - ev)}, tolerance ${atol + rtol * Math.abs(ev)} (rtol ${rtol}, atol ${atol})`,
    );
  }
}

/** Recursively freeze an object (arrays, nested arrays, plain objects). Typed arrays cannot be frozen; pass copies and compare instead. */
export function deepFreeze<T>(x: T): T {
  if (x && typeof x === 'object' && !ArrayBuffer.isView(x)) {
    for (const v of Object.values(x as object)) deepFreeze(v);
    Object.freeze(x);
  }
  return x;
}

/** A deterministic pseudo-random matrix (for tests only; not a reference value). */
export function lcgMatrix(rows: number, cols: number, seed = 1, scale = 0.01): number[][] {
  let s = seed >>> 0 || 1;
  const next = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => next() * scale));
}

/** Assert that `f` throws an instance of `cls` whose message matches `re` (the typed-error contract). */
export function expectTypedError(f: () => unknown, cls: abstract new (...args: never[]) => Error, re: RegExp): void {
  let err: unknown;
  try {
    f();
  } catch (e) {
    err = e;
  }
  expect(err, `expected ${cls.name} matching ${re}`).toBeInstanceOf(cls);
  expect((err as Error).message).toMatch(re);
}
