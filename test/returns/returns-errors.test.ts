/**
 * Typed-error tests for quantivista/returns: each bad input throws the right class at once, with
 * a message naming the function and the argument.
 */
import { describe, expect, it } from 'vitest';
import { DimensionError, InsufficientDataError, InvalidArgumentError } from '../../src/core/errors.ts';
import {
  annualizeCovariance,
  annualizeReturn,
  annualizeVolatility,
  cumulativeReturns,
  logReturns,
  portfolioReturns,
  simpleReturns,
} from '../../src/returns/index.ts';

function expectError(f: () => unknown, cls: new (...a: never[]) => Error, ...fragments: string[]): void {
  let caught: unknown;
  try {
    f();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(cls);
  for (const s of fragments) expect((caught as Error).message).toContain(s);
}

describe('simpleReturns / logReturns: typed errors', () => {
  for (const [name, fn] of [
    ['simpleReturns', simpleReturns],
    ['logReturns', logReturns],
  ] as const) {
    const f = fn as (p: unknown, o?: unknown) => unknown;
    it(`${name}: ragged rows`, () => expectError(() => f([[1, 2], [3]]), DimensionError, name, 'ragged'));
    it(`${name}: fewer than 2 dates`, () => {
      expectError(() => f([[1, 2]]), InsufficientDataError, name, '`prices`', 'at least 2');
      expectError(() => f([5]), InsufficientDataError, name, 'at least 2');
      expectError(() => f([]), InsufficientDataError, name);
    });
    it(`${name}: a missing price names its row and column and suggests 'drop'`, () => {
      expectError(
        () =>
          f([
            [1, 2],
            [3, NaN],
            [4, 5],
          ]),
        InvalidArgumentError,
        name,
        '`prices`',
        'row 1, column 1',
        "missing: 'drop'",
      );
      expectError(() => f([1, null, 3]), InvalidArgumentError, name, 'row 1');
    });
    it(`${name}: missing: 'drop' leaves too few rows`, () =>
      expectError(
        () =>
          f(
            [
              [1, NaN],
              [2, 3],
            ],
            { missing: 'drop' },
          ),
        InsufficientDataError,
        name,
        'after dropping',
      ));
    it(`${name}: ±Infinity`, () => {
      expectError(
        () =>
          f([
            [1, 2],
            [Infinity, 3],
          ]),
        InvalidArgumentError,
        name,
        '`prices`',
        '(1, 0)',
      );
      expectError(() => f([1, -Infinity]), InvalidArgumentError, name, '`prices`');
    });
    it(`${name}: non-positive prices`, () => {
      expectError(
        () =>
          f([
            [1, 2],
            [0, 3],
          ]),
        InvalidArgumentError,
        name,
        '`prices` must be positive',
        'entry (1, 0)',
      );
      expectError(() => f([1, 2, -3]), InvalidArgumentError, name, 'entry 2', '-3');
    });
    it(`${name}: non-numeric entries and non-array input`, () => {
      expectError(() => f(['1', '2']), InvalidArgumentError, name, '`prices`');
      expectError(() => f(42), InvalidArgumentError, name, '`prices`');
    });
    it(`${name}: unknown option and bad 'missing'`, () => {
      expectError(() => f([1, 2], { mising: 'drop' }), InvalidArgumentError, name, 'unknown option `mising`');
      expectError(() => f([1, 2], { missing: 'fill' }), InvalidArgumentError, name, '`missing`');
    });
  }
});

describe('cumulativeReturns: typed errors', () => {
  it('NaN, Infinity, returns below −1, empty, ragged', () => {
    expectError(() => cumulativeReturns([0.1, NaN]), InvalidArgumentError, 'cumulativeReturns', '`returns`');
    expectError(() => cumulativeReturns([[0.1], [Infinity]]), InvalidArgumentError, 'cumulativeReturns', '`returns`');
    expectError(() => cumulativeReturns([0.1, -1.5]), InvalidArgumentError, 'cumulativeReturns', '≥ −1', 'entry 1');
    expectError(() => cumulativeReturns([]), InsufficientDataError, 'cumulativeReturns');
    expectError(() => cumulativeReturns([[0.1, 0.2], [0.3]]), DimensionError, 'cumulativeReturns');
  });
});

describe('portfolioReturns: typed errors', () => {
  const R = [
    [0.01, 0.02],
    [0.03, -0.01],
  ];
  it('weights of the wrong length or not finite', () => {
    expectError(() => portfolioReturns(R, [1]), DimensionError, 'portfolioReturns', '`weights`', '2 entries');
    expectError(() => portfolioReturns(R, [0.5, NaN]), InvalidArgumentError, 'portfolioReturns', '`weights`');
  });
  it('NaN returns, ragged rows, no rows', () => {
    expectError(() => portfolioReturns([[0.01, NaN]], [0.5, 0.5]), InvalidArgumentError, 'portfolioReturns', '`returns`', 'row 0');
    expectError(() => portfolioReturns([[0.01, 0.02], [0.1]], [0.5, 0.5]), DimensionError, 'portfolioReturns');
    expectError(() => portfolioReturns([], [0.5, 0.5]), InsufficientDataError, 'portfolioReturns');
  });
  it('unknown option and unknown rebalance policy', () => {
    expectError(() => portfolioReturns(R, [0.5, 0.5], { rebalance: 'monthly' } as never), InvalidArgumentError, 'portfolioReturns', '`rebalance`');
    expectError(() => portfolioReturns(R, [0.5, 0.5], { rebalancing: 'none' } as never), InvalidArgumentError, 'unknown option `rebalancing`');
  });
  it('buy and hold whose value is wiped out before the last period', () => {
    expectError(() => portfolioReturns([[-1], [0.1]], [1], { rebalance: 'none' }), InvalidArgumentError, 'portfolioReturns', 'fell to 0');
    // Wiped out in the last period is a valid −100 % return.
    expect(portfolioReturns([[0.1], [-1]], [1], { rebalance: 'none' })).toEqual([0.1, -1]);
  });
  it("missing: 'drop' drops incomplete periods", () => {
    expect(
      portfolioReturns(
        [
          [0.1, 0.3],
          [NaN, 1],
          [0.2, 0],
        ],
        [0.5, 0.5],
        { missing: 'drop' },
      ),
    ).toEqual([0.2, 0.1]);
  });
});

describe('annualisation helpers: typed errors', () => {
  it('periodsPerYear missing, zero, negative, NaN or Infinity', () => {
    for (const f of [
      (o: unknown) => annualizeReturn(0.01, o as never),
      (o: unknown) => annualizeVolatility(0.01, o as never),
      (o: unknown) => annualizeCovariance([[1]], o as never),
    ]) {
      expectError(() => f({}), InvalidArgumentError, '`periodsPerYear` is required');
      expectError(() => f(undefined), InvalidArgumentError, '`periodsPerYear`');
      for (const bad of [0, -12, NaN, Infinity, '252']) expectError(() => f({ periodsPerYear: bad }), InvalidArgumentError, '`periodsPerYear`');
      expectError(() => f({ periodsPerYear: 12, periods: 12 }), InvalidArgumentError, 'unknown option `periods`');
    }
  });
  it('bad values', () => {
    expectError(() => annualizeReturn(NaN, { periodsPerYear: 12 }), InvalidArgumentError, 'annualizeReturn', '`returns`');
    expectError(() => annualizeReturn([0.1, Infinity], { periodsPerYear: 12 }), InvalidArgumentError, 'annualizeReturn', '`returns`');
    expectError(() => annualizeReturn(-1.2, { periodsPerYear: 12 }), InvalidArgumentError, 'annualizeReturn', '≥ −1');
    expect(annualizeReturn(-1.2, { periodsPerYear: 12, compounding: 'arithmetic' })).toBeCloseTo(-14.4, 12);
    expectError(() => annualizeReturn(5, { periodsPerYear: 1e6 }), InvalidArgumentError, 'annualizeReturn', 'overflows');
    expectError(() => annualizeReturn(0.1, { periodsPerYear: 12, compounding: 'simple' } as never), InvalidArgumentError, '`compounding`');
    expectError(() => annualizeVolatility(-0.1, { periodsPerYear: 12 }), InvalidArgumentError, 'annualizeVolatility', '≥ 0');
    expectError(() => annualizeVolatility([0.1, NaN], { periodsPerYear: 12 }), InvalidArgumentError, 'annualizeVolatility', '`volatility`');
    expectError(
      () =>
        annualizeCovariance(
          [
            [1, 2],
            [3, 4],
          ],
          { periodsPerYear: 12 },
        ),
      InvalidArgumentError,
      'annualizeCovariance',
      'symmetric',
    );
    expectError(
      () =>
        annualizeCovariance(
          [
            [1, 2, 3],
            [2, 1, 0],
          ],
          { periodsPerYear: 12 },
        ),
      DimensionError,
      'annualizeCovariance',
      'square',
    );
    expectError(
      () =>
        annualizeCovariance(
          [
            [1, NaN],
            [NaN, 1],
          ],
          { periodsPerYear: 12 },
        ),
      InvalidArgumentError,
      'annualizeCovariance',
    );
  });
});
