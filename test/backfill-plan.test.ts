// Unit tests for backfill planning: ISO-8601 chunk durations, half-open chunk windows, validation, estimates.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { estimateSecondsLeft, parseDuration, planBackfill, splitWindow } from '../services/backfill-plan.ts';

const now = Date.parse('2026-11-26T12:00:00Z');
const ctx = { now, historyLimitDays: 365, providerName: 'PagerDuty' };

describe('backfill planning', () => {
  test('parses fixed-length ISO-8601 durations and refuses the rest', () => {
    assert.deepEqual(parseDuration('P1D'), { seconds: 86_400 });
    assert.deepEqual(parseDuration('PT6H'), { seconds: 21_600 });
    assert.deepEqual(parseDuration('PT90M'), { seconds: 5400 });
    assert.deepEqual(parseDuration('P2W'), { seconds: 14 * 86_400 });
    assert.deepEqual(parseDuration('P1DT12H'), { seconds: 129_600 });
    for (const bad of ['P', 'PT', '1D', 'P1.5D', 'P1M', 'P1Y', 'day', 'P-1D']) assert.ok('problem' in parseDuration(bad), bad);
  });

  test('splits [start, end) into consecutive half-open chunks; the last one is clipped', () => {
    const chunks = splitWindow(new Date('2026-11-01T00:00:00Z'), new Date('2026-11-03T06:00:00Z'), 86_400);
    assert.deepEqual(chunks.map((c) => [c.index, c.start.toISOString(), c.end.toISOString()]), [
      [0, '2026-11-01T00:00:00.000Z', '2026-11-02T00:00:00.000Z'],
      [1, '2026-11-02T00:00:00.000Z', '2026-11-03T00:00:00.000Z'],
      [2, '2026-11-03T00:00:00.000Z', '2026-11-03T06:00:00.000Z'],
    ]);
  });

  test('each bad input names its field', () => {
    const fields = (input: { start: string; end: string; chunk?: string }) => {
      const r = planBackfill(input, ctx);
      return 'issues' in r ? r.issues.map((i) => i.field) : [];
    };
    assert.deepEqual(fields({ start: '2026-11-02T00:00:00Z', end: '2026-11-01T00:00:00Z' }), ['start']);
    assert.deepEqual(fields({ start: '2026-11-01T00:00:00Z', end: '2026-11-27T00:00:00Z' }), ['end']);
    assert.deepEqual(fields({ start: '2025-11-01T00:00:00Z', end: '2025-12-01T00:00:00Z' }), ['start']);
    assert.deepEqual(fields({ start: '2026-11-01T00:00:00Z', end: '2026-11-02T00:00:00Z', chunk: 'PT59M' }), ['chunk']);
    assert.deepEqual(fields({ start: '2026-01-01T00:00:00Z', end: '2026-11-02T00:00:00Z', chunk: 'P32D' }), ['chunk']);
    assert.deepEqual(fields({ start: '2026-09-01T00:00:00Z', end: '2026-11-02T00:00:00Z', chunk: 'PT1H' }), ['chunk']);
    const ok = planBackfill({ start: '2026-10-01T00:00:00Z', end: '2026-10-31T00:00:00Z' }, ctx);
    assert.ok('plan' in ok && ok.plan.chunks.length === 30 && ok.plan.chunk === 'P1D');
  });

  test('estimated time left: average chunk time × chunks left / concurrency', () => {
    assert.equal(estimateSecondsLeft(null, 10, 2), null);
    assert.equal(estimateSecondsLeft(4, 10, 2), 20);
    assert.equal(estimateSecondsLeft(4, 1, 2), 4);
    assert.equal(estimateSecondsLeft(4, 0, 2), 0);
  });
});
