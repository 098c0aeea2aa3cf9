// PagerDuty REST API v2 client: `Authorization: Token token=…` (or Bearer for OAuth), versioned Accept
// header, classic offset pagination (`limit`/`offset`/`more`) over `since`/`until` windows, split in halves by
// time where a window holds more than classic pagination can reach (10,000).
// `/incidents` filters only by creation, so incremental syncs learn of changes from the log entries of the window
// (`include[]=incidents` carries each touched incident as it is now) and re-read the incidents that are still open.
import { at, list, read } from '../contract.ts';
import { errorFromResponse, jsonBody, packCursor, request, resetHeaderMs, unpackCursor } from '../http.ts';
import { ProviderError } from '../types.ts';
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

/** Classic pagination's documented bounds: at most 100 a page, and never past `offset + limit` = 10,000. */
const MAX_LIMIT = 100;
export const OFFSET_CEILING = 10_000;

export function mapIncident(i: unknown): NormalizedRecord {
  const r = read(i, 'pagerduty incident');
  return { kind: 'incident', external_id: r.id('id'), occurred_at: r.time('created_at'), title: r.optionalString('title') ?? r.string('summary'), url: r.optionalString('html_url'), raw: r.value };
}

export function mapLogEntry(e: unknown): NormalizedRecord {
  const r = read(e, 'pagerduty log entry');
  // The incident (embedded with `include[]=incidents`, or a reference whose summary follows its title) is its own
  // record; the entry keeps only its id, so the entry's content never changes once it was written.
  const incident = r.value.incident;
  const raw = incident ? { ...r.value, incident: { id: read(incident, 'pagerduty log entry incident').id('id'), type: 'incident_reference' } } : r.value;
  return { kind: 'log_entry', external_id: r.id('id'), occurred_at: r.time('created_at'), title: r.optionalString('summary') ?? r.string('type'), url: r.optionalString('html_url'), raw };
}

/** The incidents that log entries of `[from, to)` carry (`include[]=incidents`), once each, as they are now. */
function touchedIncidents(entries: unknown[], from: number, to: number): NormalizedRecord[] {
  const seen = new Map<string, NormalizedRecord>();
  for (const e of entries) {
    const entry = read(e, 'pagerduty log entry');
    const t = Date.parse(entry.time('created_at'));
    if ((entry.value.incident as { type?: unknown } | undefined)?.type === 'incident' && t >= from && t < to) {
      const i = mapIncident(entry.value.incident);
      seen.set(i.external_id, i);
    }
  }
  return [...seen.values()];
}

/**
 * Position in a window: the parts still to read (the first is current) and the offset in it. PagerDuty's classic
 * pagination cannot read past `offset + limit` = 10,000, so a part holding more is split in halves by time first.
 * (A plain number is the offset of a whole window, as cursors were written before windows could be split.)
 */
interface Cursor {
  parts: Array<[number, number]>;
  offset: number;
}

function readCursor(cursor: string | null, window: { start: string; end: string }): Cursor {
  const whole: Array<[number, number]> = [[Date.parse(window.start), Date.parse(window.end)]];
  if (!cursor) return { parts: whole, offset: 0 };
  if (/^\d+$/.test(cursor)) return { parts: whole, offset: Number(cursor) };
  return unpackCursor<Cursor>(cursor);
}

