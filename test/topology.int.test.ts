// The production topology on one machine: Temporal's own server persisting to PostgreSQL (schema applied with its
// SQL tool), two API and two worker processes connecting as a least-privilege role. Onboarding, cron schedules, a
// backfill and webhooks run through it while one worker and one API process are SIGKILLed mid-traffic: nothing is
// lost and nothing is counted or delivered twice.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Client, Connection } from '@temporalio/client';
import pg from 'pg';
import { startEmulator, type RunningEmulator } from '../dev/emulator/app.ts';
import { DEMO_KEYS } from '../dev/emulator/state.ts';
import { applyTemporalSchema, prepareNamespace, resolveTemporalServerTools, startTemporalServer, type TemporalServer } from '../dev/temporal-cluster.ts';
import { DAY, HOUR } from './helpers/backfill.ts';
import { startReceiver, type Receiver } from './helpers/receiver.ts';
import { eventually } from './helpers/stack.ts';
import { ROLES_SQL, runCli, runPsqlScript, withUser } from './helpers/topology.ts';
import { startApiProcess, startWorkerProcess, type TributaryProcess } from './helpers/worker-process.ts';
import { expectedSync, expectedTotal } from './helpers/expected.ts';

const log = (l: string) => console.log(`[topology] ${l}`);
const KINDS = ['incident', 'log_entry'];
const pw = () => randomBytes(12).toString('hex');
const passwords = { owner_password: pw(), app_password: pw(), temporal_password: pw() };

let temporal: TemporalServer;
let emulator: RunningEmulator;
let receiver: Receiver;
let appUrl: string;
let env: Record<string, string>;
let key: string;
const workers: TributaryProcess[] = [];
const apis: TributaryProcess[] = [];

