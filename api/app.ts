// The HTTP app: request ids and logs, unauthenticated health/docs, then /v1 behind API-key auth.
import type { Client } from '@temporalio/client';
import { requestId } from 'hono/request-id';
import type { Config } from '../config/config.ts';
import type { Db } from '../db/db.ts';
import type { Cipher } from '../lib/crypto.ts';
import { asUnavailable, DomainError } from '../lib/errors.ts';
import type { Logger } from '../lib/logger.ts';
import type { ProviderRegistry } from '../providers/registry.ts';
import { createBackfillService } from '../services/backfills.ts';
import { createChangesService } from '../services/changes.ts';
import { createOrchestrator } from '../services/orchestrator.ts';
import { createConvergence } from '../services/convergence.ts';
import { createConnectorService } from '../services/connectors.ts';
import { createScheduleService } from '../services/schedules.ts';
import { createSyncService } from '../services/sync.ts';
import { createWebhookService } from '../services/webhooks.ts';
import { createOAuthService } from '../services/oauth.ts';
import { createOAuthAppService } from '../services/oauth-apps.ts';
import { docsRoutes } from './docs.ts';
import { webRoutes } from './web.ts';
import { authenticate } from './middleware/auth.ts';
import { connectSessionCors, connectSessionScope } from './middleware/connect-session.ts';
import { operationTable } from './operation-table.ts';
import { registerWebhookEvents } from './webhook-events.ts';
import { bodyLimit } from './middleware/body-limit.ts';
import { onError, unrouted } from './middleware/errors.ts';
import { inputHygiene } from './middleware/input-hygiene.ts';
import { routeTable } from './route-table.ts';
import { createRouter } from './router.ts';
import { idempotency } from './middleware/idempotency.ts';
import { rateLimit } from './middleware/rate-limit.ts';
import { createApiRateLimiter } from '../services/api-rate-limit.ts';
import { telemetry } from './middleware/telemetry.ts';
import { metricsRoutes } from './routes/metrics.ts';
import { apiRegistry } from '../lib/metrics.ts';
import { backfillRoutes } from './routes/backfills.ts';
import { changeRoutes } from './routes/changes.ts';
import { connectorTypeRoutes } from './routes/connector-types.ts';
import { connectorRoutes } from './routes/connectors.ts';
import { healthRoutes } from './routes/health.ts';
import { syncRoutes } from './routes/sync.ts';
import { webhookRoutes } from './routes/webhooks.ts';
import { oauthAuthorizeRoutes, oauthCallbackRoutes } from './routes/oauth.ts';
import { oauthAppRoutes } from './routes/oauth-apps.ts';
import { apiKeyRoutes } from './routes/api-keys.ts';
import { connectSessionRoutes } from './routes/connect-sessions.ts';
import { createApiKeyService } from '../services/workspaces.ts';
import { createConnectSessionService } from '../services/connect-sessions.ts';

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
  const app = createRouter();

  app.use('*', requestId({ headerName: 'x-request-id' }));
  app.use('*', telemetry());
  app.use('*', async (c, next) => {
    const log = logger.child({ request_id: c.get('requestId') });
    c.set('log', log);
    const started = performance.now();
    await next();
    log.info({ method: c.req.method, path: c.req.path, status: c.res.status, duration_ms: Math.round(performance.now() - started) }, 'request');
  });
  const routes = routeTable(() => app.routes);
  app.use('*', bodyLimit({ maxBytes: config.MAX_BODY_BYTES }));
  app.use('*', inputHygiene(routes));
  // Infrastructure that is down (PostgreSQL busy or unreachable) is a 503 the client may retry, not a 500;
  // a domain error's headers (Retry-After on 503 temporal_unavailable) travel with its answer.
  app.onError((err, c) => {
    const e = asUnavailable(err) ?? err;
    const res = onError(e, c);
    if (e instanceof DomainError) for (const [k, v] of Object.entries(e.headers)) res.headers.set(k, v);
    return res;
  });
  app.notFound(unrouted(routes));

  const orchestrator = createOrchestrator({ client: temporal, config });
  const sessions = createConnectSessionService({ db, config });
  const ops = operationTable(() => app.openAPIRegistry.definitions);
  app.route('/', healthRoutes(db, orchestrator));
  app.route('/', docsRoutes());
  app.route('/', metricsRoutes(apiRegistry, config.METRICS_TOKEN));
  app.route('/', webRoutes(sessions));
  app.doc31('/openapi.json', OPENAPI_INFO(config.PUBLIC_URL));
  registerComponents(app);

  const v1 = createRouter();
  const ratePolicy = { perKey: config.API_RATE_LIMIT_PER_KEY, perWorkspace: config.API_RATE_LIMIT_PER_WORKSPACE, windowSeconds: config.API_RATE_LIMIT_WINDOW_SECONDS };
  const limiter = createApiRateLimiter(db, ratePolicy);
  v1.use('*', authenticate(db, limiter.enabled ? limiter : undefined));
  v1.use('*', connectSessionScope(ops, db, new URL(config.PUBLIC_URL).origin));
  v1.use('*', rateLimit(limiter, ratePolicy));
  v1.use('*', idempotency(db));
  const convergence = createConvergence({ db, orchestrator, config });
  const schedules = createScheduleService({ db, orchestrator, convergence, config });
  const sync = createSyncService({ db, orchestrator, convergence });
  const backfills = createBackfillService({ db, orchestrator, providers, concurrency: config.BACKFILL_CONCURRENCY });
  const connectors = createConnectorService({ db, orchestrator, providers, cipher, convergence, config });
  const oauth = createOAuthService({ db, orchestrator, providers, cipher, config });
  v1.route('/', connectorTypeRoutes(providers));
  v1.route('/', connectorRoutes(connectors));
  v1.route('/', oauthAuthorizeRoutes(oauth, [new URL(config.PUBLIC_URL).origin, ...config.OAUTH_RETURN_URL_ORIGINS]));
  v1.route('/', oauthAppRoutes(createOAuthAppService({ db, cipher, providers, config })));
  v1.route('/', syncRoutes(sync, schedules, connectors));
  v1.route('/', webhookRoutes(createWebhookService({ db, orchestrator, cipher, allowPrivate: config.WEBHOOK_ALLOW_PRIVATE })));
  v1.route('/', backfillRoutes(backfills));
  v1.route('/', changeRoutes(createChangesService({ db })));
  v1.route('/', apiKeyRoutes(createApiKeyService(db)));
  v1.route('/', connectSessionRoutes(sessions));
  app.route('/', oauthCallbackRoutes(oauth)); // before /v1: the state authenticates, not an API key
  app.use('/v1/*', connectSessionCors(ops, db));
  app.route('/v1', v1);
  return app;
}

