/**
 * Demo step: rebalancing and compliance. A $1,000,000 portfolio bought at the target weights on
 * the first trading day of 2024 (plus two top-ups and one loss sale during the year) has drifted
 * by the last date. The step reports the drift against 5/25 bands, the whole-share trade list
 * with costs, the tax-aware alternative (lots chosen by tax cost, wash sales avoided), and the
 * compliance check before and after.
 *
 * The sample prices are in local currencies; this step converts them to US dollars with fixed,
 * illustrative exchange rates (`FX_TO_USD`), since money needs one currency.
 */
import { preTradeCheck, type ComplianceRule } from '../../src/compliance/index.ts';
import type { Holdings } from '../../src/core/index.ts';
import { driftReport, rebalanceTrades, taxAwareRebalance } from '../../src/rebalance/index.ts';
import { buildLedger, type TaxTransaction, valuePortfolio } from '../../src/tax-lots/index.ts';
import type { SampleData } from '../data/load.ts';

/** Illustrative exchange rates to US dollars (not market data). */
export const FX_TO_USD: Record<string, number> = { USD: 1, EUR: 1.08, GBP: 1.27, CHF: 1.13, JPY: 0.0067 };

const pct = (x: number, d = 1): string => `${(100 * x).toFixed(d)} %`;
const usd = (x: number): string => `$${x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** The rules the demo checks (plain data). */
export const DEMO_RULES: ComplianceRule[] = [
  { type: 'max-weight', limit: 0.2, id: 'max 20 % per asset' },
  { type: 'group-max', tag: 'sector', limit: 0.3, id: 'max 30 % per sector' },
  { type: 'max-positions', limit: 25, id: 'at most 25 positions' },
  { type: 'min-cash', limit: 0.001, id: 'min 0.1 % cash' },
];

/**
 * Returns the printed report text for the rebalancing and compliance step.
 *
 * @param data the sample data.
 * @param target target weights by ticker, as the optimisers return them (`weightsByAsset`; summing to at most 1).
 */
export function runRebalanceStep(data: SampleData, target: Readonly<Record<string, number>>): string {
  const tickers = [...data.prices.assets]; // a mutable copy: the options take string[]
  const w = (i: number): number => target[tickers[i]!] ?? 0;
  const dates = data.prices.dates;
  const usdPrices = (row: number): number[] => data.prices.values.row(row).map((p, i) => Math.round(p * FX_TO_USD[data.assets[i]!.currency]! * 100) / 100);
  const rowOf = (date: string): number => dates.findIndex((d) => d >= date);
  const start = rowOf('2024-01-02');
  const topUp = rowOf('2024-06-03');
  const lossSale = rowOf('2024-12-09');
  const last = dates.length - 1;
  const asOf = dates[last]!;
  const p0 = usdPrices(start);

  // 1. The book: buy at target, top up the two largest targets in June, sell a loser in December.
  const tx: TaxTransaction[] = [];
  let cash = 1_000_000;
  tickers.forEach((_, i) => {
    const q = Math.floor((w(i) * 950_000) / p0[i]!); // 5 % kept back for the June top-ups
    if (q > 0) {
      tx.push({ type: 'buy', date: dates[start]!, asset: tickers[i]!, quantity: q, price: p0[i]!, id: `${tickers[i]}-jan` });
      cash -= q * p0[i]!;
    }
  });
  const byTarget = tickers.map((_, i) => [w(i), i] as const).sort((a, b) => b[0] - a[0]);
  const pTop = usdPrices(topUp);
  for (const [, i] of byTarget.slice(0, 2)) {
    const q = Math.floor(20_000 / pTop[i]!);
    tx.push({ type: 'buy', date: dates[topUp]!, asset: tickers[i]!, quantity: q, price: pTop[i]!, id: `${tickers[i]}-jun` });
    cash -= q * pTop[i]!;
  }
  const pLoss = usdPrices(lossSale);
  const loser = tx
    .filter((t) => t.type === 'buy' && t.date === dates[start])
    .map((t) => ({ t, i: tickers.indexOf(t.asset as string) }))
    .map(({ t, i }) => ({ t, i, change: pLoss[i]! / Number((t as { price: number }).price) - 1 }))
    .sort((a, b) => a.change - b.change)[0];
  if (loser && loser.change < 0) {
    const q = Math.floor(Number((loser.t as { quantity: number }).quantity) / 2);
    tx.push({ type: 'sell', date: dates[lossSale]!, asset: tickers[loser.i]!, quantity: q, price: pLoss[loser.i]! });
    cash += q * pLoss[loser.i]!;
  }
  cash = Math.round(cash * 100) / 100;
  const ledger = buildLedger(tx);

  // 2. The holdings at the last date (the ledger's open lots valued at USD prices), and their drift.
  const pNow = usdPrices(last);
  const prices = Object.fromEntries(tickers.map((t, i) => [t, pNow[i]!]));
  const meta = (t: string) => data.assets.find((a) => a.ticker === t)!;
  const valued = valuePortfolio(ledger, prices, { baseCurrency: 'USD', cash });
  // the sample data's reference fields (sector, country) join the valued positions for the compliance rules
  const holdings: Holdings = {
    ...valued.holdings,
    asOf,
    positions: valued.holdings.positions.map((p) => ({ ...p, sector: meta(p.asset).sector, country: meta(p.asset).country })),
  };
  const value = Number(valued.totalValue.decimal) + cash; // NAV: positions and cash
  const bands = { type: 'hybrid' as const, absolute: 0.05, relative: 0.25 };
  const drift = driftReport(holdings, target, { bands, assets: tickers });
  const lines: string[] = [];
  lines.push(`Book bought at target on ${dates[start]} with $1,000,000 (prices in USD at fixed illustrative FX), topped up on ${dates[topUp]},`);
  lines.push(`one loss sale on ${dates[lossSale]}. On ${asOf}: value ${usd(value)}, cash ${usd(cash)}, ${ledger.lots.length} open lots.`);
  lines.push('');
  lines.push(
    `Drift against 5/25 bands (breach when |drift| > min(5 pp, 25 % of target)): largest ${pct(drift.maxAbsoluteDrift, 2)}; ${drift.breaches.length} breach(es)`,
  );
  for (const b of drift.breaches.slice(0, 6)) lines.push(`  ${b.name.padEnd(6)} target ${pct(b.target)}  now ${pct(b.current)}  band ±${pct(b.threshold, 2)}`);

  // 3. Plain trades to target with costs.
  const costs = { commission: { perShare: 0.005, minimum: 1 }, halfSpreadBps: 3 };
  const plain = rebalanceTrades({ holdings, prices, target, costs, cashBuffer: 0.002 });
  lines.push('');
  lines.push(`Trades to target (whole shares, 0.2 % cash buffer, $0.005/share min $1 + 3 bp half spread): ${plain.orders.length} orders,`);
  lines.push(
    `turnover ${pct(plain.turnover, 2)}, estimated costs ${usd(plain.totalCost.number)}, cash left ${usd(plain.cashAfter.number)}, largest weight error ${pct(plain.maxWeightError, 3)}.`,
  );
  const biggest = [...plain.orders].sort((a, b) => b.value.number - a.value.number).slice(0, 5);
  for (const o of biggest)
    lines.push(`  ${o.side.padEnd(4)} ${o.quantity.padStart(6)} ${o.asset.padEnd(5)} ${usd(o.value.number).padStart(12)}  cost ${usd(o.cost.number)}`);

  // 4. Tax-aware alternative.
  const sameSector = (t: string): string[] => data.assets.filter((a) => a.sector === meta(t).sector && a.ticker !== t).map((a) => a.ticker);
  const replacements = Object.fromEntries(tickers.map((t) => [t, sameSector(t)]));
  const taxed = taxAwareRebalance({
    ledger,
    prices,
    target,
    asOf,
    cash,
    cashBuffer: 0.002,
    taxRates: { shortTerm: 0.37, longTerm: 0.2 },
    bands,
    replacements,
  });
  lines.push('');
  lines.push(`Tax-aware (37 % short-term, 20 % long-term; trade only outside the bands; losses first, then long-term gains):`);
  lines.push(
    `  ${taxed.orders.length} orders; realised short-term ${usd(taxed.realized.shortTerm.number)}, long-term ${usd(taxed.realized.longTerm.number)}; estimated tax ${usd(taxed.estimatedTax.number)}`,
  );
  lines.push(`  largest drift ${pct(taxed.drift.before, 2)} → ${pct(taxed.drift.after, 2)}`);
  for (const b of taxed.blocked) lines.push(`  wash-sale guard: ${b.side} ${b.asset}${b.substitute ? ` → bought ${b.substitute} instead` : ''} (${b.reason})`);

  // 5. Compliance before and after the tax-aware orders (passed unchanged).
  const { before, after: afterCheck } = preTradeCheck(holdings, taxed.orders, DEMO_RULES);
  lines.push('');
  lines.push(`Compliance (${DEMO_RULES.map((r) => r.id).join('; ')}):`);
  for (const [name, r] of [
    ['before', before],
    ['after ', afterCheck],
  ] as const) {
    lines.push(`  ${name}: ${r.compliant ? 'compliant' : `${r.breaches.length} breach(es)`}`);
    for (const b of r.breaches.slice(0, 4))
      lines.push(`    ${b.ruleId}: ${b.subject} ${pct(b.measured, 2)} vs limit ${pct(b.limit, 2)} (headroom ${pct(b.headroom, 2)})`);
  }
  return lines.join('\n');
}
