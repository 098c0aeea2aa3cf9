// Emulated Sentry Web API: Bearer tokens, `{detail}` error bodies, X-Sentry-Rate-Limit-* headers, the
// organization issues endpoint with `firstSeen` search and `Link` cursor pagination with `results="…"`.
import { Hono, type Context } from 'hono';
import type { EmuRecord, RecordState } from '../dataset.ts';
import { bearer, hash, iso, type EmulatedProvider } from '../provider.ts';
import type { EmulatorState } from '../state.ts';

export const SENTRY_ORG = 'acme-demo';

function rateHeaders(c: Context, remaining: number, resetS: number) {
  c.header('x-sentry-rate-limit-limit', '40');
  c.header('x-sentry-rate-limit-remaining', String(remaining));
  c.header('x-sentry-rate-limit-reset', String(Math.floor(Date.now() / 1000) + resetS));
  c.header('x-sentry-rate-limit-concurrentlimit', '25');
  c.header('x-sentry-rate-limit-concurrentremaining', '24');
}

const issueId = (r: EmuRecord) => String(r.n >= 0 ? 4_500_000_000 + r.n : 9_000_000_000 + hash(r.id));

/** An issue as it is now: each revision is a new event (count grows, `lastSeen` moves, a resolved issue regresses). */
function issue(s: RecordState) {
  const r = s.rec;
  const h = hash(r.id);
  const id = issueId(r);
  const project = h % 2 === 0 ? { id: '4504044', name: 'checkout-api', slug: 'checkout-api', platform: 'node' } : { id: '4504045', name: 'web', slug: 'web', platform: 'javascript-react' };
  const shortId = `${project.slug.toUpperCase()}-${(r.n >= 0 ? r.n + 1 : h).toString(36).toUpperCase()}`;
  const base = h % 3 === 0 ? 'resolved' : 'unresolved';
  const status = String(s.patch.status ?? (s.rev > 0 ? 'unresolved' : base));
  const count = String(1 + (h % 500) + s.rev);
  return {
    id,
    shareId: Buffer.from(`share-${id}`).toString('hex').slice(0, 32),
    shortId,
    title: String(s.patch.title ?? `TypeError: Cannot read properties of undefined (reading 'total') — ${r.title}`),
    culprit: 'app/checkout/summary.ts in computeTotal',
    permalink: `https://${SENTRY_ORG}.sentry.io/issues/${id}/`,
    logger: null,
    level: h % 4 === 0 ? 'fatal' : 'error',
    status,
    substatus: status === 'resolved' ? null : s.rev > 0 && base === 'resolved' ? 'regressed' : s.rev > 0 ? 'ongoing' : 'new',
    isPublic: false,
    platform: project.platform,
    priority: ['high', 'medium', 'low'][h % 3],
    priorityLockedAt: null,
    // Seer (Sentry's AI) scores an issue only once it ran on it.
    seerFixabilityScore: h % 5 === 0 ? (h % 100) / 100 : null,
    seerAutofixLastTriggered: null,
    statusDetails: status === 'resolved' ? { inNextRelease: false } : {},
    project,
    type: 'error',
    issueType: 'error',
    issueCategory: 'error',
    metadata: { type: 'TypeError', value: "Cannot read properties of undefined (reading 'total')", filename: 'app/checkout/summary.ts', function: 'computeTotal' },
    numComments: 0,
    assignedTo: s.patch.assignee ? { type: 'user', id: '1', name: String(s.patch.assignee), email: `${String(s.patch.assignee).toLowerCase().replace(/\W+/g, '.')}@acme.example` } : null,
    isBookmarked: false,
    isSubscribed: false,
    subscriptionDetails: null,
    hasSeen: false,
    annotations: [],
    isUnhandled: h % 2 === 0,
    count,
    userCount: h % 40,
    firstSeen: iso(r.at),
    lastSeen: iso(s.updatedAt),
    // The last day in hourly buckets: `[epoch seconds, events]`.
    stats: { '24h': Array.from({ length: 24 }, (_, i) => [Math.floor(s.updatedAt / 3_600_000 - 23 + i) * 3600, i === 23 ? 1 : 0]) },
    lifetime: { count, userCount: h % 40, firstSeen: iso(r.at), lastSeen: iso(s.updatedAt), stats: null },
    filtered: null,
  };
}

