// Slack Web API client: Bearer bot token; `{ok: false, error}` bodies (HTTP 200) classified into
// ProviderErrors; channels are the ones the bot is a member of (`users.conversations`), or
// `channel_ids` when the credentials name them; `conversations.history` with `oldest`/`latest` and
// `response_metadata.next_cursor`, one channel after another. Rate limits: HTTP 429 with Retry-After.
// Slack has no modification filter: an incremental sync lists its window and the `reread_hours` before it (from the
// manifest), a complete listing — edited messages come back changed, deleted ones are missing (tombstones).
import { contractError, list, read } from '../contract.ts';
import { packCursor, request, retryAfterMs, unpackCursor, inWindow } from '../http.ts';
import { ProviderError } from '../types.ts';
import type { Credentials, FetchPageRequest, FetchPageResult, NormalizedRecord, ProviderClient, ProviderEndpoints, TimeWindow } from '../types.ts';
import { manifest } from './manifest.ts';

const REREAD_MS = (manifest.ingests[0]?.changes.reread_hours ?? 0) * 3_600_000;

/** What a page lists: the window itself for backfills; for incremental syncs, also the re-read hours before it. */
export function listedWindow(req: Pick<FetchPageRequest, 'window' | 'selection'>): TimeWindow {
  if (req.selection !== 'changed') return req.window;
  return { start: new Date(Date.parse(req.window.start) - REREAD_MS).toISOString(), end: req.window.end };
}

const UNAUTHORIZED = new Set(['not_authed', 'invalid_auth', 'token_expired', 'token_revoked', 'account_inactive', 'no_permission']);
const FORBIDDEN = new Set(['missing_scope', 'not_allowed_token_type', 'ekm_access_denied', 'team_access_not_granted']);

/** Position: the channels of this sync, which one, Slack's cursor in it, and the workspace URL for permalinks. */
interface Cursor {
  ch: string[];
  i: number;
  c: string;
  team: string;
}

/** `1712345678.000100` → ISO; Slack timestamps are seconds with a per-channel unique microsecond suffix. */
export function tsToIso(ts: string): string {
  if (!/^\d{1,12}(\.\d{1,6})?$/.test(ts)) throw contractError('slack message', 'ts', `is "${ts.slice(0, 40)}", expected a Slack timestamp (seconds.microseconds)`);
  const [s, us = '0'] = ts.split('.');
  return new Date(Number(s) * 1000 + Math.floor(Number(us.padEnd(6, '0')) / 1000)).toISOString();
}

function slackTs(ms: number): string {
  return `${Math.floor(ms / 1000)}.${String((ms % 1000) * 1000).padStart(6, '0')}`;
}

export function mapMessage(m: unknown, channel: string, teamUrl: string): NormalizedRecord {
  const r = read(m, 'slack message');
  const ts = r.string('ts');
  const text = (r.optionalString('text') ?? '').split('\n')[0] ?? '';
  return {
    kind: 'message',
    external_id: `${channel}:${ts}`,
    occurred_at: tsToIso(ts),
    title: text.length > 200 ? `${text.slice(0, 197)}…` : text,
    url: teamUrl ? `${teamUrl.replace(/\/$/, '')}/archives/${channel}/p${ts.replace('.', '')}` : null,
    raw: { ...r.value, channel },
    // A deleted thread parent stays as a `tombstone` message so its replies keep their place.
    ...(r.optionalString('subtype') === 'tombstone' ? { deleted: true } : {}),
  };
}

export function createClient(endpoints: ProviderEndpoints, fetchImpl: typeof fetch = fetch): ProviderClient {
  const call = async (creds: Credentials, method: string, params: Record<string, string>) => {
    const res = await request(fetchImpl, `${endpoints.apiBaseUrl}/${method}?${new URLSearchParams(params)}`, {
      headers: { Authorization: `Bearer ${creds.access_token ?? ''}`, Accept: 'application/json' },
    });
    let body: any;
    try {
      body = await res.json();
    } catch {
      body = undefined;
    }
    if (res.status === 429 || body?.error === 'ratelimited') throw new ProviderError('rate_limited', `Slack rate limit on ${method}`, 429, retryAfterMs(res));
    if (res.status >= 500) throw new ProviderError('unavailable', `Slack ${method}: ${res.status}`, res.status, retryAfterMs(res));
    if (body?.ok === true) return body;
    const code = String(body?.error ?? `http_${res.status}`);
    if (UNAUTHORIZED.has(code)) throw new ProviderError('unauthorized', `Slack ${method}: ${code}`, 401);
    if (FORBIDDEN.has(code)) throw new ProviderError('forbidden', `Slack ${method}: ${code}${body?.needed ? ` (needs ${body.needed})` : ''}`, 403);
    if (code === 'channel_not_found') throw new ProviderError('not_found', `Slack ${method}: ${code}`, 404);
    throw new ProviderError('bad_request', `Slack ${method}: ${code}`, res.status);
  };

  const memberChannels = async (creds: Credentials): Promise<string[]> => {
    if (creds.channel_ids) return creds.channel_ids.split(',').map((c) => c.trim()).filter(Boolean);
    const ids: string[] = [];
    let cursor = '';
    do {
      const body = await call(creds, 'users.conversations', { types: 'public_channel,private_channel', exclude_archived: 'true', limit: '200', ...(cursor ? { cursor } : {}) });
      ids.push(...list(body, 'channels', 'slack users.conversations').map((c) => read(c, 'slack conversation').id('id')));
      cursor = read(body, 'slack users.conversations').optionalString('response_metadata.next_cursor') ?? '';
    } while (cursor);
    return ids;
  };

  return {
    async testConnection(creds) {
      await call(creds, 'auth.test', {});
    },
    async fetchPage(creds, req: FetchPageRequest): Promise<FetchPageResult> {
      if (req.kind !== 'message') throw new Error(`slack does not ingest ${req.kind}`);
      let cur: Cursor;
      if (req.pageCursor) cur = unpackCursor<Cursor>(req.pageCursor);
      else {
        const who = await call(creds, 'auth.test', {});
        cur = { ch: await memberChannels(creds), i: 0, c: '', team: read(who, 'slack auth.test').optionalString('url') ?? '' };
      }
      const window = listedWindow(req);
      const channel = cur.ch[cur.i];
      if (channel === undefined) return { records: [], nextPageCursor: null, complete: window };
      // `inclusive` makes both ends inclusive; the page is trimmed to `[start, end)`.
      const body = await call(creds, 'conversations.history', {
        channel,
        oldest: slackTs(Date.parse(window.start)),
        latest: slackTs(Date.parse(window.end)),
        inclusive: 'true',
        limit: String(Math.min(200, req.pageSize ?? 100)),
        ...(cur.c ? { cursor: cur.c } : {}),
      });
      const what = 'slack conversations.history';
      const records = inWindow(list(body, 'messages', what).map((m) => mapMessage(m, channel, cur.team)), window);
      const slackNext = body.has_more === true ? (read(body, what).optionalString('response_metadata.next_cursor') ?? '') : '';
      const next: Cursor | null = slackNext ? { ...cur, c: slackNext } : cur.i + 1 < cur.ch.length ? { ...cur, i: cur.i + 1, c: '' } : null;
      // Every channel listed to its end: the listing of `window` is complete.
      return { records, nextPageCursor: next ? packCursor(next) : null, ...(next ? {} : { complete: window }) };
    },
  };
}
