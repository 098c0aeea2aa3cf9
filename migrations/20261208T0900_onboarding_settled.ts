// An API-key onboarding remembers how it settled its candidate credentials, on the connector: which candidate, its test
// result, whether settling it connected the connector. Onboarding's steps are local activities, so a worker that dies
// after the settling transaction commits — before its workflow task completes — has them run again on replay; they
// now answer what the first run decided instead of finding the candidate gone ("superseded") and skipping the
// connector's schedule and first sync. The first sync an onboarding starts is keyed by its candidate (`tick_id`
// `onboarding/<candidate id>`, unique), so a replayed activation finds it instead of starting another.
import { type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('connectors').addColumn('settled_candidate_id', 'text').addColumn('settled_candidate', 'jsonb').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('connectors').dropColumn('settled_candidate_id').dropColumn('settled_candidate').execute();
}
