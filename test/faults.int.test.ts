// The fault suite, through the public API, on a stack of its own — its own PostgreSQL and Temporal dev server
// (which it stops and restarts; other test files are not disturbed) and real worker processes:
//   · Temporal stopped while clients create, pause, resume, schedule and delete: clear 503s, no other 5xx,
//     nothing half-done, everything converged within a minute of Temporal's return;
//   · PostgreSQL restarted mid-sync: nothing lost or duplicated;
//   · a worker SIGTERMed mid-sync: the activity finishes on it, the next worker carries on;
//   · 50 concurrent PUT …/schedule on one connector: all answered, another workspace served meanwhile.
// FAULT_TEMPORAL_OUTAGE_SECONDS shortens the outage for local runs (default 30, as the issue asks).
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { workflowIds } from '../contracts/ids.ts';
import { findSchedule } from '../db/schedules.repository.ts';
import { DEMO_CREDENTIALS } from '../dev/emulator/state.ts';
import { freePort } from '../dev/net.ts';
import { removeCluster, startEmbeddedPostgres, type EmbeddedPg } from '../dev/postgres.ts';
import { startDevTemporal, type DevTemporal } from '../dev/temporal-server.ts';
import { eventually, startTestStack, type ApiResponse, type TestStack } from './helpers/stack.ts';
import { expectedSync } from './helpers/expected.ts';
import { assertCountsAddUp, connectedPagerDuty, fault, recordCount, waitForRun } from './helpers/sync.ts';
import { startWorkerProcess, type WorkerProcess } from './helpers/worker-process.ts';
import { findConnector } from '../db/connectors.repository.ts';

const OUTAGE_MS = Number(process.env.FAULT_TEMPORAL_OUTAGE_SECONDS ?? 30) * 1000;
const PD_KINDS = ['incident', 'log_entry'];
const PAGE_SIZE = 20;

let dir: string;
let pg: EmbeddedPg;
let pgPort: number;
let temporal: DevTemporal;
let temporalPort: number;
let s: TestStack;
const workers: WorkerProcess[] = [];

const startPg = () => startEmbeddedPostgres({ dir: path.join(dir, 'pg'), port: pgPort, password: 'faults', persistent: true });
const startTemporal = () => startDevTemporal({ port: temporalPort, headless: true, dbFilename: path.join(dir, 'temporal.db') });

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'tributary-faults-'));
  chmodSync(dir, 0o755); // ours: the Temporal dev server's file lives here
  [pgPort, temporalPort] = [await freePort(), await freePort()];
  [pg, temporal] = await Promise.all([startPg(), startTemporal()]);
  // This file's stack runs on its own PostgreSQL and Temporal (each test file is its own process).
  process.env.TEST_PG_ADMIN_URL = pg.url('postgres');
  process.env.TEMPORAL_ADDRESS = temporal.address;
  s = await startTestStack({ SYNC_MAX_ATTEMPTS: '20', SYNC_RETRY_INITIAL_MS: '500', SYNC_PAGE_SIZE: String(PAGE_SIZE), TEMPORAL_CALL_TIMEOUT_MS: '2000' }, { worker: false });
  workers.push(await startWorkerProcess(s.env));
});
after(async () => {
  for (const w of workers) await w.kill('SIGKILL');
  await s?.close();
  await temporal?.stop();
  await pg?.stop();
  removeCluster(path.join(dir, 'pg'));
  rmSync(dir, { recursive: true, force: true });
});

const schedule = (id: string) => s.temporal.schedule.getHandle(workflowIds.schedule(id)).describe();

