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

export const AUTH_KINDS = ['oauth2', 'api_key'] as const;
export type AuthKind = (typeof AUTH_KINDS)[number];

export const manifestSchema = z.object({
  type: z.string().regex(/^[a-z][a-z0-9_]*$/),
  name: z.string().min(1),
  category: z.enum(CATEGORIES),
  description: z.string().min(1),
  docs_url: z.url(),
  ingests: z.array(z.object({ kind: z.string().min(1), description: z.string().min(1) })).min(1),
  permissions: z.array(z.object({ name: z.string().min(1), reason: z.string().min(1) })).min(1),
  /** The primary way users connect (what `PUT …/credentials` vs `POST …/oauth/authorize` is offered first). */
  auth: z.enum(AUTH_KINDS),
  /** Every way the provider can be connected; defaults to `[auth]`. PagerDuty offers both. */
  auth_methods: z.array(z.enum(AUTH_KINDS)).min(1).optional(),
  credential_fields: z.array(credentialFieldSchema).default([]),
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

/** A failure talking to the provider, classified so activities know whether to retry. */
export class ProviderError extends Error {
  constructor(
    readonly code: 'unauthorized' | 'forbidden' | 'rate_limited' | 'unavailable' | 'bad_request' | 'not_found' | 'network',
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
  /** ISO-8601 UTC: when it happened at the provider (the time windows filter on this). */
  occurred_at: string;
  title: string;
  url: string | null;
  raw: unknown;
}

/** A half-open time window `[start, end)`, ISO-8601 UTC. */
export interface TimeWindow {
  start: string;
  end: string;
}

export interface FetchPageRequest {
  kind: string;
  window: TimeWindow;
  /** Provider-specific position of the next page (offset, URL, token…); null for the first page. */
  pageCursor: string | null;
  pageSize?: number;
}

export interface FetchPageResult {
  records: NormalizedRecord[];
  /** null when this was the last page of the window. */
  nextPageCursor: string | null;
}

export interface ProviderClient {
  /** Cheapest authenticated call that proves the credentials work. Throws ProviderError. */
  testConnection(creds: Credentials): Promise<void>;
  /** One page of `kind` records that occurred in `window`, in the provider's own pagination. Throws ProviderError. */
  fetchPage(creds: Credentials, req: FetchPageRequest): Promise<FetchPageResult>;
}

export interface Provider {
  manifest: ProviderManifest;
  createClient(endpoints: ProviderEndpoints, fetchImpl?: typeof fetch): ProviderClient;
}
