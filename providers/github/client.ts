// GitHub REST client: Bearer token, versioned API header, search endpoints with date-range qualifiers,
// `Link` header pagination (the next page's URL is the cursor).
import { errorFromResponse, inWindow, onOrigin, request, resetHeaderMs } from '../http.ts';
import { ProviderError } from '../types.ts';
import type { Credentials, FetchPageRequest, FetchPageResult, NormalizedRecord, ProviderClient, ProviderEndpoints } from '../types.ts';

const ghMessage = (body: any): string | undefined => (typeof body?.message === 'string' ? body.message : undefined);

export function nextLink(link: string | null): string | null {
  if (!link) return null;
  for (const part of link.split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="next"/.exec(part.trim());
    if (m) return m[1]!;
  }
  return null;
}

export function mapPullRequest(pr: any): NormalizedRecord {
  const at = pr.pull_request?.merged_at ?? pr.closed_at ?? pr.updated_at;
  return { kind: 'pull_request', external_id: String(pr.id), occurred_at: new Date(at).toISOString(), title: pr.title, url: pr.html_url ?? null, raw: pr };
}

export function mapCommit(c: any): NormalizedRecord {
  const title = String(c.commit?.message ?? '').split('\n')[0] ?? '';
  return { kind: 'commit', external_id: c.sha, occurred_at: new Date(c.commit.committer.date).toISOString(), title, url: c.html_url ?? null, raw: c };
}

/**
 * GitHub search date ranges are inclusive and second-granular: `[start, end)` becomes
 * `floor(start)..ceil(end)-1s`, and the page is trimmed back to the exact window.
 */
export function searchRange(start: string, end: string): string {
  const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `${iso(Math.floor(Date.parse(start) / 1000) * 1000)}..${iso(Math.ceil(Date.parse(end) / 1000) * 1000 - 1000)}`;
}

export function createClient(endpoints: ProviderEndpoints, fetchImpl: typeof fetch = fetch): ProviderClient {
  const get = async (creds: Credentials, url: string) => {
    const res = await request(fetchImpl, url, {
      headers: {
        Authorization: `Bearer ${creds.access_token ?? ''}`,
        Accept: 'application/vnd.github+json',
        'X-GitHub-Api-Version': '2022-11-28',
      },
    });
    const resetMs = (r: Response) => resetHeaderMs(r, 'x-ratelimit-reset', 'epoch_seconds');
    // GitHub answers an exhausted primary rate limit with 403 (or 429) and `x-ratelimit-remaining: 0`.
    if (res.status === 403 && res.headers.get('x-ratelimit-remaining') === '0') {
      const e = await errorFromResponse(res, ghMessage);
      throw new ProviderError('rate_limited', e.message, 403, resetMs(res));
    }
    if (!res.ok) throw await errorFromResponse(res, ghMessage, { retryAfter: resetMs });
    return { body: (await res.json()) as any, link: res.headers.get('link') };
  };
  return {
    async testConnection(creds) {
      await get(creds, `${endpoints.apiBaseUrl}/user`);
    },
    async fetchPage(creds, req: FetchPageRequest): Promise<FetchPageResult> {
      const perPage = Math.min(100, req.pageSize ?? 100);
      // A next page comes from the provider's `Link` header: followed only on the API's own origin.
      let url = req.pageCursor ? onOrigin(endpoints.apiBaseUrl, req.pageCursor) : undefined;
      if (!url) {
        const range = searchRange(req.window.start, req.window.end);
        if (req.kind === 'pull_request') url = `${endpoints.apiBaseUrl}/search/issues?${new URLSearchParams({ q: `is:pr is:merged merged:${range}`, per_page: String(perPage), sort: 'updated', order: 'asc' })}`;
        else if (req.kind === 'commit') url = `${endpoints.apiBaseUrl}/search/commits?${new URLSearchParams({ q: `committer-date:${range}`, per_page: String(perPage), sort: 'committer-date', order: 'asc' })}`;
        else throw new Error(`github does not ingest ${req.kind}`);
      }
      const { body, link } = await get(creds, url);
      const map = req.kind === 'pull_request' ? mapPullRequest : mapCommit;
      return { records: inWindow((body.items ?? []).map(map), req.window), nextPageCursor: nextLink(link) };
    },
  };
}
