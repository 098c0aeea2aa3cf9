// Webhook endpoints: create (secret shown once, ping sent), read, update filters, rotate, delete; delivery log; redelivery.
import { liveConnectorIds } from '../db/connectors.repository.ts';
import type { Db } from '../db/db.ts';
import { secretSlots } from '../db/secret-columns.ts';
import { EVENT_TYPES, type WebhookEndpointsTable } from '../db/schema.ts';
import type { Cipher } from '../lib/crypto.ts';
import { invalidFields, notFound, type FieldIssue } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';
import { urlProblem } from '../lib/url-safety.ts';
import { newWebhookSecret } from '../lib/webhook-signing.ts';
import type { Selectable } from 'kysely';
import type { Orchestrator } from './orchestrator.ts';
import { startDeliveryWorkflow } from './outbox.ts';

type EndpointRow = Selectable<WebhookEndpointsTable>;

export interface EndpointInput {
  url?: string;
  events?: string[];
  connector_ids?: string[] | null;
  description?: string | null;
  enabled?: boolean;
}

export interface EndpointView {
  id: string;
  url: string;
  description: string | null;
  events: string[];
  connector_ids: string[] | null;
  enabled: boolean;
  disabled_reason: string | null;
  consecutive_failures: number;
  created_at: string;
  updated_at: string;
}

export function endpointView(row: EndpointRow): EndpointView {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: row.events,
    connector_ids: row.connector_ids,
    enabled: row.enabled,
    disabled_reason: row.disabled_reason,
    consecutive_failures: row.consecutive_failures,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}

