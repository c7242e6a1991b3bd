import { readdirSync, statSync } from 'node:fs';
import { defineConfig } from 'tsup';

// One entry per domain folder under src/ (each must have an index.ts), plus the root.
const domains = readdirSync('src').filter((d) => statSync(`src/${d}`).isDirectory());
const entry: Record<string, string> = { index: 'src/index.ts' };
for (const d of domains) entry[`${d}/index`] = `src/${d}/index.ts`;

export default defineConfig({
  entry,
  format: ['esm', 'cjs'],
  dts: true,
  splitting: true,
  treeshake: true,
  sourcemap: false,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
  outDir: 'dist',
});
