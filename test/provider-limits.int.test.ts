// Providers' real limits, end to end through the API, Temporal and the emulated providers: a GitHub backfill that
// needs more than GitHub's 30 searches a minute completes through its primary limit and secondary limits in every
// form (403 and 429, with and without Retry-After) without a failed chunk; a PagerDuty window holding 25,000 log
// entries — past its 10,000 paging ceiling — is ingested completely; a response breaking the provider's contract
// fails the run with a `provider_contract` error naming the field.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Fault } from '../dev/emulator/state.ts';
import { DAY, duplicateRecords, HOUR, hourAgo, pdExpected, postBackfill, recordsIn, waitForBackfill } from './helpers/backfill.ts';
import { expectedCount } from './helpers/expected.ts';
import { eventually, startTestStack, type TestStack } from './helpers/stack.ts';
import { connectedPagerDuty, connectProvider, syncNow, waitForRun } from './helpers/sync.ts';

let s: TestStack;
before(async () => {
  // GitHub documents "at least a minute" for a secondary limit without Retry-After: shortened here, doubling kept.
  s = await startTestStack({}, { clientOptions: { undisclosedWaitMs: 300 } });
});
after(async () => {
  await s?.close();
});

const iso = (ms: number) => new Date(ms).toISOString();

describe('GitHub search limits', () => {
  test('a backfill needing more than 30 searches completes through primary and secondary limits, 403s and 429s, with no failed chunk', { timeout: 240_000 }, async () => {
    // GitHub's count (30 searches per window), in a shorter window so the primary limit's reset comes quickly.
    s.emulator.state.limits.github.search.windowMs = 4000;
    const end = hourAgo(2);
    const start = end - 2 * DAY;
    s.emulator.state.data.add('github', 'pull_request', 4000, start + HOUR, 2 * DAY - 2 * HOUR);
    const { id } = await connectProvider(s, 'github', { config: { orgs: ['acme', 'octo-demo'] } });
    const token = `int-test-token-github-${id}`;
    const since = Date.now();
    const searches = () => s.emulator.state.requests.filter((r) => r.provider === 'github' && r.path.startsWith('/search/') && Date.parse(r.at) >= since && r.query.q !== SPENDER);

    // While the backfill runs, every few searches GitHub refuses one more way; the last one spends the token's
    // whole primary budget from elsewhere (another integration sharing the token), so the next search is a 403
    // with x-ratelimit-remaining 0.
    const forms: Array<Omit<Fault, 'provider' | 'remaining' | 'kind'> | 'primary'> = [{ status: 403, retry_after_s: 1 }, { status: 403 }, { status: 429 }, { status: 429, retry_after_s: 1 }, 'primary'];
    let injected = 0;
    let busy = false;
    const injector = setInterval(() => {
      if (busy || injected >= forms.length || searches().length < 6 * (injected + 1)) return;
      const form = forms[injected++]!;
      if (form !== 'primary') {
        s.emulator.state.faults.push({ provider: 'github', kind: 'secondary_rate_limit', remaining: 1, path: '/search/', ...form });
        return;
      }
      busy = true;
      void spendSearchBudget(token).finally(() => (busy = false));
    }, 25);
    try {
      const bfId = await postBackfill(s, id, { start: iso(start), end: iso(end), chunk: 'P1D' });
      const bf = await waitForBackfill(s, id, bfId, 200_000);
      assert.equal(bf.status, 'succeeded', JSON.stringify(bf));
      assert.equal(bf.chunks_failed, 0);
      assert.equal(injected, forms.length, 'every form of limit was met during the backfill');
      const expected = expectedCount(s.emulator.state.data, 'github', 'pull_request', start, end) + expectedCount(s.emulator.state.data, 'github', 'commit', start, end);
      assert.equal(await recordsIn(s, id, start, end), expected, 'every pull request and commit of the window');
      assert.deepEqual(await duplicateRecords(s, id), []);
    } finally {
      clearInterval(injector);
    }

    const sent = searches();
    const answered = sent.filter((r) => r.status === 200);
    assert.ok(answered.length > 30, `${answered.length} searches answered`);
    const limited = sent.filter((r) => r.status === 403 || r.status === 429);
    assert.ok(limited.filter((r) => r.status === 403).length >= 3, 'two secondary 403s and the primary limit\'s 403');
    assert.ok(limited.filter((r) => r.status === 429).length >= 2, 'two secondary 429s');
    assert.ok(sent.every((r) => r.status === 200 || r.status === 403 || r.status === 429), 'nothing else went wrong');
    // Each refusal was followed by a search again (the chunk waited and retried, it did not fail).
    for (const r of limited) assert.ok(sent.some((x) => Date.parse(x.at) >= Date.parse(r.at) && x !== r && x.status === 200), `a search after the ${r.status} at ${r.at}`);
    s.emulator.state.limits.github.search.windowMs = 60_000;
  });
});

