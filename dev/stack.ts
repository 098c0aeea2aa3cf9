// `tributary start`: PostgreSQL, Temporal dev server (with UI), provider emulator, migrations, worker and API on one machine.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { startEmulator, type RunningEmulator } from './emulator/app.ts';
import { DEMO_CREDENTIALS } from './emulator/state.ts';
import { createDb, migrateToLatest } from '../db/db.ts';
import { sha256Hex } from '../lib/crypto.ts';
import { createApiKey } from '../services/workspaces.ts';
import { waitFor } from './net.ts';
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedPg } from './postgres.ts';
import { clearStackEnv, DATA_DIR, loadOrCreateSecrets, ROOT, saveSecrets, writeStackEnv } from './state.ts';
import { startDevTemporal, type DevTemporal } from './temporal-server.ts';

const say = (line: string) => console.log(`[tributary] ${line}`);
const num = (v: string | undefined, d: number) => (v ? Number(v) : d);

export async function runStack(): Promise<number> {
  const env = process.env;
  const secrets = loadOrCreateSecrets();
  const stops: Array<() => Promise<void>> = [];
  const children: ChildProcess[] = [];
  let temporalProcess: ChildProcess | undefined;
  let stopping = false;

  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('stopping…');
    // Signal every child now so none is orphaned, then wait for them.
    for (const c of [...children, temporalProcess]) if (c && c.exitCode === null) c.kill('SIGTERM');
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null || c.signalCode !== null) return resolve();
            const t = setTimeout(() => c.kill('SIGKILL'), 15_000);
            c.once('exit', () => {
              clearTimeout(t);
              resolve();
            });
            c.kill('SIGTERM');
          }),
      ),
    );
    for (const stop of stops.reverse()) await stop().catch((e) => say(`stop failed: ${(e as Error).message}`));
    clearStackEnv();
    say('stopped');
    process.exit(code);
  };
  // If this process dies for any reason, take the children with it rather than orphaning them.
  process.on('exit', () => {
    for (const c of [...children, temporalProcess]) if (c && c.exitCode === null) c.kill('SIGKILL');
  });
  // Only our ordered shutdown answers a signal (no library's handler may exit the process first).
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  try {
    // PostgreSQL
    let databaseUrl = env.DATABASE_URL;
    if (!databaseUrl) {
      const port = num(env.EMBEDDED_PG_PORT, 5433);
      say(`starting embedded PostgreSQL on 127.0.0.1:${port} (data in ${path.relative(ROOT, DATA_DIR) || DATA_DIR}/postgres)`);
      const pg: EmbeddedPg = await startEmbeddedPostgres({ dir: path.join(DATA_DIR, 'postgres'), port, password: secrets.postgres_password, persistent: true, log: say });
      stops.push(() => pg.stop());
      await ensureDatabase(pg.url('postgres'), 'tributary');
      databaseUrl = pg.url('tributary');
    }

    // Temporal
    let temporalAddress = env.TEMPORAL_ADDRESS;
    let uiUrl = env.TEMPORAL_UI_URL;
    if (!temporalAddress) {
      const port = num(env.TEMPORAL_DEV_PORT, 7233);
      const uiPort = num(env.TEMPORAL_UI_PORT, 8233);
      say(`starting Temporal dev server on 127.0.0.1:${port}, Web UI on ${uiPort}`);
      const t: DevTemporal = await startDevTemporal({ port, uiPort, dbFilename: path.join(DATA_DIR, 'temporal.db'), log: say });
      stops.push(() => t.stop());
      temporalAddress = t.address;
      temporalProcess = t.process;
      uiUrl = t.uiUrl;
    }

    // Provider emulator (demo mode)
    let emulator: RunningEmulator | undefined;
    const demo = env.TRIBUTARY_DEMO !== 'false';
    if (demo) {
      // Churn: the demo's incidents, alerts and issues move on (acknowledged, resolved…) while you watch.
      emulator = await startEmulator({ port: num(env.EMULATOR_PORT, 4010), churn: true });
      stops.push(() => emulator!.close());
    }

    // Migrations and the development API key
    const db = createDb(databaseUrl, 2);
    const applied = await migrateToLatest(db);
    if (applied.length) say(`migrations applied: ${applied.join(', ')}`);
    let devKey = secrets.dev_api_key;
    const known = devKey ? await db.selectFrom('api_keys').select('id').where('key_hash', '=', sha256Hex(devKey)).executeTakeFirst() : undefined;
    if (!known) {
      devKey = (await createApiKey(db, 'dev')).key;
      saveSecrets({ ...secrets, dev_api_key: devKey });
    }
    await db.destroy();

    const port = num(env.PORT, 3000);
    const publicUrl = env.PUBLIC_URL ?? `http://localhost:${port}`;
    const childEnv: Record<string, string> = {
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporalAddress,
      ENCRYPTION_KEY: env.ENCRYPTION_KEY ?? secrets.encryption_key,
      PORT: String(port),
      WORKER_PORT: String(num(env.WORKER_PORT, 9464)),
      PUBLIC_URL: publicUrl,
      // Local development: webhook receivers on localhost/http are allowed (never in production).
      WEBHOOK_ALLOW_PRIVATE: env.WEBHOOK_ALLOW_PRIVATE ?? 'true',
      ...(uiUrl ? { TEMPORAL_UI_URL: uiUrl } : {}),
      ...(emulator ? { EMULATOR_URL: emulator.url } : {}),
    };
    writeStackEnv(childEnv);

    const bin = path.join(ROOT, 'bin', 'tributary.mjs');
    for (const role of ['worker', 'api'] as const) {
      const child = spawn(process.execPath, [bin, role], { env: { ...env, ...childEnv }, stdio: ['ignore', 'inherit', 'inherit'] });
      child.on('exit', (code, signal) => {
        if (!stopping) {
          say(`${role} exited unexpectedly (${signal ?? code}); stopping the stack`);
          void shutdown(1);
        }
      });
      children.push(child);
    }

    await waitFor('the API to become ready', async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).ok, 120_000, 500);
    console.log(
      [
        '',
        '  Tributary is running.',
        `  API:              ${publicUrl}/v1`,
        `  Integrations UI:  ${publicUrl}/integrations`,
        `  API docs:         ${publicUrl}/docs`,
        `  Temporal UI:      ${uiUrl ?? '(external Temporal: see your cluster\'s UI)'}`,
        `  Metrics:          ${publicUrl}/metrics (API), http://127.0.0.1:${childEnv.WORKER_PORT}/metrics (worker)`,
        `  Dev API key:      ${devKey}`,
        emulator
          ? `  DEMO MODE:        providers without real credentials talk to the local emulator at ${emulator.url}\n` +
            Object.entries(DEMO_CREDENTIALS).map(([p, creds]) => `                    demo ${p} credentials: ${JSON.stringify(creds)}`).join('\n') +
            '\n                    OAuth types (github, slack, jira, pagerduty via OAuth) authorize against the emulator'
          : '  Providers:        real endpoints',
        `  Try:              curl -H "Authorization: Bearer ${devKey}" ${publicUrl}/v1/connector-types`,
        '  Ctrl-C stops everything; data stays in .data/.',
        '',
      ].join('\n'),
    );
    await new Promise(() => {});
    return 0;
  } catch (err) {
    say(`failed to start: ${(err as Error).message}`);
    await shutdown(1);
    return 1;
  }
}
