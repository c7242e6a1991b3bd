/**
 * Regression tests for the core items of the hardening campaign: each named after its reproducer.
 * Expected values: Φ(±1e300) and the t CDF at ν = 1e308 are their exact limits (0, 1 and Φ(1),
 * Φ(1) = 0.8413447460685429 from scipy.stats.norm.cdf(1) / R pnorm(1)); the rest are typed errors.
 */
import { describe, expect, it } from 'vitest';
import {
  binomialCdf,
  DimensionError,
  InvalidArgumentError,
  Matrix,
  mean,
  normalCdf,
  QuantError,
  skewness,
  solveTriangular,
  standardDeviation,
  studentTCdf,
  variance,
} from '../../src/core/index.ts';

describe('core hardening', () => {
  it('normalCdf(1e300) is 1 and normalCdf(-1e300) is 0 (was NaN)', () => {
    expect(normalCdf(1e300)).toBe(1);
    expect(normalCdf(-1e300)).toBe(0);
    expect(normalCdf(-Number.MAX_VALUE)).toBe(0);
    expect(normalCdf(39)).toBe(1);
  });
  it('studentTCdf(1, 1e308) is the normal limit Φ(1) (was NaN)', () => {
    expect(Math.abs(studentTCdf(1, 1e308) - 0.8413447460685429)).toBeLessThanOrEqual(2e-16);
    expect(studentTCdf(-1e300, 1e308)).toBe(0);
  });
  it('binomialCdf with n = 1e300 is a typed error: n must be an exact integer (was NaN)', () => {
    expect(() => binomialCdf(5, 1e300, 0.01)).toThrow(InvalidArgumentError);
    expect(() => binomialCdf(5, 1e300, 0.01)).toThrow(/`n` must be an integer in \[0, 9007199254740991\]/);
  });
  it('variance([1,2,3,1e308]) is a typed overflow error; its standard deviation is finite (was Infinity)', () => {
    expect(() => variance([1, 2, 3, 1e308])).toThrow(/overflows double precision/);
    // by hand: mean ≈ 2.5e307, squared deviations 3 · 6.25e614 + 56.25e614 = 7.5e615, / 3 = 2.5e615, sd = 5e307
    const sd = standardDeviation([1, 2, 3, 1e308]);
    expect(Math.abs(sd - 5e307) / 5e307).toBeLessThanOrEqual(1e-15);
    expect(mean([1e308, 1e308, 1e308])).toBe(1e308); // the plain sum would overflow
    expect(Math.abs(skewness([1e308, -1e308, 1e308, 1e308]) - skewness([1, -1, 1, 1]))).toBeLessThanOrEqual(1e-15);
  });
  it('the standard deviation of subnormal values does not underflow to 0', () => {
    // x = 2^-1054; deviations −x/4, 3x/4, −x/4, −x/4: Σ = 0.75 x², / 3 = x² / 4, so sd = x / 2 = 2^-1055 exactly
    expect(standardDeviation([0, 2 ** -1054, 0, 0])).toBe(2 ** -1055);
  });
  it('new Matrix(1, 2, [NaN, Infinity]) is refused', () => {
    expect(() => new Matrix(1, 2, [Number.NaN, Infinity])).toThrow(InvalidArgumentError);
    expect(() => new Matrix(1, 2, [Number.NaN, Infinity])).toThrow(/entry 0 is NaN.*table/);
    expect(() => new Matrix(1, 1, null as never)).toThrow(InvalidArgumentError);
  });
  it('Matrix.identity(-1) is a typed error (was a malformed matrix)', () => {
    expect(() => Matrix.identity(-1)).toThrow(DimensionError);
    expect(() => Matrix.identity(1.5)).toThrow(DimensionError);
    expect(() => Matrix.identity(1e9)).toThrow(DimensionError);
  });
  it('solveTriangular([[5e-324,0],[1,1]], [4,3]) is a typed error (was ±Infinity); options null is refused', () => {
    expect(() =>
      solveTriangular(
        [
          [5e-324, 0],
          [1, 1],
        ],
        [4, 3],
      ),
    ).toThrow(/overflows double precision/);
    expect(() =>
      solveTriangular(
        [
          [1, 0],
          [1, 1],
        ],
        [4, 3],
        null as never,
      ),
    ).toThrow(InvalidArgumentError);
  });
  it('mean([1, Object.create(null)]) is a typed error naming the entry (building the message crashed)', () => {
    expect(() => mean([1, Object.create(null)])).toThrow(InvalidArgumentError);
    expect(() => mean([1, Object.create(null)])).toThrow(/entry 1 is object/);
  });
  it('JSON.stringify(error) keeps name, code, message and fields', () => {
    const e = new InvalidArgumentError('f: `x` must be positive, got -1.', 'x', -1);
    expect(JSON.parse(JSON.stringify(e))).toEqual({
      name: 'InvalidArgumentError',
      code: 'INVALID_ARGUMENT',
      message: 'f: `x` must be positive, got -1.',
      argument: 'x',
      value: -1,
    });
    expect(e).toBeInstanceOf(QuantError);
  });
});

describe('core size caps and ranges', () => {
  it('randomStream(42).fillNormal(new Float64Array(8), 4, 1e308) is a typed error (hung)', async () => {
    const { randomStream } = await import('../../src/core/index.ts');
    const rng = randomStream(42);
    expect(() => rng.fillNormal(new Float64Array(8), 4, 1e308)).toThrow(InvalidArgumentError);
    expect(() => rng.fillNormal(new Float64Array(8), 9)).toThrow(InvalidArgumentError);
    const out = new Float64Array(8);
    rng.fillNormal(out, 4, 4);
    expect(out.slice(0, 4).every((v) => v === 0) && out.slice(4).every((v) => v !== 0)).toBe(true);
  });
  it('multivariateNormal(..., 3.4e8) refuses a sample beyond the size cap at once', async () => {
    const { multivariateNormal, MAX_SAMPLE_ENTRIES } = await import('../../src/core/index.ts');
    expect(() =>
      multivariateNormal(
        [0, 0],
        [
          [1, 0],
          [0, 1],
        ],
        3.4e8,
        { seed: 1 },
      ),
    ).toThrow(/above the limit of 50000000/);
    expect(MAX_SAMPLE_ENTRIES).toBe(50_000_000);
  });
  it('equalWeight(1e9) is refused by the size cap', async () => {
    const { equalWeight } = await import('../../src/optimize/index.ts');
    expect(() => equalWeight(1e9)).toThrow(InvalidArgumentError);
  });
});

describe('probabilities stay in [0, 1]', () => {
  it('regularizedGammaP(1e-300, 1e-300) is at most 1 (was 1.0000000000000235)', async () => {
    const { regularizedGammaP, regularizedGammaQ } = await import('../../src/core/index.ts');
    const p = regularizedGammaP(1e-300, 1e-300);
    expect(p).toBeLessThanOrEqual(1);
    expect(p).toBeGreaterThan(0.999);
    // exact Q = 1 − P ≈ a · (−ln x − γ) ≈ 6.9e-298: absolute accuracy, never a negative probability
    const q = regularizedGammaQ(1e-300, 1e-300);
    expect(q).toBeGreaterThanOrEqual(0);
    expect(q).toBeLessThanOrEqual(1e-290);
  });
  it('baselTrafficLight(6, 1e300) is a typed error (cumulativeProbability was NaN)', async () => {
    const { baselTrafficLight } = await import('../../src/risk/index.ts');
    expect(() => baselTrafficLight(6, 1e300)).toThrow(InvalidArgumentError);
  });
});
