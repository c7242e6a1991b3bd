// Value helpers of the fuzz suite: deep clone (keeping prototypes), deep equality by bits, a scan
// for NaN / ±Infinity / "NaN" in text, a stable serialisation for the rerun check, and a printer
// that renders a call as a pasteable reproducer. Plain JavaScript, no dependencies.

const DEPTH = 12;

/** Deep copy that keeps prototypes (class instances stay instances), typed arrays, Maps, Dates. */
export function clone(v, seen = new Map()) {
  if (v === null || typeof v !== 'object') return v;
  if (seen.has(v)) return seen.get(v);
  if (ArrayBuffer.isView(v)) {
    const c = v.slice();
    seen.set(v, c);
    return c;
  }
  if (v instanceof Date) return new Date(v.getTime());
  if (v instanceof Map) {
    const m = new Map();
    seen.set(v, m);
    for (const [k, x] of v) m.set(k, clone(x, seen));
    return m;
  }
  if (v instanceof Set) {
    const s = new Set();
    seen.set(v, s);
    for (const x of v) s.add(clone(x, seen));
    return s;
  }
  const out = Array.isArray(v) ? new Array(v.length) : Object.create(Object.getPrototypeOf(v));
  seen.set(v, out);
  for (const k of Object.keys(v)) {
    Object.defineProperty(out, k, { value: clone(v[k], seen), writable: true, enumerable: true, configurable: true });
  }
  if (Object.isFrozen(v)) Object.freeze(out);
  return out;
}

/** Deep equality with numbers compared by bits (NaN equals NaN, 0 differs from -0). */
export function sameBits(a, b, seen = new Set()) {
  if (typeof a !== typeof b) return false;
  if (typeof a === 'number') return Object.is(a, b);
  if (a === null || b === null || typeof a !== 'object') return a === b;
  if (seen.has(a)) return true;
  seen.add(a);
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (ArrayBuffer.isView(a)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
    return true;
  }
  if (a instanceof Date) return Object.is(a.getTime(), b.getTime());
  if (a instanceof Map || a instanceof Set) return sameBits([...a], [...b], seen);
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    if (ka[i] !== kb[i]) return false;
    if (!sameBits(a[ka[i]], b[ka[i]], seen)) return false;
  }
  return true;
}

/**
 * Finds the first NaN, ±Infinity or "NaN" inside a string of a result. Returns
 * `{ kind: 'nan' | 'infinity' | 'nan-text', path }` or undefined.
 */
export function scanBad(v, path = '$', seen = new Set(), depth = 0, nanIsMissing = false) {
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return nanIsMissing ? undefined : { kind: 'nan', path };
    if (!Number.isFinite(v)) return { kind: 'infinity', path };
    return undefined;
  }
  if (typeof v === 'string') return /\bNaN\b/.test(v) ? { kind: 'nan-text', path } : undefined;
  if (v === null || typeof v !== 'object' || depth > DEPTH || seen.has(v)) return undefined;
  seen.add(v);
  if (isArrowTable(v)) {
    // an Arrow table keeps NaN under the validity bitmap for a null: scan the rows as read back
    return scanBad(
      v.toArray().map((row) => row.toJSON()),
      `${path}.toArray()`,
      seen,
      depth + 1,
    );
  }
  if (ArrayBuffer.isView(v)) {
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (typeof x === 'number' && !Number.isFinite(x) && !(nanIsMissing && Number.isNaN(x)))
        return { kind: Number.isNaN(x) ? 'nan' : 'infinity', path: `${path}[${i}]` };
    }
    return undefined;
  }
  if (isTable(v)) {
    // a price or return table: NaN in `values` marks a missing value (docs/data.md)
    for (const k of Object.keys(v)) {
      const r = scanBad(v[k], `${path}.${k}`, seen, depth + 1, nanIsMissing || k === 'values');
      if (r) return r;
    }
    return undefined;
  }
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? { kind: 'nan', path: `${path} (Invalid Date)` } : undefined;
  if (v instanceof Map) {
    for (const [k, x] of v) {
      const r = scanBad(x, `${path}.get(${String(k)})`, seen, depth + 1, nanIsMissing);
      if (r) return r;
    }
    return undefined;
  }
  if (v instanceof Set) return scanBad([...v], path, seen, depth + 1, nanIsMissing);
  for (const k of Object.keys(v)) {
    const r = scanBad(v[k], Array.isArray(v) ? `${path}[${k}]` : `${path}.${k}`, seen, depth + 1, nanIsMissing);
    if (r) return r;
  }
  return undefined;
}

