/**
 * Executes every TSDoc `@example` in src/ and checks what it prints, so the docs never lie
 * (ARCHITECTURE §6). The rules below are also in test/docs/README.md; keep the two in step.
 *
 * Which examples: every `/** ... *\/` comment in `src/**\/*.ts` whose `@example` section holds a
 * fenced block marked ```ts (or ```typescript / ```js). Each fenced block is one vitest test,
 * named `<file> > <declaration> #<k>` after the declaration the comment documents.
 *
 * How they run: imports of `'quantivista'` and `'quantivista/<domain>'` are redirected to
 * `src/index.ts` and `src/<domain>/index.ts`. esbuild bundles all of src/ once (third-party
 * packages stay external and load from node_modules) and compiles each example against it to
 * CommonJS, which runs in this process with a console that records each call (if src/ does not
 * bundle as a whole, each example is bundled with just the files it reaches). No top-level `await`.
 * The example passes when it does not throw and every checked line holds.
 *
 * Checked lines: a line `console.log(<args>); // <expected>` (the call on one line, the comment
 * after it). Every such comment is an assertion; write none when the value is not exactly known.
 * `<expected>` is read as follows, in this order:
 *   1. A trailing parenthesised remark such as `(to rounding)` is dropped.
 *   2. Ending in `...` (e.g. `// 1.0734...`): the printed text must start with the text before the
 *      `...` (whitespace ignored), or, for a single printed number, equal it when rounded to the
 *      number of decimals shown (`1.0735...` accepts 1.073466 too).
 *   3. One argument and `<expected>` is a JS literal (number, string, true/false/null, array,
 *      nested array, object literal, Infinity/NaN): the printed value is compared deeply with it.
 *      Matrices and other values with `toJSON()` compare through it, typed arrays as arrays.
 *      Numbers match when |a − e| <= 1e-9 · max(|a|, |e|) or |a − e| <= 1e-14 (so `0` accepts
 *      round-off); objects must have the same keys. A printed string compared with a non-string
 *      literal (e.g. `console.log(JSON.stringify(m)); // [[1,2],[3,4]]`) must match as text, or
 *      parse as JSON and match deeply.
 *   4. Several arguments, `// a b c`: `<expected>` is split at top-level spaces into one literal
 *      per argument, each compared as in 3 (`// true 'INVALID_ARGUMENT'`), or else the printed
 *      arguments joined by spaces must equal `<expected>` as text.
 *   5. Otherwise the printed text (strings as is, numbers as `String(x)`, other values as JSON)
 *      must equal `<expected>` exactly.
 *
 * The second test checks that every function and class exported from the package entry points
 * (src/index.ts and src/<domain>/index.ts) has TSDoc with an `@example`; exports tagged
 * `@internal` are exempt.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const srcDir = join(root, 'src');
const PACKAGE = 'quantivista';

// ---------------------------------------------------------------------------------------------
// Extraction

interface Example {
  file: string; // relative to the repo root, posix separators
  owner: string; // documented declaration, e.g. `cholesky` or `Matrix.from`
  line: number; // 1-based line of the opening fence in the source file
  code: string;
}

function listTs(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listTs(p));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

const DECL =
  /^\s*(?:export\s+)?(?:declare\s+)?(?:default\s+)?(?:abstract\s+)?(?:async\s+)?(?:function\*?|class|const|let|var|interface|type|enum)\s+([A-Za-z_$][\w$]*)/;
const MEMBER = /^\s*(?:(?:public|protected|static|readonly|async|get|set|override)\s+)*\*?\s*([A-Za-z_$#][\w$]*)\s*[(<:=]/;

function ownerAfter(text: string, end: number, enclosingClass: string | undefined): string {
  const rest =
    text
      .slice(end)
      .split('\n')
      .find((l) => l.trim() !== '' && !l.trim().startsWith('//')) ?? '';
  const d = DECL.exec(rest);
  if (d?.[1]) return d[1];
  const m = MEMBER.exec(rest);
  if (m?.[1]) return enclosingClass ? `${enclosingClass}.${m[1]}` : m[1];
  return '(unknown declaration)';
}

export function extractExamples(absFile: string): Example[] {
  const text = readFileSync(absFile, 'utf8');
  const file = relative(root, absFile).split(sep).join('/');
  const out: Example[] = [];
  const comment = /\/\*\*([\s\S]*?)\*\//g;
  for (let c = comment.exec(text); c; c = comment.exec(text)) {
    const body = c[1] as string;
    const at = body.indexOf('@example');
    if (at < 0) continue;
    const startLine = text.slice(0, c.index).split('\n').length; // line of `/**`
    const lines = body.split('\n');
    const classBefore = [...text.slice(0, c.index).matchAll(/^export\s+(?:abstract\s+)?class\s+([A-Za-z_$][\w$]*)/gm)].pop();
    // Is the comment inside that class? Count braces between the class header and the comment.
    let enclosing: string | undefined;
    if (classBefore?.[1] !== undefined && classBefore.index !== undefined) {
      const between = text.slice(classBefore.index, c.index);
      const depth = (between.match(/{/g) ?? []).length - (between.match(/}/g) ?? []).length;
      if (depth > 0) enclosing = classBefore[1];
    }
    const owner = ownerAfter(text, c.index + c[0].length, enclosing);
    let inExample = false;
    let fence: string[] | undefined;
    let fenceLine = 0;
    for (let i = 0; i < lines.length; i++) {
      const raw = (lines[i] as string).replace(/^\s*\*\s?/, '');
      if (/^\s*@\w+/.test(raw) && !fence) inExample = /^\s*@example\b/.test(raw);
      if (!inExample) continue;
      const open = /^\s*```\s*(ts|typescript|js|javascript)\s*$/.exec(raw);
      if (!fence && open) {
        fence = [];
        fenceLine = startLine + i;
        continue;
      }
      if (fence && /^\s*```\s*$/.test(raw)) {
        out.push({ file, owner, line: fenceLine, code: fence.join('\n') });
        fence = undefined;
        continue;
      }
      if (fence) fence.push(raw);
    }
    if (fence) throw new Error(`${file}:${fenceLine}: unterminated \`\`\` fence in the @example of ${owner}`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Execution

interface LogCall {
  line: number; // 1-based line within the example
  args: unknown[];
}

/** Rewrites every single-line `console.log(` to `__qvLog(<line>, ` so each output is tied to its line. */
function instrument(code: string): string {
  return code
    .split('\n')
    .map((l, i) => l.replace(/\bconsole\.log\(/g, `__qvLog(${i + 1}, `).replace(/__qvLog\((\d+), \)/g, '__qvLog($1)'))
    .join('\n');
}

const redirectPackage: Plugin = {
  name: 'quantivista-to-src',
  setup(b) {
    b.onResolve({ filter: new RegExp(`^${PACKAGE}(/.*)?$`) }, (a) => {
      const sub = a.path.slice(PACKAGE.length + 1);
      const target = sub === '' ? join(srcDir, 'index.ts') : join(srcDir, sub, 'index.ts');
      try {
        statSync(target);
      } catch {
        return { errors: [{ text: `example imports '${a.path}', but ${relative(root, target)} does not exist` }] };
      }
      return { path: target };
    });
  },
};

const requireFromRoot = createRequire(join(root, 'package.json'));

type Library = Record<string, Record<string, unknown>>;

function evaluateCjs(js: string, extra: Record<string, unknown>): Record<string, unknown> {
  const mod = { exports: {} as Record<string, unknown> };
  const names = Object.keys(extra);
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const fn = new Function('require', 'module', 'exports', ...names, js);
  fn(requireFromRoot, mod, mod.exports, ...names.map((n) => extra[n]));
  return mod.exports;
}

/**
 * The whole of src/ bundled ONCE into one CommonJS module exposing every entry point (so that
 * classes are shared between domains, as in the package), then evaluated. Each example is then
 * compiled alone against it, which keeps hundreds of examples fast. When src/ does not bundle as
 * a whole (a domain mid-edit), every example is bundled with the src files it reaches instead,
 * so one broken domain fails only its own examples.
 */
let libraryPromise: Promise<Library | undefined> | undefined;
function library(): Promise<Library | undefined> {
  libraryPromise ??= (async () => {
    const entries: Array<[string, string]> = [['.', join(srcDir, 'index.ts')]];
    for (const d of readdirSync(srcDir).sort()) {
      const p = join(srcDir, d, 'index.ts');
      if (statSync(join(srcDir, d)).isDirectory() && existsSync(p)) entries.push([d, p]);
    }
    const contents = entries.map(([, p], i) => `export * as e${i} from ${JSON.stringify(p)};`).join('\n');
    try {
      const result = await build({
        stdin: { contents, loader: 'ts', resolveDir: root, sourcefile: 'all-entry-points.ts' },
        bundle: true,
        write: false,
        format: 'cjs',
        platform: 'node',
        target: 'es2022',
        packages: 'external',
        logLevel: 'silent',
      });
      const ns = evaluateCjs((result.outputFiles[0] as { text: string }).text, {});
      return Object.fromEntries(entries.map(([k], i) => [k, ns[`e${i}`] as Record<string, unknown>]));
    } catch {
      return undefined;
    }
  })();
  return libraryPromise;
}

function importedNames(code: string): Array<{ spec: string; names: string[] }> {
  const out: Array<{ spec: string; names: string[] }> = [];
  for (const m of code.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s*from\s*['"]([^'"]+)['"]/g)) {
    const names = (m[1] as string)
      .split(',')
      .map((x) => x.trim())
      .filter((x) => x !== '' && !x.startsWith('type '))
      .map((x) => x.split(/\s+as\s+/)[0] as string);
    out.push({ spec: m[2] as string, names });
  }
  return out;
}

