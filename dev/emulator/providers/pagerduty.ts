// Emulated PagerDuty REST API v2: token auth, classic offset pagination (`limit`/`offset`/`more`),
// `since`/`until` windows, error bodies and rate-limit headers as documented.
import { Hono } from 'hono';
import type { EmuRecord } from '../dataset.ts';
import type { EmulatedProvider } from '../provider.ts';
import type { EmulatorState } from '../state.ts';

const unauthorized = { error: { message: 'Invalid Credentials', code: 2006, errors: ['The supplied token is invalid or expired'] } };
const invalidInput = (msg: string) => ({ error: { message: 'Invalid Input Provided', code: 2001, errors: [msg] } });

function incident(r: EmuRecord) {
  const id = `P${r.id}`;
  return {
    id,
    type: 'incident',
    summary: `[#${r.n}] ${r.title}`,
    self: `https://api.pagerduty.com/incidents/${id}`,
    html_url: `https://demo.pagerduty.com/incidents/${id}`,
    incident_number: r.n,
    title: r.title,
    created_at: new Date(r.at).toISOString(),
    updated_at: new Date(r.at).toISOString(),
    status: r.n % 3 === 0 ? 'triggered' : 'resolved',
    incident_key: `key-${id}`,
    urgency: r.n % 2 === 0 ? 'high' : 'low',
    service: { id: 'PSVC001', type: 'service_reference', summary: 'Checkout API', self: 'https://api.pagerduty.com/services/PSVC001', html_url: 'https://demo.pagerduty.com/service-directory/PSVC001' },
    assignments: [],
    escalation_policy: { id: 'PEP0001', type: 'escalation_policy_reference', summary: 'Primary' },
  };
}

function logEntry(r: EmuRecord) {
  const id = `R${r.id}`;
  return {
    id,
    type: 'trigger_log_entry',
    summary: `Triggered through the API: ${r.title}`,
    self: `https://api.pagerduty.com/log_entries/${id}`,
    html_url: `https://demo.pagerduty.com/incidents/P${r.id}/log_entries/${id}`,
    created_at: new Date(r.at).toISOString(),
    agent: { id: 'PAGENT1', type: 'service_reference', summary: 'Checkout API' },
    channel: { type: 'api' },
    incident: { id: `P${r.id}`, type: 'incident_reference', summary: r.title },
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

  const listing = (kind: 'incident' | 'log_entry', key: string, shape: (r: EmuRecord) => unknown) =>
    app.get(`/${key}`, (c) => {
      const q = c.req.query();
      const limit = q.limit === undefined ? 25 : Number(q.limit);
      const offset = q.offset === undefined ? 0 : Number(q.offset);
      if (!Number.isInteger(limit) || limit < 1 || limit > 100) return c.json(invalidInput('Limit must be between 1 and 100'), 400);
      if (!Number.isInteger(offset) || offset < 0) return c.json(invalidInput('Offset must be a non-negative integer'), 400);
      const since = q.since ? Date.parse(q.since) : Date.now() - 30 * 86_400_000;
      const until = q.until ? Date.parse(q.until) : Date.now();
      if (Number.isNaN(since) || Number.isNaN(until)) return c.json(invalidInput('since and until must be ISO-8601 dates'), 400);
      const { items, total } = state.data.page('pagerduty', kind, since, until, offset, limit);
      return c.json({ [key]: items.map(shape), limit, offset, more: offset + limit < total, total: q.total === 'true' ? total : null });
    });
  listing('incident', 'incidents', incident);
  listing('log_entry', 'log_entries', logEntry);
  return app;
}

export const pagerduty: EmulatedProvider = {
  api: pagerdutyApi,
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
