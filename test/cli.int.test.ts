// The `tributary` CLI's API commands against the real stack (a served app, PostgreSQL, Temporal, the emulator):
// run as a user runs them (a child process with TRIBUTARY_URL and TRIBUTARY_API_KEY), tables by default, `--json`
// for scripts, progress on stderr while following, and the documented exit codes — a revoked key included.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { DEMO_KEYS } from '../dev/emulator/state.ts';
import { freePort } from '../dev/net.ts';
import { ROOT } from '../dev/state.ts';
import { serveTestApp, type ServedApp } from './helpers/server.ts';
import { startTestStack, type TestStack } from './helpers/stack.ts';

let s: TestStack;
let served: ServedApp;
// No embedded stack's secrets to fall back on: only what the environment says.
const dataDir = mkdtempSync(path.join(tmpdir(), 'tributary-cli-'));

before(async () => {
  const port = await freePort();
  s = await startTestStack({ PUBLIC_URL: `http://127.0.0.1:${port}` });
  served = await serveTestApp(s, port);
});
after(async () => {
  await served?.close();
  await s?.close();
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'cli/main.ts'), ...args],
      { cwd: ROOT, env: { PATH: process.env.PATH, HOME: process.env.HOME, TRIBUTARY_DATA_DIR: dataDir, TRIBUTARY_URL: served.url, TRIBUTARY_API_KEY: s.keyA, ...env }, timeout: 120_000 },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : 99) : 0, stdout, stderr }),
    );
  });
}

async function json(args: string[], env?: Record<string, string>): Promise<any> {
  const r = await cli([...args, '--json'], env);
  assert.equal(r.code, 0, `tributary ${args.join(' ')}: exit ${r.code}\n${r.stderr}`);
  return JSON.parse(r.stdout);
}

test('connectors: create, connect with an API key, sync --follow to the end, runs list/get/follow, pause, resume, delete', { timeout: 240_000 }, async () => {
  const c = await json(['connectors', 'create', '--type', 'pagerduty', '--name', 'cli pd']);
  assert.equal(c.status, 'pending');
  const connected = await json(['connectors', 'connect', c.id, '--credential', `api_key=${DEMO_KEYS.pagerduty}`]);
  assert.equal(connected.test.success, true);
  assert.equal(connected.connector.status, 'connected');

  const listed = await cli(['connectors', 'list']);
  assert.equal(listed.code, 0, listed.stderr);
  assert.match(listed.stdout, /^ID\s+TYPE\s+NAME\s+STATUS/m, 'a table for people');
  assert.match(listed.stdout, new RegExp(`${c.id}\\s+pagerduty\\s+cli pd\\s+connected`));

  const synced = await cli(['connectors', 'sync', c.id, '--follow', '--json']);
  assert.equal(synced.code, 0, synced.stderr);
  const run = JSON.parse(synced.stdout);
  assert.equal(run.status, 'succeeded');
  assert.match(synced.stderr, new RegExp(`run ${run.id}: succeeded — \\d+ pages`), 'progress on stderr');
  const inDb = await s.db.selectFrom('sync_runs').select(['status', 'records_fetched']).where('id', '=', run.id).executeTakeFirstOrThrow();
  assert.deepEqual(inDb, { status: 'succeeded', records_fetched: run.records_fetched });

  const followed = await cli(['runs', 'follow', c.id, run.id]);
  assert.equal(followed.code, 0, followed.stderr);
  assert.match(followed.stdout, /status:\s+succeeded/);
  const runs = await json(['runs', 'list', c.id]);
  assert.ok(runs.some((r: { id: string }) => r.id === run.id));
  assert.equal((await json(['runs', 'get', c.id, run.id])).id, run.id);

  assert.equal((await json(['connectors', 'pause', c.id])).status, 'paused');
  const whilePaused = await cli(['connectors', 'sync', c.id]);
  assert.equal(whilePaused.code, 3, 'refused: 409 while paused');
  assert.match(whilePaused.stderr, /error 409/);
  assert.equal((await json(['connectors', 'resume', c.id])).status, 'connected');
  assert.deepEqual(await json(['connectors', 'delete', c.id]), { deleted: c.id });
  const gone = await cli(['connectors', 'get', c.id]);
  assert.equal(gone.code, 4, 'not found');
});

