import { DimensionError, InvalidArgumentError } from '../core/errors.ts';
import { toVector, type VectorLike } from '../core/matrix.ts';
import { checkOptions, checkRange } from '../core/validate.ts';
import { bandThreshold, checkBand, type Band } from './bands.ts';

/** A group of assets with its own band on the group's total weight. */
export interface DriftGroup {
  name: string;
  /** Asset indices, or names when `assets` is given. */
  assets: Array<number | string>;
  band: Band;
}

/** Options of {@link driftReport}. */
export interface DriftReportOptions {
  /** One band for every asset, or one per asset. */
  bands: Band | Band[];
  /** Bands on groups' total weights (sector, asset class, ...). */
  groups?: DriftGroup[];
  /** Asset names, for labels and for naming group members. */
  assets?: string[];
  /** Multiplies every threshold (e.g. volatility scaling); default 1. */
  scale?: number;
}

/** One asset's (or group's) drift. */
export interface DriftEntry {
  /** Asset index (−1 for a group). */
  index: number;
  /** Asset or group name (the index as a string when no names were given). */
  name: string;
  current: number;
  target: number;
  /** current − target (positive = overweight). */
  drift: number;
  /** The band's threshold for this target. */
  threshold: number;
  /** |drift| > threshold. */
  breached: boolean;
  /** |drift| − threshold: how far past the band (negative = room left). */
  excess: number;
}

/** Result of {@link driftReport}. */
export interface DriftReport {
  assets: DriftEntry[];
  groups: DriftEntry[];
  /** Every breached asset and group. */
  breaches: DriftEntry[];
  /** True when anything breaches. */
  anyBreach: boolean;
  /** Largest |drift| over the assets. */
  maxAbsoluteDrift: number;
}

/** Resolve group members to indices. @internal */
export function groupIndices(fn: string, g: DriftGroup, names: string[] | undefined, n: number, arg: string): number[] {
  if (!Array.isArray(g.assets) || g.assets.length === 0)
    throw new InvalidArgumentError(`${fn}: \`${arg}.assets\` must be a non-empty array.`, `${arg}.assets`, typeof g.assets);
  return g.assets.map((a) => {
    if (typeof a === 'number') {
      if (!Number.isInteger(a) || a < 0 || a >= n)
        throw new InvalidArgumentError(`${fn}: \`${arg}.assets\` index ${a} is outside 0..${n - 1}.`, `${arg}.assets`, a);
      return a;
    }
    const k = names ? names.indexOf(a) : -1;
    if (k < 0) throw new InvalidArgumentError(`${fn}: \`${arg}.assets\` names ${JSON.stringify(a)}, which is not in \`assets\`.`, `${arg}.assets`, a);
    return k;
  });
}

/**
 * Per-asset drift from target and which assets (and groups) breach their tolerance bands.
 *
 * Drift is current − target in weight (percentage points as decimals). Bands: `absolute`
 * (|drift| > width), `relative` (|drift| > width · |target|) and `hybrid`
 * (|drift| > min(absolute, relative · |target|) — with `{ absolute: 0.05, relative: 0.25 }` the
 * "5/25 rule"). A drift exactly at the threshold does not breach (a 1e-12 allowance absorbs
 * rounding). Group bands apply to the summed weights of their members.
 *
 * NaN or ±Infinity anywhere in the weights or bands throws; nothing is skipped.
 *
 * @throws {DimensionError} when `current`, `target`, per-asset bands or names differ in length.
 * @throws {InvalidArgumentError} for bad bands, unknown group members or options.
 * @example
 * ```ts
 * import { driftReport } from 'quantivista/rebalance';
 * const r = driftReport([0.66, 0.34], [0.6, 0.4], { bands: { type: 'hybrid', absolute: 0.05, relative: 0.25 }, assets: ['Stocks', 'Bonds'] });
 * console.log(r.breaches.map((b) => b.name)); // ["Stocks", "Bonds"]
 * console.log(r.assets[0]?.threshold); // 0.05
 * ```
 */
export function driftReport(current: VectorLike, target: VectorLike, options: DriftReportOptions): DriftReport {
  const fn = 'driftReport';
  const opts = checkOptions(fn, options, ['bands', 'groups', 'assets', 'scale']);
  const c = toVector(current, fn, 'current');
  const t = toVector(target, fn, 'target');
  const n = c.length;
  if (n === 0) throw new InvalidArgumentError(`${fn}: \`current\` must not be empty.`, 'current', 0);
  if (t.length !== n) throw new DimensionError(`${fn}: \`target\` must have ${n} entries, got ${t.length}.`);
  if (opts.bands === undefined) throw new InvalidArgumentError(`${fn}: \`bands\` is required.`, 'bands', 'undefined');
  const bands: Band[] = Array.isArray(opts.bands)
    ? opts.bands.map((b, i) => checkBand(fn, `bands[${i}]`, b))
    : new Array(n).fill(checkBand(fn, 'bands', opts.bands));
  if (bands.length !== n) throw new DimensionError(`${fn}: \`bands\` must have one band per asset (${n}), got ${bands.length}.`);
  const names = opts.assets;
  if (names !== undefined && (!Array.isArray(names) || names.length !== n)) throw new DimensionError(`${fn}: \`assets\` must have ${n} names.`);
  const scale = opts.scale === undefined ? 1 : checkRange(fn, 'scale', opts.scale, { min: 0 });
  const entry = (index: number, name: string, cur: number, tar: number, band: Band): DriftEntry => {
    const drift = cur - tar;
    const threshold = bandThreshold(band, tar, scale);
    const excess = Math.abs(drift) - threshold;
    return { index, name, current: cur, target: tar, drift, threshold, breached: excess > 1e-12, excess };
  };
  const assets: DriftEntry[] = [];
  let maxAbsoluteDrift = 0;
  for (let i = 0; i < n; i++) {
    const e = entry(i, names ? (names[i] as string) : String(i), c[i], t[i], bands[i] as Band);
    maxAbsoluteDrift = Math.max(maxAbsoluteDrift, Math.abs(e.drift));
    assets.push(e);
  }
  const groups: DriftEntry[] = (opts.groups ?? []).map((g, k) => {
    const arg = `groups[${k}]`;
    if (!g || typeof g !== 'object') throw new InvalidArgumentError(`${fn}: \`${arg}\` must be { name, assets, band }.`, arg, typeof g);
    checkOptions(fn, g, ['name', 'assets', 'band']);
    const idx = groupIndices(fn, g, names, n, arg);
    let cur = 0;
    let tar = 0;
    for (const i of idx) {
      cur += c[i];
      tar += t[i];
    }
    return entry(-1, String(g.name), cur, tar, checkBand(fn, `${arg}.band`, g.band));
  });
  const breaches = [...assets, ...groups].filter((e) => e.breached);
  return { assets, groups, breaches, anyBreach: breaches.length > 0, maxAbsoluteDrift };
}
