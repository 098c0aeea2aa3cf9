// The one router factory: every route file builds its router here, so the validation hook (a zod failure
// becomes a 400 naming each field) is set once, and handlers read the workspace the same way.
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from './env.ts';
import { validationHook } from './middleware/errors.ts';

export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}

/** The workspace of the API key that authenticated the request. */
export const workspaceOf = (c: Context<AppEnv>): string => c.get('workspaceId');

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/**
 * Compile-time check that a service's view type and a route's response schema describe the same object:
 * `sameShape<ConnectorView, z.infer<typeof ConnectorSchema>>(true)` stops compiling when either drifts.
 */
export function sameShape<A, B>(_same: Same<A, B>): void {}
