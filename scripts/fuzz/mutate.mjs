// Mutations of a captured argument list. A case is a descriptor drawn by fast-check
// ({ call, mutation, node, variant }); `applyMutation` turns it into a mutated copy of the
// captured arguments, deterministically, so a case can be rebuilt from the seed alone.
import { clone } from './values.mjs';

export const MUTATIONS = ['non-finite', 'extreme', 'subnormal', 'wrong-type', 'wrong-shape', 'bad-date', 'bad-name', 'huge-size'];

const NON_FINITE = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
const EXTREME = [1e308, -1e308, 1.7e308, -1.7e308, -0, Number.MAX_VALUE, -Number.MAX_VALUE, 1e300];
const SUBNORMAL = [5e-324, -5e-324, 1e-310, 2.2e-308, 1e-320];
const WRONG = [() => 'x', () => '', () => null, () => undefined, () => ({}), () => [], () => Object.create(null), () => true, () => 42, () => () => 1];
const BAD_DATES = ['2024-02-30', '', 'x', '2024-13-01', '2023-02-29', '0000-00-00'];
const HUGE = [1e9, 2 ** 31, 1e15, 2 ** 53];
// length of the `huge-size` long arrays: --long N of run.mjs (passed to the workers as QV_FUZZ_LONG)
const LONG_ARRAY = Number(process.env.QV_FUZZ_LONG) > 0 ? Number(process.env.QV_FUZZ_LONG) : 20_000;
const MAX_NODES = 4000;
const DATE_LIKE = /^\d{4}-\d{2}(-\d{2})?/;

function kindOf(v) {
  if (typeof v === 'number') return 'number';
  if (typeof v === 'string') return 'string';
  if (v === null) return 'null';
  if (typeof v !== 'object') return typeof v;
  if (ArrayBuffer.isView(v)) return 'typed';
  if (v instanceof Date) return 'date';
  if (Array.isArray(v)) return 'array';
  if (v instanceof Map || v instanceof Set) return 'collection';
  return 'object';
}

/**
 * Classes whose instances are opened up and mutated inside (the package's own exported classes);
 * an instance of any other class (e.g. an Apache Arrow table) is a leaf: it is replaced whole
 * ('wrong-type'), never corrupted inside, since its internals are another library's business.
 */
const openClasses = new Set();
export function openClass(ctor) {
  openClasses.add(ctor);
}

function opaque(v) {
  const proto = Object.getPrototypeOf(v);
  if (proto === null || proto === Object.prototype || Array.isArray(v) || ArrayBuffer.isView(v)) return false;
  return !openClasses.has(proto.constructor);
}