/** A connected PagerDuty connector whose manual sync is paging slowly through `incidents` new incidents, `pages` pages committed. */
async function slowSyncUnderWay(name: string, incidents: number, pages: number): Promise<{ id: string; runId: string; addedIds: string[] }> {
  const { id, firstRunId } = await connectedPagerDuty(s, name);
  await waitForRun(s, id, firstRunId!);
  const added = s.emulator.state.data.add('pagerduty', 'incident', incidents, Date.now() - 10);
  await fault(s, { provider: 'pagerduty', kind: 'slow', remaining: 1000, delay_ms: 200, path: '/incidents' });
  const runId = (await s.api('POST', `/v1/connectors/${id}/sync`)).body.sync_run_id as string;
  await eventually(async () => (await s.api('GET', `/v1/connectors/${id}/sync-runs/${runId}`)).body.pages >= pages, 30_000, `${pages} committed pages`);
  const idOf = s.emulator.state.externalIds.get('pagerduty')!;
  return { id, runId, addedIds: added.map((r) => idOf('incident', r)) };
}

/** Every answer during an outage is a success, a 4xx, or a 503 of the named kind with Retry-After — never another 5xx. */
function assertClear(res: ApiResponse, what: string, code = 'temporal_unavailable'): void {
  if (res.status < 500) return;
  assert.equal(res.status, 503, `${what}: ${res.status} ${res.text}`);
  assert.equal(res.body?.error?.code, code, `${what}: ${res.text}`);
  assert.ok(Number(res.headers.get('retry-after')) > 0, `${what}: Retry-After`);
}

