// Emulated PagerDuty REST API v2: token auth, classic offset pagination (`limit` ≤ 100, `offset`, `more`, `total`
// with `total=true`) and its ceiling — `offset + limit` may not pass 10,000 (a 400, as PagerDuty answers) — `since`/
// `until` windows on creation, `statuses[]` + `date_range=all`, log entries derived from each incident's timeline
// (trigger, acknowledge, resolve, annotate) with `include[]=incidents`, error bodies and rate-limit headers as documented.
import { Hono } from 'hono';
import type { RecordState, Revision } from '../dataset.ts';
import { hash, iso, TIMELINES, type EmulatedProvider } from '../provider.ts';
import type { EmulatorState } from '../state.ts';

const unauthorized = { error: { message: 'Invalid Credentials', code: 2006, errors: ['The supplied token is invalid or expired'] } };
const invalidInput = (msg: string, code = 2001) => ({ error: { message: code === 2002 ? 'Arguments Caused Error' : 'Invalid Input Provided', code, errors: [msg] } });

/** Classic pagination reads at most this far into a listing: `offset + limit` ≤ 10,000. */
export const PAGERDUTY_OFFSET_CEILING = 10_000;

const PROGRESSION = ['triggered', 'acknowledged', 'resolved'] as const;
const OPEN = new Set(['triggered', 'acknowledged']);

/** A PagerDuty reference: `<kind>_reference` with its API and web URLs. */
const ref = (kind: string, id: string, summary: string, apiPath: string, webPath: string) => ({
  id,
  type: `${kind}_reference`,
  summary,
  self: `https://api.pagerduty.com/${apiPath}/${id}`,
  html_url: `https://demo.pagerduty.com/${webPath}/${id}`,
});
const ONCALL = ref('user', 'PUSER01', 'Grace Hopper', 'users', 'users');
const SERVICE = ref('service', 'PSVC001', 'Checkout API', 'services', 'service-directory');
const POLICY = ref('escalation_policy', 'PEP0001', 'Primary', 'escalation_policies', 'escalation_policies');
const TEAM = ref('team', 'PTEAM01', 'Payments', 'teams', 'teams');
const P1 = { ...ref('priority', 'PPRIO01', 'P1', 'priorities', 'account/incident_priorities'), html_url: null };

const incidentId = (s: RecordState) => `P${s.rec.id}`;

function status(s: RecordState): string {
  return String(s.patch.status ?? PROGRESSION[Math.min(s.stage, 2)]);
}

function incident(s: RecordState) {
  const r = s.rec;
  const id = incidentId(s);
  const title = String(s.patch.title ?? r.title);
  const st = status(s);
  const number = r.n >= 0 ? r.n + 1 : 100_000 + (hash(r.id) % 900_000);
  return {
    id,
    type: 'incident',
    summary: `[#${number}] ${title}`,
    self: `https://api.pagerduty.com/incidents/${id}`,
    html_url: `https://demo.pagerduty.com/incidents/${id}`,
    incident_number: number,
    title,
    created_at: iso(r.at),
    updated_at: iso(s.updatedAt),
    status: st,
    // Incidents triggered through an integration carry its dedup key; ones opened by hand have none.
    incident_key: hash(r.id) % 4 === 0 ? null : `key-${id}`,
    service: SERVICE,
    assignments: st === 'triggered' || st === 'acknowledged' ? [{ at: iso(r.at), assignee: ONCALL }] : [],
    acknowledgements: s.stage >= 1 || st === 'acknowledged' ? [{ at: iso(s.revisions[0]?.at ?? r.at), acknowledger: ONCALL }] : [],
    last_status_change_at: iso(s.updatedAt),
    last_status_change_by: s.rev > 0 ? ONCALL : SERVICE,
    first_trigger_log_entry: ref('log_entry', `R${r.id}0`, 'Triggered through the API', 'log_entries', `incidents/${id}/log_entries`),
    escalation_policy: POLICY,
    teams: [TEAM],
    urgency: String(s.patch.urgency ?? (r.n % 2 === 0 ? 'high' : 'low')),
    priority: hash(r.id) % 3 === 0 ? P1 : null,
    alert_counts: { all: 1, triggered: st === 'resolved' ? 0 : 1, resolved: st === 'resolved' ? 1 : 0 },
    is_mergeable: true,
    resolve_reason: null,
  };
}

/** The log entry a revision (or the creation, `null`) produced. */
function logEntry(s: RecordState, v: Revision | null, includeIncident: boolean) {
  const iid = incidentId(s);
  const id = `R${s.rec.id}${v ? v.rev : 0}`;
  const to = v?.auto ? PROGRESSION[Math.min(v.stage ?? 0, 2)] : (v?.patch.status as string | undefined);
  const type = !v ? 'trigger_log_entry' : to === 'acknowledged' ? 'acknowledge_log_entry' : to === 'resolved' ? 'resolve_log_entry' : to === 'triggered' ? 'unacknowledge_log_entry' : 'annotate_log_entry';
  const summary = !v ? `Triggered through the API: ${s.rec.title}` : to ? `${to[0]!.toUpperCase()}${to.slice(1)} by Grace Hopper` : 'Note added: incident details changed';
  return {
    id,
    type,
    summary,
    self: `https://api.pagerduty.com/log_entries/${id}`,
    html_url: `https://demo.pagerduty.com/incidents/${iid}/log_entries/${id}`,
    created_at: iso(v ? v.at : s.rec.at),
    agent: v ? ONCALL : SERVICE,
    channel: { type: v ? 'web_ui' : 'api' },
    service: SERVICE,
    // `include[]=incidents` expands the reference into the incident as it is now.
    incident: includeIncident ? incident(s) : ref('incident', iid, s.rec.title, 'incidents', 'incidents'),
    teams: [TEAM],
    contexts: [],
  };
}

