// Computations run twice: in headless Chromium (on the built ESM bundle served over HTTP) and
// in Node (on the same dist/ files); test/browser/run.mjs compares the results bit for bit.
// Plain JavaScript with no imports, so the page and Node load this very file.
//
// Adding a case is one line in `cases`: a name and a function of the library namespace `q`
// (everything `quantivista` exports) returning numbers, arrays, Matrix values or objects of
// them; `flatten` turns the result into one list of numbers.
//
// Bit for bit is the rule. A case may set `ulps: k` only when the function calls Math.log /
// exp / pow / sin ...: those are implementation-approximated (ECMA-262), and the V8 of Node 20
// and of current Chromium and Deno differ in the last bit on ~10 % of inputs. Such a case passes
// within k units in the last place, and the runner prints how many numbers differed. Functions
// that must be reproducible everywhere use src/core/portable-math.ts instead.

/** Deterministic returns-like data (T x n) from a 32-bit LCG: integer arithmetic and one exact
 * division per entry, so the data are the same bits on every engine. */
export function lcgReturns(T, n, seed = 12345) {
  let s = seed >>> 0;
  const next = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
  const out = [];
  for (let t = 0; t < T; t++) {
    const market = (next() + next() + next() - 1.5) * 0.02;
    const row = [];
    for (let j = 0; j < n; j++) row.push(market * (0.5 + j / n) + (next() + next() - 1) * 0.015 + 0.0003 * (j % 3));
    out.push(row);
  }
  return out;
}

const R = lcgReturns(260, 12);
const RWide = lcgReturns(30, 40, 777); // more assets than periods
const RLong = lcgReturns(1100, 37, 4242); // more periods than one Gram block (1024), n not a multiple of 4
// An SPD test matrix: 1e4 · RᵀR / T + 0.5 I, in plain JavaScript (fixed summation order).
const SPD = R[0].map((_, i) =>
  R[0].map((_, j) => {
    let s = 0;
    for (const row of R) s += row[i] * row[j];
    return (s / R.length) * 1e4 + (i === j ? 0.5 : 0);
  }),
);
const spd = () => SPD;
const column = (m, j) => m.map((row) => row[j]);

/** Turns numbers, arrays, typed arrays, Matrix values (via toArray) and plain objects into one
 * flat list of numbers, in a fixed order (object keys sorted). Booleans count as 0/1. */
export function flatten(x, out = []) {
  if (typeof x === 'number') out.push(x);
  else if (typeof x === 'boolean') out.push(x ? 1 : 0);
  else if (x == null || typeof x === 'string') {
    /* labels and absent optional fields carry no numbers */
  } else if (typeof x.toArray === 'function') flatten(x.toArray(), out);
  else if (Array.isArray(x) || ArrayBuffer.isView(x)) for (const v of x) flatten(v, out);
  else if (typeof x === 'object') for (const k of Object.keys(x).sort()) flatten(x[k], out);
  return out;
}

/** IEEE-754 bit pattern of each number as 16 hex digits: exact comparison, -0 and NaN included. */
export function toBits(numbers) {
  const view = new DataView(new ArrayBuffer(8));
  return numbers.map((v) => {
    view.setFloat64(0, v);
    return view.getBigUint64(0).toString(16).padStart(16, '0');
  });
}

export const cases = [
  { name: 'input data (LCG)', run: () => [R, RWide] },
  {
    name: 'core: sum, mean, variance, skewness, kurtosis',
    run: (q) =>
      [0, 5, 11].map((j) => [
        q.sum(column(R, j)),
        q.mean(column(R, j)),
        q.variance(column(R, j)),
        q.skewness(column(R, j)),
        q.kurtosis(column(R, j), { adjusted: true }),
      ]),
  },
  {
    name: 'core: quantile, every method',
    run: (q) => q.QUANTILE_METHODS.map((method) => [0.01, 0.05, 0.37, 0.5, 0.95].map((p) => q.quantile(column(R, 2), p, { method }))),
  },
  { name: 'core: cholesky', run: (q) => q.cholesky(spd(q)) },
  { name: 'core: solveSPD', run: (q) => q.solveSPD(spd(q), column(R, 0).slice(0, 12)) },
  { name: 'core: symmetricEigen', run: (q) => q.symmetricEigen(spd(q)) },
  { name: 'core: conditionNumber', run: (q) => q.conditionNumber(spd(q)) },
  {
    name: 'core: randomStream normals, uniforms, Student-t',
    run: (q) => {
      const s = q.randomStream(42, 3);
      return Array.from({ length: 200 }, () => [s.normal(), s.uniform(), s.studentT(5)]);
    },
  },
  {
    name: 'core: multivariateNormal',
    run: (q) =>
      q.multivariateNormal(
        [0.01, 0, -0.01],
        [
          [1, 0.5, 0.2],
          [0.5, 2, 0.3],
          [0.2, 0.3, 1.5],
        ],
        50,
        { seed: 'browser', index: 2 },
      ),
  },
  { name: 'covariance: sampleCovariance', run: (q) => q.sampleCovariance(R) },
  { name: 'covariance: sampleCovariance, 1100 x 37 (two period blocks, ragged panel)', run: (q) => q.sampleCovariance(RLong).covariance },
  {
    name: 'covariance: ledoitWolf (identity)',
    run: (q) => {
      const r = q.ledoitWolf(R);
      return [r.covariance, r.shrinkage];
    },
  },
  {
    name: 'covariance: ledoitWolf (constant-correlation)',
    run: (q) => {
      const r = q.ledoitWolf(R, { target: 'constant-correlation' });
      return [r.covariance, r.shrinkage];
    },
  },
  {
    name: 'covariance: ledoitWolf (single-factor)',
    run: (q) => {
      const r = q.ledoitWolf(R, { target: 'single-factor' });
      return [r.covariance, r.shrinkage];
    },
  },
  {
    name: 'covariance: ledoitWolf, more assets than periods',
    run: (q) => {
      const r = q.ledoitWolf(RWide);
      return [r.covariance, r.shrinkage];
    },
  },
  {
    name: 'covariance: oracleApproximatingShrinkage',
    run: (q) => {
      const r = q.oracleApproximatingShrinkage(R);
      return [r.covariance, r.shrinkage];
    },
  },
  // ewmaCovariance forms its weights λ^k with Math.pow (and halfLife with Math.exp / Math.log).
  { name: 'covariance: ewmaCovariance', ulps: 4, run: (q) => q.ewmaCovariance(R, { lambda: 0.97 }) },
];

