// After `typedoc` (npm run docs): the site shows the error class of every `@throws {ErrorClass}`
// (typedoc drops type annotations of block tags unless `preservedTypeAnnotationTags` lists the
// tag), and the README links every page of docs/. Exits non-zero naming what is missing.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const problems = [];
const page = readFileSync(join('docs-site', 'functions', 'quantivista_core.variance.html'), 'utf8');
for (const cls of ['InsufficientDataError', 'InvalidArgumentError']) {
  if (!page.includes(`{${cls}}`)) problems.push(`docs-site: variance's @throws does not name ${cls}`);
}
const readme = readFileSync('README.md', 'utf8');
for (const doc of readdirSync('docs').filter((f) => f.endsWith('.md'))) {
  if (!readme.includes(`](docs/${doc})`)) problems.push(`README.md does not link docs/${doc}`);
}
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log('docs site: @throws shows the error class; README links every page of docs/');
