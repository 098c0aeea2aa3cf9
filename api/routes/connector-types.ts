// GET /v1/connector-types[/{type}]: the catalog, from the provider manifests.
import { z } from '@hono/zod-openapi';
import { operation } from '../contract.ts';
import { createRouter } from '../router.ts';
import { notFound } from '../../lib/errors.ts';
import type { ProviderRegistry } from '../../providers/registry.ts';
import { CATEGORIES, CHANGE_DETECTION, DELETION_DETECTION, type ProviderManifest } from '../../providers/types.ts';
import { json } from '../schemas.ts';
import { CONNECTOR_TYPES, ConnectorTypeName, typeParam } from '../type-schemas.ts';

const ConnectorTypeSchema = z
  .object({
    type: ConnectorTypeName,
    name: z.string(),
    category: z.enum(CATEGORIES),
    description: z.string(),
    docs_url: z.string(),
    ingests: z.array(
      z.object({
        kind: z.string(),
        description: z.string(),
        changes: z.object({
          detection: z.enum(CHANGE_DETECTION).openapi({ description: 'How an incremental sync learns of changes: a modification filter, the provider\'s change events, a re-read of recent records, or never (immutable)' }),
          deletions: z.enum(DELETION_DETECTION).openapi({ description: 'How deletions reach Tributary: the provider says so (signal), a complete listing lacks the record (listing), or not at all' }),
          how: z.string().openapi({ description: 'The calls made and what they cost' }),
          reread_hours: z.number().optional(),
        }),
      }),
    ),
    permissions: z.array(z.object({ name: z.string(), reason: z.string() })),
    auth: z.enum(['oauth2', 'api_key']).openapi({ description: 'The primary way to connect' }),
    auth_methods: z.array(z.enum(['oauth2', 'api_key'])).openapi({ description: 'Every way this type can be connected (PagerDuty: API key or OAuth)' }),
    oauth: z.boolean().openapi({ description: 'True when the type can be connected through OAuth' }),
    pkce: z.boolean(),
    credential_fields: z.array(z.object({ name: z.string(), label: z.string(), description: z.string(), secret: z.boolean(), required: z.boolean() })),
    config_fields: z.array(z.object({ name: z.string(), label: z.string(), description: z.string(), type: z.enum(['string', 'string_list']), pattern: z.string().optional(), max_items: z.number() })).openapi({ description: 'Non-secret settings: POST /connectors `config`, PATCH /connectors/{id}' }),
    history_limit_days: z.number(),
    emulated: z.boolean().openapi({ description: 'True in demo mode: this type talks to the local provider emulator' }),
  })
  .openapi('ConnectorType');

function toTypeView(m: ProviderManifest, emulated: boolean): z.infer<typeof ConnectorTypeSchema> {
  return {
    type: m.type,
    name: m.name,
    category: m.category,
    description: m.description,
    docs_url: m.docs_url,
    ingests: m.ingests,
    permissions: m.permissions,
    auth: m.auth,
    auth_methods: m.auth_methods,
    oauth: m.auth_methods.includes('oauth2'),
    pkce: m.oauth?.pkce ?? false,
    credential_fields: m.credential_fields.map(({ name, label, description, secret, required }) => ({ name, label, description, secret, required })),
    config_fields: m.config_fields,
    history_limit_days: m.history_limit_days,
    emulated,
  };
}

const list = operation({
  operationId: 'listConnectorTypes',
  connectSession: true,
  method: 'get',
  path: '/connector-types',
  tags: ['Catalog'],
  summary: 'List connector types',
  request: { query: z.object({ category: z.enum(CATEGORIES).optional() }) },
  responses: {
    200: json(z.object({ data: z.array(ConnectorTypeSchema), categories: z.array(z.object({ category: z.enum(CATEGORIES), types: z.array(ConnectorTypeName) })) }), 'The catalog, grouped by category (a connect session limited to one type sees only it)'),
  },
});

const get = operation({
  operationId: 'getConnectorType',
  connectSession: true,
  method: 'get',
  path: '/connector-types/{type}',
  tags: ['Catalog'],
  summary: 'Get one connector type',
  request: { params: typeParam(CONNECTOR_TYPES) },
  responses: { 200: json(ConnectorTypeSchema, 'The connector type') },
});

export function connectorTypeRoutes(providers: ProviderRegistry) {
  const app = createRouter();
  app.openapi(list, (c) => {
    const { category } = c.req.valid('query');
    const all = providers.list().filter((p) => !category || p.manifest.category === category);
    const data = all.map((p) => toTypeView(p.manifest, p.emulated)).sort((a, b) => a.category.localeCompare(b.category) || a.name.localeCompare(b.name));
    const categories = [...new Set(data.map((d) => d.category))].map((cat) => ({ category: cat, types: data.filter((d) => d.category === cat).map((d) => d.type) }));
    return c.json({ data, categories }, 200);
  });
  app.openapi(get, (c) => {
    const { type } = c.req.valid('param');
    const p = providers.get(type);
    if (!p) throw notFound('connector type', type);
    return c.json(toTypeView(p.manifest, p.emulated), 200);
  });
  return app;
}
