/**
 * Internal: parsing and validation of the shared portfolio constraint options, one named reader
 * per kind (asset names, groups, linear rows, the turnover / transaction-cost / leverage split,
 * the volatility and tracking-error limits), plus the covariance, expected-return and risk-free
 * rate readers of the optimisers.
 *
 * @internal
 * @module
 */
import { DimensionError, InvalidArgumentError } from '../core/errors.ts';
import { SIZE_CAPS, checkSizeCap } from '../core/limits.ts';
import { toVector, type MatrixLike, type VectorLike } from '../core/matrix.ts';
import { checkFinite, checkInteger, checkOptions, checkRange } from '../core/validate.ts';
import { readBoxBounds } from '../core/read-input.ts';
import { readCovariance as readCovarianceAs, withMomentsAssets, type Moments } from '../core/covariance-reader.ts';
import { assetName, num, type ParsedConstraints, type PortfolioConstraints, type Row } from './constraint-types.ts';
import { type GroupSet, precheck } from './constraint-precheck.ts';

function readVector(fn: string, arg: string, v: unknown, n: number): Float64Array {
  const out = toVector(v as VectorLike, fn, arg);
  if (out.length !== n) throw new DimensionError(`${fn}: \`${arg}\` must have ${n} entries (one per asset), got ${out.length}.`);
  return out;
}

function plainObject(fn: string, arg: string, v: unknown, keys: readonly string[]): Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v))
    throw new InvalidArgumentError(`${fn}: \`${arg}\` must be an object, got ${Array.isArray(v) ? 'an array' : String(v)}.`, arg, typeof v);
  for (const k of Object.keys(v)) {
    if (!keys.includes(k))
      throw new InvalidArgumentError(
        `${fn}: \`${arg}\` has an unknown key \`${k}\`; known keys are ${keys.map((x) => `\`${x}\``).join(', ')}.`,
        `${arg}.${k}`,
        k,
      );
  }
  return v as Record<string, unknown>;
}

/**
 * Internal: the size cap of a matrix input (or of a `Moments`' covariance), checked on its row
 * count before anything is converted or allocated. `cap` defaults to `SIZE_CAPS.denseAssets`
 * (O(n³) work); an input whose size cannot be read is left to the converters' own checks.
 * With `square` (a covariance or a QP's Q), an input whose row count and first row's length (or
 * `cols` / `columns`) disagree is refused as non-square first, in O(1): a 100,000-row "covariance"
 * of two columns is a shape error, found before its rows are converted.
 * @throws {DimensionError} with `square`, when the readable shape is not square.
 * @throws {SizeLimitError} when the input has more than `cap` rows.
 * @internal
 */
export function checkMatrixCap(fn: string, arg: string, input: unknown, cap: number = SIZE_CAPS.denseAssets, square = false): void {
  let raw = input;
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw) && 'covariance' in raw) raw = (raw as { covariance: unknown }).covariance;
  if (raw === null || typeof raw !== 'object') return;
  const rows = 'rows' in raw ? (raw as { rows: unknown }).rows : (raw as { length?: unknown }).length;
  if (square && typeof rows === 'number' && rows > 0) {
    const cols = squareCols(raw);
    if (cols !== undefined && cols !== rows) throw new DimensionError(`${fn}: \`${arg}\` must be square, got ${rows} x ${cols}.`);
  }
  if (typeof rows === 'number') checkSizeCap(fn, arg, rows, cap, cap === SIZE_CAPS.denseAssets ? 'the O(n³) solve would take too long' : undefined);
}

/** The column count of a matrix-like input as far as it can be read in O(1) without calling user code, else undefined. */
function squareCols(raw: object): number | undefined {
  if (Array.isArray(raw)) {
    const first: unknown = raw[0];
    const len = Array.isArray(first) || ArrayBuffer.isView(first) ? (first as { length?: unknown }).length : undefined;
    return typeof len === 'number' ? len : undefined;
  }
  const d = Object.getOwnPropertyDescriptor(raw, 'cols') ?? Object.getOwnPropertyDescriptor(raw, 'columns');
  return d !== undefined && 'value' in d && typeof d.value === 'number' ? d.value : undefined;
}

/**
 * Convert and check a covariance matrix (or the covariance of a `Moments`) with the optimisers'
 * policy (see `readCovariance` in core); returns its exactly symmetric flat copy, its size, and
 * the `Moments`' labels and expected returns when one was given.
 */
