import { DimensionError, InsufficientDataError, InvalidArgumentError } from '../core/errors.ts';
import { toVector } from '../core/matrix.ts';
import { checkFinite, checkOneOf, checkOptions } from '../core/validate.ts';
import { total } from './internal.ts';

/** Linking methods of {@link linkAttribution}. */
export type LinkingMethod = 'carino' | 'menchero' | 'grap' | 'frongello' | 'davies-laker';

/** One period's single-period attribution, e.g. a {@link BrinsonResult}. */
export interface LinkablePeriod {
  portfolioReturn: number;
  benchmarkReturn: number;
  /** Segment labels; every period must have the same set (order may differ). */
  segments: readonly string[];
  allocation: ArrayLike<number>;
  selection: ArrayLike<number>;
  /** Optional (zeros when absent). */
  interaction?: ArrayLike<number>;
  /** When present and `'in-selection'`, Davies–Laker linking is refused (it needs the BHB notional portfolios). */
  interactionTreatment?: string;
}

/** Options of {@link linkAttribution}. */
export interface LinkAttributionOptions {
  /** Linking method (default `'carino'`). */
  method?: LinkingMethod;
}

/** The three effects of one segment (or of a period). */
export interface LinkedEffects {
  allocation: number;
  selection: number;
  interaction: number;
  total: number;
}

/** Result of {@link linkAttribution}. */
export interface LinkedAttribution {
  method: LinkingMethod;
  segments: string[];
  /** Compounded portfolio return Π(1 + R_t) − 1. */
  portfolioReturn: number;
  /** Compounded benchmark return Π(1 + B_t) − 1. */
  benchmarkReturn: number;
  /** portfolioReturn − benchmarkReturn: what the linked effects add up to. */
  activeReturn: number;
  /** Linked effect per segment over all periods (`null` for Davies–Laker, which links totals only). */
  allocation: number[] | null;
  selection: number[] | null;
  interaction: number[] | null;
  total: number[] | null;
  /** Linked totals; allocation + selection + interaction = activeReturn. */
  totals: LinkedEffects;
  /** Each period's effects after linking (the amounts that add up across periods), or `null` for Davies–Laker. */
  adjusted: Array<{ allocation: number[]; selection: number[]; interaction: number[] }> | null;
  /** Linked effects keyed by segment label (`null` for Davies–Laker). */
  bySegment: Record<string, LinkedEffects> | null;
}

const log1pRatio = (r: number, b: number): number => Math.log1p((r - b) / (1 + b)); // ln((1+r)/(1+b))

/** Cariño's k for returns r, b: ln((1+r)/(1+b)) / (r − b), with the 0/0 limit 1/(1+r). @internal */
export function carinoK(r: number, b: number): number {
  return r === b ? 1 / (1 + r) : log1pRatio(r, b) / (r - b);
}

/**
 * Multi-period linking of single-period arithmetic attribution effects, so that the linked effects
 * add up EXACTLY (to rounding) to the compounded active return Π(1 + R_t) − Π(1 + B_t). Methods
 * (Bacon, *Practical Portfolio Performance Measurement and Attribution*, 2nd ed., ch. 8):
 *
 * - `'carino'` (Cariño 1999): effect × k_t / K with k_t = ln((1+R_t)/(1+B_t)) / (R_t − B_t) and K the
 *   same for the compounded returns; when R_t = B_t (0/0), k_t = 1/(1 + R_t). Table 8.2.
 * - `'menchero'` (Menchero 2000): effect × (M + α_t) with M = ((R − B)/T) / ((1+R)^{1/T} − (1+B)^{1/T})
 *   (limit (1+R)^{(T−1)/T} when R = B) and α_t = (R − B − M Σ a_s) a_t / Σ a_s², a_t = R_t − B_t. Table 8.3.
 * - `'grap'` (GRAP 1997): effect × Π_{s<t}(1 + R_s) × Π_{s>t}(1 + B_s). Table 8.4.
 * - `'frongello'` (Frongello 2002): G_t = effect_t × Π_{s<t}(1 + R_s) + B_t × Σ_{s<t} G_s, per segment
 *   and effect. Same totals as GRAP; different per-period amounts. Table 8.5.
 * - `'davies-laker'` (Davies & Laker 2001): from the BHB notional portfolios of each period
 *   (b_S = B_t + allocation_t, r_S = B_t + selection_t): allocation Π(1+b_S) − Π(1+B), selection
 *   Π(1+r_S) − Π(1+B), interaction the rest. Totals only (per-segment fields `null`); needs separate
 *   interaction. Exhibit 8.10.
 *
 * Periods are taken in order (oldest first). Each period's effects must add to its own active return
 * R_t − B_t (checked to 1e-9). Returns and effects are per-period fractions (0.01 = 1 %); the linked
 * effects are fractions of the whole horizon. A NaN / ±Infinity return or effect throws
 * InvalidArgumentError naming the field (`periods[t].allocation`, ...); so does, for every method,
 * a period whose portfolio or benchmark return is −100 % or less (it cannot be compounded on).
 *
 * @throws {InsufficientDataError} with no period.
 * @throws {InvalidArgumentError} for mismatched segments across periods, effects not adding to a period's active return,
 * an unknown method, or Davies–Laker on in-selection input. @throws {DimensionError} when effect arrays do not match the segments.
 * @example
 * ```ts
 * import { brinsonFachler, linkAttribution } from 'quantivista/attribution';
 * const q1 = brinsonFachler({ portfolioWeights: [0.4, 0.3, 0.3], benchmarkWeights: [0.4, 0.2, 0.4],
 *   portfolioReturns: [0.2, -0.05, 0.06], benchmarkReturns: [0.1, -0.04, 0.08] }, { interaction: 'in-selection' });
 * const q2 = brinsonFachler({ portfolioWeights: [0.7, 0.2, 0.1], benchmarkWeights: [0.4, 0.3, 0.3],
 *   portfolioReturns: [-0.05, 0.03, -0.05], benchmarkReturns: [-0.07, 0.04, -0.1] }, { interaction: 'in-selection' });
 * const linked = linkAttribution([q1, q2], { method: 'carino' });
 * console.log(Math.abs(linked.totals.total - linked.activeReturn) < 1e-15); // true
 * ```
 */
