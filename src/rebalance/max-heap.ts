/**
 * Internal: a binary max-heap on `key`, ties broken by the smaller `order` first (so equal keys
 * leave in insertion order), kept in a plain array.
 *
 * @module
 * @internal
 */

/** A heap entry: the item, its key and its tie-breaking order. */
export interface HeapEntry<T> {
  item: T;
  key: number;
  order: number;
}

const before = (a: { key: number; order: number }, b: { key: number; order: number }): boolean => a.key > b.key || (a.key === b.key && a.order < b.order);

/** Add `e` to `heap`. */
export function pushMax<T>(heap: HeapEntry<T>[], e: HeapEntry<T>): void {
  heap.push(e);
  let i = heap.length - 1;
  while (i > 0) {
    const up = (i - 1) >> 1;
    if (!before(heap[i] as HeapEntry<T>, heap[up] as HeapEntry<T>)) break;
    [heap[i], heap[up]] = [heap[up] as HeapEntry<T>, heap[i] as HeapEntry<T>];
    i = up;
  }
}

/** Remove and return the entry with the largest key (undefined when empty). */
export function popMax<T>(heap: HeapEntry<T>[]): HeapEntry<T> | undefined {
  const top = heap[0];
  const last = heap.pop();
  if (heap.length > 0 && last) {
    heap[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && before(heap[l] as HeapEntry<T>, heap[m] as HeapEntry<T>)) m = l;
      if (r < heap.length && before(heap[r] as HeapEntry<T>, heap[m] as HeapEntry<T>)) m = r;
      if (m === i) break;
      [heap[i], heap[m]] = [heap[m] as HeapEntry<T>, heap[i] as HeapEntry<T>];
      i = m;
    }
  }
  return top;
}