export function readCovariance(
  fn: string,
  cov: MatrixLike | Moments,
  cap: number = SIZE_CAPS.denseAssets,
): { n: number; S: Float64Array; assets: readonly string[] | null; mu: Float64Array | null } {
  checkMatrixCap(fn, 'cov', cov, cap, true);
  const r = readCovarianceAs(fn, 'cov', cov, 'optimize');
  return { n: r.n, S: r.data, assets: r.assets, mu: r.mu };
}

/** Convert and check expected returns of length n. */
export function readMu(fn: string, mu: VectorLike, n: number): Float64Array {
  const m = readVector(fn, 'mu', mu, n);
  for (let i = 0; i < n; i++) {
    // μᵀw and the objective's products must stay finite (as the covariance's 1e150 bound)
    if (Math.abs(m[i] as number) > 1e150) {
      throw new InvalidArgumentError(
        `${fn}: \`mu\` entry ${i} is ${m[i]}; above 1e150 in magnitude the arithmetic overflows double precision (expected returns are per period, as fractions).`,
        'mu',
        m[i],
      );
    }
  }
  return m;
}

/** Risk-free rate option check. */
export function readRiskFreeRate(fn: string, v: unknown): number {
  return v === undefined ? 0 : checkFinite(fn, 'riskFreeRate', v);
}

/** `assets`: n unique names, or null when not given. */
function readAssetNames(fn: string, n: number, a: unknown): readonly string[] | null {
  if (a === undefined) return null;
  if (!Array.isArray(a) || a.length !== n || a.some((s) => typeof s !== 'string')) {
    throw new InvalidArgumentError(
      `${fn}: \`assets\` must be an array of ${n} strings (one name per asset).`,
      'assets',
      Array.isArray(a) ? a.length : typeof a,
    );
  }
  if (new Set(a).size !== n) throw new InvalidArgumentError(`${fn}: \`assets\` names must be unique.`, 'assets', 'duplicates');
  return a as readonly string[];
}

/** The asset indices of `groups[k]` (indices or names), each at most once. */
function readGroupAssets(fn: string, n: number, assets: readonly string[] | null, k: number, name: string, list: unknown): number[] {
  if (!Array.isArray(list) || list.length === 0)
    throw new InvalidArgumentError(
      `${fn}: \`groups[${k}].assets\` (group '${name}') must be a non-empty array of asset indices or names.`,
      `groups[${k}].assets`,
      typeof list,
    );
  const idx: number[] = [];
  for (const a of list as unknown[]) {
    let i: number;
    if (typeof a === 'string') {
      if (assets === null)
        throw new InvalidArgumentError(`${fn}: group '${name}' names asset '${a}', but no \`assets\` names were given.`, `groups[${k}].assets`, a);
      i = assets.indexOf(a);
      if (i < 0) throw new InvalidArgumentError(`${fn}: group '${name}' names an unknown asset '${a}'.`, `groups[${k}].assets`, a);
    } else {
      i = checkInteger(fn, `groups[${k}].assets`, a, 0, n - 1);
    }
    if (idx.includes(i)) throw new InvalidArgumentError(`${fn}: group '${name}' lists asset ${assetName({ assets }, i)} twice.`, `groups[${k}].assets`, i);
    idx.push(i);
  }
  return idx;
}

/** `groups`: one row per group (appended to `rows`) and the groups as index sets for the pre-checks. */
function readGroups(fn: string, n: number, assets: readonly string[] | null, groups: unknown, rows: Row[]): GroupSet[] {
  const groupSets: GroupSet[] = [];
  if (groups === undefined) return groupSets;
  if (!Array.isArray(groups)) throw new InvalidArgumentError(`${fn}: \`groups\` must be an array of { name, assets, min?, max? }.`, 'groups', typeof groups);
  groups.forEach((g0, k) => {
    const g = plainObject(fn, `groups[${k}]`, g0, ['name', 'assets', 'min', 'max']);
    if (typeof g.name !== 'string' || g.name === '')
      throw new InvalidArgumentError(`${fn}: \`groups[${k}].name\` must be a non-empty string.`, `groups[${k}].name`, typeof g.name);
    const name = g.name;
    const idx = readGroupAssets(fn, n, assets, k, name, g.assets);
    const min = g.min === undefined ? -Infinity : checkFinite(fn, `groups[${k}].min`, g.min);
    const max = g.max === undefined ? Infinity : checkFinite(fn, `groups[${k}].max`, g.max);
    if (g.min === undefined && g.max === undefined) throw new InvalidArgumentError(`${fn}: group '${name}' needs \`min\` or \`max\`.`, `groups[${k}]`, name);
    if (min > max) throw new InvalidArgumentError(`${fn}: group '${name}' minimum (${min}) exceeds its maximum (${max}).`, `groups[${k}].min`, min);
    const coef = new Float64Array(n);
    for (const i of idx) coef[i] = 1;
    rows.push({
      coef,
      lower: min,
      upper: max,
      lowerText: `group '${name}' minimum ${num(min)}`,
      upperText: `group '${name}' maximum ${num(max)}`,
      kind: 'group',
    });
    groupSets.push({ name, idx, min, max });
  });
  return groupSets;
}

