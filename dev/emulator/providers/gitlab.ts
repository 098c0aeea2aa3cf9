// Emulated GitLab REST v4: PRIVATE-TOKEN auth, `{message: "401 Unauthorized"}` errors, RateLimit-* headers,
// projects by id or URL-encoded path, deployments with updated_after/updated_before and x-next-page pagination.
import { Hono, type Context } from 'hono';
import type { EmuRecord, RecordState } from '../dataset.ts';
import { hash, iso, type EmulatedProvider } from '../provider.ts';
import type { EmulatorState } from '../state.ts';

/** The demo projects; deployments are spread over them (record n goes to project n mod 2). */
export const GITLAB_PROJECTS = [
  { id: 4101, path_with_namespace: 'acme/checkout', name: 'checkout', path: 'checkout', web_url: 'https://gitlab.com/acme/checkout' },
  { id: 4102, path_with_namespace: 'acme/payments', name: 'payments', path: 'payments', web_url: 'https://gitlab.com/acme/payments' },
];

function rateHeaders(c: Context, remaining: number, resetS: number) {
  const reset = Math.floor(Date.now() / 1000) + resetS;
  c.header('ratelimit-limit', '2000');
  c.header('ratelimit-observed', String(2000 - remaining));
  c.header('ratelimit-remaining', String(remaining));
  c.header('ratelimit-reset', String(reset));
  c.header('ratelimit-resettime', new Date(reset * 1000).toUTCString());
}

const findProject = (id: string) => GITLAB_PROJECTS.find((p) => String(p.id) === id || p.path_with_namespace === id);

const deploymentId = (r: EmuRecord) => (r.n >= 0 ? 700_000 + r.n : 900_000_000 + (hash(r.id) % 100_000_000));
/** Deployments are spread over the demo projects: record n goes to project n mod 2 (added ones to the first). */
const projectOf = (r: EmuRecord) => (r.n < 0 ? 0 : r.n % GITLAB_PROJECTS.length);

const DEPLOYER = { id: 42, name: 'Deploy Bot', username: 'deploy-bot', state: 'active', avatar_url: 'https://secure.gravatar.com/avatar/0?s=80&d=identicon', web_url: 'https://gitlab.com/deploy-bot' };

/** A deployment as it is now: `running` when created, then `success` (or `failed`); `updated_at` moves with it. */
function deployment(s: RecordState, projectIndex: number) {
  const r = s.rec;
  const h = hash(r.id);
  const p = GITLAB_PROJECTS[projectIndex]!;
  const sha = Buffer.from(r.id.padEnd(20, '0')).toString('hex').slice(0, 40);
  const pipelineId = 50_000 + (h % 10_000);
  const finished = !(s.stage === 0 && !s.patch.status);
  return {
    id: deploymentId(r),
    iid: r.n >= 0 ? r.n + 1 : h % 100_000,
    ref: 'main',
    sha,
    created_at: iso(r.at),
    updated_at: iso(s.updatedAt),
    status: String(s.patch.status ?? (s.stage === 0 ? 'running' : h % 7 === 0 ? 'failed' : 'success')),
    user: DEPLOYER,
    environment: { id: 30 + projectIndex, name: 'production', slug: 'production', external_url: `https://${p.name}.acme.example`, state: 'available', tier: 'production', created_at: '2024-03-01T09:00:00.000Z', updated_at: iso(s.updatedAt) },
    // A deployment made outside CI (through the API) has no job behind it.
    deployable: h % 11 === 0 ? null : {
      id: 9_000_000 + (h % 1_000_000),
      status: finished ? 'success' : 'running',
      stage: 'deploy',
      name: 'deploy:production',
      ref: 'main',
      tag: false,
      coverage: null,
      created_at: iso(r.at),
      started_at: iso(r.at + 1_000),
      finished_at: finished ? iso(s.updatedAt) : null,
      duration: finished ? Math.max(1, (s.updatedAt - r.at) / 1000) : null,
      user: DEPLOYER,
      commit: { id: sha, short_id: sha.slice(0, 8), title: String(s.patch.title ?? r.title), message: `${String(s.patch.title ?? r.title)}\n`, author_name: 'Ada Lovelace', author_email: 'ada@acme.example', created_at: iso(r.at - 600_000), web_url: `${p.web_url}/-/commit/${sha}` },
      pipeline: { id: pipelineId, iid: 1 + (h % 5000), project_id: p.id, sha, ref: 'main', status: finished ? 'success' : 'running', source: 'push', created_at: iso(r.at - 300_000), updated_at: iso(s.updatedAt), web_url: `${p.web_url}/-/pipelines/${pipelineId}` },
    },
  };
}

function gitlabApi(state: EmulatorState): Hono {
  const app = new Hono();
  app.use('*', async (c, next) => {
    rateHeaders(c, 1999, 60);
    if (!state.isValid('gitlab', c.req.header('private-token'))) return c.json({ message: '401 Unauthorized' }, 401);
    await next();
  });
  app.get('/api/v4/projects/:id', (c) => {
    const p = findProject(decodeURIComponent(c.req.param('id')));
    return p ? c.json({ ...p, default_branch: 'main', visibility: 'private', created_at: '2023-06-01T08:00:00.000Z', last_activity_at: new Date().toISOString() }) : c.json({ message: '404 Project Not Found' }, 404);
  });
  app.get('/api/v4/projects/:id/deployments', (c) => {
    const p = findProject(decodeURIComponent(c.req.param('id')));
    if (!p) return c.json({ message: '404 Project Not Found' }, 404);
    const q = c.req.query();
    const perPage = Math.min(100, Number(q.per_page ?? 20));
    const page = Math.max(1, Number(q.page ?? 1));
    if ((q.updated_after || q.updated_before) && q.order_by !== 'updated_at') {
      return c.json({ message: '400 Bad request - updated_after and updated_before require order_by to be updated_at' }, 400);
    }
    const after = q.updated_after ? Date.parse(q.updated_after) : 0;
    const before = q.updated_before ? Date.parse(q.updated_before) : Date.now() + 1;
    if (Number.isNaN(after) || Number.isNaN(before)) return c.json({ error: 'updated_after is invalid' }, 400);
    const index = GITLAB_PROJECTS.indexOf(p);
    // Inclusive at both ends (the documented behaviour is ambiguous; the client must not depend on it).
    const window = state.data.listModified('gitlab', 'deployment', after, before + 1).filter((s) => projectOf(s.rec) === index);
    const all = q.sort === 'desc' ? [...window].reverse() : window;
    const totalPages = Math.max(1, Math.ceil(all.length / perPage));
    c.header('x-page', String(page));
    c.header('x-per-page', String(perPage));
    c.header('x-total', String(all.length));
    c.header('x-total-pages', String(totalPages));
    c.header('x-next-page', page < totalPages ? String(page + 1) : '');
    c.header('x-prev-page', page > 1 ? String(page - 1) : '');
    return c.json(all.slice((page - 1) * perPage, page * perPage).map((r) => deployment(r, index)));
  });
  return app;
}

export const gitlab: EmulatedProvider = {
  api: gitlabApi,
  timelines: { deployment: { auto: 1, spreadMs: 1_800_000, mutable: true, deletable: true } },
  externalId: (_kind, rec) => String(deploymentId(rec)),
  errors: {
    unauthorized: (c) => c.json({ message: '401 Unauthorized' }, 401),
    rateLimited: (c, s) => {
      rateHeaders(c, 0, s);
      c.header('retry-after', String(s));
      return c.text('Retry later', 429);
    },
    serverError: (c, status) => c.json({ message: '500 Internal Server Error' }, status as 500),
  },
};
