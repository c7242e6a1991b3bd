import { InvalidArgumentError } from '../core/errors.ts';
import type { Holdings } from '../core/holdings.ts';
import { checkFinite, checkOneOf, checkOptions, checkRange } from '../core/validate.ts';
import { checkComplianceSize, needValues, normalisePortfolio, type NormalisedPortfolio } from './portfolio.ts';
import type { ComplianceCheck, ComplianceHoldings, CompliancePortfolio, CompliancePosition, ComplianceResult, ComplianceRule } from './types.ts';

export { normalisePortfolio, type NormalisedPortfolio };

/** Comparisons allow this much (relative to 1 = NAV) so that a position at exactly its limit passes despite rounding. */
const EPS = 1e-12;

const RULE_KEYS: Record<ComplianceRule['type'], readonly string[]> = {
  'max-weight': ['limit', 'assets'],
  'min-weight': ['limit', 'assets'],
  'group-max': ['tag', 'limit', 'groups'],
  'group-min': ['tag', 'limit', 'groups'],
  'max-positions': ['limit'],
  'max-leverage': ['limit'],
  'net-exposure': ['min', 'max'],
  'min-cash': ['limit'],
  liquidity: ['maxDays', 'participation'],
  restricted: ['assets'],
  'ucits-5-10-40': ['limits'],
  'diversified-75-5-10': ['interpretation'],
};

/** The unit of each rule's `limit`: a fraction of NAV, an exposure as a multiple of NAV, or a count. */
const LIMIT_UNIT: Partial<Record<ComplianceRule['type'], 'fraction' | 'exposure' | 'count'>> = {
  'max-weight': 'fraction',
  'min-weight': 'fraction',
  'group-max': 'fraction',
  'group-min': 'fraction',
  'min-cash': 'fraction',
  'max-leverage': 'exposure',
  'max-positions': 'count',
};

/** Exposure limits (gross leverage, net exposure) above this multiple of NAV are taken for percentages. */
const MAX_EXPOSURE = 10;

/** x / 100 without binary noise (20 → 0.2, 7 → 0.07). */
function fromPercent(x: number): number {
  return Number((x / 100).toPrecision(12));
}

/** Refuse a limit written as a percentage where a fraction (or a multiple) of NAV belongs. */
function checkLimitUnit(fn: string, id: string, where: string, field: string, value: number, unit: 'fraction' | 'exposure'): void {
  const bad = unit === 'fraction' ? Math.abs(value) > 1 : Math.abs(value) > MAX_EXPOSURE;
  if (!bad) return;
  const s = fromPercent(value);
  const what =
    unit === 'fraction'
      ? `limits are fractions of portfolio value (${s} = ${value} %)`
      : `exposure limits are multiples of portfolio value (${s} = ${value} %), and one beyond ${MAX_EXPOSURE} reads as a percentage`;
  throw new InvalidArgumentError(`${fn}: rule '${id}' has \`${field}\` ${value}, but ${what}: did you mean ${s}?`, `${where}.${field}`, value);
}

/** What a missing `limit` should have been, in words. */
const LIMIT_HINT: Record<'fraction' | 'exposure' | 'count', string> = {
  fraction: 'a fraction of portfolio value, e.g. `limit: 0.1` for 10 %',
  exposure: 'a multiple of portfolio value, e.g. `limit: 1.5` for gross exposure of 150 %',
  count: 'a number of positions, e.g. `limit: 50`',
};

function stringList(fn: string, arg: string, v: unknown): string[] {
  if (!Array.isArray(v) || v.some((s) => typeof s !== 'string'))
    throw new InvalidArgumentError(`${fn}: \`${arg}\` must be an array of strings.`, arg, typeof v);
  return v as string[];
}