/** `linear`: one row per general linear constraint, appended to `rows`. */
function readLinear(fn: string, n: number, linear: unknown, rows: Row[]): void {
  if (linear === undefined) return;
  if (!Array.isArray(linear))
    throw new InvalidArgumentError(`${fn}: \`linear\` must be an array of { coefficients, lower?, upper?, name? }.`, 'linear', typeof linear);
  linear.forEach((r0, k) => {
    const r = plainObject(fn, `linear[${k}]`, r0, ['coefficients', 'lower', 'upper', 'name']);
    const coef = readVector(fn, `linear[${k}].coefficients`, r.coefficients, n);
    const name = r.name === undefined ? `linear constraint ${k}` : typeof r.name === 'string' ? `linear constraint '${r.name}'` : '';
    if (name === '') throw new InvalidArgumentError(`${fn}: \`linear[${k}].name\` must be a string.`, `linear[${k}].name`, typeof r.name);
    const lower = r.lower === undefined ? -Infinity : checkFinite(fn, `linear[${k}].lower`, r.lower);
    const upper = r.upper === undefined ? Infinity : checkFinite(fn, `linear[${k}].upper`, r.upper);
    if (r.lower === undefined && r.upper === undefined) throw new InvalidArgumentError(`${fn}: ${name} needs \`lower\` or \`upper\`.`, `linear[${k}]`, k);
    if (lower > upper) throw new InvalidArgumentError(`${fn}: ${name} lower limit (${lower}) exceeds its upper limit (${upper}).`, `linear[${k}].lower`, lower);
    rows.push({ coef, lower, upper, lowerText: `${name} ≥ ${num(lower)}`, upperText: `${name} ≤ ${num(upper)}`, kind: 'linear' });
  });
}

/** `transactionCost`: the current weights (equal to `turnover.current` when both are given) and the cost rates. */
function readTransactionCost(fn: string, n: number, tc: unknown, base: Float64Array | null): { base: Float64Array; cost: Float64Array } {
  const t = plainObject(fn, 'transactionCost', tc, ['current', 'rate']);
  const cur = readVector(fn, 'transactionCost.current', t.current, n);
  if (base !== null && cur.some((v, i) => v !== base[i])) {
    throw new InvalidArgumentError(
      `${fn}: \`transactionCost.current\` must equal \`turnover.current\` (both are the current weights).`,
      'transactionCost.current',
      'mismatch',
    );
  }
  let cost: Float64Array = new Float64Array(n);
  if (typeof t.rate === 'number') cost.fill(checkRange(fn, 'transactionCost.rate', t.rate, { min: 0 }));
  else {
    const r = readVector(fn, 'transactionCost.rate', t.rate, n);
    r.forEach((v, i) => {
      if (v < 0) throw new InvalidArgumentError(`${fn}: \`transactionCost.rate\` entry ${i} must be ≥ 0, got ${v}.`, 'transactionCost.rate', v);
    });
    cost = r;
  }
  return { base: cur, cost };
}

/** `turnover`, `transactionCost` and `leverage`: the split w = base + P − N (or null) and the leverage limit. */
function readSplit(fn: string, n: number, opts: PortfolioConstraints): { split: ParsedConstraints['split']; leverage: number | null } {
  let base: Float64Array | null = null;
  let turnoverMax: number | null = null;
  let cost: Float64Array | null = null;
  if (opts.turnover !== undefined) {
    const t = plainObject(fn, 'turnover', opts.turnover, ['current', 'max']);
    base = readVector(fn, 'turnover.current', t.current, n);
    turnoverMax = checkRange(fn, 'turnover.max', t.max, { min: 0 });
  }
  if (opts.transactionCost !== undefined) ({ base, cost } = readTransactionCost(fn, n, opts.transactionCost, base));
  const leverage = opts.leverage === undefined ? null : checkRange(fn, 'leverage', opts.leverage, { min: 0, minOpen: true });
  if (leverage !== null && base !== null) {
    throw new InvalidArgumentError(
      `${fn}: \`leverage\` cannot be combined with \`turnover\` or \`transactionCost\` (both use the split of w into two non-negative parts).`,
      'leverage',
      leverage,
    );
  }
  if (base !== null) {
    const split = {
      base,
      limit: turnoverMax ?? Infinity,
      limitText: turnoverMax === null ? '' : `turnover Σ|w − current| ≤ ${num(turnoverMax)}`,
      cost,
      kind: turnoverMax === null ? ('cost' as const) : ('turnover' as const),
    };
    return { split, leverage };
  }
  if (leverage !== null) {
    return {
      split: { base: new Float64Array(n), limit: leverage, limitText: `gross exposure Σ|w| ≤ ${num(leverage)}`, cost: null, kind: 'leverage' },
      leverage,
    };
  }
  return { split: null, leverage };
}

