// Emulated Datadog Events API v2: DD-API-KEY/DD-APPLICATION-KEY auth (403 `{errors: ["Forbidden"]}` when
// wrong), `filter[from]`/`filter[to]`, `page[cursor]` ← `meta.page.after`, X-RateLimit-* headers.
import { Hono, type Context } from 'hono';
import type { EmuRecord } from '../dataset.ts';
import { hash, parseTime, type EmulatedProvider } from '../provider.ts';
import type { EmulatorState } from '../state.ts';

const forbidden = (c: Context) => c.json({ errors: ['Forbidden'] }, 403);

function rateHeaders(c: Context, remaining: number, resetS: number) {
  c.header('x-ratelimit-limit', '1000');
  c.header('x-ratelimit-period', '3600');
  c.header('x-ratelimit-remaining', String(remaining));
  c.header('x-ratelimit-reset', String(resetS));
  c.header('x-ratelimit-name', 'events_list');
}

function event(r: EmuRecord) {
  const h = hash(r.id);
  const id = `AAAAAZ${r.id}`;
  const alert = h % 2 === 0;
  const title = alert ? `[Triggered] Checkout p99 latency above 800ms (${r.title})` : `Deployed checkout-api ${r.title}`;
  return {
    id,
    type: 'event',
    attributes: {
      timestamp: new Date(r.at).toISOString(),
      message: `%%%\n${title}\n%%%`,
      tags: ['env:prod', 'service:checkout-api', alert ? 'source:alert' : 'source:deploy'],
      attributes: {
        evt: { id: String(6_500_000_000_000_000 + (h % 1_000_000)), source_id: alert ? 36 : 1, type: alert ? 'monitor_alert' : 'deploy' },
        service: 'checkout-api',
        status: alert ? 'error' : 'info',
        priority: 'normal',
        timestamp: r.at,
        title,
        ...(alert ? { monitor_id: 1_000 + (h % 50) } : {}),
      },
    },
  };
}

function datadogApi(state: EmulatorState): Hono {
  const app = new Hono();
  app.use('*', async (c, next) => {
    rateHeaders(c, 999, 3600 - (Math.floor(Date.now() / 1000) % 3600));
    const api = c.req.header('dd-api-key');
    const appKey = c.req.header('dd-application-key');
    if (!state.isValid('datadog', api) || !state.isValid('datadog', appKey) || api === appKey) return forbidden(c);
    await next();
  });
  app.get('/api/v1/validate', (c) => c.json({ valid: true }));
  app.get('/api/v2/events', (c) => {
    const q = c.req.query();
    const from = parseTime(q['filter[from]']) ?? Date.now() - 15 * 60_000;
    const to = parseTime(q['filter[to]']) ?? Date.now();
    const limit = q['page[limit]'] === undefined ? 10 : Number(q['page[limit]']);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) return c.json({ errors: ['page[limit] must be between 1 and 1000'] }, 400);
    let offset = 0;
    if (q['page[cursor]']) {
      try {
        offset = (JSON.parse(Buffer.from(q['page[cursor]'], 'base64url').toString()) as { o: number }).o;
      } catch {
        return c.json({ errors: ['Invalid page[cursor]'] }, 400);
      }
    }
    // filter[to] is inclusive at Datadog.
    const all = state.data.list('datadog', 'event', from, to + 1);
    if (q.sort === '-timestamp') all.reverse();
    const page = all.slice(offset, offset + limit);
    const after = offset + limit < all.length ? Buffer.from(JSON.stringify({ o: offset + limit })).toString('base64url') : undefined;
    const next = new URL(c.req.url);
    if (after) next.searchParams.set('page[cursor]', after);
    return c.json({
      data: page.map((s) => event(s.rec)),
      meta: { elapsed: 12, request_id: `req-${offset}`, status: 'done', warnings: [], ...(after ? { page: { after } } : {}) },
      ...(after ? { links: { next: next.toString() } } : {}),
    });
  });
  return app;
}

export const datadog: EmulatedProvider = {
  api: datadogApi,
  // Events are immutable (no timeline): a test cannot change or delete one, as at Datadog.
  externalId: (_kind, rec) => `AAAAAZ${rec.id}`,
  errors: {
    unauthorized: forbidden,
    rateLimited: (c, s) => {
      rateHeaders(c, 0, s);
      return c.json({ errors: ['Too many requests'] }, 429);
    },
    serverError: (c, status) => c.json({ errors: ['Internal Server Error'] }, status as 500),
  },
};
