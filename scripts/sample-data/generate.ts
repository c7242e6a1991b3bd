/**
 * Deterministic generator of the sample data set in `examples/data/`: daily close prices of 30
 * fictional assets over ten years of business days (Mon–Fri, 2015-01-02 .. 2024-12-31), a
 * cap-weighted benchmark index and a constant daily risk-free rate. It writes the same numbers
 * twice: as CSV files (`prices.csv`, `assets.csv`, `benchmark.csv`, with the scalar metadata in
 * `sample-info.json`), which the examples read with `readPricesCsv`, and as one JSON file
 * (`sample-prices.json`), which the browser-page test and the reference tests read.
 *
 * Model (daily log returns; see examples/data/README.md for the full description):
 *
 *   r_i,t = g_i − ½ v_i + β_i · m_t + s_{sector(i),t} + e_i,t
 *
 * - m_t: market factor, GARCH(1,1) with standardised Student-t(5) innovations,
 *   unconditional vol 15 % a year, α = 0.09, β = 0.89;
 * - s_k,t: one factor per sector, GARCH(1,1), t(6), 7–12 % a year;
 * - e_i,t: idiosyncratic, GARCH(1,1), t(4..7), sized so that each asset's calm total vol hits a
 *   target between 13 % and 42 % a year;
 * - g_i: daily log drift ln(1 + μ_i) / 252 with annual drift μ_i between 2 % and 15 %,
 *   v_i the asset's calm daily variance (so the expected simple growth is about μ_i a year);
 * - three stress episodes, added deterministically to the factors and with a variance shock:
 *   an energy slump (2015-11 .. 2016-01), a fast crash (2020-02-20 .. 2020-03-23) followed by a
 *   rebound, and a rate-shock bear market (2022-01 .. 2022-10) that hits Technology hardest.
 *
 * Randomness comes from quantivista's own `randomStream(seed, index)` (seedrandom xor4096), so the
 * output is bit-for-bit reproducible: `npx tsx scripts/sample-data/generate.ts`.
 *
 * Numbers are written in JavaScript's shortest round-trip form (`String(x)`, as `JSON.stringify`
 * writes them), so each CSV cell holds exactly the text of the JSON's number (at most 4 decimals)
 * and both files read back to the same doubles.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomStream, type RandomStream } from '../../src/core/random.ts';

// Seed 10 was picked among the seeds 1..13 because its paths look plausible as a whole (benchmark
// growth about 10 % a year, every asset's annualised return between −10 % and +21 %).
const SEED = 10;
const PERIODS_PER_YEAR = 252;
const START = '2015-01-02';
const END = '2024-12-31';
const RISK_FREE_ANNUAL = 0.02;

type Sector = 'Technology' | 'Financials' | 'Health Care' | 'Energy' | 'Consumer' | 'Industrials' | 'Utilities' | 'Materials';
type Country = 'US' | 'GB' | 'DE' | 'JP' | 'FR' | 'CH';

interface AssetSpec {
  ticker: string;
  name: string;
  sector: Sector;
  country: Country;
  /** Annual drift μ (decimal). */
  drift: number;
  /** Calm annual volatility target. */
  vol: number;
  /** Market beta (loading on the market factor). */
  beta: number;
  /** Starting price, local currency. */
  start: number;
  /** Market capitalisation at the first date, USD billions. */
  capStart: number;
}

const CURRENCY: Record<Country, string> = { US: 'USD', GB: 'GBP', DE: 'EUR', FR: 'EUR', JP: 'JPY', CH: 'CHF' };

