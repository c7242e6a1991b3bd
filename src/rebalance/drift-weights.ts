import { DimensionError, InvalidArgumentError } from '../core/errors.ts';
import { matrixData, toMatrix, toVector, type MatrixLike, type VectorLike } from '../core/matrix.ts';
import { isTableLike, resolveAssets, type TableLike } from '../core/table.ts';
import { toReturnsMatrix } from '../core/validate.ts';

/** Result of {@link driftWeights}. */
export interface DriftWeightsResult {
  /** Weights after the returns, as fractions of the portfolio's new value (they sum to Σ of the input weights' share... see the docs). */
  weights: number[];
  /** The portfolio's compounded simple return over the periods (cash, if any, earns 0). */
  portfolioReturn: number;
  /** The drifted weights by ticker, when `periodReturns` is a table. */
  weightsByAsset?: Record<string, number>;
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
 * Tables: `periodReturns` may be a ReturnTable `{ kind: 'returns', dates, assets, values }` (a
 * plain object will do); the result then also carries `weightsByAsset`, and the numbers are those
 * of the table's values as a matrix. A PriceTable is refused. Missing values (NaN / `null`) throw,
 * naming the asset and date for a table.
 *
 * @param weights current weights (n).
 * @param periodReturns simple returns, a vector of n (one period), a T x n matrix or a ReturnTable (T periods, oldest first).
 * @throws {DimensionError} when lengths differ. @throws {InvalidArgumentError} on non-finite or
 * missing values, a PriceTable, a return ≤ −1, or a portfolio value that reaches 0 or below, or drifted values beyond the double range (a weight such as 1.7e308).
 * @example
 * ```ts
 * import { driftWeights } from 'quantivista/rebalance';
 * const { weights, portfolioReturn } = driftWeights([0.5, 0.5], [0.1, -0.1]);
 * console.log(weights); // [0.55, 0.45]
 * console.log(portfolioReturn); // 0
 *
 * // Two dated periods as a table: values 0.5 · 1.1 · 1.1 = 0.605 and 0.5 · 0.9 · 1 = 0.45,
 * // total 1.055, so AAA weighs 0.605 / 1.055.
 * const table = { kind: 'returns', dates: ['2024-01-31', '2024-02-29'], assets: ['AAA', 'BBB'], values: [[0.1, -0.1], [0.1, 0]] };
 * const d = driftWeights([0.5, 0.5], table);
 * console.log(d.weightsByAsset?.AAA); // 0.5734597156...
 * console.log(d.portfolioReturn); // 0.055
 * ```
 */
export function driftWeights(weights: VectorLike, periodReturns: VectorLike | MatrixLike | TableLike): DriftWeightsResult {
  const fn = 'driftWeights';
  const w = toVector(weights, fn, 'weights');
  const n = w.length;
  if (n === 0) throw new InvalidArgumentError(`${fn}: \`weights\` must not be empty.`, 'weights', 0);
  let R: Float64Array;
  let T: number;
  const table = isTableLike(periodReturns);
  if (table || isMatrixInput(periodReturns)) {
    const m = table ? toReturnsMatrix(fn, 'periodReturns', periodReturns as MatrixLike) : toMatrix(periodReturns as MatrixLike, fn, 'periodReturns');
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
  for (let i = 0; i < n; i++) invested += w[i];
  const cash = 1 - invested;
  for (let t = 0; t < T; t++) {
    for (let i = 0; i < n; i++) {
      const r = R[t * n + i];
      if (r <= -1) throw new InvalidArgumentError(`${fn}: \`periodReturns\` (${t}, ${i}) is ${r}; a simple return must be > −1.`, 'periodReturns', r);
      v[i] = v[i] * (1 + r);
    }
  }
  let total = cash;
  for (let i = 0; i < n; i++) total += v[i];
  if (!Number.isFinite(total) || !Number.isFinite(cash)) {
    let big = 0;
    for (let i = 1; i < n; i++) if (Math.abs(w[i]) > Math.abs(w[big])) big = i;
    throw new InvalidArgumentError(
      `${fn}: the drifted values overflow the double range (weight ${big} is ${w[big]}); weights are fractions of portfolio value (0.6 = 60 %).`,
      'weights',
      w[big],
    );
  }
  if (!(total > 0)) throw new InvalidArgumentError(`${fn}: the portfolio's value falls to ${total} (≤ 0); weights are undefined.`, 'periodReturns', total);
  const out: DriftWeightsResult = { weights: Array.from(v, (x) => x / total), portfolioReturn: total - 1 };
  if (table) {
    const labels = resolveAssets(fn, undefined, periodReturns, n) as string[];
    out.weightsByAsset = Object.fromEntries(out.weights.map((x, i) => [labels[i] as string, x]));
  }
  return out;
}
