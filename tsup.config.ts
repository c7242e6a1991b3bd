import { readdirSync, statSync } from 'node:fs';
import { defineConfig } from 'tsup';

// One public entry per domain folder under src/ (each must have an index.ts), plus the root.
const domains = readdirSync('src').filter((d) => statSync(`src/${d}`).isDirectory());
const entry: Record<string, string> = { index: 'src/index.ts' };
for (const d of domains) entry[`${d}/index`] = `src/${d}/index.ts`;

// Every other source file is an internal entry too (dist/<domain>/_/<file>.js, not in `exports`),
// so the ESM build keeps one output file per module. A file that imports a CommonJS dependency
// (javascript-lp-solver, decimal.js, seedrandom, ml-matrix) then stays apart from the files that
// do not, and a user's bundler drops it with its dependency when its exports are unused
// ("sideEffects": false). Merged into one file, the dependency's import would have to stay, and
// `import { minVariance } from 'quantivista/optimize'` would carry the LP solver and decimal.js.
const internal: Record<string, string> = {};
for (const d of domains) {
  for (const f of readdirSync(`src/${d}`)) {
    if (f.endsWith('.ts') && f !== 'index.ts') internal[`${d}/_/${f.slice(0, -3)}`] = `src/${d}/${f}`;
  }
}

export default defineConfig({
  entry: { ...entry, ...internal },
  format: ['esm', 'cjs'],
  dts: { entry },
  splitting: true,
  treeshake: true,
  sourcemap: false,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
  outDir: 'dist',
});
