import { InvalidArgumentError } from '../core/errors.ts';
import { checkOptions } from '../core/validate.ts';
import { isTableLike, readTable, type ReturnTable, type TableLike } from '../core/table.ts';
import {
  axis,
  CHART_CAPS,
  CHART_OPTION_KEYS,
  esc,
  extent,
  finiteList,
  linear,
  niceTicks,
  openSvg,
  PALETTE,
  px,
  resolveFrame,
  type ChartOptions,
  type Plot,
} from './svg.ts';

/** Data of {@link drawdownChart}. */
export interface DrawdownChartData {
  /** Per-period simple returns (decimals), oldest first. At least 2. */
  returns: ArrayLike<number>;
  /** Optional ISO dates, one per return, for the x-axis labels. */
  dates?: string[];
}

/**
 * Render the wealth curve (compounded, starting at 1) and, below it, the underwater curve
 * (drawdown from the running peak of the compounded wealth index, as a negative percentage) as
 * a standalone SVG string. The deepest drawdown is marked.
 *
 * Convention: wealth W_t = Π_{s ≤ t} (1 + r_s) with W_0 = 1; drawdown D_t = W_t / max_{s ≤ t} W_s − 1.
 *
 * A one-column `ReturnTable` may be passed instead of `{ returns, dates }`: its dates label the
 * x-axis. A missing return in it is an error naming its date (drop or fill it first).
 *
 * Size cap: at most 200,000 returns (points of the curves).
 *
 * @throws {InvalidArgumentError} for fewer than 2 returns, returns ≤ −1 or non-finite, dates of
 * the wrong length, a table with more than one column or a missing value, a compounded wealth
 * that overflows the double range, or unknown options.
 * @throws {SizeLimitError} for more than 200,000 returns.
 * @example
 * ```ts
 * import { drawdownChart } from 'quantivista/charts';
 * const svg = drawdownChart({ returns: [0.1, -0.2, 0.05, 0.1] });
 * console.log(svg.includes('Maximum drawdown 20.0%')); // true
 * ```
 */
