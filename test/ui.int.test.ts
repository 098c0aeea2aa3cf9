// Browser tests of the Integrations page (Debian chromium driven by playwright-core), in demo mode:
// connect an API-key provider and an OAuth provider through the emulator's consent page, change the
// schedule, sync now, see a change at the provider arrive in the Records tab, start and watch a backfill, pause
// and resume, set GitHub's organizations. Screenshots go to test-results/.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { serve, type ServerType } from '@hono/node-server';
import type { Browser, Page } from 'playwright-core';
import { DEMO_KEYS } from '../dev/emulator/state.ts';
import { freePort } from '../dev/net.ts';
import { ROOT } from '../dev/state.ts';
import { launchChromium } from './helpers/browser.ts';
import { startTestStack, type TestStack } from './helpers/stack.ts';
import { connectedPagerDuty, fault, waitForRun } from './helpers/sync.ts';
import { workflowIds } from '../contracts/ids.ts';

const SHOTS = path.join(ROOT, 'test-results', 'screenshots');
let s: TestStack;
let server: ServerType;
let browser: Browser;
let base: string;

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  s = await startTestStack({ PUBLIC_URL: base });
  server = serve({ fetch: s.app.fetch, port, hostname: '127.0.0.1' });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  await s?.close();
});

async function signedIn(): Promise<Page> {
  const page = await browser.newPage();
  page.on('dialog', (d) => void d.accept());
  await page.goto(`${base}/`);
  await page.getByLabel('API key').fill('trb_wrong_key');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('That API key was not accepted').waitFor();
  await page.getByLabel('API key').fill(s.keyA);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Integrations', level: 2 }).waitFor();
  assert.ok(!(await page.content()).includes(s.keyA), 'the API key is never rendered');
  return page;
}

test('a poll of the Sync history tab does not pull the user back from the tab they switched to', { timeout: 120_000 }, async () => {
  const key = 'pd-ui-poll-key-0123456789abcd';
  const { id, firstRunId } = await connectedPagerDuty(s, 'UI poll', key);
  await waitForRun(s, id, firstRunId!);
  // Every provider page of this connector takes 1.5 s: a sync stays running for several polls of the history tab.
  await fault(s, { provider: 'pagerduty', kind: 'slow', remaining: 6, delay_ms: 1500, key });
  const page = await signedIn();
  await page.goto(`${base}/#/connectors/${id}`);
  await page.getByRole('button', { name: 'Sync now' }).click();
  await page.locator('[data-testid=run-status]', { hasText: 'running' }).first().waitFor({ timeout: 20_000 });
  await page.getByRole('tab', { name: 'Schedule' }).click();
  await page.getByRole('button', { name: 'Start backfill' }).waitFor();
  // The history tab polls every second while a run is running; three seconds later the Schedule tab is still shown.
  await page.waitForTimeout(3000);
  assert.equal(await page.getByRole('tab', { name: 'Schedule' }).getAttribute('aria-selected'), 'true');
  assert.ok(await page.getByRole('button', { name: 'Start backfill' }).isVisible());
  assert.equal(await page.locator('[data-testid=runs]').count(), 0, 'the history table is not drawn over it');
  await page.close();
  s.emulator.state.faults.length = 0;
});

