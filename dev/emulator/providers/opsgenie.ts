// Emulated Opsgenie Alert API v2: `GenieKey` auth, `createdAt` search queries, `sort=createdAt|updatedAt` with
// `order`, offset/limit with `paging`, `{message, took, requestId}` error bodies and the X-RateLimit-* headers.
// Alerts are acknowledged, then closed, over time; tests can change or delete one.
import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { ANCHOR_MS, type RecordState } from '../dataset.ts';
import { hash, iso, TIMELINES, type EmulatedProvider } from '../provider.ts';
import type { EmulatorState } from '../state.ts';

const err = (c: Context, message: string, status: number) => c.json({ message, took: 0.001, requestId: randomUUID() }, status as 400);

const alertId = (id: string) => `${id.toLowerCase()}-0000-4000-8000-${String(hash(id)).padStart(12, '0').slice(0, 12)}`;

function alert(s: RecordState) {
  const r = s.rec;
  const h = hash(r.id);
  return {
    id: alertId(r.id),
    tinyId: String(Math.abs(r.n) + 1),
    alias: `checkout-latency-${r.id}`,
    message: String(s.patch.title ?? `High p99 latency on checkout-api (${r.title})`),
    status: String(s.patch.status ?? (s.stage >= 2 ? 'closed' : 'open')),
    acknowledged: Boolean(s.patch.acknowledged ?? s.stage >= 1),
    isSeen: true,
    tags: ['checkout', 'prod'],
    snoozed: false,
    count: 1 + (h % 5),
    lastOccurredAt: iso(r.at),
    createdAt: iso(r.at),
    updatedAt: iso(s.updatedAt),
    source: 'Datadog',
    owner: String(s.patch.assignee ?? (h % 2 === 0 ? 'oncall@acme.example' : '')),
    priority: `P${1 + (h % 5)}`,
    teams: [{ id: '8418d193-2dab-4490-b331-8c02cdd196b7' }],
    responders: [{ type: 'team', id: '8418d193-2dab-4490-b331-8c02cdd196b7' }],
    integration: { id: '4513b7ea-3b91-438f-b7e4-e3e54af9147c', name: 'Datadog', type: 'Datadog' },
    report: { ackTime: 15_510, closeTime: 3_605_000, acknowledgedBy: 'oncall@acme.example', closedBy: 'oncall@acme.example' },
    ownerTeamId: '8418d193-2dab-4490-b331-8c02cdd196b7',
  };
}

function opsgenieApi(state: EmulatorState): Hono {
  const app = new Hono();
  app.use('*', async (c, next) => {
    const key = /^GenieKey (.+)$/.exec(c.req.header('authorization') ?? '')?.[1];
    if (!state.isValid('opsgenie', key)) return err(c, 'Could not authenticate', 401);
    await next();
  });
  app.get('/v2/alerts', (c) => {
    const q = c.req.query();
    const limit = q.limit === undefined ? 20 : Number(q.limit);
    const offset = q.offset === undefined ? 0 : Number(q.offset);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) return err(c, 'Limit should be between 1 and 100', 422);
    if (!Number.isInteger(offset) || offset < 0 || offset + limit > 20_000) return err(c, 'Offset plus limit should be at most 20000', 422);
    const query = q.query ?? '';
    const gte = /createdAt\s*>=\s*(\d+)/.exec(query)?.[1];
    const lt = /createdAt\s*<\s*(\d+)/.exec(query)?.[1];
    const sort = q.sort ?? 'createdAt';
    if (sort !== 'createdAt' && sort !== 'updatedAt') return err(c, `Sort field ${sort} is not supported by the emulator`, 422);
    // Opsgenie's default order is descending.
    const desc = q.order !== 'asc';
    let page: RecordState[];
    let total: number;
    if (sort === 'updatedAt' && desc && !gte && !lt) {
      // Most recently updated first, from any time: looked up without listing the whole history.
      const newest = state.data.newest('opsgenie', 'alert', offset, limit);
      page = newest.items;
      total = offset + newest.items.length + (newest.more ? 1 : 0);
    } else {
      const start = gte ? Number(gte) : ANCHOR_MS;
      const end = lt ? Number(lt) : Date.now() + 1;
      const all = sort === 'updatedAt' ? state.data.listModified('opsgenie', 'alert', ANCHOR_MS, Date.now() + 1).filter((x) => x.rec.at >= start && x.rec.at < end) : state.data.list('opsgenie', 'alert', start, end);
      const ordered = desc ? [...all].reverse() : all;
      page = ordered.slice(offset, offset + limit);
      total = all.length;
    }
    const link = (o: number) => {
      const u = new URL(c.req.url);
      u.searchParams.set('offset', String(o));
      return u.toString();
    };
    const lastOffset = Math.max(0, Math.floor((total - 1) / limit) * limit);
    const paging = { ...(offset + limit < total ? { next: link(offset + limit) } : {}), first: link(0), last: link(lastOffset) };
    // The paging links come in the body and as X-Paging-* headers.
    if (paging.next) c.header('x-paging-next', paging.next);
    c.header('x-paging-first', paging.first);
    c.header('x-paging-last', paging.last);
    return c.json({ data: page.map(alert), paging, took: 0.012, requestId: randomUUID() });
  });
  return app;
}

export const opsgenie: EmulatedProvider = {
  api: opsgenieApi,
  timelines: { alert: { ...TIMELINES.twoSteps, deletable: true } },
  externalId: (_kind, rec) => alertId(rec.id),
  errors: {
    unauthorized: (c) => err(c, 'Could not authenticate', 401),
    rateLimited: (c, s) => {
      c.header('x-ratelimit-state', 'THROTTLED');
      c.header('x-ratelimit-reason', 'ACCOUNT');
      c.header('x-ratelimit-period-in-sec', String(s));
      return err(c, 'You are making too many requests! To avoid errors, we recommend you limit requests.', 429);
    },
    serverError: (c, status) => err(c, 'Internal Server Error', status),
  },
};
