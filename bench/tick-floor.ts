// The floor under a scheduled sync's cost: N Temporal Schedules shaped like Tributary's (one per connector, the same
// spec, policies, memo and search attributes, docs/SCALING.md §1) whose action is a workflow that does nothing
// (bench/floor-workflow.ts), each triggered once and its run waited for, in a worker of its own with no interceptors.
// What that costs each process is what the design's "one Temporal Schedule per connector" costs a tick before any of
// Tributary's work — the part no change to the worker can take out. `bench/tick-cost.ts` measures it after the real
// ticks, in the same run, and prints the two side by side.
import { fileURLToPath } from 'node:url';
import { ScheduleNotFoundError, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Worker, type InjectedSinks } from '@temporalio/worker';
import { connectorSearchAttributes } from '../contracts/search-attributes.ts';
import { specOf } from '../services/convergence.ts';
import { eachBounded } from '../lib/each-bounded.ts';
import type { FloorSinks } from './floor-workflow.ts';

const WORKFLOWS_PATH = fileURLToPath(new URL('./floor-workflow.ts', import.meta.url));

export interface FloorConnector {
  id: string;
  type: string;
  workspace_id: string;
}

export interface TickFloor {
  /** The id of a connector's floor Schedule. */
  scheduleId(c: FloorConnector): string;
  /** Creates a floor Schedule per connector (outside any measured window). */
  prepare(): Promise<void>;
  /** Triggers every floor Schedule once (4 at a time, as tick-cost triggers the real ones) and waits for every run. */
  fire(timeoutMs?: number): Promise<void>;
  /** Deletes the floor Schedules and stops the worker. */
  close(): Promise<void>;
}

export async function startTickFloor(opts: { client: Client; address: string; taskQueue: string; connectors: FloorConnector[]; intervalMinutes?: number }): Promise<TickFloor> {
  const { client, taskQueue, connectors } = opts;
  const interval = opts.intervalMinutes ?? 5;
  const { code } = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: new DefaultLogger('WARN') });
  const connection = await NativeConnection.connect({ address: opts.address });
  let done = 0;
  const sinks: InjectedSinks<FloorSinks> = { floor: { done: { fn: () => void done++ } } };
  const worker = await Worker.create({ connection, taskQueue, workflowBundle: { code }, sinks });
  const running = worker.run();
  const scheduleId = (c: FloorConnector) => `floor-schedule/${c.id}`;
  return {
    scheduleId,
    async prepare() {
      await eachBounded(connectors, 4, async (c) => {
        await client.schedule.create({
          scheduleId: scheduleId(c),
          spec: specOf(c.id, { interval_minutes: interval }),
          action: { type: 'startWorkflow', workflowType: 'floorTick', workflowId: `floor-tick/${c.id}`, taskQueue, args: [], typedSearchAttributes: connectorSearchAttributes(c) },
          policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: `${interval} minutes` },
          memo: { owner: taskQueue },
        });
      });
    },
    async fire(timeoutMs = 300_000) {
      const target = done + connectors.length;
      await eachBounded(connectors, 4, (c) => client.schedule.getHandle(scheduleId(c)).trigger());
      const deadline = Date.now() + timeoutMs;
      while (done < target) {
        if (Date.now() > deadline) throw new Error(`tick floor: ${done} of ${target} floor runs seen before the timeout`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async close() {
      await eachBounded(connectors, 4, (c) => client.schedule.getHandle(scheduleId(c)).delete().catch((err: unknown) => {
        if (!(err instanceof ScheduleNotFoundError)) throw err;
      }));
      worker.shutdown();
      await running;
      await connection.close();
    },
  };
}
