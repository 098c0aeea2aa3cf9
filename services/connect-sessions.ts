// Connect sessions: a short-lived, single-purpose token a product hands to its user's browser so that it can
// complete one connection (pick the type, create and name the connector, paste an API key or authorize, see the
// test) and nothing else. The token is stored hashed; it dies at `expires_at`, or once its connector is seen
// connected (`used_at`), and is checked in PostgreSQL on every request.
import { sql } from 'kysely';
import type { Config } from '../config/config.ts';
import { findConnectorInWorkspace, findLiveConnector } from '../db/connectors.repository.ts';
import type { Db, DbOrTx } from '../db/db.ts';
import type { ConnectSessionsTable } from '../db/schema.ts';
import { randomToken, sha256Hex } from '../lib/crypto.ts';
import { DomainError, notFound } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';
import type { Selectable } from 'kysely';

export const CONNECT_SESSION_TOKEN_PREFIX = 'tcs_';

/** What a request made with a connect-session token may touch (set on the request by the auth middleware). */
export interface ConnectSessionContext {
  id: string;
  workspaceId: string;
  /** The one type it may connect, or null: any. */
  connectorType: string | null;
  /** Its one connector, once there is one. */
  connectorId: string | null;
  allowedOrigins: string[];
}

export interface EndUser {
  id: string;
  name?: string;
  email?: string;
}

