// Emulated GitHub REST API: Bearer tokens, `{message, documentation_url}` errors, x-ratelimit headers, `/user`,
// `/user/orgs`, `/repos/{owner}/{repo}`, and the search endpoints with date-range (`merged:`, `updated:`,
// `committer-date:`) and scope (`org:`, `user:`, `repo:`) qualifiers, `Link` pagination and GitHub's cap: only the
// first 1,000 results of a search can be read (a deeper page is a 422), while `total_count` says how many matched.
import { Hono, type Context } from 'hono';
import type { EmuRecord, RecordState } from '../dataset.ts';
import { hash, iso, type EmulatedProvider } from '../provider.ts';
import type { EmulatorState } from '../state.ts';

export const GITHUB_USER = 'octo-demo';
export const GITHUB_ORGS = ['acme'];
/** The repositories the demo account can see; records are spread over them. */
export const GITHUB_REPOS = ['acme/checkout', 'acme/payments', 'octo-demo/dotfiles'];
/** Only the first 1,000 results of any search are available. */
export const SEARCH_CAP = 1000;

const badCredentials = (c: Context) => c.json({ message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' }, 401);
const notFound = (c: Context) => c.json({ message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' }, 404);
const validationFailed = (c: Context, message: string, detail?: string) =>
  c.json({ message, errors: [{ ...(detail ? { message: detail } : {}), resource: 'Search', field: 'q', code: 'invalid' }], documentation_url: 'https://docs.github.com/v3/search/', status: '422' }, 422);

export const repoOf = (r: EmuRecord): string => GITHUB_REPOS[r.n >= 0 ? r.n % GITHUB_REPOS.length : hash(r.id) % GITHUB_REPOS.length]!;
const prNumber = (r: EmuRecord) => (r.n >= 0 ? r.n + 1 : 100_000 + (hash(r.id) % 900_000));
const commitSha = (r: EmuRecord) => Buffer.from(`${r.id}`.padEnd(20, '0')).toString('hex').slice(0, 40);

/** A merged pull request as it is now: later edits (title, labels) move `updated_at`. */
function pullRequest(s: RecordState) {
  const r = s.rec;
  const number = prNumber(r);
  const repo = repoOf(r);
  return {
    id: 1_000_000 + number,
    node_id: `PR_${r.id}`,
    number,
    title: String(s.patch.title ?? r.title),
    state: 'closed',
    labels: s.stage > 0 ? [{ name: 'released' }] : [],
    html_url: `https://github.com/${repo}/pull/${number}#${r.id}`,
    user: { login: GITHUB_USER, id: 1 },
    created_at: iso(r.at - 3_600_000),
    updated_at: iso(s.updatedAt),
    closed_at: iso(r.at),
    pull_request: { merged_at: iso(r.at), url: `https://api.github.com/repos/${repo}/pulls/${number}` },
    repository_url: `https://api.github.com/repos/${repo}`,
    external_key: r.id,
  };
}

function commit(s: RecordState) {
  const r = s.rec;
  const sha = commitSha(r);
  const repo = repoOf(r);
  return {
    sha,
    html_url: `https://github.com/${repo}/commit/${sha}`,
    commit: { message: r.title, author: { name: 'Octo Demo', date: iso(r.at) }, committer: { name: 'Octo Demo', date: iso(r.at) } },
    repository: { full_name: repo },
    external_key: r.id,
  };
}

/** Parses `qualifier:START..END` from a search query (GitHub ranges are inclusive). */
function range(q: string, qualifier: string): [number, number] | undefined {
  const m = new RegExp(`(?:^|\\s)${qualifier}:(\\S+)\\.\\.(\\S+)`).exec(q);
  if (!m) return undefined;
  const a = Date.parse(m[1]!);
  const b = Date.parse(m[2]!);
  return Number.isNaN(a) || Number.isNaN(b) ? undefined : [a, b];
}

/**
 * Which repositories a query's `org:`/`user:`/`repo:` qualifiers allow (several are OR-ed; none: every repository),
 * or undefined when one names something the account cannot see (GitHub answers that search with a 422).
 */
function scope(q: string): ((repo: string) => boolean) | undefined {
  const owners = [...q.matchAll(/(?:^|\s)(?:org|user):(\S+)/g)].map((m) => m[1]!.toLowerCase());
  const repos = [...q.matchAll(/(?:^|\s)repo:(\S+)/g)].map((m) => m[1]!.toLowerCase());
  const visible = [GITHUB_USER, ...GITHUB_ORGS].map((o) => o.toLowerCase());
  if (owners.some((o) => !visible.includes(o)) || repos.some((r) => !GITHUB_REPOS.some((x) => x.toLowerCase() === r))) return undefined;
  if (!owners.length && !repos.length) return () => true;
  return (repo) => repos.includes(repo.toLowerCase()) || owners.includes(repo.split('/')[0]!.toLowerCase());
}

function githubApi(state: EmulatorState): Hono {
  const app = new Hono();
  app.use('*', async (c, next) => {
    c.header('x-ratelimit-limit', '5000');
    c.header('x-ratelimit-remaining', '4999');
    c.header('x-ratelimit-reset', String(Math.floor(Date.now() / 1000) + 3600));
    const token = /^(?:Bearer|token) (.+)$/.exec(c.req.header('authorization') ?? '')?.[1];
    if (!state.isValid('github', token)) return badCredentials(c);
    await next();
  });
  app.get('/user', (c) => c.json({ login: GITHUB_USER, id: 1, type: 'User', name: 'Octo Demo' }));
  app.get('/user/orgs', (c) => c.json(GITHUB_ORGS.map((login, i) => ({ login, id: 100 + i, url: `https://api.github.com/orgs/${login}` }))));
  app.get('/repos/:owner/:repo', (c) => {
    const full = `${c.req.param('owner')}/${c.req.param('repo')}`;
    const found = GITHUB_REPOS.find((r) => r.toLowerCase() === full.toLowerCase());
    return found ? c.json({ id: 5000 + GITHUB_REPOS.indexOf(found), full_name: found, private: true, owner: { login: found.split('/')[0] } }) : notFound(c);
  });

  const search = (path: string, kind: string, qualifiers: Record<string, 'created' | 'modified'>, shape: (s: RecordState) => unknown) =>
    app.get(path, (c) => {
      const q = c.req.query('q') ?? '';
      const field = Object.keys(qualifiers).find((k) => range(q, k));
      const win = field ? range(q, field) : undefined;
      if (!field || !win) return validationFailed(c, 'Validation Failed');
      const perPage = Math.min(100, Number(c.req.query('per_page') ?? 30));
      const page = Math.max(1, Number(c.req.query('page') ?? 1));
      if (page * perPage > SEARCH_CAP) return validationFailed(c, `Only the first ${SEARCH_CAP} search results are available`);
      // Ranges are inclusive to the second: `..T` covers all of second T.
      const inScope = scope(q);
      if (!inScope) return validationFailed(c, 'Validation Failed', 'The listed users and repositories cannot be searched either because the resources do not exist or you do not have permission to view them.');
      const listed = qualifiers[field] === 'modified' ? state.data.listModified('github', kind, win[0], win[1] + 1000) : state.data.list('github', kind, win[0], win[1] + 1000);
      const all = listed.filter((s) => inScope(repoOf(s.rec)));
      if (c.req.query('order') === 'desc') all.reverse();
      const items = all.slice((page - 1) * perPage, page * perPage);
      const last = Math.max(1, Math.ceil(Math.min(all.length, SEARCH_CAP) / perPage));
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
  search('/search/issues', 'pull_request', { merged: 'created', updated: 'modified' }, pullRequest);
  search('/search/commits', 'commit', { 'committer-date': 'created' }, commit);
  return app;
}

export const github: EmulatedProvider = {
  api: githubApi,
  timelines: { pull_request: { auto: 1, spreadMs: 6 * 3_600_000, mutable: true, deletable: false } },
  externalId: (kind, rec) => (kind === 'pull_request' ? String(1_000_000 + prNumber(rec)) : commitSha(rec)),
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
