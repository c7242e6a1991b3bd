import { InvalidArgumentError } from '../core/errors.ts';
import { checkOptions } from '../core/validate.ts';
import {
  axis,
  CHART_CAPS,
  CHART_OPTION_KEYS,
  checkChartCap,
  esc,
  extent,
  finiteList,
  labelList,
  linear,
  niceTicks,
  openSvg,
  PALETTE,
  px,
  resolveFrame,
  type ChartOptions,
  type Plot,
} from './svg.ts';

/** Data of {@link weightsChart}: weights with labels, or a record of label → weight. */
export type WeightsChartData = { weights: ArrayLike<number>; labels: string[] } | Record<string, number>;

/** Options of {@link weightsChart}. */
export interface WeightsChartOptions extends ChartOptions {
  /** Sort bars by weight, largest first. Default false (input order). */
  sort?: boolean;
  /** Show values as percentages. Default true. */
  percent?: boolean;
}

/** @internal */
export function toLabelledValues(fn: string, data: unknown): { labels: string[]; values: number[] } {
  if (!data || typeof data !== 'object')
    throw new InvalidArgumentError(`${fn}: \`data\` must be { weights, labels } or a record of label → weight.`, 'data', typeof data);
  const d = data as { weights?: unknown; labels?: unknown };
  if ('weights' in d && 'labels' in d && Object.keys(d).length === 2 && typeof d.weights === 'object') {
    const values = finiteList(fn, 'weights', d.weights, undefined, { max: CHART_CAPS.bars, what: 'bars' });
    return { values, labels: labelList(fn, 'labels', d.labels, values.length) };
  }
  checkChartCap(fn, 'weights', Object.keys(data).length, CHART_CAPS.bars, 'bars');
  const entries = Object.entries(data as Record<string, unknown>);
  return {
    labels: entries.map(([k]) => k),
    values: finiteList(
      fn,
      'weights',
      entries.map(([, v]) => v),
    ),
  };
}

/**
 * Render portfolio weights as horizontal bars around zero (long to the right, short to the left)
 * as a standalone SVG string, with value labels on each bar.
 *
 * Size cap: at most 1,000 bars (weights).
 *
 * @throws {InvalidArgumentError} on empty, non-finite, absurdly large (beyond 1e300) or mislabelled weights, or unknown options.
 * @throws {SizeLimitError} for more than 1,000 weights.
 * @example
 * ```ts
 * import { weightsChart } from 'quantivista/charts';
 * const svg = weightsChart({ AAA: 0.6, BBB: 0.5, CCC: -0.1 }, { sort: true });
 * console.log(svg.includes('data-chart="weights"')); // true
 * ```
 */
export function weightsChart(data: WeightsChartData, options?: WeightsChartOptions): string {
  const fn = 'weightsChart';
  const opts = checkOptions(fn, options, [...CHART_OPTION_KEYS, 'sort', 'percent']);
  let { labels, values } = toLabelledValues(fn, data);
  if (values.length === 0) throw new InvalidArgumentError(`${fn}: no weights to draw.`, 'weights', 0);
  if (opts.sort) {
    const idx = values.map((_, i) => i).sort((a, b) => values[b] - values[a] || a - b);
    labels = idx.map((i) => labels[i] as string);
    values = idx.map((i) => values[i]);
  }
  const percent = opts.percent ?? true;
  const longSum = values.filter((v) => v > 0).reduce((a, b) => a + b, 0);
  if (!Number.isFinite(longSum) || values.some((v) => Math.abs(v) > 1e300)) {
    throw new InvalidArgumentError(
      `${fn}: weights are fractions of portfolio value; values as large as ${extent([], values.map(Math.abs)).max} cannot be drawn.`,
      'weights',
      'overflow',
    );
  }
  const rowH = 22;
  const f = resolveFrame(fn, opts, {
    kind: 'weights',
    title: 'Portfolio weights',
    description: `Weights of ${values.length} assets; long positions sum to ${(longSum * 100).toFixed(1)}%.`,
    height: Math.max(160, 90 + rowH * values.length),
  });
  const labelW = Math.min(
    180,
    12 +
      7 *
        extent(
          [],
          labels.map((l) => l.length),
        ).max,
  );
  const plot: Plot = { left: 16 + labelW, top: 44, right: f.width - 60, bottom: f.height - 46 };
  const range = extent([0], values);
  const t = niceTicks(range.min, range.max, 6);
  const X = linear(t.min, t.max, plot.left, plot.right);
  const out = openSvg(f, 'weights');
  out.push(...axis(f, plot, 'x', t, X, 'Weight', percent));
  const band = (plot.bottom - plot.top) / values.length;
  out.push(`<g class="bars" font-size="11">`);
  values.forEach((v, i) => {
    const y = plot.top + i * band + band * 0.15;
    const h = band * 0.7;
    const x0 = X(0);
    const x1 = X(v);
    const color = v >= 0 ? PALETTE[0] : PALETTE[3];
    out.push(
      `<rect class="bar" x="${px(Math.min(x0, x1))}" y="${px(y)}" width="${px(Math.abs(x1 - x0))}" height="${px(h)}" fill="${color}"><title>${esc(labels[i] as string)}: ${esc((v * (percent ? 100 : 1)).toFixed(2))}${percent ? '%' : ''}</title></rect>`,
    );
    out.push(
      `<text class="label" x="${px(plot.left - 8)}" y="${px(y + h / 2 + 4)}" text-anchor="end" fill="${f.theme.text}">${esc(labels[i] as string)}</text>`,
    );
    const vx = v >= 0 ? x1 + 4 : x1 - 4;
    out.push(
      `<text class="value" x="${px(vx)}" y="${px(y + h / 2 + 4)}" text-anchor="${v >= 0 ? 'start' : 'end'}" fill="${f.theme.muted}">${esc((v * (percent ? 100 : 1)).toFixed(1))}${percent ? '%' : ''}</text>`,
    );
  });
  out.push('</g>');
  out.push(`<line class="zero" x1="${px(X(0))}" y1="${px(plot.top)}" x2="${px(X(0))}" y2="${px(plot.bottom)}" stroke="${f.theme.axis}"/>`);
  out.push('</svg>');
  return out.join('\n');
}
