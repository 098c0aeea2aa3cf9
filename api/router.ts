// The one router factory: every route file builds its router here, so the validation hook (a zod failure
// becomes a 400 naming each field) is set once, and handlers read the workspace the same way.
import { OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { invalid } from '../lib/errors.ts';
import type { AppEnv } from './env.ts';
import { validationHook } from './middleware/errors.ts';
import { assertContract } from './contract.ts';

/**
 * A route whose body is required gets one: with no Content-Type Hono's JSON validator would read nothing as `{}`
 * (a PATCH with every field optional would "succeed" doing nothing). A wrong Content-Type is the 415 of
 * zod-openapi's media-type gate; malformed JSON the validator's 400.
 */
const requireBody = createMiddleware<AppEnv>(async (c, next) => {
  if (!c.req.header('content-type') && !(await c.req.text())) throw invalid('body', 'required: send a JSON object with Content-Type: application/json');
  await next();
});

function prepare<R extends RouteConfig>(route: R): R {
  assertContract(route);
  if (!route.request?.body?.required) return route;
  const own = route.middleware ? [route.middleware].flat() : [];
  return { ...route, middleware: [requireBody, ...own] };
}

export function createRouter(): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  // Every route passes through `prepare`: it must carry its contract (`operation()`), and a required body is enforced.
  const register = app.openapi.bind(app);
  app.openapi = ((route: RouteConfig, ...rest: unknown[]) => (register as (...args: unknown[]) => unknown)(prepare(route), ...rest)) as typeof app.openapi;
  return app;
}

/** The workspace of the API key that authenticated the request. */
export const workspaceOf = (c: Context<AppEnv>): string => c.get('workspaceId');

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/**
 * Compile-time check that a service's view type and a route's response schema describe the same object:
 * `sameShape<ConnectorView, z.infer<typeof ConnectorSchema>>(true)` stops compiling when either drifts.
 */
export function sameShape<A, B>(_same: Same<A, B>): void {}
