/**
 * Checks shared by the Black–Litterman functions.
 *
 * @module
 * @internal
 */
import { InvalidArgumentError } from '../core/errors.ts';
import { showValue } from '../core/parse-decimal.ts';

/** The range of a risk aversion δ the Black–Litterman functions accept (He & Litterman use 2.5). @internal */
export const RISK_AVERSION_RANGE = Object.freeze({ min: 1e-8, max: 1e8 });

/**
 * Checks a risk aversion δ: a finite number in [1e-8, 1e8]. Outside it the reverse optimisation
 * π = δΣw or the weights (δΣ)⁻¹(μ − r_f) lose all precision or overflow: such a δ is a misuse
 * (typically a unit slip), not a preference.
 * @throws {InvalidArgumentError} outside [1e-8, 1e8] or not a number.
 * @internal
 */
export function checkRiskAversion(fn: string, value: unknown): number {
  const { min, max } = RISK_AVERSION_RANGE;
  if (typeof value !== 'number' || !(value >= min && value <= max)) {
    throw new InvalidArgumentError(
      `${fn}: \`riskAversion\` must be a number in [${min}, ${max}] (market risk aversion is typically 1 to 10; He & Litterman use 2.5), got ${showValue(value)}.`,
      'riskAversion',
      typeof value === 'number' ? value : showValue(value),
    );
  }
  return value;
}

/** The remedy the overflow guards of this domain print. @internal */
export const BL_SCALE_HINT =
  'returns, view returns and covariances are per-period decimal fractions (0.05 = 5 %), weights are fractions of the portfolio, and rates are per period';
