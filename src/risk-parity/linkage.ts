/**
 * Internal: agglomerative hierarchical clustering that reproduces scipy's
 * `scipy.cluster.hierarchy.linkage(y, method)` on a condensed distance vector y, including its
 * merge order, tie-breaking and cluster labelling, and `leaves_list`.
 *
 * - `single`: scipy's minimum-spanning-tree algorithm (`mst_single_linkage`), starting at point 0,
 *   taking the first point (lowest index) at the strictly smallest distance.
 * - `complete`, `average`, `ward`: scipy's nearest-neighbour-chain algorithm (`nn_chain`): the chain
 *   starts at the lowest-index active cluster, prefers the previous chain element on ties, otherwise
 *   the lowest index at the strictly smallest distance, with the Lance–Williams updates
 *   (max, size-weighted mean, and Ward's formula on distances).
 * - Merges are then stably sorted by height and relabelled with a union-find: the new cluster of
 *   row k gets id n + k, and each row lists the smaller id first, as scipy's `label` does.
 *
 * @module
 * @internal
 */

/** Linkage criteria supported (the scipy method names). */
export type LinkageMethod = 'single' | 'complete' | 'average' | 'ward';

/**
 * Row offsets of a condensed distance vector: the pair (i, j), i < j, sits at off[i] + j, with
 * off[i] = n·i − i(i+1)/2 − i − 1 (integer arithmetic keeps element access on the fast path).
 */
function condensedOffsets(n: number): Int32Array {
  const off = new Int32Array(n);
  for (let i = 0; i < n; i++) off[i] = n * i - ((i * (i + 1)) >> 1) - i - 1;
  return off;
}

/** A merge list in scipy's Z layout: [left, right, height, size] per row, row-major (n − 1) x 4. */
export type LinkageMatrix = Float64Array;

function label(Z: Float64Array, n: number): void {
  const parent = new Int32Array(2 * n - 1).fill(-1);
  const size = new Int32Array(2 * n - 1).fill(1);
  let next = n;
  const find = (x: number): number => {
    let root = x;
    while (parent[root] !== -1) root = parent[root];
    while (parent[x] !== -1 && x !== root) {
      const p = parent[x];
      parent[x] = root;
      x = p;
    }
    return root;
  };
  for (let k = 0; k < n - 1; k++) {
    const x = Z[4 * k];
    const y = Z[4 * k + 1];
    const xr = find(x);
    const yr = find(y);
    if (xr < yr) {
      Z[4 * k] = xr;
      Z[4 * k + 1] = yr;
    } else {
      Z[4 * k] = yr;
      Z[4 * k + 1] = xr;
    }
    parent[xr] = next;
    parent[yr] = next;
    const sz = size[xr] + size[yr];
    size[next] = sz;
    Z[4 * k + 3] = sz;
    next++;
  }
}

function sortAndLabel(Z: Float64Array, n: number): Float64Array {
  const m = n - 1;
  const order = Array.from({ length: m }, (_, k) => k);
  // Stable sort by height (Array.prototype.sort is stable), as numpy's mergesort.
  order.sort((a, b) => Z[4 * a + 2] - Z[4 * b + 2]);
  const out = new Float64Array(4 * m);
  for (let k = 0; k < m; k++) {
    const src = order[k];
    for (let c = 0; c < 4; c++) out[4 * k + c] = Z[4 * src + c];
  }
  label(out, n);
  return out;
}

function mstSingle(dists: Float64Array, n: number): Float64Array {
  const off = condensedOffsets(n);
  const Z = new Float64Array(4 * (n - 1));
  const merged = new Uint8Array(n);
  const D = new Float64Array(n).fill(Infinity);
  let x = 0;
  let y = 0;
  for (let k = 0; k < n - 1; k++) {
    let best = Infinity;
    merged[x] = 1;
    for (let i = 0; i < n; i++) {
      if (merged[i] === 1) continue;
      const d = dists[i < x ? off[i] + x : off[x] + i];
      if (D[i] > d) D[i] = d;
      if (D[i] < best) {
        y = i;
        best = D[i];
      }
    }
    Z[4 * k] = x;
    Z[4 * k + 1] = y;
    Z[4 * k + 2] = best;
    x = y;
  }
  return sortAndLabel(Z, n);
}

