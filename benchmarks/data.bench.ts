/**
 * Data benchmarks, each with pandas measured in the same run (when /usr/bin/python3 with pandas
 * is available), on the same file, so the comparison is on the same machine under the same load:
 *
 *  1. Reading a wide price CSV of 2,520 dates x 500 assets (about 7 MB; prices with 4–6
 *     significant digits; 200 young assets whose columns start blank) with `readPricesCsv`
 *     vs pandas `read_csv(path, index_col=0)` (and with `parse_dates=True`, since
 *     `readPricesCsv` checks every date).
 *  2. Pairwise-complete covariance of the returns of that table (T = 2,519, n = 500, leading
 *     gaps): `sampleCovariance(returns, { missing: 'pairwise', minPeriods: 30 })` vs pandas
 *     `df.cov(min_periods=30)` on the same returns (ours, written with `toCsv`; they equal pandas'
 *     `pct_change(fill_method=None)`).
 *
 * pandas is timed inside its own process (`time.perf_counter` around the call only; the import
 * and the warm-up call are outside). The cases are interleaved: in each round every JS case runs
 * once and one Python process times each pandas case once after a warm-up call, so a change in
 * the machine's load hits both sides alike. The median over the rounds is reported; the ratio is
 * "our time / pandas' time" (below 1 = faster than pandas).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { readPricesCsv, returnsTable, toCsv } from '../src/data/index.ts';
import { sampleCovariance } from '../src/covariance/index.ts';
import { printTable, type Measurement } from './harness.ts';

const T = 2520;
const N = 500;
const ROUNDS = 7;
const PYTHON = '/usr/bin/python3';

/** Deterministic uniform(0, 1) stream (LCG). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s + 0.5) / 2 ** 32;
  };
}

function businessDays(from: string, count: number): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); out.length < count; t += 86_400_000) {
    const day = new Date(t).getUTCDay();
    if (day !== 0 && day !== 6) out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

/**
 * The benchmark file: `date,A000,...,A499`; a mean-reverting walk per asset in log price (daily
 * volatility 1–3 %, a common factor) between 10 and 99.99, written with 2, 3 or 4 decimals (4–6
 * significant digits); 200 assets list late, their cells blank before their first date.
 */
function wideCsv(): string {
  const u = lcg(20240601);
  const dates = businessDays('2015-01-02', T);
  const decimals = Array.from({ length: N }, () => {
    const x = u();
    return x < 0.7 ? 2 : x < 0.9 ? 3 : 4;
  });
  const home = Array.from({ length: N }, () => Math.log(15 + 60 * u()));
  const logLevel = home.slice();
  const vol = Array.from({ length: N }, () => 0.01 + 0.02 * u());
  const start = Array.from({ length: N }, (_, j) => (j % 10 < 4 ? Math.floor(u() * (T - 300)) : 0));
  const lines = [['date', ...Array.from({ length: N }, (_, j) => `A${String(j).padStart(3, '0')}`)].join(',')];
  const cells = new Array<string>(N + 1);
  for (let t = 0; t < T; t++) {
    const m = (u() + u() + u() - 1.5) * 0.01;
    cells[0] = dates[t]!;
    for (let j = 0; j < N; j++) {
      if (t > 0) logLevel[j] = logLevel[j]! + 0.002 * (home[j]! - logLevel[j]!) + m + (u() + u() + u() - 1.5) * 2 * vol[j]!;
      cells[j + 1] = t < start[j]! ? '' : Math.min(99.99, Math.max(10, Math.exp(logLevel[j]!))).toFixed(decimals[j]!);
    }
    lines.push(cells.join(','));
  }
  return lines.join('\n') + '\n';
}

