// The schedule forms as patterns the document can carry: a 5-field cron expression (each value in its field's
// range, names allowed) and an IANA-style time-zone name. What a pattern cannot say — a range that runs
// backwards, a zone missing from the server's time-zone database — is checked by services/schedules.ts.

/** Each field's decimal values (leading zeros allowed, as the server reads them). */
const RANGES = { minute: '[1-5]?[0-9]', hour: '1[0-9]|2[0-3]|[0-9]', dayOfMonth: '[12][0-9]|3[01]|[1-9]', month: '1[0-2]|[1-9]', dayOfWeek: '[0-7]' };

/** A name in any letter case: `[Mm][Oo][Nn]`. */
const anyCase = (name: string) => [...name].map((ch) => `[${ch.toUpperCase()}${ch.toLowerCase()}]`).join('');

function field(numbers: string, names: string[] = []): string {
  const value = [`0*(?:${numbers})`, ...names.map(anyCase)].join('|');
  const item = `(?:\\*|(?:${value})(?:-(?:${value}))?)(?:/0*[1-9][0-9]{0,5})?`;
  return `${item}(?:,${item})*`;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

export const CRON_PATTERN = `^[ \\t]*${[field(RANGES.minute), field(RANGES.hour), field(RANGES.dayOfMonth), field(RANGES.month, MONTHS), field(RANGES.dayOfWeek, DAYS)].join('[ \\t]+')}[ \\t]*$`;

/** `UTC`, `Europe/Berlin`, `America/Argentina/Buenos_Aires`, `Etc/GMT+5`. */
export const TIMEZONE_PATTERN = '^[A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z0-9][A-Za-z0-9_+-]*)*$';
