/**
 * Input objects of the attribution functions are read by core's `readInput`: every key is read or
 * refused. An unknown key names the nearest known key; an option given inside the input object
 * is refused with a hint (it is honoured only in the options argument). Also: `checkOptions` and
 * `nearestKey` of core.
 */
import { describe, expect, it } from 'vitest';
import {
  brinsonFachler,
  brinsonHoodBeebower,
  currencyAttribution,
  geometricAttribution,
  multiLevelAttribution,
  multiPeriodGeometricAttribution,
} from '../../src/attribution/index.ts';
import { checkOptions, InvalidArgumentError, nearestKey, readInput } from '../../src/core/index.ts';

const base = {
  portfolioWeights: [0.4, 0.3, 0.3],
  benchmarkWeights: [0.4, 0.2, 0.4],
  portfolioReturns: [0.2, -0.05, 0.06],
  benchmarkReturns: [0.1, -0.04, 0.08],
};

function typed(f: () => unknown, re: RegExp, argument?: string): void {
  let err: unknown;
  try {
    f();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(InvalidArgumentError);
  expect((err as Error).message).toMatch(re);
  if (argument !== undefined) expect((err as InvalidArgumentError).argument).toBe(argument);
}

describe('nearestKey / readInput / checkOptions', () => {
  it('nearestKey finds typos, transpositions and case slips, and nothing far away', () => {
    expect(nearestKey('segmnts', ['portfolioWeights', 'segments'])).toBe('segments');
    expect(nearestKey('segemnts', ['segments', 'levels'])).toBe('segments'); // transposition = 1
    expect(nearestKey('PortfolioWeights', ['portfolioWeights', 'benchmarkWeights'])).toBe('portfolioWeights');
    expect(nearestKey('colour', ['segments', 'levels'])).toBeUndefined();
  });
  it('readInput refuses non-objects and names key, nearest key and known keys', () => {
    typed(() => readInput('f', 'input', [1], ['a']), /^f: `input` must be an object/, 'input');
    typed(() => readInput('f', 'input', null, ['a']), /must be an object/);
    typed(
      () => readInput('f', 'input', { segmnts: [] }, ['segments']),
      /^f: unknown key `segmnts` in `input`; did you mean `segments`\? Known keys are `segments`\.$/,
      'input.segmnts',
    );
    typed(() => readInput('f', 'input', { zzz: 1 }, ['segments']), /^f: unknown key `zzz` in `input`; known keys are `segments`\.$/);
    typed(
      () => readInput('f', 'input', { tol: 1 }, ['a'], { tol: 'it is an option' }),
      /^f: `tol` does not belong in `input`: it is an option\.$/,
      'input.tol',
    );
    expect(readInput('f', 'input', { a: 1 }, ['a'])).toEqual({ a: 1 });
  });
  it('checkOptions keeps its message and adds the nearest option', () => {
    typed(() => checkOptions('g', { dof: 0 }, ['ddof']), /^g: unknown option `dof`; known options are `ddof`\. Did you mean `ddof`\?$/);
    typed(() => checkOptions('g', { zzzz: 0 }, ['ddof']), /^g: unknown option `zzzz`; known options are `ddof`\.$/);
  });
});

describe('attribution input objects', () => {
  it('a misspelt `segmnts` is refused (it used to fall back to labels 0, 1, 2)', () => {
    typed(
      () => brinsonFachler({ ...base, segmnts: ['UK', 'Japan', 'US'] } as never),
      /unknown key `segmnts` in `input`; did you mean `segments`\?/,
      'input.segmnts',
    );
    typed(() => brinsonHoodBeebower({ ...base, segmnts: ['UK', 'Japan', 'US'] } as never), /did you mean `segments`/);
    typed(() => geometricAttribution({ ...base, segmnts: ['UK', 'Japan', 'US'] } as never), /did you mean `segments`/);
  });
  it('an option inside the input object is refused with a hint, and honoured in options', () => {
    typed(
      () => brinsonFachler({ ...base, interaction: 'in-selection' } as never),
      /`interaction` does not belong in `input`: it is an option; pass it in the options argument, e\.g\. brinsonFachler\(input, \{ interaction: \.\.\. \}\)/,
      'input.interaction',
    );
    typed(() => geometricAttribution({ ...base, weightSum: 1 } as never), /`weightSum` does not belong in `input`/);
    const a = brinsonFachler(base, { interaction: 'in-selection' });
    // Bacon Table 5.4 (hand check): selection = w_p (r_p − r_b) = 0.4·0.1, 0.3·(−0.01), 0.3·(−0.02)
    expect(a.selection[0]).toBeCloseTo(0.04, 15);
    expect(a.selection[1]).toBeCloseTo(-0.003, 15);
    expect(a.selection[2]).toBeCloseTo(-0.006, 15);
    expect(a.interaction).toEqual([0, 0, 0]);
  });
  it('multi-period: the period is named', () => {
    typed(
      () => multiPeriodGeometricAttribution([base, { ...base, segmnts: ['a', 'b', 'c'] }] as never),
      /unknown key `segmnts` in `periods\[1\]`/,
      'periods[1].segmnts',
    );
    typed(
      () => multiPeriodGeometricAttribution([{ ...base, weightTolerance: 1 }] as never),
      /multiPeriodGeometricAttribution\(periods, \{ weightTolerance: \.\.\. \}\)/,
    );
  });
  it('currency and multi-level inputs', () => {
    const cur = {
      portfolioWeights: [0.5, 0.5],
      benchmarkWeights: [0.5, 0.5],
      portfolioLocalReturns: [0.01, 0.02],
      benchmarkLocalReturns: [0.01, 0.01],
      currencyReturns: [0, 0.01],
      interestRates: [0, 0],
    };
    expect(() => currencyAttribution(cur)).not.toThrow();
    typed(() => currencyAttribution({ ...cur, currencyReturn: [0, 0] } as never), /did you mean `currencyReturns`/);
    typed(() => currencyAttribution({ ...cur, interaction: 'in-selection' } as never), /`interaction` does not belong in `input`/);
    typed(() => currencyAttribution({ ...cur, portfolioReturns: [0, 0] } as never), /use `portfolioLocalReturns`/);
    const ml = { ...base, levels: [['E', 'E', 'B']] };
    expect(() => multiLevelAttribution(ml)).not.toThrow();
    typed(() => multiLevelAttribution({ ...ml, level: [['E', 'E', 'B']] } as never), /did you mean `levels`/);
    typed(() => multiLevelAttribution({ ...ml, weightSum: 1 } as never), /`weightSum` does not belong in `input`/);
    typed(() => multiLevelAttribution({ ...ml, segments: ['a', 'b', 'c'] } as never), /use `levels: \[segments\]`/);
  });
  it('the error is JSON-safe', () => {
    try {
      brinsonFachler({ ...base, segmnts: [] } as never);
    } catch (e) {
      expect(JSON.parse(JSON.stringify(e))).toMatchObject({ code: 'INVALID_ARGUMENT', argument: 'input.segmnts' });
    }
  });
});
