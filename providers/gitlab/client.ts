// GitLab REST v4 client: `PRIVATE-TOKEN` header, per-project deployments filtered on `updated_after`
// (+ `updated_before` for backfills; GitLab has no creation filter), offset pagination driven by the `x-next-page`
// header, one project after another. Incremental syncs page newest-updated first with no upper bound, so a
// deployment updated while paging moves ahead instead of shifting another one past a page boundary.
import { at, list, read } from '../contract.ts';
import { errorFromResponse, inWindow, jsonBody, packCursor, rawTime, request, resetHeaderMs, unpackCursor } from '../http.ts';
import type { Credentials, FetchPageRequest, FetchPageResult, NormalizedRecord, ProviderClient, ProviderEndpoints } from '../types.ts';

const glMessage = (body: any): string | undefined => {
  const m = body?.message ?? body?.error_description ?? body?.error;
  return typeof m === 'string' ? m : m ? JSON.stringify(m) : undefined;
};

/** Position across projects: which project, which page, and that project's web URL (for record links). */
interface Cursor {
  p: number;
  page: number;
  web?: string;
}

export function projectList(creds: Credentials): string[] {
  return (creds.projects ?? '').split(',').map((p) => p.trim()).filter(Boolean);
}

export function mapDeployment(d: unknown, projectWebUrl?: string): NormalizedRecord {
  const r = read(d, 'gitlab deployment');
  const env = r.optionalString('environment.name') ?? 'unknown';
  const sha = (r.optionalString('sha') ?? '').slice(0, 8);
  const envId = at(r.value, 'environment.id');
  return {
    kind: 'deployment',
    external_id: r.id('id'),
    occurred_at: r.time('created_at', 'updated_at'),
    title: `Deploy #${r.id('iid')} of ${r.optionalString('ref') ?? '?'}@${sha} to ${env}: ${r.optionalString('status') ?? 'unknown'}`,
    // A deployment without a CI job has `deployable: null`: the environment page is the link then.
    url: projectWebUrl && (typeof envId === 'number' || typeof envId === 'string') ? `${projectWebUrl}/-/environments/${envId}` : r.optionalString('deployable.pipeline.web_url'),
    raw: r.value,
  };
}

export function createClient(endpoints: ProviderEndpoints, fetchImpl: typeof fetch = fetch): ProviderClient {
  const get = async (creds: Credentials, pathAndQuery: string) => {
    const res = await request(fetchImpl, `${endpoints.apiBaseUrl}${pathAndQuery}`, { headers: { 'PRIVATE-TOKEN': creds.private_token ?? '', Accept: 'application/json' } });
    // Throttled responses carry Retry-After; `RateLimit-Reset` (epoch seconds) is the fallback.
    if (!res.ok) throw await errorFromResponse(res, glMessage, { retryAfter: (r) => resetHeaderMs(r, 'ratelimit-reset', 'epoch_seconds') });
    return { body: await jsonBody(res, `gitlab ${pathAndQuery.split('?')[0]}`), nextPage: res.headers.get('x-next-page') };
  };
  const project = (id: string) => `/projects/${encodeURIComponent(id)}`;
  return {
    async testConnection(creds) {
      // Proves the token and that it can see every configured project.
      for (const p of projectList(creds)) await get(creds, project(p));
    },
    async fetchPage(creds, req: FetchPageRequest): Promise<FetchPageResult> {
      if (req.kind !== 'deployment') throw new Error(`gitlab does not ingest ${req.kind}`);
      const projects = projectList(creds);
      const cur: Cursor = req.pageCursor ? unpackCursor<Cursor>(req.pageCursor) : { p: 0, page: 1 };
      const id = projects[cur.p];
      if (id === undefined) return { records: [], nextPageCursor: null };
      const web = cur.web ?? read((await get(creds, project(id))).body, 'gitlab project').string('web_url');
      // `updated_after` may be exclusive: ask from one second earlier and keep `[start, end)` ourselves.
      const changed = req.selection === 'changed';
      const qs = new URLSearchParams({
        updated_after: new Date(Date.parse(req.window.start) - 1000).toISOString(),
        ...(changed ? {} : { updated_before: req.window.end }),
        order_by: 'updated_at',
        sort: changed ? 'desc' : 'asc',
        per_page: String(Math.min(100, req.pageSize ?? 100)),
        page: String(cur.page),
      });
      const { body, nextPage } = await get(creds, `${project(id)}/deployments?${qs}`);
      const items = list(body, '', 'gitlab deployments');
      const records = inWindow(items.map((d) => mapDeployment(d, web)), req.window, rawTime('updated_at'));
      // Newest first: a page reaching deployments updated before the window ends this project.
      const oldest = items.length ? Date.parse(read(items[items.length - 1], 'gitlab deployment').time('updated_at')) : NaN;
      const olderThanWindow = changed && items.length > 0 && oldest < Date.parse(req.window.start);
      const more = nextPage && !olderThanWindow;
      const next: Cursor | null = more ? { p: cur.p, page: Number(nextPage), web } : cur.p + 1 < projects.length ? { p: cur.p + 1, page: 1 } : null;
      return { records, nextPageCursor: next ? packCursor(next) : null };
    },
  };
}
