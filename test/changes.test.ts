// Unit tests for records that change over time: feed cursors, connector configuration checks, the emulator's
// timelines (deterministic, listings by creation / modification / events agree, cheap at volume), and that each
// provider's manifest says truthfully how it detects deletions.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ANCHOR_MS, Dataset, type TimelineSpec } from '../dev/emulator/dataset.ts';
import { DomainError } from '../lib/errors.ts';
import { createProviderRegistry } from '../providers/registry.ts';
import { decodePosition, encodePosition } from '../services/changes.ts';
import { validateConfig } from '../services/connectors.ts';

describe('feed cursors', () => {
  test('round-trip, and anything else is a 400 naming the parameter', () => {
    for (const p of [{ seq: 0, ordinal: 0 }, { seq: 1, ordinal: 1 }, { seq: 123_456_789_012, ordinal: 999 }]) assert.deepEqual(decodePosition(encodePosition(p), 'after'), p);
    const good = Buffer.from(encodePosition({ seq: 5, ordinal: 2 }), 'base64url').toString();
    for (const bad of ['', 'abc', Buffer.from(good.replace('.5.', '.6.')).toString('base64url'), Buffer.from('v1.-1.0.00000000').toString('base64url'), 'v1.5.2']) {
      assert.throws(() => decodePosition(bad, 'until'), (e: unknown) => e instanceof DomainError && e.status === 400 && e.details[0]?.field === 'until', bad);
    }
  });
});

describe('connector configuration', () => {
  const fields = createProviderRegistry({ EMULATOR_URL: undefined, providerEnv: {} }).get('github')!.manifest.config_fields;
  test('lists are checked item by item, deduplicated; unknown settings refused', () => {
    assert.deepEqual(validateConfig(fields, { orgs: ['acme', 'acme'], repos: ['a/b'] }), { orgs: ['acme'], repos: ['a/b'] });
    assert.deepEqual(validateConfig(fields, {}), {});
    const issues = (body: unknown) => {
      try {
        validateConfig(fields, body);
      } catch (e) {
        return (e as DomainError).details.map((d) => d.field);
      }
      return [];
    };
    assert.deepEqual(issues({ orgs: ['ok', 'not ok', 7] }), ['config.orgs.1', 'config.orgs.2']);
    assert.deepEqual(issues({ repos: 'a/b' }), ['config.repos']);
    assert.deepEqual(issues({ team: 'x' }), ['config.team']);
    assert.deepEqual(issues({ repos: Array.from({ length: 51 }, (_, i) => `a/r${i}`) }), ['config.repos']);
    assert.deepEqual(issues([]), ['config']);
  });
});

describe('emulator timelines', () => {
  const SPEC: TimelineSpec = { auto: 2, spreadMs: 2 * 3_600_000, mutable: true, deletable: true };
  const at = Date.UTC(2025, 2, 1);
  const make = (churn: boolean, now = at) => {
    const d = new Dataset(3, 7, () => now, churn);
    d.define('p', 'incident', SPEC);
    return d;
  };

  test('deterministic per seed; with churn records move through their revisions, without they are settled', () => {
    const start = at - 10 * 3_600_000;
    const a = make(true).listModified('p', 'incident', start, at + 1);
    assert.deepEqual(make(true).listModified('p', 'incident', start, at + 1), a, 'same seed, same data');
    const stages = new Set(make(true).list('p', 'incident', at - 3_600_000, at).map((s) => s.stage));
    assert.ok(stages.has(0) || stages.has(1), 'recent records are still moving');
    assert.ok(make(true).list('p', 'incident', start, at - 3 * 3_600_000).every((s) => s.stage === 2), 'older ones are settled');
    assert.ok(make(false).list('p', 'incident', at - 3_600_000, at).every((s) => s.stage === 2 && s.updatedAt === s.rec.at), 'without churn: settled at creation');
  });

  test('listings by creation, by modification and of events agree, and page() matches list()', () => {
    const d = make(true);
    const start = at - 48 * 3_600_000;
    const created = d.list('p', 'incident', start, at + 1);
    const events = d.events('p', 'incident', start - 86_400_000, at + 1);
    // Every record: one creation event plus one per revision so far.
    const perRecord = new Map<string, number>();
    for (const e of events) perRecord.set(e.state.rec.id, (perRecord.get(e.state.rec.id) ?? 0) + 1);
    for (const s of created) assert.equal(perRecord.get(s.rec.id), 1 + s.rev, s.rec.id);
    const modified = d.listModified('p', 'incident', start, at + 1);
    assert.ok(modified.every((s, i) => i === 0 || modified[i - 1]!.updatedAt <= s.updatedAt), 'ascending by modification');
    const paged = [];
    for (let off = 0; off < created.length; off += 50) paged.push(...d.page('p', 'incident', start, at + 1, off, 50).items);
    assert.deepEqual(paged.map((s) => s.rec.id), created.map((s) => s.rec.id));
  });

  test('test controls: a change is the next revision now, a deletion hides the record from listings', () => {
    let now = at;
    const d = new Dataset(3, 7, () => now);
    d.define('p', 'incident', SPEC);
    const [r] = d.add('p', 'incident', 1, at - 1000);
    assert.equal(d.state('p', 'incident', r!).rev, 0, 'added records start at their first state');
    now = at + 5000;
    d.mutate('p', 'incident', r!, { status: 'acknowledged' });
    const s = d.state('p', 'incident', r!);
    assert.deepEqual([s.rev, s.updatedAt, s.patch.status], [1, at + 5000, 'acknowledged']);
    assert.ok(d.listModified('p', 'incident', at + 4000, at + 6000).some((x) => x.rec.id === r!.id), 'listed by its new modification time');
    assert.ok(!d.listModified('p', 'incident', at - 2000, at).some((x) => x.rec.id === r!.id), 'it left its old modification window');
    d.remove('p', 'incident', r!);
    assert.ok(!d.list('p', 'incident', at - 2000, at).some((x) => x.rec.id === r!.id), 'deleted records are not listed');
    assert.ok(d.list('p', 'incident', at - 2000, at, { includeDeleted: true }).some((x) => x.rec.id === r!.id && x.deleted), 'archived records are listed on request');
  });

  test('cheap at benchmark volumes: the newest modified records of years of history without listing them all', () => {
    const now = Date.UTC(2026, 0, 1);
    const d = new Dataset(1, 2000, () => now, true);
    d.define('p', 'alert', SPEC);
    const t0 = performance.now();
    const { items, more } = d.newest('p', 'alert', 0, 100);
    assert.equal(items.length, 100);
    assert.ok(more, 'more follow');
    assert.ok(items.every((s, i) => i === 0 || items[i - 1]!.updatedAt >= s.updatedAt), 'newest first');
    assert.ok(d.count('p', 'alert', ANCHOR_MS, now) > 17_000_000, 'years of history at this volume');
    assert.ok(performance.now() - t0 < 30_000, 'bounded work (not a speed test: only guards against listing everything)');
  });
});

describe('manifests say how deletions are detected', () => {
  test('a kind that never reports a complete listing or a deletion signal declares deletions: none', () => {
    const registry = createProviderRegistry({ EMULATOR_URL: undefined, providerEnv: {} });
    const declared = Object.fromEntries(registry.list().flatMap((p) => p.manifest.ingests.map((i) => [`${p.manifest.type}/${i.kind}`, i.changes.deletions])));
    assert.deepEqual(
      Object.entries(declared).filter(([, d]) => d !== 'none').map(([k]) => k).sort(),
      ['jira/issue', 'linear/issue', 'opsgenie/alert', 'sentry/issue', 'slack/message'],
    );
  });
});
