import { DimensionError, InvalidArgumentError } from '../core/errors.ts';
import { matrixData, toMatrix, toVector, type MatrixLike, type VectorLike } from '../core/matrix.ts';

/** Result of {@link driftWeights}. */
export interface DriftWeightsResult {
  /** Weights after the returns, as fractions of the portfolio's new value (they sum to Σ of the input weights' share... see the docs). */
  weights: number[];
  /** The portfolio's compounded simple return over the periods (cash, if any, earns 0). */
  portfolioReturn: number;
}

function isMatrixInput(x: unknown): boolean {
  if (x && typeof x === 'object' && typeof (x as { to2DArray?: unknown }).to2DArray === 'function') return true;
  const a = x as ArrayLike<unknown>;
  return !!a && typeof a === 'object' && a.length > 0 && typeof a[0] === 'object' && a[0] !== null;
}

/**
 * Weights after prices move, with no trading: w′_i = w_i (1 + r_i) / Σ_j w_j (1 + r_j) for one
 * period (a vector of returns), applied period after period for a T x n matrix of returns.
 *
 * Weights are fractions of portfolio value. When they sum to less than 1 the remainder is cash
 * earning 0, and it drifts too (the output then sums to less than 1 by cash's new share).
 * Shorts (negative weights) drift the same way.
 *
 * @param weights current weights (n).
 * @param periodReturns simple returns, a vector of n (one period) or a T x n matrix (T periods, oldest first).
 * @throws {DimensionError} when lengths differ. @throws {InvalidArgumentError} on non-finite
 * values, a return ≤ −1, or a portfolio value that reaches 0 or below.
 * @example
 * ```ts
 * import { driftWeights } from 'quantivista/rebalance';
 * const { weights, portfolioReturn } = driftWeights([0.5, 0.5], [0.1, -0.1]);
 * console.log(weights); // [0.55, 0.45]
 * console.log(portfolioReturn); // 0
 * ```
 */
export function driftWeights(weights: VectorLike, periodReturns: VectorLike | MatrixLike): DriftWeightsResult {
  const fn = 'driftWeights';
  const w = toVector(weights, fn, 'weights');
  const n = w.length;
  if (n === 0) throw new InvalidArgumentError(`${fn}: \`weights\` must not be empty.`, 'weights', 0);
  let R: Float64Array;
  let T: number;
  if (isMatrixInput(periodReturns)) {
    const m = toMatrix(periodReturns as MatrixLike, fn, 'periodReturns');
    if (m.cols !== n) throw new DimensionError(`${fn}: \`periodReturns\` has ${m.cols} columns but there are ${n} weights.`);
    R = matrixData(m);
    T = m.rows;
  } else {
    R = toVector(periodReturns as VectorLike, fn, 'periodReturns');
    if (R.length !== n) throw new DimensionError(`${fn}: \`periodReturns\` must have ${n} entries, got ${R.length}.`);
    T = 1;
  }
  // Track values (start at the weights, total value 1): v_i ← v_i (1 + r_i).
  const v = Float64Array.from(w);
  let invested = 0;
  for (let i = 0; i < n; i++) invested += w[i] as number;
  const cash = 1 - invested;
  for (let t = 0; t < T; t++) {
    for (let i = 0; i < n; i++) {
      const r = R[t * n + i] as number;
      if (r <= -1) throw new InvalidArgumentError(`${fn}: \`periodReturns\` (${t}, ${i}) is ${r}; a simple return must be > −1.`, 'periodReturns', r);
      v[i] = (v[i] as number) * (1 + r);
    }
  }
  let total = cash;
  for (let i = 0; i < n; i++) total += v[i] as number;
  if (!(total > 0)) throw new InvalidArgumentError(`${fn}: the portfolio's value falls to ${total} (≤ 0); weights are undefined.`, 'periodReturns', total);
  return { weights: Array.from(v, (x) => x / total), portfolioReturn: total - 1 };
}
