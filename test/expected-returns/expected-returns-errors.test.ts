/**
 * Typed-error tests for quantivista/expected-returns.
 */
import { describe, expect, it } from 'vitest';
import { DimensionError, InsufficientDataError, InvalidArgumentError } from '../../src/core/errors.ts';
import { capmReturn, emaHistoricalReturn, meanHistoricalReturn } from '../../src/expected-returns/index.ts';

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

const R = [
  [0.01, 0.02],
  [0.03, -0.01],
  [-0.02, 0.01],
];
const M = [0.01, 0.02, -0.01];

const estimators: Array<[string, (r: unknown, o?: Record<string, unknown>) => unknown]> = [
  ['meanHistoricalReturn', (r, o) => meanHistoricalReturn(r as never, o as never)],
  ['emaHistoricalReturn', (r, o) => emaHistoricalReturn(r as never, { span: 10, ...o } as never)],
  [
    'capmReturn',
    (r, o) =>
      capmReturn(
        r as never,
        (r as unknown[]).map((_, t) => 0.01 * ((t % 3) - 1)),
        o as never,
      ),
  ],
];

describe('expected returns: typed errors common to all estimators', () => {
  for (const [name, f] of estimators) {
    it(`${name}: ragged rows`, () => expectError(() => f([[0.1, 0.2], [0.1]]), DimensionError, name, 'ragged'));
    it(`${name}: no rows`, () => expectError(() => f([]), InsufficientDataError, name, 'at least'));
    it(`${name}: NaN names row and column`, () =>
      expectError(
        () =>
          f([
            [0.1, 0.2],
            [NaN, 0.1],
            [0.2, 0.3],
          ]),
        InvalidArgumentError,
        name,
        '`returns`',
        'row 1, column 0',
      ));
    it(`${name}: null`, () =>
      expectError(
        () =>
          f([
            [0.1, null],
            [0.2, 0.1],
            [0.2, 0.3],
          ]),
        InvalidArgumentError,
        name,
        '`returns`',
      ));
    it(`${name}: Infinity`, () =>
      expectError(
        () =>
          f([
            [0.1, 0.2],
            [0.1, Infinity],
            [0.2, 0.3],
          ]),
        InvalidArgumentError,
        name,
        '`returns`',
      ));
    it(`${name}: unknown option`, () => expectError(() => f(R, { asset: ['a', 'b'] }), InvalidArgumentError, name, 'unknown option `asset`'));
    it(`${name}: bad missing policy`, () => expectError(() => f(R, { missing: 'zero' }), InvalidArgumentError, name, '`missing`'));
    it(`${name}: assets of the wrong length, duplicated, or not strings`, () => {
      expectError(() => f(R, { assets: ['a'] }), DimensionError, name, '`assets`', '2 labels');
      expectError(() => f(R, { assets: ['a', 'a'] }), InvalidArgumentError, name, '`assets`', 'distinct');
      expectError(() => f(R, { assets: ['a', 3] }), InvalidArgumentError, name, '`assets`');
    });
  }
});

describe('meanHistoricalReturn: typed errors', () => {
  it('bad compounding, geometric with a return below −1', () => {
    expectError(() => meanHistoricalReturn(R, { compounding: 'log' } as never), InvalidArgumentError, '`compounding`');
    expectError(() => meanHistoricalReturn([[0.1], [-1.5]], { compounding: 'geometric' }), InvalidArgumentError, 'meanHistoricalReturn', '≥ −1', '(1, 0)');
    expect(meanHistoricalReturn([[0.1], [-1]], { compounding: 'geometric' }).expectedReturns).toEqual([-1]);
  });
});

describe('emaHistoricalReturn: typed errors', () => {
  it('neither or both of span / halfLife; out-of-range values', () => {
    expectError(() => emaHistoricalReturn(R, {}), InvalidArgumentError, 'emaHistoricalReturn', 'exactly one', 'neither');
    expectError(() => emaHistoricalReturn(R, undefined as never), InvalidArgumentError, 'exactly one');
    expectError(() => emaHistoricalReturn(R, { span: 10, halfLife: 5 }), InvalidArgumentError, 'both');
    for (const span of [0.5, 0, -3, NaN, Infinity]) expectError(() => emaHistoricalReturn(R, { span }), InvalidArgumentError, '`span`');
    for (const halfLife of [0, -1, NaN, Infinity]) expectError(() => emaHistoricalReturn(R, { halfLife }), InvalidArgumentError, '`halfLife`');
  });
});

describe('capmReturn: typed errors', () => {
  it('market of the wrong length, with NaN / null / Infinity, constant, or not an array', () => {
    expectError(() => capmReturn(R, [0.01, 0.02]), DimensionError, 'capmReturn', '`marketReturns`', '3 entries');
    expectError(() => capmReturn(R, [0.01, NaN, 0.02]), InvalidArgumentError, 'capmReturn', '`marketReturns`', 'entry 1', "missing: 'drop'");
    expectError(() => capmReturn(R, [0.01, null, 0.02]), InvalidArgumentError, '`marketReturns`');
    expectError(() => capmReturn(R, [0.01, Infinity, 0.02]), InvalidArgumentError, '`marketReturns`', 'entry 1');
    expectError(() => capmReturn(R, [0.01, 0.01, 0.01]), InvalidArgumentError, 'capmReturn', '`marketReturns`', 'constant');
    expectError(() => capmReturn(R, 0.01 as never), InvalidArgumentError, '`marketReturns`');
  });
  it('fewer than 2 periods (also after dropping)', () => {
    expectError(() => capmReturn([[0.01, 0.02]], [0.01]), InsufficientDataError, 'capmReturn', 'at least 2');
    expectError(() => capmReturn([[0.01], [NaN]], [0.01, 0.02], { missing: 'drop' }), InsufficientDataError, 'capmReturn');
  });
  it('bad riskFreeRate and compounding', () => {
    expectError(() => capmReturn(R, M, { riskFreeRate: NaN }), InvalidArgumentError, '`riskFreeRate`');
    expectError(() => capmReturn(R, M, { riskFreeRate: '0.01' } as never), InvalidArgumentError, '`riskFreeRate`');
    expectError(() => capmReturn(R, M, { compounding: 'log' } as never), InvalidArgumentError, '`compounding`');
    expectError(() => capmReturn(R, [0.01, -1.5, 0.02], { compounding: 'geometric' }), InvalidArgumentError, 'capmReturn', '≥ −1');
  });
});
