// API rate limits per API key and per workspace, shared by every API process through PostgreSQL — counted in the same
// statement that authenticates the request's key, so limits cost no extra round trip. A sliding window
// approximated from two fixed windows: this window's count plus the previous window's,
// weighted by how much of it the sliding window still covers. One statement per request counts both buckets and
// reads the previous window; a request over either limit is refused and then uncounted, so a client retrying
// faster than its limit still gets its share once the window moves on.
import { sql } from 'kysely';
import type { Db } from '../db/db.ts';
import { apiKeyHash } from './workspaces.ts';

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

export interface AuthenticatedRequest {
  workspaceId: string;
  keyId: string;
  /** The rate-limit decision for this request; undefined when no limit is configured. */
  decision?: RateDecision;
}

type CounterRow = { bucket: string; hits: number; prev_hits: number | null };

export function createApiRateLimiter(db: Db, policy: RateLimitPolicy) {
  const w = policy.windowSeconds;
  const limits = [
    { scope: 'API key' as const, limit: policy.perKey, bucket: (k: string, _ws: string) => `key:${k}` },
    { scope: 'workspace' as const, limit: policy.perWorkspace, bucket: (_k: string, ws: string) => `ws:${ws}` },
  ].filter((l) => l.limit > 0);
  const enabled = limits.map((l) => l.scope);

  /** Windows are aligned on the epoch, on this process's clock (NTP keeps API hosts within milliseconds). */
  const windowNow = () => {
    const now = Date.now() / 1000;
    const cur = Math.floor(now / w) * w;
    return { cur, elapsed: now - cur };
  };

  /** The decision from the counted rows; a refused request is uncounted again (refusals do not use up the limit). */
  async function decideRows(rows: readonly CounterRow[], keyId: string, workspaceId: string, cur: number, elapsed: number): Promise<RateDecision> {
    const buckets = limits.map((l) => l.bucket(keyId, workspaceId));
    const decisions = rows.map((r) => {
      const l = limits[buckets.indexOf(r.bucket)]!;
      // The first hit of a window: older windows of this bucket are no longer read; drop them (best effort).
      if (r.hits === 1) void sql`delete from api_rate_counters where bucket = ${r.bucket} and window_start < to_timestamp(${cur - w})`.execute(db).catch(() => undefined);
      return decide({ scope: l.scope, limit: l.limit, hits: r.hits, prevHits: r.prev_hits ?? 0 }, w, elapsed);
    });
    const refused = decisions.filter((d) => !d.allowed);
    if (refused.length) {
      await sql`update api_rate_counters set hits = hits - 1 where bucket = any(${buckets}::text[]) and window_start = to_timestamp(${cur}) and hits > 0`.execute(db);
      return refused.reduce((a, b) => (b.retryAfterSeconds > a.retryAfterSeconds ? b : a));
    }
    return decisions.reduce((a, b) => (b.remaining < a.remaining ? b : a));
  }

  return {
    enabled: limits.length > 0,

    /**
     * The hot path of every authenticated request, in one round trip: resolves the presented key (SHA-256, unrevoked)
     * to its workspace and counts the request against the key's and the workspace's buckets in the same statement.
     * Undefined for an unknown or revoked key (nothing counted).
     */
    async authenticate(presented: string): Promise<AuthenticatedRequest | undefined> {
      const hash = apiKeyHash(presented);
      if (!hash) return undefined;
      if (!limits.length) {
        const row = await sql<{ id: string; workspace_id: string }>`select id, workspace_id from api_keys where key_hash = ${hash} and revoked_at is null`.execute(db);
        const k = row.rows[0];
        return k ? { workspaceId: k.workspace_id, keyId: k.id } : undefined;
      }
      const { cur, elapsed } = windowNow();
      // Buckets are counted key first, then workspace (the insert's order): concurrent requests lock rows in one order.
      const { rows } = await sql<{ id: string; workspace_id: string } & Partial<CounterRow>>`
        with k as (select id, workspace_id from api_keys where key_hash = ${hash} and revoked_at is null),
        b as (
          select x.bucket, x.ord from k cross join lateral (values ('key:' || k.id, 1, 'API key'), ('ws:' || k.workspace_id, 2, 'workspace')) x(bucket, ord, scope)
          where x.scope = any(${enabled}::text[])
        ),
        c as (
          insert into api_rate_counters as c (bucket, window_start, hits)
          select bucket, to_timestamp(${cur}), 1 from b order by ord
          on conflict (bucket, window_start) do update set hits = c.hits + 1
          returning c.bucket, c.hits,
            (select p.hits from api_rate_counters p where p.bucket = c.bucket and p.window_start = to_timestamp(${cur - w})) as prev_hits
        )
        select k.id, k.workspace_id, c.bucket, c.hits, c.prev_hits from k left join c on true`.execute(db);
      const k = rows[0];
      if (!k) return undefined;
      const counted = rows.filter((r): r is typeof r & CounterRow => r.bucket != null);
      return { workspaceId: k.workspace_id, keyId: k.id, decision: await decideRows(counted, k.id, k.workspace_id, cur, elapsed) };
    },

    /** Counts one request of this key; undefined when no limit is configured. */
    async hit(keyId: string, workspaceId: string): Promise<RateDecision | undefined> {
      if (!limits.length) return undefined;
      const buckets = limits.map((l) => l.bucket(keyId, workspaceId));
      const { cur, elapsed } = windowNow();
      const at = sql`to_timestamp(${cur})`;
      const { rows } = await sql<CounterRow>`
        insert into api_rate_counters as c (bucket, window_start, hits)
        values ${sql.join(buckets.map((b) => sql`(${b}, ${at}, 1)`))}
        on conflict (bucket, window_start) do update set hits = c.hits + 1
        returning c.bucket, c.hits,
          (select p.hits from api_rate_counters p where p.bucket = c.bucket and p.window_start = to_timestamp(${cur - w})) as prev_hits`.execute(db);
      return decideRows(rows, keyId, workspaceId, cur, elapsed);
    },
  };
}

export type ApiRateLimiter = ReturnType<typeof createApiRateLimiter>;
