/**
 * Demo step: allocation — a Black–Litterman step (market-cap prior on the sample universe, two
 * views, posterior returns next to the prior, unconstrained weights next to the market weights),
 * then an ERC vs HRP vs HERC comparison (weights, volatility, largest risk contribution).
 * Returns are daily in the sample data; figures are annualised (× 252 for returns, × √252 for
 * volatilities) only for display.
 */
import { blackLitterman, marketCapWeights, type View } from '../../src/black-litterman/index.ts';
import type { MatrixLike } from '../../src/core/matrix.ts';
import type { TableLike } from '../../src/core/table.ts';
import { moments } from '../../src/expected-returns/index.ts';
import { equalRiskContribution, hierarchicalEqualRiskContribution, hierarchicalRiskParity, riskContributions } from '../../src/risk-parity/index.ts';

/** Inputs of {@link runAllocationStep}. */
export interface AllocationStepInput {
  /** T x n daily returns (rows are periods, oldest first): the demo passes `returnsTable(prices)`, a ReturnTable; a matrix works too. */
  returns: MatrixLike | TableLike;
  /** n tickers in column order. */
  tickers: readonly string[];
  /** n market capitalisations (any currency). */
  marketCaps: readonly number[];
  /** Periods per year used to annualise the printed figures. Default 252. */
  periodsPerYear?: number;
}

const pct = (x: number, d = 2): string => `${(100 * x).toFixed(d)}%`;

/**
 * Returns the printed report text for the allocation step of the demo.
 *
 * Black–Litterman: prior π = δΣw_mkt with δ = 2.5 (He & Litterman 1999) and τ = 0.05; view 1:
 * the largest asset returns 2 % a year less than its equilibrium (absolute, 60 % confidence);
 * view 2: the second-largest outperforms the third and fourth (market-cap basket) by 3 % a year
 * (80 % confidence); Ω from Idzorek's confidences. Then ERC, HRP (single linkage) and HERC (Ward,
 * 4 clusters) on the same covariance.
 */
export function runAllocationStep(input: AllocationStepInput): string {
  const ppy = input.periodsPerYear ?? 252;
  const tickers = input.tickers;
  // one Moments (the sample covariance, checked once, labelled by ticker) for Black–Litterman and every allocator
  const m = moments(input.returns, { assets: tickers });
  const cov = m.covariance.toArray(); // rows, for the prior of view 1
  const n = cov.length;
  const wMkt = marketCapWeights(input.marketCaps);
  const bySize = wMkt
    .map((w, i) => [w, i] as const)
    .sort((a, b) => b[0] - a[0])
    .map((p) => p[1]);
  const [big, second, third, fourth] = [bySize[0]!, bySize[1]!, bySize[2]!, bySize[3]!];
  const delta = 2.5;
  const piBig = delta * cov[big]!.reduce((s, v, j) => s + v * wMkt[j]!, 0);
  const views: View[] = [
    { type: 'absolute', asset: tickers[big]!, return: piBig - 0.02 / ppy, confidence: 0.6 },
    { type: 'relative', long: tickers[second]!, short: [tickers[third]!, tickers[fourth]!], return: 0.03 / ppy, weighting: 'market-cap', confidence: 0.8 },
  ];
  const bl = blackLitterman({ cov: m, marketWeights: wMkt, riskAversion: delta, tau: 0.05, views, omega: 'idzorek' });

  const lines: string[] = [];
  lines.push(`Black–Litterman on ${n} assets (δ = ${delta}, τ = 0.05, Ω from Idzorek confidences; annualised ×${ppy})`);
  lines.push(`  view 1: ${tickers[big]} returns its equilibrium − 2.00% (confidence 60%)`);
  lines.push(`  view 2: ${tickers[second]} outperforms ${tickers[third]} + ${tickers[fourth]} (cap-weighted) by 3.00% (confidence 80%)`);
  lines.push(`  view weights λ: ${bl.viewWeights!.map((l) => l.toFixed(4)).join(', ')}`);
  lines.push('');
  lines.push(`  ${'asset'.padEnd(8)} ${'prior'.padStart(8)} ${'posterior'.padStart(10)} ${'w_mkt'.padStart(8)} ${'w_BL'.padStart(8)}`);
  const shown = [...new Set([big, second, third, fourth, ...bySize.slice(4, 8)])];
  for (const i of shown) {
    lines.push(
      `  ${tickers[i]!.padEnd(8)} ${pct(bl.prior[i]! * ppy).padStart(8)} ${pct(bl.posteriorReturns[i]! * ppy).padStart(10)} ${pct(wMkt[i]!).padStart(8)} ${pct(bl.weights![i]!).padStart(8)}`,
    );
  }
  lines.push(`  (${n - shown.length} more assets; the unconstrained weights w* = (w_mkt + Pᵀλ)/(1+τ) sum to ${pct(bl.weights!.reduce((a, b) => a + b, 0))})`);
  lines.push('');

  const erc = equalRiskContribution(m);
  const hrp = hierarchicalRiskParity(m, { linkage: 'single' });
  const herc = hierarchicalEqualRiskContribution(m, { linkage: 'ward', clusters: 4 });
  const rows = [
    { name: 'ERC', w: erc.weights },
    { name: 'HRP (single)', w: hrp.weights },
    { name: 'HERC (ward, k=4)', w: herc.weights },
    { name: 'market cap', w: wMkt },
    { name: '1/n', w: new Array<number>(n).fill(1 / n) },
  ];
  lines.push(`Risk-based allocations (ERC converged in ${erc.iterations} sweeps, max |RC − 1/n| = ${erc.maxDeviation.toExponential(1)})`);
  lines.push(
    `  ${'portfolio'.padEnd(17)} ${'vol (ann.)'.padStart(10)} ${'max RC'.padStart(7)} ${'min w'.padStart(7)} ${'max w'.padStart(7)} ${'eff. N'.padStart(7)}`,
  );
  for (const r of rows) {
    const rc = riskContributions(r.w, m);
    const effN = 1 / r.w.reduce((s, w) => s + w * w, 0);
    lines.push(
      `  ${r.name.padEnd(17)} ${pct(rc.volatility * Math.sqrt(ppy)).padStart(10)} ${pct(Math.max(...rc.percentage), 1).padStart(7)} ${pct(Math.min(...r.w), 1).padStart(7)} ${pct(Math.max(...r.w), 1).padStart(7)} ${effN.toFixed(1).padStart(7)}`,
    );
  }
  const order = hrp.dendrogram.order.map((i) => tickers[i]);
  lines.push(`  HRP leaf order (scipy leaves_list): ${order.slice(0, 10).join(' ')}${n > 10 ? ' …' : ''}`);
  lines.push(`  HERC clusters: ${herc.clusters.map((c) => `[${c.members.map((i) => tickers[i]).join(' ')}] ${pct(c.weight, 1)}`).join('  ')}`);
  return lines.join('\n');
}
