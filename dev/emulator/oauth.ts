// HTTP face of the emulated OAuth servers: `/<type>/oauth<authorize path>` (consent page, or
// `emulator_auto=approve|deny` for tests), the token endpoint in the provider's dialect, and
// `/_emulator/oauth/…` controls (clients, settings, expire, revoke, stats).
import { Hono, type Context } from 'hono';
import type { Dialect, OAuthProviderSpec, TokenAnswer } from './oauth-server.ts';
import type { EmulatorState } from './state.ts';

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function errorPage(c: Context, status: 400 | 404, title: string, message: string) {
  return c.html(`<!doctype html><html><head><meta charset="utf-8"><title>${esc(title)}</title></head><body style="font-family:system-ui;max-width:34rem;margin:4rem auto"><h1>${esc(title)}</h1><p>${esc(message)}</p></body></html>`, status);
}

function consentPage(spec: OAuthProviderSpec, consentId: string, clientId: string, scope: string, redirectUri: string): string {
  const scopes = scope.split(/[ ,]+/).filter(Boolean).map((s) => `<li><code>${esc(s)}</code></li>`).join('') || '<li>(no scopes)</li>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Authorize application · ${esc(spec.type)} (emulated)</title>
<style>body{font-family:system-ui,sans-serif;max-width:30rem;margin:4rem auto;padding:0 1rem}button{font-size:1rem;padding:.5rem 1.2rem;margin-right:.5rem;border-radius:6px;border:1px solid #888;cursor:pointer}.approve{background:#1f883d;color:#fff;border-color:#1f883d}small{color:#666}</style>
</head><body>
<h1>Authorize <code>${esc(clientId)}</code></h1>
<p>This application (${clientId.startsWith('tributary-demo-') ? `the <b>${esc(spec.type)}</b> emulator's demo OAuth app` : `an OAuth app registered with the emulated <b>${esc(spec.type)}</b>`}) would like to:</p>
<ul>${scopes}</ul>
<p><small>You will be redirected to ${esc(redirectUri)}</small></p>
<form method="post" action="/${esc(spec.type)}/oauth/_consent">
<input type="hidden" name="consent_id" value="${esc(consentId)}">
<button class="approve" name="decision" value="approve" type="submit">Authorize</button>
<button name="decision" value="deny" type="submit">Cancel</button>
</form>
<p><small>Provider emulator: nothing here talks to the real ${esc(spec.type)}.</small></p>
</body></html>`;
}

/** RFC 6749 §4.1.2 redirects: the code (or the error) and the state go back to the client's redirect URI. */
function backToClient(redirectUri: string, params: Record<string, string | null>): string {
  const u = new URL(redirectUri);
  for (const [k, v] of Object.entries(params)) if (v !== null) u.searchParams.set(k, v);
  return u.toString();
}

const DENIED = {
  error: 'access_denied',
  error_description: 'The user has denied your application access.',
  error_uri: 'https://docs.github.com/apps/managing-oauth-apps/troubleshooting-authorization-request-errors/#access-denied',
};

export function oauthEmulator(state: EmulatorState): Hono {
  const server = state.oauth;
  const app = new Hono();

  for (const spec of server.specs.values()) {
    const base = `/${spec.type}/oauth`;

    app.get(`${base}${spec.authorizePath}`, (c) => {
      const q = c.req.query();
      const client = server.client(spec.type, q.client_id);
      if (!client) return errorPage(c, 404, 'Application not found', 'No OAuth application is registered with this client_id.');
      const redirectUri = q.redirect_uri ?? '';
      // A redirect URI the client did not register is never redirected to (that would leak the code).
      if (!server.redirectAllowed(client, redirectUri)) return errorPage(c, 400, 'Redirect URI mismatch', 'The redirect_uri MUST match the registered callback URL for this application.');
      if (q.response_type !== undefined && q.response_type !== 'code') return c.redirect(backToClient(redirectUri, { error: 'unsupported_response_type', state: q.state ?? null }), 302);
      if (q.code_challenge && (q.code_challenge_method ?? 'plain') !== 'S256') {
        return c.redirect(backToClient(redirectUri, { error: 'invalid_request', error_description: 'code_challenge_method must be S256', state: q.state ?? null }), 302);
      }
      const consent = server.openConsent({ provider: spec.type, clientId: client.clientId, redirectUri, scope: q.scope ?? '', state: q.state ?? null, codeChallenge: q.code_challenge ?? null });
      const auto = q.emulator_auto;
      if (auto === 'approve') return c.redirect(backToClient(redirectUri, { code: server.approve(consent), state: consent.state }), 302);
      if (auto === 'deny') {
        server.consents.delete(consent.id);
        return c.redirect(backToClient(redirectUri, { ...DENIED, state: consent.state }), 302);
      }
      return c.html(consentPage(spec, consent.id, client.clientId, consent.scope, redirectUri));
    });

    app.post(`${base}/_consent`, async (c) => {
      const form = await c.req.parseBody();
      const consent = server.consents.get(String(form.consent_id ?? ''));
      if (!consent || consent.provider !== spec.type) return errorPage(c, 400, 'Request expired', 'This authorization request is no longer pending. Start again from the application.');
      if (form.decision === 'approve') return c.redirect(backToClient(consent.redirectUri, { code: server.approve(consent), state: consent.state }), 302);
      server.consents.delete(consent.id);
      return c.redirect(backToClient(consent.redirectUri, { ...DENIED, state: consent.state }), 302);
    });

    app.post(`${base}${spec.tokenPath}`, async (c) => {
      const fault = state.faults.find((f) => f.provider === spec.type && f.remaining > 0 && f.path && `${base}${spec.tokenPath}`.includes(f.path));
      if (fault) fault.remaining -= 1;
      if (fault?.kind === 'slow') await new Promise((r) => setTimeout(r, fault.delay_ms ?? 2000));
      if (fault?.kind === 'rate_limit') return c.json({ error: 'slow_down', error_description: 'Too many requests' }, 429, { 'retry-after': String(fault.retry_after_s ?? 1) });
      if (fault?.kind === 'server_error') return c.text('Service Unavailable', (fault.status ?? 503) as 503);

      const type = c.req.header('content-type') ?? '';
      const raw = type.includes('application/json') ? ((await c.req.json().catch(() => ({}))) as Record<string, string>) : ((await c.req.parseBody()) as Record<string, string>);
      const params: Record<string, string | undefined> = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, typeof v === 'string' ? v : undefined]));
      const basic = /^Basic\s+(.+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
      if (basic) {
        const [id, secret] = Buffer.from(basic, 'base64').toString('utf8').split(':');
        params.client_id ??= decodeURIComponent(id ?? '');
        params.client_secret ??= decodeURIComponent(secret ?? '');
      }
      return answer(c, server.dialectOf(spec.type), server.token(spec.type, params));
    });
  }

  app.get('/_emulator/oauth/stats', (c) => c.json(server.stats(c.req.query('provider'))));
  app.post('/_emulator/oauth/clients', async (c) => {
    const b = (await c.req.json()) as { provider: string; client_id: string; client_secret: string; redirect_uris?: string[] | null };
    server.registerClient({ provider: b.provider, clientId: b.client_id, clientSecret: b.client_secret, redirectUris: b.redirect_uris ?? null });
    return c.json({ ok: true }, 201);
  });
  app.post('/_emulator/oauth/settings', async (c) => {
    const b = (await c.req.json()) as { provider: string; access_token_ttl_s?: number; refresh_token_ttl_s?: number; refresh_tokens?: boolean; dialect?: Dialect };
    const next = server.configure(b.provider, {
      ...(b.access_token_ttl_s !== undefined ? { accessTokenTtlS: b.access_token_ttl_s } : {}),
      ...(b.refresh_token_ttl_s !== undefined ? { refreshTokenTtlS: b.refresh_token_ttl_s } : {}),
      ...(b.refresh_tokens !== undefined ? { refreshTokens: b.refresh_tokens } : {}),
      ...(b.dialect !== undefined ? { dialect: b.dialect } : {}),
    });
    return c.json(next);
  });
  app.post('/_emulator/oauth/expire', async (c) => {
    const b = (await c.req.json()) as { provider: string; token?: string };
    return c.json({ expired: server.expire(b.provider, b.token) });
  });
  app.post('/_emulator/oauth/revoke', async (c) => {
    const b = (await c.req.json()) as { provider: string; token?: string };
    return c.json({ revoked: server.revoke(b.provider, b.token) });
  });
  return app;
}

/**
 * GitHub answers every token request with HTTP 200 — errors too (`{"error":"bad_refresh_token",…}`) — and
 * form-encoded unless the client asks for JSON. RFC 6749 servers answer 400 (401 for client auth) with JSON.
 */
function answer(c: Context, dialect: Dialect, a: TokenAnswer) {
  const headers = { 'cache-control': 'no-store' };
  if (dialect === 'github') {
    const body = a.ok ? a.body : { error: a.error, error_description: a.description, error_uri: 'https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors' };
    if ((c.req.header('accept') ?? '').includes('json')) return c.json(body, 200, headers);
    const form = new URLSearchParams(Object.entries(body).map(([k, v]) => [k, String(v)]));
    return c.body(form.toString(), 200, { ...headers, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' });
  }
  if (a.ok) return c.json(a.body, 200, headers);
  return c.json({ error: a.error, error_description: a.description }, a.error === 'invalid_client' ? 401 : 400, headers);
}
