// The provider registry: adding a provider is one folder plus one line here.
import type { Config } from '../config/config.ts';
import { datadog } from './datadog/index.ts';
import { github } from './github/index.ts';
import { gitlab } from './gitlab/index.ts';
import { jira } from './jira/index.ts';
import { linear } from './linear/index.ts';
import { opsgenie } from './opsgenie/index.ts';
import { pagerduty } from './pagerduty/index.ts';
import { sentry } from './sentry/index.ts';
import { slack } from './slack/index.ts';
import { manifestSchema, type ProviderClient, type ProviderClientOptions, type ProviderEndpoints, type ProviderManifest } from './types.ts';
import { instrumentFetch } from './telemetry.ts';

const DEFINITIONS = [pagerduty, opsgenie, datadog, sentry, github, gitlab, slack, jira, linear];

export interface RegisteredProvider {
  manifest: ProviderManifest;
  endpoints: ProviderEndpoints;
  /** True when this provider talks to the local emulator rather than the real service. */
  emulated: boolean;
  client: ProviderClient;
}

export interface ProviderRegistry {
  get(type: string): RegisteredProvider | undefined;
  list(): RegisteredProvider[];
}

export class ManifestError extends Error {}

/** Validates every manifest (a broken one fails start-up with its name). */
export function validateManifests(defs: ReadonlyArray<{ manifest: unknown }> = DEFINITIONS): ProviderManifest[] {
  return defs.map((d) => {
    const parsed = manifestSchema.safeParse(d.manifest);
    if (!parsed.success) {
      const name = (d.manifest as { type?: string })?.type ?? '(unnamed)';
      throw new ManifestError(`provider manifest "${name}" is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
    return parsed.data;
  });
}

function emulatedUrl(emulator: string, type: string, real: string, prefix = ''): string {
  const u = new URL(real);
  return `${emulator}/${type}${prefix}${u.pathname === '/' ? '' : u.pathname}`;
}

/**
 * Resolves each provider's endpoints: `<TYPE>_API_URL` etc. win, then the emulator, then the real service.
 * `clientOptions` reach every client (tests shorten the waits providers document without a figure).
 */
export function createProviderRegistry(config: Pick<Config, 'EMULATOR_URL' | 'providerEnv'>, fetchImpl: typeof fetch = fetch, clientOptions: ProviderClientOptions = {}): ProviderRegistry {
  const manifests = validateManifests();
  const byType = new Map<string, RegisteredProvider>();
  DEFINITIONS.forEach((def, i) => {
    const m = manifests[i]!;
    const env = (k: string) => config.providerEnv[`${m.type.toUpperCase()}_${k}`];
    // A service-level OAuth app (`<TYPE>_CLIENT_ID`) or an explicit API URL means "talk to the real provider".
    const hasRealCredentials = Boolean(env('API_URL')) || (m.auth_methods.includes('oauth2') && Boolean(env('CLIENT_ID')));
    const emulate = Boolean(config.EMULATOR_URL) && !hasRealCredentials;
    const e = config.EMULATOR_URL ?? '';
    const endpoints: ProviderEndpoints = {
      apiBaseUrl: env('API_URL') ?? (emulate ? emulatedUrl(e, m.type, m.api_base_url, '/api') : m.api_base_url),
      authorizeUrl: m.oauth ? (emulate ? emulatedUrl(e, m.type, m.oauth.authorize_url, '/oauth') : m.oauth.authorize_url) : undefined,
      tokenUrl: m.oauth ? (emulate ? emulatedUrl(e, m.type, m.oauth.token_url, '/oauth') : m.oauth.token_url) : undefined,
    };
    byType.set(m.type, { manifest: m, endpoints, emulated: emulate, client: def.createClient(endpoints, instrumentFetch(m.type, fetchImpl), clientOptions) });
  });
  return {
    get: (type) => byType.get(type),
    list: () => [...byType.values()],
  };
}
