// @ts-nocheck -- Deno code: it uses the `Deno` global and imports the BUILT package by name,
// which `tsc -p tsconfig.test.json` (run before the build, without Deno's types) cannot resolve.
// Runs test/browser/cases.mjs in Deno on the built package and prints the results (bit
// patterns) as JSON; test/deno/run.mjs compares them with the same cases run in Node.
import { runCases } from '../browser/cases.mjs';

const pkg = JSON.parse(await Deno.readTextFile(new URL('../../package.json', import.meta.url)));
const keys = Object.keys(pkg.exports).filter((k) => k !== './package.json');
const loaded: Record<string, Record<string, unknown>> = {};
for (const k of keys) loaded[k] = await import(k === '.' ? 'quantivista' : `quantivista/${k.slice(2)}`);
const q = Object.assign({}, ...keys.filter((k) => k !== '.').map((k) => loaded[k]), loaded['.']);
const names = Object.fromEntries(keys.map((k) => [k, Object.keys(loaded[k]!).sort()]));
// whether Deno compiles the WebAssembly SIMD kernels (the covariance cases then compare them with Node's)
const wasm = (await import('../../dist/core/_/wasm-kernels.js')).wasmKernelsActive();
console.log(JSON.stringify({ names, cases: runCases(q), wasm }));
