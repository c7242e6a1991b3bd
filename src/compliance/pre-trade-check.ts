import { InvalidArgumentError } from '../core/errors.ts';
import { checkFinite, checkOptions } from '../core/validate.ts';
import { evaluateRule, normalisePortfolio, normaliseRules } from './check-compliance.ts';
import type { ComplianceCheck, CompliancePortfolio, CompliancePosition, ComplianceResult, ComplianceRule } from './types.ts';

/** A proposed trade. */
export interface ProposedTrade {
  /** Asset traded. */
  asset: string;
  /** Money value of the trade: positive buys, negative sells. Cash moves by −value. */
  value: number;
  /** Shares traded (positive buys, negative sells); updates `quantity` when the position has one. */
  quantity?: number;
  /** For an asset not yet held: its static data (issuer, tags, ADV, kind, issuerVotingShares). */
  position?: Omit<CompliancePosition, 'asset' | 'marketValue' | 'quantity'>;
}

/** How one trade (applied alone to the current portfolio) changes one check. */
export interface TradeEffect {
  /** Index of the trade in the input. */
  trade: number;
  asset: string;
  /** `'causes'`: the check passes now and breaks with this trade; `'cures'`: the reverse; `'worsens'` / `'improves'`: breached both ways, headroom smaller / larger. */
  effect: 'causes' | 'cures' | 'worsens' | 'improves';
  ruleId: string;
  subject: string;
  headroomBefore: number;
  headroomAfter: number;
}

/** Result of {@link preTradeCheck}. */
export interface PreTradeResult {
  /** Compliance of the current portfolio. */
  before: ComplianceResult;
  /** Compliance after all trades. */
  after: ComplianceResult;
  /** Checks breached after the trades but not before. */
  newBreaches: ComplianceCheck[];
  /** Checks breached before but not after. */
  curedBreaches: ComplianceCheck[];
  /** Per-trade effects, each trade applied alone to the current portfolio. */
  tradeEffects: TradeEffect[];
  /** True when the trades leave no breach that was not already there and worsen none. */
  approved: boolean;
  /** The portfolio after the trades. */
  portfolioAfter: CompliancePortfolio;
}

/** Options of {@link preTradeCheck}. */
export interface PreTradeCheckOptions {
  /** Allow trades that leave a position short (negative market value or quantity). Default false: such a trade throws. */
  allowShort?: boolean;
}

function applyTrades(fn: string, portfolio: CompliancePortfolio, trades: ProposedTrade[], allowShort = true): CompliancePortfolio {
  const positions = new Map<string, CompliancePosition>();
  for (const p of portfolio.positions) positions.set(p.asset, { ...p, ...(p.tags ? { tags: { ...p.tags } } : {}) });
  let cash = portfolio.cash ?? 0;
  for (const t of trades) {
    const cur = positions.get(t.asset);
    if (cur) {
      const next: CompliancePosition = { ...cur, marketValue: cur.marketValue + t.value };
      if (t.quantity !== undefined) {
        if (cur.quantity === undefined) {
          throw new InvalidArgumentError(`${fn}: a trade in ${t.asset} gives \`quantity\` but the position has none; give both or neither.`, 'quantity', t.asset);
        }
        next.quantity = cur.quantity + t.quantity;
      }
      if (!allowShort && (next.marketValue < 0 || (next.quantity !== undefined && next.quantity < 0))) {
        throw new InvalidArgumentError(
          `${fn}: the trade in ${t.asset} (value ${t.value}) sells more than is held (market value ${cur.marketValue}); pass \`allowShort: true\` to allow short positions.`,
          'trades',
          t.asset,
        );
      }
      positions.set(t.asset, next);
    } else {
      if (!allowShort && (t.value < 0 || (t.quantity !== undefined && t.quantity < 0))) {
        throw new InvalidArgumentError(`${fn}: the trade sells ${t.asset}, which is not held; pass \`allowShort: true\` to allow short positions.`, 'trades', t.asset);
      }
      positions.set(t.asset, { ...(t.position ?? {}), asset: t.asset, marketValue: t.value, ...(t.quantity !== undefined ? { quantity: t.quantity } : {}) });
    }
    cash -= t.value;
  }
  return { positions: [...positions.values()], cash };
}

function key(c: ComplianceCheck): string {
  return `${c.ruleId}\u0000${c.subject}\u0000${c.bound}`;
}