// All names and tickers are made up.
const ASSETS: AssetSpec[] = [
  { ticker: 'NVLX', name: 'Novalux Systems', sector: 'Technology', country: 'US', drift: 0.15, vol: 0.38, beta: 1.35, start: 42.1, capStart: 410 },
  { ticker: 'QBTC', name: 'Quantabit Computing', sector: 'Technology', country: 'US', drift: 0.12, vol: 0.42, beta: 1.45, start: 18.75, capStart: 95 },
  { ticker: 'HLSW', name: 'Heliosoft', sector: 'Technology', country: 'DE', drift: 0.1, vol: 0.3, beta: 1.15, start: 61.4, capStart: 120 },
  { ticker: 'KRTN', name: 'Kiraten Electronics', sector: 'Technology', country: 'JP', drift: 0.08, vol: 0.32, beta: 1.1, start: 3120, capStart: 74 },
  { ticker: 'CYPH', name: 'Cyphera Networks', sector: 'Technology', country: 'US', drift: 0.13, vol: 0.36, beta: 1.25, start: 27.3, capStart: 58 },
  { ticker: 'MRDB', name: 'Meridian Bancorp', sector: 'Financials', country: 'US', drift: 0.07, vol: 0.27, beta: 1.15, start: 48.9, capStart: 210 },
  { ticker: 'ALVR', name: 'Alvara Assurances', sector: 'Financials', country: 'FR', drift: 0.05, vol: 0.24, beta: 1.0, start: 22.6, capStart: 64 },
  { ticker: 'THMC', name: 'Thamesgate Capital', sector: 'Financials', country: 'GB', drift: 0.06, vol: 0.26, beta: 1.1, start: 5.82, capStart: 39 },
  { ticker: 'HLVT', name: 'Helvetor Trust', sector: 'Financials', country: 'CH', drift: 0.04, vol: 0.21, beta: 0.9, start: 88.2, capStart: 52 },
  { ticker: 'VRDX', name: 'Veridex Therapeutics', sector: 'Health Care', country: 'US', drift: 0.11, vol: 0.4, beta: 0.95, start: 34.5, capStart: 44 },
  { ticker: 'SNPH', name: 'Sanophyra', sector: 'Health Care', country: 'FR', drift: 0.06, vol: 0.19, beta: 0.7, start: 79.3, capStart: 130 },
  { ticker: 'ALPM', name: 'Alpenmed Holding', sector: 'Health Care', country: 'CH', drift: 0.07, vol: 0.17, beta: 0.65, start: 142.0, capStart: 170 },
  { ticker: 'KYMD', name: 'Kyomedic Devices', sector: 'Health Care', country: 'JP', drift: 0.08, vol: 0.23, beta: 0.8, start: 2250, capStart: 36 },
  { ticker: 'PTRN', name: 'Petronis Energy', sector: 'Energy', country: 'GB', drift: 0.04, vol: 0.3, beta: 0.95, start: 6.45, capStart: 88 },
  { ticker: 'GLFX', name: 'Gulfex Resources', sector: 'Energy', country: 'US', drift: 0.05, vol: 0.34, beta: 1.05, start: 71.2, capStart: 150 },
  { ticker: 'SOLV', name: 'Solvanta Renewables', sector: 'Energy', country: 'DE', drift: 0.09, vol: 0.4, beta: 1.1, start: 14.3, capStart: 21 },
  { ticker: 'LRKS', name: 'Larkspur Stores', sector: 'Consumer', country: 'US', drift: 0.08, vol: 0.22, beta: 0.85, start: 57.8, capStart: 180 },
  { ticker: 'MDUV', name: 'Maison Duvall', sector: 'Consumer', country: 'FR', drift: 0.12, vol: 0.28, beta: 1.05, start: 168.4, capStart: 260 },
  { ticker: 'TKMF', name: 'Takemori Foods', sector: 'Consumer', country: 'JP', drift: 0.04, vol: 0.16, beta: 0.55, start: 1480, capStart: 29 },
  { ticker: 'FLXM', name: 'Fluxa Motorenwerke', sector: 'Consumer', country: 'DE', drift: 0.06, vol: 0.33, beta: 1.2, start: 66.1, capStart: 77 },
  { ticker: 'ARKD', name: 'Arkwright Dynamics', sector: 'Industrials', country: 'GB', drift: 0.07, vol: 0.25, beta: 1.05, start: 9.14, capStart: 33 },
  { ticker: 'STHM', name: 'Steinholt Maschinenbau', sector: 'Industrials', country: 'DE', drift: 0.06, vol: 0.24, beta: 1.1, start: 94.7, capStart: 68 },
  { ticker: 'MKHI', name: 'Mikura Heavy Industries', sector: 'Industrials', country: 'JP', drift: 0.05, vol: 0.27, beta: 1.05, start: 640, capStart: 41 },
  { ticker: 'CNDR', name: 'Condor Aerospace', sector: 'Industrials', country: 'US', drift: 0.09, vol: 0.26, beta: 1.0, start: 112.5, capStart: 140 },
  { ticker: 'RHWK', name: 'Rhenwerk Versorgung', sector: 'Utilities', country: 'DE', drift: 0.03, vol: 0.15, beta: 0.5, start: 31.9, capStart: 47 },
  { ticker: 'CPLX', name: 'Coastal Power & Light', sector: 'Utilities', country: 'US', drift: 0.05, vol: 0.14, beta: 0.45, start: 45.2, capStart: 96 },
  { ticker: 'LMNU', name: 'Luminar Services Publics', sector: 'Utilities', country: 'FR', drift: 0.02, vol: 0.13, beta: 0.4, start: 19.8, capStart: 38 },
  { ticker: 'FERM', name: 'Ferrum Minerals', sector: 'Materials', country: 'CH', drift: 0.06, vol: 0.35, beta: 1.2, start: 3.96, capStart: 62 },
  { ticker: 'CHLX', name: 'Chemlux Industries', sector: 'Materials', country: 'US', drift: 0.07, vol: 0.25, beta: 1.0, start: 83.6, capStart: 55 },
  { ticker: 'ORVL', name: 'Orvale Metals', sector: 'Materials', country: 'GB', drift: 0.05, vol: 0.31, beta: 1.15, start: 12.35, capStart: 27 },
];

