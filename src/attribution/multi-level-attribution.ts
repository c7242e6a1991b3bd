import { InvalidArgumentError } from '../core/errors.ts';
import { checkSizeCap } from '../core/limits.ts';
import { checkOptions } from '../core/validate.ts';
import type { SegmentFigures } from './brinson.ts';
import { checkSegments, readAttributionInput, toSegments, weightOptions, type BrinsonInput } from './internal.ts';

const MULTI_LEVEL_INPUT_KEYS = ['portfolioWeights', 'benchmarkWeights', 'portfolioReturns', 'benchmarkReturns', 'levels'] as const;
const MULTI_LEVEL_OPTIONS = ['weightSum', 'weightTolerance'] as const;

/** The deepest hierarchy {@link multiLevelAttribution} accepts (its output grows as levels² × entries). */
const MAX_LEVELS = 100;

/** Input of {@link multiLevelAttribution}: security-level data with one tag array per level. */
export interface MultiLevelInput {
  portfolioWeights: ArrayLike<number>;
  benchmarkWeights: ArrayLike<number>;
  portfolioReturns: ArrayLike<number>;
  benchmarkReturns: ArrayLike<number>;
  /** `levels[k][i]`: the level-k group of entry i, top level first (e.g. [assetClass, sector]). */
  levels: ReadonlyArray<readonly string[]>;
}

/** Options of {@link multiLevelAttribution}. */
export interface MultiLevelOptions {
  weightSum?: number;
  weightTolerance?: number;
}

/**
 * One node of the hierarchy. `allocation` is the allocation at this level,
 * (w_p − w_b · w_p,parent / w_b,parent)(r_b − r_b,parent); `selection` is what is left to explain
 * below this node, w_p (r_p − r_b) (at the last level, the selection effect).
 */
export interface MultiLevelNode extends SegmentFigures {
  /** Level index (0 = top). */
  level: number;
  /** Labels from the top down to this node. */
  path: string[];
}

/** Result of {@link multiLevelAttribution}. */
export interface MultiLevelResult {
  portfolioReturn: number;
  benchmarkReturn: number;
  activeReturn: number;
  /** Nodes per level, top level first; within a level in order of first appearance. */
  levels: MultiLevelNode[][];
  /** Σ allocation per level; Σ of all levels' allocations + last level's selection = activeReturn. */
  allocationByLevel: number[];
  /** Σ selection of the last level. */
  selection: number;
}

/**
 * Multi-level (hierarchical) top-down Brinson–Fachler attribution, e.g. asset class → sector →
 * security (Bacon, 2nd ed., ch. 6). At the top level the usual BF allocation `(w_p − w_b)(r_b − B)`;
 * at each lower level a node N with parent P gets the allocation
 * `(w_p,N − w_b,N · w_p,P / w_b,P)(r_b,N − r_b,P)`: the benchmark's mix inside P rescaled to the
 * portfolio's weight in P. The node's `selection` w_p,N (r_p,N − r_b,N) is what remains to explain
 * below it, and exactly: for every parent, Σ_children (allocation + selection) = the parent's selection.
 * Hence the allocations of all levels plus the last level's selection add up to R − B.
 *
 * Zero weights: a node the benchmark does not hold takes its parent's benchmark return (no
 * allocation), a node the portfolio does not hold has r_p = r_b (no selection); when the parent has no
 * benchmark weight the rescaling factor is 0.
 *
 * A tag may recur under different parents (a sector inside every country): nodes are identified by their path.
 *
 * @throws {InvalidArgumentError} on an unknown key of the input object (naming the nearest known key) or an
 * option given inside it (refused, with a hint: options are honoured only in the options argument).
 * @throws {InvalidArgumentError} when weights do not sum to `weightSum`, on non-finite input or bad tags.
 * @throws {DimensionError} when arrays or levels differ in length.
 * @throws {SizeLimitError} with more than 100 levels.
 * Size cap: at most 100 levels (the output holds each node's path from the top, so it grows as levels² × entries).
 * @example
 * ```ts
 * import { multiLevelAttribution } from 'quantivista/attribution';
 * const a = multiLevelAttribution({
 *   portfolioWeights: [0.3, 0.2, 0.5], benchmarkWeights: [0.25, 0.25, 0.5],
 *   portfolioReturns: [0.05, 0.02, 0.01], benchmarkReturns: [0.04, 0.03, 0.01],
 *   levels: [['Equity', 'Equity', 'Bonds'], ['Tech', 'Energy', 'Govt']],
 * });
 * console.log(a.allocationByLevel.length); // 2
 * ```
 */
