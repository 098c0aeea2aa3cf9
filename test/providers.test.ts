// Contract tests of every provider client against the emulator (no Temporal): auth, pagination to the last
// page, window boundaries, 429s and other faults, and mapping of one record in the provider's documented shape.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startEmulator, type RunningEmulator } from '../dev/emulator/app.ts';
import { DEMO_CREDENTIALS } from '../dev/emulator/state.ts';
import { apiBase, mapEvent } from '../providers/datadog/client.ts';
import { mapCommit, mapPullRequest } from '../providers/github/client.ts';
import { mapDeployment } from '../providers/gitlab/client.ts';
import { mapIssue as mapJiraIssue, windowJql } from '../providers/jira/client.ts';
import { mapIssue as mapLinearIssue } from '../providers/linear/client.ts';
import { mapAlert } from '../providers/opsgenie/client.ts';
import { mapIncident, mapLogEntry } from '../providers/pagerduty/client.ts';
import { createProviderRegistry, type ProviderRegistry } from '../providers/registry.ts';
import { mapIssue as mapSentryIssue, nextCursor } from '../providers/sentry/client.ts';
import { mapMessage } from '../providers/slack/client.ts';
import { ProviderError, type Credentials, type NormalizedRecord, type ProviderClient, type Selection, type TimeWindow } from '../providers/types.ts';
import { expectedCount } from './helpers/expected.ts';

let emu: RunningEmulator;
let registry: ProviderRegistry;

const TOKEN = (type: string) => `test-oauth-token-${type}`;

/** Good and bad credentials per provider: demo credentials for API-key types, an accepted token for OAuth ones. */
const CASES: Array<{ type: string; good: Credentials; bad: Credentials }> = [
  { type: 'pagerduty', good: DEMO_CREDENTIALS.pagerduty!, bad: { api_key: 'wrong_pagerduty_key_000' } },
  { type: 'opsgenie', good: DEMO_CREDENTIALS.opsgenie!, bad: { api_key: 'wrong_opsgenie_key_0000' } },
  { type: 'datadog', good: DEMO_CREDENTIALS.datadog!, bad: { ...DEMO_CREDENTIALS.datadog!, application_key: 'wrong_datadog_app_key_00000' } },
  { type: 'sentry', good: DEMO_CREDENTIALS.sentry!, bad: { ...DEMO_CREDENTIALS.sentry!, auth_token: 'wrong_sentry_token_00000000' } },
  { type: 'github', good: { access_token: TOKEN('github') }, bad: { access_token: 'expired-or-wrong' } },
  { type: 'gitlab', good: DEMO_CREDENTIALS.gitlab!, bad: { ...DEMO_CREDENTIALS.gitlab!, private_token: 'glpat-wrong_token_0000000' } },
  { type: 'slack', good: { access_token: TOKEN('slack') }, bad: { access_token: 'xoxb-wrong' } },
  { type: 'jira', good: { access_token: TOKEN('jira') }, bad: { access_token: 'wrong-jira-token' } },
  { type: 'linear', good: DEMO_CREDENTIALS.linear!, bad: { api_key: 'lin_api_wrong000000000000000000000' } },
];

before(async () => {
  emu = await startEmulator({ seed: 11, volume: 2 });
  for (const c of CASES) if (c.good.access_token) emu.state.accept(c.type, c.good.access_token);
  registry = createProviderRegistry({ EMULATOR_URL: emu.url, providerEnv: {} });
});
after(async () => {
  await emu?.close();
});

const HOUR = 3_600_000;
/** A window with odd (but whole-second) boundaries, well inside the generated series. */
function oddWindow(daysAgo: number, hours: number): { start: number; end: number; window: TimeWindow } {
  const base = Math.floor(Date.now() / HOUR) * HOUR - daysAgo * 24 * HOUR;
  const start = base + 17 * 60_000 + 23_000;
  const end = start + hours * HOUR + 11 * 60_000 + 7_000;
  return { start, end, window: { start: new Date(start).toISOString(), end: new Date(end).toISOString() } };
}

/** Every page of `kind` for the window; `records` are the kind's own (pages may carry other kinds along). */
async function drain(client: ProviderClient, creds: Credentials, kind: string, window: TimeWindow, pageSize: number, selection: Selection = 'created') {
  const records: NormalizedRecord[] = [];
  const carried: NormalizedRecord[] = [];
  let cursor: string | null = null;
  let pages = 0;
  let complete: TimeWindow | undefined;
  do {
    const page = await client.fetchPage(creds, { kind, window, selection, pageCursor: cursor, pageSize });
    for (const r of page.records) (r.kind === kind ? records : carried).push(r);
    cursor = page.nextPageCursor;
    complete = page.complete;
    pages++;
    assert.ok(pages < 500, 'pagination terminates');
  } while (cursor);
  return { records, carried, pages, complete };
}

