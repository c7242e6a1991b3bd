/**
 * Demo step: performance and attribution — a summary table of a portfolio (constant weights,
 * rebalanced every period) against an equal-weight benchmark over the sample history, then a
 * Brinson–Fachler attribution by sector, computed every period and linked over the whole history
 * with Cariño's method (the linked effects add up to the compounded active return), and the same
 * history attributed geometrically (allocation and selection compound to the geometric excess return).
 */
import { brinsonFachler, linkAttribution, multiPeriodGeometricAttribution } from '../../src/attribution/index.ts';
import { toMatrix, type MatrixLike } from '../../src/core/matrix.ts';
import { performanceSummary, type PerformanceSummary } from '../../src/performance/index.ts';

/** Inputs of {@link runPerformanceStep}. */
export interface PerformanceStepInput {
  /** T x n asset returns (rows are periods, oldest first): a ReturnTable (`returnsTable(prices)`, as the demo passes) or a matrix. */
  returns: MatrixLike;
  /** Portfolio weights (n, summing to 1), e.g. the optimised portfolio. */
  weights: readonly number[];
  /** Sector of each asset (n). */
  sectors: readonly string[];
  /** Periods per year (252 for the daily sample data). */
  periodsPerYear: number;
  /** Risk-free rate per period (default 0). */
  riskFreeRate?: number;
}

const pct = (x: number | null, digits = 2): string => (x === null ? 'n/a' : `${(100 * x).toFixed(digits)} %`);
const num = (x: number | null, digits = 2): string => (x === null ? 'n/a' : x.toFixed(digits));
const bp = (x: number): string => `${(1e4 * x).toFixed(1)} bp`;

/** Returns the printed report text for the performance step of the demo. */
export function runPerformanceStep(input: PerformanceStepInput): string {
  const R = toMatrix(input.returns).toArray();
  const T = R.length;
  const n = input.weights.length;
  const wb = Array.from({ length: n }, () => 1 / n);
  const port = R.map((row) => row.reduce((s, r, i) => s + r * (input.weights[i] as number), 0));
  const bench = R.map((row) => row.reduce((s, r) => s + r / n, 0));
  const rf = input.riskFreeRate ?? 0;
  const ppy = input.periodsPerYear;
  const p = performanceSummary(port, { benchmark: bench, riskFreeRate: rf, periodsPerYear: ppy });
  const b = performanceSummary(bench, { riskFreeRate: rf, periodsPerYear: ppy });

  const lines: string[] = [];
  lines.push(`Performance over ${T} periods (${(T / ppy).toFixed(1)} years), annualised with ${ppy} periods a year`);
  lines.push('');
  const rows: Array<[string, (s: PerformanceSummary) => string]> = [
    ['total return', (s) => pct(s.totalReturn, 1)],
    ['annualised return', (s) => pct(s.annualizedReturn)],
    ['annualised volatility', (s) => pct(s.annualizedVolatility)],
    ['Sharpe ratio', (s) => num(s.sharpeRatio)],
    ['Sortino ratio', (s) => num(s.sortinoRatio)],
    ['Calmar ratio', (s) => num(s.calmarRatio)],
    ['max drawdown', (s) => pct(s.maxDrawdown.depth, 1)],
    ['longest drawdown (periods)', (s) => String(s.longestDrawdown)],
    ['ulcer index', (s) => pct(s.ulcerIndex)],
    ['skewness / excess kurtosis', (s) => `${num(s.skewness)} / ${num(s.kurtosis)}`],
    ['probabilistic Sharpe (SR* = 0)', (s) => num(s.probabilisticSharpeRatio, 3)],
  ];
  const w = Math.max(...rows.map((r) => r[0].length));
  lines.push(`${''.padEnd(w)}  ${'portfolio'.padStart(12)}  ${'equal weight'.padStart(12)}`);
  for (const [label, f] of rows) lines.push(`${label.padEnd(w)}  ${f(p).padStart(12)}  ${f(b).padStart(12)}`);
  const rel = p.relative!;
  lines.push('');
  lines.push(
    `vs equal weight: tracking error ${pct(rel.trackingError)}, information ratio ${num(rel.informationRatio)}, ` +
      `beta ${num(rel.beta)}, alpha ${pct(rel.alpha)} a year, up/down capture ${num(rel.upCapture)} / ${num(rel.downCapture)}, ` +
      `beats it in ${pct(rel.hitRate, 1)} of periods`,
  );

  // Brinson–Fachler by sector each period, linked with Cariño
  const periods = R.map((row) =>
    brinsonFachler({ portfolioWeights: input.weights, benchmarkWeights: wb, portfolioReturns: row, benchmarkReturns: row, segments: input.sectors }),
  );
  const linked = linkAttribution(periods, { method: 'carino' });
  lines.push('');
  lines.push(`Brinson–Fachler attribution by sector, ${T} periods linked with Cariño (compounded returns):`);
  lines.push(`portfolio ${pct(linked.portfolioReturn, 1)}, benchmark ${pct(linked.benchmarkReturn, 1)}, active ${pct(linked.activeReturn, 1)}`);
  const sw = Math.max(6, ...linked.segments.map((s) => s.length));
  lines.push(
    `${'sector'.padEnd(sw)}  ${'weight'.padStart(7)}  ${'bench'.padStart(7)}  ${'allocation'.padStart(11)}  ${'selection'.padStart(11)}  ${'interaction'.padStart(11)}  ${'total'.padStart(11)}`,
  );
  const first = periods[0]!;
  linked.segments.forEach((s, k) => {
    const seg = first.bySegment[s]!;
    lines.push(
      `${s.padEnd(sw)}  ${pct(seg.portfolioWeight, 1).padStart(7)}  ${pct(seg.benchmarkWeight, 1).padStart(7)}  ` +
        `${bp(linked.allocation![k]!).padStart(11)}  ${bp(linked.selection![k]!).padStart(11)}  ${bp(linked.interaction![k]!).padStart(11)}  ${bp(linked.total![k]!).padStart(11)}`,
    );
  });
  const t = linked.totals;
  lines.push(
    `${'total'.padEnd(sw)}  ${''.padStart(7)}  ${''.padStart(7)}  ${bp(t.allocation).padStart(11)}  ${bp(t.selection).padStart(11)}  ${bp(t.interaction).padStart(11)}  ${bp(t.total).padStart(11)}`,
  );
  lines.push(`(linked effects add up to the active return: difference ${Math.abs(t.total - linked.activeReturn).toExponential(1)})`);

  // the same history attributed geometrically: allocation and selection compound across periods
  const geo = multiPeriodGeometricAttribution(
    R.map((row) => ({ portfolioWeights: input.weights, benchmarkWeights: wb, portfolioReturns: row, benchmarkReturns: row, segments: input.sectors })),
  );
  const g = geo.totals;
  lines.push('');
  lines.push(
    `Geometric attribution (effects compound): allocation ${pct(g.allocation, 2)}, selection ${pct(g.selection, 2)}; ` +
      `(1 + A)(1 + S) − 1 = ${pct(g.total, 2)} = geometric excess (1 + R)/(1 + B) − 1 = ${pct(geo.geometricExcessReturn, 2)}`,
  );
  return lines.join('\n');
}
