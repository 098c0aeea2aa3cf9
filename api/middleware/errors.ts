// One error shape for every failure: domain errors, validation errors, framework HTTP errors, the unexpected.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ZodError } from 'zod';
import { DomainError, invalidFields, type ErrorCode, type FieldIssue } from '../../lib/errors.ts';
import type { AppEnv } from '../env.ts';
import type { RouteTable } from '../route-table.ts';

export function errorBody(code: ErrorCode | string, message: string, details: FieldIssue[] = []) {
  return { error: { code, message, details } };
}

type Issue = ZodError['issues'][number];

/** How far a value is from a form: each issue counts, each unknown key too. */
const distance = (issues: Issue[]) => issues.reduce((n, i) => n + (i.code === 'unrecognized_keys' ? (i as { keys: string[] }).keys.length : 1), 0);
/** How specific a form's complaint is: the deepest path it names (a list item beats "no such field here"). */
const depth = (issues: Issue[]) => Math.max(0, ...issues.map((i) => i.path.length));

/**
 * A value that fits none of a union's forms (e.g. credentials, settings) is explained by the form it came closest
 * to — the fewest issues, then the most specific — rather than a bare "Invalid input".
 */
function closestBranch(issue: Issue): Issue[] {
  const branches = issue.code === 'invalid_union' ? (issue as { errors?: Issue[][] }).errors : undefined;
  if (!branches?.length) return [issue];
  const best = branches.reduce((a, b) => (distance(b) < distance(a) || (distance(b) === distance(a) && depth(b) > depth(a)) ? b : a));
  return best.length ? best.flatMap((i) => closestBranch({ ...i, path: [...issue.path, ...i.path] } as Issue)) : [issue];
}

export function zodIssues(error: ZodError, target: string): FieldIssue[] {
  return error.issues.flatMap(closestBranch).map((i) => {
    const path = i.path.map(String).join('.');
    let message = i.message;
    if (i.code === 'unrecognized_keys') {
      // zod's own wording names the key, which `field` already does; a schema's own message (e.g. "this connector
      // type has no settings") says more.
      return { field: [path, ...(i as { keys: string[] }).keys].filter(Boolean).join('.'), message: /^Unrecognized key/.test(message) ? 'unknown field' : message };
    }
    if (i.code === 'invalid_type' && /received undefined/.test(message)) message = 'required';
    return { field: path || (target === 'json' ? 'body' : target), message };
  });
}

/** The defaultHook of every route: a zod failure becomes a 400 naming each field. */
export function validationHook(result: { success: boolean; error?: ZodError; target: string }, c: Context<AppEnv>) {
  if (!result.success && result.error) {
    const err = invalidFields(zodIssues(result.error, result.target));
    return c.json(errorBody(err.code, err.message, err.details), 400);
  }
  return undefined;
}

/**
 * RFC 6750 §3: a 401 names the scheme to use; `invalid_token` when a key was sent but is not valid.
 * (Hono's own 401s come without one.)
 */
function bearerChallenge(c: Context<AppEnv>): Record<string, string> {
  const sent = c.req.header('authorization') !== undefined;
  return { 'www-authenticate': `Bearer realm="tributary"${sent ? ', error="invalid_token"' : ''}` };
}

export function onError(err: Error, c: Context<AppEnv>) {
  if (err instanceof DomainError) {
    return c.json(errorBody(err.code, err.message, err.details), err.status as 400, err.status === 401 ? bearerChallenge(c) : {});
  }
  if (err instanceof HTTPException) {
    if (err.status === 400 && /JSON/i.test(err.message)) {
      return c.json(errorBody('invalid_json', 'request body is not valid JSON', [{ field: 'body', message: 'malformed JSON' }]), 400);
    }
    if (err.status === 415) {
      return c.json(errorBody('unsupported_media_type', 'the body must be JSON', [{ field: 'body', message: 'send Content-Type: application/json' }]), 415);
    }
    if (err.status === 413) {
      return c.json(errorBody('payload_too_large', err.message, [{ field: 'body', message: err.message }]), 413, { connection: 'close' });
    }
    return c.json(errorBody(err.status === 401 ? 'unauthorized' : 'invalid_request', err.message || 'bad request'), err.status, err.status === 401 ? bearerChallenge(c) : {});
  }
  c.get('log')?.error({ err: { message: err.message, name: err.name, stack: err.stack } }, 'unhandled error');
  return c.json(errorBody('internal', 'internal error; the request id identifies it in the logs'), 500);
}

/**
 * No route answered: 405 with `Allow` when the path has other methods (OPTIONS lists them), else 404 — also
 * when a route of this method exists and its handler found nothing.
 */
export function unrouted(routes: RouteTable) {
  return (c: Context<AppEnv>) => {
    const methods = routes.methods(c.req.path);
    if (!methods.length || methods.includes(c.req.method)) return c.json(errorBody('not_found', `no route for ${c.req.method} ${c.req.path}`), 404);
    const allow = [...methods, 'OPTIONS'].join(', ');
    if (c.req.method === 'OPTIONS') return c.body(null, 204, { allow });
    return c.json(errorBody('method_not_allowed', `${c.req.method} is not supported on ${c.req.path}; use ${allow}`), 405, { allow });
  };
}
