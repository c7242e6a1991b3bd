/**
 * Typed errors for bad input: ragged rows, T < 2, NaN, non-square or asymmetric matrices,
 * unknown options, out-of-range parameters. Each test checks the error class and that the
 * message names the function and the argument.
 */
import { describe, expect, it } from 'vitest';
import { DimensionError, InsufficientDataError, InvalidArgumentError } from '../../src/core/errors.ts';
import type { MatrixLike } from '../../src/core/matrix.ts';
import {
  correlationFromCovariance,
  covarianceDiagnostics,
  covarianceFromCorrelation,
  ewmaCovariance,
  ledoitWolf,
  nearestCorrelation,
  oracleApproximatingShrinkage,
  sampleCovariance,
  semicovariance,
  shrunkCovariance,
} from '../../src/covariance/index.ts';

const good = [
  [0.01, 0.02],
  [0.03, -0.01],
  [-0.01, 0.02],
];

function throwsWith(f: () => unknown, cls: new (...a: never[]) => Error, ...parts: string[]): void {
  let caught: unknown;
  try {
    f();
  } catch (e) {
    caught = e;
  }
  expect(caught, 'expected an error').toBeInstanceOf(cls);
  for (const p of parts) expect((caught as Error).message).toContain(p);
}

const estimators: Array<[string, (r: MatrixLike, o?: object) => unknown]> = [
  ['sampleCovariance', (r, o) => sampleCovariance(r, o as never)],
  ['ledoitWolf', (r, o) => ledoitWolf(r, o as never)],
  ['oracleApproximatingShrinkage', (r, o) => oracleApproximatingShrinkage(r, o as never)],
  ['shrunkCovariance', (r, o) => shrunkCovariance(r, o as never)],
  ['ewmaCovariance', (r, o) => ewmaCovariance(r, o as never)],
  ['semicovariance', (r, o) => semicovariance(r, o as never)],
];

describe.each(estimators)('%s input errors', (name, f) => {
  it('ragged rows → DimensionError', () => throwsWith(() => f([[0.1, 0.2], [0.3]]), DimensionError, name, '`returns`', 'ragged'));
  it('T < 2 → InsufficientDataError', () => {
    throwsWith(() => f([[0.1, 0.2]]), InsufficientDataError, name, '`returns`', 'at least 2');
    throwsWith(() => f([]), InsufficientDataError, name);
  });
  it('NaN, null and Infinity → InvalidArgumentError naming the position', () => {
    throwsWith(
      () =>
        f([
          [0.1, Number.NaN],
          [0.2, 0.3],
        ]),
      InvalidArgumentError,
      name,
      '`returns`',
      'row 0, column 1',
    );
    throwsWith(
      () =>
        f([
          [0.1, 0.2],
          [null as unknown as number, 0.3],
        ]),
      InvalidArgumentError,
      name,
      '`returns`',
    );
    throwsWith(
      () =>
        f([
          [0.1, Infinity],
          [0.2, 0.3],
        ]),
      InvalidArgumentError,
      name,
      '`returns`',
    );
  });
  it('unknown option → InvalidArgumentError', () => throwsWith(() => f(good, { bogus: 1 }), InvalidArgumentError, name, '`bogus`'));
  it('not a matrix → InvalidArgumentError', () => throwsWith(() => f(42 as unknown as MatrixLike), InvalidArgumentError, name, '`returns`'));
  it('bad asset labels', () => {
    throwsWith(() => f(good, { assets: ['A'] }), DimensionError, name, '`assets`');
    throwsWith(() => f(good, { assets: ['A', 'A'] }), InvalidArgumentError, name, '`assets`', 'unique');
  });
});

