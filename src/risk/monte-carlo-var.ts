/**
 * Monte Carlo VaR / ES of a linear portfolio under a multivariate normal or Student-t model,
 * reproducible bit for bit however the paths are split across calls, workers or machines.
 *
 * @module
 */
import { neumaierSum, quantileRule } from '../core/stats.ts';
import { DimensionError, InvalidArgumentError } from '../core/errors.ts';
import { toVector, type MatrixLike, type VectorLike } from '../core/matrix.ts';
import { covarianceFactor, type Seed } from '../core/random.ts';
import { isMomentsLike, readCovariance, type Moments } from '../core/covariance-reader.ts';
import { checkFinite, checkInteger, checkLength, checkOneOf, checkOptions, checkRange } from '../core/validate.ts';
import { simulatePnL, xor4096State } from './fast-normal.ts';
import { selectInPlace, tailProbability, checkFiniteResult } from './internal.ts';
import { Adder } from '../core/accumulator.ts';
import { checkSizeCap, SIZE_CAPS } from '../core/limits.ts';
import { MAX_BLOCKS, readShards, type MonteCarloConfig, type MonteCarloShard } from './monte-carlo-shard.ts';
import { showValue } from '../core/parse-decimal.ts';

/** Options of {@link monteCarloVaR}. */
export interface MonteCarloVaROptions {
  /** Expected returns per period (n); may be left out when `cov` is a Moments with `mu`. */
  mu?: VectorLike;
  /** Covariance of returns per period (n x n, symmetric PSD), or a Moments (its covariance, and its `mu` when `mu` is not given). */
  cov: MatrixLike | Moments;
  /** Portfolio weights (fractions → VaR as a fraction; money amounts → VaR in money). */
  weights: VectorLike;
  /** Total number of simulated paths (over all shards), a positive integer. */
  paths: number;
  /** Confidence in [0.5, 1), default 0.95 (below 0.5, a tail probability given for the level, throws). */
  confidence?: number;
  /** Seed (finite number or string). Required. */
  seed: Seed;
  /** `'normal'` (default) or `'student-t'` (multivariate t with covariance `cov`). */
  distribution?: 'normal' | 'student-t';
  /** ν > 2 for `'student-t'` (required there). */
  degreesOfFreedom?: number;
  /** Paths per block (default 10,000). Each block b draws from the stream (seed, b). Changing it changes the draws. */
  blockSize?: number;
  /** Run only this shard of the blocks (contiguous ranges); returns a {@link MonteCarloShard} for {@link mergeMonteCarlo}. */
  shard?: { index: number; count: number };
  /** Also return every simulated P&L in path order (`pnl`). Default false. */
  returnPnL?: boolean;
}

export type { MonteCarloConfig, MonteCarloShard } from './monte-carlo-shard.ts';

/** Result of {@link monteCarloVaR} (and of {@link mergeMonteCarlo}). */
export interface MonteCarloVaRResult {
  /** VaR: minus the `'linear'` empirical quantile of the simulated P&L at p = 1 − confidence (positive = loss). */
  var: number;
  /** ES: minus the mean of the simulated P&Ls at or below that quantile. */
  es: number;
  confidence: number;
  paths: number;
  distribution: 'normal' | 'student-t';
  degreesOfFreedom?: number;
  /** Standard errors: VaR by order-statistic spacing, SE ≈ (P₍ₗ₊ₘ₎ − P₍ₗ₋ₘ₎)/(2m) · √(Np(1−p)) with m = ⌈√(Np(1−p))⌉; ES by Manistre & Hancock (2005), √((V_tail + c (ES − VaR)²)/(N p)). */
  standardErrors: { var: number; es: number };
  /** Mean and standard deviation (ddof = 1) of the simulated P&L. */
  mean: number;
  standardDeviation: number;
  seed: Seed;
  blockSize: number;
  blocks: number;
  /** Every simulated P&L in path order (with `returnPnL`). */
  pnl?: number[];
}

const KEYS = ['mu', 'cov', 'weights', 'paths', 'confidence', 'seed', 'distribution', 'degreesOfFreedom', 'blockSize', 'shard', 'returnPnL'] as const;

/** Keep the `k` smallest of `x` (plus ties of the k-th), ascending. */
function smallest(x: Float64Array, k: number): number[] {
  if (x.length <= k) return Array.from(x).sort((a, b) => a - b);
  const copy = Float64Array.from(x);
  selectInPlace(copy, k - 1);
  const kth = copy[k - 1];
  const kept = Array.from(copy.subarray(0, k));
  for (let i = k; i < copy.length; i++) if (copy[i] === kth) kept.push(kth);
  return kept.sort((a, b) => a - b);
}

