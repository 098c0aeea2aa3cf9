// Emulated GitHub REST API: Bearer tokens, `{message, documentation_url}` errors, x-ratelimit headers.
import { Hono } from 'hono';
import type { EmulatorState } from '../state.ts';

export function githubApi(state: EmulatorState): Hono {
  const app = new Hono();
  app.use('*', async (c, next) => {
    c.header('x-ratelimit-limit', '5000');
    c.header('x-ratelimit-remaining', '4999');
    c.header('x-ratelimit-reset', String(Math.floor(Date.now() / 1000) + 3600));
    const token = /^(?:Bearer|token) (.+)$/.exec(c.req.header('authorization') ?? '')?.[1];
    if (!state.isValid('github', token)) {
      return c.json({ message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' }, 401);
    }
    await next();
  });
  app.get('/user', (c) => c.json({ login: 'octo-demo', id: 1, type: 'User', name: 'Octo Demo' }));
  return app;
}
