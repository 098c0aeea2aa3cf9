// /v1/webhooks: endpoints with event and connector filters, secret rotation, the delivery log, redelivery.
import { z } from '@hono/zod-openapi';
import { operation } from '../contract.ts';
import { createRouter, sameShape, workspaceOf } from '../router.ts';
import { EVENT_TYPES } from '../../db/schema.ts';
import { idPattern } from '../../lib/ids.ts';
import type { EndpointView, WebhookService } from '../../services/webhooks.ts';
import { carriesSecret } from '../middleware/idempotency.ts';
import { httpUrl, json, jsonBody } from '../schemas.ts';

const tags = ['Webhooks'];

/** An event type to receive, or `*` for all of them. */
const EventFilter = z.enum(['*', ...EVENT_TYPES]).openapi('WebhookEventFilter', { description: 'An event type (see `webhooks` in this document for each payload), or `*` for all' });

const Endpoint = z
  .object({
    id: z.string(),
    url: z.string(),
    description: z.string().nullable(),
    events: z.array(EventFilter),
    connector_ids: z.array(z.string()).nullable(),
    enabled: z.boolean(),
    disabled_reason: z.string().nullable(),
    consecutive_failures: z.number(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('WebhookEndpoint');

const Id = z.object({ id: z.string().regex(idPattern('wh'), 'must be a webhook id (wh_…)').openapi({ param: { name: 'id', in: 'path' } }) });
const DeliveryParams = Id.extend({ delivery_id: z.string().regex(idPattern('whd'), 'must be a delivery id (whd_…)').openapi({ param: { name: 'delivery_id', in: 'path' } }) });
const fields = {
  url: httpUrl().openapi({ example: 'https://example.com/hooks/tributary', description: 'The receiver: https (http and private addresses only where the server allows private receivers); cloud metadata addresses never; a name that does not resolve is refused' }),
  events: z.array(EventFilter).min(1).max(50),
  connector_ids: z
    .array(z.string().regex(idPattern('con'), 'must be a connector id (con_…)'))
    .min(1, 'list at least one connector, or send null for all')
    .max(500)
    .nullable()
    .optional()
    .openapi({ description: 'Only events of these connectors (null or omitted: all)' }),
  description: z.string().max(500).nullable().optional(),
};

const PatchBody = z
  .strictObject({ ...fields, url: fields.url.optional(), events: fields.events.optional(), enabled: z.boolean().optional() })
  .refine((b) => Object.keys(b).length > 0, 'send at least one of url, events, connector_ids, description, enabled')
  .openapi({ minProperties: 1 });

const Delivery = z.object({
  id: z.string(),
  event_id: z.string(),
  webhook_id_header: z.string(),
  event_type: z.enum(['ping', ...EVENT_TYPES]),
  status: z.enum(['pending', 'delivered', 'failed']),
  next_attempt_at: z.string().nullable(),
  last_status_code: z.number().nullable(),
  last_error: z.string().nullable(),
  redelivery_of: z.string().nullable(),
  created_at: z.string(),
  finished_at: z.string().nullable(),
  attempts: z.array(z.object({ attempt: z.number(), status_code: z.number().nullable(), latency_ms: z.number(), error: z.string().nullable(), at: z.string() })),
}).openapi('WebhookDelivery');

const routes = {
  create: operation({
    operationId: 'createWebhook',
    notFound: '`connector_ids` names a connector this workspace does not have',
    method: 'post', path: '/webhooks', tags, summary: 'Create an endpoint (the signing secret is returned once; a ping is sent)',
    request: { body: jsonBody(z.strictObject(fields)) },
    responses: { 201: json(Endpoint.extend({ secret: z.string().openapi({ description: 'The signing secret (`whsec_…`): shown once' }) }).openapi('NewWebhookEndpoint'), 'Created') },
  }),
  list: operation({ operationId: 'listWebhooks', method: 'get', path: '/webhooks', tags, summary: 'List endpoints', responses: { 200: json(z.object({ data: z.array(Endpoint) }), 'Endpoints') } }),
  get: operation({ operationId: 'getWebhook', method: 'get', path: '/webhooks/{id}', tags, summary: 'Read an endpoint', request: { params: Id }, responses: { 200: json(Endpoint, 'Endpoint') } }),
  patch: operation({
    operationId: 'updateWebhook',
    method: 'patch', path: '/webhooks/{id}', tags, summary: 'Change url, filters or enabled (re-enabling resets the failure count)',
    request: { params: Id, body: jsonBody(PatchBody) },
    responses: { 200: json(Endpoint, 'Endpoint') },
  }),
  del: operation({ operationId: 'deleteWebhook', method: 'delete', path: '/webhooks/{id}', tags, summary: 'Delete an endpoint', request: { params: Id }, responses: { 204: { description: 'Deleted' } } }),
  rotate: operation({
    operationId: 'rotateWebhookSecret',
    method: 'post', path: '/webhooks/{id}/rotate-secret', tags, summary: 'Replace the signing secret (returned once)',
    request: { params: Id },
    responses: { 200: json(z.object({ id: z.string(), secret: z.string() }).openapi('RotatedWebhookSecret'), 'New secret') },
  }),
  deliveries: operation({
    operationId: 'listWebhookDeliveries',
    method: 'get', path: '/webhooks/{id}/deliveries', tags, summary: 'Delivery log: attempts with status code, latency, error, next retry',
    request: { params: Id, query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }) },
    responses: { 200: json(z.object({ data: z.array(Delivery) }), 'Deliveries, newest first') },
  }),
  redeliver: operation({
    operationId: 'redeliverWebhookDelivery',
    method: 'post', path: '/webhooks/{id}/deliveries/{delivery_id}/redeliver', tags, summary: 'Deliver the same event again (same webhook-id)',
    request: { params: DeliveryParams },
    responses: { 202: json(z.object({ delivery_id: z.string(), event_id: z.string() }).openapi('RedeliveryAccepted'), 'Redelivery started') },
  }),
};

export function webhookRoutes(service: WebhookService) {
  const app = createRouter();
  app.openapi(routes.create, async (c) => {
    carriesSecret(c);
    const made = await service.create(workspaceOf(c), c.req.valid('json'));
    return c.json(made, 201, { location: `/v1/webhooks/${made.id}` });
  });
  app.openapi(routes.list, async (c) => c.json(await service.list(workspaceOf(c)), 200));
  app.openapi(routes.get, async (c) => c.json(await service.get(workspaceOf(c), c.req.valid('param').id), 200));
  app.openapi(routes.patch, async (c) => c.json(await service.update(workspaceOf(c), c.req.valid('param').id, c.req.valid('json')), 200));
  app.openapi(routes.del, async (c) => {
    await service.remove(workspaceOf(c), c.req.valid('param').id);
    return c.body(null, 204);
  });
  app.openapi(routes.rotate, async (c) => {
    carriesSecret(c);
    return c.json(await service.rotateSecret(workspaceOf(c), c.req.valid('param').id), 200);
  });
  app.openapi(routes.deliveries, async (c) => c.json(await service.deliveries(workspaceOf(c), c.req.valid('param').id, c.req.valid('query').limit), 200));
  app.openapi(routes.redeliver, async (c) => {
    const p = c.req.valid('param');
    return c.json(await service.redeliver(workspaceOf(c), p.id, p.delivery_id), 202);
  });
  return app;
}

sameShape<EndpointView, z.infer<typeof Endpoint>>(true);
