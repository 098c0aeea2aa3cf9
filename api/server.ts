// `tributary api`: serves the HTTP app until SIGINT/SIGTERM.
import { serve } from '@hono/node-server';
import type { Config } from '../config/config.ts';
import { createDbFromConfig } from '../db/db.ts';
import { createCipher } from '../lib/crypto.ts';
import { createLogger } from '../lib/logger.ts';
import { createTemporalClient } from '../lib/temporal.ts';
import { createProviderRegistry } from '../providers/registry.ts';
import { createApp } from './app.ts';

export async function runApi(config: Readonly<Config>): Promise<void> {
  const logger = createLogger({ level: config.LOG_LEVEL, name: 'tributary-api' });
  const db = createDbFromConfig(config);
  const temporal = await createTemporalClient(config);
  const app = createApp({ config, db, temporal, providers: createProviderRegistry(config), cipher: createCipher(config.encryptionKeys), logger });
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
    logger.info({ port: info.port, public_url: config.PUBLIC_URL }, 'api listening');
  });
  await new Promise<void>((resolve) => {
    const stop = () => server.close(() => resolve());
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await temporal.connection.close();
  await db.destroy();
  logger.info('api stopped');
}