async function call(api: TributaryProcess, method: string, p: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`http://127.0.0.1:${api.port}${p}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, text };
}
const live = () => apis.filter((a) => a.child.exitCode === null && a.child.signalCode === null);
const any = () => live()[0]!;
/** What the emulator lists for a backfill of `[start, end)`, and what an incremental sync of a window fetches. */
const emulated = (start: number, end: number) => expectedTotal(emulator.state.data, 'pagerduty', KINDS, { start: new Date(start).toISOString(), end: new Date(end).toISOString() }, 'created');
const syncFetches = (window: { start: string; end: string }) => expectedSync(emulator.state.data, 'pagerduty', KINDS, window).fetched;

before(async () => {
  const admin = process.env.TEST_PG_ADMIN_URL!;
  const pgUrl = new URL(admin);
  const tools = await resolveTemporalServerTools(log);
  await runPsqlScript(admin, ROLES_SQL, passwords);
  const temporalPg = { host: pgUrl.hostname, port: Number(pgUrl.port), user: 'temporal', password: passwords.temporal_password };
  await applyTemporalSchema(tools, temporalPg);
  await applyTemporalSchema(tools, temporalPg); // a second run is a no-op (the compose schema job runs on every `up`)
  const work = mkdtempSync(path.join(process.env.TEST_WORK_DIR ?? tmpdir(), 'topology-'));
  temporal = await startTemporalServer(tools, { host: pgUrl.hostname, port: Number(pgUrl.port), user: 'temporal', password: passwords.temporal_password }, work, { log });
  await prepareNamespace(temporal.address, 'default', 7);

  const ownerUrl = withUser(admin, 'tributary_owner', passwords.owner_password, 'tributary');
  appUrl = withUser(admin, 'tributary_app', passwords.app_password, 'tributary');
  await runCli(['migrate'], { DATABASE_URL: ownerUrl });
  key = (await runCli(['api-key', 'create', '--workspace', 'acme'], { DATABASE_URL: appUrl })).trim();
  emulator = await startEmulator({ seed: 11 });
  receiver = await startReceiver();
  env = {
    TRIBUTARY_ENV: 'test',
    DATABASE_URL: appUrl,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_NAMESPACE: 'default',
    TEMPORAL_TASK_QUEUE: 'tributary',
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    EMULATOR_URL: emulator.url,
    WORKFLOW_BUNDLE_PATH: process.env.WORKFLOW_BUNDLE_PATH ?? '',
    PUBLIC_URL: 'http://localhost:3999',
    SYNC_RETRY_INITIAL_MS: '200',
    SYNC_HEARTBEAT_TIMEOUT_SECONDS: '5',
    WEBHOOK_ALLOW_PRIVATE: 'true',
    WEBHOOK_RETRY_SCHEDULE: '200ms,500ms,1s,2s,5s',
    OUTBOX_POLL_MS: '200',
    WORKER_PORT: '0',
    PORT: '0',
  };
  const started = await Promise.all([startWorkerProcess(env), startWorkerProcess(env), startApiProcess(env), startApiProcess(env)]);
  workers.push(started[0], started[1]);
  apis.push(started[2], started[3]);
});

after(async () => {
  await Promise.all([...workers, ...apis].map((p) => p.kill('SIGTERM')));
  await temporal?.stop();
  await emulator?.close();
  await receiver?.close();
});

test('the app connects as a least-privilege role; Temporal persists to PostgreSQL', async () => {
  const client = new pg.Client({ connectionString: appUrl });
  await client.connect();
  try {
    const role = await client.query('select rolsuper, rolcreatedb, rolcreaterole, rolbypassrls from pg_roles where rolname = current_user');
    assert.deepEqual(role.rows[0], { rolsuper: false, rolcreatedb: false, rolcreaterole: false, rolbypassrls: false });
    await assert.rejects(client.query('create table sneaky (x int)'), /permission denied/);
    await assert.rejects(client.query('drop table records'), /must be owner/);
    assert.equal((await client.query('select count(*)::int as n from kysely_migration')).rows[0].n > 0, true);
  } finally {
    await client.end();
  }
  const t = new pg.Client({ connectionString: withUser(process.env.TEST_PG_ADMIN_URL!, 'temporal', passwords.temporal_password, 'temporal') });
  await t.connect();
  try {
    assert.ok((await t.query('select count(*)::int as n from namespaces')).rows[0].n >= 1, 'namespaces in PostgreSQL');
  } finally {
    await t.end();
  }
  const conn = await Connection.connect({ address: temporal.address });
  const ns = await conn.workflowService.describeNamespace({ namespace: 'default' });
  assert.equal(Number(ns.config?.workflowExecutionRetentionTtl?.seconds), 7 * 86_400, 'namespace retention 7 days');
  await conn.close();
});

test('two APIs and two workers: onboarding, cron schedules, a backfill and webhooks survive SIGKILL of a worker and an API mid-traffic', async () => {
  const hook = await call(apis[0]!, 'POST', '/v1/webhooks', { url: receiver.url, events: ['*'] });
  assert.equal(hook.status, 201, hook.text);

  // Onboarding through both APIs.
  const connectors: string[] = [];
  for (let i = 0; i < 4; i++) {
    const api = apis[i % 2]!;
    const c = await call(api, 'POST', '/v1/connectors', { type: 'pagerduty', name: `pd-${i}` });
    assert.equal(c.status, 201, c.text);
    const put = await call(api, 'PUT', `/v1/connectors/${c.body.id}/credentials`, { api_key: DEMO_KEYS.pagerduty });
    assert.equal(put.body?.connector?.status, 'connected', put.text);
    const sched = await call(api, 'PUT', `/v1/connectors/${c.body.id}/schedule`, { cron: '* * * * *', timezone: 'UTC' });
    // 202: stored, Temporal's call deadline missed on a loaded machine; a worker's reconciler applies it.
    assert.ok(sched.status === 200 || (sched.status === 202 && sched.body.cron === '* * * * *'), sched.text);
    await eventually(async () => ((await call(any(), 'GET', `/v1/connectors/${c.body.id}/schedule`)).body?.applied ? true : undefined), 30_000, 'the schedule applied');
    connectors.push(c.body.id);
  }
  // A 20-day backfill on the first connector, disjoint from the syncs' 7-day lookback.
  const end = Math.floor(Date.now() / HOUR) * HOUR - 10 * DAY;
  const window = { start: end - 20 * DAY, end };
  const bf = await call(apis[1]!, 'POST', `/v1/connectors/${connectors[0]}/backfills`, { start: new Date(window.start).toISOString(), end: new Date(window.end).toISOString(), chunk: 'P1D' });
  assert.equal(bf.status, 202, bf.text);

  // Mid-traffic: once chunks are running, SIGKILL a worker; fire creates with Idempotency-Keys at API 1 and SIGKILL it.
  await eventually(async () => {
    const b = await call(any(), 'GET', `/v1/connectors/${connectors[0]}/backfills/${bf.body.backfill_id}`);
    return b.body.chunks_done >= 2 && b.body.status === 'running';
  }, 120_000, 'the backfill to be under way');
  const killedAt = Date.now();
  const victimApi = apis[1]!;
  const creates = Array.from({ length: 12 }, (_, i) => ({ name: `burst-${i}`, key: `burst-key-${i}`, outcome: 'unknown' as string, id: undefined as string | undefined }));
  const inFlight = creates.map((c) => call(victimApi, 'POST', '/v1/connectors', { type: 'pagerduty', name: c.name }, { 'idempotency-key': c.key }).then((r) => {
    if (r.status === 201) [c.outcome, c.id] = ['created', r.body.id];
  }, () => undefined));
  // Kill when the first create has been answered (the rest are in flight), or after half a second.
  await Promise.race([eventually(async () => creates.some((c) => c.outcome === 'created'), 5_000, 'a first answer').catch(() => undefined), new Promise((r) => setTimeout(r, 500))]);
  await Promise.all([workers[0]!.kill('SIGKILL'), victimApi.kill('SIGKILL')]);
  await Promise.all(inFlight);
  log(`killed a worker and an API; ${creates.filter((c) => c.outcome === 'created').length}/12 creates answered before the kill`);
  // The client retries what got no answer on the surviving API with the same key.
  for (const c of creates.filter((x) => x.outcome !== 'created')) {
    const r = await call(apis[0]!, 'POST', '/v1/connectors', { type: 'pagerduty', name: c.name }, { 'idempotency-key': c.key });
    if (r.status === 201) [c.outcome, c.id] = ['created', r.body.id];
    else if (r.status === 409 && r.body.error.code === 'idempotency_in_progress') c.outcome = 'in_progress'; // the dead API held the key
    else assert.fail(`retry of ${c.name}: ${r.status} ${r.text}`);
  }
  // Sync now on the survivor while the schedules keep ticking; then restore two of each.
  for (const id of connectors) assert.equal((await call(apis[0]!, 'POST', `/v1/connectors/${id}/sync`)).status, 202);
  const [w, a] = await Promise.all([startWorkerProcess(env), startApiProcess(env)]);
  workers.push(w);
  apis.push(a);

  const done = await eventually(async () => {
    const b = await call(any(), 'GET', `/v1/connectors/${connectors[0]}/backfills/${bf.body.backfill_id}`);
    return ['succeeded', 'failed', 'cancelled'].includes(b.body.status) ? b.body : undefined;
  }, 240_000, 'the backfill to finish');
  assert.equal(done.status, 'succeeded', JSON.stringify(done.error));
  assert.equal(done.chunks_done, 20);
  assert.equal(done.records, emulated(window.start, window.end), 'every backfilled record counted once');

  // Every connector: a scheduled (cron) run that started after the kills, and an unbroken chain of windows.
  for (const id of connectors) {
    const runs = await eventually(async () => {
      const r = await call(any(), 'GET', `/v1/connectors/${id}/sync-runs?limit=100`);
      const data = r.body.data as any[];
      const active = data.some((x) => x.status === 'queued' || x.status === 'running');
      const scheduledAfterKill = data.some((x) => x.trigger === 'schedule' && x.status === 'succeeded' && Date.parse(x.created_at) > killedAt);
      return !active && scheduledAfterKill ? data : undefined;
    }, 240_000, `a scheduled run of ${id} after the kills`);
    assert.deepEqual(runs.filter((r) => r.status === 'failed'), [], 'no run failed');
    const ok = runs.filter((r) => r.status === 'succeeded').sort((x, y) => Date.parse(x.window.start) - Date.parse(y.window.start));
    for (let i = 1; i < ok.length; i++) assert.equal(ok[i].window.start, ok[i - 1].window.end, `windows of ${id} join up`);
    for (const r of ok) assert.equal(r.records_fetched, syncFetches(r.window), `${id}: run ${r.id} fetched each page once`);
  }

  // Creates: every acknowledged one exists once, nothing exists twice.
  const list = await call(any(), 'GET', '/v1/connectors?limit=100');
  for (const c of creates) {
    const named = (list.body.data as any[]).filter((x) => x.name === c.name);
    assert.ok(named.length <= 1, `${c.name} exists ${named.length} times`);
    if (c.outcome === 'created') assert.deepEqual(named.map((x) => x.id), [c.id]);
  }
  const stuck = creates.filter((c) => c.outcome === 'in_progress').length;
  if (stuck) log(`${stuck} Idempotency-Keys were held by the killed API (answered 409 idempotency_in_progress)`);

  // Webhooks: every event of the workspace has one delivery to the endpoint, delivered; the receiver saw each event id.
  const db = new pg.Client({ connectionString: appUrl });
  await db.connect();
  try {
    const events = await eventually(async () => {
      const r = await db.query(`select e.id, count(d.id)::int as deliveries, bool_and(d.status = 'delivered') as delivered
        from events e left join webhook_deliveries d on d.event_id = e.id where e.type <> 'ping' group by e.id`);
      return r.rows.length > 0 && r.rows.every((x) => x.deliveries === 1 && x.delivered) ? r.rows : undefined;
    }, 120_000, 'every event delivered');
    const seen = new Set(receiver.received.map((x) => x.headers['webhook-id']));
    for (const e of events) assert.ok(seen.has(e.id), `receiver saw ${e.id}`);
    const dupes = receiver.received.length - seen.size;
    log(`${events.length} events, each delivered once by the outbox; receiver requests ${receiver.received.length} (${dupes} repeated webhook-ids, at-least-once)`);
    const runsByConnector = await db.query(`select connector_id, count(*)::int as n from sync_runs where status in ('queued','running') group by connector_id having count(*) > 1`);
    assert.deepEqual(runsByConnector.rows, []);
  } finally {
    await db.end();
  }

  // Temporal: the workflows are in its PostgreSQL visibility store, searchable by Tributary's attributes, none failed.
  const conn = await Connection.connect({ address: temporal.address });
  const client = new Client({ connection: conn, namespace: 'default' });
  let syncs = 0;
  for await (const _ of client.workflow.list({ query: `ConnectorId = '${connectors[1]}' AND WorkflowType = 'syncWorkflow'` })) syncs++;
  assert.ok(syncs >= 2, `visibility finds ${syncs} syncs of ${connectors[1]}`);
  const failed: string[] = [];
  for await (const wf of client.workflow.list({ query: `ExecutionStatus = 'Failed'` })) failed.push(`${wf.type} ${wf.workflowId}`);
  assert.deepEqual(failed, []);
  await conn.close();
});