export function linkAttribution(periods: readonly LinkablePeriod[], options?: LinkAttributionOptions): LinkedAttribution {
  const fn = 'linkAttribution';
  const opts = checkOptions(fn, options, ['method']);
  const method =
    opts.method === undefined ? 'carino' : checkOneOf(fn, 'method', opts.method, ['carino', 'menchero', 'grap', 'frongello', 'davies-laker'] as const);
  const d = readPeriods(fn, periods, method);
  let gR = 1;
  let gB = 1;
  for (let t = 0; t < d.T; t++) {
    gR *= 1 + d.R[t];
    gB *= 1 + d.Bv[t];
  }
  const head = { method, segments: d.labels, portfolioReturn: gR - 1, benchmarkReturn: gB - 1, activeReturn: gR - 1 - (gB - 1) };
  if (method === 'davies-laker') {
    return {
      ...head,
      allocation: null,
      selection: null,
      interaction: null,
      total: null,
      totals: daviesLakerTotals(d, gR, gB),
      adjusted: null,
      bySegment: null,
    };
  }
  const adj = method === 'frongello' ? frongelloEffects(d) : scaleEffects(d, linkFactors(method, d, head.portfolioReturn, head.benchmarkReturn));
  return { ...head, ...sumLinked(d, adj) };
}

/** The periods' effects aligned on the segments of period 0, as flat T×m arrays (row t = period t), with the returns. */
interface LinkData {
  T: number;
  m: number;
  labels: string[];
  A: Float64Array;
  S: Float64Array;
  I: Float64Array;
  R: Float64Array;
  Bv: Float64Array;
}

/** The per-period effects after linking (flat T×m, as {@link LinkData}). */
interface AdjustedEffects {
  adjA: Float64Array;
  adjS: Float64Array;
  adjI: Float64Array;
}

/** Validates `periods` and aligns every period on the first period's segments. */
function readPeriods(fn: string, periods: readonly LinkablePeriod[], method: LinkingMethod): LinkData {
  if (!Array.isArray(periods)) throw new InvalidArgumentError(`${fn}: \`periods\` must be an array, got ${typeof periods}.`, 'periods', typeof periods);
  const T = periods.length;
  if (T === 0) throw new InsufficientDataError(`${fn}: \`periods\` needs at least 1 period, got 0.`, 1, 0);
  const first = periods[0] as LinkablePeriod;
  if (!first || !Array.isArray(first.segments)) throw new InvalidArgumentError(`${fn}: \`periods[0].segments\` must be an array of labels.`, 'periods', 0);
  first.segments.forEach((l: unknown, i: number) => {
    if (typeof l !== 'string' && !(typeof l === 'number' && Number.isFinite(l))) {
      throw new InvalidArgumentError(
        `${fn}: \`periods[0].segments[${i}]\` must be a segment label (a string), got ${l === null ? 'null' : typeof l}.`,
        'periods',
        0,
      );
    }
  });
  const labels = first.segments.map(String);
  const m = labels.length;
  const pos = new Map(labels.map((l, i) => [l, i]));
  if (pos.size !== m) throw new InvalidArgumentError(`${fn}: \`periods[0].segments\` has duplicate labels.`, 'periods', 0);
  const d: LinkData = {
    T,
    m,
    labels,
    A: new Float64Array(T * m),
    S: new Float64Array(T * m),
    I: new Float64Array(T * m),
    R: new Float64Array(T),
    Bv: new Float64Array(T),
  };
  periods.forEach((p, t) => readPeriod(fn, p, t, method, pos, d));
  return d;
}

