/**
 * Demo step: the risk report for a portfolio on the sample data — one-day VaR / ES by five
 * methods side by side, the top risk contributors (Euler decomposition of historical ES), two
 * stress scenarios (a built-in historical episode replayed, and a correlation-consistent sector
 * shock), and a VaR backtest verdict (rolling one-year historical VaR, Kupiec, Christoffersen and
 * the Basel traffic light). Figures are daily, as fractions of portfolio value.
 */
import type { SampleData } from '../data/load.ts';
import { moments } from '../../src/expected-returns/index.ts';
import { returnsTable } from '../../src/data/index.ts';
import { portfolioReturns } from '../../src/returns/index.ts';
import { backtestVaR, componentRisk, expectedShortfall, historicalStress, hypotheticalStress, valueAtRisk, type VaRMethod } from '../../src/risk/index.ts';

const pct = (x: number, d = 2): string => `${(100 * x).toFixed(d)} %`;

/**
 * Returns the printed report text of the risk step.
 *
 * @param data the sample data (the price table, assets, episodes).
 * @param weights portfolio weights in the column order of `data.prices` (e.g. the optimised portfolio).
 */
export function runRiskStep(data: SampleData, weights: readonly number[]): string {
  const returns = returnsTable(data.prices); // daily simple returns, dated
  const dates = returns.dates;
  const tickers = returns.assets;
  const lines: string[] = [];

  // 1. VaR / ES side by side.
  lines.push('One-day VaR and ES (fractions of portfolio value; positive = loss)');
  lines.push(`${'method'.padEnd(16)}${'VaR 95 %'.padStart(10)}${'ES 95 %'.padStart(10)}${'VaR 99 %'.padStart(10)}${'ES 99 %'.padStart(10)}  note`);
  const methods: VaRMethod[] = ['historical', 'gaussian', 'student-t', 'cornish-fisher', 'ewma'];
  for (const method of methods) {
    const cells: string[] = [];
    let note = '';
    for (const confidence of [0.95, 0.99]) {
      const r = expectedShortfall(returns, { weights, method, confidence, outsideDomain: 'flag' });
      cells.push(pct(r.var).padStart(10), pct(r.es).padStart(10));
      if (method === 'student-t') note = `ν = ${r.degreesOfFreedom!.toFixed(2)} (moment fit)`;
      if (method === 'cornish-fisher') note = r.valid ? `S = ${r.skewness!.toFixed(2)}, K = ${r.excessKurtosis!.toFixed(2)}` : 'outside the CF validity domain';
      if (method === 'ewma') note = `σ forecast ${pct(r.volatility!)} (λ = 0.94)`;
    }
    lines.push(`${method.padEnd(16)}${cells.join('')}  ${note}`);
  }

  // 2. Top risk contributors (historical ES at 97.5 %, Euler: contributions sum to the ES).
  const es = componentRisk(weights, returns, { measure: 'es', method: 'historical', confidence: 0.975 });
  lines.push('', `Top risk contributors (historical ES 97.5 % = ${pct(es.total)}; contributions sum to it)`);
  const order = es.component
    .map((c, i) => [c, i] as const)
    .sort((a, b) => b[0] - a[0])
    .slice(0, 5);
  for (const [c, i] of order) {
    lines.push(
      `  ${tickers[i]!.padEnd(8)} weight ${pct(weights[i]!, 1).padStart(7)}   ES contribution ${pct(c, 3).padStart(9)}   share ${pct(es.percentage[i]!, 1).padStart(7)}`,
    );
  }

  // 3. Stress scenarios.
  lines.push('', 'Stress scenarios');
  const episode = data.episodes[0];
  if (episode !== undefined) {
    const h = historicalStress(weights, returns, { dates, windows: [{ name: episode.name, start: episode.from, end: episode.to }] }).windows[0]!;
    const top = h.contributions.map((c, i) => [c, i] as const).sort((a, b) => b[0] - a[0])[0]!;
    lines.push(
      `  Historical "${h.name}" (${h.startDate} .. ${h.endDate}, ${h.periods} days): loss ${pct(h.loss)}, worst day ${pct(h.worstDay.loss)} on ${h.worstDay.date}, peak-to-trough ${pct(h.peakToTrough.drawdown)}; largest contributor ${tickers[top[1]]} (${pct(top[0])})`,
    );
  }
  const sector = data.assets[0]!.sector;
  const shocks = data.assets.map((a) => (a.sector === sector ? -0.15 : null));
  const T = dates.length;
  const m = moments(returns); // the sample covariance (ddof 1), checked once, labelled by ticker
  const hyp = hypotheticalStress(weights, shocks, { cov: m });
  lines.push(`  Hypothetical: ${sector} −15 %, other assets by their conditional expectation: portfolio loss ${pct(hyp.loss)}`);

  // 4. Backtest: rolling 250-day historical 99 % VaR over the last 750 days.
  const window = 250;
  const start = Math.max(window, T - 750);
  const portfolio = portfolioReturns(returns, weights).values.column(0); // rebalanced daily
  const forecasts: number[] = [];
  for (let t = start; t < T; t++) forecasts.push(valueAtRisk(portfolio.slice(t - window, t), { confidence: 0.99 }).var);
  const bt = backtestVaR(portfolio.slice(start), forecasts, { confidence: 0.99 });
  const last = backtestVaR(portfolio.slice(T - 250), forecasts.slice(-250), { confidence: 0.99 });
  lines.push(
    '',
    `VaR backtest (rolling 250-day historical VaR 99 %, ${bt.observations} days from ${dates[start]}):`,
    `  ${bt.exceptions} exceptions (expected ${bt.kupiec.expectedExceptions.toFixed(1)}); Kupiec p = ${bt.kupiec.pValue.toFixed(3)}, Christoffersen independence p = ${bt.christoffersen.independence.pValue.toFixed(3)}, conditional coverage p = ${bt.christoffersen.conditionalCoverage.pValue.toFixed(3)} → ${bt.verdict.toUpperCase()}`,
    `  Basel traffic light, last 250 days: ${last.exceptions} exceptions → ${last.trafficLight.zone} zone (multiplier ${last.trafficLight.multiplier.toFixed(2)})`,
  );
  return lines.join('\n');
}
