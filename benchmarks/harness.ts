/**
 * A tiny benchmark harness: `measure` times a function (warm-up, then repeated runs until a
 * minimum time has passed) and reports the median per-call time; `printTable` prints rows with
 * ratios against a baseline. Benchmarks are run by `npm run bench` (benchmarks/run.ts), never by tests.
 */
import { performance } from 'node:perf_hooks';

export interface Measurement {
  name: string;
  /** Median milliseconds per call. */
  ms: number;
  runs: number;
  /** Free-form note (e.g. GFLOP/s). */
  note?: string;
}

export function measure(name: string, fn: () => unknown, opts: { minMs?: number; maxRuns?: number; warmup?: number } = {}): Measurement {
  const { minMs = 300, maxRuns = 200, warmup = 1 } = opts;
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  const start = performance.now();
  while (times.length < maxRuns && (performance.now() - start < minMs || times.length < 3)) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { name, ms: times[Math.floor(times.length / 2)]!, runs: times.length };
}

function fmt(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 1) return `${ms.toFixed(2)} ms`;
  return `${(ms * 1000).toFixed(1)} µs`;
}

/** Print a section: each row's time and, when `baseline` is named, its ratio to that row (baseline time / row time = speed-up of ours). */
export function printTable(title: string, rows: Measurement[], baseline?: string): void {
  const base = baseline ? rows.find((r) => r.name === baseline) : undefined;
  const w = Math.max(...rows.map((r) => r.name.length), 10);
  const lines = [`\n## ${title}`, `${'case'.padEnd(w)}  ${'median'.padStart(10)}  ${'runs'.padStart(5)}  ${base ? 'vs ' + base.name : ''}`];
  for (const r of rows) {
    const ratio = base && r !== base ? `${(r.ms / base.ms).toFixed(2)}x the time` : '';
    lines.push(`${r.name.padEnd(w)}  ${fmt(r.ms).padStart(10)}  ${String(r.runs).padStart(5)}  ${ratio}${r.note ? '  ' + r.note : ''}`);
  }
  process.stdout.write(lines.join('\n') + '\n');
}
