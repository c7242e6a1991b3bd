/**
 * Safe text for error messages built from arguments that may be anything (a mistaken call can
 * pass a null-prototype object or a symbol where a name is expected, and interpolating those into
 * a template literal throws a `TypeError`).
 *
 * @module
 */

/**
 * A name argument (`fn`, `arg`, a key) as text: a string as it is; anything else as a short
 * description that cannot throw (`'null'`, `'42'`, `'object'`, `'symbol'`, `'[array of 3]'`).
 * @internal
 */
export function label(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' || v == null) return String(v);
  if (Array.isArray(v)) return `[array of ${v.length}]`;
  return typeof v;
}

/**
 * `names` when it is an array of strings, else `undefined` (a list of choices, allowed options or
 * known keys passed by a mistaken call).
 * @internal
 */
export function stringList(names: unknown): readonly string[] | undefined {
  if (!Array.isArray(names)) return undefined;
  for (let i = 0; i < names.length; i++) if (typeof names[i] !== 'string') return undefined;
  return names as readonly string[];
}