/** Reads period t into row t of `d` (segments mapped through `pos`), checking that its effects add up to its active return. */
function readPeriod(fn: string, p: LinkablePeriod, t: number, method: LinkingMethod, pos: Map<string, number>, d: LinkData): void {
  const { m, labels, A, S, I, R, Bv } = d;
  if (p === null || typeof p !== 'object') throw new InvalidArgumentError(`${fn}: \`periods[${t}]\` must be an attribution result.`, 'periods', t);
  R[t] = checkFinite(fn, `periods[${t}].portfolioReturn`, p.portfolioReturn);
  Bv[t] = checkFinite(fn, `periods[${t}].benchmarkReturn`, p.benchmarkReturn);
  if (R[t] <= -1 || Bv[t] <= -1) {
    throw new InvalidArgumentError(`${fn}: period ${t} has a return ≤ −1, which cannot be linked.`, 'periods', t);
  }
  if (method === 'davies-laker' && p.interactionTreatment === 'in-selection') {
    throw new InvalidArgumentError(
      `${fn}: Davies–Laker linking needs separate interaction (the BHB notional portfolios), but period ${t} has interaction in selection.`,
      'method',
      method,
    );
  }
  const segs = p.segments;
  if (!Array.isArray(segs) || segs.length !== m || !segs.every((s: unknown) => (typeof s === 'string' || typeof s === 'number') && pos.has(String(s)))) {
    throw new InvalidArgumentError(`${fn}: \`periods[${t}].segments\` must hold the same segments as period 0 (${labels.join(', ')}).`, 'periods', t);
  }
  const a = toVector(p.allocation, fn, `periods[${t}].allocation`);
  const s = toVector(p.selection, fn, `periods[${t}].selection`);
  const it = p.interaction === undefined ? new Float64Array(m) : toVector(p.interaction, fn, `periods[${t}].interaction`);
  for (const [name, v] of [
    ['allocation', a],
    ['selection', s],
    ['interaction', it],
  ] as const) {
    if (v.length !== m) throw new DimensionError(`${fn}: \`periods[${t}].${name}\` must have ${m} entries (one per segment), got ${v.length}.`);
  }
  let sum = 0;
  segs.forEach((l, j) => {
    const k = pos.get(String(l)) as number;
    A[t * m + k] = a[j];
    S[t * m + k] = s[j];
    I[t * m + k] = it[j];
    sum += a[j] + s[j] + it[j];
  });
  const active = R[t] - Bv[t];
  if (Math.abs(sum - active) > 1e-9 * Math.max(1, Math.abs(active))) {
    throw new InvalidArgumentError(`${fn}: the effects of period ${t} add up to ${sum}, not to its active return ${active}.`, 'periods', t);
  }
}

/** Davies–Laker totals from the BHB notional portfolios; gR, gB are the compounded growths Π(1 + R_t), Π(1 + B_t). */
function daviesLakerTotals(d: LinkData, gR: number, gB: number): LinkedEffects {
  const { T, m, A, S, Bv } = d;
  let gA = 1;
  let gS = 1;
  for (let t = 0; t < T; t++) {
    let at = 0;
    let st = 0;
    for (let k = 0; k < m; k++) {
      at += A[t * m + k];
      st += S[t * m + k];
    }
    gA *= 1 + Bv[t] + at;
    gS *= 1 + Bv[t] + st;
  }
  const allocation = gA - gB;
  const selection = gS - gB;
  const interaction = gR - gS - gA + gB;
  return { allocation, selection, interaction, total: allocation + selection + interaction };
}

