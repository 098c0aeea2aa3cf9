// Re-records the workflow histories the replay test (test/replay.test.ts) checks new workflow code against:
// `npm run record-histories`. Starts its own PostgreSQL, Temporal dev server and emulator, drives every
// workflow type through the public API, and writes one JSON history per type to test/fixtures/histories/.
// Re-record only on purpose: the fixtures stand for workflows already running in production; name types
// (`npm run record-histories -- retentionWorkflow`) to add a new type without touching the others.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import proto from '@temporalio/proto';
import { startBenchStack, startInfra, waitUntil, type BenchStack } from '../../bench/infra.ts';
import { DEMO_KEYS } from '../../dev/emulator/state.ts';
import { ROOT } from '../../dev/state.ts';
import { workflowIds } from '../../contracts/ids.ts';
import { createOrchestrator, retentionSettings } from '../../services/orchestrator.ts';
import { continueLink } from '../helpers/oauth.ts';
import { startReceiver } from '../helpers/receiver.ts';

export const HISTORY_DIR = path.join(ROOT, 'test/fixtures/histories');

/** Follows an authorize URL to the provider's consent (auto-approved) and returns the provider's redirect. */
async function consent(s: BenchStack, authorizeUrl: string): Promise<string> {
  let providerUrl = authorizeUrl;
  if (authorizeUrl.startsWith(s.config.PUBLIC_URL)) {
    // Our own start page names the workspace and connector, then links to the provider.
    const u = new URL(authorizeUrl);
    const page = await (await s.app.request(`${u.pathname}${u.search}`)).text();
    providerUrl = continueLink(page)!;
  }
  const res = await fetch(`${providerUrl}&emulator_auto=approve`, { redirect: 'manual' });
  assert.equal(res.status, 302);
  return res.headers.get('location')!;
}

async function closed(s: BenchStack, workflowId: string): Promise<void> {
  await waitUntil(async () => ((await s.temporal.workflow.getHandle(workflowId).describe()).status.name !== 'RUNNING' ? true : undefined), 60_000);
}

async function main(): Promise<void> {
  const log = (l: string) => console.log(`[record] ${l}`);
  const infra = await startInfra(log);
  const receiver = await startReceiver();
  const s = await startBenchStack(infra, {
    volume: 2,
    emulatorInProcess: true,
    env: { WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_RETRY_SCHEDULE: '1s,1s,1s', SYNC_RETRY_INITIAL_MS: '200', PUBLIC_URL: 'http://localhost:3999' },
  });
  const ids: Record<string, string> = {};
  try {
    // onboardingWorkflow, and the first sync it starts (syncWorkflow)
    const pd = (await s.api('POST', '/v1/connectors', { type: 'pagerduty' })).body;
    const put = await s.api('PUT', `/v1/connectors/${pd.id}/credentials`, { api_key: DEMO_KEYS.pagerduty });
    assert.equal(put.body.connector.status, 'connected');
    ids.onboardingWorkflow = put.body.workflow_id;
    const first = await waitUntil(async () => (await s.api('GET', `/v1/connectors/${pd.id}/sync-runs`)).body.data.find((r: any) => r.status === 'succeeded'), 60_000);
    ids.syncWorkflow = first.workflow_id;

    // connectionTestWorkflow
    assert.equal((await s.api('POST', `/v1/connectors/${pd.id}/test`)).body.success, true);
    for await (const wf of s.temporal.workflow.list({ query: `WorkflowType = "connectionTestWorkflow" AND TaskQueue = "${s.config.TEMPORAL_TASK_QUEUE}"` })) ids.connectionTestWorkflow = wf.workflowId;

    // scheduledSyncWorkflow: one tick of the connector's schedule
    const schedule = s.temporal.schedule.getHandle(workflowIds.schedule(pd.id));
    await schedule.trigger();
    ids.scheduledSyncWorkflow = await waitUntil(async () => (await schedule.describe()).info.recentActions[0]?.action.workflow.workflowId, 30_000);

    // backfillWorkflow: three one-day chunks
    const end = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000);
    const bf = await s.api('POST', `/v1/connectors/${pd.id}/backfills`, { start: new Date(end.getTime() - 3 * 86_400_000).toISOString(), end: end.toISOString() });
    assert.equal(bf.status, 202);
    ids.backfillWorkflow = bf.body.workflow_id;

    // oauthOnboardingWorkflow: authorize → consent → callback
    const gh = (await s.api('POST', '/v1/connectors', { type: 'github' })).body;
    const auth = (await s.api('POST', `/v1/connectors/${gh.id}/oauth/authorize`, {})).body;
    const back = new URL(await consent(s, auth.authorize_url));
    assert.equal((await s.app.request(`${back.pathname}${back.search}`)).status, 200);
    ids.oauthOnboardingWorkflow = auth.workflow_id;

    // webhookDeliveryWorkflow: the ping, refused once, then delivered after a retry timer
    receiver.script.push(500);
    const wh = await s.api('POST', '/v1/webhooks', { url: receiver.url, events: ['*'] });
    assert.equal(wh.status, 201);
    const delivery = await waitUntil(async () => (await s.db.selectFrom('webhook_deliveries').select('id').where('endpoint_id', '=', wh.body.id).executeTakeFirst())?.id, 10_000);
    ids.webhookDeliveryWorkflow = workflowIds.webhookDelivery(delivery);

    // retentionWorkflow: one tick of the maintenance schedule (the worker process creates it at start; here the
    // worker is in-process, so the schedule is made the same way)
    await createOrchestrator({ client: s.temporal, config: s.config }).maintenance.ensureRetentionSchedule(retentionSettings(s.config), s.config.RETENTION_INTERVAL_MINUTES);
    const retention = s.temporal.schedule.getHandle(workflowIds.retentionSchedule(s.config.TEMPORAL_TASK_QUEUE));
    await retention.trigger();
    ids.retentionWorkflow = await waitUntil(async () => (await retention.describe()).info.recentActions[0]?.action.workflow.workflowId, 30_000);

    // `npm run record-histories -- <type>…` re-records only the named types (a new workflow type, not the old ones).
    const only = process.argv.slice(2);
    mkdirSync(HISTORY_DIR, { recursive: true });
    for (const [type, workflowId] of Object.entries(ids).filter(([t]) => only.length === 0 || only.includes(t))) {
      await closed(s, workflowId);
      const history = await s.temporal.workflow.getHandle(workflowId).fetchHistory();
      // protobufjs's own JSON form (longs and bytes as strings, enums by name); read back with History.fromObject.
      writeFileSync(path.join(HISTORY_DIR, `${type}.json`), `${JSON.stringify(proto.temporal.api.history.v1.History.fromObject(history).toJSON(), null, 1)}\n`);
      log(`${type}: ${workflowId} (${history.events?.length ?? 0} events)`);
    }
  } finally {
    await s.close();
    await receiver.close();
    await infra.stop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