export interface ConnectSessionView {
  id: string;
  connector_type: string | null;
  connector_id: string | null;
  end_user: EndUser | null;
  allowed_origins: string[];
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface ConnectSessionInput {
  connector_type?: string;
  connector_id?: string;
  end_user?: EndUser;
  allowed_origins?: string[];
}

type Row = Selectable<ConnectSessionsTable>;

export function sessionView(row: Row): ConnectSessionView {
  return {
    id: row.id,
    connector_type: row.connector_type,
    connector_id: row.connector_id,
    end_user: row.end_user,
    allowed_origins: row.allowed_origins,
    created_at: row.created_at.toISOString(),
    expires_at: new Date(row.expires_at).toISOString(),
    used_at: row.used_at === null ? null : new Date(row.used_at).toISOString(),
  };
}

const context = (row: Row): ConnectSessionContext => ({ id: row.id, workspaceId: row.workspace_id, connectorType: row.connector_type, connectorId: row.connector_id, allowedOrigins: row.allowed_origins });

/** A refused session still names its origins, so that a cross-origin caller can read the 401. */
export type SessionAuthentication = { ok: true; session: ConnectSessionContext } | { ok: false; reason: string; allowedOrigins?: string[] };

/** Resolves a presented token; unknown, expired and used tokens are refused with the reason. */
export async function authenticateConnectSession(db: Db, presented: string): Promise<SessionAuthentication> {
  if (!presented.startsWith(CONNECT_SESSION_TOKEN_PREFIX) || presented.length > 200) return { ok: false, reason: 'invalid connect session token' };
  const row = await db
    .selectFrom('connect_sessions')
    .selectAll()
    .select(sql<boolean>`expires_at <= now()`.as('expired'))
    .where('token_hash', '=', sha256Hex(presented))
    .executeTakeFirst();
  if (!row) return { ok: false, reason: 'invalid connect session token' };
  if (row.used_at) return { ok: false, reason: `connect session ${row.id} was used: its connection is complete`, allowedOrigins: row.allowed_origins };
  if (row.expired) return { ok: false, reason: `connect session ${row.id} expired at ${new Date(row.expires_at).toISOString()}; create a new one`, allowedOrigins: row.allowed_origins };
  return { ok: true, session: context(row) };
}

/**
 * Binds a connector made through the session to it, in the transaction that creates the connector: only a
 * session without one may (two racing creates: one wins, the other is a 409).
 */
export async function bindSessionConnector(tx: DbOrTx, sessionId: string, connectorId: string): Promise<void> {
  const bound = await tx.updateTable('connect_sessions').set({ connector_id: connectorId }).where('id', '=', sessionId).where('connector_id', 'is', null).returning('id').executeTakeFirst();
  if (!bound) throw new DomainError('session_connector_exists', `connect session ${sessionId} already has its connector; a session connects one`);
}

/** The session is spent once its connector is seen connected (that answer still goes out; the next is a 401). */
export async function spendIfConnected(db: Db, sessionId: string, connectorId: string): Promise<boolean> {
  if ((await findLiveConnector(db, connectorId))?.status !== 'connected') return false;
  const spent = await db
    .updateTable('connect_sessions')
    .set({ used_at: sql`now()` })
    .where('id', '=', sessionId)
    .where('used_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return spent !== undefined;
}

/**
 * A CORS preflight carries no token: it is answered for an origin that some session of any workspace lists and
 * that was live within the last day — so that a page can also read the 401 of its spent or just-expired token.
 */
export async function originOfRecentSession(db: Db, origin: string): Promise<boolean> {
  const row = await db
    .selectFrom('connect_sessions')
    .select('id')
    .where('expires_at', '>', sql<Date>`now() - interval '1 day'`)
    .where(sql<boolean>`${origin} = any(allowed_origins)`)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export function createConnectSessionService(deps: { db: Db; config: Pick<Config, 'CONNECT_SESSION_TTL_MINUTES' | 'PUBLIC_URL'> }) {
  const { db, config } = deps;
  return {
    /** A new session; the token is in this answer only, with the URL of the embeddable flow. */
    async create(workspaceId: string, createdBy: string, input: ConnectSessionInput): Promise<ConnectSessionView & { token: string; connect_url: string }> {
      let type = input.connector_type ?? null;
      if (input.connector_id) {
        const c = await findConnectorInWorkspace(db, workspaceId, input.connector_id).catch((err) => {
          if (err instanceof DomainError && err.code === 'not_found') throw new DomainError('not_found', `connector_id: no connector ${input.connector_id} in this workspace`, [{ field: 'connector_id', message: 'no such connector in this workspace' }]);
          throw err;
        });
        if (type && c.type !== type) throw new DomainError('wrong_type', `connector ${c.id} is a ${c.type} connector, not ${type}`, [{ field: 'connector_type', message: `must be ${c.type} (the connector's type) or omitted` }]);
        type = c.type;
      }
      const token = `${CONNECT_SESSION_TOKEN_PREFIX}${randomToken(32)}`;
      const row = await db
        .insertInto('connect_sessions')
        .values({
          id: newId('cs'),
          workspace_id: workspaceId,
          token_hash: sha256Hex(token),
          connector_type: type,
          connector_id: input.connector_id ?? null,
          end_user: input.end_user ? JSON.stringify(input.end_user) : null,
          allowed_origins: [...new Set((input.allowed_origins ?? []).map((o) => new URL(o).origin))],
          created_by: createdBy,
          expires_at: sql<Date>`now() + make_interval(mins => ${config.CONNECT_SESSION_TTL_MINUTES})`,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      // The token rides in the fragment: never sent to the server, never in a Referer.
      return { ...sessionView(row), token, connect_url: `${config.PUBLIC_URL}/connect/${row.id}#token=${token}` };
    },

    /** The session a token belongs to, as the embedded flow shows it. */
    async current(sessionId: string): Promise<ConnectSessionView> {
      return sessionView(await db.selectFrom('connect_sessions').selectAll().where('id', '=', sessionId).executeTakeFirstOrThrow());
    },

    /** A session of the workspace (for the product that made it: is the connection complete?). */
    async get(workspaceId: string, id: string): Promise<ConnectSessionView> {
      const row = await db.selectFrom('connect_sessions').selectAll().where('id', '=', id).where('workspace_id', '=', workspaceId).executeTakeFirst();
      if (!row) throw notFound('connect session', id);
      return sessionView(row);
    },

    /**
     * Who may frame the embedded flow of a session (its allowed origins, also once it is spent or expired, so the
     * flow can say so), or null for no such session.
     */
    async framing(sessionId: string): Promise<{ allowedOrigins: string[] } | null> {
      const row = await db.selectFrom('connect_sessions').select('allowed_origins').where('id', '=', sessionId).executeTakeFirst();
      return row ? { allowedOrigins: row.allowed_origins } : null;
    },
  };
}

export type ConnectSessionService = ReturnType<typeof createConnectSessionService>;
