// API rate limits per API key and per workspace: 429 with Retry-After and RateLimit-* headers, other workspaces
// unaffected, and one count across several API processes (an in-process app and a `tributary api` process).
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { freePort, waitFor } from '../dev/net.ts';
import { ROOT } from '../dev/state.ts';
import { createApiRateLimiter, decide } from '../services/api-rate-limit.ts';
import { createApiKey, createKeyAuthenticator } from '../services/workspaces.ts';
import { eventually, startTestStack, type TestStack } from './helpers/stack.ts';

const PER_KEY = 5;
const PER_WORKSPACE = 8;
const WINDOW = 60;

let s: TestStack;
let secondKeyA: string;
let api: ChildProcess | undefined;
let apiUrl: string;
before(async () => {
  s = await startTestStack(
    { API_RATE_LIMIT_PER_KEY: String(PER_KEY), API_RATE_LIMIT_PER_WORKSPACE: String(PER_WORKSPACE), API_RATE_LIMIT_WINDOW_SECONDS: String(WINDOW) },
    { worker: false },
  );
  const ws = await s.db.selectFrom('api_keys').innerJoin('workspaces', 'workspaces.id', 'api_keys.workspace_id').select('workspaces.name').executeTakeFirstOrThrow();
  secondKeyA = (await createApiKey(s.db, ws.name)).key;
  // A second API process on the same database (what `npm run api` runs in production).
  const port = await freePort();
  apiUrl = `http://127.0.0.1:${port}`;
  api = spawn(process.execPath, [path.join(ROOT, 'bin/tributary.mjs'), 'api'], { env: { ...process.env, ...s.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' }, stdio: 'ignore' });
  await waitFor('the API process', async () => (await fetch(`${apiUrl}/healthz`)).ok, 60_000);
});
after(async () => {
  if (api && api.exitCode === null) {
    api.kill('SIGTERM');
    await new Promise((r) => api!.once('exit', r));
  }
  await s?.close();
});

const inProcess = (key: string, p = '/v1/connector-types') => s.api('GET', p, undefined, { key });
async function viaProcess(key: string, p = '/v1/connector-types') {
  const res = await fetch(`${apiUrl}${p}`, { headers: { authorization: `Bearer ${key}` } });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}

describe('limits', () => {
  test('per API key, counted across two API processes: the sixth request is a 429 with Retry-After and RateLimit headers', async () => {
    const seen: Array<{ status: number; remaining: string | null }> = [];
    for (let i = 0; i < PER_KEY; i++) {
      const res = i % 2 ? await viaProcess(s.keyB) : await inProcess(s.keyB);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.headers.get('ratelimit-limit'), String(PER_KEY));
      assert.equal(res.headers.get('ratelimit-policy'), `${PER_KEY};w=${WINDOW};comment="per API key", ${PER_WORKSPACE};w=${WINDOW};comment="per workspace"`);
      seen.push({ status: res.status, remaining: res.headers.get('ratelimit-remaining') });
    }
    assert.deepEqual(seen.map((x) => Number(x.remaining)), [4, 3, 2, 1, 0]);
    for (const res of [await viaProcess(s.keyB), await inProcess(s.keyB)]) {
      assert.equal(res.status, 429);
      assert.equal(res.body.error.code, 'rate_limited');
      assert.match(res.body.error.message, /per API key/);
      const retryAfter = Number(res.headers.get('retry-after'));
      assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 2 * WINDOW, `Retry-After ${retryAfter}`);
      assert.equal(res.headers.get('ratelimit-remaining'), '0');
      const reset = Number(res.headers.get('ratelimit-reset'));
      assert.ok(reset >= 1 && reset <= WINDOW, `RateLimit-Reset ${reset}`);
    }
  });

  test('per workspace: two keys of one workspace share its limit; another workspace is not affected', async () => {
    let allowed = 0;
    for (let i = 0; i < PER_KEY; i++) if ((await inProcess(s.keyA)).status === 200) allowed++;
    for (let i = 0; i < PER_KEY; i++) if ((await viaProcess(secondKeyA)).status === 200) allowed++;
    assert.equal(allowed, PER_WORKSPACE);
    const refused = await inProcess(secondKeyA);
    assert.equal(refused.status, 429);
    assert.match(refused.body.error.message, /per workspace/);
    // Workspace B's key is limited for its own requests only (the previous test spent it); a fresh workspace is untouched.
    const fresh = await createApiKey(s.db, `fresh-${Date.now()}`);
    assert.equal((await inProcess(fresh.key)).status, 200);
  });

  test('concurrent requests of one key share a statement, and each is still decided as if they came one by one', async () => {
    const burst = await createApiKey(s.db, `burst-${Date.now()}`);
    // The statements that find (and count) a key, seen through a plugin on the database handle.
    let statements = 0;
    const watched = s.db.withPlugin({
      transformQuery: ({ node }) => {
        if (node.kind === 'RawNode' && node.sqlFragments.join('').includes('with k as (')) statements++;
        return node;
      },
      transformResult: async ({ result }) => result,
    });
    const authenticate = createKeyAuthenticator(watched, createApiRateLimiter(watched, { perKey: PER_KEY, perWorkspace: PER_WORKSPACE, windowSeconds: WINDOW }));
    const answers = await Promise.all(Array.from({ length: 20 }, () => authenticate(burst.key)));
    assert.ok(statements >= 1 && statements <= 3, `20 concurrent requests took ${statements} statements`);
    const allowed = answers.filter((a) => a.ok && a.rate?.allowed);
    assert.equal(allowed.length, PER_KEY);
    assert.deepEqual(allowed.map((a) => (a.ok ? a.rate!.remaining : -1)).sort(), [0, 1, 2, 3, 4]);
    assert.ok(answers.every((a) => a.ok && a.keyId === burst.keyId), 'every request authenticated');
    // The refused ones were uncounted again: the buckets hold exactly what was allowed.
    const counted = await s.db.selectFrom('api_rate_counters').select(['bucket', 'hits']).where('bucket', 'in', [`key:${burst.keyId}`, `ws:${burst.workspaceId}`]).orderBy('bucket').execute();
    assert.deepEqual(counted, [{ bucket: `key:${burst.keyId}`, hits: PER_KEY }, { bucket: `ws:${burst.workspaceId}`, hits: PER_KEY }]);

    // Through the API: a burst of another fresh key gets exactly its limit, the rest 429.
    const other = await createApiKey(s.db, `burst-api-${Date.now()}`);
    const statuses = (await Promise.all(Array.from({ length: 12 }, () => inProcess(other.key)))).map((r) => r.status);
    assert.deepEqual(statuses.sort(), [...Array(PER_KEY).fill(200), ...Array(12 - PER_KEY).fill(429)]);
    // Nothing is cached: once revoked, a burst of the key is refused, every request of it.
    await s.db.updateTable('api_keys').set({ revoked_at: new Date() }).where('id', '=', other.keyId).execute();
    assert.deepEqual((await Promise.all(Array.from({ length: 5 }, () => inProcess(other.key)))).map((r) => r.status), [401, 401, 401, 401, 401]);
  });

  test('what is not an authenticated API call is not counted', async () => {
    for (let i = 0; i < 3 * PER_WORKSPACE; i++) assert.equal((await s.api('GET', '/healthz', undefined, { key: null })).status, 200);
    const fresh = await createApiKey(s.db, `unauth-${Date.now()}`);
    for (let i = 0; i < 3 * PER_KEY; i++) assert.equal((await s.api('GET', '/v1/connectors', undefined, { key: 'trb_wrong' })).status, 401);
    // A revoked or expired key is refused and counts against nothing, neither its own bucket nor its workspace's (the
    // statement that finds a key counts only a usable one).
    const wsName = `unauth-${Date.now()}-ws`;
    const sameWs = await createApiKey(s.db, wsName, 'revoked');
    await s.db.updateTable('api_keys').set({ revoked_at: new Date() }).where('id', '=', sameWs.keyId).execute();
    const expired = await createApiKey(s.db, wsName, 'expired');
    await s.db.updateTable('api_keys').set({ expires_at: new Date(Date.now() - 1000) }).where('id', '=', expired.keyId).execute();
    for (let i = 0; i < PER_WORKSPACE; i++) {
      assert.equal((await s.api('GET', '/v1/connectors', undefined, { key: sameWs.key })).status, 401);
      assert.equal((await s.api('GET', '/v1/connectors', undefined, { key: expired.key })).status, 401);
    }
    const counted = await s.db.selectFrom('api_rate_counters').select(['bucket', 'hits']).where('bucket', 'in', [`key:${sameWs.keyId}`, `key:${expired.keyId}`, `ws:${sameWs.workspaceId}`]).execute();
    assert.deepEqual(counted, [], 'nothing counted for refused keys');
    assert.equal((await inProcess(fresh.key)).headers.get('ratelimit-remaining'), String(PER_KEY - 1));
  });
});

describe('the window slides', () => {
  test('the decision math: the previous window weighs less as the current one advances', () => {
    const c = { scope: 'API key' as const, limit: 10, hits: 4, prevHits: 10 };
    assert.equal(decide(c, 60, 0).allowed, false, '10 + 4 at the start of the window');
    assert.equal(decide(c, 60, 30).allowed, true, '5 + 4 half-way');
    assert.equal(decide(c, 60, 30).remaining, 1);
    // Refused with room in this window: wait until the previous one's weight leaves room for one more.
    const waiting = decide(c, 60, 10);
    assert.equal(waiting.allowed, false);
    assert.equal(waiting.retryAfterSeconds, Math.ceil(60 * (1 - 5 / 10) - 10));
    assert.equal(decide({ ...c, hits: 10, prevHits: 0 }, 60, 59).allowed, true);
    const full = decide({ ...c, hits: 11, prevHits: 0 }, 60, 50);
    assert.equal(full.allowed, false);
    assert.ok(full.retryAfterSeconds > 10 && full.retryAfterSeconds <= 70, String(full.retryAfterSeconds));
  });

  test('a refused key is served again after Retry-After (window of 2 s)', async () => {
    const quick = await startTestStack({ API_RATE_LIMIT_PER_KEY: '2', API_RATE_LIMIT_PER_WORKSPACE: '0', API_RATE_LIMIT_WINDOW_SECONDS: '2' }, { worker: false });
    try {
      const get = () => quick.api('GET', '/v1/connector-types');
      assert.equal((await get()).status, 200);
      assert.equal((await get()).status, 200);
      const refused = await get();
      assert.equal(refused.status, 429);
      assert.ok(Number(refused.headers.get('retry-after')) <= 4);
      await eventually(async () => (await get()).status === 200, 15_000, 'the limit to lift');
    } finally {
      await quick.close();
    }
  });
});
