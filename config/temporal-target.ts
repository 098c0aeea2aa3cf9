// Where Temporal is: a `@temporalio/envconfig` profile (TEMPORAL_CONFIG_FILE / TEMPORAL_PROFILE) with the
// TEMPORAL_* variables that are actually set laid over it — an unset variable never overrides the profile.
import { loadClientConnectConfig, type ClientConnectConfig } from '@temporalio/envconfig';

export const TEMPORAL_DEFAULTS = { address: 'localhost:7233', namespace: 'default' } as const;

/** The profile's connection settings with the set TEMPORAL_* variables applied (address, namespace, TLS, API key). */
export function loadTemporalProfile(env: Record<string, string | undefined>): ClientConnectConfig {
  const vars: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (k.startsWith('TEMPORAL_') && v) vars[k] = v;
  // The profile file is read only when asked for, so a developer's personal profile never reaches the dev stack.
  const useFile = Boolean(vars.TEMPORAL_CONFIG_FILE || vars.TEMPORAL_PROFILE);
  return loadClientConnectConfig({ overrideEnvVars: vars, disableFile: !useFile, ...(vars.TEMPORAL_PROFILE ? { profile: vars.TEMPORAL_PROFILE } : {}) });
}

/** The address and namespace in effect: env var, else the profile, else localhost:7233 / default. */
export function temporalTarget(env: Record<string, string | undefined>): { address: string; namespace: string } {
  const { connectionOptions, namespace } = loadTemporalProfile(env);
  return { address: connectionOptions.address ?? TEMPORAL_DEFAULTS.address, namespace: namespace ?? TEMPORAL_DEFAULTS.namespace };
}
