// When a 5-field cron schedule fires, in its IANA time zone: what the overdue check (services/schedule-watch.ts) needs
// to know how many of a cron schedule's ticks were due since the last one that ran. Same syntax as the API accepts
// (services/schedules.ts `cronProblem`): lists, ranges, steps, month and weekday names, 0 or 7 for Sunday; when both
// day of month and day of week are restricted, a day matching either fires (as Temporal and classic cron do).

const FIELDS: ReadonlyArray<{ min: number; max: number; names?: readonly string[]; base?: number }> = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'], base: 1 },
  { min: 0, max: 7, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'], base: 0 },
];

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
    const value = (v: string): number => {
      const byName = f.names?.indexOf(v.toUpperCase()) ?? -1;
      return byName >= 0 ? byName + (f.base ?? 0) : Number(v);
    };
    const out = new Set<number>();
    for (const item of part.split(',')) {
      const m = /^(\*|([A-Za-z0-9]+)(?:-([A-Za-z0-9]+))?)(?:\/(\d+))?$/.exec(item);
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
