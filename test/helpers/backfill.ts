// Helpers for backfill tests: start one, wait for it, and read the emulator's request log per chunk window.
import assert from 'node:assert/strict';
import { defaultPayloadConverter } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';
import type { RequestLogEntry } from '../../dev/emulator/state.ts';
import { expectedCount } from './expected.ts';
import { eventually, type TestStack } from './stack.ts';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

export const BF_TERMINAL = ['succeeded', 'failed', 'cancelled'];
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** The start of the current UTC hour, minus `hoursBack` hours: a stable window end in the past. */
export function hourAgo(hoursBack = 1): number {
  return Math.floor(Date.now() / HOUR) * HOUR - hoursBack * HOUR;
}

export async function postBackfill(s: TestStack, connectorId: string, body: Record<string, unknown>): Promise<string> {
  const res = await s.api('POST', `/v1/connectors/${connectorId}/backfills`, body);
  assert.equal(res.status, 202, res.text);
  assert.match(res.body.backfill_id, /^bf_/);
  return res.body.backfill_id;
}

export async function getBackfill(s: TestStack, connectorId: string, id: string): Promise<any> {
  const res = await s.api('GET', `/v1/connectors/${connectorId}/backfills/${id}`);
  assert.equal(res.status, 200, res.text);
  return res.body;
}

export async function waitForBackfill(s: TestStack, connectorId: string, id: string, timeoutMs = 120_000): Promise<any> {
  return eventually(async () => {
    const b = await getBackfill(s, connectorId, id);
    return BF_TERMINAL.includes(b.status) ? b : undefined;
  }, timeoutMs, `backfill ${id} to finish`);
}

/** Provider list requests grouped by their `since`/`until` window (ISO strings, as the client sent them). */
export function requestsByWindow(requests: readonly RequestLogEntry[]): Map<string, RequestLogEntry[]> {
  const out = new Map<string, RequestLogEntry[]>();
  for (const r of requests) {
    if (!r.query.since || !r.query.until) continue;
    const key = `${new Date(r.query.since).toISOString()}/${new Date(r.query.until).toISOString()}`;
    out.set(key, [...(out.get(key) ?? []), r]);
  }
  return out;
}

export const windowKey = (start: number | string, end: number | string) => `${new Date(start).toISOString()}/${new Date(end).toISOString()}`;

/** Records of the connector that occurred in `[start, end)`. */
export async function recordsIn(s: TestStack, connectorId: string, start: number, end: number): Promise<number> {
  const r = await s.db
    .selectFrom('records')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('connector_id', '=', connectorId)
    .where('occurred_at', '>=', new Date(start))
    .where('occurred_at', '<', new Date(end))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function duplicateRecords(s: TestStack, connectorId: string): Promise<unknown[]> {
  return s.db
    .selectFrom('records')
    .select(['kind', 'external_id'])
    .where('connector_id', '=', connectorId)
    .groupBy(['kind', 'external_id'])
    .having((eb) => eb.fn.countAll(), '>', 1)
    .execute();
}

/** PagerDuty records a backfill of `[start, end)` stores: the incidents created there and their log entries. */
export function pdExpected(s: TestStack, start: number, end: number): number {
  return ['incident', 'log_entry'].reduce((n, k) => n + expectedCount(s.emulator.state.data, 'pagerduty', k, start, end), 0);
}

/** One chunk activity of a backfill's workflow chain, from its Temporal history. */
export interface ChunkActivity {
  type: string;
  /** The chunks it was given (`runBackfillChunks`), or its one chunk (`runBackfillChunk`). */
  indexes: number[];
  /** `runBackfillChunks`' answer; absent when the activity failed or never completed. */
  result?: { done: number; stopped: boolean };
  failed: boolean;
  /** Chunk activities of the same backfill in flight just after this one was scheduled (itself included). */
  inFlight: number;
}

/** Every chunk activity of the backfill workflow `workflowId`, over its continue-as-new chain, in order. */
export async function chunkActivities(s: TestStack, workflowId: string): Promise<ChunkActivity[]> {
  const histories: HistoryEvent[][] = [];
  let runId: string | undefined;
  for (;;) {
    const events = (await s.temporal.workflow.getHandle(workflowId, runId).fetchHistory()).events ?? [];
    histories.unshift(events);
    runId = events[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId ?? undefined;
    if (!runId) break;
  }
  const out: ChunkActivity[] = [];
  for (const events of histories) {
    const open = new Map<string, ChunkActivity>();
    for (const e of events) {
      const scheduled = e.activityTaskScheduledEventAttributes;
      const type = scheduled?.activityType?.name ?? '';
      if (scheduled && type.startsWith('runBackfillChunk')) {
        const input = defaultPayloadConverter.fromPayload<{ index?: number; indexes?: number[] }>(scheduled.input!.payloads![0]!);
        const a: ChunkActivity = { type, indexes: input.indexes ?? [input.index!], failed: false, inFlight: open.size + 1 };
        open.set(String(e.eventId), a);
        out.push(a);
      }
      const completed = e.activityTaskCompletedEventAttributes;
      const ended = completed ?? e.activityTaskFailedEventAttributes ?? e.activityTaskCanceledEventAttributes ?? e.activityTaskTimedOutEventAttributes;
      const a = ended ? open.get(String(ended.scheduledEventId)) : undefined;
      if (!a || !ended) continue;
      open.delete(String(ended.scheduledEventId));
      if (completed && a.type === 'runBackfillChunks') a.result = defaultPayloadConverter.fromPayload(completed.result!.payloads![0]!);
      if (!completed) a.failed = true;
    }
  }
  return out;
}
