// What each emulated provider supplies: its API routes and its own error responses (used by fault injection too).
import type { Context, Hono } from 'hono';
import type { EmuRecord, TimelineSpec } from './dataset.ts';
import type { EmulatorState } from './state.ts';

export interface ProviderErrors {
  /** The provider's answer to a missing, wrong or expired credential. */
  unauthorized(c: Context): Response;
  /** The provider's 429 (or equivalent), with its own rate-limit headers. */
  rateLimited(c: Context, retryAfterS: number): Response;
  serverError(c: Context, status: number): Response;
  /** GitHub's secondary rate limit: 403 or 429, with `Retry-After` only when given (its primary limit is enforced, not injected). */
  secondaryLimited?(c: Context, status: 403 | 429, retryAfterS?: number): Response;
}

export interface EmulatedProvider {
  api(state: EmulatorState): Hono;
  errors: ProviderErrors;
  /** How each kind's records change over time (kinds not listed never change and cannot be deleted). */
  timelines?: Record<string, TimelineSpec>;
  /** The id the provider's API gives a record of `kind` (what Tributary stores as `external_id`). */
  externalId?(kind: string, rec: EmuRecord): string;
}

const HOUR = 3_600_000;
/** Timelines shared by several providers: a status progression, or records that only change when a test says so. */
export const TIMELINES = {
  twoSteps: { auto: 2, spreadMs: 2 * HOUR, mutable: true, deletable: false },
  oneStep: { auto: 1, spreadMs: HOUR, mutable: true, deletable: false },
  editable: { auto: 0, spreadMs: 0, mutable: true, deletable: true },
} satisfies Record<string, TimelineSpec>;

export const iso = (ms: number): string => new Date(ms).toISOString();

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

/**
 * One page of a sorted listing after a keyset position (the sort key and id of the last item returned), the way
 * cursor-paginated APIs page: a record that changes while the listing is paged never shifts another one out of it.
 */
export function keysetPage<T>(
  sorted: T[],
  keyOf: (t: T) => number,
  idOf: (t: T) => string,
  after: { k: number; id: string } | null,
  limit: number,
  desc = false,
): { items: T[]; more: boolean } {
  const past = (t: T) => {
    if (!after) return true;
    const k = keyOf(t);
    if (k !== after.k) return desc ? k < after.k : k > after.k;
    return desc ? idOf(t) < after.id : idOf(t) > after.id;
  };
  const ordered = desc ? [...sorted].reverse() : sorted;
  const start = ordered.findIndex(past);
  const rest = start < 0 ? [] : ordered.slice(start);
  return { items: rest.slice(0, limit), more: rest.length > limit };
}

/** Opaque keyset tokens (`nextPageToken`, `endCursor`): base64url JSON of the last item's key and id. */
export const keysetToken = {
  encode: (k: number, id: string): string => Buffer.from(JSON.stringify({ k, id })).toString('base64url'),
  decode: (token: string | undefined): { k: number; id: string } | null | undefined => {
    if (!token) return null;
    try {
      const v = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { k: unknown; id: unknown };
      return typeof v.k === 'number' && typeof v.id === 'string' ? { k: v.k, id: v.id } : undefined;
    } catch {
      return undefined;
    }
  },
};
