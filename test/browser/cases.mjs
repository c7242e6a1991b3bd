// Computations run twice: in headless Chromium (on the built ESM bundle served over HTTP) and
// in Node (on the same dist/ files); test/browser/run.mjs compares the results bit for bit.
// Plain JavaScript with no imports, so the page and Node load this very file.
//
// Adding a case is one line in `cases`: a name and a function of the library namespace `q`
// (everything `quantivista` exports) returning numbers, arrays, Matrix values or objects of
// them; `flatten` turns the result into one list of numbers.
//
// Bit for bit is the rule, for every case. Math.log / exp / pow / expm1 / log1p / sin ... are
// implementation-approximated (ECMA-262), and the V8 of Node 20 and of current Chromium and Deno
// differ in the last bit on ~10 % of inputs, so the library computes these results with
// src/core/portable-math.ts and portable-pow.ts (fdlibm ports) instead. (`compareCase` still
// understands a case's `ulps: k` allowance, to diagnose a new case; no case may keep one.)

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

/** Two 32-bit FNV-1a style hashes (exact integer arithmetic) of the bit patterns of `numbers`:
 * compares a long sample (200,000 Monte Carlo P&Ls) without sending every number. */
export function hashNumbers(numbers) {
  const view = new DataView(new ArrayBuffer(8));
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (const v of numbers) {
    view.setFloat64(0, v);
    for (let k = 0; k < 8; k += 4) {
      const w = view.getUint32(k);
      h1 = Math.imul(h1 ^ w, 0x01000193) >>> 0;
      h2 = (Math.imul(h2, 31) + w) >>> 0;
    }
  }
  return [numbers.length, h1, h2];
}

