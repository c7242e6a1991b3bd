/**
 * Internal: the reader of {@link MonteCarloShard} objects for `mergeMonteCarlo`. Shards travel
 * between processes and machines (JSON, `postMessage`), so every field is checked before the
 * merge: a malformed or tampered shard gives an InvalidArgumentError naming the shard and field,
 * never a TypeError or a NaN.
 *
 * @module
 * @internal
 */
import { InvalidArgumentError } from '../core/errors.ts';
import { SIZE_CAPS } from '../core/limits.ts';
import { tailProbability } from './internal.ts';
import type { Seed } from '../core/random.ts';
import { showValue } from '../core/parse-decimal.ts';

/** The configuration that every shard of one run must share. */
export interface MonteCarloConfig {
  paths: number;
  blockSize: number;
  confidence: number;
  seed: Seed;
  distribution: 'normal' | 'student-t';
  degreesOfFreedom: number;
  /** wᵀμ. */
  portfolioMean: number;
  /** Fᵀw, with F Fᵀ = cov (Cholesky factor): the P&L is wᵀμ + (Fᵀw)·z. */
  loadings: number[];
  /** Number of smallest P&Ls each shard keeps (enough for the quantile, the ES and the standard errors). */
  tailSize: number;
}

/**
 * A shard of a Monte Carlo run: the part that `mergeMonteCarlo` needs to reproduce the
 * single-call result exactly. It keeps the shard's `config.tailSize` smallest P&Ls (plus ties of
 * the largest kept value): the global VaR quantile, the ES tail and the standard-error spacing
 * all lie among the global tailSize smallest, and those are always in the union of the shards'
 * kept values. Sums are kept per block and added in block order, so the mean is bit-identical.
 */
export interface MonteCarloShard {
  kind: 'monte-carlo-shard';
  shard: { index: number; count: number };
  config: MonteCarloConfig;
  /** First block of this shard and number of blocks. */
  firstBlock: number;
  blocks: number;
  /** Paths simulated by this shard. */
  pathsSimulated: number;
  /** Smallest P&Ls of the shard, ascending. */
  tail: number[];
  /** Per-block sums and sums of squares of the P&L (block order). */
  blockSums: number[];
  blockSumSquares: number[];
  /** The shard's P&Ls in path order (with `returnPnL`). */
  pnl?: number[];
}

/** The largest number of blocks of one run: seeding a block's stream costs about 16 µs. */
export const MAX_BLOCKS = 1_000_000;

function isRecord(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

function fail(fn: string, where: string, expected: string, got: unknown): never {
  const shown =
    typeof got === 'string'
      ? JSON.stringify(got)
      : Array.isArray(got)
        ? `an array of ${got.length}`
        : got === null
          ? 'null'
          : typeof got === 'object'
            ? 'an object'
            : String(got);
  throw new InvalidArgumentError(`${fn}: \`${where}\` must be ${expected}, got ${shown}.`, 'shards', shown);
}

function int(fn: string, where: string, v: unknown, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) fail(fn, where, `an integer in [${min}, ${max}]`, v);
  return v;
}

function finite(fn: string, where: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(fn, where, 'a finite number', v);
  return v;
}

/** An array of finite numbers of the given length range (and ascending when asked). */
function numbers(fn: string, where: string, v: unknown, minLength: number, maxLength: number, ascending = false): number[] {
  if (!Array.isArray(v)) fail(fn, where, 'an array of finite numbers', v);
  if (v.length < minLength || v.length > maxLength) {
    const want = minLength === maxLength ? `${minLength}` : `${minLength} to ${maxLength}`;
    throw new InvalidArgumentError(`${fn}: \`${where}\` must hold ${want} numbers, got ${v.length}.`, 'shards', v.length);
  }
  for (let k = 0; k < v.length; k++) {
    finite(fn, `${where}[${k}]`, v[k]);
    if (ascending && k > 0 && (v[k] as number) < (v[k - 1] as number)) fail(fn, where, 'in ascending order', `out of order at ${k}`);
  }
  return v as number[];
}

