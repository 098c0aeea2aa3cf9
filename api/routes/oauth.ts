// OAuth onboarding routes: `POST /v1/connectors/{id}/oauth/authorize` (API key or connect session), the start page
// `GET /v1/connectors/oauth/start` and the provider's redirect `GET /v1/connectors/oauth/callback` (no API key:
// the state authenticates), which answer with HTML.
import { z } from '@hono/zod-openapi';
import { DomainError, RETRY_AFTER_SECONDS } from '../../lib/errors.ts';
import { operation } from '../contract.ts';
import { createRouter, workspaceOf } from '../router.ts';
import type { OAuthService } from '../../services/oauth.ts';
import { failurePage, page, PAGE_HEADERS, resultPage, returnLocation, startPage, unavailablePage } from '../oauth-pages.ts';
import { ConnectorIdParam, ErrorSchema, json, jsonBody } from '../schemas.ts';

const tags = ['OAuth'];

const AuthorizeResponse = z
  .object({
    authorize_url: z.string().openapi({ description: 'Send the user\'s browser here: Tributary\'s start page, which names the workspace and connector and then links on to the provider\'s authorization page (client id, redirect URI, scopes, state, PKCE challenge)' }),
    expires_at: z.string().openapi({ description: 'The link (and its state) dies at this time' }),
    workflow_id: z.string(),
    temporal_ui_url: z.string(),
  })
  .openapi('OAuthAuthorization');

/** The origins a `return_url` may have: PUBLIC_URL's and OAUTH_RETURN_URL_ORIGINS (the document names them). */
const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

function authorizeRoute(returnOrigins: readonly string[]) {
  const origins = returnOrigins.map(escapeRegex).join('|');
  return operation({
    operationId: 'authorizeConnector',
    connectSession: true,
    temporal: true,
    conflict: '`wrong_auth_method` (an API-key type), `oauth_not_configured` (no OAuth app for the type) or `invalid_status` (the connector was deleted)',
    method: 'post',
    path: '/connectors/{id}/oauth/authorize',
    tags,
    summary: 'Start (or restart) the OAuth authorization of a connector',
    description:
      'Returns the provider authorization URL to send the user to. Starts the onboarding workflow `onboarding/con_…`, which waits 10 minutes for the callback. A new call supersedes the previous link. Re-authorizing an `oauth_expired` connector returns it to `connected` under the same id. The response is not stored for Idempotency-Key replay (it carries a single-use state).',
    request: {
      params: ConnectorIdParam,
      body: jsonBody(z.strictObject({
        return_url: z
          .string()
          .max(2000)
          .regex(new RegExp(`^(?:${origins})(?:[/?#][\\x21-\\x7e]*)?$`), `must be an absolute URL on an allowed origin: ${returnOrigins.join(', ')} (OAUTH_RETURN_URL_ORIGINS)`)
          .optional()
          .openapi({
            format: 'uri',
            description: 'Where the browser goes after the callback, with `connector_id`, `outcome`, `status` (and `error`) appended: on PUBLIC_URL\'s origin or one listed in OAUTH_RETURN_URL_ORIGINS (the pattern names them).',
            example: `${returnOrigins[0]}/integrations/done`,
          }),
      }), false),
    },
    responses: { 200: json(AuthorizeResponse, 'The authorization URL') },
  });
}

const html = (description: string) => ({ description, content: { 'text/html': { schema: z.string() } } });
const vschar = (max: number) => z.string().max(max).regex(/^[\x20-\x7e]*$/, 'must be printable ASCII').optional();

const start = operation({
  operationId: 'oauthStart',
  public: true,
  method: 'get',
  path: '/v1/connectors/oauth/start',
  tags,
  summary: 'Start page of an authorization (the `authorize_url`; opened by the user\'s browser)',
  description: 'Names the workspace, connector, provider and requested scopes of the authorization, then links on to the provider. No API key; the state authenticates. Someone who was forwarded the link sees whose connector it is before any consent.',
  request: { query: z.object({ state: z.string().max(512).optional() }) },
  responses: {
    200: html('The start page'),
    400: {
      description: 'Unknown, forged, used or superseded state (a page); input refused before routing, e.g. a NUL character (JSON)',
      content: { ...html('').content, 'application/json': { schema: ErrorSchema } },
    },
    410: html('The authorization link expired; start again'),
  },
});

