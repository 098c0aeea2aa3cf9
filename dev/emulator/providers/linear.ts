// Emulated Linear GraphQL API: API keys (raw) or Bearer tokens, `viewer` and `issues(first, after, orderBy,
// includeArchived, filter: {createdAt|updatedAt: {gte, lt}})` with Relay page info (cursors are positions), GraphQL
// error bodies with `extensions.code`, and the X-RateLimit-Requests-* / X-RateLimit-Complexity-* headers. Issues move
// Todo → In Progress → Done; a deleted one is archived (`archivedAt`), visible with `includeArchived: true`.
import { Hono, type Context } from 'hono';
import type { EmuRecord, RecordState } from '../dataset.ts';
import { hash, iso, keysetPage, keysetToken, TIMELINES, type EmulatedProvider } from '../provider.ts';
import type { EmulatorState } from '../state.ts';

const gqlError = (c: Context, status: number, message: string, code: string, type: string) =>
  c.json({ errors: [{ message, extensions: { type, code, statusCode: status, userPresentableMessage: message } }] }, status as 400);

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
  { name: 'Todo', type: 'unstarted' },
  { name: 'In Progress', type: 'started' },
  { name: 'Done', type: 'completed' },
];

function issueUuid(r: EmuRecord): string {
  const hex = hash(r.id).toString(16).padStart(8, '0');
  return `${hex}-${r.id.toLowerCase().slice(0, 4).padEnd(4, '0')}-4${hex.slice(0, 3)}-8${hex.slice(3, 6)}-${Buffer.from(r.id).toString('hex').slice(-12).padStart(12, '0')}`;
}

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
    team: { key: 'ENG', name: 'Engineering' },
    assignee: s.patch.assignee ? { name: String(s.patch.assignee), email: `${String(s.patch.assignee).toLowerCase().replace(/\W+/g, '.')}@acme.example` } : h % 2 === 0 ? { name: 'Ada Lovelace', email: 'ada@acme.example' } : null,
    labels: { nodes: [{ name: 'Bug' }] },
  };
}

function linearApi(state: EmulatorState): Hono {
  const app = new Hono();
  app.post('/graphql', async (c) => {
    rateHeaders(c, 1499, 3600);
    const auth = c.req.header('authorization') ?? '';
    const apiKey = /^Bearer (.+)$/.exec(auth)?.[1] ?? auth;
    if (!state.isValid('linear', apiKey)) return unauthenticated(c);
    let req: { query?: string; variables?: Record<string, any> };
    try {
      req = await c.req.json();
    } catch {
      return gqlError(c, 400, 'Must provide query string.', 'GRAPHQL_PARSE_FAILED', 'invalid input');
    }
    const query = req.query ?? '';
    if (/\bviewer\b/.test(query)) return c.json({ data: { viewer: { id: 'b5f1c0de-0000-4000-8000-000000000001', name: 'Demo User' } } });
    if (!/\bissues\s*\(/.test(query)) return gqlError(c, 400, 'Unsupported query in the emulator', 'GRAPHQL_VALIDATION_FAILED', 'invalid input');
    const v = req.variables ?? {};
    const first = Number(v.first ?? 50);
    if (!Number.isInteger(first) || first < 1 || first > 250) return gqlError(c, 400, 'first must be between 1 and 250', 'INVALID_INPUT', 'invalid input');
    const start = v.start ? Date.parse(v.start) : 0;
    const end = v.end ? Date.parse(v.end) : Date.now() + 1;
    const after = keysetToken.decode(v.after ?? undefined);
    if (after === undefined) return gqlError(c, 400, 'Invalid cursor', 'INVALID_INPUT', 'invalid input');
    // The filter's field decides the window and the order; archived issues only with `includeArchived: true`.
    const byUpdated = /filter:\s*\{\s*updatedAt\s*:/.test(query);
    const includeDeleted = /includeArchived:\s*true/.test(query);
    const key = (x: RecordState) => (byUpdated ? x.updatedAt : x.rec.at);
    const all = byUpdated ? state.data.listModified('linear', 'issue', start, end, { includeDeleted }) : state.data.list('linear', 'issue', start, end, { includeDeleted });
    const { items, more } = keysetPage(all, key, (x) => x.rec.id, after, first);
    const tail = items[items.length - 1];
    return c.json({ data: { issues: { nodes: items.map(issue), pageInfo: { hasNextPage: more, endCursor: tail ? keysetToken.encode(key(tail), tail.rec.id) : null } } } });
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
