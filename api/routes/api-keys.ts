// /v1/api-keys: a workspace's API keys — create (the plaintext is shown once), list, revoke (401 at once).
import { z } from '@hono/zod-openapi';
import { idPattern } from '../../lib/ids.ts';
import type { ApiKeyService, ApiKeyView } from '../../services/workspaces.ts';
import { operation } from '../contract.ts';
import { carriesSecret } from '../middleware/idempotency.ts';
import { createRouter, sameShape, workspaceOf } from '../router.ts';
import { json, jsonBody, page, PageQuery } from '../schemas.ts';

const tags = ['API keys'];

const ApiKey = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string().openapi({ description: 'The first characters of the key, to recognise it', example: 'trb_Zx81Qa' }),
    created_at: z.string(),
    created_by: z.string().nullable().openapi({ description: 'The API key that created it, or `cli`' }),
    last_used_at: z.string().nullable().openapi({ description: 'To the minute' }),
    expires_at: z.string().nullable(),
    revoked_at: z.string().nullable(),
  })
  .openapi('ApiKey');

const KeyId = z.object({ id: z.string().regex(idPattern('key'), 'must be an API key id (key_…)').openapi({ param: { name: 'id', in: 'path' } }) });

const routes = {
  create: operation({
    operationId: 'createApiKey', method: 'post', path: '/api-keys', tags,
    summary: 'Create an API key (its plaintext is in this answer only)',
    description: 'The answer is never stored for `Idempotency-Key` replay: a repeated key is a 409 naming the key made.',
    request: {
      body: jsonBody(z.strictObject({
        name: z.string().trim().min(1).max(200).openapi({ example: 'deploy pipeline' }),
        expires_in_days: z.number().int().min(1).max(3650).optional().openapi({ description: 'The key stops working after this many days; omitted: never' }),
      })),
    },
    responses: { 201: json(ApiKey.extend({ key: z.string().openapi({ description: 'The key itself: shown once, store it now' }) }).openapi('NewApiKey'), 'Created') },
  }),
  list: operation({
    operationId: 'listApiKeys', method: 'get', path: '/api-keys', tags, summary: 'List the workspace\'s API keys, newest first (never their plaintext)',
    request: { query: z.object({ ...PageQuery, include_revoked: z.enum(['true', 'false']).transform((v) => v === 'true').optional().openapi({ description: 'Also revoked keys; default false' }) }) },
    responses: { 200: json(page(ApiKey), 'A page of keys') },
  }),
  get: operation({
    operationId: 'getApiKey', method: 'get', path: '/api-keys/{id}', tags, summary: 'Read an API key (never its plaintext)',
    request: { params: KeyId },
    responses: { 200: json(ApiKey, 'The key') },
  }),
  revoke: operation({
    operationId: 'revokeApiKey', method: 'delete', path: '/api-keys/{id}', tags,
    summary: 'Revoke an API key: every later request with it is a 401, at once',
    request: { params: KeyId },
    responses: { 204: { description: 'Revoked (or already revoked)' } },
  }),
};

export function apiKeyRoutes(keys: ApiKeyService) {
  const app = createRouter();
  app.openapi(routes.create, async (c) => {
    carriesSecret(c);
    const made = await keys.create(workspaceOf(c), c.get('apiKeyId'), c.req.valid('json'));
    return c.json(made, 201, { location: `/v1/api-keys/${made.id}` });
  });
  app.openapi(routes.list, async (c) => c.json(await keys.list(workspaceOf(c), c.req.valid('query')), 200));
  app.openapi(routes.get, async (c) => c.json(await keys.get(workspaceOf(c), c.req.valid('param').id), 200));
  app.openapi(routes.revoke, async (c) => {
    await keys.revoke(workspaceOf(c), c.req.valid('param').id);
    return c.body(null, 204);
  });
  return app;
}

sameShape<ApiKeyView, z.infer<typeof ApiKey>>(true);