/** Validate rules and give each an id. @internal */
export function normaliseRules(fn: string, rules: ComplianceRule[]): Array<{ id: string; rule: ComplianceRule }> {
  if (!Array.isArray(rules)) throw new InvalidArgumentError(`${fn}: \`rules\` must be an array of rules.`, 'rules', typeof rules);
  const ids = new Set<string>();
  return rules.map((rule, i) => {
    const where = `rules[${i}]`;
    if (!rule || typeof rule !== 'object') throw new InvalidArgumentError(`${fn}: \`${where}\` must be a rule object.`, where, typeof rule);
    const type = checkOneOf(fn, `${where}.type`, rule.type, Object.keys(RULE_KEYS) as Array<ComplianceRule['type']>);
    checkOptions(fn, rule, ['type', 'id', ...(RULE_KEYS[type] as string[])]);
    const id = rule.id ?? `${type}#${i}`;
    if (typeof id !== 'string' || ids.has(id))
      throw new InvalidArgumentError(`${fn}: \`${where}.id\` must be a unique string, got ${JSON.stringify(id)}.`, `${where}.id`, id);
    ids.add(id);
    const r = rule as unknown as Record<string, unknown>;
    const unit = LIMIT_UNIT[type];
    if (unit !== undefined && r.limit === undefined) {
      throw new InvalidArgumentError(`${fn}: rule '${id}' (${type}) has no \`limit\`; give it as ${LIMIT_HINT[unit]}.`, `${where}.limit`, 'undefined');
    }
    if ('limit' in r) checkFinite(fn, `${where}.limit`, r.limit);
    if (unit === 'fraction' || unit === 'exposure') checkLimitUnit(fn, id, where, 'limit', r.limit as number, unit);
    if (type === 'max-positions') checkRange(fn, `${where}.limit`, r.limit, { min: 0 });
    if (type === 'liquidity') {
      checkRange(fn, `${where}.maxDays`, r.maxDays, { min: 0, minOpen: true });
      if (r.participation !== undefined) checkRange(fn, `${where}.participation`, r.participation, { min: 0, max: 1, minOpen: true });
    }
    if (type === 'net-exposure') {
      if (r.min !== undefined) checkLimitUnit(fn, id, where, 'min', checkFinite(fn, `${where}.min`, r.min), 'exposure');
      if (r.max !== undefined) checkLimitUnit(fn, id, where, 'max', checkFinite(fn, `${where}.max`, r.max), 'exposure');
      if (r.min === undefined && r.max === undefined) throw new InvalidArgumentError(`${fn}: \`${where}\` needs \`min\` or \`max\`.`, where, 'none');
    }
    if (type === 'group-max' || type === 'group-min') {
      if (typeof r.tag !== 'string') throw new InvalidArgumentError(`${fn}: \`${where}.tag\` must be a string (e.g. 'sector').`, `${where}.tag`, typeof r.tag);
    }
    if (r.assets !== undefined || type === 'min-weight' || type === 'restricted') stringList(fn, `${where}.assets`, r.assets);
    if (r.groups !== undefined || type === 'group-min') stringList(fn, `${where}.groups`, r.groups);
    if (type === 'ucits-5-10-40' && r.limits !== undefined) {
      checkOptions(fn, r.limits as object, ['single', 'raised', 'aggregate']);
      for (const k of ['single', 'raised', 'aggregate']) {
        const v = (r.limits as Record<string, unknown>)[k];
        if (v !== undefined) {
          checkLimitUnit(fn, id, where, `limits.${k}`, checkFinite(fn, `${where}.limits.${k}`, v), 'fraction');
          checkRange(fn, `${where}.limits.${k}`, v, { min: 0, max: 1 });
        }
      }
    }
    if (type === 'diversified-75-5-10' && r.interpretation !== undefined) checkOneOf(fn, `${where}.interpretation`, r.interpretation, ['exclude', 'cap']);
    return { id, rule };
  });
}

function check(
  ruleId: string,
  ruleType: ComplianceRule['type'],
  subject: string,
  measured: number,
  limit: number,
  bound: 'max' | 'min',
  assets: string[],
): ComplianceCheck {
  const headroom = bound === 'max' ? limit - measured : measured - limit;
  return { ruleId, ruleType, subject, measured, limit, bound, headroom, breached: headroom < -EPS * Math.max(1, Math.abs(limit)), assets };
}

function issuerOf(p: CompliancePosition): string {
  return p.issuer ?? p.asset;
}

/** A check and its identity: rule id, bound and what it measures (asset, group, issuer, or the aggregate), never the subject text, which may name the assets involved. @internal */
export interface KeyedCheck {
  key: string;
  check: ComplianceCheck;
}

/** Evaluate one rule on a normalised portfolio. @internal */
export function evaluateRule(id: string, rule: ComplianceRule, pf: NormalisedPortfolio): ComplianceCheck[] {
  return evaluateRuleKeyed(id, rule, pf).map((k) => k.check);
}

/** Records a check under an identity (asset, group, issuer, `'aggregate'`, or `''` for the rule itself). */
type Emit = (identity: string, c: ComplianceCheck) => void;