async function rejects(p: Promise<unknown>, code: ProviderError['code']): Promise<ProviderError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof ProviderError, `expected a ProviderError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    return err;
  }
  assert.fail(`expected ProviderError ${code}`);
}

for (const c of CASES) {
  describe(`${c.type} client`, () => {
    const p = () => registry.get(c.type)!;
    const kinds = () => p().manifest.ingests.map((i) => i.kind);

    test('auth: wrong credentials are unauthorized, good ones connect', async () => {
      await rejects(p().client.testConnection(c.bad), 'unauthorized');
      await p().client.testConnection(c.good);
      await rejects(p().client.fetchPage(c.bad, { kind: kinds()[0]!, window: oddWindow(1, 1).window, selection: 'created', pageCursor: null }), 'unauthorized');
    });

    test('pagination: following the cursor to the last page yields exactly the emulator\'s records', async () => {
      const { start, end, window } = oddWindow(3, 20);
      for (const kind of kinds()) {
        const { records, pages } = await drain(p().client, c.good, kind, window, 7);
        const expected = expectedCount(emu.state.data, c.type, kind, start, end);
        assert.ok(expected >= 30, `${kind}: the window holds data (${expected})`);
        assert.ok(pages >= 4, `${kind}: several pages (${pages})`);
        assert.equal(records.length, expected, `${kind}: every record once`);
        assert.equal(new Set(records.map((r) => r.external_id)).size, expected, `${kind}: no duplicates across pages`);
        for (const r of records) {
          assert.equal(r.kind, kind);
          const t = Date.parse(r.occurred_at);
          assert.ok(t >= start && t < end, `${r.occurred_at} inside the window`);
        }
      }
    });

    test('incremental selection: exactly what the provider reports changed for the window, each once', async () => {
      const { start, end, window } = oddWindow(3, 20);
      for (const kind of kinds()) {
        const { records, carried } = await drain(p().client, c.good, kind, window, 7, 'changed');
        assert.equal(records.length, expectedCount(emu.state.data, c.type, kind, start, end, 'changed'), `${kind}: the emulator's changed records`);
        assert.equal(new Set(records.map((r) => r.external_id)).size, records.length, `${kind}: no duplicates across pages`);
        assert.ok(carried.every((r) => kinds().includes(r.kind)), 'records carried along are of kinds the provider ingests');
      }
    });

    test('window boundary: a record at start is included, one at end is not', async () => {
      const { start, end, window } = oddWindow(5, 2);
      for (const kind of kinds()) {
        emu.state.data.add(c.type, kind, 1, start);
        emu.state.data.add(c.type, kind, 1, end);
        const { records } = await drain(p().client, c.good, kind, window, 100);
        assert.equal(records.length, expectedCount(emu.state.data, c.type, kind, start, end));
        assert.ok(records.some((r) => Date.parse(r.occurred_at) === start), `${kind}: the record at start is in`);
        assert.ok(!records.some((r) => Date.parse(r.occurred_at) === end), `${kind}: the record at end is out`);
      }
    });

    test('faults: 429 → rate_limited with the provider\'s wait; 5xx → unavailable; expired token → unauthorized', async () => {
      const req = { kind: kinds()[0]!, window: oddWindow(1, 1).window, selection: 'created' as const, pageCursor: null };
      emu.state.faults.push({ provider: c.type, kind: 'rate_limit', remaining: 1, retry_after_s: 7 });
      const limited = await rejects(p().client.fetchPage(c.good, req), 'rate_limited');
      assert.ok(limited.retryAfterMs !== undefined && limited.retryAfterMs > 4000 && limited.retryAfterMs <= 7000, `waits ~7s (${limited.retryAfterMs})`);
      assert.ok(limited.retryable);
      emu.state.faults.push({ provider: c.type, kind: 'server_error', remaining: 1, status: 503 });
      await rejects(p().client.fetchPage(c.good, req), 'unavailable');
      emu.state.faults.push({ provider: c.type, kind: 'expire_token', remaining: 1 });
      await rejects(p().client.fetchPage(c.good, req), 'unauthorized');
      await p().client.fetchPage(c.good, req);
    });
  });
}