/** Check one shard's `config`: the fields, their types and ranges. */
function readConfig(fn: string, at: string, c: unknown): MonteCarloConfig {
  if (!isRecord(c)) fail(fn, `${at}.config`, 'an object', c);
  const paths = int(fn, `${at}.config.paths`, c.paths, 1, SIZE_CAPS.paths);
  const blockSize = int(fn, `${at}.config.blockSize`, c.blockSize, 1, Number.MAX_SAFE_INTEGER);
  if (Math.ceil(paths / blockSize) > MAX_BLOCKS) fail(fn, `${at}.config.blockSize`, `large enough for at most ${MAX_BLOCKS} blocks`, blockSize);
  const confidence = finite(fn, `${at}.config.confidence`, c.confidence);
  if (!(confidence >= 0.5 && confidence < 1)) fail(fn, `${at}.config.confidence`, 'in [0.5, 1)', confidence);
  if (typeof c.seed !== 'string') finite(fn, `${at}.config.seed`, c.seed);
  if (c.distribution !== 'normal' && c.distribution !== 'student-t') fail(fn, `${at}.config.distribution`, "'normal' or 'student-t'", c.distribution);
  const nu = finite(fn, `${at}.config.degreesOfFreedom`, c.degreesOfFreedom);
  if (c.distribution === 'student-t' ? !(nu > 2) : nu !== 0) fail(fn, `${at}.config.degreesOfFreedom`, c.distribution === 'student-t' ? '> 2' : '0', nu);
  finite(fn, `${at}.config.portfolioMean`, c.portfolioMean);
  numbers(fn, `${at}.config.loadings`, c.loadings, 1, SIZE_CAPS.denseAssets);
  const { p } = tailProbability(fn, confidence);
  const tailSize = Math.min(paths, Math.floor((paths - 1) * p) + 2 + Math.ceil(Math.sqrt(paths * p * (1 - p))));
  if (c.tailSize !== tailSize) fail(fn, `${at}.config.tailSize`, `${tailSize} (set by paths and confidence)`, c.tailSize);
  return c as unknown as MonteCarloConfig;
}

/**
 * Check one shard against the run it claims to belong to: its index, its block range, its path
 * count, and the lengths and finiteness of its tail, block sums and P&L.
 */
function readShard(fn: string, at: string, s: unknown): MonteCarloShard {
  if (!isRecord(s) || s.kind !== 'monte-carlo-shard') fail(fn, at, "a result of monteCarloVaR({ ..., shard }) (kind 'monte-carlo-shard')", s);
  if (!isRecord(s.shard)) fail(fn, `${at}.shard`, 'an object { index, count }', s.shard);
  const count = int(fn, `${at}.shard.count`, s.shard.count, 1, MAX_BLOCKS);
  const index = s.shard.index;
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= count) {
    throw new InvalidArgumentError(`${fn}: \`shards\` holds a shard index ${showValue(index)} outside 0..${count - 1}.`, 'shards', showValue(index));
  }
  const cfg = readConfig(fn, at, s.config);
  const totalBlocks = Math.ceil(cfg.paths / cfg.blockSize);
  const first = Math.floor((index * totalBlocks) / count);
  const last = Math.floor(((index + 1) * totalBlocks) / count);
  if (s.firstBlock !== first) fail(fn, `${at}.firstBlock`, `${first} (shard ${index} of ${count})`, s.firstBlock);
  if (s.blocks !== last - first) fail(fn, `${at}.blocks`, `${last - first} (shard ${index} of ${count})`, s.blocks);
  const simulated = Math.min(last * cfg.blockSize, cfg.paths) - Math.min(first * cfg.blockSize, cfg.paths);
  if (s.pathsSimulated !== simulated) fail(fn, `${at}.pathsSimulated`, `${simulated}`, s.pathsSimulated);
  numbers(fn, `${at}.tail`, s.tail, Math.min(cfg.tailSize, simulated), simulated, true);
  numbers(fn, `${at}.blockSums`, s.blockSums, last - first, last - first);
  numbers(fn, `${at}.blockSumSquares`, s.blockSumSquares, last - first, last - first);
  if (s.pnl !== undefined) numbers(fn, `${at}.pnl`, s.pnl, simulated, simulated);
  return s as unknown as MonteCarloShard;
}

/**
 * Read the shards of one run: a non-empty array, each shard well formed, one configuration and
 * shard count, every index 0..count−1 exactly once. Returns them sorted by index. @internal
 */
export function readShards(fn: string, shards: unknown): MonteCarloShard[] {
  if (!Array.isArray(shards) || shards.length === 0)
    throw new InvalidArgumentError(`${fn}: \`shards\` must be a non-empty array of monteCarloVaR shard results.`, 'shards', 'empty');
  // each shard is checked against the first as soon as it is read, so that a list of many
  // repeated shards is refused at the first repeat, not after reading every tail
  const first = readShard(fn, 'shards[0]', shards[0]);
  const count = first.shard.count;
  const key = JSON.stringify(first.config);
  const seen = new Set<number>();
  const read: MonteCarloShard[] = [];
  for (let i = 0; i < shards.length; i++) {
    const s = i === 0 ? first : readShard(fn, `shards[${i}]`, shards[i]);
    if (JSON.stringify(s.config) !== key || s.shard.count !== count) {
      throw new InvalidArgumentError(`${fn}: \`shards\` come from different runs (configuration or shard count differ).`, 'shards', 'mismatch');
    }
    if (seen.has(s.shard.index)) throw new InvalidArgumentError(`${fn}: \`shards\` holds shard ${s.shard.index} twice.`, 'shards', s.shard.index);
    seen.add(s.shard.index);
    read.push(s);
  }
  for (let k = 0; k < count; k++) {
    if (!seen.has(k)) throw new InvalidArgumentError(`${fn}: \`shards\` is missing shard ${k} of ${count}.`, 'shards', k);
  }
  return read.sort((a, b) => a.shard.index - b.shard.index);
}
