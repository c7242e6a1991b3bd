import { DimensionError, InvalidArgumentError } from '../core/errors.ts';
import { checkIsoDate, isoCompare } from '../core/dates.ts';
import { matrixData, toVector, type MatrixLike, type VectorLike } from '../core/matrix.ts';
import { checkSizeCap, SIZE_CAPS } from '../core/limits.ts';
import { isTableLike, tableDates, type TableLike } from '../core/table.ts';
import { checkInteger, checkOptions, checkRange, toReturnsMatrix } from '../core/validate.ts';
import { rebalanceSignal, type RebalancePolicy } from './rebalance-signal.ts';
import { checkCostModel, costOf, type CostModel } from './transaction-cost.ts';

/** Options of {@link simulateRebalancing}. */
export interface SimulateRebalancingOptions {
  /** The policy to run (see `RebalancePolicy`). */
  policy: RebalancePolicy;
  /** Cost model applied to each order (per asset traded); default no costs. */
  costs?: CostModel;
  /** Starting value (currency). Default 1,000,000. */
  initialValue?: number;
  /** ISO dates, one per price row of a matrix (required by calendar and hybrid policies); a PriceTable brings its own (given with one, they must be the table's). */
  dates?: string[];
  /** Annualise the tracking error and turnover with this many periods per year. */
  periodsPerYear?: number;
  /** Window (periods) of the current volatility for the volatility-scaled policy. Default 63. */
  volatilityWindow?: number;
}

/** Result of {@link simulateRebalancing}. */
export interface SimulateRebalancingResult {
  /** Number of rebalances (the initial purchase not counted). */
  rebalances: number;
  /** Row indices at which the portfolio was rebalanced. */
  rebalanceIndices: number[];
  /** The dates of those rows, when the dates are known (a PriceTable, or `dates`). */
  rebalanceDates?: string[];
  /** Total two-sided turnover: Σ over rebalances of Σ|trade value| / portfolio value. */
  turnover: number;
  /** Turnover per year (when `periodsPerYear` is given). */
  annualTurnover?: number;
  /** Total costs paid (currency). */
  costsPaid: number;
  /** Standard deviation (ddof = 1) of the per-period return difference to the constantly rebalanced, cost-free target mix; annualised with √periodsPerYear when given. */
  trackingError: number;
  /** Largest |weight − target| seen at any period end. */
  maxDrift: number;
  /** Value at the last row. */
  finalValue: number;
  /** finalValue / initialValue − 1. */
  totalReturn: number;
  /** Final value of the cost-free, constantly rebalanced target mix. */
  targetMixFinalValue: number;
}

/** The smallest positive normal double; prices below it are subnormal. */
const MIN_NORMAL = 2.2250738585072014e-308;

/** Index of the entry of largest magnitude. */
function largestAt(x: readonly number[]): number {
  let at = 0;
  for (let i = 1; i < x.length; i++) if (Math.abs(x[i]) > Math.abs(x[at])) at = i;
  return at;
}

/**
 * The typed error for a portfolio value, return or tracking error beyond the double range at row
 * `t`: names the price of that row with the most extreme move from the row before, and its date.
 */
function overflowAt(fn: string, p: Float64Array, n: number, t: number, dates: readonly unknown[] | undefined): InvalidArgumentError {
  let j = 0;
  let worst = -1;
  for (let i = 0; i < n; i++) {
    const move = Math.abs(Math.log(p[t * n + i]) - Math.log(p[(t - 1) * n + i]));
    if (move > worst) [j, worst] = [i, move];
  }
  const date = dates && typeof dates[t] === 'string' ? ` (${dates[t] as string})` : '';
  return new InvalidArgumentError(
    `${fn}: the portfolio value or return overflows the double range at row ${t}${date}: \`prices\` (${t}, ${j}) is ${p[t * n + j]} after ${p[(t - 1) * n + j]}; prices are expected in ordinary units, and \`initialValue\` in ordinary currency units.`,
    'prices',
    { row: t, column: j, price: p[t * n + j] },
  );
}