/** `group-max` / `group-min`: one check per group of the tag (the given groups, or every group present, sorted). */
function groupChecks(id: string, rule: Extract<ComplianceRule, { type: 'group-max' | 'group-min' }>, pf: NormalisedPortfolio, emit: Emit): void {
  const groups = new Map<string, { w: number; assets: string[] }>();
  for (const p of pf.positions) {
    const g = p.tags?.[rule.tag];
    if (g === undefined) continue;
    const e = groups.get(g) ?? { w: 0, assets: [] };
    e.w += p.marketValue / pf.nav;
    e.assets.push(p.asset);
    groups.set(g, e);
  }
  const names = rule.groups ?? [...groups.keys()].sort();
  for (const g of names) {
    const e = groups.get(g) ?? { w: 0, assets: [] };
    emit(`group ${g}`, check(id, rule.type, `${rule.tag} ${g}`, e.w, rule.limit, rule.type === 'group-max' ? 'max' : 'min', e.assets));
  }
}

/** `liquidity`: days to liquidate each held position at the participation rate of its ADV. */
function liquidityChecks(id: string, rule: Extract<ComplianceRule, { type: 'liquidity' }>, pf: NormalisedPortfolio, emit: Emit): void {
  const part = rule.participation ?? 0.2;
  for (const p of pf.positions) {
    if (p.marketValue === 0) continue;
    if (p.quantity === undefined) needValues(pf, id, rule.type, `the quantity of ${p.asset}`);
    if (p.quantity === undefined || p.averageDailyVolume === undefined) {
      throw new InvalidArgumentError(
        `checkCompliance: rule '${id}' (liquidity) needs \`quantity\` and \`averageDailyVolume\` for ${p.asset}.`,
        'averageDailyVolume',
        p.asset,
      );
    }
    const days = p.averageDailyVolume === 0 ? Number.MAX_VALUE : Math.abs(p.quantity) / (part * p.averageDailyVolume);
    emit(`asset ${p.asset}`, check(id, rule.type, `days to liquidate ${p.asset}`, days, rule.maxDays, 'max', [p.asset]));
  }
}

/** `ucits-5-10-40`: one check per issuer against the raised limit, and the aggregate of the issuers above the single limit. */
function ucitsChecks(id: string, rule: Extract<ComplianceRule, { type: 'ucits-5-10-40' }>, pf: NormalisedPortfolio, emit: Emit): void {
  const single = rule.limits?.single ?? 0.05;
  const raised = rule.limits?.raised ?? 0.1;
  const aggregate = rule.limits?.aggregate ?? 0.4;
  const byIssuer = new Map<string, { w: number; assets: string[] }>();
  for (const p of pf.positions) {
    const kind = p.kind ?? 'security';
    if (kind !== 'security' || p.marketValue <= 0) continue;
    const e = byIssuer.get(issuerOf(p)) ?? { w: 0, assets: [] };
    e.w += p.marketValue / pf.nav;
    e.assets.push(p.asset);
    byIssuer.set(issuerOf(p), e);
  }
  const issuers = [...byIssuer.keys()].sort();
  let over = 0;
  const overAssets: string[] = [];
  const overNames: string[] = [];
  for (const name of issuers) {
    const e = byIssuer.get(name) as { w: number; assets: string[] };
    emit(`issuer ${name}`, check(id, rule.type, `issuer ${name}`, e.w, raised, 'max', e.assets));
    if (e.w > single + EPS) {
      over += e.w;
      overAssets.push(...e.assets);
      overNames.push(name);
    }
  }
  emit('aggregate', check(id, rule.type, `issuers above ${single * 100}% together (${overNames.join(', ') || 'none'})`, over, aggregate, 'max', overAssets));
}

