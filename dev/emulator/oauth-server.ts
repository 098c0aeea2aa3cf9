// The emulator's OAuth 2.0 authorization server, shared by every OAuth provider it emulates: registered
// clients, consent requests, single-use codes bound to client + redirect URI + PKCE challenge, grants with
// expiring access tokens and rotating refresh tokens, revocation, and a log of token-endpoint calls.
import { createHash, randomBytes } from 'node:crypto';
import { demoOAuthClient } from '../../providers/oauth.ts';
import { validateManifests } from '../../providers/registry.ts';
import type { EmulatorState } from './state.ts';

/** How a provider's token endpoint words its refusals: GitHub (HTTP 200 + its own codes) or RFC 6749 (400 `invalid_grant`). */
export type Dialect = 'github' | 'rfc6749';

export interface OAuthProviderSpec {
  type: string;
  dialect: Dialect;
  /** Paths under `/<type>/oauth`, from the manifest's real URLs (the registry maps them the same way). */
  authorizePath: string;
  tokenPath: string;
  scopeSeparator: string;
}

export interface RegisteredClient {
  provider: string;
  clientId: string;
  clientSecret: string;
  /** Exact redirect URIs; `null` = any http(s) URL whose path is Tributary's callback path (the demo client's default). */
  redirectUris: string[] | null;
}

export interface ConsentRequest {
  id: string;
  provider: string;
  clientId: string;
  redirectUri: string;
  scope: string;
  state: string | null;
  codeChallenge: string | null;
}

interface IssuedCode {
  provider: string;
  clientId: string;
  redirectUri: string;
  scope: string;
  codeChallenge: string | null;
  expiresAt: number;
  /** Set once redeemed; a second redemption revokes the grant it produced (RFC 6749 §4.1.2). */
  grantId: string | null;
}

interface Grant {
  id: string;
  provider: string;
  clientId: string;
  scope: string;
  accessTokens: Set<string>;
  refreshToken: string | null;
  revoked: boolean;
}

interface RefreshTokenRecord {
  grantId: string;
  expiresAt: number;
  /** Rotated away: presenting it again is a replay and revokes the grant. */
  used: boolean;
}

export interface TokenRequestLog {
  provider: string;
  grant_type: string;
  client_id: string;
  /** `ok`, or the error code answered. */
  result: string;
  at: string;
}

export interface ProviderSettings {
  accessTokenTtlS: number;
  refreshTokenTtlS: number;
  /** false: classic tokens that never expire and come without a refresh token. */
  refreshTokens: boolean;
  /** Overrides the provider's own dialect (lets tests see RFC 6749 answers from an emulated GitHub). */
  dialect?: Dialect;
}

export type TokenAnswer =
  | { ok: true; body: Record<string, string | number> }
  | { ok: false; error: string; description: string };

export const CALLBACK_PATH = '/v1/connectors/oauth/callback';
const DIALECTS: Record<string, Dialect> = { github: 'github' };
const DEFAULT_SETTINGS: ProviderSettings = { accessTokenTtlS: 8 * 3600, refreshTokenTtlS: 184 * 86_400, refreshTokens: true };

/** Every OAuth provider of the registry, with its emulated paths. */
export function oauthProviderSpecs(): OAuthProviderSpec[] {
  return validateManifests().flatMap((m) =>
    m.oauth
      ? [{ type: m.type, dialect: DIALECTS[m.type] ?? 'rfc6749', authorizePath: new URL(m.oauth.authorize_url).pathname, tokenPath: new URL(m.oauth.token_url).pathname, scopeSeparator: m.oauth.scope_separator }]
      : [],
  );
}

const token = (prefix: string, bytes: number) => `${prefix}${randomBytes(bytes).toString('base64url')}`;
const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

export class OAuthServer {
  readonly specs = new Map<string, OAuthProviderSpec>();
  readonly clients = new Map<string, RegisteredClient>();
  readonly consents = new Map<string, ConsentRequest>();
  readonly tokenRequests: TokenRequestLog[] = [];
  private readonly codes = new Map<string, IssuedCode>();
  private readonly grants = new Map<string, Grant>();
  private readonly refreshTokens = new Map<string, RefreshTokenRecord>();
  private readonly settings = new Map<string, ProviderSettings>();
  /** Every secret this server issued or received, so tests can prove none of them leaked. */
  private readonly secretsSeen = new Set<string>();

