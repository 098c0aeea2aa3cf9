// Generic OAuth 2.0 authorization-code client: authorize URLs with PKCE (S256), code exchange and refresh
// at the token endpoint, and one classification of the token endpoint's answers (definitive vs transient).
import { createHash, randomBytes } from 'node:crypto';
import { request, retryAfterMs } from './http.ts';
import { ProviderError, type Credentials } from './types.ts';

export interface OAuthClientCredentials {
  clientId: string;
  clientSecret: string;
}

/** What a token endpoint answers on success (RFC 6749 §5.1). */
export interface OAuthTokens {
  access_token: string;
  refresh_token?: string;
  expires_in?: number;
  token_type?: string;
  scope?: string;
}

/**
 * The token endpoint refused the grant for good: the code or refresh token is invalid, expired, revoked
 * or already used (`invalid_grant`; GitHub says `bad_verification_code` / `bad_refresh_token`).
 */
export class OAuthGrantError extends Error {
  constructor(readonly error: string, message: string) {
    super(message);
    this.name = 'OAuthGrantError';
  }
}

/** The token endpoint refused our client or request (wrong id/secret, unregistered redirect URI): configuration, not the user. */
export class OAuthClientError extends Error {
  constructor(readonly error: string, message: string) {
    super(message);
    this.name = 'OAuthClientError';
  }
}

const GRANT_ERRORS = new Set(['invalid_grant', 'bad_verification_code', 'bad_refresh_token', 'expired_token', 'token_revoked']);
const TRANSIENT_ERRORS = new Set(['temporarily_unavailable', 'server_error', 'slow_down']);

/** The demo OAuth app the emulator registers for each OAuth provider (used only while the provider is emulated). */
export function demoOAuthClient(type: string): OAuthClientCredentials {
  return { clientId: `tributary-demo-${type}`, clientSecret: `tributary-demo-${type}-secret` };
}

export type OAuthClientResolution = { ok: true; client: OAuthClientCredentials } | { ok: false; missing: string[] };

/** The service-level OAuth app of a provider: `<TYPE>_CLIENT_ID`/`_SECRET`, or the emulator's demo app while emulated. */
export function resolveOAuthClient(type: string, emulated: boolean, providerEnv: Readonly<Record<string, string>>): OAuthClientResolution {
  const prefix = type.toUpperCase();
  const clientId = providerEnv[`${prefix}_CLIENT_ID`];
  const clientSecret = providerEnv[`${prefix}_CLIENT_SECRET`];
  if (clientId && clientSecret) return { ok: true, client: { clientId, clientSecret } };
  if (!clientId && emulated) return { ok: true, client: demoOAuthClient(type) };
  const missing = [clientId ? undefined : `${prefix}_CLIENT_ID`, clientSecret ? undefined : `${prefix}_CLIENT_SECRET`].filter((x): x is string => Boolean(x));
  return { ok: false, missing };
}

/** A PKCE pair (RFC 7636): a 256-bit verifier and its S256 challenge. */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: pkceChallenge(verifier) };
}

export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

export interface AuthorizeUrlParams {
  clientId: string;
  redirectUri: string;
  scopes: readonly string[];
  scopeSeparator: string;
  state: string;
  /** S256 challenge; omitted for providers without PKCE. */
  codeChallenge?: string;
  /** Extra parameters the provider requires (the manifest's `authorize_params`, e.g. Atlassian's `audience`). */
  extraParams?: Readonly<Record<string, string>>;
}

export function buildAuthorizeUrl(authorizeUrl: string, p: AuthorizeUrlParams): string {
  const u = new URL(authorizeUrl);
  for (const [k, v] of Object.entries(p.extraParams ?? {})) u.searchParams.set(k, v);
  u.searchParams.set('response_type', 'code');
  u.searchParams.set('client_id', p.clientId);
  u.searchParams.set('redirect_uri', p.redirectUri);
  if (p.scopes.length) u.searchParams.set('scope', p.scopes.join(p.scopeSeparator));
  u.searchParams.set('state', p.state);
  if (p.codeChallenge) {
    u.searchParams.set('code_challenge', p.codeChallenge);
    u.searchParams.set('code_challenge_method', 'S256');
  }
  return u.toString();
}