/** Distance in units in the last place between two doubles given as 16-hex-digit bit patterns. */
export function ulpDistance(a, b) {
  const toOrdered = (h) => {
    const v = BigInt(`0x${h}`);
    return v >> 63n ? -(v & 0x7fffffffffffffffn) : v; // sign-magnitude -> ordered integers
  };
  const d = toOrdered(a) - toOrdered(b);
  return Number(d < 0n ? -d : d);
}

const bitsToNumber = (h) => new DataView(new BigUint64Array([BigInt(`0x${h}`)]).buffer).getFloat64(0, true);

/** Compares a case's bits from Node (`ref`) and another engine: { ok, detail }. */
export function compareCase(name, ref, other, engine) {
  const c = cases.find((x) => x.name === name);
  if (!other || ref.error || other.error) {
    const first = (e) => (e ?? '').split('\n')[0];
    const hint = /is not a function/.test(`${ref.error}${other?.error}`)
      ? ' (is the function exported from its domain, src/index.ts and package.json `exports`?)'
      : '';
    const detail =
      ref.error && other?.error && first(ref.error) === first(other.error)
        ? `throws in Node and in ${engine}: ${first(ref.error)}${hint}\n${ref.error.split('\n').slice(1, 3).join('\n')}`
        : `node: ${ref.error ?? 'ok'}\n${engine}: ${other?.error ?? (other ? 'ok' : 'missing')}`;
    return { ok: false, title: `${name}: same bits in ${engine} and Node`, detail };
  }
  const n = ref.bits.length;
  if (other.bits.length !== n)
    return { ok: false, title: `${name}: same bits in ${engine} and Node`, detail: `${other.bits.length} numbers in ${engine} vs ${n} in Node` };
  let first = -1;
  let count = 0;
  let worst = 0;
  for (let i = 0; i < n; i++) {
    if (ref.bits[i] === other.bits[i]) continue;
    count++;
    if (first < 0) first = i;
    worst = Math.max(worst, ulpDistance(ref.bits[i], other.bits[i]));
  }
  const where =
    first < 0
      ? ''
      : `first at index ${first}: ${engine} ${bitsToNumber(other.bits[first])} (0x${other.bits[first]}) vs node ${bitsToNumber(ref.bits[first])} (0x${ref.bits[first]})`;
  if (c?.ulps !== undefined) {
    return {
      ok: worst <= c.ulps,
      title: `${name}: ${n} numbers within ${c.ulps} ulps in ${engine} and Node${count ? ` (${count} differ in the last bits, worst ${worst} ulps: engine Math functions)` : ', all the same bits'}`,
      detail: worst <= c.ulps ? '' : `worst ${worst} ulps; ${where}`,
    };
  }
  return {
    ok: count === 0,
    title: `${name}: ${n} numbers, same bits in ${engine} and Node`,
    detail: count === 0 ? '' : `${count} differ (worst ${worst} ulps); ${where}`,
  };
}

/** Runs every case on `q`: name -> { bits } or { error }. */
export function runCases(q) {
  const out = {};
  for (const c of cases) {
    try {
      out[c.name] = { bits: toBits(flatten(c.run(q))) };
    } catch (err) {
      out[c.name] = { error: String(err && err.stack ? err.stack : err) };
    }
  }
  return out;
}
