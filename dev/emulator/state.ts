// Emulator state shared by every emulated provider: accepted credentials, injected faults, request log, and the
// rate limits the emulated providers enforce (with their counters).
/**
 * `rate_limit`: the provider's own 429 (or equivalent); `secondary_rate_limit`: GitHub's secondary limit (`status`
 * 403 or 429, `Retry-After` only when `retry_after_s` is given); `corrupt`: the real response with one field of its
 * JSON body (`field`, a dot path such as `items.0.sha`) set to `value` (default null) — a provider breaking its contract.
 */
export type FaultKind = 'rate_limit' | 'secondary_rate_limit' | 'server_error' | 'slow' | 'expire_token' | 'corrupt';

export interface Fault {
  provider: string;
  kind: FaultKind;
  /** How many matching requests the fault applies to. */
  remaining: number;
  /** Only requests whose path contains this string (default: any API request of the provider). */
  path?: string;
  /** Only requests presenting this credential (API key or access token; default: any), so a test's fault cannot be
   * taken by another connector's request to the same emulator. */
  key?: string;
  retry_after_s?: number;
  delay_ms?: number;
  status?: number;
  field?: string;
  value?: unknown;
}

/** A fixed-window request limit: `limit` requests per `windowMs`. */
export interface WindowLimit {
  limit: number;
  windowMs: number;
}

export interface RequestLogEntry {
  provider: string;
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
  at: string;
}

import { Dataset, type EmuRecord, type Revision } from './dataset.ts';
import { OAuthServer } from './oauth-server.ts';

/** Why a test control could not change a record (answered as 404/409 by `/_emulator/records/…`). */
export class RecordControlError extends Error {
  constructor(readonly status: 404 | 409, message: string) {
    super(message);
  }
}

/** The credential an `Authorization` header presents, whatever the provider's scheme (Bearer, GitHub's `token`,
 * PagerDuty's `Token token=`). */
const presentedKey = (authorization: string | undefined): string | undefined => /^(?:Bearer|token|Token token=)\s*(.+)$/.exec(authorization ?? '')?.[1];

export class EmulatorState {
  /** Credentials each provider accepts (API keys, access tokens). */
  readonly validKeys = new Map<string, Set<string>>();
  readonly faults: Fault[] = [];
  readonly requests: RequestLogEntry[] = [];

  /** When an accepted credential stops working (OAuth access tokens), epoch ms by `provider key`. */
  readonly expiresAt = new Map<string, number>();

  readonly data: Dataset;
  /** The OAuth authorization server of every OAuth provider (see oauth-server.ts). */
  readonly oauth: OAuthServer;

  /** Each provider's external id of a record (registered by the emulator app), to find records by what Tributary stores. */
  readonly externalIds = new Map<string, (kind: string, rec: EmuRecord) => string>();

  /**
   * The limits the emulated providers enforce, as documented: GitHub's search API allows 30 requests a minute and
   * the rest of its REST API 5,000 an hour per token. Tests shorten the windows (the counts stay the providers').
   */
  readonly limits = {
    github: { search: { limit: 30, windowMs: 60_000 }, core: { limit: 5000, windowMs: 3_600_000 } },
  } satisfies Record<string, Record<string, WindowLimit>>;
  private readonly windows = new Map<string, { start: number; used: number }>();

  /** `volume`: records per hour per kind in the generated series; `churn`: generated records change over time. */
  constructor(readonly seed: number, readonly volume: number, churn = false) {
    this.data = new Dataset(seed, volume, Date.now, churn);
    this.oauth = new OAuthServer(this);
  }

  /** The record of `kind` the provider calls `externalId`. */
  findRecord(provider: string, kind: string, externalId: string): EmuRecord {
    const idOf = this.externalIds.get(provider);
    const rec = idOf ? this.data.find(provider, kind, (r) => idOf(kind, r) === externalId) : undefined;
    if (!rec) throw new RecordControlError(404, `no ${provider} ${kind} ${externalId}`);
    return rec;
  }

  /** Changes a record now, the way the provider would (its modification time moves; `patch` sets fields such as `status`, `title`). */
  changeRecord(provider: string, kind: string, externalId: string, patch: Record<string, unknown> = {}): Revision {
    if (!this.data.spec(provider, kind).mutable) throw new RecordControlError(409, `${provider} ${kind} records cannot change (the provider's are immutable)`);
    return this.data.mutate(provider, kind, this.findRecord(provider, kind, externalId), patch);
  }

  /** Changes every `every`-th record of `kind` created in `[start, end)` now (benchmarks: updates in the mix). Returns how many. */
  changeMany(provider: string, kind: string, start: number, end: number, every: number, patch: Record<string, unknown> = {}): number {
    if (!this.data.spec(provider, kind).mutable) throw new RecordControlError(409, `${provider} ${kind} records cannot change (the provider's are immutable)`);
    const recs = this.data.list(provider, kind, start, end).filter((_, i) => i % Math.max(1, every) === 0);
    for (const s of recs) this.data.mutate(provider, kind, s.rec, patch);
    return recs.length;
  }

