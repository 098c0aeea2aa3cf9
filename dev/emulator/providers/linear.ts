// Emulated Linear GraphQL API: API keys (raw) or Bearer tokens; every query parsed and validated against Linear's
// schema (dev/emulator/specs/linear.graphql, rebuilt from @linear/sdk) and executed through it, so a query gets
// exactly the fields it selects and a wrong one fails as at Linear (HTTP 400, `GRAPHQL_VALIDATION_FAILED` with the
// message and location). Served: `viewer` and `issues(first ≤ 250, after, orderBy, includeArchived, filter:
// {createdAt|updatedAt: {gte, lt}})` with Relay page info (cursors are positions), errors with `extensions.code`, and
// the X-RateLimit-Requests-* / X-RateLimit-Complexity-* headers. Issues move Todo → In Progress → Done; a deleted
// one is archived (`archivedAt`), visible with `includeArchived: true`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, execute, GraphQLError, parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { Hono, type Context } from 'hono';
import type { EmuRecord, RecordState } from '../dataset.ts';
import { hash, iso, keysetPage, keysetToken, TIMELINES, type EmulatedProvider } from '../provider.ts';
import type { EmulatorState } from '../state.ts';

const gqlError = (c: Context, status: number, message: string, code: string, type: string) =>
  c.json({ errors: [{ message, extensions: { type, code, statusCode: status, userPresentableMessage: message } }] }, status as 400);

/** Linear's largest page. */
export const LINEAR_MAX_FIRST = 250;

let schema: GraphQLSchema | undefined;
/** Linear's schema, built once per process (370 KB of SDL). */
export function linearSchema(): GraphQLSchema {
  schema ??= buildSchema(readFileSync(path.join(path.dirname(new URL(import.meta.url).pathname), '../specs/linear.graphql'), 'utf8'));
  return schema;
}

/** GraphQL errors the way Linear renders them: the message, where, and `extensions` with its code. */
function linearErrors(errors: readonly GraphQLError[], code: string) {
  return errors.map((e) => ({
    message: e.message,
    ...(e.locations ? { locations: e.locations } : {}),
    ...(e.path ? { path: e.path } : {}),
    extensions: { type: code === 'INVALID_INPUT' ? 'invalid input' : 'graphql error', code: (e.extensions?.code as string | undefined) ?? code, statusCode: 400, userPresentableMessage: e.message },
  }));
}

const invalidInput = (message: string) => new GraphQLError(message, { extensions: { code: 'INVALID_INPUT' } });

const unauthenticated = (c: Context) => gqlError(c, 400, 'Authentication required, not authenticated.', 'AUTHENTICATION_ERROR', 'authentication error');

function rateHeaders(c: Context, remaining: number, resetS: number) {
  const reset = String(Date.now() + resetS * 1000);
  c.header('x-ratelimit-requests-limit', '1500');
  c.header('x-ratelimit-requests-remaining', String(remaining));
  c.header('x-ratelimit-requests-reset', reset);
  c.header('x-ratelimit-complexity-limit', '250000');
  c.header('x-ratelimit-complexity-remaining', String(remaining ? 249_000 : 0));
  c.header('x-ratelimit-complexity-reset', reset);
}

const STATES = [
  { id: '6f1b1e4a-0000-4000-8000-000000000001', name: 'Todo', type: 'unstarted', color: '#e2e2e2', position: 1 },
  { id: '6f1b1e4a-0000-4000-8000-000000000002', name: 'In Progress', type: 'started', color: '#f2c94c', position: 2 },
  { id: '6f1b1e4a-0000-4000-8000-000000000003', name: 'Done', type: 'completed', color: '#5e6ad2', position: 3 },
];

function issueUuid(r: EmuRecord): string {
  const hex = hash(r.id).toString(16).padStart(8, '0');
  return `${hex}-${r.id.toLowerCase().slice(0, 4).padEnd(4, '0')}-4${hex.slice(0, 3)}-8${hex.slice(3, 6)}-${Buffer.from(r.id).toString('hex').slice(-12).padStart(12, '0')}`;
}

const VIEWER = { id: 'b5f1c0de-0000-4000-8000-000000000001', name: 'Demo User', displayName: 'demo', email: 'demo@acme.example', active: true, admin: false };

function issue(s: RecordState) {
  const r = s.rec;
  const h = hash(r.id);
  const number = r.n >= 0 ? r.n + 1 : 100_000 + (h % 100_000);
  const identifier = `ENG-${number}`;
  const state = STATES.find((x) => x.name === s.patch.status) ?? STATES[Math.min(s.stage, 2)]!;
  return {
    id: issueUuid(r),
    identifier,
    title: String(s.patch.title ?? `Checkout total is wrong after coupon (${r.title})`),
    url: `https://linear.app/acme-demo/issue/${identifier.toLowerCase()}/checkout-total-is-wrong-after-coupon`,
    priority: h % 5,
    priorityLabel: ['No priority', 'Urgent', 'High', 'Medium', 'Low'][h % 5],
    createdAt: iso(r.at),
    updatedAt: iso(s.updatedAt),
    completedAt: state.type === 'completed' ? iso(s.updatedAt) : null,
    archivedAt: s.deletedAt !== null ? iso(s.deletedAt) : null,
    trashed: s.deleted ? false : null,
    state,
    team: { id: '0c4d5e6f-0000-4000-8000-00000000e4e1', key: 'ENG', name: 'Engineering' },
    assignee: s.patch.assignee
      ? { id: `a551e0ee-0000-4000-8000-${String(hash(String(s.patch.assignee))).padStart(12, '0').slice(0, 12)}`, name: String(s.patch.assignee), email: `${String(s.patch.assignee).toLowerCase().replace(/\W+/g, '.')}@acme.example` }
      : h % 2 === 0 ? { id: 'a551e0ee-0000-4000-8000-00000000ada1', name: 'Ada Lovelace', email: 'ada@acme.example' } : null,
    labels: { nodes: [{ id: '1abe1000-0000-4000-8000-000000000b06', name: 'Bug', color: '#eb5757' }] },
  };
}

