// Cron fire times in a schedule's time zone (lib/cron.ts), as the overdue check counts a cron schedule's due ticks:
// steps, ranges, names, either-day matching, daylight-saving gaps, expressions that never fire; and the threshold.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cronProblem, fireTimesAfter, parseCron } from '../lib/cron.ts';
import { cronOverdue } from '../services/schedule-watch.ts';

const fires = (expr: string, tz: string, after: string, n: number) => {
  assert.equal(cronProblem(expr), undefined, `${expr} is accepted by the API`);
  return fireTimesAfter(parseCron(expr), tz, new Date(after), n).map((d) => d.toISOString());
};

describe('cron fire times', () => {
  test('steps and ranges, strictly after the given instant', () => {
    assert.deepEqual(fires('*/15 * * * *', 'UTC', '2026-11-29T10:07:00Z', 3), ['2026-11-29T10:15:00.000Z', '2026-11-29T10:30:00.000Z', '2026-11-29T10:45:00.000Z']);
    assert.deepEqual(fires('*/15 * * * *', 'UTC', '2026-11-29T10:15:00Z', 1), ['2026-11-29T10:30:00.000Z'], 'not the instant itself');
    assert.deepEqual(fires('5/20 * * * *', 'UTC', '2026-11-29T10:00:00Z', 3), ['2026-11-29T10:05:00.000Z', '2026-11-29T10:25:00.000Z', '2026-11-29T10:45:00.000Z']);
    assert.deepEqual(fires('0 8-10/2 * * *', 'UTC', '2026-11-29T00:00:00Z', 3), ['2026-11-29T08:00:00.000Z', '2026-11-29T10:00:00.000Z', '2026-11-30T08:00:00.000Z']);
  });

  test('in the schedule\'s time zone, weekday names, Sunday as 0 or 7', () => {
    // Friday 2026-11-27, noon UTC: the next weekday 09:00 in Berlin (UTC+1 in winter) is Monday.
    assert.deepEqual(fires('0 9 * * MON-FRI', 'Europe/Berlin', '2026-11-27T12:00:00Z', 2), ['2026-11-30T08:00:00.000Z', '2026-12-01T08:00:00.000Z']);
    assert.deepEqual(fires('0 12 * * 7', 'UTC', '2026-11-27T00:00:00Z', 1), fires('0 12 * * SUN', 'UTC', '2026-11-27T00:00:00Z', 1));
    assert.deepEqual(fires('0 12 * * 0', 'UTC', '2026-11-27T00:00:00Z', 1), ['2026-11-29T12:00:00.000Z']);
    assert.deepEqual(fires('30 23 * * *', 'Asia/Kolkata', '2026-11-29T00:00:00Z', 1), ['2026-11-29T18:00:00.000Z'], 'a half-hour offset');
  });

  test('day of month and day of week both restricted: a day matching either fires', () => {
    // November 2026: the 13th is a Friday; December: Fridays 4, 11, 18 and the 13th (a Sunday).
    assert.deepEqual(fires('0 0 13 * FRI', 'UTC', '2026-12-01T00:00:00Z', 3), ['2026-12-04T00:00:00.000Z', '2026-12-11T00:00:00.000Z', '2026-12-13T00:00:00.000Z']);
    assert.deepEqual(fires('0 0 13 DEC *', 'UTC', '2026-12-01T00:00:00Z', 2), ['2026-12-13T00:00:00.000Z', '2027-12-13T00:00:00.000Z']);
  });

  test('a wall time skipped by daylight saving does not fire; an expression that never fires gives none', () => {
    // New York springs forward on 2026-03-08: 02:30 does not exist that day.
    assert.deepEqual(fires('30 2 * * *', 'America/New_York', '2026-03-07T12:00:00Z', 2), ['2026-03-09T06:30:00.000Z', '2026-03-10T06:30:00.000Z']);
    assert.deepEqual(fires('0 0 31 2 *', 'UTC', '2026-01-01T00:00:00Z', 1), []);
  });
});

describe('cron schedules overdue', () => {
  const daily = { cron: '0 3 * * *', timezone: 'UTC' };
  const now = Date.parse('2026-11-29T12:00:00Z');
  test('overdue once the first tick\'s catch-up window and N more ticks passed without a tick', () => {
    // Last tick 2026-11-26 03:00: ticks due 27th, 28th, 29th 03:00 — all passed by noon on the 29th.
    assert.deepEqual(cronOverdue({ ...daily, base: '2026-11-26T03:00:00Z' }, 2, now), { since: new Date('2026-11-27T03:00:00Z'), ticks: 3 });
    // Last tick the 27th: the third tick after it (the 30th) is still ahead.
    assert.equal(cronOverdue({ ...daily, base: '2026-11-27T03:00:00Z' }, 2, now), undefined);
    assert.equal(cronOverdue({ ...daily, base: null }, 2, now), undefined, 'never applied: nothing to measure from');
    assert.equal(cronOverdue({ cron: '0 0 31 2 *', timezone: 'UTC', base: '2026-01-01T00:00:00Z' }, 2, now), undefined, 'never due, never overdue');
  });
});
