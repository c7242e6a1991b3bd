/**
 * package.json matches the source tree: one subpath export per domain folder, exactly as
 * `scripts/sync-exports.mjs` writes them (run `npm run sync-exports` after adding a domain), and
 * the package-level fields ARCHITECTURE §1 and §7 fix. The built package itself (every subpath
 * loads from CJS and ESM) is checked after the build by test/package/run.mjs.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;

interface SyncExports {
  domains(): string[];
  expectedExports(): { exports: Record<string, unknown>; typesVersions: Record<string, unknown> };
}

async function syncExports(): Promise<SyncExports> {
  // The script resolves `src` against the working directory.
  expect(process.cwd()).toBe(root);
  return (await import(pathToFileURL(join(root, 'scripts', 'sync-exports.mjs')).href)) as SyncExports;
}

const domainFolders = readdirSync(join(root, 'src'))
  .filter((d) => statSync(join(root, 'src', d)).isDirectory())
  .sort();

/**
 * Domains the root entry leaves out: their subpath needs an optional peer dependency
 * (quantivista/arrow needs apache-arrow), and `import ... from 'quantivista'` must load without it.
 * Keep in step with SUBPATH_ONLY in test/package/run.mjs.
 */
const SUBPATH_ONLY = ['arrow'];

describe('package.json exports', () => {
  it('match scripts/sync-exports.mjs (run `npm run sync-exports` to update)', async () => {
    const { expectedExports } = await syncExports();
    const { exports, typesVersions } = expectedExports();
    expect(pkg.exports, 'package.json `exports` is out of date: run `npm run sync-exports`').toEqual(exports);
    expect(pkg.typesVersions, 'package.json `typesVersions` is out of date: run `npm run sync-exports`').toEqual(typesVersions);
  });

  it('every domain folder under src/ has an index.ts and a subpath export', () => {
    const exportsField = pkg.exports as Record<string, unknown>;
    const problems: string[] = [];
    for (const d of domainFolders) {
      if (!existsSync(join(root, 'src', d, 'index.ts'))) problems.push(`src/${d}/ has no index.ts (tsup builds one entry per folder)`);
      if (!(`./${d}` in exportsField)) problems.push(`src/${d}/ has no "./${d}" export in package.json`);
    }
    for (const key of Object.keys(exportsField)) {
      if (key === '.' || key === './package.json') continue;
      if (!domainFolders.includes(key.slice(2))) problems.push(`export "${key}" has no src/${key.slice(2)}/ folder`);
    }
    if (problems.length > 0) throw new Error(`package.json and src/ disagree:\n  ${problems.join('\n  ')}`);
  });

  it('src/index.ts re-exports every domain but the subpath-only ones (optional peer dependencies)', () => {
    const index = readFileSync(join(root, 'src', 'index.ts'), 'utf8');
    const missing = domainFolders.filter((d) => !SUBPATH_ONLY.includes(d) && !index.includes(`'./${d}/index.ts'`));
    if (missing.length > 0) throw new Error(`src/index.ts does not re-export: ${missing.map((d) => `./${d}/index.ts`).join(', ')}`);
    const extra = SUBPATH_ONLY.filter((d) => index.includes(`'./${d}/index.ts'`));
    if (extra.length > 0) throw new Error(`src/index.ts re-exports ${extra.join(', ')}, whose optional peer dependency would then load with the root`);
  });

  it('only the subpath-only domains import an optional peer dependency', () => {
    const meta = (pkg.peerDependenciesMeta ?? {}) as Record<string, { optional?: boolean }>;
    const optional = Object.keys(meta).filter((name) => meta[name]?.optional === true);
    expect(optional).toContain('apache-arrow');
    expect((pkg.peerDependencies as Record<string, string> | undefined)?.['apache-arrow']).toBe('>=14');
    const problems: string[] = [];
    for (const d of domainFolders) {
      if (SUBPATH_ONLY.includes(d)) continue;
      for (const f of readdirSync(join(root, 'src', d))) {
        if (!f.endsWith('.ts') || !statSync(join(root, 'src', d, f)).isFile()) continue;
        const text = readFileSync(join(root, 'src', d, f), 'utf8');
        for (const name of optional)
          if (new RegExp(`from\\s+['"]${name}['"]|import\\(\\s*['"]${name}['"]`).test(text)) problems.push(`src/${d}/${f} imports ${name}`);
      }
    }
    if (problems.length > 0) throw new Error(`optional peer dependencies belong to their subpath only:\n  ${problems.join('\n  ')}`);
  });

  it('root entry points and package-level fields', () => {
    expect(pkg.main).toBe('./dist/index.cjs');
    expect(pkg.module).toBe('./dist/index.js');
    expect(pkg.types).toBe('./dist/index.d.ts');
    expect(pkg.type).toBe('module');
    expect(pkg.sideEffects).toBe(false);
    expect(pkg.files).toEqual(['dist']);
    expect((pkg.engines as Record<string, string> | undefined)?.node).toMatch(/^>=\s*20/);
  });
});