test('catalog by category; connect an API-key provider with the automatic test; schedule, sync now, backfill, pause/resume', { timeout: 180_000 }, async () => {
  const page = await signedIn();
  assert.ok((await page.getByTestId('category').count()) >= 2, 'catalog grouped by category');
  await page.screenshot({ path: path.join(SHOTS, 'catalog.png'), fullPage: true });

  await page.getByRole('button', { name: /PagerDuty/ }).click();
  await page.getByRole('heading', { name: 'PagerDuty', level: 3 }).waitFor();
  assert.ok(await page.getByText('What it ingests').isVisible());
  await page.getByLabel('Display name').fill('PD from the browser');
  // A wrong key first: the provider's reason, nothing connected.
  await page.getByLabel('REST API key').fill('wrong_key_for_pagerduty');
  await page.getByRole('button', { name: 'Save and test' }).click();
  await page.getByTestId('test-failed').waitFor();
  assert.match(await page.getByTestId('test-failed').innerText(), /Invalid Credentials/);

  await page.getByRole('link', { name: /Open the connector to retry/ }).click();
  await page.getByRole('heading', { name: /PD from the browser/, level: 2 }).waitFor();
  await page.getByRole('form', { name: 'Credentials' }).waitFor();
  await page.getByLabel('REST API key').fill(DEMO_KEYS.pagerduty!);
  await page.getByRole('button', { name: 'Save and test' }).click();
  await page.getByTestId('test-ok').waitFor();
  await page.getByTestId('status-badge').filter({ hasText: 'connected' }).waitFor();
  assert.ok(!(await page.content()).includes(DEMO_KEYS.pagerduty!), 'no secret rendered back');

  // Schedule: a cron with a time zone.
  await page.getByLabel('On a cron schedule').check();
  await page.getByLabel('Cron expression').fill('15 8 * * *');
  await page.getByLabel('Time zone').fill('Europe/Berlin');
  await page.getByRole('button', { name: 'Save schedule' }).click();
  await page.getByText('Schedule saved').waitFor({ state: 'attached' });
  const connectorId = page.url().split('/').pop()!;
  const sched = await s.api('GET', `/v1/connectors/${connectorId}/schedule`);
  assert.equal(sched.body.cron, '15 8 * * *');
  assert.equal(sched.body.timezone, 'Europe/Berlin');
  // A bad cron is refused with the API's reason.
  await page.getByLabel('Cron expression').fill('99 * * * *');
  await page.getByRole('button', { name: 'Save schedule' }).click();
  await page.locator('#schedule-error', { hasText: 'minute' }).waitFor();

  // Sync now → the history shows it succeed.
  await page.getByRole('button', { name: 'Sync now' }).click();
  await page.getByRole('tab', { name: 'Sync history' }).waitFor();
  await page.locator('[data-testid=run-row]').first().locator('[data-testid=run-status]', { hasText: 'succeeded' }).waitFor({ timeout: 30_000 });
  assert.ok(await page.getByRole('link', { name: 'Temporal UI' }).first().isVisible());
  const firstRun = (await s.api('GET', `/v1/connectors/${connectorId}/sync-runs?limit=1`)).body.data[0];
  assert.equal(await page.locator('[data-testid=run-row]').first().getByTestId('run-added').innerText(), String(firstRun.records_added), 'the history shows what was added');

  // An incident acknowledged at PagerDuty: the next sync brings it as an update, the Records tab shows it.
  const incident = await s.db.selectFrom('records').select('external_id').where('connector_id', '=', connectorId).where('kind', '=', 'incident').executeTakeFirstOrThrow();
  s.emulator.state.changeRecord('pagerduty', 'incident', incident.external_id, { status: 'acknowledged', title: 'Acknowledged while the browser watched' });
  await page.getByRole('button', { name: 'Sync now' }).click();
  await page.locator('[data-testid=run-row]').first().locator('[data-testid=run-updated]', { hasText: '1' }).waitFor({ timeout: 30_000 });
  await page.getByRole('tab', { name: 'Records' }).click();
  const updated = page.locator('[data-testid=change-row]', { hasText: 'Acknowledged while the browser watched' });
  await updated.waitFor();
  assert.equal(await updated.getByTestId('change-action').innerText(), 'updated');
  assert.equal(await updated.getByTestId('change-version').innerText(), '2');
  const actions = await page.getByTestId('change-action').allInnerTexts();
  assert.ok(actions.length === 50 && actions.includes('updated') && actions.includes('added'), `the newest changes first (${actions.slice(0, 5).join(', ')}…)`);
  await page.getByRole('button', { name: 'Older changes' }).click();
  await page.locator('[data-testid=change-row]').nth(50).waitFor();
  await page.screenshot({ path: path.join(SHOTS, 'connector-records.png'), fullPage: true });
  await page.getByRole('tab', { name: 'Sync history' }).click();
  await page.screenshot({ path: path.join(SHOTS, 'connector-history.png'), fullPage: true });

  // Backfill: start and watch it finish.
  await page.getByRole('tab', { name: 'Schedule' }).click();
  const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel('From').fill(day(5));
  await page.getByLabel('To (exclusive)').fill(day(1));
  await page.getByRole('button', { name: 'Start backfill' }).click();
  await page.getByTestId('backfill-status').first().waitFor();
  await page.locator('[data-testid=backfill-status]', { hasText: 'succeeded' }).waitFor({ timeout: 60_000 });
  await page.screenshot({ path: path.join(SHOTS, 'connector-schedule-backfill.png'), fullPage: true });

  // Pause and resume.
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.getByTestId('status-badge').filter({ hasText: 'paused' }).waitFor();
  assert.equal((await s.api('GET', `/v1/connectors/${connectorId}`)).body.status, 'paused');
  assert.ok(await page.getByRole('button', { name: 'Sync now' }).isDisabled());
  await page.getByRole('button', { name: 'Resume' }).click();
  await page.getByTestId('status-badge').filter({ hasText: 'connected' }).waitFor();
  assert.equal((await s.temporal.schedule.getHandle(workflowIds.schedule(connectorId)).describe()).state.paused, false);
  await page.close();
});

