// Size-budget test: bundles single imports from the built package (scripts/size/measure.mjs,
// esbuild metafiles; cases and budgets in scripts/size/budgets.json) and checks, per case:
//   - decimal.js is not inside unless the case uses tax lots / rebalancing (`"decimal": true`);
//   - javascript-lp-solver is not inside unless the case uses an LP function (`"lp": true`);
//   - no other npm package is inside unless the case lists it in `"allow"` (a CommonJS dependency
//     imported at the top of a merged dist file cannot be tree-shaken away: see the README);
//   - the minified bundle is within its budget.
// Also: importing one function from the root `quantivista` costs no more than from its subpath
// (tree-shaking works through the root re-exports). Prints the size table and
// `N passed, N failed`; exit status 0 only when all passed. Builds dist/ first when it is stale.
import { ensureBuild } from '../../scripts/ci/ensure-build.mjs';

if (!process.env.SIZE_DIST) ensureBuild(); // SIZE_DIST: measure another build (scripts/size/measure.mjs)
const { measureAll, table, kB } = await import('../../scripts/size/measure.mjs');
const pkgName = 'quantivista';

let passed = 0;
let failed = 0;
function report(ok, name, detail = '') {
  if (ok) passed++;
  else failed++;
  console.log(`  ${ok ? 'ok  ' : 'FAIL'}  ${name}${detail ? `\n        ${detail}` : ''}`);
}

const { measured, skipped } = await measureAll();
console.log(table(measured));
console.log();
for (const r of measured) {
  const label = `${r.import.join(', ')} from ${r.spec}`;
  if (!r.decimal)
    report(
      !r.packages.includes('decimal.js'),
      `${label}: no decimal.js`,
      r.packages.includes('decimal.js') ? `decimal.js adds ${kB(r.byPackage['decimal.js'])}: something outside tax lots / rebalancing imports it` : '',
    );
  if (!r.lp)
    report(
      !r.packages.includes('javascript-lp-solver'),
      `${label}: no javascript-lp-solver`,
      r.packages.includes('javascript-lp-solver') ? `javascript-lp-solver adds ${kB(r.byPackage['javascript-lp-solver'])}` : '',
    );
  const allowed = new Set([pkgName, ...(r.allow ?? []), ...(r.decimal ? ['decimal.js'] : []), ...(r.lp ? ['javascript-lp-solver'] : [])]);
  const others = r.packages.filter((p) => !allowed.has(p) && p !== 'decimal.js' && p !== 'javascript-lp-solver');
  report(
    others.length === 0,
    `${label}: no other npm package${r.allow?.length ? ` than ${r.allow.join(', ')}` : ''}`,
    others.map((p) => `${p} adds ${kB(r.byPackage[p])}`).join('; '),
  );
  const budget = r.budget * 1024;
  report(
    budget > 0 && r.bytes <= budget,
    `${label}: ${kB(r.bytes)} minified within its ${kB(budget)} budget`,
    r.bytes <= budget ? '' : `over by ${kB(r.bytes - budget)}: make it smaller, or raise the budget in scripts/size/budgets.json with the reason in the commit`,
  );
}
const sub = measured.find((r) => r.id === 'core-quantile');
const rootCase = measured.find((r) => r.id === 'root-quantile');
if (sub && rootCase) {
  report(
    rootCase.bytes <= sub.bytes * 1.02 + 64,
    `quantile from the root costs what it costs from quantivista/core (${kB(rootCase.bytes)} vs ${kB(sub.bytes)})`,
    rootCase.packages.length > sub.packages.length ? `extra packages: ${rootCase.packages.filter((p) => !sub.packages.includes(p)).join(', ')}` : '',
  );
}
for (const s of skipped) console.log(`  skip  ${s.import.join(', ')} from quantivista/${s.from}: not in the build yet`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
