// Emulated Atlassian/Jira Cloud API: Bearer tokens, cloud-id discovery (`/oauth/token/accessible-resources`),
// `/ex/jira/{cloudId}/rest/api/3/myself` and enhanced JQL search on `created` or `updated` with `nextPageToken`
// (a position in the result's order). As documented, the search returns only issue ids unless `fields` names more,
// and `maxResults` (default 50) is capped: 5,000 when only `id`/`key` are asked for, 100 otherwise. JQL dates are
// read in the user's time zone (Europe/Berlin here, so clients that send UTC wall times are caught out). Issues move
// To Do → In Progress → Done; tests can edit or delete one.
import { Hono, type Context } from 'hono';
import type { EmuRecord, RecordState } from '../dataset.ts';
import { bearer, hash, keysetPage, keysetToken, TIMELINES, type EmulatedProvider } from '../provider.ts';
import type { EmulatorState } from '../state.ts';

export const JIRA_CLOUD_ID = '11223344-a1b2-4c3d-9e8f-0123456789ab';
export const JIRA_SITE = 'https://acme-demo.atlassian.net';
export const JIRA_USER_TZ = 'Europe/Berlin';

const unauthorized = (c: Context) => c.json({ code: 401, message: 'Unauthorized' }, 401);

/** Offset of a time zone from UTC at an instant, in ms. */
function tzOffsetMs(ms: number, timeZone: string): number {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(ms))
      .map((x) => [x.type, Number(x.value)]),
  );
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - Math.floor(ms / 1000) * 1000;
}

/** A JQL wall time (`yyyy-MM-dd HH:mm`) in `timeZone` → epoch ms. */
function wallToUtc(wall: string, timeZone: string): number | undefined {
  const m = /^(\d{4})[-/](\d{2})[-/](\d{2})(?: (\d{2}):(\d{2}))?$/.exec(wall);
  if (!m) return undefined;
  const guess = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0));
  const first = guess - tzOffsetMs(guess, timeZone);
  return guess - tzOffsetMs(first, timeZone);
}

/** `2025-01-01T10:00:00.000+0100`, the way Jira renders dates (in the user's zone). */
function jiraDate(ms: number): string {
  const off = tzOffsetMs(ms, JIRA_USER_TZ);
  const local = new Date(ms + off).toISOString().replace('Z', '');
  const sign = off >= 0 ? '+' : '-';
  const a = Math.abs(off) / 60_000;
  return `${local}${sign}${String(Math.floor(a / 60)).padStart(2, '0')}${String(a % 60).padStart(2, '0')}`;
}

const STATUSES = [
  { id: '1', name: 'To Do', statusCategory: { key: 'new' } },
  { id: '3', name: 'In Progress', statusCategory: { key: 'indeterminate' } },
  { id: '10001', name: 'Done', statusCategory: { key: 'done' } },
];

const issueId = (r: EmuRecord) => String(r.n >= 0 ? 10_000 + r.n : 900_000_000 + (hash(r.id) % 100_000_000));

/** The page-size caps of `/search/jql`: ids and keys only, or with fields. */
export const JIRA_MAX_RESULTS = { idsOnly: 5000, withFields: 100 };

/**
 * Which of an issue's fields a `fields` parameter selects (comma lists, possibly repeated): `*all`/`*navigable`,
 * names, `-name` exclusions; none asked for → `id` only (the enhanced search's default).
 */
export function selectFields(params: string[]): { keys: 'id' | 'key' | 'fields'; pick(all: Record<string, unknown>): Record<string, unknown> } {
  const names = params.flatMap((p) => p.split(',')).map((f) => f.trim()).filter(Boolean);
  const wanted = names.filter((f) => !f.startsWith('-') && f !== 'id' && f !== 'key');
  const excluded = new Set(names.filter((f) => f.startsWith('-')).map((f) => f.slice(1)));
  const keys = wanted.length || excluded.size ? 'fields' : names.includes('key') ? 'key' : 'id';
  const every = wanted.includes('*all') || wanted.includes('*navigable') || (!wanted.length && excluded.size > 0);
  return {
    keys,
    pick: (all) => Object.fromEntries(Object.entries(all).filter(([k]) => !excluded.has(k) && (every || wanted.includes(k)))),
  };
}

function issue(s: RecordState) {
  const r = s.rec;
  const h = hash(r.id);
  const number = r.n >= 0 ? r.n + 1 : 100_000 + (h % 100_000);
  const id = issueId(r);
  const key = `OPS-${number}`;
  const status = STATUSES.find((x) => x.name === s.patch.status) ?? STATUSES[Math.min(s.stage, 2)]!;
  const done = status.statusCategory.key === 'done';
  return {
    expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
    id,
    self: `https://api.atlassian.com/ex/jira/${JIRA_CLOUD_ID}/rest/api/3/issue/${id}`,
    key,
    fields: {
      summary: String(s.patch.title ?? `Checkout returns 502 for EU customers (${r.title})`),
      issuetype: { id: '10004', name: h % 2 === 0 ? 'Incident' : 'Bug', subtask: false },
      status,
      priority: { id: String(1 + (h % 5)), name: ['Highest', 'High', 'Medium', 'Low', 'Lowest'][h % 5] },
      project: { id: '10000', key: 'OPS', name: 'Operations', projectTypeKey: 'software' },
      assignee: s.patch.assignee ? { accountId: `acct-${String(s.patch.assignee)}`, displayName: String(s.patch.assignee), timeZone: JIRA_USER_TZ } : h % 2 === 0 ? { accountId: '5b10ac8d82e05b22cc7d4ef5', displayName: 'Grace Hopper', timeZone: JIRA_USER_TZ } : null,
      reporter: { accountId: '5b10a2844c20165700ede21g', displayName: 'Ops Bot' },
      created: jiraDate(r.at),
      updated: jiraDate(s.updatedAt),
      resolutiondate: done ? jiraDate(s.updatedAt) : null,
      labels: ['incident'],
    },
  };
}