export function createClient(endpoints: ProviderEndpoints, fetchImpl: typeof fetch = fetch): ProviderClient {
  const get = async (creds: Credentials, pathAndQuery: string): Promise<unknown> => {
    const res = await request(fetchImpl, `${endpoints.apiBaseUrl}${pathAndQuery}`, {
      headers: { Authorization: authHeader(creds), Accept: ACCEPT },
    });
    // On a 429 PagerDuty says when the window resets in `ratelimit-reset` (seconds).
    if (!res.ok) throw await errorFromResponse(res, pdMessage, { retryAfter: (r) => resetHeaderMs(r, 'ratelimit-reset', 'seconds_from_now') });
    return jsonBody(res, `pagerduty ${pathAndQuery.split('?')[0]}`);
  };

  /** Every incident still open, whenever it was created: its status, assignments and urgency can still move. */
  const openIncidents = async (creds: Credentials, req: FetchPageRequest, limit: number): Promise<FetchPageResult> => {
    const offset = req.pageCursor ? Number(req.pageCursor) : 0;
    const qs = new URLSearchParams({ limit: String(limit), offset: String(offset), time_zone: 'UTC', date_range: 'all', sort_by: 'created_at:asc' });
    qs.append('statuses[]', 'triggered');
    qs.append('statuses[]', 'acknowledged');
    const body = await get(creds, `/incidents?${qs}`);
    const items = list(body, 'incidents', 'pagerduty /incidents');
    const next = at(body, 'more') === true ? offset + items.length : null;
    if (next !== null && next + limit > OFFSET_CEILING) {
      throw new ProviderError('bad_request', `more than ${OFFSET_CEILING} open PagerDuty incidents: PagerDuty cannot page past ${OFFSET_CEILING}; resolve or merge stale incidents`);
    }
    return { records: items.map(mapIncident), nextPageCursor: next === null ? null : String(next) };
  };

  return {
    async testConnection(creds) {
      // `GET /abilities` is the cheapest call any valid key may make.
      await get(creds, '/abilities');
    },
    async fetchPage(creds, req: FetchPageRequest): Promise<FetchPageResult> {
      const path = ENDPOINT[req.kind];
      if (!path) throw new Error(`pagerduty does not ingest ${req.kind}`);
      const limit = Math.min(MAX_LIMIT, req.pageSize ?? MAX_LIMIT);
      if (req.selection === 'changed' && req.kind === 'incident') return openIncidents(creds, req, limit);

      const cur = readCursor(req.pageCursor, req.window);
      const [from, to] = cur.parts[0]!;
      const rest = cur.parts.slice(1);
      const pack = (c: Cursor | null) => (c ? packCursor(c) : null);
      const split = (): FetchPageResult => {
        const mid = Math.floor((from + to) / 2000) * 1000;
        if (mid <= from) throw new ProviderError('bad_request', `more than ${OFFSET_CEILING} PagerDuty ${path} within one second (${new Date(from).toISOString()}); PagerDuty cannot page past ${OFFSET_CEILING}`);
        return { records: [], nextPageCursor: pack({ parts: [[from, mid], [mid, to], ...rest], offset: 0 }) };
      };
      // A page that would reach past the ceiling is never asked for: the part is split instead (it grew since page 1).
      if (cur.offset + limit > OFFSET_CEILING) return split();
      const qs = new URLSearchParams({ limit: String(limit), offset: String(cur.offset), time_zone: 'UTC', since: new Date(from).toISOString(), until: new Date(to).toISOString() });
      // Page 1 of each part asks for the total, to split a part too large for classic pagination before paging it.
      if (cur.offset === 0) qs.set('total', 'true');
      if (req.kind === 'incident') qs.set('sort_by', 'created_at:asc');
      if (req.selection === 'changed') qs.append('include[]', 'incidents');
      const body = await get(creds, `/${path}?${qs}`);
      const total = at(body, 'total');
      if (cur.offset === 0 && typeof total === 'number' && total > OFFSET_CEILING) return split();
      const items = list(body, path, `pagerduty /${path}`);
      const map = req.kind === 'incident' ? mapIncident : mapLogEntry;
      // PagerDuty's since/until are inclusive of `until`; windows and their parts are half-open.
      const records = items.map(map).filter((r) => {
        const t = Date.parse(r.occurred_at);
        return t >= from && t < to;
      });
      if (req.kind === 'log_entry') records.push(...touchedIncidents(items, from, to));
      if (at(body, 'more') === true) return { records, nextPageCursor: pack({ ...cur, offset: cur.offset + items.length }) };
      return { records, nextPageCursor: pack(rest.length ? { parts: rest, offset: 0 } : null) };
    },
  };
}
