// GitHub is scoped and never truncated, through the public API and the emulated GitHub: the connector's
// configuration (orgs/repos) is validated by shape at the API and against what the token can see by the connection
// test; every search the client sends carries the scope (asserted from the emulator's request log); a window
// with 2,500 matching pull requests — past GitHub's 1,000-results cap — is split and ingested completely.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { GITHUB_REPOS, repoOf, SEARCH_CAP } from '../dev/emulator/providers/github.ts';
import { expectedCount } from './helpers/expected.ts';
import { startTestStack, type TestStack } from './helpers/stack.ts';
import { connectProvider, syncNow } from './helpers/sync.ts';

let s: TestStack;
before(async () => {
  s = await startTestStack();
});
after(async () => {
  await s?.close();
});

const searches = (since: number) => s.emulator.state.requests.filter((r) => r.provider === 'github' && r.path.startsWith('/search/') && Date.parse(r.at) >= since);

describe('configuration', () => {
  test('orgs and repos are checked by shape at the API, named field by field', async () => {
    for (const [config, field] of [
      [{ repos: ['not a repo'] }, 'config.repos.0'],
      [{ orgs: 'acme' }, 'config.orgs'],
      [{ orgs: ['acme'], teams: ['x'] }, 'config.teams'],
      [{ repos: ['acme/ok', 'acme/also ok'] }, 'config.repos.1'],
    ] as const) {
      const r = await s.api('POST', '/v1/connectors', { type: 'github', config });
      assert.equal(r.status, 400, `${JSON.stringify(config)} → ${r.text}`);
      assert.ok(r.body.error.details.some((d: { field: string }) => d.field === field), `${JSON.stringify(config)} names ${field}: ${r.text}`);
    }
    const pd = await s.api('POST', '/v1/connectors', { type: 'pagerduty', config: { orgs: ['acme'] } });
    assert.equal(pd.status, 400);
    assert.match(pd.body.error.message, /config\.orgs: this connector type has no settings/);

    const ok = await s.api('POST', '/v1/connectors', { type: 'github', config: { orgs: ['acme', 'acme'], repos: ['octo-demo/dotfiles'] } });
    assert.equal(ok.status, 201, ok.text);
    assert.deepEqual(ok.body.config, { orgs: ['acme'], repos: ['octo-demo/dotfiles'] });
    const patched = await s.api('PATCH', `/v1/connectors/${ok.body.id}`, { config: { repos: ['acme/payments'] } });
    assert.equal(patched.status, 200, patched.text);
    assert.deepEqual(patched.body.config, { repos: ['acme/payments'] });
    assert.equal(patched.body.name, ok.body.name);
    assert.equal((await s.api('PATCH', `/v1/connectors/${ok.body.id}`, {})).status, 400, 'PATCH needs name or config');
    const types = await s.api('GET', '/v1/connector-types/github');
    assert.deepEqual(types.body.config_fields.map((f: { name: string }) => f.name), ['orgs', 'repos']);
  });

  test('the connection test checks the scope against what the token can see', async () => {
    const { id } = await connectProvider(s, 'github', { config: { orgs: ['acme'], repos: ['octo-demo/dotfiles'] } });
    for (const [config, pattern] of [
      [{ orgs: ['acme', 'globex'] }, /orgs: "globex" is not visible to octo-demo/],
      [{ repos: ['acme/secret-plans'] }, /repos: "acme\/secret-plans" does not exist or is not visible/],
    ] as const) {
      assert.equal((await s.api('PATCH', `/v1/connectors/${id}`, { config })).status, 200);
      const t = await s.api('POST', `/v1/connectors/${id}/test`);
      assert.equal(t.body.success, false, t.text);
      assert.equal(t.body.error.code, 'config_invalid');
      assert.match(t.body.error.message, pattern);
    }
    // A sync with a scope the token cannot see fails with GitHub's reason instead of ingesting nothing quietly.
    const run = await syncNow(s, id);
    assert.equal(run.status, 'failed', JSON.stringify(run));
    assert.match(run.error.message, /cannot be searched/);
    assert.equal((await s.api('PATCH', `/v1/connectors/${id}`, { config: { orgs: ['octo-demo'] } })).status, 200);
    assert.equal((await s.api('POST', `/v1/connectors/${id}/test`)).body.success, true, 'the account itself is a valid owner');
  });
});

