// `tributary api`: serves the HTTP app until SIGINT/SIGTERM, then drains: no new connections, requests in
// flight get up to API_DRAIN_SECONDS to finish, whatever is still open after that is closed, then the pool.
// `serveApp` is the one way the app is put on a socket (the API process and the tests that need a real server
// use it), so socket-level behaviour is shared.
import type { Server } from 'node:http';
import { serve, type ServerType } from '@hono/node-server';
import type { Config } from '../config/config.ts';
import { createDbFromConfig } from '../db/db.ts';
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

/** Stops accepting, waits for in-flight requests up to `deadlineMs`, then cuts what is left. Resolves how it ended. */
export function drain(server: Server, deadlineMs: number): Promise<'drained' | 'deadline'> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      server.closeAllConnections();
      resolve('deadline');
    }, deadlineMs);
    server.close(() => {
      clearTimeout(timer);
      resolve('drained');
    });
    server.closeIdleConnections(); // keep-alive sockets with no request in flight
  });
}

export async function runApi(config: Readonly<Config>): Promise<void> {
  const logger = createLogger({ level: config.LOG_LEVEL, name: 'tributary-api' });
  const tracing = startTracing(config, 'tributary-api');
  const db = createDbFromConfig(config);
  const temporal = await createTemporalClient(config);
  const app = createApp({ config, db, temporal, providers: createProviderRegistry(config), cipher: createCipher(config.encryptionKeys), logger });
  const server = serveApp(app, { port: config.PORT, hostname: config.HOST }, (port) => {
    logger.info({ port, public_url: config.PUBLIC_URL }, 'api listening');
  }) as Server;
  const signal = await new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  logger.info({ signal, drain_seconds: config.API_DRAIN_SECONDS }, 'api draining');
  const how = await drain(server, config.API_DRAIN_SECONDS * 1000);
  if (how === 'deadline') logger.warn({ drain_seconds: config.API_DRAIN_SECONDS }, 'drain deadline reached: open requests were cut off');
  await temporal.connection.close();
  await db.destroy();
  await tracing?.shutdown();
  logger.info('api stopped');
}
