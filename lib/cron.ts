// 5-field cron expressions: what the API accepts (`cronProblem`, each problem naming its field) and when one fires in
// its IANA time zone (what the overdue check, services/schedule-watch.ts, needs to count a cron schedule's due ticks).
// Lists, ranges, steps, month and weekday names, 0 or 7 for Sunday; when both
// day of month and day of week are restricted, a day matching either fires (as Temporal and classic cron do).

const FIELDS: ReadonlyArray<{ name: string; min: number; max: number; names?: readonly string[]; base?: number }> = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'], base: 1 },
  { name: 'day of week', min: 0, max: 7, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'], base: 0 },
];

/** One comma-separated item of a field: `*`, a value or a range (numbers or names), with an optional `/step`. */
const ITEM = /^(\*|([A-Za-z0-9]+)(?:-([A-Za-z0-9]+))?)(?:\/(\d+))?$/;

/** A field's value by number or name (NaN when it is neither). */
function fieldValue(f: (typeof FIELDS)[number], v: string): number {
  const byName = f.names?.indexOf(v.toUpperCase()) ?? -1;
  if (byName >= 0) return byName + (f.base ?? 0);
  return /^\d+$/.test(v) ? Number(v) : NaN;
}

/** Validates a 5-field cron expression; returns a reason when it is not one, undefined when it is. */
export function cronProblem(expr: string): string | undefined {
  const parts = expr.trim().split(/\s+/);
  if (parts.length !== 5) return `expected 5 fields (minute hour day-of-month month day-of-week), got ${parts.length}`;
  for (let i = 0; i < 5; i++) {
    const f = FIELDS[i]!;
    for (const item of parts[i]!.split(',')) {
      const m = ITEM.exec(item);
      if (!m) return `${f.name} field "${parts[i]}" is not valid`;
      if (m[4] !== undefined && Number(m[4]) < 1) return `${f.name} step must be at least 1`;
      for (const v of [m[2], m[3]]) {
        if (v === undefined) continue;
        const n = fieldValue(f, v);
        if (Number.isNaN(n) || n < f.min || n > f.max) return `${f.name} value "${v}" is outside ${f.min}–${f.max}`;
      }
      if (m[3] !== undefined && fieldValue(f, m[2]!) > fieldValue(f, m[3])) return `${f.name} range "${item}" runs backwards`;
    }
  }
  return undefined;
}

export interface CronSpec {
  minutes: ReadonlySet<number>;
  hours: ReadonlySet<number>;
  days: ReadonlySet<number>;
  months: ReadonlySet<number>;
  weekdays: ReadonlySet<number>;
  /** Whether day of month / day of week were restricted (not `*`), for the either-matches rule. */
  daysRestricted: boolean;
  weekdaysRestricted: boolean;
}

/** Parses an expression `cronProblem` accepted (it throws on anything else). */
export function parseCron(expr: string): CronSpec {
  const parts = expr.trim().split(/\s+/);
  if (parts.length !== 5) throw new Error(`cron: expected 5 fields, got ${parts.length}`);
  const sets = parts.map((part, i) => {
    const f = FIELDS[i]!;
    const value = (v: string) => fieldValue(f, v);
    const out = new Set<number>();
    for (const item of part.split(',')) {
      const m = ITEM.exec(item);
      if (!m) throw new Error(`cron: "${item}" is not valid`);
      const step = m[4] ? Number(m[4]) : 1;
      const from = m[1] === '*' ? f.min : value(m[2]!);
      // `5/15` runs from 5 to the field's end, as `5-59/15`.
      const to = m[1] === '*' ? f.max : m[3] !== undefined ? value(m[3]) : m[4] ? f.max : from;
      for (let v = from; v <= to; v += step) out.add(i === 4 && v === 7 ? 0 : v);
    }
    return out;
  });
  return {
    minutes: sets[0]!,
    hours: sets[1]!,
    days: sets[2]!,
    months: sets[3]!,
    weekdays: sets[4]!,
    daysRestricted: parts[2] !== '*',
    weekdaysRestricted: parts[4] !== '*',
  };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at `ms`, in ms (positive east of Greenwich). */
function offsetAt(ms: number, timezone: string): number {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: timezone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(timezone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, Number(x.value)]));
  const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return wall - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant a wall-clock time in `timezone` names (`wallMs` is that wall time read as if it were UTC). A wall time
 * skipped by a daylight-saving change has no instant: it is undefined then (that tick does not fire).
 */
function instantOf(wallMs: number, timezone: string): number | undefined {
  const first = wallMs - offsetAt(wallMs, timezone);
  const second = wallMs - offsetAt(first, timezone);
  if (second + offsetAt(second, timezone) === wallMs) return second;
  return first + offsetAt(first, timezone) === wallMs ? first : undefined;
}

const DAY = 86_400_000;

/**
 * The first `count` fire times strictly after `after`, ascending (fewer when the expression fires less often than
 * that within `horizonDays` days, e.g. `0 0 31 2 *` never does).
 */
export function fireTimesAfter(spec: CronSpec, timezone: string, after: Date, count: number, horizonDays = 366 * 5): Date[] {
  const out: Date[] = [];
  const hours = [...spec.hours].sort((a, b) => a - b);
  const minutes = [...spec.minutes].sort((a, b) => a - b);
  const afterMs = after.getTime();
  // Wall-clock midnight of the day `after` falls on in the zone, then day by day.
  const startWall = afterMs + offsetAt(afterMs, timezone);
  let day = startWall - (((startWall % DAY) + DAY) % DAY) - DAY;
  for (let d = 0; d <= horizonDays && out.length < count; d++, day += DAY) {
    const date = new Date(day);
    if (!spec.months.has(date.getUTCMonth() + 1)) continue;
    const domOk = spec.days.has(date.getUTCDate());
    const dowOk = spec.weekdays.has(date.getUTCDay());
    const dayOk = spec.daysRestricted && spec.weekdaysRestricted ? domOk || dowOk : domOk && dowOk;
    if (!dayOk) continue;
    for (const h of hours) {
      for (const m of minutes) {
        const at = instantOf(day + h * 3_600_000 + m * 60_000, timezone);
        if (at !== undefined && at > afterMs) out.push(new Date(at));
        if (out.length >= count) return out;
      }
    }
  }
  return out;
}
