import { InvalidArgumentError } from '../core/errors.ts';
import { matrixData, toMatrix, type MatrixLike } from '../core/matrix.ts';
import { checkOptions } from '../core/validate.ts';
import { CHART_CAPS, CHART_OPTION_KEYS, checkChartCap, esc, extent, labelList, openSvg, px, resolveFrame, type ChartOptions } from './svg.ts';

/** Options of {@link correlationHeatmap}. */
export interface CorrelationHeatmapOptions extends ChartOptions {
  /** Asset labels, one per row. Default `A1, A2, ...`. */
  labels?: string[];
  /**
   * Display order of the assets, a permutation of 0..n−1 — e.g. the leaf order of the HRP
   * dendrogram, so that clusters show as blocks. Default: input order.
   */
  order?: number[];
  /** Print the coefficient in each cell. Default: when n ≤ 15. */
  showValues?: boolean;
}

const NEG = [33, 102, 172]; // #2166ac
const MID = [247, 247, 247];
const POS = [178, 24, 43]; // #b2182b

/** Diverging blue–white–red (ColorBrewer RdBu end points, colour-blind safe) for ρ ∈ [−1, 1]. @internal */
export function divergingColor(rho: number): string {
  const t = Math.max(-1, Math.min(1, rho));
  const end = t < 0 ? NEG : POS;
  const a = Math.abs(t);
  const c = MID.map((m, k) => Math.round(m + (end[k] - m) * a));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

/**
 * Render a correlation matrix as a heatmap (standalone SVG string), coloured on a diverging
 * blue (−1) – white (0) – red (+1) scale with a colour bar, optionally reordered (e.g. by the
 * HRP dendrogram's leaf order) so clusters appear as blocks.
 *
 * NaN or ±Infinity entries throw (a correlation matrix with gaps cannot be drawn honestly).
 *
 * Size cap: at most 500 assets (250,000 cells).
 *
 * @throws {InvalidArgumentError} when the matrix is not square with entries in [−1, 1], labels
 * or order have the wrong size, `order` is not a permutation, or an option is unknown.
 * @throws {SizeLimitError} for more than 500 assets.
 * @example
 * ```ts
 * import { correlationHeatmap } from 'quantivista/charts';
 * const svg = correlationHeatmap([[1, 0.5], [0.5, 1]], { labels: ['A', 'B'], order: [1, 0] });
 * console.log(svg.includes('data-chart="correlation-heatmap"')); // true
 * ```
 */
export function correlationHeatmap(correlation: MatrixLike, options?: CorrelationHeatmapOptions): string {
  const fn = 'correlationHeatmap';
  const opts = checkOptions(fn, options, [...CHART_OPTION_KEYS, 'labels', 'order', 'showValues']);
  const rows = Array.isArray(correlation) ? correlation.length : 0;
  const first: unknown = rows > 0 ? (correlation as unknown[])[0] : undefined;
  // refuse a too-large or visibly non-square array before copying it
  checkChartCap(fn, 'correlation', rows, CHART_CAPS.heatmapAssets, 'assets');
  if (Array.isArray(first) && first.length !== rows) {
    throw new InvalidArgumentError(
      `${fn}: \`correlation\` must be a non-empty square matrix, got ${rows} x ${first.length}.`,
      'correlation',
      `${rows}x${first.length}`,
    );
  }
  const m = toMatrix(correlation, fn, 'correlation');
  const n = m.rows;
  checkChartCap(fn, 'correlation', n, CHART_CAPS.heatmapAssets, 'assets');
  if (n === 0 || m.cols !== n)
    throw new InvalidArgumentError(
      `${fn}: \`correlation\` must be a non-empty square matrix, got ${m.rows} x ${m.cols}.`,
      'correlation',
      `${m.rows}x${m.cols}`,
    );
  const d = matrixData(m);
  for (let k = 0; k < d.length; k++) {
    const v = d[k];
    if (v < -1 - 1e-9 || v > 1 + 1e-9) {
      throw new InvalidArgumentError(`${fn}: \`correlation\` entry (${Math.floor(k / n)}, ${k % n}) is ${v}, outside [−1, 1].`, 'correlation', v);
    }
  }
  const labels = opts.labels === undefined ? Array.from({ length: n }, (_, i) => `A${i + 1}`) : labelList(fn, 'labels', opts.labels, n);
  const order = opts.order ?? Array.from({ length: n }, (_, i) => i);
  if (!Array.isArray(order) || order.length !== n || new Set(order).size !== n || order.some((k) => !Number.isInteger(k) || k < 0 || k >= n)) {
    throw new InvalidArgumentError(`${fn}: \`order\` must be a permutation of 0..${n - 1}.`, 'order', Array.isArray(order) ? order.length : typeof order);
  }
  const showValues = opts.showValues ?? n <= 15;
  const labelW = Math.min(
    140,
    10 +
      7 *
        extent(
          [],
          labels.map((l) => l.length),
        ).max,
  );
  const size = Math.max(200, Math.min(900, n * 28));
  const f = resolveFrame(fn, opts, {
    kind: 'correlation-heatmap',
    title: 'Correlation matrix',
    description: `Correlations of ${n} assets${opts.order ? ' in dendrogram order' : ''}, from −1 (blue) to +1 (red).`,
    width: labelW + size + 110,
    height: labelW + size + 60,
  });
  const x0 = labelW + 10;
  const y0 = 44;
  const cell = size / n;
  const out = openSvg(f, 'correlation-heatmap');
  out.push(`<g class="cells" font-size="${px(Math.max(7, Math.min(11, cell * 0.35)))}" text-anchor="middle">`);
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      const i = order[a];
      const j = order[b];
      const v = d[i * n + j];
      out.push(
        `<rect x="${px(x0 + b * cell)}" y="${px(y0 + a * cell)}" width="${px(cell)}" height="${px(cell)}" fill="${divergingColor(v)}"><title>${esc(labels[i] as string)} / ${esc(labels[j] as string)}: ${v.toFixed(3)}</title></rect>`,
      );
      if (showValues) {
        out.push(
          `<text x="${px(x0 + (b + 0.5) * cell)}" y="${px(y0 + (a + 0.5) * cell + 3.5)}" fill="${Math.abs(v) > 0.6 ? '#ffffff' : '#1a1a1a'}">${v.toFixed(2)}</text>`,
        );
      }
    }
  }
  out.push('</g>');
  const fs = Math.max(8, Math.min(11, cell * 0.6));
  out.push(`<g class="labels" font-size="${px(fs)}" fill="${f.theme.text}">`);
  order.forEach((i, a) => {
    out.push(`<text x="${px(x0 - 6)}" y="${px(y0 + (a + 0.5) * cell + fs / 3)}" text-anchor="end">${esc(labels[i] as string)}</text>`);
    const cx = x0 + (a + 0.5) * cell;
    const cy = y0 + size + 8;
    out.push(`<text x="${px(cx)}" y="${px(cy)}" text-anchor="end" transform="rotate(-60 ${px(cx)} ${px(cy)})">${esc(labels[i] as string)}</text>`);
  });
  out.push('</g>');
  // colour bar
  const bx = x0 + size + 24;
  out.push(`<g class="colorbar" font-size="10" fill="${f.theme.muted}">`);
  const steps = 20;
  for (let k = 0; k < steps; k++) {
    const v = 1 - (2 * (k + 0.5)) / steps;
    out.push(`<rect x="${px(bx)}" y="${px(y0 + (k * size) / steps)}" width="14" height="${px(size / steps + 0.5)}" fill="${divergingColor(v)}"/>`);
  }
  for (const [v, label] of [
    [1, '+1'],
    [0, '0'],
    [-1, '−1'],
  ] as const) {
    out.push(`<text x="${px(bx + 20)}" y="${px(y0 + ((1 - v) / 2) * size + 4)}">${label}</text>`);
  }
  out.push('</g>');
  out.push('</svg>');
  return out.join('\n');
}