/**
 * Monte Carlo VaR and ES of a linear portfolio: P&L = wᵀr with r ~ N(μ, Σ) or a multivariate
 * Student-t with covariance Σ (r = μ + F z √((ν−2)/G), G ~ χ²(ν)). Each path needs a single
 * dot product: wᵀr = wᵀμ + (Fᵀw)·z with F the Cholesky factor of Σ (eigen-factor when only
 * semidefinite), computed once.
 *
 * Reproducibility: paths are drawn in blocks of `blockSize`; block b uses the xor4096 stream of
 * `randomStream(seed, b)` (same seeding), read as 32-bit words by a ziggurat normal generator
 * (Marsaglia & Tsang 2000). A run split into shards (`shard: { index, count }`, contiguous block
 * ranges) and merged with {@link mergeMonteCarlo} gives the same bits as a single call.
 *
 * VaR is minus the `'linear'` empirical quantile of the P&L at p = 1 − confidence (rounded to 15
 * significant digits), ES minus the mean P&L at or below it; standard errors as documented on
 * {@link MonteCarloVaRResult}.
 *
 * `cov` may be a `Moments` (see `moments()` in `quantivista/expected-returns`): its covariance is
 * used (a library-built one skips the symmetry re-check; the Cholesky factor is computed anyway)
 * and its `mu` stands in for `mu` when that is not given.
 *
 * @returns a {@link MonteCarloVaRResult}, or with `shard` a {@link MonteCarloShard}.
 * Size caps: `paths` ≤ `SIZE_CAPS.paths` (10,000,000), at most 1,000,000 blocks (⌈paths / blockSize⌉,
 * also the largest `shard.count`), and n ≤ `SIZE_CAPS.denseAssets` (5,000) assets (the O(n³) factor).
 *
 * @throws {InvalidArgumentError} for bad options (paths, seed, confidence, ν ≤ 2, a bad shard).
 * @throws {SizeLimitError} beyond a size cap, before anything is allocated.
 * @throws {DimensionError} when mu, cov and weights disagree. @throws {NotPositiveDefiniteError} when cov is not PSD.
 * @example
 * ```ts
 * import { monteCarloVaR } from 'quantivista/risk';
 * const r = monteCarloVaR({ mu: [0, 0], cov: [[1e-4, 2e-5], [2e-5, 4e-4]], weights: [0.5, 0.5], paths: 20000, seed: 1 });
 * console.log(r.var > 0 && r.es > r.var); // true
 * ```
 */
