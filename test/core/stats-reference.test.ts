/**
 * Core statistics against numpy / scipy: quantiles for all five methods (numpy.quantile), variance
 * with ddof 0 and 1 (numpy.var), skewness and excess kurtosis with scipy.stats bias=True (g1, g2)
 * and bias=False (G1, G2). Fixture: scripts/fixtures/core/core_reference.py.
 */
import { describe, it } from 'vitest';
import { kurtosis, quantile, skewness, variance, type QuantileMethod } from '../../src/core/stats.ts';
import { expectClose, loadFixture } from '../helpers.ts';

interface StatsCase {
  name: string;
  values: number[];
  quantiles: Array<{ method: QuantileMethod; p: number[]; expected: number[] }>;
  variance: { ddof0: number; ddof1?: number };
  skewness?: { biased: number; adjusted?: number };
  kurtosis?: { biased: number; adjusted?: number };
}

const fixture = loadFixture<{ cases: StatsCase[] }>('core/stats.json');

describe('core statistics vs numpy / scipy', () => {
  for (const c of fixture.cases) {
    it(`quantile, all methods: ${c.name}`, () => {
      const scale = Math.max(...c.values.map(Math.abs));
      for (const q of c.quantiles) {
        const actual = q.p.map((p) => quantile(c.values, p, { method: q.method }));
        // numpy's linear rule evaluates b − (b − a)(1 − t) for t ≥ 0.5: last-ulp differences only.
        expectClose(actual, q.expected, { rtol: 1e-14, atol: 1e-15 * scale, label: `${c.name} ${q.method}` });
      }
    });

    it(`variance ddof 0 / 1: ${c.name}`, () => {
      expectClose(variance(c.values, { ddof: 0 }), c.variance.ddof0, { rtol: 1e-12, atol: 1e-300, label: 'ddof 0' });
      if (c.variance.ddof1 !== undefined) expectClose(variance(c.values), c.variance.ddof1, { rtol: 1e-12, atol: 1e-300, label: 'ddof 1' });
    });

    if (c.skewness && c.kurtosis) {
      const sk = c.skewness;
      const ku = c.kurtosis;
      it(`skewness and kurtosis, population and adjusted: ${c.name}`, () => {
        expectClose(skewness(c.values), sk.biased, { rtol: 1e-11, atol: 1e-13, label: 'g1' });
        expectClose(kurtosis(c.values), ku.biased, { rtol: 1e-11, atol: 1e-13, label: 'g2' });
        if (sk.adjusted !== undefined) expectClose(skewness(c.values, { adjusted: true }), sk.adjusted, { rtol: 1e-11, atol: 1e-13, label: 'G1' });
        if (ku.adjusted !== undefined) expectClose(kurtosis(c.values, { adjusted: true }), ku.adjusted, { rtol: 1e-11, atol: 1e-13, label: 'G2' });
      });
    }
  }
});
