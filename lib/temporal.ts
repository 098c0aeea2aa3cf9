// Temporal connection helpers: envconfig-based options (TLS, API key, Temporal Cloud) and the client.
import { loadClientConnectConfig } from '@temporalio/envconfig';
import { Client, Connection } from '@temporalio/client';
import type { Config } from '../config/config.ts';

/** Connection options from TEMPORAL_* variables and the envconfig profile (TLS, API key, Temporal Cloud). */
export function temporalConnectOptions(config: Pick<Config, 'TEMPORAL_ADDRESS' | 'TEMPORAL_NAMESPACE'>, env: NodeJS.ProcessEnv = process.env) {
  const overrideEnvVars: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (k.startsWith('TEMPORAL_') && v) overrideEnvVars[k] = v;
  overrideEnvVars.TEMPORAL_ADDRESS = config.TEMPORAL_ADDRESS;
  overrideEnvVars.TEMPORAL_NAMESPACE = config.TEMPORAL_NAMESPACE;
  const { connectionOptions } = loadClientConnectConfig({ overrideEnvVars, disableFile: !env.TEMPORAL_CONFIG_FILE });
  return connectionOptions;
}

/**
 * A client whose connection is made on first use: an API process starts (and serves what needs only the
 * database) even while Temporal is down; calls that need Temporal then answer 503 temporal_unavailable.
 */
export async function createTemporalClient(config: Pick<Config, 'TEMPORAL_ADDRESS' | 'TEMPORAL_NAMESPACE'>): Promise<Client> {
  const opts = temporalConnectOptions(config);
  const connection = Connection.lazy({
    address: opts.address,
    tls: opts.tls,
    apiKey: opts.apiKey,
    metadata: opts.metadata,
  });
  return new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
}
