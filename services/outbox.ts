// The outbox relay, in every worker process: turns committed events into deliveries for matching endpoints (one
// set-based pass per batch of events, claimed with SKIP LOCKED), then makes each new delivery's first attempt itself —
// many at once over kept-alive connections — and hands only deliveries that need a retry to their Temporal workflow
// (`webhook/whd_…`, starting at attempt 2 after the first wait of the retry schedule). Why: a workflow per delivery
// costs Temporal about a dozen history events and several persistence writes, so ~1,000 deliveries a second would need
// a Temporal cluster for webhooks alone; a first attempt that succeeds needs none of that. Nothing is lost: a delivery
// is claimed under a lease, and one whose relay died mid-attempt is attempted again (at least once; same webhook-id).
import { sql } from 'kysely';
import type { Config } from '../config/config.ts';
import type { Db } from '../db/db.ts';
import { secretSlots } from '../db/secret-columns.ts';
import type { Cipher } from '../lib/crypto.ts';
import { newId } from '../lib/ids.ts';
import { webhookDeliveries } from '../lib/metrics.ts';
import { eachBounded } from '../lib/each-bounded.ts';
import { createPollLoop } from '../lib/poll-loop.ts';
import type { Orchestrator } from './orchestrator.ts';
import { webhookSettings } from './orchestrator.ts';
import { eventBody, msOf, postWebhook, recordAttempt, type PostOutcome } from './webhook-post.ts';

export type OutboxConfig = Pick<
  Config,
  'OUTBOX_POLL_MS' | 'OUTBOX_BATCH_SIZE' | 'WEBHOOK_RELAY_CONCURRENCY' | 'WEBHOOK_RELAY_FIRST_ATTEMPT' | 'WEBHOOK_ALLOW_PRIVATE' | 'WEBHOOK_ATTEMPT_TIMEOUT_MS' | 'WEBHOOK_RETRY_SCHEDULE'
>;

/** How long a claimed first attempt is ours; after that another relay may make it (the POST has a shorter timeout). */
const LEASE_SECONDS = 120;

/** Starts the delivery's workflow (once) and records that it has one. */
export async function startDeliveryWorkflow(db: Db, orchestrator: Orchestrator, deliveryId: string, from?: { attempt: number; delay: string }): Promise<void> {
  await orchestrator.startWebhookDelivery(deliveryId, from);
  await db.updateTable('webhook_deliveries').set({ workflow_started: true }).where('id', '=', deliveryId).execute();
}

