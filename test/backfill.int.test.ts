// Historical backfills through the public API, against real Temporal and Postgres and the emulator's data.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eventually, startTestStack, type TestStack } from './helpers/stack.ts';
import { connectedPagerDuty, fault, waitForRun } from './helpers/sync.ts';
import { chunkActivities, DAY, duplicateRecords, getBackfill, hourAgo, HOUR, pdExpected, postBackfill, recordsIn, requestsByWindow, waitForBackfill, windowKey } from './helpers/backfill.ts';
import { workflowIds } from '../contracts/ids.ts';

let s: TestStack;
before(async () => {
  s = await startTestStack({ BACKFILL_PAGE_SIZE: '10', BACKFILL_CHUNKS_PER_RUN: '50', BACKFILL_MAX_ATTEMPTS: '3', SYNC_PAGE_SIZE: '5' });
});
after(async () => {
  await s?.close();
});

const iso = (ms: number) => new Date(ms).toISOString();
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const clearFaults = () => s.emulator.state.faults.splice(0);

/** A connected PagerDuty connector whose onboarding sync has finished (so the request log is quiet). */
async function quietConnector(name: string): Promise<string> {
  const { id, firstRunId } = await connectedPagerDuty(s, name);
  if (firstRunId) await waitForRun(s, id, firstRunId);
  return id;
}

