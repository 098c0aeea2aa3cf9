// The provider emulator: each provider's real paths under `/<type>/api`, `/<type>/oauth`, plus `/_emulator` controls.
import { serve, type ServerType } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import { oauthEmulator } from './oauth.ts';
import type { EmulatedProvider } from './provider.ts';
import { datadog } from './providers/datadog.ts';
import { github } from './providers/github.ts';
import { gitlab } from './providers/gitlab.ts';
import { jira } from './providers/jira.ts';
import { linear } from './providers/linear.ts';
import { opsgenie } from './providers/opsgenie.ts';
import { pagerduty } from './providers/pagerduty.ts';
import { sentry } from './providers/sentry.ts';
import { slack } from './providers/slack.ts';
import { acceptedDemoSecrets, EmulatorState, RecordControlError, type Fault } from './state.ts';

const PROVIDERS: Record<string, EmulatedProvider> = {
  pagerduty,
  opsgenie,
  datadog,
  sentry,
  github,
  gitlab,
  slack,
  jira,
  linear,
};

export function createEmulatorApp(state: EmulatorState): Hono {
  const app = new Hono();
  for (const [type, p] of Object.entries(PROVIDERS)) {
    for (const [kind, spec] of Object.entries(p.timelines ?? {})) state.data.define(type, kind, spec);
    if (p.externalId) state.externalIds.set(type, p.externalId);
  }

  // Request log and fault injection wrap every provider API call.
  app.use('/:provider/api/*', async (c, next) => {
    const provider = c.req.param('provider');
    const path = c.req.path.slice(`/${provider}/api`.length);
    const errors = PROVIDERS[provider]?.errors;
    const fault = errors ? state.takeFault(provider, path, c.req.header('authorization')) : undefined;
    if (fault?.kind === 'slow') await new Promise((r) => setTimeout(r, fault.delay_ms ?? 2000));
    // Faults answer the way the provider itself does: its error body, its status, its rate-limit headers.
    const faulted =
      fault?.kind === 'rate_limit' ? errors!.rateLimited(c, fault.retry_after_s ?? 1)
      : fault?.kind === 'secondary_rate_limit' && errors!.secondaryLimited ? errors!.secondaryLimited(c, fault.status === 429 ? 429 : 403, fault.retry_after_s)
      : fault?.kind === 'server_error' ? errors!.serverError(c, fault.status ?? 503)
      : fault?.kind === 'expire_token' ? errors!.unauthorized(c)
      : undefined;
    if (fault?.kind === 'expire_token') state.expirePresented(provider, c.req.header('authorization'));
    if (faulted) {
      log(state, provider, c.req.method, path, c.req.query(), faulted.status);
      return faulted;
    }
    await next();
    if (fault?.kind === 'corrupt' && fault.field) c.res = await corrupted(c.res, fault.field, fault.value ?? null);
    log(state, provider, c.req.method, path, c.req.query(), c.res.status);
  });

  for (const [type, p] of Object.entries(PROVIDERS)) app.route(`/${type}/api`, p.api(state));
  app.route('/', oauthEmulator(state)); // `/<type>/oauth/…` authorization servers and `/_emulator/oauth/…` controls

  app.get('/_emulator/requests', (c) => {
    const provider = c.req.query('provider');
    return c.json({ requests: state.requests.filter((r) => !provider || r.provider === provider) });
  });
  app.post('/_emulator/faults', async (c) => {
    const f = (await c.req.json()) as Fault;
    state.faults.push({ ...f, remaining: f.remaining ?? 1 });
    return c.json({ ok: true }, 201);
  });
  app.post('/_emulator/keys', async (c) => {
    const { provider, key } = (await c.req.json()) as { provider: string; key: string };
    state.accept(provider, key);
    return c.json({ ok: true }, 201);
  });
  // Records change over time: tests change or delete one now, or add some, the way the provider would.
  type ControlBody = { provider: string; kind: string; external_id: string; patch?: Record<string, unknown>; start: string; end: string; every?: number };
  const recordControl = (handle: (b: ControlBody) => unknown) => async (c: Context) => {
    try {
      return c.json({ ok: true, result: handle(await c.req.json()) });
    } catch (err) {
      if (err instanceof RecordControlError) return c.json({ error: err.message }, err.status);
      throw err;
    }
  };
  app.post('/_emulator/records/change', recordControl((b) => state.changeRecord(b.provider, b.kind, b.external_id, b.patch ?? {})));
  app.post('/_emulator/records/change-many', recordControl((b) => state.changeMany(b.provider, b.kind, Date.parse(b.start), Date.parse(b.end), b.every ?? 1, b.patch ?? {})));
  app.post('/_emulator/records/delete', recordControl((b) => state.deleteRecord(b.provider, b.kind, b.external_id)));
  app.post('/_emulator/records/add', async (c) => {
    const b = (await c.req.json()) as { provider: string; kind: string; count?: number; at?: string; spread_ms?: number };
    const made = state.data.add(b.provider, b.kind, b.count ?? 1, b.at ? Date.parse(b.at) : undefined, b.spread_ms ?? 0);
    const idOf = state.externalIds.get(b.provider);
    return c.json({ ok: true, external_ids: made.map((r) => (idOf ? idOf(b.kind, r) : r.id)) }, 201);
  });
  app.post('/_emulator/reset', (c) => {
    state.reset();
    return c.json({ ok: true });
  });
  return app;
}

/** The response with one field of its JSON body (a dot path, array indexes as numbers) set to `value`. */
async function corrupted(res: Response, field: string, value: unknown): Promise<Response> {
  const body = (await res.json()) as Record<string, unknown>;
  const keys = field.split('.');
  let node: any = body;
  for (const k of keys.slice(0, -1)) node = node?.[k];
  if (node && typeof node === 'object') node[keys[keys.length - 1]!] = value;
  const headers = new Headers(res.headers);
  headers.delete('content-length');
  return new Response(JSON.stringify(body), { status: res.status, headers });
}

function log(state: EmulatorState, provider: string, method: string, path: string, query: Record<string, string>, status: number) {
  state.requests.push({ provider, method, path, query, status, at: new Date().toISOString() });
}

export interface RunningEmulator {
  url: string;
  state: EmulatorState;
  close(): Promise<void>;
}

/** Starts the emulator on `port` (0 = random) and resolves once it listens. */
export async function startEmulator(opts: { port?: number; seed?: number; volume?: number; host?: string; churn?: boolean } = {}): Promise<RunningEmulator> {
  const state = new EmulatorState(opts.seed ?? 42, opts.volume ?? 1, opts.churn ?? false);
  for (const [provider, secret] of acceptedDemoSecrets()) state.accept(provider, secret);
  const app = createEmulatorApp(state);
  const host = opts.host ?? '127.0.0.1';
  return new Promise((resolve) => {
    const server: ServerType = serve({ fetch: app.fetch, port: opts.port ?? 0, hostname: host }, (info) => {
      resolve({
        url: `http://${host}:${info.port}`,
        state,
        close: () => new Promise<void>((r) => server.close(() => r())),
      });
    });
  });
}