export function monteCarloVaR(options: MonteCarloVaROptions & { shard: { index: number; count: number } }): MonteCarloShard;
export function monteCarloVaR(options: MonteCarloVaROptions): MonteCarloVaRResult;
export function monteCarloVaR(options: MonteCarloVaROptions): MonteCarloVaRResult | MonteCarloShard {
  const fn = 'monteCarloVaR';
  if (options === undefined) throw new InvalidArgumentError(`${fn}: \`options\` are required (mu, cov, weights, paths, seed).`, 'options', 'undefined');
  const opts = checkOptions(fn, options, KEYS);
  const momentsMu = opts.mu === undefined && isMomentsLike(opts.cov) ? opts.cov.mu : undefined;
  const mu = toVector((opts.mu ?? momentsMu) as VectorLike, fn, 'mu');
  const w = toVector(opts.weights, fn, 'weights');
  const n = w.length;
  if (n === 0) throw new DimensionError(`${fn}: \`weights\` must not be empty.`);
  checkSizeCap(fn, 'weights (assets)', n, SIZE_CAPS.denseAssets, 'the covariance factor is O(n³)');
  checkLength(fn, 'mu', mu.length, n);
  const message = (rows: number, cols: number): string => `${fn}: \`weights\` has ${n} entries but \`cov\` is ${rows} x ${cols}.`;
  const S = readCovariance(fn, 'cov', opts.cov, 'symmetric', { n, message }).data;
  const paths = checkInteger(fn, 'paths', opts.paths, 1);
  checkSizeCap(fn, 'paths', paths, SIZE_CAPS.paths, 'run several calls with different seeds, or shards of a smaller run');
  const { confidence, p } = tailProbability(fn, opts.confidence ?? 0.95);
  if (opts.seed === undefined) throw new InvalidArgumentError(`${fn}: \`seed\` is required (a finite number or a string).`, 'seed', 'undefined');
  const seed: Seed = typeof opts.seed === 'string' ? opts.seed : checkFinite(fn, 'seed', opts.seed);
  const distribution = checkOneOf(fn, 'distribution', opts.distribution ?? 'normal', ['normal', 'student-t'] as const);
  let nu = 0;
  if (distribution === 'student-t') {
    if (opts.degreesOfFreedom === undefined)
      throw new InvalidArgumentError(`${fn}: \`degreesOfFreedom\` is required for distribution 'student-t'.`, 'degreesOfFreedom', 'undefined');
    nu = checkRange(fn, 'degreesOfFreedom', opts.degreesOfFreedom, { min: 2, minOpen: true });
  } else if (opts.degreesOfFreedom !== undefined) {
    throw new InvalidArgumentError(`${fn}: \`degreesOfFreedom\` applies to distribution 'student-t' only.`, 'degreesOfFreedom', opts.degreesOfFreedom);
  }
  const blockSize = checkInteger(fn, 'blockSize', opts.blockSize ?? 10000, 1);
  checkSizeCap(fn, 'paths / blockSize (blocks)', Math.ceil(paths / blockSize), MAX_BLOCKS, 'use a larger `blockSize`');
  const returnPnL = opts.returnPnL ?? false;
  if (typeof returnPnL !== 'boolean') throw new InvalidArgumentError(`${fn}: \`returnPnL\` must be a boolean.`, 'returnPnL', showValue(returnPnL));
  const totalBlocks = Math.ceil(paths / blockSize);
  let shard = { index: 0, count: 1 };
  if (opts.shard !== undefined) {
    const sh = opts.shard;
    if (sh === null || typeof sh !== 'object') throw new InvalidArgumentError(`${fn}: \`shard\` must be { index, count }.`, 'shard', showValue(sh));
    checkOptions(`${fn}.shard`, sh, ['index', 'count']);
    const count = checkInteger(fn, 'shard.count', sh.count, 1, MAX_BLOCKS);
    const index = checkInteger(fn, 'shard.index', sh.index, 0, count - 1);
    shard = { index, count };
  }

  const F = covarianceFactor(S, n, fn);
  const b = new Float64Array(n); // Fᵀ w
  for (let k = 0; k < n; k++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += F[i * n + k] * w[i];
    b[k] = s;
  }
  let m = 0;
  for (let i = 0; i < n; i++) m += w[i] * mu[i];
  const lo = Math.floor((paths - 1) * p);
  const spread = Math.ceil(Math.sqrt(paths * p * (1 - p)));
  const tailSize = Math.min(paths, lo + 2 + spread);
  const config: MonteCarloConfig = {
    paths,
    blockSize,
    confidence,
    seed,
    distribution,
    degreesOfFreedom: nu,
    portfolioMean: m,
    loadings: Array.from(b),
    tailSize,
  };

  const first = Math.floor((shard.index * totalBlocks) / shard.count);
  const last = Math.floor(((shard.index + 1) * totalBlocks) / shard.count);
  const startPath = Math.min(first * blockSize, paths);
  const endPath = Math.min(last * blockSize, paths);
  const pnl = new Float64Array(endPath - startPath);
  const blockSums: number[] = [];
  const blockSumSquares: number[] = [];
  for (let blk = first; blk < last; blk++) {
    const start = blk * blockSize;
    const count = Math.min(blockSize, paths - start);
    const state = xor4096State(seed, blk);
    const off = start - startPath;
    simulatePnL(state, b, m, nu, pnl, off, count);
    const view = pnl.subarray(off, off + count);
    blockSums.push(neumaierSum(view));
    const sumSq = new Adder();
    for (let k = 0; k < count; k++) {
      const v = view[k] * view[k];
      sumSq.add(v);
    }
    blockSumSquares.push(sumSq.valueOf());
  }
  const result: MonteCarloShard = {
    kind: 'monte-carlo-shard',
    shard,
    config,
    firstBlock: first,
    blocks: last - first,
    pathsSimulated: endPath - startPath,
    tail: smallest(pnl, tailSize),
    blockSums,
    blockSumSquares,
  };
  if (returnPnL) result.pnl = Array.from(pnl);
  checkFiniteResult(fn, result, 'weights');
  if (opts.shard !== undefined) return result;
  const merged = finalize([result]);
  checkFiniteResult(fn, merged, 'weights');
  return merged;
}

