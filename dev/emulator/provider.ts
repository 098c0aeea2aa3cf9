// What each emulated provider supplies: its API routes and its own error responses (used by fault injection too).
import type { Context, Hono } from 'hono';
import type { EmulatorState } from './state.ts';

export interface ProviderErrors {
  /** The provider's answer to a missing, wrong or expired credential. */
  unauthorized(c: Context): Response;
  /** The provider's 429 (or equivalent), with its own rate-limit headers. */
  rateLimited(c: Context, retryAfterS: number): Response;
  serverError(c: Context, status: number): Response;
}

export interface EmulatedProvider {
  api(state: EmulatorState): Hono;
  errors: ProviderErrors;
}

export function bearer(c: Context): string | undefined {
  return /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1];
}

/** Parses an ISO-8601 or epoch (s or ms) time parameter. */
export function parseTime(v: string | undefined): number | undefined {
  if (v === undefined || v === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(v)) {
    const n = Number(v);
    return n > 1e11 ? n : n * 1000;
  }
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : t;
}

/** A stable pseudo-random integer for a record (so generated payloads vary but never change between runs). */
export function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}
