// Datadog Events API v2 client: `DD-API-KEY` + `DD-APPLICATION-KEY` headers, a per-site API host,
// `filter[from]`/`filter[to]` windows (epoch ms) and `page[cursor]` ← `meta.page.after` pagination.
import { list, read } from '../contract.ts';
import { errorFromResponse, inWindow, jsonBody, request, resetHeaderMs } from '../http.ts';
import { ProviderError } from '../types.ts';
import type { Credentials, FetchPageRequest, FetchPageResult, NormalizedRecord, ProviderClient, ProviderEndpoints } from '../types.ts';
import { manifest } from './manifest.ts';

const ddMessage = (body: any): string | undefined => (Array.isArray(body?.errors) && body.errors.length ? body.errors.join('; ') : undefined);

const DEFAULT_SITE = 'datadoghq.com';

/** `https://api.<site>` for the real service; the emulator and explicit overrides ignore the site. */
export function apiBase(endpoints: ProviderEndpoints, site: string | undefined): string {
  return endpoints.apiBaseUrl === manifest.api_base_url ? `https://api.${site || DEFAULT_SITE}` : endpoints.apiBaseUrl;
}

/** The web app host of a site: app.datadoghq.com, app.datadoghq.eu, us5.datadoghq.com… */
export function appHost(site: string | undefined): string {
  const s = site || DEFAULT_SITE;
  return s === 'datadoghq.com' || s === 'datadoghq.eu' || s === 'ddog-gov.com' ? `app.${s}` : s;
}

export function mapEvent(e: unknown, site?: string): NormalizedRecord {
  const r = read(e, 'datadog event');
  const id = r.id('id');
  // The event's title, else the first line of its message (Markdown events wrap it in `%%%`), else its id.
  const firstLine = (r.optionalString('attributes.message') ?? '').split('\n').find((l) => l.trim() && l.trim() !== '%%%');
  const title = r.optionalString('attributes.attributes.title') ?? firstLine ?? id;
  return { kind: 'event', external_id: id, occurred_at: r.time('attributes.timestamp'), title, url: `https://${appHost(site)}/event/explorer?event=${encodeURIComponent(id)}`, raw: r.value };
}

export function createClient(endpoints: ProviderEndpoints, fetchImpl: typeof fetch = fetch): ProviderClient {
  const get = async (creds: Credentials, pathAndQuery: string) => {
    const res = await request(fetchImpl, `${apiBase(endpoints, creds.site)}${pathAndQuery}`, {
      headers: { 'DD-API-KEY': creds.api_key ?? '', 'DD-APPLICATION-KEY': creds.application_key ?? '', Accept: 'application/json' },
    });
    if (!res.ok) {
      // `x-ratelimit-reset` is the number of seconds until the current window resets.
      const e = await errorFromResponse(res, ddMessage, { retryAfter: (r) => resetHeaderMs(r, 'x-ratelimit-reset', 'seconds_from_now') });
      // Datadog answers a wrong API or application key with 403 Forbidden, not 401.
      if (e.code === 'forbidden') throw new ProviderError('unauthorized', `Datadog rejected the API key or application key (${e.message})`, 403);
      throw e;
    }
    return jsonBody(res, 'datadog /api/v2/events');
  };
  const page = (creds: Credentials, from: number, to: number, limit: number, cursor: string | null) => {
    const qs = new URLSearchParams({ 'filter[from]': String(from), 'filter[to]': String(to), 'page[limit]': String(limit), sort: 'timestamp' });
    if (cursor) qs.set('page[cursor]', cursor);
    return get(creds, `/api/v2/events?${qs}`);
  };
  return {
    async testConnection(creds) {
      // `/api/v1/validate` checks only the API key; one event read checks both keys and the events_read scope.
      const now = Date.now();
      await page(creds, now - 60_000, now, 1, null);
    },
    async fetchPage(creds, req: FetchPageRequest): Promise<FetchPageResult> {
      if (req.kind !== 'event') throw new Error(`datadog does not ingest ${req.kind}`);
      const body = await page(creds, Date.parse(req.window.start), Date.parse(req.window.end), Math.min(1000, req.pageSize ?? 100), req.pageCursor);
      const records = list(body, 'data', 'datadog /api/v2/events', { optional: true }).map((e) => mapEvent(e, creds.site));
      // filter[to] is inclusive; our windows are half-open.
      return { records: inWindow(records, req.window), nextPageCursor: read(body, 'datadog /api/v2/events').optionalString('meta.page.after') };
    },
  };
}
