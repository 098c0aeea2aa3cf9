// `tributary api`: serves the HTTP app until SIGINT/SIGTERM. `serveApp` is the one way the app is put on a
// socket (the API process and the tests that need a real server use it), so socket-level behaviour is shared.
import { serve, type ServerType } from '@hono/node-server';
import type { Config } from '../config/config.ts';
import { createDb } from '../db/db.ts';
import { createCipher } from '../lib/crypto.ts';
import { createLogger } from '../lib/logger.ts';
import { createTemporalClient } from '../lib/temporal.ts';
import { startTracing } from '../lib/tracing.ts';
import { createProviderRegistry } from '../providers/registry.ts';
import { createApp, type App } from './app.ts';

/**
 * Request line plus headers a client may send. Node's default (16 KiB) answers 431 before the app sees the
 * request; a provider's OAuth callback with a long code, state and error description must reach the app.
 */
export const MAX_HEADER_BYTES = 64 * 1024;

export function serveApp(app: App, opts: { port: number; hostname: string }, onListening?: (port: number) => void): ServerType {
  return serve({ fetch: app.fetch, port: opts.port, hostname: opts.hostname, serverOptions: { maxHeaderSize: MAX_HEADER_BYTES } }, (info) => onListening?.(info.port));
}

export async function runApi(config: Readonly<Config>): Promise<void> {
  const logger = createLogger({ level: config.LOG_LEVEL, name: 'tributary-api' });
  const tracing = startTracing(config, 'tributary-api');
  const db = createDb(config.DATABASE_URL, config.DATABASE_POOL_MAX);
  const temporal = await createTemporalClient(config);
  const app = createApp({ config, db, temporal, providers: createProviderRegistry(config), cipher: createCipher(config.encryptionKey), logger });
  const server = serveApp(app, { port: config.PORT, hostname: config.HOST }, (port) => {
    logger.info({ port, public_url: config.PUBLIC_URL }, 'api listening');
  });
  await new Promise<void>((resolve) => {
    const stop = () => server.close(() => resolve());
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await temporal.connection.close();
  await db.destroy();
  await tracing?.shutdown();
  logger.info('api stopped');
}
