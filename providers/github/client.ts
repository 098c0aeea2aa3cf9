// GitHub REST client: Bearer token, versioned API header, and the search endpoints — every query scoped to the
// connector's configured orgs/repos (`org:`/`repo:`; by default the account's own repos and its organizations),
// windows as date-range qualifiers, `Link` pagination. GitHub search returns at most 1,000 results per query, so a
// window matching more is split in halves until each part fits; nothing is silently cut.
import { list, read } from '../contract.ts';
import { errorFromResponse, inWindow, jsonBody, packCursor, request, resetHeaderMs, unpackCursor } from '../http.ts';
import { ProviderError } from '../types.ts';
import type { ConnectorConfig, Credentials, FetchPageRequest, FetchPageResult, NormalizedRecord, ProviderClient, ProviderClientOptions, ProviderEndpoints } from '../types.ts';
import { rateLimitWaitMs, SecondaryBackoff } from './rate-limits.ts';

/** GitHub's message, with the details of a 422 (`errors[].message`) when it has them. */
const ghMessage = (body: any): string | undefined => {
  if (typeof body?.message !== 'string') return undefined;
  const details = Array.isArray(body.errors) ? body.errors.map((e: any) => e?.message).filter((m: unknown) => typeof m === 'string') : [];
  return details.length ? `${body.message}: ${details.join('; ')}` : body.message;
};

export function nextLink(link: string | null): string | null {
  if (!link) return null;
  for (const part of link.split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="next"/.exec(part.trim());
    if (m) return m[1]!;
  }
  return null;
}

/** Only the first 1,000 results of a search can be read. */
export const SEARCH_CAP = 1000;
/** A part whose page 1 said fewer results than were then read is paged again, at most this often (see `fetchPage`). */
const MAX_PASSES = 3;

/** A merged pull request (an issue search item): it happened when it was merged (closed, updated as fallbacks). */
export function mapPullRequest(pr: unknown): NormalizedRecord {
  const r = read(pr, 'github pull request (search item)');
  return { kind: 'pull_request', external_id: r.id('id'), occurred_at: r.time('pull_request.merged_at', 'closed_at', 'updated_at'), title: r.string('title'), url: r.optionalString('html_url'), raw: r.value };
}

/** A commit search item: committed at `commit.committer.date` — nullable in GitHub's description, then the author date. */
export function mapCommit(c: unknown): NormalizedRecord {
  const r = read(c, 'github commit (search item)');
  const title = r.string('commit.message').split('\n')[0] ?? '';
  return { kind: 'commit', external_id: r.id('sha'), occurred_at: r.time('commit.committer.date', 'commit.author.date'), title, url: r.optionalString('html_url'), raw: r.value };
}

/**
 * GitHub search date ranges are inclusive and second-granular: `[start, end)` becomes
 * `floor(start)..ceil(end)-1s`, and the page is trimmed back to the exact window.
 */
export function searchRange(start: string, end: string): string {
  const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `${iso(Math.floor(Date.parse(start) / 1000) * 1000)}..${iso(Math.ceil(Date.parse(end) / 1000) * 1000 - 1000)}`;
}

/** The scope qualifiers of the configured orgs and repos (validated against the provider at connection test). */
export function scopeQualifiers(config: ConnectorConfig | undefined): string[] {
  const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v ? [v] : []);
  return [...list(config?.orgs).map((o) => `org:${o}`), ...list(config?.repos).map((r) => `repo:${r}`)];
}

/** What each kind searches, by selection: the date qualifier, the sort, and the time the page is trimmed by. */
const SEARCHES = {
  pull_request: {
    path: '/search/issues',
    map: mapPullRequest,
    changed: { q: 'is:pr is:merged updated', sort: 'updated', time: (r: NormalizedRecord) => (r.raw as { updated_at?: string }).updated_at },
    created: { q: 'is:pr is:merged merged', sort: 'updated', time: (r: NormalizedRecord) => r.occurred_at },
  },
  commit: {
    path: '/search/commits',
    map: mapCommit,
    // Commits never change: an incremental sync searches what was committed in its window.
    changed: { q: 'committer-date', sort: 'committer-date', time: (r: NormalizedRecord) => r.occurred_at },
    created: { q: 'committer-date', sort: 'committer-date', time: (r: NormalizedRecord) => r.occurred_at },
  },
} as const;

/** Position in a window: the scope, the parts still to read (the first is current), its page, and what was read of it. */
interface Cursor {
  scope: string[];
  parts: Array<[number, number]>;
  page: number;
  /** `total_count` on the current part's page 1, the items read of it since, and how often it was paged. */
  total: number;
  got: number;
  pass: number;
}