function pagerdutyApi(state: EmulatorState): Hono {
  const app = new Hono();
  app.use('*', async (c, next) => {
    c.header('ratelimit-limit', '960');
    c.header('ratelimit-remaining', '959');
    c.header('ratelimit-reset', '60');
    const auth = c.req.header('authorization') ?? '';
    const token = /^Token token=(.+)$/.exec(auth)?.[1] ?? /^Bearer (.+)$/.exec(auth)?.[1];
    if (!state.isValid('pagerduty', token)) return c.json(unauthorized, 401);
    await next();
  });
  app.get('/abilities', (c) => c.json({ abilities: ['teams', 'read_only_users', 'urgencies', 'service_support_hours'] }));

  /** Common paging and window parameters; `undefined` after answering a 400. */
  const params = (q: Record<string, string>): { error: string; code?: number } | { limit: number; offset: number; since: number; until: number } => {
    const limit = q.limit === undefined ? 25 : Number(q.limit);
    const offset = q.offset === undefined ? 0 : Number(q.offset);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) return { error: 'Limit must be between 1 and 100' };
    if (!Number.isInteger(offset) || offset < 0) return { error: 'Offset must be a non-negative integer' };
    if (offset + limit > PAGERDUTY_OFFSET_CEILING) {
      return { error: `Offset+limit exceeds maximum allowed value of ${PAGERDUTY_OFFSET_CEILING}. Please try to refine your search to reduce the returned set of records below this number, like adding a date range.`, code: 2002 };
    }
    const since = q.since ? Date.parse(q.since) : Date.now() - 30 * 86_400_000;
    const until = q.until ? Date.parse(q.until) : Date.now();
    if (Number.isNaN(since) || Number.isNaN(until)) return { error: 'since and until must be ISO-8601 dates' };
    return { limit, offset, since, until };
  };
  const paged = <T>(all: T[], p: { limit: number; offset: number }) => ({ items: all.slice(p.offset, p.offset + p.limit), more: p.offset + p.limit < all.length, total: all.length });

  app.get('/incidents', (c) => {
    const q = c.req.query();
    const p = params(q);
    if ('error' in p) return c.json(invalidInput(p.error!, p.code), 400);
    const statuses = c.req.queries('statuses[]') ?? [];
    let all: RecordState[];
    if (q.date_range === 'all') {
      // Every incident ever; open ones are few, so asking only for them stays cheap even at large volumes.
      all = statuses.length && statuses.every((x) => OPEN.has(x)) ? state.data.unsettled('pagerduty', 'incident') : state.data.list('pagerduty', 'incident', 0, Date.now() + 1);
    } else {
      const page = statuses.length ? undefined : state.data.page('pagerduty', 'incident', p.since, p.until, p.offset, p.limit);
      if (page) return c.json({ incidents: page.items.map(incident), limit: p.limit, offset: p.offset, more: p.offset + p.limit < page.total, total: q.total === 'true' ? page.total : null });
      all = state.data.list('pagerduty', 'incident', p.since, p.until);
    }
    if (statuses.length) all = all.filter((s) => statuses.includes(status(s)));
    const { items, more, total } = paged(all, p);
    return c.json({ incidents: items.map(incident), limit: p.limit, offset: p.offset, more, total: q.total === 'true' ? total : null });
  });

  app.get('/log_entries', (c) => {
    const q = c.req.query();
    const p = params(q);
    if ('error' in p) return c.json(invalidInput(p.error!, p.code), 400);
    const include = (c.req.queries('include[]') ?? []).includes('incidents');
    const { items, more, total } = paged(state.data.events('pagerduty', 'incident', p.since, p.until), p);
    return c.json({ log_entries: items.map((e) => logEntry(e.state, e.revision, include)), limit: p.limit, offset: p.offset, more, total: q.total === 'true' ? total : null });
  });
  return app;
}

export const pagerduty: EmulatedProvider = {
  api: pagerdutyApi,
  timelines: { incident: TIMELINES.twoSteps },
  externalId: (kind, rec) => (kind === 'incident' ? `P${rec.id}` : rec.id),
  errors: {
    unauthorized: (c) => c.json(unauthorized, 401),
    rateLimited: (c, s) => {
      c.header('retry-after', String(s));
      c.header('ratelimit-limit', '960');
      c.header('ratelimit-remaining', '0');
      c.header('ratelimit-reset', String(s));
      return c.json({ error: { message: 'Rate Limit Exceeded', code: 2020 } }, 429);
    },
    serverError: (c, status) => c.json({ error: { message: 'Internal Server Error', code: 2000 } }, status as 500),
  },
};
