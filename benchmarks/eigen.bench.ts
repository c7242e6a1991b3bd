/**
 * Symmetric eigendecomposition benchmark: `symmetricEigen` and the eigenvalues-only path
 * (`conditionNumber`), each with and without the WebAssembly reduction sweeps and QL rotations,
 * and `statisticalFactorModel` with 10 factors (the Lanczos path) at n = 1,000, with
 * numpy.linalg.eigh / eigvalsh (LAPACK syevd / syevd without vectors, one BLAS thread) measured
 * in the same run on the same matrix when /usr/bin/python3 with numpy is available.
 *
 * The matrix is a deterministic covariance-like SPD matrix (LCG entries, B Bᵀ / n + 0.1 I) written
 * to a temporary file for Python as little-endian float64. Times are medians of a few calls after
 * a warm-up call; numpy's time is measured inside Python (no process start-up).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { conditionNumber, symmetricEigen } from '../src/core/linalg.ts';
import { Matrix } from '../src/core/matrix.ts';
import { setWasmKernels } from '../src/core/wasm-kernels.ts';
import { statisticalFactorModel } from '../src/covariance/statistical-factor-model.ts';
import { measure, printTable, type Measurement } from './harness.ts';

const PYTHON = '/usr/bin/python3';
const n = 1000;

function spd(size: number, seed: number): Float64Array {
  let s = seed >>> 0;
  const u = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
  const B = Float64Array.from({ length: size * size }, u);
  const A = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j <= i; j++) {
      let t = 0;
      for (let k = 0; k < size; k++) t += B[i * size + k]! * B[j * size + k]!;
      const v = t / size + (i === j ? 0.1 : 0);
      A[i * size + j] = v;
      A[j * size + i] = v;
    }
  }
  return A;
}

const NUMPY = `
import json, sys, time, os
os.environ.setdefault('OPENBLAS_NUM_THREADS', '1')
import numpy as np
n = int(sys.argv[2]); a = np.fromfile(sys.argv[1], dtype='<f8').reshape(n, n)
out = {}
for name, f in (('eigh', lambda: np.linalg.eigh(a)), ('eigvalsh', lambda: np.linalg.eigvalsh(a))):
    f(); ts = []
    for _ in range(3):
        t = time.perf_counter(); f(); ts.append((time.perf_counter() - t) * 1000)
    out[name] = sorted(ts)[1]
print(json.dumps(out))
`;

const a = spd(n, 20261208);
const m = new Matrix(n, n, a);
const rows: Measurement[] = [
  measure('symmetricEigen (values + vectors)', () => symmetricEigen(m), { maxRuns: 3, minMs: 1 }),
  measure('conditionNumber (values only)', () => conditionNumber(m), { maxRuns: 3, minMs: 1 }),
];
// the reduction sweeps and QL rotations without WebAssembly (the JavaScript twins: the same bits)
setWasmKernels(false);
const jsRow = measure('symmetricEigen, JavaScript kernels only', () => symmetricEigen(m), { maxRuns: 3, minMs: 1 });
const jsValuesRow = measure('conditionNumber, JavaScript kernels only', () => conditionNumber(m), { maxRuns: 3, minMs: 1 });
setWasmKernels(true);
// top-k principal components by Lanczos (k = 10 of n = 1,000) on 1,500 periods of LCG returns
let seed = 7;
const lcg = () => {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed / 2 ** 32 - 0.5;
};
const returns = Array.from({ length: 1500 }, () => {
  const f = lcg();
  return Array.from({ length: n }, () => 0.01 * lcg() + 0.005 * f);
});
const sfmRow = measure('statisticalFactorModel, 10 factors (Lanczos)', () => statisticalFactorModel(returns, { factors: 10 }), { maxRuns: 3, minMs: 1 });
const dir = mkdtempSync(join(tmpdir(), 'qv-eigen-'));
try {
  const file = join(dir, 'a.f64');
  writeFileSync(file, new Uint8Array(a.buffer));
  const r = spawnSync(PYTHON, ['-c', NUMPY, file, String(n)], {
    encoding: 'utf8',
    env: { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
  });
  if (r.status === 0) {
    const np = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { eigh: number; eigvalsh: number };
    rows.push({ name: 'numpy.linalg.eigh', ms: np.eigh, runs: 3 }, { name: 'numpy.linalg.eigvalsh', ms: np.eigvalsh, runs: 3 });
    rows[0]!.note = `${(rows[0]!.ms / np.eigh).toFixed(1)}x numpy.linalg.eigh`;
    rows[1]!.note = `${(rows[1]!.ms / np.eigvalsh).toFixed(1)}x numpy.linalg.eigvalsh`;
  } else {
    process.stdout.write(`(numpy not measured: ${(r.stderr || r.error?.message || 'python3 failed').trim().split('\n').at(-1)})\n`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
rows.push(jsRow, jsValuesRow, sfmRow);
printTable(`symmetric eigendecomposition, n = ${n} (one thread)`, rows);