async function runExample(ex: Example): Promise<LogCall[]> {
  const lib = await library();
  const code = instrument(ex.code);
  const sourcefile = `${ex.file}:${ex.line}`;
  let js: string;
  if (lib) {
    for (const { spec, names } of importedNames(ex.code)) {
      if (spec !== PACKAGE && !spec.startsWith(`${PACKAGE}/`)) continue;
      const key = spec === PACKAGE ? '.' : spec.slice(PACKAGE.length + 1);
      const ns = lib[key];
      if (!ns) throw new Error(`the example imports '${spec}', but src/${key}/index.ts does not exist`);
      const missing = names.filter((n) => !(n in ns));
      if (missing.length > 0)
        throw new Error(
          `the example imports ${missing.join(', ')} from '${spec}', which ${key === '.' ? 'src/index.ts' : `src/${key}/index.ts`} does not export`,
        );
    }
    const toLibrary: Plugin = {
      name: 'quantivista-to-library',
      setup(b) {
        b.onResolve({ filter: new RegExp(`^${PACKAGE}(/.*)?$`) }, (a) => ({
          path: a.path === PACKAGE ? '.' : a.path.slice(PACKAGE.length + 1),
          namespace: 'qv-library',
        }));
        b.onLoad({ filter: /.*/, namespace: 'qv-library' }, (a) => ({ contents: `module.exports = __qvLibrary[${JSON.stringify(a.path)}];`, loader: 'js' }));
      },
    };
    const result = await build({
      stdin: { contents: code, loader: 'ts', resolveDir: root, sourcefile },
      bundle: true,
      write: false,
      format: 'cjs',
      platform: 'node',
      target: 'es2022',
      packages: 'external',
      plugins: [toLibrary],
      logLevel: 'silent',
    });
    js = (result.outputFiles[0] as { text: string }).text;
  } else {
    const result = await build({
      stdin: { contents: code, loader: 'ts', resolveDir: root, sourcefile },
      bundle: true,
      write: false,
      format: 'cjs',
      platform: 'node',
      target: 'es2022',
      packages: 'external',
      plugins: [redirectPackage],
      logLevel: 'silent',
    });
    js = (result.outputFiles[0] as { text: string }).text;
  }
  const calls: LogCall[] = [];
  const quiet = (): void => {};
  const consoleStub = { log: (...args: unknown[]) => calls.push({ line: 0, args }), info: quiet, warn: quiet, error: quiet, debug: quiet };
  evaluateCjs(js, {
    console: consoleStub,
    __qvLog: (line: number, ...args: unknown[]) => calls.push({ line, args }),
    __qvLibrary: lib ?? {},
  });
  return calls;
}