describe('mapping of documented payloads', () => {
  test('PagerDuty incident and log entry', () => {
    const inc = mapIncident({
      id: 'PT4KHLK', type: 'incident', summary: '[#1234] The server is on fire.', incident_number: 1234, title: 'The server is on fire.',
      created_at: '2015-10-06T21:30:42Z', status: 'resolved', html_url: 'https://subdomain.pagerduty.com/incidents/PT4KHLK', urgency: 'high',
      service: { id: 'PIJ90N7', type: 'service_reference', summary: 'My Mail Service' },
    });
    assert.deepEqual([inc.kind, inc.external_id, inc.occurred_at, inc.title, inc.url], ['incident', 'PT4KHLK', '2015-10-06T21:30:42.000Z', 'The server is on fire.', 'https://subdomain.pagerduty.com/incidents/PT4KHLK']);
    const le = mapLogEntry({ id: 'Q02JTSNZWHSEKV', type: 'trigger_log_entry', summary: 'Triggered through the API', created_at: '2015-11-07T00:14:20Z', html_url: 'https://subdomain.pagerduty.com/incidents/PT4KHLK/log_entries/Q02JTSNZWHSEKV' });
    assert.deepEqual([le.kind, le.external_id, le.occurred_at, le.title], ['log_entry', 'Q02JTSNZWHSEKV', '2015-11-07T00:14:20.000Z', 'Triggered through the API']);
  });

  test('Opsgenie alert', () => {
    const r = mapAlert({
      id: '70413a06-38d6-4c85-92b8-5ebc900d42e2', tinyId: '1791', alias: 'event_573', message: 'Our servers are in danger', status: 'closed',
      acknowledged: false, isSeen: true, tags: ['OverwriteQuietHours', 'Critical'], snoozed: true, count: 79, lastOccurredAt: '2017-04-12T12:18:04.557Z',
      createdAt: '2017-03-21T20:32:52.353Z', updatedAt: '2017-04-12T12:18:04.557Z', source: 'Isengard', owner: 'morpheus@opsgenie.com', priority: 'P5',
    });
    assert.deepEqual([r.kind, r.external_id, r.occurred_at, r.title, r.url], ['alert', '70413a06-38d6-4c85-92b8-5ebc900d42e2', '2017-03-21T20:32:52.353Z', 'Our servers are in danger', 'https://app.opsgenie.com/alert/detail/70413a06-38d6-4c85-92b8-5ebc900d42e2/details']);
  });

  test('Datadog event (v2) and per-site hosts', () => {
    const r = mapEvent({
      id: 'AAAAAWgN8Xwgr1vKDQAAAABBV2dOOFh3ZzZobm9mWXBhZHZCaWdFd0dtc2RZTmdBcWRLYlBhSzdJUGRwdURjSHNVaFAzdFdpbVBfMUpVdDd6a3ZHNEhPc3NIcGZj',
      type: 'event',
      attributes: {
        attributes: { evt: { id: '6509751111265838190', source_id: 36, type: 'monitor_alert' }, service: 'web-store', status: 'error', timestamp: 1719315000000, title: '[Triggered] High CPU on web-store' },
        message: '%%%\nCPU usage is above 90%\n%%%', tags: ['env:prod', 'service:web-store'], timestamp: '2024-06-25T11:30:00.000Z',
      },
    }, 'datadoghq.eu');
    assert.deepEqual([r.kind, r.occurred_at, r.title], ['event', '2024-06-25T11:30:00.000Z', '[Triggered] High CPU on web-store']);
    assert.match(r.external_id, /^AAAAAWgN8X/);
    assert.match(r.url!, /^https:\/\/app\.datadoghq\.eu\/event\/explorer\?event=AAAAAWgN8X/);
    assert.equal(apiBase({ apiBaseUrl: 'https://api.datadoghq.com' }, 'us5.datadoghq.com'), 'https://api.us5.datadoghq.com');
    assert.equal(apiBase({ apiBaseUrl: 'https://api.datadoghq.com' }, undefined), 'https://api.datadoghq.com');
    assert.equal(apiBase({ apiBaseUrl: 'http://127.0.0.1:9/datadog/api' }, 'datadoghq.eu'), 'http://127.0.0.1:9/datadog/api', 'the emulator ignores the site');
  });

  test('Sentry issue and Link cursors', () => {
    const r = mapSentryIssue({
      id: '1', shortId: 'PUMP-STATION-1', title: 'This is an example Python exception', culprit: 'raven.scripts.runner in main', permalink: 'https://sentry.io/the-interstellar-jurisdiction/pump-station/issues/1/',
      firstSeen: '2018-11-06T21:19:55Z', lastSeen: '2018-11-06T21:19:55Z', level: 'error', status: 'unresolved', count: '1', userCount: 0,
      project: { id: '2', name: 'Pump Station', slug: 'pump-station' },
    });
    assert.deepEqual([r.kind, r.external_id, r.occurred_at, r.title, r.url], ['issue', '1', '2018-11-06T21:19:55.000Z', 'PUMP-STATION-1: This is an example Python exception', 'https://sentry.io/the-interstellar-jurisdiction/pump-station/issues/1/']);
    const link = '<https://sentry.io/api/0/organizations/acme/issues/?&cursor=1420837590000:0:1>; rel="previous"; results="false"; cursor="1420837590000:0:1", <https://sentry.io/api/0/organizations/acme/issues/?&cursor=1420837533000:0:0>; rel="next"; results="true"; cursor="1420837533000:0:0"';
    assert.equal(nextCursor(link), '1420837533000:0:0');
    assert.equal(nextCursor(link.replace('results="true"', 'results="false"')), null, 'no results → last page');
  });

  test('GitHub pull request and commit', () => {
    const pr = mapPullRequest({ id: 1296269, number: 1347, title: 'Amazing new feature', html_url: 'https://github.com/octocat/Hello-World/pull/1347', updated_at: '2011-01-26T19:01:12Z', closed_at: '2011-01-26T19:01:12Z', pull_request: { merged_at: '2011-01-26T19:01:12Z' } });
    assert.deepEqual([pr.kind, pr.external_id, pr.occurred_at, pr.title], ['pull_request', '1296269', '2011-01-26T19:01:12.000Z', 'Amazing new feature']);
    const cm = mapCommit({ sha: '6dcb09b5b57875f334f61aebed695e2e4193db5e', html_url: 'https://github.com/octocat/Hello-World/commit/6dcb09b', commit: { message: 'Fix all the bugs\n\nDetails', committer: { date: '2011-04-14T16:00:49Z' } } });
    assert.deepEqual([cm.external_id, cm.occurred_at, cm.title], ['6dcb09b5b57875f334f61aebed695e2e4193db5e', '2011-04-14T16:00:49.000Z', 'Fix all the bugs']);
  });

  test('GitLab deployment', () => {
    const r = mapDeployment({
      id: 42, iid: 2, ref: 'main', sha: 'a91957a858320c0e17f3a0eca7cfacbff50ea29a', created_at: '2016-08-11T11:32:35.444Z', updated_at: '2016-08-11T11:34:01.123Z', status: 'success',
      user: { id: 1, name: 'Administrator', username: 'root' }, environment: { id: 9, name: 'production', external_url: 'https://about.gitlab.com' },
      deployable: { id: 664, status: 'success', stage: 'deploy', name: 'deploy', finished_at: '2016-08-11T11:34:01.123Z', pipeline: { id: 36, web_url: 'https://gitlab.example.com/acme/app/-/pipelines/36' } },
    }, 'https://gitlab.example.com/acme/app');
    assert.deepEqual([r.kind, r.external_id, r.occurred_at, r.title, r.url], ['deployment', '42', '2016-08-11T11:32:35.444Z', 'Deploy #2 of main@a91957a8 to production: success', 'https://gitlab.example.com/acme/app/-/environments/9']);
  });

  test('Slack message', () => {
    const r = mapMessage({ type: 'message', user: 'U012AB3CDE', text: 'I find you punny and would like to smell your nose letter', ts: '1512085950.000216' }, 'C1H9RESGL', 'https://subarachnoid.slack.com/');
    assert.deepEqual([r.kind, r.external_id, r.occurred_at, r.title, r.url], ['message', 'C1H9RESGL:1512085950.000216', '2017-11-30T23:52:30.000Z', 'I find you punny and would like to smell your nose letter', 'https://subarachnoid.slack.com/archives/C1H9RESGL/p1512085950000216']);
  });

  test('Jira issue and time-zone-correct JQL', () => {
    const r = mapJiraIssue({ id: '10002', key: 'ED-1', self: 'https://api.atlassian.com/ex/jira/abc/rest/api/3/issue/10002', fields: { summary: 'Main order flow broken', created: '2024-05-02T09:15:00.000+0200', status: { name: 'In Progress' } } }, 'https://your-domain.atlassian.net');
    assert.deepEqual([r.kind, r.external_id, r.occurred_at, r.title, r.url], ['issue', '10002', '2024-05-02T07:15:00.000Z', 'ED-1 Main order flow broken', 'https://your-domain.atlassian.net/browse/ED-1']);
    assert.equal(windowJql('2025-07-01T10:00:30Z', '2025-07-01T11:00:00Z', 'Europe/Berlin'), 'created >= "2025-07-01 12:00" AND created < "2025-07-01 13:00" ORDER BY created ASC, key ASC');
  });

  test('Linear issue', () => {
    const r = mapLinearIssue({ id: '9cfb482a-81e3-4154-b5b9-2c805e70a02d', identifier: 'ENG-123', title: 'Checkout fails on Safari', url: 'https://linear.app/acme/issue/ENG-123/checkout-fails-on-safari', createdAt: '2024-03-01T08:00:00.000Z', state: { name: 'Todo' } });
    assert.deepEqual([r.kind, r.external_id, r.occurred_at, r.title, r.url], ['issue', '9cfb482a-81e3-4154-b5b9-2c805e70a02d', '2024-03-01T08:00:00.000Z', 'ENG-123 Checkout fails on Safari', 'https://linear.app/acme/issue/ENG-123/checkout-fails-on-safari']);
  });
});

