// Scheduled ticks claim their run once: a claim activity retried after its insert committed (the worker died
// before reporting it) gets its own run back. Uses a worker this file builds, to make the first answer go missing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { activityInfo } from '@temporalio/activity';
import { NativeConnection } from '@temporalio/worker';
import { workflowIds } from '../contracts/ids.ts';
import { createProviderRegistry } from '../providers/registry.ts';
import { createWorker, type TributaryWorker } from '../worker/worker.ts';
import { eventually, startTestStack, type TestStack } from './helpers/stack.ts';
import { connectedPagerDuty, waitForRun } from './helpers/sync.ts';

let s: TestStack;
let worker: TributaryWorker;
let running: Promise<void>;
let native: NativeConnection;
/** Scheduled claims whose first attempt should "lose its answer" after committing. */
const loseFirstAnswer = new Set<string>();

before(async () => {
  s = await startTestStack({}, { worker: false });
  native = await NativeConnection.connect({ address: s.config.TEMPORAL_ADDRESS });
  worker = await createWorker({
    config: s.config,
    db: s.db,
    providers: createProviderRegistry(s.config),
    cipher: s.cipher,
    connection: native,
    client: s.temporal,
    wrapActivities: (activities) => {
      const real = activities.claimScheduledRun;
      return {
        ...activities,
        // The claim commits, then the worker dies before Temporal hears back: Temporal retries the activity.
        async claimScheduledRun(input: { connectorId: string }) {
          const result = await real(input);
          if (loseFirstAnswer.has(input.connectorId) && activityInfo().attempt === 1) throw new Error('worker lost before reporting the claim');
          return result;
        },
      };
    },
  });
  running = worker.run();
});
after(async () => {
  worker?.shutdown();
  await running;
  await native?.close();
  await s?.close();
});

describe('scheduled ticks', () => {
  test('a claim retried after its insert committed starts its own run instead of recording "skipped" forever', async () => {
    const { id, firstRunId } = await connectedPagerDuty(s, 'tick-retry');
    await waitForRun(s, id, firstRunId!);
    loseFirstAnswer.add(id);
    await s.temporal.schedule.getHandle(workflowIds.schedule(id)).trigger();
    const run = await eventually(async () => {
      const runs = (await s.api('GET', `/v1/connectors/${id}/sync-runs`)).body.data as Array<{ trigger: string; status: string }>;
      return runs.find((r) => r.trigger === 'schedule' && (r.status === 'succeeded' || r.status === 'skipped'));
    }, 30_000, 'the scheduled run to finish');
    assert.equal(run.status, 'succeeded', JSON.stringify(run));
    const scheduled = await s.db.selectFrom('sync_runs').select(['status', 'tick_id']).where('connector_id', '=', id).where('trigger', '=', 'schedule').execute();
    assert.equal(scheduled.length, 1, `one run for the tick: ${JSON.stringify(scheduled)}`);
    assert.match(scheduled[0]!.tick_id!, new RegExp(`^${workflowIds.scheduledSync(id)}`));
    // The next tick is not blocked by a run that never started.
    loseFirstAnswer.delete(id);
    await s.temporal.schedule.getHandle(workflowIds.schedule(id)).trigger();
    await eventually(async () => (await s.db.selectFrom('sync_runs').select('id').where('connector_id', '=', id).where('trigger', '=', 'schedule').where('status', '=', 'succeeded').execute()).length === 2, 30_000, 'a second scheduled run');
  });
});
