// One signed webhook POST and how its outcome is told: used by the outbox relay's first attempt and by the delivery
// workflow's retries, so both sign, time out, refuse addresses and word errors the same way.
import { guardedPost } from '../lib/guarded-post.ts';
import { statusClass, webhookAttemptDuration, webhookAttempts } from '../lib/metrics.ts';
import { signedHeaders } from '../lib/webhook-signing.ts';

export interface WebhookPostOptions {
  allowPrivate: boolean;
  attemptTimeoutMs: number;
}

export interface PostOutcome {
  status: number | null;
  /** Null on a 2xx. */
  error: string | null;
  latencyMs: number;
}

/** `5s`, `5m`, `2h`, `250ms` (the retry schedule's format) in milliseconds; 0 when it is none of those. */
export function msOf(duration: string): number {
  const m = /^(\d+)(ms|s|m|h)$/.exec(duration);
  if (!m) return 0;
  return Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h'];
}

/** The body receivers get (Standard Webhooks: the event id is the `webhook-id`). */
export function eventBody(event: { id: string; type: string; created_at: Date; payload: unknown }): string {
  return JSON.stringify({ id: event.id, type: event.type, timestamp: event.created_at.toISOString(), data: event.payload });
}

/** Signs and POSTs `body` to the endpoint; never throws — a failure is an outcome with its reason. */
export async function postWebhook(url: string, secret: string, eventId: string, body: string, opts: WebhookPostOptions): Promise<PostOutcome> {
  let status: number | null = null;
  let error: string | null = null;
  const started = performance.now();
  try {
    // The URL policy is applied to the address actually connected to (resolved once: no DNS rebinding).
    status = await guardedPost(url, { headers: { ...signedHeaders(secret, eventId, body), 'user-agent': 'Tributary-Webhooks/1' }, body, timeoutMs: opts.attemptTimeoutMs }, { allowPrivate: opts.allowPrivate });
    if (status < 200 || status >= 300) error = `receiver answered ${status}`;
  } catch (err) {
    const e = err as Error & { code?: string };
    if (e.name === 'TimeoutError') error = `timed out after ${opts.attemptTimeoutMs} ms`;
    else if (e.code === 'ERR_REFUSED_ADDRESS') error = e.message.startsWith('url ') ? e.message : `url refused: ${e.message}`;
    else error = `request failed: ${e.message}`;
  }
  return recordAttempt({ status, error, latencyMs: Math.round(performance.now() - started) });
}

/** Counts an attempt in the metrics (a disabled endpoint's refusal included). */
export function recordAttempt(o: PostOutcome): PostOutcome {
  const outcome = o.error === null ? 'success' : 'failure';
  webhookAttempts.inc({ outcome, status_class: statusClass(o.status ?? undefined) });
  webhookAttemptDuration.observe({ outcome }, o.latencyMs / 1000);
  return o;
}
