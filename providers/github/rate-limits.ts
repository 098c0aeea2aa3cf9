// GitHub's rate limits, handled as GitHub documents them (docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api):
// a 403 or 429 is a rate limit when it says so — a `retry-after`, an exhausted primary limit (`x-ratelimit-remaining: 0`),
// or a secondary-limit message — and the wait is, in that order: Retry-After; until `x-ratelimit-reset` when nothing
// remains; otherwise at least a minute, growing exponentially while the limit persists. (A 403 that says none of this
// is a real refusal: `forbidden`.) The waits go back as retryable `rate_limited` errors; the page walker holds the
// connector's calls until then and retries.
import { createHash } from 'node:crypto';
import { resetHeaderMs, retryAfterMs } from '../http.ts';

const MINUTE = 60_000;
/** The longest GitHub secondary-limit backoff before it stops growing. */
const MAX_BACKOFF_MS = 15 * MINUTE;

/** Consecutive secondary limits without a stated wait, per token: each doubles the wait; a success resets it. */
export class SecondaryBackoff {
  private readonly streaks = new Map<string, number>();
  constructor(private readonly firstWaitMs = MINUTE) {}

  private key(token: string): string {
    return createHash('sha256').update(token).digest('base64url').slice(0, 16);
  }

  next(token: string): number {
    const k = this.key(token);
    const n = (this.streaks.get(k) ?? 0) + 1;
    if (this.streaks.size > 10_000) this.streaks.clear();
    this.streaks.set(k, n);
    return Math.min(this.firstWaitMs * 2 ** (n - 1), Math.max(MAX_BACKOFF_MS, this.firstWaitMs));
  }

  reset(token: string): void {
    this.streaks.delete(this.key(token));
  }
}

/**
 * How long to wait before the next call when `res` (a 403 or 429) is a rate limit, or undefined when it is not one.
 * `message` is GitHub's error message (secondary limits say "secondary rate limit").
 */
export function rateLimitWaitMs(res: Response, message: string | undefined, backoff: SecondaryBackoff, token: string, now = Date.now()): number | undefined {
  if (res.status !== 403 && res.status !== 429) return undefined;
  const retryAfter = retryAfterMs(res);
  if (retryAfter !== undefined) return retryAfter;
  if (res.headers.get('x-ratelimit-remaining') === '0') {
    // Until the window resets, plus a second: x-ratelimit-reset is whole epoch seconds.
    const reset = resetHeaderMs(res, 'x-ratelimit-reset', 'epoch_seconds', now);
    if (reset !== undefined) return reset + 1000;
  }
  const saysLimited = /rate limit/i.test(message ?? '');
  if (res.status === 429 || saysLimited) return backoff.next(token);
  return undefined;
}
