import { DimensionError, InvalidArgumentError } from '../core/errors.ts';
import { toVector, type VectorLike } from '../core/matrix.ts';
import { readHoldings, type Holdings } from '../core/holdings.ts';
import { checkOptions, checkRange } from '../core/validate.ts';
import { isWeightRecord } from '../core/weight-record.ts';
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

function isHoldingsInput(x: unknown): x is Holdings {
  return !!x && typeof x === 'object' && !Array.isArray(x) && Array.isArray((x as { positions?: unknown }).positions);
}

/**
 * The vector arguments of {@link driftReport} for Holdings: current weights (weight given, or market
 * value / NAV) in the order of `options.assets`, else of the target record's keys followed by the
 * held assets it does not name (target 0). @internal
 */
function holdingsDriftArgs(
  fn: string,
  holdings: Holdings,
  target: Readonly<Record<string, number>> | VectorLike,
  options: DriftReportOptions,
): { current: number[]; target: VectorLike; options: DriftReportOptions } {
  const book = readHoldings(fn, 'current', holdings);
  const held = new Map(book.positions.map((p) => [p.asset, p.weight ?? 0]));
  const record = isWeightRecord(target) ? target : undefined;
  let names = options?.assets;
  if (names === undefined) {
    if (!record) throw new InvalidArgumentError(`${fn}: with Holdings and a target vector, \`assets\` must name the target's entries.`, 'assets', 'undefined');
    names = [...Object.keys(record), ...[...held.keys()].filter((a) => !Object.hasOwn(record, a))];
  }
  const listed = new Set(names);
  for (const a of held.keys()) {
    if (!listed.has(a)) throw new InvalidArgumentError(`${fn}: held asset ${JSON.stringify(a)} is not in \`assets\`.`, 'assets', a);
  }
  const t = record ? names.map((a) => (Object.hasOwn(record, a) ? (record[a] as number) : 0)) : (target as VectorLike);
  return { current: names.map((a) => held.get(a) ?? 0), target: t, options: { ...options, assets: names } };
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
 * NaN or ±Infinity anywhere in the weights or bands throws, and so do weights so large that a
 * drift, a group's sum or a threshold overflows; nothing is skipped.
 *
 * Holdings: `current` may be a {@link Holdings} (e.g. `valuePortfolio(...).holdings`); the current
 * weights are then the positions' weights of NAV (cash included), and `target` a record of weights
 * by ticker (held assets it omits have target 0) or a vector ordered as `assets`.
 *
 * @throws {DimensionError} when `current`, `target`, per-asset bands or names differ in length.
 * @throws {InvalidArgumentError} for bad bands, `groups` that is not an array, a group without a
 * string `name`, unknown group members, names that are not strings, an overflowing drift, or
 * unknown options.
 * @example
 * ```ts
 * import { driftReport } from 'quantivista/rebalance';
 * const r = driftReport([0.66, 0.34], [0.6, 0.4], { bands: { type: 'hybrid', absolute: 0.05, relative: 0.25 }, assets: ['Stocks', 'Bonds'] });
 * console.log(r.breaches.map((b) => b.name)); // ["Stocks", "Bonds"]
 * console.log(r.assets[0]?.threshold); // 0.05
 * // the same drift from holdings: 6,600 in stocks and 3,400 in bonds are weights 0.66 and 0.34
 * const h = { positions: [{ asset: 'Stocks', marketValue: 6600 }, { asset: 'Bonds', marketValue: 3400 }] };
 * const d = driftReport(h, { Stocks: 0.6, Bonds: 0.4 }, { bands: { type: 'hybrid', absolute: 0.05, relative: 0.25 } });
 * console.log(d.breaches.map((b) => b.name), d.assets[1]?.current); // ["Stocks", "Bonds"] 0.34
 * ```
 */
export function driftReport(current: Holdings, target: Readonly<Record<string, number>> | VectorLike, options: DriftReportOptions): DriftReport;
export function driftReport(current: VectorLike, target: VectorLike, options: DriftReportOptions): DriftReport;
export function driftReport(current: VectorLike | Holdings, target: Readonly<Record<string, number>> | VectorLike, options: DriftReportOptions): DriftReport {
  const fn = 'driftReport';
  if (isHoldingsInput(current)) {
    const a = holdingsDriftArgs(fn, current, target, options);
    return driftReport(a.current, a.target, a.options);
  }
  if (isWeightRecord(target)) {
    throw new InvalidArgumentError(
      `${fn}: a \`target\` record by ticker needs \`current\` as Holdings; with a weight vector give \`target\` as a vector too.`,
      'target',
      'record',
    );
  }
  const opts = checkOptions(fn, options, ['bands', 'groups', 'assets', 'scale']);
  const c = toVector(current, fn, 'current');
  const t = toVector(target as VectorLike, fn, 'target');
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
  names?.forEach((a, i) => {
    if (typeof a !== 'string') throw new InvalidArgumentError(`${fn}: \`assets[${i}]\` must be a string name, got ${typeof a}.`, `assets[${i}]`, typeof a);
  });
  if (opts.groups !== undefined && !Array.isArray(opts.groups)) {
    throw new InvalidArgumentError(`${fn}: \`groups\` must be an array of { name, assets, band }, got ${typeof opts.groups}.`, 'groups', typeof opts.groups);
  }
  const scale = opts.scale === undefined ? 1 : checkRange(fn, 'scale', opts.scale, { min: 0 });
  const entry = (index: number, name: string, cur: number, tar: number, band: Band): DriftEntry => {
    const drift = cur - tar;
    const threshold = bandThreshold(band, tar, scale);
    const excess = Math.abs(drift) - threshold;
    if (!Number.isFinite(drift) || !Number.isFinite(threshold) || !Number.isFinite(cur) || !Number.isFinite(tar)) {
      throw new InvalidArgumentError(
        `${fn}: the drift of ${name} is not finite (current ${cur}, target ${tar}, threshold ${threshold}); weights this large overflow.`,
        index < 0 ? 'groups' : 'current',
        drift,
      );
    }
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
    if (typeof g.name !== 'string' || g.name === '') {
      throw new InvalidArgumentError(`${fn}: \`${arg}.name\` must be a non-empty string, got ${typeof g.name}.`, `${arg}.name`, typeof g.name);
    }
    const idx = groupIndices(fn, g, names, n, arg);
    let cur = 0;
    let tar = 0;
    for (const i of idx) {
      cur += c[i];
      tar += t[i];
    }
    return entry(-1, g.name, cur, tar, checkBand(fn, `${arg}.band`, g.band));
  });
  const breaches = [...assets, ...groups].filter((e) => e.breached);
  return { assets, groups, breaches, anyBreach: breaches.length > 0, maxAbsoluteDrift };
}
