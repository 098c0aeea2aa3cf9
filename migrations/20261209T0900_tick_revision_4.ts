// Workflow revision 4 (contracts/workflows.ts `WORKFLOW_REVISION`): every live schedule's action gets revision 4 and
// the `tickLocalPages` setting, so its ticks fetch their first pages inside their own workflow task (a local activity)
// and schedule an activity on the I/O queue only for a longer sync. One new desired version per live schedule; the
// reconciler re-applies each once, as for revision 3. Until then a schedule's ticks run as before.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    update connector_schedules s set desired_version = desired_version + 1, next_attempt_at = null, attempts = 0
    from connectors c where c.id = s.connector_id and c.status <> 'pending' and c.deleted_at is null`.execute(db);
}

export async function down(): Promise<void> {
  // Nothing to undo: an older release applies its own action on its next change of each schedule.
}
