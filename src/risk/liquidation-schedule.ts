/**
 * Liquidity under stress: how long it takes to sell a portfolio at a capped share of volume, and
 * what the square-root market-impact model says it costs.
 *
 * @module
 */
import { checkSizeCap, SIZE_CAPS } from '../core/limits.ts';
import { InvalidArgumentError } from '../core/errors.ts';
import { toVector, type VectorLike } from '../core/matrix.ts';
import { checkInteger, checkLength, checkOptions, checkRange } from '../core/validate.ts';
import { checkAssetLabels } from './internal.ts';

/** Options of {@link liquidationSchedule}. */
export interface LiquidationScheduleOptions {
  /** Average daily volume of each asset, in the units of `positions` (shares, or money with no `prices`). Required, positive. */
  averageDailyVolume: VectorLike;
  /** Largest fraction of the (stressed) daily volume traded per day, in (0, 1]; default 0.1. */
  participation?: number;
  /** Multiplier of the daily volume under stress, > 0 (0.5 = volume halves); default 1. */
  stressFactor?: number;
  /** Daily return volatility of each asset, for the impact cost; without it no cost is computed. */
  volatility?: VectorLike;
  /** Price per unit of each asset (default 1: positions and volumes in money). */
  prices?: VectorLike;
  /** Y in the square-root law cost = Y σ √(q / V) per unit of value traded; default 1 (Tóth et al. 2011 find Y of order 1). */
  impactCoefficient?: number;
  /** Include the day-by-day schedule (rows = days, columns = assets); default true. */
  includeSchedule?: boolean;
  /** Refuse to build a schedule longer than this many days; default 10,000. */
  maxDays?: number;
  /** Asset labels; adds `byAsset`. */
  assets?: readonly string[];
}

/** One position's liquidation. */
export interface PositionLiquidation {
  /** |position| / (participation × stressFactor × ADV). */
  fractionalDays: number;
  /** ⌈fractionalDays⌉. */
  days: number;
  /** Impact cost in money (with `volatility`). */
  cost?: number;
  /** cost / |position value| (with `volatility`). */
  costFraction?: number;
}

/** Result of {@link liquidationSchedule}. */
export interface LiquidationScheduleResult {
  /** Days to liquidate the whole portfolio (positions sold in parallel): the largest position's days. */
  days: number;
  positions: PositionLiquidation[];
  /** Fraction of the portfolio's gross value liquidated by the end of each day (length `days`). */
  liquidatedFraction: number[];
  /** Total impact cost in money and as a fraction of gross value (with `volatility`). */
  totalCost?: number;
  totalCostFraction?: number;
  /** Units traded per day (rows) and asset (columns), signed like the positions (with `includeSchedule`). */
  schedule?: number[][];
  byAsset?: Record<string, PositionLiquidation>;
}

/**
 * Liquidation schedule under stress: each position is sold at no more than `participation` ×
 * `stressFactor` × ADV units per day (full days at the cap, the remainder on the last day), all
 * positions in parallel. Days per position are |q| / (participation × stressFactor × ADV) (and
 * its ceiling); the portfolio needs the largest. With `volatility`, each day's trade of q_d units
 * costs |q_d| × price × Y σ √(|q_d| / V) with V the stressed daily volume — the square-root
 * impact law (Almgren, Thum, Hauptmann & Li 2005; Tóth et al. 2011).
 *
 * NaN handling: none allowed — NaN or ±Infinity in `positions` or any per-asset option throws InvalidArgumentError.
 * A daily capacity participation × stressFactor × ADV that underflows to 0 or overflows throws.
 * Size caps: the horizon (days) ≤ `SIZE_CAPS.periods`; with the schedule, days x assets ≤ `SIZE_CAPS.entries`.
 *
 * @throws {InvalidArgumentError} for non-positive volumes or prices, participation outside (0, 1], stressFactor ≤ 0, a schedule beyond `maxDays`.
 * @throws {InvalidArgumentError} when `assets` is not an array of distinct strings (labelled records would drop a duplicate).
 * @throws {DimensionError} on length mismatches.
 * @throws {SizeLimitError} when the horizon exceeds `SIZE_CAPS.periods` (10,000,000 days) or the schedule `SIZE_CAPS.entries` (50,000,000 days x assets).
 * @example
 * ```ts
 * import { liquidationSchedule } from 'quantivista/risk';
 * const r = liquidationSchedule([1_000_000, 250_000], { averageDailyVolume: [2_000_000, 100_000], participation: 0.2, stressFactor: 0.5 });
 * console.log(r.days); // 25
 * console.log(r.positions[0].days); // 5
 * ```
 */
