// Webhook delivery activities: sign, POST with a timeout, record every attempt; disable endpoints that keep failing.
import type { Db } from '../db/db.ts';
import { secretSlots } from '../db/secret-columns.ts';
import type { Cipher } from '../lib/crypto.ts';
import { webhookDeliveries } from '../lib/metrics.ts';
import { emitEvent } from '../services/events.ts';
import { eventBody, msOf, postWebhook, recordAttempt } from '../services/webhook-post.ts';

export interface WebhookActivityDeps {
  db: Db;
  cipher: Cipher;
  allowPrivate: boolean;
  attemptTimeoutMs: number;
  disableAfterFailures: number;
}


export function createWebhookActivities(deps: WebhookActivityDeps) {
  const { db, cipher } = deps;

  return {
    /** One attempt. Returns 'delivered' on 2xx, 'retry' otherwise, 'gone' when the endpoint or delivery no longer exists. */
    async attemptDelivery(input: { deliveryId: string; attempt: number; nextDelay: string | null }): Promise<'delivered' | 'retry' | 'gone'> {
      const d = await db.selectFrom('webhook_deliveries').selectAll().where('id', '=', input.deliveryId).executeTakeFirst();
      if (!d || d.status !== 'pending') return 'gone';
      // An attempt already recorded (the activity is being retried after a crash) is not made again.
      const done = await db.selectFrom('webhook_attempts').select(['status_code']).where('delivery_id', '=', d.id).where('attempt', '=', input.attempt).executeTakeFirst();
      if (done) return done.status_code !== null && done.status_code >= 200 && done.status_code < 300 ? 'delivered' : 'retry';
      const ep = await db.selectFrom('webhook_endpoints').selectAll().where('id', '=', d.endpoint_id).executeTakeFirst();
      if (!ep || ep.deleted_at) {
        await db.updateTable('webhook_deliveries').set({ status: 'failed', last_error: 'endpoint deleted', finished_at: new Date() }).where('id', '=', d.id).execute();
        return 'gone';
      }
      const event = await db.selectFrom('events').selectAll().where('id', '=', d.event_id).executeTakeFirstOrThrow();
      const { status, error, latencyMs: latency } = ep.enabled
        ? await postWebhook(ep.url, cipher.decrypt(ep.secret_enc, secretSlots.webhookSecret(ep.id)), event.id, eventBody(event), deps)
        : recordAttempt({ status: null, error: 'endpoint is disabled', latencyMs: 0 });
      const ok = error === null;
      await db.transaction().execute(async (tx) => {
        await tx.insertInto('webhook_attempts').values({ delivery_id: d.id, attempt: input.attempt, status_code: status, latency_ms: latency, error }).onConflict((oc) => oc.columns(['delivery_id', 'attempt']).doNothing()).execute();
        await tx
          .updateTable('webhook_deliveries')
          .set({
            attempts: input.attempt,
            last_status_code: status,
            last_error: error,
            status: ok ? 'delivered' : 'pending',
            finished_at: ok ? new Date() : null,
            next_attempt_at: ok || input.nextDelay === null ? null : new Date(Date.now() + msOf(input.nextDelay)),
          })
          .where('id', '=', d.id)
          .execute();
        if (ok) await tx.updateTable('webhook_endpoints').set({ consecutive_failures: 0 }).where('id', '=', ep.id).execute();
      });
      if (ok) webhookDeliveries.inc({ outcome: 'delivered' });
      return ok ? 'delivered' : 'retry';
    },

    /** The last attempt failed: the delivery fails; an endpoint failing too often in a row is disabled (and that is an event). */
    async failDelivery(input: { deliveryId: string }): Promise<void> {
      await db.transaction().execute(async (tx) => {
        const d = await tx.updateTable('webhook_deliveries').set({ status: 'failed', finished_at: new Date(), next_attempt_at: null }).where('id', '=', input.deliveryId).where('status', '=', 'pending').returning(['endpoint_id']).executeTakeFirst();
        if (!d) return;
        webhookDeliveries.inc({ outcome: 'failed' });
        const ep = await tx
          .updateTable('webhook_endpoints')
          .set((eb) => ({ consecutive_failures: eb('consecutive_failures', '+', 1) }))
          .where('id', '=', d.endpoint_id)
          .returning(['id', 'workspace_id', 'url', 'consecutive_failures', 'enabled'])
          .executeTakeFirstOrThrow();
        if (ep.enabled && ep.consecutive_failures >= deps.disableAfterFailures) {
          const reason = `${ep.consecutive_failures} deliveries in a row failed after all retries`;
          await tx.updateTable('webhook_endpoints').set({ enabled: false, disabled_reason: reason, updated_at: new Date() }).where('id', '=', ep.id).execute();
          await emitEvent(tx, 'webhook_endpoint.disabled', ep.workspace_id, { webhook: { id: ep.id, url: ep.url }, reason });
        }
      });
    },
  };
}

export type WebhookActivities = ReturnType<typeof createWebhookActivities>;
