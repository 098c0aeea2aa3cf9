// Idempotency-Key: secrets are never stored (a repeat says the first request succeeded and names what it made),
// keys expire after 24 h (then a repeat runs as new), and a key left "in progress" by a crashed process becomes
// retryable once its lease lapses — while a live request keeps renewing its lease.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createRouter } from '../api/router.ts';
import { idempotency } from '../api/middleware/idempotency.ts';
import { onError } from '../api/middleware/errors.ts';
import { authenticateApiKey } from '../services/workspaces.ts';
import { eventually, startTestStack, type TestStack } from './helpers/stack.ts';

let s: TestStack;
before(async () => {
  s = await startTestStack({}, { worker: false });
});
after(async () => {
  await s?.close();
});

const storedKeys = (key: string) => s.db.selectFrom('idempotency_keys').selectAll().where('key', '=', key).execute();
const hookBody = { url: 'http://127.0.0.1:9/hook', events: ['*'] };

describe('responses that carry a secret', () => {
  test('POST /webhooks: the signing secret is never stored; a repeat is a 409 naming the endpoint, and makes no second one', async () => {
    const h = { 'idempotency-key': 'hook-once' };
    const first = await s.api('POST', '/v1/webhooks', hookBody, { headers: h });
    assert.equal(first.status, 201, first.text);
    assert.match(first.body.secret, /^whsec_/);
    assert.equal(first.headers.get('cache-control'), 'no-store');
    const rows = await storedKeys('hook-once');
    assert.equal(rows.length, 1);
    assert.ok(!JSON.stringify(rows).includes(first.body.secret), 'the secret is in no column');
    assert.ok(!JSON.stringify(rows).includes(first.body.secret.slice(6)), 'not even without its prefix');
    assert.equal(rows[0]!.response_body, null);
    assert.equal(rows[0]!.resource_id, first.body.id);

    const again = await s.api('POST', '/v1/webhooks', hookBody, { headers: h });
    assert.equal(again.status, 409, again.text);
    assert.equal(again.body.error.code, 'idempotency_secret_withheld');
    assert.match(again.body.error.message, new RegExp(`${first.body.id}`));
    assert.ok(!again.text.includes(first.body.secret));
    const hooks = await s.db.selectFrom('webhook_endpoints').select('id').where('deleted_at', 'is', null).execute();
    assert.deepEqual(hooks.map((x) => x.id), [first.body.id]);
  });

  test('POST /webhooks/{id}/rotate-secret: the new secret is never stored; a repeat does not rotate again', async () => {
    const hook = (await s.api('POST', '/v1/webhooks', hookBody)).body;
    const h = { 'idempotency-key': `rotate-${hook.id}` };
    const rotated = await s.api('POST', `/v1/webhooks/${hook.id}/rotate-secret`, undefined, { headers: h });
    assert.equal(rotated.status, 200, rotated.text);
    const rows = await storedKeys(h['idempotency-key']);
    assert.ok(!JSON.stringify(rows).includes(rotated.body.secret));
    const before = await s.db.selectFrom('webhook_endpoints').select('secret_enc').where('id', '=', hook.id).executeTakeFirstOrThrow();
    const again = await s.api('POST', `/v1/webhooks/${hook.id}/rotate-secret`, undefined, { headers: h });
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, 'idempotency_secret_withheld');
    const afterRow = await s.db.selectFrom('webhook_endpoints').select('secret_enc').where('id', '=', hook.id).executeTakeFirstOrThrow();
    assert.equal(afterRow.secret_enc, before.secret_enc, 'not rotated a second time');
  });

  test('a response without a secret is still replayed as it was', async () => {
    const h = { 'idempotency-key': 'plain-replay' };
    const a = await s.api('POST', '/v1/connectors', { type: 'pagerduty', name: 'replayed' }, { headers: h });
    const b = await s.api('POST', '/v1/connectors', { type: 'pagerduty', name: 'replayed' }, { headers: h });
    assert.equal(b.status, 201);
    assert.equal(b.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(b.body, a.body);
  });
});

