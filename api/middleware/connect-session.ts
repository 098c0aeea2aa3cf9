// What a connect-session token may do: the operations that list the `connectSession` scheme, on its one connector
// (and its one type), from the origins it lists. Cross-origin callers it allows get CORS headers; a preflight
// (which carries no token) is answered for an origin some recent session allows, and the request itself is then
// held to its own session's list. After a successful answer the session is spent once its connector is connected.
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { Db } from '../../db/db.ts';
import { DomainError, notFound } from '../../lib/errors.ts';
import { originOfRecentSession, spendIfConnected, type ConnectSessionContext } from '../../services/connect-sessions.ts';
import type { AppEnv } from '../env.ts';
import type { OperationTable } from '../operation-table.ts';

/** The connect session of the request, if a connect-session token authenticated it. */
export const sessionOf = (c: Context<AppEnv>): ConnectSessionContext | undefined => c.get('connectSession');

const ALLOW_HEADERS = 'authorization, content-type, idempotency-key';
const EXPOSE_HEADERS = 'x-request-id, location, retry-after, ratelimit-limit, ratelimit-remaining, ratelimit-reset, ratelimit-policy, idempotency-replayed';

/** Scopes a connect-session request (runs after authentication, before rate limits and idempotency). */
export function connectSessionScope(ops: OperationTable, db: Db, publicOrigin: string) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const session = c.get('connectSession');
    if (!session) return next();
    const origin = c.req.header('origin');
    const found = ops.find(c.req.method, c.req.path);
    if (!found) return next(); // no such operation: the usual 404 or 405
    const { op, params } = found;
    if (!op.connectSession) {
      throw new DomainError('unauthorized', `a connect session token cannot call ${op.operationId}: it may only complete its one connection (catalog, create, credentials or authorize, test); use an API key`);
    }
    if (origin && origin !== publicOrigin && !session.allowedOrigins.includes(origin)) {
      throw new DomainError('origin_not_allowed', `connect session ${session.id} does not allow calls from ${origin}; allowed: ${session.allowedOrigins.join(', ') || 'none (only the embedded flow itself)'}`);
    }
    if (params.id !== undefined && params.id !== session.connectorId) throw notFound('connector', params.id);
    if (params.type !== undefined && session.connectorType && params.type !== session.connectorType) throw notFound('connector type', params.type);
    await next();
    if (c.res.status < 300 && session.connectorId) await spendIfConnected(db, session.id, session.connectorId);
  });
}

/** CORS for connect sessions: preflights, and the headers on answers to an allowed cross-origin caller. */
export function connectSessionCors(ops: OperationTable, db: Db) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const origin = c.req.header('origin');
    const wanted = c.req.header('access-control-request-method');
    if (c.req.method === 'OPTIONS' && origin && wanted) {
      const found = ops.find(wanted.toUpperCase(), c.req.path);
      if (found?.op.connectSession && (await originOfRecentSession(db, origin))) {
        return c.body(null, 204, {
          'access-control-allow-origin': origin,
          'access-control-allow-methods': found.op.method,
          'access-control-allow-headers': ALLOW_HEADERS,
          'access-control-max-age': '600',
          vary: 'Origin',
        });
      }
      return next();
    }
    await next();
    const allowed = c.get('corsOrigin');
    if (allowed) {
      c.res.headers.set('access-control-allow-origin', allowed);
      c.res.headers.set('access-control-expose-headers', EXPOSE_HEADERS);
      c.res.headers.append('vary', 'Origin');
    }
  });
}