/** Every node of the argument tree: { path, kind, value, parent }. The root (the list itself) has path []. */
export function nodes(args) {
  const out = [];
  const seen = new Set();
  const walk = (v, path, parent, depth) => {
    if (out.length >= MAX_NODES) return;
    const kind = v !== null && typeof v === 'object' && !(v instanceof Date) && opaque(v) ? 'opaque' : kindOf(v);
    out.push({ path, kind, value: v, parent });
    if (depth > 8 || v === null || typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    if (kind === 'typed') {
      const n = v.length;
      for (let i = 0; i < n && out.length < MAX_NODES; i++) if (i < 32 || i >= n - 4) out.push({ path: [...path, i], kind: 'number', value: v[i], parent: v });
      return;
    }
    if (kind === 'array' || kind === 'object') for (const k of Object.keys(v)) walk(v[k], [...path, kind === 'array' ? Number(k) : k], v, depth + 1);
  };
  walk(args, [], undefined, 0);
  return out;
}

function at(root, path) {
  let v = root;
  for (const k of path) v = v[k];
  return v;
}

function setAt(root, path, value) {
  if (path.length === 0) return value;
  const parent = at(root, path.slice(0, -1));
  const key = path[path.length - 1];
  if (Object.isFrozen(parent)) {
    // a frozen input (e.g. a built ledger) is rebuilt unfrozen so that it can be mutated
    const copy = Array.isArray(parent) ? [...parent] : Object.assign(Object.create(Object.getPrototypeOf(parent)), parent);
    Object.defineProperty(copy, key, { value, writable: true, enumerable: true, configurable: true });
    return setAt(root, path.slice(0, -1), copy);
  }
  if (ArrayBuffer.isView(parent)) {
    if (typeof value === 'number') parent[key] = value;
    else {
      // a typed array cannot hold a non-number: it becomes a plain array holding it
      const copy = Array.from(parent);
      copy[key] = value;
      return setAt(root, path.slice(0, -1), copy);
    }
  } else Object.defineProperty(parent, key, { value, writable: true, enumerable: true, configurable: true });
  return root;
}

function pick(list, i) {
  return list[i % list.length];
}

function reshape(v, variant, extra) {
  const ops = ['drop', 'duplicate', 'empty', 'ragged', 'long'];
  const op = pick(ops, variant);
  if (Array.isArray(v) || ArrayBuffer.isView(v)) {
    const xs = Array.from(v);
    const i = xs.length > 0 ? extra % xs.length : 0;
    let ys;
    if (op === 'drop') ys = xs.filter((_, j) => j !== i);
    else if (op === 'duplicate') ys = xs.length ? [...xs.slice(0, i + 1), clone(xs[i]), ...xs.slice(i + 1)] : [0];
    else if (op === 'empty') ys = [];
    else if (op === 'ragged') {
      const rows = xs.map((x, j) => (Array.isArray(x) || ArrayBuffer.isView(x) ? j : -1)).filter((j) => j >= 0);
      if (rows.length === 0) ys = [...xs, [xs[0] ?? 0]];
      else {
        const r = rows[extra % rows.length];
        ys = xs.map((x, j) => (j === r ? Array.from(x).slice(0, -1) : x));
      }
    } else ys = Array.from({ length: LONG_ARRAY }, (_, j) => (xs.length ? clone(xs[j % xs.length]) : j));
    return { value: ArrayBuffer.isView(v) && ys.every((y) => typeof y === 'number') ? new v.constructor(ys) : ys, op };
  }
  // an object: drop a key, add an unknown key, or empty it
  const keys = Object.keys(v);
  const out = Object.create(Object.getPrototypeOf(v));
  const drop = op === 'empty' ? -2 : op === 'drop' || op === 'ragged' ? extra % Math.max(1, keys.length) : -1;
  keys.forEach((k, j) => {
    if (drop === -2 || j === drop) return;
    Object.defineProperty(out, k, { value: v[k], writable: true, enumerable: true, configurable: true });
  });
  if (op === 'duplicate' || op === 'long') out.unexpectedKey = keys.length ? clone(v[keys[0]]) : 1;
  return { value: out, op: op === 'ragged' ? 'drop' : op };
}

function renameKey(obj, key, name) {
  const out = Object.create(Object.getPrototypeOf(obj));
  for (const k of Object.keys(obj)) {
    Object.defineProperty(out, k === key ? name : k, { value: obj[k], writable: true, enumerable: true, configurable: true });
  }
  return out;
}

/**
 * Applies one descriptor to a deep copy of `args`. Returns `{ args, mutation, detail }`;
 * `mutation` is the class actually applied (a class with no applicable node falls back to
 * 'wrong-type' on an argument).
 */
export function applyMutation(captured, d) {
  const args = clone(captured);
  const all = nodes(args);
  const nonRoot = all.filter((n) => n.path.length > 0);
  const numbers = all.filter((n) => n.kind === 'number');
  const strings = all.filter((n) => n.kind === 'string');
  const withPath = (n, value, what) => ({ args: setAt(args, n.path, value), detail: `${what} at args${n.path.map((k) => `[${JSON.stringify(k)}]`).join('')}` });
  switch (d.mutation) {
    case 'non-finite':
    case 'extreme':
    case 'subnormal': {
      if (numbers.length === 0) break;
      const n = pick(numbers, d.node);
      const set = d.mutation === 'non-finite' ? NON_FINITE : d.mutation === 'extreme' ? EXTREME : SUBNORMAL;
      const x = pick(set, d.variant);
      return { mutation: d.mutation, ...withPath(n, x, Object.is(x, -0) ? '-0' : String(x)) };
    }
    case 'huge-size': {
      const counts = numbers.filter((n) => Number.isInteger(n.value) && n.value > 0 && n.value <= 1e7);
      if (counts.length > 0 && d.variant % 4 !== 3) {
        const x = pick(HUGE, d.variant);
        return { mutation: d.mutation, ...withPath(pick(counts, d.node), x, String(x)) };
      }
      const arrays = all.filter((n) => n.kind === 'array' && n.path.length > 0 && n.value.length > 0);
      if (arrays.length === 0) break;
      const n = pick(arrays, d.node);
      const long = Array.from({ length: LONG_ARRAY }, (_, j) => clone(n.value[j % n.value.length]));
      return { mutation: d.mutation, ...withPath(n, long, `array of ${LONG_ARRAY}`) };
    }
    case 'wrong-shape': {
      const shaped = all.filter((n) => n.kind === 'array' || n.kind === 'typed' || (n.kind === 'object' && n.path.length > 0));
      if (shaped.length === 0) break;
      const n = pick(shaped, d.node);
      // the argument list itself is not made long (that is 'huge-size' on an argument)
      const { value, op } = reshape(n.value, n.path.length === 0 && d.variant % 5 === 4 ? 1 : d.variant, d.extra);
      if (n.path.length === 0) return { mutation: d.mutation, args: value, detail: `${op} on the argument list` };
      return { mutation: d.mutation, ...withPath(n, value, op) };
    }
    case 'bad-date': {
      const dates = strings.filter((n) => DATE_LIKE.test(n.value));
      const dateObjects = all.filter((n) => n.kind === 'date');
      if (dateObjects.length > 0 && d.variant % 5 === 4)
        return { mutation: d.mutation, ...withPath(pick(dateObjects, d.node), new Date(Number.NaN), 'Invalid Date') };
      const pool = dates.length > 0 ? dates : strings;
      if (pool.length === 0) break;
      const x = pick(BAD_DATES, d.variant);
      return { mutation: d.mutation, ...withPath(pick(pool, d.node), x, JSON.stringify(x)) };
    }
    case 'bad-name': {
      const names = strings.filter((n) => !DATE_LIKE.test(n.value));
      const keyed = all.filter((n) => n.kind === 'object' && Object.keys(n.value).length > 0);
      const op = d.variant % 4;
      if (keyed.length > 0 && (op === 3 || names.length === 0)) {
        const n = pick(keyed, d.node);
        const keys = Object.keys(n.value);
        const key = pick(keys, d.extra);
        const name = pick(['', '__proto__', 'constructor', keys[(keys.indexOf(key) + 1) % keys.length]], d.extra >> 2);
        const renamed = renameKey(n.value, key, name);
        if (n.path.length === 0) break;
        return { mutation: d.mutation, ...withPath(n, renamed, `key ${JSON.stringify(key)} renamed ${JSON.stringify(name)}`) };
      }
      if (names.length === 0) break;
      const n = pick(names, d.node);
      let x = '';
      if (op === 1) {
        const siblings = Object.values(n.parent ?? {}).filter((s) => typeof s === 'string' && s !== n.value);
        x = siblings.length > 0 ? pick(siblings, d.extra) : '';
      } else if (op === 2) x = '__proto__';
      return { mutation: d.mutation, ...withPath(n, x, op === 1 ? `duplicate name ${JSON.stringify(x)}` : JSON.stringify(x)) };
    }
    default:
      break;
  }
  // 'wrong-type', and the fallback of a class with nothing to mutate
  const targets = nonRoot.length > 0 ? nonRoot : [];
  if (targets.length === 0) return { mutation: 'wrong-type', args: [pick(WRONG, d.variant)()], detail: 'an argument where none is expected' };
  const n = pick(targets, d.node);
  if (n.path.length === 1 && d.variant % 11 === 10)
    return { mutation: 'wrong-type', args: args.slice(0, n.path[0]), detail: `arguments from #${n.path[0]} left out` };
  const x = pick(WRONG, d.variant)();
  const what =
    x === null
      ? 'null'
      : Array.isArray(x)
        ? '[]'
        : typeof x === 'object'
          ? Object.getPrototypeOf(x) === null
            ? 'Object.create(null)'
            : '{}'
          : typeof x === 'function'
            ? 'a function'
            : (JSON.stringify(x) ?? 'undefined');
  return { mutation: 'wrong-type', ...withPath(n, x, what) };
}
