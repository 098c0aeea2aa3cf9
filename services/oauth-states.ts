// OAuth authorization attempts (`oauth_states`), the start page every authorization begins on, and the one
// redirect URI every provider is registered with.
import type { DbOrTx } from '../db/db.ts';

export const OAUTH_CALLBACK_PATH = '/v1/connectors/oauth/callback';
export const OAUTH_START_PATH = '/v1/connectors/oauth/start';

export function oauthRedirectUri(publicUrl: string): string {
  return `${publicUrl}${OAUTH_CALLBACK_PATH}`;
}

/** Tributary's page that names the workspace and connector of an attempt before the browser goes to the provider. */
export function oauthStartUrl(publicUrl: string, state: string): string {
  return `${publicUrl}${OAUTH_START_PATH}?state=${encodeURIComponent(state)}`;
}

/**
 * Kills every live authorization attempt of a connector (superseded, or deleted) — but `exceptId`, the attempt
 * that supersedes them: their states can no longer be used.
 */
export async function invalidateOAuthStates(db: DbOrTx, connectorId: string, reason: 'superseded' | 'connector_deleted', at = new Date(), exceptId?: string): Promise<number> {
  let q = db
    .updateTable('oauth_states')
    .set({ invalidated_at: at, invalidated_reason: reason, code_enc: null, code_verifier_enc: null })
    .where('connector_id', '=', connectorId)
    .where('invalidated_at', 'is', null)
    .where('exchanged_at', 'is', null)
    .where('outcome', 'is', null);
  if (exceptId) q = q.where('id', '<', exceptId);
  const live = await q.returning('id').execute();
  return live.length;
}
