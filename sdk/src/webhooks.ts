// Verifying the webhooks Tributary sends (Standard Webhooks): `webhook-signature` is `v1,<base64 HMAC-SHA256>` of
// `{webhook-id}.{webhook-timestamp}.{raw body}`, keyed with the secret's base64 part after `whsec_`. Web Crypto
// only, so it runs in Node 20+, browsers, Deno and edge runtimes alike.
import type { webhooks } from './generated/openapi.ts';

/** Every event Tributary sends, discriminated by `type` (`connector.status_changed`, `sync_run.succeeded`, …). */
export type WebhookEvent = { [K in keyof webhooks]: NonNullable<webhooks[K]['post']['requestBody']>['content']['application/json'] }[keyof webhooks];

export class WebhookVerificationError extends Error {
  override readonly name = 'WebhookVerificationError';
}

const decode64 = (s: string): Uint8Array => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
const encode64 = (bytes: ArrayBuffer): string => btoa(String.fromCharCode(...new Uint8Array(bytes)));

/** Constant-time comparison of two strings of the same alphabet. */
function same(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderSource, name: string): string {
  const v = headers instanceof Headers ? headers.get(name) : (headers[name] ?? headers[name.toLowerCase()]);
  const one = Array.isArray(v) ? v[0] : v;
  if (!one) throw new WebhookVerificationError(`missing ${name} header`);
  return one;
}

/**
 * Checks a delivery's signature and age and returns the parsed event; throws `WebhookVerificationError` when it
 * is not genuine (wrong secret, altered body, or older than `toleranceSeconds`, default 300 — a replay).
 * Pass the raw body exactly as received: re-serialised JSON does not verify.
 */
export async function verifyWebhook(secret: string, headers: HeaderSource, rawBody: string, opts: { toleranceSeconds?: number; now?: number } = {}): Promise<WebhookEvent> {
  const id = header(headers, 'webhook-id');
  const timestamp = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  const ts = Number(timestamp);
  const now = (opts.now ?? Date.now()) / 1000;
  if (!/^\d+$/.test(timestamp) || Math.abs(now - ts) > (opts.toleranceSeconds ?? 300)) throw new WebhookVerificationError('timestamp outside the tolerance (a replay, or a clock far off)');
  const key = await crypto.subtle.importKey('raw', decode64(secret.startsWith('whsec_') ? secret.slice(6) : secret) as BufferSource, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const expected = encode64(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${id}.${timestamp}.${rawBody}`)));
  const ok = signatures.split(' ').some((s) => {
    const [version, sig] = s.split(',');
    return version === 'v1' && sig !== undefined && same(sig, expected);
  });
  if (!ok) throw new WebhookVerificationError('no signature matches: wrong secret, or the body was altered');
  return JSON.parse(rawBody) as WebhookEvent;
}