// ---------------------------------------------------------------------------------------------
// Comparison

const REL = 1e-9;
const ABS = 1e-14;

function normalise(v: unknown, seen = new Set<unknown>()): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (seen.has(v)) return '[circular]';
  seen.add(v);
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<number>);
  if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return normalise((v as { toJSON(): unknown }).toJSON(), seen);
  if (Array.isArray(v)) return v.map((x) => normalise(x, seen));
  if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [String(k), normalise(x, seen)]));
  const o: Record<string, unknown> = {};
  for (const k of Object.keys(v)) o[k] = normalise((v as Record<string, unknown>)[k], seen);
  return o;
}

function numbersMatch(a: number, e: number): boolean {
  if (Object.is(a, e) || a === e) return true;
  if (Number.isNaN(a) || Number.isNaN(e)) return false;
  const d = Math.abs(a - e);
  return d <= ABS || d <= REL * Math.max(Math.abs(a), Math.abs(e));
}

/** Returns undefined when equal, else a description of the first difference. */
function deepDiff(actual: unknown, expected: unknown, path = '$'): string | undefined {
  if (typeof expected === 'number') {
    if (typeof actual !== 'number') return `${path}: expected the number ${expected}, got ${show(actual)}`;
    return numbersMatch(actual, expected)
      ? undefined
      : `${path}: ${actual} vs expected ${expected} (difference ${Math.abs(actual - expected)}, tolerance ${REL} relative / ${ABS} absolute)`;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path}: expected an array, got ${show(actual)}`;
    if (actual.length !== expected.length) return `${path}: expected length ${expected.length}, got ${actual.length} (${show(actual)})`;
    for (let i = 0; i < expected.length; i++) {
      const d = deepDiff(actual[i], expected[i], `${path}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return `${path}: expected an object, got ${show(actual)}`;
    const ek = Object.keys(expected).sort();
    const ak = Object.keys(actual).sort();
    if (ek.join('\u0000') !== ak.join('\u0000')) return `${path}: keys ${JSON.stringify(ak)} vs expected ${JSON.stringify(ek)}`;
    for (const k of ek) {
      const d = deepDiff((actual as Record<string, unknown>)[k], (expected as Record<string, unknown>)[k], `${path}.${k}`);
      if (d) return d;
    }
    return undefined;
  }
  return Object.is(actual, expected) ? undefined : `${path}: ${show(actual)} vs expected ${show(expected)}`;
}

