// Tax lots: an investor buys three sample assets at month-starts over 2022-2023 at the sample
// prices, sells part of one with FIFO vs highest-cost relief, and looks for losses to harvest at
// the end of 2024. Money is exact (decimal strings).
// Run: npx tsx examples/tax-lots.ts   or   deno run --allow-read examples/tax-lots.ts
// In your project: import { ... } from 'quantivista/tax-lots';
import { loadSampleData } from './data/load.ts';
import { buildLedger, harvestCandidates, realizedGains, unrealizedGains, type TaxTransaction } from '../src/tax-lots/index.ts';

const { prices } = loadSampleData(); // examples/data/prices.csv, read with readPricesCsv
const dates = prices.dates;
const pick = [0, 7, 21]; // three assets (columns of the table)
const tick = (i: number) => prices.assets[i]!;
const price = (t: number, i: number) => Math.round(prices.values.get(t, i) * 100) / 100; // trade at the cent
const firstOfMonth = dates.flatMap((d, t) => (t > 0 && d.slice(0, 7) !== dates[t - 1]!.slice(0, 7) && d >= '2022-01-01' && d < '2024-01-01' ? [t] : []));

const buys: TaxTransaction[] = firstOfMonth.flatMap((t) =>
  pick.map((i) => ({ type: 'buy' as const, date: dates[t]!, asset: tick(i), quantity: 10, price: price(t, i) })),
);
const tSell = dates.indexOf('2024-06-03');
const sale = (method: 'fifo' | 'hifo'): TaxTransaction => ({
  type: 'sell',
  date: dates[tSell]!,
  asset: tick(pick[0]!),
  quantity: 120,
  price: price(tSell, pick[0]!),
  method,
});

for (const method of ['fifo', 'hifo'] as const) {
  const ledger = buildLedger([...buys, sale(method)]);
  const g = realizedGains(ledger, { year: 2024 });
  console.log(
    `${method.toUpperCase().padEnd(4)} sell 120 ${tick(pick[0]!)} on ${dates[tSell]}: short-term ${g.shortTerm.gain.decimal}, long-term ${g.longTerm.gain.decimal}, ${g.rows.length} Form 8949 rows`,
  );
}

const ledger = buildLedger([...buys, sale('hifo')]);
const T = dates.length - 1;
const marks = Object.fromEntries(pick.map((i) => [tick(i), price(T, i)]));
const u = unrealizedGains(ledger, marks, { asOf: dates[T]! });
for (const a of u.assets)
  console.log(`${a.asset}: ${a.quantity.decimal} shares, basis ${a.basis.decimal}, value ${a.marketValue.decimal}, unrealised ${a.gain.decimal}`);
const h = harvestCandidates(ledger, marks, { asOf: dates[T]!, taxRates: { shortTerm: 0.35, longTerm: 0.15 } });
console.log(`harvest candidates on ${h.asOf}: ${h.candidates.length} lots, loss ${h.totalLoss.decimal}, tax saved ${h.totalTaxSaved.decimal}`);
