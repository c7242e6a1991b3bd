/**
 * The layering written in docs/architecture.md, enforced: every import in src/ goes to core, to
 * the same domain, or to a domain the table allows; third-party packages only where declared;
 * no import cycle between files. The table is read from docs/architecture.md itself, so the
 * document and the check cannot drift apart.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Import specifiers of a file (static imports and re-exports, dynamic imports), comments removed. */
function imports(path: string): string[] {
  const text = readFileSync(path, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:])\/\/.*$/gm, '$1');
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]/g)) out.push(m[1]!);
  for (const m of text.matchAll(/(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g)) out.push(m[1]!);
  for (const m of text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push(m[1]!);
  return out;
}

/** The table of docs/architecture.md: domain → allowed domains and packages. */
function readTable(): Map<string, { domains: Set<string>; packages: Set<string> }> {
  const doc = readFileSync('docs/architecture.md', 'utf8');
  const rows = new Map<string, { domains: Set<string>; packages: Set<string> }>();
  for (const line of doc.split('\n')) {
    const m = /^\| `([a-z-]+)` \| ([^|]*) \| ([^|]*) \|$/.exec(line.trim());
    if (!m) continue;
    const list = (s: string) =>
      s
        .split(',')
        .map((x) => x.trim().split(' ')[0]!.replace(/`/g, ''))
        .filter((x) => x && x !== '—');
    rows.set(m[1]!, { domains: new Set(list(m[2]!)), packages: new Set(list(m[3]!)) });
  }
  return rows;
}

const SRC = 'src';
const all = files(SRC);
const domainOf = (p: string) => relative(SRC, p).split(/[\\/]/)[0]!;
const table = readTable();

describe('layering (docs/architecture.md)', () => {
  it('the table lists every domain folder', () => {
    const folders = readdirSync(SRC).filter((f) => statSync(join(SRC, f)).isDirectory());
    expect(folders.filter((f) => !table.has(f))).toEqual([]);
  });

  it('every import is allowed by the table, and only declared packages are used', () => {
    const bad: string[] = [];
    const graph = new Map<string, Set<string>>();
    for (const f of all) {
      if (f === join(SRC, 'index.ts')) continue;
      const from = domainOf(f);
      const allowed = table.get(from);
      for (const spec of imports(f)) {
        if (spec.startsWith('.')) {
          const target = normalize(join(dirname(f), spec));
          const to = domainOf(target);
          if (to === from) continue;
          if (!graph.has(from)) graph.set(from, new Set());
          graph.get(from)!.add(to);
          if (!allowed?.domains.has(to)) bad.push(`${f} imports ${spec} (${from} → ${to} is not in docs/architecture.md)`);
        } else {
          const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
          if (!allowed?.packages.has(pkg)) bad.push(`${f} imports the package ${pkg}, not declared for ${from} in docs/architecture.md`);
        }
      }
    }
    console.log(
      'domain graph:\n' +
        [...graph]
          .sort()
          .map(([d, to]) => `  ${d} → ${[...to].sort().join(', ')}`)
          .join('\n'),
    );
    expect(bad).toEqual([]);
  });

  it('no import cycle between files of src/', () => {
    const edges = new Map<string, string[]>();
    for (const f of all) {
      const targets = imports(f)
        .filter((s) => s.startsWith('.'))
        .map((s) => normalize(join(dirname(f), s)));
      edges.set(normalize(f), targets);
    }
    // Tarjan's strongly connected components
    let index = 0;
    const idx = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const on = new Set<string>();
    const cycles: string[][] = [];
    const visit = (v: string): void => {
      idx.set(v, index);
      low.set(v, index++);
      stack.push(v);
      on.add(v);
      for (const w of edges.get(v) ?? []) {
        if (!idx.has(w)) {
          visit(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
      }
      if (low.get(v) === idx.get(v)) {
        const comp: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          on.delete(w);
          comp.push(w);
        } while (w !== v);
        if (comp.length > 1) cycles.push(comp.sort());
      }
    };
    for (const v of edges.keys()) if (!idx.has(v)) visit(v);
    expect(cycles).toEqual([]);
  });
});
