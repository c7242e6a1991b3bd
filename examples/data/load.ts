/**
 * Typed loader of the committed sample data set (`sample-prices.json`, made by
 * `scripts/sample-data/generate.ts`). The JSON is imported as a module (import attributes), which
 * works unchanged under tsx, Deno and vitest and needs no file-system access.
 */
import data from './sample-prices.json' with { type: 'json' };

/** One asset of the sample universe (all names are fictional). */
export interface SampleAsset {
  ticker: string;
  name: string;
  sector: string;
  country: string;
  currency: string;
  /** Market capitalisation at the last date, US dollars. */
  marketCap: number;
}

/** A stress episode built into the sample data (a deterministic move added to a factor). */
export interface SampleEpisode {
  name: string;
  from: string;
  to: string;
  /** `'market'` or a sector name. */
  factor: string;
  /** Total simple return added over the window. */
  move: number;
}

/** The sample data set: daily closes, oldest first. */
export interface SampleData {
  description: string;
  generator: string;
  seed: number;
  periodsPerYear: number;
  episodes: SampleEpisode[];
  /** ISO dates (business days), oldest first; length T. */
  dates: string[];
  /** n assets, in the column order of `prices`. */
  assets: SampleAsset[];
  /** T x n prices in local currency, rows = dates. */
  prices: number[][];
  /** Cap-weighted buy-and-hold index of the n assets, 1000 on the first date. */
  benchmark: { name: string; prices: number[] };
  /** Constant daily risk-free rate ((1.02)^(1/252) − 1). */
  riskFreeRatePerDay: number;
}

/** The sample data (a fresh deep copy, so callers may modify it freely). */
export function loadSampleData(): SampleData {
  return structuredClone(data as SampleData);
}
