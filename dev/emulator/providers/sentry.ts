// Emulated Sentry Web API: Bearer tokens, `{detail}` error bodies, X-Sentry-Rate-Limit-* headers, the
// organization issues endpoint with `firstSeen` search and `Link` cursor pagination with `results="…"`.
import { Hono, type Context } from 'hono';
import type { EmuRecord } from '../dataset.ts';
import { bearer, hash, type EmulatedProvider } from '../provider.ts';
import type { EmulatorState } from '../state.ts';

export const SENTRY_ORG = 'acme-demo';

function rateHeaders(c: Context, remaining: number, resetS: number) {
  c.header('x-sentry-rate-limit-limit', '40');
  c.header('x-sentry-rate-limit-remaining', String(remaining));
  c.header('x-sentry-rate-limit-reset', String(Math.floor(Date.now() / 1000) + resetS));
  c.header('x-sentry-rate-limit-concurrentlimit', '25');
  c.header('x-sentry-rate-limit-concurrentremaining', '24');
}

function issue(r: EmuRecord) {
  const h = hash(r.id);
  const id = String(r.n >= 0 ? 4_500_000_000 + r.n : 9_000_000_000 + h);
  const project = h % 2 === 0 ? { id: '4504044', name: 'checkout-api', slug: 'checkout-api', platform: 'node' } : { id: '4504045', name: 'web', slug: 'web', platform: 'javascript-react' };
  const shortId = `${project.slug.toUpperCase()}-${(r.n >= 0 ? r.n + 1 : h).toString(36).toUpperCase()}`;
  return {
    id,
    shortId,
    title: `TypeError: Cannot read properties of undefined (reading 'total') — ${r.title}`,
    culprit: 'app/checkout/summary.ts in computeTotal',
    permalink: `https://${SENTRY_ORG}.sentry.io/issues/${id}/`,
    logger: null,
    level: h % 4 === 0 ? 'fatal' : 'error',
    status: h % 3 === 0 ? 'resolved' : 'unresolved',
    substatus: 'new',
    isPublic: false,
    platform: project.platform,
    project,
    type: 'error',
    metadata: { type: 'TypeError', value: "Cannot read properties of undefined (reading 'total')", filename: 'app/checkout/summary.ts', function: 'computeTotal' },
    numComments: 0,
    assignedTo: null,
    isBookmarked: false,
    isSubscribed: false,
    hasSeen: false,
    annotations: [],
    count: String(1 + (h % 500)),
    userCount: h % 40,
    firstSeen: new Date(r.at).toISOString(),
    lastSeen: new Date(r.at + (h % 3_600_000)).toISOString(),
    external_key: r.id,
  };
}

/** Parses `firstSeen:>=T` / `firstSeen:<=T` / `firstSeen:<T` / `firstSeen:>T` (UTC ISO without a zone). */
function firstSeenRange(query: string): [number, number] {
  let lo = 0;
  let hi = Number.MAX_SAFE_INTEGER;
  for (const m of query.matchAll(/firstSeen:(>=|<=|>|<)(\S+)/g)) {
    const t = Date.parse(/Z$|[+-]\d\d:\d\d$/.test(m[2]!) ? m[2]! : `${m[2]}Z`);
    if (Number.isNaN(t)) continue;
    if (m[1] === '>=') lo = Math.max(lo, t);
    if (m[1] === '>') lo = Math.max(lo, t + 1);
    if (m[1] === '<=') hi = Math.min(hi, t + 1);
    if (m[1] === '<') hi = Math.min(hi, t);
  }
  return [lo, hi];
}

function sentryApi(state: EmulatorState): Hono {
  const app = new Hono();
  app.use('*', async (c, next) => {
    rateHeaders(c, 39, 1);
    if (!state.isValid('sentry', bearer(c))) return c.json({ detail: 'Invalid token' }, 401);
    await next();
  });
  app.get('/api/0/organizations/:org/', (c) => {
    if (c.req.param('org') !== SENTRY_ORG) return c.json({ detail: 'The requested resource does not exist' }, 404);
    return c.json({ id: '1', slug: SENTRY_ORG, name: 'Acme (demo)', dateCreated: '2024-01-01T00:00:00.000Z', status: { id: 'active', name: 'active' } });
  });
  app.get('/api/0/organizations/:org/issues/', (c) => {
    if (c.req.param('org') !== SENTRY_ORG) return c.json({ detail: 'The requested resource does not exist' }, 404);
    const q = c.req.query();
    const limit = Math.min(100, Number(q.limit ?? 100));
    const offset = q.cursor ? Number(q.cursor.split(':')[1] ?? 0) : 0;
    if (!Number.isInteger(offset) || offset < 0) return c.json({ detail: 'Invalid cursor parameter.' }, 400);
    const [lo, hi] = firstSeenRange(q.query ?? '');
    const all = state.data.list('sentry', 'issue', lo, hi);
    if (q.sort === 'new') all.reverse(); // newest first, as Sentry sorts `new`
    const page = all.slice(offset, offset + limit);
    const u = new URL(c.req.url);
    const link = (o: number, rel: string, results: boolean) => {
      const cursor = `0:${o}:${rel === 'previous' ? 1 : 0}`;
      u.searchParams.set('cursor', cursor);
      return `<${u.toString()}>; rel="${rel}"; results="${results}"; cursor="${cursor}"`;
    };
    c.header('link', [link(Math.max(0, offset - limit), 'previous', offset > 0), link(offset + limit, 'next', offset + limit < all.length)].join(', '));
    return c.json(page.map(issue));
  });
  return app;
}

export const sentry: EmulatedProvider = {
  api: sentryApi,
  errors: {
    unauthorized: (c) => c.json({ detail: 'Invalid token' }, 401),
    rateLimited: (c, s) => {
      rateHeaders(c, 0, s);
      c.header('retry-after', String(s));
      return c.json({ detail: 'You are attempting to use this endpoint too frequently. Limit is 40 requests in 1 seconds' }, 429);
    },
    serverError: (c, status) => c.json({ detail: 'Internal Error' }, status as 500),
  },
};
