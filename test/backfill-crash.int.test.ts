// The worker process killed (SIGKILL) twice during a backfill: it finishes on new workers, every record
// is stored once, and no chunk is fetched again after it was committed.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eventually, startTestStack, type TestStack } from './helpers/stack.ts';
import { connectedPagerDuty, fault, waitForRun } from './helpers/sync.ts';
import { startWorkerProcess, type WorkerProcess } from './helpers/worker-process.ts';
import { DAY, duplicateRecords, getBackfill, hourAgo, pdExpected, postBackfill, recordsIn, requestsByWindow, waitForBackfill, windowKey } from './helpers/backfill.ts';

let s: TestStack;
const workers: WorkerProcess[] = [];
before(async () => {
  // Small pages and a short heartbeat timeout so the kills land mid-chunk and retries come quickly.
  s = await startTestStack({ BACKFILL_PAGE_SIZE: '10', SYNC_HEARTBEAT_TIMEOUT_SECONDS: '3', BACKFILL_MAX_ATTEMPTS: '10' }, { worker: false });
});
after(async () => {
  for (const w of workers) await w.kill();
  await s?.close();
});

test('the worker killed twice during a backfill: it finishes, every record once, no committed chunk fetched again', { timeout: 240_000 }, async () => {
  workers.push(await startWorkerProcess(s.env));
  const { id, firstRunId } = await connectedPagerDuty(s, 'crashy-backfill');
  if (firstRunId) await waitForRun(s, id, firstRunId);
  const end = hourAgo(2);
  const start = end - 30 * DAY;
  await fault(s, { provider: 'pagerduty', kind: 'slow', remaining: 100_000, delay_ms: 60 });
  const posted = Date.now();
  const bfId = await postBackfill(s, id, { start: new Date(start).toISOString(), end: new Date(end).toISOString() });

  let doneAtKill = 0;
  for (const threshold of [4, 12]) {
    await eventually(async () => (await getBackfill(s, id, bfId)).chunks_done >= Math.max(threshold, doneAtKill + 3), 120_000, `${threshold} chunks`);
    // Kill mid-chunk: a chunk has committed some pages but not its last one.
    await eventually(
      () => s.db.selectFrom('backfill_chunks').select('index').where('backfill_id', '=', bfId).where('status', '=', 'running').where('pages', '>=', 1).executeTakeFirst(),
      60_000,
      'a chunk part-way through',
    );
    await workers[workers.length - 1]!.kill('SIGKILL');
    const atKill = await getBackfill(s, id, bfId);
    assert.equal(atKill.status, 'running', 'the backfill was in flight when the worker died');
    assert.ok(atKill.chunks_done < 30, `still mid-backfill (${atKill.chunks_done} chunks)`);
    doneAtKill = atKill.chunks_done;
    workers.push(await startWorkerProcess(s.env));
  }

  const bf = await waitForBackfill(s, id, bfId, 180_000);
  assert.equal(bf.status, 'succeeded', JSON.stringify(bf));
  const expected = pdExpected(s, start, end);
  assert.equal(bf.chunks_done, 30);
  assert.equal(bf.records, expected, 'nothing counted twice');
  assert.equal(await recordsIn(s, id, start, end), expected, 'every record stored');
  assert.deepEqual(await duplicateRecords(s, id), []);

  const chunks = await s.db.selectFrom('backfill_chunks').selectAll().where('backfill_id', '=', bfId).orderBy('index').execute();
  assert.ok(chunks.some((c) => c.attempts > 1), 'some chunk was resumed by a later attempt');
  const byWindow = requestsByWindow(s.emulator.state.requests.filter((r) => Date.parse(r.at) >= posted));
  let refetched = 0;
  for (const c of chunks) {
    const reqs = byWindow.get(windowKey(new Date(c.window_start).getTime(), new Date(c.window_end).getTime())) ?? [];
    assert.ok(reqs.length > 0, `chunk ${c.index} fetched`);
    const committedAt = new Date(c.finished_at!).getTime();
    const late = reqs.filter((r) => Date.parse(r.at) > committedAt);
    assert.deepEqual(late, [], `chunk ${c.index} fetched again after it was committed`);
    refetched += reqs.length - new Set(reqs.map((r) => `${r.path}?${r.query.offset}`)).size;
  }
  // Only pages in flight when a worker died are fetched twice: per running chunk and kill, at most the
  // page being written and the one fetched ahead of it (2 kills × 2 chunks × 2 pages).
  assert.ok(refetched <= 2 * 2 * 2, `${refetched} pages fetched twice`);
});
