// A worker process killed (SIGKILL) in the middle of a sync: the run finishes on a new worker and
// every record is stored exactly once.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DEMO_KEYS } from '../dev/emulator/state.ts';
import { eventually, startTestStack, type TestStack } from './helpers/stack.ts';
import { assertCountsAddUp, emulatorSync, fault, recordCount, waitForRun } from './helpers/sync.ts';
import { startWorkerProcess, type WorkerProcess } from './helpers/worker-process.ts';

let s: TestStack;
const workers: WorkerProcess[] = [];
before(async () => {
  // Small pages and a short heartbeat timeout so the crash lands mid-run and the retry comes quickly.
  s = await startTestStack({ SYNC_PAGE_SIZE: '10', SYNC_HEARTBEAT_TIMEOUT_SECONDS: '3', SYNC_MAX_ATTEMPTS: '10' }, { worker: false });
});
after(async () => {
  for (const w of workers) await w.kill();
  await s?.close();
});

test('the worker killed mid-sync: the run finishes after a restart, each record exactly once', { timeout: 180_000 }, async () => {
  workers.push(await startWorkerProcess(s.env));
  const c = await s.api('POST', '/v1/connectors', { type: 'pagerduty', name: 'crashy' });
  // Slow pages so the sync is still running when the worker dies.
  await fault(s, { provider: 'pagerduty', kind: 'slow', remaining: 1000, delay_ms: 150, path: '/log_entries' });
  const put = await s.api('PUT', `/v1/connectors/${c.body.id}/credentials`, { api_key: DEMO_KEYS.pagerduty });
  assert.equal(put.body.connector.status, 'connected', put.text);
  const runId = (await s.api('GET', `/v1/connectors/${c.body.id}/sync-runs`)).body.data[0].id;

  await eventually(async () => (await s.api('GET', `/v1/connectors/${c.body.id}/sync-runs/${runId}`)).body.pages >= 3, 60_000, 'a few committed pages');
  await workers[0]!.kill('SIGKILL');
  const atKill = (await s.api('GET', `/v1/connectors/${c.body.id}/sync-runs/${runId}`)).body;
  assert.equal(atKill.status, 'running', 'the run was in flight when the worker died');
  assert.ok(atKill.pages < 30, `still mid-run (${atKill.pages} pages)`);

  workers.push(await startWorkerProcess(s.env));
  const run = await waitForRun(s, c.body.id, runId, 120_000);
  assert.equal(run.status, 'succeeded', JSON.stringify(run));
  const expected = emulatorSync(s, 'pagerduty', ['incident', 'log_entry'], run.window, 10);
  assert.equal(await recordCount(s, c.body.id), expected.distinct, 'every record stored');
  assert.equal(run.records_added, expected.distinct, 'nothing counted twice');
  assert.equal(run.records_fetched, expected.fetched, 'no committed page fetched again');
  assertCountsAddUp(run);
  const dupes = await s.db
    .selectFrom('records')
    .select(['kind', 'external_id'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('connector_id', '=', c.body.id)
    .groupBy(['kind', 'external_id'])
    .having((eb) => eb.fn.countAll(), '>', 1)
    .execute();
  assert.deepEqual(dupes, []);
  assert.ok(run.log.some((l: { message: string }) => /attempt 2: resuming/.test(l.message)), JSON.stringify(run.log));
});