/** The document's head: the API, where it is, and that a workspace API key is the default credential. */
const OPENAPI_INFO = (publicUrl: string) => ({
  openapi: '3.1.0',
  info: {
    title: 'Tributary API',
    version: '1.0.0',
    description:
      'Connector orchestration: onboarding, syncs, backfills and webhooks on Temporal. Every operation has an `operationId` and declares exactly the statuses it can answer; errors are `{"error": {"code", "message", "details"}}`. The events Tributary POSTs to your endpoints are under `webhooks`.\n\nOne rule holds for every string the API reads (path, query, headers, JSON bodies, keys included): it must be valid UTF-8 without a NUL character or an unpaired surrogate; anything else is a 400 naming the field.',
  },
  servers: [{ url: publicUrl }],
  security: [{ bearerAuth: [] }],
});

function registerComponents(app: ReturnType<typeof createRouter>): void {
  const registry = app.openAPIRegistry;
  registry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer', bearerFormat: 'trb_…', description: 'A workspace API key (`trb_…`): `POST /v1/api-keys`, or `tributary api-key create` to bootstrap the first' });
  registry.registerComponent('securitySchemes', 'connectSession', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'tcs_…',
    description: 'A connect-session token (`POST /v1/connect-sessions`): only the operations that list it, on its one connector, from its allowed origins',
  });
  registerWebhookEvents(registry);
}

export type App = ReturnType<typeof createApp>;
