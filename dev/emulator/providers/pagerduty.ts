// Emulated PagerDuty REST API v2: token auth, error bodies and rate-limit headers as documented.
import { Hono } from 'hono';
import type { EmulatorState } from '../state.ts';

const unauthorized = { error: { message: 'Invalid Credentials', code: 2006, errors: ['The supplied token is invalid or expired'] } };

export function pagerdutyApi(state: EmulatorState): Hono {
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
  return app;
}