function finalize(shards: MonteCarloShard[]): MonteCarloVaRResult {
  const cfg = (shards[0] as MonteCarloShard).config;
  const N = cfg.paths;
  const { p } = tailProbability('mergeMonteCarlo', cfg.confidence);
  const all: number[] = [];
  for (const s of shards) for (const v of s.tail) all.push(v);
  all.sort((a, b) => a - b);
  const K = Math.min(cfg.tailSize, all.length);
  let end = K;
  while (end < all.length && all[end] === all[K - 1]) end++;
  const tail = all.slice(0, end);
  const h = (N - 1) * p;
  const lo = Math.floor(h);
  const q = quantileRule(tail[lo], tail[Math.min(lo + 1, N - 1)], lo, h - lo, 'linear');
  const below: number[] = [];
  for (const v of tail) if (v <= q) below.push(v);
  const tailMean = neumaierSum(below) / below.length;
  const VaR = -q;
  const ES = -tailMean;
  // Standard errors.
  const npq = N * p * (1 - p);
  const spread = Math.ceil(Math.sqrt(npq));
  const j1 = Math.max(0, lo - spread);
  const j2 = Math.min(lo + spread, tail.length - 1, N - 1);
  const seVaR = j2 > j1 ? ((tail[j2] - tail[j1]) / (j2 - j1)) * Math.sqrt(npq) : 0;
  let v2 = 0;
  for (const v of below) v2 += (v - tailMean) * (v - tailMean);
  const vTail = below.length > 1 ? v2 / (below.length - 1) : 0;
  const seES = Math.sqrt((vTail + cfg.confidence * (ES - VaR) * (ES - VaR)) / (N * p));
  const sums: number[] = [];
  const squares: number[] = [];
  for (const s of shards) {
    for (const v of s.blockSums) sums.push(v);
    for (const v of s.blockSumSquares) squares.push(v);
  }
  const mean = neumaierSum(sums) / N;
  const sd = N > 1 ? Math.sqrt(Math.max(0, (neumaierSum(squares) - N * mean * mean) / (N - 1))) : 0;
  const out: MonteCarloVaRResult = {
    var: VaR,
    es: ES,
    confidence: cfg.confidence,
    paths: N,
    distribution: cfg.distribution,
    standardErrors: { var: seVaR, es: seES },
    mean,
    standardDeviation: sd,
    seed: cfg.seed,
    blockSize: cfg.blockSize,
    blocks: Math.ceil(N / cfg.blockSize),
  };
  if (cfg.distribution === 'student-t') out.degreesOfFreedom = cfg.degreesOfFreedom;
  if (shards.every((s) => s.pnl !== undefined)) {
    const pnl: number[] = [];
    for (const s of shards) for (const v of s.pnl as number[]) pnl.push(v);
    out.pnl = pnl;
  }
  return out;
}

/**
 * Merge the shards of a {@link monteCarloVaR} run into the result a single call would have given
 * (the same bits). Shards may come in any order; each index 0..count−1 must appear exactly once
 * and every shard must carry the same configuration (paths, block size, confidence, seed,
 * distribution, portfolio loadings).
 *
 * Every field of every shard is checked first (shards cross process and machine boundaries): the
 * configuration's types and ranges, the block range and path count implied by the shard index,
 * and the lengths, order and finiteness of the tail, the block sums and the P&L.
 * Size cap: `shard.count` ≤ 1,000,000 and `config.paths` ≤ `SIZE_CAPS.paths`, as in monteCarloVaR.
 *
 * @throws {InvalidArgumentError} when shards are missing, repeated, out of range (an index outside 0..count−1), from different runs, or malformed (a missing or mistyped field, a non-finite number, a tail out of order, lengths that do not fit the shard's block range), naming the shard and the field.
 * @example
 * ```ts
 * import { monteCarloVaR, mergeMonteCarlo } from 'quantivista/risk';
 * const base = { mu: [0], cov: [[1e-4]], weights: [1], paths: 5000, seed: 3, blockSize: 1000 };
 * const shards = [0, 1, 2].map((index) => monteCarloVaR({ ...base, shard: { index, count: 3 } }));
 * console.log(mergeMonteCarlo(shards).var === monteCarloVaR(base).var); // true
 * ```
 */
export function mergeMonteCarlo(shards: readonly MonteCarloShard[]): MonteCarloVaRResult {
  const merged = finalize(readShards('mergeMonteCarlo', shards));
  checkFiniteResult('mergeMonteCarlo', merged, 'shards');
  return merged;
}
