/**
 * Values the library returns survive `structuredClone` and a real worker's `postMessage`, and
 * the clones are accepted as they are: a Matrix (its storage is a public read-only field), a
 * table, and a typed error (whose JSON keeps its message).
 */
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, Matrix, toMatrix } from '../../src/core/index.ts';
import { sampleCovariance } from '../../src/covariance/index.ts';
import { moments } from '../../src/expected-returns/index.ts';
import { minVariance } from '../../src/optimize/index.ts';
import { priceTable, returnsTable, reviveTable, toCsv } from '../../src/data/index.ts';

/** Send a value to a worker that posts it straight back (the worker holds no library code). */
function roundTrip<T>(value: T): Promise<T> {
  return new Promise((resolve, reject) => {
    const w = new Worker('const { parentPort } = require("node:worker_threads"); parentPort.on("message", (m) => parentPort.postMessage(m));', { eval: true });
    w.once('message', (m: T) => {
      void w.terminate();
      resolve(m);
    });
    w.once('error', reject);
    w.postMessage(value);
  });
}

const prices = priceTable({
  dates: ['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05'],
  assets: ['AAA', 'NEW'],
  values: [
    [100, null],
    [101, 20],
    [99, 21],
    [102, 20.5],
  ],
});

describe('structured clone and workers', () => {
  it('a Matrix arrives with its numbers and is accepted as a matrix', async () => {
    const m = Matrix.from([
      [1, 2],
      [3, 4],
    ]);
    for (const clone of [structuredClone(m), await roundTrip(m)]) {
      expect(clone).not.toBeInstanceOf(Matrix);
      expect(toMatrix(clone).toArray()).toEqual([
        [1, 2],
        [3, 4],
      ]);
      expect(Matrix.from(clone).get(1, 0)).toBe(3);
    }
  });

  it('a table arrives whole; every function takes the clone; reviveTable gives the frozen table back', async () => {
    for (const clone of [structuredClone(prices), await roundTrip(prices)]) {
      expect(toCsv(clone)).toBe(toCsv(prices));
      const r = returnsTable(clone);
      expect(r.dates).toEqual(['2024-01-03', '2024-01-04', '2024-01-05']);
      const back = reviveTable(clone);
      expect(Object.isFrozen(back)).toBe(true);
      expect(JSON.stringify(back)).toBe(JSON.stringify(prices));
    }
  });

  it('a covariance result computed from a cloned return table equals the original one', async () => {
    const r = returnsTable(prices);
    const complete = { ...r, dates: r.dates.slice(1), values: r.values.toArray().slice(1) };
    const a = sampleCovariance(complete).covariance;
    const b = sampleCovariance(await roundTrip(reviveTable(complete, 'returns'))).covariance;
    expect(b.toArray()).toEqual(a.toArray());
  });

  it('a Moments arrives with its numbers; the clone is accepted (and fully checked again: it carries no brand)', async () => {
    const r = {
      kind: 'returns' as const,
      dates: ['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05'],
      assets: ['A', 'B'],
      values: [
        [0.01, 0.02],
        [-0.01, 0.0],
        [0.02, 0.01],
        [0.0, -0.01],
      ],
    };
    const m = moments(r);
    for (const clone of [structuredClone(m), await roundTrip(m)]) {
      expect(clone.assets).toEqual(['A', 'B']);
      expect(Matrix.from(clone.covariance).toArray()).toEqual(m.covariance.toArray());
      expect(minVariance(clone).weights).toEqual(minVariance(m).weights);
    }
  });

  it('an error keeps name, code, message and fields through JSON; structuredClone keeps the message', async () => {
    const e = new InvalidArgumentError('f: `x` must be positive, got -1.', 'x', -1);
    const json = JSON.parse(JSON.stringify(e)) as Record<string, unknown>;
    expect(json).toMatchObject({
      name: 'InvalidArgumentError',
      code: 'INVALID_ARGUMENT',
      message: 'f: `x` must be positive, got -1.',
      argument: 'x',
      value: -1,
    });
    const c = (await roundTrip(e)) as unknown as Error & { code?: string };
    expect(c.message).toBe('f: `x` must be positive, got -1.');
  });
});
