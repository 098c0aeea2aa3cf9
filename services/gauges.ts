// The worker's gauges that are facts in PostgreSQL (connectors by status, the outbox backlog, overdue schedules), read at scrape time.
import { sql } from 'kysely';
import { countConnectorsByTypeAndStatus } from '../db/connectors.repository.ts';
import type { Db } from '../db/db.ts';
import { dbGauges } from '../lib/metrics.ts';

export async function refreshDbGauges(db: Db): Promise<void> {
  const [connectors, outbox, unstarted, overdue] = await Promise.all([
    countConnectorsByTypeAndStatus(db),
    sql<{ n: number; age: number | null }>`select count(*)::int as n, extract(epoch from now() - min(created_at))::float8 as age from events where dispatched_at is null`.execute(db),
    sql<{ n: number }>`select count(*)::int as n from webhook_deliveries where workflow_started = false`.execute(db),
    sql<{ n: number }>`select count(*)::int as n from connector_schedules where overdue_since is not null`.execute(db),
  ]);
  dbGauges.connectors.reset();
  for (const c of connectors) dbGauges.connectors.set({ connector_type: c.type, status: c.status }, c.n);
  dbGauges.outboxBacklog.set(outbox.rows[0]?.n ?? 0);
  dbGauges.outboxOldestAge.set(Math.max(0, outbox.rows[0]?.age ?? 0));
  dbGauges.deliveriesUnstarted.set(unstarted.rows[0]?.n ?? 0);
  dbGauges.schedulesOverdue.set(overdue.rows[0]?.n ?? 0);
}