/** Parses `<field>:>=T` / `:<=T` / `:<T` / `:>T` (UTC ISO without a zone) for `firstSeen` or `lastSeen`. */
function seenRange(query: string, field: 'firstSeen' | 'lastSeen'): [number, number] | undefined {
  let lo = 0;
  let hi = Date.now() + 1;
  let found = false;
  for (const m of query.matchAll(new RegExp(`${field}:(>=|<=|>|<)(\\S+)`, 'g'))) {
    found = true;
    const t = Date.parse(/Z$|[+-]\d\d:\d\d$/.test(m[2]!) ? m[2]! : `${m[2]}Z`);
    if (Number.isNaN(t)) continue;
    if (m[1] === '>=') lo = Math.max(lo, t);
    if (m[1] === '>') lo = Math.max(lo, t + 1);
    if (m[1] === '<=') hi = Math.min(hi, t + 1);
    if (m[1] === '<') hi = Math.min(hi, t);
  }
  return found ? [lo, hi] : undefined;
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
    return c.json({
      id: '1',
      slug: SENTRY_ORG,
      name: 'Acme (demo)',
      dateCreated: '2024-01-01T00:00:00.000000Z',
      status: { id: 'active', name: 'active' },
      isEarlyAdopter: false,
      require2FA: false,
      avatar: { avatarType: 'letter_avatar', avatarUuid: null, avatarUrl: null },
      links: { organizationUrl: `https://${SENTRY_ORG}.sentry.io`, regionUrl: 'https://us.sentry.io' },
      hasAuthProvider: false,
      allowMemberInvite: true,
      allowMemberProjectCreation: true,
      allowSuperuserAccess: true,
      features: ['discover-basic', 'performance-view'],
    });
  });
  app.get('/api/0/organizations/:org/issues/', (c) => {
    if (c.req.param('org') !== SENTRY_ORG) return c.json({ detail: 'The requested resource does not exist' }, 404);
    const q = c.req.query();
    // At most 100 a page (Sentry refuses more, it does not cap).
    const limit = q.limit === undefined ? 100 : Number(q.limit);
    if (!Number.isInteger(limit) || limit < 1) return c.json({ detail: 'Invalid per_page value.' }, 400);
    if (limit > 100) return c.json({ detail: 'Invalid per_page value. Cannot exceed 100.' }, 400);
    // Sentry's cursors are `<sort value>:<offset among equal values>:<is previous>`: a position, not an offset.
    const [value, skip] = (q.cursor ?? '').split(':').map(Number);
    if (q.cursor && (!Number.isFinite(value) || !Number.isInteger(skip) || skip! < 0)) return c.json({ detail: 'Invalid cursor parameter.' }, 400);
    const query = q.query ?? '';
    const first = seenRange(query, 'firstSeen');
    const last = seenRange(query, 'lastSeen');
    // `sort=date` orders by last seen, `sort=new` by first seen; both newest first.
    const byLastSeen = q.sort === 'date';
    let all = last ? state.data.listModified('sentry', 'issue', last[0], last[1]) : state.data.list('sentry', 'issue', first?.[0] ?? 0, first?.[1] ?? Date.now() + 1);
    if (last && first) all = all.filter((s) => s.rec.at >= first[0] && s.rec.at < first[1]);
    const key = (s: RecordState) => (byLastSeen ? s.updatedAt : s.rec.at);
    const sorted = [...all].sort((a, b) => key(b) - key(a) || b.rec.id.localeCompare(a.rec.id));
    // Skip everything newer than the cursor's value, then `skip` items that share it.
    const firstAtValue = (v: number) => {
      const i = sorted.findIndex((s) => key(s) <= v);
      return i < 0 ? sorted.length : i;
    };
    const from = q.cursor ? Math.min(firstAtValue(value!) + skip!, firstAtValue(value! - 1)) : 0;
    const page = sorted.slice(from, from + limit);
    const tail = page[page.length - 1];
    const more = from + limit < sorted.length;
    const nextCursor = tail ? `${key(tail)}:${from + page.length - firstAtValue(key(tail))}:0` : `${value ?? 0}:${skip ?? 0}:0`;
    const u = new URL(c.req.url);
    const link = (cursor: string, rel: string, results: boolean) => {
      u.searchParams.set('cursor', cursor);
      return `<${u.toString()}>; rel="${rel}"; results="${results}"; cursor="${cursor}"`;
    };
    c.header('link', [link(`${value ?? 0}:${skip ?? 0}:1`, 'previous', Boolean(q.cursor)), link(nextCursor, 'next', more)].join(', '));
    return c.json(page.map(issue));
  });
  return app;
}

export const sentry: EmulatedProvider = {
  api: sentryApi,
  timelines: { issue: { auto: 2, spreadMs: 6 * 3_600_000, mutable: true, deletable: true } },
  externalId: (_kind, rec) => issueId(rec),
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
