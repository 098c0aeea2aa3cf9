// /v1/connectors: create, list, read, rename, delete, credentials (API-key onboarding) and connection tests.
import { z } from '@hono/zod-openapi';
import { createRouter, sameShape, workspaceOf } from '../router.ts';
import { CONNECTOR_STATUSES } from '../../db/schema.ts';
import type { ConnectorService, ConnectorView } from '../../services/connectors.ts';
import { operation } from '../contract.ts';
import { ConnectorIdParam, ConnectorSchema, json, jsonBody, page, PageQuery, TestResultSchema } from '../schemas.ts';
import { AnyConfig, ConnectorTypeName, CreateConnectorBody, CredentialsBody } from '../type-schemas.ts';
import { sessionOf } from '../middleware/connect-session.ts';

const tags = ['Connectors'];

const create = operation({
  operationId: 'createConnector',
  connectSession: true,
  conflict: '`session_connector_exists` (this connect session already created its connector) or `wrong_type` (the session is for another type)',
  method: 'post',
  path: '/connectors',
  tags,
  summary: 'Create a connector (status pending)',
  description: 'The type decides which `config` is allowed (its `config_fields`). With a connect session: once, and of the session\'s type.',
  request: { body: jsonBody(CreateConnectorBody) },
  responses: { 201: json(ConnectorSchema, 'Created; `Location` is its URL') },
});

const list = operation({
  operationId: 'listConnectors',
  method: 'get',
  path: '/connectors',
  tags,
  summary: 'List connectors, newest first',
  request: { query: z.object({ ...PageQuery, status: z.enum(CONNECTOR_STATUSES).optional(), type: ConnectorTypeName.optional() }) },
  responses: { 200: json(page(ConnectorSchema), 'A page of connectors') },
});

const get = operation({
  operationId: 'getConnector',
  connectSession: true,
  method: 'get',
  path: '/connectors/{id}',
  tags,
  summary: 'Read a connector',
  request: { params: ConnectorIdParam },
  responses: { 200: json(ConnectorSchema, 'The connector') },
});

const patch = operation({
  operationId: 'updateConnector',
  conflict: '`wrong_type`: `config` holds another type\'s settings',
  method: 'patch',
  path: '/connectors/{id}',
  tags,
  summary: 'Rename a connector or replace its configuration',
  description: 'The configuration is checked against the type\'s `config_fields` here, and against the provider (what the credentials can see) by the next connection test (`POST /connectors/{id}/test`).',
  request: {
    params: ConnectorIdParam,
    body: jsonBody(z
      .strictObject({ name: z.string().trim().min(1).max(200).optional(), config: AnyConfig.optional() })
      .refine((b) => b.name !== undefined || b.config !== undefined, { message: 'give name or config', path: ['name'] })
      .openapi({ minProperties: 1 })),
  },
  responses: { 200: json(ConnectorSchema, 'The updated connector') },
});

const del = operation({
  operationId: 'deleteConnector',
  temporal: true,
  method: 'delete',
  path: '/connectors/{id}',
  tags,
  summary: 'Delete a connector: removes its credentials and stops its workflows',
  request: { params: ConnectorIdParam },
  responses: { 204: { description: 'Deleted' } },
});

const putCredentials = operation({
  operationId: 'putConnectorCredentials',
  connectSession: true,
  temporal: true,
  conflict: '`wrong_auth_method` (an OAuth type: authorize it instead) or `wrong_type` (the fields, or `type`, of another type)',
  method: 'put',
  path: '/connectors/{id}/credentials',
  tags,
  summary: 'Store API-key credentials and test them (onboarding)',
  description:
    'Body: the credential fields the connector\'s type declares (`GET /v1/connector-types/{type}`). Runs the onboarding workflow and returns the connection test result; on success the connector is `connected`. '
    + 'A connector this call connected has its schedule and its first sync started (`first_sync_run_id`).',
  request: { params: ConnectorIdParam, body: jsonBody(CredentialsBody) },
  responses: {
    200: json(
      z.object({
        connector: ConnectorSchema,
        test: TestResultSchema,
        first_sync_run_id: z.string().nullable().openapi({ description: 'The first sync this call started (poll `GET /v1/connectors/{id}/sync-runs/{run_id}`); null when it connected nothing (a failed test, a re-key of a connected connector)' }),
        workflow_id: z.string(),
        temporal_ui_url: z.string(),
      }).openapi('CredentialsResult'),
      'Credentials stored and tested: `test.success` says whether they work',
    ),
  },
});

const test = operation({
  operationId: 'testConnector',
  connectSession: true,
  temporal: true,
  conflict: '`no_credentials`: nothing verified to test yet',
  method: 'post',
  path: '/connectors/{id}/test',
  tags,
  summary: 'Test the connector\'s stored credentials',
  request: { params: ConnectorIdParam },
  responses: { 200: json(TestResultSchema, 'Test result') },
});

export function connectorRoutes(service: ConnectorService) {
  const app = createRouter();
  app.openapi(create, async (c) => {
    const made = await service.create(workspaceOf(c), c.req.valid('json'), sessionOf(c));
    return c.json(made, 201, { location: `/v1/connectors/${made.id}` });
  });
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
