/**
 * Performance and attribution benchmarks: the full performanceSummary (every metric, with a
 * benchmark) on 10⁶ daily returns, drawdowns alone, rolling metrics over a 50,000-period window, XIRR on 1,000 dated flows, and Brinson–Fachler at
 * security level (5,000 securities in 11 sectors) for 60 periods, linked with each method.
 * Data are seeded synthetic series (no peer library in JavaScript does these; absolute times only).
 */
import { brinsonFachler, linkAttribution, type BrinsonResult } from '../src/attribution/index.ts';
import { randomStream } from '../src/core/random.ts';
import {
  alpha,
  annualizedReturn,
  annualizedVolatility,
  beta,
  calmarRatio,
  downCapture,
  drawdowns,
  hitRate,
  informationRatio,
  omegaRatio,
  performanceSummary,
  probabilisticSharpeRatio,
  rollingMetric,
  sharpeRatio,
  sortinoRatio,
  trackingError,
  ulcerIndex,
  upCapture,
  xirr,
} from '../src/performance/index.ts';
import { performance } from 'node:perf_hooks';
import { measure, printTable } from './harness.ts';

const rng = randomStream(2024, 0);
const T = 1_000_000;
const bench = new Float64Array(T);
const port = new Float64Array(T);
for (let t = 0; t < T; t++) {
  bench[t] = 0.0003 + 0.01 * rng.normal();
  port[t] = 0.0001 + 0.9 * (bench[t] as number) + 0.004 * rng.normal();
}
// The first call on 10⁶ returns also pays V8's optimising compile of the kernels (slow on a
// loaded machine, where the compiler thread is starved); it is timed on its own, then the steady
// state after a few warm-up calls.
const firstCall = (name: string, fn: () => unknown) => {
  const t0 = performance.now();
  fn();
  return { name: `${name}, first call (incl. JIT)`, ms: performance.now() - t0, runs: 1 };
};
const withBench = () => performanceSummary(port, { benchmark: bench, riskFreeRate: 0.0001, periodsPerYear: 252 });
const noBench = () => performanceSummary(port, { periodsPerYear: 252 });
const dd = () => drawdowns(port);
// the figures of the summary from the single-metric functions called one by one (what the fused
// kernel of performanceSummary saves; both close each figure with the same formula)
const orNull = (f: () => number): number | null => {
  try {
    return f();
  } catch {
    return null;
  }
};
const oneByOne = () => {
  const o = { riskFreeRate: 0.0001, periodsPerYear: 252 };
  const y = { periodsPerYear: 252 };
  return [
    annualizedReturn(port, y),
    annualizedVolatility(port, y),
    sharpeRatio(port, o),
    sortinoRatio(port, y),
    calmarRatio(port, y),
    omegaRatio(port),
    ulcerIndex(port),
    hitRate(port),
    probabilisticSharpeRatio(port, { riskFreeRate: 0.0001 }),
    drawdowns(port, { top: 1 }),
    annualizedReturn(bench, y),
    trackingError(port, bench, y),
    informationRatio(port, bench, y),
    beta(port, bench),
    alpha(port, bench, o),
    // the capture ratios stay finite on 10⁶ periods (taken in log space where Π(1 + r) overflows)
    orNull(() => upCapture(port, bench, y)),
    orNull(() => downCapture(port, bench, y)),
    hitRate(port, { benchmark: bench }),
  ];
};
const first = [
  firstCall('performanceSummary (with benchmark)', withBench),
  firstCall('performanceSummary (no benchmark)', noBench),
  firstCall('drawdowns', dd),
];
printTable(`performance metrics on ${T.toLocaleString('en')} daily returns`, [
  ...first,
  measure('performanceSummary (with benchmark)', withBench, { minMs: 1500, maxRuns: 15, warmup: 4 }),
  measure('performanceSummary (no benchmark)', noBench, { minMs: 1500, maxRuns: 15, warmup: 4 }),
  measure('drawdowns (series + top 5)', dd, { minMs: 1500, maxRuns: 15, warmup: 4 }),
  measure('single-metric functions one by one (with benchmark)', oneByOne, { minMs: 1500, maxRuns: 15, warmup: 4 }),
]);

// rolling windows: a 50,000-period window over 10⁶ returns slides in O(T) (the sums-based metrics)
printTable('rollingMetric, 50,000-period window over 1,000,000 returns', [
  measure("rollingMetric 'sharpeRatio'", () => rollingMetric(port, 'sharpeRatio', { window: 50_000, periodsPerYear: 252 }), { minMs: 1000, maxRuns: 10 }),
  measure("rollingMetric 'informationRatio'", () => rollingMetric(port, 'informationRatio', { window: 50_000, benchmark: bench }), {
    minMs: 1000,
    maxRuns: 10,
  }),
]);

const flows = Array.from({ length: 1000 }, (_, i) => ({
  date: new Date(Date.UTC(2000, 0, 1) + i * 7 * 86_400_000).toISOString().slice(0, 10),
  amount: i === 0 ? -100_000 : i === 999 ? 250_000 : (rng.uniform() - 0.6) * 1000,
}));
printTable('XIRR', [measure('xirr, 1,000 weekly flows', () => xirr(flows))]);

const N = 5000;
const P = 60;
const sectors = Array.from({ length: N }, (_, i) => `sector-${i % 11}`);
const inputs = Array.from({ length: P }, () => {
  const wp = Array.from({ length: N }, () => rng.uniform());
  const wb = Array.from({ length: N }, () => rng.uniform());
  const sp = wp.reduce((a, b) => a + b, 0);
  const sb = wb.reduce((a, b) => a + b, 0);
  const r = Array.from({ length: N }, () => 0.005 + 0.05 * rng.normal());
  return { portfolioWeights: wp.map((x) => x / sp), benchmarkWeights: wb.map((x) => x / sb), portfolioReturns: r, benchmarkReturns: r, segments: sectors };
});
let periods: BrinsonResult[] = [];
const rows = [
  measure(`brinsonFachler x ${P} periods (${N.toLocaleString('en')} securities)`, () => (periods = inputs.map((x) => brinsonFachler(x))), {
    minMs: 1500,
    maxRuns: 20,
  }),
];
for (const method of ['carino', 'menchero', 'grap', 'frongello', 'davies-laker'] as const) {
  rows.push(measure(`linkAttribution ${method}`, () => linkAttribution(periods, { method })));
}
rows.push(
  measure(
    'brinsonFachler x 60 + Cariño linking',
    () =>
      linkAttribution(
        inputs.map((x) => brinsonFachler(x)),
        { method: 'carino' },
      ),
    { minMs: 1500, maxRuns: 20 },
  ),
);
printTable(`Brinson–Fachler with linking: ${N.toLocaleString('en')} securities x ${P} periods`, rows);
