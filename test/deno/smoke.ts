// @ts-nocheck -- Deno code: it uses the `Deno` global and imports the BUILT package by name,
// which `tsc -p tsconfig.test.json` (run before the build, without Deno's types) cannot resolve.
// Deno smoke test: imports the BUILT package (dist/, through package.json `exports`, exactly as
// a Deno user of the npm package gets it) and checks results against values known
// independently of this library. Run by test/deno/run.mjs:
//   deno run --node-modules-dir=manual --cached-only --allow-read=. test/deno/smoke.ts
// Exits non-zero on the first wrong value; the last line says how many checks passed.
import { cholesky, quantile, solveSPD, symmetricEigen, variance } from 'quantivista/core';
import { ledoitWolf } from 'quantivista/covariance';
import * as root from 'quantivista';

let checks = 0;
function close(label: string, actual: number, expected: number, rtol = 1e-12): void {
  const ok = Math.abs(actual - expected) <= rtol * Math.max(Math.abs(expected), 1e-300) || actual === expected;
  if (!ok) {
    console.error(`FAIL ${label}: got ${actual}, expected ${expected} (rtol ${rtol})`);
    Deno.exit(1);
  }
  checks++;
  console.log(`ok   ${label}: ${actual}`);
}

function check(label: string, ok: boolean): void {
  if (!ok) {
    console.error(`FAIL ${label}`);
    Deno.exit(1);
  }
  checks++;
  console.log(`ok   ${label}`);
}

console.log(`Deno ${Deno.version.deno} (V8 ${Deno.version.v8}, TypeScript ${Deno.version.typescript})`);

// Closed forms worked by hand.
const L = cholesky([
  [4, 2],
  [2, 3],
]).toArray();
close('cholesky L[1][1] = sqrt(2)', L[1]![1]!, Math.SQRT2);
close('cholesky L[1][0] = 1', L[1]![0]!, 1);
const x = solveSPD(
  [
    [4, 2],
    [2, 3],
  ],
  [2, 1],
);
close('solveSPD x[0] = 0.5', x[0]!, 0.5);
const eig = symmetricEigen([
  [2, 1],
  [1, 2],
]).values;
close('symmetricEigen eigenvalues 1 and 3', eig[0]!, 1);
close('symmetricEigen eigenvalues 1 and 3 (largest)', eig[1]!, 3);
close('quantile linear (R type 7) of 1..4 at 0.5', quantile([1, 2, 3, 4], 0.5), 2.5);
close('quantile of 1..10 at 0.9 (numpy: 9.1)', quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9), 9.1);
close('variance ddof=1 of 1..4 = 5/3', variance([1, 2, 3, 4]), 5 / 3);

// Ledoit-Wolf against scikit-learn's LedoitWolf on the committed 40 x 60 reference data set
// (test/fixtures/covariance/estimators.json, made by scripts/fixtures/covariance/).
const fixture = JSON.parse(await Deno.readTextFile(new URL('../fixtures/covariance/estimators.json', import.meta.url)));
const wide = fixture.cases.find((c: { name: string }) => c.name === 'wide-40x60');
if (!wide) {
  console.error('FAIL fixture case wide-40x60 not found in test/fixtures/covariance/estimators.json');
  Deno.exit(1);
}
const lw = ledoitWolf(wide.returns);
close('ledoitWolf shrinkage (sklearn)', lw.shrinkage, wide.ledoitWolfIdentity.shrinkage, 1e-10);
let worst = 0;
const ref: number[][] = wide.ledoitWolfIdentity.covariance;
ref.forEach((row, i) => row.forEach((v, j) => (worst = Math.max(worst, Math.abs(lw.covariance.get(i, j) - v) / Math.abs(v)))));
check(`ledoitWolf covariance: worst relative difference to sklearn ${worst}`, worst <= 1e-10);
check('the root module re-exports ledoitWolf as the same function', root.ledoitWolf === ledoitWolf);
console.log(`smoke: ${checks} checks passed`);
