// Unauthenticated liveness and readiness: /readyz checks PostgreSQL and Temporal.
import { z } from '@hono/zod-openapi';
import { operation } from '../contract.ts';
import { sql } from 'kysely';
import type { Db } from '../../db/db.ts';
import type { Orchestrator } from '../../services/orchestrator.ts';
import { createRouter } from '../router.ts';
import { json } from '../schemas.ts';

const Health = z.object({ status: z.enum(['ok', 'unavailable']), checks: z.record(z.string(), z.object({ ok: z.boolean(), error: z.string().optional() })).optional() }).openapi('Health');

const healthz = operation({ operationId: 'healthz', public: true, database: false, method: 'get', path: '/healthz', tags: ['Health'], summary: 'Liveness (no key needed)', responses: { 200: json(Health, 'Process is up') } });
const readyz = operation({
  operationId: 'readyz',
  public: true,
  method: 'get',
  path: '/readyz',
  tags: ['Health'],
  summary: 'Readiness: PostgreSQL and Temporal reachable (no key needed)',
  responses: { 200: json(Health, 'Ready'), 503: json(Health, 'A dependency is unavailable') },
});

async function check(fn: () => Promise<unknown>): Promise<{ ok: boolean; error?: string }> {
  try {
    await Promise.race([fn(), new Promise((_, rej) => setTimeout(() => rej(new Error('timed out after 3s')), 3000))]);
    return { ok: true };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

export function healthRoutes(db: Db, orchestrator: Orchestrator) {
  const app = createRouter();
  app.openapi(healthz, (c) => c.json({ status: 'ok' as const }, 200));
  app.openapi(readyz, async (c) => {
    const [postgres, temporalCheck] = await Promise.all([
      check(() => sql`select 1`.execute(db)),
      check(() => orchestrator.ping()),
    ]);
    const ok = postgres.ok && temporalCheck.ok;
    return c.json({ status: ok ? ('ok' as const) : ('unavailable' as const), checks: { postgres, temporal: temporalCheck } }, ok ? 200 : 503);
  });
  return app;
}