// Monte Carlo inputs: 12 assets, covariance = SPD / 1e4 (one correctly rounded division each).
const mcOptions = (distribution) => ({
  mu: R[0].map((_, j) => 0.0002 * ((j % 5) - 2)),
  cov: SPD.map((row) => row.map((v) => v / 1e4)),
  weights: R[0].map((_, j) => (j + 1) / 78),
  paths: 200_000,
  seed: 'cross-runtime',
  distribution,
  ...(distribution === 'student-t' ? { degreesOfFreedom: 4.5 } : {}),
  returnPnL: true,
});
const monteCarlo = (q, distribution) => {
  const r = q.monteCarloVaR(mcOptions(distribution));
  const { pnl, ...rest } = r;
  return [rest, hashNumbers(pnl), pnl.slice(0, 64), pnl.slice(-64)];
};
/** The characters of a JSON text as numbers: compares a result with decimal strings exactly. */
const jsonCodes = (x) => Array.from(JSON.stringify(x), (c) => c.charCodeAt(0));

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
  // ewmaCovariance forms its weights λ^k with portablePow and halfLife with portableExp / portableLog.
  { name: 'covariance: ewmaCovariance', run: (q) => q.ewmaCovariance(R, { lambda: 0.97 }) },
  {
    name: 'covariance: ewmaCovariance by halfLife, normalized, then updated from the result',
    run: (q) => {
      const a = q.ewmaCovariance(R.slice(0, 200), { halfLife: 30 });
      const b = q.ewmaCovariance(R.slice(200), { halfLife: 30, prior: a });
      const c = q.ewmaCovariance(R, { halfLife: 17.5, form: 'normalized', demean: true });
      return [a, b, c];
    },
  },
  { name: 'risk: monteCarloVaR normal, 200,000 paths (P&L hash, VaR, ES)', run: (q) => monteCarlo(q, 'normal') },
  { name: 'risk: monteCarloVaR Student-t (ν = 4.5), 200,000 paths (P&L hash, VaR, ES)', run: (q) => monteCarlo(q, 'student-t') },
  {
    name: 'core: randomStream gamma and Student-t below ν = 2 (gamma boost)',
    run: (q) => {
      const s = q.randomStream('boost', 1);
      return Array.from({ length: 300 }, () => [s.gamma(0.3), s.chiSquared(1.2), s.studentT(0.7), s.studentT(1.5)]);
    },
  },
  {
    name: 'optimize: minVariance, maxSharpe (long-only, capped)',
    run: (q) => {
      const cov = SPD.map((row) => row.map((v) => v / 1e4));
      const mu = R[0].map((_, j) => 0.001 + 0.0004 * j);
      const mv = q.minVariance(cov, { mu });
      const ms = q.maxSharpe(mu, cov, { riskFreeRate: 0.0005, bounds: [0, 0.3] });
      return [mv.weights, mv.volatility, ms.weights, ms.expectedReturn, ms.volatility];
    },
  },
  {
    name: 'risk-parity: hierarchicalRiskParity (single and ward linkage)',
    run: (q) => {
      const a = q.hierarchicalRiskParity(R, { input: 'returns' });
      const b = q.hierarchicalRiskParity(R, { input: 'returns', linkage: 'ward', split: 'dendrogram' });
      return [a.weights, a.dendrogram.order, b.weights, b.dendrogram.order];
    },
  },
  {
    name: 'performance: performanceSummary against a benchmark',
    run: (q) => q.performanceSummary(column(R, 3), { benchmark: column(R, 0), periodsPerYear: 52, riskFreeRate: 0.0002 }),
  },
  {
    name: 'performance: xirr, moneyWeightedReturn annualised (portableExp / expm1 / log1p)',
    run: (q) => {
      const a = q.xirr([
        { date: '2008-01-01', amount: -10000 },
        { date: '2008-03-01', amount: 2750 },
        { date: '2008-10-30', amount: 4250 },
        { date: '2009-02-15', amount: 3250 },
        { date: '2009-04-01', amount: 2750 },
      ]);
      const flows = Array.from({ length: 40 }, (_, i) => ({
        date: `20${String(10 + Math.floor(i / 4)).padStart(2, '0')}-${String(1 + 3 * (i % 4)).padStart(2, '0')}-15`,
        amount: i === 0 ? -50000 : i === 39 ? 61000 : column(R, 5)[i] * 1e4 - 100,
      }));
      const b = q.xirr(flows);
      const c = q.moneyWeightedReturn([-100, -118, 264], { periodsPerYear: 4 });
      return [a, b, c];
    },
  },
  {
    name: 'black-litterman: blackLitterman with Idzorek omega',
    run: (q) => {
      const cov = SPD.slice(0, 5).map((row) => row.slice(0, 5).map((v) => v / 1e4));
      const bl = q.blackLitterman({
        cov,
        marketWeights: [0.3, 0.25, 0.2, 0.15, 0.1],
        riskAversion: 2.5,
        views: [
          { type: 'absolute', asset: 'B', return: 0.004, confidence: 0.6 },
          { type: 'relative', long: 'A', short: 'E', return: 0.001, confidence: 0.3 },
        ],
        omega: 'idzorek',
        assets: ['A', 'B', 'C', 'D', 'E'],
      });
      return bl;
    },
  },
  {
    name: 'attribution: brinsonFachler and brinsonHoodBeebower',
    run: (q) => {
      const input = {
        portfolioWeights: [0.4, 0.3, 0.2, 0.1],
        benchmarkWeights: [0.35, 0.2, 0.3, 0.15],
        portfolioReturns: column(R, 1).slice(0, 4),
        benchmarkReturns: column(R, 2).slice(0, 4),
        segments: ['UK', 'Japan', 'US', 'EM'],
      };
      return [q.brinsonFachler(input), q.brinsonHoodBeebower(input)];
    },
  },
  {
    name: 'tax-lots: buildLedger and realizedGains report (exact JSON text)',
    run: (q) => {
      const ledger = q.buildLedger([
        { type: 'buy', date: '2023-01-05', asset: 'X', quantity: 10, price: 100 },
        { type: 'buy', date: '2023-06-01', asset: 'X', quantity: 5, price: 90.5 },
        { type: 'buy', date: '2024-02-01', asset: 'Y', quantity: 7.25, price: 33.3 },
        { type: 'sell', date: '2024-03-01', asset: 'X', quantity: 12, price: 130.1 },
        { type: 'sell', date: '2024-05-20', asset: 'Y', quantity: 3, price: 30 },
      ]);
      return jsonCodes(q.realizedGains(ledger, { year: 2024 }));
    },
  },
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
