// Temporal connection helpers: envconfig-based options (TLS, API key, Temporal Cloud) and the client.
import { Client, Connection, type WorkflowClientInterceptor } from '@temporalio/client';
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry';
import type { Config } from '../config/config.ts';
import { loadTemporalProfile } from '../config/temporal-target.ts';
import { requestIdClientInterceptor } from './request-context.ts';

/** Connection options: the profile and set TEMPORAL_* variables (TLS, API key), at the configured address. */
export function temporalConnectOptions(config: Pick<Config, 'TEMPORAL_ADDRESS'>, env: NodeJS.ProcessEnv = process.env) {
  const { connectionOptions } = loadTemporalProfile(env);
  return { ...connectionOptions, address: config.TEMPORAL_ADDRESS };
}

/** What every client adds to starts and signals: the request id and the trace context (a no-op while tracing is off). */
export function clientInterceptors(): WorkflowClientInterceptor[] {
  return [requestIdClientInterceptor(), new OpenTelemetryWorkflowClientInterceptor()];
}

/**
 * A client whose connection is made on first use: an API process starts (and serves what needs only the
 * database) even while Temporal is down; calls that need Temporal then answer 503 temporal_unavailable.
 */
export async function createTemporalClient(config: Pick<Config, 'TEMPORAL_ADDRESS' | 'TEMPORAL_NAMESPACE'>): Promise<Client> {
  const o = temporalConnectOptions(config);
  const connection = Connection.lazy({ address: o.address, tls: o.tls, apiKey: o.apiKey, metadata: o.metadata });
  return new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, interceptors: { workflow: clientInterceptors() } });
}
