/**
 * Internal SVG building blocks shared by the chart renderers: escaping, number formatting,
 * nice axis ticks, linear scales, the palette and themes, the frame (title, desc, axes, legend).
 * Nothing here keeps state between calls.
 * @internal
 * @module
 */
import { InvalidArgumentError } from '../core/errors.ts';
import { checkSizeCap } from '../core/limits.ts';
import { showValue } from '../core/parse-decimal.ts';
import { checkInteger, checkRange } from '../core/validate.ts';

/**
 * Size caps of the charts: a chart beyond them is unreadable, and building its SVG would take
 * seconds and megabytes, so it is refused at once with a `SizeLimitError`.
 * - `bars`: 1,000 bars or bar groups (assets, segments) in one bar chart.
 * - `points`: 200,000 points on one line chart (frontier points, periods of a drawdown chart).
 * - `heatmapAssets`: 500 assets (250,000 cells) in one heatmap.
 */
export const CHART_CAPS = Object.freeze({ bars: 1_000, points: 200_000, heatmapAssets: 500 });

/** Refuse `count` items above `cap` with a `SizeLimitError` naming `fn` and `arg`. */
export function checkChartCap(fn: string, arg: string, count: number, cap: number, what: string): void {
  checkSizeCap(fn, arg, count, cap, `a readable chart has far fewer ${what}; aggregate, resample or select a subset first`);
}

/** Smallest and largest of `init` and the entries of `lists`, with Math.min/Math.max semantics and no argument spreading. */
export function extent(init: readonly number[], ...lists: ReadonlyArray<ArrayLike<number>>): { min: number; max: number } {
  let min = Math.min(...init);
  let max = Math.max(...init);
  for (const l of lists) {
    for (let i = 0; i < l.length; i++) {
      min = Math.min(min, l[i]!);
      max = Math.max(max, l[i]!);
    }
  }
  return { min, max };
}

/** A label: a string, or a finite number shown as text; anything else is refused. */
export function checkLabel(fn: string, arg: string, v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  throw new InvalidArgumentError(`${fn}: \`${arg}\` must be a string, got ${showValue(v)}.`, arg, showValue(v));
}

/** Colour-blind-safe qualitative palette (Okabe & Ito 2008). */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000'] as const;

/** Options every chart accepts. */
export interface ChartOptions {
  /** Width in pixels (CSS px of the viewBox). Default 720. */
  width?: number;
  /** Height in pixels. Default 440. */
  height?: number;
  /** Title shown on top and in the SVG `<title>`. Each chart has a default. */
  title?: string;
  /** Text of the SVG `<desc>` (accessible description). Each chart writes a default summary. */
  description?: string;
  /** `'light'` (default) or `'dark'`. */
  theme?: 'light' | 'dark';
  /** CSS font family. Default `system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif`. */
  fontFamily?: string;
  /** Prefix of the ids inside the SVG (for `aria-labelledby`); give distinct ids to charts of the same kind shown on one page. Default `'qv-<kind>'`, e.g. `'qv-weights'`. */
  id?: string;
}

export const CHART_OPTION_KEYS = ['width', 'height', 'title', 'description', 'theme', 'fontFamily', 'id'] as const;

export interface Theme {
  background: string;
  text: string;
  muted: string;
  grid: string;
  axis: string;
}

const THEMES: Record<'light' | 'dark', Theme> = {
  light: { background: '#ffffff', text: '#1a1a1a', muted: '#555555', grid: '#e5e5e5', axis: '#333333' },
  dark: { background: '#111418', text: '#f0f0f0', muted: '#b0b0b0', grid: '#2c323a', axis: '#d0d0d0' },
};

/** Escape text for SVG content and attribute values. */
export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Format a coordinate with at most 2 decimals (keeps the SVG small and stable). */
export function px(v: number): string {
  if (!Number.isFinite(v)) {
    // a data value so large (or a range so wide) that its position overflows: never draw NaN
    throw new InvalidArgumentError(
      `chart: a value is too large to draw (its position on the chart is ${v}); values must stay well inside ±1e300.`,
      'data',
      String(v),
    );
  }
  const r = Math.round(v * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}

/** Format a tick value; `percent` multiplies by 100 and appends %. */
export function formatTick(v: number, step: number, percent: boolean): string {
  const scale = percent ? 100 : 1;
  const s = Math.abs(step * scale);
  const decimals = s >= 1 || s === 0 ? 0 : Math.min(6, Math.ceil(-Math.log10(s) - 1e-9));
  const x = v * scale;
  const txt = (Math.abs(x) < 1e-12 ? 0 : x).toFixed(decimals);
  return percent ? `${txt}%` : txt;
}

/**
 * "Nice" ticks covering [lo, hi] with about `count` steps of 1, 2 or 5 × 10^k. At most 1,000
 * ticks; a range too wide for doubles (hi − lo overflows) or too narrow for its magnitude (the
 * step vanishes next to the values) falls back to `count` evenly spaced plain ticks.
 */
export function niceTicks(lo: number, hi: number, count = 5): { ticks: number[]; step: number; min: number; max: number } {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
    throw new InvalidArgumentError(`chart: an axis range must be finite, got [${lo}, ${hi}].`, 'data', `${lo}..${hi}`);
  }
  if (!(hi > lo)) {
    const pad = Math.abs(lo) > 0 ? Math.abs(lo) * 0.1 : 1;
    lo -= pad;
    hi += pad;
  }
  const raw = (hi - lo) / Math.max(1, count);
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const norm = raw / mag;
  const step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * mag;
  const min = Math.floor(lo / step + 1e-9) * step;
  const max = Math.ceil(hi / step - 1e-9) * step;
  const steps = Math.round((max - min) / step);
  if (!Number.isFinite(raw) || !(step > 0) || !Number.isFinite(min) || !Number.isFinite(max) || !(steps >= 1 && steps <= 1000) || min + step === min) {
    return plainTicks(lo, hi, Math.max(1, count));
  }
  const ticks: number[] = [];
  for (let k = 0; k <= steps; k++) ticks.push(min + k * step);
  return { ticks, step, min, max };
}