/**
 * Pre-trade compliance: check the portfolio before and after a list of proposed trades, and
 * say which trades would cause or cure which breach. Each trade moves `value` from cash into the
 * asset (a sale moves it back); per-trade effects apply each trade alone to the current
 * portfolio, so a breach caused only by several trades together shows in `newBreaches` but in
 * no single trade's effects.
 *
 * `approved` is true when the trades create no new breach and worsen no existing one.
 *
 * The rules are checked as in {@link checkCompliance}: limits of weights and cash are fractions
 * of NAV (a magnitude above 1, e.g. `limit: 20` for 20 %, throws and suggests 0.2), exposure
 * limits multiples of NAV (refused beyond ±10), and a rule measured against a `limit` must have one.
 *
 * @throws {InvalidArgumentError} for malformed trades (unknown fields, NaN or ±Infinity values,
 * a quantity for a position held without one), a trade that sells more than is held (unless
 * `allowShort`), and everything {@link checkCompliance} throws (a missing `limit`, a percentage
 * where a fraction belongs, ...).
 * @example
 * ```ts
 * import { preTradeCheck } from 'quantivista/compliance';
 * const r = preTradeCheck(
 *   { positions: [{ asset: 'AAA', marketValue: 40 }, { asset: 'BBB', marketValue: 40 }], cash: 20 },
 *   [{ asset: 'AAA', value: 15 }],
 *   [{ type: 'max-weight', limit: 0.5 }],
 * );
 * console.log(r.approved); // false
 * console.log(r.tradeEffects[0]?.effect); // "causes"
 *
 * try {
 *   preTradeCheck({ positions: [{ asset: 'AAA', marketValue: 100 }] }, [], [{ type: 'min-cash' } as never]);
 * } catch (e) {
 *   console.log((e as Error).message); // preTradeCheck: rule 'min-cash#0' (min-cash) has no `limit`; give it as a fraction of portfolio value, e.g. `limit: 0.1` for 10 %.
 * }
 * ```
 */
export function preTradeCheck(portfolio: CompliancePortfolio, trades: ProposedTrade[], rules: ComplianceRule[], options?: PreTradeCheckOptions): PreTradeResult {
  const fn = 'preTradeCheck';
  const { allowShort = false } = checkOptions(fn, options, ['allowShort']);
  const pf = normalisePortfolio(fn, portfolio);
  const rs = normaliseRules(fn, rules);
  if (!Array.isArray(trades)) throw new InvalidArgumentError(`${fn}: \`trades\` must be an array.`, 'trades', typeof trades);
  trades.forEach((t, i) => {
    const where = `trades[${i}]`;
    if (!t || typeof t !== 'object') throw new InvalidArgumentError(`${fn}: \`${where}\` must be an object.`, where, typeof t);
    checkOptions(fn, t, ['asset', 'value', 'quantity', 'position']);
    if (typeof t.asset !== 'string' || t.asset === '') throw new InvalidArgumentError(`${fn}: \`${where}.asset\` must be a non-empty string.`, `${where}.asset`, t.asset);
    checkFinite(fn, `${where}.value`, t.value);
    if (t.quantity !== undefined) checkFinite(fn, `${where}.quantity`, t.quantity);
  });
  const evaluate = (p: CompliancePortfolio): ComplianceResult => {
    const n = normalisePortfolio(fn, p);
    const checks = rs.flatMap(({ id, rule }) => evaluateRule(id, rule, n));
    const breaches = checks.filter((c) => c.breached);
    return { compliant: breaches.length === 0, breaches, checks, nav: n.nav };
  };
  const before = evaluate({ positions: pf.positions, cash: pf.cash });
  const portfolioAfter = applyTrades(fn, { positions: pf.positions, cash: pf.cash }, trades, allowShort);
  const after = evaluate(portfolioAfter);
  const beforeByKey = new Map(before.checks.map((c) => [key(c), c]));
  const afterByKey = new Map(after.checks.map((c) => [key(c), c]));
  const newBreaches = after.breaches.filter((c) => !beforeByKey.get(key(c))?.breached);
  const curedBreaches = before.breaches.filter((c) => afterByKey.get(key(c))?.breached !== true);
  const tradeEffects: TradeEffect[] = [];
  trades.forEach((t, i) => {
    const alone = evaluate(applyTrades(fn, { positions: pf.positions, cash: pf.cash }, [t]));
    for (const c of alone.checks) {
      const b = beforeByKey.get(key(c));
      const wasBreached = b?.breached ?? false;
      // A check absent before measures something that was 0 then (e.g. the weight of a new asset).
      const headroomBefore = b?.headroom ?? (c.bound === 'max' ? c.limit : -c.limit);
      let effect: TradeEffect['effect'] | undefined;
      if (!wasBreached && c.breached) effect = 'causes';
      else if (wasBreached && !c.breached) effect = 'cures';
      else if (wasBreached && c.breached && c.headroom < headroomBefore) effect = 'worsens';
      else if (wasBreached && c.breached && c.headroom > headroomBefore) effect = 'improves';
      if (effect) tradeEffects.push({ trade: i, asset: t.asset, effect, ruleId: c.ruleId, subject: c.subject, headroomBefore, headroomAfter: c.headroom });
    }
  });
  const worsened = after.breaches.some((c) => {
    const b = beforeByKey.get(key(c));
    return b?.breached === true && c.headroom < b.headroom - 1e-12;
  });
  return { before, after, newBreaches, curedBreaches, tradeEffects, approved: newBreaches.length === 0 && !worsened, portfolioAfter };
}
