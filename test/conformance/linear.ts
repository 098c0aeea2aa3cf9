// Linear against its GraphQL schema (rebuilt from @linear/sdk's generated types; the SDK ships no SDL, and every one
// of its 674 operation documents validates against the rebuilt schema): each query the client sends must validate,
// and each `data` must be what executing that query over the schema yields (types, nullability, enums); errors in
// Linear's shape; the rate-limit headers Linear documents.
import { execute, parse, validate } from 'graphql';
import { isDeepStrictEqual } from 'node:util';
import { linearSchema } from '../../dev/emulator/providers/linear.ts';
import type { Check, ProviderConformance } from './conformance.ts';
import type { Exchange } from './exchanges.ts';
import { describe, optionalHeaders, pointer, problems, type HeaderRule } from './validator.ts';

/** developers.linear.app/docs/graphql/working-with-the-graphql-api/rate-limiting. */
const integer = { type: 'integer', minimum: 0 };
const RATE: Record<string, HeaderRule> = Object.fromEntries(
  ['requests', 'complexity'].flatMap((k) => ['limit', 'remaining', 'reset'].map((f) => [`x-ratelimit-${k}-${f}`, { schema: integer, required: true }])),
);
/** Linear's error body: `errors[]` with a message and `extensions.code` (AUTHENTICATION_ERROR, RATELIMITED, …). */
const errors = describe({
  definitions: {
    error: {
      type: 'object',
      required: ['errors'],
      properties: { errors: { type: 'array', minItems: 1, items: { type: 'object', required: ['message', 'extensions'], properties: { message: { type: 'string' }, extensions: { type: 'object', required: ['code', 'type'], properties: { code: { type: 'string' }, type: { type: 'string' }, userPresentableMessage: { type: 'string' } } } } } } },
    },
  },
}, { openapi: false }).validator(pointer('definitions', 'error'));

/** The query must be valid, and `data` exactly what the query yields over the schema when the data is its source. */
function dataProblems(query: unknown, variables: unknown, body: any): string[] {
  if (typeof query !== 'string') return ['no query in the request'];
  const document = parse(query);
  const invalid = validate(linearSchema(), document);
  if (invalid.length) return invalid.map((e) => `query: ${e.message}`);
  if (!body || typeof body !== 'object' || !('data' in body)) return ['no `data`'];
  const out = execute({ schema: linearSchema(), document, rootValue: body.data, variableValues: (variables ?? {}) as Record<string, unknown> }) as { data?: unknown; errors?: readonly Error[] };
  if (out.errors?.length) return out.errors.map((e) => `data: ${e.message}`);
  // (execute builds null-prototype objects: compared as JSON.)
  return isDeepStrictEqual(JSON.parse(JSON.stringify(out.data)), body.data) ? [] : ['data: differs from what the query selects (extra fields, or values coerced)'];
}

const errorCode = (ex: Exchange) => (ex.body as { errors?: Array<{ extensions?: { code?: string } }> })?.errors?.[0]?.extensions?.code;

function check(ex: Exchange): Check | undefined {
  if (ex.method !== 'POST' || ex.path !== '/graphql') return undefined;
  const req = ex.requestBody as { query?: unknown; variables?: unknown } | undefined;
  const failed = ex.status !== 200 || Boolean((ex.body as { errors?: unknown })?.errors);
  return {
    name: `POST /graphql ${ex.status} ${failed ? 'errors' : 'data'}`,
    body: (b) => (failed ? problems(errors, b) : dataProblems(req?.query, req?.variables, b)),
    // Every answer of the API carries them; one refused before it (authentication, a 5xx) may not.
    headers: failed ? optionalHeaders(RATE) : RATE,
  };
}

export const linear: ProviderConformance = {
  type: 'linear',
  source: 'Linear\'s GraphQL schema rebuilt from @linear/sdk 98.0.0 (validated with the `graphql` package) and Linear\'s rate-limit documentation',
  check,
  authFailed: (ex) => errorCode(ex) === 'AUTHENTICATION_ERROR',
  limited: (ex) => errorCode(ex) === 'RATELIMITED',
  async scenarios(h) {
    const post = (query: string, variables: Record<string, unknown> = {}) =>
      h.call('linear', '/graphql', { method: 'POST', headers: { Authorization: h.credentials('linear').api_key!, 'Content-Type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    // A field Linear does not have, a syntax error, and a page larger than Linear serves: each a 400 with its code.
    for (const [query, code] of [
      ['query { issues(first: 5) { nodes { id priorityLable } } }', 'GRAPHQL_VALIDATION_FAILED'],
      ['query { issues(first: 5) { nodes { id } }', 'GRAPHQL_PARSE_FAILED'],
      ['query { issues(first: 251) { nodes { id } } }', 'INVALID_INPUT'],
    ] as const) {
      const res = await post(query);
      const body = (await res.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
      if (res.status !== 400 || body.errors?.[0]?.extensions?.code !== code) throw new Error(`${query} → ${res.status} ${JSON.stringify(body)}`);
    }
  },
  broken: {
    what: 'an issue whose `priority` is a word, not a number',
    find: (ex) => ex.path === '/graphql' && ex.status === 200 && (ex.body as any)?.data?.issues?.nodes?.length > 0,
    breakIt: (b) => {
      b.data.issues.nodes[0].priority = 'urgent';
    },
  },
};
