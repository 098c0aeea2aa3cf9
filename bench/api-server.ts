// The API benchmark's server process: `real` is `tributary api` itself (runApi: logging, telemetry, input hygiene,
// auth, rate limits, validation — everything production runs); `bare` is the baseline, a bare Hono app doing the same
// key lookup (SHA-256 of the bearer key, one indexed SELECT), the same row read and the same view, on a pg pool of
// the same size. Run as `node --import tsx bench/api-server.ts real|bare` with the API's environment.
import { createHash } from 'node:crypto';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import pg from 'pg';
import { runApi } from '../api/server.ts';
import { loadConfig } from '../config/config.ts';
import { toView } from '../services/connectors.ts';

const mode = process.argv[2];
const config = loadConfig(process.env);

if (mode === 'real') {
  await runApi(config);
} else if (mode === 'bare') {
  const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: config.DATABASE_POOL_MAX });
  const app = new Hono();
  const workspaceOf = async (header: string | undefined): Promise<string | undefined> => {
    const key = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
    if (!key) return undefined;
    const r = await pool.query('select id, workspace_id from api_keys where key_hash = $1 and revoked_at is null', [createHash('sha256').update(key).digest('hex')]);
    return r.rows[0]?.workspace_id;
  };
  app.get('/v1/connectors/:id', async (c) => {
    const ws = await workspaceOf(c.req.header('authorization'));
    if (!ws) return c.json({ error: { code: 'unauthorized' } }, 401);
    const r = await pool.query('select * from connectors where id = $1 and workspace_id = $2 and deleted_at is null', [c.req.param('id'), ws]);
    return r.rows[0] ? c.json(toView(r.rows[0], 'api_key')) : c.json({ error: { code: 'not_found' } }, 404);
  });
  app.get('/v1/connectors', async (c) => {
    const ws = await workspaceOf(c.req.header('authorization'));
    if (!ws) return c.json({ error: { code: 'unauthorized' } }, 401);
    const limit = Number(c.req.query('limit') ?? 50);
    const r = await pool.query('select * from connectors where workspace_id = $1 and deleted_at is null order by id desc limit $2', [ws, limit + 1]);
    return c.json({ data: r.rows.slice(0, limit).map((row) => toView(row, 'api_key')), next_cursor: r.rows.length > limit ? r.rows[limit - 1].id : null });
  });
  app.get('/healthz', (c) => c.json({ ok: true }));
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: '127.0.0.1' });
  const stop = () => server.close(() => void pool.end().then(() => process.exit(0)));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
} else {
  throw new Error('usage: api-server.ts real|bare');
}