function jiraApi(state: EmulatorState): Hono {
  const app = new Hono();
  app.use('*', async (c, next) => {
    c.header('x-ratelimit-limit', '350');
    c.header('x-ratelimit-remaining', '349');
    if (!state.isValid('jira', bearer(c))) return unauthorized(c);
    await next();
  });
  app.get('/oauth/token/accessible-resources', (c) =>
    c.json([{ id: JIRA_CLOUD_ID, url: JIRA_SITE, name: 'acme-demo', scopes: ['read:jira-work', 'read:jira-user'], avatarUrl: 'https://site-admin-avatar-cdn.prod.public.atl-paas.net/avatars/240/rocket.png' }]),
  );
  app.use('/ex/jira/:cloud/*', async (c, next) => {
    if (c.req.param('cloud') !== JIRA_CLOUD_ID) return c.json({ errorMessages: ['Site temporarily unavailable'] }, 404);
    await next();
  });
  app.get('/ex/jira/:cloud/rest/api/3/myself', (c) =>
    c.json({ accountId: '5b10ac8d82e05b22cc7d4ef5', displayName: 'Grace Hopper', emailAddress: 'grace@acme.example', active: true, timeZone: JIRA_USER_TZ, locale: 'en_US' }),
  );
  app.get('/ex/jira/:cloud/rest/api/3/search/jql', (c) => {
    const q = c.req.query();
    const jql = q.jql ?? '';
    const field = /^\s*updated\b/.test(jql) ? 'updated' : 'created';
    const ge = new RegExp(`${field}\\s*>=\\s*"([^"]+)"`).exec(jql)?.[1];
    const lt = new RegExp(`${field}\\s*<\\s*"([^"]+)"`).exec(jql)?.[1];
    const start = ge === undefined ? undefined : wallToUtc(ge, JIRA_USER_TZ);
    const end = lt === undefined ? undefined : wallToUtc(lt, JIRA_USER_TZ);
    if (!jql.trim() || (ge !== undefined && start === undefined) || (lt !== undefined && end === undefined)) {
      return c.json({ errorMessages: [`Error in the JQL Query: ${ge ?? lt ?? 'unbounded query'} is not a valid date.`], errors: {} }, 400);
    }
    const select = selectFields(c.req.queries('fields') ?? []);
    const requested = q.maxResults === undefined ? 50 : Number(q.maxResults);
    if (!Number.isInteger(requested) || requested < 0) return c.json({ errorMessages: ['The maxResults parameter must be a non-negative integer.'], errors: {} }, 400);
    // Fewer than asked when fields are asked for: the documented cap, not an error.
    const max = Math.max(1, Math.min(requested, select.keys === 'fields' ? JIRA_MAX_RESULTS.withFields : JIRA_MAX_RESULTS.idsOnly));
    const after = keysetToken.decode(q.nextPageToken);
    if (after === undefined) return c.json({ errorMessages: ['The provided next page token is invalid or expired.'], errors: {} }, 400);
    const key = (x: RecordState) => (field === 'updated' ? x.updatedAt : x.rec.at);
    const all = field === 'updated'
      ? state.data.listModified('jira', 'issue', start ?? 0, end ?? Date.now() + 1)
      : state.data.list('jira', 'issue', start ?? 0, end ?? Date.now() + 1);
    const { items, more } = keysetPage(all, key, (x) => x.rec.id, after, max);
    const tail = items[items.length - 1];
    const shaped = items.map((x) => {
      const full = issue(x);
      if (select.keys === 'id') return { id: full.id };
      if (select.keys === 'key') return { id: full.id, key: full.key };
      return { ...full, fields: select.pick(full.fields) };
    });
    return c.json({ issues: shaped, ...(more && tail ? { nextPageToken: keysetToken.encode(key(tail), tail.rec.id) } : {}), isLast: !more });
  });
  return app;
}

export const jira: EmulatedProvider = {
  api: jiraApi,
  timelines: { issue: { ...TIMELINES.twoSteps, deletable: true } },
  externalId: (_kind, rec) => issueId(rec),
  errors: {
    unauthorized,
    rateLimited: (c, s) => {
      c.header('retry-after', String(s));
      c.header('x-ratelimit-limit', '350');
      c.header('x-ratelimit-remaining', '0');
      c.header('x-ratelimit-reset', new Date(Date.now() + s * 1000).toISOString());
      c.header('ratelimit-reason', 'jira-quota-based');
      return c.json({ errorMessages: ['Rate limit exceeded.'], errors: {} }, 429);
    },
    serverError: (c, status) => c.json({ errorMessages: ['Internal server error'], errors: {} }, status as 500),
  },
};
