import { InvalidArgumentError } from '../core/errors.ts';
import { checkOptions } from '../core/validate.ts';
import {
  axis,
  CHART_CAPS,
  CHART_OPTION_KEYS,
  esc,
  extent,
  finiteList,
  labelList,
  legend,
  linear,
  niceTicks,
  openSvg,
  PALETTE,
  px,
  resolveFrame,
  type ChartOptions,
  type Plot,
} from './svg.ts';

/** Data of {@link riskContributionChart}. */
export interface RiskContributionChartData {
  /** Asset labels. */
  labels: string[];
  /** Portfolio weights (fractions). */
  weights: ArrayLike<number>;
  /** Percentage risk contributions (fractions summing to 1), e.g. from `riskContributions`. */
  contributions: ArrayLike<number>;
}

/**
 * Render weights next to percentage risk contributions as paired vertical bars, one pair per
 * asset, as a standalone SVG string. Makes visible where a portfolio's risk really sits (e.g.
 * a 40 % weight carrying 70 % of the risk).
 *
 * Size cap: at most 1,000 assets (bar pairs).
 *
 * @throws {InvalidArgumentError} when lengths differ, values are not finite, or options are unknown.
 * @throws {SizeLimitError} for more than 1,000 assets.
 * @example
 * ```ts
 * import { riskContributionChart } from 'quantivista/charts';
 * const svg = riskContributionChart({ labels: ['A', 'B'], weights: [0.5, 0.5], contributions: [0.8, 0.2] });
 * console.log(svg.includes('Risk contribution')); // true
 * ```
 */
export function riskContributionChart(data: RiskContributionChartData, options?: ChartOptions & { percent?: boolean }): string {
  const fn = 'riskContributionChart';
  const opts = checkOptions(fn, options, [...CHART_OPTION_KEYS, 'percent']);
  if (!data || typeof data !== 'object') throw new InvalidArgumentError(`${fn}: \`data\` must be { labels, weights, contributions }.`, 'data', typeof data);
  checkOptions(fn, data, ['labels', 'weights', 'contributions']);
  const weights = finiteList(fn, 'weights', data.weights, undefined, { max: CHART_CAPS.bars, what: 'bars' });
  if (weights.length === 0) throw new InvalidArgumentError(`${fn}: no assets to draw.`, 'weights', 0);
  const contributions = finiteList(fn, 'contributions', data.contributions, weights.length);
  const labels = labelList(fn, 'labels', data.labels, weights.length);
  const percent = opts.percent ?? true;
  const f = resolveFrame(fn, opts, {
    kind: 'risk-contribution',
    title: 'Weights and risk contributions',
    description: `Weights and percentage risk contributions of ${weights.length} assets; the largest contributor is ${labels[contributions.indexOf(extent([], contributions).max)]}.`,
    width: Math.max(480, 120 + 46 * weights.length),
  });
  const plot: Plot = { left: 78, top: 44, right: f.width - 20, bottom: f.height - 96 };
  const range = extent([0], weights, contributions);
  const t = niceTicks(range.min, range.max, 6);
  const Y = linear(t.min, t.max, plot.bottom, plot.top);
  const out = openSvg(f, 'risk-contribution');
  out.push(...axis(f, plot, 'y', t, Y, 'Share of portfolio', percent));
  const band = (plot.right - plot.left) / weights.length;
  out.push('<g class="bars" font-size="10">');
  for (let i = 0; i < weights.length; i++) {
    const x = plot.left + i * band + band * 0.12;
    const w = band * 0.36;
    for (const [k, v, cls, color] of [
      [0, weights[i], 'weight', PALETTE[0]],
      [1, contributions[i], 'contribution', PALETTE[1]],
    ] as const) {
      const y0 = Y(0);
      const y1 = Y(v);
      out.push(
        `<rect class="bar ${cls}" x="${px(x + k * w)}" y="${px(Math.min(y0, y1))}" width="${px(w)}" height="${px(Math.abs(y1 - y0))}" fill="${color}"><title>${esc(labels[i] as string)} ${cls}: ${esc((v * 100).toFixed(2))}%</title></rect>`,
      );
    }
    const cx = x + w;
    out.push(
      `<text class="label" x="${px(cx)}" y="${px(plot.bottom + 14)}" text-anchor="end" fill="${f.theme.text}" transform="rotate(-45 ${px(cx)} ${px(plot.bottom + 14)})">${esc(labels[i] as string)}</text>`,
    );
  }
  out.push('</g>');
  out.push(`<line class="zero" x1="${px(plot.left)}" y1="${px(Y(0))}" x2="${px(plot.right)}" y2="${px(Y(0))}" stroke="${f.theme.axis}"/>`);
  out.push(
    ...legend(f, plot.left, f.height - 12, [
      { label: 'Weight', color: PALETTE[0] },
      { label: 'Risk contribution', color: PALETTE[1] },
    ]),
  );
  out.push('</svg>');
  return out.join('\n');
}
