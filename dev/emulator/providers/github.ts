// Emulated GitHub REST API: Bearer tokens, `{message, documentation_url}` errors, x-ratelimit headers,
// search endpoints with date-range qualifiers and `Link` header pagination.
import { Hono, type Context } from 'hono';
import type { EmuRecord } from '../dataset.ts';
import { hash, type EmulatedProvider } from '../provider.ts';
import type { EmulatorState } from '../state.ts';

const badCredentials = (c: Context) => c.json({ message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' }, 401);

function pullRequest(r: EmuRecord) {
  // Added records (n = -1) get numbers from their ids, so several of them stay distinct.
  const number = r.n >= 0 ? r.n + 1 : 100_000 + (hash(r.id) % 900_000);
  return {
    id: 1_000_000 + number,
    node_id: `PR_${r.id}`,
    number,
    title: r.title,
    state: 'closed',
    html_url: `https://github.com/acme/checkout/pull/${number}#${r.id}`,
    user: { login: 'octo-demo', id: 1 },
    created_at: new Date(r.at - 3_600_000).toISOString(),
    updated_at: new Date(r.at).toISOString(),
    closed_at: new Date(r.at).toISOString(),
    pull_request: { merged_at: new Date(r.at).toISOString(), url: `https://api.github.com/repos/acme/checkout/pulls/${number}` },
    repository_url: 'https://api.github.com/repos/acme/checkout',
    external_key: r.id,
  };
}

function commit(r: EmuRecord) {
  const sha = Buffer.from(`${r.id}`.padEnd(20, '0')).toString('hex').slice(0, 40);
  return {
    sha,
    html_url: `https://github.com/acme/checkout/commit/${sha}`,
    commit: { message: r.title, author: { name: 'Octo Demo', date: new Date(r.at).toISOString() }, committer: { name: 'Octo Demo', date: new Date(r.at).toISOString() } },
    repository: { full_name: 'acme/checkout' },
    external_key: r.id,
  };
}

/** Parses `qualifier:START..END` from a search query (GitHub ranges are inclusive). */
function range(q: string, qualifier: string): [number, number] | undefined {
  const m = new RegExp(`${qualifier}:(\\S+)\\.\\.(\\S+)`).exec(q);
  if (!m) return undefined;
  const a = Date.parse(m[1]!);
  const b = Date.parse(m[2]!);
  return Number.isNaN(a) || Number.isNaN(b) ? undefined : [a, b];
}

function githubApi(state: EmulatorState): Hono {
  const app = new Hono();
  app.use('*', async (c, next) => {
    c.header('x-ratelimit-limit', '5000');
    c.header('x-ratelimit-remaining', '4999');
    c.header('x-ratelimit-reset', String(Math.floor(Date.now() / 1000) + 3600));
    const token = /^(?:Bearer|token) (.+)$/.exec(c.req.header('authorization') ?? '')?.[1];
    if (!state.isValid('github', token)) {
      return badCredentials(c);
    }
    await next();
  });
  app.get('/user', (c) => c.json({ login: 'octo-demo', id: 1, type: 'User', name: 'Octo Demo' }));

  const search = (path: string, kind: string, qualifier: string, shape: (r: EmuRecord) => unknown) =>
    app.get(path, (c) => {
      const q = c.req.query('q') ?? '';
      const win = range(q, qualifier);
      if (!win) return c.json({ message: 'Validation Failed', errors: [{ resource: 'Search', field: 'q', code: 'invalid' }], documentation_url: 'https://docs.github.com/rest/search' }, 422);
      const perPage = Math.min(100, Number(c.req.query('per_page') ?? 30));
      const page = Math.max(1, Number(c.req.query('page') ?? 1));
      // Ranges are inclusive to the second: `..T` covers all of second T.
      const all = state.data.list('github', kind, win[0], win[1] + 1000);
      const items = all.slice((page - 1) * perPage, page * perPage);
      const last = Math.max(1, Math.ceil(all.length / perPage));
      const url = new URL(c.req.url);
      const link = (p: number) => {
        url.searchParams.set('page', String(p));
        return url.toString();
      };
      const rels = [];
      if (page < last) rels.push(`<${link(page + 1)}>; rel="next"`, `<${link(last)}>; rel="last"`);
      if (page > 1) rels.push(`<${link(1)}>; rel="first"`, `<${link(page - 1)}>; rel="prev"`);
      if (rels.length) c.header('link', rels.join(', '));
      return c.json({ total_count: all.length, incomplete_results: false, items: items.map(shape) });
    });
  search('/search/issues', 'pull_request', 'merged', pullRequest);
  search('/search/commits', 'commit', 'committer-date', commit);
  return app;
}

export const github: EmulatedProvider = {
  api: githubApi,
  errors: {
    unauthorized: badCredentials,
    rateLimited: (c, s) => {
      // GitHub's secondary rate limit: 429 with Retry-After; the primary one also zeroes x-ratelimit-remaining.
      c.header('retry-after', String(s));
      c.header('x-ratelimit-limit', '5000');
      c.header('x-ratelimit-remaining', '0');
      c.header('x-ratelimit-reset', String(Math.floor(Date.now() / 1000) + s));
      return c.json({ message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.', documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api', status: '429' }, 429);
    },
    serverError: (c, status) => c.json({ message: 'Server Error', status: String(status) }, status as 500),
  },
};
