// Emulated GitHub REST API: Bearer tokens, `{message, documentation_url}` errors, `/user`, `/user/orgs`,
// `/repos/{owner}/{repo}`, and the search endpoints with date-range (`merged:`, `updated:`, `committer-date:`) and
// scope (`org:`, `user:`, `repo:`) qualifiers, `Link` pagination and GitHub's cap: only the first 1,000 results of a
// search can be read (a deeper page is a 422), while `total_count` says how many matched. Its primary rate limits
// are enforced (30 searches a minute; x-ratelimit-limit/-remaining/-used/-reset/-resource on every answer, 403 once
// spent) and its secondary ones can be injected (403 or 429, with or without Retry-After).
import { Hono, type Context } from 'hono';
import type { EmuRecord, RecordState } from '../dataset.ts';
import { hash, type EmulatedProvider } from '../provider.ts';
import { commitSearchItem, fullRepository, issueSearchItem, organizationSimple, privateUser } from './github-objects.ts';
import type { EmulatorState } from '../state.ts';

export const GITHUB_USER = 'octo-demo';
export const GITHUB_ORGS = ['acme'];
/** The repositories the demo account can see; records are spread over them. */
export const GITHUB_REPOS = ['acme/checkout', 'acme/payments', 'octo-demo/dotfiles'];
/** Only the first 1,000 results of any search are available. */
export const SEARCH_CAP = 1000;

const DOCS = 'https://docs.github.com/rest';
const LIMIT_DOCS = 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api';
/** A missing or wrong token: counted against the unauthenticated limit (60 an hour). */
const badCredentials = (c: Context) => {
  rateHeaders(c, 'core', 60, 1, Date.now() + 3_600_000);
  return c.json({ message: 'Bad credentials', documentation_url: DOCS, status: '401' }, 401);
};
const notFound = (c: Context) => c.json({ message: 'Not Found', documentation_url: `${DOCS}/repos/repos#get-a-repository`, status: '404' }, 404);
const validationFailed = (c: Context, message: string, detail?: string) =>
  c.json({ message, errors: [{ ...(detail ? { message: detail } : {}), resource: 'Search', field: 'q', code: 'invalid' }], documentation_url: `${DOCS}/search/search`, status: '422' }, 422);

/** The demo account and the ids of the owners and repositories it sees. */
const USER_ID = 1;
const OWNER_IDS: Record<string, number> = { [GITHUB_USER]: USER_ID, acme: 100 };
const repoId = (full: string) => 5000 + GITHUB_REPOS.indexOf(full);
const ownerId = (full: string) => OWNER_IDS[full.split('/')[0]!] ?? 2;

export const repoOf = (r: EmuRecord): string => GITHUB_REPOS[r.n >= 0 ? r.n % GITHUB_REPOS.length : hash(r.id) % GITHUB_REPOS.length]!;
// Added pull requests are numbered by the whole 32-bit hash of their id: a smaller range collides within a few
// thousand (two pull requests with one id would be one record).
const prNumber = (r: EmuRecord) => (r.n >= 0 ? r.n + 1 : 100_000 + hash(r.id));
const commitSha = (r: EmuRecord) => Buffer.from(`${r.id}`.padEnd(20, '0')).toString('hex').slice(0, 40);
const author = { login: GITHUB_USER, id: USER_ID };

const pullRequest = (s: RecordState) => issueSearchItem(s, { number: prNumber(s.rec), repo: repoOf(s.rec), repoId: repoId(repoOf(s.rec)), ownerId: ownerId(repoOf(s.rec)), author });
const commit = (s: RecordState) => commitSearchItem(s.rec, { sha: commitSha(s.rec), repo: repoOf(s.rec), repoId: repoId(repoOf(s.rec)), ownerId: ownerId(repoOf(s.rec)), author });