test('connect an OAuth provider through the emulator\'s consent page; the page updates itself', { timeout: 120_000 }, async () => {
  const page = await signedIn();
  await page.getByRole('button', { name: /GitHub/ }).click();
  await page.getByLabel('Display name').fill('GitHub from the browser');
  const popupPromise = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Authorize' }).click();
  const popup = await popupPromise;
  // Tributary's start page names the workspace and connector before anything goes to the provider.
  const onward = popup.getByRole('link', { name: 'Continue to GitHub' });
  await onward.waitFor();
  assert.match(await popup.textContent('body') ?? '', /GitHub from the browser/);
  await popup.screenshot({ path: path.join(SHOTS, 'oauth-start.png') });
  await onward.click();
  await popup.getByRole('button', { name: 'Authorize' }).waitFor();
  await popup.screenshot({ path: path.join(SHOTS, 'oauth-consent.png') });
  await popup.getByRole('button', { name: 'Authorize' }).click();
  await popup.waitForURL(/\/v1\/connectors\/oauth\/callback/);
  await popup.screenshot({ path: path.join(SHOTS, 'oauth-callback.png') });
  await page.getByTestId('test-ok').waitFor({ timeout: 30_000 });
  await page.screenshot({ path: path.join(SHOTS, 'oauth-connected.png'), fullPage: true });
  const list = await s.api('GET', '/v1/connectors?type=github');
  const gh = list.body.data.find((c: { name: string }) => c.name === 'GitHub from the browser');
  assert.equal(gh.status, 'connected');

  // Its settings: which organizations and repositories to ingest, checked against what the account can see.
  await page.goto(`${base}/integrations#/connectors/${gh.id}`);
  await page.getByRole('form', { name: 'Settings' }).waitFor();
  await page.getByLabel('Organizations').fill('acme, globex');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.locator('#connector-result', { hasText: 'globex' }).waitFor();
  await page.getByLabel('Organizations').fill('acme');
  await page.getByLabel('Repositories').fill('octo-demo/dotfiles');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.locator('#connector-result', { hasText: 'Settings saved' }).waitFor();
  assert.deepEqual((await s.api('GET', `/v1/connectors/${gh.id}`)).body.config, { orgs: ['acme'], repos: ['octo-demo/dotfiles'] });
  await page.getByLabel('Repositories').fill('not a repo');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.locator('#config-error', { hasText: 'config.repos.0' }).waitFor();
  await page.close();
});
