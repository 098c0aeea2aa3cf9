// Linear GraphQL client: `Authorization: <API key>` (Bearer for OAuth tokens), `issues` connection filtered on
// updatedAt (incremental syncs) or createdAt (backfills), archived issues included (they become tombstones), with
// Relay pagination (`pageInfo.endCursor`/`hasNextPage`). GraphQL errors arrive in the
// body (`extensions.code`): AUTHENTICATION_ERROR → unauthorized, RATELIMITED → rate limited until
// `X-RateLimit-Requests-Reset` (epoch ms).
import { list, read } from '../contract.ts';
import { inWindow, rawTime, request, resetHeaderMs, retryAfterMs } from '../http.ts';
import { ProviderError } from '../types.ts';
import type { Credentials, FetchPageRequest, FetchPageResult, NormalizedRecord, ProviderClient, ProviderEndpoints } from '../types.ts';

/** The issues query selecting on `field` (createdAt or updatedAt), in that order, archived issues included. */
export function issuesQuery(field: 'createdAt' | 'updatedAt'): string {
  return `query Issues($first: Int!, $after: String, $start: DateTimeOrDuration!, $end: DateTimeOrDuration!) {
  issues(first: $first, after: $after, orderBy: ${field}, includeArchived: true, filter: { ${field}: { gte: $start, lt: $end } }) {
    nodes { id identifier title url priority priorityLabel createdAt updatedAt completedAt archivedAt trashed
      state { name type } team { key name } assignee { name email } labels { nodes { name } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
}

/** An issue node; archived or trashed issues are tombstones. */
export function mapIssue(i: unknown): NormalizedRecord {
  const r = read(i, 'linear issue');
  const deleted = r.optionalTime('archivedAt') !== null || r.value.trashed === true;
  return { kind: 'issue', external_id: r.id('id'), occurred_at: r.time('createdAt'), title: `${r.string('identifier')} ${r.string('title')}`, url: r.optionalString('url'), raw: r.value, ...(deleted ? { deleted } : {}) };
}

function graphqlError(res: Response, body: any): ProviderError | undefined {
  const errors: any[] = Array.isArray(body?.errors) ? body.errors : [];
  const first = errors[0];
  const code = first?.extensions?.code;
  const message = first?.extensions?.userPresentableMessage ?? first?.message ?? `${res.status} ${res.statusText}`;
  const reset = () => retryAfterMs(res) ?? resetHeaderMs(res, 'x-ratelimit-requests-reset', 'epoch_ms');
  if (code === 'RATELIMITED' || res.status === 429) return new ProviderError('rate_limited', message, 429, reset());
  if (code === 'AUTHENTICATION_ERROR' || res.status === 401) return new ProviderError('unauthorized', message, 401);
  if (code === 'FORBIDDEN' || res.status === 403) return new ProviderError('forbidden', message, 403);
  if (res.status >= 500) return new ProviderError('unavailable', message, res.status, retryAfterMs(res));
  if (!res.ok || errors.length) return new ProviderError('bad_request', message, res.status);
  return undefined;
}

export function createClient(endpoints: ProviderEndpoints, fetchImpl: typeof fetch = fetch): ProviderClient {
  const gql = async (creds: Credentials, query: string, variables: Record<string, unknown> = {}) => {
    const res = await request(fetchImpl, `${endpoints.apiBaseUrl}/graphql`, {
      method: 'POST',
      headers: { Authorization: creds.access_token ? `Bearer ${creds.access_token}` : (creds.api_key ?? ''), 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    let body: any;
    try {
      body = await res.json();
    } catch {
      body = undefined;
    }
    const err = graphqlError(res, body);
    if (err) throw err;
    return body.data;
  };
  return {
    async testConnection(creds) {
      await gql(creds, 'query { viewer { id name } }');
    },
    async fetchPage(creds, req: FetchPageRequest): Promise<FetchPageResult> {
      if (req.kind !== 'issue') throw new Error(`linear does not ingest ${req.kind}`);
      const changed = req.selection === 'changed';
      const data = await gql(creds, issuesQuery(changed ? 'updatedAt' : 'createdAt'), { first: Math.min(100, req.pageSize ?? 100), after: req.pageCursor, start: req.window.start, end: req.window.end });
      const conn = data?.issues ?? { nodes: [], pageInfo: { hasNextPage: false } };
      const records = inWindow(list(conn, 'nodes', 'linear issues').map(mapIssue), req.window, changed ? rawTime('updatedAt') : undefined);
      const next = conn.pageInfo?.hasNextPage ? conn.pageInfo.endCursor : null;
      // With archived issues included, a createdAt listing is complete: an issue missing from it was deleted for good.
      return { records, nextPageCursor: next, ...(!changed && next === null ? { complete: req.window } : {}) };
    },
  };
}
