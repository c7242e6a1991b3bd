/**
 * The WebAssembly kernels are written as text (src/core/wasm/kernels.wat) and compiled at build
 * time by wabt into the committed module src/core/wasm/kernels.generated.ts. This test recompiles
 * the source with wabt and checks the committed bytes are exactly its output, so the two cannot
 * drift apart (regenerate with `node scripts/wasm/build.mjs`).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import wabt from 'wabt';
import { describe, expect, it } from 'vitest';
import { kernelModule } from '../../src/core/wasm-kernels.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

async function compile(): Promise<Uint8Array> {
  const w = await wabt();
  const mod = w.parseWat('kernels.wat', readFileSync(join(root, 'src/core/wasm/kernels.wat'), 'utf8'), { simd: true });
  try {
    mod.validate();
    return Uint8Array.from(mod.toBinary({ write_debug_names: false }).buffer);
  } finally {
    mod.destroy();
  }
}

describe('src/core/wasm/kernels.generated.ts', () => {
  it('holds exactly the bytes wabt compiles from kernels.wat', async () => {
    const fromSource = await compile();
    const committed = kernelModule();
    expect(committed.length).toBe(fromSource.length);
    expect(Buffer.from(committed).equals(Buffer.from(fromSource))).toBe(true);
  });

  it('exports gram, dot8, rot, tred and mem, and carries no names section', () => {
    const mod = new WebAssembly.Module(kernelModule());
    expect(WebAssembly.Module.exports(mod)).toEqual([
      { name: 'gram', kind: 'function' },
      { name: 'dot8', kind: 'function' },
      { name: 'rot', kind: 'function' },
      { name: 'tred', kind: 'function' },
      { name: 'mem', kind: 'memory' },
    ]);
    expect(WebAssembly.Module.customSections(mod, 'name')).toEqual([]);
  });

  it('hands out a fresh copy: a caller cannot corrupt the module for the next one', () => {
    const a = kernelModule();
    a[0] = 0xff;
    expect(kernelModule()[0]).toBe(0x00);
  });
});
