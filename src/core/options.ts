/**
 * The options-object check every function runs first.
 *
 * @module
 */
import { InvalidArgumentError } from './errors.ts';

function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null || v === undefined) return String(v);
  if (Array.isArray(v)) return `[array of ${v.length}]`;
  return typeof v;
}

/**
 * Check that `options` is undefined or a plain object whose keys are all in `allowed`, and
 * return it (or `{}`).
 *
 * @throws {InvalidArgumentError} naming the first unknown option and listing the known ones.
 * @example
 * ```ts
 * import { checkOptions } from 'quantivista/core';
 * checkOptions('sampleCovariance', { ddof: 0 }, ['ddof']); // ok
 * try { checkOptions('sampleCovariance', { dof: 0 }, ['ddof']); } catch (e) { console.log((e as Error).message); }
 * ```
 */
export function checkOptions<T extends object>(fn: string, options: T | undefined, allowed: readonly string[]): T {
  if (options === undefined) return {} as T;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new InvalidArgumentError(`${fn}: \`options\` must be an object, got ${show(options)}.`, 'options', show(options));
  }
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) {
      throw new InvalidArgumentError(
        `${fn}: unknown option \`${key}\`; known options are ${allowed.map((a) => `\`${a}\``).join(', ') || '(none)'}.`,
        key,
        show((options as Record<string, unknown>)[key]),
      );
    }
  }
  return options;
}