/** `maxVolatility` and `trackingError` (at most one of them). */
function readQuadraticLimit(
  fn: string,
  n: number,
  opts: PortfolioConstraints,
): { maxVolatility: number | null; trackingError: ParsedConstraints['trackingError'] } {
  const maxVolatility = opts.maxVolatility === undefined ? null : checkRange(fn, 'maxVolatility', opts.maxVolatility, { min: 0, minOpen: true });
  let trackingError: ParsedConstraints['trackingError'] = null;
  if (opts.trackingError !== undefined) {
    const t = plainObject(fn, 'trackingError', opts.trackingError, ['benchmark', 'max']);
    trackingError = {
      benchmark: readVector(fn, 'trackingError.benchmark', t.benchmark, n),
      max: checkRange(fn, 'trackingError.max', t.max, { min: 0, minOpen: true }),
    };
  }
  if (trackingError !== null && maxVolatility !== null) {
    throw new InvalidArgumentError(
      `${fn}: \`maxVolatility\` and \`trackingError\` cannot be used together (one quadratic constraint at a time).`,
      'trackingError',
      'both',
    );
  }
  return { maxVolatility, trackingError };
}

/** Parse and validate the shared constraint options and run the cheap pre-checks. */
export function parseConstraints(fn: string, n: number, opts: PortfolioConstraints): ParsedConstraints {
  const assets = readAssetNames(fn, n, opts.assets);
  // bounds: [lo, hi] or one pair per asset (core's reader, shared with risk parity)
  const { lo, hi } = opts.bounds === undefined ? { lo: new Float64Array(n), hi: new Float64Array(n).fill(1) } : readBoxBounds(fn, opts.bounds, n);
  const budget = opts.budget === undefined ? 1 : checkFinite(fn, 'budget', opts.budget);
  const rows: Row[] = [];
  const groupSets = readGroups(fn, n, assets, opts.groups, rows);
  readLinear(fn, n, opts.linear, rows);
  const { split, leverage } = readSplit(fn, n, opts);
  const l2 = opts.l2 === undefined ? 0 : checkRange(fn, 'l2', opts.l2, { min: 0 });
  const { maxVolatility, trackingError } = readQuadraticLimit(fn, n, opts);
  const maxIterations = opts.maxIterations === undefined ? undefined : checkInteger(fn, 'maxIterations', opts.maxIterations, 1);
  const tolerance = opts.tolerance === undefined ? 1e-12 : checkRange(fn, 'tolerance', opts.tolerance, { min: 0, max: 1e-3, minOpen: true });
  const pc: ParsedConstraints = { fn, n, lo, hi, budget, rows, split, l2, maxVolatility, trackingError, assets, maxIterations, tolerance };
  precheck(pc, groupSets, leverage);
  return pc;
}

/**
 * The first steps of every covariance-based optimiser: check the option keys (`keys`), read the
 * covariance (or a `Moments`, whose assets then label the result and whose `mu` is returned).
 */
export function readOptimizerInput<T extends { assets?: unknown }>(
  fn: string,
  cov: MatrixLike | Moments,
  options: T | undefined,
  keys: readonly string[],
): { n: number; S: Float64Array; mu: Float64Array | null; opts: T } {
  const given = checkOptions(fn, options, keys);
  const { n, S, assets, mu } = readCovariance(fn, cov);
  return { n, S, mu, opts: withMomentsAssets(fn, given, assets) };
}

/**
 * Internal: the inputs of a mean-variance optimiser: the covariance and options (as
 * {@link readOptimizerInput}) and the expected returns `mu` checked against its size.
 * @internal
 */
export function readMeanVarianceInput<T extends { assets?: unknown }>(
  fn: string,
  mu: VectorLike,
  cov: MatrixLike | Moments,
  options: T | undefined,
  keys: readonly string[],
): { n: number; S: Float64Array; m: Float64Array; opts: T } {
  const { n, S, opts } = readOptimizerInput(fn, cov, options, keys);
  return { n, S, m: readMu(fn, mu, n), opts };
}