/** `count` + 1 evenly spaced ticks from lo to hi, computed without overflow. */
function plainTicks(lo: number, hi: number, count: number): { ticks: number[]; step: number; min: number; max: number } {
  const step = hi / count - lo / count;
  // a convex combination never overflows, unlike lo + k · step
  const ticks = Array.from({ length: count + 1 }, (_, k) => (k === count ? hi : lo * (1 - k / count) + hi * (k / count)));
  return { ticks, step, min: lo, max: hi };
}

/** A linear map from [d0, d1] to [r0, r1]. */
export function linear(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  return (v) => r0 + (v - d0) * k;
}

export interface Frame {
  width: number;
  height: number;
  theme: Theme;
  font: string;
  id: string;
  title: string;
  description: string;
}

export function resolveFrame(
  fn: string,
  opts: ChartOptions,
  defaults: { kind: string; title: string; description: string; width?: number; height?: number },
): Frame {
  const width = opts.width === undefined ? (defaults.width ?? 720) : checkRange(fn, 'width', opts.width, { min: 100, max: 10000 });
  const height = opts.height === undefined ? (defaults.height ?? 440) : checkRange(fn, 'height', opts.height, { min: 100, max: 10000 });
  const themeName = opts.theme ?? 'light';
  if (themeName !== 'light' && themeName !== 'dark') {
    throw new InvalidArgumentError(`${fn}: \`theme\` must be 'light' or 'dark', got ${String(themeName)}.`, 'theme', String(themeName));
  }
  for (const key of ['title', 'description', 'fontFamily'] as const) {
    const v: unknown = opts[key];
    if (v !== undefined && typeof v !== 'string') {
      throw new InvalidArgumentError(
        `${fn}: \`${key}\` must be a string, got ${typeof v === 'number' ? String(v) : v === null ? 'null' : typeof v}.`,
        key,
        typeof v,
      );
    }
  }
  const id = opts.id ?? `qv-${defaults.kind}`;
  if (typeof id !== 'string' || !/^[A-Za-z][\w-]*$/.test(id)) {
    throw new InvalidArgumentError(`${fn}: \`id\` must start with a letter and hold only letters, digits, '_' or '-', got ${JSON.stringify(id)}.`, 'id', id);
  }
  return {
    width,
    height,
    theme: THEMES[themeName],
    font: opts.fontFamily ?? "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
    id,
    title: opts.title ?? defaults.title,
    description: opts.description ?? defaults.description,
  };
}

/** Open the SVG: root element, `<title>`, `<desc>`, background and the visible title. */
export function openSvg(f: Frame, kind: string): string[] {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${px(f.width)}" height="${px(f.height)}" viewBox="0 0 ${px(f.width)} ${px(f.height)}" role="img" aria-labelledby="${f.id}-title ${f.id}-desc" data-chart="${kind}" font-family="${esc(f.font)}">`,
    `<title id="${f.id}-title">${esc(f.title)}</title>`,
    `<desc id="${f.id}-desc">${esc(f.description)}</desc>`,
    `<rect class="background" x="0" y="0" width="${px(f.width)}" height="${px(f.height)}" fill="${f.theme.background}"/>`,
    `<text class="chart-title" x="${px(f.width / 2)}" y="24" text-anchor="middle" font-size="16" font-weight="600" fill="${f.theme.text}">${esc(f.title)}</text>`,
  ];
}