export function multiLevelAttribution(input: MultiLevelInput, options?: MultiLevelOptions): MultiLevelResult {
  const fn = 'multiLevelAttribution';
  const opts = checkOptions(fn, options, MULTI_LEVEL_OPTIONS);
  const { weightSum, tol } = weightOptions(fn, opts.weightSum, opts.weightTolerance);
  readAttributionInput(fn, 'input', input, MULTI_LEVEL_INPUT_KEYS, MULTI_LEVEL_OPTIONS, {
    segments: 'multiLevelAttribution takes one tag array per level; use `levels: [segments]`',
  });
  // validate the numbers once (security level, each entry its own segment)
  const flat: BrinsonInput = {
    portfolioWeights: input.portfolioWeights,
    benchmarkWeights: input.benchmarkWeights,
    portfolioReturns: input.portfolioReturns,
    benchmarkReturns: input.benchmarkReturns,
  };
  const base = toSegments(fn, flat, weightSum, tol);
  const n = base.labels.length;
  if (!Array.isArray(input.levels) || input.levels.length === 0) {
    throw new InvalidArgumentError(`${fn}: \`levels\` must be a non-empty array of tag arrays.`, 'levels', typeof input.levels);
  }
  const L = input.levels.length;
  // each node carries its path from the top, so the output grows as levels² × entries
  checkSizeCap(fn, 'levels', L, MAX_LEVELS, 'a hierarchy is a few levels deep (asset class, sector, industry, ...)');
  const tags = input.levels.map((lv: unknown, k) => {
    if (lv === undefined || lv === null) {
      throw new InvalidArgumentError(`${fn}: \`levels[${k}]\` must be an array of ${n} tags (one per entry), got ${String(lv)}.`, `levels[${k}]`, String(lv));
    }
    return checkSegments(fn, lv, n, `levels[${k}]`) as readonly string[];
  });
  const wpS = base.wp;
  const wbS = base.wb;
  const rpS = base.rp;
  const rbS = base.rb;
  const R = base.R;
  const B = base.B;

  interface Agg {
    path: string[];
    key: string;
    parent: number;
    wp: number;
    wb: number;
    cp: number;
    cb: number;
    cpb: number;
  }
  const levelsOut: MultiLevelNode[][] = [];
  const allocationByLevel: number[] = [];
  let prevNodes: Array<{ wp: number; wb: number; rb: number }> = [{ wp: weightSum, wb: weightSum, rb: weightSum !== 0 ? B / weightSum : B }];
  let parentOf = new Int32Array(n); // node index (previous level) of each entry; all under the root at first
  let lastSelection = 0;
  for (let k = 0; k < L; k++) {
    const nodes: Agg[] = [];
    const index = new Map<string, number>();
    const nodeOf = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const tag = (tags[k] as readonly string[])[i] as string;
      const p = parentOf[i];
      const key = `${p}\u0000${tag}`;
      let j = index.get(key);
      if (j === undefined) {
        j = nodes.length;
        index.set(key, j);
        const parentPath = k === 0 ? [] : (levelsOut[k - 1] as MultiLevelNode[])[p]!.path;
        nodes.push({ path: [...parentPath, tag], key, parent: p, wp: 0, wb: 0, cp: 0, cb: 0, cpb: 0 });
      }
      nodeOf[i] = j;
      const nd = nodes[j] as Agg;
      nd.wp += wpS[i];
      nd.wb += wbS[i];
      nd.cp += wpS[i] * rpS[i];
      nd.cb += wbS[i] * rbS[i];
      nd.cpb += wpS[i] * rbS[i];
    }
    const out: MultiLevelNode[] = [];
    let allocSum = 0;
    let selSum = 0;
    for (const nd of nodes) {
      const par = prevNodes[nd.parent] as { wp: number; wb: number; rb: number };
      if ((nd.wp === 0 && nd.cp !== 0) || (nd.wb === 0 && nd.cb !== 0)) {
        throw new InvalidArgumentError(
          `${fn}: group '${nd.path.join(' / ')}' has a net weight of 0 but a non-zero contribution; its return is undefined.`,
          `levels[${k}]`,
          nd.path.join(' / '),
        );
      }
      const rb = nd.wb !== 0 ? nd.cb / nd.wb : par.rb;
      const rp = nd.wp !== 0 ? nd.cp / nd.wp : rb;
      const scale = par.wb !== 0 ? par.wp / par.wb : 0;
      const allocation = (nd.wp - nd.wb * scale) * (rb - par.rb);
      const selection = nd.wp * (rp - rb);
      allocSum += allocation;
      selSum += selection;
      out.push({ level: k, path: nd.path, portfolioWeight: nd.wp, benchmarkWeight: nd.wb, portfolioReturn: rp, benchmarkReturn: rb, allocation, selection });
    }
    levelsOut.push(out);
    allocationByLevel.push(allocSum);
    lastSelection = selSum;
    prevNodes = out.map((o) => ({ wp: o.portfolioWeight, wb: o.benchmarkWeight, rb: o.benchmarkReturn }));
    parentOf = nodeOf;
  }
  return { portfolioReturn: R, benchmarkReturn: B, activeReturn: R - B, levels: levelsOut, allocationByLevel, selection: lastSelection };
}
