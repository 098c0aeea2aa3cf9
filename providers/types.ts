// The provider contract: a manifest (pure data, validated by one zod schema) and a small client.
import { z } from 'zod';

export const CATEGORIES = ['incident_management', 'monitoring', 'source_control', 'chat', 'ticketing'] as const;

export const credentialFieldSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_]*$/),
  label: z.string().min(1),
  description: z.string().min(1),
  secret: z.boolean(),
  required: z.boolean().default(true),
  pattern: z.string().optional(),
});

/** A non-secret setting of a connector (shown in its view, changeable with PATCH): one string or a list. */
export const configFieldSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_]*$/),
  label: z.string().min(1),
  description: z.string().min(1),
  type: z.enum(['string', 'string_list']),
  /** Each value (each item of a list) must match. */
  pattern: z.string().optional(),
  max_items: z.number().int().positive().default(50),
});
export type ConfigField = z.infer<typeof configFieldSchema>;

/** How an incremental sync learns that a record of this kind changed at the provider (documented per provider). */
export const CHANGE_DETECTION = ['modified_filter', 'change_events', 'reread', 'immutable'] as const;
/** How a deletion at the provider reaches Tributary: the provider says so, a complete listing no longer has it, or never. */
export const DELETION_DETECTION = ['signal', 'listing', 'none'] as const;

export const AUTH_KINDS = ['oauth2', 'api_key'] as const;
export type AuthKind = (typeof AUTH_KINDS)[number];

export const manifestSchema = z.object({
  type: z.string().regex(/^[a-z][a-z0-9_]*$/),
  name: z.string().min(1),
  category: z.enum(CATEGORIES),
  description: z.string().min(1),
  docs_url: z.url(),
  ingests: z
    .array(
      z.object({
        kind: z.string().min(1),
        description: z.string().min(1),
        changes: z.object({
          detection: z.enum(CHANGE_DETECTION),
          deletions: z.enum(DELETION_DETECTION),
          /** How an incremental sync selects, in the provider's own terms, and what it costs in calls. */
          how: z.string().min(1),
          /** `reread` kinds: how far behind the window an incremental sync lists again (edits and deletions there are caught). */
          reread_hours: z.number().positive().optional(),
        }),
      }),
    )
    .min(1),
  permissions: z.array(z.object({ name: z.string().min(1), reason: z.string().min(1) })).min(1),
  /** The primary way users connect (what `PUT …/credentials` vs `POST …/oauth/authorize` is offered first). */
  auth: z.enum(AUTH_KINDS),
  /** Every way the provider can be connected; defaults to `[auth]`. PagerDuty offers both. */
  auth_methods: z.array(z.enum(AUTH_KINDS)).min(1).optional(),
  credential_fields: z.array(credentialFieldSchema).default([]),
  config_fields: z.array(configFieldSchema).default([]),
  oauth: z
    .object({
      authorize_url: z.url(),
      token_url: z.url(),
      scopes: z.array(z.string()),
      scope_separator: z.string().default(' '),
      pkce: z.boolean(),
      /** Extra query parameters the provider requires on the authorize URL (e.g. Atlassian's `audience`). */
      authorize_params: z.record(z.string(), z.string()).default({}),
    })
    .optional(),
  api_base_url: z.url(),
  history_limit_days: z.number().int().positive(),
})
  .refine((m) => (m.auth_methods ?? [m.auth]).includes(m.auth), { message: 'auth must be one of auth_methods', path: ['auth'] })
  .refine((m) => (m.auth_methods ?? [m.auth]).includes('oauth2') === (m.oauth !== undefined), { message: 'oauth block is required exactly for providers that support oauth2', path: ['oauth'] })
  .refine((m) => !(m.auth_methods ?? [m.auth]).includes('api_key') || m.credential_fields.length > 0, { message: 'api_key providers must declare credential_fields', path: ['credential_fields'] })
  .transform((m) => ({ ...m, auth_methods: m.auth_methods ?? [m.auth] }));