function linearApi(state: EmulatorState): Hono {
  const app = new Hono();
  /** `issues(…)`: a window on creation or modification, in either order, archived issues on request. */
  const issues = (args: { first?: number | null; after?: string | null; orderBy?: string | null; includeArchived?: boolean | null; filter?: Record<string, { gte?: string; lt?: string }> | null }) => {
    const first = args.first ?? 50;
    if (first < 1 || first > LINEAR_MAX_FIRST) throw invalidInput(`first must be between 1 and ${LINEAR_MAX_FIRST}`);
    const byUpdated = Boolean(args.filter?.updatedAt);
    const range = args.filter?.[byUpdated ? 'updatedAt' : 'createdAt'] ?? {};
    const start = range.gte ? Date.parse(range.gte) : 0;
    const end = range.lt ? Date.parse(range.lt) : Date.now() + 1;
    if (Number.isNaN(start) || Number.isNaN(end)) throw invalidInput('filter dates must be ISO-8601 date-times');
    const after = keysetToken.decode(args.after ?? undefined);
    if (after === undefined) throw invalidInput('Invalid cursor');
    const includeDeleted = args.includeArchived === true;
    const listed = byUpdated ? state.data.listModified('linear', 'issue', start, end, { includeDeleted }) : state.data.list('linear', 'issue', start, end, { includeDeleted });
    // Ordered by `orderBy` (by default by the filtered field).
    const byUpdatedOrder = args.orderBy ? args.orderBy === 'updatedAt' : byUpdated;
    const key = (x: RecordState) => (byUpdatedOrder ? x.updatedAt : x.rec.at);
    const ordered = byUpdatedOrder === byUpdated ? listed : [...listed].sort((a, b) => key(a) - key(b) || a.rec.id.localeCompare(b.rec.id));
    const { items, more } = keysetPage(ordered, key, (x) => x.rec.id, after, first);
    const tail = items[items.length - 1];
    const nodes = items.map(issue);
    return {
      nodes,
      edges: nodes.map((node, i) => ({ node, cursor: keysetToken.encode(key(items[i]!), items[i]!.rec.id) })),
      pageInfo: { hasNextPage: more, hasPreviousPage: after !== null, startCursor: items[0] ? keysetToken.encode(key(items[0]), items[0].rec.id) : null, endCursor: tail ? keysetToken.encode(key(tail), tail.rec.id) : null },
    };
  };
  const root = { viewer: () => VIEWER, issues };

  app.post('/graphql', async (c) => {
    rateHeaders(c, 1499, 3600);
    const auth = c.req.header('authorization') ?? '';
    const apiKey = /^Bearer (.+)$/.exec(auth)?.[1] ?? auth;
    if (!state.isValid('linear', apiKey)) return unauthenticated(c);
    let req: { query?: unknown; variables?: Record<string, unknown> | null; operationName?: string };
    try {
      req = await c.req.json();
    } catch {
      return gqlError(c, 400, 'Must provide query string.', 'GRAPHQL_PARSE_FAILED', 'graphql error');
    }
    if (typeof req.query !== 'string' || !req.query.trim()) return gqlError(c, 400, 'Must provide query string.', 'GRAPHQL_PARSE_FAILED', 'graphql error');
    let document: DocumentNode;
    try {
      document = parse(req.query);
    } catch (err) {
      return c.json({ errors: linearErrors([err as GraphQLError], 'GRAPHQL_PARSE_FAILED') }, 400);
    }
    const invalid = validate(linearSchema(), document);
    if (invalid.length) return c.json({ errors: linearErrors(invalid, 'GRAPHQL_VALIDATION_FAILED') }, 400);
    const result = await execute({ schema: linearSchema(), document, rootValue: root, variableValues: req.variables ?? {}, operationName: req.operationName });
    if (result.errors?.length) return c.json({ errors: linearErrors(result.errors, 'INVALID_INPUT'), ...(result.data ? { data: result.data } : {}) }, 400);
    return c.json({ data: result.data });
  });
  return app;
}

export const linear: EmulatedProvider = {
  api: linearApi,
  timelines: { issue: { ...TIMELINES.twoSteps, deletable: true } },
  externalId: (_kind, rec) => issueUuid(rec),
  errors: {
    unauthorized: unauthenticated,
    rateLimited: (c, s) => {
      // Linear reports rate limiting as a GraphQL error with code RATELIMITED; the reset is in the headers.
      rateHeaders(c, 0, s);
      return gqlError(c, 400, 'Rate limit exceeded. Please retry after the reset time.', 'RATELIMITED', 'ratelimited');
    },
    serverError: (c, status) => gqlError(c, status, 'Internal server error', 'INTERNAL_SERVER_ERROR', 'internal error'),
  },
};
