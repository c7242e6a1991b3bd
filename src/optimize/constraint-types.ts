/**
 * Internal: the shapes shared by the portfolio optimisers' constraint handling — the public
 * constraint options and result record, the parsed constraints, and how limits are put in words.
 *
 * @internal
 * @module
 */
import type { VectorLike } from '../core/matrix.ts';

/** A group (sector, country, asset class) constraint: min ≤ Σ_{i ∈ assets} w_i ≤ max. */
export interface PortfolioGroup {
  name: string;
  /** Asset indices (0-based) or names (names need the `assets` option). */
  assets: ReadonlyArray<number | string>;
  min?: number;
  max?: number;
}

/** A general linear constraint lower ≤ coefficientsᵀw ≤ upper. */
export interface PortfolioLinearConstraint {
  coefficients: VectorLike;
  lower?: number;
  upper?: number;
  name?: string;
}

/** Constraint options shared by the portfolio optimisers. */
export interface PortfolioConstraints {
  /** One [lo, hi] for every asset or one per asset (default [0, 1], long-only). lo < 0 allows shorts. */
  bounds?: readonly [number, number] | ReadonlyArray<readonly [number, number]>;
  /** Σw (default 1; 0 for a dollar-neutral book). */
  budget?: number;
  /** Group constraints. */
  groups?: readonly PortfolioGroup[];
  /** General linear constraints. */
  linear?: readonly PortfolioLinearConstraint[];
  /** Turnover limit Σ|w − current| ≤ max. */
  turnover?: { current: VectorLike; max: number };
  /** Linear transaction cost rate · Σ|w − current| added to the objective (rate per asset or one for all). */
  transactionCost?: { current: VectorLike; rate: number | VectorLike };
  /** L2 regularisation γ‖w‖² added to the objective (PyPortfolioOpt's `L2_reg`). */
  l2?: number;
  /** Volatility limit sqrt(wᵀΣw) ≤ maxVolatility (per period, like `cov`). */
  maxVolatility?: number;
  /** Ex-ante tracking error limit sqrt((w − b)ᵀΣ(w − b)) ≤ max. */
  trackingError?: { benchmark: VectorLike; max: number };
  /** Gross exposure limit Σ|w| ≤ leverage. */
  leverage?: number;
  /** Asset names: results then carry `weightsByAsset` and constraints are named by asset. */
  assets?: readonly string[];
  /** Iteration cap of each QP solve. */
  maxIterations?: number;
  /** Relative optimality tolerance of each QP solve (default 1e-12). */
  tolerance?: number;
}

/** Option keys of {@link PortfolioConstraints}. */
export const CONSTRAINT_KEYS = [
  'bounds',
  'budget',
  'groups',
  'linear',
  'turnover',
  'transactionCost',
  'l2',
  'maxVolatility',
  'trackingError',
  'leverage',
  'assets',
  'maxIterations',
  'tolerance',
] as const;

/** Result of every portfolio optimiser. */
export interface PortfolioResult {
  /** Optimal weights (fractions of portfolio value). */
  weights: number[];
  /** μᵀw (per period); null when no expected returns were given. */
  expectedReturn: number | null;
  /** sqrt(wᵀΣw) (per period). */
  volatility: number;
  /** (μᵀw − r_f) / volatility; null without expected returns or at zero volatility. */
  sharpeRatio: number | null;
  converged: boolean;
  /** Active-set iterations over all QP solves. */
  iterations: number;
  /** The constraints that hold with equality at the optimum, in words. */
  bindingConstraints: string[];
  /** KKT residual of the final QP solve (relative, see `solveQP`). */
  kktResidual: number;
  /** Weights by asset name, when `assets` was given. */
  weightsByAsset?: Record<string, number>;
}

/** A parsed group or linear row: lower ≤ coefᵀw ≤ upper. */
export interface Row {
  coef: Float64Array;
  lower: number;
  upper: number;
  /** words for the lower / upper limit */
  lowerText: string;
  upperText: string;
  /** words when binding (lower / upper) */
  kind: 'group' | 'linear';
}

/** Parsed, validated constraints. */
export interface ParsedConstraints {
  fn: string;
  n: number;
  lo: Float64Array;
  hi: Float64Array;
  budget: number;
  rows: Row[];
  /** split variables: w = base + P − N */
  split: null | { base: Float64Array; limit: number; limitText: string; cost: Float64Array | null; kind: 'turnover' | 'leverage' | 'cost' };
  l2: number;
  maxVolatility: number | null;
  trackingError: { benchmark: Float64Array; max: number } | null;
  assets: readonly string[] | null;
  maxIterations: number | undefined;
  tolerance: number;
}

/** A number in words (10 significant digits, no trailing zeros). */
export function num(v: number): string {
  return String(Number(v.toPrecision(10)));
}

/** Name of asset i in words. */
export function assetName(pc: { assets: readonly string[] | null }, i: number): string {
  return pc.assets !== null ? `'${pc.assets[i]}'` : `asset ${i}`;
}
