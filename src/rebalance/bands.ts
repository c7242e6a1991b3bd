import { InvalidArgumentError } from '../core/errors.ts';
import { showValue } from '../core/parse-decimal.ts';
import { checkOptions, checkRange } from '../core/validate.ts';

/**
 * A tolerance band around a target weight. The threshold for an asset with target t is
 * - `absolute`: `width` (e.g. 0.05 = 5 percentage points);
 * - `relative`: `width` · |t| (e.g. 0.25 = 25 % of the target);
 * - `hybrid`: min(`absolute`, `relative` · |t|) — the "5/25 rule" with `{ absolute: 0.05, relative: 0.25 }`.
 * An asset breaches when |current − target| > threshold.
 */
export type Band = { type: 'absolute'; width: number } | { type: 'relative'; width: number } | { type: 'hybrid'; absolute: number; relative: number };

/** Validate a band. @internal */
export function checkBand(fn: string, arg: string, band: unknown): Band {
  if (!band || typeof band !== 'object') throw new InvalidArgumentError(`${fn}: \`${arg}\` must be a band { type, ... }.`, arg, typeof band);
  const b = band as Band;
  switch (b.type) {
    case 'absolute':
    case 'relative':
      checkOptions(fn, b, ['type', 'width']);
      checkRange(fn, `${arg}.width`, b.width, { min: 0 });
      return b;
    case 'hybrid':
      checkOptions(fn, b, ['type', 'absolute', 'relative']);
      checkRange(fn, `${arg}.absolute`, b.absolute, { min: 0 });
      checkRange(fn, `${arg}.relative`, b.relative, { min: 0 });
      return b;
    default:
      throw new InvalidArgumentError(
        `${fn}: \`${arg}.type\` must be 'absolute', 'relative' or 'hybrid', got ${showValue((b as { type?: unknown }).type)}.`,
        `${arg}.type`,
        showValue((b as { type?: unknown }).type),
      );
  }
}

/** The threshold of a band for a target weight, times `scale` (volatility scaling). @internal */
export function bandThreshold(band: Band, target: number, scale = 1): number {
  const t = Math.abs(target);
  switch (band.type) {
    case 'absolute':
      return band.width * scale;
    case 'relative':
      return band.width * t * scale;
    default:
      return Math.min(band.absolute, band.relative * t) * scale;
  }
}