  constructor(private readonly state: EmulatorState) {
    for (const spec of oauthProviderSpecs()) {
      this.specs.set(spec.type, spec);
      const demo = demoOAuthClient(spec.type);
      this.registerClient({ provider: spec.type, clientId: demo.clientId, clientSecret: demo.clientSecret, redirectUris: null });
    }
  }

  registerClient(c: RegisteredClient): void {
    this.clients.set(`${c.provider} ${c.clientId}`, c);
    this.secretsSeen.add(c.clientSecret);
  }

  client(provider: string, clientId: string | undefined): RegisteredClient | undefined {
    return clientId ? this.clients.get(`${provider} ${clientId}`) : undefined;
  }

  redirectAllowed(c: RegisteredClient, redirectUri: string): boolean {
    if (c.redirectUris) return c.redirectUris.includes(redirectUri);
    if (!URL.canParse(redirectUri)) return false;
    const u = new URL(redirectUri);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.pathname === CALLBACK_PATH && !u.search && !u.hash;
  }

  configure(provider: string, patch: Partial<ProviderSettings>): ProviderSettings {
    const next = { ...this.settingsOf(provider), ...patch };
    this.settings.set(provider, next);
    return next;
  }

  settingsOf(provider: string): ProviderSettings {
    return this.settings.get(provider) ?? DEFAULT_SETTINGS;
  }

  dialectOf(provider: string): Dialect {
    return this.settingsOf(provider).dialect ?? this.specs.get(provider)?.dialect ?? 'rfc6749';
  }

  openConsent(req: Omit<ConsentRequest, 'id'>): ConsentRequest {
    const consent = { ...req, id: token('cr_', 12) };
    this.consents.set(consent.id, consent);
    return consent;
  }

  /** Approves a consent request: a code valid for 10 minutes, for this client, redirect URI and PKCE challenge only. */
  approve(consent: ConsentRequest): string {
    this.consents.delete(consent.id);
    const code = randomBytes(10).toString('hex');
    this.codes.set(code, { provider: consent.provider, clientId: consent.clientId, redirectUri: consent.redirectUri, scope: consent.scope, codeChallenge: consent.codeChallenge, expiresAt: Date.now() + 600_000, grantId: null });
    this.secretsSeen.add(code);
    return code;
  }

  private issue(grant: Grant): Record<string, string | number> {
    const settings = this.settingsOf(grant.provider);
    const github = this.dialectOf(grant.provider) === 'github';
    const access = token(github ? 'ghu_' : 'emu_at_', 27);
    this.secretsSeen.add(access);
    grant.accessTokens.add(access);
    const body: Record<string, string | number> = {
      access_token: access,
      token_type: 'bearer',
      // GitHub lists granted scopes comma-separated, whatever separator the request used.
      scope: github ? grant.scope.split(/[ ,]+/).filter(Boolean).join(',') : grant.scope,
    };
    if (!settings.refreshTokens) {
      this.state.accept(grant.provider, access);
      return body;
    }
    this.state.accept(grant.provider, access, Date.now() + settings.accessTokenTtlS * 1000);
    const refresh = token(github ? 'ghr_' : 'emu_rt_', 57);
    this.secretsSeen.add(refresh);
    grant.refreshToken = refresh;
    this.refreshTokens.set(refresh, { grantId: grant.id, expiresAt: Date.now() + settings.refreshTokenTtlS * 1000, used: false });
    return { ...body, expires_in: settings.accessTokenTtlS, refresh_token: refresh, refresh_token_expires_in: settings.refreshTokenTtlS };
  }

  private refuse(provider: string, kind: 'client' | 'code' | 'refresh' | 'redirect' | 'request', detail?: string): TokenAnswer {
    const github = this.dialectOf(provider) === 'github';
    const [error, description] = {
      client: github ? ['incorrect_client_credentials', 'The client_id and/or client_secret passed are incorrect.'] : ['invalid_client', 'Client authentication failed.'],
      code: github ? ['bad_verification_code', 'The code passed is incorrect or expired.'] : ['invalid_grant', 'The authorization code is invalid, expired, revoked or was issued to another client.'],
      refresh: github ? ['bad_refresh_token', 'The refresh token passed is incorrect or expired.'] : ['invalid_grant', 'The refresh token is invalid, expired or revoked.'],
      redirect: github ? ['redirect_uri_mismatch', 'The redirect_uri MUST match the registered callback URL for this application.'] : ['invalid_grant', 'The redirect_uri does not match the one of the authorization request.'],
      request: ['unsupported_grant_type', detail ?? 'Unsupported grant type.'],
    }[kind] as [string, string];
    return { ok: false, error, description };
  }

