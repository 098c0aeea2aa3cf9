// The events Tributary POSTs to webhook endpoints, described under `webhooks` (OpenAPI 3.1): each event type's
// body (`{id, type, timestamp, data}`) and the Standard Webhooks signature headers. The payload schemas are held
// to the types the outbox writes (services/events.ts) by `sameShape`, so they cannot drift apart.
import { z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { BACKFILL_STATUSES, CONNECTOR_STATUSES, EVENT_TYPES, type EventType } from '../db/schema.ts';
import type { EventPayload } from '../services/events.ts';
import { sameShape } from './router.ts';
import { ChangesRangeSchema, orNull } from './schemas.ts';

const Window = z.object({ start: z.string(), end: z.string() });
const ConnectorRef = z.object({ id: z.string(), type: z.string(), name: z.string() }).openapi('EventConnector');
const counts = {
  records_fetched: z.number(),
  records_added: z.number(),
  records_updated: z.number(),
  records_unchanged: z.number(),
  records_deleted: z.number(),
};
const Failure = z.object({ code: z.string(), message: z.string() });

const SyncRunEvent = z
  .object({
    id: z.string(),
    trigger: z.enum(['schedule', 'manual', 'onboarding']),
    ...counts,
    pages: z.number(),
    window: Window.nullable(),
    changes: orNull(ChangesRangeSchema),
    error: Failure.nullable(),
  })
  .openapi('SyncRunEvent');

const BackfillEvent = z
  .object({
    id: z.string(),
    status: z.enum(BACKFILL_STATUSES),
    window: Window,
    chunks_total: z.number(),
    records: z.number(),
    records_added: z.number(),
    records_updated: z.number(),
    records_unchanged: z.number(),
    records_deleted: z.number(),
    changes: orNull(ChangesRangeSchema),
    error: Failure.extend({ chunk: z.number().optional(), window: Window.optional() }).nullable(),
  })
  .openapi('BackfillEvent');

const withConnector = <S extends z.ZodRawShape>(shape: S) => z.object({ connector: ConnectorRef, ...shape });

const PAYLOADS = {
  'connector.created': withConnector({ status: z.literal('pending') }),
  'connector.status_changed': withConnector({ from: z.enum(CONNECTOR_STATUSES), to: z.enum(CONNECTOR_STATUSES), reason: z.string(), message: z.string().nullable() }),
  'connector.deleted': withConnector({ status: z.enum(CONNECTOR_STATUSES) }),
  'sync_run.succeeded': withConnector({ sync_run: SyncRunEvent }),
  'sync_run.failed': withConnector({ sync_run: SyncRunEvent }),
  'records.changed': withConnector({ ...counts, source: z.object({ type: z.enum(['sync_run', 'backfill']), id: z.string() }), changes: ChangesRangeSchema }),
  'backfill.succeeded': withConnector({ backfill: BackfillEvent }),
  'backfill.failed': withConnector({ backfill: BackfillEvent }),
  'backfill.cancelled': withConnector({ backfill: BackfillEvent }),
  'webhook_endpoint.disabled': z.object({ webhook: z.object({ id: z.string(), url: z.string() }), reason: z.string() }),
  ping: z.object({ webhook: z.object({ id: z.string() }) }),
} satisfies Record<EventType, z.ZodType>;

const SUMMARY: Record<EventType, string> = {
  'connector.created': 'A connector was created (status pending)',
  'connector.status_changed': 'A connector changed status (pending → connected, connected → error, → oauth_expired, paused …), with the reason',
  'connector.deleted': 'A connector was deleted',
  'sync_run.succeeded': 'A sync run finished: what it read and changed, and where its changes are in the feed',
  'sync_run.failed': 'A sync run failed after its retries (what it committed stays committed)',
  'records.changed': 'A sync run or backfill changed records: read them from the changes feed (`changes.after` … `changes.until`)',
  'backfill.succeeded': 'A backfill finished every chunk',
  'backfill.failed': 'A backfill stopped at a failing chunk',
  'backfill.cancelled': 'A backfill was cancelled (committed chunks stay)',
  'webhook_endpoint.disabled': 'An endpoint was disabled after consecutive failed deliveries',
  ping: 'Sent once to a new endpoint',
};

const SIGNATURE_HEADERS = z.object({
  'webhook-id': z.string().openapi({ description: 'The event id (`evt_…`): the same on every retry and redelivery — deduplicate on it' }),
  'webhook-timestamp': z.string().regex(/^\d+$/).openapi({ description: 'Unix seconds when this attempt was signed; refuse it if far from now (the SDK allows 5 minutes)' }),
  'webhook-signature': z.string().openapi({
    description: 'Standard Webhooks: space-separated `v1,<base64 HMAC-SHA256>` of `{webhook-id}.{webhook-timestamp}.{raw body}`, keyed with the base64-decoded part of the endpoint secret after `whsec_`',
  }),
});

const pascal = (type: string) => type.split(/[._]/).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');

/** Every event type under `webhooks`, with its body and the signature headers. */
export function registerWebhookEvents(registry: OpenAPIHono['openAPIRegistry']): void {
  for (const type of ['ping', ...EVENT_TYPES] as const) {
    const body = z
      .object({ id: z.string().openapi({ description: 'The event id (also `webhook-id`)' }), type: z.literal(type), timestamp: z.string().openapi({ description: 'When the event happened (ISO-8601)' }), data: PAYLOADS[type] })
      .openapi(`${pascal(type)}Event`);
    registry.registerWebhook({
      method: 'post',
      path: type,
      operationId: `on${pascal(type)}`,
      tags: ['Webhooks'],
      summary: SUMMARY[type],
      description: 'POSTed to each enabled endpoint whose filters match, signed per Standard Webhooks; any 2xx answer acknowledges it, anything else is retried with backoff over more than 24 hours.',
      request: { headers: SIGNATURE_HEADERS, body: { required: true, content: { 'application/json': { schema: body } } } },
      responses: { 200: { description: 'Received (any 2xx)' } },
    });
  }
}

type PayloadOf<T extends EventType> = z.infer<(typeof PAYLOADS)[T]>;
sameShape<EventPayload<'connector.created'>, PayloadOf<'connector.created'>>(true);
sameShape<EventPayload<'connector.status_changed'>, PayloadOf<'connector.status_changed'>>(true);
sameShape<EventPayload<'connector.deleted'>, PayloadOf<'connector.deleted'>>(true);
sameShape<EventPayload<'sync_run.succeeded'>, PayloadOf<'sync_run.succeeded'>>(true);
sameShape<EventPayload<'records.changed'>, PayloadOf<'records.changed'>>(true);
sameShape<EventPayload<'backfill.failed'>, PayloadOf<'backfill.failed'>>(true);
sameShape<EventPayload<'webhook_endpoint.disabled'>, PayloadOf<'webhook_endpoint.disabled'>>(true);
sameShape<EventPayload<'ping'>, PayloadOf<'ping'>>(true);
