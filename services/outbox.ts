// The outbox relay: turns committed events into deliveries for matching endpoints and starts one
// Temporal workflow per delivery. Runs in every worker process; rows are claimed with SKIP LOCKED.
import { sql } from 'kysely';
import type { Config } from '../config/config.ts';
import type { Db } from '../db/db.ts';
import { newId } from '../lib/ids.ts';
import { createPollLoop } from '../lib/poll-loop.ts';
import type { Orchestrator } from './orchestrator.ts';

export type OutboxConfig = Pick<Config, 'OUTBOX_POLL_MS'>;

/** Starts the delivery's workflow (once) and records that it has one. */
export async function startDeliveryWorkflow(db: Db, orchestrator: Orchestrator, deliveryId: string): Promise<void> {
  await orchestrator.startWebhookDelivery(deliveryId);
  await db.updateTable('webhook_deliveries').set({ workflow_started: true }).where('id', '=', deliveryId).execute();
}

export function createOutboxRelay(deps: { db: Db; orchestrator: Orchestrator; config: OutboxConfig; onError?: (err: unknown) => void }) {
  const { db, orchestrator, config } = deps;

  /** One pass: fan out undispatched events, then start workflows for deliveries that have none. */
  async function tick(): Promise<number> {
    const created = await db.transaction().execute(async (tx) => {
      const events = await sql<{ id: string; workspace_id: string; type: string; connector_id: string | null }>`
        select id, workspace_id, type, connector_id from events where dispatched_at is null order by id limit 200 for update skip locked`.execute(tx);
      let n = 0;
      for (const e of events.rows) {
        if (e.type !== 'ping') {
          const endpoints = await tx
            .selectFrom('webhook_endpoints')
            .select('id')
            .where('workspace_id', '=', e.workspace_id)
            .where('enabled', '=', true)
            .where('deleted_at', 'is', null)
            .where((eb) => eb.or([sql<boolean>`${e.type} = any(events)`, sql<boolean>`'*' = any(events)`]))
            .where((eb) => eb.or([eb('connector_ids', 'is', null), e.connector_id ? sql<boolean>`${e.connector_id} = any(connector_ids)` : sql<boolean>`false`]))
            .execute();
          for (const ep of endpoints) {
            await tx.insertInto('webhook_deliveries').values({ id: newId('whd'), endpoint_id: ep.id, event_id: e.id, workspace_id: e.workspace_id, status: 'pending' }).execute();
            n++;
          }
        }
        await tx.updateTable('events').set({ dispatched_at: new Date() }).where('id', '=', e.id).execute();
      }
      return n;
    });
    const unstarted = await db.selectFrom('webhook_deliveries').select('id').where('workflow_started', '=', false).orderBy('id').limit(500).execute();
    for (const d of unstarted) await startDeliveryWorkflow(db, orchestrator, d.id);
    return created;
  }

  return { tick, ...createPollLoop(tick, config.OUTBOX_POLL_MS, deps.onError) };
}