  /** The token endpoint's decision for one request (the HTTP layer words it in the provider's dialect). */
  token(provider: string, params: Record<string, string | undefined>): TokenAnswer {
    const grantType = params.grant_type ?? (params.code ? 'authorization_code' : '');
    const answer = this.decide(provider, grantType, params);
    this.tokenRequests.push({ provider, grant_type: grantType, client_id: params.client_id ?? '', result: answer.ok ? 'ok' : answer.error, at: new Date().toISOString() });
    return answer;
  }

  private decide(provider: string, grantType: string, p: Record<string, string | undefined>): TokenAnswer {
    if (p.code_verifier) this.secretsSeen.add(p.code_verifier);
    const client = this.client(provider, p.client_id);
    if (!client || client.clientSecret !== p.client_secret) return this.refuse(provider, 'client');

    if (grantType === 'authorization_code') {
      const code = p.code ? this.codes.get(p.code) : undefined;
      if (!code || code.provider !== provider || code.clientId !== client.clientId || code.expiresAt <= Date.now()) return this.refuse(provider, 'code');
      if (code.grantId) {
        this.revokeGrant(code.grantId);
        return this.refuse(provider, 'code');
      }
      if (p.redirect_uri !== undefined && p.redirect_uri !== code.redirectUri) return this.refuse(provider, 'redirect');
      if (code.codeChallenge && (!p.code_verifier || s256(p.code_verifier) !== code.codeChallenge)) return this.refuse(provider, 'code');
      const grant: Grant = { id: token('gr_', 9), provider, clientId: client.clientId, scope: code.scope, accessTokens: new Set(), refreshToken: null, revoked: false };
      this.grants.set(grant.id, grant);
      code.grantId = grant.id;
      return { ok: true, body: this.issue(grant) };
    }

    if (grantType === 'refresh_token') {
      const record = p.refresh_token ? this.refreshTokens.get(p.refresh_token) : undefined;
      const grant = record ? this.grants.get(record.grantId) : undefined;
      if (!record || !grant || grant.revoked || grant.provider !== provider || grant.clientId !== client.clientId || record.expiresAt <= Date.now()) return this.refuse(provider, 'refresh');
      if (record.used) {
        this.revokeGrant(grant.id); // refresh-token replay: the whole grant dies
        return this.refuse(provider, 'refresh');
      }
      record.used = true;
      return { ok: true, body: this.issue(grant) };
    }
    return this.refuse(provider, 'request', `grant_type ${grantType || '(missing)'} is not supported`);
  }

  private revokeGrant(id: string): void {
    const grant = this.grants.get(id);
    if (!grant) return;
    grant.revoked = true;
    for (const t of grant.accessTokens) this.state.revoke(grant.provider, t);
  }

  /** Revokes the grant holding `tok` (an access or refresh token), or every grant of the provider. Returns how many. */
  revoke(provider: string, tok?: string): number {
    let n = 0;
    for (const g of this.grants.values()) {
      if (g.provider !== provider || g.revoked) continue;
      if (tok && !g.accessTokens.has(tok) && g.refreshToken !== tok && this.refreshTokens.get(tok)?.grantId !== g.id) continue;
      this.revokeGrant(g.id);
      n++;
    }
    return n;
  }

  /** Expires the access token `tok`, or every live access token of the provider. Returns how many. */
  expire(provider: string, tok?: string): number {
    let n = 0;
    for (const g of this.grants.values()) {
      if (g.provider !== provider) continue;
      for (const t of g.accessTokens) {
        if (tok && t !== tok) continue;
        this.state.expire(provider, t);
        n++;
      }
    }
    return n;
  }

  /** Token-endpoint calls by grant type and client id. */
  stats(provider?: string) {
    const log = this.tokenRequests.filter((r) => !provider || r.provider === provider);
    const count = (key: (r: TokenRequestLog) => string) => log.reduce<Record<string, number>>((acc, r) => ({ ...acc, [key(r)]: (acc[key(r)] ?? 0) + 1 }), {});
    return { token_requests: log, by_grant_type: count((r) => r.grant_type), by_client_id: count((r) => r.client_id) };
  }

  secrets(): string[] {
    return [...this.secretsSeen];
  }
}
