// Webhook delivery activities: sign, POST with a timeout, record every attempt; disable endpoints that keep failing.
import type { Db } from '../db/db.ts';
import { secretSlots } from '../db/secret-columns.ts';
import type { Cipher } from '../lib/crypto.ts';
import { guardedPost } from '../lib/guarded-post.ts';
import { statusClass, webhookAttemptDuration, webhookAttempts, webhookDeliveries } from '../lib/metrics.ts';
import { signedHeaders } from '../lib/webhook-signing.ts';
import { emitEvent } from '../services/events.ts';

export interface WebhookActivityDeps {
  db: Db;
  cipher: Cipher;
  allowPrivate: boolean;
  attemptTimeoutMs: number;
  disableAfterFailures: number;
}

function msOf(duration: string): number {
  const m = /^(\d+)(ms|s|m|h)$/.exec(duration);
  if (!m) return 0;
  return Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h'];
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
      const body = JSON.stringify({ id: event.id, type: event.type, timestamp: event.created_at.toISOString(), data: event.payload });
      let status: number | null = null;
      let error: string | null = null;
      const started = performance.now();
      if (!ep.enabled) error = 'endpoint is disabled';
      else {
        try {
          // The URL policy is applied to the address actually connected to (resolved once: no DNS rebinding).
          status = await guardedPost(
            ep.url,
            { headers: { ...signedHeaders(cipher.decrypt(ep.secret_enc, secretSlots.webhookSecret(ep.id)), event.id, body), 'user-agent': 'Tributary-Webhooks/1' }, body, timeoutMs: deps.attemptTimeoutMs },
            { allowPrivate: deps.allowPrivate },
          );
          if (status < 200 || status >= 300) error = `receiver answered ${status}`;
        } catch (err) {
          const e = err as Error & { code?: string };
          if (e.name === 'TimeoutError') error = `timed out after ${deps.attemptTimeoutMs} ms`;
          else if (e.code === 'ERR_REFUSED_ADDRESS') error = e.message.startsWith('url ') ? e.message : `url refused: ${e.message}`;
          else error = `request failed: ${e.message}`;
        }
      }
      const latency = Math.round(performance.now() - started);
      const ok = error === null;
      webhookAttempts.inc({ outcome: ok ? 'success' : 'failure', status_class: statusClass(status ?? undefined) });
      webhookAttemptDuration.observe({ outcome: ok ? 'success' : 'failure' }, latency / 1000);
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
