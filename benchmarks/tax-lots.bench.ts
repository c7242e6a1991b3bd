/**
 * Tax lots: `buildLedger` on 100,000 transactions over 500 assets (buys, sells, reinvested
 * dividends, a few splits), for every relief method, with wash-sale detection on; plus the
 * reports on the resulting ledger. Deterministic synthetic data (an LCG), prices in cents.
 *
 * The "output floor" row times the allocation of the FIFO ledger's realisation and wash-sale rows
 * alone (fresh objects and strings, no ledger logic): the part of the build time that the output
 * contract itself costs on this machine, whatever the fold does.
 */
import { performance } from 'node:perf_hooks';
import { measure, printTable, type Measurement } from './harness.ts';
import { isoFromDayNumber, isoToDayNumber } from '../src/core/dates.ts';
import {
  buildLedger,
  harvestCandidates,
  realizedGains,
  unrealizedGains,
  valuePortfolio,
  RELIEF_METHODS,
  type ReliefMethod,
  type TaxAmount,
  type TaxLedger,
  type TaxRealization,
  type TaxTransaction,
  type WashSaleAdjustment,
} from '../src/tax-lots/index.ts';

const N_TX = Number(process.env.N_TX ?? 100_000);
const N_ASSETS = 500;

function lcg(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Transactions in date order; `specific` names the newest open lot for each sale. */
function syntheticTransactions(specific: boolean): TaxTransaction[] {
  const rnd = lcg(20240101);
  const start = isoToDayNumber('2021-01-04');
  const assets = Array.from({ length: N_ASSETS }, (_, i) => `A${String(i).padStart(3, '0')}`);
  const price = assets.map(() => 20 + rnd() * 180);
  const open: { id: string; qty: number }[][] = assets.map(() => []);
  const out: TaxTransaction[] = [];
  const perDay = N_TX / (4 * 252);
  for (let k = 0; k < N_TX; k++) {
    const day = start + Math.floor((k / perDay) * (365 / 252));
    const date = isoFromDayNumber(day);
    const a = Math.floor(rnd() * N_ASSETS);
    price[a] = Math.max(1, price[a]! * (1 + (rnd() - 0.5) * 0.06));
    const px = Math.round(price[a]! * 100) / 100;
    const held = open[a]!.reduce((s, l) => s + l.qty, 0);
    const u = rnd();
    const id = `t${k}`;
    if (held > 0 && u < 0.4) {
      const qty = Math.min(held, Math.max(1, Math.floor(held * (0.2 + 0.6 * rnd()))));
      const tx: TaxTransaction = { type: 'sell', date, asset: assets[a]!, quantity: qty, price: px, fee: 1, id };
      // track holdings FIFO for the generator (and name newest lots for specific identification)
      let need = qty;
      const lots: { lot: string; quantity: number }[] = [];
      const q = open[a]!;
      while (need > 0) {
        const l = specific ? q[q.length - 1]! : q[0]!;
        const take = Math.min(need, l.qty);
        lots.push({ lot: l.id, quantity: take });
        l.qty -= take;
        need -= take;
        if (l.qty === 0) specific ? q.pop() : q.shift();
      }
      out.push(specific ? { ...tx, lots } : tx);
    } else if (held > 0 && u < 0.45) {
      const qty = Math.round(rnd() * 40) / 8 + 0.125;
      out.push({ type: 'dividend', date, asset: assets[a]!, amount: Math.round(qty * px * 100) / 100, reinvestQuantity: qty, id });
      open[a]!.push({ id, qty });
    } else if (held > 0 && u < 0.4505) {
      out.push({ type: 'split', date, asset: assets[a]!, ratio: { newShares: 2, oldShares: 1 }, id });
      for (const l of open[a]!) l.qty *= 2;
      price[a] = price[a]! / 2;
    } else {
      const qty = 1 + Math.floor(rnd() * 200);
      out.push({ type: 'buy', date, asset: assets[a]!, quantity: qty, price: px, fee: 1, id });
      open[a]!.push({ id, qty });
    }
  }
  return out;
}

const plain = syntheticTransactions(false);
const named = syntheticTransactions(true);
const taxRates = { shortTerm: 0.37, longTerm: 0.2 };
const counts = plain.reduce<Record<string, number>>((c, t) => ((c[t.type] = (c[t.type] ?? 0) + 1), c), {});
process.stdout.write(`\n${plain.length} transactions over ${N_ASSETS} assets: ${JSON.stringify(counts)}\n`);

/** One timed run (a 100,000-transaction build takes seconds: repeated runs would add little). */
function once(name: string, fn: () => TaxLedger): { m: Measurement; ledger: TaxLedger } {
  const t0 = performance.now();
  const ledger = fn();
  const ms = performance.now() - t0;
  return {
    m: { name, ms, runs: 1, note: `${ledger.realizations.length} realisations, ${ledger.washSales.length} wash adjustments, ${ledger.lots.length} open lots` },
    ledger,
  };
}

/**
 * The cost of the output contract alone (ARCHITECTURE: money results carry decimal strings and
 * numbers): fresh realisation and wash-sale rows of the FIFO ledger's shapes and counts, every
 * amount a fresh `{ decimal, number }` with a freshly formatted string, and no ledger logic at
 * all. The rows' contents are first copied into flat arrays and the ledger dropped, so the
 * floor runs on as small a heap as the build did.
 */
function outputFloor(l: TaxLedger): () => number {
  const n = l.realizations.length;
  const m = l.washSales.length;
  const nums = new Float64Array(5 * n + 2 * m);
  const places = new Uint8Array(5 * n + 2 * m);
  const put = (k: number, a: TaxAmount) => {
    nums[k] = a.number;
    const dot = a.decimal.indexOf('.');
    places[k] = dot < 0 ? 0 : a.decimal.length - dot - 1;
  };
  l.realizations.forEach((r, i) => [r.quantity, r.proceeds, r.basis, r.adjustment, r.gain].forEach((a, j) => put(5 * i + j, a)));
  l.washSales.forEach((w, i) => [w.quantity, w.disallowedLoss].forEach((a, j) => put(5 * n + 2 * i + j, a)));
  const amount = (k: number): TaxAmount => ({ decimal: nums[k]!.toFixed(places[k]!), number: nums[k]! });
  return () => {
    const t0 = performance.now();
    const realizations: TaxRealization[] = [];
    for (let i = 0; i < n; i++) {
      realizations.push({
        kind: 'sale',
        transactionId: 'S',
        lotId: 'L',
        account: 'default',
        asset: 'A',
        quantity: amount(5 * i),
        dateAcquired: '2021-01-04',
        holdingDate: '2021-01-04',
        dateSold: '2022-01-04',
        proceeds: amount(5 * i + 1),
        basis: amount(5 * i + 2),
        adjustmentCode: '',
        adjustment: amount(5 * i + 3),
        gain: amount(5 * i + 4),
        term: 'short',
      });
    }
    const washSales: WashSaleAdjustment[] = [];
    for (let i = 0; i < m; i++) {
      washSales.push({
        code: 'W',
        saleId: 'S',
        dateSold: '2022-01-04',
        asset: 'A',
        fromLot: 'L',
        toLot: 'M',
        replacementAsset: 'A',
        replacementAcquired: '2022-01-10',
        quantity: amount(5 * n + 2 * i),
        disallowedLoss: amount(5 * n + 2 * i + 1),
        tackedDays: 30,
        newHoldingDate: '2021-12-05',
      });
    }
    const ms = performance.now() - t0;
    if (realizations.length + washSales.length !== n + m) throw new Error('unreachable');
    return ms;
  };
}

// FIFO first (on a fresh heap), with the reports on its ledger; then the output floor; then the
// other methods, each after the previous ledger is dropped.
const rows: Measurement[] = [];
let fifoLedger: TaxLedger | undefined;
rows.push(once('buildLedger fifo', () => (fifoLedger = buildLedger(plain, { method: 'fifo', taxRates }))).m);
{
  const ledger = fifoLedger!;
  const lastPrices = Object.fromEntries(ledger.lots.map((l) => [l.asset, Number(l.basisPerShare.decimal)]));
  const asOf = ledger.lastDate!;
  printTable('reports on the FIFO ledger', [
    measure('realizedGains (all years)', () => realizedGains(ledger), { minMs: 0, maxRuns: 3 }),
    measure('unrealizedGains', () => unrealizedGains(ledger, lastPrices, { asOf }), { minMs: 0, maxRuns: 3 }),
    measure('harvestCandidates', () => harvestCandidates(ledger, lastPrices, { asOf, taxRates }), { minMs: 0, maxRuns: 3 }),
    measure('valuePortfolio', () => valuePortfolio(ledger, lastPrices, { baseCurrency: 'USD' }), { minMs: 0, maxRuns: 3 }),
  ]);
}
const floor = outputFloor(fifoLedger!);
const floorNote = `${fifoLedger!.realizations.length} + ${fifoLedger!.washSales.length} rows of fresh amounts, no ledger logic`;
fifoLedger = undefined;
rows.push({ name: 'output floor: the FIFO rows alone', ms: floor(), runs: 1, note: floorNote });
for (const method of RELIEF_METHODS as readonly ReliefMethod[]) {
  if (method === 'fifo') continue;
  const txs = method === 'specific' ? named : plain;
  rows.push(once(`buildLedger ${method}`, () => buildLedger(txs, { method, taxRates })).m);
}
rows.push(once('buildLedger fifo, washSales: false', () => buildLedger(plain, { method: 'fifo', washSales: false })).m);
printTable(`buildLedger: ${plain.length} transactions, ${N_ASSETS} assets (one run each; target < 1 s)`, rows, 'buildLedger fifo');