/** Frongello's recursive linking: G_t = effect_t × Π_{s<t}(1 + R_s) + B_t × Σ_{s<t} G_s, per segment and effect. */
function frongelloEffects(d: LinkData): AdjustedEffects {
  const { T, m, A, S, I, R, Bv } = d;
  const adjA = new Float64Array(T * m);
  const adjS = new Float64Array(T * m);
  const adjI = new Float64Array(T * m);
  const cumA = new Float64Array(m);
  const cumS = new Float64Array(m);
  const cumI = new Float64Array(m);
  let gPrev = 1;
  for (let t = 0; t < T; t++) {
    const b = Bv[t];
    for (let k = 0; k < m; k++) {
      const i = t * m + k;
      adjA[i] = A[i] * gPrev + b * cumA[k];
      adjS[i] = S[i] * gPrev + b * cumS[k];
      adjI[i] = I[i] * gPrev + b * cumI[k];
    }
    for (let k = 0; k < m; k++) {
      const i = t * m + k;
      cumA[k] = cumA[k] + adjA[i];
      cumS[k] = cumS[k] + adjS[i];
      cumI[k] = cumI[k] + adjI[i];
    }
    gPrev *= 1 + R[t];
  }
  return { adjA, adjS, adjI };
}

/** The per-period factor of Cariño, Menchero or GRAP linking (Rt, Bt: the compounded returns). */
function linkFactors(method: 'carino' | 'menchero' | 'grap', d: LinkData, Rt: number, Bt: number): Float64Array {
  const { T, R, Bv } = d;
  const factor = new Float64Array(T);
  if (method === 'carino') {
    const K = carinoK(Rt, Bt);
    for (let t = 0; t < T; t++) factor[t] = carinoK(R[t], Bv[t]) / K;
  } else if (method === 'menchero') {
    const active = Rt - Bt;
    const lR = Math.log1p(Rt);
    const lB = Math.log1p(Bt);
    const M = Rt === Bt ? Math.exp((lR * (T - 1)) / T) : active / T / (Math.exp(lB / T) * Math.expm1((lR - lB) / T));
    let sa = 0;
    let sa2 = 0;
    for (let t = 0; t < T; t++) {
      const a = R[t] - Bv[t];
      sa += a;
      sa2 += a * a;
    }
    const c = sa2 > 0 ? (active - M * sa) / sa2 : 0;
    for (let t = 0; t < T; t++) factor[t] = M + c * (R[t] - Bv[t]);
  } else {
    // GRAP
    for (let t = 0; t < T; t++) {
      let f = 1;
      for (let s = 0; s < t; s++) f *= 1 + R[s];
      for (let s = t + 1; s < T; s++) f *= 1 + Bv[s];
      factor[t] = f;
    }
  }
  return factor;
}

/** Each period's effects times its linking factor. */
function scaleEffects(d: LinkData, factor: Float64Array): AdjustedEffects {
  const { T, m, A, S, I } = d;
  const adjA = new Float64Array(T * m);
  const adjS = new Float64Array(T * m);
  const adjI = new Float64Array(T * m);
  for (let t = 0; t < T; t++) {
    const f = factor[t];
    for (let k = 0; k < m; k++) {
      const i = t * m + k;
      adjA[i] = A[i] * f;
      adjS[i] = S[i] * f;
      adjI[i] = I[i] * f;
    }
  }
  return { adjA, adjS, adjI };
}

/** The linked effects per segment (compensated sums over the periods), their totals and the per-period amounts. */
function sumLinked(d: LinkData, adj: AdjustedEffects): Omit<LinkedAttribution, 'method' | 'segments' | 'portfolioReturn' | 'benchmarkReturn' | 'activeReturn'> {
  const { T, m, labels } = d;
  const { adjA, adjS, adjI } = adj;
  const sumOver = (x: Float64Array, k: number) => {
    const col = new Float64Array(T);
    for (let t = 0; t < T; t++) col[t] = x[t * m + k];
    return total(col);
  };
  const la = labels.map((_, k) => sumOver(adjA, k));
  const ls = labels.map((_, k) => sumOver(adjS, k));
  const li = labels.map((_, k) => sumOver(adjI, k));
  const lt = labels.map((_, k) => la[k] + ls[k] + li[k]);
  const totals = { allocation: total(la), selection: total(ls), interaction: total(li), total: 0 };
  totals.total = totals.allocation + totals.selection + totals.interaction;
  const adjusted = Array.from({ length: T }, (_, t) => ({
    allocation: Array.from(adjA.subarray(t * m, t * m + m)),
    selection: Array.from(adjS.subarray(t * m, t * m + m)),
    interaction: Array.from(adjI.subarray(t * m, t * m + m)),
  }));
  return {
    allocation: la,
    selection: ls,
    interaction: li,
    total: lt,
    totals,
    adjusted,
    bySegment: Object.fromEntries(labels.map((l, k) => [l, { allocation: la[k], selection: ls[k], interaction: li[k], total: lt[k] }])),
  };
}
