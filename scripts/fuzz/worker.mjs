// Child process of the fuzz suite: runs the cases of one export at a time and reports each case
// to the parent over IPC as soon as it ends, so that the parent can kill it on a hang or a crash
// and resume at the next case. Messages in: { type: 'task', ... }. Out: 'ready', 'case', 'done'.
import { readFileSync } from 'node:fs';
import { descriptors, invoke, prepareCalls, renderCall } from './cases.mjs';
import { loadPackage, runExamples } from './examples.mjs';
import { applyMutation, openClass } from './mutate.mjs';
import { clone, sameBits, scanBad, serialise } from './values.mjs';

const init = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const pkg = loadPackage(init.root);
for (const t of pkg.targets.values()) if (t.isClass) openClass(t.fn);
const allowInfinity = new Set(Object.keys(init.allowInfinity));
const send = (m) => new Promise((resolve) => process.send(m, undefined, undefined, () => resolve()));
process.on('unhandledRejection', () => {});
// the parent killed or gone (an interrupted run): stop at once instead of fuzzing on as an orphan
process.on('disconnect', () => process.exit(0));

async function outcome(target, call, args) {
  // tell the parent when the export's own call starts and ends: its time limit covers only that
  process.send({ type: 'call', phase: 'start' });
  try {
    let value = invoke(target, call, args);
    if (value && typeof value.then === 'function') value = await value;
    return { ok: true, value };
  } catch (error) {
    return { ok: false, error };
  } finally {
    process.send({ type: 'call', phase: 'end' });
  }
}

function describeError(e) {
  if (e instanceof Error) return `${e.name}${typeof e.code === 'string' ? ` [${e.code}]` : ''}: ${e.message}`;
  return `thrown ${typeof e}: ${String(e)}`;
}

function textOf(o) {
  return o.ok ? serialise(o.value) : describeError(o.error);
}

/** Whether `value` is one of the argument objects itself (not a copy, never a primitive). */
function returnsArgument(args, value) {
  return value !== null && (typeof value === 'object' || typeof value === 'function') && args.some((a) => a === value);
}

/** One case: the failure kind and detail, or undefined when the case holds. */
async function runCase(id, target, call, args) {
  const pristine = clone(args);
  const rerunArgs = clone(args);
  const first = await outcome(target, call, args);
  let failure;
  if (!first.ok) {
    const e = first.error;
    if (!(e instanceof Error) || typeof e.code !== 'string') failure = { kind: 'untyped-error', detail: describeError(e).slice(0, 300) };
  } else if (!(target.isClass && target.fn.prototype instanceof Error) && !returnsArgument(args, first.value)) {
    // An error class's fields (`value`, `residual`, `received`, ...) carry what its thrower
    // passed, NaN and Infinity included; and an export that returns one of its arguments itself
    // (a validator such as checkOptions) hands back what the caller passed: neither is checked
    // for NaN or Infinity (docs/fuzz.md).
    const bad = scanBad(first.value);
    if (bad && !(bad.kind === 'infinity' && allowInfinity.has(id))) failure = { kind: bad.kind, detail: `${bad.kind} at ${bad.path}` };
  }
  if (!failure && !sameBits(args, pristine)) failure = { kind: 'mutated-input', detail: 'the arguments differ after the call' };
  if (!failure) {
    const second = await outcome(target, call, rerunArgs);
    const a = textOf(first);
    const b = textOf(second);
    if (a !== b) failure = { kind: 'nondeterministic', detail: `first ${a.slice(0, 120)} / rerun ${b.slice(0, 120)}` };
  }
  return { failure, typed: !first.ok, pristine };
}

async function task(t) {
  const target = pkg.targets.get(t.id);
  const captured = [];
  await runExamples(
    pkg,
    t.examples.map((i) => init.examples[i]),
    (id) => id === t.id,
    (c) => captured.push(c),
  );
  const calls = prepareCalls(captured);
  const ds = descriptors(t.id, t.seed, t.cases);
  const skip = new Set(t.skip);
  for (let i = t.start; i < ds.length; i++) {
    if (Date.now() > t.deadline) {
      await send({ type: 'done', truncated: i });
      return;
    }
    const d = ds[i];
    const call = calls[d.call % calls.length];
    let m;
    try {
      m = applyMutation(call.args, d);
    } catch (e) {
      await send({ type: 'case', i, mutation: 'harness', failure: { kind: 'harness-error', detail: describeError(e) }, detail: `case ${i}`, repro: '' });
      continue;
    }
    if (skip.has(m.mutation)) {
      await send({ type: 'case', i, mutation: m.mutation, skipped: true });
      continue;
    }
    const r = await runCase(t.id, target, call, m.args);
    const repro = r.failure ? renderCall(t.id, call, r.pristine) : undefined;
    await send({ type: 'case', i, mutation: m.mutation, typed: r.typed, failure: r.failure, repro, detail: r.failure ? `case ${i}: ${m.detail}` : undefined });
  }
  await send({ type: 'done' });
}

process.on('message', (t) => {
  task(t).catch((e) => send({ type: 'fatal', message: describeError(e) }).then(() => process.exit(3)));
});
send({ type: 'ready' });
