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

/** One segment's effects (decimals, e.g. 0.0012 = 12 bp). */
export interface AttributionSegment {
  name: string;
  allocation: number;
  selection: number;
  /** Omit (or 0) when interaction is folded into selection. */
  interaction?: number;
}

/** Data of {@link attributionChart}. */
export interface AttributionChartData {
  segments: AttributionSegment[];
}

/**
 * Render a Brinson-style attribution as a standalone SVG string: on the left, allocation,
 * selection and interaction bars per segment; on the right, a waterfall from zero through the
 * total allocation, selection and interaction effects to the active return (their sum).
 *
 * Size cap: at most 1,000 segments.
 *
 * @throws {InvalidArgumentError} on an empty segment list, a name that is not a string, non-finite effects or unknown options.
 * @throws {SizeLimitError} for more than 1,000 segments.
 * @example
 * ```ts
 * import { attributionChart } from 'quantivista/charts';
 * const svg = attributionChart({ segments: [
 *   { name: 'Tech', allocation: 0.004, selection: 0.002, interaction: -0.001 },
 *   { name: 'Energy', allocation: -0.001, selection: 0.003, interaction: 0 },
 * ] });
 * console.log(svg.includes('Active return')); // true
 * ```
 */
export function attributionChart(data: AttributionChartData, options?: ChartOptions): string {
  const fn = 'attributionChart';
  const opts = checkOptions(fn, options, [...CHART_OPTION_KEYS]);
  if (!data || !Array.isArray(data.segments) || data.segments.length === 0) {
    throw new InvalidArgumentError(
      `${fn}: \`data.segments\` must be a non-empty array.`,
      'segments',
      Array.isArray(data?.segments) ? 0 : typeof data?.segments,
    );
  }
  checkChartCap(fn, 'segments', data.segments.length, CHART_CAPS.bars, 'bars');
  const segs = data.segments.map((s, i) => {
    if (s === null || typeof s !== 'object') {
      throw new InvalidArgumentError(
        `${fn}: \`segments[${i}]\` must be { name, allocation, selection, interaction? }, got ${showValue(s)}.`,
        `segments[${i}]`,
        showValue(s),
      );
    }
    checkOptions(fn, s, ['name', 'allocation', 'selection', 'interaction']);
    return {
      name: checkLabel(fn, `segments[${i}].name`, s.name),
      allocation: checkFinite(fn, `segments[${i}].allocation`, s.allocation),
      selection: checkFinite(fn, `segments[${i}].selection`, s.selection),
      interaction: s.interaction === undefined ? 0 : checkFinite(fn, `segments[${i}].interaction`, s.interaction),
    };
  });
  const tot = { allocation: 0, selection: 0, interaction: 0 };
  for (const s of segs) {
    tot.allocation += s.allocation;
    tot.selection += s.selection;
    tot.interaction += s.interaction;
  }
  const active = tot.allocation + tot.selection + tot.interaction;
  const f = resolveFrame(fn, opts, {
    kind: 'attribution',
    title: 'Performance attribution',
    description: `Allocation ${(tot.allocation * 1e4).toFixed(1)} bp, selection ${(tot.selection * 1e4).toFixed(1)} bp, interaction ${(tot.interaction * 1e4).toFixed(1)} bp; Active return ${(active * 1e4).toFixed(1)} bp over ${segs.length} segment${segs.length === 1 ? '' : 's'}.`,
    width: Math.max(720, 360 + 70 * segs.length),
  });
  const wfWidth = 260;
  const left: Plot = { left: 78, top: 44, right: f.width - wfWidth - 40, bottom: f.height - 96 };
  const right: Plot = { left: f.width - wfWidth, top: 44, right: f.width - 20, bottom: f.height - 96 };
  const values = segs.flatMap((s) => [s.allocation, s.selection, s.interaction]);
  const cum = [0, tot.allocation, tot.allocation + tot.selection, active];
  const range = extent([0], values, cum);
  const t = niceTicks(range.min, range.max, 6);
  const Y = linear(t.min, t.max, left.bottom, left.top);
  const out = openSvg(f, 'attribution');
  out.push(...axis(f, left, 'y', t, Y, 'Effect', true));
  const colors = [PALETTE[0], PALETTE[1], PALETTE[2]] as const;
  const band = (left.right - left.left) / segs.length;
  out.push('<g class="segments" font-size="10">');
  segs.forEach((s, i) => {
    const x0 = left.left + i * band + band * 0.1;
    const w = (band * 0.8) / 3;
    [s.allocation, s.selection, s.interaction].forEach((v, k) => {
      const y0 = Y(0);
      const y1 = Y(v);
      out.push(
        `<rect class="bar effect-${['allocation', 'selection', 'interaction'][k]}" x="${px(x0 + k * w)}" y="${px(Math.min(y0, y1))}" width="${px(w)}" height="${px(Math.max(Math.abs(y1 - y0), 0.5))}" fill="${colors[k]}"><title>${esc(s.name)} ${['allocation', 'selection', 'interaction'][k]}: ${esc((v * 1e4).toFixed(1))} bp</title></rect>`,
      );
    });
    const cx = x0 + band * 0.4;
    out.push(
      `<text class="label" x="${px(cx)}" y="${px(left.bottom + 14)}" text-anchor="end" fill="${f.theme.text}" transform="rotate(-35 ${px(cx)} ${px(left.bottom + 14)})">${esc(s.name)}</text>`,
    );
  });
  out.push('</g>');
  out.push(`<line class="zero" x1="${px(left.left)}" y1="${px(Y(0))}" x2="${px(left.right)}" y2="${px(Y(0))}" stroke="${f.theme.axis}"/>`);
  // Waterfall
  const steps = [
    { name: 'Allocation', from: 0, to: cum[1], color: colors[0] },
    { name: 'Selection', from: cum[1], to: cum[2], color: colors[1] },
    { name: 'Interaction', from: cum[2], to: cum[3], color: colors[2] },
    { name: 'Active return', from: 0, to: active, color: PALETTE[7] },
  ];
  const wb = (right.right - right.left) / steps.length;
  out.push(`<g class="waterfall" font-size="10">`);
  out.push(`<line class="zero" x1="${px(right.left)}" y1="${px(Y(0))}" x2="${px(right.right)}" y2="${px(Y(0))}" stroke="${f.theme.axis}"/>`);
  steps.forEach((s, k) => {
    const x = right.left + k * wb + wb * 0.15;
    const y0 = Y(s.from);
    const y1 = Y(s.to);
    out.push(
      `<rect class="step" x="${px(x)}" y="${px(Math.min(y0, y1))}" width="${px(wb * 0.7)}" height="${px(Math.max(Math.abs(y1 - y0), 0.5))}" fill="${s.color}"${k === 3 ? ' fill-opacity="0.75"' : ''}><title>${esc(s.name)}: ${esc(((s.to - s.from) * 1e4).toFixed(1))} bp</title></rect>`,
    );
    out.push(
      `<text x="${px(x + wb * 0.35)}" y="${px(Math.min(y0, y1) - 4)}" text-anchor="middle" fill="${f.theme.muted}">${esc(((s.to - s.from) * 1e4).toFixed(1))}</text>`,
    );
    const cx = x + wb * 0.35;
    out.push(
      `<text class="label" x="${px(cx)}" y="${px(right.bottom + 14)}" text-anchor="end" fill="${f.theme.text}" transform="rotate(-35 ${px(cx)} ${px(right.bottom + 14)})">${esc(s.name)}</text>`,
    );
  });
  out.push(
    `<text x="${px((right.left + right.right) / 2)}" y="${px(right.top - 4)}" text-anchor="middle" font-size="11" fill="${f.theme.text}">Effects in bp</text>`,
  );
  out.push('</g>');
  out.push(
    ...legend(f, left.left, f.height - 12, [
      { label: 'Allocation', color: colors[0] },
      { label: 'Selection', color: colors[1] },
      { label: 'Interaction', color: colors[2] },
    ]),
  );
  out.push('</svg>');
  return out.join('\n');
}
