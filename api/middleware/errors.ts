// One error shape for every failure: domain errors, validation errors, framework HTTP errors, the unexpected.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ZodError } from 'zod';
import { DomainError, type ErrorCode, type FieldIssue } from '../../lib/errors.ts';
import type { AppEnv } from '../env.ts';

export function errorBody(code: ErrorCode | string, message: string, details: FieldIssue[] = []) {
  return { error: { code, message, details } };
}

export function zodIssues(error: ZodError, target: string): FieldIssue[] {
  return error.issues.map((i) => {
    const path = i.path.map(String).join('.');
    let message = i.message;
    if (i.code === 'unrecognized_keys') {
      return { field: [path, ...(i as { keys: string[] }).keys].filter(Boolean).join('.'), message: 'unknown field' };
    }
    if (i.code === 'invalid_type' && /received undefined/.test(message)) message = 'required';
    return { field: path || target, message };
  });
}

/** The defaultHook of every route: a zod failure becomes a 400 naming each field. */
export function validationHook(result: { success: boolean; error?: ZodError; target: string }, c: Context<AppEnv>) {
  if (!result.success && result.error) {
    const details = zodIssues(result.error, result.target);
    return c.json(errorBody('invalid_request', details.map((d) => `${d.field}: ${d.message}`).join('; '), details), 400);
  }
  return undefined;
}

export function onError(err: Error, c: Context<AppEnv>) {
  if (err instanceof DomainError) return c.json(errorBody(err.code, err.message, err.details), err.status as 400);
  if (err instanceof HTTPException) {
    if (err.status === 400 && /JSON/i.test(err.message)) {
      return c.json(errorBody('invalid_json', 'request body is not valid JSON', [{ field: 'body', message: 'malformed JSON' }]), 400);
    }
    if (err.status === 413) {
      return c.json(errorBody('payload_too_large', err.message, [{ field: 'body', message: err.message }]), 413);
    }
    return c.json(errorBody(err.status === 401 ? 'unauthorized' : 'invalid_request', err.message || 'bad request'), err.status);
  }
  c.get('log')?.error({ err: { message: err.message, name: err.name, stack: err.stack } }, 'unhandled error');
  return c.json(errorBody('internal', 'internal error; the request id identifies it in the logs'), 500);
}