describe('option ranges', () => {
  it('sampleCovariance ddof', () => {
    throwsWith(() => sampleCovariance(good, { ddof: 3 }), InvalidArgumentError, 'sampleCovariance', '`ddof`');
    throwsWith(() => sampleCovariance(good, { ddof: -1 }), InvalidArgumentError, '`ddof`');
    throwsWith(() => sampleCovariance(good, { ddof: 0.5 }), InvalidArgumentError, '`ddof`');
  });
  it('ledoitWolf target', () => {
    throwsWith(() => ledoitWolf(good, { target: 'diagonal' as never }), InvalidArgumentError, 'ledoitWolf', '`target`');
    throwsWith(() => ledoitWolf([[0.1], [0.2]], { target: 'constant-correlation' }), DimensionError, 'ledoitWolf', 'at least 2 assets');
    throwsWith(
      () =>
        ledoitWolf(
          [
            [0.1, 0.5],
            [0.2, 0.5],
            [0.0, 0.5],
          ],
          { target: 'constant-correlation' },
        ),
      InvalidArgumentError,
      'zero variance',
    );
    throwsWith(
      () =>
        ledoitWolf(
          [
            [0.1, -0.1],
            [0.2, -0.2],
          ],
          { target: 'single-factor' },
        ),
      InvalidArgumentError,
      'market has zero variance',
    );
  });
  it('shrunkCovariance shrinkage outside [0, 1]', () => {
    throwsWith(() => shrunkCovariance(good, { shrinkage: 1.5 }), InvalidArgumentError, 'shrunkCovariance', '`shrinkage`');
    throwsWith(() => shrunkCovariance(good, { shrinkage: Number.NaN }), InvalidArgumentError, '`shrinkage`');
  });
  it('ewmaCovariance lambda outside (0, 1), bad halfLife, both, bad form / demean', () => {
    for (const lambda of [0, 1, -0.5, 1.2, Number.NaN]) throwsWith(() => ewmaCovariance(good, { lambda }), InvalidArgumentError, 'ewmaCovariance', '`lambda`');
    throwsWith(() => ewmaCovariance(good, { halfLife: 0 }), InvalidArgumentError, '`halfLife`');
    throwsWith(() => ewmaCovariance(good, { halfLife: 10, lambda: 0.9 }), InvalidArgumentError, 'not both');
    throwsWith(() => ewmaCovariance(good, { form: 'simple' as never }), InvalidArgumentError, '`form`');
    throwsWith(() => ewmaCovariance(good, { demean: 'yes' as never }), InvalidArgumentError, '`demean`');
  });
  it('semicovariance benchmark', () => {
    throwsWith(() => semicovariance(good, { benchmark: [0, 0] }), DimensionError, 'semicovariance', '`benchmark`');
    throwsWith(() => semicovariance(good, { benchmark: Number.NaN }), InvalidArgumentError, '`benchmark`');
  });
});

