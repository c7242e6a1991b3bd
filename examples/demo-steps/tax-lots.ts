/**
 * Demo step: a year of trading (2024) on a few sample-data assets through quantivista/tax-lots —
 * purchases in 2023 and each quarter of 2024, a mid-June HIFO sale that realises losses which the
 * July purchase washes (IRC §1091, shown with its 'W' adjustment), a first-in first-out sale in
 * November (the oldest shares, long-term when left from 2023), realised gains by term, the year-end harvest candidates
 * and the portfolio valued in US dollars. The EUR/USD rate is a fixed illustrative 1.08.
 */
import { buildLedger, harvestCandidates, realizedGains, valuePortfolio, type TaxAmount, type TaxTransaction } from '../../src/tax-lots/index.ts';
import type { SampleData } from '../data/load.ts';

const EURUSD = 1.08;
const money = (a: TaxAmount | null): string => (a === null ? 'n/a' : a.number.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));

/** First trading date on or after `date` (index into dates). */
function on(data: SampleData, date: string): number {
  const i = data.prices.dates.findIndex((d) => d >= date);
  if (i < 0) throw new Error(`runTaxLotsStep: no trading date on or after ${date}`);
  return i;
}

/** Returns the printed report text for the tax-lot step of the demo. */
export function runTaxLotsStep(data: SampleData): string {
  const col = new Map(data.assets.map((a, j) => [a.ticker, j]));
  const dates = data.prices.dates;
  const px = (ticker: string, i: number): number => Math.round(data.prices.values.get(i, col.get(ticker)!) * 100) / 100;
  const d23 = on(data, '2023-01-02');
  const d24 = on(data, '2024-01-02');
  const june = on(data, '2024-06-17');
  // Assets: the two USD names that fell most from January to mid-June 2024 (losses to harvest),
  // the USD name that rose most, and one EUR name.
  const usd = data.assets.filter((a) => a.currency === 'USD').map((a) => a.ticker);
  const change = (t: string) => px(t, june) / px(t, d24) - 1;
  const byChange = [...usd].sort((a, b) => change(a) - change(b));
  const eur = data.assets.find((a) => a.currency === 'EUR')!.ticker;
  const tickers = [byChange[0]!, byChange[1]!, byChange[byChange.length - 1]!, eur];
  const currency = (t: string) => data.assets[col.get(t)!]!.currency;

  const tx: TaxTransaction[] = [];
  const buy = (t: string, i: number, quantity: number, id: string) =>
    tx.push({ type: 'buy', date: dates[i]!, asset: t, quantity, price: px(t, i), fee: 1, id, currency: currency(t) });
  for (const t of tickers) buy(t, d23, 100, `${t}-2023`);
  const quarters = ['2024-01-02', '2024-04-01', '2024-07-01', '2024-10-01'].map((d) => on(data, d));
  for (const [q, i] of quarters.entries()) {
    if (q === 2) {
      // Mid-June: sell 120 shares of each, highest cost first (before the July purchases).
      for (const t of tickers) tx.push({ type: 'sell', date: dates[june]!, asset: t, quantity: 120, price: px(t, june), fee: 1, method: 'hifo' });
    }
    for (const t of tickers) buy(t, i, 40, `${t}-Q${q + 1}`);
  }
  const nov = on(data, '2024-11-15');
  tx.push({ type: 'sell', date: dates[nov]!, asset: tickers[2]!, quantity: 30, price: px(tickers[2]!, nov), fee: 1, method: 'fifo' });

  const ledger = buildLedger(tx, { method: 'fifo' });
  const last = dates.length - 1;
  const asOf = dates[last]!;
  const prices = Object.fromEntries(tickers.map((t) => [t, px(t, last)]));
  const taxRates = { shortTerm: 0.37, longTerm: 0.2 };

  const lines: string[] = [];
  lines.push(`Tax lots — a year of trading in ${tickers.join(', ')} (2024; lots from 2023 on; prices rounded to cents)`);
  lines.push(
    `  ${tx.length} transactions -> ${ledger.lots.length} open lots, ${ledger.realizations.length} realisations, ${ledger.washSales.length} wash-sale adjustment(s)`,
  );
  const g = realizedGains(ledger, { year: 2024 });
  lines.push('  Realised 2024 (Form 8949 totals):      proceeds        basis   adjustment         gain');
  for (const [name, t] of [
    ['short-term', g.shortTerm],
    ['long-term', g.longTerm],
    ['total', g.total],
  ] as const) {
    lines.push(
      `    ${name.padEnd(12)} ${String(t.count).padStart(3)} rows ${money(t.proceeds).padStart(12)} ${money(t.basis).padStart(12)} ${money(t.adjustment).padStart(12)} ${money(t.gain).padStart(12)}`,
    );
  }
  if (ledger.washSales.length === 0) lines.push('  No wash sale this year (the June sales were gains).');
  for (const w of ledger.washSales.slice(0, 4)) {
    const lot = ledger.lots.find((l) => l.id === w.toLot);
    lines.push(
      `  Wash sale (code ${w.code}): ${w.asset} lot ${w.fromLot} sold ${w.dateSold}; ${money(w.disallowedLoss)} of the loss disallowed and moved to` +
        ` ${w.quantity.decimal} shares of lot ${w.toLot} (bought ${w.replacementAcquired})` +
        (lot ? `, new basis ${money(lot.basis)}, holding period from ${w.newHoldingDate}` : `, holding period from ${w.newHoldingDate}`),
    );
  }
  const h = harvestCandidates(ledger, prices, { asOf, taxRates, minLoss: 50 });
  lines.push(`  Harvest candidates on ${asOf} (losses >= 50, rates 37 % short / 20 % long): ${h.candidates.length}, tax saved ${money(h.totalTaxSaved)}`);
  for (const c of h.candidates.slice(0, 5)) {
    lines.push(
      `    ${c.lotId.padEnd(14)} ${c.quantity.decimal.padStart(6)} sh  loss ${money(c.loss).padStart(10)} (${c.term})  saves ${money(c.taxSaved).padStart(9)}` +
        `  rebuy from ${c.repurchaseDate}${c.washSaleRisk ? `  (wash risk: ${c.recentPurchaseQuantity.decimal} sh bought in the last 30 days)` : ''}`,
    );
  }
  const v = valuePortfolio(ledger, prices, { baseCurrency: 'USD', fxRates: { EUR: EURUSD } });
  const eurW = v.currencyExposure.EUR?.weight ?? 0;
  lines.push(
    `  Portfolio on ${asOf}: ${money(v.totalValue)} USD, unrealised P&L ${money(v.totalUnrealizedPnl)} USD, EUR exposure ${(100 * eurW).toFixed(1)} % (EUR/USD ${EURUSD}, illustrative)`,
  );
  return lines.join('\n');
}