export function createOutboxRelay(deps: { db: Db; orchestrator: Orchestrator; cipher: Cipher; config: OutboxConfig; onError?: (err: unknown) => void }) {
  const { db, orchestrator, cipher, config } = deps;
  const batch = config.OUTBOX_BATCH_SIZE;
  const retrySchedule = webhookSettings(config).retrySchedule;
  const firstAttempts = config.WEBHOOK_RELAY_FIRST_ATTEMPT;

  /** Undispatched events → one delivery per matching endpoint, for a batch of events, in one transaction. */
  async function fanOut(): Promise<{ events: number; deliveries: number }> {
    return db.transaction().execute(async (tx) => {
      const events = await sql<{ id: string; workspace_id: string; type: string; connector_id: string | null }>`
        select id, workspace_id, type, connector_id from events where dispatched_at is null order by id limit ${batch} for update skip locked`.execute(tx);
      if (!events.rows.length) return { events: 0, deliveries: 0 };
      const ev = events.rows;
      // Pings are delivered by the endpoint's creation itself; every other event goes to each endpoint whose filters match.
      const matches = await sql<{ event_id: string; endpoint_id: string; workspace_id: string }>`
        select e.id as event_id, ep.id as endpoint_id, e.workspace_id
        from unnest(${ev.map((e) => e.id)}::text[], ${ev.map((e) => e.workspace_id)}::text[], ${ev.map((e) => e.type)}::text[], ${ev.map((e) => e.connector_id)}::text[])
          as e(id, workspace_id, type, connector_id)
        join webhook_endpoints ep on ep.workspace_id = e.workspace_id and ep.enabled and ep.deleted_at is null
          and (e.type = any(ep.events) or '*' = any(ep.events))
          and (ep.connector_ids is null or e.connector_id = any(ep.connector_ids))
        where e.type <> 'ping'
        order by e.id, ep.id`.execute(tx);
      const m = matches.rows;
      if (m.length) {
        await sql`
          insert into webhook_deliveries (id, endpoint_id, event_id, workspace_id, status)
          select id, endpoint_id, event_id, workspace_id, 'pending'
          from unnest(${m.map(() => newId('whd'))}::text[], ${m.map((x) => x.endpoint_id)}::text[], ${m.map((x) => x.event_id)}::text[], ${m.map((x) => x.workspace_id)}::text[])
            as d(id, endpoint_id, event_id, workspace_id)`.execute(tx);
      }
      await sql`update events set dispatched_at = now() where id = any(${ev.map((e) => e.id)}::text[])`.execute(tx);
      return { events: ev.length, deliveries: m.length };
    });
  }

  /**
   * First attempts of new deliveries: claimed under a lease, POSTed with bounded concurrency, recorded in bulk.
   * Delivered ones are done; the rest get their workflow, which retries on the schedule.
   */
  async function attemptNew(): Promise<number> {
    const claimed = await sql<{ id: string; endpoint_id: string; event_id: string }>`
      update webhook_deliveries set lease_until = now() + make_interval(secs => ${LEASE_SECONDS})
      where id in (
        select id from webhook_deliveries
        where status = 'pending' and not workflow_started and attempts = 0 and (lease_until is null or lease_until < now())
        order by id limit ${batch} for update skip locked)
      returning id, endpoint_id, event_id`.execute(db);
    const ds = claimed.rows;
    if (!ds.length) return 0;
    const endpoints = new Map(
      (await db.selectFrom('webhook_endpoints').select(['id', 'url', 'secret_enc', 'enabled', 'deleted_at']).where('id', 'in', [...new Set(ds.map((d) => d.endpoint_id))]).execute()).map((e) => [e.id, e]),
    );
    const events = new Map((await db.selectFrom('events').select(['id', 'type', 'created_at', 'payload']).where('id', 'in', [...new Set(ds.map((d) => d.event_id))]).execute()).map((e) => [e.id, e]));
    const secrets = new Map<string, string>();
    const outcomes = new Map<string, PostOutcome>();
    const gone: string[] = [];
    await eachBounded(ds, config.WEBHOOK_RELAY_CONCURRENCY, async (d) => {
      const ep = endpoints.get(d.endpoint_id);
      const event = events.get(d.event_id);
      if (!ep || ep.deleted_at || !event) return void gone.push(d.id);
      if (!ep.enabled) return void outcomes.set(d.id, recordAttempt({ status: null, error: 'endpoint is disabled', latencyMs: 0 }));
      let secret = secrets.get(ep.id);
      if (secret === undefined) secrets.set(ep.id, (secret = cipher.decrypt(ep.secret_enc, secretSlots.webhookSecret(ep.id))));
      outcomes.set(d.id, await postWebhook(ep.url, secret, event.id, eventBody(event), { allowPrivate: config.WEBHOOK_ALLOW_PRIVATE, attemptTimeoutMs: config.WEBHOOK_ATTEMPT_TIMEOUT_MS }));
    });

    const attempted = ds.filter((d) => outcomes.has(d.id));
    const ok = attempted.filter((d) => outcomes.get(d.id)!.error === null);
    const nextAt = retrySchedule.length ? new Date(Date.now() + msOf(retrySchedule[0]!)) : null;
    await db.transaction().execute(async (tx) => {
      if (attempted.length) {
        const o = attempted.map((d) => outcomes.get(d.id)!);
        await sql`
          insert into webhook_attempts (delivery_id, attempt, status_code, latency_ms, error)
          select id, 1, status, latency, error from unnest(${attempted.map((d) => d.id)}::text[], ${o.map((x) => x.status)}::int[], ${o.map((x) => x.latencyMs)}::int[], ${o.map((x) => x.error)}::text[])
            as a(id, status, latency, error)
          on conflict (delivery_id, attempt) do nothing`.execute(tx);
        // A delivered one is finished; a failed one waits for its workflow (the retry schedule's first wait), or fails
        // at once when the schedule has no retries.
        await sql`
          update webhook_deliveries d set attempts = 1, last_status_code = a.status, last_error = a.error, lease_until = null,
            status = case when a.error is null then 'delivered' when ${nextAt === null} then 'failed' else 'pending' end,
            finished_at = case when a.error is null or ${nextAt === null} then now() end,
            next_attempt_at = case when a.error is null then null else ${nextAt}::timestamptz end
          from unnest(${attempted.map((d) => d.id)}::text[], ${o.map((x) => x.status)}::int[], ${o.map((x) => x.error)}::text[]) as a(id, status, error)
          where d.id = a.id and d.status = 'pending'`.execute(tx);
      }
      if (ok.length) await sql`update webhook_endpoints set consecutive_failures = 0 where id = any(${[...new Set(ok.map((d) => d.endpoint_id))]}::text[]) and consecutive_failures <> 0`.execute(tx);
      if (gone.length) await sql`update webhook_deliveries set status = 'failed', last_error = 'endpoint deleted', finished_at = now(), lease_until = null where id = any(${gone}::text[]) and status = 'pending'`.execute(tx);
    });
    if (ok.length) webhookDeliveries.inc({ outcome: 'delivered' }, ok.length);
    return ds.length;
  }

  /**
   * Deliveries whose first attempt failed (or whose workflow start failed before): their retry workflow, once. With
   * first attempts off, every new delivery (not leased by a relay that has them on) gets its workflow from attempt 1.
   */
  async function startRetries(): Promise<number> {
    const waiting = await db
      .selectFrom('webhook_deliveries')
      .select(['id', 'attempts'])
      .where('status', '=', 'pending')
      .where('workflow_started', '=', false)
      .where((eb) => (firstAttempts ? eb('attempts', '>', 0) : eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', sql<Date>`now()`)])))
      .orderBy('id')
      .limit(batch)
      .execute();
    await eachBounded(waiting, 16, async (d) => {
      const delay = retrySchedule[d.attempts - 1];
      await startDeliveryWorkflow(db, orchestrator, d.id, delay ? { attempt: d.attempts + 1, delay } : undefined);
    });
    return waiting.length;
  }

  /**
   * One pass; true when a batch was full (more may be waiting: the next pass starts at once). The next batch of events
   * is fanned out while the deliveries already there are POSTed (the database work overlaps the network's).
   */
  async function tick(): Promise<boolean> {
    // Two lanes of first attempts (their claims are disjoint: SKIP LOCKED and the lease), so one lane's POSTs overlap
    // the other's claiming and recording.
    const none = async () => 0;
    const [fanned, a1, a2] = await Promise.all([fanOut(), firstAttempts ? attemptNew() : none(), firstAttempts ? attemptNew() : none()]);
    const attempted = Math.max(a1, a2);
    const retries = await startRetries();
    return fanned.events >= batch || fanned.deliveries > 0 || attempted >= batch || retries >= batch;
  }

  return { tick, ...createPollLoop(tick, config.OUTBOX_POLL_MS, deps.onError) };
}
