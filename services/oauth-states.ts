// OAuth authorization attempts (`oauth_states`) and the one redirect URI every provider is registered with.
import type { DbOrTx } from '../db/db.ts';

export const OAUTH_CALLBACK_PATH = '/v1/connectors/oauth/callback';

export function oauthRedirectUri(publicUrl: string): string {
  return `${publicUrl}${OAUTH_CALLBACK_PATH}`;
}

/** Kills every live authorization attempt of a connector (superseded, or deleted): its state can no longer be used. */
export async function invalidateOAuthStates(db: DbOrTx, connectorId: string, reason: 'superseded' | 'connector_deleted', at = new Date()): Promise<number> {
  const live = await db
    .updateTable('oauth_states')
    .set({ invalidated_at: at, invalidated_reason: reason, code_enc: null, code_verifier_enc: null })
    .where('connector_id', '=', connectorId)
    .where('invalidated_at', 'is', null)
    .where('exchanged_at', 'is', null)
    .where('outcome', 'is', null)
    .returning('id')
    .execute();
  return live.length;
}