const SECTORS: Sector[] = ['Technology', 'Financials', 'Health Care', 'Energy', 'Consumer', 'Industrials', 'Utilities', 'Materials'];
const SECTOR_VOL: Record<Sector, number> = {
  Technology: 0.12,
  Financials: 0.1,
  'Health Care': 0.09,
  Energy: 0.12,
  Consumer: 0.08,
  Industrials: 0.08,
  Utilities: 0.07,
  Materials: 0.11,
};
const MARKET_VOL = 0.15;

/** A stress episode: a total log move spread evenly over [from, to], and a variance shock at its start. */
interface Episode {
  name: string;
  from: string;
  to: string;
  /** 'market' or a sector. */
  factor: 'market' | Sector;
  /** Total simple return added over the window (e.g. −0.3). */
  move: number;
  /** Multiplier applied to the factor's conditional variance on the first day (1 = none). */
  varianceShock: number;
}

const EPISODES: Episode[] = [
  { name: 'Energy slump', from: '2015-11-02', to: '2016-01-29', factor: 'Energy', move: -0.35, varianceShock: 4 },
  { name: 'Fast crash', from: '2020-02-20', to: '2020-03-23', factor: 'market', move: -0.26, varianceShock: 8 },
  { name: 'Rebound', from: '2020-03-24', to: '2020-08-31', factor: 'market', move: 0.4, varianceShock: 1 },
  { name: 'Rate-shock bear market', from: '2022-01-03', to: '2022-10-12', factor: 'market', move: -0.15, varianceShock: 2.5 },
  { name: 'Rate-shock bear market (tech)', from: '2022-01-03', to: '2022-10-12', factor: 'Technology', move: -0.2, varianceShock: 2 },
];