export function liquidationSchedule(positions: VectorLike, options: LiquidationScheduleOptions): LiquidationScheduleResult {
  const fn = 'liquidationSchedule';
  if (options === undefined) throw new InvalidArgumentError(`${fn}: \`options.averageDailyVolume\` is required.`, 'averageDailyVolume', 'undefined');
  const opts = checkOptions(fn, options, [
    'averageDailyVolume',
    'participation',
    'stressFactor',
    'volatility',
    'prices',
    'impactCoefficient',
    'includeSchedule',
    'maxDays',
    'assets',
  ]);
  const q = toVector(positions, fn, 'positions');
  const n = q.length;
  if (n === 0) throw new InvalidArgumentError(`${fn}: \`positions\` must not be empty.`, 'positions', 'empty');
  if (opts.averageDailyVolume === undefined) throw new InvalidArgumentError(`${fn}: \`averageDailyVolume\` is required.`, 'averageDailyVolume', 'undefined');
  const adv = toVector(opts.averageDailyVolume, fn, 'averageDailyVolume');
  checkLength(fn, 'averageDailyVolume', adv.length, n);
  for (let i = 0; i < n; i++)
    if (!(adv[i] > 0)) throw new InvalidArgumentError(`${fn}: \`averageDailyVolume\` must be positive; entry ${i} is ${adv[i]}.`, 'averageDailyVolume', adv[i]);
  const participation = checkRange(fn, 'participation', opts.participation ?? 0.1, { min: 0, max: 1, minOpen: true });
  const stressFactor = checkRange(fn, 'stressFactor', opts.stressFactor ?? 1, { min: 0, minOpen: true });
  const Y = checkRange(fn, 'impactCoefficient', opts.impactCoefficient ?? 1, { min: 0 });
  const maxDays = checkInteger(fn, 'maxDays', opts.maxDays ?? 10000, 1);
  const includeSchedule = opts.includeSchedule ?? true;
  const price = opts.prices === undefined ? new Float64Array(n).fill(1) : toVector(opts.prices, fn, 'prices');
  checkLength(fn, 'prices', price.length, n);
  for (let i = 0; i < n; i++)
    if (!(price[i] > 0)) throw new InvalidArgumentError(`${fn}: \`prices\` must be positive; entry ${i} is ${price[i]}.`, 'prices', price[i]);
  const vol = opts.volatility === undefined ? undefined : toVector(opts.volatility, fn, 'volatility');
  if (vol !== undefined) {
    checkLength(fn, 'volatility', vol.length, n);
    for (let i = 0; i < n; i++)
      if (!(vol[i] >= 0)) throw new InvalidArgumentError(`${fn}: \`volatility\` must be non-negative; entry ${i} is ${vol[i]}.`, 'volatility', vol[i]);
  }
  if (opts.assets !== undefined) checkAssetLabels(fn, opts.assets, n);

  const cap = Array.from({ length: n }, (_, i) => participation * stressFactor * adv[i]);
  for (let i = 0; i < n; i++) {
    if (!(cap[i] > 0 && Number.isFinite(cap[i]))) {
      throw new InvalidArgumentError(
        `${fn}: the daily capacity participation × stressFactor × averageDailyVolume of entry ${i} is ${cap[i]}; it must be a positive finite number (the factors under- or overflow).`,
        'participation',
        cap[i],
      );
    }
  }
  const res: PositionLiquidation[] = [];
  let days = 0;
  let gross = 0;
  let totalCost = 0;
  for (let i = 0; i < n; i++) {
    const a = Math.abs(q[i]);
    gross += a * price[i];
    const fractionalDays = a / cap[i];
    const d = Math.ceil(fractionalDays);
    days = Math.max(days, d);
    const r: PositionLiquidation = { fractionalDays, days: d };
    if (vol !== undefined) {
      const V = stressFactor * adv[i];
      const full = Math.floor(fractionalDays);
      const rest = a - full * cap[i];
      const unitCost = (x: number): number => x * price[i] * Y * vol[i] * Math.sqrt(x / V);
      const cost = full * unitCost(cap[i]) + (rest > 0 ? unitCost(rest) : 0);
      r.cost = cost;
      r.costFraction = a > 0 ? cost / (a * price[i]) : 0;
      totalCost += cost;
    }
    res.push(r);
  }
  if (includeSchedule && days > maxDays) {
    throw new InvalidArgumentError(
      `${fn}: liquidation takes ${days} days, more than \`maxDays\` (${maxDays}); raise it or pass \`includeSchedule: false\`.`,
      'maxDays',
      maxDays,
    );
  }
  // one liquidatedFraction entry per day (and a row of n per day with the schedule): refuse sizes no machine holds
  checkSizeCap(
    fn,
    'days (liquidation horizon)',
    days,
    SIZE_CAPS.periods,
    'raise `participation` or `stressFactor`, or check `positions` against `averageDailyVolume`',
  );
  if (includeSchedule) checkSizeCap(fn, 'days x assets (schedule)', days * n, SIZE_CAPS.entries, 'pass `includeSchedule: false`');
  const liquidatedFraction: number[] = [];
  const schedule: number[][] = [];
  const remaining = Array.from(q, (v) => Math.abs(v));
  let sold = 0;
  for (let d = 0; d < days; d++) {
    const row = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) {
      const x = Math.min(remaining[i], cap[i]);
      remaining[i] = remaining[i] - x;
      if (d === (res[i] as PositionLiquidation).days - 1) remaining[i] = 0;
      row[i] = Math.sign(q[i]) * x;
      sold += x * price[i];
    }
    if (includeSchedule) schedule.push(row);
    liquidatedFraction.push(gross > 0 ? Math.min(1, sold / gross) : 1);
  }
  const out: LiquidationScheduleResult = { days, positions: res, liquidatedFraction };
  if (vol !== undefined) {
    out.totalCost = totalCost;
    out.totalCostFraction = gross > 0 ? totalCost / gross : 0;
  }
  if (includeSchedule) out.schedule = schedule;
  if (opts.assets !== undefined) {
    const labels = opts.assets;
    out.byAsset = Object.fromEntries(labels.map((a, i) => [a, res[i] as PositionLiquidation]));
  }
  return out;
}
