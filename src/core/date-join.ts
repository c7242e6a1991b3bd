/**
 * Internal: joins of strictly increasing ISO date lists (ISO dates compare as strings) — the one
 * date-alignment kernel behind `alignTables` (data) and the dated series readers (performance).
 *
 * @module
 * @internal
 */

/** Inner join of two strictly increasing ISO date lists: the row pairs (ia[k], ib[k]) with a[ia[k]] = b[ib[k]], in date order. @internal */
export function joinDates(a: readonly string[], b: readonly string[]): { ia: number[]; ib: number[] } {
  const ia: number[] = [];
  const ib: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as string;
    const y = b[j] as string;
    if (x === y) {
      ia.push(i++);
      ib.push(j++);
    } else if (x < y) i++;
    else j++;
  }
  return { ia, ib };
}

/** Sorted intersection of two strictly increasing ISO date lists. @internal */
export function intersectDates(a: readonly string[], b: readonly string[]): string[] {
  return joinDates(a, b).ia.map((i) => a[i] as string);
}

/** Sorted union of two strictly increasing ISO date lists. @internal */
export function unionDates(a: readonly string[], b: readonly string[]): string[] {
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && (a[i] as string) < (b[j] as string))) out.push(a[i++] as string);
    else if (i >= a.length || (b[j] as string) < (a[i] as string)) out.push(b[j++] as string);
    else {
      out.push(a[i++] as string);
      j++;
    }
  }
  return out;
}