function businessDays(from: string, to: string): string[] {
  const out: string[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= end; t += 86_400_000) {
    const day = new Date(t).getUTCDay();
    if (day !== 0 && day !== 6) out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

/** GARCH(1,1) with standardised Student-t innovations; returns the shock series (daily). */
class Garch {
  private h: number;
  private readonly omega: number;
  constructor(
    private readonly rng: RandomStream,
    dailyVar: number,
    private readonly alpha: number,
    private readonly beta: number,
    private readonly nu: number,
  ) {
    this.omega = dailyVar * (1 - alpha - beta);
    this.h = dailyVar;
  }
  shock(multiplier: number): void {
    this.h *= multiplier;
  }
  next(): number {
    const z = this.rng.studentT(this.nu) / Math.sqrt(this.nu / (this.nu - 2));
    const eps = Math.sqrt(this.h) * z;
    this.h = this.omega + this.alpha * eps * eps + this.beta * this.h;
    return eps;
  }
}

const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;

export function generate(): unknown {
  const dates = businessDays(START, END);
  const T = dates.length;
  const n = ASSETS.length;
  const ppy = PERIODS_PER_YEAR;
  const market = new Garch(randomStream(SEED, 0), MARKET_VOL ** 2 / ppy, 0.09, 0.89, 5);
  const sectors = new Map<Sector, Garch>(SECTORS.map((s, k) => [s, new Garch(randomStream(SEED, 1 + k), SECTOR_VOL[s] ** 2 / ppy, 0.07, 0.9, 6)]));
  const paramRng = randomStream(SEED, 100);
  const idio = ASSETS.map((a, i) => {
    const sysVar = a.beta ** 2 * MARKET_VOL ** 2 + SECTOR_VOL[a.sector] ** 2;
    const idVar = a.vol ** 2 - sysVar;
    if (!(idVar > 0.004)) throw new Error(`${a.ticker}: vol target ${a.vol} too low for its factor exposure`);
    const nu = 4 + Math.floor(paramRng.uniform() * 4);
    return new Garch(randomStream(SEED, 20 + i), idVar / ppy, 0.06, 0.9, nu);
  });
  // g_i − ½ v_i with g_i = ln(1 + μ_i) / 252: in calm times E[exp(r)] ≈ exp(g_i), so μ_i is the
  // expected simple growth a year.
  const logDrift = ASSETS.map((a) => Math.log(1 + a.drift) / ppy);
  const calmVar = ASSETS.map((a) => a.vol ** 2 / ppy);

  const episodeIndex = EPISODES.map((e) => {
    const from = dates.findIndex((d) => d >= e.from);
    let to = -1;
    for (let t = 0; t < T; t++) if ((dates[t] as string) <= e.to) to = t;
    if (from < 1 || to < from) throw new Error(`episode ${e.name} outside the date range`);
    return { ...e, fromIdx: from, toIdx: to, perDay: Math.log(1 + e.move) / (to - from + 1) };
  });

  const prices: number[][] = [ASSETS.map((a) => round4(a.start))];
  const level = ASSETS.map((a) => Math.log(a.start));
  for (let t = 1; t < T; t++) {
    for (const e of episodeIndex) {
      if (t === e.fromIdx && e.varianceShock !== 1) {
        if (e.factor === 'market') market.shock(e.varianceShock);
        else sectors.get(e.factor)!.shock(e.varianceShock);
      }
    }
    let m = market.next();
    const s = new Map<Sector, number>();
    for (const sec of SECTORS) s.set(sec, sectors.get(sec)!.next());
    for (const e of episodeIndex) {
      if (t >= e.fromIdx && t <= e.toIdx) {
        if (e.factor === 'market') m += e.perDay;
        else s.set(e.factor, (s.get(e.factor) as number) + e.perDay);
      }
    }
    const row: number[] = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      const a = ASSETS[i] as AssetSpec;
      const r = (logDrift[i] as number) - 0.5 * (calmVar[i] as number) + a.beta * m + (s.get(a.sector) as number) + (idio[i] as Garch).next();
      level[i] = (level[i] as number) + r;
      row[i] = round4(Math.exp(level[i] as number));
    }
    prices.push(row);
  }

  // Cap-weighted buy-and-hold index (no issuance or buybacks, so cap weights drift with prices).
  const first = prices[0] as number[];
  const last = prices[T - 1] as number[];
  const shares = ASSETS.map((a, i) => (a.capStart * 1e9) / (first[i] as number));
  const rawIndex = prices.map((row) => row.reduce((acc, p, i) => acc + (shares[i] as number) * p, 0));
  const base = rawIndex[0] as number;
  const benchmark = rawIndex.map((v) => round4((1000 * v) / base));

  const rf = Math.pow(1 + RISK_FREE_ANNUAL, 1 / ppy) - 1;
  return {
    description:
      'Fictional daily close prices of 30 made-up assets (2015-01-02 .. 2024-12-31, business days), from a factor model with a market factor, sector factors, Student-t innovations and GARCH(1,1) volatility clustering, with three stress episodes. Prices in local currency; marketCap in US dollars at the last date. Not real market data.',
    generator: 'scripts/sample-data/generate.ts (npx tsx scripts/sample-data/generate.ts)',
    seed: SEED,
    periodsPerYear: ppy,
    episodes: EPISODES.map(({ name, from, to, factor, move }) => ({ name, from, to, factor, move })),
    dates,
    assets: ASSETS.map((a) => ({
      ticker: a.ticker,
      name: a.name,
      sector: a.sector,
      country: a.country,
      currency: CURRENCY[a.country],
      marketCap: Math.round(((shares[ASSETS.indexOf(a)] as number) * (last[ASSETS.indexOf(a)] as number)) / 1e6) * 1e6,
    })),
    prices,
    benchmark: { name: 'Quantivista Sample Cap-Weighted Index', prices: benchmark },
    riskFreeRatePerDay: Number(rf.toPrecision(12)),
  };
}

/** The benchmark's column header in `benchmark.csv` (its full name is in `sample-info.json`). */
export const BENCHMARK_COLUMN = 'BENCH';

interface Generated {
  description: string;
  generator: string;
  seed: number;
  periodsPerYear: number;
  episodes: Array<{ name: string; from: string; to: string; factor: string; move: number }>;
  dates: string[];
  assets: Array<{ ticker: string; name: string; sector: string; country: string; currency: string; marketCap: number }>;
  prices: number[][];
  benchmark: { name: string; prices: number[] };
  riskFreeRatePerDay: number;
}

/** The JSON text of `sample-prices.json` (one line per date in `prices`). */
function jsonText(data: Generated): string {
  const json = JSON.stringify(
    data,
    (key, value: unknown) => (key === 'prices' && Array.isArray(value) && Array.isArray(value[0]) ? '__ROWS__' : value),
    1,
  ).replace('"__ROWS__"', `[\n${data.prices.map((r) => `  ${JSON.stringify(r)}`).join(',\n')}\n ]`);
  return `${json}\n`;
}

/** A CSV field: quoted (RFC 4180) when it holds a comma, a quote or a line break. */
function field(v: string | number): string {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  return [header, ...rows].map((r) => r.map(field).join(',')).join('\n') + '\n';
}

/**
 * Every file of the sample data set, by file name in `examples/data/`, as the exact text written:
 * `sample-prices.json`, `prices.csv` (wide: `date,<30 tickers>`), `assets.csv`
 * (`ticker,name,sector,country,currency,marketCap`), `benchmark.csv` (`date,BENCH`) and
 * `sample-info.json` (description, seed, periodsPerYear, riskFreeRatePerDay, benchmark name, episodes).
 */
export function sampleDataFiles(): Record<string, string> {
  const data = generate() as Generated;
  const tickers = data.assets.map((a) => a.ticker);
  const info = {
    description: data.description,
    generator: data.generator,
    seed: data.seed,
    periodsPerYear: data.periodsPerYear,
    riskFreeRatePerDay: data.riskFreeRatePerDay,
    benchmark: { name: data.benchmark.name, column: BENCHMARK_COLUMN },
    files: { prices: 'prices.csv', assets: 'assets.csv', benchmark: 'benchmark.csv' },
    episodes: data.episodes,
  };
  return {
    'sample-prices.json': jsonText(data),
    'prices.csv': csv(
      ['date', ...tickers],
      data.dates.map((d, t) => [d, ...(data.prices[t] as number[])]),
    ),
    'assets.csv': csv(
      ['ticker', 'name', 'sector', 'country', 'currency', 'marketCap'],
      data.assets.map((a) => [a.ticker, a.name, a.sector, a.country, a.currency, a.marketCap]),
    ),
    'benchmark.csv': csv(
      ['date', BENCHMARK_COLUMN],
      data.dates.map((d, t) => [d, data.benchmark.prices[t] as number]),
    ),
    'sample-info.json': `${JSON.stringify(info, null, 1)}\n`,
  };
}

/** The JSON text written to `examples/data/sample-prices.json` (one line per date in `prices`). */
export function sampleDataJson(): string {
  return jsonText(generate() as Generated);
}

const here = dirname(fileURLToPath(import.meta.url));
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const [name, text] of Object.entries(sampleDataFiles())) {
    const out = join(here, '..', '..', 'examples', 'data', name);
    writeFileSync(out, text);
    process.stdout.write(`wrote ${out}\n`);
  }
}
