/**
 * Loader of the committed sample data set (made by `scripts/sample-data/generate.ts`): reads the
 * CSV files next to this module with quantivista's `readPricesCsv`, the way you would read your
 * own downloads.
 *
 * - `prices.csv`: wide, `date,<30 tickers>`, one line per business day, oldest first.
 * - `benchmark.csv`: `date,BENCH`, the cap-weighted index of the 30 assets.
 * - `assets.csv`: `ticker,name,sector,country,currency,marketCap` (text, read here).
 * - `sample-info.json`: the scalar metadata (periods a year, risk-free rate, stress episodes).
 *
 * Files are read with `node:fs` `readFileSync(new URL(..., import.meta.url))`, which works
 * unchanged under tsx, vitest and Deno (`deno run --allow-read`).
 */
import { readFileSync } from 'node:fs';
import { readPricesCsv, type PriceTable } from '../../src/data/index.ts';

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
  /** T x n daily closes in local currency: `prices.dates` (ISO business days), `prices.assets` (tickers). */
  prices: PriceTable;
  /** n assets, in the column order of `prices`. */
  assets: SampleAsset[];
  /** The cap-weighted buy-and-hold index of the n assets (one column, `BENCH`; 1000 on the first date), same dates as `prices`. */
  benchmark: PriceTable;
  /** The benchmark's full name. */
  benchmarkName: string;
  /** Constant daily risk-free rate ((1.02)^(1/252) − 1). */
  riskFreeRatePerDay: number;
  /** 252: the trading-day convention the generator is calibrated with (see README.md). */
  periodsPerYear: number;
  /** The stress episodes built into the data. */
  episodes: SampleEpisode[];
}

const file = (name: string): string => readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');

/** Split a CSV line into fields (RFC 4180 quotes; no line breaks inside a field). */
function fields(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') (cur += '"'), i++;
      else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') out.push(cur), (cur = '');
    else cur += c;
  }
  out.push(cur);
  return out;
}

/** `assets.csv`: one record per asset, keyed by the header. */
function readAssets(text: string): SampleAsset[] {
  const [head, ...lines] = text.split(/\r?\n/).filter((l) => l !== '');
  const keys = fields(head!);
  return lines.map((line) => {
    const rec = Object.fromEntries(fields(line).map((v, k) => [keys[k]!, v]));
    return { ticker: rec.ticker!, name: rec.name!, sector: rec.sector!, country: rec.country!, currency: rec.currency!, marketCap: Number(rec.marketCap) };
  });
}

/** Read the sample data set from the CSV files (fresh objects each call; the tables are frozen). */
export function loadSampleData(): SampleData {
  const info = JSON.parse(file('sample-info.json')) as {
    description: string;
    periodsPerYear: number;
    riskFreeRatePerDay: number;
    benchmark: { name: string };
    episodes: SampleEpisode[];
  };
  const prices = readPricesCsv(file('prices.csv')) as PriceTable;
  const benchmark = readPricesCsv(file('benchmark.csv')) as PriceTable;
  const assets = readAssets(file('assets.csv'));
  if (assets.map((a) => a.ticker).join() !== prices.assets.join()) throw new Error('examples/data: assets.csv and prices.csv list different tickers');
  if (benchmark.dates.join() !== prices.dates.join()) throw new Error('examples/data: benchmark.csv and prices.csv have different dates');
  return {
    description: info.description,
    prices,
    assets,
    benchmark,
    benchmarkName: info.benchmark.name,
    riskFreeRatePerDay: info.riskFreeRatePerDay,
    periodsPerYear: info.periodsPerYear,
    episodes: info.episodes,
  };
}
