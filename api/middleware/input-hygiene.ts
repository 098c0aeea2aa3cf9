// Input no handler should ever see, refused in one place before routing: a NUL character (PostgreSQL cannot
// store it), malformed or overlong percent-encodings and other invalid UTF-8, and lone UTF-16 surrogates —
// in path segments, query parameters and JSON bodies. One 400 names every bad field.
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { invalidFields, type FieldIssue } from '../../lib/errors.ts';
import type { AppEnv } from '../env.ts';
import type { RouteTable } from '../route-table.ts';
import { hasBody } from './body-limit.ts';

const NUL = 'contains a NUL character (\\u0000)';
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why a decoded string cannot be taken, if it cannot. */
export function stringProblem(value: string): string | undefined {
  if (value.includes('\0')) return NUL;
  if (LONE_SURROGATE.test(value)) return 'contains an unpaired UTF-16 surrogate (not a Unicode character)';
  return undefined;
}

/** Decodes one percent-encoded URL component strictly (invalid and overlong UTF-8 sequences throw). */
function urlComponentProblem(raw: string, plusIsSpace: boolean): { value: string; problem?: string } {
  try {
    const value = decodeURIComponent(plusIsSpace ? raw.replace(/\+/g, ' ') : raw);
    return { value, problem: stringProblem(value) };
  } catch {
    return { value: raw, problem: 'is not valid UTF-8 percent-encoding' };
  }
}

function urlIssues(url: URL, routes: RouteTable): FieldIssue[] {
  const issues: FieldIssue[] = [];
  url.pathname.split('/').forEach((segment, i) => {
    const { problem } = urlComponentProblem(segment, false);
    if (problem) issues.push({ field: routes.paramAt(url.pathname, i) ?? 'path', message: problem });
  });
  for (const pair of url.search.slice(1).split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const key = urlComponentProblem(eq < 0 ? pair : pair.slice(0, eq), true);
    const value = urlComponentProblem(eq < 0 ? '' : pair.slice(eq + 1), true);
    const problem = key.problem ? `parameter name ${key.problem}` : value.problem;
    if (problem) issues.push({ field: key.problem ? 'query' : key.value, message: problem });
  }
  return issues;
}

/** Every string in a parsed JSON value (keys included) that cannot be taken, named by its path. */
function jsonIssues(value: unknown, path: string[], out: FieldIssue[]): void {
  const field = () => path.join('.') || 'body';
  if (typeof value === 'string') {
    const problem = stringProblem(value);
    if (problem) out.push({ field: field(), message: problem });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => jsonIssues(v, [...path, String(i)], out));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const problem = stringProblem(k);
      if (problem) out.push({ field: field(), message: `a field name ${problem}` });
      else jsonIssues(v, [...path, k], out);
    }
  }
}

const JSON_TYPE = /^application\/([a-z0-9.+-]+\+)?json\s*(;|$)/i;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

async function bodyIssues(c: Context<AppEnv>): Promise<FieldIssue[]> {
  if (!hasBody(c) || !JSON_TYPE.test(c.req.header('content-type') ?? '')) return [];
  // Read through Hono's body cache, so validators and middleware after this one read the same bytes again.
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    return [{ field: 'body', message: 'is not valid UTF-8' }];
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return []; // malformed JSON: the route's validator answers `invalid_json`
  }
  const out: FieldIssue[] = [];
  jsonIssues(parsed, [], out);
  return out;
}

export function inputHygiene(routes: RouteTable) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const issues = [...urlIssues(new URL(c.req.url), routes), ...(await bodyIssues(c))];
    if (issues.length) throw invalidFields(issues);
    await next();
  });
}
