// `tributary keys rotate`: every stored secret — credentials, OAuth app secrets, webhook signing secrets,
// legacy `v1.` values included — re-encrypted under the new key, in batches, while the service keeps working;
// afterwards the old key can go.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createCipheriv, randomBytes } from 'node:crypto';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { findConnector, updateConnector } from '../db/connectors.repository.ts';
import { SECRET_COLUMNS, slotOf } from '../db/secret-columns.ts';
import { DEMO_KEYS } from '../dev/emulator/state.ts';
import { ROOT } from '../dev/state.ts';
import { createCipher } from '../lib/crypto.ts';
import { startReceiver, type Receiver } from './helpers/receiver.ts';
import { eventually, startTestStack, type TestStack } from './helpers/stack.ts';
import { connectedPagerDuty } from './helpers/sync.ts';

const OLD = randomBytes(32);
const NEW = randomBytes(32);
const ring = `old:${OLD.toString('base64')},new:${NEW.toString('base64')}`;

let s: TestStack;
let receiver: Receiver;
before(async () => {
  // Phase 1 of a rotation: every process knows both keys, and still writes with the old one.
  s = await startTestStack({ ENCRYPTION_KEYS: ring, ENCRYPTION_KEY_ID: 'old' });
  receiver = await startReceiver();
});
after(async () => {
  await receiver?.close();
  await s?.close();
});

function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
    delete childEnv.NODE_TEST_CONTEXT;
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/tributary.mjs'), ...args], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (out += String(d)));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

/** What every secret column holds: `key id` → count (`v1` for legacy values). */
async function keysInUse(): Promise<Record<string, number>> {
  const seen: Record<string, number> = {};
  for (const c of SECRET_COLUMNS) {
    const rows = await s.db.selectFrom(c.table as 'connectors').select(c.column as 'credentials_enc').where(c.column as 'credentials_enc', 'is not', null).execute();
    for (const r of rows as Array<Record<string, string>>) {
      const v = r[c.column]!;
      const id = v.startsWith('v2.') ? v.split('.')[1]! : 'v1';
      seen[id] = (seen[id] ?? 0) + 1;
    }
  }
  return seen;
}

test('keys rotate re-encrypts every secret online, in batches; then the old key can be dropped', { timeout: 120_000 }, async () => {
  // Secrets of every kind, sealed with the old key…
  const pd = await Promise.all([0, 1, 2].map((i) => connectedPagerDuty(s, `pd-${i}`)));
  const wh = await s.api('POST', '/v1/webhooks', { url: receiver.url, events: ['connector.deleted'] });
  assert.equal(wh.status, 201, wh.text);
  assert.equal((await s.api('PUT', '/v1/oauth-apps/github', { client_id: 'Iv1.rotate', client_secret: 'rotate-me-secret' })).status, 201);
  // …and one written before key ids existed (`v1.`, no AAD), as an upgraded installation still holds.
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', OLD, iv);
  const ct = Buffer.concat([c.update(JSON.stringify({ api_key: DEMO_KEYS.pagerduty }), 'utf8'), c.final()]);
  await updateConnector(s.db, pd[0]!.id, { credentials_enc: ['v1', iv.toString('base64url'), c.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.') });
  const before = await keysInUse();
  assert.equal(before.v1, 1);
  assert.equal(before.old, 4, JSON.stringify(before)); // two credentials, a webhook secret, an OAuth app secret
  assert.equal(before.new, undefined);

  // Rotate while the service keeps reading secrets (connection tests decrypt credentials).
  let serving = true;
  const tests: boolean[] = [];
  const traffic = (async () => {
    while (serving) for (const p of pd) tests.push((await s.api('POST', `/v1/connectors/${p.id}/test`)).body.success === true);
  })();
  const env = { DATABASE_URL: s.config.DATABASE_URL, ENCRYPTION_KEYS: ring, ENCRYPTION_KEY_ID: 'new' };
  const rotated = await runCli(['keys', 'rotate', '--batch-size', '2'], env);
  serving = false;
  await traffic;
  assert.equal(rotated.code, 0, rotated.out);
  assert.match(rotated.out, /connectors\.credentials_enc: [3-9] re-encrypted/);
  assert.match(rotated.out, /webhook_endpoints\.secret_enc: 1 re-encrypted/);
  assert.match(rotated.out, /oauth_apps\.client_secret_enc: 1 re-encrypted/);
  assert.match(rotated.out, /every secret is sealed with key new/);
  assert.ok(tests.length > 0 && tests.every(Boolean), `the service kept working during the rotation (${tests.length} tests)`);
  assert.deepEqual(Object.keys(await keysInUse()), ['new']);

  // The new key alone reads everything: the old one can be removed from ENCRYPTION_KEYS.
  const only = createCipher({ keys: [{ id: 'new', key: NEW }], activeId: 'new' });
  for (const col of SECRET_COLUMNS) {
    const rows = await s.db.selectFrom(col.table as 'connectors').selectAll().where(col.column as 'credentials_enc', 'is not', null).execute();
    for (const r of rows as unknown as Array<Record<string, string>>) assert.doesNotThrow(() => only.decrypt(r[col.column]!, slotOf(col, r)), `${col.table}.${col.column} ${r.id}`);
  }
  assert.deepEqual(only.decryptJson((await findConnector(s.db, pd[0]!.id))!.credentials_enc!, slotOf(SECRET_COLUMNS[0]!, { id: pd[0]!.id })), { api_key: DEMO_KEYS.pagerduty });
  // Webhooks still sign with the (re-encrypted) secret.
  assert.equal((await s.api('DELETE', `/v1/connectors/${pd[2]!.id}`)).status, 204);
  await eventually(async () => receiver.received.some((r) => r.json?.type === 'connector.deleted'), 15_000, 'a signed delivery');

  // A second run has nothing left to do.
  const again = await runCli(['keys', 'rotate'], env);
  assert.equal(again.code, 0, again.out);
  assert.match(again.out, /connectors\.credentials_enc: 0 re-encrypted/);
});
