// A worker's concurrency and its pool, sized together (worker/sizing.ts): the activity and workflow-task slots come
// from configuration, the worker's pool follows them unless DATABASE_POOL_MAX is given, and a pool given smaller than
// what the slots can use is named in a warning; the API's pool stays 10 by default.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, loadConfig } from '../config/config.ts';
import { DEFAULT_POOL_MAX } from '../db/db.ts';
import { IO_TUNED_POLLERS, WORKER_POOL_RESERVE, ioSlotOptions, workerSizing } from '../worker/sizing.ts';

const base = { DATABASE_URL: 'postgres://u@h/db', ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64') };

test('by default: 20 I/O activities, 10 control activities, 40 workflow tasks, and a worker pool of activities + reconciler + reserve', () => {
  const config = loadConfig(base);
  assert.equal(config.DATABASE_POOL_MAX, undefined, 'unset: each process sizes its own');
  assert.equal(DEFAULT_POOL_MAX, 10, 'the API keeps 10');
  const s = workerSizing(config);
  assert.equal(s.maxConcurrentActivityTaskExecutions, 20);
  assert.equal(s.maxConcurrentControlActivityTaskExecutions, 10);
  assert.equal(s.maxConcurrentLocalActivityExecutions, 10, 'the hot paths\' control steps: as many local activities');
  assert.equal(s.maxConcurrentWorkflowTaskExecutions, 40);
  assert.equal(s.poolMax, 20 + 2 * 10 + config.RECONCILE_CONCURRENCY + WORKER_POOL_RESERVE);
  assert.equal(s.poolNeeded, s.poolMax);
  assert.equal(s.warning, undefined);
});

test('the pool follows the activity slots; an explicit pool is kept, and named in a warning when it is too small', () => {
  const follows = workerSizing(loadConfig({ ...base, WORKER_MAX_CONCURRENT_ACTIVITIES: '50', WORKER_MAX_CONCURRENT_CONTROL_ACTIVITIES: '6', WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '8', RECONCILE_CONCURRENCY: '4' }));
  const needed = 50 + 2 * 6 + 4 + WORKER_POOL_RESERVE;
  assert.deepEqual(follows, {
    maxConcurrentActivityTaskExecutions: 50, ioCpuTarget: 0.9, maxConcurrentControlActivityTaskExecutions: 6, maxConcurrentLocalActivityExecutions: 6, maxConcurrentWorkflowTaskExecutions: 8, poolMax: needed, poolNeeded: needed,
  });

  const roomy = workerSizing(loadConfig({ ...base, DATABASE_POOL_MAX: '100' }));
  assert.equal(roomy.poolMax, 100);
  assert.equal(roomy.warning, undefined);

  const tight = workerSizing(loadConfig({ ...base, DATABASE_POOL_MAX: '10' }));
  assert.equal(tight.poolMax, 10, 'an explicit pool is respected (connections may be scarce), not overridden');
  assert.match(tight.warning ?? '', /DATABASE_POOL_MAX=10 is below what this worker can hold at once: 40 activities \(WORKER_MAX_CONCURRENT_ACTIVITIES 20 \+ 2 × WORKER_MAX_CONCURRENT_CONTROL_ACTIVITIES 10/);
  assert.match(tight.warning ?? '', new RegExp(`= ${tight.poolNeeded}\\b`));
});

test('WORKER_QUEUES: both by default; a worker of one queue sizes its pool for that queue\'s slots alone', () => {
  assert.deepEqual(loadConfig(base).WORKER_QUEUES, ['io', 'main']);
  assert.deepEqual(loadConfig({ ...base, WORKER_QUEUES: ' main , io,main' }).WORKER_QUEUES, ['io', 'main'], 'any order, repeats ignored');
  const reconcile = loadConfig(base).RECONCILE_CONCURRENCY;
  const io = workerSizing(loadConfig({ ...base, WORKER_QUEUES: 'io' }));
  assert.equal(io.poolNeeded, 20 + reconcile + WORKER_POOL_RESERVE, 'sync pages, backfill chunks and webhook attempts only');
  const main = workerSizing(loadConfig({ ...base, WORKER_QUEUES: 'main' }));
  assert.equal(main.poolNeeded, 2 * 10 + reconcile + WORKER_POOL_RESERVE, 'control steps only');
  const tight = workerSizing(loadConfig({ ...base, WORKER_QUEUES: 'main', DATABASE_POOL_MAX: '10' }));
  assert.match(tight.warning ?? '', /20 activities \(2 × WORKER_MAX_CONCURRENT_CONTROL_ACTIVITIES 10: activity tasks and local activities; WORKER_QUEUES main\)/);
});

test('WORKER_IO_CPU_TARGET: by default the I/O slots follow the machine\'s CPU (one always, at most the configured slots); 0 fixes them', () => {
  const tuned = ioSlotOptions(workerSizing(loadConfig(base)));
  assert.ok(tuned.tuner, 'a tuner');
  assert.deepEqual(tuned.tuner!.activityTaskSlotSupplier, {
    type: 'resource-based', minimumSlots: 1, maximumSlots: 20, tunerOptions: { targetCpuUsage: 0.9, targetMemoryUsage: 0.95 },
  });
  assert.deepEqual(tuned.activityTaskPollerBehavior, { type: 'simple-maximum', maximum: IO_TUNED_POLLERS }, 'a waiting poller holds a slot: few of them');
  assert.equal(IO_TUNED_POLLERS, 2);
  const half = ioSlotOptions(workerSizing(loadConfig({ ...base, WORKER_IO_CPU_TARGET: '0.5', WORKER_MAX_CONCURRENT_ACTIVITIES: '6' })));
  assert.ok(half.tuner, 'a tuner');
  assert.equal(half.tuner!.activityTaskSlotSupplier.tunerOptions.targetCpuUsage, 0.5);
  assert.equal(half.tuner!.activityTaskSlotSupplier.maximumSlots, 6);
  assert.deepEqual(ioSlotOptions(workerSizing(loadConfig({ ...base, WORKER_IO_CPU_TARGET: '0' }))), { maxConcurrentActivityTaskExecutions: 20 });
  assert.deepEqual(ioSlotOptions(workerSizing(loadConfig({ ...base, WORKER_MAX_CONCURRENT_ACTIVITIES: '1' }))), { maxConcurrentActivityTaskExecutions: 1 }, 'one slot: nothing to follow');
  // The pool is sized for the most the slots can reach.
  assert.equal(workerSizing(loadConfig({ ...base, WORKER_QUEUES: 'io' })).poolNeeded, 20 + loadConfig(base).RECONCILE_CONCURRENCY + WORKER_POOL_RESERVE);
});

test('bad values are refused by name', () => {
  const bad: Array<[string, string]> = [['WORKER_IO_CPU_TARGET', '1.5'], ['WORKER_IO_CPU_TARGET', '-0.1'], ['WORKER_IO_CPU_TARGET', 'busy'], ['WORKER_MAX_CONCURRENT_ACTIVITIES', '0'], ['WORKER_MAX_CONCURRENT_CONTROL_ACTIVITIES', '0'], ['WORKER_MAX_CONCURRENT_WORKFLOW_TASKS', '1'], ['DATABASE_POOL_MAX', 'many'], ['WORKER_QUEUES', 'control'], ['WORKER_QUEUES', ' , ']];
  for (const [name, value] of bad) {
    assert.throws(() => loadConfig({ ...base, [name]: value }), (err) => err instanceof ConfigError && err.problems.some((p) => p.startsWith(`${name}:`)), `${name}=${value}`);
  }
});
