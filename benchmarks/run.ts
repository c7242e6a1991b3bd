/**
 * `npm run bench`: runs every benchmarks/*.bench.ts in turn (or those named on the command
 * line, e.g. `npm run bench -- covariance`). Each bench file runs when imported and prints its tables.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
  .sort();
process.stdout.write(`quantivista benchmarks — Node ${process.version}, one thread\n`);
for (const f of files) {
  process.stdout.write(`\n# ${f}\n`);
  await import(pathToFileURL(join(here, f)).href);
}
