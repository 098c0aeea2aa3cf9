// Reading provider responses by their contract: every field a client relies on is read through one of these, which
// accept what the provider's description allows (nulls where it allows them, absent optional fields) and turn
// anything else into a non-retryable `provider_contract` ProviderError naming the field — never a TypeError.
import { ProviderError } from './types.ts';

type Obj = Record<string, unknown>;

export function contractError(what: string, field: string, problem: string): ProviderError {
  return new ProviderError('provider_contract', `${what}: field "${field}" ${problem} — the response does not match the provider's documented shape`);
}

const describeValue = (v: unknown) => (v === null ? 'null' : v === undefined ? 'missing' : Array.isArray(v) ? 'an array' : typeof v === 'string' ? `"${v.length > 40 ? `${v.slice(0, 40)}…` : v}"` : typeof v);

/** A value at a dot path (`commit.committer.date`); undefined when any step is missing or not an object. */
export function at(obj: unknown, path: string): unknown {
  let node: unknown = obj;
  for (const k of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Obj)[k];
  }
  return node;
}

/** A reader of one response object (`what` names it in errors: `github commit search item`). */
export function read(obj: unknown, what: string) {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) throw contractError(what, '(item)', `is ${describeValue(obj)}, expected an object`);
  return {
    /** The raw object (kept as the record's `raw`). */
    value: obj as Obj,
    /** A non-empty string, or a number (ids), as a string. */
    id(path: string): string {
      const v = at(obj, path);
      if ((typeof v === 'string' && v !== '') || (typeof v === 'number' && Number.isFinite(v))) return String(v);
      throw contractError(what, path, `is ${describeValue(v)}, expected an id`);
    },
    /** A string (possibly empty). */
    string(path: string): string {
      const v = at(obj, path);
      if (typeof v === 'string') return v;
      throw contractError(what, path, `is ${describeValue(v)}, expected a string`);
    },
    /** A string where the description lets it be null or absent (→ null). */
    optionalString(path: string): string | null {
      const v = at(obj, path);
      if (v === null || v === undefined) return null;
      if (typeof v === 'string') return v;
      throw contractError(what, path, `is ${describeValue(v)}, expected a string or null`);
    },
    /**
     * A point in time, from the first of `paths` that is present (the later ones are the description's fallbacks
     * where the first may be null): an ISO-8601 string or epoch milliseconds. Returned as ISO-8601 UTC.
     */
    time(...paths: string[]): string {
      for (const p of paths) {
        const v = at(obj, p);
        if (v === null || v === undefined) continue;
        const ms = typeof v === 'number' ? v : typeof v === 'string' ? Date.parse(v) : NaN;
        if (!Number.isFinite(ms)) throw contractError(what, p, `is ${describeValue(v)}, expected a date-time`);
        return new Date(ms).toISOString();
      }
      throw contractError(what, paths.join('" or "'), `is ${describeValue(at(obj, paths[0]!))}, expected a date-time`);
    },
    /** An optional time (null when absent); a present value must still be a date-time. */
    optionalTime(path: string): string | null {
      const v = at(obj, path);
      return v === null || v === undefined ? null : this.time(path);
    },
  };
}

/** The array at `path` of a response body (absent or null → `[]` only when `optional`). */
export function list(body: unknown, path: string, what: string, opts: { optional?: boolean } = {}): unknown[] {
  const v = path === '' ? body : at(body, path);
  if (Array.isArray(v)) return v;
  if (opts.optional && (v === undefined || v === null)) return [];
  throw contractError(what, path || '(body)', `is ${describeValue(v)}, expected an array`);
}
