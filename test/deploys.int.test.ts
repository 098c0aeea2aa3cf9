// Deploys: a SIGTERMed API process finishes the requests in flight but stops at its drain deadline; a
// SIGTERMed worker lets the running sync activity finish (shutdownGraceTime) before it exits.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import proto from '@temporalio/proto';
import { workflowIds } from '../contracts/ids.ts';
import { freePort, portOpen } from '../dev/net.ts';
import { ROOT } from '../dev/state.ts';
import { DEMO_CREDENTIALS } from '../dev/emulator/state.ts';
import { eventually, startTestStack, type TestStack } from './helpers/stack.ts';
import { fault, waitForRun } from './helpers/sync.ts';
import { startWorkerProcess, type WorkerProcess } from './helpers/worker-process.ts';

let s: TestStack;
let worker: WorkerProcess;
before(async () => {
  s = await startTestStack({}, { worker: false });
  worker = await startWorkerProcess({ ...s.env, WORKER_SHUTDOWN_GRACE_SECONDS: '60' });
});
after(async () => {
  await worker?.kill('SIGKILL');
  await s?.close();
});

async function startApiProcess(env: Record<string, string>): Promise<{ child: ChildProcess; port: number; output: () => string }> {
  const port = await freePort();
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...s.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info' };
  delete childEnv.NODE_TEST_CONTEXT;
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/tributary.mjs'), 'api'], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += String(d)));
  child.stderr!.on('data', (d) => (out += String(d)));
  await eventually(async () => out.includes('api listening'), 60_000, 'the API process to listen');
  return { child, port, output: () => out };
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));

describe('API process', () => {
  test('SIGTERM: requests in flight are answered, new connections refused, and the process stops at its drain deadline', { timeout: 180_000 }, async () => {
    const api = await startApiProcess({ API_DRAIN_SECONDS: '10' });
    const call = (method: string, p: string, body?: unknown) =>
      fetch(`http://127.0.0.1:${api.port}${p}`, { method, headers: { authorization: `Bearer ${s.keyA}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const quick = await (await call('POST', '/v1/connectors', { type: 'pagerduty', name: 'quick' })).json() as { id: string };
    const stuck = await (await call('POST', '/v1/connectors', { type: 'opsgenie', name: 'stuck' })).json() as { id: string };
    await fault(s, { provider: 'pagerduty', kind: 'slow', remaining: 1, delay_ms: 1000 });
    await fault(s, { provider: 'opsgenie', kind: 'slow', remaining: 1, delay_ms: 90_000 });
    const shortRequest = call('PUT', `/v1/connectors/${quick.id}/credentials`, DEMO_CREDENTIALS.pagerduty);
    const longRequest = call('PUT', `/v1/connectors/${stuck.id}/credentials`, DEMO_CREDENTIALS.opsgenie).then((r) => r.status, (err: Error) => err.message);
    await eventually(async () => s.emulator.state.faults.every((f) => f.remaining === 0), 20_000, 'both requests waiting on the provider');

    const signalled = Date.now();
    api.child.kill('SIGTERM');
    const short = await shortRequest;
    assert.equal(short.status, 200, 'a request in flight at SIGTERM is still answered');
    assert.equal(((await short.json()) as { connector: { status: string } }).connector.status, 'connected');
    await eventually(async () => !(await portOpen(api.port)), 5000, 'the listener closed');
    const code = await exited(api.child);
    const took = Date.now() - signalled;
    assert.equal(code, 0, api.output());
    assert.ok(took < 45_000, `stopped at the 10 s drain deadline, not after the 90 s request (${took} ms)`);
    assert.match(api.output(), /drain deadline reached/);
    assert.notEqual(await longRequest, 200, 'the request still open at the deadline was cut off');
  });
});

describe('worker process', () => {
  test('SIGTERM mid-sync: the running activity finishes on the draining worker before it exits; the next worker carries on', { timeout: 120_000 }, async () => {
    const c = await s.api('POST', '/v1/connectors', { type: 'pagerduty', name: 'deploy-mid-sync' });
    const put = await s.api('PUT', `/v1/connectors/${c.body.id}/credentials`, DEMO_CREDENTIALS.pagerduty);
    assert.equal(put.body.connector.status, 'connected', put.text);
    const first = (await s.api('GET', `/v1/connectors/${c.body.id}/sync-runs`)).body.data[0];
    await waitForRun(s, c.body.id, first.id);
    // Nothing else may page PagerDuty meanwhile (earlier connectors' first syncs).
    await eventually(async () => (await s.db.selectFrom('sync_runs').select('id').where('status', 'in', ['queued', 'running']).execute()).length === 0, 30_000, 'other syncs done');
    s.emulator.state.data.add('pagerduty', 'incident', 5, Date.now() - 10);
    await fault(s, { provider: 'pagerduty', kind: 'slow', remaining: 2, delay_ms: 2500 });
    const sync = await s.api('POST', `/v1/connectors/${c.body.id}/sync`);
    // The paging activity is running on this worker (Temporal says so: another connector's retried connection test may
    // be the one that met the slow responses, so the emulator's fault counter alone does not prove it).
    const handle = s.temporal.workflow.getHandle(workflowIds.sync(c.body.id, sync.body.sync_run_id));
    await eventually(async () => {
      const pending = (await handle.describe()).raw.pendingActivities ?? [];
      return pending.some((a) => a.activityType?.name === 'syncPages' && a.state === proto.temporal.api.enums.v1.PendingActivityState.PENDING_ACTIVITY_STATE_STARTED);
    }, 30_000, 'the sync paging');

    await worker.kill('SIGTERM');
    const drained = (await s.api('GET', `/v1/connectors/${c.body.id}/sync-runs/${sync.body.sync_run_id}`)).body;
    assert.ok(drained.log.some((l: { message: string }) => l.message === 'log_entry: done'), `the paging activity finished before the worker exited: ${JSON.stringify(drained.log)}\n${worker.output().slice(-3000)}`);
    assert.match(worker.output(), /worker draining[\s\S]*worker stopped/);
    // The next worker (the deploy's new version) takes the workflow on from there; nothing is fetched twice.
    worker = await startWorkerProcess({ ...s.env });
    const run = await waitForRun(s, c.body.id, sync.body.sync_run_id);
    assert.equal(run.status, 'succeeded', JSON.stringify(run));
    assert.ok(!run.log.some((l: { message: string }) => /attempt 2/.test(l.message)), 'the activity was not cut off and retried');
    assert.equal(run.pages, drained.pages);
  });
});
