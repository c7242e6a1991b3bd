// The cases of one export: its captured calls (deduplicated) and the seeded fast-check
// descriptors of their mutations. Shared by the parent (to rebuild a hung case) and the worker.
import fc from 'fast-check';
import { MUTATIONS } from './mutate.mjs';
import { render, serialise } from './values.mjs';

const MAX_CALLS = 8;

/** Distinct captured calls (same kind, member and argument bits counted once), at most 8. */
export function prepareCalls(captured) {
  const seen = new Set();
  const out = [];
  for (const c of captured) {
    const key = `${c.kind}|${c.member ?? ''}|${serialise(c.args)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(c);
    if (out.length >= MAX_CALLS) break;
  }
  return out;
}

function mix(seed, id) {
  let h = seed >>> 0;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 2654435761) >>> 0;
  return h | 0;
}

/** The `n` mutation descriptors of export `id` under `seed` (the same on every run). */
export function descriptors(id, seed, n) {
  const big = fc.nat({ max: 1_000_000 });
  const arb = fc.record({ call: big, mutation: fc.constantFrom(...MUTATIONS), node: big, variant: big, extra: big });
  return fc.sample(arb, { seed: mix(seed, id), numRuns: n });
}

/** Calls the export as captured: a function call, `new`, or a static method. */
export function invoke(target, call, args) {
  if (call.kind === 'new') return Reflect.construct(target.fn, args);
  if (call.kind === 'static') return target.fn[call.member](...args);
  return target.fn(...args);
}

/** The call as JavaScript source, for a reproducer. */
export function renderCall(id, call, args) {
  const name = id.slice(id.lastIndexOf('/') + 1);
  const sub = id.slice(0, id.lastIndexOf('/'));
  const from = sub === '.' ? "'quantivista'" : `'quantivista/${sub}'`;
  const head = call.kind === 'new' ? `new ${name}` : call.kind === 'static' ? `${name}.${call.member}` : name;
  return `${head}(${render(args).slice(1, -1)})  // import { ${name} } from ${from}`;
}
