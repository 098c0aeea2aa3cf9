// PagerDuty REST API v2 client: `Authorization: Token token=…` (or Bearer for OAuth), versioned Accept
// header, classic offset pagination (`limit`/`offset`/`more`) over `since`/`until` windows.
// `/incidents` filters only by creation, so incremental syncs learn of changes from the log entries of the window
// (`include[]=incidents` carries each touched incident as it is now) and re-read the incidents that are still open.
import { errorFromResponse, request, resetHeaderMs } from '../http.ts';
import type { Credentials, FetchPageRequest, FetchPageResult, NormalizedRecord, ProviderClient, ProviderEndpoints } from '../types.ts';

const ACCEPT = 'application/vnd.pagerduty+json;version=2';

export function authHeader(creds: Credentials): string {
  return creds.access_token ? `Bearer ${creds.access_token}` : `Token token=${creds.api_key ?? ''}`;
}

const pdMessage = (body: any): string | undefined => {
  const e = body?.error;
  if (!e?.message) return undefined;
  return Array.isArray(e.errors) && e.errors.length ? `${e.message}: ${e.errors.join('; ')}` : e.message;
};

const ENDPOINT: Record<string, string> = { incident: 'incidents', log_entry: 'log_entries' };

export function mapIncident(i: any): NormalizedRecord {
  return { kind: 'incident', external_id: i.id, occurred_at: new Date(i.created_at).toISOString(), title: i.title ?? i.summary, url: i.html_url ?? null, raw: i };
}

export function mapLogEntry(e: any): NormalizedRecord {
  // The incident (embedded with `include[]=incidents`, or a reference whose summary follows its title) is its own
  // record; the entry keeps only its id, so the entry's content never changes once it was written.
  const raw = e.incident ? { ...e, incident: { id: e.incident.id, type: 'incident_reference' } } : e;
  return { kind: 'log_entry', external_id: e.id, occurred_at: new Date(e.created_at).toISOString(), title: e.summary, url: e.html_url ?? null, raw };
}

/** The incidents that log entries of the window carry (`include[]=incidents`), once each, as they are now. */
function touchedIncidents(entries: any[], end: number): NormalizedRecord[] {
  const seen = new Map<string, NormalizedRecord>();
  for (const e of entries) {
    if (e.incident?.type === 'incident' && Date.parse(e.created_at) < end) seen.set(e.incident.id, mapIncident(e.incident));
  }
  return [...seen.values()];
}

export function createClient(endpoints: ProviderEndpoints, fetchImpl: typeof fetch = fetch): ProviderClient {
  const get = async (creds: Credentials, pathAndQuery: string) => {
    const res = await request(fetchImpl, `${endpoints.apiBaseUrl}${pathAndQuery}`, {
      headers: { Authorization: authHeader(creds), Accept: ACCEPT },
    });
    // On a 429 PagerDuty says when the window resets in `ratelimit-reset` (seconds).
    if (!res.ok) throw await errorFromResponse(res, pdMessage, { retryAfter: (r) => resetHeaderMs(r, 'ratelimit-reset', 'seconds_from_now') });
    return res.json() as Promise<any>;
  };
  return {
    async testConnection(creds) {
      // `GET /abilities` is the cheapest call any valid key may make.
      await get(creds, '/abilities');
    },
    async fetchPage(creds, req: FetchPageRequest): Promise<FetchPageResult> {
      const path = ENDPOINT[req.kind];
      if (!path) throw new Error(`pagerduty does not ingest ${req.kind}`);
      const limit = Math.min(100, req.pageSize ?? 100);
      const offset = req.pageCursor ? Number(req.pageCursor) : 0;
      const qs = new URLSearchParams({ limit: String(limit), offset: String(offset), time_zone: 'UTC' });
      const reread = req.selection === 'changed' && req.kind === 'incident';
      if (reread) {
        // Every incident still open, whenever it was created: its status, assignments and urgency can still move.
        qs.set('date_range', 'all');
        qs.append('statuses[]', 'triggered');
        qs.append('statuses[]', 'acknowledged');
      } else {
        qs.set('since', req.window.start);
        qs.set('until', req.window.end);
      }
      if (req.kind === 'incident') qs.set('sort_by', 'created_at:asc');
      if (req.selection === 'changed' && req.kind === 'log_entry') qs.append('include[]', 'incidents');
      const body = await get(creds, `/${path}?${qs}`);
      const items: any[] = body[path] ?? [];
      const map = req.kind === 'incident' ? mapIncident : mapLogEntry;
      // PagerDuty's since/until are inclusive of `until`; our windows are half-open.
      const end = Date.parse(req.window.end);
      const records = reread ? items.map(map) : items.map(map).filter((r) => Date.parse(r.occurred_at) < end);
      if (req.kind === 'log_entry') records.push(...touchedIncidents(items, end));
      return { records, nextPageCursor: body.more ? String(offset + items.length) : null };
    },
  };
}
