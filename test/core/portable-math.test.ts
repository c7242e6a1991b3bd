/**
 * portableLog / portableExp: ports of fdlibm's log and exp, used where results must be the same
 * bits on every engine (randomStream). References: ln(x) and e^x to 50 digits from Python's
 * decimal module (scripts/fixtures/core/portable-log.py, portable-exp.py), independent of any
 * libm. fdlibm's error bound is < 1 ulp, so each result must be the correctly rounded value or
 * its neighbour. The cross-engine
 * sameness itself is checked by test/browser (Chromium) and test/deno.
 */
import { describe, expect, it } from 'vitest';
import { portableExp, portableLog } from '../../src/core/portable-math.ts';
import { loadFixture } from '../helpers.ts';

function ulp(x: number): number {
  const a = Math.abs(x);
  if (a === 0) return Number.MIN_VALUE;
  const e = Math.floor(Math.log2(a));
  return Math.max(2 ** (e - 52), Number.MIN_VALUE);
}

describe('portableLog', () => {
  const fx = loadFixture<{ cases: Array<{ x: number; ln: string }> }>('core/portable-log.json');

  it('is within 1 ulp of ln(x) to 50 digits on 300 inputs (normal, subnormal, near 1, huge)', () => {
    expect(fx.cases.length).toBe(300);
    const bad: string[] = [];
    let exact = 0;
    for (const { x, ln } of fx.cases) {
      const ref = Number(ln); // correctly rounded
      const got = portableLog(x);
      if (got === ref) exact++;
      else if (!(Math.abs(got - ref) <= ulp(ref))) bad.push(`x=${x}: got ${got}, ln(x)=${ln}`);
    }
    expect(bad).toEqual([]);
    expect(exact).toBeGreaterThan(290); // fdlibm is correctly rounded on the vast majority
  });

  it('special values', () => {
    expect(portableLog(0)).toBe(-Infinity);
    expect(portableLog(-0)).toBe(-Infinity);
    expect(portableLog(-1)).toBeNaN();
    expect(portableLog(Number.NaN)).toBeNaN();
    expect(portableLog(Infinity)).toBe(Infinity);
    expect(portableLog(-Infinity)).toBeNaN();
    expect(Object.is(portableLog(1), 0)).toBe(true);
  });

  it('agrees with Math.log to 1 ulp on 100,000 seeded inputs', () => {
    let s = 12345 >>> 0;
    const next = (): number => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s / 4294967296;
    };
    let worst = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = i % 2 === 0 ? next() + 1e-12 : Math.exp((next() - 0.5) * 1400);
      const a = portableLog(x);
      const b = Math.log(x);
      worst = Math.max(worst, Math.abs(a - b) / ulp(b));
    }
    expect(worst).toBeLessThanOrEqual(1);
  });
});

describe('portableExp', () => {
  const fx = loadFixture<{ cases: Array<{ x: number; exp: string }> }>('core/portable-exp.json');

  it('is within 1 ulp of e^x to 50 digits on 300 inputs (small, large, subnormal results)', () => {
    expect(fx.cases.length).toBe(300);
    const bad: string[] = [];
    let exact = 0;
    for (const { x, exp } of fx.cases) {
      const ref = Number(exp); // correctly rounded
      const got = portableExp(x);
      if (got === ref) exact++;
      else if (!(Math.abs(got - ref) <= ulp(ref))) bad.push(`x=${x}: got ${got}, e^x=${exp}`);
    }
    expect(bad).toEqual([]);
    expect(exact).toBeGreaterThan(270); // 279 of 300 are correctly rounded
  });

  it('special values', () => {
    expect(portableExp(0)).toBe(1);
    expect(portableExp(-0)).toBe(1);
    expect(portableExp(1)).toBe(Math.E);
    expect(portableExp(Infinity)).toBe(Infinity);
    expect(portableExp(-Infinity)).toBe(0);
    expect(portableExp(Number.NaN)).toBeNaN();
    expect(portableExp(710)).toBe(Infinity);
    expect(portableExp(-746)).toBe(0);
  });

  it('agrees with Math.exp to 1 ulp on 100,000 seeded inputs and inverts portableLog', () => {
    let s = 4242 >>> 0;
    const next = (): number => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s / 4294967296;
    };
    let worst = 0;
    let worstRoundTrip = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = (next() - 0.5) * (i % 2 === 0 ? 4 : 1400);
      const a = portableExp(x);
      const b = Math.exp(x);
      if (b !== 0 && Number.isFinite(b)) worst = Math.max(worst, Math.abs(a - b) / ulp(b));
      const y = next() * 100 + 1e-3;
      worstRoundTrip = Math.max(worstRoundTrip, Math.abs(portableExp(portableLog(y)) - y) / y);
    }
    expect(worst).toBeLessThanOrEqual(1);
    expect(worstRoundTrip).toBeLessThan(1e-13);
  });
});
