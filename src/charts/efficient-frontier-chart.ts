import { InvalidArgumentError } from '../core/errors.ts';
import { showValue } from '../core/parse-decimal.ts';
import { checkFinite, checkOptions } from '../core/validate.ts';
import {
  axis,
  CHART_CAPS,
  CHART_OPTION_KEYS,
  checkChartCap,
  checkLabel,
  esc,
  extent,
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

/** A point in risk–return space (per-period or annualised — the chart only draws them). */
export interface RiskReturnPoint {
  /** Volatility (standard deviation), as a decimal (0.15 = 15 %). */
  volatility: number;
  /** Expected return, as a decimal. */
  expectedReturn: number;
}

/** A labelled point (an asset). */
export interface LabelledPoint extends RiskReturnPoint {
  label: string;
}

/** Data of {@link efficientFrontierChart}. */
export interface EfficientFrontierChartData {
  /** Frontier points, drawn as a line in order of increasing volatility. At least 2. */
  frontier: RiskReturnPoint[];
  /** Corner portfolios, drawn as hollow circles. */
  corners?: RiskReturnPoint[];
  /** Individual assets, drawn as labelled dots. */
  assets?: LabelledPoint[];
  /** The maximum-Sharpe portfolio (star). */
  maxSharpe?: RiskReturnPoint;
  /** The minimum-variance portfolio (diamond). */
  minVariance?: RiskReturnPoint;
  /** Risk-free rate; with `maxSharpe`, the capital market line is drawn from (0, r_f) through it. */
  riskFreeRate?: number;
}

/** Options of {@link efficientFrontierChart}. */
export interface EfficientFrontierChartOptions extends ChartOptions {
  /** Show axes as percentages. Default true. */
  percent?: boolean;
  /** Axis labels. Defaults 'Volatility' and 'Expected return'. */
  xLabel?: string;
  yLabel?: string;
}

function point(fn: string, arg: string, p: unknown): RiskReturnPoint {
  if (!p || typeof p !== 'object') throw new InvalidArgumentError(`${fn}: \`${arg}\` must be { volatility, expectedReturn }.`, arg, typeof p);
  const q = p as RiskReturnPoint;
  const volatility = checkFinite(fn, `${arg}.volatility`, q.volatility);
  if (volatility < 0) throw new InvalidArgumentError(`${fn}: \`${arg}.volatility\` must be ≥ 0, got ${volatility}.`, `${arg}.volatility`, volatility);
  return { volatility, expectedReturn: checkFinite(fn, `${arg}.expectedReturn`, q.expectedReturn) };
}

/**
 * Render the efficient frontier as a standalone SVG string: the frontier line, corner
 * portfolios, individual assets, the maximum-Sharpe and minimum-variance portfolios and the
 * capital market line (from (0, r_f) through the max-Sharpe point). Volatility on x, expected
 * return on y; units are whatever the data carry (per period or annualised), shown as % by default.
 *
 * Pure: no DOM, no state between calls. The SVG has `<title>` and `<desc>` and
 * `role="img"` for screen readers; colours are the Okabe–Ito colour-blind-safe palette.
 *
 * Size cap: at most 200,000 points in all (frontier, corners and assets).
 *
 * @throws {InvalidArgumentError} for fewer than two frontier points, non-finite or negative
 * volatilities, an asset label that is not a string, or unknown options.
 * @throws {SizeLimitError} for more than 200,000 points.
 * @example
 * ```ts
 * import { efficientFrontierChart } from 'quantivista/charts';
 * const svg = efficientFrontierChart({
 *   frontier: [{ volatility: 0.1, expectedReturn: 0.05 }, { volatility: 0.15, expectedReturn: 0.08 }],
 *   maxSharpe: { volatility: 0.12, expectedReturn: 0.07 },
 *   riskFreeRate: 0.02,
 * });
 * console.log(svg.startsWith('<svg')); // true
 * ```
 */
export function efficientFrontierChart(data: EfficientFrontierChartData, options?: EfficientFrontierChartOptions): string {
  const fn = 'efficientFrontierChart';
  const opts = checkOptions(fn, options, [...CHART_OPTION_KEYS, 'percent', 'xLabel', 'yLabel']);
  if (!data || !Array.isArray(data.frontier) || data.frontier.length < 2) {
    throw new InvalidArgumentError(
      `${fn}: \`data.frontier\` must hold at least 2 points.`,
      'frontier',
      Array.isArray(data?.frontier) ? data.frontier.length : typeof data?.frontier,
    );
  }
  checkOptions(fn, data, ['frontier', 'corners', 'assets', 'maxSharpe', 'minVariance', 'riskFreeRate']);
  const count = (v: unknown): number => (Array.isArray(v) ? v.length : 0);
  checkChartCap(fn, 'frontier', data.frontier.length + count(data.corners) + count(data.assets), CHART_CAPS.points, 'points');
  const frontier = data.frontier.map((p, i) => point(fn, `frontier[${i}]`, p)).sort((a, b) => a.volatility - b.volatility);
  for (const key of ['corners', 'assets'] as const) {
    const v: unknown = data[key];
    if (v !== undefined && !Array.isArray(v)) {
      throw new InvalidArgumentError(`${fn}: \`data.${key}\` must be an array of points, got ${showValue(v)}.`, key, showValue(v));
    }
  }
  const corners = (data.corners ?? []).map((p, i) => point(fn, `corners[${i}]`, p));
  const assets = (data.assets ?? []).map((p, i) => ({ ...point(fn, `assets[${i}]`, p), label: checkLabel(fn, `assets[${i}].label`, p.label) }));
  const ms = data.maxSharpe ? point(fn, 'maxSharpe', data.maxSharpe) : undefined;
  const mv = data.minVariance ? point(fn, 'minVariance', data.minVariance) : undefined;
  const rf = data.riskFreeRate === undefined ? undefined : checkFinite(fn, 'riskFreeRate', data.riskFreeRate);
  const percent = opts.percent ?? true;
  const f = resolveFrame(fn, opts, {
    kind: 'efficient-frontier',
    title: 'Efficient frontier',
    description:
      `Efficient frontier with ${frontier.length} points` +
      (assets.length ? ` and ${assets.length} assets` : '') +
      (ms ? '; the maximum-Sharpe portfolio is marked' : '') +
      '.',
  });
  const all = frontier.concat(corners, assets, ms ? [ms] : [], mv ? [mv] : []);
  const xs = all.map((p) => p.volatility);
  const ys = all.map((p) => p.expectedReturn);
  if (rf !== undefined && ms) ys.push(rf);
  const xr = extent([], xs);
  const yr = extent([], ys);
  const xt = niceTicks(rf !== undefined && ms ? 0 : xr.min, xr.max, 6);
  const yt = niceTicks(yr.min, yr.max, 6);
  const plot: Plot = { left: 78, top: 44, right: f.width - 24, bottom: f.height - 78 };
  const X = linear(xt.min, xt.max, plot.left, plot.right);
  const Y = linear(yt.min, yt.max, plot.bottom, plot.top);
  const out = openSvg(f, 'efficient-frontier');
  out.push(...axis(f, plot, 'x', xt, X, opts.xLabel ?? 'Volatility', percent));
  out.push(...axis(f, plot, 'y', yt, Y, opts.yLabel ?? 'Expected return', percent));
  out.push(
    `<defs><clipPath id="${f.id}-clip"><rect x="${px(plot.left)}" y="${px(plot.top)}" width="${px(plot.right - plot.left)}" height="${px(plot.bottom - plot.top)}"/></clipPath></defs>`,
  );
  if (ms && rf !== undefined && ms.volatility > 0) {
    const slope = (ms.expectedReturn - rf) / ms.volatility;
    out.push(
      `<line class="cml" clip-path="url(#${f.id}-clip)" x1="${px(X(0))}" y1="${px(Y(rf))}" x2="${px(X(xt.max))}" y2="${px(Y(rf + slope * xt.max))}" stroke="${PALETTE[1]}" stroke-width="1.5" stroke-dasharray="6 4"/>`,
    );
  }
  const d = frontier.map((p, i) => `${i ? 'L' : 'M'}${px(X(p.volatility))},${px(Y(p.expectedReturn))}`).join('');
  out.push(`<path class="frontier" d="${d}" fill="none" stroke="${PALETTE[0]}" stroke-width="2.5"/>`);
  for (const c of corners)
    out.push(
      `<circle class="corner" cx="${px(X(c.volatility))}" cy="${px(Y(c.expectedReturn))}" r="4" fill="${f.theme.background}" stroke="${PALETTE[0]}" stroke-width="1.5"/>`,
    );
  out.push(`<g class="assets" font-size="10" fill="${f.theme.muted}">`);
  for (const a of assets) {
    out.push(`<circle cx="${px(X(a.volatility))}" cy="${px(Y(a.expectedReturn))}" r="3" fill="${PALETTE[2]}"/>`);
    out.push(`<text x="${px(X(a.volatility) + 5)}" y="${px(Y(a.expectedReturn) - 4)}">${esc(a.label)}</text>`);
  }
  out.push('</g>');
  if (mv) {
    const x = X(mv.volatility);
    const y = Y(mv.expectedReturn);
    out.push(
      `<path class="min-variance" d="M${px(x)},${px(y - 7)}L${px(x + 7)},${px(y)}L${px(x)},${px(y + 7)}L${px(x - 7)},${px(y)}Z" fill="${PALETTE[4]}" stroke="${f.theme.background}"/>`,
    );
  }
  if (ms) {
    const x = X(ms.volatility);
    const y = Y(ms.expectedReturn);
    const pts: string[] = [];
    for (let k = 0; k < 10; k++) {
      const r = k % 2 === 0 ? 8 : 3.5;
      const a = -Math.PI / 2 + (k * Math.PI) / 5;
      pts.push(`${px(x + r * Math.cos(a))},${px(y + r * Math.sin(a))}`);
    }
    out.push(`<polygon class="max-sharpe" points="${pts.join(' ')}" fill="${PALETTE[3]}" stroke="${f.theme.background}"/>`);
  }
  const items: Array<{ label: string; color: string; shape?: 'rect' | 'circle' | 'line' }> = [{ label: 'Frontier', color: PALETTE[0], shape: 'line' }];
  if (assets.length) items.push({ label: 'Assets', color: PALETTE[2], shape: 'circle' });
  if (mv) items.push({ label: 'Min variance', color: PALETTE[4], shape: 'circle' });
  if (ms) items.push({ label: 'Max Sharpe', color: PALETTE[3], shape: 'circle' });
  if (ms && rf !== undefined) items.push({ label: 'Capital market line', color: PALETTE[1], shape: 'line' });
  out.push(...legend(f, plot.left, f.height - 14, items));
  out.push('</svg>');
  return out.join('\n');
}