function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null || v === undefined) return String(v);
  try {
    const s = JSON.stringify(v);
    return s.length > 400 ? `${s.slice(0, 400)}...` : s;
  } catch {
    return String(v);
  }
}

function text(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' || v === null || v === undefined) return String(v);
  return show(v);
}

const NO_LITERAL = Symbol('not a literal');

/** Parses `src` as a JS literal (no identifiers other than true/false/null/undefined/Infinity/NaN). */
function parseLiteral(src: string): unknown {
  const s = src.trim();
  if (s === '') return NO_LITERAL;
  // Reject anything that names a variable or calls something: strip strings, then look for identifiers.
  const withoutStrings = s.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`\\$]|\\.)*`/g, '""');
  const words = withoutStrings.replace(/[{,]\s*[A-Za-z_$][\w$]*\s*:/g, ',').match(/[A-Za-z_$][\w$]*/g) ?? [];
  const allowed = new Set(['true', 'false', 'null', 'undefined', 'Infinity', 'NaN', 'e', 'E']);
  if (words.some((w) => !allowed.has(w) && !/^e\d*$/i.test(w))) return NO_LITERAL;
  if (/[()=;]/.test(withoutStrings)) return NO_LITERAL;
  try {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    return new Function(`"use strict"; return (${s});`)() as unknown;
  } catch {
    return NO_LITERAL;
  }
}