describe('scope and the 1,000-result cap', () => {
  test('every search carries the configured scope, and only that scope is ingested', async () => {
    for (const [config, qualifiers] of [
      [{ orgs: ['acme'] }, ['org:acme']],
      [{ repos: ['octo-demo/dotfiles'] }, ['repo:octo-demo/dotfiles']],
      [undefined, ['user:octo-demo', 'org:acme']],
    ] as const) {
      const since = Date.now();
      const { id } = await connectProvider(s, 'github', config ? { config } : {});
      const run = await syncNow(s, id);
      assert.equal(run.status, 'succeeded', JSON.stringify(run));
      const sent = searches(since);
      assert.ok(sent.length >= 2, 'pull requests and commits searched');
      for (const r of sent) for (const q of qualifiers) assert.ok(r.query.q!.split(' ').includes(q), `${r.path} q="${r.query.q}" carries ${q}`);
      const repos = new Set((await s.db.selectFrom('records').select('url').where('connector_id', '=', id).execute()).map((r) => new URL(r.url!).pathname.split('/').slice(1, 3).join('/')));
      const allowed = GITHUB_REPOS.filter((r) => (config?.orgs as readonly string[] | undefined)?.includes(r.split('/')[0]!) || (config?.repos as readonly string[] | undefined)?.includes(r) || !config);
      assert.ok(repos.size > 0 && [...repos].every((r) => allowed.includes(r)), `${JSON.stringify(config)}: ingested ${[...repos].join(', ')}`);
    }
  });

  test('a window with 2,500 matching pull requests is split until each part fits, and ingested completely', async () => {
    // More than GitHub's 30 searches: its count kept, in a shorter window so the primary limit's reset comes quickly.
    s.emulator.state.limits.github.search.windowMs = 4000;
    const spreadFrom = Date.now() - 3 * 3_600_000;
    const added = s.emulator.state.data.add('github', 'pull_request', 2500, spreadFrom, 3_600_000);
    const since = Date.now();
    const { id } = await connectProvider(s, 'github', { config: { orgs: ['acme', 'octo-demo'] } });
    const run = await syncNow(s, id);
    assert.equal(run.status, 'succeeded', JSON.stringify(run));
    const window = { start: Date.parse(run.window.start), end: Date.parse(run.window.end) };
    const expected = expectedCount(s.emulator.state.data, 'github', 'pull_request', window.start, window.end, 'changed');
    assert.ok(expected > 2 * SEARCH_CAP, `the window matches ${expected} pull requests`);
    const stored = await s.db.selectFrom('records').select('external_id').where('connector_id', '=', id).where('kind', '=', 'pull_request').execute();
    assert.equal(stored.length, expected, 'every pull request of the window');
    const ids = new Set(stored.map((r) => r.external_id));
    const idOf = s.emulator.state.externalIds.get('github')!;
    assert.ok(added.every((r) => ids.has(idOf('pull_request', r))), 'each of the 2,500 is there');
    assert.ok(added.every((r) => ['acme', 'octo-demo'].includes(repoOf(r).split('/')[0]!)));

    const prSearches = searches(since).filter((r) => r.path === '/search/issues');
    assert.ok(prSearches.every((r) => r.status !== 422), 'no search asked past the cap');
    assert.ok(prSearches.filter((r) => r.status === 200).length > 30, 'past the 30-a-minute search limit, waited out');
    const ranges = new Set(prSearches.map((r) => /updated:(\S+)/.exec(r.query.q!)?.[1]));
    assert.ok(ranges.size >= 3, `the window was split (${ranges.size} ranges searched)`);
    assert.ok(prSearches.every((r) => Number(r.query.page) * Number(r.query.per_page) <= SEARCH_CAP), 'never a page past the cap');
  });
});