/** `diversified-75-5-10`: the share of total assets in the diversified basket. */
function diversifiedCheck(id: string, rule: Extract<ComplianceRule, { type: 'diversified-75-5-10' }>, pf: NormalisedPortfolio): ComplianceCheck {
  const { positions } = pf;
  const cap = rule.interpretation === 'cap';
  for (const p of positions)
    if (p.issuerVotingShares !== undefined && p.quantity === undefined)
      needValues(pf, id, rule.type, `the quantity of ${p.asset} for its share of voting securities`);
  // Total assets: long positions plus cash (short positions are liabilities, not assets).
  let total = Math.max(pf.cash, 0);
  for (const p of positions) if (p.marketValue > 0) total += p.marketValue;
  let basket = Math.max(pf.cash, 0);
  const byIssuer = new Map<string, { value: number; shares: number; voting: number | undefined; assets: string[] }>();
  for (const p of positions) {
    if (p.marketValue <= 0) continue;
    const kind = p.kind ?? 'security';
    if (kind !== 'security') {
      basket += p.marketValue;
      continue;
    }
    const e = byIssuer.get(issuerOf(p)) ?? { value: 0, shares: 0, voting: p.issuerVotingShares, assets: [] };
    e.value += p.marketValue;
    e.shares += p.quantity ?? 0;
    e.voting = e.voting ?? p.issuerVotingShares;
    e.assets.push(p.asset);
    byIssuer.set(issuerOf(p), e);
  }
  const outside: string[] = [];
  for (const [, e] of [...byIssuer.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const valueLimit = 0.05 * total;
    const votingShare = e.voting === undefined ? 0 : e.shares / e.voting;
    const overValue = e.value > valueLimit * (1 + EPS);
    const overVoting = votingShare > 0.1 + EPS;
    if (!overValue && !overVoting) {
      basket += e.value;
    } else if (cap) {
      const byVoting = overVoting ? e.value * (0.1 / votingShare) : e.value;
      basket += Math.min(e.value, valueLimit, byVoting);
      outside.push(...e.assets);
    } else {
      outside.push(...e.assets);
    }
  }
  return check(
    id,
    rule.type,
    `share of total assets in the diversified 75% basket (${cap ? 'capped' : 'excluding'} issuers above 5% of assets or 10% of voting securities)`,
    total > 0 ? basket / total : 1,
    0.75,
    'min',
    outside,
  );
}

/** Evaluate one rule on a normalised portfolio, giving each check its identity. @internal */
export function evaluateRuleKeyed(id: string, rule: ComplianceRule, pf: NormalisedPortfolio): KeyedCheck[] {
  const { positions, nav, weights } = pf;
  const keyed: KeyedCheck[] = [];
  const emit: Emit = (identity, c) => void keyed.push({ key: `${c.ruleId}\u0000${c.bound}\u0000${identity}`, check: c });
  const heldAssets = (): string[] => positions.filter((p) => p.marketValue !== 0).map((p) => p.asset);
  switch (rule.type) {
    case 'max-weight':
    case 'min-weight': {
      const list = rule.assets ?? positions.map((p) => p.asset);
      const bound = rule.type === 'max-weight' ? 'max' : 'min';
      for (const a of list) emit(`asset ${a}`, check(id, rule.type, `weight of ${a}`, weights.get(a) ?? 0, rule.limit, bound, [a]));
      break;
    }
    case 'group-max':
    case 'group-min':
      groupChecks(id, rule, pf, emit);
      break;
    case 'max-positions': {
      const held = heldAssets();
      emit('', check(id, rule.type, 'number of positions', held.length, rule.limit, 'max', held));
      break;
    }
    case 'max-leverage': {
      let gross = 0;
      for (const p of positions) gross += Math.abs(p.marketValue);
      emit('', check(id, rule.type, 'gross exposure / NAV', gross / nav, rule.limit, 'max', heldAssets()));
      break;
    }
    case 'net-exposure': {
      let net = 0;
      for (const p of positions) net += p.marketValue;
      const assets = heldAssets();
      if (rule.max !== undefined) emit('', check(id, rule.type, 'net exposure / NAV', net / nav, rule.max, 'max', assets));
      if (rule.min !== undefined) emit('', check(id, rule.type, 'net exposure / NAV', net / nav, rule.min, 'min', assets));
      break;
    }
    case 'min-cash':
      emit('', check(id, rule.type, 'cash / NAV', pf.cash / nav, rule.limit, 'min', []));
      break;
    case 'liquidity':
      liquidityChecks(id, rule, pf, emit);
      break;
    case 'restricted': {
      const banned = new Set(rule.assets);
      const hits = positions.filter((p) => p.marketValue !== 0 && (banned.has(p.asset) || banned.has(issuerOf(p)))).map((p) => p.asset);
      emit('', check(id, rule.type, 'positions on the restricted list', hits.length, 0, 'max', hits));
      break;
    }
    case 'ucits-5-10-40':
      ucitsChecks(id, rule, pf, emit);
      break;
    case 'diversified-75-5-10':
      emit('', diversifiedCheck(id, rule, pf));
      break;
  }
  return keyed;
}

/**
 * Check a portfolio against compliance rules given as data. Weights are market value / NAV,
 * NAV = Σ market values + cash. Every rule gives one or more checks (one per asset, group or
 * issuer it measures); each check has the measured value, the limit, the headroom (negative in a
 * breach) and the assets involved. A value exactly at its limit passes (comparisons allow
 * 1e-12 of rounding).
 *
 * Rules: `max-weight`, `min-weight`, `group-max` / `group-min` (by any tag: sector, country,
 * asset class), `max-positions`, `max-leverage` (gross exposure / NAV), `net-exposure`,
 * `min-cash`, `liquidity` (days to liquidate at a participation rate of ADV), `restricted`
 * (by asset or issuer), and the rule sets `ucits-5-10-40` (Directive 2009/65/EC Art. 52(1)–(2))
 * and `diversified-75-5-10` (Investment Company Act of 1940 §5(b)(1), 15 U.S.C. §80a-5(b)(1)).
 * See {@link ComplianceRule} for each rule's exact definition.
 *
 * Units of the limits: weights, group weights, cash and the UCITS `limits` are fractions of NAV
 * (0.2 = 20 %), and a magnitude above 1 is refused as a percentage written for a fraction
 * (`limit: 20` for 20 %), with the fraction it most likely means in the message; gross leverage
 * and net exposure (`max-leverage`, `net-exposure`) are multiples of NAV (1.3 = 130 %), refused
 * beyond ±10 (1,000 % of NAV) for the same reason. Counts (`max-positions`) and days (`liquidity`)
 * are taken as given. A rule that measures against a `limit` must have one.
 *
 * The portfolio is {@link Holdings} (read by `readHoldings`: quantity × price or market value,
 * `sector` / `country` / `assetClass` / `currency` usable as group tags) or the older
 * `{ positions: [{ asset, marketValue, ... }], cash }`; positions may add `kind` and
 * `issuerVotingShares`. Holdings given by weight only are checked with NAV = 1 and cash
 * = 1 − Σ weights; a rule that needs quantities there (`liquidity`, and `diversified-75-5-10`
 * with `issuerVotingShares`) throws, naming the rule, when a position has none.
 *
 * Missing data: none allowed — a NaN or ±Infinity in a market value, cash or a limit throws.
 *
 * Size cap: at most 20,000 positions, 1,000 rules and 200,000 rule × position evaluations.
 *
 * @throws {InvalidArgumentError} on malformed holdings (see `readHoldings`), an unknown rule type or field, a duplicate asset or rule id,
 * non-finite values, a market value (quantity × price) or NAV that overflows the double range, a missing `limit`, a percentage where a fraction of NAV belongs, NAV ≤ 0, or
 * data a rule needs but a position lacks (e.g. ADV for liquidity).
 * @throws {SizeLimitError} above a size cap.
 * @example
 * ```ts
 * import { checkCompliance } from 'quantivista/compliance';
 * const result = checkCompliance(
 *   { positions: [{ asset: 'AAA', marketValue: 70 }, { asset: 'BBB', marketValue: 25 }], cash: 5 },
 *   [{ type: 'max-weight', limit: 0.5 }, { type: 'min-cash', limit: 0.02 }],
 * );
 * console.log(result.compliant); // false
 * console.log(result.breaches.length); // 1
 * console.log(result.breaches[0]?.headroom); // -0.2
 *
 * // weight-only holdings: weight rules work, cash is 1 − Σ weights
 * const byWeight = checkCompliance(
 *   { positions: [{ asset: 'AAA', weight: 0.6, sector: 'Energy' }, { asset: 'BBB', weight: 0.35, sector: 'Energy' }] },
 *   [{ type: 'group-max', tag: 'sector', limit: 0.9 }, { type: 'min-cash', limit: 0.05 }],
 * );
 * console.log(byWeight.breaches.map((b) => b.subject)); // ["sector Energy"]
 *
 * try {
 *   checkCompliance({ positions: [{ asset: 'AAA', marketValue: 100 }] }, [{ id: 'max-issuer', type: 'max-weight', limit: 20 }]);
 * } catch (e) {
 *   console.log((e as Error).message); // checkCompliance: rule 'max-issuer' has `limit` 20, but limits are fractions of portfolio value (0.2 = 20 %): did you mean 0.2?
 * }
 * ```
 */
export function checkCompliance(portfolio: ComplianceHoldings | CompliancePortfolio, rules: ComplianceRule[]): ComplianceResult {
  const fn = 'checkCompliance';
  checkComplianceSize(fn, portfolio, rules);
  const pf = normalisePortfolio(fn, portfolio);
  const rs = normaliseRules(fn, rules);
  const checks = rs.flatMap(({ id, rule }) => evaluateRule(id, rule, pf));
  const breaches = checks.filter((c) => c.breached);
  return { compliant: breaches.length === 0, breaches, checks, nav: pf.nav };
}
