// /v1/connectors: create, list, read, rename, delete, credentials (API-key onboarding) and connection tests.
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, sameShape, workspaceOf } from '../router.ts';
import { CONNECTOR_STATUSES } from '../../db/schema.ts';
import type { ConnectorService, ConnectorView } from '../../services/connectors.ts';
import { ConnectorIdParam, ConnectorSchema, errorResponses, json, PageQuery, TestResultSchema } from '../schemas.ts';

const tags = ['Connectors'];

/** Checked in detail against the type's `config_fields` by the service (each issue named `config.<field>[.<i>]`). */
const ConfigBody = z.record(z.string(), z.unknown()).openapi({ description: 'The type\'s settings (`config_fields` in the catalog), e.g. GitHub: {"orgs": ["acme"], "repos": ["acme/api"]}' });

const create = createRoute({
  method: 'post',
  path: '/connectors',
  tags,
  summary: 'Create a connector (status pending)',
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.strictObject({
            type: z.string().min(1).max(64).openapi({ example: 'pagerduty' }),
            name: z.string().trim().min(1).max(200).optional().openapi({ example: 'PagerDuty (production)' }),
            config: ConfigBody.optional(),
          }),
        },
      },
    },
  },
  responses: { 201: json(ConnectorSchema, 'Created'), ...errorResponses },
});

const list = createRoute({
  method: 'get',
  path: '/connectors',
  tags,
  summary: 'List connectors, newest first',
  request: { query: z.object({ ...PageQuery, status: z.enum(CONNECTOR_STATUSES).optional(), type: z.string().max(64).optional() }) },
  responses: { 200: json(z.object({ data: z.array(ConnectorSchema), next_cursor: z.string().nullable() }), 'A page of connectors'), ...errorResponses },
});

const get = createRoute({
  method: 'get',
  path: '/connectors/{id}',
  tags,
  summary: 'Read a connector',
  request: { params: ConnectorIdParam },
  responses: { 200: json(ConnectorSchema, 'The connector'), ...errorResponses },
});

const patch = createRoute({
  method: 'patch',
  path: '/connectors/{id}',
  tags,
  summary: 'Rename a connector or replace its configuration',
  description: 'The configuration is checked against the type\'s `config_fields` here, and against the provider (what the credentials can see) by the next connection test (`POST /connectors/{id}/test`).',
  request: {
    params: ConnectorIdParam,
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z
            .strictObject({ name: z.string().trim().min(1).max(200).optional(), config: ConfigBody.optional() })
            .refine((b) => b.name !== undefined || b.config !== undefined, { message: 'give name or config', path: ['name'] }),
        },
      },
    },
  },
  responses: { 200: json(ConnectorSchema, 'The updated connector'), ...errorResponses },
});

const del = createRoute({
  method: 'delete',
  path: '/connectors/{id}',
  tags,
  summary: 'Delete a connector: removes its credentials and stops its workflows',
  request: { params: ConnectorIdParam },
  responses: { 204: { description: 'Deleted' }, ...errorResponses },
});

const putCredentials = createRoute({
  method: 'put',
  path: '/connectors/{id}/credentials',
  tags,
  summary: 'Store API-key credentials and test them (onboarding)',
  description: 'Body: the credential fields the connector type declares (see GET /v1/connector-types/{type}). Runs the onboarding workflow and returns the connection test result.',
  request: {
    params: ConnectorIdParam,
    body: { required: true, content: { 'application/json': { schema: z.record(z.string(), z.unknown()).openapi({ example: { api_key: 'u+xxxxxxxxxxxxxxxxxx' } }) } } },
  },
  responses: {
    200: json(z.object({ connector: ConnectorSchema, test: TestResultSchema, workflow_id: z.string(), temporal_ui_url: z.string() }), 'Credentials stored; test result'),
    ...errorResponses,
  },
});

const test = createRoute({
  method: 'post',
  path: '/connectors/{id}/test',
  tags,
  summary: 'Test the connector\'s stored credentials',
  request: { params: ConnectorIdParam },
  responses: { 200: json(TestResultSchema, 'Test result'), ...errorResponses },
});

export function connectorRoutes(service: ConnectorService) {
  const app = createRouter();
  app.openapi(create, async (c) => c.json(await service.create(workspaceOf(c), c.req.valid('json')), 201));
  app.openapi(list, async (c) => c.json(await service.list(workspaceOf(c), c.req.valid('query')), 200));
  app.openapi(get, async (c) => c.json(await service.get(workspaceOf(c), c.req.valid('param').id), 200));
  app.openapi(patch, async (c) => c.json(await service.update(workspaceOf(c), c.req.valid('param').id, c.req.valid('json')), 200));
  app.openapi(del, async (c) => {
    await service.remove(workspaceOf(c), c.req.valid('param').id);
    return c.body(null, 204);
  });
  app.openapi(putCredentials, async (c) => c.json(await service.putCredentials(workspaceOf(c), c.req.valid('param').id, c.req.valid('json')), 200));
  app.openapi(test, async (c) => c.json(await service.test(workspaceOf(c), c.req.valid('param').id), 200));
  return app;
}

sameShape<ConnectorView, z.infer<typeof ConnectorSchema>>(true);