/** Splits at spaces outside quotes and brackets. */
function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let depth = 0;
  let quote = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string;
    if (quote) {
      cur += ch;
      if (ch === '\\') cur += s[++i] ?? '';
      else if (ch === quote) quote = '';
      continue;
    }
    if (ch === "'" || ch === '"' || ch === '`') quote = ch;
    else if ('[{('.includes(ch)) depth++;
    else if (']})'.includes(ch)) depth--;
    if (/\s/.test(ch) && depth === 0) {
      if (cur) out.push(cur);
      cur = '';
      // A comma-free list keeps going; `a, b` is not this form.
      continue;
    }
    cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

function compareOne(actual: unknown, expectedSrc: string): string | undefined {
  const lit = parseLiteral(expectedSrc);
  if (lit === NO_LITERAL) {
    return text(actual) === expectedSrc ? undefined : `printed ${show(text(actual))}, expected the text ${show(expectedSrc)}`;
  }
  if (typeof actual === 'string' && typeof lit !== 'string') {
    if (actual.replace(/\s+/g, '') === expectedSrc.replace(/\s+/g, '')) return undefined;
    try {
      return deepDiff(normalise(JSON.parse(actual)), lit);
    } catch {
      return `printed the string ${show(actual)}, expected ${expectedSrc}`;
    }
  }
  return deepDiff(normalise(actual), lit);
}

export function checkLog(args: unknown[], comment: string): string | undefined {
  let expected = comment.trim();
  const remark = /^(.*\S)\s+\([^()]*[A-Za-z][^()]*\)$/.exec(expected);
  if (remark?.[1]) expected = remark[1];
  const printed = args.map(text).join(' ');
  if (expected.endsWith('...')) {
    const head = expected.slice(0, -3).trim();
    if (printed.replace(/\s+/g, '').startsWith(head.replace(/\s+/g, ''))) return undefined;
    const only = args.length === 1 ? args[0] : undefined;
    if (typeof only === 'number' && /^[-+]?\d+(\.\d+)?$/.test(head)) {
      const decimals = (head.split('.')[1] ?? '').length;
      if (Number(only.toFixed(decimals)) === Number(head)) return undefined;
    }
    return `printed ${show(printed)}, which does not start with ${show(head)}${typeof only === 'number' ? ' (nor rounds to it)' : ''}`;
  }
  if (args.length === 1) return compareOne(args[0], expected);
  const parts = splitTopLevel(expected);
  if (parts.length === args.length) {
    const diffs = parts.map((p, i) => compareOne(args[i], p));
    if (diffs.every((d) => d === undefined)) return undefined;
    if (printed === expected) return undefined;
    const k = diffs.findIndex((d) => d !== undefined);
    return `argument ${k + 1}: ${diffs[k]}`;
  }
  return printed === expected ? undefined : `printed ${show(printed)}, expected ${show(expected)} (${args.length} arguments, ${parts.length} expected values)`;
}

interface Expectation {
  line: number;
  comment: string;
  source: string;
}