export function drawdownChart(data: DrawdownChartData | ReturnTable | TableLike, options?: ChartOptions): string {
  const fn = 'drawdownChart';
  const opts = checkOptions(fn, options, [...CHART_OPTION_KEYS]);
  if (isTableLike(data)) return drawdownChart(fromTable(fn, data), options);
  if (!data || typeof data !== 'object') throw new InvalidArgumentError(`${fn}: \`data\` must be { returns, dates? }.`, 'data', typeof data);
  checkOptions(fn, data, ['returns', 'dates']);
  const r = finiteList(fn, 'returns', data.returns, undefined, { max: CHART_CAPS.points, what: 'points' });
  if (r.length < 2) throw new InvalidArgumentError(`${fn}: \`returns\` needs at least 2 periods, got ${r.length}.`, 'returns', r.length);
  r.forEach((v, i) => {
    if (v <= -1) throw new InvalidArgumentError(`${fn}: \`returns\` entry ${i} is ${v}; a simple return must be > −1.`, 'returns', v);
  });
  const dates = data.dates;
  if (dates !== undefined && (!Array.isArray(dates) || dates.length !== r.length)) {
    throw new InvalidArgumentError(
      `${fn}: \`dates\` must have one entry per return (${r.length}).`,
      'dates',
      Array.isArray(dates) ? dates.length : typeof dates,
    );
  }
  const T = r.length;
  const wealth = new Array<number>(T + 1);
  const dd = new Array<number>(T + 1);
  wealth[0] = 1;
  dd[0] = 0;
  let peak = 1;
  let worst = 0;
  let worstAt = 0;
  for (let t = 0; t < T; t++) {
    const w = wealth[t] * (1 + r[t]);
    if (!Number.isFinite(w)) {
      throw new InvalidArgumentError(
        `${fn}: the compounded wealth overflows the double range at period ${t} (\`returns\` entry ${t} is ${r[t]}); chart log returns or a shorter window instead.`,
        'returns',
        r[t],
      );
    }
    wealth[t + 1] = w;
    if (w > peak) peak = w;
    const d = w / peak - 1;
    dd[t + 1] = d;
    if (d < worst) {
      worst = d;
      worstAt = t + 1;
    }
  }
  const f = resolveFrame(fn, opts, {
    kind: 'drawdown',
    title: 'Wealth and drawdown',
    description: `Compounded wealth over ${T} periods (final ${wealth[T].toFixed(3)}) and the underwater curve; Maximum drawdown ${(-worst * 100).toFixed(1)}%.`,
  });
  const split = 44 + (f.height - 44 - 50) * 0.6;
  const top: Plot = { left: 78, top: 44, right: f.width - 24, bottom: split - 12 };
  const bot: Plot = { left: 78, top: split + 8, right: f.width - 24, bottom: f.height - 50 };
  const X = linear(0, T, top.left, top.right);
  const wr = extent([], wealth);
  const wt = niceTicks(wr.min, wr.max, 5);
  const Yw = linear(wt.min, wt.max, top.bottom, top.top);
  const dt = niceTicks(Math.min(worst, -0.01), 0, 4);
  const Yd = linear(dt.min, 0, bot.bottom, bot.top);
  const out = openSvg(f, 'drawdown');
  out.push(...axis(f, top, 'y', wt, Yw, 'Wealth (start = 1)', false));
  out.push(...axis(f, bot, 'y', dt, Yd, 'Drawdown', true));
  // x axis on the bottom panel: period index or dates
  const xt = niceTicks(0, T, 6);
  out.push(`<g class="axis axis-x" font-size="11" fill="${f.theme.muted}">`);
  for (const v of xt.ticks) {
    if (v < 0 || v > T) continue;
    const label = dates ? String(dates[Math.max(0, Math.min(T - 1, Math.round(v) - 1))]) : String(Math.round(v));
    out.push(`<text class="tick" x="${px(X(v))}" y="${px(bot.bottom + 16)}" text-anchor="middle">${esc(label)}</text>`);
  }
  out.push(`<line class="domain" x1="${px(bot.left)}" y1="${px(bot.bottom)}" x2="${px(bot.right)}" y2="${px(bot.bottom)}" stroke="${f.theme.axis}"/>`);
  out.push(
    `<text class="axis-label" x="${px((bot.left + bot.right) / 2)}" y="${px(bot.bottom + 36)}" text-anchor="middle" font-size="12" fill="${f.theme.text}">${dates ? 'Date' : 'Period'}</text>`,
  );
  out.push('</g>');
  const line = wealth.map((w, t) => `${t ? 'L' : 'M'}${px(X(t))},${px(Yw(w))}`).join('');
  out.push(`<path class="wealth" d="${line}" fill="none" stroke="${PALETTE[0]}" stroke-width="1.8"/>`);
  const area = `M${px(X(0))},${px(Yd(0))}` + dd.map((d, t) => `L${px(X(t))},${px(Yd(d))}`).join('') + `L${px(X(T))},${px(Yd(0))}Z`;
  out.push(`<path class="underwater" d="${area}" fill="${PALETTE[3]}" fill-opacity="0.35" stroke="${PALETTE[3]}" stroke-width="1"/>`);
  out.push(`<circle class="max-drawdown" cx="${px(X(worstAt))}" cy="${px(Yd(worst))}" r="4" fill="${PALETTE[3]}"/>`);
  out.push(
    `<text x="${px(Math.min(X(worstAt) + 8, bot.right - 150))}" y="${px(Yd(worst) + 4)}" font-size="11" fill="${f.theme.text}">Maximum drawdown ${esc((-worst * 100).toFixed(1))}%</text>`,
  );
  out.push('</svg>');
  return out.join('\n');
}

/** `{ returns, dates }` from a one-column return table. */
function fromTable(fn: string, input: TableLike): DrawdownChartData {
  const t = readTable(fn, 'data', input, 'returns');
  if (t.values.cols !== 1) {
    throw new InvalidArgumentError(
      `${fn}: the table must have one column (a portfolio's returns), got ${t.values.cols}: select one with selectAssets or compute portfolioReturns first.`,
      'data',
      t.values.cols,
    );
  }
  const returns = t.values.toFloat64Array();
  const gap = returns.findIndex((v) => Number.isNaN(v));
  if (gap >= 0) throw new InvalidArgumentError(`${fn}: the return on ${t.dates[gap]} is missing; drop or fill it first.`, 'data', t.dates[gap]);
  return { returns, dates: t.dates.slice() };
}
