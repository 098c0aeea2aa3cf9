// WORKER_QUEUES: a worker process may poll only the main task queue (workflows and control steps) or only the I/O
// queue (sync pages, backfill chunks, webhook attempts). Split, a connector is onboarded by the main-only worker while
// no one runs pages; its first sync waits on the I/O queue until an I/O-only `tributary worker` starts, then finishes.
// Temporal's own poller lists show who polls what, and the I/O-only process reports itself ready.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import proto from '@temporalio/proto';
import { taskQueues } from '../contracts/ids.ts';
import { eventually, startTestStack, type TestStack } from './helpers/stack.ts';
import { connectedPagerDuty, waitForRun } from './helpers/sync.ts';
import { startWorkerProcess, type WorkerProcess } from './helpers/worker-process.ts';

const { TaskQueueType } = proto.temporal.api.enums.v1;

let s: TestStack;
let io: WorkerProcess | undefined;
before(async () => {
  s = await startTestStack({ WORKER_QUEUES: 'main' });
});
after(async () => {
  await io?.kill('SIGTERM');
  await s?.close();
});

/** The identities polling a task queue for one kind of task, as Temporal lists them. */
async function pollers(queue: string, type: proto.temporal.api.enums.v1.TaskQueueType): Promise<string[]> {
  const res = await s.temporal.workflowService.describeTaskQueue({ namespace: s.config.TEMPORAL_NAMESPACE, taskQueue: { name: queue }, taskQueueType: type });
  return (res.pollers ?? []).map((p) => p.identity ?? '');
}

test('a main-only worker onboards; the first sync\'s pages wait for an I/O-only worker, which then runs them', { timeout: 120_000 }, async () => {
  const main = s.config.TEMPORAL_TASK_QUEUE;
  const ioQueue = taskQueues.io(main);
  const { id, firstRunId } = await connectedPagerDuty(s, 'split');
  assert.ok(firstRunId, 'onboarding (main queue only) connected it and started its first sync');

  // No one polls the I/O queue: the sync's pages are scheduled there and not started.
  const run = (await s.api('GET', `/v1/connectors/${id}/sync-runs/${firstRunId}`)).body;
  await eventually(async () => {
    const events = (await s.temporal.workflow.getHandle(run.workflow_id).fetchHistory()).events ?? [];
    return events.some((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'syncPages' && e.activityTaskScheduledEventAttributes.taskQueue?.name === ioQueue) || undefined;
  }, 20_000, 'the pages scheduled on the I/O queue');
  await new Promise((r) => setTimeout(r, 1500));
  const events = (await s.temporal.workflow.getHandle(run.workflow_id).fetchHistory()).events ?? [];
  assert.ok(!events.some((e) => e.activityTaskStartedEventAttributes), 'no worker took the pages');
  assert.equal((await s.api('GET', `/v1/connectors/${id}/sync-runs/${firstRunId}`)).body.status, 'running');
  assert.deepEqual(await pollers(ioQueue, TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY), [], 'the main-only worker does not poll the I/O queue');

  io = await startWorkerProcess({ ...s.env, WORKER_QUEUES: 'io' });
  assert.match(io.output(), /"queues":\["io"\]/, 'its start line names its queues');
  assert.equal((await waitForRun(s, id, firstRunId!)).status, 'succeeded');

  // Who polls what, from Temporal: the process only the I/O queue; the test's worker only the main queue.
  const child = `${io.child.pid}@`;
  const ioPollers = await pollers(ioQueue, TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY);
  assert.ok(ioPollers.length > 0 && ioPollers.every((p) => p.startsWith(child)), ioPollers.join(', '));
  const mainPollers = [...(await pollers(main, TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW)), ...(await pollers(main, TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY))];
  assert.ok(mainPollers.length > 0 && !mainPollers.some((p) => p.startsWith(child)), mainPollers.join(', '));

  // An I/O-only worker has no workflow poller: its readiness is its activity poller's, and it is ready.
  const ready = await fetch(`http://127.0.0.1:${io.port}/readyz`);
  assert.equal(ready.status, 200, await ready.text());
});