export function expectations(code: string): Expectation[] {
  const out: Expectation[] = [];
  code.split('\n').forEach((l, i) => {
    const m = /^\s*console\.log\((.*)\);?\s*\/\/\s?(.*)$/.exec(l);
    if (m && (m[2] as string).trim() !== '') out.push({ line: i + 1, comment: (m[2] as string).trim(), source: l.trim() });
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Tests

const files = listTs(srcDir);
const examples = files.flatMap(extractExamples);

describe('TSDoc @example blocks run and print what their comments say', () => {
  it('finds examples to run', () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  const seen = new Map<string, number>();
  for (const ex of examples) {
    const key = `${ex.file} > ${ex.owner}`;
    const k = (seen.get(key) ?? 0) + 1;
    seen.set(key, k);
    it(`${key} #${k}`, async () => {
      const where = `${ex.file}:${ex.line} (@example of ${ex.owner})`;
      let calls: LogCall[];
      try {
        calls = await runExample(ex);
      } catch (err) {
        const msg = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
        throw new Error(`${where} threw:\n${msg}\n--- example ---\n${ex.code}`);
      }
      const failures: string[] = [];
      for (const exp of expectations(ex.code)) {
        const hits = calls.filter((c) => c.line === exp.line);
        if (hits.length === 0) {
          failures.push(`line ${exp.line} \`${exp.source}\`: console.log was never reached`);
          continue;
        }
        for (const h of hits) {
          const diff = checkLog(h.args, exp.comment);
          if (diff) failures.push(`line ${exp.line} \`${exp.source}\`: ${diff}`);
        }
      }
      if (failures.length > 0) throw new Error(`${where}:\n  ${failures.join('\n  ')}`);
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Every public function and class has TSDoc with an @example.

function entryPoints(): string[] {
  const out = [join(srcDir, 'index.ts')];
  for (const d of readdirSync(srcDir).sort()) {
    const p = join(srcDir, d, 'index.ts');
    try {
      if (statSync(p).isFile()) out.push(p);
    } catch {
      /* a folder without index.ts is not a subpath */
    }
  }
  return out;
}

function hasTag(decl: ts.Node, tag: string): boolean {
  return ts.getJSDocTags(decl).some((t) => t.tagName.text === tag);
}

function missingExamples(): string[] {
  const program = ts.createProgram(entryPoints(), {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    allowImportingTsExtensions: true,
    noEmit: true,
    types: [],
    skipLibCheck: true,
  });
  const checker = program.getTypeChecker();
  const missing = new Set<string>();
  for (const entry of entryPoints()) {
    const sf = program.getSourceFile(entry);
    const modSym = sf && checker.getSymbolAtLocation(sf);
    if (!modSym) continue;
    for (const exp of checker.getExportsOfModule(modSym)) {
      const sym = exp.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exp) : exp;
      const decls = (sym.declarations ?? []).filter(
        (d) =>
          ts.isFunctionDeclaration(d) ||
          ts.isClassDeclaration(d) ||
          (ts.isVariableDeclaration(d) && d.initializer !== undefined && (ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer))),
      );
      if (decls.length === 0) continue;
      const docNodes = decls.map((d) => (ts.isVariableDeclaration(d) ? d.parent.parent : d));
      if (docNodes.some((d) => hasTag(d, 'internal'))) continue;
      if (docNodes.some((d) => hasTag(d, 'example'))) continue;
      const d = decls[0] as ts.Declaration;
      const file = relative(root, d.getSourceFile().fileName).split(sep).join('/');
      const line = d.getSourceFile().getLineAndCharacterOfPosition(d.getStart()).line + 1;
      missing.add(`${exp.getName()} (${file}:${line})`);
    }
  }
  return [...missing].sort();
}

describe('documentation coverage', () => {
  it('every exported function and class has TSDoc with an @example', () => {
    const missing = missingExamples();
    if (missing.length > 0) {
      throw new Error(`${missing.length} public export(s) lack a TSDoc @example (mark helpers that are not public API @internal):\n  ${missing.join('\n  ')}`);
    }
  });
});
