import { InvalidArgumentError } from '../core/errors.ts';
import { checkIsoDate, isoCompare } from '../core/dates.ts';
import type { VectorLike } from '../core/matrix.ts';
import { checkOneOf, checkOptions, checkRange } from '../core/validate.ts';
import type { Band } from './bands.ts';
import { driftReport, type DriftGroup, type DriftReport } from './drift-report.ts';

/** Calendar frequencies: rebalance on the first observation of a new month, quarter or year. */
export type CalendarFrequency = 'monthly' | 'quarterly' | 'annual';

/**
 * A rebalancing policy (plain data):
 * - `threshold`: rebalance when any asset or group breaches its band.
 * - `calendar`: rebalance on calendar dates: the first observation of each new month / quarter /
 *   year (`frequency`, comparing `date` with `previousDate`), or exactly on the listed `dates`.
 * - `volatility-scaled`: threshold bands multiplied by (current volatility / long-run
 *   volatility), clamped to [`minScale`, `maxScale`] (defaults 0.5 and 2): wider bands in
 *   turbulent markets, when drift is noisy and trading dear; narrower in calm ones.
 * - `hybrid`: check only on calendar dates, and rebalance then only if a band is breached.
 */
export type RebalancePolicy =
  | { type: 'threshold'; bands: Band | Band[]; groups?: DriftGroup[] }
  | { type: 'calendar'; frequency?: CalendarFrequency; dates?: string[] }
  | { type: 'volatility-scaled'; bands: Band | Band[]; groups?: DriftGroup[]; minScale?: number; maxScale?: number }
  | { type: 'hybrid'; bands: Band | Band[]; groups?: DriftGroup[]; frequency?: CalendarFrequency; dates?: string[] };

/** Input of {@link rebalanceSignal}. */
export interface RebalanceSignalInput {
  current: VectorLike;
  target: VectorLike;
  policy: RebalancePolicy;
  /** Today's date (calendar and hybrid policies). */
  date?: string;
  /** The previous observation's date (calendar frequencies). */
  previousDate?: string;
  /** `{ current, longRun }` volatilities in the same unit (volatility-scaled policy). */
  volatility?: { current: number; longRun: number };
  /** Asset names (for labels and group members). */
  assets?: string[];
}

/** Result of {@link rebalanceSignal}. */
export interface RebalanceSignal {
  /** Whether to rebalance now. */
  rebalance: boolean;
  /** Why, in words. */
  reason: string;
  /** Whether today is a calendar rebalancing date (calendar and hybrid policies). */
  calendarDate?: boolean;
  /** The band multiplier used (volatility-scaled policy). */
  scale?: number;
  /** The drift report (policies with bands). */
  drift?: DriftReport;
}

function periodKey(date: string, f: CalendarFrequency): string {
  const y = date.slice(0, 4);
  const m = Number(date.slice(5, 7));
  if (f === 'annual') return y;
  if (f === 'quarterly') return `${y}Q${Math.floor((m - 1) / 3) + 1}`;
  return `${y}-${m}`;
}

/** A drift as percentage points with two decimals; a drift too large to scale by 100 is shown as a fraction instead (never "Infinity pp"). */
function percentagePoints(drift: number): string {
  const pp = drift * 100;
  return Number.isFinite(pp) ? `${pp.toFixed(2)} pp` : `${drift.toPrecision(3)} (as a fraction)`;
}

function isCalendarDate(fn: string, p: { frequency?: CalendarFrequency; dates?: string[] }, input: RebalanceSignalInput): boolean {
  const date = checkIsoDate(fn, 'date', input.date);
  if (p.dates !== undefined) {
    if (!Array.isArray(p.dates)) throw new InvalidArgumentError(`${fn}: \`policy.dates\` must be an array of ISO dates.`, 'policy.dates', typeof p.dates);
    p.dates.forEach((d, i) => checkIsoDate(fn, `policy.dates[${i}]`, d));
    return p.dates.includes(date);
  }
  const f = checkOneOf(fn, 'policy.frequency', p.frequency ?? 'quarterly', ['monthly', 'quarterly', 'annual']);
  const prev = checkIsoDate(fn, 'previousDate', input.previousDate);
  if (isoCompare(prev, date) >= 0) {
    throw new InvalidArgumentError(`${fn}: \`previousDate\` (${prev}) must be before \`date\` (${date}).`, 'previousDate', prev);
  }
  return periodKey(prev, f) !== periodKey(date, f);
}

