// Workspaces and their API keys (stored as SHA-256 hashes; the plaintext is shown once, at creation).
import type { DbOrTx } from '../db/db.ts';
import { randomToken, sha256Hex } from '../lib/crypto.ts';
import { newId } from '../lib/ids.ts';

export const API_KEY_PREFIX = 'trb_';

/** Creates the workspace if needed and a new API key for it; returns the plaintext key. */
export async function createApiKey(db: DbOrTx, workspaceName: string): Promise<{ key: string; workspaceId: string; keyId: string }> {
  await db
    .insertInto('workspaces')
    .values({ id: newId('ws'), name: workspaceName })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const ws = await db.selectFrom('workspaces').select('id').where('name', '=', workspaceName).executeTakeFirstOrThrow();
  const key = `${API_KEY_PREFIX}${randomToken(32)}`;
  const keyId = newId('key');
  await db
    .insertInto('api_keys')
    .values({ id: keyId, workspace_id: ws.id, key_hash: sha256Hex(key), prefix: key.slice(0, 10) })
    .execute();
  return { key, workspaceId: ws.id, keyId };
}

/** The stored hash of a presented key, or undefined when it cannot be one of ours. */
export function apiKeyHash(presented: string): string | undefined {
  return presented.startsWith(API_KEY_PREFIX) && presented.length <= 200 ? sha256Hex(presented) : undefined;
}

/** Resolves a presented key to its workspace, or undefined for unknown/revoked keys. */
export async function authenticateApiKey(db: DbOrTx, presented: string): Promise<{ workspaceId: string; keyId: string } | undefined> {
  const hash = apiKeyHash(presented);
  if (!hash) return undefined;
  const row = await db
    .selectFrom('api_keys')
    .select(['id', 'workspace_id'])
    .where('key_hash', '=', hash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row ? { workspaceId: row.workspace_id, keyId: row.id } : undefined;
}
