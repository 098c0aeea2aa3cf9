// /v1/oauth-apps: a workspace's own OAuth app (client id/secret, scopes) per OAuth provider type. The secret
// is write-only: no response carries it.
import { z } from '@hono/zod-openapi';
import { operation } from '../contract.ts';
import { createRouter, sameShape, workspaceOf } from '../router.ts';
import type { OAuthAppService, OAuthAppView } from '../../services/oauth-apps.ts';
import { json, jsonBody } from '../schemas.ts';
import { ConnectorTypeName, OAUTH_TYPES, OAuthScope, typeParam } from '../type-schemas.ts';

const tags = ['OAuth apps'];

const OAuthApp = z
  .object({
    type: ConnectorTypeName,
    client_id: z.string(),
    scopes: z.array(OAuthScope).nullable().openapi({ description: 'The scopes set on the app; null = the manifest\'s' }),
    requested_scopes: z.array(OAuthScope).openapi({ description: 'What authorize requests with this app' }),
    redirect_uri: z.string().openapi({ description: 'Register exactly this callback URL with the provider', example: 'https://tributary.example.com/v1/connectors/oauth/callback' }),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('OAuthApp');

const TypeParam = typeParam(OAUTH_TYPES);
const noSpace = (max: number) => z.string().min(1).max(max).regex(/^\S+$/, 'must not be empty or contain whitespace');

const routes = {
  list: operation({ operationId: 'listOAuthApps', method: 'get', path: '/oauth-apps', tags, summary: 'List this workspace\'s own OAuth apps', responses: { 200: json(z.object({ data: z.array(OAuthApp) }), 'OAuth apps') } }),
  get: operation({ operationId: 'getOAuthApp', method: 'get', path: '/oauth-apps/{type}', tags, summary: 'Read this workspace\'s OAuth app for a type (never the secret)', request: { params: TypeParam }, responses: { 200: json(OAuthApp, 'OAuth app') } }),
  put: operation({
    operationId: 'putOAuthApp',
    conflict: '`wrong_auth_method` (an API-key type has no OAuth app) or `wrong_type` (a scope of another provider)',
    method: 'put',
    path: '/oauth-apps/{type}',
    tags,
    summary: 'Set (or replace) this workspace\'s OAuth app for an OAuth provider type',
    description:
      'Authorize, code exchange and token refresh of this workspace\'s connectors of the type use this app instead of the service-level one. Connectors authorized with another client id become `oauth_expired` (`oauth_app_changed`) at their next refresh and must be re-authorized; a new secret for the same client id keeps them working.',
    request: {
      params: TypeParam,
      body: jsonBody(z.strictObject({
        client_id: noSpace(255),
        client_secret: noSpace(1000).openapi({ format: 'password', writeOnly: true }),
        scopes: z.array(OAuthScope).min(1).max(50).nullable().optional().openapi({ description: 'A subset of the type\'s scopes (`GET /v1/connector-types/{type}`); omitted or null = all of them' }),
      })),
    },
    responses: { 200: json(OAuthApp, 'Replaced'), 201: json(OAuthApp, 'Created') },
  }),
  del: operation({
    operationId: 'deleteOAuthApp',
    method: 'delete',
    path: '/oauth-apps/{type}',
    tags,
    summary: 'Remove this workspace\'s OAuth app (the service-level app applies again)',
    request: { params: TypeParam },
    responses: { 204: { description: 'Deleted' } },
  }),
};

export function oauthAppRoutes(service: OAuthAppService) {
  const app = createRouter();
  app.openapi(routes.list, async (c) => c.json(await service.list(workspaceOf(c)), 200));
  app.openapi(routes.get, async (c) => c.json(await service.get(workspaceOf(c), c.req.valid('param').type), 200));
  app.openapi(routes.put, async (c) => {
    const { app: view, created } = await service.put(workspaceOf(c), c.req.valid('param').type, c.req.valid('json'));
    return created ? c.json(view, 201, { location: `/v1/oauth-apps/${view.type}` }) : c.json(view, 200);
  });
  app.openapi(routes.del, async (c) => {
    await service.remove(workspaceOf(c), c.req.valid('param').type);
    return c.body(null, 204);
  });
  return app;
}

sameShape<OAuthAppView, z.infer<typeof OAuthApp>>(true);
