/**
 * Internal: the date formats the readers accept, parsed to ISO `YYYY-MM-DD`.
 *
 * @module
 * @internal
 */
import { isIsoDate } from '../core/dates.ts';

/** Date layouts a reader accepts in `dateFormat`. */
export type DateFormat = 'YYYY-MM-DD' | 'MM/DD/YYYY' | 'DD/MM/YYYY' | 'YYYYMMDD';

/** Every accepted `dateFormat`. @internal */
export const DATE_FORMATS: readonly DateFormat[] = ['YYYY-MM-DD', 'MM/DD/YYYY', 'DD/MM/YYYY', 'YYYYMMDD'];

const ISO_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ]00:00(?::00(?:\.0+)?)?(?:Z|[+-]00:?00)?)?$/;
const SLASH = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;

function two(x: string): string {
  return x.length === 1 ? '0' + x : x;
}

/**
 * Parse one date cell (already trimmed) to ISO, or undefined when it does not fit `format` or is
 * not a real calendar day. ISO accepts a midnight time part (`2024-01-02T00:00:00Z`, as written
 * by pandas and databases); any other time of day is refused (the tables are daily or coarser).
 * @internal
 */
export function parseDate(s: string, format: DateFormat): string | undefined {
  let iso: string;
  if (format === 'YYYY-MM-DD') {
    const m = ISO_TIME.exec(s);
    if (!m) return undefined;
    iso = m[1] as string;
  } else if (format === 'YYYYMMDD') {
    const m = COMPACT.exec(s);
    if (!m) return undefined;
    iso = `${m[1]}-${m[2]}-${m[3]}`;
  } else {
    const m = SLASH.exec(s);
    if (!m) return undefined;
    const [a, b] = format === 'MM/DD/YYYY' ? [m[1] as string, m[2] as string] : [m[2] as string, m[1] as string];
    iso = `${m[3]}-${two(a)}-${two(b)}`;
  }
  return isIsoDate(iso) ? iso : undefined;
}

/** A hint naming the formats a date that failed to parse would fit. @internal */
export function dateHint(s: string): string {
  const fits = DATE_FORMATS.filter((f) => parseDate(s, f) !== undefined);
  if (fits.length === 0) return `accepted formats: ${DATE_FORMATS.join(', ')}`;
  return `it fits \`dateFormat: '${fits.join("'` or `dateFormat: '")}'\``;
}
