// Shared HTTP plumbing for provider clients: timeouts, Retry-After, and error classification.
import { ProviderError } from './types.ts';

export function retryAfterMs(res: Response): number | undefined {
  const h = res.headers.get('retry-after');
  if (!h) return undefined;
  const secs = Number(h);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const at = Date.parse(h);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined;
}

/** Maps a non-2xx response to a ProviderError, using the provider's message when it has one. */
export async function errorFromResponse(res: Response, extractMessage: (body: any) => string | undefined): Promise<ProviderError> {
  let message: string | undefined;
  try {
    message = extractMessage(await res.json());
  } catch {
    /* non-JSON error body */
  }
  const text = message ?? `${res.status} ${res.statusText}`;
  if (res.status === 401) return new ProviderError('unauthorized', text, 401);
  if (res.status === 403) return new ProviderError('forbidden', text, 403);
  if (res.status === 404) return new ProviderError('not_found', text, 404);
  if (res.status === 429) return new ProviderError('rate_limited', text, 429, retryAfterMs(res));
  if (res.status >= 500) return new ProviderError('unavailable', text, res.status, retryAfterMs(res));
  return new ProviderError('bad_request', text, res.status);
}

export async function request(fetchImpl: typeof fetch, url: string, init: RequestInit, timeoutMs = 15_000): Promise<Response> {
  try {
    return await fetchImpl(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    throw new ProviderError('network', `request to ${new URL(url).host} failed: ${(err as Error).message}`);
  }
}