/** Run a Python program that prints one JSON line; undefined when Python or pandas is missing. */
function python<R>(code: string, args: string[]): R | undefined {
  const r = spawnSync(PYTHON, ['-c', code, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) {
    if (!python.warned) process.stdout.write(`(pandas not measured: ${(r.stderr || r.error?.message || 'python3 failed').trim().split('\n').at(-1)})\n`);
    python.warned = true;
    return undefined;
  }
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as R;
}
python.warned = false;

// One pandas round: a warm-up call, then one timed call of each case (ms); facts of the table to
// compare; with a third argument, the covariance matrix written there (little-endian float64).
const PANDAS_ROUND = `
import json, sys, time
import numpy as np, pandas as pd
prices_path, returns_path = sys.argv[1], sys.argv[2]
out = {}
pd.read_csv(prices_path, index_col=0)
t0 = time.perf_counter(); df = pd.read_csv(prices_path, index_col=0); out['read'] = (time.perf_counter() - t0) * 1000
t0 = time.perf_counter(); dp = pd.read_csv(prices_path, index_col=0, parse_dates=True); out['readDates'] = (time.perf_counter() - t0) * 1000
out['shape'] = list(df.shape); out['missing'] = int(df.isna().sum().sum()); out['sum'] = float(np.nansum(df.to_numpy()))
r = pd.read_csv(returns_path, index_col=0)
r.cov(min_periods=30)
t0 = time.perf_counter(); c = r.cov(min_periods=30); out['cov'] = (time.perf_counter() - t0) * 1000
if len(sys.argv) > 3: c.to_numpy().astype('<f8').tofile(sys.argv[3])
print(json.dumps(out))
`;

interface PandasRound {
  read: number;
  readDates: number;
  cov: number;
  shape: [number, number];
  missing: number;
  sum: number;
}

const median = (xs: number[]): number => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
function time(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

const dir = mkdtempSync(join(tmpdir(), 'quantivista-data-bench-'));
try {
  const pricesPath = join(dir, 'prices.csv');
  const returnsPath = join(dir, 'returns.csv');
  const covPath = join(dir, 'pandas-cov.f64');
  writeFileSync(pricesPath, wideCsv());
  const bytes = statSync(pricesPath).size;
  const text = readFileSync(pricesPath, 'utf8');
  const table = readPricesCsv(text);
  const returns = returnsTable(table);
  writeFileSync(returnsPath, toCsv(returns)); // shortest round-trip numbers: pandas reads the same doubles
  const values = table.values.data;
  let missing = 0;
  let sum = 0;
  for (const v of values) v !== v ? missing++ : (sum += v);
  process.stdout.write(
    `prices file: ${T} dates x ${N} assets, ${(bytes / 1e6).toFixed(2)} MB, ${missing} blank cells (${((100 * missing) / values.length).toFixed(1)} %)\n`,
  );

  // The pairwise covariance (every pair of assets shares at least 300 periods, so no entry is NaN).
  const pairwise = () => sampleCovariance(returns, { missing: 'pairwise', minPeriods: 30 });
  const pairwiseResult = pairwise();

  const js = { read: [] as number[], readText: [] as number[], cov: [] as number[] };
  const py: PandasRound[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    js.read.push(time(() => readPricesCsv(readFileSync(pricesPath, 'utf8'))));
    js.readText.push(time(() => readPricesCsv(text)));
    js.cov.push(time(pairwise));
    const p = python<PandasRound>(PANDAS_ROUND, [pricesPath, returnsPath, ...(r === 0 ? [covPath] : [])]);
    if (p) py.push(p);
  }

  const readRows: Measurement[] = [
    { name: 'readPricesCsv(readFileSync(path))', ms: median(js.read), runs: ROUNDS },
    { name: 'readPricesCsv(text) (text in memory)', ms: median(js.readText), runs: ROUNDS },
  ];
  if (py.length > 0) {
    const pd = { read: median(py.map((p) => p.read)), readDates: median(py.map((p) => p.readDates)) };
    readRows.unshift(
      { name: 'pandas read_csv(path, index_col=0)', ms: pd.read, runs: py.length },
      { name: 'pandas read_csv(..., parse_dates=True)', ms: pd.readDates, runs: py.length },
    );
    const same = py[0]!.shape[0] === T && py[0]!.shape[1] === N && py[0]!.missing === missing && Math.abs(py[0]!.sum - sum) <= 1e-9 * Math.abs(sum);
    readRows[2]!.note = `(same table as pandas' (shape, blanks, sum): ${same})`;
  }
  printTable(
    `readPricesCsv vs pandas read_csv, ${T} x ${N} wide CSV (${(bytes / 1e6).toFixed(1)} MB)`,
    readRows,
    py.length > 0 ? 'pandas read_csv(path, index_col=0)' : undefined,
  );

  const covRows: Measurement[] = [];
  const ours: Measurement = { name: "sampleCovariance(table, { missing: 'pairwise', minPeriods: 30 })", ms: median(js.cov), runs: ROUNDS };
  if (py.length > 0) {
    covRows.push({ name: 'pandas df.cov(min_periods=30)', ms: median(py.map((p) => p.cov)), runs: py.length });
    // pandas' matrix, written by the first round: the largest difference relative to the largest entry
    const theirs = new Float64Array(new Uint8Array(readFileSync(covPath)).buffer);
    const c = pairwiseResult.covariance.data;
    let diff = theirs.length === c.length ? 0 : Infinity;
    let scale = 0;
    for (let k = 0; k < c.length && diff !== Infinity; k++) {
      diff = Math.max(diff, Object.is(c[k], theirs[k]) ? 0 : Math.abs(c[k]! - theirs[k]!));
      scale = Math.max(scale, Math.abs(theirs[k]!));
    }
    ours.note = `(max |ours − pandas'| = ${(diff / scale).toExponential(1)} of the largest entry)`;
  }
  covRows.push(ours);
  printTable(`pairwise covariance, T = ${T - 1}, n = ${N}, leading gaps`, covRows, py.length > 0 ? 'pandas df.cov(min_periods=30)' : undefined);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