describe('matrix inputs', () => {
  it('returns whose sums of squares overflow throw instead of giving Infinity / NaN (null in JSON) entries', () => {
    // 1e200² = 1e400 > Number.MAX_VALUE: the sample variance of this column is not representable
    const big = [
      [1e200, 0.1],
      [-1e200, 0.2],
      [3e199, -0.1],
    ];
    for (const [name, f] of [
      ['sampleCovariance', () => sampleCovariance(big)],
      ['ledoitWolf', () => ledoitWolf(big)],
      ['oracleApproximatingShrinkage', () => oracleApproximatingShrinkage(big)],
      ['ewmaCovariance', () => ewmaCovariance(big)],
      ['semicovariance', () => semicovariance(big)],
    ] as Array<[string, () => unknown]>) {
      throwsWith(f, InvalidArgumentError, name, '`returns`', 'overflow');
    }
    // entries whose products overflow: covarianceDiagnostics / nearestCorrelation used to die with a TypeError inside the eigen solver
    throwsWith(
      () =>
        covarianceDiagnostics([
          [1.7e308, 1.7e308],
          [1.7e308, 1.7e308],
        ]),
      InvalidArgumentError,
      'covarianceDiagnostics',
      '`covOrReturns`',
      'overflows',
    );
    throwsWith(
      () =>
        nearestCorrelation([
          [1e308, 0],
          [0, 1],
        ]),
      InvalidArgumentError,
      'nearestCorrelation',
      '`matrix`',
      'overflows',
    );
    // ordinary fractional returns are far from the bound
    expect(
      sampleCovariance([
        [0.5, -0.2],
        [-0.4, 0.3],
      ]).covariance.get(0, 0),
    ).toBeCloseTo(0.405, 15);
  });
  it('correlationFromCovariance: non-square, asymmetric, non-positive variance, NaN', () => {
    throwsWith(
      () =>
        correlationFromCovariance([
          [1, 0, 0],
          [0, 1, 0],
        ]),
      DimensionError,
      'correlationFromCovariance',
      '`covariance`',
      'square',
    );
    throwsWith(
      () =>
        correlationFromCovariance([
          [1, 0.5],
          [0.4, 1],
        ]),
      InvalidArgumentError,
      '`covariance`',
      'symmetric',
    );
    throwsWith(
      () =>
        correlationFromCovariance([
          [1, 0],
          [0, 0],
        ]),
      InvalidArgumentError,
      '`covariance`',
      'positive diagonal',
    );
    throwsWith(
      () =>
        correlationFromCovariance([
          [1, Number.NaN],
          [Number.NaN, 1],
        ]),
      InvalidArgumentError,
      '`covariance`',
    );
    throwsWith(() => correlationFromCovariance([]), DimensionError, '`covariance`');
    // |Σ_01| = 2 > σ_0 σ_1 = 1: not a covariance (was silently clamped to correlation 1)
    throwsWith(
      () =>
        correlationFromCovariance([
          [1, 2],
          [2, 1],
        ]),
      InvalidArgumentError,
      '`covariance`',
      'not positive semidefinite',
    );
    throwsWith(
      () =>
        correlationFromCovariance([
          [0.04, -0.05],
          [-0.05, 0.04],
        ]),
      InvalidArgumentError,
      '`covariance`',
      'not positive semidefinite',
    );
  });
  it('covarianceFromCorrelation: shape, diagonal, range, volatilities', () => {
    throwsWith(() => covarianceFromCorrelation([[1, 0.2]], [1]), DimensionError, 'covarianceFromCorrelation', '`correlation`');
    throwsWith(
      () =>
        covarianceFromCorrelation(
          [
            [1, 0.2],
            [0.3, 1],
          ],
          [1, 1],
        ),
      InvalidArgumentError,
      '`correlation`',
      'symmetric',
    );
    throwsWith(
      () =>
        covarianceFromCorrelation(
          [
            [2, 0.2],
            [0.2, 1],
          ],
          [1, 1],
        ),
      InvalidArgumentError,
      '`correlation`',
      'unit diagonal',
    );
    throwsWith(
      () =>
        covarianceFromCorrelation(
          [
            [1, 1.2],
            [1.2, 1],
          ],
          [1, 1],
        ),
      InvalidArgumentError,
      '`correlation`',
      '[-1, 1]',
    );
    throwsWith(
      () =>
        covarianceFromCorrelation(
          [
            [1, 0.2],
            [0.2, 1],
          ],
          [1],
        ),
      DimensionError,
      '`volatilities`',
    );
    throwsWith(
      () =>
        covarianceFromCorrelation(
          [
            [1, 0.2],
            [0.2, 1],
          ],
          [1, -1],
        ),
      InvalidArgumentError,
      '`volatilities`',
    );
    throwsWith(
      () =>
        covarianceFromCorrelation(
          [
            [1, 0.2],
            [0.2, 1],
          ],
          [1, Number.NaN],
        ),
      InvalidArgumentError,
      '`volatilities`',
    );
  });
  it('covarianceDiagnostics: asymmetric covariance when told so, NaN, unknown option, T < 2', () => {
    throwsWith(
      () =>
        covarianceDiagnostics(
          [
            [1, 0.5],
            [0.4, 1],
          ],
          { input: 'covariance' },
        ),
      InvalidArgumentError,
      'covarianceDiagnostics',
      'symmetric',
    );
    throwsWith(
      () =>
        covarianceDiagnostics(
          [
            [1, 0.5, 0.1],
            [0.4, 1, 0.1],
          ],
          { input: 'covariance' },
        ),
      DimensionError,
      'square',
    );
    throwsWith(
      () =>
        covarianceDiagnostics([
          [1, Number.NaN],
          [0.4, 1],
        ]),
      InvalidArgumentError,
      '`covOrReturns`',
    );
    throwsWith(() => covarianceDiagnostics([[0.1, 0.2, 0.3]]), InsufficientDataError, '`covOrReturns`');
    throwsWith(() => covarianceDiagnostics(good, { mode: 'x' } as never), InvalidArgumentError, '`mode`');
    throwsWith(() => covarianceDiagnostics(good, { input: 'x' as never }), InvalidArgumentError, '`input`');
  });
});

describe('labels', () => {
  it('assets give JSON-safe labelled records, even for awkward names', () => {
    const res = sampleCovariance(good, { assets: ['__proto__', 'constructor'] });
    expect(res.assets).toEqual(['__proto__', 'constructor']);
    expect(Object.keys(res.labelled!)).toEqual(['__proto__', 'constructor']);
    expect(res.labelled!['__proto__']!['constructor']).toBe(res.covariance.get(0, 1));
    const json = JSON.parse(JSON.stringify(res));
    expect(json.covariance).toEqual(res.covariance.toArray());
  });
});