/** The query of the budget-spending requests (told apart in the request log). */
const SPENDER = 'budget-spender';

/** Spends the token's search budget from outside Tributary, until GitHub answers 403. */
async function spendSearchBudget(token: string): Promise<void> {
  for (let i = 0; i < 40; i++) {
    const res = await fetch(`${s.emulator.url}/github/api/search/issues?q=${SPENDER}`, { headers: { authorization: `Bearer ${token}` } });
    await res.body?.cancel();
    if (res.status === 403) return;
  }
  throw new Error('the search budget was never spent');
}

describe('PagerDuty paging ceiling', () => {
  test('a window with 25,000 log entries is split and ingested completely', { timeout: 300_000 }, async () => {
    const { id, firstRunId } = await connectedPagerDuty(s, 'busy-account');
    if (firstRunId) await waitForRun(s, id, firstRunId);
    const end = hourAgo(30);
    const start = end - DAY;
    // A log entry per incident change: 8,400 incidents, each triggered, then acknowledged and resolved minutes later.
    const data = s.emulator.state.data;
    for (const rec of data.add('pagerduty', 'incident', 8400, start, DAY - 3 * HOUR)) {
      data.mutate('pagerduty', 'incident', rec, { status: 'acknowledged' }, rec.at + 60_000);
      data.mutate('pagerduty', 'incident', rec, { status: 'resolved' }, rec.at + 120_000);
    }
    const logEntries = expectedCount(s.emulator.state.data, 'pagerduty', 'log_entry', start, end);
    assert.ok(logEntries >= 25_000, `${logEntries} log entries in the window`);
    const since = Date.now();
    const bfId = await postBackfill(s, id, { start: iso(start), end: iso(end), chunk: 'P1D' });
    const bf = await waitForBackfill(s, id, bfId, 280_000);
    assert.equal(bf.status, 'succeeded', JSON.stringify(bf));
    assert.equal(bf.chunks_failed, 0);
    const stored = await s.db.selectFrom('records').select((eb) => eb.fn.countAll<number>().as('n')).where('connector_id', '=', id).where('kind', '=', 'log_entry').where('occurred_at', '>=', new Date(start)).where('occurred_at', '<', new Date(end)).executeTakeFirstOrThrow();
    assert.equal(Number(stored.n), logEntries, 'every log entry of the window');
    assert.equal(await recordsIn(s, id, start, end), pdExpected(s, start, end));
    assert.deepEqual(await duplicateRecords(s, id), []);
    const reads = s.emulator.state.requests.filter((r) => r.provider === 'pagerduty' && r.path === '/log_entries' && Date.parse(r.at) >= since);
    assert.ok(reads.every((r) => r.status === 200), 'never a page past the ceiling');
    assert.ok(reads.every((r) => Number(r.query.offset ?? 0) + Number(r.query.limit ?? 25) <= 10_000));
    assert.ok(new Set(reads.map((r) => r.query.since)).size >= 3, 'the window was split into parts under the ceiling');
  });
});

describe('provider contract', () => {
  test('a response breaking the provider\'s contract fails the run with provider_contract naming the field, without retries', { timeout: 60_000 }, async () => {
    const { id, firstRunId } = await connectedPagerDuty(s, 'contract');
    if (firstRunId) await waitForRun(s, id, firstRunId);
    s.emulator.state.data.add('pagerduty', 'incident', 3, Date.now() - 10);
    const since = Date.now();
    s.emulator.state.faults.push({ provider: 'pagerduty', kind: 'corrupt', remaining: 1, path: '/log_entries', field: 'log_entries.0.created_at', value: { at: 'tomorrow' } });
    const run = await syncNow(s, id);
    assert.equal(run.status, 'failed', JSON.stringify(run));
    assert.equal(run.error.code, 'provider_contract', JSON.stringify(run.error));
    assert.match(run.error.message, /pagerduty log entry: field "created_at" is object, expected a date-time/);
    const calls = s.emulator.state.requests.filter((r) => r.provider === 'pagerduty' && r.path === '/log_entries' && Date.parse(r.at) >= since);
    assert.equal(calls.length, 1, 'not retried: the same answer would break the same way');
    await eventually(async () => (await s.api('GET', `/v1/connectors/${id}`)).body.status === 'error', 10_000, 'the connector in error');
  });
});
