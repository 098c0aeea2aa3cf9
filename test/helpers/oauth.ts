// Driving the OAuth flow in tests: the emulator's controls, its consent (auto-answered), and our callback.
import assert from 'node:assert/strict';
import { demoOAuthClient } from '../../providers/oauth.ts';
import type { Lifecycle } from '../../services/lifecycle.ts';
import { startTestStack, type TestStack } from './stack.ts';

/** A lifecycle that does nothing: files that watch credentials alone keep syncs out of the way. */
export const idleLifecycle: Lifecycle = { activate: async () => ({ syncRunId: null }), reconcile: async () => {} };

/** A test stack for OAuth flows: syncs kept out, and the emulated GitHub's demo app accepting exactly our callback URL. */
export async function startOAuthStack(): Promise<TestStack> {
  const s = await startTestStack({}, { lifecycle: idleLifecycle });
  const demo = demoOAuthClient('github');
  const res = await fetch(`${s.emulator.url}/_emulator/oauth/clients`, {
    method: 'POST',
    body: JSON.stringify({ provider: 'github', client_id: demo.clientId, client_secret: demo.clientSecret, redirect_uris: [`${s.config.PUBLIC_URL}/v1/connectors/oauth/callback`] }),
  });
  assert.equal(res.status, 201);
  return s;
}

/** The start page's "Continue" link: the provider's authorization URL (HTML entities decoded). */
export function continueLink(html: string): string | undefined {
  const href = /<a [^>]*data-continue[^>]*href="([^"]+)"|<a [^>]*href="([^"]+)"[^>]*data-continue/.exec(html);
  return (href?.[1] ?? href?.[2])?.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));
}

/** Opens an `authorize_url` (Tributary's start page) as a browser would, and returns the provider URL it continues to. */
export async function providerUrl(app: Pick<TestStack, 'app'>['app'], authorizeUrl: string): Promise<string> {
  const u = new URL(authorizeUrl);
  assert.equal(u.pathname, '/v1/connectors/oauth/start', `authorize_url is Tributary's start page: ${authorizeUrl}`);
  const res = await app.request(`${u.pathname}${u.search}`);
  const html = await res.text();
  assert.equal(res.status, 200, html);
  const link = continueLink(html);
  assert.ok(link, `the start page links on to the provider: ${html}`);
  return link;
}

export function oauthDriver(s: () => TestStack, answered: string[] = []) {
  async function emu(method: string, path: string, body?: unknown) {
    const res = await fetch(`${s().emulator.url}${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
    return res.json() as Promise<any>;
  }
  return {
    emu,
    /** Token-endpoint calls the emulated GitHub answered, by grant type. */
    grants: async (type: 'authorization_code' | 'refresh_token'): Promise<number> => (await emu('GET', '/_emulator/oauth/stats?provider=github')).by_grant_type[type] ?? 0,

    /** The provider URL behind an authorize URL's start page. */
    providerUrl: (authorizeUrl: string) => providerUrl(s().app, authorizeUrl),

    /**
     * Follows an authorize URL (our start page, then the emulator's consent, auto-answered) — or a provider URL
     * already read from the start page — and returns the provider's redirect.
     */
    async consent(url: string, decision: 'approve' | 'deny' = 'approve'): Promise<string> {
      const onProvider = new URL(url).pathname === '/v1/connectors/oauth/start' ? await providerUrl(s().app, url) : url;
      const res = await fetch(`${onProvider}&emulator_auto=${decision}`, { redirect: 'manual' });
      assert.equal(res.status, 302, await res.text());
      return res.headers.get('location')!;
    },

    /** The browser arriving at our callback (the redirect's origin is PUBLIC_URL). */
    async callback(location: string) {
      const u = new URL(location);
      const res = await s().app.request(`${u.pathname}${u.search}`);
      const text = await res.text();
      answered.push(text, res.headers.get('location') ?? '');
      return { status: res.status, text, location: res.headers.get('location'), headers: res.headers };
    },
  };
}
