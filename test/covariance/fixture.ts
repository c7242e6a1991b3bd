/** Loads the covariance reference fixture (scripts/fixtures/covariance/estimators.py). */
import { loadFixture, loadSampleData } from '../helpers.ts';

export interface EstimatorCase {
  name: string;
  T: number;
  n: number;
  returns: number[][];
  [key: string]: unknown;
}

let cached: EstimatorCase[] | undefined;

/** Every case of the fixture; the sample-data case gets its returns from examples/data (simple returns, as the generator). */
export function estimatorCases(): EstimatorCase[] {
  if (cached) return cached;
  const doc = loadFixture<{ cases: EstimatorCase[] }>('covariance/estimators.json');
  for (const c of doc.cases) {
    if (c.name === 'sample-prices') c.returns = sampleReturns();
  }
  cached = doc.cases;
  return cached;
}

/** Simple returns P_t / P_{t-1} − 1 of examples/data/sample-prices.json (same operation order as numpy). */
export function sampleReturns(): number[][] {
  const { prices } = loadSampleData<{ prices: number[][] }>();
  const out: number[][] = [];
  for (let t = 1; t < prices.length; t++) out.push(prices[t]!.map((p, i) => p / prices[t - 1]![i]! - 1));
  return out;
}

/** Largest absolute entry of a nested matrix (used to scale absolute tolerances). */
export function maxAbs(m: number[][]): number {
  let s = 0;
  for (const r of m) for (const v of r) s = Math.max(s, Math.abs(v));
  return s;
}
