// API rate limits per API key and per workspace, shared by every API process through PostgreSQL. A sliding window
// approximated from two fixed windows: this window's count plus the previous window's,
// weighted by how much of it the sliding window still covers. One statement per request counts both buckets and
// reads the previous window — for an API key, the same statement that finds the key (services/workspaces.ts), so
// authentication and counting cost one round trip; a request over either limit is refused and then uncounted, so a
// client retrying faster than its limit still gets its share once the window moves on.
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/db.ts';

export interface RateLimitPolicy {
  /** Requests per window per API key; 0 = no limit. */
  perKey: number;
  /** Requests per window per workspace, all its keys together; 0 = no limit. */
  perWorkspace: number;
  windowSeconds: number;
}

export interface RateDecision {
  allowed: boolean;
  /** The bucket closest to its limit (the one that refused, when refused). */
  scope: 'API key' | 'workspace';
  limit: number;
  remaining: number;
  /** Seconds until the current window ends. */
  resetSeconds: number;
  /** When refused: seconds until a request would be allowed again. */
  retryAfterSeconds: number;
}

interface Count {
  scope: RateDecision['scope'];
  limit: number;
  hits: number;
  prevHits: number;
}

/**
 * The decision for one bucket, given its hits in the current window (this request included), the previous
 * window's hits and how far into the current window we are.
 */
export function decide(c: Count, windowSeconds: number, elapsed: number): RateDecision {
  const w = windowSeconds;
  const estimate = c.prevHits * (1 - elapsed / w) + c.hits;
  const allowed = estimate <= c.limit;
  // When could one more request pass? Within this window if its own count leaves room (the previous window's
  // weight decays), else after it ends, when this window's count becomes the decaying one.
  let wait: number;
  if (c.hits + 1 <= c.limit) wait = c.prevHits > 0 ? w * (1 - (c.limit - c.hits - 1) / c.prevHits) - elapsed : 0;
  else wait = w - elapsed + Math.max(0, w * (1 - (c.limit - 1) / c.hits));
  return {
    allowed,
    scope: c.scope,
    limit: c.limit,
    remaining: Math.max(0, Math.floor(c.limit - estimate)),
    resetSeconds: Math.max(1, Math.ceil(w - elapsed)),
    retryAfterSeconds: Math.max(1, Math.ceil(wait)),
  };
}

/** `RateLimit-Policy` (IETF draft): each limit with its window. */
export function policyHeader(p: RateLimitPolicy): string {
  const parts: string[] = [];
  if (p.perKey > 0) parts.push(`${p.perKey};w=${p.windowSeconds};comment="per API key"`);
  if (p.perWorkspace > 0) parts.push(`${p.perWorkspace};w=${p.windowSeconds};comment="per workspace"`);
  return parts.join(', ');
}

export interface CountedRow {
  bucket: string;
  hits: number;
  prev_hits: number | null;
}

/** Where the current window of `windowSeconds` starts (epoch-aligned, on this process's clock) and how far in we are. */
export interface RateWindow {
  cur: number;
  elapsed: number;
}

export function createApiRateLimiter(db: Db, policy: RateLimitPolicy) {
  const w = policy.windowSeconds;
  // Buckets are always counted key first, then workspace: concurrent requests lock rows in one order.
  const limits = [
    { scope: 'API key' as const, limit: policy.perKey, prefix: 'key:', column: sql.ref('s.key_id') },
    { scope: 'workspace' as const, limit: policy.perWorkspace, prefix: 'ws:', column: sql.ref('s.workspace_id') },
  ].filter((l) => l.limit > 0);

  function windowNow(): RateWindow {
    // NTP keeps API hosts within milliseconds of one another.
    const now = Date.now() / 1000;
    const cur = Math.floor(now / w) * w;
    return { cur, elapsed: now - cur };
  }

  /**
   * The counting statement: `n` requests (default one) counted in each bucket of the rows `source` yields (columns
   * `key_id` and `workspace_id`; none, nothing counted), returning each bucket's count with the previous window's.
   * Usable as a CTE, so that authentication can find the key and count it in one round trip.
   */
  function counting(source: RawBuilder<unknown>, win: RateWindow, n = 1): RawBuilder<CountedRow> {
    const at = sql`to_timestamp(${win.cur})`;
    return sql<CountedRow>`
      insert into api_rate_counters as c (bucket, window_start, hits)
      select b.bucket, ${at}, ${n}::int from (${source}) s
        cross join lateral (values ${sql.join(limits.map((l, i) => sql`(${l.prefix} || ${l.column}, ${i})`))}) b(bucket, ord)
        order by b.ord
      on conflict (bucket, window_start) do update set hits = c.hits + excluded.hits
      returning c.bucket, c.hits,
        (select p.hits from api_rate_counters p where p.bucket = c.bucket and p.window_start = to_timestamp(${win.cur - w})) as prev_hits`;
  }

  /**
   * The decisions for `n` requests counted together (the rows' counts include all of them): the i-th is decided as if
   * the requests had come one after another. A later request's estimate is never lower, so the refused ones are the
   * last; they are uncounted again.
   */
  async function settleMany(rows: CountedRow[], win: RateWindow, n: number): Promise<Array<RateDecision | undefined>> {
    if (!rows.length) return new Array<undefined>(n).fill(undefined);
    const buckets = rows.map((r) => {
      // The first hits of a window: older windows of this bucket are no longer read; drop them (best effort).
      if (r.hits === n) void sql`delete from api_rate_counters where bucket = ${r.bucket} and window_start < to_timestamp(${win.cur - w})`.execute(db).catch(() => undefined);
      return { r, l: limits.find((x) => r.bucket.startsWith(x.prefix))! };
    });
    const out = Array.from({ length: n }, (_, i) => {
      const decisions = buckets.map(({ r, l }) => decide({ scope: l.scope, limit: l.limit, hits: r.hits - n + 1 + i, prevHits: r.prev_hits ?? 0 }, w, win.elapsed));
      const refused = decisions.filter((d) => !d.allowed);
      return refused.length
        ? refused.reduce((a, b) => (b.retryAfterSeconds > a.retryAfterSeconds ? b : a))
        : decisions.reduce((a, b) => (b.remaining < a.remaining ? b : a));
    });
    const refusedCount = out.filter((d) => !d.allowed).length;
    if (refusedCount) {
      await sql`update api_rate_counters set hits = greatest(hits - ${refusedCount}::int, 0) where bucket = any(${rows.map((r) => r.bucket)}::text[]) and window_start = to_timestamp(${win.cur})`.execute(db);
    }
    return out;
  }

  /** The decision from the counted rows of one request; a refused request is uncounted again. */
  async function settle(rows: CountedRow[], win: RateWindow): Promise<RateDecision | undefined> {
    return (await settleMany(rows, win, 1))[0];
  }

  return {
    enabled: limits.length > 0,
    windowNow,
    counting,
    settle,
    settleMany,
    /** Counts one request of this key; undefined when no limit is configured. */
    async hit(keyId: string, workspaceId: string): Promise<RateDecision | undefined> {
      if (!limits.length) return undefined;
      const win = windowNow();
      const { rows } = await counting(sql`select ${keyId}::text as key_id, ${workspaceId}::text as workspace_id`, win).execute(db);
      return settle(rows, win);
    },
  };
}

export type ApiRateLimiter = ReturnType<typeof createApiRateLimiter>;