/** The dates of the price rows: a table's own (`given` must then repeat them), else `given`, checked. */
function readDates(fn: string, prices: unknown, table: boolean, given: string[] | undefined, T: number): string[] | undefined {
  const dates = table ? tableDates(prices) : given;
  if (table && given !== undefined) {
    // redundant with a table: accepted only when it lists the table's dates
    const g: unknown = given;
    const same = Array.isArray(g) && g.length === T && (dates as string[]).every((d, i) => g[i] === d);
    if (!same)
      throw new InvalidArgumentError(
        `${fn}: \`prices\` is a table and brings its own dates, and the \`dates\` option differs from them; leave the option out.`,
        'dates',
        'differs',
      );
  }
  if (!table && dates !== undefined) {
    if (!Array.isArray(dates) || dates.length !== T) throw new DimensionError(`${fn}: \`dates\` must have ${T} entries (one per price row).`);
    dates.forEach((d, i) => {
      checkIsoDate(fn, `dates[${i}]`, d);
      if (i > 0 && isoCompare(dates[i - 1] as string, d) >= 0)
        throw new InvalidArgumentError(`${fn}: \`dates\` must increase: ${dates[i - 1]} then ${d} at ${i}.`, 'dates', d);
    });
  }
  return dates;
}

/** Rows and columns of a price input without copying it (undefined when the shape is not recognised; the reader then reports it). */
function peekShape(x: unknown): { rows: number; cols: number } | undefined {
  if (Array.isArray(x)) {
    const r0: unknown = x[0];
    const cols = r0 !== null && typeof r0 === 'object' && typeof (r0 as { length?: unknown }).length === 'number' ? (r0 as { length: number }).length : 0;
    return { rows: x.length, cols };
  }
  if (x !== null && typeof x === 'object') {
    const m = x as { rows?: unknown; cols?: unknown; columns?: unknown };
    const cols = typeof m.cols === 'number' ? m.cols : m.columns;
    if (typeof m.rows === 'number' && typeof cols === 'number') return { rows: m.rows, cols };
  }
  return undefined;
}

/**
 * Run a rebalancing policy over a price history, so that policies can be compared (calendar vs
 * 5/25 bands vs volatility-scaled). Fractional units; the initial purchase at row 0 is free.
 * Each period the holdings drift with prices; when the policy signals (see
 * `rebalanceSignal`), every asset is traded back to target and each order pays the cost model
 * (its impact term needs `volatility` and `averageDailyVolume` in the model). Cash (target
 * weights summing below 1) earns 0.
 *
 * The volatility-scaled policy compares the portfolio's return volatility over the last
 * `volatilityWindow` periods with its volatility over all periods so far (both ddof = 1).
 *
 * Tables: `prices` may be a PriceTable `{ kind: 'prices', dates, assets, values }` (a plain
 * object will do). Its dates drive the calendar and hybrid policies (no `dates` option needed),
 * and the result reports `rebalanceDates`, the date of each rebalance, next to
 * `rebalanceIndices` (as it does when `dates` is given with a matrix). The numbers are those of
 * the table's values as a matrix, bit for bit. A ReturnTable is refused.
 *
 * Missing prices (NaN / `null`) throw, naming the row and column (the asset and date for a
 * table); there is no dropping here, since a gap would hide a rebalancing date. Subnormal prices
 * (below 2.2e-308) throw, as do prices so extreme that a value, return or the tracking error
 * would overflow the double range (the error names the price and its date).
 *
 * Size caps: at most `SIZE_CAPS.assets` (20,000) assets, `SIZE_CAPS.periods` (10,000,000)
 * periods and `SIZE_CAPS.entries` (50,000,000) periods x assets, checked before the prices are
 * copied.
 *
 * @throws {InvalidArgumentError} on non-positive, subnormal, overflowing or missing prices, a ReturnTable, targets
 * outside [0, 1] or summing above 1, calendar policies without dates, dates out of order, `dates`
 * that differ from a table's, unknown options.
 * @throws {DimensionError} when the target and prices disagree in width.
 * @throws {SizeLimitError} above a size cap.
 * @example
 * ```ts
 * import { simulateRebalancing } from 'quantivista/rebalance';
 * const prices = [[100, 100], [110, 100], [121, 100], [133.1, 100]];
 * const r = simulateRebalancing(prices, [0.5, 0.5], { policy: { type: 'threshold', bands: { type: 'absolute', width: 0.05 } }, initialValue: 1000 });
 * console.log(r.rebalances); // 1
 *
 * // A PriceTable drives a monthly calendar policy by its own dates: the first rows of February
 * // and March (rows 2 and 4) are the rebalancing dates.
 * const table = {
 *   kind: 'prices',
 *   dates: ['2024-01-30', '2024-01-31', '2024-02-01', '2024-02-29', '2024-03-01'],
 *   assets: ['AAA', 'BBB'],
 *   values: [[100, 50], [101, 50], [102, 51], [104, 51], [103, 52]],
 * };
 * const m = simulateRebalancing(table, [0.6, 0.4], { policy: { type: 'calendar', frequency: 'monthly' } });
 * console.log(m.rebalanceIndices, m.rebalanceDates); // [2, 4] ["2024-02-01", "2024-03-01"]
 * ```
 */
