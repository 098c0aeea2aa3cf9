// A backfill's runs of chunks when each activity's time budget is spent at once (BACKFILL_CHUNK_RUN_SECONDS=0): every
// run ends after its first chunk and gives the rest back, and the workflow, continuing as new every 5 chunks, still
// does every chunk once, in order of its queue.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestStack, type TestStack } from './helpers/stack.ts';
import { connectedPagerDuty, waitForRun } from './helpers/sync.ts';
import { chunkActivities, DAY, duplicateRecords, hourAgo, pdExpected, postBackfill, recordsIn, waitForBackfill } from './helpers/backfill.ts';

let s: TestStack;
before(async () => {
  s = await startTestStack({ BACKFILL_CHUNK_RUN_SECONDS: '0', BACKFILL_CHUNKS_PER_RUN: '5', BACKFILL_PAGE_SIZE: '25' });
});
after(async () => {
  await s?.close();
});

test('runs that end after their first chunk give the rest back: every chunk done once, across continue-as-new', { timeout: 120_000 }, async () => {
  const { id, firstRunId } = await connectedPagerDuty(s, 'budget-spent');
  if (firstRunId) await waitForRun(s, id, firstRunId);
  const end = hourAgo(3);
  const start = end - 12 * DAY;
  const bfId = await postBackfill(s, id, { start: new Date(start).toISOString(), end: new Date(end).toISOString() });
  const bf = await waitForBackfill(s, id, bfId);
  assert.equal(bf.status, 'succeeded', JSON.stringify(bf));
  assert.equal(bf.chunks_done, 12);
  assert.equal(bf.workflow_runs, 3, '5 chunks per workflow run');
  assert.equal(bf.records, pdExpected(s, start, end));
  assert.equal(await recordsIn(s, id, start, end), pdExpected(s, start, end));
  assert.deepEqual(await duplicateRecords(s, id), []);

  const acts = await chunkActivities(s, bf.workflow_id);
  // Each run was given more than one chunk when the queue had them, did its first and gave the rest back.
  assert.ok(acts.every((a) => a.type === 'runBackfillChunks' && a.result?.done === 1 && !a.result.stopped), JSON.stringify(acts));
  assert.ok(acts.some((a) => a.indexes.length > 1), JSON.stringify(acts));
  // So each chunk led exactly one run, and the chunks were started in order.
  assert.deepEqual(acts.map((a) => a.indexes[0]).sort((a, b) => a! - b!), Array.from({ length: 12 }, (_, i) => i));
  assert.ok(Math.max(...acts.map((a) => a.inFlight)) <= 2);
  const chunks = await s.db.selectFrom('backfill_chunks').select(['index', 'attempts', 'status']).where('backfill_id', '=', bfId).orderBy('index').execute();
  assert.ok(chunks.every((c) => c.status === 'done' && c.attempts === 1), JSON.stringify(chunks));
});