function parseBody(text: string, contentType: string | null): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : undefined;
  } catch {
    // GitHub answers form-encoded unless asked for JSON; accept it too.
    if (contentType?.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
    return undefined;
  }
}

/** One POST to the token endpoint (form-encoded, client credentials in the body, `Accept: application/json`). */
async function tokenRequest(fetchImpl: typeof fetch, tokenUrl: string, client: OAuthClientCredentials, params: Record<string, string>): Promise<OAuthTokens> {
  const host = new URL(tokenUrl).host;
  const res = await request(fetchImpl, tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({ ...params, client_id: client.clientId, client_secret: client.clientSecret }).toString(),
  }, 10_000);
  const text = await res.text();
  if (res.status === 429) throw new ProviderError('rate_limited', `token endpoint ${host} is rate limiting`, 429, retryAfterMs(res));
  if (res.status >= 500) throw new ProviderError('unavailable', `token endpoint ${host} answered ${res.status}`, res.status, retryAfterMs(res));
  const body = parseBody(text, res.headers.get('content-type'));
  const error = typeof body?.error === 'string' ? body.error : undefined;
  const description = typeof body?.error_description === 'string' ? body.error_description : undefined;
  if (error || !res.ok) {
    const code = error ?? (res.status === 401 ? 'invalid_client' : 'invalid_request');
    const message = `${code}${description ? `: ${description}` : ''}`;
    if (TRANSIENT_ERRORS.has(code)) throw new ProviderError('unavailable', `token endpoint ${host}: ${message}`, res.status);
    if (GRANT_ERRORS.has(code)) throw new OAuthGrantError(code, message);
    throw new OAuthClientError(code, message);
  }
  if (typeof body?.access_token !== 'string' || !body.access_token) throw new OAuthClientError('invalid_response', `token endpoint ${host} answered without an access_token`);
  const expiresIn = Number(body.expires_in);
  return {
    access_token: body.access_token,
    refresh_token: typeof body.refresh_token === 'string' && body.refresh_token ? body.refresh_token : undefined,
    expires_in: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : undefined,
    token_type: typeof body.token_type === 'string' ? body.token_type : undefined,
    scope: typeof body.scope === 'string' ? body.scope : undefined,
  };
}

/** Redeems an authorization code (with the PKCE verifier when one was sent) at the token endpoint. */
export function exchangeCode(
  fetchImpl: typeof fetch,
  tokenUrl: string,
  client: OAuthClientCredentials,
  p: { code: string; redirectUri: string; codeVerifier?: string },
): Promise<OAuthTokens> {
  return tokenRequest(fetchImpl, tokenUrl, client, {
    grant_type: 'authorization_code',
    code: p.code,
    redirect_uri: p.redirectUri,
    ...(p.codeVerifier ? { code_verifier: p.codeVerifier } : {}),
  });
}

/** Trades a refresh token for new tokens; providers that rotate return a new refresh token and kill the old one. */
export function refreshTokens(fetchImpl: typeof fetch, tokenUrl: string, client: OAuthClientCredentials, refreshToken: string): Promise<OAuthTokens> {
  return tokenRequest(fetchImpl, tokenUrl, client, { grant_type: 'refresh_token', refresh_token: refreshToken });
}

/** The stored credential shape; keeps the previous refresh token when the provider did not rotate it. */
export function tokensToCredentials(tokens: OAuthTokens, nowMs: number, previous?: Credentials): Credentials {
  const out: Credentials = { access_token: tokens.access_token };
  const refresh = tokens.refresh_token ?? previous?.refresh_token;
  if (refresh) out.refresh_token = refresh;
  if (tokens.expires_in) {
    out.expires_at = new Date(nowMs + tokens.expires_in * 1000).toISOString();
    out.issued_at = new Date(nowMs).toISOString(); // the token's lifetime bounds the refresh margin (services/credentials.ts)
  }
  if (tokens.token_type) out.token_type = tokens.token_type;
  const scope = tokens.scope ?? previous?.scope;
  if (scope) out.scope = scope;
  return out;
}
