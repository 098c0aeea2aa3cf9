// Driving the OAuth flow in tests: the emulator's controls, its consent (auto-answered), and our callback.
import assert from 'node:assert/strict';
import type { TestStack } from './stack.ts';

export function oauthDriver(s: () => TestStack, answered: string[] = []) {
  async function emu(method: string, path: string, body?: unknown) {
    const res = await fetch(`${s().emulator.url}${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
    return res.json() as Promise<any>;
  }
  return {
    emu,
    /** Token-endpoint calls the emulated GitHub answered, by grant type. */
    grants: async (type: 'authorization_code' | 'refresh_token'): Promise<number> => (await emu('GET', '/_emulator/oauth/stats?provider=github')).by_grant_type[type] ?? 0,

    /** Follows the authorize URL to the emulator's consent (auto-answered) and returns its redirect. */
    async consent(authorizeUrl: string, decision: 'approve' | 'deny' = 'approve'): Promise<string> {
      const res = await fetch(`${authorizeUrl}&emulator_auto=${decision}`, { redirect: 'manual' });
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