const callback = operation({
  operationId: 'oauthCallback',
  public: true,
  method: 'get',
  path: '/v1/connectors/oauth/callback',
  tags,
  summary: 'OAuth redirect URI (called by the provider through the user\'s browser)',
  description: 'The only redirect URI to register with a provider: `{PUBLIC_URL}/v1/connectors/oauth/callback`. No API key; the single-use state authenticates. Redirects to the return URL given at authorize time, or shows a small result page.',
  request: {
    // RFC 6749 (appendix A): state, code, error and error_uri are printable ASCII.
    query: z.object({
      state: vschar(512),
      code: vschar(2048),
      error: vschar(256),
      error_description: z.string().max(2048).optional(),
      error_uri: vschar(2048),
    }),
  },
  responses: {
    200: html('The result page'),
    303: { description: 'Redirect to the return URL with the outcome', headers: { Location: { description: 'The return URL with `connector_id`, `outcome`, `status` (and `error`)', required: true, schema: { type: 'string', format: 'uri' } } } },
    400: {
      description: 'Unknown, forged, reused or superseded state (a page); input refused before routing, e.g. a NUL character (JSON)',
      content: { ...html('').content, 'application/json': { schema: ErrorSchema } },
    },
    410: html('The authorization link expired; start again'),
    503: {
      description: 'Temporal (a page) or PostgreSQL (JSON, `database_unavailable`) is unreachable: nothing was used up; reload the page after Retry-After seconds',
      headers: { 'Retry-After': { description: 'Seconds to wait', required: true, schema: { type: 'integer' } } },
      content: { ...html('').content, 'application/json': { schema: ErrorSchema } },
    },
  },
});

export function oauthAuthorizeRoutes(service: OAuthService, returnOrigins: readonly string[]) {
  const app = createRouter();
  app.openapi(authorizeRoute(returnOrigins), async (c) => {
    const result = await service.authorize(workspaceOf(c), c.req.valid('param').id, c.req.valid('json'));
    return c.json(result, 200, { 'cache-control': 'no-store' });
  });
  return app;
}

/** Mounted on the root app before `/v1`, so the API-key middleware never sees them. */
export function oauthCallbackRoutes(service: OAuthService) {
  const app = createRouter();
  app.openapi(
    start,
    async (c) => {
      const result = await service.start(c.req.valid('query').state);
      if (result.kind !== 'start') {
        const { status, html: body } = failurePage(result);
        return c.html(body, status, PAGE_HEADERS);
      }
      return c.html(startPage(result), 200, PAGE_HEADERS);
    },
    (result, c) => {
      if (!result.success) return c.html(page('Invalid authorization link', 'This authorization link is malformed. Start the authorization again from your application.'), 400, PAGE_HEADERS);
      return undefined;
    },
  );
  app.openapi(
    callback,
    async (c) => {
      let result;
      try {
        result = await service.callback(c.req.valid('query'));
      } catch (err) {
        if (err instanceof DomainError && err.code === 'temporal_unavailable') return c.html(unavailablePage(), 503, { ...PAGE_HEADERS, 'retry-after': String(RETRY_AFTER_SECONDS) });
        throw err;
      }
      if (result.kind !== 'done') {
        const { status, html: body } = failurePage(result);
        return c.html(body, status, PAGE_HEADERS);
      }
      c.get('log').info({ connector_id: result.connectorId, outcome: result.outcome, status: result.status }, 'oauth callback');
      if (result.returnUrl) {
        for (const [k, v] of Object.entries(PAGE_HEADERS)) c.header(k, v);
        return c.redirect(returnLocation({ ...result, returnUrl: result.returnUrl }), 303);
      }
      return c.html(resultPage(result), 200, PAGE_HEADERS);
    },
    (result, c) => {
      if (!result.success) return c.html(page('Invalid authorization response', 'The provider\'s answer was malformed. Start the authorization again from your application.'), 400, PAGE_HEADERS);
      return undefined;
    },
  );
  return app;
}