/** Plot area within the frame. */
export interface Plot {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Draw a numeric axis with grid lines. `orient` 'x' (bottom) or 'y' (left). */
export function axis(
  f: Frame,
  plot: Plot,
  orient: 'x' | 'y',
  t: { ticks: number[]; step: number },
  map: (v: number) => number,
  label: string,
  percent: boolean,
): string[] {
  const out: string[] = [`<g class="axis axis-${orient}" font-size="11" fill="${f.theme.muted}">`];
  for (const v of t.ticks) {
    const p = map(v);
    const txt = esc(formatTick(v, t.step, percent));
    if (orient === 'x') {
      out.push(`<line class="grid" x1="${px(p)}" y1="${px(plot.top)}" x2="${px(p)}" y2="${px(plot.bottom)}" stroke="${f.theme.grid}"/>`);
      out.push(`<text class="tick" x="${px(p)}" y="${px(plot.bottom + 16)}" text-anchor="middle">${txt}</text>`);
    } else {
      out.push(`<line class="grid" x1="${px(plot.left)}" y1="${px(p)}" x2="${px(plot.right)}" y2="${px(p)}" stroke="${f.theme.grid}"/>`);
      out.push(`<text class="tick" x="${px(plot.left - 6)}" y="${px(p + 4)}" text-anchor="end">${txt}</text>`);
    }
  }
  if (orient === 'x') {
    out.push(`<line class="domain" x1="${px(plot.left)}" y1="${px(plot.bottom)}" x2="${px(plot.right)}" y2="${px(plot.bottom)}" stroke="${f.theme.axis}"/>`);
    out.push(
      `<text class="axis-label" x="${px((plot.left + plot.right) / 2)}" y="${px(plot.bottom + 36)}" text-anchor="middle" font-size="12" fill="${f.theme.text}">${esc(label)}</text>`,
    );
  } else {
    out.push(`<line class="domain" x1="${px(plot.left)}" y1="${px(plot.top)}" x2="${px(plot.left)}" y2="${px(plot.bottom)}" stroke="${f.theme.axis}"/>`);
    const cy = (plot.top + plot.bottom) / 2;
    out.push(
      `<text class="axis-label" x="${px(plot.left - 52)}" y="${px(cy)}" text-anchor="middle" font-size="12" fill="${f.theme.text}" transform="rotate(-90 ${px(plot.left - 52)} ${px(cy)})">${esc(label)}</text>`,
    );
  }
  out.push('</g>');
  return out;
}

/** A legend row of coloured markers and labels at (x, y). */
export function legend(f: Frame, x: number, y: number, items: Array<{ label: string; color: string; shape?: 'rect' | 'circle' | 'line' }>): string[] {
  const out: string[] = [`<g class="legend" font-size="11" fill="${f.theme.text}">`];
  let cx = x;
  for (const it of items) {
    const shape = it.shape ?? 'rect';
    if (shape === 'circle') out.push(`<circle cx="${px(cx + 5)}" cy="${px(y - 4)}" r="4.5" fill="${it.color}"/>`);
    else if (shape === 'line')
      out.push(`<line x1="${px(cx)}" y1="${px(y - 4)}" x2="${px(cx + 14)}" y2="${px(y - 4)}" stroke="${it.color}" stroke-width="2.5"/>`);
    else out.push(`<rect x="${px(cx)}" y="${px(y - 9)}" width="10" height="10" fill="${it.color}"/>`);
    const tx = cx + (shape === 'line' ? 18 : 14);
    out.push(`<text x="${px(tx)}" y="${px(y)}">${esc(it.label)}</text>`);
    cx = tx + 7 * it.label.length + 16;
  }
  out.push('</g>');
  return out;
}

/**
 * Check a list of finite numbers of a given length (or any length when `length` is undefined),
 * and at most `cap` entries (checked before anything is copied).
 */
export function finiteList(fn: string, arg: string, v: unknown, length?: number, cap?: { max: number; what: string }): number[] {
  if (!Array.isArray(v) && !ArrayBuffer.isView(v)) {
    throw new InvalidArgumentError(`${fn}: \`${arg}\` must be an array of numbers.`, arg, typeof v);
  }
  if (cap) checkChartCap(fn, arg, (v as ArrayLike<unknown>).length, cap.max, cap.what);
  const a = Array.from(v as ArrayLike<unknown>);
  if (length !== undefined && a.length !== length) {
    throw new InvalidArgumentError(`${fn}: \`${arg}\` must have ${length} entries, got ${a.length}.`, arg, a.length);
  }
  a.forEach((x, i) => {
    if (typeof x !== 'number' || !Number.isFinite(x)) {
      throw new InvalidArgumentError(`${fn}: \`${arg}\` entry ${i} must be a finite number, got ${showValue(x)}.`, arg, showValue(x));
    }
  });
  return a as number[];
}

/** Check a list of strings of a given length. */
export function labelList(fn: string, arg: string, v: unknown, length: number): string[] {
  if (!Array.isArray(v) || v.length !== length || v.some((s) => typeof s !== 'string')) {
    throw new InvalidArgumentError(`${fn}: \`${arg}\` must be ${length} strings.`, arg, Array.isArray(v) ? v.length : typeof v);
  }
  return v as string[];
}

export { checkInteger };