export function createWebhookService(deps: { db: Db; orchestrator: Orchestrator; cipher: Cipher; allowPrivate: boolean }) {
  const { db, cipher } = deps;

  async function validate(workspaceId: string, input: EndpointInput): Promise<void> {
    const issues: FieldIssue[] = [];
    if (input.url !== undefined) {
      const problem = await urlProblem(input.url, { allowPrivate: deps.allowPrivate });
      if (problem) issues.push({ field: 'url', message: problem });
    }
    input.events?.forEach((e, i) => {
      if (e !== '*' && !(EVENT_TYPES as readonly string[]).includes(e)) issues.push({ field: `events.${i}`, message: `unknown event "${e}"; known: ${EVENT_TYPES.join(', ')} or *` });
    });
    if (input.connector_ids) {
      const ids = input.connector_ids;
      const found = await liveConnectorIds(db, workspaceId, ids);
      ids.forEach((id, i) => {
        if (!found.has(id)) issues.push({ field: `connector_ids.${i}`, message: `no connector ${id} in this workspace` });
      });
    }
    if (issues.length) throw invalidFields(issues);
  }

  async function load(workspaceId: string, id: string): Promise<EndpointRow> {
    const row = await db.selectFrom('webhook_endpoints').selectAll().where('id', '=', id).where('workspace_id', '=', workspaceId).where('deleted_at', 'is', null).executeTakeFirst();
    if (!row) throw notFound('webhook', id);
    return row;
  }

  return {
    async create(workspaceId: string, input: Required<Pick<EndpointInput, 'url' | 'events'>> & EndpointInput) {
      await validate(workspaceId, input);
      const secret = newWebhookSecret();
      const id = newId('wh');
      const deliveryId = newId('whd');
      const row = await db.transaction().execute(async (tx) => {
        const r = await tx
          .insertInto('webhook_endpoints')
          .values({ id, workspace_id: workspaceId, url: input.url, events: input.events, connector_ids: input.connector_ids ?? null, description: input.description ?? null, secret_enc: cipher.encrypt(secret, secretSlots.webhookSecret(id)) })
          .returningAll()
          .executeTakeFirstOrThrow();
        // A ping goes to the new endpoint only, so the receiver can check its signature handling at once.
        const eventId = newId('evt');
        await tx.insertInto('events').values({ id: eventId, workspace_id: workspaceId, type: 'ping', connector_id: null, payload: JSON.stringify({ webhook: { id } }), dispatched_at: new Date() }).execute();
        await tx.insertInto('webhook_deliveries').values({ id: deliveryId, endpoint_id: id, event_id: eventId, workspace_id: workspaceId, status: 'pending' }).execute();
        return r;
      });
      await startDeliveryWorkflow(db, deps.orchestrator, deliveryId).catch(() => undefined); // the relay retries it
      return { ...endpointView(row), secret };
    },

    async list(workspaceId: string) {
      const rows = await db.selectFrom('webhook_endpoints').selectAll().where('workspace_id', '=', workspaceId).where('deleted_at', 'is', null).orderBy('id', 'desc').execute();
      return { data: rows.map(endpointView) };
    },

    async get(workspaceId: string, id: string) {
      return endpointView(await load(workspaceId, id));
    },

    async update(workspaceId: string, id: string, input: EndpointInput) {
      await load(workspaceId, id);
      await validate(workspaceId, input);
      const set: Record<string, unknown> = { updated_at: new Date() };
      if (input.url !== undefined) set.url = input.url;
      if (input.events !== undefined) set.events = input.events;
      if (input.connector_ids !== undefined) set.connector_ids = input.connector_ids;
      if (input.description !== undefined) set.description = input.description;
      if (input.enabled !== undefined) {
        set.enabled = input.enabled;
        if (input.enabled) Object.assign(set, { disabled_reason: null, consecutive_failures: 0 });
        else set.disabled_reason = 'disabled by user';
      }
      const row = await db.updateTable('webhook_endpoints').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
      return endpointView(row);
    },

    async remove(workspaceId: string, id: string) {
      await load(workspaceId, id);
      await db.updateTable('webhook_endpoints').set({ deleted_at: new Date(), enabled: false }).where('id', '=', id).execute();
    },

    async rotateSecret(workspaceId: string, id: string) {
      await load(workspaceId, id);
      const secret = newWebhookSecret();
      await db.updateTable('webhook_endpoints').set({ secret_enc: cipher.encrypt(secret, secretSlots.webhookSecret(id)), updated_at: new Date() }).where('id', '=', id).execute();
      return { id, secret };
    },

    async deliveries(workspaceId: string, id: string, limit: number) {
      await load(workspaceId, id);
      const rows = await db
        .selectFrom('webhook_deliveries as d')
        .innerJoin('events as e', 'e.id', 'd.event_id')
        .select(['d.id', 'd.event_id', 'e.type as event_type', 'd.status', 'd.attempts', 'd.next_attempt_at', 'd.last_status_code', 'd.last_error', 'd.redelivery_of', 'd.created_at', 'd.finished_at'])
        .where('d.endpoint_id', '=', id)
        .orderBy('d.id', 'desc')
        .limit(limit)
        .execute();
      const attempts = rows.length
        ? await db.selectFrom('webhook_attempts').selectAll().where('delivery_id', 'in', rows.map((r) => r.id)).orderBy('attempt').execute()
        : [];
      return {
        data: rows.map((r) => ({
          id: r.id,
          event_id: r.event_id,
          webhook_id_header: r.event_id,
          event_type: r.event_type,
          status: r.status,
          next_attempt_at: r.next_attempt_at ? new Date(r.next_attempt_at).toISOString() : null,
          last_status_code: r.last_status_code,
          last_error: r.last_error,
          redelivery_of: r.redelivery_of,
          created_at: r.created_at.toISOString(),
          finished_at: r.finished_at ? new Date(r.finished_at).toISOString() : null,
          attempts: attempts.filter((a) => a.delivery_id === r.id).map((a) => ({ attempt: a.attempt, status_code: a.status_code, latency_ms: a.latency_ms, error: a.error, at: a.created_at.toISOString() })),
        })),
      };
    },

    async redeliver(workspaceId: string, id: string, deliveryId: string) {
      await load(workspaceId, id);
      const d = await db.selectFrom('webhook_deliveries').selectAll().where('id', '=', deliveryId).where('endpoint_id', '=', id).executeTakeFirst();
      if (!d) throw notFound('delivery', deliveryId);
      const newDelivery = newId('whd');
      await db.insertInto('webhook_deliveries').values({ id: newDelivery, endpoint_id: id, event_id: d.event_id, workspace_id: workspaceId, status: 'pending', redelivery_of: d.id }).execute();
      await startDeliveryWorkflow(db, deps.orchestrator, newDelivery).catch(() => undefined);
      return { delivery_id: newDelivery, event_id: d.event_id };
    },
  };
}

export type WebhookService = ReturnType<typeof createWebhookService>;
