/**
 * Risk benchmarks, each with numpy measured in the same run (when /usr/bin/python3 with numpy is
 * available) so the comparison is on the same machine under the same load:
 *  1. historical VaR + ES on 10⁶ returns: ours (Floyd–Rivest selection + one tail pass) vs a full
 *     sort in JS vs numpy (`np.partition` + tail mean);
 *  2. Monte Carlo VaR with 10⁶ paths x 100 assets: ours (ziggurat normals, one length-100 dot
 *     product per path) vs numpy (`standard_normal((10⁶, 100)) @ (Lᵀw)` + partition);
 *  3. the normal generators' throughput: our ziggurat on xor4096, core.randomStream's polar
 *     method, numpy's `standard_normal` (also a ziggurat).
 */
import { spawnSync } from 'node:child_process';
import { randomStream } from '../src/core/random.ts';
import { expectedShortfall, monteCarloVaR } from '../src/risk/index.ts';
import { fillZigguratNormals, xor4096State } from '../src/risk/fast-normal.ts';
import { measure, printTable, type Measurement } from './harness.ts';

function numpy(code: string): number | undefined {
  const r = spawnSync('/usr/bin/python3', ['-c', code], { encoding: 'utf8' });
  if (r.status !== 0) return undefined;
  const v = Number(r.stdout.trim());
  return Number.isFinite(v) ? v : undefined;
}

const PY_TIMER = (setup: string, stmt: string, reps = 5) => `
import numpy as np, time
${setup}
ts = []
for _ in range(${reps}):
    t0 = time.perf_counter(); ${stmt}; ts.append(time.perf_counter() - t0)
ts.sort(); print(ts[len(ts)//2] * 1000)
`;

// 1. Historical VaR + ES on 10^6 returns
{
  const N = 1_000_000;
  const rng = randomStream(1, 0);
  const r = new Float64Array(N);
  for (let i = 0; i < N; i++) r[i] = rng.normal() * 0.01 + (rng.uniform() < 0.01 ? -0.03 : 0);
  const ours = measure('quantivista expectedShortfall (selection)', () => expectedShortfall(r, { confidence: 0.99 }), { minMs: 1000 });
  const sorted = measure(
    'JS full sort + quantile + tail mean',
    () => {
      const s = Float64Array.from(r).sort();
      const h = (N - 1) * 0.01;
      const lo = Math.floor(h);
      const q = s[lo]! + (s[lo + 1]! - s[lo]!) * (h - lo);
      let t = 0;
      let k = 0;
      while (k < N && s[k]! <= q) t += s[k++]!;
      return t / k;
    },
    { minMs: 1000 },
  );
  const rows: Measurement[] = [ours, sorted];
  const np = numpy(
    PY_TIMER(
      'rng = np.random.default_rng(1); r = rng.standard_normal(1_000_000) * 0.01',
      'h = 999_999 * 0.01; lo = int(h); s = np.partition(r, [lo, lo + 1]); q = s[lo] + (s[lo+1]-s[lo])*(h-lo); es = -r[r <= q].mean()',
      15,
    ),
  );
  if (np !== undefined) rows.unshift({ name: 'numpy partition + tail mean', ms: np, runs: 15 });
  printTable('Historical VaR + ES, 10⁶ returns, 99 %', rows, np !== undefined ? 'numpy partition + tail mean' : undefined);
}

// 2. Monte Carlo VaR, 10^6 paths x 100 assets
{
  const n = 100;
  const cov: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 4e-4 : 1e-4 * Math.exp(-Math.abs(i - j) / 10))));
  const mu = new Array(n).fill(2e-4);
  const w = new Array(n).fill(1 / n);
  const ours = measure('quantivista monteCarloVaR (normal)', () => monteCarloVaR({ mu, cov, weights: w, paths: 1_000_000, confidence: 0.99, seed: 1 }), {
    minMs: 0,
    warmup: 1,
    maxRuns: 3,
  });
  const tdist = measure(
    'quantivista monteCarloVaR (student-t, ν = 5)',
    () => monteCarloVaR({ mu, cov, weights: w, paths: 1_000_000, confidence: 0.99, seed: 1, distribution: 'student-t', degreesOfFreedom: 5 }),
    { minMs: 0, warmup: 0, maxRuns: 2 },
  );
  const rows: Measurement[] = [ours, tdist];
  const np = numpy(
    PY_TIMER(
      `n = 100
i = np.arange(n)
cov = 1e-4 * np.exp(-np.abs(i[:, None] - i[None, :]) / 10); np.fill_diagonal(cov, 4e-4)
w = np.full(n, 1 / n); L = np.linalg.cholesky(cov); b = L.T @ w; m = w @ np.full(n, 2e-4)
rng = np.random.default_rng(1)`,
      'z = rng.standard_normal((1_000_000, n)); pnl = m + z @ b; lo = int(999_999 * 0.01); s = np.partition(pnl, [lo, lo + 1]); q = s[lo] + (s[lo+1]-s[lo])*(999_999*0.01-lo); es = -pnl[pnl <= q].mean()',
      3,
    ),
  );
  if (np !== undefined) rows.unshift({ name: 'numpy standard_normal((1e6,100)) @ b', ms: np, runs: 3 });
  printTable('Monte Carlo VaR + ES, 10⁶ paths x 100 assets, 99 %', rows, np !== undefined ? 'numpy standard_normal((1e6,100)) @ b' : undefined);
}

// 3. Normal generator throughput, 10^7 draws
{
  const N = 10_000_000;
  const buf = new Float64Array(N);
  const zig = measure('ziggurat on xor4096 (risk/fast-normal)', () => fillZigguratNormals(xor4096State(1, 0), buf), { minMs: 0, warmup: 1, maxRuns: 3 });
  const polar = measure('core randomStream.fillNormal (polar)', () => randomStream(1, 0).fillNormal(buf), { minMs: 0, warmup: 1, maxRuns: 3 });
  const rows: Measurement[] = [zig, polar].map((m) => ({ ...m, note: `${(N / (m.ms / 1000) / 1e6).toFixed(1)} M normals/s` }));
  const np = numpy(PY_TIMER('rng = np.random.default_rng(1)', 'z = rng.standard_normal(10_000_000)', 3));
  if (np !== undefined) rows.unshift({ name: 'numpy standard_normal', ms: np, runs: 3, note: `${(N / (np / 1000) / 1e6).toFixed(1)} M normals/s` });
  printTable('Normal generator, 10⁷ draws', rows, np !== undefined ? 'numpy standard_normal' : undefined);
}