test('a failed connection test exits 1; usage errors 2; bad input 3 (naming the field); an unreachable API 7', { timeout: 180_000 }, async () => {
  const c = await json(['connectors', 'create', '--type', 'pagerduty']);
  const wrong = await cli(['connectors', 'connect', c.id, '--credential', 'api_key=demo_pagerduty_key_9999']);
  assert.equal(wrong.code, 1, wrong.stderr);
  assert.match(wrong.stdout, /connection test failed/);
  const malformed = await cli(['connectors', 'connect', c.id, '--credential', 'api_key=x']);
  assert.equal(malformed.code, 3, malformed.stderr);
  assert.match(malformed.stderr, /^\s+api_key: /m, 'the closest credential form names the field');

  assert.equal((await cli(['connectors', 'get'])).code, 2);
  assert.equal((await cli(['connectors', 'frobnicate'])).code, 2);
  assert.equal((await cli(['connectors', 'create', '--type', 'pagerduty', '--config', '{oops'])).code, 2);
  const noKey = await cli(['connectors', 'list'], { TRIBUTARY_API_KEY: '' });
  assert.equal(noKey.code, 2);
  assert.match(noKey.stderr, /TRIBUTARY_API_KEY/);
  const bad = await cli(['connectors', 'create', '--type', 'no-such-type']);
  assert.equal(bad.code, 3);
  assert.match(bad.stderr, /type: /, 'names the field');
  const down = await cli(['connectors', 'list'], { TRIBUTARY_URL: `http://127.0.0.1:${await freePort()}` });
  assert.equal(down.code, 7, down.stderr);
});

test('backfill start --follow to the end; webhooks create/list/delete', { timeout: 240_000 }, async () => {
  const c = await json(['connectors', 'create', '--type', 'pagerduty', '--name', 'cli backfill']);
  await json(['connectors', 'connect', c.id, '--credential', `api_key=${DEMO_KEYS.pagerduty}`]);
  const day = (n: number) => new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000 - n * 86_400_000).toISOString();
  const bf = await cli(['backfill', 'start', c.id, '--start', day(3), '--end', day(1), '--follow', '--json']);
  assert.equal(bf.code, 0, bf.stderr);
  const done = JSON.parse(bf.stdout);
  assert.equal(done.status, 'succeeded');
  assert.match(bf.stderr, /chunks/, 'progress on stderr');
  const status = await json(['backfill', 'status', c.id, done.id]);
  assert.equal(status.status, 'succeeded');

  const hook = await json(['webhooks', 'create', '--url', `${served.url}/hook-sink`, '--events', 'connector.status_changed,sync_run.succeeded']);
  assert.ok(hook.secret, 'the signing secret is shown on create');
  const hooks = await cli(['webhooks', 'list']);
  assert.match(hooks.stdout, new RegExp(hook.id));
  assert.ok(!hooks.stdout.includes(hook.secret), 'never listed again');
  await json(['webhooks', 'delete', hook.id]);
  assert.equal((await cli(['webhooks', 'get', hook.id])).code, 4);
});

test('api-keys: create (shown once), list, revoke — the revoked key answers 401 at once (exit 5)', { timeout: 120_000 }, async () => {
  const made = await cli(['api-keys', 'create', '--name', 'ci pipeline', '--expires-in-days', '30']);
  assert.equal(made.code, 0, made.stderr);
  const key = made.stdout.trim();
  assert.match(key, /^trb_/);
  const id = /created (key_\w+)/.exec(made.stderr)?.[1];
  assert.ok(id, made.stderr);

  const withNew = await cli(['connectors', 'list', '--json'], { TRIBUTARY_API_KEY: key });
  assert.equal(withNew.code, 0, withNew.stderr);
  const listed = await cli(['api-keys', 'list']);
  assert.match(listed.stdout, new RegExp(`${id}\\s+ci pipeline\\s+${key.slice(0, 10)}`));
  assert.ok(!listed.stdout.includes(key), 'the plaintext is never listed');
  const row = (await json(['api-keys', 'list'])).find((k: { id: string }) => k.id === id);
  assert.ok(row.last_used_at, 'last use recorded');
  assert.ok(row.expires_at);

  assert.equal((await cli(['api-keys', 'revoke', id])).code, 0);
  const refused = await cli(['connectors', 'list'], { TRIBUTARY_API_KEY: key });
  assert.equal(refused.code, 5, refused.stderr);
  assert.match(refused.stderr, /error 401 unauthorized/);
  const stored = await s.db.selectFrom('api_keys').select('revoked_at').where('id', '=', id).executeTakeFirstOrThrow();
  assert.ok(stored.revoked_at);
  assert.ok(!(await json(['api-keys', 'list'])).some((k: { id: string }) => k.id === id), 'revoked keys are hidden by default');
  assert.ok((await json(['api-keys', 'list', '--all'])).some((k: { id: string; revoked_at: string }) => k.id === id && k.revoked_at));
});
