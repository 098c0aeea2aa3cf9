// Request schemas derived from the provider manifests, so the document says what the server enforces per type:
// the type names, each type's settings (`config_fields`) and credentials (`credential_fields`), OAuth scopes.
import { z } from '@hono/zod-openapi';
import { MANIFESTS } from '../providers/registry.ts';
import type { ProviderManifest } from '../providers/types.ts';

const nonEmpty = <T>(xs: T[]): [T, ...T[]] => {
  if (!xs.length) throw new Error('no provider manifests');
  return xs as [T, ...T[]];
};

/** `PagerDuty` → `PagerDuty`, `Jira Cloud` → `JiraCloud`: component names per type. */
const pascal = (m: ProviderManifest) => m.name.replace(/[^A-Za-z0-9]/g, '');

export const CONNECTOR_TYPES = nonEmpty(MANIFESTS.map((m) => m.type));
export const OAUTH_TYPES = nonEmpty(MANIFESTS.filter((m) => m.auth_methods.includes('oauth2')).map((m) => m.type));
/** Every scope some OAuth type requests; which of them a type offers is its own (`GET /connector-types/{type}`). */
export const OAUTH_SCOPES = nonEmpty([...new Set(MANIFESTS.flatMap((m) => m.oauth?.scopes ?? []))]);

export const ConnectorTypeName = z.enum(CONNECTOR_TYPES).openapi('ConnectorTypeName', { description: 'A connector type of the catalog', example: 'pagerduty' });

/** A path parameter naming a type: documented as the catalog's enum; an unknown name is the route's 404. */
export const typeParam = (types: readonly string[]) =>
  z.object({ type: z.string().max(100).openapi({ param: { name: 'type', in: 'path' }, enum: [...types], example: types[0] }) });

/** One type's settings: exactly its `config_fields`, each value (or list item) matching the field's pattern. */
function configSchema(m: ProviderManifest) {
  const shape = Object.fromEntries(
    m.config_fields.map((f) => {
      let item = z.string().min(1).max(200);
      if (f.pattern) item = item.regex(new RegExp(f.pattern), `not a valid entry for ${f.label} (${f.description})`);
      const field = f.type === 'string' ? item : z.array(item).max(f.max_items);
      return [f.name, field.optional().openapi({ description: `${f.label}: ${f.description}` })];
    }),
  );
  return z.strictObject(shape);
}

/** A type without settings takes only `{}`. */
export const NoConfig = z.strictObject({}, { error: (iss) => (iss.code === 'unrecognized_keys' ? 'this connector type has no settings' : undefined) }).openapi('NoConfig', { description: 'This connector type has no settings' });

const configFor = (m: ProviderManifest) => (m.config_fields.length ? configSchema(m).openapi(`${pascal(m)}Config`, { description: `${m.name}'s settings` }) : NoConfig);

/** PATCH /connectors/{id}: the settings of some type (which one the connector's type decides: another's is a 409). */
export const AnyConfig = z.union(nonEmpty([NoConfig, ...MANIFESTS.filter((m) => m.config_fields.length).map(configFor)])).openapi({
  description: 'The connector type\'s settings (`config_fields` in the catalog), e.g. GitHub: {"orgs": ["acme"], "repos": ["acme/api"]}',
});

const name = z.string().trim().min(1).max(200).openapi({ example: 'PagerDuty (production)' });

/** POST /connectors: the type decides which settings are allowed (a discriminated union). */
export const CreateConnectorBody = z.discriminatedUnion(
  'type',
  nonEmpty(MANIFESTS.map((m) => z.strictObject({ type: z.literal(m.type), name: name.optional(), config: configFor(m).optional() }).openapi(`Create${pascal(m)}Connector`))),
);

/** Credentials of one API-key type: exactly its `credential_fields`; `type` optional, and then must be the connector's. */
function credentialsSchema(m: ProviderManifest) {
  const shape: Record<string, z.ZodType> = { type: z.literal(m.type).optional().openapi({ description: 'Optional: the connector\'s type (another type is a 409)' }) };
  for (const f of m.credential_fields) {
    let field = z.string().min(1).max(1000);
    if (f.pattern) field = field.regex(new RegExp(f.pattern), `does not look like a ${f.label}`);
    const described = field.openapi({ description: `${f.label}: ${f.description}`, ...(f.secret ? { format: 'password', writeOnly: true } : {}) });
    shape[f.name] = f.required ? described : described.optional();
  }
  return z.strictObject(shape).openapi(`${pascal(m)}Credentials`, { description: `Credentials of a ${m.name} connector` });
}

/** PUT /connectors/{id}/credentials: the credentials of one API-key type (the connector's; another's is a 409). */
export const CredentialsBody = z.union(nonEmpty(MANIFESTS.filter((m) => m.auth === 'api_key').map(credentialsSchema))).openapi({
  description: 'The credential fields of the connector\'s type (`credential_fields` in `GET /v1/connector-types/{type}`)',
});

export const OAuthScope = z.enum(OAUTH_SCOPES, { error: (iss) => `"${String(iss.input)}" is not an OAuth scope of any type; known: ${OAUTH_SCOPES.join(', ')}` }).openapi('OAuthScope', { description: 'An OAuth scope of some provider type; a type accepts only its own' });