describe('Temporal stopped', () => {
  test(`for ${OUTAGE_MS / 1000} s while clients create, pause, resume, schedule and delete: clear 503s, nothing half-done, converged within a minute of its return`, { timeout: OUTAGE_MS + 240_000 }, async () => {
    const a1 = (await connectedPagerDuty(s, 'to-pause')).id;
    const a2 = (await connectedPagerDuty(s, 'to-resume')).id;
    const a3 = (await connectedPagerDuty(s, 'to-reschedule')).id;
    assert.equal((await s.api('POST', `/v1/connectors/${a2}/pause`)).status, 200);
    // A connector with a long backfill running, to delete during the outage.
    await fault(s, { provider: 'opsgenie', kind: 'slow', remaining: 10_000, delay_ms: 300 });
    const a4 = (await s.api('POST', '/v1/connectors', { type: 'opsgenie', name: 'to-delete' })).body.id as string;
    assert.equal((await s.api('PUT', `/v1/connectors/${a4}/credentials`, DEMO_CREDENTIALS.opsgenie)).body.connector.status, 'connected');
    const end = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000);
    const day = 86_400_000;
    const bf = await s.api('POST', `/v1/connectors/${a4}/backfills`, { start: new Date(end.getTime() - 60 * day).toISOString(), end: end.toISOString() });
    assert.equal(bf.status, 202, bf.text);
    const gh = (await s.api('POST', '/v1/connectors', { type: 'github', name: 'authorize-during-outage' })).body.id as string;
    const fresh = (await s.api('POST', '/v1/connectors', { type: 'pagerduty', name: 'onboard-during-outage' })).body.id as string;
    const runsOfA3 = (await s.api('GET', `/v1/connectors/${a3}/sync-runs`)).body.data.length;

    await temporal.stop();
    const down = Date.now();
    const answers: Array<[string, ApiResponse]> = [];
    const call = async (what: string, method: string, p: string, body?: unknown) => {
      const res = await s.api(method, p, body);
      answers.push([what, res]);
      assertClear(res, what);
      return res;
    };
    // What needs only the database succeeds; Temporal's part is recorded and converges later.
    for (let i = 0; i < 3; i++) assert.equal((await call('create', 'POST', '/v1/connectors', { type: 'pagerduty', name: `made-in-outage-${i}` })).status, 201);
    assert.equal((await call('pause', 'POST', `/v1/connectors/${a1}/pause`)).body.status, 'paused');
    assert.equal((await call('resume', 'POST', `/v1/connectors/${a2}/resume`)).body.status, 'connected');
    const put = await call('schedule', 'PUT', `/v1/connectors/${a3}/schedule`, { interval_minutes: 20 });
    assert.deepEqual([put.status, put.body.applied], [202, false]);
    assert.equal((await call('delete', 'DELETE', `/v1/connectors/${a4}`)).status, 204);
    assert.equal((await call('read schedule', 'GET', `/v1/connectors/${a3}/schedule`)).status, 200);
    // What needs Temporal now is refused, clearly.
    for (const [what, method, p, body] of [
      ['credentials', 'PUT', `/v1/connectors/${fresh}/credentials`, DEMO_CREDENTIALS.pagerduty],
      ['sync now', 'POST', `/v1/connectors/${a3}/sync`, undefined],
      ['test', 'POST', `/v1/connectors/${a3}/test`, undefined],
      ['authorize', 'POST', `/v1/connectors/${gh}/oauth/authorize`, {}],
      ['backfill', 'POST', `/v1/connectors/${a3}/backfills`, { start: new Date(end.getTime() - 2 * day).toISOString(), end: end.toISOString() }],
    ] as const) {
      const res = await call(what, method, p, body);
      assert.equal(res.status, 503, `${what}: ${res.text}`);
    }
    // Clients keep at it for the rest of the outage.
    while (Date.now() - down < OUTAGE_MS) {
      await call('list', 'GET', '/v1/connectors?limit=5');
      await call('pause again', 'POST', `/v1/connectors/${a1}/pause`);
      await call('sync now again', 'POST', `/v1/connectors/${a3}/sync`);
      await new Promise((r) => setTimeout(r, 1000));
    }
    assert.ok(answers.every(([, r]) => r.status < 500 || r.status === 503), 'no 5xx other than 503');

    // Nothing half-done by the refusals.
    const { status, candidate_credentials_enc } = (await findConnector(s.db, fresh))!;
    const freshRow = { status, candidate_credentials_enc };
    assert.deepEqual(freshRow, { status: 'pending', candidate_credentials_enc: null });
    assert.equal((await s.db.selectFrom('oauth_states').select('id').where('connector_id', '=', gh).execute()).length, 0, 'no dangling authorization attempt');
    assert.equal((await s.db.selectFrom('backfills').select('id').where('connector_id', '=', a3).execute()).length, 0, 'no backfill that never started');
    assert.equal((await s.api('GET', `/v1/connectors/${a3}/sync-runs`)).body.data.length, runsOfA3, 'no run that never started');

    temporal = await startTemporal();
    const back = Date.now();
    await eventually(async () => {
      const lagging = await s.db.selectFrom('connector_schedules').select('connector_id').where('applied_version', '<', (eb) => eb.ref('desired_version')).execute();
      return lagging.length === 0;
    }, 60_000, 'every desired version applied');
    assert.equal((await schedule(a1)).state.paused, true);
    assert.equal((await schedule(a2)).state.paused, false);
    assert.equal(Number((await schedule(a3)).spec.intervals?.[0]?.every), 20 * 60_000);
    await assert.rejects(schedule(a4), /not found/i);
    await eventually(async () => (await s.db.selectFrom('backfills').select('status').where('id', '=', bf.body.backfill_id).executeTakeFirstOrThrow()).status === 'cancelled', 60_000, 'the deleted connector\'s backfill cancelled');
    await eventually(async () => (await s.temporal.workflow.getHandle(workflowIds.backfill(bf.body.backfill_id)).describe()).status.name !== 'RUNNING', 60_000, 'its workflow stopped');
    const converged = Date.now() - back;
    assert.ok(converged < 60_000, `converged ${converged} ms after Temporal returned`);
    const a3View = (await s.api('GET', `/v1/connectors/${a3}/schedule`)).body;
    assert.deepEqual([a3View.interval_minutes, a3View.applied], [20, true]);
    // And what was refused works now.
    assert.equal((await s.api('PUT', `/v1/connectors/${fresh}/credentials`, DEMO_CREDENTIALS.pagerduty)).body.connector.status, 'connected');
    s.emulator.state.faults.length = 0;
  });
});

