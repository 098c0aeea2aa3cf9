// The embeddable connect flow in a real browser (Debian chromium via playwright-core): a page on another origin
// embeds `/connect/{session}` in an iframe with a connect-session token, connects PagerDuty with the demo key and
// GitHub through the emulator's consent, receives `tributary:connected` by postMessage — and with the same token
// reaches nothing else. Screenshots go to test-results/.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { serve, type ServerType } from '@hono/node-server';
import type { Browser, Page } from 'playwright-core';
import { findConnector } from '../db/connectors.repository.ts';
import { DEMO_KEYS } from '../dev/emulator/state.ts';
import { freePort } from '../dev/net.ts';
import { ROOT } from '../dev/state.ts';
import { launchChromium } from './helpers/browser.ts';
import { startTestStack, type TestStack } from './helpers/stack.ts';

const SHOTS = path.join(ROOT, 'test-results', 'screenshots');
let s: TestStack;
let server: ServerType;
let outside: http.Server;
let browser: Browser;
let base: string;
/** The embedding product's origin: another host name, so another origin and another site. */
let productOrigin: string;
let connectUrl = '';

// The product's page: the flow in an iframe, every message from it kept, and a way to try the token itself.
const PRODUCT_PAGE = () => `<!doctype html><html><head><meta charset="utf-8"><title>Acme app</title></head><body>
<h1>Acme: connect your tools</h1>
<iframe id="connect" title="Connect" src="${connectUrl}" width="640" height="720"></iframe>
<script>
  window.events = [];
  addEventListener('message', (e) => { if (e.data && e.data.source === 'tributary') window.events.push({ origin: e.origin, data: e.data }); });
  window.call = async (method, url, token) => {
    try {
      const r = await fetch(url, { method, headers: { authorization: 'Bearer ' + token } });
      return { status: r.status, body: await r.json().catch(() => null) };
    } catch (err) {
      return { blocked: String(err) };
    }
  };
</script></body></html>`;

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  s = await startTestStack({ PUBLIC_URL: base });
  server = serve({ fetch: s.app.fetch, port, hostname: '127.0.0.1' });
  outside = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PRODUCT_PAGE()));
  await new Promise<void>((r) => outside.listen(0, '127.0.0.1', () => r()));
  productOrigin = `http://localhost:${(outside.address() as AddressInfo).port}`;
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await new Promise<void>((r) => (outside ? outside.close(() => r()) : r()));
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  await s?.close();
});

async function session(body: Record<string, unknown>): Promise<{ id: string; token: string; connect_url: string }> {
  const res = await s.api('POST', '/v1/connect-sessions', { allowed_origins: [productOrigin], ...body });
  assert.equal(res.status, 201, res.text);
  return res.body;
}

async function embed(connect: string): Promise<Page> {
  connectUrl = connect;
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.log(`[connect-ui] page error: ${e.message}`));
  await page.goto(`${productOrigin}/`);
  return page;
}

const events = (page: Page) => page.evaluate(() => (window as unknown as { events: Array<{ origin: string; data: any }> }).events);