function nnChain(dists: Float64Array, n: number, method: Exclude<LinkageMethod, 'single'>): Float64Array {
  const off = condensedOffsets(n);
  const at = (i: number, j: number): number => (i < j ? off[i] + j : off[j] + i);
  const Z = new Float64Array(4 * (n - 1));
  const D = Float64Array.from(dists);
  const size = new Int32Array(n).fill(1);
  const chain = new Int32Array(n);
  let len = 0;
  for (let k = 0; k < n - 1; k++) {
    if (len === 0) {
      len = 1;
      for (let i = 0; i < n; i++) {
        if (size[i] > 0) {
          chain[0] = i;
          break;
        }
      }
    }
    let x = 0;
    let y = 0;
    let best = Infinity;
    for (;;) {
      x = chain[len - 1];
      if (len > 1) {
        y = chain[len - 2];
        best = D[at(x, y)];
      } else {
        best = Infinity;
      }
      for (let i = 0; i < n; i++) {
        if (size[i] === 0 || i === x) continue;
        const d = D[at(x, i)];
        if (d < best) {
          best = d;
          y = i;
        }
      }
      if (len > 1 && y === chain[len - 2]) break;
      chain[len] = y;
      len++;
    }
    len -= 2;
    if (x > y) {
      const t = x;
      x = y;
      y = t;
    }
    const nx = size[x];
    const ny = size[y];
    Z[4 * k] = x;
    Z[4 * k + 1] = y;
    Z[4 * k + 2] = best;
    Z[4 * k + 3] = nx + ny;
    size[x] = 0;
    size[y] = nx + ny;
    for (let i = 0; i < n; i++) {
      const ni = size[i];
      if (ni === 0 || i === y) continue;
      const ix = at(i, x);
      const iy = at(i, y);
      const dx = D[ix];
      const dy = D[iy];
      let nd: number;
      if (method === 'complete') nd = dx > dy ? dx : dy;
      else if (method === 'average') nd = (nx * dx + ny * dy) / (nx + ny);
      else {
        const t = 1 / (nx + ny + ni);
        nd = Math.sqrt((ni + nx) * t * dx * dx + (ni + ny) * t * dy * dy - ni * t * best * best);
      }
      D[iy] = nd;
    }
  }
  return sortAndLabel(Z, n);
}

/**
 * scipy-compatible linkage on a condensed distance vector of n points (length n(n−1)/2).
 * Returns Z as a row-major (n − 1) x 4 buffer. n ≥ 2.
 * @internal
 */
export function linkageKernel(dists: Float64Array, n: number, method: LinkageMethod): LinkageMatrix {
  return method === 'single' ? mstSingle(dists, n) : nnChain(dists, n, method);
}

/** scipy's `leaves_list`: leaf ids in pre-order (left child first) from the root. @internal */
export function leavesList(Z: LinkageMatrix, n: number): number[] {
  const out: number[] = [];
  if (n === 1) return [0];
  const stack: number[] = [2 * n - 2];
  while (stack.length > 0) {
    const node = stack.pop() as number;
    if (node < n) {
      out.push(node);
      continue;
    }
    const row = node - n;
    stack.push(Z[4 * row + 1]);
    stack.push(Z[4 * row]);
  }
  return out;
}

/** Leaves under a node (ids < n are leaves), in pre-order. @internal */
export function nodeLeaves(Z: LinkageMatrix, n: number, node: number): number[] {
  const out: number[] = [];
  const stack: number[] = [node];
  while (stack.length > 0) {
    const v = stack.pop() as number;
    if (v < n) out.push(v);
    else {
      stack.push(Z[4 * (v - n) + 1]);
      stack.push(Z[4 * (v - n)]);
    }
  }
  return out;
}
