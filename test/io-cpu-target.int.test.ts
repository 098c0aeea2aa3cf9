// The I/O queue yields to the API on a busy machine (WORKER_IO_CPU_TARGET, worker/sizing.ts): its activity slots
// follow the machine's CPU — above the target it takes no new activity beyond those its pollers already held — so
// bulk pages do not crowd out onboarding and the control steps. What it does not take waits on the I/O queue in
// Temporal and runs once there is room: nothing is lost.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { availableParallelism, setPriority } from 'node:os';
import { after, before, test } from 'node:test';
import { IO_TUNED_POLLERS } from '../worker/sizing.ts';
import { startTestStack, type TestStack } from './helpers/stack.ts';
import { connectedPagerDuty, fault, waitForRun } from './helpers/sync.ts';

const SYNCS = 8;
let s: TestStack;
before(async () => {
  // Slots for every sync at once; a target the CPU burners below stay above; no heartbeat timeout during a slow page.
  s = await startTestStack({ WORKER_IO_CPU_TARGET: '0.5', WORKER_MAX_CONCURRENT_ACTIVITIES: String(SYNCS), SYNC_HEARTBEAT_TIMEOUT_SECONDS: '60' });
});
after(async () => {
  await s?.close();
});

/** One busy loop per core at the lowest priority: the machine reads as fully busy, and the stack is barely slowed. */
function burnCpu(): { stop(): void } {
  const burners: ChildProcess[] = [];
  for (let i = 0; i < availableParallelism(); i++) {
    const child = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
    if (child.pid) setPriority(child.pid, 19);
    burners.push(child);
  }
  return { stop: () => burners.forEach((b) => b.kill('SIGKILL')) };
}

/** The state of each pending syncPages activity of a sync run's workflow (`SCHEDULED`: waiting on the I/O queue). */
async function pageActivity(connectorId: string, runId: string): Promise<number | undefined> {
  const run = (await s.api('GET', `/v1/connectors/${connectorId}/sync-runs/${runId}`)).body;
  const d = await s.temporal.workflow.getHandle(run.workflow_id).describe();
  const a = d.raw.pendingActivities?.find((p) => p.activityType?.name === 'syncPages');
  return a ? Number(a.state) : undefined;
}

test('while the machine is busy, the I/O queue starts only a few of its syncs; the rest wait on the queue, and all finish once it is not', async () => {
  const connectors: { id: string; key: string }[] = [];
  for (let i = 0; i < SYNCS; i++) {
    const key = `pd-cpu-target-${i}-key-0123456789`;
    const { id, firstRunId } = await connectedPagerDuty(s, `busy machine ${i}`, key);
    assert.equal((await waitForRun(s, id, firstRunId!)).status, 'succeeded');
    connectors.push({ id, key });
  }
  const load = burnCpu();
  let runs: string[];
  try {
    // The SDK samples the CPU every few hundred milliseconds: give it time to see the load.
    await new Promise((r) => setTimeout(r, 3000));
    // Each sync's first page is slow at the provider: a sync that got a slot holds it, visibly (its fault is taken).
    for (const c of connectors) await fault(s, { provider: 'pagerduty', kind: 'slow', remaining: 1, delay_ms: 8000, path: '/incidents', key: c.key });
    runs = [];
    for (const c of connectors) {
      const res = await s.api('POST', `/v1/connectors/${c.id}/sync`);
      assert.equal(res.status, 202, res.text);
      runs.push(res.body.sync_run_id);
    }
    // With fixed slots all of them would be at the provider within a second; here only a few: the slots the pollers
    // held when the load rose, and the one the queue always keeps.
    await new Promise((r) => setTimeout(r, 4000));
    const started = connectors.filter((c) => s.emulator.state.faults.find((f) => f.key === c.key)?.remaining === 0).length;
    assert.ok(started >= 1, 'one always runs');
    assert.ok(started <= IO_TUNED_POLLERS + 1, `${started} of ${SYNCS} syncs started on a busy machine`);
    // The others are not lost: their page activity waits on the I/O queue in Temporal.
    const waiting = await Promise.all(connectors.map((c, i) => pageActivity(c.id, runs[i]!)));
    const scheduled = waiting.filter((state) => state === 1);
    assert.ok(scheduled.length >= SYNCS - started, JSON.stringify(waiting));
  } finally {
    load.stop();
  }
  // Every sync finishes, each once, with its slow page.
  for (const [i, c] of connectors.entries()) {
    const run = await waitForRun(s, c.id, runs[i]!, 120_000);
    assert.equal(run.status, 'succeeded', JSON.stringify(run));
    assert.ok(run.pages >= 1);
  }
  assert.ok(connectors.every((c) => s.emulator.state.faults.find((f) => f.key === c.key)?.remaining === 0), 'every slow page was served');
});