describe('PostgreSQL restarted mid-sync', () => {
  test('the run finishes with every record exactly once; the API answers 503 database_unavailable meanwhile', { timeout: 180_000 }, async () => {
    const { id, runId, addedIds } = await slowSyncUnderWay('pg-restart', 300, 2);

    await pg.stop();
    const during = await s.api('GET', `/v1/connectors/${id}`);
    assertClear(during, 'read while PostgreSQL is down', 'database_unavailable');
    assert.equal(during.status, 503);
    await new Promise((r) => setTimeout(r, 2000));
    pg = await startPg();

    const run = await waitForRun(s, id, runId, 120_000);
    assert.equal(run.status, 'succeeded', JSON.stringify(run));
    const expected = expectedSync(s.emulator.state.data, 'pagerduty', PD_KINDS, run.window, PAGE_SIZE);
    assert.ok(expected.fetched > 0);
    assert.equal(run.records_fetched, expected.fetched, 'no page lost or fetched twice');
    assertCountsAddUp(run);
    const total = await recordCount(s, id);
    const distinct = await s.db.selectFrom('records').select((eb) => eb.fn.count<number>(eb.fn('concat', ['kind', 'external_id'])).distinct().as('n')).where('connector_id', '=', id).executeTakeFirstOrThrow();
    assert.equal(total, Number(distinct.n), 'no duplicates');
    // Every incident added before the sync is stored (by this run, or by a tick that ran just before it).
    const stored = await s.db.selectFrom('records').select('external_id').where('connector_id', '=', id).where('kind', '=', 'incident').where('external_id', 'in', addedIds).execute();
    assert.equal(stored.length, addedIds.length, 'no incident lost');
    s.emulator.state.faults.length = 0;
  });
});

describe('a worker SIGTERMed mid-sync', () => {
  test('the paging activity finishes on the draining worker; the next one carries the run to success, every record once', { timeout: 180_000 }, async () => {
    const { id, runId } = await slowSyncUnderWay('sigterm', 100, 1);

    const old = workers.pop()!;
    const stopping = old.kill('SIGTERM');
    workers.push(await startWorkerProcess(s.env)); // the deploy's new worker
    await stopping;
    assert.match(old.output(), /worker stopped/);
    const run = await waitForRun(s, id, runId, 120_000);
    assert.equal(run.status, 'succeeded', JSON.stringify(run));
    assert.ok(!run.log.some((l: { message: string }) => /attempt 2/.test(l.message)), `finished, not cut off: ${JSON.stringify(run.log)}`);
    const expected = expectedSync(s.emulator.state.data, 'pagerduty', PD_KINDS, run.window, PAGE_SIZE);
    assert.equal(run.records_fetched, expected.fetched, 'no page lost or fetched twice');
    assertCountsAddUp(run);
    assert.equal(await recordCount(s, id) >= expected.distinct, true);
    s.emulator.state.faults.length = 0;
  });
});

describe('50 concurrent schedule writes', () => {
  test('on one connector: all answered, another workspace\'s reads served meanwhile, Temporal ends on the stored schedule', { timeout: 120_000 }, async () => {
    const { id } = await connectedPagerDuty(s, 'stampede');
    const other = (await s.api('POST', '/v1/connectors', { type: 'pagerduty', name: 'neighbour' }, { key: s.keyB })).body.id as string;
    let stop = false;
    const reads: number[] = [];
    const reader = (async () => {
      while (!stop) {
        const r = await s.api('GET', `/v1/connectors/${other}`, undefined, { key: s.keyB });
        assert.equal(r.status, 200, r.text);
        reads.push(r.status);
      }
    })();
    const puts = await Promise.all(Array.from({ length: 50 }, (_, i) => s.api('PUT', `/v1/connectors/${id}/schedule`, { interval_minutes: 5 + i })));
    stop = true;
    await reader;
    assert.deepEqual(puts.filter((p) => p.status !== 200 && p.status !== 202).map((p) => `${p.status} ${p.text}`), []);
    assert.ok(reads.length > 0);
    const row = await eventually(async () => {
      const r = (await findSchedule(s.db, id))!;
      return r.applied_version >= r.desired_version ? r : undefined;
    }, 30_000, 'converged');
    assert.equal(Number((await schedule(id)).spec.intervals?.[0]?.every), row.interval_minutes! * 60_000);
  });
});
