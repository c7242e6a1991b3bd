// The TSDoc `@example` blocks of src/, compiled to CommonJS and run against the BUILT package
// (dist/, through the package's own `exports`), with every export wrapped in a recording proxy
// so that the argument lists of the calls each example makes can be captured and replayed.
// The extraction follows test/docs/examples.test.ts (same comment and fence rules).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';
import { transformSync } from 'esbuild';
import { clone } from './values.mjs';

export const PACKAGE = 'quantivista';

function listTs(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listTs(p));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Every fenced ts/js block of an `@example` section: `{ where, code }` (TypeScript source). */
export function extractExamples(root) {
  const out = [];
  for (const abs of listTs(join(root, 'src'))) {
    const text = readFileSync(abs, 'utf8');
    const file = relative(root, abs).split(sep).join('/');
    const comment = /\/\*\*([\s\S]*?)\*\//g;
    for (let c = comment.exec(text); c; c = comment.exec(text)) {
      const body = c[1];
      if (!body.includes('@example')) continue;
      const startLine = text.slice(0, c.index).split('\n').length;
      const lines = body.split('\n');
      let inExample = false;
      let fence;
      let fenceLine = 0;
      for (let i = 0; i < lines.length; i++) {
        const raw = lines[i].replace(/^\s*\*\s?/, '');
        if (/^\s*@\w+/.test(raw) && !fence) inExample = /^\s*@example\b/.test(raw);
        if (!inExample) continue;
        if (!fence && /^\s*```\s*(ts|typescript|js|javascript)\s*$/.test(raw)) {
          fence = [];
          fenceLine = startLine + i;
        } else if (fence && /^\s*```\s*$/.test(raw)) {
          out.push({ where: `${file}:${fenceLine}`, code: fence.join('\n') });
          fence = undefined;
        } else if (fence) fence.push(raw);
      }
    }
  }
  return out;
}

/** Compiles each example to CommonJS; an example that does not compile is dropped (the docs test reports it). */
export function compileExamples(examples) {
  const out = [];
  for (const ex of examples) {
    try {
      const { code } = transformSync(ex.code, { loader: 'ts', format: 'cjs', target: 'es2022', sourcefile: ex.where });
      out.push({ where: ex.where, js: code });
    } catch {
      // not compilable: nothing to capture
    }
  }
  return out;
}

/** The package's subpaths from package.json `exports` ('.' first). */
export function subpaths(root) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return Object.keys(pkg.exports)
    .filter((k) => k !== './package.json')
    .map((k) => (k === '.' ? '.' : k.slice(2)));
}

function isClass(f) {
  return /^class\b/.test(Function.prototype.toString.call(f));
}

/**
 * Loads every subpath of the built package (CommonJS) and names each exported function once:
 * `<subpath>/<name>` after the first domain subpath that exports it (root-only names keep `./`).
 * Returns `{ modules, targets }`, `targets` a Map from export id to `{ fn, isClass }`.
 */
export function loadPackage(root) {
  const req = createRequire(join(root, 'package.json'));
  const modules = {};
  const ids = new Map(); // function -> id
  const targets = new Map();
  const subs = subpaths(root);
  for (const s of subs) modules[s] = req(s === '.' ? PACKAGE : `${PACKAGE}/${s}`);
  for (const s of [...subs.filter((x) => x !== '.'), '.']) {
    for (const [name, fn] of Object.entries(modules[s])) {
      if (typeof fn !== 'function' || ids.has(fn)) continue;
      const id = `${s}/${name}`;
      ids.set(fn, id);
      targets.set(id, { fn, isClass: isClass(fn), name });
    }
  }
  return { modules, targets, ids, req };
}

/**
 * Runs compiled examples against recording proxies. `record(call)` receives
 * `{ id, kind: 'call' | 'new' | 'static', member, args }` (args deep-copied before the call) for
 * every call the example makes to an export whose id `want(id)` accepts.
 */
export function runExamples(pkg, compiled, want, record) {
  const wrappers = new Map();
  const wrap = (fn) => {
    const id = pkg.ids.get(fn);
    if (!id || !want(id)) return fn;
    if (wrappers.has(fn)) return wrappers.get(fn);
    let w;
    if (pkg.targets.get(id).isClass) {
      w = new Proxy(fn, {
        construct(t, args) {
          record({ id, kind: 'new', args: clone(args) });
          return Reflect.construct(t, args);
        },
        get(t, p) {
          const v = Reflect.get(t, p);
          if (typeof v !== 'function' || p === 'prototype' || p === 'constructor' || !Object.hasOwn(t, p)) return v;
          return (...args) => {
            record({ id, kind: 'static', member: String(p), args: clone(args) });
            return v.apply(t, args);
          };
        },
      });
    } else {
      w = function (...args) {
        record({ id, kind: 'call', args: clone(args) });
        return fn.apply(this, args);
      };
      Object.defineProperty(w, 'name', { value: fn.name });
    }
    wrappers.set(fn, w);
    return w;
  };
  const namespaces = {};
  const fakeRequire = (spec) => {
    if (spec === PACKAGE || spec.startsWith(`${PACKAGE}/`)) {
      const key = spec === PACKAGE ? '.' : spec.slice(PACKAGE.length + 1);
      if (!namespaces[key]) {
        const ns = {};
        for (const [k, v] of Object.entries(pkg.modules[key] ?? {})) ns[k] = typeof v === 'function' ? wrap(v) : v;
        namespaces[key] = ns;
      }
      return namespaces[key];
    }
    return pkg.req(spec);
  };
  const quiet = () => {};
  const fakeConsole = { log: quiet, info: quiet, warn: quiet, error: quiet, debug: quiet, table: quiet };
  const pending = [];
  for (const ex of compiled) {
    try {
      const mod = { exports: {} };
      const r = new Function('require', 'module', 'exports', 'console', ex.js)(fakeRequire, mod, mod.exports, fakeConsole);
      if (r && typeof r.then === 'function') pending.push(r.catch(quiet));
    } catch {
      // an example that throws under the built package is the docs test's business
    }
  }
  return Promise.all(pending);
}
