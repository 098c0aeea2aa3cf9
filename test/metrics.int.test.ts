// Metrics: after syncs (manual, scheduled, one hitting a 429) and webhooks, /metrics of the API and of a real worker
// process carry the named series with plausible values, bounded labels, the Temporal SDK's series, health endpoints,
// and the Grafana dashboard refers only to series that exist.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { workflowIds } from '../contracts/ids.ts';
import { ROOT } from '../dev/state.ts';
import { startReceiver, type Receiver } from './helpers/receiver.ts';
import { exportedNames, parseMetrics, promqlMetricNames, total, type Sample } from './helpers/prometheus.ts';
import { eventually, startTestStack, type TestStack } from './helpers/stack.ts';
import { connectedPagerDuty, fault, waitForRun } from './helpers/sync.ts';
import { startWorkerProcess, type WorkerProcess } from './helpers/worker-process.ts';

const TOKEN = 'metrics-token-0123456789abcdef';
let s: TestStack;
let worker: WorkerProcess;
let receiver: Receiver;
let api: Sample[];
let wk: Sample[];
let apiText: string;
let wkText: string;
let runs: any[];
let connectorId: string;

before(async () => {
  receiver = await startReceiver();
  // A week between ticks: the connector's own schedule (its offset is random) never ticks inside this file's minute,
  // so the one tick counted below is the one it triggers.
  s = await startTestStack({ DEFAULT_SYNC_INTERVAL_MINUTES: '10080' }, { worker: false });
  worker = await startWorkerProcess({ ...s.env, METRICS_TOKEN: TOKEN });
  const hook = await s.api('POST', '/v1/webhooks', { url: receiver.url, events: ['*'] });
  assert.equal(hook.status, 201, hook.text);

  const c = await connectedPagerDuty(s, 'metrics');
  connectorId = c.id;
  await waitForRun(s, c.id, c.firstRunId!);
  // A manual sync whose first provider call is refused with a 429 (retried after Retry-After).
  await fault(s, { provider: 'pagerduty', kind: 'rate_limit', remaining: 1, retry_after_s: 1 });
  const manual = await s.api('POST', `/v1/connectors/${c.id}/sync`);
  assert.equal(manual.status, 202, manual.text);
  assert.equal((await waitForRun(s, c.id, manual.body.sync_run_id)).status, 'succeeded');
  // A tick of the connector's real Temporal Schedule.
  await s.temporal.schedule.getHandle(workflowIds.schedule(c.id)).trigger();
  const scheduled = await eventually(async () => {
    const r = await s.api('GET', `/v1/connectors/${c.id}/sync-runs`);
    return r.body.data.find((x: any) => x.trigger === 'schedule' && ['succeeded', 'failed'].includes(x.status));
  }, 60_000, 'a scheduled run');
  assert.equal(scheduled.status, 'succeeded');
  await eventually(async () => receiver.received.some((r) => r.json?.type === 'sync_run.succeeded'), 30_000, 'a webhook delivery');
  await eventually(async () => (await s.db.selectFrom('webhook_deliveries').select('id').where('status', '=', 'delivered').execute()).length > 0, 30_000, 'a delivered delivery row');
  runs = (await s.api('GET', `/v1/connectors/${c.id}/sync-runs`)).body.data;

  apiText = (await s.api('GET', '/metrics', undefined, { key: null })).text;
  api = parseMetrics(apiText);
  const res = await fetch(`http://127.0.0.1:${worker.port}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  assert.equal(res.status, 200);
  wkText = await res.text();
  wk = parseMetrics(wkText);
});

after(async () => {
  await worker?.kill('SIGTERM');
  await s?.close();
  await receiver?.close();
});

test('the API counts requests by route template, status and latency — never by id', () => {
  assert.ok(total(api, 'tributary_http_requests_total', { method: 'PUT', route: '/v1/connectors/:id/credentials', status: '200' }) >= 1);
  assert.ok(total(api, 'tributary_http_requests_total', { method: 'POST', route: '/v1/connectors/:id/sync', status: '202' }) >= 1);
  assert.ok(total(api, 'tributary_http_requests_total', { method: 'GET', route: '/v1/connectors/:id/sync-runs' }) >= 3);
  assert.ok(total(api, 'tributary_http_request_duration_seconds_count', { method: 'POST', route: '/v1/connectors' }) >= 1);
  const sum = total(api, 'tributary_http_request_duration_seconds_sum', { method: 'PUT', route: '/v1/connectors/:id/credentials' });
  assert.ok(sum > 0 && sum < 60, `credentials latency sum ${sum}`);
  assert.ok(total(api, 'process_resident_memory_bytes') > 0, 'Node process metrics');
});

test('the worker reports runs, records, provider calls, 429s, webhooks, the outbox, schedule lag and connectors', () => {
  const pd = { connector_type: 'pagerduty' };
  assert.equal(total(wk, 'tributary_sync_runs_total', { ...pd, outcome: 'succeeded' }), runs.filter((r) => r.status === 'succeeded').length);
  assert.equal(total(wk, 'tributary_sync_runs_total', { ...pd, trigger: 'schedule', outcome: 'succeeded' }), 1);
  assert.equal(total(wk, 'tributary_sync_run_duration_seconds_count', { ...pd, outcome: 'succeeded' }), 3);
  const fetched = runs.reduce((n, r) => n + r.records_fetched, 0);
  assert.ok(fetched > 0);
  assert.equal(total(wk, 'tributary_records_ingested_total', { ...pd, source: 'sync' }), fetched);
  const pages = runs.reduce((n, r) => n + r.pages, 0);
  assert.ok(total(wk, 'tributary_provider_requests_total', { ...pd, status_class: '2xx' }) >= pages, 'every page is a 2xx provider call');
  assert.ok(total(wk, 'tributary_provider_requests_total', { ...pd, status_class: '4xx' }) >= 1, 'the 429');
  assert.ok(total(wk, 'tributary_provider_request_duration_seconds_count', pd) >= pages + 1);
  assert.equal(total(wk, 'tributary_provider_errors_total', { ...pd, code: 'rate_limited' }), 1);
  assert.equal(total(wk, 'tributary_provider_rate_limit_waits_total', pd), 1);
  assert.match(wkText, /^# TYPE tributary_provider_rate_limit_wait_seconds_total counter$/m);
  assert.ok(total(wk, 'tributary_webhook_attempts_total', { outcome: 'success', status_class: '2xx' }) >= 1);
  assert.ok(total(wk, 'tributary_webhook_deliveries_total', { outcome: 'delivered' }) >= 1);
  assert.ok(total(wk, 'tributary_webhook_attempt_duration_seconds_count', { outcome: 'success' }) >= 1);
  for (const g of ['tributary_outbox_backlog_events', 'tributary_outbox_oldest_event_age_seconds', 'tributary_webhook_deliveries_unstarted']) {
    const v = wk.find((x) => x.name === g)?.value;
    assert.ok(v !== undefined && v >= 0 && v < 1000, `${g} = ${v}`);
  }
  assert.equal(total(wk, 'tributary_connectors', { ...pd, status: 'connected' }), 1);
  assert.equal(total(wk, 'tributary_scheduled_ticks_total', { ...pd, outcome: 'started' }), 1);
  assert.equal(total(wk, 'tributary_schedule_lag_seconds_count'), 1);
  const lag = total(wk, 'tributary_schedule_lag_seconds_sum');
  assert.ok(lag >= 0 && lag < 60, `schedule lag ${lag}s`);
});

test('the worker\'s /metrics carries the Temporal SDK\'s runtime metrics in the same scrape', () => {
  assert.ok(total(wk, 'temporal_worker_task_slots_available') > 0);
  // The first and the manual sync are sync workflows; the scheduled one ran inside its tick's workflow.
  assert.ok(total(wk, 'temporal_workflow_completed_total', { workflow_type: 'syncWorkflow' }) >= 2);
  assert.ok(total(wk, 'temporal_workflow_completed_total', { workflow_type: 'scheduledSyncWorkflow' }) >= 1);
  // The first and the manual sync's pages are activity tasks on the I/O queue; the tick's, a local pass (revision 4).
  assert.ok(total(wk, 'temporal_activity_execution_latency_count', { activity_type: 'syncPages' }) >= 2);
  assert.ok(total(wk, 'temporal_local_activity_execution_latency_count', { activity_type: 'syncPages' }) >= 1);
  // Durations in seconds (useSecondsForDurations), like Tributary's own.
  const sum = total(wk, 'temporal_activity_execution_latency_sum', { activity_type: 'syncPages' });
  assert.ok(sum > 0 && sum < 120, `syncPages seconds ${sum}`);
});

test('labels are bounded: no connector, run, delivery or event id anywhere', () => {
  const ids = /\b(con|run|whd|evt|bf|ws|wh)_[0-9a-z]{26}\b/;
  for (const x of [...api, ...wk]) for (const v of Object.values(x.labels)) assert.doesNotMatch(v, ids, `${x.name} ${JSON.stringify(x.labels)}`);
  assert.ok(!api.some((x) => x.labels.route?.includes(connectorId)));
});

test('the worker\'s port: /metrics wants the token, /healthz and /readyz report the pollers and PostgreSQL', async () => {
  const base = `http://127.0.0.1:${worker.port}`;
  assert.equal((await fetch(`${base}/metrics`)).status, 401);
  assert.equal((await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer wrong-token-wrong-token-xx' } })).status, 401);
  const health = await fetch(`${base}/healthz`);
  assert.equal(health.status, 200);
  const ready = await fetch(`${base}/readyz`);
  assert.equal(ready.status, 200);
  assert.deepEqual(await ready.json(), { status: 'ok', checks: { temporal: { ok: true }, postgres: { ok: true } } });
});

test('the Grafana dashboard refers only to series the API or the worker export', () => {
  const dashboard = JSON.parse(readFileSync(path.join(ROOT, 'deploy/grafana/tributary.json'), 'utf8'));
  const exported = new Set([...exportedNames(apiText), ...exportedNames(wkText)]);
  const used = new Set<string>();
  for (const panel of dashboard.panels) {
    assert.ok(panel.targets?.length, `panel "${panel.title}" has queries`);
    for (const t of panel.targets) for (const name of promqlMetricNames(t.expr)) used.add(name);
  }
  const missing = [...used].filter((n) => !exported.has(n));
  assert.deepEqual(missing, [], `dashboard series not exported: ${missing.join(', ')}`);
  for (const must of ['tributary_sync_runs_total', 'tributary_records_ingested_total', 'tributary_provider_requests_total', 'tributary_webhook_deliveries_total', 'tributary_outbox_backlog_events', 'tributary_schedule_lag_seconds_bucket', 'tributary_connectors']) {
    assert.ok(used.has(must), `dashboard shows ${must}`);
  }
});