export function createClient(endpoints: ProviderEndpoints, fetchImpl: typeof fetch = fetch, options: ProviderClientOptions = {}): ProviderClient {
  const backoff = new SecondaryBackoff(options.undisclosedWaitMs);
  const get = async (creds: Credentials, url: string) => {
    const token = creds.access_token ?? '';
    const res = await request(fetchImpl, url, {
      headers: {
        Authorization: `Bearer ${token}`,
        Accept: 'application/vnd.github+json',
        'X-GitHub-Api-Version': '2022-11-28',
      },
    });
    if (!res.ok) {
      const e = await errorFromResponse(res, ghMessage, { retryAfter: (r) => resetHeaderMs(r, 'x-ratelimit-reset', 'epoch_seconds') });
      // Primary and secondary limits come back as 403 or 429: waited out and retried, never a `forbidden`.
      const wait = rateLimitWaitMs(res, e.message, backoff, token);
      if (wait !== undefined) throw new ProviderError('rate_limited', e.message, res.status, wait);
      throw e;
    }
    backoff.reset(token);
    return { body: await jsonBody(res, `github ${new URL(url).pathname}`), link: res.headers.get('link') };
  };

  const login = async (creds: Credentials) => read((await get(creds, `${endpoints.apiBaseUrl}/user`)).body, 'github user').string('login');
  const orgLogins = async (creds: Credentials) =>
    list((await get(creds, `${endpoints.apiBaseUrl}/user/orgs?per_page=100`)).body, '', 'github organizations').map((o) => read(o, 'github organization').string('login'));

  /** The configured scope, or by default the account itself and every organization it belongs to. */
  const resolveScope = async (creds: Credentials, config: ConnectorConfig | undefined): Promise<string[]> => {
    const configured = scopeQualifiers(config);
    if (configured.length) return configured;
    return [`user:${await login(creds)}`, ...(await orgLogins(creds)).map((o) => `org:${o}`)];
  };

  return {
    async testConnection(creds, config) {
      const me = await login(creds);
      const orgs = scopeQualifiers({ orgs: config?.orgs ?? [] }).map((q) => q.slice(4));
      if (orgs.length) {
        const member = (await orgLogins(creds)).map((o) => o.toLowerCase());
        for (const o of orgs) {
          if (o.toLowerCase() !== me.toLowerCase() && !member.includes(o.toLowerCase())) {
            throw new ProviderError('config_invalid', `orgs: "${o}" is not visible to ${me} (member of: ${member.join(', ') || 'no organization'})`);
          }
        }
      }
      for (const r of scopeQualifiers({ repos: config?.repos ?? [] }).map((q) => q.slice(5))) {
        try {
          await get(creds, `${endpoints.apiBaseUrl}/repos/${r.split('/').map(encodeURIComponent).join('/')}`);
        } catch (err) {
          if (err instanceof ProviderError && err.code === 'not_found') throw new ProviderError('config_invalid', `repos: "${r}" does not exist or is not visible to ${me}`);
          throw err;
        }
      }
    },

    async fetchPage(creds, req: FetchPageRequest): Promise<FetchPageResult> {
      const kind = SEARCHES[req.kind as keyof typeof SEARCHES];
      if (!kind) throw new Error(`github does not ingest ${req.kind}`);
      const how = kind[req.selection];
      const cur: Cursor = req.pageCursor
        ? unpackCursor<Cursor>(req.pageCursor)
        : { scope: await resolveScope(creds, req.config), parts: [[Date.parse(req.window.start), Date.parse(req.window.end)]], page: 1, total: 0, got: 0, pass: 1 };
      const [from, to] = cur.parts[0]!;
      const part = { start: new Date(from).toISOString(), end: new Date(to).toISOString() };
      const perPage = Math.min(100, req.pageSize ?? 100);
      const q = `${how.q}:${searchRange(part.start, part.end)} ${cur.scope.join(' ')}`;
      const { body, link } = await get(creds, `${endpoints.apiBaseUrl}${kind.path}?${new URLSearchParams({ q, per_page: String(perPage), page: String(cur.page), sort: how.sort, order: 'asc' })}`);
      const what = `github ${kind.path}`;
      const items = list(body, 'items', what);
      const totalCount = Number(read(body, what).id('total_count'));
      const rest = cur.parts.slice(1);
      const next = (c: Cursor | null): FetchPageResult['nextPageCursor'] => (c ? packCursor(c) : null);

      if (cur.page === 1 && totalCount > SEARCH_CAP) {
        // More than search can return: split the part in halves (whole seconds) and read each; this page is dropped.
        const mid = Math.floor((from + to) / 2000) * 1000;
        if (mid <= from) throw new ProviderError('bad_request', `more than ${SEARCH_CAP} GitHub ${req.kind}s within one second (${part.start}); narrow the configured scope`);
        return { records: [], nextPageCursor: next({ ...cur, parts: [[from, mid], [mid, to], ...rest] }) };
      }
      const total = cur.page === 1 ? totalCount : cur.total;
      const got = cur.got + items.length;
      const records = inWindow(items.map(kind.map), part, how.time);
      if (nextLink(link)) return { records, nextPageCursor: next({ ...cur, page: cur.page + 1, total, got }) };
      // Paged by page number: a result that left the range while we paged (it was updated again) shifts the ones
      // after it up a page, so one can be skipped. Fewer read than page 1 announced → page the part once more.
      if (got < total && cur.pass < MAX_PASSES) return { records, nextPageCursor: next({ ...cur, page: 1, total: 0, got: 0, pass: cur.pass + 1 }) };
      return { records, nextPageCursor: rest.length ? next({ ...cur, parts: rest, page: 1, total: 0, got: 0, pass: 1 }) : null };
    },
  };
}
