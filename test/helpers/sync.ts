// Helpers for sync tests: onboard a connector, wait for a run, compute what the emulator holds for a window.
import assert from 'node:assert/strict';
import { DEMO_KEYS } from '../../dev/emulator/state.ts';
import { eventually, type TestStack } from './stack.ts';

export async function connectedPagerDuty(s: TestStack, name = 'pd'): Promise<{ id: string; firstRunId: string | null }> {
  const c = await s.api('POST', '/v1/connectors', { type: 'pagerduty', name });
  assert.equal(c.status, 201, c.text);
  const put = await s.api('PUT', `/v1/connectors/${c.body.id}/credentials`, { api_key: DEMO_KEYS.pagerduty });
  assert.equal(put.body.connector.status, 'connected', put.text);
  const runs = await s.api('GET', `/v1/connectors/${c.body.id}/sync-runs`);
  return { id: c.body.id, firstRunId: runs.body.data[0]?.id ?? null };
}

export const TERMINAL = ['succeeded', 'failed', 'cancelled', 'skipped'];

export async function waitForRun(s: TestStack, connectorId: string, runId: string, timeoutMs = 60_000): Promise<any> {
  return eventually(async () => {
    const r = await s.api('GET', `/v1/connectors/${connectorId}/sync-runs/${runId}`);
    return TERMINAL.includes(r.body?.status) ? r.body : undefined;
  }, timeoutMs, `sync run ${runId} to finish`);
}

/** What the emulator holds for a provider's kinds in a run's window. */
export function emulatorCount(s: TestStack, provider: string, kinds: string[], window: { start: string; end: string }): number {
  return kinds.reduce((n, k) => n + s.emulator.state.data.count(provider, k, Date.parse(window.start), Date.parse(window.end)), 0);
}

export async function recordCount(s: TestStack, connectorId: string): Promise<number> {
  const r = await s.db.selectFrom('records').select((eb) => eb.fn.countAll<number>().as('n')).where('connector_id', '=', connectorId).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function fault(s: TestStack, f: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${s.emulator.url}/_emulator/faults`, { method: 'POST', body: JSON.stringify(f) });
  assert.equal(res.status, 201);
}