export type ProviderManifest = z.infer<typeof manifestSchema>;
export type ManifestInput = z.input<typeof manifestSchema>;

/** Where a provider is reached: its real URLs, or the emulator's in demo mode and tests. */
export interface ProviderEndpoints {
  apiBaseUrl: string;
  authorizeUrl?: string;
  tokenUrl?: string;
}

export type Credentials = Record<string, string>;

/** A connector's configuration as validated against its type's `config_fields`. */
export type ConnectorConfig = Record<string, string | string[]>;

/**
 * A failure talking to the provider, classified so activities know whether to retry. `provider_contract`: the
 * provider answered, but not in its documented shape (a field the client needs is missing or of another type) —
 * permanent until the client or the provider changes, so never retried.
 */
export class ProviderError extends Error {
  constructor(
    readonly code: 'unauthorized' | 'forbidden' | 'rate_limited' | 'unavailable' | 'bad_request' | 'not_found' | 'network' | 'config_invalid' | 'provider_contract',
    message: string,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
  get retryable(): boolean {
    return this.code === 'rate_limited' || this.code === 'unavailable' || this.code === 'network';
  }
}

/** One ingested item, normalized across providers. Unique per (connector, kind, external_id). */
export interface NormalizedRecord {
  kind: string;
  external_id: string;
  /** ISO-8601 UTC: when it happened at the provider (creation; backfill windows select on this). */
  occurred_at: string;
  title: string;
  url: string | null;
  raw: unknown;
  /** The provider says the record is gone (archived, trashed, a deletion tombstone): stored as a tombstone. */
  deleted?: boolean;
}

/** A half-open time window `[start, end)`, ISO-8601 UTC. */
export interface TimeWindow {
  start: string;
  end: string;
}

/**
 * What a walk selects in its window: `changed` — an incremental sync: what was created *or modified* in the
 * window (or what the provider's change events and re-reads reveal); `created` — a backfill: what was created
 * in the window, as it is now.
 */
export type Selection = 'changed' | 'created';

export interface FetchPageRequest {
  kind: string;
  window: TimeWindow;
  selection: Selection;
  /** Provider-specific position of the next page (offset, URL, token…); null for the first page. */
  pageCursor: string | null;
  pageSize?: number;
  /** The connector's configuration (e.g. GitHub's orgs and repos); `{}` when the type declares none. */
  config?: ConnectorConfig;
}

export interface FetchPageResult {
  /** Records of `kind`; a page may also carry other kinds the provider ingests (PagerDuty log entries carry their incidents). */
  records: NormalizedRecord[];
  /** null when this was the last page of the window. */
  nextPageCursor: string | null;
  /**
   * On the last page only: the pages from the first one listed *every* record of `kind` whose `occurred_at` is in
   * this window. Whatever Tributary holds there and the listing lacked is gone at the provider (a tombstone).
   */
  complete?: TimeWindow;
}

export interface ProviderClient {
  /** Cheapest authenticated call that proves the credentials work (and that the configuration is visible). Throws ProviderError. */
  testConnection(creds: Credentials, config?: ConnectorConfig): Promise<void>;
  /** One page of `kind` records selected by `req.selection` in `window`, in the provider's own pagination. Throws ProviderError. */
  fetchPage(creds: Credentials, req: FetchPageRequest): Promise<FetchPageResult>;
}

/** How long to wait where a provider documents a wait without saying how long (GitHub's secondary limits: at least a minute). */
export interface ProviderClientOptions {
  /** The first such wait; it doubles while the limit persists. Default 60 s; tests shorten it. */
  undisclosedWaitMs?: number;
}

export interface Provider {
  manifest: ProviderManifest;
  createClient(endpoints: ProviderEndpoints, fetchImpl?: typeof fetch, options?: ProviderClientOptions): ProviderClient;
}