describe('backfills', () => {
  test('a 30-day backfill in one-day chunks ingests exactly the emulator\'s records, each once, while a sync runs', { timeout: 120_000 }, async () => {
    const end = hourAgo(0);
    const start = end - 30 * DAY;
    // Slow pages so the sync and the backfill really overlap.
    await fault(s, { provider: 'pagerduty', kind: 'slow', remaining: 100_000, delay_ms: 15 });
    try {
      const { id, firstRunId } = await connectedPagerDuty(s, 'thirty-days');
      assert.ok(firstRunId);
      const posted = Date.now();
      const bfId = await postBackfill(s, id, { start: iso(start), end: iso(end) });
      const mid = await eventually(async () => {
        const b = await getBackfill(s, id, bfId);
        return b.chunks_done >= 2 && b.current_window ? b : undefined;
      }, 60_000, 'two chunks done and one in progress');
      assert.equal(mid.status, 'running');
      assert.ok(mid.current_window, JSON.stringify(mid));
      assert.ok(mid.estimated_seconds_left !== null && mid.estimated_seconds_left >= 0, JSON.stringify(mid));
      const manual = await s.api('POST', `/v1/connectors/${id}/sync`);
      assert.equal(manual.status, 202, manual.text);
      const bf = await waitForBackfill(s, id, bfId);
      const runs = [await waitForRun(s, id, firstRunId!), await waitForRun(s, id, manual.body.sync_run_id)];

      assert.equal(bf.status, 'succeeded', JSON.stringify(bf));
      const expected = pdExpected(s, start, end);
      assert.ok(expected >= 30 * 24 * 2, `the emulator holds data for the window (${expected})`);
      assert.equal(bf.chunks_total, 30);
      assert.equal(bf.chunks_done, 30);
      assert.equal(bf.chunks_failed, 0);
      assert.equal(bf.records, expected, 'each record fetched and committed once by the backfill');
      assert.equal(await recordsIn(s, id, start, end), expected, 'exactly the emulator\'s records for the window');
      assert.deepEqual(await duplicateRecords(s, id), []);
      assert.equal(bf.window.start, iso(start));
      assert.equal(bf.window.end, iso(end));
      assert.equal(bf.workflow_id, workflowIds.backfill(bfId));
      assert.match(bf.temporal_ui_url, /\/workflows\/backfill%2Fbf_/);
      assert.equal(bf.estimated_seconds_left, 0);
      assert.ok(bf.started_at && bf.finished_at);

      // A sync really ran at the same time, over an overlapping window.
      const overlapping = runs.filter((r) => r.status === 'succeeded' && Date.parse(r.started_at) < Date.parse(bf.finished_at) && Date.parse(r.finished_at) > Date.parse(bf.started_at));
      assert.ok(overlapping.length >= 1, `a sync overlapped the backfill: ${JSON.stringify(runs.map((r) => [r.started_at, r.finished_at]))} vs ${bf.started_at}–${bf.finished_at}`);

      // Every chunk window was asked for, each page once (page size 10: 3 pages per kind per day).
      const byWindow = requestsByWindow(s.emulator.state.requests.filter((r) => Date.parse(r.at) >= posted));
      for (let i = 0; i < 30; i++) {
        const reqs = byWindow.get(windowKey(start + i * DAY, start + (i + 1) * DAY)) ?? [];
        const pages = new Set(reqs.map((r) => `${r.path}?${r.query.offset}`));
        assert.equal(reqs.length, pages.size, `chunk ${i}: no page fetched twice`);
        assert.ok(reqs.length >= 2, `chunk ${i} fetched`);
      }

      // The database records success first; the workflow closes right after.
      const desc = await eventually(async () => {
        const d = await s.temporal.workflow.getHandle(bf.workflow_id).describe();
        return d.status.name === 'COMPLETED' ? d : undefined;
      }, 10_000, 'the backfill workflow to complete');
      assert.deepEqual(desc.searchAttributes.ConnectorId, [id]);

      // In Temporal: each activity ran a run of up to 8 chunks (BACKFILL_CHUNKS_PER_ACTIVITY), every chunk in exactly
      // one run, never more than BACKFILL_CONCURRENCY (2) runs at once — a round trip through Temporal per run, not
      // per chunk.
      const acts = await chunkActivities(s, bf.workflow_id);
      assert.ok(acts.every((a) => a.type === 'runBackfillChunks'), acts.map((a) => a.type).join());
      assert.deepEqual(sorted(acts.flatMap((a) => a.indexes)), range(30));
      assert.ok(acts.every((a) => a.indexes.length <= 8 && a.result?.done === a.indexes.length && !a.result.stopped), JSON.stringify(acts));
      assert.ok(acts.length <= 6, `${acts.length} activities for 30 chunks`);
      assert.equal(Math.max(...acts.map((a) => a.inFlight)), 2);

      const list = await s.api('GET', `/v1/connectors/${id}/backfills`);
      assert.equal(list.status, 200);
      assert.equal(list.body.data[0].id, bfId);
    } finally {
      clearFaults();
    }
  });

  test('a 400-chunk backfill continues as new several times and completes', { timeout: 180_000 }, async () => {
    const id = await quietConnector('four-hundred');
    const end = hourAgo(24);
    const start = end - 400 * HOUR;
    const bfId = await postBackfill(s, id, { start: iso(start), end: iso(end), chunk: 'PT1H' });
    const bf = await waitForBackfill(s, id, bfId, 170_000);
    assert.equal(bf.status, 'succeeded', JSON.stringify(bf));
    assert.equal(bf.chunks_total, 400);
    assert.equal(bf.chunks_done, 400);
    assert.equal(bf.records, pdExpected(s, start, end));
    assert.equal(await recordsIn(s, id, start, end), pdExpected(s, start, end));
    assert.equal(bf.workflow_runs, 8, '50 chunks per run → 8 runs');
    // The chain in Temporal: every run shares the workflow id; all but the last continued as new.
    const chain = await eventually(async () => {
      const runs: string[] = [];
      for await (const wf of s.temporal.workflow.list({ query: `WorkflowId = "${bf.workflow_id}"` })) runs.push(wf.status.name);
      return runs.length === 8 && !runs.includes('RUNNING') ? runs : undefined;
    }, 20_000, 'the continue-as-new chain in visibility');
    assert.equal(chain.filter((x) => x === 'CONTINUED_AS_NEW').length, 7, chain.join());
    assert.equal(chain.filter((x) => x === 'COMPLETED').length, 1, chain.join());
  });

  test('cancel mid-way: cancelled, committed chunks kept, no further provider calls', { timeout: 120_000 }, async () => {
    const id = await quietConnector('cancel-me');
    const end = hourAgo(48);
    const start = end - 30 * DAY;
    await fault(s, { provider: 'pagerduty', kind: 'slow', remaining: 100_000, delay_ms: 80 });
    try {
      const bfId = await postBackfill(s, id, { start: iso(start), end: iso(end) });
      await eventually(async () => (await getBackfill(s, id, bfId)).chunks_done >= 2, 60_000, 'two chunks');
      const res = await s.api('POST', `/v1/connectors/${id}/backfills/${bfId}/cancel`);
      assert.equal(res.status, 202, res.text);
      assert.ok(res.body.cancel_requested_at);
      const bf = await waitForBackfill(s, id, bfId, 30_000);
      assert.equal(bf.status, 'cancelled', JSON.stringify(bf));
      const seen = s.emulator.state.requests.length;
      assert.ok(bf.chunks_done >= 2 && bf.chunks_done < 30, JSON.stringify(bf));
      assert.equal(bf.chunks_running, 0);

      // What was committed is kept: every done chunk's records are there.
      const chunks = await s.db.selectFrom('backfill_chunks').selectAll().where('backfill_id', '=', bfId).where('status', '=', 'done').execute();
      assert.equal(chunks.length, bf.chunks_done);
      for (const c of chunks) {
        const [a, b] = [new Date(c.window_start).getTime(), new Date(c.window_end).getTime()];
        assert.equal(await recordsIn(s, id, a, b), pdExpected(s, a, b), `chunk ${c.index} kept`);
      }
      // The database says cancelled first; the workflow closes as Cancelled right after.
      await eventually(async () => (await s.temporal.workflow.getHandle(bf.workflow_id).describe()).status.name === 'CANCELLED', 10_000, 'the workflow closed as Cancelled');

      await new Promise((r) => setTimeout(r, 2500));
      assert.equal(s.emulator.state.requests.length, seen, 'no provider calls after the backfill was cancelled');
      const again = await s.api('POST', `/v1/connectors/${id}/backfills/${bfId}/cancel`);
      assert.equal(again.status, 202, 'cancelling a cancelled backfill is a no-op');
    } finally {
      clearFaults();
    }
  });

  test('a chunk failing after its retries fails the backfill with its window; re-posting skips committed chunks', { timeout: 120_000 }, async () => {
    const id = await quietConnector('fail-then-resume');
    const end = hourAgo(72);
    const start = end - 12 * DAY;
    await fault(s, { provider: 'pagerduty', kind: 'slow', remaining: 100_000, delay_ms: 40 });
    const bfId = await postBackfill(s, id, { start: iso(start), end: iso(end) });
    await eventually(async () => (await getBackfill(s, id, bfId)).chunks_done >= 3, 60_000, 'three chunks');
    clearFaults();
    await fault(s, { provider: 'pagerduty', kind: 'server_error', status: 503, remaining: 100_000, path: '/log_entries' });
    const failed = await waitForBackfill(s, id, bfId, 60_000);
    clearFaults();
    assert.equal(failed.status, 'failed', JSON.stringify(failed));
    assert.equal(failed.chunks_failed, 1);
    assert.equal(failed.error.code, 'ProviderUnavailable', JSON.stringify(failed.error));
    assert.match(failed.error.message, /Internal Server Error|Service Unavailable/);
    const failedChunk = await s.db.selectFrom('backfill_chunks').selectAll().where('backfill_id', '=', bfId).where('status', '=', 'failed').executeTakeFirstOrThrow();
    assert.equal(failed.error.chunk, failedChunk.index);
    assert.deepEqual(failed.error.window, { start: iso(new Date(failedChunk.window_start).getTime()), end: iso(new Date(failedChunk.window_end).getTime()) });
    assert.ok(failedChunk.attempts >= 3, `retried (${failedChunk.attempts} attempts)`);
    const done = await s.db.selectFrom('backfill_chunks').select(['window_start', 'window_end']).where('backfill_id', '=', bfId).where('status', '=', 'done').execute();
    assert.equal(done.length, failed.chunks_done);
    assert.ok(done.length >= 3 && done.length < 12);

    const reposted = Date.now();
    const res = await s.api('POST', `/v1/connectors/${id}/backfills`, { start: iso(start), end: iso(end) });
    assert.equal(res.status, 202, res.text);
    assert.equal(res.body.chunks_skipped, done.length);
    const bf = await waitForBackfill(s, id, res.body.backfill_id);
    assert.equal(bf.status, 'succeeded', JSON.stringify(bf));
    assert.equal(bf.chunks_done, 12);
    assert.equal(bf.chunks_skipped, done.length);
    assert.equal(await recordsIn(s, id, start, end), pdExpected(s, start, end));
    assert.deepEqual(await duplicateRecords(s, id), []);
    const byWindow = requestsByWindow(s.emulator.state.requests.filter((r) => Date.parse(r.at) >= reposted));
    for (const c of done) assert.equal(byWindow.get(windowKey(new Date(c.window_start).getTime(), new Date(c.window_end).getTime())), undefined, 'a committed chunk is not fetched again');
    assert.equal(byWindow.size, 12 - done.length);
  });

  test('a chunk failing after others in its run goes back to the queue and leads a run of its own', { timeout: 120_000 }, async () => {
    const id = await quietConnector('mid-run-failure');
    const end = hourAgo(120);
    const start = end - 12 * DAY;
    await fault(s, { provider: 'pagerduty', kind: 'slow', remaining: 100_000, delay_ms: 40 });
    const posted = Date.now();
    const bfId = await postBackfill(s, id, { start: iso(start), end: iso(end) });
    // Two lanes, runs of six chunks each ([0..5] and [6..11]): once 0 and 6 are done, both are past their first chunk.
    await eventually(async () => {
      const done = await s.db.selectFrom('backfill_chunks').select('index').where('backfill_id', '=', bfId).where('status', '=', 'done').execute();
      return [0, 6].every((i) => done.some((d) => d.index === i));
    }, 60_000, 'the first chunk of both runs');
    clearFaults();
    // The next provider call fails with a 400: not retryable.
    await fault(s, { provider: 'pagerduty', kind: 'server_error', status: 400, remaining: 1 });
    const bf = await waitForBackfill(s, id, bfId);
    assert.equal(bf.status, 'succeeded', JSON.stringify(bf));
    assert.equal(bf.chunks_done, 12);
    assert.equal(await recordsIn(s, id, start, end), pdExpected(s, start, end));
    assert.deepEqual(await duplicateRecords(s, id), []);
    assert.equal(s.emulator.state.requests.filter((r) => Date.parse(r.at) >= posted && r.status === 400).length, 1, 'one call failed');

    // The run that met the failure ended early (the activity succeeded, saying how far it got); the chunk it stopped at
    // led a later run, which did it; nothing else was given twice.
    const acts = await chunkActivities(s, workflowIds.backfill(bfId));
    assert.ok(acts.every((a) => !a.failed), JSON.stringify(acts));
    const early = acts.filter((a) => a.result && a.result.done < a.indexes.length);
    assert.equal(early.length, 1, JSON.stringify(acts));
    const [cut] = early;
    const failedChunk = cut!.indexes[cut!.result!.done]!;
    assert.ok(cut!.result!.done >= 1 && !cut!.result!.stopped);
    const lead = acts.slice(acts.indexOf(cut!) + 1).find((a) => a.indexes[0] === failedChunk);
    assert.ok(lead && lead.result!.done >= 1, `chunk ${failedChunk} led a later run: ${JSON.stringify(acts)}`);
    const given = acts.flatMap((a) => a.indexes);
    assert.deepEqual(sorted([...new Set(given)]), range(12));
    assert.equal(given.length, 12 + cut!.indexes.length - cut!.result!.done, 'only the cut run\'s rest was given again');
    const row = await s.db.selectFrom('backfill_chunks').select('attempts').where('backfill_id', '=', bfId).where('index', '=', failedChunk).executeTakeFirstOrThrow();
    assert.equal(row.attempts, 2);
  });

  test('a 429 holds back both the backfill and the connector\'s syncs until Retry-After has passed', { timeout: 60_000 }, async () => {
    const id = await quietConnector('rate-limited');
    const end = hourAgo(96);
    await fault(s, { provider: 'pagerduty', kind: 'rate_limit', remaining: 1, retry_after_s: 2 });
    const bfId = await postBackfill(s, id, { start: iso(end - DAY), end: iso(end) });
    await eventually(async () => s.db.selectFrom('provider_rate_limits').selectAll().where('connector_id', '=', id).executeTakeFirst(), 10_000, 'the rate-limit gate');
    const sync = await s.api('POST', `/v1/connectors/${id}/sync`);
    assert.equal(sync.status, 202);
    const bf = await waitForBackfill(s, id, bfId);
    const run = await waitForRun(s, id, sync.body.sync_run_id);
    assert.equal(bf.status, 'succeeded', JSON.stringify(bf));
    assert.equal(run.status, 'succeeded', JSON.stringify(run));
    const limited = s.emulator.state.requests.find((r) => r.status === 429)!;
    const after429 = s.emulator.state.requests.filter((r) => Date.parse(r.at) > Date.parse(limited.at));
    assert.ok(after429.length >= 4, 'backfill and sync both called the provider afterwards');
    for (const r of after429) assert.ok(Date.parse(r.at) >= Date.parse(limited.at) + 1900, `request at ${r.at} came before Retry-After passed (429 at ${limited.at})`);
    assert.equal(bf.records, pdExpected(s, end - DAY, end));
  });

  test('bad input is a 400 naming the field; a connector that is not connected or already backfilling is a 409', { timeout: 60_000 }, async () => {
    const id = await quietConnector('validation');
    const end = hourAgo(1);
    const post = (body: unknown, cid = id) => s.api('POST', `/v1/connectors/${cid}/backfills`, body);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ start: iso(end), end: iso(end) }, 'start'],
      [{ start: iso(end), end: iso(end - DAY) }, 'start'],
      [{ start: iso(end - DAY), end: iso(Date.now() + DAY) }, 'end'],
      [{ start: iso(Date.now() - 400 * DAY), end: iso(end) }, 'start'],
      [{ start: iso(end - DAY), end: iso(end), chunk: 'PT30M' }, 'chunk'],
      [{ start: iso(end - DAY), end: iso(end), chunk: 'P32D' }, 'chunk'],
      [{ start: iso(end - DAY), end: iso(end), chunk: 'P1M' }, 'chunk'],
      [{ start: iso(end - DAY), end: iso(end), chunk: 'one day' }, 'chunk'],
      [{ start: iso(end - 60 * DAY), end: iso(end), chunk: 'PT1H' }, 'chunk'],
      [{ end: iso(end) }, 'start'],
      [{ start: 'yesterday', end: iso(end) }, 'start'],
      [{ start: iso(end - DAY), end: iso(end), concurrency: 4 }, 'concurrency'],
    ];
    for (const [body, field] of cases) {
      const res = await post(body);
      assert.equal(res.status, 400, `${JSON.stringify(body)} → ${res.text}`);
      assert.equal(res.body.error.code, 'invalid_request');
      assert.ok(res.body.error.details.some((d: { field: string }) => d.field === field), `${JSON.stringify(body)} names ${field}: ${res.text}`);
    }
    assert.equal((await s.api('GET', `/v1/connectors/${id}/backfills`)).body.data.length, 0, 'nothing was started');

    const pending = await s.api('POST', '/v1/connectors', { type: 'pagerduty', name: 'not yet' });
    const notConnected = await post({ start: iso(end - DAY), end: iso(end) }, pending.body.id);
    assert.equal(notConnected.status, 409, notConnected.text);
    assert.match(notConnected.body.error.message, /is pending/);

    await fault(s, { provider: 'pagerduty', kind: 'slow', remaining: 100_000, delay_ms: 100 });
    try {
      const first = await postBackfill(s, id, { start: iso(end - 10 * DAY), end: iso(end) });
      const second = await post({ start: iso(end - 2 * DAY), end: iso(end) });
      assert.equal(second.status, 409, second.text);
      assert.equal(second.body.error.code, 'conflict');
      assert.ok(second.body.error.message.includes(first), second.text);
      assert.equal((await s.api('POST', `/v1/connectors/${id}/backfills/${first}/cancel`)).status, 202);
      await waitForBackfill(s, id, first);

      assert.equal((await s.api('POST', `/v1/connectors/${id}/pause`)).status, 200);
      const paused = await post({ start: iso(end - DAY), end: iso(end) });
      assert.equal(paused.status, 409, paused.text);
      assert.match(paused.body.error.message, /is paused.*resume/);
    } finally {
      clearFaults();
    }
    assert.equal((await s.api('GET', `/v1/connectors/${id}/backfills/bf_01jdq0c6w8e7k9t2m3n4p5q6r7`)).status, 404);
    assert.equal((await s.api('GET', `/v1/connectors/${id}/backfills/nope`)).status, 400);
    assert.equal((await s.api('GET', `/v1/connectors/${id}/backfills`, undefined, { key: s.keyB })).status, 404, 'another workspace');
  });
});