/** GitHub's rate-limit headers: the limit of the resource the request counted against, what is left and when it resets. */
function rateHeaders(c: Context, resource: 'core' | 'search', limit: number, used: number, resetAt: number) {
  c.header('x-ratelimit-limit', String(limit));
  c.header('x-ratelimit-remaining', String(Math.max(0, limit - used)));
  c.header('x-ratelimit-used', String(used));
  c.header('x-ratelimit-reset', String(Math.ceil(resetAt / 1000)));
  c.header('x-ratelimit-resource', resource);
}

const resourceOf = (path: string) => (/\/search\//.test(path) ? 'search' : 'core');

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
    const token = /^(?:Bearer|token) (.+)$/.exec(c.req.header('authorization') ?? '')?.[1];
    const resource = resourceOf(c.req.path);
    if (!state.isValid('github', token)) return badCredentials(c);
    // The primary rate limits: 30 searches a minute, 5,000 other requests an hour, per token.
    const limit = state.limits.github[resource];
    const count = state.countRequest(`github ${token} ${resource}`, limit);
    rateHeaders(c, resource, limit.limit, count.used, count.resetAt);
    if (!count.allowed) {
      return c.json({ message: `API rate limit exceeded for user ID ${USER_ID}. If you reach out to GitHub Support for help, please include the request ID ${requestId(c)}.`, documentation_url: `${LIMIT_DOCS}#about-the-primary-rate-limit`, status: '403' }, 403);
    }
    await next();
  });
  app.get('/user', (c) => c.json(privateUser(GITHUB_USER, USER_ID, 'Octo Demo')));
  app.get('/user/orgs', (c) => c.json(GITHUB_ORGS.map((login) => organizationSimple(login, OWNER_IDS[login] ?? 100))));
  app.get('/repos/:owner/:repo', (c) => {
    const full = `${c.req.param('owner')}/${c.req.param('repo')}`;
    const found = GITHUB_REPOS.find((r) => r.toLowerCase() === full.toLowerCase());
    return found ? c.json(fullRepository(found, repoId(found), ownerId(found))) : notFound(c);
  });

  const search = (path: string, kind: string, qualifiers: Record<string, 'created' | 'modified'>, shape: (s: RecordState) => unknown) =>
    app.get(path, (c) => {
      const q = c.req.query('q') ?? '';
      const field = Object.keys(qualifiers).find((k) => range(q, k));
      const win = field ? range(q, field) : undefined;
      if (!field || !win) return validationFailed(c, 'Validation Failed');
      // GitHub serves at most 100 results a page, whatever `per_page` asks.
      const perPage = Math.max(1, Math.min(100, Number(c.req.query('per_page') ?? 30)));
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
      return c.json({ total_count: all.length, incomplete_results: false, search_type: 'lexical', items: items.map(shape) });
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
      // The injected 429: GitHub's secondary limit with Retry-After, the primary one zeroing x-ratelimit-remaining too.
      c.header('retry-after', String(s));
      rateHeaders(c, resourceOf(c.req.path), 5000, 5000, Date.now() + s * 1000);
      return c.json({ message: 'API rate limit exceeded. Please wait before you try again.', documentation_url: LIMIT_DOCS, status: '429' }, 429);
    },
    secondaryLimited: (c, status, retryAfterS) => {
      // Secondary limits leave the primary budget alone (x-ratelimit-remaining > 0); Retry-After only sometimes.
      if (retryAfterS !== undefined) c.header('retry-after', String(retryAfterS));
      rateHeaders(c, resourceOf(c.req.path), 30, 1, Date.now() + 60_000);
      return c.json({ message: `You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID ${requestId(c)}.`, documentation_url: `${LIMIT_DOCS}#about-secondary-rate-limits`, status: String(status) }, status);
    },
    serverError: (c, status) => c.json({ message: 'Server Error', documentation_url: DOCS, status: String(status) }, status as 500),
  },
};

/** GitHub's request id (it also sends it as `x-github-request-id`). */
function requestId(c: Context): string {
  const id = `E${(hash(`${c.req.url}${Date.now()}`) % 0xffff).toString(16).toUpperCase()}:${(hash(c.req.path) % 0xffffff).toString(16).toUpperCase()}`;
  c.header('x-github-request-id', id);
  return id;
}
