// Jira Cloud REST v3 client over OAuth 2.0 (3LO): Bearer token, cloud-id discovery through
// `/oauth/token/accessible-resources`, requests via `api.atlassian.com/ex/jira/{cloudId}`, enhanced JQL
// search (`/rest/api/3/search/jql`) paged with `nextPageToken`. JQL dates are minute-granular and in the
// user's time zone, so windows are converted to it and the page is filtered to `[start, end)`.
import { list, read } from '../contract.ts';
import { errorFromResponse, inWindow, jsonBody, packCursor, request, resetHeaderMs, unpackCursor } from '../http.ts';
import { ProviderError } from '../types.ts';
import type { Credentials, FetchPageRequest, FetchPageResult, NormalizedRecord, ProviderClient, ProviderEndpoints } from '../types.ts';

const FIELDS = 'summary,status,issuetype,priority,project,assignee,reporter,created,updated,resolutiondate,labels';

const jiraMessage = (body: any): string | undefined => {
  if (Array.isArray(body?.errorMessages) && body.errorMessages.length) return body.errorMessages.join('; ');
  if (body?.errors && typeof body.errors === 'object' && Object.keys(body.errors).length) return Object.values(body.errors).join('; ');
  return typeof body?.message === 'string' ? body.message : undefined;
};

interface Site {
  id: string;
  url: string;
}

interface Cursor {
  cloud: string;
  site: string;
  jql: string;
  token: string;
}

/** An issue as the search returns it with the requested `fields` (without them Jira returns ids only: a contract error here). */
export function mapIssue(i: unknown, siteUrl: string): NormalizedRecord {
  const r = read(i, 'jira issue');
  const key = r.string('key');
  return { kind: 'issue', external_id: r.id('id'), occurred_at: r.time('fields.created'), title: `${key} ${r.optionalString('fields.summary') ?? ''}`.trim(), url: `${siteUrl}/browse/${encodeURIComponent(key)}`, raw: r.value };
}

/** `yyyy-MM-dd HH:mm` of an instant in a time zone (JQL's date format). */
export function jqlDate(ms: number, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/**
 * JQL for `[start, end)` on `created` (backfills) or `updated` (incremental syncs): the start floored and the end
 * rounded up to the minute; the client trims the rest.
 */
export function windowJql(start: string, end: string, timeZone: string, field: 'created' | 'updated' = 'created'): string {
  const s = Math.floor(Date.parse(start) / 60_000) * 60_000;
  const e = Math.ceil(Date.parse(end) / 60_000) * 60_000;
  return `${field} >= "${jqlDate(s, timeZone)}" AND ${field} < "${jqlDate(e, timeZone)}" ORDER BY ${field} ASC, key ASC`;
}

const updatedOf = (r: NormalizedRecord): string | undefined => (r.raw as { fields?: { updated?: string } }).fields?.updated;

export function createClient(endpoints: ProviderEndpoints, fetchImpl: typeof fetch = fetch): ProviderClient {
  const get = async (creds: Credentials, pathAndQuery: string) => {
    const res = await request(fetchImpl, `${endpoints.apiBaseUrl}${pathAndQuery}`, { headers: { Authorization: `Bearer ${creds.access_token ?? ''}`, Accept: 'application/json' } });
    // Jira sends Retry-After on a 429; `X-RateLimit-Reset` (an ISO timestamp) is the fallback.
    if (!res.ok) throw await errorFromResponse(res, jiraMessage, { retryAfter: (r) => resetHeaderMs(r, 'x-ratelimit-reset', 'date') });
    return jsonBody(res, `jira ${pathAndQuery.split('?')[0]}`);
  };

  /** Cloud-id discovery: the Jira site this token was granted (or the one the credentials name). */
  const site = async (creds: Credentials): Promise<Site> => {
    const resources = list(await get(creds, '/oauth/token/accessible-resources'), '', 'atlassian accessible-resources').map((x) => read(x, 'atlassian accessible resource'));
    const jira = resources.filter((r) => !Array.isArray(r.value.scopes) || r.value.scopes.some((s) => typeof s === 'string' && s.includes('jira')));
    const chosen = creds.cloud_id ? jira.find((r) => r.id('id') === creds.cloud_id) : jira[0];
    if (!chosen) throw new ProviderError('forbidden', creds.cloud_id ? `the token has no access to Jira site ${creds.cloud_id}` : 'the token grants access to no Jira site', 403);
    return { id: chosen.id('id'), url: chosen.string('url').replace(/\/$/, '') };
  };
  const jira = (cloud: string) => `/ex/jira/${encodeURIComponent(cloud)}/rest/api/3`;

  return {
    async testConnection(creds) {
      const s = await site(creds);
      await get(creds, `${jira(s.id)}/myself`);
    },
    async fetchPage(creds, req: FetchPageRequest): Promise<FetchPageResult> {
      if (req.kind !== 'issue') throw new Error(`jira does not ingest ${req.kind}`);
      let cur: Cursor;
      if (req.pageCursor) cur = unpackCursor<Cursor>(req.pageCursor);
      else {
        const s = await site(creds);
        const me = read(await get(creds, `${jira(s.id)}/myself`), 'jira myself');
        cur = { cloud: s.id, site: s.url, jql: windowJql(req.window.start, req.window.end, me.optionalString('timeZone') || 'UTC', req.selection === 'changed' ? 'updated' : 'created'), token: '' };
      }
      const qs = new URLSearchParams({ jql: cur.jql, maxResults: String(Math.min(100, req.pageSize ?? 100)), fields: FIELDS });
      if (cur.token) qs.set('nextPageToken', cur.token);
      const body = await get(creds, `${jira(cur.cloud)}/search/jql?${qs}`);
      const changed = req.selection === 'changed';
      const records = inWindow(list(body, 'issues', 'jira search').map((i) => mapIssue(i, cur.site)), req.window, changed ? updatedOf : undefined);
      // The last page omits nextPageToken (and says isLast: true).
      const token = read(body, 'jira search').optionalString('nextPageToken');
      const next = token && (body as { isLast?: unknown }).isLast !== true ? packCursor({ ...cur, token }) : null;
      // Every issue created in the window is in a `created` search: what it lacks was deleted.
      return { records, nextPageCursor: next, ...(!changed && next === null ? { complete: req.window } : {}) };
    },
  };
}