export function simulateRebalancing(prices: MatrixLike | TableLike, target: VectorLike, options: SimulateRebalancingOptions): SimulateRebalancingResult {
  const fn = 'simulateRebalancing';
  const opts = checkOptions(fn, options, ['policy', 'costs', 'initialValue', 'dates', 'periodsPerYear', 'volatilityWindow']);
  const table = isTableLike(prices);
  const shape = peekShape(table ? (prices as TableLike).values : prices);
  if (shape) {
    checkSizeCap(fn, 'prices (assets)', shape.cols, SIZE_CAPS.assets);
    checkSizeCap(fn, 'prices (periods)', shape.rows, SIZE_CAPS.periods);
    checkSizeCap(fn, 'prices (periods x assets)', shape.rows * shape.cols, SIZE_CAPS.entries, 'simulate a shorter history or fewer assets per call');
  }
  const P = toReturnsMatrix(fn, 'prices', prices as MatrixLike, { minRows: 2, expect: 'prices' });
  const T = P.rows;
  const n = P.cols;
  const p = matrixData(P);
  for (let k = 0; k < p.length; k++) {
    if (!(p[k] > 0)) throw new InvalidArgumentError(`${fn}: \`prices\` (${Math.floor(k / n)}, ${k % n}) is ${p[k]}; prices must be positive.`, 'prices', p[k]);
    if (p[k] < MIN_NORMAL) {
      throw new InvalidArgumentError(
        `${fn}: \`prices\` (${Math.floor(k / n)}, ${k % n}) is ${p[k]}, a subnormal double (below 2.2250738585072014e-308); prices are expected in ordinary units.`,
        'prices',
        p[k],
      );
    }
  }
  const w = toVector(target, fn, 'target');
  if (w.length !== n) throw new DimensionError(`${fn}: \`target\` must have ${n} entries (one per price column), got ${w.length}.`);
  let tsum = 0;
  w.forEach((x, i) => {
    checkRange(fn, `target[${i}]`, x, { min: 0, max: 1 });
    tsum += x;
  });
  if (tsum > 1 + 1e-9) throw new InvalidArgumentError(`${fn}: target weights sum to ${tsum}, above 1.`, 'target', tsum);
  if (!opts.policy) throw new InvalidArgumentError(`${fn}: \`policy\` is required.`, 'policy', 'undefined');
  const costs = opts.costs === undefined ? undefined : checkCostModel(fn, opts.costs, 'costs');
  const V0 = opts.initialValue === undefined ? 1e6 : checkRange(fn, 'initialValue', opts.initialValue, { min: 0, minOpen: true });
  const ppy = opts.periodsPerYear === undefined ? undefined : checkRange(fn, 'periodsPerYear', opts.periodsPerYear, { min: 0, minOpen: true });
  const window = opts.volatilityWindow === undefined ? 63 : checkInteger(fn, 'volatilityWindow', opts.volatilityWindow, 2);
  const dates = readDates(fn, prices, table, opts.dates, T);
  const needsDates = opts.policy.type === 'calendar' || opts.policy.type === 'hybrid';
  if (needsDates && dates === undefined && !('dates' in opts.policy && opts.policy.dates)) {
    throw new InvalidArgumentError(`${fn}: the ${opts.policy.type} policy needs \`dates\` (one ISO date per price row).`, 'dates', 'undefined');
  }

  const units = new Float64Array(n);
  let cash = V0 * (1 - tsum);
  for (let i = 0; i < n; i++) units[i] = (w[i] * V0) / p[i];
  let value = V0;
  let mix = V0;
  const diffs: number[] = [];
  const portRets: number[] = [];
  const rebalanceIndices: number[] = [];
  let turnover = 0;
  let costsPaid = 0;
  let maxDrift = 0;
  const weights = new Float64Array(n);
  for (let t = 1; t < T; t++) {
    let v = cash;
    let mixRet = 0;
    for (let i = 0; i < n; i++) {
      const pi = p[t * n + i];
      v += units[i] * pi;
      mixRet += w[i] * (pi / p[(t - 1) * n + i] - 1);
    }
    const r = v / value - 1;
    portRets.push(r);
    mix *= 1 + mixRet;
    if (!Number.isFinite(v) || !Number.isFinite(r) || !Number.isFinite(mix)) throw overflowAt(fn, p, n, t, dates);
    for (let i = 0; i < n; i++) {
      weights[i] = (units[i] * p[t * n + i]) / v;
      maxDrift = Math.max(maxDrift, Math.abs(weights[i] - w[i]));
    }
    let vol: { current: number; longRun: number } | undefined;
    if (opts.policy.type === 'volatility-scaled') {
      const k = portRets.length;
      const sd = (from: number): number => {
        const m = k - from;
        if (m < 2) return 0;
        let mean = 0;
        for (let s = from; s < k; s++) mean += portRets[s];
        mean /= m;
        let ss = 0;
        for (let s = from; s < k; s++) ss += (portRets[s] - mean) ** 2;
        return Math.sqrt(ss / (m - 1));
      };
      const lr = sd(0);
      vol = lr > 0 ? { current: sd(Math.max(0, k - window)), longRun: lr } : { current: 1, longRun: 1 };
    }
    const signal = rebalanceSignal({
      current: weights,
      target: w,
      policy: opts.policy,
      ...(dates ? { date: dates[t] as string, previousDate: dates[t - 1] as string } : {}),
      ...(vol ? { volatility: vol } : {}),
    });
    let vAfter = v;
    if (signal.rebalance) {
      let traded = 0;
      let cost = 0;
      for (let i = 0; i < n; i++) {
        const pi = p[t * n + i];
        const dq = (w[i] * v) / pi - units[i];
        traded += Math.abs(dq) * pi;
        if (costs) cost += costOf(fn, costs, dq, pi).total;
      }
      vAfter = v - cost;
      if (!(vAfter > 0)) throw new InvalidArgumentError(`${fn}: costs (${cost}) exceed the portfolio's value at row ${t}.`, 'costs', cost);
      for (let i = 0; i < n; i++) units[i] = (w[i] * vAfter) / p[t * n + i];
      cash = vAfter * (1 - tsum);
      turnover += traded / v;
      costsPaid += cost;
      rebalanceIndices.push(t);
    }
    // the cost of trading lowers this period's return
    const rNet = vAfter / value - 1;
    portRets[portRets.length - 1] = rNet;
    diffs.push(rNet - mixRet);
    if (!Number.isFinite(rNet - mixRet) || !Number.isFinite(turnover) || !Number.isFinite(costsPaid)) throw overflowAt(fn, p, n, t, dates);
    value = vAfter;
  }
  let mean = 0;
  for (const d of diffs) mean += d;
  mean /= diffs.length;
  let ss = 0;
  for (const d of diffs) ss += (d - mean) ** 2;
  let te = diffs.length > 1 ? Math.sqrt(ss / (diffs.length - 1)) : 0;
  if (ppy !== undefined) te *= Math.sqrt(ppy);
  if (!Number.isFinite(te)) throw overflowAt(fn, p, n, 1 + largestAt(diffs), dates);
  const years = ppy !== undefined ? (T - 1) / ppy : undefined;
  if (years !== undefined && !Number.isFinite(turnover / years)) {
    throw new InvalidArgumentError(
      `${fn}: the annual turnover overflows the double range with \`periodsPerYear\` = ${ppy}; give the number of periods in a year (252 for daily).`,
      'periodsPerYear',
      ppy,
    );
  }
  if (!Number.isFinite(value / V0 - 1)) {
    throw new InvalidArgumentError(
      `${fn}: the total return overflows the double range with \`initialValue\` = ${V0}; give the starting value in ordinary currency units.`,
      'initialValue',
      V0,
    );
  }
  return {
    rebalances: rebalanceIndices.length,
    rebalanceIndices,
    ...(dates !== undefined ? { rebalanceDates: rebalanceIndices.map((t) => dates[t] as string) } : {}),
    turnover,
    ...(years !== undefined ? { annualTurnover: turnover / years } : {}),
    costsPaid,
    trackingError: te,
    maxDrift,
    finalValue: value,
    totalReturn: value / V0 - 1,
    targetMixFinalValue: mix,
  };
}
