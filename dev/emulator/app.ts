// The provider emulator: each provider's real paths under `/<type>/api`, `/<type>/oauth`, plus `/_emulator` controls.
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { oauthEmulator } from './oauth.ts';
import { githubApi } from './providers/github.ts';
import { pagerdutyApi } from './providers/pagerduty.ts';
import { DEMO_KEYS, EmulatorState, type Fault } from './state.ts';

const PROVIDERS: Record<string, (s: EmulatorState) => Hono> = {
  pagerduty: pagerdutyApi,
  github: githubApi,
};

export function createEmulatorApp(state: EmulatorState): Hono {
  const app = new Hono();

  // Request log and fault injection wrap every provider API call.
  app.use('/:provider/api/*', async (c, next) => {
    const provider = c.req.param('provider');
    const path = c.req.path.slice(`/${provider}/api`.length);
    const fault = state.takeFault(provider, path);
    if (fault?.kind === 'slow') await new Promise((r) => setTimeout(r, fault.delay_ms ?? 2000));
    if (fault?.kind === 'expire_token') state.expirePresented(provider, c.req.header('authorization'));
    if (fault?.kind === 'rate_limit') {
      c.header('retry-after', String(fault.retry_after_s ?? 1));
      const res = c.json({ error: { message: 'Rate Limit Exceeded', code: 2020 }, message: 'API rate limit exceeded' }, 429);
      log(state, provider, c.req.method, path, c.req.query(), 429);
      return res;
    }
    if (fault?.kind === 'server_error') {
      log(state, provider, c.req.method, path, c.req.query(), fault.status ?? 503);
      return c.json({ error: { message: 'Service Unavailable' }, message: 'Service Unavailable' }, (fault.status ?? 503) as 503);
    }
    await next();
    log(state, provider, c.req.method, path, c.req.query(), c.res.status);
  });

  for (const [type, build] of Object.entries(PROVIDERS)) app.route(`/${type}/api`, build(state));
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
  app.post('/_emulator/reset', (c) => {
    state.reset();
    return c.json({ ok: true });
  });
  return app;
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
export async function startEmulator(opts: { port?: number; seed?: number; volume?: number; host?: string } = {}): Promise<RunningEmulator> {
  const state = new EmulatorState(opts.seed ?? 42, opts.volume ?? 1);
  for (const [provider, key] of Object.entries(DEMO_KEYS)) state.accept(provider, key);
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
