// The HTTP app: request ids and logs, unauthenticated health/docs, then /v1 behind API-key auth.
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Client } from '@temporalio/client';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import type { Config } from '../config/config.ts';
import type { Db } from '../db/db.ts';
import type { Cipher } from '../lib/crypto.ts';
import type { Logger } from '../lib/logger.ts';
import type { ProviderRegistry } from '../providers/registry.ts';
import { createBackfillService } from '../services/backfills.ts';
import { createConnectorService } from '../services/connectors.ts';
import { createScheduleService } from '../services/schedules.ts';
import { createSyncService } from '../services/sync.ts';
import { createWebhookService } from '../services/webhooks.ts';
import { createOAuthService } from '../services/oauth.ts';
import { createOAuthAppService } from '../services/oauth-apps.ts';
import { docsRoutes } from './docs.ts';
import { webRoutes } from './web.ts';
import type { AppEnv } from './env.ts';
import { apiKeyAuth } from './middleware/auth.ts';
import { errorBody, onError, validationHook } from './middleware/errors.ts';
import { idempotency } from './middleware/idempotency.ts';
import { backfillRoutes } from './routes/backfills.ts';
import { connectorTypeRoutes } from './routes/connector-types.ts';
import { connectorRoutes } from './routes/connectors.ts';
import { healthRoutes } from './routes/health.ts';
import { syncRoutes } from './routes/sync.ts';
import { webhookRoutes } from './routes/webhooks.ts';
import { oauthAuthorizeRoutes, oauthCallbackRoutes } from './routes/oauth.ts';
import { oauthAppRoutes } from './routes/oauth-apps.ts';

export interface AppDeps {
  config: Readonly<Config>;
  db: Db;
  temporal: Client;
  providers: ProviderRegistry;
  cipher: Cipher;
  logger: Logger;
}

export function createApp(deps: AppDeps) {
  const { config, db, temporal, providers, cipher, logger } = deps;
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.use('*', requestId({ headerName: 'x-request-id' }));
  app.use('*', async (c, next) => {
    const log = logger.child({ request_id: c.get('requestId') });
    c.set('log', log);
    const started = performance.now();
    await next();
    log.info({ method: c.req.method, path: c.req.path, status: c.res.status, duration_ms: Math.round(performance.now() - started) }, 'request');
  });
  app.onError(onError);
  app.notFound((c) => c.json(errorBody('not_found', `no route for ${c.req.method} ${c.req.path}`), 404));

  app.route('/', healthRoutes(db, temporal));
  app.route('/', docsRoutes());
  app.route('/', webRoutes());
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Tributary API', version: '1.0.0', description: 'Connector orchestration: onboarding, syncs, backfills and webhooks on Temporal.' },
    servers: [{ url: config.PUBLIC_URL }],
    security: [{ bearerAuth: [] }],
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer', description: 'A workspace API key (trb_…)' });

  const v1 = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  v1.use(
    '*',
    bodyLimit({
      maxSize: config.MAX_BODY_BYTES,
      onError: (c) => c.json(errorBody('payload_too_large', `request body exceeds ${config.MAX_BODY_BYTES} bytes`, [{ field: 'body', message: `larger than ${config.MAX_BODY_BYTES} bytes` }]), 413),
    }),
  );
  v1.use('*', apiKeyAuth(db));
  v1.use('*', idempotency(db));
  const schedules = createScheduleService({ db, temporal, config });
  const sync = createSyncService({ db, temporal, config, schedules });
  const backfills = createBackfillService({ db, temporal, providers, config });
  const connectors = createConnectorService({ db, temporal, providers, cipher, config, onDeleted: async (id) => { await sync.stopAll(id); await backfills.stopAll(id); } });
  const oauth = createOAuthService({ db, temporal, providers, cipher, config });
  v1.route('/', connectorTypeRoutes(providers));
  v1.route('/', connectorRoutes(connectors));
  v1.route('/', oauthAuthorizeRoutes(oauth));
  v1.route('/', oauthAppRoutes(createOAuthAppService({ db, cipher, providers, config })));
  v1.route('/', syncRoutes(sync, schedules, (ws, id) => connectors.get(ws, id)));
  v1.route('/', webhookRoutes(createWebhookService({ db, temporal, cipher, config, allowPrivate: config.WEBHOOK_ALLOW_PRIVATE })));
  v1.route('/', backfillRoutes(backfills));
  app.route('/', oauthCallbackRoutes(oauth)); // before /v1: the state authenticates, not an API key
  app.route('/v1', v1);
  return app;
}

export type App = ReturnType<typeof createApp>;