/**
 * Decide whether to rebalance today under a policy: threshold bands, calendar dates,
 * volatility-scaled bands, or the hybrid (calendar check, trade only past the bands). See
 * {@link RebalancePolicy} for each policy's rule.
 *
 * NaN or ±Infinity in the weights, bands or volatilities throws; nothing is skipped.
 *
 * @throws {InvalidArgumentError} for an unknown policy, missing dates (calendar, hybrid) or
 * volatilities (volatility-scaled), `previousDate` not before `date`, and everything
 * {@link driftReport} throws.
 * @example
 * ```ts
 * import { rebalanceSignal } from 'quantivista/rebalance';
 * const s = rebalanceSignal({
 *   current: [0.62, 0.38], target: [0.6, 0.4],
 *   policy: { type: 'hybrid', frequency: 'quarterly', bands: { type: 'absolute', width: 0.05 } },
 *   date: '2024-04-01', previousDate: '2024-03-28',
 * });
 * console.log(s.calendarDate, s.rebalance); // true false
 * ```
 */
export function rebalanceSignal(input: RebalanceSignalInput): RebalanceSignal {
  const fn = 'rebalanceSignal';
  if (input === undefined)
    throw new InvalidArgumentError(`${fn}: expected an input object { current, target, policy, ... }, got undefined.`, 'input', 'undefined');
  checkOptions(fn, input, ['current', 'target', 'policy', 'date', 'previousDate', 'volatility', 'assets']);
  const p = input.policy;
  if (!p || typeof p !== 'object') throw new InvalidArgumentError(`${fn}: \`policy\` must be a policy object.`, 'policy', typeof p);
  const type = checkOneOf(fn, 'policy.type', p.type, ['threshold', 'calendar', 'volatility-scaled', 'hybrid']);
  const report = (bands: Band | Band[], groups: DriftGroup[] | undefined, scale: number): DriftReport =>
    driftReport(input.current, input.target, { bands, scale, ...(groups ? { groups } : {}), ...(input.assets ? { assets: input.assets } : {}) });
  const breachText = (d: DriftReport): string =>
    d.anyBreach
      ? `${d.breaches.length} band breach${d.breaches.length > 1 ? 'es' : ''}: ${d.breaches.map((b) => `${b.name} ${percentagePoints(b.drift)}`).join(', ')}`
      : 'every weight within its band';
  switch (type) {
    case 'threshold': {
      checkOptions(fn, p, ['type', 'bands', 'groups']);
      const q = p as Extract<RebalancePolicy, { type: 'threshold' }>;
      const drift = report(q.bands, q.groups, 1);
      return { rebalance: drift.anyBreach, reason: breachText(drift), drift };
    }
    case 'calendar': {
      checkOptions(fn, p, ['type', 'frequency', 'dates']);
      const q = p as Extract<RebalancePolicy, { type: 'calendar' }>;
      const cal = isCalendarDate(fn, q, input);
      return { rebalance: cal, calendarDate: cal, reason: cal ? `calendar date ${input.date}` : `not a calendar date (${input.date})` };
    }
    case 'volatility-scaled': {
      checkOptions(fn, p, ['type', 'bands', 'groups', 'minScale', 'maxScale']);
      const q = p as Extract<RebalancePolicy, { type: 'volatility-scaled' }>;
      const v = input.volatility;
      if (!v || typeof v !== 'object')
        throw new InvalidArgumentError(`${fn}: the volatility-scaled policy needs \`volatility: { current, longRun }\`.`, 'volatility', typeof v);
      checkOptions(fn, v, ['current', 'longRun']);
      const cur = checkRange(fn, 'volatility.current', v.current, { min: 0 });
      const lr = checkRange(fn, 'volatility.longRun', v.longRun, { min: 0, minOpen: true });
      const lo = q.minScale === undefined ? 0.5 : checkRange(fn, 'policy.minScale', q.minScale, { min: 0 });
      const hi = q.maxScale === undefined ? 2 : checkRange(fn, 'policy.maxScale', q.maxScale, { min: lo });
      const scale = Math.min(hi, Math.max(lo, cur / lr));
      const drift = report(q.bands, q.groups, scale);
      return { rebalance: drift.anyBreach, reason: `${breachText(drift)} (bands × ${scale.toFixed(3)})`, scale, drift };
    }
    default: {
      checkOptions(fn, p, ['type', 'bands', 'groups', 'frequency', 'dates']);
      const q = p as Extract<RebalancePolicy, { type: 'hybrid' }>;
      const cal = isCalendarDate(fn, q, input);
      const drift = report(q.bands, q.groups, 1);
      const rebalance = cal && drift.anyBreach;
      const reason = cal ? `calendar date ${input.date}; ${breachText(drift)}` : `not a calendar date (${input.date})`;
      return { rebalance, calendarDate: cal, reason, drift };
    }
  }
}