function isTable(v) {
  return Array.isArray(v.dates) && Array.isArray(v.assets) && v.values !== undefined && typeof v.values === 'object';
}

function isArrowTable(v) {
  return typeof v.getChild === 'function' && typeof v.toArray === 'function' && typeof v.numRows === 'number' && v.schema !== undefined;
}

function num(x) {
  return Object.is(x, -0) ? '-0' : String(x);
}

/** Stable text of a value, numbers exact to the bit; used for the rerun comparison. */
export function serialise(v, seen = new Set(), depth = 0) {
  if (typeof v === 'number') return num(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'function') return `fn ${v.name}`;
  if (typeof v === 'bigint') return `${v}n`;
  if (v === null || typeof v !== 'object') return String(v);
  if (seen.has(v) || depth > DEPTH) return '[seen]';
  seen.add(v);
  if (ArrayBuffer.isView(v)) return `${v.constructor.name}[${Array.from(v, num).join(',')}]`;
  if (v instanceof Date) return `Date(${num(v.getTime())})`;
  if (v instanceof Map) return `Map{${[...v].map(([k, x]) => `${serialise(k, seen, depth + 1)}=>${serialise(x, seen, depth + 1)}`).join(',')}}`;
  if (v instanceof Set) return `Set{${[...v].map((x) => serialise(x, seen, depth + 1)).join(',')}}`;
  if (Array.isArray(v)) return `[${v.map((x) => serialise(x, seen, depth + 1)).join(',')}]`;
  const name = Object.getPrototypeOf(v)?.constructor?.name ?? 'null';
  return `${name}{${Object.keys(v)
    .map((k) => `${JSON.stringify(k)}:${serialise(v[k], seen, depth + 1)}`)
    .join(',')}}`;
}

const LONG = 12;

/** Renders a value as JavaScript source for a reproducer (long arrays abbreviated). */
export function render(v, seen = new Set(), depth = 0) {
  if (v !== null && typeof v === 'object' && !seen.has(v)) {
    // `seen` holds the objects being rendered (the path from the root): a value shared by two
    // arguments is rendered twice, only a true cycle is cut
    try {
      return renderNode(v, seen, depth);
    } finally {
      seen.delete(v);
    }
  }
  return renderNode(v, seen, depth);
}

function renderNode(v, seen, depth) {
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : num(v);
  if (typeof v === 'string') return v.length > 60 ? `'${v.slice(0, 8)}'.repeat(…${v.length} chars)` : JSON.stringify(v);
  if (typeof v === 'function') return v.name ? `/* function ${v.name} */ () => {}` : '() => {}';
  if (v === undefined) return 'undefined';
  if (v === null || typeof v !== 'object') return String(v);
  if (seen.has(v)) return '/* cycle */ null';
  if (depth > 6) return '…';
  seen.add(v);
  const list = (xs, f) => {
    if (xs.length <= LONG) return xs.map(f).join(', ');
    return `${xs.slice(0, 4).map(f).join(', ')}, /* …${xs.length - 5} more… */ ${f(xs[xs.length - 1])}`;
  };
  const r = (x) => render(x, seen, depth + 1);
  if (ArrayBuffer.isView(v)) return `new ${v.constructor.name}([${list(Array.from(v), r)}])`;
  if (v instanceof Date) return `new Date(${num(v.getTime())})`;
  if (v instanceof Map) return `new Map([${list([...v], ([k, x]) => `[${r(k)}, ${r(x)}]`)}])`;
  if (Array.isArray(v)) {
    if (v.length > LONG && v.every((x) => x === v[0])) return `Array(${v.length}).fill(${r(v[0])})`;
    return `[${list(v, r)}]`;
  }
  const body = `{ ${list(Object.keys(v), (k) => `${/^[A-Za-z_$][\w$]*$/.test(k) && k !== '__proto__' ? k : JSON.stringify(k)}: ${r(v[k])}`)} }`;
  const proto = Object.getPrototypeOf(v);
  if (proto === null) return `Object.assign(Object.create(null), ${body})`;
  if (proto !== Object.prototype) return `/* ${proto.constructor?.name ?? 'instance'} */ ${body}`;
  if (Object.hasOwn(v, '__proto__')) return `JSON.parse(${JSON.stringify(JSON.stringify(v))}) /* own "__proto__" key */`;
  return body;
}
