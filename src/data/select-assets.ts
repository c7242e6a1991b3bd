import { showValue } from '../core/parse-decimal.ts';
import { InvalidArgumentError } from '../core/errors.ts';
import { wrapMatrix } from '../core/matrix.ts';
import { readTable, wrapTable, type Table, type TableKind, type TableLike } from '../core/table.ts';

/**
 * The columns of a table for the given assets, in the given order (pandas `df[assets]`). Dates,
 * kind and values are kept; the result is a new table.
 *
 * An unknown ticker is an error naming it and the nearest known ticker (a case-insensitive match
 * first, otherwise the smallest Levenshtein edit distance, ties to the table's order), so a typo
 * such as `'APPL'` points at `'AAPL'`.
 *
 * @param table a PriceTable / ReturnTable, its structured clone, or a plain
 *   `{ kind?, dates, assets, values }` (a table without `kind` is read as returns). Not modified.
 * @param assets the tickers to keep, in the order wanted: at least one, no repeats.
 * @returns a new table with `assets` as its columns.
 * @throws {InvalidArgumentError} on a malformed table, `assets` not a non-empty array of strings,
 *   a repeated ticker, or a ticker the table does not hold (the message names the nearest one).
 * @throws {DimensionError} when the table's sizes disagree.
 * @example
 * ```ts
 * import { selectAssets } from 'quantivista/data';
 * const t = { kind: 'prices' as const, dates: ['2024-01-02', '2024-01-03'], assets: ['AAPL', 'MSFT', 'GOOG'], values: [[1, 2, 3], [4, 5, 6]] };
 * console.log(JSON.stringify(selectAssets(t, ['GOOG', 'AAPL']).values)); // [[3,1],[6,4]]
 * try {
 *   selectAssets(t, ['APPL']);
 * } catch (e) {
 *   console.log((e as Error).message); // selectAssets: `assets` names "APPL", which the table does not hold; did you mean "AAPL"? (the table holds AAPL, MSFT, GOOG).
 * }
 * ```
 */
export function selectAssets<K extends TableKind>(table: TableLike & { readonly kind: K }, assets: readonly string[]): Table<K>;
export function selectAssets(table: TableLike, assets: readonly string[]): Table;
export function selectAssets(table: TableLike, assets: readonly string[]): Table {
  const fn = 'selectAssets';
  const t = readTable(fn, 'table', table);
  if (!Array.isArray(assets)) {
    throw new InvalidArgumentError(`${fn}: \`assets\` must be an array of tickers, got ${typeof assets}.`, 'assets', typeof assets);
  }
  if (assets.length === 0) {
    throw new InvalidArgumentError(`${fn}: \`assets\` must name at least one asset, got an empty array.`, 'assets', '[]');
  }
  const index = new Map<string, number>();
  for (let j = 0; j < t.assets.length; j++) index.set(t.assets[j] as string, j);
  const cols = new Array<number>(assets.length);
  const seen = new Set<string>();
  for (let k = 0; k < assets.length; k++) {
    const a: unknown = assets[k];
    if (typeof a !== 'string') {
      throw new InvalidArgumentError(
        `${fn}: \`assets\` must hold tickers (strings), but entry ${k} is ${a === null ? 'null' : typeof a}.`,
        'assets',
        showValue(a),
      );
    }
    if (seen.has(a)) throw new InvalidArgumentError(`${fn}: \`assets\` names ${JSON.stringify(a)} twice.`, 'assets', a);
    seen.add(a);
    const j = index.get(a);
    if (j === undefined) throw unknownAsset(fn, a, t.assets);
    cols[k] = j;
  }
  const T = t.values.rows;
  const n = t.values.cols;
  const m = cols.length;
  const d = t.values.data;
  const out = new Float64Array(T * m);
  for (let i = 0; i < T; i++) {
    const o = i * n;
    const p = i * m;
    for (let k = 0; k < m; k++) out[p + k] = d[o + cols[k]];
  }
  return wrapTable(t.kind, t.dates.slice(), assets.slice(), wrapMatrix(T, m, out));
}

function unknownAsset(fn: string, a: string, known: readonly string[]): InvalidArgumentError {
  const near = nearest(a, known);
  const shown = known.length <= 10 ? known.join(', ') : `${known.slice(0, 10).join(', ')} and ${known.length - 10} more`;
  const hint = near === undefined ? '' : `; did you mean ${JSON.stringify(near)}?`;
  return new InvalidArgumentError(
    `${fn}: \`assets\` names ${JSON.stringify(a)}, which the table does not hold${hint} (the table holds ${shown || 'no assets'}).`,
    'assets',
    a,
  );
}

/** The known name nearest to `a`: a case-insensitive match, else the least edit distance (first on ties). */
function nearest(a: string, known: readonly string[]): string | undefined {
  const lower = a.toLowerCase();
  for (const k of known) if (k.toLowerCase() === lower) return k;
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const dist = levenshtein(a, k, bestD);
    if (dist < bestD) {
      bestD = dist;
      best = k;
    }
  }
  return best;
}

/** Levenshtein distance (insertions, deletions, substitutions, each 1) by one-row dynamic programming. */
function levenshtein(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) >= cap) return cap;
  const m = b.length;
  let prev = new Float64Array(m + 1);
  let cur = new Float64Array(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const sub = prev[j - 1] + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      cur[j] = Math.min(sub, prev[j] + 1, cur[j - 1] + 1);
    }
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[m];
}
