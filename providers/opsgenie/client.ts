// Opsgenie Alert API v2 client: `GenieKey` auth, `offset`/`limit` pagination with `paging.next`, throttling
// reported through `X-RateLimit-*` headers on a 429. Backfills search on `createdAt` (epoch ms); incremental syncs
// list the most recently updated alerts first (`sort=updatedAt&order=desc`) down to the window start.
import { at, list, read } from '../contract.ts';
import { errorFromResponse, inWindow, jsonBody, rawTime, request, resetHeaderMs } from '../http.ts';
import { ProviderError } from '../types.ts';
import type { Credentials, FetchPageRequest, FetchPageResult, NormalizedRecord, ProviderClient, ProviderEndpoints } from '../types.ts';
import { manifest } from './manifest.ts';

const ogMessage = (body: any): string | undefined => (typeof body?.message === 'string' ? body.message : undefined);

/** Opsgenie caps `offset + limit` at 20,000 per query; backfill chunks keep windows well below that. */
export const MAX_OFFSET = 20_000;

export function mapAlert(a: unknown, appHost = 'app.opsgenie.com'): NormalizedRecord {
  const r = read(a, 'opsgenie alert');
  const id = r.id('id');
  return {
    kind: 'alert',
    external_id: id,
    occurred_at: r.time('createdAt'),
    // `message` is optional in Opsgenie's models; the alias (or the id) names an alert without one.
    title: r.optionalString('message') ?? r.optionalString('alias') ?? id,
    url: `https://${appHost}/alert/detail/${encodeURIComponent(id)}/details`,
    raw: r.value,
  };
}

function baseUrl(endpoints: ProviderEndpoints, creds: Credentials): string {
  // The EU instance only matters when talking to the real service (not the emulator or an override).
  return creds.region === 'eu' && endpoints.apiBaseUrl === manifest.api_base_url ? 'https://api.eu.opsgenie.com' : endpoints.apiBaseUrl;
}

export function createClient(endpoints: ProviderEndpoints, fetchImpl: typeof fetch = fetch): ProviderClient {
  const get = async (creds: Credentials, pathAndQuery: string) => {
    const res = await request(fetchImpl, `${baseUrl(endpoints, creds)}${pathAndQuery}`, {
      headers: { Authorization: `GenieKey ${creds.api_key ?? ''}`, Accept: 'application/json' },
    });
    // A throttled request says how long its window is in `X-RateLimit-Period-In-Sec`.
    if (!res.ok) throw await errorFromResponse(res, ogMessage, { retryAfter: (r) => resetHeaderMs(r, 'x-ratelimit-period-in-sec', 'seconds_from_now') });
    return jsonBody(res, 'opsgenie /v2/alerts');
  };
  return {
    async testConnection(creds) {
      // `/v2/account` needs Configuration access, which a read-only key should not have: list one alert instead.
      await get(creds, '/v2/alerts?limit=1');
    },
    async fetchPage(creds, req: FetchPageRequest): Promise<FetchPageResult> {
      if (req.kind !== 'alert') throw new Error(`opsgenie does not ingest ${req.kind}`);
      const limit = Math.min(100, req.pageSize ?? 100);
      const offset = req.pageCursor ? Number(req.pageCursor) : 0;
      const changed = req.selection === 'changed';
      const qs = changed
        ? new URLSearchParams({ offset: String(offset), limit: String(limit), sort: 'updatedAt', order: 'desc' })
        : new URLSearchParams({ query: `createdAt>=${Date.parse(req.window.start)} AND createdAt<${Date.parse(req.window.end)}`, offset: String(offset), limit: String(limit), sort: 'createdAt', order: 'asc' });
      const body = await get(creds, `/v2/alerts?${qs}`);
      const items = list(body, 'data', 'opsgenie /v2/alerts', { optional: true });
      const appHost = creds.region === 'eu' ? 'app.eu.opsgenie.com' : 'app.opsgenie.com';
      const records = items.map((a) => mapAlert(a, appHost));
      // Newest-updated first: once a page reaches alerts last updated before the window, the rest are older still.
      const oldest = items.length ? Date.parse(read(items[items.length - 1], 'opsgenie alert').time('updatedAt')) : NaN;
      const reachedStart = changed && items.length > 0 && oldest < Date.parse(req.window.start);
      const next = at(body, 'paging.next') && items.length > 0 && !reachedStart ? offset + items.length : null;
      if (next !== null && next + limit > MAX_OFFSET) {
        throw new ProviderError('bad_request', `more than ${MAX_OFFSET} Opsgenie alerts in ${req.window.start} → ${req.window.end}; ${changed ? 'sync more often' : 'backfill this range in smaller chunks'}`, 422);
      }
      if (changed) return { records: inWindow(records, req.window, rawTime('updatedAt')), nextPageCursor: next === null ? null : String(next) };
      return { records: inWindow(records, req.window), nextPageCursor: next === null ? null : String(next), ...(next === null ? { complete: req.window } : {}) };
    },
  };
}