  /** Deletes (or archives) a record now. */
  deleteRecord(provider: string, kind: string, externalId: string): Revision {
    if (!this.data.spec(provider, kind).deletable) throw new RecordControlError(409, `${provider} ${kind} records cannot be deleted at the provider`);
    return this.data.remove(provider, kind, this.findRecord(provider, kind, externalId));
  }

  accept(provider: string, key: string, expiresAtMs?: number): void {
    if (!this.validKeys.has(provider)) this.validKeys.set(provider, new Set());
    this.validKeys.get(provider)!.add(key);
    if (expiresAtMs !== undefined) this.expiresAt.set(`${provider} ${key}`, expiresAtMs);
  }

  isValid(provider: string, key: string | undefined): boolean {
    if (key === undefined || !(this.validKeys.get(provider)?.has(key) ?? false)) return false;
    const exp = this.expiresAt.get(`${provider} ${key}`);
    return exp === undefined || exp > Date.now();
  }

  /** The credential keeps existing but is answered 401 from now on (an expired access token). */
  expire(provider: string, key: string): void {
    // Only tokens the OAuth server issued expire; static API keys cannot (the fault then only answers 401 once).
    if (this.validKeys.get(provider)?.has(key) && this.expiresAt.has(`${provider} ${key}`)) this.expiresAt.set(`${provider} ${key}`, Date.now() - 1);
  }

  revoke(provider: string, key: string): void {
    this.validKeys.get(provider)?.delete(key);
    this.expiresAt.delete(`${provider} ${key}`);
  }

  /** The `expire_token` fault: expires whatever credential the request presented. */
  expirePresented(provider: string, authorization: string | undefined): void {
    const key = presentedKey(authorization);
    if (key) this.expire(provider, key);
  }

  /** Takes the first fault that matches this request (provider, path, presented credential), consuming one use. */
  takeFault(provider: string, path: string, authorization?: string): Fault | undefined {
    const key = presentedKey(authorization);
    const f = this.faults.find((x) => x.provider === provider && x.remaining > 0 && (!x.path || path.includes(x.path)) && (!x.key || x.key === key));
    if (f) f.remaining -= 1;
    return f;
  }

  /**
   * Counts one request against a fixed-window limit under `key` (e.g. a token and a resource): the window starts at
   * its first request. Returns what the provider's headers report; `allowed` is false once the limit is used up.
   */
  countRequest(key: string, limit: WindowLimit, now = Date.now()): { allowed: boolean; used: number; remaining: number; resetAt: number } {
    let w = this.windows.get(key);
    if (!w || now >= w.start + limit.windowMs) {
      w = { start: now, used: 0 };
      this.windows.set(key, w);
    }
    const allowed = w.used < limit.limit;
    if (allowed) w.used += 1;
    return { allowed, used: w.used, remaining: limit.limit - w.used, resetAt: w.start + limit.windowMs };
  }

  reset(): void {
    this.faults.length = 0;
    this.requests.length = 0;
    this.windows.clear();
  }
}

/**
 * The fixed demo credentials of each emulated API-key provider, exactly as `PUT …/credentials` takes them.
 * The emulator accepts their secret fields (names containing `key` or `token`) out of the box.
 */
export const DEMO_CREDENTIALS: Record<string, Record<string, string>> = {
  pagerduty: { api_key: 'demo_pagerduty_key_0001' },
  opsgenie: { api_key: 'demo_opsgenie_key_00000001' },
  datadog: { api_key: 'demo_datadog_api_key_0000000001', application_key: 'demo_datadog_app_key_0000000001', site: 'datadoghq.com' },
  sentry: { auth_token: 'demo_sentry_token_000000000001', organization: 'acme-demo' },
  gitlab: { private_token: 'glpat-demo_gitlab_token_0001', projects: 'acme/checkout,4102' },
  linear: { api_key: 'lin_api_demo0000000000000000000001' },
};

/** The main demo secret per API-key provider (kept for callers that only need the key). */
export const DEMO_KEYS: Record<string, string> = Object.fromEntries(
  Object.entries(DEMO_CREDENTIALS).map(([p, c]) => [p, Object.entries(c).find(([k]) => isSecretField(k))?.[1] ?? '']),
);

function isSecretField(name: string): boolean {
  return /key|token/.test(name);
}

export function acceptedDemoSecrets(): Array<[string, string]> {
  return Object.entries(DEMO_CREDENTIALS).flatMap(([p, c]) => Object.entries(c).filter(([k]) => isSecretField(k)).map(([, v]): [string, string] => [p, v]));
}