describe('expiry and leases', () => {
  test('a key older than 24 hours behaves as new', async () => {
    const h = { 'idempotency-key': 'old-key' };
    const a = await s.api('POST', '/v1/connectors', { type: 'pagerduty', name: 'day one' }, { headers: h });
    assert.equal(a.status, 201);
    await s.db.updateTable('idempotency_keys').set({ created_at: sql<Date>`now() - interval '24 hours 1 minute'` }).where('key', '=', 'old-key').execute();
    // The same key, even with another body, is a new request now.
    const b = await s.api('POST', '/v1/connectors', { type: 'pagerduty', name: 'day two' }, { headers: h });
    assert.equal(b.status, 201, b.text);
    assert.notEqual(b.body.id, a.body.id);
    assert.equal(b.headers.get('idempotent-replayed'), null);
    const c = await s.api('POST', '/v1/connectors', { type: 'pagerduty', name: 'day two' }, { headers: h });
    assert.equal(c.body.id, b.body.id, 'and is then kept like any new key');
  });

  test('expired keys are pruned as new keys are taken', async () => {
    await s.api('POST', '/v1/connectors', { type: 'pagerduty', name: 'to prune' }, { headers: { 'idempotency-key': 'prune-me' } });
    await s.db.updateTable('idempotency_keys').set({ created_at: sql<Date>`now() - interval '2 days'` }).where('key', '=', 'prune-me').execute();
    await s.api('POST', '/v1/connectors', { type: 'pagerduty', name: 'fresh' }, { headers: { 'idempotency-key': 'fresh-key' } });
    assert.deepEqual(await storedKeys('prune-me'), []);
  });

  test('a key left in progress by a crashed request is retryable once its lease lapses; before that a 409 with Retry-After', async () => {
    const body = { type: 'pagerduty', name: 'after a crash' };
    const h = { 'idempotency-key': 'crashed' };
    // What a process that died mid-request leaves behind: the key claimed, no answer, a lease.
    const claim = async (lease: string) => {
      const { workspaceId } = (await authenticateApiKey(s.db, s.keyA)) as { workspaceId: string };
      const { sha256Hex } = await import('../lib/crypto.ts');
      await s.db.deleteFrom('idempotency_keys').where('key', '=', 'crashed').execute();
      await s.db
        .insertInto('idempotency_keys')
        .values({ workspace_id: workspaceId, key: 'crashed', method: 'POST', path: '/v1/connectors', request_hash: sha256Hex(`POST /v1/connectors\n${JSON.stringify(body)}`), locked_until: sql<Date>`now() + ${sql.raw(`interval '${lease}'`)}` })
        .execute();
    };
    await claim('20 seconds');
    const busy = await s.api('POST', '/v1/connectors', body, { headers: h });
    assert.equal(busy.status, 409);
    assert.equal(busy.body.error.code, 'idempotency_in_progress');
    assert.ok(Number(busy.headers.get('retry-after')) >= 1 && Number(busy.headers.get('retry-after')) <= 20, busy.headers.get('retry-after') ?? 'no Retry-After');

    await claim('-1 second'); // the lease has lapsed
    const retried = await s.api('POST', '/v1/connectors', body, { headers: h });
    assert.equal(retried.status, 201, retried.text);
    const replayed = await s.api('POST', '/v1/connectors', body, { headers: h });
    assert.equal(replayed.body.id, retried.body.id);
    // A row from before leases existed (no lease at all) is not stuck either.
    await s.db.updateTable('idempotency_keys').set({ status_code: null, response_body: null, locked_until: null }).where('key', '=', 'crashed').execute();
    assert.equal((await s.api('POST', '/v1/connectors', body, { headers: h })).status, 201);
  });

  test('a request that runs longer than the lease keeps its key: the lease is renewed while it runs', async () => {
    // A slow operation behind the real middleware, with a short lease.
    const app = createRouter();
    app.onError(onError);
    const { workspaceId } = (await authenticateApiKey(s.db, s.keyA)) as { workspaceId: string };
    app.use('*', async (c, next) => {
      c.set('workspaceId', workspaceId);
      await next();
    });
    app.use('*', idempotency(s.db, { leaseMs: 1000 }));
    let runs = 0;
    let finish = () => {};
    const gate = new Promise<void>((r) => (finish = r));
    app.post('/slow', async (c) => {
      runs++;
      await gate; // runs until the test lets it finish
      return c.json({ ok: true }, 201);
    });
    const post = () => app.request('/slow', { method: 'POST', headers: { 'idempotency-key': 'slow-one' } });
    const first = post();
    const row = await eventually(async () => (await storedKeys('slow-one'))[0], 10_000, 'the key to be claimed');
    // Wait (on the database's clock) until the first lease is long over; only renewals keep the key.
    await eventually(async () => (await sql<{ over: boolean }>`select now() > ${row.locked_until}::timestamptz + interval '1.5 seconds' as over`.execute(s.db)).rows[0]?.over, 10_000, 'two leases to pass');
    const second = await post();
    assert.equal(second.status, 409);
    assert.equal(((await second.json()) as { error: { code: string } }).error.code, 'idempotency_in_progress');
    const renewed = (await storedKeys('slow-one'))[0]!;
    assert.ok(renewed.locked_until! > row.locked_until!, 'the lease was renewed');
    finish();
    assert.equal((await first).status, 201);
    assert.equal(runs, 1);
  });
});
