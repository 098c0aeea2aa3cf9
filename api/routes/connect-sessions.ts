// /v1/connect-sessions: a short-lived token that lets one browser complete one connection, and the embedded
// flow's view of its own session.
import { z } from '@hono/zod-openapi';
import type { ConnectSessionService, ConnectSessionView } from '../../services/connect-sessions.ts';
import { idPattern } from '../../lib/ids.ts';
import { errorResponse, operation } from '../contract.ts';
import { DomainError } from '../../lib/errors.ts';
import { carriesSecret } from '../middleware/idempotency.ts';
import { sessionOf } from '../middleware/connect-session.ts';
import { createRouter, sameShape, workspaceOf } from '../router.ts';
import { json, jsonBody, orNull } from '../schemas.ts';
import { ConnectorTypeName } from '../type-schemas.ts';

const tags = ['Connect sessions'];

/** `scheme://host[:port]`, as browsers send it in `Origin`. */
const ORIGIN_PATTERN = '^https?://(?:(?![Xx][Nn]--)[A-Za-z0-9-]+\\.)*(?![Xx][Nn]--)[A-Za-z][A-Za-z0-9-]*(?::(?:6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[1-9][0-9]{0,3}))?$';

const EndUser = z
  .strictObject({
    id: z.string().min(1).max(200).openapi({ description: 'Your id for the user connecting (shown to you, not to them)' }),
    name: z.string().min(1).max(200).optional(),
    email: z.string().max(320).regex(/^[^\s@]+@[^\s@]+$/, 'must be an email address').optional(),
  })
  .openapi('EndUser');

const Session = z
  .object({
    id: z.string(),
    connector_type: orNull(ConnectorTypeName).openapi({ description: 'The one type it may connect; null: any type of the catalog' }),
    connector_id: z.string().nullable().openapi({ description: 'Its connector: given at creation, or made by the session' }),
    end_user: orNull(EndUser),
    allowed_origins: z.array(z.string()).openapi({ description: 'Origins that may embed the flow (`frame-ancestors`) and call the API with the token (CORS)' }),
    created_at: z.string(),
    expires_at: z.string(),
    used_at: z.string().nullable().openapi({ description: 'When its connector was seen connected: the token is spent' }),
  })
  .openapi('ConnectSession');

const routes = {
  create: operation({
    operationId: 'createConnectSession', method: 'post', path: '/connect-sessions', tags,
    notFound: '`connector_id` names a connector this workspace does not have',
    conflict: '`wrong_type`: `connector_id` is a connector of another type than `connector_type`',
    summary: 'Create a connect session: a short-lived token for one browser to complete one connection',
    description:
      'The token (shown once) may list the catalog (or the one type), create one connector (or use `connector_id`), store its credentials or authorize it, and test it — nothing else. It expires after `CONNECT_SESSION_TTL_MINUTES` (default 30) and is spent once its connector is seen connected. Open `connect_url` in an iframe or a popup from one of `allowed_origins`: it posts `tributary:connected` to the opener or parent window on success.',
    request: {
      body: jsonBody(z.strictObject({
        connector_type: ConnectorTypeName.optional(),
        connector_id: z.string().regex(idPattern('con'), 'must be a connector id (con_…)').optional().openapi({ description: 'Connect (or re-authorize) this existing connector' }),
        end_user: EndUser.optional(),
        allowed_origins: z.array(z.string().max(300).regex(new RegExp(ORIGIN_PATTERN), 'must be an origin: scheme://host[:port]')).max(10).optional().openapi({ example: ['https://app.example.com'] }),
      })),
    },
    responses: {
      201: json(
        Session.extend({
          token: z.string().openapi({ description: 'The session token (`tcs_…`): shown once' }),
          connect_url: z.string().openapi({ format: 'uri', description: 'The embeddable flow, token in the fragment (never sent to a server)' }),
        }).openapi('NewConnectSession'),
        'Created',
      ),
    },
  }),
  current: operation({
    operationId: 'getCurrentConnectSession', method: 'get', path: '/connect-sessions/current', tags,
    summary: 'The connect session of the token used (connect-session tokens only)',
    description: 'An API key has no current session: 404.',
    connectSession: true,
    responses: { 200: json(Session, 'The session'), 404: errorResponse('Called with an API key: it has no current session') },
  }),
  get: operation({
    operationId: 'getConnectSession', method: 'get', path: '/connect-sessions/{id}', tags,
    summary: 'Read a connect session: whether its connection is complete (`used_at`) and its connector',
    request: { params: z.object({ id: z.string().regex(idPattern('cs'), 'must be a connect session id (cs_…)').openapi({ param: { name: 'id', in: 'path' } }) }) },
    responses: { 200: json(Session, 'The session') },
  }),
};

export function connectSessionRoutes(sessions: ConnectSessionService) {
  const app = createRouter();
  app.openapi(routes.create, async (c) => {
    carriesSecret(c);
    const made = await sessions.create(workspaceOf(c), c.get('apiKeyId'), c.req.valid('json'));
    return c.json(made, 201, { location: `/v1/connect-sessions/${made.id}` });
  });
  app.openapi(routes.current, async (c) => {
    const session = sessionOf(c);
    if (!session) throw new DomainError('not_found', 'an API key has no current connect session; call this with a connect-session token, or read GET /v1/connect-sessions/{id}');
    return c.json(await sessions.current(session.id), 200);
  });
  app.openapi(routes.get, async (c) => c.json(await sessions.get(workspaceOf(c), c.req.valid('param').id), 200));
  return app;
}

sameShape<ConnectSessionView, z.infer<typeof Session>>(true);
