// Shared HTTP plumbing for provider clients: timeouts, Retry-After, and error classification.
import { contractError } from './contract.ts';
import { ProviderError, type NormalizedRecord } from './types.ts';

export function retryAfterMs(res: Response): number | undefined {
  const h = res.headers.get('retry-after');
  if (!h) return undefined;
  const secs = Number(h);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const at = Date.parse(h);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined;
}

/** How long until a rate-limit window resets, read from one header in one of the encodings providers use. */
export function resetHeaderMs(res: Response, header: string, encoding: 'seconds_from_now' | 'epoch_seconds' | 'epoch_ms' | 'date', now = Date.now()): number | undefined {
  const h = res.headers.get(header);
  if (!h) return undefined;
  let ms: number;
  if (encoding === 'date') ms = Date.parse(h) - now;
  else {
    const n = Number(h);
    if (!Number.isFinite(n)) return undefined;
    ms = encoding === 'seconds_from_now' ? n * 1000 : encoding === 'epoch_seconds' ? n * 1000 - now : n - now;
  }
  return Number.isFinite(ms) ? Math.max(0, ms) : undefined;
}

export interface ErrorOptions {
  /** The provider's own reset hint, used when a 429/5xx has no `Retry-After`. */
  retryAfter?: (res: Response) => number | undefined;
}

/** Maps a non-2xx response to a ProviderError, using the provider's message when it has one. */
export async function errorFromResponse(res: Response, extractMessage: (body: any) => string | undefined, opts: ErrorOptions = {}): Promise<ProviderError> {
  let message: string | undefined;
  try {
    message = extractMessage(await res.json());
  } catch {
    /* non-JSON error body */
  }
  const text = message ?? `${res.status} ${res.statusText}`;
  const wait = () => retryAfterMs(res) ?? opts.retryAfter?.(res);
  if (res.status === 401) return new ProviderError('unauthorized', text, 401);
  if (res.status === 403) return new ProviderError('forbidden', text, 403);
  if (res.status === 404) return new ProviderError('not_found', text, 404);
  if (res.status === 429) return new ProviderError('rate_limited', text, 429, wait());
  if (res.status >= 500) return new ProviderError('unavailable', text, res.status, wait());
  return new ProviderError('bad_request', text, res.status);
}

const MAX_REDIRECTS = 5;

/**
 * A URL the provider handed us (a `Link` next page, a redirect) is only called on `base`'s own origin, so the
 * credentials sent with it never reach another host.
 */
export function onOrigin(base: string, url: string): string {
  const target = new URL(url, base);
  const origin = new URL(base).origin;
  if (target.origin !== origin) throw new ProviderError('bad_request', `refused to call ${target.origin}, which is not the provider's API origin ${origin} (credentials stay with the provider)`);
  return target.href;
}

/**
 * One provider call with a timeout. Redirects are followed by hand and only on the same origin: a provider (or
 * whoever answers for it) redirecting elsewhere would otherwise receive headers such as `PRIVATE-TOKEN` or
 * `DD-API-KEY`, which fetch only strips from `Authorization`.
 */
export async function request(fetchImpl: typeof fetch, url: string, init: RequestInit, timeoutMs = 15_000): Promise<Response> {
  const signal = AbortSignal.timeout(timeoutMs);
  let current = url;
  let currentInit = init;
  for (let hop = 0; ; hop++) {
    let res: Response;
    try {
      res = await fetchImpl(current, { ...currentInit, redirect: 'manual', signal });
    } catch (err) {
      throw new ProviderError('network', `request to ${new URL(current).host} failed: ${(err as Error).message}`);
    }
    const location = res.status >= 300 && res.status < 400 ? res.headers.get('location') : null;
    if (!location) return res;
    await res.body?.cancel().catch(() => undefined);
    if (hop >= MAX_REDIRECTS) throw new ProviderError('bad_request', `more than ${MAX_REDIRECTS} redirects from ${new URL(url).host}`, res.status);
    const next = onOrigin(current, location);
    // 307/308 repeat the request as it was; the others become a GET without a body (as fetch does).
    const method = (currentInit.method ?? 'GET').toUpperCase();
    if (res.status !== 307 && res.status !== 308 && method !== 'GET' && method !== 'HEAD') currentInit = { ...currentInit, method: 'GET', body: undefined };
    current = next;
  }
}

/** A successful response's JSON body; a body that is not JSON breaks the provider's contract. */
export async function jsonBody(res: Response, what: string): Promise<unknown> {
  const text = await res.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw contractError(what, '(body)', `is not JSON (${res.headers.get('content-type') ?? 'no content type'}, ${text.length} bytes)`);
  }
}

/** Opaque page cursors for providers whose position is more than one value (channel + cursor, project + page…). */
export function packCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function unpackCursor<T>(cursor: string): T {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as T;
  } catch {
    throw new ProviderError('bad_request', 'unreadable page cursor');
  }
}

/**
 * Keeps records inside the half-open window `[start, end)` (for providers whose filters are inclusive or coarser),
 * judged by the time the listing selected on: occurrence by default, or e.g. the provider's modification time.
 */
export function inWindow(records: NormalizedRecord[], window: { start: string; end: string }, time: (r: NormalizedRecord) => string | undefined = (r) => r.occurred_at): NormalizedRecord[] {
  const s = Date.parse(window.start);
  const e = Date.parse(window.end);
  return records.filter((r) => {
    const t = Date.parse(time(r) ?? '');
    return t >= s && t < e;
  });
}

/** The provider's own modification time of a record, read from its raw payload (`updated_at`, `updatedAt`, …). */
export const rawTime = (field: string) => (r: NormalizedRecord): string | undefined => {
  const v = (r.raw as Record<string, unknown> | null)?.[field];
  return typeof v === 'string' ? v : undefined;
};