describe('catalog', () => {
  test('at least eight providers in at least four categories, API-key and OAuth; PagerDuty offers both', () => {
    const ms = registry.list().map((p) => p.manifest);
    assert.ok(ms.length >= 8, `${ms.length} providers`);
    assert.ok(new Set(ms.map((m) => m.category)).size >= 4);
    assert.ok(ms.some((m) => m.auth === 'oauth2') && ms.some((m) => m.auth === 'api_key'));
    assert.deepEqual(registry.get('pagerduty')!.manifest.auth_methods, ['api_key', 'oauth2']);
    assert.ok(registry.get('pagerduty')!.endpoints.authorizeUrl?.startsWith(`${emu.url}/pagerduty/oauth`));
    for (const m of ms) if (m.auth === 'api_key') assert.ok(DEMO_CREDENTIALS[m.type], `${m.type} has demo credentials`);
  });

  test('PagerDuty accepts an OAuth access token as Bearer', async () => {
    emu.state.accept('pagerduty', 'pd-oauth-token');
    await registry.get('pagerduty')!.client.testConnection({ access_token: 'pd-oauth-token' });
  });

  test('a fault scoped to a credential is taken only by requests presenting it', async () => {
    const pd = registry.get('pagerduty')!.client;
    emu.state.accept('pagerduty', 'pd-scoped-key-00000000');
    emu.state.faults.push({ provider: 'pagerduty', kind: 'server_error', remaining: 1, status: 503, key: 'pd-scoped-key-00000000' });
    await pd.testConnection(DEMO_CREDENTIALS.pagerduty!); // another key: untouched, the fault stays
    assert.equal(emu.state.faults.at(-1)!.remaining, 1);
    await rejects(pd.testConnection({ api_key: 'pd-scoped-key-00000000' }), 'unavailable');
    assert.equal(emu.state.faults.at(-1)!.remaining, 0);
  });
});

describe('GitHub search ranges', () => {
  test('a sub-second window end is covered up to its second and trimmed by the client', async () => {
    const { searchRange } = await import('../providers/github/client.ts');
    assert.equal(searchRange('2025-01-01T10:00:00.700Z', '2025-01-01T11:00:00.700Z'), '2025-01-01T10:00:00Z..2025-01-01T11:00:00Z');
    assert.equal(searchRange('2025-01-01T10:00:00Z', '2025-01-01T11:00:00Z'), '2025-01-01T10:00:00Z..2025-01-01T10:59:59Z');
    const end = Math.floor(Date.now() / 1000) * 1000 - 60_000 + 700;
    const start = end - 3_600_000;
    emu.state.data.add('github', 'commit', 1, end - 200);
    emu.state.data.add('github', 'commit', 1, end + 100);
    const window = { start: new Date(start).toISOString(), end: new Date(end).toISOString() };
    const { records } = await drain(registry.get('github')!.client, { access_token: TOKEN('github') }, 'commit', window, 100);
    assert.equal(records.length, expectedCount(emu.state.data, 'github', 'commit', start, end));
    assert.ok(records.some((r) => Date.parse(r.occurred_at) === end - 200));
  });
});
