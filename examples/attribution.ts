// Attribution: Brinson-Fachler by sector of an equal-weight portfolio against the cap-weighted
// benchmark over 2024, the last year of the sample (weights at the 2023 close, buy and hold),
// then its four quarters (the portfolio set back to equal weights each quarter) linked with Carino's method.
// Run: npx tsx examples/attribution.ts   or   deno run --allow-read examples/attribution.ts
// In your project: import { ... } from 'quantivista/attribution';
import { loadSampleData } from './data/load.ts';
import { brinsonFachler, linkAttribution } from '../src/attribution/index.ts';

const data = loadSampleData(); // prices.csv (read with readPricesCsv) and assets.csv (sectors, caps)
const P = data.prices.values; // T x n closes; P.get(t, i) is asset i on data.prices.dates[t]
const T = P.rows;
const sectors = [...new Set(data.assets.map((a) => a.sector))];
// Market caps at the last date, moved back to each start date with the price ratio.
const capAt = (t: number) => data.assets.map((a, i) => (a.marketCap * P.get(t, i)) / P.get(T - 1, i));

/** Sector weights and returns of the equal-weight portfolio and the cap-weighted benchmark from t0 to t1. */
function period(t0: number, t1: number) {
  const growth = data.assets.map((_, i) => P.get(t1, i) / P.get(t0, i) - 1);
  const caps = capAt(t0);
  const totalCap = caps.reduce((s, c) => s + c, 0);
  const pw: number[] = [],
    bw: number[] = [],
    pr: number[] = [],
    br: number[] = [];
  for (const s of sectors) {
    const idx = data.assets.flatMap((a, i) => (a.sector === s ? [i] : []));
    const cap = idx.reduce((acc, i) => acc + caps[i]!, 0);
    pw.push(idx.length / data.assets.length);
    bw.push(cap / totalCap);
    pr.push(idx.reduce((acc, i) => acc + growth[i]!, 0) / idx.length);
    br.push(idx.reduce((acc, i) => acc + (caps[i]! / cap) * growth[i]!, 0));
  }
  return brinsonFachler({ portfolioWeights: pw, benchmarkWeights: bw, portfolioReturns: pr, benchmarkReturns: br, segments: sectors });
}

/** Row of the last close before `date` (the start of a period that begins on `date`). */
const closeBefore = (date: string) => data.prices.dates.filter((d) => d < date).length - 1;
const year = period(closeBefore('2024-01-01'), T - 1);
const pct = (x: number) => `${(x * 100).toFixed(2).padStart(6)} %`;
console.log(
  `2024 (from the ${data.prices.dates[closeBefore('2024-01-01')]} close to ${data.prices.dates[T - 1]}): portfolio ${pct(year.portfolioReturn)}, benchmark ${pct(year.benchmarkReturn)}, active ${pct(year.activeReturn)}`,
);
console.log('sector        allocation  selection  interaction');
for (const s of sectors) {
  const e = year.bySegment[s]!;
  console.log(`${s.padEnd(13)} ${pct(e.allocation)}   ${pct(e.selection)}   ${pct(e.interaction)}`);
}
console.log(`totals        ${pct(year.totals.allocation)}   ${pct(year.totals.selection)}   ${pct(year.totals.interaction)}  = ${pct(year.totals.total)}`);

const starts = ['2024-01-01', '2024-04-01', '2024-07-01', '2024-10-01'].map(closeBefore);
const quarters = starts.map((t0, q) => period(t0, starts[q + 1] ?? T - 1));
const linked = linkAttribution(quarters, { method: 'carino' }); // Brinson results are linkable periods as they are
console.log(
  `four quarters linked (Carino): active ${pct(linked.activeReturn)} = allocation ${pct(linked.totals.allocation)} + selection ${pct(linked.totals.selection)} + interaction ${pct(linked.totals.interaction)}`,
);
