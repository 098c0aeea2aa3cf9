// Tracing: one "sync now" exported over OTLP/HTTP to a receiver in this test is one trace — the API request span,
// the workflow start and run, its activities, every provider HTTP call and SQL statement — and the request id
// reaches the workflow's and the activities' log lines.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { workflowIds } from '../contracts/ids.ts';
import { startTracing, type Tracing } from '../lib/tracing.ts';
import { eventually, startTestStack, type TestStack } from './helpers/stack.ts';
import { connectedPagerDuty, waitForRun } from './helpers/sync.ts';

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  service: string;
  attributes: Record<string, unknown>;
}

const spans: OtlpSpan[] = [];
let receiver: http.Server;
let tracing: Tracing;
let s: TestStack;
let requestId: string;
let runId: string;
let connectorId: string;

function attrs(list: Array<{ key: string; value: Record<string, unknown> }> = []): Record<string, unknown> {
  return Object.fromEntries(list.map((a) => [a.key, Object.values(a.value)[0]]));
}

before(async () => {
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += String(d)));
    req.on('end', () => {
      assert.equal(req.url, '/v1/traces');
      for (const rs of JSON.parse(body).resourceSpans ?? []) {
        const service = String(attrs(rs.resource?.attributes)['service.name']);
        for (const ss of rs.scopeSpans ?? []) {
          for (const sp of ss.spans ?? []) spans.push({ traceId: sp.traceId, spanId: sp.spanId, parentSpanId: sp.parentSpanId || undefined, name: sp.name, service, attributes: attrs(sp.attributes) });
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  tracing = startTracing({ OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`, OTEL_SDK_DISABLED: false, OTEL_SERVICE_NAME: 'tributary-test' }, 'x')!;
  assert.ok(tracing, 'tracing starts when an OTLP endpoint is configured');
  s = await startTestStack();
  const c = await connectedPagerDuty(s, 'traced');
  connectorId = c.id;
  await waitForRun(s, c.id, c.firstRunId!);
  const res = await s.api('POST', `/v1/connectors/${c.id}/sync`);
  assert.equal(res.status, 202, res.text);
  requestId = res.headers.get('x-request-id')!;
  runId = res.body.sync_run_id;
  assert.equal((await waitForRun(s, c.id, runId)).status, 'succeeded');
});

after(async () => {
  await s?.close();
  await tracing?.shutdown();
  await new Promise<void>((resolve) => receiver?.close(() => resolve()));
});

test('one trace id from the API request through the workflow and its activities to each provider call and SQL statement', async () => {
  const trace = await eventually(async () => {
    await tracing.flush();
    const root = spans.find((x) => x.name === 'POST /v1/connectors/:id/sync' && x.attributes['x-request-id'] === requestId);
    if (!root) return undefined;
    const inTrace = spans.filter((x) => x.traceId === root.traceId);
    const names = new Set(inTrace.map((x) => x.name));
    const complete = ['StartWorkflow:syncWorkflow', 'RunWorkflow:syncWorkflow', 'StartActivity:syncPages', 'RunActivity:syncPages', 'RunActivity:finishSyncRun'].every((n) => names.has(n));
    return complete && inTrace.some((x) => x.attributes['tributary.connector_type'] === 'pagerduty') ? { root, inTrace } : undefined;
  }, 30_000, 'the sync trace to be exported');
  const { root, inTrace } = trace;
  assert.equal(root.parentSpanId, undefined, 'the API span is the root');
  assert.equal(root.attributes['http.route'], '/v1/connectors/:id/sync');
  assert.equal(root.attributes['http.response.status_code'], 202);
  const byId = new Map(inTrace.map((x) => [x.spanId, x]));
  const ancestry = (x: OtlpSpan) => {
    const names: string[] = [];
    for (let p = x.parentSpanId ? byId.get(x.parentSpanId) : undefined; p; p = p.parentSpanId ? byId.get(p.parentSpanId) : undefined) names.push(p.name);
    return names;
  };
  // Each provider call hangs under the syncPages activity, which hangs under the workflow, under the API request.
  const calls = inTrace.filter((x) => x.attributes['tributary.connector_type'] === 'pagerduty');
  assert.ok(calls.length >= 2, `provider spans: ${calls.length}`);
  for (const call of calls) {
    assert.match(call.name, /^GET 127\.0\.0\.1:\d+$/);
    assert.equal(call.attributes['http.response.status_code'], 200);
    assert.doesNotMatch(String(call.attributes['url.path']), /\?/, 'no query string (it may carry tokens)');
    const up = ancestry(call);
    assert.deepEqual(up.slice(0, 1), ['RunActivity:syncPages'], up.join(' < '));
    assert.ok(up.includes('RunWorkflow:syncWorkflow') && up.at(-1) === 'POST /v1/connectors/:id/sync', up.join(' < '));
  }
  // SQL statements appear both under the API request and under the activities, in the same trace.
  const sqlSpans = inTrace.filter((x) => x.attributes['db.system'] === 'postgresql');
  assert.ok(sqlSpans.some((x) => x.parentSpanId === root.spanId), 'SQL of the request itself');
  assert.ok(sqlSpans.some((x) => ancestry(x)[0] === 'RunActivity:syncPages' && /from "sync_runs"/i.test(String(x.attributes['db.statement']))), 'the run read under syncPages');
  assert.ok(sqlSpans.some((x) => ancestry(x)[0] === 'RunActivity:finishSyncRun' && /update "sync_runs"/i.test(String(x.attributes['db.statement']))), 'the run finished under finishSyncRun');
  for (const q of sqlSpans) assert.doesNotMatch(String(q.attributes['db.statement']), /demo_pagerduty_key/, 'statements carry placeholders, never values');
  assert.deepEqual(new Set(inTrace.map((x) => x.service)), new Set(['tributary-test']));
});

test('the request id reaches the workflow\'s and its activities\' log lines', async () => {
  const lines = () => s.logs.map((l) => JSON.parse(l)).filter((l) => l.temporal?.request_id === requestId);
  const mine = await eventually(async () => {
    const ls = lines();
    return ls.some((l) => l.msg === 'Workflow completed' && l.temporal.workflowType === 'syncWorkflow') && ls.some((l) => l.msg === 'Activity completed' && l.temporal.activityType === 'syncPages') ? ls : undefined;
  }, 20_000, `log lines with request_id ${requestId}`);
  assert.ok(mine.every((l) => !l.temporal.workflowId || l.temporal.workflowId.includes(runId)), 'only this run\'s lines carry it');
  // A sync started by the schedule (no request) carries none.
  assert.ok(s.logs.some((l) => l.includes('"workflowType":"syncWorkflow"') && !l.includes('request_id')));
});

test('a workflow whose start carried no trace context is not traced; its activities still are, each its own trace', async () => {
  // A scheduled tick is started by Temporal's scheduler, with no caller to continue: neither it nor the sync it starts
  // loads OpenTelemetry in the workflow sandbox (what makes an untraced workflow cheap), and each activity span is a root.
  await s.temporal.schedule.getHandle(workflowIds.schedule(connectorId)).trigger();
  const run = await eventually(async () => {
    const r = await s.db.selectFrom('sync_runs').select(['id', 'workflow_id', 'status']).where('connector_id', '=', connectorId).where('trigger', '=', 'schedule').executeTakeFirst();
    return r?.status === 'succeeded' ? r : undefined;
  }, 30_000, 'the scheduled sync to succeed');
  const pages = await eventually(async () => {
    await tracing.flush();
    return spans.find((x) => x.name === 'RunActivity:syncPages' && x.attributes.temporalWorkflowId === run.workflow_id);
  }, 20_000, 'the scheduled sync\'s page activity span');
  assert.equal(pages.parentSpanId, undefined, 'the activity span is a root: its workflow was not traced');
  assert.ok(spans.some((x) => x.traceId === pages.traceId && x.attributes['db.system'] === 'postgresql'), 'its SQL statements hang under it');
  assert.ok(!spans.some((x) => x.name === 'RunWorkflow:scheduledSyncWorkflow'), 'the tick workflow made no span');
  assert.ok(!spans.some((x) => x.traceId === pages.traceId && x.name.startsWith('RunWorkflow:')), 'the sync workflow made no span');
  // The API-started sync of the first test was traced in the same worker: the choice is per workflow.
  assert.ok(spans.some((x) => x.name === 'RunWorkflow:syncWorkflow'));
});
