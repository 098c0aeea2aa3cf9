// Sentry Web API client: Bearer auth token, the organization issues endpoint filtered on `lastSeen` (syncs) or `firstSeen` (backfills),
// cursor pagination in the `Link` header (`rel="next"; results="true|false"; cursor="…"`).
import { list, read } from '../contract.ts';
import { errorFromResponse, inWindow, jsonBody, rawTime, request, resetHeaderMs } from '../http.ts';
import type { Credentials, FetchPageRequest, FetchPageResult, NormalizedRecord, ProviderClient, ProviderEndpoints } from '../types.ts';

const sentryMessage = (body: any): string | undefined => (typeof body?.detail === 'string' ? body.detail : undefined);

/** The next page's cursor, only when Sentry says it has results (its Link always carries a `next`). */
export function nextCursor(link: string | null): string | null {
  if (!link) return null;
  for (const part of link.split(/,\s*(?=<)/)) {
    if (!/rel="next"/.test(part)) continue;
    if (!/results="true"/.test(part)) return null;
    return /cursor="([^"]+)"/.exec(part)?.[1] ?? null;
  }
  return null;
}

export function mapIssue(i: unknown): NormalizedRecord {
  const r = read(i, 'sentry issue');
  const shortId = r.optionalString('shortId');
  const title = r.string('title');
  return { kind: 'issue', external_id: r.id('id'), occurred_at: r.time('firstSeen'), title: shortId ? `${shortId}: ${title}` : title, url: r.optionalString('permalink'), raw: r.value };
}

/** Sentry search dates are second-granular; the query is widened and the page filtered to `[start, end)`. */
function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '');
}

export function createClient(endpoints: ProviderEndpoints, fetchImpl: typeof fetch = fetch): ProviderClient {
  const get = async (creds: Credentials, pathAndQuery: string) => {
    const res = await request(fetchImpl, `${endpoints.apiBaseUrl}${pathAndQuery}`, { headers: { Authorization: `Bearer ${creds.auth_token ?? ''}`, Accept: 'application/json' } });
    // `X-Sentry-Rate-Limit-Reset` is the epoch second the window resets.
    if (!res.ok) throw await errorFromResponse(res, sentryMessage, { retryAfter: (r) => resetHeaderMs(r, 'x-sentry-rate-limit-reset', 'epoch_seconds') });
    return { body: await jsonBody(res, `sentry ${pathAndQuery.split('?')[0]}`), link: res.headers.get('link') };
  };
  const org = (creds: Credentials) => encodeURIComponent(creds.organization ?? '');
  return {
    async testConnection(creds) {
      await get(creds, `/organizations/${org(creds)}/`);
    },
    async fetchPage(creds, req: FetchPageRequest): Promise<FetchPageResult> {
      if (req.kind !== 'issue') throw new Error(`sentry does not ingest ${req.kind}`);
      const start = Date.parse(req.window.start);
      const end = Date.parse(req.window.end);
      // Incremental: issues with a new event in the window (`lastSeen`, sorted by it: `date`); backfill: issues first
      // seen in it (`new`). Sentry's cursors are positions in that order, so an issue moving while paged skips none.
      const field = req.selection === 'changed' ? 'lastSeen' : 'firstSeen';
      const qs = new URLSearchParams({
        query: `${field}:>=${isoSeconds(Math.floor(start / 1000) * 1000)} ${field}:<=${isoSeconds(Math.ceil(end / 1000) * 1000)}`,
        start: new Date(start).toISOString(),
        end: new Date(end).toISOString(),
        sort: field === 'lastSeen' ? 'date' : 'new',
        limit: String(Math.min(100, req.pageSize ?? 100)),
      });
      if (req.pageCursor) qs.set('cursor', req.pageCursor);
      const { body, link } = await get(creds, `/organizations/${org(creds)}/issues/?${qs}`);
      const items = list(body, '', 'sentry issues');
      const next = nextCursor(link);
      if (field === 'lastSeen') return { records: inWindow(items.map(mapIssue), req.window, rawTime('lastSeen')), nextPageCursor: next };
      return { records: inWindow(items.map(mapIssue), req.window), nextPageCursor: next, ...(next === null ? { complete: req.window } : {}) };
    },
  };
}
