// Helpers for sync tests: onboard a connector, wait for a run, compute what the emulator holds for a window.
import assert from 'node:assert/strict';
import { updateConnector } from '../../db/connectors.repository.ts';
import { DEMO_CREDENTIALS, DEMO_KEYS } from '../../dev/emulator/state.ts';
import { createCipher } from '../../lib/crypto.ts';
import { expectedSync, expectedTotal } from './expected.ts';
import { eventually, type TestStack } from './stack.ts';
import { secretSlots } from '../../db/secret-columns.ts';

/** A connected PagerDuty connector; `key` gives it its own API key (accepted by the emulator), so a fault scoped to
 * that key (`fault(s, { key, … })`) is taken only by this connector's requests. */
export async function connectedPagerDuty(s: TestStack, name = 'pd', key: string = DEMO_KEYS.pagerduty!): Promise<{ id: string; firstRunId: string | null; onboardingWorkflowId: string }> {
  if (key !== DEMO_KEYS.pagerduty) s.emulator.state.accept('pagerduty', key);
  const c = await s.api('POST', '/v1/connectors', { type: 'pagerduty', name });
  assert.equal(c.status, 201, c.text);
  const put = await s.api('PUT', `/v1/connectors/${c.body.id}/credentials`, { api_key: key });
  assert.equal(put.body.connector.status, 'connected', put.text);
  return { id: c.body.id, firstRunId: put.body.first_sync_run_id, onboardingWorkflowId: put.body.workflow_id };
}

/**
 * Connects a connector of `type` the way its auth kind allows (demo credentials, or for OAuth types a token the
 * emulator accepts, stored directly — the authorization flow is exercised elsewhere). Returns its id and first run.
 */
export async function connectProvider(s: TestStack, type: string, opts: { config?: Record<string, unknown>; name?: string } = {}): Promise<{ id: string; firstRunId: string | null }> {
  const c = await s.api('POST', '/v1/connectors', { type, name: opts.name ?? `${type} (demo)`, ...(opts.config ? { config: opts.config } : {}) });
  assert.equal(c.status, 201, c.text);
  const types = await s.api('GET', `/v1/connector-types/${type}`);
  if (types.body.auth === 'api_key') {
    const put = await s.api('PUT', `/v1/connectors/${c.body.id}/credentials`, DEMO_CREDENTIALS[type]);
    assert.equal(put.status, 200, put.text);
    assert.equal(put.body.connector.status, 'connected', put.text);
    return { id: c.body.id, firstRunId: put.body.first_sync_run_id };
  }
  const token = `int-test-token-${type}-${c.body.id}`;
  s.emulator.state.accept(type, token);
  await updateConnector(s.db, c.body.id, { credentials_enc: createCipher(s.config.encryptionKeys).encryptJson({ access_token: token, token_type: 'bearer' }, secretSlots.credentials(c.body.id)), status: 'connected', status_reason: 'test_tokens' });
  const t = await s.api('POST', `/v1/connectors/${c.body.id}/test`);
  assert.equal(t.body.success, true, t.text);
  return { id: c.body.id, firstRunId: null };
}

/** Starts a manual sync and waits for it to finish; returns the run. */
export async function syncNow(s: TestStack, connectorId: string): Promise<any> {
  const res = await s.api('POST', `/v1/connectors/${connectorId}/sync`);
  assert.equal(res.status, 202, res.text);
  return waitForRun(s, connectorId, res.body.sync_run_id);
}

export const TERMINAL = ['succeeded', 'failed', 'cancelled', 'skipped'];

export async function waitForRun(s: TestStack, connectorId: string, runId: string, timeoutMs = 60_000): Promise<any> {
  return eventually(async () => {
    const r = await s.api('GET', `/v1/connectors/${connectorId}/sync-runs/${runId}`);
    return TERMINAL.includes(r.body?.status) ? r.body : undefined;
  }, timeoutMs, `sync run ${runId} to finish`);
}

/** What an incremental sync of a run's window stores (`distinct`) and reads (`fetched`), from the emulator's data. */
export function emulatorSync(s: TestStack, provider: string, kinds: string[], window: { start: string; end: string }, pageSize = 100): { distinct: number; fetched: number } {
  return expectedSync(s.emulator.state.data, provider, kinds, window, pageSize);
}

/** What the emulator created in a window for a provider's kinds (what a backfill of it stores). */
export function emulatorCount(s: TestStack, provider: string, kinds: string[], window: { start: string; end: string }): number {
  return expectedTotal(s.emulator.state.data, provider, kinds, window, 'created');
}

/** Every counted record was added, updated, unchanged or deleted by the provider: nothing counted twice or lost. */
export function assertCountsAddUp(run: { records_fetched: number; records_added: number; records_updated: number; records_unchanged: number; records_deleted: number }, tombstones = 0): void {
  assert.equal(run.records_added + run.records_updated + run.records_unchanged + run.records_deleted - tombstones, run.records_fetched, JSON.stringify(run));
}

export async function recordCount(s: TestStack, connectorId: string): Promise<number> {
  const r = await s.db.selectFrom('records').select((eb) => eb.fn.countAll<number>().as('n')).where('connector_id', '=', connectorId).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function fault(s: TestStack, f: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${s.emulator.url}/_emulator/faults`, { method: 'POST', body: JSON.stringify(f) });
  assert.equal(res.status, 201);
}