test('an outside page embeds the flow: PagerDuty with the demo key, then the token reaches nothing else', { timeout: 180_000 }, async () => {
  const cs = await session({ end_user: { id: 'acme-user-1' } });
  const page = await embed(cs.connect_url);
  const flow = page.frameLocator('#connect');
  await flow.getByRole('button', { name: /PagerDuty/ }).click();
  await flow.getByLabel('Display name').fill('Acme PagerDuty');
  await flow.getByLabel(/API key/i).fill(DEMO_KEYS.pagerduty!);
  await flow.getByRole('button', { name: 'Save and test' }).click();
  await flow.getByTestId('test-ok').waitFor({ timeout: 60_000 });
  await page.screenshot({ path: path.join(SHOTS, 'connect-embedded-pagerduty.png'), fullPage: true });

  const connected = (await events(page)).find((e) => e.data.type === 'tributary:connected');
  assert.ok(connected, 'the product page was told');
  assert.equal(connected.origin, base, 'from Tributary\'s origin');
  assert.equal(connected.data.session_id, cs.id);
  assert.equal(connected.data.connector.status, 'connected');
  const row = (await findConnector(s.db, connected.data.connector.id))!;
  assert.deepEqual([row.status, row.name, row.type], ['connected', 'Acme PagerDuty', 'pagerduty']);
  const frameUrl = page.frames().find((f) => f !== page.mainFrame())!.url();
  assert.equal(frameUrl, `${base}/connect/${cs.id}`, 'the flow took the token out of its URL');

  // The same token, from the product's page: spent for what it could do, refused (unreadable, by CORS) for the rest.
  const call = (method: string, p: string, token = cs.token) => page.evaluate(([m, u, t]) => (window as unknown as { call: (...a: string[]) => Promise<any> }).call(m!, u!, t!), [method, `${base}${p}`, token]);
  const current = await call('GET', '/v1/connect-sessions/current');
  assert.equal(current.status, 401, 'used: the connection is complete');
  for (const [method, p] of [['GET', '/v1/connectors'], ['DELETE', `/v1/connectors/${connected.data.connector.id}`], ['GET', `/v1/connectors/${connected.data.connector.id}/records`], ['POST', '/v1/api-keys']] as const) {
    const r = await call(method, p);
    assert.ok(r.blocked || r.status === 401, `${method} ${p} refused: ${JSON.stringify(r)}`);
  }
  assert.equal((await s.api('GET', `/v1/connectors/${connected.data.connector.id}`)).body.status, 'connected', 'nothing was deleted');
  await page.close();
});

test('a GitHub session: authorize in a popup through the emulator\'s consent; the embedding page hears of it', { timeout: 180_000 }, async () => {
  const cs = await session({ connector_type: 'github' });
  const page = await embed(cs.connect_url);
  const flow = page.frameLocator('#connect');
  await flow.getByRole('heading', { name: 'Connect GitHub' }).waitFor();
  await flow.getByLabel('Display name').fill('Acme GitHub');
  const popupPromise = page.waitForEvent('popup');
  await flow.getByRole('button', { name: /Authorize with GitHub/ }).click();
  const popup = await popupPromise;
  const onward = popup.getByRole('link', { name: 'Continue to GitHub' });
  await onward.waitFor({ timeout: 30_000 });
  assert.match((await popup.textContent('body')) ?? '', /Acme GitHub/);
  await onward.click();
  await popup.getByRole('button', { name: 'Authorize' }).click();
  await popup.waitForURL(/\/v1\/connectors\/oauth\/callback/);
  await flow.getByTestId('test-ok').waitFor({ timeout: 60_000 });
  await page.screenshot({ path: path.join(SHOTS, 'connect-embedded-github.png'), fullPage: true });
  const connected = (await events(page)).find((e) => e.data.type === 'tributary:connected');
  assert.ok(connected);
  assert.equal(connected.data.connector.type, 'github');
  const row = (await findConnector(s.db, connected.data.connector.id))!;
  assert.deepEqual([row.status, row.name], ['connected', 'Acme GitHub']);
  const seen = await s.api('GET', `/v1/connect-sessions/${cs.id}`);
  assert.ok(seen.body.used_at, 'the session is spent');
  await page.close();
});

test('a page on an origin the session does not list cannot frame the flow; an expired link says so', { timeout: 60_000 }, async () => {
  const other = await s.api('POST', '/v1/connect-sessions', { allowed_origins: ['https://elsewhere.example.com'] });
  const page = await embed(other.body.connect_url);
  // The page's load event waits for its frames; blocked by frame-ancestors, this one shows Chromium's error page.
  await page.waitForLoadState('load');
  const frame = page.frames().find((f) => f !== page.mainFrame());
  assert.ok(frame);
  assert.ok(!frame.url().startsWith(base), `not loaded: ${frame.url()}`);
  assert.equal(await page.frameLocator('#connect').getByRole('heading', { name: /Connect/ }).count(), 0);
  await page.close();

  const cs = await session({});
  await s.db.updateTable('connect_sessions').set({ expires_at: new Date(Date.now() - 1000) }).where('id', '=', cs.id).execute();
  const expired = await embed(cs.connect_url);
  await expired.frameLocator('#connect').getByTestId('session-ended').waitFor();
  assert.match((await expired.frameLocator('#connect').getByTestId('session-ended').textContent()) ?? '', /expired or was already used/);
  await expired.close();
});
